#include "engine/findings.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/strings.h"

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
// fingerprints (`api_keys."<redacted:3fa9c0d2>"`), and so do the part of a
// flat key below a secret level (`"app.secrets.<redacted:07c2e1aa>"`) and a
// keyed list item named by a secret field (`users[<redacted:07c2e1aa>]`). The
// two documents are walked alongside, so a list item
// `{name: DB_PASSWORD, value: ...}` makes its `value` secret wherever the list
// sits, and so a fingerprint is told apart from its siblings' on both sides.
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

// Sibling groups: whole map keys, the tails after one flat-key head, or the
// names a list's items hold in one field.
std::string WholeKeys() { return "w"; }
std::string TailsAfter(std::string_view head) { return "h" + std::string(head); }
std::string ItemsBy(std::string_view field) { return "f" + std::string(field); }

}  // namespace

// The digests of every secret printed beside another under one parent (a
// map's keys, a list's item names, the tails of flat keys after one head), on
// both sides, sorted: what FingerprintAmong tells a fingerprint apart from.
// Kept per parent, so a map of n secret keys costs n digests, not n².
const std::vector<std::uint64_t>& SiblingDigests::Of(const Value* left, const Value* right, std::string_view group,
                                                     const SecretMatcher& secrets) {
  auto [it, fresh] = memo_.try_emplace(std::make_tuple(left, right, std::string(group)));
  if (!fresh) return it->second;
  std::vector<std::uint64_t>& digests = it->second;
  const char kind = group.front();
  const std::string_view rest = group.substr(1);
  for (const Value* node : {left, right}) {
    if (!node) continue;
    if (kind == 'f' && node->is_list()) {
      const std::string field(rest);
      for (const Value& item : node->items()) {
        const Value* name = item.is_map() ? item.Find(field) : nullptr;
        if (name && name->is_scalar()) digests.push_back(SecretDigest(name->text()));
      }
    } else if (kind != 'f' && node->is_map()) {
      for (std::size_t i = 0; i < node->size(); ++i) {
        const std::string& key = node->key(i);
        if (kind == 'w') {
          digests.push_back(SecretDigest(key));
        } else if (key.starts_with(rest) && SecretTailStart(key, secrets) == rest.size()) {
          digests.push_back(SecretDigest(std::string_view(key).substr(rest.size())));
        }
      }
    }
  }
  std::sort(digests.begin(), digests.end());
  return digests;
}

