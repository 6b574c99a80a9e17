#pragma once
// A hand-written scanner for the common subset of YAML that configuration
// files are written in: block maps and lists by indentation, one-line scalars,
// one-line flow collections, comments. It produces the very events yaml-cpp's
// parser produces for such text, marks included, and gives up on anything
// else, so that LoadYaml can run yaml-cpp's much slower scanner only on the
// files that need it. The subset is described in yaml_fast.cc.

#include <string_view>

namespace YAML {
class EventHandler;
}

namespace driftcheck {

/// Feeds `handler` exactly the events (kinds, marks, tags, texts) that
/// `YAML::Parser::HandleNextDocument` would for `text`, if all of `text` lies
/// in the subset, and returns true. Returns false as soon as it meets anything
/// outside the subset; the events given until then must be discarded.
/// Exceptions thrown by `handler` pass through.
bool ParseYamlSubset(std::string_view text, YAML::EventHandler& handler);

}  // namespace driftcheck
