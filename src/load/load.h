#pragma once
// The load stage: one side's effective configuration for a file pair — read
// each layer, parse it once per blob, merge the layers (into copies), pick
// the `select:` subtree and name the documents. Nothing here knows git.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "config/loader.h"
#include "core/secrets.h"
#include "manifest/manifest.h"
#include "plan/pairing.h"
#include "tree/tree.h"

namespace driftcheck {

/// Parsed files by blob id and format, not by path: identical blobs are
/// parsed once per run, whichever revisions and paths hold them. Every parsed
/// node records the file it was written in, so a blob read at another path is
/// handed over relocated to that path: no report names the wrong file. (A
/// file that failed to parse is parsed again at another path, so its error
/// names the file asked for.) Only files
/// up to kMaxCachedBytes are kept, and at most kBudgetBytes of them at once
/// (the cache starts over when full), so memory stays bounded by the largest
/// file pair in flight rather than by the repository. Safe to share between
/// threads.
class LoadCache {
 public:
  static constexpr std::size_t kMaxCachedBytes = 1 << 20;
  static constexpr std::size_t kBudgetBytes = 1 << 20;

  /// The documents of `path` in `tree` (a copy the caller owns), or nullopt
  /// when there is no such file. Throws InputError when it does not parse (a
  /// failure is cached too).
  std::optional<Documents> Load(const Tree& tree, const std::string& path, const std::string& format,
                                const LoadLimits& limits, std::vector<LoadWarning>& warnings);
  /// How many files were parsed (cache misses).
  std::size_t parses() const;
  /// Keeps only the blobs in `ids` from now on (with nullopt, every blob):
  /// a run whose plan reads each blob once has nothing to gain from a copy
  /// of every parsed file. A failure is kept either way (it costs no copy).
  void KeepOnly(std::optional<std::unordered_set<std::string>> ids);

 private:
  struct Entry {
    std::shared_ptr<const Documents> documents;
    std::vector<LoadWarning> warnings;
    std::optional<InputError> error;
    OriginPtr origin;  // the path it was parsed at
  };
  using Key = std::tuple<std::string, std::string>;  // blob id, format
  mutable std::mutex mutex_;
  std::map<Key, Entry> entries_;
  std::optional<std::unordered_set<std::string>> keep_;  // blob ids worth a copy; nullopt: all
  std::size_t cached_bytes_ = 0;  // file bytes behind entries_
  std::size_t parses_ = 0;
};

struct LoadedDocument {
  std::string name;   ///< "#index", or built from the source's documents.key
  std::string shown;  ///< the name as reports print it: "<redacted>" when built from a secret field
  Value value;
};

/// Why a side could not be loaded: file:line:col and the parser's reason,
/// never a value.
struct InvalidFile {
  std::string file;
  Location location;
  std::string message;
  std::string hint;
};

/// One side's effective configuration for a file pair.
struct LoadedSide {
  bool present = false;  ///< it has the file (and the `select` subtree)
  bool file_present = false;  ///< it has the file, whatever `select` found
  std::string file;      ///< the first layer's path
  std::vector<LoadedDocument> documents;
  std::optional<InvalidFile> invalid;  ///< set when a layer could not be read
  std::vector<LoadWarning> warnings;   ///< what the loaders accepted but want said
  std::vector<std::string> read;       ///< "path (format)" for each file read, for `-v`
};

struct LoadContext {
  LoadCache* cache = nullptr;
  LoadLimits limits;
  /// The manifest's secret keys: a document named by a secret field is
  /// shown as "<redacted>". May be null (no key is secret).
  const SecretMatcher* secrets = nullptr;
};

/// The format a file of `source` is read with.
std::string FormatFor(const Source& source, const std::string& path);

/// Loads `files` for environment `env`. A file that does not parse makes the
/// side `invalid`; a symbolic link at a config path is an InputError naming
/// the source, since no revision can make it readable.
LoadedSide LoadSide(const Source& source, const SideFiles& files, const Environment& env,
                    const Tree& tree, const LoadContext& context);

/// The node at a key path (maps only), or nullptr.
const Value* FindKeyPath(const Value& root, const std::vector<std::string>& keys);

}  // namespace driftcheck
