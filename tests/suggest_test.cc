#include "core/suggest.h"

#include <gtest/gtest.h>

namespace driftcheck {
namespace {

TEST(Suggest, MeasuresEditDistance) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("same", "same"), 0u);
  EXPECT_EQ(EditDistance("mian", "main"), 1u);  // a swap is one edit
}

TEST(Suggest, SuggestsNearMissesOnly) {
  const std::vector<std::string> envs = {"staging", "production"};
  EXPECT_EQ(DidYouMean("prodution", envs), "did you mean 'production'?");
  EXPECT_EQ(DidYouMean("stagin", envs), "did you mean 'staging'?");
  EXPECT_EQ(DidYouMean("qa", envs), "");
  EXPECT_EQ(ClosestMatch("mian", {"main", "v1.0.0"}), std::optional<std::string>("main"));
}

}  // namespace
}  // namespace driftcheck
