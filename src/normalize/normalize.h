#pragma once
// The normalize stage, between load and diff: makes two configurations that
// mean the same compare equal (schema defaults, types, units, environment
// tokens) and says, through a DiffPolicy, how the diff should pair lists and
// what it should skip. Today it changes nothing: schemas and a source's
// `normalize:` fill it in.

#include <memory>
#include <vector>

#include "path/policy.h"
#include "load/load.h"
#include "manifest/manifest.h"
#include "schema/normalize.h"

namespace driftcheck {

/// A finding the normalize stage wants reported about one side (a schema
/// violation); never holds a value.
struct NormalizeProblem {
  Location location;
  std::string path;
  std::string message;
};

/// Normalizes one side's loaded documents in place for comparison against
/// the other environments of `source`; returns what it found wrong. With
/// `trace` (explain), each rewrite is recorded there.
std::vector<NormalizeProblem> NormalizeSide(const Source& source, const Environment& env,
                                            LoadedSide& side, std::vector<NormalizeStep>* trace = nullptr);

/// How the diff compares `source`'s configuration.
std::unique_ptr<DiffPolicy> PolicyFor(const Source& source);

}  // namespace driftcheck
