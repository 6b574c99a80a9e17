// The session: plan -> evaluate -> collect -> judge, the same report on any
// number of threads.

#include "engine/session.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "core/error.h"
#include "report/writer.h"

namespace driftcheck {
namespace {

using Files = std::map<std::string, std::string>;

constexpr const char* kManifest = R"(version: 1
environments: {staging: {aliases: [stg]}, production: {aliases: [prod]}}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
  - name: env
    path: "services/{service}/.env.{env}"
    format: dotenv
  - name: chart
    layers: ["charts/{chart}/values.yaml", "charts/{chart}/values-{env}.yaml"]
)";

// Many file pairs of every sort: drift, one-sided files, secrets (reused and
// not), unreadable files, duplicate keys, layers.
std::map<std::string, std::string> ManyServices(int count) {
  std::map<std::string, std::string> files;
  for (int i = 0; i < count; ++i) {
    const std::string dir = "services/svc" + std::to_string(i) + "/";
    files[dir + "staging.yaml"] = "replicas: " + std::to_string(i % 3) + "\nimage: {tag: v" +
                                  std::to_string(i) + "}\ndb: {password: s" + std::to_string(i) + "}\n";
    if (i % 7 != 3) {
      files[dir + "production.yaml"] = "replicas: 2\nimage: {tag: v" + std::to_string(i + i % 2) +
                                       "}\ndb: {password: " + (i % 5 ? "p" : "s") + std::to_string(i) + "}\n" +
                                       (i % 4 ? "" : "extra: [1, 2]\n");
    }
    if (i % 11 == 5) files[dir + "production.yaml"] = "a: [unclosed\n";
    files[dir + ".env.staging"] = "LOG=info\nLOG=debug\n";
    files[dir + ".env.production"] = "LOG=" + std::string(i % 2 ? "info" : "warn") + "\n";
  }
  for (int i = 0; i < count / 4; ++i) {
    const std::string dir = "charts/c" + std::to_string(i) + "/";
    files[dir + "values.yaml"] = "replicas: 1\nimage: {repo: shop, tag: v1}\n";
    files[dir + "values-staging.yaml"] = "image: {tag: v2}\n";
    if (i % 2) files[dir + "values-production.yaml"] = "replicas: 3\n";
  }
  return files;
}

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override { manifest_ = LoadManifest(kManifest, MakeOrigin("driftcheck.yaml")); }

  Sides StagingVsProduction(const Tree& tree) const {
    const Environment& left = manifest_.environments[0];
    const Environment& right = manifest_.environments[1];
    Sides sides;
    sides.comparisons = {{{left.name, &left, &tree}, {right.name, &right, &tree}}};
    sides.environments = {{"staging", "HEAD", tree.revision()}, {"production", "HEAD", tree.revision()}};
    return sides;
  }

  // Every format's rendering of one judged run.
  std::vector<std::string> Rendered(const Tree& tree, unsigned jobs) const {
    SessionOptions options;
    options.jobs = jobs;
    Session session(manifest_, options);
    const RuleSet rules;
    const Report report = session.Run(StagingVsProduction(tree), Judging{{&rules, RuleOptions{}, nullptr}, nullptr, {}});
    std::vector<std::string> out;
    for (const WriterInfo& writer : Writers()) {
      std::ostringstream text;
      writer.write(report, text, WriteOptions{false});
      out.push_back(std::string(writer.name) + "\n" + text.str());
    }
    return out;
  }

  // A manifest comparing staging with production and with qa, one source
  // (`source_lines` added to it).
  static Manifest StagingProductionAndQa(const std::string& source_lines = "") {
    return LoadManifest(R"(version: 1
environments: {staging: {}, production: {}, qa: {}}
compare: [[staging, production], [staging, qa]]
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
)" + source_lines, MakeOrigin("driftcheck.yaml"));
  }

