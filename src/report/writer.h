#pragma once
// One writer per report format, each in a file of its own, behind one function
// type. Every writer renders the same Report; none filters or re-judges it.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/finding.h"

namespace driftcheck {

struct WriteOptions {
  bool color = false;  ///< ANSI colour (text only); decided by the caller
};

using WriterFn = void (*)(const Report& report, std::ostream& out, const WriteOptions& options);

void WriteText(const Report& report, std::ostream& out, const WriteOptions& options);
void WriteJson(const Report& report, std::ostream& out, const WriteOptions& options);

/// The writer for a `--format` name, or nullptr.
WriterFn FindWriter(std::string_view format);
/// Registered format names in the order --help lists them.
std::vector<std::string> WriterNames();

}  // namespace driftcheck
