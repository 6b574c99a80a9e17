// Bad input never crashes: every hostile file the spec lists, committed to a
// real repository and checked by the real binary, ends in exit 0/1 or in one
// clear error naming the file (exit 2) — never a signal or an abort.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

struct Hostile {
  const char* name;
  std::string content;
  int exit_code;  // what the check must end with
  std::string production = "a: 0\n";
};

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

std::string BillionLaughs() {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < 10; ++level) {
    const std::string prev = "*a" + std::to_string(level - 1);
    text += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [" +
            Repeat(prev + ", ", 8) + prev + "]\n";
  }
  return text;
}

std::vector<Hostile> HostileFiles() {
  return {
      {"deep-flow", Repeat("[", 100000), 2},
      {"deep-block", [] {
         std::string text;
         for (int i = 0; i < 600; ++i) text += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
         return text;
       }(), 2},
      {"alias-bomb", BillionLaughs(), 2},
      {"invalid-utf8", "a: \xff\xfe\n", 2},
      {"nul-bytes", std::string("a: 1\n\0\0b: 2\n", 12), 2},
      {"duplicate-keys", "a: 1\nb: 2\na: 3\n", 2},
      {"truncated", "a: {b: [1, 2\n", 2},
      {"unterminated-quote", "a: \"never closed\n", 2},
      {"bom-crlf", "\xEF\xBB\xBF" "a: 1\r\nb: 2\r\n", 1},
      {"empty", "", 1},
      {"only-comments", "# nothing\n", 1},
      {"tags-and-merge", "base: &b {x: 1}\nm: {<<: *b, y: !!str 2}\nz: !custom 5\n", 1},
      {"huge-flat-map", [] {
         std::string text;
         for (int i = 0; i < 200000; ++i) text += "key" + std::to_string(i) + ": " + std::to_string(i) + "\n";
         return text;
       }(), 0, ""},
      {"lfs-pointer", "version https://git-lfs.github.com/spec/v1\noid sha256:" + std::string(64, 'a') +
                          "\nsize 123\n", 2},
  };
}

TEST(Robustness, HostileConfigFilesNeverCrashTheBinary) {
  for (const Hostile& hostile : HostileFiles()) {
    TempDir dir;
    GitInit(dir.path());
    WriteFile(dir.path(), "driftcheck.yaml",
              "version: 1\nenvironments: {staging: {}, production: {}}\n"
              "sources: [{name: s, path: \"{env}.yaml\"}]\n");
    WriteFile(dir.path(), "staging.yaml", hostile.content);
    // Identical files are the huge map's partner: loading is under test, not rendering.
    WriteFile(dir.path(), "production.yaml",
              hostile.production.empty() ? hostile.content : hostile.production);
    GitCommitAll(dir.path(), hostile.name);
    for (const char* format : {"text", "json"}) {
      const CommandResult r = RunDriftcheck({"check", "--format", format}, dir.str());
      EXPECT_EQ(r.exit_code, hostile.exit_code) << hostile.name << "\n" << r.err;
      if (hostile.exit_code == 2) {
        // An unreadable file is named on stderr and is a finding in the report.
        EXPECT_EQ(r.err.rfind("error: staging.yaml", 0), 0u) << hostile.name << ": " << r.err;
        EXPECT_NE(r.out.find("invalid-file"), std::string::npos) << hostile.name << ": " << r.out;
      }
    }
  }
}

TEST(Robustness, HostileManifestsAreErrorsNotCrashes) {
  const std::vector<std::string> manifests = {
      "", "[]", "version: 1", Repeat("[", 5000), BillionLaughs(),
      "version: 1\nenvironments: {a: {}, b: {}}\nsources: [{name: s, path: \"{a}{b}\"}]\n",
      "version: 1\nenvironments: {a: {}, b: {}}\nsources: [{name: s, path: \"x\", documents: {key: []}}]\n",
      "version: 1\nenvironments: {a: {}, b: {}}\nsources: [{name: s, path: \"x\", select: \"a..b\"}]\n",
      "version: 1\nenvironments: {a: {}, b: {}}\ncompare: [[a]]\nsources: [{name: s, path: x}]\n",
      "version: 99999999999999999999999\n",
  };
  for (const std::string& manifest : manifests) {
    TempDir dir;
    GitInit(dir.path());
    WriteFile(dir.path(), "driftcheck.yaml", manifest);
    GitCommitAll(dir.path(), "m");
    const CommandResult r = RunDriftcheck({"check"}, dir.str());
    EXPECT_EQ(r.exit_code, 2) << manifest.substr(0, 80) << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  }
}

TEST(Robustness, AnEmptyRepositoryAndAShallowCloneGiveClearErrors) {
  TempDir dir;
  GitInit(dir.path() / "empty");
  WriteFile(dir.path() / "empty", "driftcheck.yaml", "version: 1\n");
  const CommandResult empty = RunDriftcheck({"check", "--rev", "HEAD"}, (dir.path() / "empty").string());
  EXPECT_EQ(empty.exit_code, 2) << empty.err;

  const auto origin = dir.path() / "origin";
  GitInit(origin);
  WriteFile(origin, "driftcheck.yaml",
            "version: 1\nenvironments: {staging: {}, production: {}}\nsources: [{name: s, path: \"{env}.yaml\"}]\n");
  WriteFile(origin, "staging.yaml", "a: 1\n");
  GitCommitAll(origin, "one");
  WriteFile(origin, "production.yaml", "a: 1\n");
  GitCommitAll(origin, "two");
  const auto shallow = dir.path() / "shallow";
  RunCommand({"git", "clone", "-q", "--depth", "1", "file://" + origin.string(), shallow.string()});
  const CommandResult ok = RunDriftcheck({"check"}, shallow.string());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  const CommandResult beyond = RunDriftcheck({"check", "--rev", "HEAD~1"}, shallow.string());
  EXPECT_EQ(beyond.exit_code, 2);
  EXPECT_EQ(beyond.err.rfind("error: ", 0), 0u) << beyond.err;
}

}  // namespace
}  // namespace driftcheck::testing
