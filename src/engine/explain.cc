#include "engine/explain.h"

#include <algorithm>

#include "path/path_pattern.h"
#include "core/glob.h"
#include "normalize/normalize.h"

namespace driftcheck {
namespace {

constexpr const char* kRedacted = "<redacted>";

bool Below(const std::string& path, const std::string& ancestor) {
  if (ancestor.empty()) return true;
  return path.size() > ancestor.size() && path.starts_with(ancestor) &&
         (path[ancestor.size()] == '.' || path[ancestor.size()] == '[');
}

// A scalar as normalization made it, without the written form reports show.
Value Normalized(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return Value::Null(v.location());
    case Value::Kind::kBool: return Value::Bool(v.as_bool(), v.location());
    case Value::Kind::kInt: return Value::Integer(v.DecimalText(), v.text(), v.location());
    case Value::Kind::kFloat: return Value::Float(v.as_double(), v.text(), v.location());
    case Value::Kind::kString: return Value::String(v.text(), v.quoted(), v.location());
    default: return v;
  }
}

// The only place explain turns a value into text: a secret is never
// formatted, and what the report writers would redact inside a value stays
// redacted. A scalar is shown as normalization made it (`normalized`)
// unless redaction changed what would be shown.
std::string Show(const Value& v, bool secret, const SecretMatcher& secrets, bool normalized) {
  if (secret) return kRedacted;
  const ShownValue shown = ShownValue::Of(v, secrets);
  if (!shown.shown() || !normalized || !v.is_scalar()) return FlowText(shown);
  return FlowText(shown.value()) == FlowText(v.written()) ? FlowText(Normalized(v)) : FlowText(shown);
}

ExplainedValue Explained(const Value* v, bool secret, const SecretMatcher& secrets, bool normalized) {
  if (!v) return {false, "(absent)", ""};
  return {true, Show(*v, secret, secrets, normalized), v->location().ToString()};
}

const LoadedDocument* FindDocument(const LoadedSide& side, const std::string& name) {
  for (const LoadedDocument& doc : side.documents) {
    if (doc.name == name) return &doc;
  }
  return nullptr;
}

// One side as evaluation traced it, and for a layered source each existing
// layer read alone (to say which layer holds the path and what it overrode).
struct SideLoad {
  const SideTrace& traced;
  std::vector<std::pair<std::string, LoadedSide>> layers;
};

SideLoad LoadLayers(const SideTrace& traced, const Source& source, const SideFiles& files, const SideSpec& side,
                    const LoadContext& context) {
  SideLoad out{traced, {}};
  if (files.layers.size() > 1) {
    for (std::size_t i = 0; i < files.layers.size(); ++i) {
      if (!files.layer_exists[i]) continue;
      const SideFiles one{true, {files.layers[i]}, {true}};
      out.layers.emplace_back(files.layers[i], LoadSide(source, one, *side.env, *side.tree, context));
    }
  }
  return out;
}

const Value* Root(const LoadedSide& side, const std::string& document) {
  const LoadedDocument* doc = FindDocument(side, document);
  return doc ? &doc->value : nullptr;
}

// Whether the value at the asked path is a secret in one document, decided
// as reports decide it (ViewOfPath): by the keys on the path and by what the
// documents hold around it (a `[--password, PW]` list, a
// `{name: DB_PASSWORD, value: ...}` item), on each side as written, as
// normalized and in each layer alone.
bool PathIsSecret(const Path& path, const DiffPolicy& policy, const SecretMatcher& secrets, const SideLoad& l,
                  const SideLoad& r, const std::string& document) {
  SiblingDigests siblings;
  auto secret_in = [&](const Value* left, const Value* right) {
    if (ViewOfPath(path, policy, secrets, left, right, siblings).secret) return true;
    for (const Value* root : {left, right}) {  // a list or map shown whole holding a secret's copy
      const Value* at = root ? FindAtPath(*root, path.segments()) : nullptr;
      if (at && HoldsSecretCopy(*at, *root, policy, secrets, siblings)) return true;
    }
    return false;
  };
  if (secret_in(Root(l.traced.raw, document), Root(r.traced.raw, document))) return true;
  if (secret_in(Root(l.traced.normalized, document), Root(r.traced.normalized, document))) return true;
  for (const SideLoad* side : {&l, &r}) {
    for (const auto& layer : side->layers) {
      if (secret_in(Root(layer.second, document), nullptr)) return true;
    }
  }
  return false;
}

ExplainedSide Side(const SideLoad& load, const SideSpec& spec, const std::string& document,
                   const ExplainQuestion& q, const std::vector<PathSegment>& segments, bool secret,
                   const SecretMatcher& secrets) {
  ExplainedSide side;
  side.label = spec.label;
  side.env = spec.env->name;
  side.revision = spec.tree->revision();
  const LoadedSide& loaded = load.traced.raw;
  side.file = loaded.file_present ? loaded.file : "";
  side.secret = secret;
  if (loaded.invalid) {
    side.problem = loaded.invalid->location.ToString() + ": " + loaded.invalid->message;
  } else if (!loaded.present) {
    side.problem = loaded.file_present ? "the file has no such subtree (select:)" : "no file";
  }
  const LoadedDocument* raw = FindDocument(loaded, document);
  const LoadedDocument* normalized = FindDocument(load.traced.normalized, document);
  side.raw = Explained(raw ? FindAtPath(raw->value, segments) : nullptr, secret, secrets, false);
  side.normalized = Explained(normalized ? FindAtPath(normalized->value, segments) : nullptr, secret, secrets, true);
  for (const auto& [file, layer] : load.layers) {
    const LoadedDocument* doc = FindDocument(layer, document);
    const Value* v = doc ? FindAtPath(doc->value, segments) : nullptr;
    if (v) side.layers.push_back({file, Explained(v, secret, secrets, false)});
  }
  for (const NormalizeStep& step : load.traced.normalize) {
    if (step.path != q.path && !Below(step.path, q.path)) continue;
    const bool hidden = secret || step.secret;
    side.steps.push_back({step.path, step.what, step.by,
                          step.before ? Show(*step.before, hidden, secrets, true) : "(absent)",
                          step.after ? Show(*step.after, hidden, secrets, true) : "(absent)"});
  }
  return side;
}

std::string RuleText(const Allowance& a) {
  std::string text = "allowed by rule " + a.rule + ": " + a.reason + " (owner " + a.owner;
  if (!a.ticket.empty()) text += ", " + a.ticket;
  if (!a.expires.empty()) text += ", until " + a.expires;
  return text + ")";
}

ExplainedVerdict VerdictOf(const Finding& f, const std::string& asked) {
  ExplainedVerdict v;
  v.finding_id = f.id;
  v.finding_path = f.path;
  if (f.allowed) {
    v.verdict = "allowed";
    v.text = f.KindName() + ", " + RuleText(*f.allowed);
  } else if (f.kind == FindingKind::kMustDiffer) {
    v.verdict = "must-differ";
    v.text = "must-differ: both hold the same value where they must differ";
  } else if (f.kind == FindingKind::kSameSecret) {
    v.verdict = "same-secret";
    v.text = "same-secret: both hold the same secret value";
  } else if (f.kind == FindingKind::kSchemaViolation || f.kind == FindingKind::kInvalidFile) {
    v.verdict = std::string(KindFamilyName(f.kind));
    v.text = v.verdict + " (" + f.left.label + "): " + f.message;
  } else {
    v.verdict = "drift";
    v.text = "drift: " + f.KindName();
    if (!f.message.empty()) v.text += "; " + f.message;
  }
  if (f.path != asked) v.text += " (at " + (f.path.empty() ? std::string("the whole file") : f.path) + ")";
  if (f.severity != Severity::kError && !f.allowed) v.text = std::string(SeverityName(f.severity)) + ": " + v.text;
  return v;
}

bool Related(const Finding& f, const std::string& asked) {
  if (f.path.empty()) return f.kind == FindingKind::kFileMissing || f.kind == FindingKind::kInvalidFile;
  return f.path == asked || Below(f.path, asked) || Below(asked, f.path);
}

std::vector<ExplainedVerdict> Verdicts(const FilePair& pair, const SideSpec& left, const SideSpec& right,
                                       const std::string& document, const ExplainQuestion& q,
                                       const Report& judged, const std::vector<ExplainedSide>& sides) {
  const std::vector<std::pair<std::string, std::string>> placeholders(pair.placeholders.begin(),
                                                                      pair.placeholders.end());
  std::vector<ExplainedVerdict> out;
  for (const Finding& f : judged.findings) {
    if (f.source != pair.source->name || f.placeholders != placeholders ||
        f.pair_labels != std::make_pair(left.label, right.label)) {
      continue;
    }
    if (!f.document.empty() && f.document != document) continue;
    if (Related(f, q.path)) out.push_back(VerdictOf(f, q.path));
  }
  if (!out.empty()) return out;
  const Path path = PathOf(*ParseFindingPath(q.path));
  if (pair.source->normalizer && pair.source->normalizer->Skip(path)) {
    const auto [schema, spec] = pair.source->normalizer->SettingsBySource(path);
    return {{"ignored",
             std::string("ignored by ") + (schema.ignore ? "the schema's x-drift: ignore" : "normalize: ignore"),
             "", ""}};
  }
  if (!sides[0].normalized.present && !sides[1].normalized.present) {
    return {{"absent", "absent: neither side has a value here", "", ""}};
  }
  return {{"equal", "equal: no finding", "", ""}};
}

}  // namespace

