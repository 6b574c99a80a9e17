#include "finding/shared_text.h"

#include <gtest/gtest.h>

#include <sstream>
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

}  // namespace
}  // namespace driftcheck
