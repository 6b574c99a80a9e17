#include "config/value.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <charconv>
#include <cmath>
#include <limits>
#include <tuple>
#include <vector>

namespace driftcheck {
namespace {

bool IsDigits(std::string_view s, bool (*digit)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), digit);
}
bool Dec(char c) { return c >= '0' && c <= '9'; }
bool Oct(char c) { return c >= '0' && c <= '7'; }
bool Hex(char c) { return Dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::optional<std::int64_t> ParseInt(std::string_view text, int base) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  std::uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (magnitude > kMax + 1) return std::nullopt;
    return magnitude == kMax + 1 ? std::numeric_limits<std::int64_t>::min()
                                 : -static_cast<std::int64_t>(magnitude);
  }
  if (magnitude > kMax) return std::nullopt;
  return static_cast<std::int64_t>(magnitude);
}

// YAML 1.2 core float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsCoreFloat(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && Dec(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && Dec(s[i])) ++i, ++frac_digits;
    if (int_digits == 0 && frac_digits == 0) return false;
  } else if (int_digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && Dec(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// Decimal digits with an optional sign, without leading zeros: "-0012" -> "-12".
std::string CanonicalDecimal(std::string_view decimal) {
  const bool negative = !decimal.empty() && decimal[0] == '-';
  if (!decimal.empty() && (decimal[0] == '-' || decimal[0] == '+')) decimal.remove_prefix(1);
  decimal.remove_prefix(std::min(decimal.find_first_not_of('0'), decimal.size()));
  if (decimal.empty()) return "0";
  return (negative ? "-" : "") + std::string(decimal);
}

// Hex and octal integers beyond 64 bits are converted to decimal up to this
// many significant digits (1024 bits in hex); the conversion is quadratic,
// so a hostile megabyte of digits must not reach it.
constexpr std::size_t kMaxRadixDigits = 256;

int DigitValue(char c) {
  if (Dec(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;  // a-f, either case
}

// Converts digits in base 8 or 16 (no sign, no prefix) to canonical decimal,
// or nullopt when there are too many of them.
std::optional<std::string> RadixToDecimal(std::string_view digits, int base) {
  digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size()));
  if (digits.size() > kMaxRadixDigits) return std::nullopt;
  std::vector<int> decimal;  // least significant digit first
  for (char c : digits) {
    int carry = DigitValue(c);
    for (int& d : decimal) {
      const int x = d * base + carry;
      d = x % 10;
      carry = x / 10;
    }
    for (; carry > 0; carry /= 10) decimal.push_back(carry % 10);
  }
  std::string out;
  for (auto d = decimal.rbegin(); d != decimal.rend(); ++d) out += static_cast<char>('0' + *d);
  return out.empty() ? "0" : out;
}

std::optional<double> ParseSpecialFloat(std::string_view s) {
  std::string_view body = s;
  double sign = 1;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    sign = body[0] == '-' ? -1 : 1;
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return sign * std::numeric_limits<double>::infinity();
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  return std::nullopt;
}

}  // namespace

Value Value::Null(Location where) {
  Value v;
  v.location_ = std::move(where);
  return v;
}

Value Value::Bool(bool value, Location where) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = value;
  v.text_ = value ? "true" : "false";
  v.location_ = std::move(where);
  return v;
}

Value Value::Int(std::int64_t value, std::string text, Location where) {
  Value v;
  v.kind_ = Kind::kInt;
  v.int_ = value;
  v.text_ = std::move(text);
  v.location_ = std::move(where);
  return v;
}

Value Value::Integer(std::string_view decimal, std::string text, Location where) {
  if (auto small = ParseInt(decimal, 10)) return Int(*small, std::move(text), std::move(where));
  std::string canonical = CanonicalDecimal(decimal);
  Value v = Int(decimal.starts_with('-') ? std::numeric_limits<std::int64_t>::min()
                                          : std::numeric_limits<std::int64_t>::max(),
                text.empty() ? canonical : std::move(text), std::move(where));
  v.big_ = decimal.starts_with('-') ? Big::kNegative : Big::kPositive;
  v.float_ = std::strtod(canonical.c_str(), nullptr);
  return v;
}

Value Value::Float(double value, std::string text, Location where) {
  Value v;
  v.kind_ = Kind::kFloat;
  v.float_ = value;
  v.text_ = std::move(text);
  v.location_ = std::move(where);
  return v;
}

Value Value::String(std::string value, bool quoted, Location where) {
  Value v;
  v.kind_ = Kind::kString;
  v.text_ = std::move(value);
  v.quoted_ = quoted;
  v.location_ = std::move(where);
  return v;
}

