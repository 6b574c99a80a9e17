// JSONC loader: JSON with `//` and `/* */` comments and trailing commas, as
// .NET's configuration reader accepts in appsettings.json.
//
// Comments and trailing commas are overwritten with spaces (line breaks kept),
// and the strict JSON loader reads the result: every byte keeps its offset, so
// every line and column it reports is the original file's, and duplicate keys,
// numbers, escapes and the hostile-input limits behave exactly as in JSON.
//
// As in .NET, one trailing comma may close an object or array (`[1, 2,]`);
// `[,]` and `[1,,]` stay errors. A comment never reaches inside a string.

#include "config/loader.h"

#include <string>
#include <string_view>

#include "config/text.h"
#include "core/error.h"

namespace driftcheck {
namespace {

constexpr std::string_view kJsonWhitespace = " \t\r\n";

// The offset just past the string literal that starts at `open` (a '"'), or
// the end of the text when it is unterminated (the JSON parser reports that).
std::size_t SkipString(std::string_view text, std::size_t open) {
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

// Overwrites [from, to) with spaces, keeping line breaks so lines stay put.
void Blank(std::string& text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (text[i] != '\n' && text[i] != '\r') text[i] = ' ';
  }
}

void BlankComments(std::string& text, const OriginPtr& origin) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '"') {
      i = SkipString(text, i);
    } else if (text.compare(i, 2, "//") == 0) {
      const std::size_t end = std::min(text.find('\n', i), text.size());
      Blank(text, i, end);
      i = end;
    } else if (text.compare(i, 2, "/*") == 0) {
      const std::size_t close = text.find("*/", i + 2);
      if (close == std::string::npos) {
        auto [line, column] = LineColumnAt(text, i);
        throw InputError(origin->path, line, column, "invalid JSON: unterminated /* comment");
      }
      Blank(text, i, close + 2);
      i = close + 2;
    } else {
      ++i;
    }
  }
}

// Runs after BlankComments, so only whitespace can stand between a trailing
// comma and its closing bracket.
void BlankTrailingCommas(std::string& text) {
  char previous = 0;  // the last significant character outside strings
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      i = SkipString(text, i);
      previous = '"';
      continue;
    }
    if (c == ',' && previous != ',' && previous != '[' && previous != '{') {
      const std::size_t next = text.find_first_not_of(kJsonWhitespace, i + 1);
      if (next != std::string::npos && (text[next] == '}' || text[next] == ']')) {
        text[i] = ' ';
        ++i;
        continue;  // `previous` stays the value before the comma
      }
    }
    if (kJsonWhitespace.find(c) == std::string_view::npos) previous = c;
    ++i;
  }
}

}  // namespace

Documents LoadJsonc(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                    std::vector<LoadWarning>& warnings) {
  std::string json(StripBom(text));
  BlankComments(json, origin);
  BlankTrailingCommas(json);
  if (json.find_first_not_of(" \t\r\n") == std::string::npos) return {};  // empty or only comments
  return LoadJson(json, origin, limits, warnings);
}

}  // namespace driftcheck
