#include "engine/findings.h"

#include <algorithm>
#include <map>

namespace driftcheck {
namespace {

FindingKind KindOf(DiffKind kind) {
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

// A difference's path as reports print it, and whether its value is secret:
// one walk, since both ask the policy about every prefix. Below a secret key
// (or a secret root: a `select:` subtree under one), map keys print as
// fingerprints (`api_keys."<redacted:3fa9>"`), and so does a keyed list
// item named by a secret field (`users[<redacted:3fa9>]`). The two documents
// are walked alongside, so a list item `{name: DB_PASSWORD, value: ...}`
// makes its `value` secret wherever the list sits.
struct PathView {
  std::string shown;
  bool secret = false;
};

const Value* Step(const Value* node, const PathSegment& segment) {
  if (!node) return nullptr;
  switch (segment.kind) {
    case PathSegment::Kind::kKey: return node->is_map() ? node->Find(segment.key) : nullptr;
    case PathSegment::Kind::kIndex:
      return node->is_list() && segment.index < node->items().size() ? &node->items()[segment.index] : nullptr;
    case PathSegment::Kind::kMatch:
      if (!node->is_list()) return nullptr;
      for (const Value& item : node->items()) {
        const Value* name = item.is_map() ? item.Find(segment.key) : nullptr;
        if (name && name->is_scalar() && name->text() == segment.match) return &item;
      }
      return nullptr;
  }
  return nullptr;
}

PathView ViewOf(const Path& path, const DiffPolicy& policy, const SecretMatcher& secrets,
                const Value* left, const Value* right) {
  Path shown, walked;
  bool secret = policy.Secret(walked);
  bool named_secret = false;  // inside an item that names a secret: its `value` is one
  for (const PathSegment& segment : path.segments()) {
    switch (segment.kind) {
      case PathSegment::Kind::kKey: {
        walked = walked.Key(segment.key);
        const bool hide = secret || segment.hidden || HoldsCredential(segment.key, secrets);
        shown = shown.Key(hide ? SecretFingerprint(segment.key) : segment.key);
        if (named_secret && segment.key == "value") secret = true;
        break;
      }
      case PathSegment::Kind::kIndex:
        walked = walked.Index(segment.index);
        shown = shown.Index(segment.index);
        break;
      case PathSegment::Kind::kMatch: {
        walked = walked.Match(segment.key, segment.match);
        const bool hide = secret || secrets.IsSecretKey(segment.key) || HoldsCredential(segment.match, secrets);
        // `users[<redacted:3fa9>]`: neither the secret nor which field holds it.
        shown = hide ? shown.Match("", SecretFingerprint(segment.match)) : shown.Match(segment.key, segment.match);
        break;
      }
    }
    left = Step(left, segment);
    right = Step(right, segment);
    named_secret = segment.kind != PathSegment::Kind::kKey &&
                   ((left && NamesASecret(*left, secrets)) || (right && NamesASecret(*right, secrets)) ||
                    (segment.kind == PathSegment::Kind::kMatch &&
                     (segment.key == "name" || segment.key == "key") && secrets.IsSecretKey(segment.match)));
    secret = secret || policy.Secret(walked);
  }
  return {shown.ToString(), secret};
}

// Whether a secret holds anything that can be a credential: a deploy-time
// reference (`${DB_PASSWORD}`) or an empty value cannot, so two equal ones
// are no reused credential.
// Neither is a flag (`createSecret: false`), what a reference names
// (`valueFrom: {secretKeyRef: {name: db, key: password}}`), nor the `name` of
// a secret (`imagePullSecrets: [{name: regcred}]`).
bool MayHoldCredential(const Value& value) {
  if (value.is_map()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string& key = value.key(i);
      if (key != "name" && !NamesWhereSecretIsKept(key) && MayHoldCredential(value.value(i))) return true;
    }
    return false;
  }
  if (value.is_list()) {
    return std::any_of(value.items().begin(), value.items().end(), MayHoldCredential);
  }
  if (value.is_null() || value.kind() == Value::Kind::kBool) return false;
  return value.kind() != Value::Kind::kString || MayBeCredential(value.written().text());
}

// The last segment is the field its keyed list item was matched by.
bool IsPairingField(const Path& path) {
  const auto& segments = path.segments();
  if (segments.size() < 2) return false;
  const PathSegment& item = segments[segments.size() - 2];
  const PathSegment& field = segments.back();
  return item.kind == PathSegment::Kind::kMatch && field.kind == PathSegment::Kind::kKey && item.key == field.key;
}

}  // namespace

bool SecretKeyPolicy::Secret(const Path& path) const {
  if (all_secret_ || base_.Secret(path)) return true;
  if (path.empty()) return false;
  const PathSegment& last = path.segments().back();
  return last.kind == PathSegment::Kind::kKey && secrets_.IsSecretKey(last.key);
}

FindingBuilder::FindingBuilder(const FilePair& pair, const SideSpec& left, const SideSpec& right,
                               const SecretMatcher& secrets, bool report_same_secret,
                               std::vector<Finding>& out)
    : pair_(pair), left_(left), right_(right), secrets_(secrets),
      report_same_secret_(report_same_secret), out_(out) {}

void FindingBuilder::Compare(const LoadedSide& left, const LoadedSide& right,
                             const DiffPolicy& policy) {
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
      AddMissingDocument(doc, true);
      continue;
    }
    for (const Difference& d : DiffValues(doc.value, match->second->value, policy)) {
      Add(d, single ? nullptr : &doc, doc.value, match->second->value, policy);
    }
    right_docs.erase(match);
  }
  for (const auto& doc : right.documents) {
    if (right_docs.contains(doc.name)) AddMissingDocument(doc, false);
  }
}

