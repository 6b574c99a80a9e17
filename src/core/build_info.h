#pragma once
// What the binary knows about its own build.

#include <string_view>

namespace driftcheck {

/// The full git SHA the binary was built from ("-dirty" appended when the
/// checkout had uncommitted changes), or "unknown". Generated at build time
/// by cmake/revision.cmake, linked into the driftcheck executable only.
std::string_view BuildRevision();

}  // namespace driftcheck
