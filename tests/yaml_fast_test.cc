// The YAML fast path (config/yaml_fast.h) against yaml-cpp itself: wherever
// the fast path accepts an input, its event stream (kinds, marks, tags, texts)
// must be yaml-cpp's, and LoadYaml must give the same documents or the same
// error with the fast path on and off. Inputs: every YAML file in the
// repository's tests, examples and fuzz corpus, hand-written tricky cases
// with every prefix of each, and seeded random YAML-ish documents.

#include "config/yaml_fast.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "config/loader.h"
#include "core/error.h"
#include "yaml_event_recorder.h"

namespace driftcheck {
namespace {

namespace fs = std::filesystem;

using Recorder = test_support::YamlEventRecorder;

// yaml-cpp's events, or nullopt when it throws.
std::optional<std::vector<std::string>> YamlCppEvents(std::string_view text) {
  std::istringstream stream{std::string(text)};
  Recorder recorder;
  try {
    YAML::Parser parser(stream);
    // yaml-cpp 0.7 can restart forever on a token it leaves unconsumed.
    for (int documents = 0; documents < 8 && parser.HandleNextDocument(recorder); ++documents) {
    }
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return recorder.events;
}

std::optional<std::vector<std::string>> FastEvents(std::string_view text) {
  Recorder recorder;
  if (!ParseYamlSubset(text, recorder)) return std::nullopt;
  return recorder.events;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string all;
  for (const std::string& line : lines) all += line + "\n";
  return all;
}

// A value with every location, as text.
void Describe(const Value& value, std::string& out) {
  const Location& at = value.location();
  out += std::to_string(at.line) + ":" + std::to_string(at.column) + " ";
  out += std::string(Value::KindName(value.kind()));
  if (value.is_scalar()) {
    out += (value.quoted() ? " q[" : " [") + value.text() + "]";
  } else if (value.is_list()) {
    out += " (";
    for (const Value& item : value.items()) Describe(item, out);
    out += ")";
  } else {
    out += " {";
    for (std::size_t i = 0; i < value.size(); ++i) {
      const Location& key_at = value.key_location(i);
      out += value.key(i) + (value.key_hidden(i) ? "(hidden)" : "") + "@" +
             std::to_string(key_at.line) + ":" + std::to_string(key_at.column) + "=";
      Describe(value.value(i), out);
      out += ", ";
    }
    out += "}";
  }
  out += " ";
}

// LoadYaml's whole outcome: every document with its locations, or the error.
std::string LoadOutcome(std::string_view text, bool fast) {
  LoadLimits limits;
  limits.yaml_fast_path = fast;
  limits.max_depth = 64;
  try {
    std::string out;
    for (const Value& document : LoadYaml(text, MakeOrigin("config.yaml"), limits)) {
      Describe(document, out);
      out += "\n---\n";
    }
    return out;
  } catch (const InputError& error) {
    return "error " + std::to_string(error.line()) + ":" + std::to_string(error.column()) + " " +
           error.what();
  }
}

struct Tally {
  int compared = 0;
  int accepted = 0;
};

// Compares the two paths on `text`; true if the fast path accepted it.
bool ExpectSameAsYamlCpp(std::string_view text, Tally& tally, std::string_view name = "") {
  ++tally.compared;
  const auto fast = FastEvents(text);
  if (fast) {
    ++tally.accepted;
    const auto reference = YamlCppEvents(text);
    if (!reference) {
      ADD_FAILURE() << "fast path accepted what yaml-cpp rejects: " << name << "\n" << text;
    } else if (*fast != *reference) {
      ADD_FAILURE() << "event streams differ: " << name << "\n--- input\n"
                    << text << "\n--- yaml-cpp\n"
                    << Join(*reference) << "--- fast path\n"
                    << Join(*fast);
    }
  }
  // Whether or not the fast path accepted it, LoadYaml must not change.
  const std::string with = LoadOutcome(text, true);
  const std::string without = LoadOutcome(text, false);
  if (with != without) {
    ADD_FAILURE() << "LoadYaml differs with the fast path: " << name << "\n--- input\n"
                  << text << "\n--- without\n"
                  << without << "\n--- with\n"
                  << with;
  }
  return fast.has_value();
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const fs::path kSource = DRIFTCHECK_SOURCE_DIR;

// --- Inputs that matter ------------------------------------------------------

TEST(YamlFast, AcceptsTheCommonShapesOfConfigurationFiles) {
  // If the fast path gave up on these, it would be a fast path for nothing.
  Tally tally;
  for (const char* name : {"bench_service.yaml", "k8s_deployment.yaml", "docker-compose.yml",
                           "helm_values.yaml"}) {
    const std::string text = ReadFile(kSource / "tests/data/yaml_fast" / name);
    ASSERT_FALSE(text.empty()) << name;
    EXPECT_TRUE(ExpectSameAsYamlCpp(text, tally, name)) << name << " is not in the subset";
  }
}

TEST(YamlFast, MatchesYamlCppOnEveryYamlFileInTheRepository) {
  Tally tally;
  for (const char* folder : {"tests", "examples", "fuzz/corpus", "bench"}) {
    if (!fs::exists(kSource / folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(kSource / folder)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
      ExpectSameAsYamlCpp(ReadFile(entry.path()), tally, entry.path().string());
    }
  }
  EXPECT_GT(tally.compared, 30);
  EXPECT_GT(tally.accepted, tally.compared / 3) << "the fast path gives up on most files";
  std::printf("repository files: %d compared, %d accepted by the fast path\n", tally.compared,
              tally.accepted);
  RecordProperty("compared", tally.compared);
  RecordProperty("accepted", tally.accepted);
}

// Small inputs at the subset's edges: each is compared whole and at every
// prefix, so truncations in the middle of every construct are covered too.
const char* const kTrickyCases[] = {
    "url: http://x:80/a\n",
    "a:b\n",
    "a:b: c\n",
    "key: 'it''s'\n",
    "key: ''''\n",
    "key: ''\n",
    "key: \"\"\n",
    "key: \"x # y\"\n",
    "key: 'x # y'\n",
    "k: v #c\n",
    "k: v#c\n",
    "k: v  \n",
    "k:   v   # c  \n",
    "k: v\n# c\n  # d\nj: w\n",
    "- - a\n  - b\n- c\n",
    "- \n- a\n-\n",
    "-\n  a: 1\n-\n  - x\n",
    "key:\n",
    "key:",
    "a:\nb:\n",
    "a:\n  b:\n    c:\n",
    "a:\n- x\n- y\nb: 1\n",
    "a:\n- x: 1\n  y: 2\n- z\nb:\n",
    "- a:\n  - x\n- b\n",
    "- a:\n- b\n",
    "n: -1\nm: -x\no: --x\np: - x\n",
    "l: [a, b]\n",
    "m: {a: 1, b: [2, 3]}\n",
    "m: {a: }\n",
    "m: {a:}\n",
    "m: {a:, b: 2}\n",
    "m: {\"a\":1, 'b' : 2}\n",
    "m: [\"a\":1]\n",
    "m: [a: 1]\n",
    "m: [a, b,]\n",
    "m: [a, [b, {c: d}], {}, []]\n",
    "m: [ a , b ]\n",
    "m: {a}\n",
    "m: [a\n  , b]\n",
    "- {name: alpha, port: 123}\n- {name: beta, port: 456}\n",
    "- [a, b]\n- []\n",
    "- {a: 1} # c\n",
    "- {a: 1} x\n",
    "u: ünïcödé\nключ: значение\n",
    "ключ: 1\n",
    "emoji: \"😀\"\n",
    "a: 1\n  b: 2\n",
    "a:\n  b: 1\n c: 2\n",
    "  a: 1\n  b: 2\n",
    "  a: 1\nb: 2\n",
    "a: b\n  c\n",
    "a: b\n\n  c\n",
    "a: 'b\n  c'\n",
    "a: \"b\\n\"\n",
    "a: |\n  x\n",
    "a: >\n  x\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "? a\n: b\n",
    "---\na: 1\n",
    "--- # c\na: 1\n",
    "--- a: 1\n",
    "---\na: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\nb: 2",
    "a: 1\nb:",
    "- a\n- ",
    "a:\n\tb: 1\n",
    "a: 1\r\nb: 2\r\n",
    "a: 1\na: 2\n",
    "a:\n  b: 1\n  b: 2\n",
    "null: 1\n~: 2\nNULL: 3\n",
    "a: null\nb: ~\nc: Null\nd: NULL\ne: nul\n",
    "a:\nnull: 1\n",
    "\"q k\": 1\n'r k' : 2\n",
    "\"a\":1\n",
    "a : 1\n",
    "<<: {a: 1}\nb: 2\n",
    "a: 1 # c\n# d\n",
    "# only a comment\n",
    "",
    "\n\n",
    "a",
    "[a, b]\n",
    "{a: 1}\n",
    "\"a\"\n",
    "a: b: c\n",
    "a: 'b': c\n",
    "a: \"b\" c\n",
    "a: [b] c\n",
    "-a: 1\n",
    "- -1\n- -a\n",
    "a: @b\n",
    "a: `b\n",
    "a: %b\n",
    "a: ,b\n",
    "a: b,c\n",
    "a: b[0]\n",
    "a: {b: c d, e: f g}\n",
    "a: [b?c]\n",
    "a: [b#c]\n",
    "a: [b #c]\n",
    "a: [-b, -]\n",
    "a: [- b]\n",
    "a: [:b]\n",
    "a: [b:c]\n",
    "a: {b:c}\n",
    "a: {b: c:d}\n",
    "a: {b: c: d}\n",
    "a: {? b}\n",
    "a: [&x b]\n",
    "a: \"#\"\n",
    "a:#\n",
    "a: #\n",
    "a:\n  # c\n  b: 1\n",
    "a:\n  # c\nb: 1\n",
    "a:\n\n\n  b: 1\n",
    "- a: 1\n  b:\n  - c\n  d: 2\n",
    "- - - a\n    - b\n  - c\n- d\n",
    "a:\n    - b\n    - c\n  d: 1\n",
    "a:\n  - b\n - c\n",
    "a: \"x\"   # c\n",
    "a: \"x\"#c\n",
    "a: [x]#c\n",
    "- 'a': b\n- \"c\" : d\n",
    "key with spaces: value with spaces\n",
    "a: 1.5e3\nb: 0x1F\nc: true\nd: .inf\n",
    "- ---\n",
    "a: ---\n",
    "---a: 1\n",
    "...a: 1\n",
    "a: b\n---\n",
    "a: 1\n---\nb: 2\n",
    "a:\n---\nb: 2\n",
    "- a\n-\n---\n- b\n",
    "---\n---\na: 1\n",
    "a: 1\n--- \nb: 1\n",
    "a: 1\n---   # c\n\nb: 1\n",
    "a:\n  - x\n---\n  b: 1\n",
    "a: 1\n---\nb: 2\n---\nc: [3]\n",
    "a: 1\n---\na: 1\n",
    "a: 1\n---\n# only a comment\n",
    "a: 1\n---\n...\n",
    "a:  \n  \nb: 1\n",
    "a: x\n  # more\n  # more\nb: y\n",
    "a: x\n\n  # more\n\nb: y\n",
};

TEST(YamlFast, MatchesYamlCppOnTrickyCasesAndEveryPrefix) {
  Tally whole;
  Tally prefixes;
  for (const char* input : kTrickyCases) {
    const std::string_view text = input;
    ExpectSameAsYamlCpp(text, whole, "tricky case");
    for (std::size_t n = 0; n < text.size(); ++n) {
      ExpectSameAsYamlCpp(text.substr(0, n), prefixes, "prefix");
    }
  }
  // Many of these are in the subset, many are not.
  EXPECT_GT(whole.accepted, 40);
  EXPECT_LT(whole.accepted, whole.compared - 40);
  std::printf("tricky cases: %d compared (%d accepted), with prefixes %d (%d accepted)\n",
              whole.compared, whole.accepted, prefixes.compared, prefixes.accepted);
  RecordProperty("compared", whole.compared + prefixes.compared);
  RecordProperty("accepted", whole.accepted + prefixes.accepted);
}

TEST(YamlFast, MatchesYamlCppOnDeepNesting) {
  // Around the fast path's own depth bound and the loader's (64 here).
  Tally tally;
  for (const int depth : {10, 63, 64, 65, 255, 256, 257, 300}) {
    std::string block;
    std::string list;
    for (int i = 0; i < depth; ++i) {
      block += std::string(static_cast<std::size_t>(2 * i), ' ') + "k:\n";
      list += std::string(static_cast<std::size_t>(2 * i), ' ') + "-\n";
    }
    block += std::string(static_cast<std::size_t>(2 * depth), ' ') + "v: 1\n";
    list += std::string(static_cast<std::size_t>(2 * depth), ' ') + "- 1\n";
    const std::string flow = "a: " + std::string(static_cast<std::size_t>(depth), '[') + "1" +
                             std::string(static_cast<std::size_t>(depth), ']') + "\n";
    for (const std::string& text : {block, list, flow}) {
      ExpectSameAsYamlCpp(text, tally, "depth " + std::to_string(depth));
    }
  }
  EXPECT_GT(tally.accepted, 6);
}

TEST(YamlFast, GivesUpOnWhatItDoesNotHandle) {
  // Each is valid YAML that yaml-cpp reads; the fast path must leave it.
  for (const char* input :
       {"a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  x\n", "a: >\n  x\n", "? a\n: b\n",
        "%YAML 1.2\n---\na: 1\n", "a: 1\n---\n", "a: b\n  c\n", "a: 'b\n  c'\n",
        "a: \"b\\n\"\n", "a: b\tc\n", "a: 1\r\nb: 2\r\n", "m: [a\n  , b]\n", "\"a\"\n",
        "[a, b]\n", "ключ: 1\n", "a: 1\n...\n"}) {
    EXPECT_FALSE(FastEvents(input).has_value()) << input;
    EXPECT_TRUE(YamlCppEvents(input).has_value()) << input;
  }
}

TEST(YamlFast, LoadYamlReportsYamlCppsErrorsForInputTheFastPathReads) {
  // A duplicate key is raised while the fast path feeds the tree builder:
  // the error must still be the one the yaml-cpp path gives.
  const std::string text = "a: 1\nb:\n  c: 1\n  c: 2\n";
  ASSERT_TRUE(FastEvents(text).has_value());
  EXPECT_EQ(LoadOutcome(text, true), LoadOutcome(text, false));
  EXPECT_TRUE(LoadOutcome(text, true).starts_with("error 4:3 "));
}

// --- Random YAML-ish documents --------------------------------------------------

// A deterministic generator (its own LCG, so that every platform draws the
// same documents) of text that mixes the subset's constructs with the ones
// just outside it.
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : state_(seed) {}

  std::string Document() {
    std::string out;
    if (Chance(10)) out += "---\n";
    if (Chance(10)) out += "# header\n";
    Block(out, Pick(3) == 0 ? 1 : 0, 0);
    if (Chance(15)) {
      out += Chance(80) ? "---\n" : "--- # c\n";
      Block(out, 0, 0);
    }
    if (Chance(10)) Mutate(out);
    if (Chance(10) && !out.empty()) out.pop_back();  // no final line break
    return out;
  }

 private:
  std::uint32_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33);
  }
  std::size_t Pick(std::size_t n) { return Next() % n; }
  bool Chance(int percent) { return static_cast<int>(Pick(100)) < percent; }
  template <std::size_t N>
  const char* OneOf(const char* const (&choices)[N]) {
    return choices[Pick(N)];
  }

  std::string Key() {
    static const char* const kKeys[] = {"name", "port", "a", "b", "url", "replicas", "x y",
                                        "\"q k\"", "'it''s'", "a:b", "1", "true", "ключ"};
    static const char* const kOddKeys[] = {"null", "~", "-x", "<<", "k#", "\"\"", "a b ",
                                           "---", "?x", "@x", "\"a\\\"\"", "[a]", "&a k"};
    if (Chance(2)) return std::string(1100, 'k');
    return Chance(92) ? OneOf(kKeys) : OneOf(kOddKeys);
  }

  std::string Scalar() {
    static const char* const kScalars[] = {
        "v", "http://x:80/a", "a:b", "'it''s'", "\"x # y\"", "v #c", "v#c", "-1", "-x",
        "1.5", "0x1F", "true", "null", "~", "\"\"", "''", "[a, b]", "{a: 1, b: [2, 3]}",
        "{a: }", "{a:}", "[]", "{}", "[a, {b: c}]", "ünï", "\"😀\"", "a b c", "v  ",
        "\"a\" # c", "[x] # c", "b[0]", "{name: alpha, port: 123}"};
    static const char* const kOddScalars[] = {
        "&x v", "*x", "!!str 1", "|", ">", "\"a\\nb\"", "'a", "\"a", "[a", "{a: 1", "a: b",
        "[a,]", "'b'#c", "`x", "@x", "%x", ",x", "- x", "? x", "{a}", "[a: b]", "x\ty"};
    return Chance(92) ? OneOf(kScalars) : OneOf(kOddScalars);
  }

  std::string Indent(int column) { return std::string(static_cast<std::size_t>(column), ' '); }

  // Some entries of a map or list at `column`.
  void Block(std::string& out, int column, int depth) {
    const bool list = Chance(35);
    const int entries = 1 + static_cast<int>(Pick(4));
    for (int i = 0; i < entries; ++i) {
      if (Chance(8)) out += Chance(50) ? "\n" : Indent(static_cast<int>(Pick(6))) + "# c\n";
      int at = column;
      if (Chance(2)) at += Chance(50) ? 1 : -1;  // indentation that does not fit
      if (at < 0) at = 0;
      out += Indent(at);
      if (list) {
        out += Chance(5) ? "-" : "- ";
        Item(out, at + 2, depth);
      } else {
        out += Key();
        out += Chance(4) ? " :" : ":";
        Value(out, at, depth);
      }
    }
  }

  // What follows `- `: a scalar, a compact map or list, or a block below.
  void Item(std::string& out, int column, int depth) {
    const std::size_t kind = depth > 5 ? 0 : Pick(5);
    if (kind == 0) {
      out += Scalar() + "\n";
    } else if (kind == 1) {
      out += Key() + ": " + Scalar() + "\n";
      if (Chance(60)) out += Indent(column) + Key() + ": " + Scalar() + "\n";
    } else if (kind == 2) {
      out += "- " + Scalar() + "\n";
    } else if (kind == 3) {
      out += "\n";  // an empty item, or a block below
      if (Chance(60)) Block(out, column + static_cast<int>(Pick(3)), depth + 1);
    } else {
      out += Key() + ":";
      Value(out, column, depth);
    }
  }

  // What follows a key's `:` in a map at `column`.
  void Value(std::string& out, int column, int depth) {
    const std::size_t kind = depth > 5 ? 0 : Pick(6);
    if (kind <= 1) {
      out += (Chance(5) ? "" : " ") + Scalar() + (Chance(5) ? "   " : "") + "\n";
    } else if (kind == 2) {
      out += Chance(30) ? " # c\n" : "\n";  // empty
    } else if (kind == 3) {
      out += "\n";
      Block(out, column, depth + 1);  // perhaps a list at the key's column
    } else {
      out += "\n";
      Block(out, column + 1 + static_cast<int>(Pick(4)), depth + 1);
    }
  }

  void Mutate(std::string& text) {
    static const char kBytes[] = " \n:-#'\"[]{},?&*!|>\\\t\r~";
    if (text.empty()) return;
    const std::size_t at = Pick(text.size());
    switch (Pick(3)) {
      case 0:
        text.insert(at, 1, kBytes[Pick(sizeof(kBytes) - 1)]);
        break;
      case 1:
        text.erase(at, 1);
        break;
      default:
        text[at] = kBytes[Pick(sizeof(kBytes) - 1)];
        break;
    }
  }

  std::uint64_t state_;
};

TEST(YamlFast, MatchesYamlCppOnSeededRandomDocuments) {
  Generator generator(20261207);
  Tally tally;
  for (int i = 0; i < 6000; ++i) {
    const std::string text = generator.Document();
    ExpectSameAsYamlCpp(text, tally, "random document " + std::to_string(i));
    if (HasFailure()) break;  // one diff is enough to read
  }
  EXPECT_GT(tally.accepted, tally.compared / 5);
  EXPECT_LT(tally.accepted, tally.compared - tally.compared / 5);
  std::printf("random documents: %d compared, %d accepted by the fast path\n", tally.compared,
              tally.accepted);
  RecordProperty("compared", tally.compared);
  RecordProperty("accepted", tally.accepted);
}

}  // namespace
}  // namespace driftcheck
