#pragma once
// What evaluation did for one pair, side by side, when asked: `explain` is a
// view of this record. Nothing is recorded unless the session is asked to
// trace (tracing costs time and memory). The record holds values as read,
// secrets included: it never leaves the process, and whoever shows it
// redacts (explain shows every value through ShownValue).

#include <vector>

#include "load/load.h"
#include "schema/normalize.h"

namespace driftcheck {

/// One side of the pair, stage by stage.
struct SideTrace {
  LoadedSide raw;                         ///< loaded, layers merged, `select` applied; not normalized
  std::vector<NormalizeStep> normalize;   ///< each rewrite the normalize walk made, in walk order
  LoadedSide normalized;                  ///< as the diff compared it
};

struct PairTrace {
  SideTrace left;
  SideTrace right;
};

}  // namespace driftcheck
