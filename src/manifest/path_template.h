#pragma once
// Path templates such as `services/{service}/{env}.yaml`. A `{name}`
// placeholder matches one path segment or part of one (never a '/').

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.h"

namespace driftcheck {

using Bindings = std::map<std::string, std::string>;

class PathTemplate {
 public:
  /// Parses a template; throws InputError at `where` when malformed.
  static PathTemplate Parse(std::string_view text, const Location& where);

  const std::string& text() const { return text_; }
  /// Where the template is written in the manifest, for messages.
  const Location& location() const { return location_; }
  /// Placeholder names in order of first appearance.
  const std::vector<std::string>& placeholders() const { return names_; }
  bool Has(std::string_view name) const;

  /// The directory that holds every match once `bound` placeholders are
  /// fixed: the segments before the first unbound placeholder.
  std::string DirectoryPrefix(const Bindings& bound) const;
  /// Placeholder values when `path` matches with the `bound` values fixed.
  std::optional<Bindings> Match(std::string_view path, const Bindings& bound) const;
  /// The path with every placeholder replaced; all must be bound.
  std::string Expand(const Bindings& values) const;

 private:
  struct Part {
    bool placeholder = false;
    std::string text;  // literal text, or the placeholder's name
  };
  using Segment = std::vector<Part>;

  bool MatchParts(const Segment& parts, std::size_t part, std::string_view rest, Bindings& values,
                  std::size_t& budget) const;

  std::string text_;
  Location location_;
  std::vector<Segment> segments_;
  std::vector<std::string> names_;
};

}  // namespace driftcheck
