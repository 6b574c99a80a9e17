#pragma once
// Numbers, durations and byte sizes for `relation:` expectations, read with
// the same unit parsers as schemas (core/units).

#include <optional>
#include <string_view>

#include "config/value.h"

namespace driftcheck {

/// "1h30m", "90s", "250ms", "2d" -> milliseconds. A bare number is not a duration.
std::optional<double> ParseDurationMs(std::string_view text);
/// "512Mi", "1G", "64KB", "10B" -> bytes (Ki/KiB = 1024, K/KB = 1000).
std::optional<double> ParseByteCount(std::string_view text);

/// A scalar as a comparable magnitude.
struct Quantity {
  enum class Unit { kNumber, kDuration, kBytes };
  Unit unit = Unit::kNumber;
  double amount = 0;
};

/// A number (also a string holding one, as dotenv gives), a duration or a byte
/// size; nullopt for anything else.
std::optional<Quantity> ReadQuantity(const Value& value);

}  // namespace driftcheck
