// docs/manual.md keeps up with the tool: every command `driftcheck --help`
// lists, every flag any command's --help prints, every finding kind and every
// manifest key appear in it. A new command (diff, history, explain) is picked
// up from the command list without touching this test.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "finding/finding.h"
#include "test_util.h"

namespace driftcheck::testing {
namespace {

const std::string& Manual() {
  static const std::string text = ReadFile(DRIFTCHECK_SOURCE_DIR "/docs/manual.md");
  return text;
}

// The command names under "commands:" in `driftcheck --help`.
std::vector<std::string> Commands() {
  const CommandResult r = RunDriftcheck({"--help"});
  std::istringstream in(r.out);
  std::vector<std::string> names;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "commands:") {
      inside = true;
    } else if (inside && line.empty()) {
      break;
    } else if (inside) {
      static const std::regex kName("^  ([a-z][a-z-]*)\\s");
      std::smatch m;
      if (std::regex_search(line, m, kName)) names.push_back(m[1]);
    }
  }
  return names;
}

std::set<std::string> Flags(const std::string& help) {
  static const std::regex kFlag("(^|[\\s\\[(,])(--[a-z][a-z0-9-]+|-[A-Za-z])(?=[\\s\\],=)]|$)");
  std::set<std::string> flags;
  for (auto it = std::sregex_iterator(help.begin(), help.end(), kFlag); it != std::sregex_iterator(); ++it) {
    flags.insert((*it)[2]);
  }
  return flags;
}

TEST(Manual, ListsEveryCommandAndEveryFlagItsHelpPrints) {
  const std::vector<std::string> commands = Commands();
  ASSERT_GE(commands.size(), 5u);
  for (const std::string& command : commands) {
    EXPECT_NE(Manual().find("### `driftcheck " + command), std::string::npos) << "no section for " << command;
    const CommandResult help = RunDriftcheck({command, "--help"});
    ASSERT_EQ(help.exit_code, 0) << command << ": " << help.err;
    for (const std::string& flag : Flags(help.out)) {
      EXPECT_NE(Manual().find("`" + flag), std::string::npos) << command << " --help prints " << flag;
    }
  }
  for (const std::string& flag : Flags(RunDriftcheck({"--help"}).out)) {
    EXPECT_NE(Manual().find("`" + flag), std::string::npos) << "driftcheck --help prints " << flag;
  }
}

TEST(Manual, NamesEveryFindingKindAndExitCode) {
  for (FindingKind kind : AllFindingKinds()) {
    EXPECT_NE(Manual().find("`" + std::string(KindFamilyName(kind))), std::string::npos) << KindFamilyName(kind);
  }
  for (const char* code : {"| `0` |", "| `1` |", "| `2` |"}) EXPECT_NE(Manual().find(code), std::string::npos);
}

TEST(Manual, NamesEveryManifestKey) {
  const auto schema = nlohmann::json::parse(ReadFile(DRIFTCHECK_SOURCE_DIR "/schemas/manifest.schema.json"));
  std::set<std::string> keys;
  for (const auto& [key, value] : schema["properties"].items()) keys.insert(key);
  for (const auto& [name, definition] : schema["definitions"].items()) {
    if (definition.contains("properties")) {
      for (const auto& [key, value] : definition["properties"].items()) keys.insert(key);
    }
  }
  ASSERT_GT(keys.size(), 10u);
  for (const std::string& key : keys) EXPECT_NE(Manual().find("`" + key), std::string::npos) << key;
}

}  // namespace
}  // namespace driftcheck::testing
