#include "core/units.h"

#include <gtest/gtest.h>

namespace driftcheck {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

TEST(Units, DurationSpellingsOfOneAmountAreEqual) {
  EXPECT_EQ(ParseDuration("1m"), 60 * kSecond);
  EXPECT_EQ(ParseDuration("60s"), 60 * kSecond);
  EXPECT_EQ(ParseDuration("60000ms"), 60 * kSecond);
  EXPECT_EQ(ParseDuration("1h30m"), ParseDuration("90m"));
  EXPECT_EQ(ParseDuration("1.5h"), ParseDuration("90m"));
  EXPECT_EQ(ParseDuration("2d"), ParseDuration("48h"));
  EXPECT_EQ(ParseDuration("250us"), ParseDuration("250\xC2\xB5s"));
  EXPECT_EQ(ParseDuration("-5s"), -5 * kSecond);
  EXPECT_EQ(ParseDuration("0"), 0);
}

TEST(Units, DurationDifferentAmountsDiffer) {
  EXPECT_NE(ParseDuration("1m"), ParseDuration("61s"));
  EXPECT_NE(ParseDuration("1h"), ParseDuration("1m"));
}

TEST(Units, DurationRejectsWhatIsNotADuration) {
  EXPECT_FALSE(ParseDuration(""));
  EXPECT_FALSE(ParseDuration("30"));      // no unit: seconds or milliseconds?
  EXPECT_FALSE(ParseDuration("1x"));
  EXPECT_FALSE(ParseDuration("m"));
  EXPECT_FALSE(ParseDuration("1m 30s"));
  EXPECT_FALSE(ParseDuration("99999999999999999999h"));  // overflow, not wrap-around
}

TEST(Units, BytesBinaryAndDecimalSuffixes) {
  EXPECT_EQ(ParseBytes("1Gi"), 1073741824);
  EXPECT_EQ(ParseBytes("1G"), 1'000'000'000);
  EXPECT_EQ(ParseBytes("512Mi"), ParseBytes("0.5Gi"));
  EXPECT_EQ(ParseBytes("1GiB"), ParseBytes("1Gi"));
  EXPECT_EQ(ParseBytes("1k"), 1000);
  EXPECT_EQ(ParseBytes("1.5k"), 1500);
  EXPECT_EQ(ParseBytes("4096"), 4096);
  EXPECT_EQ(ParseBytes("4096B"), 4096);
  EXPECT_NE(ParseBytes("1G"), ParseBytes("1Gi"));
}

TEST(Units, BytesRejectsFractionsAndUnknownSuffixes) {
  EXPECT_FALSE(ParseBytes("0.5"));     // half a byte
  EXPECT_FALSE(ParseBytes("1Gb"));
  EXPECT_FALSE(ParseBytes("lots"));
  EXPECT_FALSE(ParseBytes("100Ei"));   // past 64 bits
  EXPECT_FALSE(ParseBytes(""));
}

TEST(Units, QuantityMilliCpuEqualsDecimal) {
  EXPECT_EQ(ParseQuantity("500m"), ParseQuantity("0.5"));
  EXPECT_EQ(ParseQuantity("100m"), ParseQuantity("0.1"));
  EXPECT_EQ(ParseQuantity("1"), ParseQuantity("1000m"));
  EXPECT_EQ(ParseQuantity("1e3"), ParseQuantity("1k"));
  EXPECT_EQ(ParseQuantity("1Ki"), 1024.0);
  EXPECT_NE(ParseQuantity("500m"), ParseQuantity("5"));
  EXPECT_FALSE(ParseQuantity("500x"));
  EXPECT_FALSE(ParseQuantity("m"));
}

}  // namespace
}  // namespace driftcheck