  // staging compared with production and with qa (a manifest naming the
  // three in that order), every side read from `tree`.
  static std::vector<Comparison> StagingWithProductionAndQa(const Manifest& three, const Tree& tree) {
    const Environment& staging = three.environments[0];
    const Environment& production = three.environments[1];
    const Environment& qa = three.environments[2];
    return {{{"staging", &staging, &tree}, {"production", &production, &tree}},
            {{"staging", &staging, &tree}, {"qa", &qa, &tree}}};
  }

  Manifest manifest_;
};

TEST_F(SessionTest, EveryFormatIsByteIdenticalWhateverTheNumberOfJobs) {
  const MemoryTree tree(ManyServices(60), "0123456789abcdef0123456789abcdef01234567");
  const auto serial = Rendered(tree, 1);
  ASSERT_EQ(serial.size(), Writers().size());
  EXPECT_NE(serial[0].find("same-secret"), std::string::npos) << serial[0];
  EXPECT_NE(serial[0].find("cannot read the file"), std::string::npos);
  for (const unsigned jobs : {2u, 4u, 16u}) {
    const auto parallel = Rendered(tree, jobs);
    ASSERT_EQ(parallel.size(), serial.size());
    for (std::size_t i = 0; i < serial.size(); ++i) EXPECT_EQ(parallel[i], serial[i]) << "-j " << jobs;
  }
}

TEST_F(SessionTest, TheReportKeepsPlanOrderBeforeSorting) {
  const MemoryTree tree(ManyServices(12));
  Session session(manifest_, SessionOptions{});
  const Sides sides = StagingVsProduction(tree);
  const Plan plan = session.MakePlan(sides);
  const Report report = session.Collect(sides, plan, session.Evaluate(plan));
  EXPECT_EQ(report.file_pairs, plan.tasks.size());
  EXPECT_EQ(report.compared, (std::vector<std::pair<std::string, std::string>>{{"staging", "production"}}));
}

// Every finding of a file pair holds the pair's one list of placeholder
// values, not a copy of its own (issue 25's memory), and different pairs'
// lists stay apart; the texts every pair names (source, labels,
// environments, revisions) are made once per run; each side's value
// fingerprint is 16 hex digits.
TEST_F(SessionTest, APairsFindingsShareOnePlaceholderList) {
  const MemoryTree tree(ManyServices(8));
  Session session(manifest_, SessionOptions{});
  const Report report = session.Compare(StagingVsProduction(tree));
  std::map<std::string, const SharedPlaceholders::List*> list_of;  // "svc3" -> its list
  std::size_t checked = 0;
  for (const Finding& f : report.findings) {
    if (f.placeholders.empty()) continue;
    ASSERT_EQ(f.placeholders.size(), 1u);
    const auto [it, first] = list_of.emplace(f.source.str() + "/" + f.placeholders[0].second, &f.placeholders.list());
    if (!first) {
      EXPECT_EQ(it->second, &f.placeholders.list()) << f.path;
      ++checked;
    }
    for (const FindingSide* side : {&f.left, &f.right}) {
      if (side->value_digest.has_value()) {
        EXPECT_EQ(side->value_digest.hex().size(), 16u);
      }
    }
  }
  EXPECT_GT(checked, 8u);
  std::map<std::string, std::set<const std::string*>> texts;  // each text -> where it is held
  for (const Finding& f : report.findings) {
    texts[f.source.str()].insert(&f.source.str());
    for (const FindingSide* side : {&f.left, &f.right}) {
      if (!side->used()) continue;
      for (const SharedText* text : {&side->label, &side->env, &side->revision}) texts[text->str()].insert(&text->str());
    }
  }
  EXPECT_TRUE(texts.contains("staging") && texts.contains("production") && texts.contains("services"));
  for (const auto& [text, held] : texts) EXPECT_EQ(held.size(), 1u) << text;
  std::set<const SharedPlaceholders::List*> distinct;
  for (const auto& [name, list] : list_of) distinct.insert(list);
  EXPECT_EQ(distinct.size(), list_of.size());
}

