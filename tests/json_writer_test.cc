#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>

#include "report/writer.h"
#include "report_samples.h"

namespace driftcheck {
namespace {

using nlohmann::json;
using testing::Drift;
using testing::EmptyReport;
using testing::Render;
using testing::SampleReport;
using testing::Show;

json Parsed(const Report& report) { return json::parse(Render(WriteJson, report)); }

// The first finding at `path` (of `kind`, when given).
const json& FindingAt(const json& doc, const std::string& path, const std::string& kind = "") {
  for (const json& f : doc["findings"]) {
    if (f["path"] == path && (kind.empty() || f["kind"] == kind)) return f;
  }
  static const json kNone;
  ADD_FAILURE() << "no finding at " << path;
  return kNone;
}

// A few of the sample's findings, so the golden file stays short enough to review.
Report GoldenReport() {
  Report report = SampleReport();
  erase_if(report.findings, [](const Finding& f) {
    return f.path != "database.pool_size" && f.path != "server.port" && f.path != "cache" &&
           f.kind != FindingKind::kFileMissing && f.kind != FindingKind::kSameSecret;
  });
  return report;
}

TEST(JsonWriter, MatchesTheReviewedGoldenReport) {
  testing::ExpectMatchesGolden(Render(WriteJson, GoldenReport()), "report.json");
}

TEST(JsonWriter, HasTheDocumentedTopLevelFieldsInOrder) {
  const std::string text = Render(WriteJson, SampleReport());
  ASSERT_TRUE(text.ends_with("}\n"));
  const auto doc = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) keys.push_back(key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"tool", "environments", "compared", "summary", "findings"}));
  EXPECT_EQ(doc["tool"]["name"], "driftcheck");
  EXPECT_EQ(doc["tool"]["version"], "0.1.0");
  EXPECT_EQ(doc["environments"][1]["revspec"], "v1.4.0");
  EXPECT_EQ(doc["environments"][1]["revision"], testing::kProductionSha);
  EXPECT_EQ(doc["compared"].dump(),
            R"([["staging","production"],["production@v1","production@HEAD"]])");
}

TEST(JsonWriter, SummarizesCountsWithEveryKindFamily) {
  const json summary = Parsed(SampleReport())["summary"];
  EXPECT_EQ(summary, json::parse(R"({"file_pairs": 6, "findings": 14, "failing": 12, "allowed": 1,
      "by_kind": {"changed": 6, "type-changed": 1, "only-in": 3, "file-missing": 1,
                  "same-secret": 1, "must-differ": 0, "schema-violation": 1, "invalid-file": 1,
                  "layer-missing": 0, "duplicate-key": 0, "rule-expired": 0, "rule-expiring": 0, "rule-unused": 0}})"));
  const json empty = Parsed(EmptyReport(3))["summary"]["by_kind"];
  EXPECT_EQ(empty.size(), AllFindingKinds().size());
  for (const auto& [kind, count] : empty.items()) EXPECT_EQ(count, 0) << kind;
}

TEST(JsonWriter, DescribesEachSideOfAFinding) {
  const json f = FindingAt(Parsed(SampleReport()), "database.pool_size", "changed");
  EXPECT_EQ(f["kind"], "changed");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["allowed"]["rule"], "staging-small-db-pool");
  EXPECT_EQ(f["allowed"]["owner"], "team-data");
  EXPECT_EQ(f["placeholders"], json::parse(R"({"service": "api"})"));
  EXPECT_FALSE(f.contains("document"));
  EXPECT_EQ(
      f["sides"][1],
      json::parse(
          R"({"label": "production", "environment": "production", "revision": ")" +
          std::string(testing::kProductionSha) +
          R"(", "present": true, "redacted": false, "value": 50,
      "file": "services/api/production.yaml",
      "location": {"file": "services/api/production.yaml", "line": 4, "column": 14}})"));
}

TEST(JsonWriter, MarksAbsentAndMissingSides) {
  const json doc = Parsed(SampleReport());
  const json beta = FindingAt(doc, "features.beta")["sides"][1];
  EXPECT_FALSE(beta["present"]);
  EXPECT_FALSE(beta.contains("value"));
  EXPECT_FALSE(beta.contains("location"));
  const json web = FindingAt(doc, "", "file-missing")["sides"];
  EXPECT_EQ(web[1]["file"], nullptr);
  EXPECT_TRUE(web[0]["present"]);
  EXPECT_FALSE(web[0]["redacted"]);  // a whole file: present, never embedded
  EXPECT_FALSE(web[0].contains("value"));
  EXPECT_EQ(web[0]["location"], json::parse(R"({"file": "services/web/staging.yaml"})"));
}

