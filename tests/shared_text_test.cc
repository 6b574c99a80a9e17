#include "finding/shared_text.h"

#include "finding/finding.h"
#include "finding/shared_placeholders.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace driftcheck {
namespace {

TEST(SharedText, ReadsAsTheStringItWasMadeFrom) {
  const SharedText text = std::string("services/api/production.yaml");
  const std::string& as_string = text;
  EXPECT_EQ(as_string, "services/api/production.yaml");
  EXPECT_EQ(text.str(), "services/api/production.yaml");
  EXPECT_EQ(text.size(), 28u);
  EXPECT_STREQ(text.c_str(), "services/api/production.yaml");
  EXPECT_FALSE(text.empty());
}

TEST(SharedText, CopiesShareOneStringInsteadOfAllocating) {
  const SharedText text = "0123456789abcdef0123456789abcdef01234567";
  const SharedText copy = text;
  EXPECT_EQ(&copy.str(), &text.str());
  EXPECT_EQ(text.use_count(), 2u);
}

TEST(SharedText, OutlivesTheCopyItWasMadeFrom) {
  SharedText copy;
  {
    const SharedText text = "production@v1.4.0";
    copy = text;
  }
  EXPECT_EQ(copy, "production@v1.4.0");
  EXPECT_EQ(copy.use_count(), 1u);
}

TEST(SharedText, MovingLeavesTheSourceEmpty) {
  SharedText text = "staging";
  const SharedText moved = std::move(text);
  EXPECT_EQ(moved, "staging");
  EXPECT_TRUE(text.empty());  // NOLINT: reading a moved-from text is defined
  EXPECT_EQ(text.str(), "");
}

TEST(SharedText, EmptyTextAllocatesNothing) {
  const SharedText none;
  const SharedText from_empty = std::string();
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(from_empty.empty());
  EXPECT_EQ(none.use_count(), 0u);
  EXPECT_EQ(none, from_empty);
  EXPECT_EQ(none, "");
}

TEST(SharedText, ComparesByContentWithTextsAndStrings) {
  const SharedText a = "production";
  const SharedText b = std::string("production");
  const SharedText c = "staging";
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_LT(a, c);
  EXPECT_EQ(a, std::string("production"));
  EXPECT_EQ(std::string("production"), a);
  EXPECT_LT(a, std::string("staging"));
  EXPECT_EQ(a, std::string_view("production"));
}

TEST(SharedText, ConcatenatesAndPrintsAsAString) {
  const SharedText label = "staging";
  EXPECT_EQ(label + " ↔ production", "staging ↔ production");
  EXPECT_EQ("test ↔ " + label, "test ↔ staging");
  EXPECT_EQ(std::string("[") + label + std::string("]"), "[staging]");
  std::ostringstream out;
  out << label;
  EXPECT_EQ(out.str(), "staging");
}

TEST(SharedText, CopiesAndDropsSafelyFromManyThreads) {
  const SharedText text = "services/big/production.yaml";
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        const SharedText copy = text;
        ASSERT_EQ(copy.size(), text.size());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(text.use_count(), 1u);
}

TEST(SharedPlaceholders, CopiesShareOneListAndCompareByValue) {
  const SharedPlaceholders a = SharedPlaceholders::List{{"service", "api"}, {"region", "eu"}};
  const SharedPlaceholders copy = a;
  EXPECT_EQ(&copy.list(), &a.list());
  const SharedPlaceholders same{{"service", "api"}, {"region", "eu"}};
  EXPECT_NE(&same.list(), &a.list());
  EXPECT_EQ(same, a);
  EXPECT_EQ(a, (SharedPlaceholders::List{{"service", "api"}, {"region", "eu"}}));
  const SharedPlaceholders web{{"service", "web"}};
  EXPECT_NE(web, a);
  EXPECT_LT(a, web);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].second, "eu");
  const SharedPlaceholders none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.begin(), none.end());
  EXPECT_LT(none, a);
  EXPECT_EQ(none, SharedPlaceholders(SharedPlaceholders::List{}));
}

TEST(SharedPlaceholders, AssignMakesANewListAndLeavesCopiesAlone) {
  SharedPlaceholders a{{"service", "api"}};
  const SharedPlaceholders before = a;
  const std::map<std::string, std::string> bound{{"service", "web"}};
  a.assign(bound.begin(), bound.end());
  EXPECT_EQ(a[0].second, "web");
  EXPECT_EQ(before[0].second, "api");
}

TEST(FindingId, HoldsSixteenHexDigitsInPlace) {
  const FindingId id("3fa9c0d2e1b4a5f6");
  EXPECT_EQ(id.view(), "3fa9c0d2e1b4a5f6");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id, std::string("3fa9c0d2e1b4a5f6"));
  EXPECT_EQ("[" + id + "]", "[3fa9c0d2e1b4a5f6]");
  EXPECT_EQ(id + "|changed", "3fa9c0d2e1b4a5f6|changed");
  std::ostringstream out;
  out << id;
  EXPECT_EQ(out.str(), "3fa9c0d2e1b4a5f6");
  EXPECT_TRUE(FindingId().empty());
  EXPECT_EQ(FindingId().view(), "");
  EXPECT_LT(FindingId("0000000000000001"), id);
  EXPECT_NE(FindingId("3fa9c0d2e1b4a5f7"), id);
  // No id is longer; one would not be cut short silently.
  EXPECT_THROW(FindingId("3fa9c0d2e1b4a5f6a"), std::length_error);
}

TEST(ValueDigest, PrintsSixteenHexDigitsOrNothing) {
  EXPECT_FALSE(ValueDigest().has_value());
  EXPECT_EQ(ValueDigest().hex(), "");
  EXPECT_EQ(ValueDigest::Of(0x3fa9c0d2ULL).hex(), "000000003fa9c0d2");
  // 0 means unset, so a hash of 0 is kept as 1: never read as "no value".
  EXPECT_TRUE(ValueDigest::Of(0).has_value());
  EXPECT_EQ(ValueDigest::FromBits(ValueDigest::Of(42).bits()), ValueDigest::Of(42));
  EXPECT_NE(ValueDigest::Of(42), ValueDigest::Of(43));
}

}  // namespace
}  // namespace driftcheck
