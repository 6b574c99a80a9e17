#include "config/loader.h"

#include <algorithm>
#include <string>
#include <utility>

#include "config/text.h"

namespace driftcheck {
namespace {

// Adding a format: one loader file and one line here.
constexpr std::pair<std::string_view, LoaderFn> kLoaders[] = {
    {"yaml", LoadYaml},
    {"json", LoadJson},
    {"jsonc", LoadJsonc},
    {"dotenv", LoadDotenv},
    {"properties", LoadProperties},
    {"ini", LoadIni},
    {"toml", LoadToml},
    {"tfvars", LoadTfvars},
};

// Extensions that name one format; ".json" reads as jsonc, its superset, since
// .NET's appsettings.json files carry comments.
constexpr std::pair<std::string_view, std::string_view> kExtensions[] = {
    {".json", "jsonc"}, {".jsonc", "jsonc"}, {".properties", "properties"},
    {".ini", "ini"},    {".toml", "toml"},   {".tfvars", "tfvars"},
};

}  // namespace

LoaderFn FindLoader(std::string_view format) {
  for (const auto& [name, fn] : kLoaders) {
    if (name == format) return fn;
  }
  return nullptr;
}

void SetLastWins(Value& map, std::string key, Location key_location, Value value,
                 std::vector<LoadWarning>& warnings, std::string_view parent) {
  (void)parent;
  if (auto first = map.IndexOf(key)) {
    // The key is never named (see MayQuoteKey): the warning's location is its line.
    warnings.push_back({key_location, "duplicate key: this line (" + std::to_string(key_location.line) +
                                          ") wins over line " +
                                          std::to_string(map.key_location(*first).line)});
  }
  map.Set(std::move(key), std::move(key_location), std::move(value));
}

std::string FormatForPath(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (const auto& [extension, format] : kExtensions) {
    if (name.size() > extension.size() && name.ends_with(extension)) return std::string(format);
  }
  return "yaml";
}

std::vector<std::string> LoaderNames() {
  std::vector<std::string> names;
  for (const auto& entry : kLoaders) names.emplace_back(entry.first);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace driftcheck
