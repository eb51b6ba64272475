#pragma once
/// A small command-line parser for fleetsim subcommands: `--name value`, `--name=value`,
/// boolean `--flag`, repeated options and positional arguments. Unknown options are
/// usage errors that list what exists.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleetsim::cli {

enum ExitCode : int { kOk = 0, kAssertionFailed = 1, kBadInput = 2, kInternal = 3 };

/// A usage or input error: printed as "fleetsim: <message>" and exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;        ///< without the leading dashes
  std::string value_name;  ///< empty for a boolean flag
  std::string help;
  bool repeated = false;
};

class Args {
 public:
  /// Parses argv[first..argc). Throws UsageError on unknown or malformed options.
  Args(std::string command, std::vector<OptionSpec> specs, int argc, char** argv, int first);

  bool help() const { return help_; }
  std::string usage(const std::string& synopsis) const;

  bool flag(const std::string& name) const;
  std::optional<std::string> get(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  std::string str(const std::string& name, const std::string& fallback) const;
  std::uint64_t u64(const std::string& name, std::uint64_t fallback) const;
  double f64(const std::string& name, double fallback) const;

 private:
  const OptionSpec* find(const std::string& name) const;

  std::string command_;
  std::vector<OptionSpec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

/// Parses an unsigned integer or throws UsageError naming `what`.
std::uint64_t parse_u64(const std::string& text, const std::string& what);
/// Parses a finite double or throws UsageError naming `what`.
double parse_f64(const std::string& text, const std::string& what);

}  // namespace fleetsim::cli
