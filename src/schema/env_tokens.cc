#include "schema/env_tokens.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace driftcheck {
namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool SameIgnoringCase(std::string_view text, std::size_t at, std::string_view token) {
  if (at + token.size() > text.size()) return false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[at + i])) !=
        std::tolower(static_cast<unsigned char>(token[i]))) {
      return false;
    }
  }
  return true;
}

// The length of the longest token that starts a whole word at `at`.
std::optional<std::size_t> TokenAt(std::string_view text, std::size_t at,
                                   const std::vector<std::string>& tokens) {
  if (at > 0 && IsWordChar(text[at - 1])) return std::nullopt;
  std::optional<std::size_t> best;
  for (const std::string& token : tokens) {
    if (token.empty() || !SameIgnoringCase(text, at, token)) continue;
    const std::size_t end = at + token.size();
    if (end < text.size() && IsWordChar(text[end])) continue;
    if (!best || token.size() > *best) best = token.size();
  }
  return best;
}

bool IsJoiner(char c) { return c == '-' || c == '_' || c == '.' || c == ' '; }

}  // namespace

std::string ReplaceEnvTokens(std::string_view text, const std::vector<std::string>& tokens) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (auto length = TokenAt(text, i, tokens)) {
      out += "{env}";
      i += *length;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string DropEnvTokens(std::string_view text, const std::vector<std::string>& tokens) {
  std::string out;
  bool dropped = false;
  for (std::size_t i = 0; i < text.size();) {
    auto length = TokenAt(text, i, tokens);
    if (!length) {
      out += text[i++];
      continue;
    }
    dropped = true;
    std::size_t end = i + *length;
    if (!out.empty() && IsJoiner(out.back())) {
      out.pop_back();  // "nci-oars-uat" -> "nci-oars"
    } else if (end < text.size() && !IsWordChar(text[end])) {
      ++end;           // "staging.example.org" -> "example.org"
    }
    i = end;
  }
  // A bare name (`SENTRY_ENVIRONMENT: staging`) must not read as an empty value.
  if (dropped && std::none_of(out.begin(), out.end(), IsWordChar)) return ReplaceEnvTokens(text, tokens);
  return out;
}

}  // namespace driftcheck
