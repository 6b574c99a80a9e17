// End-to-end: `driftcheck explain PATH` says how each side's value came to
// be (raw value, layer, normalization steps) and the verdict.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "repo_fixture.h"

namespace driftcheck::testing {
namespace {

const std::string kManifest = TwoEnvironmentManifest(R"(  - name: services
    path: "services/{service}/{env}.yaml"
    schema: schemas/service.schema.yaml
  - name: chart
    layers: ["chart/values.yaml", "chart/values-{env}.yaml"]
    normalize: {env_tokens: true, ignore: [debug]}
allow: drift-allow.yaml
)");

constexpr const char* kSchema = R"(type: object
properties:
  replicas: {type: integer}
  timeout: {type: string, format: duration}
  pool: {type: integer, default: 10}
  database:
    type: object
    properties:
      password: {type: string}
)";

constexpr const char* kRules = R"(version: 1
rules:
  - id: production-more-replicas
    path: replicas
    reason: production takes the traffic
    owner: team-web
    expires: 2099-01-31
)";

class ExplainTest : public RepoTest {
 protected:
  void SetUp() override {
    InitRepo(kManifest, {{"schemas/service.schema.yaml", kSchema}, {"drift-allow.yaml", kRules}});
    WriteFile(repo_, "services/api/staging.yaml",
              "replicas: \"2\"\ntimeout: 1m\ndatabase:\n  password: hunter2-staging\n");
    WriteFile(repo_, "services/api/production.yaml",
              "replicas: 6\ntimeout: 60s\npool: 20\ndatabase:\n  password: hunter2-production\n");
    WriteFile(repo_, "services/web/staging.yaml", "replicas: 1\n");
    WriteFile(repo_, "services/web/production.yaml", "replicas: 1\n");
    WriteFile(repo_, "chart/values.yaml", "url: https://api.example.com\nlevel: info\ndebug: false\n");
    WriteFile(repo_, "chart/values-staging.yaml", "url: https://api.staging.example.com\ndebug: true\n");
    WriteFile(repo_, "chart/values-production.yaml", "url: https://api.production.example.com\n");
    GitCommitAll(repo_, "first");
  }

  CommandResult Explain(std::vector<std::string> args) { return Run("explain", std::move(args)); }

