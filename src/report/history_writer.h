#pragma once
// `driftcheck history` as text (a drift per block, its life one line per
// event, fitted to 80 columns), JSON (for scripts) and Markdown (for a
// pull-request comment or a job summary).

#include <ostream>

#include "engine/history.h"

namespace driftcheck {

void WriteHistoryText(const History& history, std::ostream& out, bool color);
void WriteHistoryJson(const History& history, std::ostream& out);
void WriteHistoryMarkdown(const History& history, std::ostream& out);

}  // namespace driftcheck
