#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "sim/io/importers/alibaba_machines.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

std::string meta_error(const std::string& path) {
  try {
    read_alibaba_machine_meta(path);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("machine_meta rows become add / change / remove events", "[importers][alibaba]") {
  const std::string text =
      "m_2,50,7,A,96,100,USING\n"
      "m_1,0,219,17,96,100,USING\n"
      "m_1,100,219,17,96,100,USING\n"
      "m_2,0,7,A,96,100,IMPORT_INSTALLING\n"
      "m_1,200,220,17,96,100,USING\n"
      "m_1,300,220,17,96,100,OFFLINE\n"
      "m_1,400,220,17,96,100,USING\n";
  for (const char* suffix : {".csv", ".csv.gz"}) {
    const TempFile f(text, suffix);
    const auto records = read_alibaba_machine_meta(f.path());
    REQUIRE(records.size() == 7);
    CHECK(records[0].machine_id == "m_2");
    CHECK(records[0].failure_domain_2 == "A");
    CHECK(records[3].status == "IMPORT_INSTALLING");

    const auto plain = machine_events(records);
    REQUIRE(plain.size() == 7);
    // Sorted by time, then by first appearance of the machine (m_2 before m_1).
    CHECK(plain[0].time_s == 0);
    CHECK(plain[0].record == 3);
    CHECK(plain[0].kind == MachineEventKind::kAdd);
    CHECK(plain[1].record == 1);
    CHECK(plain[1].kind == MachineEventKind::kAdd);
    CHECK(plain[2].record == 0);
    CHECK(plain[2].kind == MachineEventKind::kStatusChange);  // IMPORT_INSTALLING -> USING
    CHECK(plain[3].kind == MachineEventKind::kReport);
    CHECK(plain[4].kind == MachineEventKind::kAttributeChange);
    CHECK(plain[5].kind == MachineEventKind::kStatusChange);
    CHECK(plain[6].kind == MachineEventKind::kStatusChange);

    MachineEventOptions options;
    options.removed_statuses = {"OFFLINE"};
    const auto with_removal = machine_events(records, options);
    CHECK(with_removal[5].kind == MachineEventKind::kRemove);
    CHECK(with_removal[6].kind == MachineEventKind::kAdd);
  }
}

TEST_CASE("malformed machine_meta rows are rejected at file:line", "[importers][alibaba]") {
  const std::string count = fleetsim::test::fixture("alibaba_machine_field_count.csv");
  CHECK(meta_error(count) == count + ":3: expected 7 fields, found 6");
  const std::string cpu = fleetsim::test::fixture("alibaba_machine_bad_cpu.csv");
  CHECK(meta_error(cpu) == cpu + ":2: cpu_num (column 5): expected a positive count, got '-96'");
  const TempFile header("machine_id,time_stamp,fd1,fd2,cpu,mem,status\n", ".csv");
  CHECK(meta_error(header.path()) ==
        header.path() + ":1: unexpected header row: machine_meta.csv has no header");
  const TempFile mem("m_1,0,1,2,96,101,USING\n", ".csv");
  CHECK(meta_error(mem.path()) ==
        mem.path() + ":1: mem_size (column 6): expected 0-100, got '101'");
}

TEST_CASE("Alibaba 2018: the full machine_meta table", "[importers][alibaba][realdata]") {
  FLEETSIM_REQUIRE_DATA(path, "cloud-alibaba-2018-machines/machine_meta.csv");
  const auto records = read_alibaba_machine_meta(path);
  REQUIRE(records.size() == 17592);
  std::set<std::string> machines;
  std::set<std::int64_t> fd1;
  std::set<std::string> fd2;
  std::map<std::string, int> status;
  std::size_t at_zero = 0;
  std::int64_t last = 0;
  for (const auto& r : records) {
    machines.insert(r.machine_id);
    fd1.insert(r.failure_domain_1);
    fd2.insert(r.failure_domain_2);
    ++status[r.status];
    at_zero += r.time_s == 0 ? 1 : 0;
    last = std::max(last, r.time_s);
    CHECK(r.cpu_num == 96);
  }
  // Figures from the folder README.
  CHECK(machines.size() == 4034);
  CHECK(at_zero == 3887);
  CHECK(last == 696633);
  CHECK(status["USING"] == 17587);
  CHECK(status["IMPORT_INSTALLING"] == 5);
  CHECK(fd1.size() == 292);
  CHECK(fd2.size() == 21);
  CHECK(records[0].machine_id == "m_1");
  CHECK(records[0].failure_domain_1 == 219);
  CHECK(records[1].time_s == 148984);

  const auto events = machine_events(records);
  REQUIRE(events.size() == records.size());
  std::map<MachineEventKind, int> kinds;
  for (const auto& e : events) ++kinds[e.kind];
  CHECK(kinds[MachineEventKind::kAdd] == 4034);
  CHECK(kinds[MachineEventKind::kAttributeChange] == 68);
  CHECK(kinds[MachineEventKind::kStatusChange] == 0);
  CHECK(kinds[MachineEventKind::kReport] == 13490);
  CHECK(kinds[MachineEventKind::kRemove] == 0);
  for (std::size_t i = 1; i < events.size(); ++i) REQUIRE(events[i - 1].time_s <= events[i].time_s);
  CHECK(records[events.back().record].machine_id == "m_1879");
}