Value Typed(const std::string& text) { return Value::FromPlainScalar(text, {}); }

TEST(JsonWriter, KeepsValueTypesAndMapOrder) {
  Value map = Value::Map({});
  map.Insert("z", {}, Typed("1"));
  map.Insert("a", {}, Value::Float(1.5, "1.50", {}));
  map.Insert("m", {}, Value::String("8080", true, {}));
  Value list = Value::List({});
  list.Append(Typed("true"));
  list.Append(Typed("null"));
  map.Insert("list", {}, std::move(list));
  map.Insert("inf", {}, Typed("-.inf"));
  map.Insert("nan", {}, Typed(".nan"));
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kOnlyIn, "s", {}, "x", "s.yaml", "p.yaml");
  Show(f.left, map);
  report.findings = {f};
  report.Finalize();
  const std::string text = Render(WriteJson, report);
  EXPECT_NE(text.find(R"("z": 1,)"), std::string::npos) << text;
  const auto value =
      nlohmann::ordered_json::parse(text)["findings"][0]["sides"][0]["value"];
  EXPECT_EQ(value.dump(),
            R"({"z":1,"a":1.5,"m":"8080","list":[true,null],"inf":"-.inf","nan":".nan"})");
}

TEST(JsonWriter, IntegersBeyond64BitsKeepTheirDigits) {
  Value list = Value::List({});
  list.Append(Typed("18446744073709551617"));
  list.Append(Typed("-9223372036854775808"));
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kOnlyIn, "s", {}, "x", "s.yaml", "p.yaml");
  Show(f.left, list);
  report.findings = {f};
  report.Finalize();
  const auto value = nlohmann::ordered_json::parse(Render(WriteJson, report))["findings"][0]["sides"][0]["value"];
  // A JSON reader would round 2^64 + 1 to a double: the digits go in a string.
  EXPECT_EQ(value.dump(), R"(["18446744073709551617",-9223372036854775808])");
}

TEST(JsonWriter, ReplacesInvalidUtf8InsteadOfFailing) {
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kOnlyIn, "s", {}, "bad\xff", "s.yaml", "p.yaml");
  Show(f.left, Value::String("\xc3(", true, {}));
  report.findings = {f};
  report.Finalize();
  EXPECT_NO_THROW(Parsed(report));
}

TEST(JsonWriter, NeverPrintsASecret) {
  const std::string text = Render(WriteJson, SampleReport());
  EXPECT_EQ(text.find(testing::kSecret), std::string::npos);
  const json password = FindingAt(json::parse(text), "database.password")["sides"][0];
  EXPECT_TRUE(password["redacted"]);
  EXPECT_FALSE(password.contains("value"));
  EXPECT_EQ(FindingAt(json::parse(text), "cache")["sides"][1]["value"]["auth_token"],
            "<redacted>");
}

// A "<redacted>" inside a value is a hidden secret only where the side says
// so: the configuration's own text may read "<redacted>" too.
TEST(JsonWriter, SaysWhichValuesHaveAHiddenPart) {
  EXPECT_EQ(FindingAt(Parsed(SampleReport()), "cache")["sides"][1].value("partly_redacted", false), true);
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kChanged, "services", {}, "url", "s.yaml", "p.yaml");
  Show(f.left, Value::String("X=<redacted>", true, {}));  // the file's own text
  Show(f.right, Value::String("postgres://u:hunter2@h/db", true, {}));
  report.findings = {f};
  const json doc = Parsed(report);
  const json& sides = doc["findings"][0]["sides"];
  EXPECT_EQ(sides[0]["value"], "X=<redacted>");
  EXPECT_EQ(sides[1]["value"], "postgres://u:<redacted>@h/db");
  EXPECT_EQ(sides[1].value("partly_redacted", false), true);
  EXPECT_FALSE(sides[0].contains("partly_redacted")) << sides[0];
  EXPECT_FALSE(FindingAt(Parsed(SampleReport()), "server.port")["sides"][0].contains("partly_redacted"));
}

