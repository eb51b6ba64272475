#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "sim/model/host_tasks.hpp"

using fleetsim::model::HostSlot;
using fleetsim::model::HostTasks;
using fleetsim::model::TaskId;

namespace {
std::vector<TaskId> ids(const HostTasks& tasks, const HostSlot& s) {
  const auto span = tasks.of(s);
  return {span.begin(), span.end()};
}
}  // namespace

TEST_CASE("host task arrays keep each host's tasks in order through growth and removal", "[model][host_tasks]") {
  HostTasks tasks;
  std::vector<HostSlot> hosts(5);
  std::vector<std::vector<TaskId>> expected(hosts.size());  // a plain list per host: the reference
  std::mt19937 gen(7);
  TaskId next_id = 0;
  for (int step = 0; step < 20000; ++step) {
    const std::size_t h = gen() % hosts.size();
    if (expected[h].empty() || gen() % 3 != 0) {  // grow more than shrink: blocks up to 2^9 ids
      tasks.add(hosts[h], next_id);
      expected[h].push_back(next_id++);
    } else {
      const std::size_t i = gen() % expected[h].size();
      tasks.remove(hosts[h], expected[h][i]);
      expected[h].erase(expected[h].begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (step % 97 == 0) {
      for (std::size_t k = 0; k < hosts.size(); ++k) REQUIRE(ids(tasks, hosts[k]) == expected[k]);
    }
  }
  for (std::size_t k = 0; k < hosts.size(); ++k) {
    CHECK(ids(tasks, hosts[k]) == expected[k]);
    CHECK(hosts[k].task_count == expected[k].size());
    // A block holds 2^task_shift ids and starts at a multiple of its size.
    CHECK(hosts[k].task_count <= (1u << hosts[k].task_shift));
    CHECK(hosts[k].tasks_at % (1u << hosts[k].task_shift) == 0);
  }
}

TEST_CASE("a host emptied and refilled reuses its block; freed blocks serve other hosts", "[model][host_tasks]") {
  HostTasks tasks;
  HostSlot a, b;
  for (TaskId t = 0; t < 5; ++t) tasks.add(a, t);  // 4 ids, then 8: the block of 4 is freed
  CHECK(a.task_shift == 3);
  tasks.add(b, 100);  // takes the freed block of 4
  CHECK(b.task_shift == 2);
  CHECK(b.tasks_at == 0);
  for (TaskId t = 0; t < 5; ++t) tasks.remove(a, t);
  CHECK(a.task_count == 0);
  tasks.add(a, 9);
  CHECK(a.task_shift == 3);
  CHECK(ids(tasks, a) == std::vector<TaskId>{9});
  CHECK(ids(tasks, b) == std::vector<TaskId>{100});
}
