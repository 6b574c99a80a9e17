#pragma once
// What evaluation did for one pair, step by step, when asked: `explain` is a
// view of this record. The stages append steps; nothing is recorded unless
// the session is asked to trace (tracing costs time and memory).

#include <string>
#include <vector>

#include "core/location.h"

namespace driftcheck {

/// One thing a stage did to one side's configuration.
struct TraceStep {
  bool left = true;     ///< which side of the pair
  std::string stage;    ///< "load", "normalize", "diff", "rules", ...
  std::string path;     ///< the config path it concerns, as reports print it ("" = the file)
  std::string what;     ///< which layer, keyword or setting acted, and how
  std::string before;   ///< the value before the step, as shown (redacted when secret)
  std::string after;    ///< the value after it
  Location location;    ///< where the deciding value or setting is written
};

struct PairTrace {
  std::vector<TraceStep> steps;
};

}  // namespace driftcheck