Finding FindingBuilder::Base(FindingKind kind, std::string document) const {
  Finding f;
  f.kind = kind;
  f.source = pair_.source->name;
  f.placeholders.assign(pair_.placeholders.begin(), pair_.placeholders.end());
  f.document = std::move(document);
  f.pair_labels = {left_.label, right_.label};
  f.left = FindingSide{left_.label, left_.env->name, left_.tree->revision(),
                       pair_.left.present ? pair_.left.layers.front() : "", ShownValue::Absent(), {}};
  f.right = FindingSide{right_.label, right_.env->name, right_.tree->revision(),
                        pair_.right.present ? pair_.right.layers.front() : "", ShownValue::Absent(), {}};
  return f;
}

// A finding about one side only keeps that side, as `left`.
FindingSide& FindingBuilder::OneSided(Finding& f, bool on_left) const {
  if (!on_left) f.left = f.right;
  f.right = FindingSide{};
  return f.left;
}

void FindingBuilder::Push(Finding f) {
  f.AssignId();
  out_.push_back(std::move(f));
}

// A value both sides take from one file at one revision (a shared base
// layer's placeholder) is inherited, not reused: no same-secret.
bool FindingBuilder::FromSharedLayer(const Difference& d) const {
  if (!d.left || !d.right || left_.tree->revision() != right_.tree->revision()) return false;
  const std::string& file = d.left->location().file();
  return !file.empty() && file == d.right->location().file();
}

void FindingBuilder::Add(const Difference& d, const LoadedDocument* document, const Value& left_root,
                         const Value& right_root, const DiffPolicy& policy) {
  // One environment at two revisions keeps its secrets: that is no reuse.
  // Nor is the field a keyed list pairs its items by (`users[...].password`
  // with `x-drift-key: password`): equal by construction.
  if (d.kind == DiffKind::kSameSecret && IsPairingField(d.path)) return;
  if (d.kind == DiffKind::kSameSecret &&
      (!report_same_secret_ || left_.env == right_.env || !MayHoldCredential(*d.left) || FromSharedLayer(d))) {
    return;
  }
  Finding f = Base(KindOf(d.kind), document ? document->name : "");
  const PathView view = ViewOf(d.path, policy, secrets_, &left_root, &right_root);
  const bool secret = view.secret;
  auto show = [&](const Value* value) {
    if (!value) return ShownValue::Absent();
    return secret ? ShownValue::Redacted() : ShownValue::Of(*value, secrets_, d.path, &policy);
  };
  f.left.value = show(d.left);
  f.right.value = show(d.right);
  if (d.left && !secret) f.left.value_digest = ValueFingerprint(*d.left, secrets_, d.path, &policy);
  if (d.right && !secret) f.right.value_digest = ValueFingerprint(*d.right, secrets_, d.path, &policy);
  // Redacted values (whole or in part) still say whether they are the same.
  const bool partly = f.left.value.partly_redacted() || f.right.value.partly_redacted();
  if ((secret || partly) && d.left && d.right) f.secret_equal = SameValue(*d.left, *d.right);
  if (d.left) f.left.location = d.key_location ? *d.key_location : d.left->location();
  if (d.right) f.right.location = d.key_location ? *d.key_location : d.right->location();
  if (d.kind == DiffKind::kSameSecret) {
    f.message = "the secret holds the same value in " + left_.label + " and " + right_.label;
    f.hint = "use a separate credential per environment";
  } else if (d.kind == DiffKind::kMustDiffer) {
    f.message = "must differ between environments, but " + left_.label + " and " + right_.label +
                " hold the same value";
  }
  // The id is taken from the printed path and document name, which show a
  // secret key only as its salted fingerprint: an id confirms no guess.
  f.path = view.shown;
  if (document) f.document = document->shown;
  Push(std::move(f));
}

