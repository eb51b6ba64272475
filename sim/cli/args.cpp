#include "sim/cli/args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace fleetsim::cli {

Args::Args(std::string command, std::vector<OptionSpec> specs, int argc, char** argv, int first)
    : command_(std::move(command)), specs_(std::move(specs)) {
  bool only_positional = false;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      help_ = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) throw UsageError(command_ + ": unknown option '" + a + "' (see --help)");
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = find(name);
    if (!spec) {
      std::string known;
      for (const auto& s : specs_) known += " --" + s.name;
      throw UsageError(command_ + ": unknown option '--" + name + "'; options:" + known);
    }
    if (spec->value_name.empty()) {
      if (value) throw UsageError(command_ + ": option '--" + name + "' takes no value");
      value = "1";
    } else if (!value) {
      if (i + 1 >= argc) throw UsageError(command_ + ": option '--" + name + "' needs a value (" + spec->value_name + ")");
      value = argv[++i];
    }
    auto& slot = values_[name];
    if (!slot.empty() && !spec->repeated) {
      throw UsageError(command_ + ": option '--" + name + "' given more than once");
    }
    slot.push_back(*value);
  }
}

const OptionSpec* Args::find(const std::string& name) const {
  for (const auto& s : specs_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string Args::usage(const std::string& synopsis) const {
  std::ostringstream o;
  o << "usage: " << synopsis << "\n\noptions:\n";
  for (const auto& s : specs_) {
    std::string left = "  --" + s.name + (s.value_name.empty() ? "" : " " + s.value_name);
    if (left.size() < 28) left.resize(28, ' ');
    else left += "\n" + std::string(28, ' ');
    o << left << s.help << (s.repeated ? " (repeatable)" : "") << "\n";
  }
  o << "  -h, --help                show this help\n";
  return o.str();
}

bool Args::flag(const std::string& name) const { return values_.count(name) > 0; }

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::all(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::str(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

std::uint64_t Args::u64(const std::string& name, std::uint64_t fallback) const {
  const auto v = get(name);
  return v ? parse_u64(*v, "--" + name) : fallback;
}

double Args::f64(const std::string& name, double fallback) const {
  const auto v = get(name);
  return v ? parse_f64(*v, "--" + name) : fallback;
}

std::uint64_t parse_u64(const std::string& text, const std::string& what) {
  if (text.empty() || text[0] == '-' || text[0] == '+') {
    throw UsageError(what + ": expected a non-negative integer, got '" + text + "'");
  }
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (errno == ERANGE || end == text.c_str() || *end != '\0') {
    throw UsageError(what + ": expected a non-negative integer, got '" + text + "'");
  }
  return v;
}

double parse_f64(const std::string& text, const std::string& what) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || errno == ERANGE || end == text.c_str() || *end != '\0' || !std::isfinite(v)) {
    throw UsageError(what + ": expected a number, got '" + text + "'");
  }
  return v;
}

}  // namespace fleetsim::cli
