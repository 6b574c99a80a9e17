#include "config/value.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace driftcheck {
namespace {

Value Plain(const std::string& text) { return Value::FromPlainScalar(text, {}); }

TEST(Value, ResolvesPlainScalarsByYaml12CoreSchema) {
  EXPECT_EQ(Plain("~").kind(), Value::Kind::kNull);
  EXPECT_EQ(Plain("").kind(), Value::Kind::kNull);
  EXPECT_EQ(Plain("True").kind(), Value::Kind::kBool);
  EXPECT_EQ(Plain("42").as_int(), 42);
  EXPECT_EQ(Plain("-7").as_int(), -7);
  EXPECT_EQ(Plain("0x1F").as_int(), 31);
  EXPECT_EQ(Plain("0o17").as_int(), 15);
  EXPECT_EQ(Plain("1.5").kind(), Value::Kind::kFloat);
  EXPECT_EQ(Plain("1e3").kind(), Value::Kind::kFloat);
  EXPECT_EQ(Plain(".inf").kind(), Value::Kind::kFloat);
  EXPECT_EQ(Plain("-.INF").kind(), Value::Kind::kFloat);
  EXPECT_EQ(Plain(".nan").kind(), Value::Kind::kFloat);
}

TEST(Value, DoesNotGuessOctalOrYaml11Booleans) {
  EXPECT_EQ(Plain("010").as_int(), 10);  // decimal, not 8
  EXPECT_EQ(Plain("yes").kind(), Value::Kind::kString);
  EXPECT_EQ(Plain("no").kind(), Value::Kind::kString);
  EXPECT_EQ(Plain("on").kind(), Value::Kind::kString);
  EXPECT_EQ(Plain("1_000").kind(), Value::Kind::kString);
  EXPECT_EQ(Plain("0x").kind(), Value::Kind::kString);
  EXPECT_EQ(Plain("1.2.3").kind(), Value::Kind::kString);
  EXPECT_EQ(Plain("+").kind(), Value::Kind::kString);
  EXPECT_EQ(Plain(".").kind(), Value::Kind::kString);
}

TEST(Value, KeepsHugeIntegersExact) {
  const Value v = Plain("123456789012345678901234567890");
  EXPECT_EQ(v.kind(), Value::Kind::kInt);
  EXPECT_FALSE(v.fits_int64());
  EXPECT_EQ(v.text(), "123456789012345678901234567890");
  EXPECT_EQ(v.DecimalText(), "123456789012345678901234567890");
  EXPECT_DOUBLE_EQ(v.as_double(), 1.2345678901234568e29);
  EXPECT_EQ(Plain("-000123456789012345678901234567890").DecimalText(),
            "-123456789012345678901234567890");
  EXPECT_EQ(Plain("+18446744073709551616").DecimalText(), "18446744073709551616");
  EXPECT_EQ(Plain("-9223372036854775808").as_int(), INT64_MIN);
  EXPECT_TRUE(Plain("-9223372036854775808").fits_int64());
  EXPECT_FALSE(Plain("9223372036854775808").fits_int64());
  EXPECT_EQ(Plain("-0").DecimalText(), "0");
  EXPECT_EQ(Plain("42").DecimalText(), "42");
}

TEST(Value, HexAndOctalBeyond64BitsBecomeExactDecimals) {
  EXPECT_EQ(Plain("0x10000000000000001").DecimalText(), "18446744073709551617");
  EXPECT_EQ(Plain("0o1000000000000000000001").DecimalText(), "9223372036854775809");
  EXPECT_EQ(Plain("0x00000000000000000000001F").as_int(), 31);  // leading zeros still fit
  // Past 1024 bits the quadratic conversion is not attempted: a string, as written.
  const Value huge = Plain("0x1" + std::string(300, '0'));
  EXPECT_EQ(huge.kind(), Value::Kind::kString);
  EXPECT_EQ(huge.text(), "0x1" + std::string(300, '0'));
}

TEST(Value, IntegersCompareExactlyAtAnySize) {
  EXPECT_FALSE(SameValue(Plain("18446744073709551617"), Plain("18446744073709551616")));
  EXPECT_TRUE(SameValue(Plain("18446744073709551617"), Plain("0018446744073709551617")));
  EXPECT_TRUE(SameValue(Plain("18446744073709551617"), Plain("0x10000000000000001")));
  EXPECT_FALSE(SameValue(Plain("9223372036854775808"), Plain("9223372036854775807")));
  EXPECT_FALSE(SameValue(Plain("-9223372036854775809"), Plain("-9223372036854775808")));
  const std::string many(400, '7');
  EXPECT_TRUE(SameValue(Plain(many), Plain(many)));
  EXPECT_FALSE(SameValue(Plain(many), Plain(many + "7")));
}

TEST(Value, IntegersAndFloatsCompareWithoutRounding) {
  EXPECT_FALSE(SameValue(Plain("9007199254740993"), Plain("9007199254740992.0")));
  EXPECT_TRUE(SameValue(Plain("9007199254740992"), Plain("9007199254740992.0")));
  EXPECT_FALSE(SameValue(Plain("9223372036854775807"), Plain("9223372036854775808.0")));
  EXPECT_TRUE(SameValue(Plain("9223372036854775808"), Plain("9223372036854775808.0")));
  EXPECT_TRUE(SameValue(Plain("-9223372036854775808"), Plain("-9223372036854775808.0")));
  EXPECT_FALSE(SameValue(Plain("18446744073709551617"), Plain("1.8446744073709551617e19")));
  EXPECT_TRUE(SameValue(Plain("18446744073709551616"), Plain("1.8446744073709551616e19")));
  // The double nearest 1e300 is not 10^300 but an integer of 301 digits.
  EXPECT_FALSE(SameValue(Plain("1" + std::string(300, '0')), Plain("1e300")));
  char exact[400];
  std::snprintf(exact, sizeof exact, "%.0f", 1e300);
  EXPECT_TRUE(SameValue(Plain(exact), Plain("1e300")));
  EXPECT_TRUE(SameValue(Plain("1"), Plain("1.0")));
  EXPECT_TRUE(SameValue(Plain("1.0"), Plain("1")));
  EXPECT_TRUE(SameValue(Plain("1000"), Plain("1e3")));
  EXPECT_TRUE(SameValue(Plain("0"), Plain("-0.0")));
  EXPECT_FALSE(SameValue(Plain("1"), Plain("1.5")));
  EXPECT_FALSE(SameValue(Plain("9223372036854775807"), Plain(".inf")));
  EXPECT_FALSE(SameValue(Plain("1" + std::string(400, '0')), Plain(".inf")));
  EXPECT_FALSE(SameValue(Plain("0"), Plain(".nan")));
}

TEST(Value, FloatsBeyondADoublesRangeCompareExactly) {
  EXPECT_FALSE(SameValue(Plain("1e400"), Plain("2e400")));
  EXPECT_FALSE(SameValue(Plain("1e400"), Plain(".inf")));
  EXPECT_TRUE(SameValue(Plain("1e400"), Plain("10.0e399")));
  EXPECT_TRUE(SameValue(Plain("1" + std::string(400, '0')), Plain("1e400")));
  EXPECT_FALSE(SameValue(Plain("1e-400"), Plain("0")));
  EXPECT_FALSE(SameValue(Plain("1e-400"), Plain("2e-400")));
  EXPECT_FALSE(SameValue(Plain("4.9e-324"), Plain("5e-324")));  // one subnormal double
  EXPECT_TRUE(SameValue(Plain("-1.50e-400"), Plain("-15e-401")));
  EXPECT_TRUE(SameValue(Plain("0e-400"), Plain("0")));
}

TEST(Value, MapsKeepInsertionOrderAndFindByKey) {
  Value map = Value::Map({});
  EXPECT_FALSE(map.Insert("zeta", {}, Plain("1")));
  EXPECT_FALSE(map.Insert("alpha", {}, Plain("2")));
  EXPECT_EQ(map.Insert("zeta", {}, Plain("3")), std::optional<std::size_t>(0));
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map.key(0), "zeta");
  EXPECT_EQ(map.Find("alpha")->as_int(), 2);
  EXPECT_EQ(map.Find("zeta")->as_int(), 1);
  EXPECT_EQ(map.Find("beta"), nullptr);
  map.Erase("zeta");
  EXPECT_EQ(map.size(), 1u);
  EXPECT_EQ(map.Find("alpha")->as_int(), 2);
  EXPECT_EQ(map.Find("zeta"), nullptr);
}

