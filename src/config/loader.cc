#include "config/loader.h"

#include <algorithm>
#include <utility>

namespace driftcheck {
namespace {

// Adding a format: one loader file and one line here.
constexpr std::pair<std::string_view, LoaderFn> kLoaders[] = {
    {"yaml", LoadYaml},
    {"json", LoadJson},
    {"dotenv", LoadDotenv},
};

}  // namespace

LoaderFn FindLoader(std::string_view format) {
  for (const auto& [name, fn] : kLoaders) {
    if (name == format) return fn;
  }
  return nullptr;
}

std::vector<std::string> LoaderNames() {
  std::vector<std::string> names;
  for (const auto& entry : kLoaders) names.emplace_back(entry.first);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace driftcheck
