#include "engine/compare.h"

#include <map>
#include <optional>

#include "config/merge.h"
#include "core/error.h"
#include "diff/diff.h"
#include "manifest/pairing.h"

namespace driftcheck {
namespace {

struct LoadedDocument {
  std::string name;  // "#index", or built from the source's documents.key
  Value value;
};

// One environment's effective configuration for a file pair.
struct LoadedSide {
  bool present = false;
  std::string file;  // the first layer's path
  std::vector<LoadedDocument> documents;
};

std::optional<Documents> LoadFile(const Source& source, const Tree& tree, const std::string& path,
                                  const LoadLimits& limits) {
  auto content = tree.Read(path);
  if (!content) return std::nullopt;
  const LoaderFn load = FindLoader(source.format);
  return load(content->bytes, MakeOrigin(path), limits);
}

// An empty file is an empty configuration, located at the file itself.
Value EmptyConfig(const std::string& path) {
  return Value::Map(Location{MakeOrigin(path), 1, 1});
}

Documents LoadLayers(const Source& source, const SideFiles& files, const Tree& tree,
                     const LoadLimits& limits) {
  if (!source.layered) {
    auto docs = LoadFile(source, tree, files.layers.front(), limits);
    if (!docs || docs->empty()) return {EmptyConfig(files.layers.front())};
    return std::move(*docs);
  }
  Value merged = EmptyConfig(files.layers.front());
  for (const std::string& path : files.layers) {
    auto docs = LoadFile(source, tree, path, limits);
    if (!docs || docs->empty()) continue;  // a missing later layer is optional
    if (docs->size() > 1) {
      throw InputError((*docs)[1].location(), "a layer must hold one YAML document",
                       "split the documents, or use 'path:' with 'documents:' instead of 'layers:'");
    }
    MergeInto(merged, std::move(docs->front()));
  }
  return {std::move(merged)};
}

// The node at a key path (maps only), or nullptr.
const Value* FindKeyPath(const Value& root, const std::vector<std::string>& keys) {
  const Value* node = &root;
  for (const std::string& key : keys) {
    node = node->is_map() ? node->Find(key) : nullptr;
    if (!node) return nullptr;
  }
  return node;
}

// The subtree `select` names for this environment (its name, else an alias).
std::optional<Value> Select(const Value& document, const Source& source, const Environment& env) {
  std::vector<std::string> names = env.aliases;
  names.insert(names.begin(), env.name);
  for (const std::string& name : names) {
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

LoadedSide LoadSide(const Source& source, const SideFiles& files, const EnvironmentTree& side,
                    const LoadLimits& limits) {
  LoadedSide loaded;
  loaded.file = files.layers.front();
  if (!files.present) return loaded;
  Documents docs = LoadLayers(source, files, *side.tree, limits);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    // Rendered manifests often hold empty documents ("---" twice); they name nothing.
    if (docs[i].is_null() && !source.document_key.empty()) continue;
    std::optional<Value> value = std::move(docs[i]);
    if (!source.select.empty()) value = Select(*value, source, *side.env);
    if (!value) continue;
    std::string name = source.document_key.empty() ? "#" + std::to_string(i)
                                                     : DocumentName(*value, source, i);
    for (const auto& earlier : loaded.documents) {
      if (earlier.name == name) {
        throw InputError(value->location(), "two documents are named '" + name + "'",
                         "add a key path to the source's 'documents.key' that tells them apart");
      }
    }
    loaded.documents.push_back({std::move(name), std::move(*value)});
  }
  loaded.present = !loaded.documents.empty();
  return loaded;
}

class FindingBuilder {
 public:
  FindingBuilder(const FilePair& pair, const EnvironmentTree& left, const EnvironmentTree& right,
                 const SecretMatcher& secrets, std::vector<Finding>& out)
      : pair_(pair), left_(left), right_(right), secrets_(secrets), out_(out) {}

  void Compare(const LoadedSide& left, const LoadedSide& right) {
    // Neither has it (a `select` subtree both lack): nothing differs.
    if (!left.present && !right.present) return;
    if (!left.present || !right.present) {
      AddMissingFile(left, right);
      return;
    }
    // Two single-document files need no document names in the report.
    const bool single = pair_.source->document_key.empty() && left.documents.size() == 1 &&
                        right.documents.size() == 1;
    std::map<std::string, const LoadedDocument*> right_docs;
    for (const auto& doc : right.documents) right_docs.emplace(doc.name, &doc);
    for (const auto& doc : left.documents) {
      auto match = right_docs.find(doc.name);
      if (match == right_docs.end()) {
        AddMissingDocument(doc, true, left.file, right.file);
        continue;
      }
      for (const Difference& d : DiffValues(doc.value, match->second->value)) {
        Add(d, single ? std::string() : doc.name, left.file, right.file);
      }
      right_docs.erase(match);
    }
    for (const auto& doc : right.documents) {
      if (right_docs.contains(doc.name)) AddMissingDocument(doc, false, left.file, right.file);
    }
  }

 private:
  Finding Base(FindingKind kind, std::string document, const std::string& left_file,
               const std::string& right_file) const {
    Finding f;
    f.kind = kind;
    f.source = pair_.source->name;
    f.placeholders.assign(pair_.placeholders.begin(), pair_.placeholders.end());
    f.document = std::move(document);
    f.left = FindingSide{left_.env->name, left_.env->name, left_.tree->revision(), left_file,
                         ShownValue::Absent(), {}};
    f.right = FindingSide{right_.env->name, right_.env->name, right_.tree->revision(), right_file,
                          ShownValue::Absent(), {}};
    return f;
  }

  bool IsSecretPath(const Path& path) const {
    for (const auto& segment : path.segments()) {
      if (segment.kind == PathSegment::Kind::kKey && secrets_.IsSecretKey(segment.key)) return true;
    }
    return false;
  }

  ShownValue Show(const Value* value, bool secret) const {
    if (!value) return ShownValue::Absent();
    return secret ? ShownValue::Redacted() : ShownValue::Of(*value, secrets_);
  }

  static FindingKind KindOf(DiffKind kind) {
    switch (kind) {
      case DiffKind::kChanged: return FindingKind::kChanged;
      case DiffKind::kTypeChanged: return FindingKind::kTypeChanged;
      case DiffKind::kOnlyLeft:
      case DiffKind::kOnlyRight: return FindingKind::kOnlyIn;
      case DiffKind::kSameSecret: return FindingKind::kSameSecret;
      case DiffKind::kMustDiffer: return FindingKind::kMustDiffer;
    }
    return FindingKind::kChanged;
  }

  void Add(const Difference& d, const std::string& document, const std::string& left_file,
           const std::string& right_file) {
    Finding f = Base(KindOf(d.kind), document, left_file, right_file);
    f.path = d.path.ToString();
    const bool secret = IsSecretPath(d.path);
    f.left.value = Show(d.left, secret);
    f.right.value = Show(d.right, secret);
    if (d.left) f.left.location = d.key_location ? *d.key_location : d.left->location();
    if (d.right) f.right.location = d.key_location ? *d.key_location : d.right->location();
    f.AssignId();
    out_.push_back(std::move(f));
  }

  // Exactly one side has its file (or its `select` subtree); only that it
  // exists is shown, never the whole file.
  void AddMissingFile(const LoadedSide& left, const LoadedSide& right) {
    Finding f = Base(FindingKind::kFileMissing, "", left.present ? left.file : "",
                     right.present ? right.file : "");
    auto mark_present = [](FindingSide& side, const LoadedSide& loaded) {
      if (!loaded.present) return;
      side.location = Location{MakeOrigin(loaded.file), 0, 0};
      side.value = ShownValue::Present();
    };
    mark_present(f.left, left);
    mark_present(f.right, right);
    f.AssignId();
    out_.push_back(std::move(f));
  }

  void AddMissingDocument(const LoadedDocument& doc, bool on_left, const std::string& left_file,
                          const std::string& right_file) {
    Finding f = Base(FindingKind::kFileMissing, doc.name, left_file, right_file);
    FindingSide& present = on_left ? f.left : f.right;
    present.location = doc.value.location();
    present.value = ShownValue::Present();
    f.AssignId();
    out_.push_back(std::move(f));
  }

  const FilePair& pair_;
  const EnvironmentTree& left_;
  const EnvironmentTree& right_;
  const SecretMatcher& secrets_;
  std::vector<Finding>& out_;
};

}  // namespace

CompareResult CompareEnvironments(const Manifest& manifest, const EnvironmentTree& left,
                                  const EnvironmentTree& right, const LoadLimits& limits) {
  CompareResult result;
  const SecretMatcher secrets(manifest.secret_keys);
  for (const Source& source : manifest.sources) {
    for (const FilePair& pair : PairFiles(source, *left.env, *left.tree, *right.env, *right.tree)) {
      ++result.file_pairs;
      const LoadedSide l = LoadSide(source, pair.left, left, limits);
      const LoadedSide r = LoadSide(source, pair.right, right, limits);
      FindingBuilder(pair, left, right, secrets, result.findings).Compare(l, r);
    }
  }
  return result;
}

}  // namespace driftcheck
