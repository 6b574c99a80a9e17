#include "path/path_pattern.h"

#include <cctype>

#include "core/error.h"
#include "core/glob.h"

namespace driftcheck {
namespace {

using Kind = PatternSegment::Kind;

// The characters reports leave unquoted (path/path.cc), plus the glob characters.
bool IsBareChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return c == '_' || c == '-' || c == '/' || c == '@' || c == '$' || c == ':' || c == '+' ||
         c == '*' || c == '?' || c == '{' || c == '}' || c == ',';
}

class PatternParser {
 public:
  explicit PatternParser(std::string_view text) : text_(text) {}

  std::vector<PatternSegment> Parse() {
    std::vector<PatternSegment> out;
    while (pos_ < text_.size()) {
      if (Peek('[')) {
        out.push_back(Bracket());
        continue;
      }
      if (!out.empty()) Expect('.', "expected '.' or '[' between segments");
      out.push_back(KeySegment());
    }
    return out;
  }

 private:
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  [[noreturn]] void Fail(std::string message) const { throw PathSyntaxError{std::move(message), pos_}; }

  void Expect(char c, const char* message) {
    if (!Peek(c)) Fail(message);
    ++pos_;
  }

  // A bare or quoted word; `literal` tells which.
  std::string Word(bool& literal, const char* what) {
    literal = Peek('"');
    if (literal) return Quoted();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && IsBareChar(text_[pos_])) ++pos_;
    if (pos_ == start) Fail(std::string("expected ") + what);
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string Quoted() {
    ++pos_;  // the opening quote
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out += text_[pos_++];
    }
    Expect('"', "unterminated quoted key");
    return out;
  }

  // A bare word's alternatives, with errors placed inside the path.
  std::vector<std::string> Alternatives(const std::string& word, bool literal) {
    if (literal) return {word};
    try {
      return ExpandAlternatives(word);
    } catch (PathSyntaxError& e) {
      e.offset += pos_ - word.size();
      throw;
    }
  }

  PatternSegment KeySegment() {
    PatternSegment s;
    s.key = Word(s.literal, "a key");
    s.alternatives = Alternatives(s.key, s.literal);
    if (!s.literal && s.key == "*") s.kind = Kind::kAnyOne;
    if (!s.literal && s.key == "**") s.kind = Kind::kAnyDepth;
    if (!s.literal && s.key.find("**") != std::string::npos && s.kind == Kind::kKey) {
      Fail("'**' stands for a whole segment: write a.**.b, not a.b**");
    }
    return s;
  }

  PatternSegment Bracket() {
    ++pos_;  // '['
    PatternSegment s;
    if (Peek('*')) {
      ++pos_;
      s.kind = Kind::kAnyItem;
    } else if (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      s.kind = Kind::kIndex;
      s.index = Digits();
    } else if (Peek('<')) {
      // `users[<redacted:3fa9c0d2>]`: an item named by a secret field, as
      // reports print it; matched literally, field unnamed.
      s.kind = Kind::kMatch;
      s.literal = true;
      const std::size_t close = text_.find('>', pos_);
      if (!text_.substr(pos_).starts_with("<redacted:") || close == std::string_view::npos) {
        Fail("expected '<redacted:...>', an index, '*' or field=value");
      }
      s.value = std::string(text_.substr(pos_, close + 1 - pos_));
      s.alternatives = {s.value};
      pos_ = close + 1;
    } else {
      s.kind = Kind::kMatch;
      bool field_literal = false;
      s.key = Word(field_literal, "an index, '*' or field=value");
      Expect('=', "expected '=' in [field=value]");
      s.value = Word(s.literal, "a value after '='");
      s.alternatives = Alternatives(s.value, s.literal);
    }
    Expect(']', "expected ']'");
    return s;
  }

  std::size_t Digits() {
    std::size_t value = 0;
    for (; pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])); ++pos_) {
      if (value > 100'000'000) Fail("list index too large");
      value = value * 10 + static_cast<std::size_t>(text_[pos_] - '0');
    }
    return value;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

bool Glob(const PatternSegment& p, const std::string& text) {
  if (p.literal) return (p.kind == Kind::kMatch ? p.value : p.key) == text;
  for (const std::string& glob : p.alternatives) {
    if (GlobMatch(glob, text)) return true;
  }
  return false;
}

