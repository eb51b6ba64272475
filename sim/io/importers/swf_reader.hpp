#pragma once
/// Standard Workload Format (SWF v2.2) job logs of the Parallel Workloads Archive.
///
/// A line starting with `;` is a header comment (`; Key: value`); every other non-blank
/// line is one job with 18 whitespace-separated numbers, -1 meaning "not recorded":
///   1 job  2 submit  3 wait  4 run  5 allocated procs  6 avg CPU time  7 used memory
///   8 requested procs  9 requested time  10 requested memory  11 status  12 user
///   13 group  14 executable  15 queue  16 partition  17 preceding job  18 think time
/// Times are seconds; submit is relative to the header's UnixStartTime. Every field is an
/// integer except 6 and 7, which some logs record with decimals. A line with another field
/// count, a non-number or a negative value other than -1 is an ImportError.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

/// SWF status codes (field 11).
enum class SwfStatus : std::int8_t {
  kFailed = 0,  ///< job ended abnormally
  kCompleted = 1,
  kPartial = 2,        ///< partial execution record (checkpoint/swap), more records follow
  kPartialLast = 3,    ///< last partial record, job completed
  kPartialFailed = 4,  ///< last partial record, job failed
  kCancelled = 5,
};

/// One job record. Every std::optional is empty where the log has -1.
struct SwfJob {
  std::int64_t job_id = 0;                          ///< field 1
  std::int64_t submit_s = 0;                        ///< field 2: seconds since UnixStartTime, >= 0
  std::optional<std::int64_t> wait_s;               ///< field 3: queueing delay, seconds
  std::optional<std::int64_t> run_s;                ///< field 4: wall-clock run time, seconds
  std::optional<std::int32_t> allocated_procs;      ///< field 5
  std::optional<double> avg_cpu_s;                  ///< field 6: CPU seconds per processor
  std::optional<double> used_memory_kb;             ///< field 7: KB per processor
  std::optional<std::int32_t> requested_procs;      ///< field 8
  std::optional<std::int64_t> requested_time_s;     ///< field 9: wall-time limit, seconds
  std::optional<std::int64_t> requested_memory_kb;  ///< field 10: KB per processor
  std::optional<SwfStatus> status;                  ///< field 11
  std::optional<std::int32_t> user;                 ///< field 12
  std::optional<std::int32_t> group;                ///< field 13
  std::optional<std::int32_t> executable;           ///< field 14
  std::optional<std::int32_t> queue;                ///< field 15
  std::optional<std::int32_t> partition;            ///< field 16
  std::optional<std::int64_t> preceding_job;        ///< field 17
  std::optional<std::int64_t> think_time_s;         ///< field 18: seconds after the preceding job
};

/// The `; Key: value` header comments.
struct SwfHeader {
  std::optional<std::int64_t> max_procs;        ///< MaxProcs
  std::optional<std::int64_t> max_nodes;        ///< MaxNodes
  std::optional<std::int64_t> unix_start_time;  ///< UnixStartTime: epoch seconds of submit 0
  std::string time_zone;  ///< TimeZoneString (e.g. "Europe/Paris"), may be empty
  /// Every `Key: value` comment in file order, including the four above and repeated keys
  /// such as Queue, Partition and Note. Comments without `:` are not kept.
  std::vector<std::pair<std::string, std::string>> fields;

  /// First value of a key, or nullptr.
  const std::string* find(const std::string& key) const;
};

struct SwfLog {
  SwfHeader header;
  std::vector<SwfJob> jobs;  ///< in file order
};

/// Reads an SWF file (plain or .gz). Throws ImportError with file:line on malformed input.
SwfLog read_swf(const std::string& path);

}  // namespace fleetsim::io
