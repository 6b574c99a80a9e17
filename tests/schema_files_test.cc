// schemas/*.schema.json as a standard validator reads them: python-jsonschema
// (Draft 7, the Debian package python3-jsonschema) must accept the real
// files they describe, resolve every $ref, and reject a wrong one.

#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

const std::string kRoot = DRIFTCHECK_SOURCE_DIR;

// Debian's interpreter, where scripts/install-deps puts python3-jsonschema.
std::string Python() { return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }

CommandResult Validate(const std::string& schema, const std::vector<std::string>& files) {
  std::vector<std::string> argv = {Python(), kRoot + "/tests/validate_schema.py", kRoot + "/schemas/" + schema};
  argv.insert(argv.end(), files.begin(), files.end());
  return RunCommand(argv);
}

TEST(SchemaFiles, TheManifestSchemaAcceptsTheShippedManifests) {
  const CommandResult r = Validate("manifest.schema.json", {kRoot + "/examples/demo/driftcheck.yaml",
                                                            kRoot + "/examples/normalize/driftcheck.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(SchemaFiles, TheReportSchemaAcceptsAReport) {
  const CommandResult r = Validate("report.schema.json", {kRoot + "/tests/golden/report.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(SchemaFiles, AWrongManifestIsRejectedThroughARef) {
  TempDir dir;
  // `sources` items are checked through "$ref": "#/definitions/source".
  WriteFile(dir.path(), "driftcheck.yaml",
            "version: 1\nenvironments: {a: {}, b: {}}\nsources: [{name: s, path: x, fromat: json}]\n");
  const CommandResult r = Validate("manifest.schema.json", {(dir.path() / "driftcheck.yaml").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("sources/0: Additional properties are not allowed ('fromat'"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace driftcheck::testing