TEST(JsonWriter, SaysWhetherRedactedSecretsAreEqual) {
  const json doc = Parsed(SampleReport());
  EXPECT_EQ(FindingAt(doc, "database.password")["secret_equal"], false);
  EXPECT_EQ(FindingAt(doc, "api.token")["secret_equal"], true);
  EXPECT_FALSE(FindingAt(doc, "server.port").contains("secret_equal"));
}

TEST(JsonWriter, WritesByteIdenticalOutputTwice) {
  EXPECT_EQ(Render(WriteJson, SampleReport()), Render(WriteJson, SampleReport()));
}

// ---- The output against schemas/report.schema.json ---------------------------
// A checker for the draft-07 subset that schema uses, so the documented
// contract and the writer cannot drift apart unnoticed.

class SchemaChecker {
 public:
  explicit SchemaChecker(json root) : root_(std::move(root)) {}

  std::vector<std::string> Check(const json& value) {
    errors_.clear();
    Visit(root_, value, "$");
    return errors_;
  }

 private:
  void Fail(const std::string& where, const std::string& what) {
    errors_.push_back(where + ": " + what);
  }

  static bool HasType(const json& value, const std::string& type) {
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    if (type == "array") return value.is_array();
    return type == "object" && value.is_object();
  }

  bool Passes(const json& schema, const json& value) {
    SchemaChecker branch(root_);
    branch.Visit(schema, value, "");
    return branch.errors_.empty();
  }

  void Visit(const json& schema, const json& value, const std::string& where) {
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"];
      return Visit(root_["definitions"][ref.substr(ref.rfind('/') + 1)], value, where);
    }
    CheckScalar(schema, value, where);
    if (value.is_object()) CheckObject(schema, value, where);
    if (value.is_array() && schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i)
        Visit(schema["items"], value[i], where + "[" + std::to_string(i) + "]");
    }
  }

  void CheckScalar(const json& schema, const json& value, const std::string& where) {
    if (schema.contains("type")) {
      const json types = schema["type"].is_array() ? schema["type"] : json::array({schema["type"]});
      if (std::none_of(types.begin(), types.end(),
                       [&](const json& t) { return HasType(value, t); })) {
        Fail(where, "type is not " + types.dump());
      }
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
      Fail(where, value.dump() + " not in enum");
    }
    if (schema.contains("pattern") && value.is_string() &&
        !std::regex_search(value.get<std::string>(),
                           std::regex(schema["pattern"].get<std::string>()))) {
      Fail(where, value.dump() + " does not match " + schema["pattern"].dump());
    }
    if (schema.contains("anyOf") && std::none_of(schema["anyOf"].begin(), schema["anyOf"].end(),
                                                 [&](const json& s) { return Passes(s, value); })) {
      Fail(where, value.dump() + " matches no anyOf branch");
    }
  }

  void CheckObject(const json& schema, const json& value, const std::string& where) {
    for (const json& key : schema.value("required", json::array())) {
      if (!value.contains(key)) Fail(where, "missing required " + key.dump());
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) {
        Visit(properties[key], item, where + "." + key);
      } else if (schema.contains("additionalProperties") &&
                 schema["additionalProperties"] == false) {
        Fail(where, "undocumented field \"" + key + "\"");
      } else if (schema.contains("additionalProperties")) {
        Visit(schema["additionalProperties"], item, where + "." + key);
      }
    }
  }

  json root_;
  std::vector<std::string> errors_;
};

json ReportSchema() {
  std::ifstream in(DRIFTCHECK_SOURCE_DIR "/schemas/report.schema.json");
  return json::parse(in);
}

TEST(JsonWriter, OutputFollowsTheDocumentedSchema) {
  SchemaChecker checker(ReportSchema());
  for (const Report& report : {SampleReport(), EmptyReport(0)}) {
    const auto errors = checker.Check(Parsed(report));
    EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
  }
}

TEST(JsonWriter, SchemaCheckerCatchesAnUndocumentedOrMissingField) {
  SchemaChecker checker(ReportSchema());
  json doc = Parsed(SampleReport());
  doc["findings"][0]["extra"] = 1;
  doc["findings"][1].erase("id");
  doc["findings"][2]["kind"] = "only-in-";
  EXPECT_EQ(checker.Check(doc).size(), 3u) << ::testing::PrintToString(checker.Check(doc));
}

}  // namespace
}  // namespace driftcheck
