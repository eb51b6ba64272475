/// One declaration per field drives describe and the JSON Schema; the committed schema
/// is the generated one, and every scenario in scenarios/ satisfies it.

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "sim/scenario/describe.hpp"
#include "sim/scenario/specs.hpp"

using namespace fleetsim::scenario;

namespace {

/// Every object reachable from the root, once.
void collect(const ObjectDoc& doc, std::vector<const ObjectDoc*>& out) {
  out.push_back(&doc);
  for (const FieldDoc& f : doc.fields) {
    if (f.type.object && std::find(out.begin(), out.end(), f.type.object) == out.end())
      collect(*f.type.object, out);
  }
}

std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  status = pclose(p);
  return out;
}

}  // namespace

TEST_CASE("describe lists every declared field with its type and help", "[scenario][describe]") {
  const std::string text = describe_scenario_fields();
  std::vector<const ObjectDoc*> objects;
  collect(scenario_spec(), objects);
  CHECK(objects.size() > 15);
  for (const ObjectDoc* d : objects) {
    for (const FieldDoc& f : d->fields) {
      INFO(d->id << "." << f.name);
      CHECK_FALSE(f.help.empty());
      CHECK_FALSE(f.type.name.empty());
      CHECK_THAT(text, Catch::Contains("." + f.name + "  " + f.type.name) ||
                           Catch::Contains("\n" + f.name + "  "));
      CHECK_THAT(text, Catch::Contains(f.help.substr(0, 30)));
    }
  }
  CHECK_THAT(text, Catch::Contains("\nspec.workloads[].replicas  integer in [1, 1000000000]\n    "
                                   "required when kind is service\n"));
  CHECK_THAT(
      text,
      Catch::Contains(
          "\nspec.duration  duration > 0  [us ms s m h d w y (y = 365 d)]\n    default: 1d\n"));
  CHECK_THAT(text, Catch::Contains("\nspec.topology.host_types  map of name to capacity\n"));
  CHECK_THAT(text, Catch::Contains("\ncapacity.<dimension>  amount"));
  CHECK_THAT(text, Catch::Contains("--- type 'distribution'"));
}

TEST_CASE("describe with a prefix keeps the paths under it", "[scenario][describe]") {
  const std::string text = describe_scenario_fields("spec.workloads[].arrival");
  CHECK_THAT(text, Catch::Contains("spec.workloads[].arrival.rate  rate > 0"));
  CHECK_THAT(text, !Catch::Contains("spec.seed"));
  CHECK_THAT(text, !Catch::Contains("--- type"));
  CHECK_THAT(describe_scenario_fields("distribution"), Catch::Contains("distribution.median"));
  CHECK_THAT(describe_scenario_fields("spec.nothing"),
             Catch::Contains("no field path starts with 'spec.nothing'"));
}

TEST_CASE("defaults declared in the tables decode without errors", "[scenario][describe]") {
  std::vector<const ObjectDoc*> objects;
  collect(scenario_spec(), objects);
  int defaults = 0;
  for (const ObjectDoc* d : objects) {
    for (const FieldDoc& f : d->fields) defaults += f.default_text.empty() ? 0 : 1;
  }
  CHECK(defaults >= 25);  // each is decoded by the minimal-scenario and reference tests
}

TEST_CASE("the committed JSON Schema is the generated one", "[scenario][describe]") {
  std::ifstream in(FLEETSIM_SOURCE_DIR "/docs/scenario.schema.json");
  REQUIRE(in);
  std::ostringstream committed;
  committed << in.rdbuf();
  const std::string generated = scenario_json_schema();
  INFO("regenerate with: build/fleetsim describe --json-schema > docs/scenario.schema.json");
  CHECK(committed.str() == generated);
  CHECK_THAT(generated,
             Catch::StartsWith("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\""));
}

TEST_CASE("every scenario under scenarios/ is valid against the JSON Schema",
          "[scenario][describe]") {
  // Also checks that the schema is a valid draft-07 schema, and that it rejects a typo.
  const std::string script =
      "import sys, glob, json\n"
      "try:\n"
      "    import yaml, jsonschema\n"
      "except ImportError as e:\n"
      "    print(\"SKIP\", e); sys.exit(0)\n"
      "schema = json.load(open(sys.argv[1]))\n"
      "jsonschema.Draft7Validator.check_schema(schema)\n"
      "v = jsonschema.Draft7Validator(schema)\n"
      "files = sorted(glob.glob(sys.argv[2] + \"/**/*.yaml\", recursive=True))\n"
      "bad = 0\n"
      "files = [f for f in files if yaml.safe_load(open(f)).get(\"kind\") == \"Scenario\"]\n"
      "for f in files:\n"
      "    for e in v.iter_errors(yaml.safe_load(open(f))):\n"
      "        bad += 1; print(f, list(e.absolute_path), e.message)\n"
      "typo = list(v.iter_errors(yaml.safe_load(open(sys.argv[3]))))\n"
      "print(\"checked\", len(files), \"typo errors\", len(typo))\n"
      "sys.exit(1 if bad or not files or not typo else 0)\n";
  std::string quoted;
  for (char c : script) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  int status = 0;
  const std::string out =
      run("/usr/bin/python3 -c '" + quoted +
              "' " FLEETSIM_SOURCE_DIR "/docs/scenario.schema.json " FLEETSIM_SOURCE_DIR
              "/scenarios " FLEETSIM_SOURCE_DIR "/tests/scenarios/fixtures/typos.yaml 2>&1",
          status);
  INFO(out);
  if (out.rfind("SKIP", 0) == 0) {
    WARN("python3 yaml/jsonschema missing, schema validation skipped: " << out);
    return;
  }
  CHECK(status == 0);
  CHECK_THAT(out, Catch::Contains("checked"));
}