// staging compared with production and with qa: staging's side is loaded
// and normalized once and shared by both pairs, and each pair reports what
// it would alone, on any number of threads.
TEST_F(SessionTest, ASideTwoPairsReadIsNormalizedOnceAndShared) {
  const Manifest three = StagingProductionAndQa("    normalize: {env_tokens: true}\n");
  const MemoryTree tree(Files{{"services/api/staging.yaml", "host: api.staging.example\nreplicas: 1\n"},
                              {"services/api/production.yaml", "host: api.production.example\nreplicas: 3\n"},
                              {"services/api/qa.yaml", "host: api.qa.example\nreplicas: 1\nextra: 1\n"}},
                        "0123456789abcdef0123456789abcdef01234567");
  Sides sides;
  sides.comparisons = StagingWithProductionAndQa(three, tree);
  for (const unsigned jobs : {1u, 2u}) {
    SessionOptions options;
    options.jobs = jobs;
    Session session(three, options);
    const Report report = session.Compare(sides);
    EXPECT_EQ(report.file_pairs, 2u);
    // On one thread staging's side is normalized once, for both pairs; two
    // threads that miss it at the same moment may each make it (never more).
    if (jobs == 1) {
      EXPECT_EQ(session.normalizations(), 3u) << "staging's side is normalized once, for both pairs";
    } else {
      EXPECT_LE(session.normalizations(), 4u);
    }
    std::vector<std::string> found;
    for (const Finding& f : report.findings) found.push_back(f.pair_labels.second.str() + " " + f.path);
    // The host differs only by the environment's name: {env} on every side.
    EXPECT_EQ(found, (std::vector<std::string>{"production replicas", "qa extra"})) << "-j " << jobs;
  }
}

// A finding about staging's file alone (it cannot be read) belongs to each
// pair that reads it, under an id of its own that stays the same whether
// the pair is compared alone or beside another: a baseline entry or a
// `finding:` rule written for one pair never moves to another.
TEST_F(SessionTest, AOneSidedFindingKeepsItsIdWhateverOtherPairsShareItsSide) {
  const Manifest three = StagingProductionAndQa();
  const MemoryTree tree(Files{{"services/api/staging.yaml", "port: 80\nport: 81\n"},
                              {"services/api/production.yaml", "port: 80\n"},
                              {"services/api/qa.yaml", "port: 80\n"}},
                        "0123456789abcdef0123456789abcdef01234567");
  const std::vector<Comparison> pairs = StagingWithProductionAndQa(three, tree);
  const Comparison& with_production = pairs[0];
  const Comparison& with_qa = pairs[1];
  // Each invalid-file finding's pair and id.
  auto ids = [&](std::vector<Comparison> comparisons) {
    Sides sides;
    sides.comparisons = std::move(comparisons);
    Session session(three, SessionOptions{});
    std::map<std::string, std::string> out;
    for (const Finding& f : session.Compare(sides).findings) {
      EXPECT_EQ(f.kind, FindingKind::kInvalidFile);
      out[f.pair_labels.second.str()] = f.id;
    }
    return out;
  };
  const auto both = ids({with_production, with_qa});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_NE(both.at("production"), both.at("qa"));
  EXPECT_EQ(ids({with_qa}).at("qa"), both.at("qa"));
  EXPECT_EQ(ids({with_production}).at("production"), both.at("production"));
  EXPECT_EQ(ids({with_qa, with_production}), both);
}

