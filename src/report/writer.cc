#include "report/writer.h"

namespace driftcheck {
namespace {

// Adding a format: one writer file and one line here (which --help reads too).
constexpr WriterInfo kWriters[] = {
    {"text", "for people: findings by file pair", WriteText},
    {"json", "for scripts (schemas/report.schema.json)", WriteJson},
    {"junit", "JUnit XML for GitLab, Jenkins", WriteJunit},
    {"sarif", "SARIF 2.1.0 for code scanning", WriteSarif},
    {"github", "GitHub Actions annotations", WriteGithub},
    {"markdown", "a pull-request comment (Markdown)", WriteMarkdown},
    {"codequality", "GitLab Code Quality widget", WriteCodeQuality},
};

}  // namespace

std::span<const WriterInfo> Writers() { return kWriters; }

WriterFn FindWriter(std::string_view format) {
  for (const WriterInfo& writer : kWriters) {
    if (writer.name == format) return writer.write;
  }
  return nullptr;
}

std::vector<std::string> WriterNames() {
  std::vector<std::string> names;
  for (const WriterInfo& writer : kWriters) names.emplace_back(writer.name);
  return names;
}

}  // namespace driftcheck
