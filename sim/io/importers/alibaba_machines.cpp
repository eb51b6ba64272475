#include "sim/io/importers/alibaba_machines.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

std::vector<MachineRecord> read_alibaba_machine_meta(const std::string& path) {
  LineReader reader(path);
  std::vector<MachineRecord> out;
  std::string_view line;
  CsvRow row;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc);
    require_field_count(row, 7, loc);
    MachineRecord r;
    r.machine_id = std::string(trim(row[0]));
    if (r.machine_id.empty()) loc.fail("machine_id (column 1) is empty");
    if (reader.line_number() == 1 && r.machine_id == "machine_id") {
      loc.fail("unexpected header row: machine_meta.csv has no header");
    }
    r.time_s = require_int(trim(row[1]), "time_stamp (column 2)", loc);
    if (r.time_s < 0) loc.fail("time_stamp (column 2): negative value " + quoted(row[1]));
    r.failure_domain_1 = require_int(trim(row[2]), "failure_domain_1 (column 3)", loc);
    r.failure_domain_2 = std::string(trim(row[3]));
    const std::int64_t cpu = require_int(trim(row[4]), "cpu_num (column 5)", loc);
    if (cpu <= 0 || cpu > std::numeric_limits<int>::max()) {
      loc.fail("cpu_num (column 5): expected a positive count, got " + quoted(row[4]));
    }
    r.cpu_num = static_cast<int>(cpu);
    const std::int64_t mem = require_int(trim(row[5]), "mem_size (column 6)", loc);
    if (mem < 0 || mem > 100)
      loc.fail("mem_size (column 6): expected 0-100, got " + quoted(row[5]));
    r.mem_size = static_cast<int>(mem);
    r.status = std::string(trim(row[6]));
    if (r.status.empty()) loc.fail("status (column 7) is empty");
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<MachineEvent> machine_events(const std::vector<MachineRecord>& records,
                                         const MachineEventOptions& options) {
  struct Item {
    std::int64_t time_s;
    std::size_t machine;  // order of first appearance
    std::size_t record;
  };
  std::unordered_map<std::string, std::size_t> machine_of;
  std::vector<Item> items;
  items.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto [it, _] = machine_of.try_emplace(records[i].machine_id, machine_of.size());
    items.push_back(Item{records[i].time_s, it->second, i});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.time_s != b.time_s) return a.time_s < b.time_s;
    if (a.machine != b.machine) return a.machine < b.machine;
    return a.record < b.record;
  });
  auto removed = [&](const std::string& status) {
    return std::find(options.removed_statuses.begin(), options.removed_statuses.end(), status) !=
           options.removed_statuses.end();
  };
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> last(machine_of.size(), kNone);  // previous record per machine
  std::vector<MachineEvent> out;
  out.reserve(items.size());
  for (const Item& item : items) {
    const MachineRecord& r = records[item.record];
    MachineEventKind kind;
    const std::size_t prev = last[item.machine];
    if (removed(r.status)) {
      kind = MachineEventKind::kRemove;
    } else if (prev == kNone || removed(records[prev].status)) {
      kind = MachineEventKind::kAdd;
    } else {
      const MachineRecord& p = records[prev];
      if (p.status != r.status)
        kind = MachineEventKind::kStatusChange;
      else if (p.failure_domain_1 != r.failure_domain_1 ||
               p.failure_domain_2 != r.failure_domain_2 || p.cpu_num != r.cpu_num ||
               p.mem_size != r.mem_size)
        kind = MachineEventKind::kAttributeChange;
      else
        kind = MachineEventKind::kReport;
    }
    last[item.machine] = item.record;
    out.push_back(MachineEvent{r.time_s, kind, item.record});
  }
  return out;
}

}  // namespace fleetsim::io
