#pragma once
// UTC calendar days for rule expiry: a rule allows through the whole of its
// `expires` day and is expired from the next day on.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace driftcheck {

using CalendarDay = std::chrono::sys_days;

/// "2027-06-30" -> that day; nullopt unless exactly YYYY-MM-DD and a real date.
std::optional<CalendarDay> ParseCalendarDay(std::string_view text);
/// The day as YYYY-MM-DD.
std::string FormatCalendarDay(CalendarDay day);
/// Today in UTC.
CalendarDay TodayUtc();

}  // namespace driftcheck
