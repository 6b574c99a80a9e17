#include "rules/quantity.h"

#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <utility>

namespace driftcheck {
namespace {

// A leading unsigned decimal number; advances `text` past it.
std::optional<double> TakeNumber(std::string_view& text) {
  std::size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
  if (end == 0) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, value);
  if (ec != std::errc() || ptr != text.data() + end) return std::nullopt;
  text.remove_prefix(end);
  return value;
}

std::string_view TakeLetters(std::string_view& text) {
  std::size_t end = 0;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  std::string_view letters = text.substr(0, end);
  text.remove_prefix(end);
  return letters;
}

std::optional<double> DurationUnitMs(std::string_view unit) {
  static constexpr std::array<std::pair<std::string_view, double>, 7> kUnits = {{
      {"ns", 1e-6}, {"us", 1e-3}, {"ms", 1}, {"s", 1e3}, {"m", 60e3}, {"h", 3600e3}, {"d", 86400e3}}};
  for (const auto& [name, ms] : kUnits) {
    if (unit == name) return ms;
  }
  return std::nullopt;
}

std::optional<double> ByteUnit(std::string_view unit) {
  if (unit.ends_with("B") && unit.size() > 1) unit.remove_suffix(1);  // KB, KiB
  if (unit.empty() || unit == "B") return 1;
  static constexpr std::string_view kPrefixes = "KMGTPE";
  const auto at = kPrefixes.find(unit.front());
  if (at == std::string_view::npos) return std::nullopt;
  const bool binary = unit.size() == 2 && unit[1] == 'i';
  if (unit.size() != 1 && !binary) return std::nullopt;
  double factor = 1;
  for (std::size_t i = 0; i <= at; ++i) factor *= binary ? 1024 : 1000;
  return factor;
}

std::optional<double> ParsePlainNumber(std::string_view text) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<double> ParseDurationMs(std::string_view text) {
  double total = 0;
  bool any = false;
  while (!text.empty()) {
    auto number = TakeNumber(text);
    auto unit = number ? DurationUnitMs(TakeLetters(text)) : std::nullopt;
    if (!unit) return std::nullopt;
    total += *number * *unit;
    any = true;
  }
  return any ? std::optional<double>(total) : std::nullopt;
}

std::optional<double> ParseByteCount(std::string_view text) {
  auto number = TakeNumber(text);
  if (!number || text.empty()) return std::nullopt;  // a bare number is just a number
  auto unit = ByteUnit(TakeLetters(text));
  if (!unit || !text.empty()) return std::nullopt;
  return *number * *unit;
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
