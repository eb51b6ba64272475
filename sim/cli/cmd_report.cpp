/// `fleetsim report RUN.h5 [-o DIR] [--format png|svg]`: pictures of a run (or of a
/// sweep's results table), drawn by analysis/report/fleetsim_report.py with the Python
/// stack (h5py, matplotlib) of /usr/bin/python3. The script reads the HDF5 file only;
/// fleetsim just finds it and runs it.
///
/// The script is the one of the source tree this binary was built from, unless
/// FLEETSIM_REPORT_SCRIPT names another; the interpreter is /usr/bin/python3 unless
/// FLEETSIM_PYTHON names another.

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/cli/args.hpp"
#include "sim/cli/commands.hpp"

#ifndef FLEETSIM_REPORT_SCRIPT
#define FLEETSIM_REPORT_SCRIPT "analysis/report/fleetsim_report.py"
#endif

namespace fleetsim::cli {

namespace {

std::string from_env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

/// Runs argv[0] with argv and waits; returns its exit status (127: could not start).
int run_process(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) throw UsageError(std::string("report: cannot start a process: ") + std::strerror(errno));
  if (pid == 0) {
    ::execv(args[0], args.data());
    std::fprintf(stderr, "fleetsim: report: cannot run %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw UsageError(std::string("report: waiting for the script: ") + std::strerror(errno));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

int cmd_report(int argc, char** argv, int first) {
  // `-o DIR` is the conventional spelling; Args knows long options only.
  std::vector<char*> av(argv, argv + argc);
  static char out_flag[] = "--out";
  for (int i = first; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0) av[static_cast<std::size_t>(i)] = out_flag;
  }
  const Args args("report",
                  {{"out", "DIR", "directory for the images and index.html (-o; default: <file stem>-report)"},
                   {"format", "FMT", "png (default) or svg"}},
                  argc, av.data(), first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim report RUN.h5|SWEEP.h5|SWEEP.csv [-o DIR] [--format png|svg]").c_str());
    std::printf(
        "\nA trace gives: capacity (hosts, allocation, replicas), pending work, failures and remediation\n"
        "timeline, upgrade/rollout progress, and simulated vs recorded waits of trace replays. A sweep\n"
        "table gives each metric against the first axis with its confidence band.\n"
        "Needs /usr/bin/python3 with h5py and matplotlib (Debian: python3-h5py python3-matplotlib).\n"
        "exit codes: 0 ok, 2 bad input or missing Python modules\n");
    return kOk;
  }
  if (args.positional().size() != 1) throw UsageError("report: expected one trace or sweep table (see --help)");
  const std::string input = args.positional()[0];
  if (!std::filesystem::is_regular_file(input)) throw UsageError("report: " + input + ": no such file");
  const std::string format = args.str("format", "png");
  if (format != "png" && format != "svg") throw UsageError("report: --format must be png or svg");
  std::filesystem::path stem = std::filesystem::path(input).filename();
  stem.replace_extension();
  const std::string out = args.str("out", (std::filesystem::path(input).parent_path() / (stem.string() + "-report")).string());

  const std::string python = from_env("FLEETSIM_PYTHON", "/usr/bin/python3");
  const std::string script = from_env("FLEETSIM_REPORT_SCRIPT", FLEETSIM_REPORT_SCRIPT);
  if (::access(python.c_str(), X_OK) != 0) {
    throw UsageError("report: no Python interpreter at " + python + " (install python3, or set FLEETSIM_PYTHON)");
  }
  if (!std::filesystem::is_regular_file(script)) {
    throw UsageError("report: the report script " + script + " is missing (set FLEETSIM_REPORT_SCRIPT to "
                     "analysis/report/fleetsim_report.py of a fleetsim source tree)");
  }
  const int status = run_process({python, script, input, out, "--format=" + format});
  if (status == 0) return kOk;
  if (status == 3) {
    throw UsageError("report: the Python stack is incomplete (see above); on Debian: apt-get install "
                     "python3-numpy python3-h5py python3-matplotlib");
  }
  throw UsageError("report: the report script failed (exit status " + std::to_string(status) + ")");
}

}  // namespace fleetsim::cli