// Exactly one side has its file (or its `select` subtree); only that it
// exists is shown, never the whole file.
void FindingBuilder::AddMissingFile(const LoadedSide& left, const LoadedSide& right) {
  Finding f = Base(FindingKind::kFileMissing, "");
  auto mark_present = [](FindingSide& side, const LoadedSide& loaded) {
    if (!loaded.present) return;
    side.location = Location{MakeOrigin(loaded.file), 0, 0};
    side.value = ShownValue::Present();
  };
  mark_present(f.left, left);
  mark_present(f.right, right);
  if (!left.file_present) f.left.file.clear();
  if (!right.file_present) f.right.file.clear();
  // The file is there but lacks the `select` subtree: say that, not "(absent)".
  const LoadedSide& missing = left.present ? right : left;
  const SideSpec& missing_spec = left.present ? right_ : left_;
  if (!pair_.source->select.empty() && missing.file_present) {
    std::string key;
    for (const std::string& k : pair_.source->select) key += (key.empty() ? "" : ".") + k;
    std::string selected = key;
    for (std::size_t at; (at = selected.find("{env}")) != std::string::npos;) {
      selected.replace(at, 5, missing_spec.env->name);
    }
    f.message = missing_spec.label + "'s " + missing.file + " has no '" + selected + "' subtree (select: \"" +
                key + "\")";
    f.hint = "add it, or leave " + missing_spec.env->name + " out of the source's 'compare:'";
  }
  Push(std::move(f));
}

void FindingBuilder::AddMissingDocument(const LoadedDocument& doc, bool on_left) {
  Finding f = Base(FindingKind::kFileMissing, doc.name);
  FindingSide& present = on_left ? f.left : f.right;
  present.location = doc.value.location();
  present.value = ShownValue::Present();
  f.document = doc.shown;
  Push(std::move(f));
}

void FindingBuilder::AddInvalidFile(const LoadedSide& side, bool on_left) {
  Finding f = Base(FindingKind::kInvalidFile, "");
  FindingSide& kept = OneSided(f, on_left);
  kept.file = side.invalid->file;
  kept.location = side.invalid->location;
  f.message = "cannot read the file: " + side.invalid->message;
  f.hint = side.invalid->hint;
  Push(std::move(f));
}

void FindingBuilder::AddLayerMissing(std::size_t layer, bool missing_on_left, const std::string& nearest) {
  Finding f = Base(FindingKind::kLayerMissing, "");
  f.severity = Severity::kWarning;
  const SideFiles& missing = missing_on_left ? pair_.left : pair_.right;
  const SideFiles& other = missing_on_left ? pair_.right : pair_.left;
  const SideSpec& missing_spec = missing_on_left ? left_ : right_;
  const SideSpec& other_spec = missing_on_left ? right_ : left_;
  FindingSide& kept = OneSided(f, missing_on_left);
  kept.file = missing.layers[layer];
  f.message = "layer " + missing.layers[layer] + " is missing in " + missing_spec.label + ", but " +
              other_spec.label + " has " + other.layers[layer];
  f.hint = nearest.empty() ? "add the layer, or remove it from the other environment"
                           : nearest + " exists: is it misnamed?";
  Push(std::move(f));
}

void FindingBuilder::AddLoadWarning(const LoadWarning& warning, bool on_left) {
  Finding f = Base(FindingKind::kDuplicateKey, "");
  f.severity = Severity::kWarning;
  FindingSide& kept = OneSided(f, on_left);
  kept.location = warning.location;
  if (!warning.location.file().empty()) kept.file = warning.location.file();
  f.message = warning.message;
  f.hint = "remove one of the two lines: only the last one takes effect";
  Push(std::move(f));
}

void FindingBuilder::AddProblem(const NormalizeProblem& problem, bool on_left) {
  Finding f = Base(FindingKind::kSchemaViolation, "");
  FindingSide& kept = OneSided(f, on_left);
  kept.location = problem.location;
  f.path = problem.path;
  f.message = problem.message;
  Push(std::move(f));
}

}  // namespace driftcheck
