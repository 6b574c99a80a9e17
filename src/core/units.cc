#include "core/units.h"

#include <array>
#include <cmath>
#include <limits>
#include <string>

namespace driftcheck {
namespace {

// 128 bits hold any 64-bit amount times any unit without overflow.
__extension__ typedef __int128 Wide;
constexpr Wide kInt64Max = static_cast<Wide>(INT64_MAX);
constexpr int kMaxDigits = 30;  // past this a decimal no longer fits 128 bits exactly
constexpr int kMaxPow10 = 36;   // 10^36 < 2^127
constexpr Wide kWideLimit = static_cast<Wide>(1) << 120;
constexpr std::int64_t kMaxExactDouble = std::int64_t{1} << 53;
constexpr int kQuantityDigits = 15;  // distinct decimals of 15 digits are distinct doubles

// A decimal number as read: sign * digits * 10^exponent, exactly.
struct Decimal {
  bool negative = false;
  Wide digits = 0;
  int exponent = 0;  // power of ten
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads `[+-]?digits[.digits]` (at least one digit) from the front of `text`.
std::optional<Decimal> ReadDecimal(std::string_view& text, bool allow_sign) {
  Decimal out;
  if (allow_sign && !text.empty() && (text[0] == '+' || text[0] == '-')) {
    out.negative = text[0] == '-';
    text.remove_prefix(1);
  }
  int count = 0;
  bool any = false, fraction = false;
  while (!text.empty() && (IsDigit(text[0]) || (text[0] == '.' && !fraction))) {
    if (text[0] == '.') {
      fraction = true;
    } else {
      any = true;
      if (out.digits != 0 || text[0] != '0') ++count;
      if (count > kMaxDigits) return std::nullopt;
      out.digits = out.digits * 10 + (text[0] - '0');
      if (fraction) --out.exponent;
    }
    text.remove_prefix(1);
  }
  if (!any) return std::nullopt;
  return out;
}

Wide Pow10(int n) {
  Wide p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// digits * 10^exponent * scale as an exact integer, or nullopt when it is not
// whole (allow_fraction = false) or does not fit 64 bits.
std::optional<std::int64_t> Scale(const Decimal& d, Wide scale, int exponent_shift) {
  const int exponent = d.exponent + exponent_shift;
  if (exponent > 18 || exponent < -kMaxDigits) return std::nullopt;
  Wide value = d.digits;
  if (value != 0 && scale > kInt64Max / value) return std::nullopt;
  value *= scale;
  if (exponent >= 0) {
    const Wide factor = Pow10(exponent);
    if (value != 0 && factor > kInt64Max / value) return std::nullopt;
    value *= factor;
  } else {
    const Wide divisor = Pow10(-exponent);
    if (value % divisor != 0) return std::nullopt;
    value /= divisor;
  }
  if (value > kInt64Max) return std::nullopt;
  return static_cast<std::int64_t>(d.negative ? -value : value);
}

struct Suffix {
  std::string_view name;
  Wide scale;        // multiplier
  int exponent = 0;  // extra power of ten (negative for milli, micro, nano)
};

constexpr Wide kKi = 1024;

const Suffix* FindSuffix(std::string_view name, const Suffix* table, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    if (table[i].name == name) return &table[i];
  }
  return nullptr;
}

// Adds a duration term to a running total without overflow.
bool AddTerm(Wide& total, std::int64_t term) {
  total += term;
  return total <= kInt64Max && total >= -kInt64Max;
}

}  // namespace

std::optional<std::int64_t> ParseDuration(std::string_view text) {
  static const std::array<Suffix, 8> kUnits = {{
      {"ns", 1}, {"us", 1'000}, {"\xC2\xB5s", 1'000}, {"ms", 1'000'000},
      {"s", 1'000'000'000}, {"m", Wide{60} * 1'000'000'000},
      {"h", Wide{3600} * 1'000'000'000}, {"d", Wide{86400} * 1'000'000'000},
  }};
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return 0;
  Wide total = 0;
  bool any = false;
  while (!text.empty()) {
    auto number = ReadDecimal(text, false);
    if (!number) return std::nullopt;
    std::size_t unit_length = 0;
    while (unit_length < text.size() && !IsDigit(text[unit_length]) && text[unit_length] != '.') {
      ++unit_length;
    }
    const Suffix* unit = FindSuffix(text.substr(0, unit_length), kUnits.data(), kUnits.size());
    if (!unit) return std::nullopt;
    text.remove_prefix(unit_length);
    // A fraction of a nanosecond is dropped, as Go does.
    const Decimal whole = *number;
    // Checked before multiplying: 10^30 digits times days in ns would wrap
    // even 128 bits.
    if (whole.digits > kWideLimit / unit->scale) return std::nullopt;
    Wide scaled = whole.digits * unit->scale;
    if (whole.exponent < -kMaxPow10) {
      scaled = 0;
    } else if (whole.exponent < 0) {
      scaled /= Pow10(-whole.exponent);
    }
    if (scaled > kInt64Max || !AddTerm(total, static_cast<std::int64_t>(scaled))) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return static_cast<std::int64_t>(negative ? -total : total);
}

std::optional<std::int64_t> ParseBytes(std::string_view text) {
  static const std::array<Suffix, 26> kUnits = {{
      {"", 1}, {"B", 1},
      {"Ki", kKi}, {"Mi", kKi * kKi}, {"Gi", kKi * kKi * kKi}, {"Ti", kKi * kKi * kKi * kKi},
      {"Pi", kKi * kKi * kKi * kKi * kKi}, {"Ei", kKi * kKi * kKi * kKi * kKi * kKi},
      {"KiB", kKi}, {"MiB", kKi * kKi}, {"GiB", kKi * kKi * kKi}, {"TiB", kKi * kKi * kKi * kKi},
      {"PiB", kKi * kKi * kKi * kKi * kKi}, {"EiB", kKi * kKi * kKi * kKi * kKi * kKi},
      {"k", 1, 3}, {"K", 1, 3}, {"M", 1, 6}, {"G", 1, 9}, {"T", 1, 12}, {"P", 1, 15}, {"E", 1, 18},
      {"kB", 1, 3}, {"KB", 1, 3}, {"MB", 1, 6}, {"GB", 1, 9}, {"TB", 1, 12},
  }};
  auto number = ReadDecimal(text, true);
  if (!number) return std::nullopt;
  const Suffix* unit = FindSuffix(text, kUnits.data(), kUnits.size());
  if (!unit) return std::nullopt;
  return Scale(*number, unit->scale, unit->exponent);
}

std::optional<double> ParseQuantity(std::string_view text) {
  static const std::array<Suffix, 16> kUnits = {{
      {"", 1}, {"n", 1, -9}, {"u", 1, -6}, {"m", 1, -3},
      {"k", 1, 3}, {"M", 1, 6}, {"G", 1, 9}, {"T", 1, 12}, {"P", 1, 15}, {"E", 1, 18},
      {"Ki", kKi}, {"Mi", kKi * kKi}, {"Gi", kKi * kKi * kKi}, {"Ti", kKi * kKi * kKi * kKi},
      {"Pi", kKi * kKi * kKi * kKi * kKi}, {"Ei", kKi * kKi * kKi * kKi * kKi * kKi},
  }};
  auto number = ReadDecimal(text, true);
  if (!number) return std::nullopt;
  // Trailing zeros are exponent, not precision: 1000000000000000000000 is exact.
  while (number->digits != 0 && number->digits % 10 == 0) number->digits /= 10, ++number->exponent;
  if (number->digits >= Pow10(kQuantityDigits) || number->digits > kMaxExactDouble) return std::nullopt;
  int exponent = number->exponent;
  Wide scale = 1;
  if (!text.empty() && (text[0] == 'e' || text[0] == 'E') && text.size() > 1) {
    std::string_view rest = text.substr(1);
    auto power = ReadDecimal(rest, true);
    if (!power || power->exponent != 0 || !rest.empty() || power->digits > 300) return std::nullopt;
    exponent += static_cast<int>(power->negative ? -power->digits : power->digits);
  } else {
    const Suffix* unit = FindSuffix(text, kUnits.data(), kUnits.size());
    if (!unit) return std::nullopt;
    exponent += unit->exponent;
    scale = unit->scale;
  }
  // One correctly rounded step from the exact decimal, so `500m` and `0.5`
  // (the same rational) give the same double; the binary scale is exact.
  const double mantissa = static_cast<double>(number->digits);
  double value = exponent >= 0 ? mantissa * std::pow(10.0, exponent)
                               : mantissa / std::pow(10.0, -exponent);
  value *= static_cast<double>(scale);
  // Beyond a double's range, or below its normal range (where 1e-320 and
  // 2e-320 would round together, or to 0), an amount is not exact: refused.
  if (!std::isfinite(value)) return std::nullopt;
  if (number->digits != 0 && std::fabs(value) < std::numeric_limits<double>::min()) return std::nullopt;
  return number->negative ? -value : value;
}

}  // namespace driftcheck
