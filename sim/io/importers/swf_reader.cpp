#include "sim/io/importers/swf_reader.hpp"

#include <limits>

#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

namespace {

constexpr std::size_t kFields = 18;

constexpr const char* kFieldNames[kFields] = {"job number (field 1)",
                                              "submit time (field 2)",
                                              "wait time (field 3)",
                                              "run time (field 4)",
                                              "allocated processors (field 5)",
                                              "average CPU time (field 6)",
                                              "used memory (field 7)",
                                              "requested processors (field 8)",
                                              "requested time (field 9)",
                                              "requested memory (field 10)",
                                              "status (field 11)",
                                              "user id (field 12)",
                                              "group id (field 13)",
                                              "executable number (field 14)",
                                              "queue number (field 15)",
                                              "partition number (field 16)",
                                              "preceding job number (field 17)",
                                              "think time (field 18)"};

// An integer field: -1 is "missing", any other negative value is an error.
std::optional<std::int64_t> opt_int(std::string_view s, std::size_t i, const SourceLocation& loc) {
  const std::int64_t v = require_int(s, kFieldNames[i], loc);
  if (v == -1) return std::nullopt;
  if (v < 0)
    loc.fail(std::string(kFieldNames[i]) + ": negative value " + quoted(s) +
             " (only -1 means missing)");
  return v;
}

std::optional<std::int32_t> opt_int32(std::string_view s, std::size_t i,
                                      const SourceLocation& loc) {
  const auto v = opt_int(s, i, loc);
  if (!v) return std::nullopt;
  if (*v > std::numeric_limits<std::int32_t>::max()) {
    loc.fail(std::string(kFieldNames[i]) + ": value " + quoted(s) + " is too large");
  }
  return static_cast<std::int32_t>(*v);
}

std::optional<double> opt_real(std::string_view s, std::size_t i, const SourceLocation& loc) {
  const double v = require_double(s, kFieldNames[i], loc);
  if (v == -1.0) return std::nullopt;
  if (!(v >= 0) || v == std::numeric_limits<double>::infinity()) {
    loc.fail(std::string(kFieldNames[i]) + ": invalid value " + quoted(s));
  }
  return v;
}

void parse_header_line(std::string_view line, SwfHeader& h, const SourceLocation& loc) {
  line.remove_prefix(1);  // ';'
  const std::string_view body = trim(line);
  const auto colon = body.find(':');
  if (colon == std::string_view::npos || colon == 0) return;
  const std::string_view key = trim(body.substr(0, colon));
  if (key.find(' ') != std::string_view::npos) return;  // prose, not a key
  const std::string_view value = trim(body.substr(colon + 1));
  auto number = [&](std::optional<std::int64_t>& out) {
    const auto v = parse_int(value);
    if (!v) loc.fail("header " + std::string(key) + ": expected an integer, got " + quoted(value));
    out = *v;
  };
  if (key == "MaxProcs")
    number(h.max_procs);
  else if (key == "MaxNodes")
    number(h.max_nodes);
  else if (key == "UnixStartTime")
    number(h.unix_start_time);
  else if (key == "TimeZoneString")
    h.time_zone = std::string(value);
  h.fields.emplace_back(std::string(key), std::string(value));
}

}  // namespace

const std::string* SwfHeader::find(const std::string& key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return &v;
  }
  return nullptr;
}

SwfLog read_swf(const std::string& path) {
  LineReader reader(path);
  SwfLog log;
  std::string_view line;
  std::string_view f[kFields];
  bool seen_job = false;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    const std::string_view t = trim(line);
    if (t.empty()) continue;
    if (t.front() == ';') {
      // Header comments after the first job are tolerated but not interpreted.
      if (!seen_job) parse_header_line(t, log.header, loc);
      continue;
    }
    seen_job = true;
    const std::size_t n = split_whitespace(t, f, kFields);
    if (n != kFields) {
      loc.fail("expected 18 whitespace-separated fields, found " + std::to_string(n));
    }
    SwfJob job;
    job.job_id = require_int(f[0], kFieldNames[0], loc);
    const auto submit = opt_int(f[1], 1, loc);
    if (!submit) loc.fail("submit time (field 2) is missing (-1)");
    job.submit_s = *submit;
    job.wait_s = opt_int(f[2], 2, loc);
    job.run_s = opt_int(f[3], 3, loc);
    job.allocated_procs = opt_int32(f[4], 4, loc);
    job.avg_cpu_s = opt_real(f[5], 5, loc);
    job.used_memory_kb = opt_real(f[6], 6, loc);
    job.requested_procs = opt_int32(f[7], 7, loc);
    job.requested_time_s = opt_int(f[8], 8, loc);
    job.requested_memory_kb = opt_int(f[9], 9, loc);
    if (const auto st = opt_int(f[10], 10, loc)) {
      if (*st > 5) loc.fail("status (field 11): unknown code " + quoted(f[10]) + " (0-5 or -1)");
      job.status = static_cast<SwfStatus>(*st);
    }
    job.user = opt_int32(f[11], 11, loc);
    job.group = opt_int32(f[12], 12, loc);
    job.executable = opt_int32(f[13], 13, loc);
    job.queue = opt_int32(f[14], 14, loc);
    job.partition = opt_int32(f[15], 15, loc);
    job.preceding_job = opt_int(f[16], 16, loc);
    job.think_time_s = opt_int(f[17], 17, loc);
    log.jobs.push_back(job);
  }
  return log;
}

}  // namespace fleetsim::io