Value Value::List(Location where) {
  Value v;
  v.kind_ = Kind::kList;
  v.location_ = std::move(where);
  return v;
}

Value Value::Map(Location where) {
  Value v;
  v.kind_ = Kind::kMap;
  v.location_ = std::move(where);
  return v;
}

Value Value::FromPlainScalar(std::string text, Location where) {
  const std::string_view s = text;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    return Null(std::move(where));
  }
  if (s == "true" || s == "True" || s == "TRUE") return Bool(true, std::move(where));
  if (s == "false" || s == "False" || s == "FALSE") return Bool(false, std::move(where));

  // Integers of any size stay exact: beyond 64 bits they keep their digits.
  std::optional<std::string> decimal;
  for (const auto& [prefix, base, digit] :
       {std::tuple{"0o", 8, &Oct}, std::tuple{"0x", 16, &Hex}}) {
    if (s.size() > 2 && s.starts_with(prefix) && IsDigits(s.substr(2), digit)) {
      if (auto small = ParseInt(s.substr(2), base)) {
        return Int(*small, std::move(text), std::move(where));
      }
      decimal = RadixToDecimal(s.substr(2), base);
    }
  }
  if (IsDigits((s[0] == '-' || s[0] == '+') ? s.substr(1) : s, Dec)) {
    if (auto small = ParseInt(s, 10)) return Int(*small, std::move(text), std::move(where));
    decimal = std::string(s);  // a copy: `s` views `text`, which is moved below
  }
  if (decimal) return Integer(*decimal, std::move(text), std::move(where));

  if (IsCoreFloat(s)) {
    // Parse before `text` is moved into the value: argument order is unspecified.
    const double value = std::strtod(text.c_str(), nullptr);
    return Float(value, std::move(text), std::move(where));
  }
  if (auto special = ParseSpecialFloat(s)) return Float(*special, std::move(text), std::move(where));
  return String(std::move(text), false, std::move(where));
}

std::string Value::DecimalText() const {
  if (fits_int64()) return std::to_string(int_);
  // Integer() made text_ the literal as written; FromPlainScalar accepted
  // a 0x or 0o one only if RadixToDecimal could convert it.
  const std::string_view text = text_;
  if (text.starts_with("0x")) return RadixToDecimal(text.substr(2), 16).value_or("");
  if (text.starts_with("0o")) return RadixToDecimal(text.substr(2), 8).value_or("");
  return CanonicalDecimal(text);
}

double Value::as_double() const {
  if (kind_ == Kind::kInt && fits_int64()) return static_cast<double>(int_);
  return kind_ == Kind::kInt || kind_ == Kind::kFloat ? float_ : 0;
}

std::int64_t Value::as_int() const {
  switch (big_) {
    case Big::kPositive: return std::numeric_limits<std::int64_t>::max();
    case Big::kNegative: return std::numeric_limits<std::int64_t>::min();
    case Big::kNo: break;
  }
  return kind_ == Kind::kInt ? int_ : 0;
}

Value::Value(const Value& other)
    : location_(other.location_),
      kind_(other.kind_),
      quoted_(other.quoted_),
      bool_(other.bool_),
      big_(other.big_),
      text_(other.text_),
      extra_(other.extra_ ? std::make_unique<Extra>(*other.extra_) : nullptr) {
  if (other.kind_ == Kind::kFloat || other.big_ != Big::kNo) {
    float_ = other.float_;
  } else {
    int_ = other.int_;
  }
}

Value& Value::operator=(const Value& other) {
  if (this != &other) *this = Value(other);
  return *this;
}

Value::~Value() = default;

Value::Extra& Value::extra() {
  if (!extra_) extra_ = std::make_unique<Extra>();
  return *extra_;
}

void Value::Rewrite(Value normalized) {
  std::shared_ptr<const Value> original;
  std::shared_ptr<const std::vector<Location>> anchors = extra_ ? extra_->anchors : nullptr;
  if (rewritten()) {
    original = std::move(extra_->written);
  } else {
    original = std::make_shared<const Value>(std::move(*this));
  }
  *this = std::move(normalized);
  extra().written = std::move(original);
  // Still the same node, wherever else its value is copied.
  if (anchors) AddAnchors(*anchors);
}

void Value::Append(Value item) { extra().children.push_back(std::move(item)); }

namespace {

// Maps this small are searched linearly: most config maps are, and a hash
// index would cost more memory than it saves time.
constexpr std::size_t kLinearSearchLimit = 8;

std::size_t KeyHash(std::string_view key) { return std::hash<std::string_view>{}(key); }

}  // namespace