TEST_F(SessionTest, ThePlanNamesEachSidesFilesAndBlobIds) {
  const MemoryTree tree(Files{{"services/api/staging.yaml", "a: 1\n"}, {"services/api/production.yaml", "a: 2\n"},
                         {"services/api/.env.staging", "A=1\n"},
                         {"charts/web/values.yaml", "a: 1\n"}, {"charts/web/values-staging.yaml", "b: 1\n"}});
  Session session(manifest_, SessionOptions{});
  const Plan plan = session.MakePlan(StagingVsProduction(tree));
  ASSERT_EQ(plan.tasks.size(), 3u);  // services, env, chart: by source, in manifest order
  const PairTask& service = plan.tasks[0];
  EXPECT_EQ(service.pair.source->name, "services");
  EXPECT_EQ(service.pair.left.layers, std::vector<std::string>{"services/api/staging.yaml"});
  EXPECT_EQ(service.left_blobs, std::vector<std::string>{*tree.BlobId("services/api/staging.yaml")});
  EXPECT_EQ(service.right_blobs, std::vector<std::string>{*tree.BlobId("services/api/production.yaml")});
  const PairTask& env = plan.tasks[1];
  EXPECT_FALSE(env.pair.right.present);
  EXPECT_EQ(env.right_blobs, std::vector<std::string>{""});
  const PairTask& chart = plan.tasks[2];
  EXPECT_EQ(chart.left_blobs.size(), 2u);
  EXPECT_EQ(chart.right_blobs[1], "");  // values-production.yaml does not exist
  ASSERT_EQ(chart.layer_gaps.size(), 1u);
  EXPECT_FALSE(chart.layer_gaps[0].missing_on_left);
  EXPECT_EQ(session.parses(), 0u) << "planning parses nothing";
}

TEST_F(SessionTest, ATracingSessionRecordsEachSideAsLoadedAndAsNormalized) {
  // The two sides are the same blob: a traced pair is still compared, so
  // the trace shows both sides.
  const MemoryTree tree(Files{{"charts/web/values.yaml", "replicas: 1\n"},
                              {"charts/web/values-staging.yaml", "replicas: 2\n"},
                              {"charts/web/values-production.yaml", "replicas: 2\n"}});
  SessionOptions options;
  options.sources = {"chart"};
  options.trace = true;
  Session session(manifest_, options);
  const Plan plan = session.MakePlan(StagingVsProduction(tree));
  ASSERT_EQ(plan.tasks.size(), 1u);
  const std::vector<PairResult> results = session.Evaluate(plan);
  ASSERT_TRUE(results[0].trace);
  const PairTrace& trace = *results[0].trace;
  for (const SideTrace* side : {&trace.left, &trace.right}) {
    ASSERT_EQ(side->raw.documents.size(), 1u);
    const Value* replicas = side->raw.documents[0].value.Find("replicas");
    ASSERT_NE(replicas, nullptr);
    EXPECT_EQ(replicas->text(), "2") << "the later layer set it";
    EXPECT_EQ(replicas->location().line, 1);
    ASSERT_EQ(side->normalized.documents.size(), 1u);
  }
  EXPECT_NE(trace.left.raw.documents[0].value.Find("replicas")->location().ToString().find("values-staging.yaml"),
            std::string::npos);
  options.trace = false;
  Session untraced(manifest_, options);
  EXPECT_FALSE(untraced.Evaluate(untraced.MakePlan(StagingVsProduction(tree)))[0].trace);
}

TEST_F(SessionTest, ASourceThatMatchesNothingFailsBeforeAnyFileIsParsed) {
  // `services` comes first and has files; `env` and `chart` have none.
  const MemoryTree tree(Files{{"services/api/staging.yaml", "a: 1\n"}, {"services/api/production.yaml", "a: 2\n"}});
  Session session(manifest_, SessionOptions{});
  try {
    session.Compare(StagingVsProduction(tree));
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("source 'env': no file matches"), std::string::npos) << e.what();
  }
  EXPECT_EQ(session.parses(), 0u);
}

TEST_F(SessionTest, AnUnknownSourceFailsBeforeAnyFileIsParsed) {
  const MemoryTree tree(ManyServices(2));
  SessionOptions options;
  options.sources = {"servics"};
  Session session(manifest_, options);
  EXPECT_THROW(session.Compare(StagingVsProduction(tree)), InputError);
  EXPECT_EQ(session.parses(), 0u);
}

