// libFuzzer target: every loader must either return documents or throw
// InputError. Any other exception, a crash, a hang or a sanitizer report is a
// finding.
//
// DRIFTCHECK_FUZZ_FORMAT=NAME (a loader name) fuzzes one loader, so each gets
// its whole time budget and a corpus of its own; unset or "all", every input
// goes through every loader.
//
// Run it with `make fuzz` (FUZZ_SECONDS=600 for longer); crashes land in build-fuzz/.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "config/loader.h"
#include "core/error.h"

namespace {

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
