#pragma once
// One loader per configuration format, behind one function type. The format
// comes from the manifest's `format:`, else from an unambiguous extension
// (FormatForPath).

#include <cstdint>
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
  /// A larger file is not read at all (`--max-file-size`): an invalid-file finding.
  std::uint64_t max_file_bytes = std::uint64_t{64} << 20;
  /// Tests only: false sends every YAML file through yaml-cpp, skipping the
  /// fast path for the common subset (config/yaml_fast.h), so that the two can
  /// be compared. Results never depend on it.
  bool yaml_fast_path = true;
};

/// A file's documents (YAML may hold several; an empty file holds none).
using Documents = std::vector<Value>;

/// Something a loader accepted but a reader should hear about (a duplicate
/// key its format lets win). Never quotes a value.
struct LoadWarning {
  Location location;
  std::string message;
};

/// Parses `text` (the bytes of the file `origin` names). Throws InputError with
/// file:line:column on malformed input; never a message containing a value.
/// Appends to `warnings` what it accepted but a reader should hear about.
using LoaderFn = Documents (*)(std::string_view text, const OriginPtr& origin,
                               const LoadLimits& limits, std::vector<LoadWarning>& warnings);

Documents LoadYaml(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                   std::vector<LoadWarning>& warnings);
Documents LoadJson(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                   std::vector<LoadWarning>& warnings);
Documents LoadJsonc(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                    std::vector<LoadWarning>& warnings);
Documents LoadDotenv(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                     std::vector<LoadWarning>& warnings);
Documents LoadProperties(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                         std::vector<LoadWarning>& warnings);
Documents LoadIni(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                  std::vector<LoadWarning>& warnings);
Documents LoadToml(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                   std::vector<LoadWarning>& warnings);
Documents LoadTfvars(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                     std::vector<LoadWarning>& warnings);

/// For loaders of formats whose readers let a repeated key win: sets
/// map[key] and, when the key was there, warns naming both lines.
/// `parent` is the key (an INI section) the map sits under, if any: below a
/// secret key no key is named.
void SetLastWins(Value& map, std::string key, Location key_location, Value value,
                 std::vector<LoadWarning>& warnings, std::string_view parent = {});

/// YAML and JSON for callers with no use for warnings (the manifest,
/// schemas; neither format gives any).
Documents LoadYaml(std::string_view text, const OriginPtr& origin, const LoadLimits& limits);
Documents LoadJson(std::string_view text, const OriginPtr& origin, const LoadLimits& limits);

/// The loader registered for a `format:` name, or nullptr.
LoaderFn FindLoader(std::string_view format);
/// The format an unambiguous extension implies: .json/.jsonc → "jsonc",
/// .properties, .ini, .toml, .tfvars; anything else "yaml" (`.env` files in
/// real repositories often hold YAML, so no extension implies dotenv).
std::string FormatForPath(std::string_view path);
/// Registered format names, sorted.
std::vector<std::string> LoaderNames();

}  // namespace driftcheck
