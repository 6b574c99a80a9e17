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

}  // namespace
}  // namespace driftcheck