TEST(Value, SameValueIgnoresKeyOrderAndNumberSpelling) {
  Value a = Value::Map({}), b = Value::Map({});
  a.Insert("x", {}, Plain("1"));
  a.Insert("y", {}, Plain("0x10"));
  b.Insert("y", {}, Plain("16"));
  b.Insert("x", {}, Plain("1.0"));
  EXPECT_TRUE(SameValue(a, b));
  b.Set("x", {}, Plain("2"));
  EXPECT_FALSE(SameValue(a, b));
  EXPECT_FALSE(SameValue(Value::String("8080", true, {}), Plain("8080")));
}

}  // namespace
}  // namespace driftcheck

namespace driftcheck {
namespace {

TEST(Value, ParsesFloatValues) {
  EXPECT_DOUBLE_EQ(Value::FromPlainScalar("1.5", {}).as_double(), 1.5);
  EXPECT_DOUBLE_EQ(Value::FromPlainScalar("-2e3", {}).as_double(), -2000.0);
  EXPECT_EQ(Value::FromPlainScalar("1.5", {}).text(), "1.5");
}

}  // namespace
}  // namespace driftcheck

namespace driftcheck {
namespace {

TEST(Value, LargeMapsFindEveryKeyAndSurviveErasure) {
  Value map = Value::Map({});
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(map.Insert("k" + std::to_string(i), {}, Value::Int(i, std::to_string(i), {})));
  }
  EXPECT_EQ(map.Insert("k500", {}, Value::Null({})), std::optional<std::size_t>(500));
  for (int i = 0; i < 1000; i += 2) map.Erase("k" + std::to_string(i));
  ASSERT_EQ(map.size(), 500u);
  for (int i = 0; i < 1000; ++i) {
    const Value* found = map.Find("k" + std::to_string(i));
    if (i % 2 == 0) {
      EXPECT_EQ(found, nullptr) << i;
    } else {
      ASSERT_NE(found, nullptr) << i;
      EXPECT_EQ(found->as_int(), i);
    }
  }
  EXPECT_EQ(map.key(0), "k1");  // insertion order survives
  const Value copy = map;
  EXPECT_EQ(copy.Find("k999")->as_int(), 999);
}

}  // namespace
}  // namespace driftcheck
