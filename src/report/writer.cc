#include "report/writer.h"

namespace driftcheck {
namespace {

// Adding a format: one writer file and one line here (which --help reads too).
constexpr WriterInfo kWriters[] = {
    {"text", "for people: grouped by file pair, aligned, a summary line last", WriteText},
    {"json", "for scripts: every finding, documented by schemas/report.schema.json", WriteJson},
    {"junit", "JUnit XML for CI test reports (GitLab, Jenkins): a testcase per finding", WriteJunit},
    {"sarif", "SARIF 2.1.0 for code scanning (GitHub): a rule per finding kind", WriteSarif},
    {"github", "GitHub Actions workflow commands: annotations on the changed files", WriteGithub},
    {"markdown", "a pull-request comment: summary table, findings by file pair", WriteMarkdown},
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
