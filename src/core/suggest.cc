#include "core/suggest.h"

#include <algorithm>
#include <numeric>

namespace driftcheck {

std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  // Optimal string alignment: insertions, deletions, substitutions, and a swap
  // of neighbouring letters ("mian" -> "main") each cost one edit.
  std::vector<std::size_t> before(a.size() + 1), previous(a.size() + 1), row(a.size() + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (std::size_t j = 1; j <= b.size(); ++j) {
    row[0] = j;
    std::size_t best = row[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[i] = std::min({previous[i] + 1, row[i - 1] + 1, previous[i - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[i] = std::min(row[i], before[i - 2] + 1);
      }
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[a.size()];
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  // Like git: a suggestion is worth making only for a small edit.
  const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = EditDistance(word, candidate, allowed);
    if (d < best_distance || (d == best_distance && best && candidate < *best)) {
      best = candidate;
      best_distance = d;
    }
  }
  if (best_distance > allowed) return std::nullopt;
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = ClosestMatch(word, candidates);
  return match ? "did you mean '" + *match + "'?" : std::string();
}

}  // namespace driftcheck
