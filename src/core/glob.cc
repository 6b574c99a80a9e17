#include "core/glob.h"

namespace driftcheck {

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // The classic greedy walk: on a mismatch, retry from the last `*` with one
  // more character consumed by it. Only the last `*` is ever revisited.
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool HasGlob(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

}  // namespace driftcheck
