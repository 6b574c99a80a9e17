#include "load/load.h"

#include <algorithm>
#include <unordered_set>

#include "config/merge.h"
#include "core/error.h"

namespace driftcheck {
namespace {

// Moves every location in `node`, keys' included, from file `from` to file
// `to`: one blob parsed once and read again at another path.
void Relocate(Value& node, OriginPtr from, OriginPtr to) {
  if (node.location().origin == from) {
    node.set_location(Location{to, node.location().line, node.location().column});
  }
  if (node.is_list()) {
    for (Value& item : node.items()) Relocate(item, from, to);
  } else if (node.is_map()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      Relocate(node.value(i), from, to);
      const Location& key_at = node.key_location(i);
      if (key_at.origin != from) continue;
      node.Set(node.key(i), Location{to, key_at.line, key_at.column}, std::move(node.value(i)));
    }
  }
}

// An empty file is an empty configuration, located at the file itself.
Value EmptyConfig(const std::string& path) { return Value::Map(Location{MakeOrigin(path), 1, 1}); }

// A layer that is empty, or holds only `---` and comments, changes nothing.
bool IsEmptyLayer(const Documents& docs) {
  return std::all_of(docs.begin(), docs.end(), [](const Value& doc) { return doc.is_null(); });
}

// `a: 1\n---\n` is one document: a trailing separator opens no new one.
void DropTrailingEmptyDocuments(Documents& docs) {
  while (docs.size() > 1 && docs.back().is_null()) docs.pop_back();
}

Documents LoadLayers(const Source& source, const SideFiles& files, const Tree& tree,
                     const LoadContext& context, std::vector<std::string>& read,
                     std::vector<LoadWarning>& warnings) {
  auto load = [&](const std::string& path) {
    const std::string format = FormatFor(source, path);
    read.push_back(path + " (" + format + ")");
    return context.cache->Load(tree, path, format, context.limits, warnings);
  };
  if (!source.layered) {
    auto docs = load(files.layers.front());
    if (!docs || docs->empty()) return {EmptyConfig(files.layers.front())};
    DropTrailingEmptyDocuments(*docs);
    return std::move(*docs);
  }
  Value merged = EmptyConfig(files.layers.front());
  for (std::size_t i = 0; i < files.layers.size(); ++i) {
    if (!files.layer_exists[i]) continue;  // a missing later layer is optional
    auto docs = load(files.layers[i]);
    if (!docs || IsEmptyLayer(*docs)) continue;
    DropTrailingEmptyDocuments(*docs);
    if (docs->size() > 1) {
      throw InputError((*docs)[1].location(), "a layer must hold one YAML document",
                       "split the documents, or use 'path:' with 'documents:' instead of 'layers:'");
    }
    // Spring expands each file's dotted keys before files merge.
    if (source.normalizer) source.normalizer->ExpandKeys(docs->front());
    MergeInto(merged, std::move(docs->front()), source.list_merge);
  }
  return {std::move(merged)};
}

// The subtree `select` names for this environment (its name, else an alias).
std::optional<Value> Select(const Value& document, const Source& source, const Environment& env) {
  for (const std::string& name : EnvSpellings(env)) {
    std::vector<std::string> keys = source.select;
    for (std::string& key : keys) {
      for (std::size_t at; (at = key.find("{env}")) != std::string::npos;) key.replace(at, 5, name);
    }
    if (const Value* node = FindKeyPath(document, keys)) return *node;
  }
  return std::nullopt;
}

// "Deployment/api" from the `documents.key` paths, or "#index".
std::string DocumentName(const Value& document, const Source& source, std::size_t index) {
  std::string name;
  for (const auto& key_path : source.document_key) {
    const Value* node = FindKeyPath(document, key_path);
    if (!node || !node->is_scalar() || node->is_null()) return "#" + std::to_string(index);
    name += (name.empty() ? "" : "/") + node->text();
  }
  return name.empty() ? "#" + std::to_string(index) : name;
}

// Whether `documents.key` reads a secret field, so names must not be printed.
bool NamesAreSecret(const Source& source, const SecretMatcher* secrets) {
  if (!secrets) return false;
  for (const auto& key_path : source.document_key) {
    for (const std::string& key : key_path) {
      if (secrets->IsSecretKey(key)) return true;
    }
  }
  return false;
}

void NameDocuments(Documents docs, const Source& source, const Environment& env,
                   const SecretMatcher* secrets, LoadedSide& side) {
  const bool secret_names = NamesAreSecret(source, secrets);
  std::unordered_set<std::string> names;  // a set: 200,000 documents stay linear
  for (std::size_t i = 0; i < docs.size(); ++i) {
    // Rendered manifests often hold empty documents ("---" twice); they name nothing.
    if (docs[i].is_null() && !source.document_key.empty()) continue;
    std::optional<Value> value = std::move(docs[i]);
    if (!source.select.empty()) value = Select(*value, source, env);
    if (!value) continue;
    std::string name = source.document_key.empty() ? "#" + std::to_string(i)
                                                     : DocumentName(*value, source, i);
    // A name read from a secret field, or one holding a credential (a URL's
    // password, a token), prints as a fingerprint; pairing keeps the real name.
    const bool hide = !name.starts_with('#') && (secret_names || (secrets && HoldsCredential(name, *secrets)));
    std::string shown = hide ? SecretFingerprint(name) : name;
    if (!names.insert(name).second) {
      throw InputError(value->location(), "two documents are named '" + shown + "'",
                       "add a key path to the source's 'documents.key' that tells them apart");
    }
    side.documents.push_back({std::move(name), std::move(shown), std::move(*value)});
  }
}

std::string FormatHint(const Source& source) {
  if (!source.format.empty()) return {};
  return "the file was read as YAML; if it is another format, set the source's 'format:' "
         "(dotenv, json, ...)";
}

// YAML whose top level is a plain string is almost always another format
// (a .properties or .env file) read as YAML.
void RejectPlainStringDocuments(const Documents& docs, const Source& source, const std::string& file) {
  for (const Value& doc : docs) {
    if (doc.kind() == Value::Kind::kString && !doc.quoted()) {
      throw InputError(doc.location(), "the file's top level is a plain string, not a map",
                       FormatHint(source).empty()
                           ? "check that the source's 'format:' matches " + file
                           : FormatHint(source));
    }
  }
}

// "80 MiB", "1.5 MiB", "900 bytes": a size as a person reads it.
std::string ReadableSize(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = 1 << 20;
  if (bytes < kMiB) return std::to_string(bytes) + " bytes";
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  const std::uint64_t tenths = bytes * 10 / kMiB;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

// A file over the limit is refused before its bytes are read (the size comes
// from the git object header or a stat), so a 2 GB blob is never in memory.
void RejectLargeFile(const std::string& path, std::uint64_t size, const LoadLimits& limits) {
  if (size <= limits.max_file_bytes) return;
  throw InputError(path, 0, 0,
                   "it is " + ReadableSize(size) + ", over the limit of " + ReadableSize(limits.max_file_bytes) +
                       " for a configuration file",
                   "raise the limit with --max-file-size SIZE (e.g. --max-file-size 256Mi)");
}

}  // namespace

std::size_t LoadCache::parses() const {
  const std::lock_guard lock(mutex_);
  return parses_;
}

void LoadCache::KeepOnly(std::optional<std::unordered_set<std::string>> ids) {
  const std::lock_guard lock(mutex_);
  keep_ = std::move(ids);
}

std::optional<Documents> LoadCache::Load(const Tree& tree, const std::string& path,
                                         const std::string& format, const LoadLimits& limits,
                                         std::vector<LoadWarning>& warnings) {
  if (auto size = tree.FileSize(path)) RejectLargeFile(path, *size, limits);
  std::optional<std::string> id = tree.BlobId(path);
  std::optional<FileContent> content;
  if (!id) {
    content = tree.Read(path);
    if (!content) return std::nullopt;
    id = content->blob_id;
  }
  Key key{*id, format};
  const OriginPtr origin = MakeOrigin(path);
  if (!id->empty()) {
    std::shared_ptr<const Documents> cached;
    std::vector<LoadWarning> said;
    OriginPtr parsed_at;
    {
      const std::lock_guard lock(mutex_);
      if (auto it = entries_.find(key); it != entries_.end()) {
        const Entry& entry = it->second;
        if (entry.error && entry.origin == origin) throw *entry.error;
        if (!entry.error) {
          cached = entry.documents;
          said = entry.warnings;
          parsed_at = entry.origin;
        }
      }
    }
    if (cached) {
      Documents documents = *cached;  // the caller merges and normalizes its own copy
      if (parsed_at != origin) {
        for (Value& document : documents) Relocate(document, parsed_at, origin);
        for (LoadWarning& warning : said) {
          if (warning.location.origin == parsed_at) warning.location.origin = origin;
        }
      }
      warnings.insert(warnings.end(), said.begin(), said.end());
      return documents;
    }
  }
  if (!content) content = tree.Read(path);
  if (!content) return std::nullopt;
  RejectLargeFile(path, content->bytes.size(), limits);  // a tree that could not tell before
  const bool cacheable = !id->empty() && content->bytes.size() <= kMaxCachedBytes;
  try {
    const LoaderFn loader = FindLoader(format);
    // A file cannot hold more nodes than bytes unless aliases expand it, so a
    // budget that grows with the file admits any large real file (200,000
    // rendered manifests) and still stops an alias bomb.
    LoadLimits scaled = limits;
    scaled.max_nodes = std::max(limits.max_nodes, content->bytes.size());
    std::vector<LoadWarning> said;
    Documents parsed = loader(content->bytes, origin, scaled, said);
    warnings.insert(warnings.end(), said.begin(), said.end());
    const std::lock_guard lock(mutex_);
    ++parses_;
    // A large file, or one the plan reads once, is handed over, never copied.
    if (!cacheable || (keep_ && !keep_->contains(*id))) return parsed;
    if (cached_bytes_ + content->bytes.size() > kBudgetBytes) {
      entries_.clear();  // repeats are local (a base layer, one blob at two revisions)
      cached_bytes_ = 0;
    }
    cached_bytes_ += content->bytes.size();
    entries_[key] = Entry{std::make_shared<const Documents>(parsed), std::move(said), std::nullopt, origin};
    return parsed;
  } catch (const InputError& error) {
    const std::lock_guard lock(mutex_);
    ++parses_;
    if (cacheable) entries_[key] = Entry{nullptr, {}, error, origin};
    throw;
  }
}

std::string FormatFor(const Source& source, const std::string& path) {
  return source.format.empty() ? FormatForPath(path) : source.format;
}

const Value* FindKeyPath(const Value& root, const std::vector<std::string>& keys) {
  const Value* node = &root;
  for (const std::string& key : keys) {
    node = node->is_map() ? node->Find(key) : nullptr;
    if (!node) return nullptr;
  }
  return node;
}

LoadedSide LoadSide(const Source& source, const SideFiles& files, const Environment& env,
                    const Tree& tree, const LoadContext& context) {
  LoadedSide side;
  side.file = files.layers.front();
  if (!files.present) return side;
  side.file_present = true;
  try {
    Documents docs = LoadLayers(source, files, tree, context, side.read, side.warnings);
    RejectPlainStringDocuments(docs, source, side.file);
    NameDocuments(std::move(docs), source, env, context.secrets, side);
  } catch (const SymbolicLinkError& link) {
    throw InputError(source.location,
                     "source '" + source.name + "' matches " + link.path() +
                         ", a symbolic link; driftcheck reads regular files only",
                     "point the source at the file the link names");
  } catch (const InputError& error) {
    const std::string file = error.file().empty() ? side.file : error.file();
    side.invalid = InvalidFile{file, Location{MakeOrigin(file), error.line(), error.column()},
                               error.message(), error.hint()};
    side.documents.clear();
    return side;
  }
  side.present = !side.documents.empty();
  return side;
}

}  // namespace driftcheck