namespace {

void AppendRealSegment(std::string& out, const PathSegment& segment) {
  auto field = [&out](std::string_view text) { out += std::to_string(text.size()) + ":" + std::string(text); };
  switch (segment.kind) {
    case PathSegment::Kind::kKey: out += 'k'; field(segment.key); break;
    case PathSegment::Kind::kIndex: out += 'i'; field(std::to_string(segment.index)); break;
    case PathSegment::Kind::kMatch: out += 'm'; field(segment.key); field(segment.match); break;
  }
}

PathView ViewOf(const Path& path, const DiffPolicy& policy, const SecretMatcher& secrets,
                const Value* left, const Value* right, SiblingDigests& siblings) {
  Path shown, walked;
  bool secret = policy.Secret(walked);
  bool hid = false;
  std::string real;
  bool named_secret = false;  // inside an item that names a secret: its `value` is one
  for (const PathSegment& segment : path.segments()) {
    AppendRealSegment(real, segment);
    switch (segment.kind) {
      case PathSegment::Kind::kKey: {
        walked = walked.Key(segment.key);
        const std::string& key = segment.key;
        const std::size_t tail = SecretTailStart(key, secrets);
        const bool credential = HoldsCredential(key, secrets);
        if (secret || segment.hidden || credential || HoldsRedactionMarker(key)) {
          shown = shown.Key(FingerprintAmong(SecretDigest(key), siblings.Of(left, right, WholeKeys(), secrets)));
          hid = true;
          secret = secret || credential;  // the value under a key that is a token is secret too
        } else if (tail != std::string::npos) {
          // `app.secrets.sub.key`: the levels below the secret one are secret.
          const std::string_view head = std::string_view(key).substr(0, tail);
          shown = shown.Key(std::string(head) + FingerprintAmong(SecretDigest(std::string_view(key).substr(tail)),
                                                                 siblings.Of(left, right, TailsAfter(head), secrets)));
          hid = true;
        } else {
          shown = shown.Key(key);
        }
        if (named_secret && key == "value") secret = true;
        break;
      }
      case PathSegment::Kind::kIndex:
        walked = walked.Index(segment.index);
        shown = shown.Index(segment.index);
        // `[mysql, -pPW]`, `[--password, PW]`: an argument that is a secret.
        for (const Value* list : {left, right}) {
          if (list && list->is_list()) secret = secret || IsSecretArgument(Arguments(*list), segment.index, secrets);
        }
        break;
      case PathSegment::Kind::kMatch: {
        walked = walked.Match(segment.key, segment.match);
        // The name field is secret where it sits too (a YAML copy of a secret: `{name: *token}`).
        const bool hide = secret || secrets.IsSecretKey(segment.key) || HoldsCredential(segment.match, secrets) ||
                          policy.Secret(walked.Key(segment.key));
        // `users[<redacted:3fa9c0d2>]`: neither the secret nor which field holds it.
        if (hide) {
          shown = shown.Match("", FingerprintAmong(SecretDigest(segment.match),
                                                   siblings.Of(left, right, ItemsBy(segment.key), secrets)));
          hid = true;
        } else {
          shown = shown.Match(segment.key, segment.match);
        }
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
  return {shown.ToString(), secret, hid ? std::move(real) : std::string()};
}

}  // namespace

namespace {

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

AnchorId IdOf(const Location& anchor) { return {anchor.origin.get(), anchor.line, anchor.column}; }

// Whether any node of the tree under `root` (itself included) is one `pred`
// holds for; a walk with a stack of its own, as deep trees need.
template <typename Pred>
bool AnyNode(const Value& root, Pred pred) {
  std::vector<const Value*> stack{&root};
  while (!stack.empty()) {
    const Value* v = stack.back();
    stack.pop_back();
    if (pred(*v)) return true;
    for (const Value& child : v->items()) stack.push_back(&child);  // list items or map values
  }
  return false;
}

bool HoldsAnchors(const Value& root) {
  return AnyNode(root, [](const Value& v) { return !v.anchors().empty(); });
}

// One document pair's policy: the run's, plus what only the documents can
// tell. The `value` of a `{name: DB_PASSWORD, value: ...}` item is secret,
// and so is the `data` of a Kubernetes Secret (SecretForItsHolder),
// and so is a YAML anchor's node and every alias copy of it when one of them
// sits where a secret is (`token: &t X` makes `x: *t` secret, and
// `x: &t X` is secret when `password: *t`). Two equal credentials a value
// detector finds in plain values are a same-secret (judged on the values as
// written; a reference such as `${DB_PASSWORD}` in a URL's password is none).
class DocumentPolicy : public DiffPolicy {
 public:
  DocumentPolicy(const DiffPolicy& base, const SecretMatcher& secrets, const Value* left, const Value* right,
                 SiblingDigests& memo)
      : base_(base), secrets_(secrets), left_(left), right_(right), memo_(memo) {}
  ListRule ListAt(const Path& path) const override { return base_.ListAt(path); }
  bool Skip(const Path& path) const override { return base_.Skip(path); }
  bool MustDiffer(const Path& path) const override { return base_.MustDiffer(path); }
  bool Secret(const Path& path) const override {
    if (base_.Secret(path) || CopiesASecret(path)) return true;
    const auto& segments = path.segments();
    if (segments.empty() || segments.back().kind != PathSegment::Kind::kKey) return false;
    for (const Value* node : {left_, right_}) {
      for (std::size_t i = 0; node && i + 1 < segments.size(); ++i) node = Step(node, segments[i]);
      if (node && SecretForItsHolder(*node, segments.back().key, secrets_)) return true;
    }
    return false;
  }
  bool SharesCredential(const Path& path, const Value& left, const Value& right) const override {
    (void)path;
    const Value& l = left.written();
    const Value& r = right.written();
    if (l.kind() != Value::Kind::kString || r.kind() != Value::Kind::kString) return false;
    const auto theirs = FindCredentials(r.text(), secrets_);
    if (theirs.empty()) return false;
    for (std::string_view mine : FindCredentials(l.text(), secrets_)) {
      if (MayBeCredential(mine) && std::find(theirs.begin(), theirs.end(), mine) != theirs.end()) return true;
    }
    return false;
  }

 private:
  // Whether the node at `path`, on either side, is an anchor's node or copy
  // whose value is a secret (SiblingDigests::SecretAnchors).
  bool CopiesASecret(const Path& path) const {
    if (!anchors_) {
      anchors_.emplace(left_ ? &memo_.SecretAnchors(*left_, base_, secrets_) : nullptr,
                       right_ ? &memo_.SecretAnchors(*right_, base_, secrets_) : nullptr);
    }
    auto [left_secret, right_secret] = *anchors_;
    if ((!left_secret || left_secret->empty()) && (!right_secret || right_secret->empty())) return false;
    const std::pair<const Value*, const std::set<AnchorId>*> sides[] = {{left_, left_secret}, {right_, right_secret}};
    for (auto [node, secret] : sides) {
      if (!secret || secret->empty()) continue;
      for (const PathSegment& segment : path.segments()) node = Step(node, segment);
      if (!node) continue;
      for (const Location& anchor : node->anchors()) {
        if (secret->contains(IdOf(anchor))) return true;
      }
    }
    return false;
  }

  const DiffPolicy& base_;
  const SecretMatcher& secrets_;
  const Value* left_;
  const Value* right_;
  SiblingDigests& memo_;
  mutable std::optional<std::pair<const std::set<AnchorId>*, const std::set<AnchorId>*>> anchors_;
};

}  // namespace

const std::set<AnchorId>& SiblingDigests::SecretAnchors(const Value& root, const DiffPolicy& policy,
                                                        const SecretMatcher& secrets) {
  if (auto it = anchors_.find(&root); it != anchors_.end()) return it->second;
  std::set<AnchorId> secret;
  if (HoldsAnchors(root)) {
    // One walk: the anchors at secret paths, and which anchors lie inside
    // which (a copy of the outer one copies the inner one's value too).
    std::vector<AnchorId> found;
    std::map<AnchorId, std::vector<AnchorId>> inside;
    // Depth first, keeping each level's next child, so that a Path is made
    // only at an anchored node (a copy of a deep list made no path per node).
    struct Cursor {
      const Value* v;
      std::size_t next;                        // the next child (list item or map value) to visit
      const std::vector<Location>* enclosing;  // the nearest anchored node's anchors at or above, if any
      bool secret;                             // known to be at or below a secret path
    };
    std::vector<Cursor> stack;
    auto enter = [&](const Value* v, const std::vector<Location>* enclosing, bool below_secret) {
      const std::vector<Location>& mine = v->anchors();
      if (!mine.empty()) {
        if (!below_secret) {
          Path path;
          for (const Cursor& level : stack) {
            const std::size_t i = level.next - 1;
            path = level.v->is_map() ? path.Key(level.v->key(i), level.v->key_hidden(i)) : path.Index(i);
          }
          below_secret = ViewOf(path, policy, secrets, &root, nullptr, *this).secret;
        }
        for (const Location& anchor : mine) {
          if (below_secret) found.push_back(IdOf(anchor));
          if (!enclosing) continue;
          for (const Location& outer : *enclosing) inside[IdOf(outer)].push_back(IdOf(anchor));
        }
        enclosing = &mine;
      }
      stack.push_back({v, 0, enclosing, below_secret});
    };
    enter(&root, nullptr, false);
    while (!stack.empty()) {
      Cursor& top = stack.back();
      if (top.next == top.v->items().size()) {
        stack.pop_back();
        continue;
      }
      const Value* child = &top.v->items()[top.next++];
      enter(child, top.enclosing, top.secret);
    }
    while (!found.empty()) {
      const AnchorId anchor = found.back();
      found.pop_back();
      if (!secret.insert(anchor).second) continue;
      if (auto it = inside.find(anchor); it != inside.end()) found.insert(found.end(), it->second.begin(), it->second.end());
    }
  }
  return anchors_.emplace(&root, std::move(secret)).first->second;
}

bool HoldsSecretCopy(const Value& node, const Value& root, const DiffPolicy& policy, const SecretMatcher& secrets,
                     SiblingDigests& memo) {
  const std::set<AnchorId>& secret = memo.SecretAnchors(root, policy, secrets);
  if (secret.empty()) return false;
  return AnyNode(node, [&](const Value& v) {
    return std::any_of(v.anchors().begin(), v.anchors().end(),
                       [&](const Location& anchor) { return secret.contains(IdOf(anchor)); });
  });
}

PathView ViewOfPath(const Path& path, const DiffPolicy& policy, const SecretMatcher& secrets, const Value* left,
                    const Value* right, SiblingDigests& siblings) {
  const DocumentPolicy document(policy, secrets, left, right, siblings);
  return ViewOf(path, document, secrets, left, right, siblings);
}

bool SecretKeyPolicy::Secret(const Path& path) const {
  if (all_secret_ || base_.Secret(path)) return true;
  if (path.empty()) return false;
  const PathSegment& last = path.segments().back();
  return last.kind == PathSegment::Kind::kKey &&
         (secrets_.IsSecretKey(last.key) || SecretTailStart(last.key, secrets_) != std::string::npos ||
          HoldsCredential(last.key, secrets_));
}

FindingBuilder::FindingBuilder(const FilePair& pair, const SideSpec& left, const SideSpec& right,
                               const SecretMatcher& secrets, bool report_same_secret, SharedTextPool& texts,
                               std::vector<Finding>& out)
    : pair_(pair), left_(left), right_(right), secrets_(secrets),
      report_same_secret_(report_same_secret), out_(out),
      source_(texts.Get(pair.source->name)),
      placeholders_(SharedPlaceholders::List(pair.placeholders.begin(), pair.placeholders.end())),
      left_side_{texts.Get(left.label), texts.Get(left.env->name), texts.Get(left.tree->revision()),
                 pair.left.present ? pair.left.layers.front() : "", ShownValue::Absent(), {}},
      right_side_{texts.Get(right.label), texts.Get(right.env->name), texts.Get(right.tree->revision()),
                  pair.right.present ? pair.right.layers.front() : "", ShownValue::Absent(), {}} {}

void FindingBuilder::Compare(const LoadedSide& left, const LoadedSide& right,
                             const DiffPolicy& policy) {
  // Neither has it (a `select` subtree both lack): nothing differs.
  if (!left.present && !right.present) return;
  siblings_.Clear();
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
    const DocumentPolicy document_policy(policy, secrets_, &doc.value, &match->second->value, siblings_);
    const std::vector<Difference> differences = DiffValues(doc.value, match->second->value, document_policy);
    // About one finding per difference: room for them at once, not by doubling
    // (a big pair's list held 1.5 times itself while it grew).
    if (const std::size_t needed = out_.size() + differences.size(); needed > out_.capacity()) {
      out_.reserve(std::max(needed, out_.capacity() + out_.capacity() / 2));
    }
    for (const Difference& d : differences) Add(d, single ? nullptr : &doc, doc.value, match->second->value, document_policy);
    right_docs.erase(match);
  }
  for (const auto& doc : right.documents) {
    if (right_docs.contains(doc.name)) AddMissingDocument(doc, false);
  }
}

SharedText FindingBuilder::DocumentName(const LoadedDocument* document) {
  if (!document) return {};
  if (document_name_ != document->name) document_name_ = SharedText(document->name);
  return document_name_;
}

Finding FindingBuilder::Base(FindingKind kind, SharedText document) const {
  Finding f;
  f.kind = kind;
  f.source = source_;
  f.placeholders = placeholders_;
  f.document = std::move(document);
  f.pair_labels = {left_side_.label, right_side_.label};
  f.left = left_side_;
  f.right = right_side_;
  return f;
}

// A finding about one side only keeps that side, as `left`.
FindingSide& FindingBuilder::OneSided(Finding& f, bool on_left) const {
  if (!on_left) f.left = f.right;
  f.right = FindingSide{};
  return f.left;
}

void FindingBuilder::Push(Finding f, std::string_view hidden_identity) {
  f.AssignId(hidden_identity.empty() ? std::string() : Hex64(SecretDigest(hidden_identity)));
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
  Finding f = Base(KindOf(d.kind), DocumentName(document));
  const PathView view = ViewOf(d.path, policy, secrets_, &left_root, &right_root, siblings_);
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
  if (d.kind == DiffKind::kSameSecret && !secret) {
    // Found by a value detector in a plain value: the credential is equal,
    // whatever the rest of the value does.
    f.secret_equal = true;
    f.message = "a credential in the value is the same in " + left_.label + " and " + right_.label;
    f.hint = "use a separate credential per environment";
  } else if (d.kind == DiffKind::kSameSecret) {
    f.message = "the secret holds the same value in " + left_.label + " and " + right_.label;
    f.hint = "use a separate credential per environment";
  } else if (d.kind == DiffKind::kMustDiffer) {
    f.message = "must differ between environments, but " + left_.label + " and " + right_.label +
                " hold the same value";
  }
  // The id is taken from the printed path and document name; where they hide
  // a secret, from the salted digest of the real ones instead of the
  // fingerprints: unique per real path, whatever the fingerprints' length,
  // and no guess can be confirmed against it.
  f.path = view.shown;
  std::string hidden = view.hidden_real;
  if (document) {
    f.document = document->shown;
    if (document->shown != document->name) hidden += "d" + std::to_string(document->name.size()) + ":" + document->name;
  }
  Push(std::move(f), hidden);
}

// Exactly one side has its file (or its `select` subtree); only that it
// exists is shown, never the whole file.
void FindingBuilder::AddMissingFile(const LoadedSide& left, const LoadedSide& right) {
  Finding f = Base(FindingKind::kFileMissing);
  auto mark_present = [](FindingSide& side, const LoadedSide& loaded) {
    if (!loaded.present) return;
    side.location = Location{MakeOrigin(loaded.file), 0, 0};
    side.value = ShownValue::Present();
  };
  mark_present(f.left, left);
  mark_present(f.right, right);
  if (!left.file_present) f.left.file = {};
  if (!right.file_present) f.right.file = {};
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
  Finding f = Base(FindingKind::kInvalidFile);
  FindingSide& kept = OneSided(f, on_left);
  kept.file = side.invalid->file;
  kept.location = side.invalid->location;
  f.message = "cannot read the file: " + side.invalid->message;
  f.hint = side.invalid->hint;
  Push(std::move(f));
}

void FindingBuilder::AddLayerMissing(std::size_t layer, bool missing_on_left, const std::string& nearest) {
  Finding f = Base(FindingKind::kLayerMissing);
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
  Finding f = Base(FindingKind::kDuplicateKey);
  f.severity = Severity::kWarning;
  FindingSide& kept = OneSided(f, on_left);
  kept.location = warning.location;
  if (!warning.location.file().empty()) kept.file = warning.location.file();
  f.message = warning.message;
  f.hint = "remove one of the two lines: only the last one takes effect";
  Push(std::move(f));
}

void FindingBuilder::AddProblem(const NormalizeProblem& problem, bool on_left) {
  Finding f = Base(FindingKind::kSchemaViolation);
  FindingSide& kept = OneSided(f, on_left);
  kept.location = problem.location;
  f.path = problem.path;
  f.message = problem.message;
  Push(std::move(f));
}

}  // namespace driftcheck
