// Shipping: --version's git revision (from a checkout or a `git archive`),
// what `cmake --install` puts under a prefix, and the bash completion.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "test_util.h"

namespace driftcheck::testing {
namespace {
namespace fs = std::filesystem;

const std::string kSource = DRIFTCHECK_SOURCE_DIR;
const fs::path kBuildDir = fs::path(DRIFTCHECK_BINARY).parent_path();

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The source's own git checkout (not an enclosing one), or "".
std::string SourceHead() {
  const CommandResult top = RunCommand({"git", "-C", kSource, "rev-parse", "--show-toplevel", "HEAD"});
  if (top.exit_code != 0) return "";
  const std::string toplevel = top.out.substr(0, top.out.find('\n'));
  if (fs::canonical(toplevel) != fs::canonical(kSource)) return "";
  return Trim(top.out.substr(top.out.find('\n') + 1));
}

std::string RevisionFromScript(const fs::path& source, const std::string& override_revision = "") {
  TempDir out;
  const std::string file = (out.path() / "revision.cc").string();
  const CommandResult r = RunCommand({"cmake", "-DSOURCE_DIR=" + source.string(), "-DOUTPUT=" + file,
                                      "-DREVISION_OVERRIDE=" + override_revision, "-P",
                                      kSource + "/cmake/revision.cmake"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string text = ReadFile(file);
  const std::size_t start = text.find("return \"") + 8;
  return text.substr(start, text.find('"', start) - start);
}

// The build stamps generated/revision.cc at every build; the binary prints it.
TEST(Version, NamesTheVersionAndTheGitRevisionItWasBuiltFrom) {
  const CommandResult r = RunDriftcheck({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(driftcheck \d+\.\d+\.\d+ \(git ([0-9a-f]{40}(-dirty)?|unknown)\)\n)")))
      << r.out;
  const std::string stamped = ReadFile(kBuildDir / "generated/revision.cc");
  const std::size_t start = stamped.find("return \"") + 8;
  EXPECT_NE(r.out.find("(git " + stamped.substr(start, stamped.find('"', start) - start) + ")"), std::string::npos)
      << r.out;
}

TEST(Version, AGitCheckoutGivesItsHeadCommitMarkedDirtyWhenEdited) {
  TempDir dir;
  GitInit(dir.path());
  WriteFile(dir.path(), "CMakeLists.txt", "project(x)\n");
  const std::string head = GitCommitAll(dir.path(), "first");
  EXPECT_EQ(RevisionFromScript(dir.path()), head);
  WriteFile(dir.path(), "CMakeLists.txt", "project(y)\n");
  EXPECT_EQ(RevisionFromScript(dir.path()), head + "-dirty");
  // A source tree inside another repository is not that repository's checkout.
  fs::create_directories(dir.path() / "vendored");
  EXPECT_EQ(RevisionFromScript(dir.path() / "vendored"), "unknown");
}

TEST(Version, ATarballWithoutGitReadsTheRevisionGitArchiveWroteIn) {
  TempDir tarball;
  WriteFile(tarball.path(), ".git_archival.txt", "revision: 0123456789abcdef0123456789abcdef01234567\n");
  EXPECT_EQ(RevisionFromScript(tarball.path()), "0123456789abcdef0123456789abcdef01234567");
  WriteFile(tarball.path(), ".git_archival.txt", "revision: $Format:%H$\n");  // not from git archive
  EXPECT_EQ(RevisionFromScript(tarball.path()), "unknown");
  EXPECT_EQ(RevisionFromScript(tarball.path(), "1.2.3-debian"), "1.2.3-debian");
}

TEST(Version, GitArchiveFillsInTheRevision) {
  const std::string head = SourceHead();
  if (head.empty()) GTEST_SKIP() << "the sources are not a git checkout";
  if (RunCommand({"git", "-C", kSource, "cat-file", "-e", "HEAD:.git_archival.txt"}).exit_code != 0) {
    GTEST_SKIP() << ".git_archival.txt is not committed yet";
  }
  TempDir dir;
  const CommandResult archive = RunCommand(
      {"sh", "-c", "git -C \"$0\" archive HEAD .git_archival.txt .gitattributes | tar -x -C \"$1\"", kSource,
       dir.str()});
  ASSERT_EQ(archive.exit_code, 0) << archive.err;
  EXPECT_EQ(RevisionFromScript(dir.path()), head);
}

TEST(Install, PutsTheBinaryManPageCompletionAndSchemasUnderThePrefix) {
  TempDir prefix;
  const CommandResult r = RunCommand({"cmake", "--install", kBuildDir.string(), "--prefix", prefix.str()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const fs::path p = prefix.path();
  // The man page is gzip'ed (-9n: no name or time stamp in the header, so
  // every build gives the same bytes), and only the compressed one is installed.
  const fs::path man = p / "share/man/man1/driftcheck.1.gz";
  EXPECT_FALSE(fs::exists(p / "share/man/man1/driftcheck.1"));
  const std::string gz = ReadFile(man);
  ASSERT_GE(gz.size(), 10u);
  EXPECT_EQ(gz.substr(0, 3), std::string("\x1f\x8b\x08"));  // gzip, deflate
  EXPECT_EQ(gz[3], '\0') << "no file name or other optional field";
  EXPECT_EQ(gz.substr(4, 4), std::string(4, '\0')) << "no time stamp";
  const CommandResult page = RunCommand({"gzip", "-dc", man.string()});
  EXPECT_EQ(page.exit_code, 0) << page.err;
  EXPECT_TRUE(page.out.starts_with(".TH \"DRIFTCHECK\" \"1\"")) << page.out.substr(0, 80);
  EXPECT_TRUE(fs::exists(p / "share/bash-completion/completions/driftcheck"));
  EXPECT_TRUE(fs::exists(p / "share/driftcheck/schemas/manifest.schema.json"));
  EXPECT_TRUE(fs::exists(p / "share/driftcheck/schemas/report.schema.json"));
  const CommandResult version = RunCommand({(p / "bin/driftcheck").string(), "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, RunDriftcheck({"--version"}).out);
}

// Completes `line` (the cursor at its end) as bash would, with the built
// driftcheck first on PATH.
std::vector<std::string> Complete(const std::string& line) {
  const std::string script =
      "source \"$0\"; read -r -a COMP_WORDS <<<\"$1\"; [[ $1 == *' ' ]] && COMP_WORDS+=('');"
      " COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _driftcheck; printf '%s\\n' \"${COMPREPLY[@]}\"";
  const CommandResult r =
      RunCommand({"bash", "-c", script, kSource + "/completions/driftcheck.bash", line}, ".",
                 {{"PATH", kBuildDir.string() + ":" + std::getenv("PATH")}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> words;
  std::istringstream in(r.out);
  for (std::string word; std::getline(in, word);) {
    if (!word.empty()) words.push_back(word);
  }
  return words;
}

bool Has(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

TEST(BashCompletion, CompletesCommandsFlagsAndFormatsFromTheProgramsOwnHelp) {
  const auto commands = Complete("driftcheck ");
  for (const char* command : {"check", "validate", "rules", "baseline"}) EXPECT_TRUE(Has(commands, command)) << command;
  const auto flags = Complete("driftcheck check --st");
  EXPECT_TRUE(Has(flags, "--staged"));
  EXPECT_TRUE(Has(flags, "--strict"));
  EXPECT_FALSE(Has(flags, "--worktree"));
  const auto formats = Complete("driftcheck check --format ");
  for (const char* format : {"text", "json", "sarif", "github", "codequality"}) EXPECT_TRUE(Has(formats, format)) << format;
  EXPECT_EQ(Complete("driftcheck check --format co"), std::vector<std::string>{"codequality"});
}

}  // namespace
}  // namespace driftcheck::testing
