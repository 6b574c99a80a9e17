#include "schema/manifest_schema.h"

#include "config/loader.h"
#include "core/error.h"
#include "schema/normalize.h"

namespace driftcheck {
namespace {

const Normalizer& ManifestNormalizer() {
  static const Normalizer kNormalizer = [] {
    const std::string path = "schemas/manifest.schema.json";
    Documents docs = LoadJson(ManifestSchemaText(), MakeOrigin(path), LoadLimits{});
    auto schema = std::make_shared<const Schema>(Schema::FromDocument(docs.at(0), path, nullptr));
    return Normalizer(std::move(schema), {}, SecretMatcher(std::vector<std::string>{}));
  }();
  return kNormalizer;
}

}  // namespace

void ValidateManifestDocument(const Value& document) {
  Value copy = document;  // validation normalizes; the manifest is read as written
  const auto violations = ManifestNormalizer().Normalize(copy, {});
  if (violations.empty()) return;
  const Violation& first = violations.front();
  throw InputError(first.location, (first.path.empty() ? "" : first.path + ": ") + "expected " +
                                       first.expected + ", found " + first.found,
                   "schemas/manifest.schema.json describes every key of driftcheck.yaml");
}

}  // namespace driftcheck
