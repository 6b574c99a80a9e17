#pragma once
// A small hand-built Report shared by the writer tests, and comparison with
// the reviewed golden files under tests/golden/. Set DRIFTCHECK_UPDATE_GOLDEN=1
// to rewrite a golden file from the current output (then review the diff).

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "finding/finding.h"
#include "report/writer.h"

namespace driftcheck::testing {

inline constexpr char kStagingSha[] = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
inline constexpr char kProductionSha[] = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c";
/// A secret that sits in the sample's configuration and must never be printed.
inline constexpr char kSecret[] = "s3cr3t-hunter2";

using Placeholders = std::vector<std::pair<std::string, std::string>>;

inline Location At(const std::string& file, const std::string& revision, int line, int column) {
  (void)revision;
  return Location{MakeOrigin(file), line, column};
}

/// A finding between staging and production with no values yet (both absent).
inline Finding Drift(FindingKind kind, std::string source, Placeholders placeholders,
                     std::string path, std::string left_file, std::string right_file) {
  Finding f;
  f.kind = kind;
  f.source = std::move(source);
  f.placeholders = std::move(placeholders);
  f.path = std::move(path);
  f.pair_labels = {"staging", "production"};
  f.left = {"staging", "staging", kStagingSha, std::move(left_file), ShownValue::Absent(), {}};
  f.right = {"production", "production", kProductionSha, std::move(right_file), ShownValue::Absent(), {}};
  return f;
}

/// Gives a side a value read at `line:column` of its own file.
inline void Show(FindingSide& side, const Value& value) {
  side.value = ShownValue::Of(value, SecretMatcher());
  side.location = value.location();
}

inline Value Plain(const FindingSide& side, std::string text, int line, int column) {
  return Value::FromPlainScalar(std::move(text), At(side.file, side.revision, line, column));
}

inline Report EmptyReport(std::size_t file_pairs) {
  Report report;
  report.tool_version = "0.1.0";
  report.environments = {{"staging", "HEAD", kStagingSha},
                         {"production", "v1.4.0", kProductionSha}};
  report.compared = {{"staging", "production"}};
  report.file_pairs = file_pairs;
  return report;
}

/// `cache` only in production, a map holding a secret token.
inline Finding SampleCacheFinding() {
  Finding f = Drift(FindingKind::kOnlyIn, "services", {{"service", "api"}}, "cache",
                    "services/api/staging.yaml", "services/api/production.yaml");
  Value cache = Value::Map(At(f.right.file, kProductionSha, 20, 3));
  cache.Insert("host", {}, Plain(f.right, "redis.internal", 20, 9));
  cache.Insert("auth_token", {},
               Value::String(kSecret, true, At(f.right.file, kProductionSha, 21, 15)));
  cache.Insert("ttl", {}, Value::Float(1.5, "1.5", At(f.right.file, kProductionSha, 22, 8)));
  Show(f.right, cache);
  return f;
}

/// A value wider than the value column.
inline Finding SampleImageFinding() {
  Finding f = Drift(FindingKind::kChanged, "services", {{"service", "api"}}, "image",
                    "services/api/staging.yaml", "services/api/production.yaml");
  Show(f.left, Plain(f.left, "registry.example.com/platform/api:2024-06-01-3f9a2c", 1, 8));
  Show(f.right, Plain(f.right, "registry.example.com/platform/api:2024-05-20-77ab0c", 1, 8));
  return f;
}

inline constexpr char kV1Sha[] = "0c1d2e3f405162738495a6b7c8d9eaf00c1d2e3f";

/// A redacted pair at line 5 of the api files.
inline Finding SamplePasswordFinding(FindingKind kind, std::string path, bool equal) {
  Finding f = Drift(kind, "services", {{"service", "api"}}, std::move(path),
                    "services/api/staging.yaml", "services/api/production.yaml");
  f.left.value = f.right.value = ShownValue::Redacted();
  f.left.location = At(f.left.file, kStagingSha, equal ? 6 : 5, 13);
  f.right.location = At(f.right.file, kProductionSha, equal ? 6 : 5, 13);
  f.secret_equal = equal;
  return f;
}

/// A finding about one side's file: `left` only.
inline Finding OneSided(FindingKind kind, std::string service, std::string label,
                        std::string file, int line, int column, std::string message) {
  Finding f = Drift(kind, "services", {{"service", std::move(service)}}, "", std::move(file), "");
  f.right = FindingSide{};
  f.left.label = f.left.env = std::move(label);
  f.left.revision = f.left.env == "staging" ? kStagingSha : kProductionSha;
  f.left.value = ShownValue::Present();
  f.left.location = At(f.left.file, f.left.revision, line, column);
  f.message = std::move(message);
  return f;
}

/// `diff production@v1 production@HEAD`: one environment at two revisions,
/// with a multi-line string that changed one line.
inline std::vector<Finding> SampleTwoRevisionFindings() {
  Finding motd = Drift(FindingKind::kChanged, "services", {{"service", "api"}}, "motd",
                       "services/api/production.yaml", "services/api/production.yaml");
  motd.pair_labels = {"production@v1", "production@HEAD"};
  motd.left = {"production@v1", "production", kV1Sha, motd.left.file, ShownValue::Absent(), {}};
  motd.right = {"production@HEAD", "production", kProductionSha, motd.right.file, ShownValue::Absent(), {}};
  Show(motd.left, Value::String("Welcome.\nMaintenance: Sunday 02:00 UTC\nContact: ops\n", false,
                                At(motd.left.file, kV1Sha, 30, 6)));
  Show(motd.right, Value::String("Welcome.\nMaintenance: Saturday 03:00 UTC\nContact: ops\n", false,
                                 At(motd.right.file, kProductionSha, 31, 6)));
  return {motd};
}

inline FilePairRecord SamplePair(std::string source, Placeholders placeholders, std::string left,
                                 std::string right, std::string left_file, std::string right_file) {
  return {std::move(source), std::move(placeholders), std::move(left), std::move(right),
          std::move(left_file), std::move(right_file)};
}

/// Every file pair the sample compared, one of them without findings.
inline std::vector<FilePairRecord> SamplePairs() {
  return {
      SamplePair("services", {{"service", "api"}}, "staging", "production",
                 "services/api/staging.yaml", "services/api/production.yaml"),
      SamplePair("services", {{"service", "billing"}}, "staging", "production",
                 "services/billing/staging.yaml", "services/billing/production.yaml"),
      SamplePair("services", {{"service", "web"}}, "staging", "production",
                 "services/web/staging.yaml", ""),
      SamplePair("services", {{"service", "worker"}}, "staging", "production",
                 "services/worker/staging.yaml", "services/worker/production.yaml"),
      SamplePair("rails-db", {}, "staging", "production", "config/database.yml",
                 "config/database.yml"),
      SamplePair("services", {{"service", "api"}}, "production@v1", "production@HEAD",
                 "services/api/production.yaml", "services/api/production.yaml"),
  };
}

/// One of each kind a report usually shows: drift allowed, existing and
/// failing, a nested secret, redacted pairs that differ and that are equal
/// (same-secret), a long value, a `select:` source (one file for both sides),
/// a schema violation, an invalid file, hostile text (markup, a control byte,
/// invalid UTF-8) and one environment at two revisions; finalized.
inline Report SampleReport() {
  Report report = EmptyReport(0);
  report.compared.emplace_back("production@v1", "production@HEAD");
  report.pairs = SamplePairs();
  report.file_pairs = report.pairs.size();
  const std::string api_stg = "services/api/staging.yaml", api_prd = "services/api/production.yaml";
  const Placeholders api = {{"service", "api"}};

  Finding pool =
      Drift(FindingKind::kChanged, "services", api, "database.pool_size", api_stg, api_prd);
  Show(pool.left, Plain(pool.left, "5", 4, 14));
  Show(pool.right, Plain(pool.right, "50", 4, 14));
  pool.allowed = Allowance{"staging-small-db-pool", "staging runs on a small instance", "team-data", "", ""};

  Finding port = Drift(FindingKind::kTypeChanged, "services", api, "server.port", api_stg, api_prd);
  Show(port.left, Value::String("8080", true, At(api_stg, kStagingSha, 2, 9)));
  Show(port.right, Plain(port.right, "8080", 2, 9));

  Finding replicas = Drift(FindingKind::kChanged, "services", api, "replicas", api_stg, api_prd);
  Show(replicas.left, Plain(replicas.left, "2", 3, 11));
  Show(replicas.right, Plain(replicas.right, "6", 3, 11));
  replicas.existing = true;

  Finding beta = Drift(FindingKind::kOnlyIn, "services", api, "features.beta", api_stg, api_prd);
  Show(beta.left, Plain(beta.left, "true", 9, 9));

  Finding web = Drift(FindingKind::kFileMissing, "services", {{"service", "web"}}, "",
                      "services/web/staging.yaml", "");
  web.left.value = ShownValue::Present();  // as the engine marks a present file
  web.left.location = At(web.left.file, kStagingSha, 0, 0);

  Finding schema = OneSided(FindingKind::kSchemaViolation, "api", "production", api_prd, 4, 14,
                            "database.pool_size: 50 is above the maximum 40");
  schema.path = "database.pool_size";
  Finding invalid = OneSided(FindingKind::kInvalidFile, "worker", "staging",
                             "services/worker/staging.yaml", 3, 1,
                             "expected ':' after the key, found the end of the line");
  invalid.hint = "a YAML mapping writes 'key: value'";

  Finding rails = Drift(FindingKind::kChanged, "rails-db", {}, "pool", "config/database.yml",
                        "config/database.yml");
  Show(rails.left, Plain(rails.left, "5", 3, 9));
  Show(rails.right, Plain(rails.right, "25", 12, 9));
  Finding banner = Drift(FindingKind::kOnlyIn, "rails-db", {}, "banner", "config/database.yml",
                         "config/database.yml");
  Show(banner.left, Value::String("<b>|`x`|\x1b[1m & \xff", true, At(banner.left.file, kStagingSha, 4, 11)));

  // Out of order on purpose: Finalize sorts by file pair, keeping diff order within.
  report.findings = {rails, banner, web, pool, port, replicas, SampleImageFinding(), beta,
                     SamplePasswordFinding(FindingKind::kChanged, "database.password", false),
                     SamplePasswordFinding(FindingKind::kSameSecret, "api.token", true),
                     SampleCacheFinding(), schema, invalid};
  for (Finding& f : SampleTwoRevisionFindings()) report.findings.push_back(f);
  for (Finding& f : report.findings) f.AssignId();
  report.Finalize();
  return report;
}

inline std::string Render(WriterFn writer, const Report& report, bool color = false) {
  std::ostringstream out;
  writer(report, out, WriteOptions{color});
  return out.str();
}

inline std::string GoldenPath(const std::string& name) {
  return std::string(DRIFTCHECK_SOURCE_DIR "/tests/golden/") + name;
}

/// Compares with a golden file, reporting the first differing line.
inline void ExpectMatchesGolden(const std::string& actual, const std::string& name) {
  const std::string path = GoldenPath(name);
  if (std::getenv("DRIFTCHECK_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << actual;
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path
                  << " (run with DRIFTCHECK_UPDATE_GOLDEN=1 to create it, then review it)";
  const std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (actual == expected) return;
  std::istringstream a(actual), e(expected);
  std::string a_line, e_line;
  int line = 1;
  for (;; ++line) {
    const bool has_expected = static_cast<bool>(std::getline(e, e_line));
    const bool has_actual = static_cast<bool>(std::getline(a, a_line));
    if (!has_expected) e_line = "(end of file)";
    if (!has_actual) a_line = "(end of output)";
    if (!has_expected || !has_actual || a_line != e_line) break;
  }
  ADD_FAILURE() << path << " differs first at line " << line << "\n  expected: " << e_line
                << "\n  actual:   " << a_line << "\n--- whole actual output ---\n"
                << actual << "--- end (DRIFTCHECK_UPDATE_GOLDEN=1 rewrites the golden file) ---";
}

}  // namespace driftcheck::testing
