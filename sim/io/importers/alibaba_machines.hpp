#pragma once
/// Alibaba cluster-trace-v2018 `machine_meta.csv`: machine inventory and machine events.
///
/// CSV without a header, 7 columns: machine_id, time_stamp (s from trace start),
/// failure_domain_1 (integer enum), failure_domain_2 (string enum), cpu_num,
/// mem_size (normalised 0-100), status (e.g. USING, IMPORT_INSTALLING).
/// machine_events() turns the records into per-machine add / remove / change events.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

/// One row of machine_meta.csv.
struct MachineRecord {
  std::string machine_id;   ///< "m_1"
  std::int64_t time_s = 0;  ///< seconds from trace start, >= 0
  std::int64_t failure_domain_1 = 0;
  std::string failure_domain_2;
  int cpu_num = 0;     ///< CPUs, > 0
  int mem_size = 0;    ///< normalised memory size, 0-100
  std::string status;  ///< as recorded
};

/// Reads machine_meta.csv (plain or .gz), rows in file order.
std::vector<MachineRecord> read_alibaba_machine_meta(const std::string& path);

enum class MachineEventKind : std::int8_t {
  kAdd,              ///< the machine's first record, or its first record after a remove
  kRemove,           ///< a record whose status is one of MachineEventOptions::removed_statuses
  kStatusChange,     ///< the status differs from the machine's previous record
  kAttributeChange,  ///< same status, but failure domains, cpu_num or mem_size changed
  kReport,           ///< the same state reported again (the trace re-emits records when a
                     ///< machine re-registers; what caused it is not recorded)
};

struct MachineEvent {
  std::int64_t time_s = 0;
  MachineEventKind kind = MachineEventKind::kAdd;
  std::size_t record = 0;  ///< index of the record (the state after the event) in the input
};

struct MachineEventOptions {
  /// Statuses that mean "left the pool". The 2018 trace records none (its statuses are
  /// USING and IMPORT_INSTALLING), so by default no record is a removal.
  std::vector<std::string> removed_statuses;
};

/// Events ordered by (time_s, machine's first appearance, record order); each record gives
/// exactly one event.
std::vector<MachineEvent> machine_events(const std::vector<MachineRecord>& records,
                                         const MachineEventOptions& options = {});

}  // namespace fleetsim::io
