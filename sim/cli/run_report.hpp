#pragma once
/// What `fleetsim run` reports: assertion verdicts, the summary JSON, the table on
/// stdout, and the trace and series files (written through sim/io, atomically).

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "sim/experiment/verdicts.hpp"
#include "sim/model/run.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::cli {

/// One assertion's verdict (sim/experiment/verdicts.hpp evaluates them).
using AssertionResult = experiment::Verdict;

/// The summary JSON: scenario, seed, sim_time_s, events, wall_s, metrics, assertions.
std::string summary_json(const scenario::Scenario& s, const model::RunOutput& out,
                         const std::vector<AssertionResult>& verdicts, unsigned threads);

/// A readable table of metrics and assertion verdicts.
void print_summary(std::FILE* to, const scenario::Scenario& s, const model::RunOutput& out,
                   const std::vector<AssertionResult>& verdicts);

/// Writes the HDF5 trace of a run recorded with record_trace.
void write_trace_file(const std::string& path, const scenario::Scenario& s, const model::RunOutput& out);

/// Writes a text file atomically (temporary name, then rename).
void write_text_file(const std::string& path, const std::string& text);

}  // namespace fleetsim::cli
