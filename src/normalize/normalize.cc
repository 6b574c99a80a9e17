#include "normalize/normalize.h"

#include "plan/pairing.h"
#include "schema/normalize.h"

namespace driftcheck {
namespace {

// The source's Normalizer as the diff's policy; shared, since the manifest owns it.
class SourcePolicy : public DiffPolicy {
 public:
  explicit SourcePolicy(std::shared_ptr<const Normalizer> n) : n_(std::move(n)) {}
  ListRule ListAt(const Path& path) const override { return n_->ListAt(path); }
  bool Skip(const Path& path) const override { return n_->Skip(path); }
  bool MustDiffer(const Path& path) const override { return n_->MustDiffer(path); }
  bool Secret(const Path& path) const override { return n_->Secret(path); }

 private:
  std::shared_ptr<const Normalizer> n_;
};

}  // namespace

std::vector<NormalizeProblem> NormalizeSide(const Source& source, const Environment& env,
                                            LoadedSide& side, std::vector<NormalizeStep>* trace) {
  std::vector<NormalizeProblem> problems;
  if (!source.normalizer) return problems;
  const std::vector<std::string> tokens = EnvSpellings(env);
  for (LoadedDocument& doc : side.documents) {
    if (source.layered) DropNulls(doc.value);  // Helm: a null left after merging is absent
    for (Violation& v : source.normalizer->Normalize(doc.value, tokens, trace)) {
      problems.push_back({std::move(v.location), std::move(v.path),
                          "expected " + v.expected + ", found " + v.found});
    }
  }
  return problems;
}

std::unique_ptr<DiffPolicy> PolicyFor(const Source& source) {
  if (!source.normalizer) return std::make_unique<DiffPolicy>();
  return std::make_unique<SourcePolicy>(source.normalizer);
}

}  // namespace driftcheck
