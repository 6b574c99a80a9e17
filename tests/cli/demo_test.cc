// The README shows the demo's report; this keeps that sample true. The demo
// repository is built with fixed authors and dates, so its SHAs are stable.

#include <gtest/gtest.h>

#include "report_samples.h"
#include "test_util.h"

namespace driftcheck::testing {
namespace {

TEST(Demo, TheWholeTextReportMatchesTheReviewedGoldenFile) {
  TempDir dir;
  const std::string repo = (dir.path() / "demo").string();
  const CommandResult made = RunCommand({DRIFTCHECK_SOURCE_DIR "/examples/make-demo-repo", repo});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const CommandResult r = RunDriftcheck({"check", "-C", repo, "--color", "never"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the demo's drift is intended
  EXPECT_EQ(r.err, "");
  ExpectMatchesGolden(r.out, "demo.txt");
}

TEST(Demo, TheReadmeShowsTheDemoReportAsItIs) {
  const std::string readme = ReadFile(DRIFTCHECK_SOURCE_DIR "/README.md");
  const std::string golden = ReadFile(GoldenPath("demo.txt"));
  // The README quotes the api service's group whole, and the summary line.
  const std::size_t start = golden.find("services  service=api");
  ASSERT_NE(start, std::string::npos);
  std::size_t end = start;
  while ((end = golden.find("\n\n", end + 1)) != std::string::npos && golden[end + 2] == ' ') {
  }
  const std::string group = golden.substr(start, end - start + 1);
  EXPECT_NE(readme.find(group), std::string::npos) << "README lacks:\n" << group;
  const std::string summary = golden.substr(golden.rfind('\n', golden.size() - 2) + 1);
  EXPECT_NE(readme.find(summary), std::string::npos) << "README lacks:\n" << summary;
}

}  // namespace
}  // namespace driftcheck::testing
