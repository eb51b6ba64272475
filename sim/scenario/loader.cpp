#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/scenario/decoder.hpp"
#include "sim/scenario/overrides.hpp"
#include "sim/scenario/specs.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace fleetsim::scenario {

namespace {

std::string directory_of(const std::string& file) {
  const auto slash = file.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : file.substr(0, slash);
}

/// File order for the scenario's own errors; others (overrides, CSV files) keep their order after.
void sort_errors(std::vector<Diagnostic>& errors, const std::string& file) {
  std::stable_sort(errors.begin(), errors.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const bool a_other = a.where.file != file;
    const bool b_other = b.where.file != file;
    if (a_other || b_other) return !a_other && b_other;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
}

}  // namespace

LoadResult load_scenario_text(const std::string& text, const std::string& file_name,
                              const std::vector<std::string>& overrides) {
  LoadResult result;
  YamlParse parsed = parse_yaml(text, file_name);
  result.errors = std::move(parsed.errors);
  if (!parsed.root) return result;

  YamlNode root = std::move(*parsed.root);
  apply_overrides(root, overrides, result.errors);

  Scenario s;
  s.source_file = file_name;
  s.source_text = text;
  s.overrides = overrides;
  Decoder d(directory_of(file_name), s);
  scenario_spec().decode(root, "", d, s);
  for (Diagnostic& e : d.take_errors()) result.errors.push_back(std::move(e));
  sort_errors(result.errors, file_name);
  if (result.errors.empty()) result.scenario = std::move(s);
  return result;
}

LoadResult load_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult r;
    r.errors.push_back(Diagnostic::make(
        {path, 0, 0}, "", std::string("cannot read the file: ") + std::strerror(errno)));
    return r;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), path, overrides);
}

std::string format_errors(const std::vector<Diagnostic>& errors) {
  std::string out;
  for (const Diagnostic& e : errors) out += e.format() + "\n";
  return out;
}

}  // namespace fleetsim::scenario
