#include "core/strings.h"

#include <gtest/gtest.h>

namespace driftcheck {
namespace {

using Pieces = std::vector<std::string_view>;

TEST(Strings, SplitKeepsEmptyPieces) {
  EXPECT_EQ(Split("a/b/c", '/'), (Pieces{"a", "b", "c"}));
  EXPECT_EQ(Split("a//b", '/'), (Pieces{"a", "", "b"}));
  EXPECT_EQ(Split("", '.'), (Pieces{""}));
  EXPECT_EQ(Split("x.", '.'), (Pieces{"x", ""}));
}

TEST(Strings, AsciiLowerLeavesOtherBytesAlone) {
  EXPECT_EQ(AsciiLower("Prod-EU_1"), "prod-eu_1");
  EXPECT_EQ(AsciiLower("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");
}

}  // namespace
}  // namespace driftcheck
