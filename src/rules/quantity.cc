#include "rules/quantity.h"

#include <charconv>
#include <string>

#include "core/units.h"

namespace driftcheck {
namespace {

std::optional<double> ParsePlainNumber(std::string_view text) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

// The unit parsers are the schema's (core/units), so a rule and a schema read
// `1h30m` and `512Mi` alike; a bare number here is a plain number, not a unit.
std::optional<double> ParseDurationMs(std::string_view text) {
  if (ParsePlainNumber(text)) return std::nullopt;
  const auto ns = ParseDuration(text);
  return ns ? std::optional<double>(static_cast<double>(*ns) / 1e6) : std::nullopt;
}

std::optional<double> ParseByteCount(std::string_view text) {
  if (ParsePlainNumber(text)) return std::nullopt;
  const auto bytes = ParseBytes(text);
  return bytes ? std::optional<double>(static_cast<double>(*bytes)) : std::nullopt;
}

std::optional<Quantity> ReadQuantity(const Value& value) {
  using Unit = Quantity::Unit;
  if (value.is_number()) return Quantity{Unit::kNumber, value.as_double()};
  if (value.kind() != Value::Kind::kString) return std::nullopt;
  const std::string& text = value.text();
  if (auto n = ParsePlainNumber(text)) return Quantity{Unit::kNumber, *n};
  if (auto ms = ParseDurationMs(text)) return Quantity{Unit::kDuration, *ms};
  if (auto bytes = ParseByteCount(text)) return Quantity{Unit::kBytes, *bytes};
  return std::nullopt;
}

}  // namespace driftcheck
