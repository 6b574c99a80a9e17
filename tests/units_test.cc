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

TEST(Units, DurationOverflowIsRefusedNeverWrapped) {
  EXPECT_FALSE(ParseDuration("999999999999999999999999999999d"));  // wraps even 128 bits
  EXPECT_FALSE(ParseDuration("106752d"));                          // past 2^63 ns
  EXPECT_EQ(ParseDuration("106751d"), std::int64_t{106751} * 86400 * kSecond);
  EXPECT_FALSE(ParseDuration("9223372036s1s"));                    // the sum overflows
  EXPECT_EQ(ParseDuration("0.000000000000000000000000000000000000000001s"), 0);
}

TEST(Units, BytesOverflowIsRefused) {
  EXPECT_FALSE(ParseBytes("8Ei"));
  EXPECT_EQ(ParseBytes("7Ei"), std::int64_t{7} << 60);
  EXPECT_FALSE(ParseBytes("9223372036854775808"));
  EXPECT_FALSE(ParseBytes("999999999999999999999999999999E"));
}

TEST(Units, QuantityOutOfADoublesReachIsRefused) {
  EXPECT_FALSE(ParseQuantity("1e400"));
  EXPECT_FALSE(ParseQuantity("1e-320"));       // would round to a subnormal shared with 1.1e-320
  EXPECT_FALSE(ParseQuantity("1e-330"));       // would be 0
  EXPECT_FALSE(ParseQuantity("12345678901234567"));   // 17 digits: not exact as a double
  EXPECT_EQ(ParseQuantity("1000000000000000000000"), 1e21);  // trailing zeros are exact
  EXPECT_NE(ParseQuantity("123456789012345"), ParseQuantity("123456789012346"));
}

}  // namespace
}  // namespace driftcheck