Path PathOf(const std::vector<PathSegment>& segments) {
  Path walked;
  for (const PathSegment& s : segments) {
    walked = s.kind == PathSegment::Kind::kKey     ? walked.Key(s.key)
             : s.kind == PathSegment::Kind::kIndex ? walked.Index(s.index)
                                                   : walked.Match(s.key, s.match);
  }
  return walked;
}

const Value* FindAtPath(const Value& root, const std::vector<PathSegment>& path) {
  const Value* at = &root;
  for (const PathSegment& s : path) {
    if (s.kind == PathSegment::Kind::kKey) {
      at = at->is_map() ? at->Find(s.key) : nullptr;
    } else if (s.kind == PathSegment::Kind::kIndex) {
      at = at->is_list() && s.index < at->items().size() ? &at->items()[s.index] : nullptr;
    } else {
      const Value* found = nullptr;
      if (at->is_list()) {
        for (const Value& item : at->items()) {
          const Value* field = item.is_map() ? item.Find(s.key) : nullptr;
          if (field && field->is_scalar() && field->text() == s.match) {
            found = &item;
            break;
          }
        }
      }
      at = found;
    }
    if (!at) return nullptr;
  }
  return at;
}

namespace {

// The paths of one document pair's roots (either may be null).
void CollectDocumentPaths(const Value* left, const Value* right, const DiffPolicy& policy,
                          const SecretMatcher& secrets, std::set<std::string>& out, std::size_t limit) {
  struct Frame {
    const Value* v;
    Path path;
  };
  SiblingDigests siblings;
  for (const Value* root : {left, right}) {
    if (!root) continue;
    std::vector<Frame> stack{{root, Path()}};
    while (!stack.empty() && out.size() < limit) {
      Frame f = std::move(stack.back());
      stack.pop_back();
      if (!f.path.empty()) {
        // Decided as reports decide it: a path they print with a
        // fingerprint in it is left out, and so is all below it.
        PathView view = ViewOfPath(f.path, policy, secrets, left, right, siblings);
        if (!view.hidden_real.empty()) continue;
        out.insert(std::move(view.shown));
      }
      if (f.v->is_map()) {
        for (std::size_t i = f.v->size(); i-- > 0;) {
          stack.push_back({&f.v->value(i), f.path.Key(f.v->key(i), f.v->key_hidden(i))});
        }
      } else if (f.v->is_list()) {
        // An item of a list paired by a key field is printed by its name
        // (`routes[name=health]`), as the diff names it; one without a name
        // by its index.
        const ListRule rule = policy.ListAt(f.path);
        for (std::size_t i = f.v->items().size(); i-- > 0;) {
          const Value& item = f.v->items()[i];
          const Value* name = rule.match == ListMatch::kByKey && item.is_map() ? item.Find(rule.key) : nullptr;
          const bool named = name && name->is_scalar() && !name->is_null();
          if (!named) {
            stack.push_back({&item, f.path.Index(i)});
            continue;
          }
          // A bool without its written text is spelt as the diff spells it.
          const bool bare_bool = name->text().empty() && name->kind() == Value::Kind::kBool;
          const std::string text = bare_bool ? (name->as_bool() ? "true" : "false") : name->text();
          stack.push_back({&item, f.path.Match(rule.key, text)});
        }
      }
    }
  }
}

// Every path of two sides, their documents paired by name, under `policy`.
void CollectSidePaths(const LoadedSide& left, const LoadedSide& right, const DiffPolicy& policy,
                      const SecretMatcher& secrets, std::set<std::string>& out, std::size_t limit) {
  std::vector<std::string> documents;
  for (const LoadedSide* side : {&left, &right}) {
    for (const LoadedDocument& doc : side->documents) {
      if (std::find(documents.begin(), documents.end(), doc.name) == documents.end()) documents.push_back(doc.name);
    }
  }
  for (const std::string& document : documents) {
    CollectDocumentPaths(Root(left, document), Root(right, document), policy, secrets, out, limit);
  }
}

}  // namespace

