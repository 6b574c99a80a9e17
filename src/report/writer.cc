#include "report/writer.h"

#include <utility>

namespace driftcheck {
namespace {

// Adding a format: one writer file and one line here.
constexpr std::pair<std::string_view, WriterFn> kWriters[] = {
    {"text", WriteText},
    {"json", WriteJson},
};

}  // namespace

WriterFn FindWriter(std::string_view format) {
  for (const auto& [name, fn] : kWriters) {
    if (name == format) return fn;
  }
  return nullptr;
}

std::vector<std::string> WriterNames() {
  std::vector<std::string> names;
  for (const auto& entry : kWriters) names.emplace_back(entry.first);
  return names;
}

}  // namespace driftcheck
