#include "finding/boxed.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "finding/finding.h"

namespace driftcheck {
namespace {

TEST(Boxed, StartsEmptyAndTakesOnePointer) {
  const Boxed<std::string> none;
  EXPECT_FALSE(none);
  EXPECT_FALSE(none.has_value());
  EXPECT_EQ(sizeof(Boxed<Allowance>), sizeof(void*));
}

TEST(Boxed, ReadsLikeAnOptionalOnceAssigned) {
  Boxed<Allowance> allowed;
  allowed = Allowance{"legacy-port", "migrating", "team-a", "2027-01-01", "OPS-1"};
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->rule, "legacy-port");
  EXPECT_EQ((*allowed).owner, "team-a");
  allowed.reset();
  EXPECT_FALSE(allowed);
}

TEST(Boxed, CopiesAreDeepAndIndependent) {
  Boxed<std::string> a = std::string("kept");
  Boxed<std::string> b = a;
  *b = "changed";
  EXPECT_EQ(*a, "kept");
  EXPECT_EQ(*b, "changed");
  b = Boxed<std::string>();
  EXPECT_TRUE(a);
  EXPECT_FALSE(b);
  a = a;  // NOLINT: self-assignment keeps the value
  EXPECT_EQ(*a, "kept");
}

TEST(Boxed, MovingTakesTheValueWithoutCopying) {
  Boxed<std::string> a = std::string("moved");
  const std::string* held = &*a;
  Boxed<std::string> b = std::move(a);
  EXPECT_EQ(&*b, held);
  EXPECT_FALSE(a);  // NOLINT: a moved-from Boxed is empty
}

}  // namespace
}  // namespace driftcheck