std::optional<std::size_t> Value::IndexOf(std::string_view key) const {
  if (!extra_) return std::nullopt;
  const auto& keys = extra_->keys;
  const auto& index = extra_->index;
  if (index.empty()) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) return i;
    }
    return std::nullopt;
  }
  const std::size_t mask = index.size() - 1;
  for (std::size_t slot = KeyHash(key) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
    if (keys[index[slot] - 1] == key) return index[slot] - 1;
  }
  return std::nullopt;
}

void Value::AddToIndex(std::size_t position) {
  Extra& e = extra();
  if (e.keys.size() <= kLinearSearchLimit) return;
  // Keep the table at most half full so probes stay short.
  if (e.index.empty() || e.keys.size() * 2 > e.index.size()) {
    RebuildIndex();
    return;
  }
  const std::size_t mask = e.index.size() - 1;
  std::size_t slot = KeyHash(e.keys[position]) & mask;
  while (e.index[slot] != 0) slot = (slot + 1) & mask;
  e.index[slot] = static_cast<std::uint32_t>(position + 1);
}

void Value::RebuildIndex() {
  Extra& e = extra();
  e.index.clear();
  if (e.keys.size() <= kLinearSearchLimit) return;
  e.index.assign(std::bit_ceil(e.keys.size() * 4), 0);
  const std::size_t mask = e.index.size() - 1;
  for (std::size_t position = 0; position < e.keys.size(); ++position) {
    std::size_t slot = KeyHash(e.keys[position]) & mask;
    while (e.index[slot] != 0) slot = (slot + 1) & mask;
    e.index[slot] = static_cast<std::uint32_t>(position + 1);
  }
}

const Value* Value::Find(std::string_view key) const {
  auto i = IndexOf(key);
  return i ? &extra_->children[*i] : nullptr;
}

Value* Value::Find(std::string_view key) {
  auto i = IndexOf(key);
  return i ? &extra_->children[*i] : nullptr;
}

std::optional<std::size_t> Value::Insert(std::string key, Location key_location, Value value) {
  if (auto existing = IndexOf(key)) return existing;
  InsertNew(std::move(key), std::move(key_location), std::move(value));
  return std::nullopt;
}

void Value::InsertNew(std::string key, Location key_location, Value value) {
  Extra& e = extra();
  e.keys.push_back(std::move(key));
  e.key_locations.push_back(std::move(key_location));
  if (!e.hidden_keys.empty()) e.hidden_keys.push_back(false);
  e.children.push_back(std::move(value));
  AddToIndex(e.keys.size() - 1);
}

void Value::Set(std::string key, Location key_location, Value value) {
  if (auto i = IndexOf(key)) {
    extra_->key_locations[*i] = std::move(key_location);
    extra_->children[*i] = std::move(value);
    return;
  }
  Insert(std::move(key), std::move(key_location), std::move(value));
}

void Value::Erase(std::string_view key) {
  auto found = IndexOf(key);
  if (!found) return;
  Extra& e = *extra_;
  const auto i = static_cast<std::ptrdiff_t>(*found);
  e.keys.erase(e.keys.begin() + i);
  e.key_locations.erase(e.key_locations.begin() + i);
  if (!e.hidden_keys.empty()) e.hidden_keys.erase(e.hidden_keys.begin() + i);
  e.children.erase(e.children.begin() + i);
  RebuildIndex();  // positions after i moved; erasing is rare (layer nulls)
}

std::string_view Value::KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "boolean";
    case Kind::kInt: return "integer";
    case Kind::kFloat: return "number";
    case Kind::kString: return "string";
    case Kind::kList: return "list";
    case Kind::kMap: return "map";
  }
  return "unknown";
}

namespace {

// A double's exact value in decimal, for a finite integral double: every
// such double is an integer that %.0f prints digit for digit.
std::string ExactDecimal(double d) {
  char buffer[400];  // DBL_MAX has 309 digits
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed, 0);
  std::string out(buffer, ec == std::errc() ? end : buffer);
  return out == "-0" ? "0" : out;
}

// Compares without rounding the integer to a double, which would make
// 9007199254740993 equal 9007199254740992.0.
bool IntegerEqualsDouble(const Value& integer, double d) {
  if (!std::isfinite(d) || std::trunc(d) != d) return false;
  if (integer.fits_int64() && std::fabs(d) < 0x1p63) {
    return static_cast<std::int64_t>(d) == integer.as_int();  // exact in this range
  }
  return ExactDecimal(d) == integer.DecimalText();
}

