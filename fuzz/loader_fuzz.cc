// libFuzzer target: every loader must either return documents or throw
// InputError. Any other exception, a crash, a hang or a sanitizer report is a
// finding.
//
// Run it with `make fuzz` (FUZZ_SECONDS=600 for longer); crashes land in build-fuzz/.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/loader.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace driftcheck;
  static const OriginPtr kOrigin = MakeOrigin("fuzz");
  // Small limits keep each input fast; the limits' own checks are exercised
  // all the more often.
  const LoadLimits limits{.max_depth = 64, .max_nodes = 100'000};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (LoaderFn load : {LoadYaml, LoadJson, LoadDotenv}) {
    try {
      load(text, kOrigin, limits);
    } catch (const InputError&) {
      // Rejecting bad input with a positioned error is the expected outcome.
    }
  }
  return 0;
}
