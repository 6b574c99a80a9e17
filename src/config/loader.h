#pragma once
// One loader per configuration format, behind one function type. The format
// comes from the manifest's `format:`, never from the file name.

#include <string>
#include <string_view>
#include <vector>

#include "config/value.h"
#include "core/location.h"

namespace driftcheck {

/// Bounds that keep hostile input from exhausting the stack or memory.
struct LoadLimits {
  int max_depth = 200;                 ///< nesting of maps/lists
  std::size_t max_nodes = 1'000'000;   ///< nodes after alias expansion (~170 MB)
};

/// A file's documents (YAML may hold several; an empty file holds none).
using Documents = std::vector<Value>;

/// Parses `text` (the bytes of the file `origin` names). Throws InputError with
/// file:line:column on malformed input; never a message containing a value.
using LoaderFn = Documents (*)(std::string_view text, const OriginPtr& origin,
                               const LoadLimits& limits);

Documents LoadYaml(std::string_view text, const OriginPtr& origin, const LoadLimits& limits);
Documents LoadJson(std::string_view text, const OriginPtr& origin, const LoadLimits& limits);
Documents LoadDotenv(std::string_view text, const OriginPtr& origin, const LoadLimits& limits);

/// The loader registered for a `format:` name, or nullptr.
LoaderFn FindLoader(std::string_view format);
/// Registered format names, sorted.
std::vector<std::string> LoaderNames();

}  // namespace driftcheck
