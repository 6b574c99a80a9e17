#pragma once
// "Did you mean ...?" for unknown names (commands, environments, revisions).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

/// Levenshtein distance between two strings (bounded work: stops past `limit`).
std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t limit = 64);

/// The closest candidate to `word`, if it is close enough to be a likely typo.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// "did you mean 'x'?" or "" — ready to use as an InputError hint.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace driftcheck
