#pragma once
// One writer per report format, each in a file of its own, behind one function
// type. Every writer renders the same Report; none filters or re-judges it.

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "finding/finding.h"

namespace driftcheck {

struct WriteOptions {
  bool color = false;  ///< ANSI colour (text only); decided by the caller
  /// -q (text only): leave out allowed and existing findings; the summary
  /// still counts them.
  bool hide_accepted = false;
};

using WriterFn = void (*)(const Report& report, std::ostream& out, const WriteOptions& options);

/// A report format as --format, --report and --help know it.
struct WriterInfo {
  std::string_view name;
  std::string_view description;  ///< one line for --help
  WriterFn write;
};

void WriteText(const Report& report, std::ostream& out, const WriteOptions& options);
void WriteJson(const Report& report, std::ostream& out, const WriteOptions& options);
void WriteJunit(const Report& report, std::ostream& out, const WriteOptions& options);
void WriteSarif(const Report& report, std::ostream& out, const WriteOptions& options);
void WriteGithub(const Report& report, std::ostream& out, const WriteOptions& options);
void WriteMarkdown(const Report& report, std::ostream& out, const WriteOptions& options);
void WriteCodeQuality(const Report& report, std::ostream& out, const WriteOptions& options);

/// Every format, in the order --help lists them.
std::span<const WriterInfo> Writers();
/// The writer for a `--format` name, or nullptr.
WriterFn FindWriter(std::string_view format);
/// Registered format names in the order --help lists them.
std::vector<std::string> WriterNames();

}  // namespace driftcheck
