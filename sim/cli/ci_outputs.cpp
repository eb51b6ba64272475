#include "sim/cli/ci_outputs.hpp"

#include "sim/io/atomic_file.hpp"

namespace fleetsim::cli {

std::vector<OptionSpec> ci_output_options() {
  return {{"junit", "FILE", "write the assertion verdicts as JUnit XML (one test case per assertion)"},
          {"markdown", "FILE", "write a Markdown summary, e.g. for $GITHUB_STEP_SUMMARY"}};
}

void write_ci_outputs(const Args& args, const std::vector<io::JunitSuite>& suites,
                      const std::string& markdown) {
  if (const auto path = args.get("junit")) io::write_junit_file(*path, suites);
  if (const auto path = args.get("markdown")) {
    io::AtomicTextFile f(*path);
    f.stream() << markdown;
    f.commit();
  }
}

void write_ci_outputs(const Args& args, const std::string& name,
                      const std::vector<experiment::Verdict>& verdicts,
                      const experiment::Facts& facts, double wall_s) {
  if (!args.get("junit") && !args.get("markdown")) return;
  write_ci_outputs(args, {experiment::junit_suite(name, verdicts, facts, wall_s)},
                   experiment::markdown_report("scenario " + name, verdicts, facts));
}

}  // namespace fleetsim::cli
