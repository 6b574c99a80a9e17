#include "path/path.h"

#include <gtest/gtest.h>

namespace driftcheck {
namespace {

TEST(Path, JoinsKeysWithDotsAndIndexesWithBrackets) {
  EXPECT_EQ(Path().Key("database").Key("pool_size").ToString(), "database.pool_size");
  EXPECT_EQ(Path().Key("hosts").Index(2).ToString(), "hosts[2]");
  EXPECT_EQ(Path().Index(0).Key("name").ToString(), "[0].name");
  EXPECT_EQ(Path().ToString(), "");
}

TEST(Path, QuotesKeysThatWouldBeMisread) {
  EXPECT_EQ(Path().Key("annotations").Key("app.kubernetes.io/name").ToString(),
            "annotations.\"app.kubernetes.io/name\"");
  EXPECT_EQ(FormatPathKey(""), "\"\"");
  EXPECT_EQ(FormatPathKey("a b"), "\"a b\"");
  EXPECT_EQ(FormatPathKey("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(FormatPathKey("*"), "\"*\"");
  EXPECT_EQ(FormatPathKey("list[0]"), "\"list[0]\"");
}

TEST(Path, LeavesOrdinaryKeysBare) {
  EXPECT_EQ(FormatPathKey("pool_size"), "pool_size");
  EXPECT_EQ(FormatPathKey("DATABASE_URL"), "DATABASE_URL");
  EXPECT_EQ(FormatPathKey("x-request-id"), "x-request-id");
  EXPECT_EQ(FormatPathKey("/health"), "/health");
}

}  // namespace
}  // namespace driftcheck