// A decimal literal's exact value in one spelling: sign, significant digits,
// `e` and the power of ten of the last digit (`1.50e3` -> `15e2`), or `0`.
// An exponent beyond 10^15 saturates (no double comes near it).
std::string CanonicalDecimalText(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::string digits;
  long long exponent = 0;
  bool fraction = false;
  std::size_t i = 0;
  for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
    if (s[i] == '.') {
      fraction = true;
      continue;
    }
    if (digits.empty() && s[i] == '0') {
      if (fraction) --exponent;
      continue;
    }
    digits += s[i];
    if (fraction) --exponent;
  }
  if (i < s.size()) {
    std::string_view e = s.substr(i + 1);
    const bool e_negative = !e.empty() && e[0] == '-';
    if (!e.empty() && (e[0] == '-' || e[0] == '+')) e.remove_prefix(1);
    long long power = 0;
    for (char c : e) power = std::min(power * 10 + (c - '0'), 1'000'000'000'000'000LL);
    exponent += e_negative ? -power : power;
  }
  if (digits.empty()) return "0";
  while (digits.back() == '0') digits.pop_back(), ++exponent;
  return (negative ? "-" : "") + digits + "e" + std::to_string(exponent);
}

// A float literal a double cannot hold: beyond DBL_MAX (strtod gives inf),
// or so small it lost precision or became 0. Else `1e400` and `2e400` would
// be one infinity, and `1e-400` would equal `0`.
bool OutOfDoubleRange(const Value& v) {
  if (v.kind() != Value::Kind::kFloat) return false;
  const double d = std::fabs(v.as_double());
  if (std::isfinite(d) && d >= std::numeric_limits<double>::min()) return false;
  return IsCoreFloat(v.text()) && CanonicalDecimalText(v.text()) != "0";
}

// A number's exact value as CanonicalDecimalText, for comparing when one
// side is out of a double's range.
std::string ExactNumberText(const Value& v) {
  if (v.kind() == Value::Kind::kInt) return CanonicalDecimalText(v.DecimalText());
  if (IsCoreFloat(v.text())) return CanonicalDecimalText(v.text());
  const double d = v.as_double();
  if (!std::isfinite(d)) return std::isnan(d) ? "nan" : d < 0 ? "-inf" : "inf";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::scientific);
  return CanonicalDecimalText(std::string_view(buffer, ec == std::errc() ? end : buffer));
}

bool SameNumber(const Value& a, const Value& b) {
  if (OutOfDoubleRange(a) || OutOfDoubleRange(b)) return ExactNumberText(a) == ExactNumberText(b);
  const bool a_int = a.kind() == Value::Kind::kInt, b_int = b.kind() == Value::Kind::kInt;
  if (a_int && b_int) {
    if (a.fits_int64() && b.fits_int64()) return a.as_int() == b.as_int();
    return a.DecimalText() == b.DecimalText();  // canonical, so equal text is equal value
  }
  if (a_int) return IntegerEqualsDouble(a, b.as_double());
  if (b_int) return IntegerEqualsDouble(b, a.as_double());
  const double x = a.as_double(), y = b.as_double();
  return x == y || (std::isnan(x) && std::isnan(y));
}

}  // namespace

bool SameValue(const Value& a, const Value& b) {
  // Scalars written the same way are equal, whatever normalization made of them.
  if ((a.rewritten() || b.rewritten()) && a.is_scalar() && b.is_scalar() &&
      SameValue(a.written(), b.written())) {
    return true;
  }
  if (a.is_number() && b.is_number()) return SameNumber(a, b);
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kNull: return true;
    case Value::Kind::kBool: return a.as_bool() == b.as_bool();
    case Value::Kind::kString: return a.text() == b.text();
    case Value::Kind::kList:
      return std::equal(a.items().begin(), a.items().end(), b.items().begin(), b.items().end(),
                        SameValue);
    case Value::Kind::kMap:
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        const Value* other = b.Find(a.key(i));
        if (!other || !SameValue(a.value(i), *other)) return false;
      }
      return true;
    default: return false;
  }
}

void Value::AddAnchors(const std::vector<Location>& anchors) {
  if (anchors.empty()) return;
  std::vector<Location> all = this->anchors();
  for (const Location& anchor : anchors) {
    const bool known = std::any_of(all.begin(), all.end(), [&](const Location& a) {
      return a.origin == anchor.origin && a.line == anchor.line && a.column == anchor.column;
    });
    if (!known) all.push_back(anchor);
  }
  extra().anchors = std::make_shared<const std::vector<Location>>(std::move(all));
}

void Value::HideKey(std::size_t i) {
  Extra& e = extra();
  if (e.hidden_keys.size() < e.keys.size()) e.hidden_keys.resize(e.keys.size(), false);
  e.hidden_keys[i] = true;
}

}  // namespace driftcheck