// A tree whose files under links/ are symbolic links: reading one throws.
class LinkTree : public MemoryTree {
 public:
  using MemoryTree::MemoryTree;
  std::optional<FileContent> Read(std::string_view path) const override {
    if (path.find("/link") != std::string_view::npos) throw SymbolicLinkError(std::string(path));
    return MemoryTree::Read(path);
  }
};

TEST_F(SessionTest, TheFirstFailingTaskInPlanOrderIsTheErrorWhateverTheNumberOfJobs) {
  auto files = ManyServices(40);
  files["services/svc10/link/staging.yaml"] = "";
  files["services/svc30/link/staging.yaml"] = "";
  manifest_ = LoadManifest(R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
  - name: linked
    path: "services/{service}/link/{env}.yaml"
)", MakeOrigin("driftcheck.yaml"));
  const LinkTree tree(files);
  for (const unsigned jobs : {1u, 3u, 8u}) {
    SessionOptions options;
    options.jobs = jobs;
    Session session(manifest_, options);
    try {
      session.Compare(StagingVsProduction(tree));
      ADD_FAILURE() << "expected an error with -j " << jobs;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("services/svc10/link/staging.yaml"), std::string::npos)
          << "-j " << jobs << ": " << e.what();
    }
  }
}

TEST_F(SessionTest, ValidateReadsEachSideOnceAndComparesNothing) {
  manifest_ = LoadManifest(R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
)", MakeOrigin("driftcheck.yaml"));
  const MemoryTree tree(Files{{"services/api/staging.yaml", "password: same\n"},  // same-secret if compared
                         {"services/api/production.yaml", "password: same\n# production\n"}});
  Sides sides;
  for (const Environment& env : manifest_.environments) {
    const SideSpec side{env.name, &env, &tree};
    sides.comparisons.push_back({side, side});
  }
  sides.one_sided = true;
  Session session(manifest_, SessionOptions{});
  const Report report = session.Compare(sides);
  EXPECT_EQ(report.findings.size(), 0u);
  EXPECT_EQ(report.file_pairs, 2u);
  EXPECT_EQ(session.parses(), 2u);
}

// ---- Pairs whose sides cannot differ are not compared -------------------------

class IdenticalPairTest : public ::testing::Test {
 protected:
  // Plans and evaluates staging against production (or one environment at
  // two revisions) with `manifest_text`; returns the plan's tasks.
  std::vector<PairTask> Run(const std::string& manifest_text, const Tree& left_tree, const Tree& right_tree,
                            bool same_environment = false) {
    manifest_ = LoadManifest(manifest_text, MakeOrigin("driftcheck.yaml"));
    const Environment& left = manifest_.environments[0];
    const Environment& right = same_environment ? left : manifest_.environments[1];
    Sides sides;
    sides.comparisons = {{{left.name + "@1", &left, &left_tree}, {right.name + "@2", &right, &right_tree}}};
    Session session(manifest_, SessionOptions{});
    const Plan plan = session.MakePlan(sides);
    results_ = session.Evaluate(plan);
    report_ = session.Collect(sides, plan, results_);
    return plan.tasks;
  }

  std::vector<std::string> Kinds() const {
    std::vector<std::string> kinds;
    for (const Finding& f : report_.findings) kinds.push_back(f.KindName() + " " + f.left.location.ToString());
    return kinds;
  }

  Manifest manifest_;
  std::vector<PairResult> results_;
  Report report_;
};

constexpr const char* kTwoEnvs = R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - {name: services, path: "services/{service}/{env}.yaml"}
)";