// Whether one pattern segment (not `**`) matches one path segment.
bool SegmentMatches(const PatternSegment& p, const PathSegment& s) {
  switch (p.kind) {
    case Kind::kAnyOne: return true;
    case Kind::kAnyItem: return s.kind != PathSegment::Kind::kKey;
    case Kind::kIndex: return s.kind == PathSegment::Kind::kIndex && s.index == p.index;
    case Kind::kKey: return s.kind == PathSegment::Kind::kKey && Glob(p, s.key);
    case Kind::kMatch: return s.kind == PathSegment::Kind::kMatch && p.key == s.key && Glob(p, s.match);
    case Kind::kAnyDepth: return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> ExpandAlternatives(std::string_view text) {
  std::vector<std::string> out = {""};
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '}' || text[i] == ',') {
      throw PathSyntaxError{std::string("'") + text[i] + "' outside {a,b} alternation", i};
    }
    if (text[i] != '{') {
      for (std::string& prefix : out) prefix += text[i];
      ++i;
      continue;
    }
    const std::size_t close = text.find('}', i);
    const std::size_t nested = text.find('{', i + 1);
    if (close == std::string_view::npos) throw PathSyntaxError{"unterminated '{' alternation", i};
    if (nested < close) throw PathSyntaxError{"'{' alternations do not nest", nested};
    std::vector<std::string> choices;
    std::size_t start = i + 1;
    for (std::size_t j = start; j <= close; ++j) {
      if (j == close || text[j] == ',') {
        choices.emplace_back(text.substr(start, j - start));
        start = j + 1;
      }
    }
    if (out.size() * choices.size() > 64) throw PathSyntaxError{"more than 64 alternatives", i};
    std::vector<std::string> next;
    for (const std::string& prefix : out) {
      for (const std::string& choice : choices) next.push_back(prefix + choice);
    }
    out = std::move(next);
    i = close + 1;
  }
  return out;
}

PathPattern PathPattern::Parse(std::string_view text) {
  PathPattern pattern;
  pattern.text_ = std::string(text);
  pattern.segments_ = PatternParser(text).Parse();
  return pattern;
}

PathPattern PathPattern::Parse(std::string_view text, const Location& where) {
  if (text.empty()) throw InputError(where, "a path pattern is empty");
  try {
    return Parse(text);
  } catch (const PathSyntaxError& e) {
    throw InputError(where, "path pattern '" + std::string(text) + "': " + e.message +
                                " at character " + std::to_string(e.offset + 1));
  }
}

bool PathPattern::Matches(const std::vector<PathSegment>& path) const {
  // The glob walk again, one segment per character, `**` as the star.
  std::size_t p = 0, s = 0;
  std::size_t star = std::string::npos, star_s = 0;
  while (s < path.size()) {
    if (p < segments_.size() && segments_[p].kind == Kind::kAnyDepth) {
      star = p++;
      star_s = s;
    } else if (p < segments_.size() && SegmentMatches(segments_[p], path[s])) {
      ++p, ++s;
    } else if (star != std::string::npos) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < segments_.size() && segments_[p].kind == Kind::kAnyDepth) ++p;
  return p == segments_.size();
}

std::optional<std::vector<PathSegment>> ParseFindingPath(std::string_view text) {
  std::vector<PatternSegment> parsed;
  try {
    parsed = PatternParser(text).Parse();
  } catch (const PathSyntaxError&) {
    return std::nullopt;
  }
  std::vector<PathSegment> out;
  for (const PatternSegment& p : parsed) {
    const std::string& word = p.kind == Kind::kMatch ? p.value : p.key;
    const bool wild = !p.literal && (HasGlob(word) || p.alternatives.size() > 1 || word.find('{') != std::string::npos);
    if (wild || p.kind == Kind::kAnyItem) return std::nullopt;
    switch (p.kind) {
      case Kind::kIndex: out.push_back({PathSegment::Kind::kIndex, {}, p.index, {}}); break;
      case Kind::kMatch: out.push_back({PathSegment::Kind::kMatch, p.key, 0, p.value}); break;
      default: out.push_back({PathSegment::Kind::kKey, p.key, 0, {}}); break;
    }
  }
  return out;
}

}  // namespace driftcheck
