#include "rules/date.h"

#include <cctype>
#include <cstdio>

namespace driftcheck {

std::optional<CalendarDay> ParseCalendarDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*y),
                                         std::chrono::month(static_cast<unsigned>(*m)),
                                         std::chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;  // 2027-02-30, month 13
  return CalendarDay(date);
}

std::string FormatCalendarDay(CalendarDay day) {
  const std::chrono::year_month_day date(day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

CalendarDay TodayUtc() {
  // system_clock counts UTC (Unix time), so flooring to days gives the UTC date.
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

}  // namespace driftcheck