TEST_F(IdenticalPairTest, OneEnvironmentAtTwoRevisionsWithTheSameBlobIsReadOnce) {
  const MemoryTree v1(Files{{"services/api/staging.yaml", "password: hunter2\nport: 80\n"}}, "v1");
  const MemoryTree v2(Files{{"services/api/staging.yaml", "password: hunter2\nport: 80\n"}}, "v2");
  const auto tasks = Run(kTwoEnvs, v1, v2, /*same_environment=*/true);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_TRUE(tasks[0].identical);
  EXPECT_EQ(results_[0].read, std::vector<std::string>{"services/api/staging.yaml (yaml)"});
  EXPECT_EQ(report_.findings.size(), 0u);
  EXPECT_EQ(report_.file_pairs, 1u) << "still a compared pair";
  EXPECT_EQ(report_.pairs.size(), 1u);
}

TEST_F(IdenticalPairTest, EachSideStillReportsItsOwnFileProblemsUnderItsOwnPath) {
  const std::string manifest = "version: 1\nenvironments: {staging: {}, production: {}}\nsame_secret: false\n"
                               "sources:\n  - {name: services, path: \"services/{service}/{env}.yaml\"}\n"
                               "  - {name: env, path: \"services/{service}/.env.{env}\", format: dotenv}\n";
  const MemoryTree tree(Files{{"services/api/staging.yaml", "a: [broken\n"},
                              {"services/api/production.yaml", "a: [broken\n"},
                              {"services/api/.env.staging", "A=1\nA=2\n"},
                              {"services/api/.env.production", "A=1\nA=2\n"}});
  const auto tasks = Run(manifest, tree, tree);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_TRUE(tasks[0].identical && tasks[1].identical);
  EXPECT_EQ(Kinds(), (std::vector<std::string>{
                         "duplicate-key services/api/.env.staging:2:1",
                         "duplicate-key services/api/.env.production:2:1",
                         "invalid-file services/api/staging.yaml:2:1",
                         "invalid-file services/api/production.yaml:2:1",
                     }));
  EXPECT_EQ(report_.ExitCode(), 2);
}

TEST_F(IdenticalPairTest, PairsThatCouldRaiseSomethingOnEqualValuesAreCompared) {
  const MemoryTree tree(Files{{"services/api/staging.yaml", "password: hunter2\nurl: https://staging.example\n"},
                              {"services/api/production.yaml", "password: hunter2\nurl: https://staging.example\n"}});
  // A credential reused between two environments is a finding.
  EXPECT_FALSE(Run(kTwoEnvs, tree, tree)[0].identical);
  EXPECT_EQ(Kinds(), std::vector<std::string>{"same-secret services/api/staging.yaml:1:11"});
  const std::string head = "version: 1\nenvironments: {staging: {}, production: {}}\nsame_secret: false\n"
                           "sources:\n  - name: services\n    path: \"services/{service}/{env}.yaml\"\n";
  EXPECT_TRUE(Run(head, tree, tree)[0].identical);
  EXPECT_EQ(Kinds(), std::vector<std::string>{});
  // must-differ: equal values are the finding.
  EXPECT_FALSE(Run(head + "    normalize: {must_differ: [url]}\n", tree, tree)[0].identical);
  EXPECT_EQ(Kinds(), std::vector<std::string>{"must-differ services/api/staging.yaml:2:6"});
  // Environment tokens read the same text differently in each environment.
  EXPECT_FALSE(Run(head + "    normalize: {env_tokens: true}\n", tree, tree)[0].identical);
}

TEST_F(IdenticalPairTest, ASelectReadsAnotherSubtreeInEachEnvironment) {
  const MemoryTree tree(Files{{"config/db.yaml", "staging: {pool: 5}\nproduction: {pool: 50}\n"}});
  const auto tasks = Run("version: 1\nenvironments: {staging: {}, production: {}}\nsame_secret: false\n"
                         "sources:\n  - {name: db, path: config/db.yaml, select: \"{env}\"}\n", tree, tree);
  EXPECT_FALSE(tasks[0].identical);
  EXPECT_EQ(Kinds(), std::vector<std::string>{"changed config/db.yaml:1:17"});
}

}  // namespace
}  // namespace driftcheck
