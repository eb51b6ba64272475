#include <catch2/catch.hpp>

#include <map>

#include "sim/io/importers/swf_reader.hpp"
#include "test_files.hpp"

using namespace fleetsim::io;
using fleetsim::test::TempFile;

namespace {

std::string swf_error(const std::string& path) {
  try {
    read_swf(path);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

const char* kSmallLog =
    "; Version: 2.2\n"
    "; Computer: test\n"
    "; MaxNodes: 16\n"
    "; MaxProcs: 64\n"
    "; UnixStartTime: 1000000000\n"
    "; TimeZoneString: Europe/Paris\n"
    "; Queue: 1 batch\n"
    "; Queue: 2 debug\n"
    ";\n"
    "; This line is prose: no key\n"
    "1 0 5 100 4 12.5 1024 4 3600 -1 1 7 1 -1 1 -1 -1 -1\n"
    "\n"
    "2   10 -1 -1 -1 -1 -1 8 -1 -1 5 8 1 3 2 2 1 30\n";

}  // namespace

TEST_CASE("SWF header and jobs parse with -1 as missing", "[importers][swf]") {
  const TempFile f(kSmallLog, ".swf");
  const SwfLog log = read_swf(f.path());
  CHECK(log.header.max_nodes == 16);
  CHECK(log.header.max_procs == 64);
  CHECK(log.header.unix_start_time == 1000000000);
  CHECK(log.header.time_zone == "Europe/Paris");
  REQUIRE(log.header.find("Computer") != nullptr);
  CHECK(*log.header.find("Computer") == "test");
  CHECK(*log.header.find("Queue") == "1 batch");
  CHECK(log.header.fields.size() == 8);
  REQUIRE(log.jobs.size() == 2);
  const SwfJob& a = log.jobs[0];
  CHECK(a.job_id == 1);
  CHECK(a.submit_s == 0);
  CHECK(a.wait_s == 5);
  CHECK(a.run_s == 100);
  CHECK(a.allocated_procs == 4);
  CHECK(a.avg_cpu_s == 12.5);
  CHECK(a.used_memory_kb == 1024.0);
  CHECK(a.requested_time_s == 3600);
  CHECK_FALSE(a.requested_memory_kb);
  CHECK(a.status == SwfStatus::kCompleted);
  CHECK(a.user == 7);
  CHECK(a.queue == 1);
  CHECK_FALSE(a.partition);
  CHECK_FALSE(a.preceding_job);
  const SwfJob& b = log.jobs[1];
  CHECK_FALSE(b.wait_s);
  CHECK_FALSE(b.run_s);
  CHECK_FALSE(b.allocated_procs);
  CHECK(b.requested_procs == 8);
  CHECK(b.status == SwfStatus::kCancelled);
  CHECK(b.preceding_job == 1);
  CHECK(b.think_time_s == 30);
}

TEST_CASE("SWF from gzip equals SWF from plain text", "[importers][swf]") {
  const TempFile plain(kSmallLog, ".swf");
  const TempFile gz(kSmallLog, ".swf.gz");
  const SwfLog a = read_swf(plain.path());
  const SwfLog b = read_swf(gz.path());
  REQUIRE(a.jobs.size() == b.jobs.size());
  CHECK(a.header.fields == b.header.fields);
  for (std::size_t i = 0; i < a.jobs.size(); ++i) {
    CHECK(a.jobs[i].job_id == b.jobs[i].job_id);
    CHECK(a.jobs[i].wait_s == b.jobs[i].wait_s);
    CHECK(a.jobs[i].think_time_s == b.jobs[i].think_time_s);
  }
}

TEST_CASE("malformed SWF lines are rejected at file:line", "[importers][swf]") {
  const std::string count = fleetsim::test::fixture("swf_field_count.swf");
  CHECK(swf_error(count) == count + ":6: expected 18 whitespace-separated fields, found 17");
  const std::string nan = fleetsim::test::fixture("swf_not_a_number.swf");
  CHECK(swf_error(nan) == nan + ":4: run time (field 4): expected an integer, got '5O'");
  const std::string neg = fleetsim::test::fixture("swf_negative_value.swf");
  CHECK(swf_error(neg) ==
        neg + ":2: wait time (field 3): negative value '-7' (only -1 means missing)");
  const TempFile status("1 0 5 100 4 -1 -1 4 3600 -1 9 1 1 -1 1 -1 -1 -1\n", ".swf");
  CHECK(swf_error(status.path()) ==
        status.path() + ":1: status (field 11): unknown code '9' (0-5 or -1)");
  const TempFile header("; MaxProcs: many\n", ".swf");
  CHECK(swf_error(header.path()) ==
        header.path() + ":1: header MaxProcs: expected an integer, got 'many'");
}

TEST_CASE("SWF: the full CEA Curie log", "[importers][swf][realdata]") {
  FLEETSIM_REQUIRE_DATA(path, "swf-cea-curie-2011/CEA-Curie-2011-2.1-cln.swf.gz");
  const SwfLog log = read_swf(path);
  REQUIRE(log.jobs.size() == 312826);
  CHECK(log.header.unix_start_time == 1296571124);
  CHECK(log.header.max_procs == 93312);
  CHECK(log.header.max_nodes == 5544);
  CHECK(log.header.time_zone == "Europe/Paris");
  std::map<int, int> status;
  std::size_t with_wait = 0, with_requested_time = 0;
  for (const SwfJob& j : log.jobs) {
    ++status[j.status ? static_cast<int>(*j.status) : -1];
    with_wait += j.wait_s ? 1 : 0;
    with_requested_time += j.requested_time_s ? 1 : 0;
  }
  CHECK(status[1] == 281337);  // completed, as the folder README says
  CHECK(status[0] == 14003);   // failed
  CHECK(status[5] == 17486);   // cancelled
  CHECK(with_wait == 312826);
  CHECK(with_requested_time == 312823);
  const SwfJob& first = log.jobs.front();  // 272393 31656837 33492 86395 256 ... 4 -1 -1
  CHECK(first.job_id == 272393);
  CHECK(first.submit_s == 31656837);
  CHECK(first.wait_s == 33492);
  CHECK(first.run_s == 86395);
  CHECK(first.allocated_procs == 256);
  CHECK(first.requested_time_s == 86400);
  CHECK(first.user == 87);
  CHECK(first.partition == 4);
  const SwfJob& last = log.jobs.back();  // 773138 53580159 0 48742 80 ... 668 223 -1 -1 10
  CHECK(last.job_id == 773138);
  CHECK(last.submit_s == 53580159);
  CHECK(last.run_s == 48742);
  CHECK(last.user == 668);
  CHECK(last.partition == 10);
}

TEST_CASE("SWF: the UniLu Gaia excerpt and full log agree", "[importers][swf][realdata]") {
  FLEETSIM_REQUIRE_DATA(full, "swf-unilu-gaia-2014/UniLu-Gaia-2014-1.swf.gz");
  FLEETSIM_REQUIRE_DATA(head, "swf-unilu-gaia-2014/UniLu-Gaia-2014-1.head2000.swf");
  const SwfLog a = read_swf(full);
  const SwfLog b = read_swf(head);
  REQUIRE(a.jobs.size() == 51987);
  REQUIRE(b.jobs.size() == 2000);
  CHECK(a.header.max_nodes == 151);
  CHECK(a.header.max_procs == 2004);
  CHECK(a.header.unix_start_time == 1400749079);
  CHECK(a.header.time_zone == "Europe/Luxembourg");
  CHECK(a.header.fields == b.header.fields);
  for (std::size_t i = 0; i < b.jobs.size(); ++i) {
    REQUIRE(a.jobs[i].job_id == b.jobs[i].job_id);
    REQUIRE(a.jobs[i].wait_s == b.jobs[i].wait_s);
  }
  const SwfJob& j = a.jobs.front();  // 1 0 477768 35541 160 32096 89734 160 108000 ...
  CHECK(j.wait_s == 477768);
  CHECK(j.avg_cpu_s == 32096.0);
  CHECK(j.used_memory_kb == 89734.0);
  std::map<int, int> status, queue;
  for (const SwfJob& job : a.jobs) {
    ++status[static_cast<int>(*job.status)];
    ++queue[*job.queue];
  }
  CHECK(status[1] == 41268);
  CHECK(status[0] == 10592);
  CHECK(status[2] == 127);
  CHECK(queue.size() == 3);
}
