#pragma once
// Turning what the stages found into Findings: differences from the diff,
// unreadable files from the load stage, missing layers from the plan.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/secrets.h"
#include "diff/diff.h"
#include "load/load.h"
#include "normalize/normalize.h"
#include "plan/pairing.h"
#include "finding/finding.h"

namespace driftcheck {

/// How a side of a comparison is named and where it reads from.
struct SideSpec {
  std::string label;  ///< "staging", or "production@v1.4.0" for one environment at two revisions
  const Environment* env = nullptr;
  const Tree* tree = nullptr;
};

/// A DiffPolicy that adds the manifest's secret key names to another policy:
/// a path is secret when any key on it (or above the `select` subtree) is.
class SecretKeyPolicy : public DiffPolicy {
 public:
  SecretKeyPolicy(const DiffPolicy& base, const SecretMatcher& secrets, bool all_secret)
      : base_(base), secrets_(secrets), all_secret_(all_secret) {}
  ListRule ListAt(const Path& path) const override { return base_.ListAt(path); }
  bool Skip(const Path& path) const override { return base_.Skip(path); }
  bool MustDiffer(const Path& path) const override { return base_.MustDiffer(path); }
  bool Secret(const Path& path) const override;

 private:
  const DiffPolicy& base_;
  const SecretMatcher& secrets_;
  bool all_secret_;
};

/// A YAML anchor (Value::anchors), by where it is written.
using AnchorId = std::tuple<const Origin*, int, int>;

/// The digests of the secrets printed beside one another under one parent,
/// sorted, kept per parent (both sides' nodes) and group for one comparison.
class SiblingDigests {
 public:
  const std::vector<std::uint64_t>& Of(const Value* left, const Value* right, std::string_view group,
                                       const SecretMatcher& secrets);
  /// The anchors whose value is a secret in the document `root`: an anchored
  /// node or alias copy at a path reports redact (under `policy`), and every
  /// anchor inside one. Each copy of them is a secret too. Kept per document.
  const std::set<AnchorId>& SecretAnchors(const Value& root, const DiffPolicy& policy,
                                          const SecretMatcher& secrets);
  void Clear() {
    memo_.clear();
    anchors_.clear();
  }

 private:
  std::map<std::tuple<const Value*, const Value*, std::string>, std::vector<std::uint64_t>> memo_;
  std::map<const Value*, std::set<AnchorId>> anchors_;
};

/// How reports print a path, and whether the value there is a secret: the
/// one redaction decision for paths (key rules, flat keys below a secret
/// level, credentials as keys, secret arguments in a command list, the
/// `value` of a `{name: DB_PASSWORD, value: ...}` item). `left` and `right`
/// are the two documents' roots (either may be null): the decision looks at
/// each item's context, not only the leaf. Whatever else prints a path or a
/// value at a path (explain, its "did you mean") decides through this.
struct PathView {
  std::string shown;
  bool secret = false;
  /// The real path, length-prefixed, when the shown one hides part of it.
  std::string hidden_real;
};
PathView ViewOfPath(const Path& path, const DiffPolicy& policy, const SecretMatcher& secrets, const Value* left,
                    const Value* right, SiblingDigests& siblings);

/// Whether `node`, in the document `root`, is or holds a copy of a YAML
/// anchor whose value is a secret there (SiblingDigests::SecretAnchors): what
/// prints a value whole without walking its paths (explain) hides it whole.
bool HoldsSecretCopy(const Value& node, const Value& root, const DiffPolicy& policy, const SecretMatcher& secrets,
                     SiblingDigests& memo);

/// Builds the findings of one file pair into `out`, each with its id.
class FindingBuilder {
 public:
  /// `texts`: where the texts every pair names (source, labels,
  /// environments, revisions) are made once and shared.
  FindingBuilder(const FilePair& pair, const SideSpec& left, const SideSpec& right,
                 const SecretMatcher& secrets, bool report_same_secret, SharedTextPool& texts,
                 std::vector<Finding>& out);

  /// Diffs two loaded sides: drift, missing files and documents.
  void Compare(const LoadedSide& left, const LoadedSide& right, const DiffPolicy& policy);
  /// A side whose file could not be read.
  void AddInvalidFile(const LoadedSide& side, bool on_left);
  /// A later layer one side has and the other lacks; `nearest` is the
  /// missing side's nearest existing file, or "".
  void AddLayerMissing(std::size_t layer, bool missing_on_left, const std::string& nearest);
  /// Something a loader accepted but wants said (a duplicate key the format
  /// lets win): a warning about one side's file.
  void AddLoadWarning(const LoadWarning& warning, bool on_left);
  /// A problem the normalize stage found on one side.
  void AddProblem(const NormalizeProblem& problem, bool on_left);

 private:
  Finding Base(FindingKind kind, SharedText document = {}) const;
  /// The document's name as one SharedText its findings share ("" for none).
  SharedText DocumentName(const LoadedDocument* document);
  FindingSide& OneSided(Finding& f, bool on_left) const;
  void Add(const Difference& d, const LoadedDocument* document, const Value& left_root,
           const Value& right_root, const DiffPolicy& policy);
  bool FromSharedLayer(const Difference& d) const;
  void AddMissingFile(const LoadedSide& left, const LoadedSide& right);
  void AddMissingDocument(const LoadedDocument& doc, bool on_left);
  /// `hidden_identity`: the real path (and document) when the printed ones
  /// hide part of it; the id is then made from its salted digest.
  void Push(Finding f, std::string_view hidden_identity = {});

  const FilePair& pair_;
  const SideSpec& left_;
  const SideSpec& right_;
  const SecretMatcher& secrets_;
  bool report_same_secret_;
  std::vector<Finding>& out_;
  // What every finding of the pair names, made once and shared by all.
  SharedText source_;
  SharedPlaceholders placeholders_;
  SharedText document_name_;  // the last document DocumentName() named
  FindingSide left_side_;
  FindingSide right_side_;
  SiblingDigests siblings_;
};

}  // namespace driftcheck
