#pragma once
// `driftcheck explain` as text (each side's value, step by step, then the
// verdict) and as JSON.

#include <ostream>
#include <string>
#include <vector>

#include "engine/explain.h"

namespace driftcheck {

void WriteExplainText(const std::string& path, const std::vector<Explanation>& explanations, std::ostream& out);
void WriteExplainJson(const std::string& path, const std::vector<Explanation>& explanations, std::ostream& out);

}  // namespace driftcheck
