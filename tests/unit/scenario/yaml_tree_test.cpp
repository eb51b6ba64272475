/// The located YAML tree: positions, quoting, duplicates, anchors, errors.

#include <catch2/catch.hpp>

#include "sim/scenario/yaml_tree.hpp"

using namespace fleetsim::scenario;

TEST_CASE("every node knows its 1-based line and column", "[scenario][yaml]") {
  const YamlParse p = parse_yaml("a: 1\nb:\n  - x\n  - {c: \"q\", d: [1, 2]}\ne:\n", "f.yaml");
  REQUIRE(p.errors.empty());
  REQUIRE(p.root);
  const YamlNode& root = *p.root;
  CHECK(root.is_map());
  CHECK(root.where.file == "f.yaml");
  REQUIRE(root.keys.size() == 3);
  CHECK(root.keys[1].text == "b");
  CHECK(root.keys[1].where.line == 2);
  CHECK(root.keys[1].where.column == 1);
  const YamlNode* a = root.find("a");
  REQUIRE(a);
  CHECK(a->is_scalar());
  CHECK(a->text == "1");
  CHECK_FALSE(a->quoted);
  CHECK(a->where.line == 1);
  CHECK(a->where.column == 4);
  const YamlNode* b = root.find("b");
  REQUIRE(b);
  REQUIRE(b->is_sequence());
  CHECK(b->items[0].where.line == 3);
  CHECK(b->items[0].where.column == 5);
  const YamlNode& m = b->items[1];
  CHECK(m.is_map());
  CHECK(m.where.column == 5);
  CHECK(m.find("c")->quoted);
  CHECK(m.find("c")->where.column == 9);
  CHECK(m.find("d")->items[1].where.column == 21);
  const YamlNode* e = root.find("e");
  REQUIRE(e);
  CHECK(e->is_null());
  CHECK(e->where.line == 5);  // an empty value points at its key
  CHECK(e->describe() == "nothing");
  CHECK(root.find("zzz") == nullptr);
}

TEST_CASE("duplicate keys keep the first value and point at the second", "[scenario][yaml]") {
  const YamlParse p = parse_yaml("spec:\n  seed: 1\n  x: {a: 1, a: 2}\n  seed: 3\n", "f.yaml");
  REQUIRE(p.root);
  REQUIRE(p.errors.size() == 2);
  CHECK(p.errors[0].format() ==
        "f.yaml:3:13: spec.x.a: duplicate key 'a' (first given at line 3) "
        "(remove one of them; YAML keeps only one)");
  CHECK(p.errors[1].format() ==
        "f.yaml:4:3: spec.seed: duplicate key 'seed' (first given at line 2) "
        "(remove one of them; YAML keeps only one)");
  CHECK(p.root->find("spec")->find("seed")->text == "1");
  CHECK(p.root->find("spec")->find("x")->find("a")->text == "1");
}

TEST_CASE("anchors expand, non-scalar keys are refused", "[scenario][yaml]") {
  YamlParse p = parse_yaml("a: &x {b: 1}\nc: *x\n", "f.yaml");
  REQUIRE(p.errors.empty());
  CHECK(p.root->find("c")->find("b")->text == "1");

  p = parse_yaml("? [a, b]\n: 1\n", "f.yaml");
  REQUIRE(p.errors.size() == 1);
  CHECK_THAT(p.errors[0].message, Catch::Contains("a mapping key must be a plain name"));
}

TEST_CASE("syntax errors, tabs, extra documents and empty input are located errors",
          "[scenario][yaml]") {
  YamlParse p = parse_yaml("a: [1, 2\nb: 3\n", "f.yaml");
  CHECK_FALSE(p.root);
  REQUIRE(p.errors.size() == 1);
  CHECK_THAT(p.errors[0].format(), Catch::StartsWith("f.yaml:"));
  CHECK_THAT(p.errors[0].message, Catch::StartsWith("YAML syntax error: "));

  p = parse_yaml("a:\n  b: 1\n\t c: 2\n", "f.yaml");
  CHECK_FALSE(p.root);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].format() ==
        "f.yaml:3:1: tab character in indentation (YAML indents with spaces only)");

  p = parse_yaml("a: 1\n---\nb: 2\n", "f.yaml");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].where.line == 2);

  p = parse_yaml("", "f.yaml");
  CHECK_FALSE(p.root);
  REQUIRE(p.errors.size() == 1);
  CHECK_THAT(p.errors[0].format(), Catch::StartsWith("f.yaml: the file is empty"));
}

TEST_CASE("did you mean: edit distance with transpositions", "[scenario][yaml]") {
  CHECK(edit_distance("replcias", "replicas") == 1);
  CHECK(edit_distance("memroy", "memory") == 1);
  CHECK(edit_distance("Seed", "seed") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(closest_name("hosts_per_rak", {"hosts_per_rack", "racks_per_zone"}) == "hosts_per_rack");
  CHECK_FALSE(closest_name("colour", {"seed", "duration", "warmup"}));
  CHECK(suggest("zones", {"none", "zone", "rack"}) == "did you mean 'zone'?");
  CHECK(suggest("xyz", {"none", "zone"}) == "one of: none, zone");
  Diagnostic d{{"f.yaml", 3, 7}, "spec.seed", "bad", "fix it"};
  CHECK(d.format() == "f.yaml:3:7: spec.seed: bad (fix it)");
  d.hint.clear();
  d.path.clear();
  d.where.column = 0;
  CHECK(d.format() == "f.yaml:3: bad");
}
