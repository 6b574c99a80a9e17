#pragma once
// Environment tokens inside values: `db.staging.example.com` in staging and
// `db.prod.example.com` in production name the same thing. A token is the
// environment's name or an alias, matched as a whole word (bounded by any
// character that is not a letter or digit, or by the string's ends) and
// case-insensitively, so `prod` never matches inside `product`.

#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

/// Every whole-word token replaced by `{env}`; `text` unchanged if none.
std::string ReplaceEnvTokens(std::string_view text, const std::vector<std::string>& tokens);

/// Every whole-word token removed with one separator beside it (the one
/// before when it is `-`, `_`, `.` or a space, else the one after), so an
/// environment that leaves its token out reads the same:
/// `api.staging.example.org` -> `api.example.org`, `nci-oars-uat` -> `nci-oars`.
/// A text that would keep no letter or digit (a bare `staging`, `-prod-`) is
/// ReplaceEnvTokens' instead: a bare name never equals an empty value.
std::string DropEnvTokens(std::string_view text, const std::vector<std::string>& tokens);

}  // namespace driftcheck
