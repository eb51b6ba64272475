#pragma once
/// LANL HPC node outage records 1996-2005 (release LA-UR-05-7318, Schroeder & Gibson data).
///
/// CSV with a header row, one record per node outage; columns are found by name (see the
/// data folder's README). `Prob Started` / `Prob Fixed` are US Mountain wall-clock times
/// `m/d/yyyy H:MM`; they are converted to UTC with the US daylight-saving rules (see
/// civil_time.hpp), so end_s - start_s matches `Down Time` across DST changes. The root
/// cause is the one of the six category columns that is filled (none in some records).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

enum class OutageCause : std::int8_t {
  kFacilities,
  kHardware,
  kHumanError,
  kNetwork,
  kUndetermined,
  kSoftware,
};

/// The column name of a cause ("Facilities", "Hardware", "Human Error", ...).
const char* outage_cause_name(OutageCause c);

struct LanlOutage {
  int system = 0;                    ///< System id (2-24)
  std::string machine_type;          ///< cluster / smp / numa; empty when not recorded
  std::optional<int> system_nodes;   ///< nodes: size of the system
  std::optional<int> procs_total;    ///< procstot
  std::optional<int> procs_in_node;  ///< procsinnode
  std::optional<int> node;         ///< nodenumz: zero-based node number (missing in a few records)
  std::string purpose;             ///< compute / graphics.fe / ...; may be empty
  double start_s = 0;              ///< Prob Started, Unix epoch seconds (UTC)
  double end_s = 0;                ///< Prob Fixed, Unix epoch seconds (UTC), >= start_s
  std::int64_t down_time_min = 0;  ///< Down Time as recorded, minutes
  std::optional<OutageCause> cause;  ///< empty when no category column is filled
  std::string cause_detail;          ///< the text in the cause column, e.g. "Other Software"
  bool same_event = false;           ///< Same Event = Yes: related to another failure
};

/// Wall-clock zone of the LANL times.
enum class LanlTimeZone : std::int8_t {
  kUsMountain,  ///< America/Denver with US DST (the default: matches Down Time)
  kUtc,         ///< read the wall clock as UTC (no DST adjustment)
};

/// Reads the LANL CSV (plain or .gz). Throws ImportError with file:line on malformed input.
std::vector<LanlOutage> read_lanl_failures(const std::string& path,
                                           LanlTimeZone zone = LanlTimeZone::kUsMountain);

}  // namespace fleetsim::io