  nlohmann::json Json(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "json"});
    const CommandResult r = Explain(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(ExplainTest, ShowsRawValueCoercionAndTheAllowingRule) {
  const auto report = Json({"replicas", "--where", "service=api"});
  ASSERT_EQ(report["explanations"].size(), 1u) << report.dump(2);
  const auto& e = report["explanations"][0];
  const auto& staging = e["sides"][0];
  EXPECT_EQ(staging["raw"]["value"], "\"2\"");
  EXPECT_EQ(staging["raw"]["location"], "services/api/staging.yaml:1:11");
  ASSERT_EQ(staging["steps"].size(), 1u);
  EXPECT_EQ(staging["steps"][0]["by"], "schema: type");
  EXPECT_EQ(staging["steps"][0]["before"], "\"2\"");
  EXPECT_EQ(staging["steps"][0]["after"], "2");
  EXPECT_EQ(staging["normalized"]["value"], "2");
  ASSERT_EQ(e["verdicts"].size(), 1u);
  EXPECT_EQ(e["verdicts"][0]["verdict"], "allowed");
  const std::string text = e["verdicts"][0]["text"];
  EXPECT_NE(text.find("production-more-replicas"), std::string::npos) << text;
  EXPECT_NE(text.find("team-web"), std::string::npos) << text;
  EXPECT_NE(text.find("2099-01-31"), std::string::npos) << text;
}

TEST_F(ExplainTest, UnitsNormalizeToEqual) {
  const auto e = Json({"timeout", "--where", "service=api"})["explanations"][0];
  EXPECT_EQ(e["sides"][0]["steps"][0]["by"], "schema: format");
  EXPECT_EQ(e["sides"][0]["normalized"]["value"], e["sides"][1]["normalized"]["value"]);
  EXPECT_EQ(e["verdicts"][0]["verdict"], "equal");
}

TEST_F(ExplainTest, DefaultFilledIsAStep) {
  const auto e = Json({"pool", "--where", "service=api"})["explanations"][0];
  EXPECT_FALSE(e["sides"][0]["raw"]["present"].get<bool>());
  EXPECT_EQ(e["sides"][0]["steps"][0]["what"], "default filled");
  EXPECT_EQ(e["sides"][0]["normalized"]["value"], "10");
  EXPECT_EQ(e["verdicts"][0]["verdict"], "drift");
}

TEST_F(ExplainTest, LayersSayWhichSetTheValueAndWhatItOverrode) {
  const auto e = Json({"url"})["explanations"][0];
  const auto& staging = e["sides"][0];
  ASSERT_EQ(staging["layers"].size(), 2u);
  EXPECT_EQ(staging["layers"][0]["file"], "chart/values.yaml");
  EXPECT_EQ(staging["layers"][1]["file"], "chart/values-staging.yaml");
  EXPECT_EQ(staging["raw"]["location"], "chart/values-staging.yaml:1:6");
  EXPECT_EQ(staging["steps"][0]["by"], "normalize: env_tokens");
  EXPECT_EQ(staging["normalized"]["value"], "\"https://api.{env}.example.com\"");
  EXPECT_EQ(e["verdicts"][0]["verdict"], "equal");
}

TEST_F(ExplainTest, IgnoredPathSaysWhichSettingIgnoresIt) {
  const auto e = Json({"debug"})["explanations"][0];
  EXPECT_EQ(e["verdicts"][0]["verdict"], "ignored");
  EXPECT_NE(e["verdicts"][0]["text"].get<std::string>().find("normalize: ignore"), std::string::npos);
}

TEST_F(ExplainTest, SecretsStayRedactedAtEveryStep) {
  for (const std::string format : {"text", "json"}) {
    const CommandResult r = Explain({"database.password", "--where", "service=api", "--format", format});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("<redacted>"), std::string::npos) << r.out;
  }
  const CommandResult parent = Explain({"database", "--where", "service=api"});
  EXPECT_EQ(parent.out.find("hunter2"), std::string::npos) << parent.out;
}

