// libFuzzer target for driftcheck's own files and patterns: the manifest (and
// the schema it names), JSON Schemas, allow-rule files and path patterns.
// Each must parse or throw InputError (PathSyntaxError for a rule path read
// on its own); any other exception, a crash, a hang or a sanitizer report is
// a finding.
//
// DRIFTCHECK_FUZZ_TARGET=manifest|schema|rules|path picks what the input is
// (unset: every one). Run it with `make fuzz`; crashes land in build-fuzz/.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "path/path.h"
#include "path/path_pattern.h"
#include "manifest/manifest.h"
#include "manifest/path_template.h"
#include "rules/rules.h"
#include "schema/schema.h"

namespace {

using namespace driftcheck;

constexpr const char* kManifest =
    "version: 1\n"
    "environments: {staging: {aliases: [stg]}, production: {aliases: [prod]}}\n"
    "sources:\n"
    "  - {name: services, path: 'services/{service}/{env}.yaml'}\n"
    "  - {name: chart, layers: ['charts/{chart}/values.yaml', 'charts/{chart}/values-{env}.yaml']}\n";

void FuzzManifest(std::string_view text) {
  Manifest manifest = LoadManifest(text, MakeOrigin("driftcheck.yaml"));
  // A source's schema: is the same input read as a schema.
  LoadSchemas(manifest, [&](const std::string&) { return std::optional<std::string>(text); });
}

void FuzzSchema(std::string_view text) {
  Schema::Load("fuzz.schema.yaml", [&](const std::string& path) {
    // $ref to another file reads the same input again.
    return path.ends_with(".json") || path.ends_with(".yaml") ? std::optional<std::string>(text) : std::nullopt;
  });
}

void FuzzRules(std::string_view text) {
  static const Manifest manifest = LoadManifest(kManifest, MakeOrigin("driftcheck.yaml"));
  LoadRules(text, "drift-allow.yaml", &manifest);
  LoadRulesLeniently(text, "drift-allow.yaml", nullptr);
}

void FuzzPath(std::string_view text) {
  const Path sample = Path().Key("routes").Match("name", "health").Key("timeout");
  try {
    PathPattern::Parse(text).Matches(sample);
  } catch (const PathSyntaxError&) {
  }
  PathPattern::Parse(text, Location{MakeOrigin("drift-allow.yaml"), 1, 1}).Matches(sample);
  if (auto segments = ParseFindingPath(text)) (void)segments->size();
  PathTemplate::Parse(text, Location{MakeOrigin("driftcheck.yaml"), 1, 1});
}

using Target = void (*)(std::string_view);

struct Named {
  const char* name;
  Target run;
};
constexpr Named kTargets[] = {
    {"manifest", FuzzManifest}, {"schema", FuzzSchema}, {"rules", FuzzRules}, {"path", FuzzPath}};

std::vector<Target> Chosen() {
  const char* chosen = std::getenv("DRIFTCHECK_FUZZ_TARGET");
  std::vector<Target> out;
  for (const Named& t : kTargets) {
    if (chosen == nullptr || std::string_view(chosen) == "all" || std::string_view(chosen) == t.name) {
      out.push_back(t.run);
    }
  }
  if (out.empty()) {
    std::fprintf(stderr, "DRIFTCHECK_FUZZ_TARGET: unknown target '%s' (manifest, schema, rules, path)\n", chosen);
    std::abort();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<Target> kChosen = Chosen();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (Target run : kChosen) {
    try {
      run(text);
    } catch (const InputError&) {
      // A positioned error is the expected outcome for bad input.
    }
  }
  return 0;
}
