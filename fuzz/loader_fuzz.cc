// libFuzzer target: every loader must either return documents or throw
// InputError. Any other exception, a crash, a hang or a sanitizer report is a
// finding.
//
// DRIFTCHECK_FUZZ_FORMAT=NAME (a loader name) fuzzes one loader, so each gets
// its whole time budget and a corpus of its own; unset or "all", every input
// goes through every loader.
//
// Run it with `make fuzz` (FUZZ_SECONDS=600 for longer); crashes land in build-fuzz/.
//
// When the YAML loader is fuzzed, every input is also a differential test of
// the YAML fast path (config/yaml_fast.h): where it accepts an input, its
// events must be yaml-cpp's, and LoadYaml must give the same documents (with
// every location) or the same error with the fast path on and off; any
// difference aborts.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "config/loader.h"
#include "config/yaml_fast.h"
#include "core/error.h"
#include "../tests/yaml_event_recorder.h"

namespace {

using Recorder = driftcheck::test_support::YamlEventRecorder;

void Describe(const driftcheck::Value& value, std::string& out) {
  out += std::to_string(value.location().line) + ":" + std::to_string(value.location().column) +
         " " + std::string(driftcheck::Value::KindName(value.kind()));
  if (value.is_scalar()) {
    out += (value.quoted() ? " q[" : " [") + value.text() + "]\n";
    return;
  }
  out += value.is_list() ? " (\n" : " {\n";
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.is_map()) {
      out += value.key(i) + (value.key_hidden(i) ? " hidden @" : " @") +
             std::to_string(value.key_location(i).line) + ":" +
             std::to_string(value.key_location(i).column) + " = ";
    }
    Describe(value.is_list() ? value.items()[i] : value.value(i), out);
  }
  out += value.is_list() ? ")\n" : "}\n";
}

std::string LoadOutcome(std::string_view text, driftcheck::LoadLimits limits, bool fast) {
  using namespace driftcheck;
  static const OriginPtr kOrigin = MakeOrigin("fuzz.yaml");
  limits.yaml_fast_path = fast;
  std::string out;
  try {
    for (const Value& document : LoadYaml(text, kOrigin, limits)) Describe(document, out);
  } catch (const InputError& error) {
    out = "error " + std::to_string(error.line()) + ":" + std::to_string(error.column()) + " " +
          error.what();
  }
  return out;
}

[[noreturn]] void Differ(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "YAML fast path differs (%s)\n--- yaml-cpp\n%s--- fast path\n%s\n", what,
               a.c_str(), b.c_str());
  std::abort();
}

void CompareYamlPaths(std::string_view text, const driftcheck::LoadLimits& limits) {
  Recorder fast;
  if (driftcheck::ParseYamlSubset(text, fast)) {
    Recorder reference;
    std::istringstream stream{std::string(text)};
    try {
      YAML::Parser parser(stream);
      for (int i = 0; i < 8 && parser.HandleNextDocument(reference); ++i) {
      }
    } catch (const YAML::Exception& error) {
      Differ("yaml-cpp rejects what the fast path accepted", error.what(), fast.Text());
    }
    if (reference.events != fast.events) Differ("events", reference.Text(), fast.Text());
  }
  const std::string without = LoadOutcome(text, limits, false);
  const std::string with = LoadOutcome(text, limits, true);
  if (without != with) Differ("LoadYaml", without, with);
}

std::vector<driftcheck::LoaderFn> ChosenLoaders() {
  using namespace driftcheck;
  const char* format = std::getenv("DRIFTCHECK_FUZZ_FORMAT");
  if (format == nullptr || std::string_view(format) == "all") {
    std::vector<LoaderFn> all;
    for (const std::string& name : LoaderNames()) all.push_back(FindLoader(name));
    return all;
  }
  if (LoaderFn load = FindLoader(format)) return {load};
  std::fprintf(stderr, "DRIFTCHECK_FUZZ_FORMAT: unknown loader '%s'\n", format);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace driftcheck;
  static const OriginPtr kOrigin = MakeOrigin("fuzz");
  static const std::vector<LoaderFn> kLoaders = ChosenLoaders();
  // Small limits keep each input fast; the limits' own checks are exercised
  // all the more often.
  const LoadLimits limits{.max_depth = 64, .max_nodes = 100'000};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const bool kYaml = std::find(kLoaders.begin(), kLoaders.end(), FindLoader("yaml")) !=
                            kLoaders.end();
  if (kYaml) CompareYamlPaths(text, limits);
  for (LoaderFn load : kLoaders) {
    std::vector<LoadWarning> warnings;
    try {
      load(text, kOrigin, limits, warnings);
    } catch (const InputError&) {
      // Rejecting bad input with a positioned error is the expected outcome.
    }
  }
  return 0;
}