TEST_F(ExplainTest, UnknownPathGetsDidYouMean) {
  const CommandResult r = Explain({"replica"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'replicas'"), std::string::npos) << r.err;
}

TEST_F(ExplainTest, TextReadsAsOneBlockPerFilePair) {
  const CommandResult r = Explain({"replicas", "--where", "service=api"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("replicas  services  service=api\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    raw         \"2\"  services/api/staging.yaml:1:11\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  verdict  changed, allowed by rule production-more-replicas"), std::string::npos)
      << r.out;
}

TEST_F(ExplainTest, OutputFileIsWrittenThroughAnExclusiveTemporaryNeverFollowingALink) {
  const std::string report =
      ExpectOutputReplacesPlantedLink("explain", {"replicas", "--where", "service=api", "--format", "json"}, 0);
  EXPECT_EQ(nlohmann::json::parse(report)["explanations"].size(), 1u);
}

TEST_F(ExplainTest, DidYouMeanOffersAKeyedListItemByItsName) {
  CommitKeyedRoutes({"{name: health, timeout: 1}"}, {"{name: health, timeout: 5}"});
  const CommandResult r = Explain({"routes[name=helth].timeout"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("did you mean 'routes[name=health].timeout'?"), std::string::npos) << r.err;
  EXPECT_EQ(Explain({"routes[name=health].timeout"}).exit_code, 0);
}

// Values a value detector (not a key rule) hides: a secret argument in a
// command list, the `value` of a `{name: DB_PASSWORD, value: ...}` item, a
// key that names a secret; explain decides as reports do, from the item's
// context, at every step.
class ExplainSecretsTest : public RepoTest {
 protected:
  void SetUp() override {
    InitRepo(TwoEnvironmentManifest(R"(  - name: svc
    path: "svc/{env}.yaml"
  - name: layered
    layers: [c/base.yaml, "c/{env}.yaml"]
    normalize: {case: insensitive}
  - name: props
    path: "p/{env}.properties"
    format: properties
)"));
    for (const std::string env : {"staging", "production"}) {
      const std::string e = env == "staging" ? "S" : "P";
      WriteFile(repo_, "svc/" + env + ".yaml",
                "args1: [psql, --password, MKARGA" + e + "]\n" +
                "args2: [mysql, -uroot, -pMKARGB" + e + ", app]\n" +
                "k8s: {env: [{name: DB_PASSWORD, value: MKK8SA" + e + "}]}\n" +
                "secrets: {MKKEYNAME" + e + ": x}\n" +
                "alias_token: &t MKALIAS" + e + "\nalias_copy: *t\nalias_list: [*t]\n" +
                "copied_anchor: &c MKCOPIED" + e + "\nhold: {password: *c}\n");
      WriteFile(repo_, "c/" + env + ".yaml", "args: [psql, --password, MKSTGARG" + e + "]\n");
      WriteFile(repo_, "p/" + env + ".properties", "app.secrets.MKPROPKEY" + e + "=v\nplain=1\n");
    }
    WriteFile(repo_, "c/base.yaml", "args: [psql, --password, MKBASEARG]\n");
    GitCommitAll(repo_, "first");
  }
};

TEST_F(ExplainSecretsTest, ValuesAValueDetectorHidesStayRedactedAtEveryStep) {
  for (const std::string path : {"args1[2]", "args2[2]", "k8s.env[0].value", "k8s.env[name=DB_PASSWORD].value",
                                 "args[2]", "args1", "k8s.env[0]"}) {
    for (const std::string format : {"text", "json"}) {
      const CommandResult r = Run("explain", {path, "--format", format});
      ASSERT_EQ(r.exit_code, 0) << path << r.err;
      for (const char* secret : {"MKARG", "MKK8S", "MKSTGARG", "mkstgarg", "MKBASEARG"}) {
        EXPECT_EQ(r.out.find(secret), std::string::npos) << path << " " << format << ": " << r.out;
      }
      EXPECT_NE(r.out.find("<redacted"), std::string::npos) << path << ": " << r.out;
    }
  }
}

TEST_F(ExplainSecretsTest, ACopyOfASecretMadeByAYamlAliasStaysRedacted) {
  for (const std::string path : {"alias_copy", "alias_list", "alias_list[0]", "copied_anchor", "hold"}) {
    for (const std::string format : {"text", "json"}) {
      const CommandResult r = Run("explain", {path, "--format", format});
      ASSERT_EQ(r.exit_code, 0) << path << r.err;
      for (const char* secret : {"MKALIAS", "MKCOPIED"}) {
        EXPECT_EQ(r.out.find(secret), std::string::npos) << path << " " << format << ": " << r.out;
      }
      EXPECT_NE(r.out.find("<redacted"), std::string::npos) << path << ": " << r.out;
    }
  }
}

TEST_F(ExplainSecretsTest, DidYouMeanNeverRevealsAKeyBelowASecretOne) {
  for (const std::string path : {"secrets.MKKEYNAM", "app.secrets.MKPROPKEYX", "\"app.secrets.MKPROPKEYX\""}) {
    const CommandResult r = Run("explain", {path});
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_EQ(r.err.find("MKKEYNAMES"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("MKKEYNAMEP"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("MKPROPKEYS"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("MKPROPKEYP"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("redacted"), std::string::npos) << "a fingerprint is never offered: " << r.err;
  }
  const CommandResult plain = Run("explain", {"plai"});
  EXPECT_NE(plain.err.find("did you mean 'plain'"), std::string::npos) << plain.err;
}

}  // namespace
}  // namespace driftcheck::testing