void CollectShownPaths(const Source& source, const LoadedSide& left, const LoadedSide& right,
                       const SecretMatcher& secrets, std::set<std::string>& out, std::size_t limit) {
  const auto base = PolicyFor(source);
  bool select_secret = false;
  for (const std::string& key : source.select) select_secret |= secrets.IsSecretKey(key);
  CollectSidePaths(left, right, SecretKeyPolicy(*base, secrets, select_secret), secrets, out, limit);
}

bool MatchesWhere(const FilePair& pair, const ExplainQuestion& question) {
  for (const auto& [name, glob] : question.where) {
    const auto it = pair.placeholders.find(name);
    if (it == pair.placeholders.end() || !GlobMatch(glob, it->second)) return false;
  }
  return true;
}

std::vector<Explanation> ExplainPair(const Manifest& manifest, const PairTask& task, const PairTrace& trace,
                                     const ExplainQuestion& question, const Report& judged, LoadCache& cache,
                                     std::set<std::string>& seen_paths) {
  const FilePair& pair = task.pair;
  const SideSpec& left = task.comparison.left;
  const SideSpec& right = task.comparison.right;
  const Source& source = *pair.source;
  const auto segments = ParseFindingPath(question.path);
  const SecretMatcher secrets(manifest.secret_keys);
  LoadContext context;
  context.cache = &cache;
  context.secrets = &secrets;
  const auto base = PolicyFor(source);
  bool select_secret = false;
  for (const std::string& key : source.select) select_secret |= secrets.IsSecretKey(key);
  const SecretKeyPolicy policy(*base, secrets, select_secret);
  const Path asked = PathOf(*segments);

  const SideLoad l = LoadLayers(trace.left, source, pair.left, left, context);
  const SideLoad r = LoadLayers(trace.right, source, pair.right, right, context);
  std::vector<std::string> documents;
  for (const SideLoad* side : {&l, &r}) {
    for (const LoadedDocument& doc : side->traced.raw.documents) {
      if (std::find(documents.begin(), documents.end(), doc.name) == documents.end()) documents.push_back(doc.name);
    }
  }
  CollectSidePaths(l.traced.raw, r.traced.raw, policy, secrets, seen_paths, 20000);
  if (documents.empty()) documents.push_back("");  // neither side could be read: still say so
  std::vector<Explanation> out;
  for (const std::string& document : documents) {
    Explanation e;
    e.source = source.name;
    e.placeholders.assign(pair.placeholders.begin(), pair.placeholders.end());
    e.document = documents.size() > 1 ? document : "";
    const bool secret = PathIsSecret(asked, policy, secrets, l, r, document);
    e.sides.push_back(Side(l, left, document, question, *segments, secret, secrets));
    e.sides.push_back(Side(r, right, document, question, *segments, secret, secrets));
    const bool holds = e.sides[0].raw.present || e.sides[1].raw.present || e.sides[0].normalized.present ||
                       e.sides[1].normalized.present;
    const bool unreadable = trace.left.raw.invalid || trace.right.raw.invalid;
    if (!holds && !unreadable) continue;
    e.verdicts = Verdicts(pair, left, right, document, question, judged, e.sides);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace driftcheck
