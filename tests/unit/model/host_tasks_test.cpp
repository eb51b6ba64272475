#include <algorithm>
#include <cstdint>
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

/// Random adds and removals on `hosts`, checked against a plain list per host (the
/// reference, returned); `grow(step, gen)` says whether a step adds rather than removes.
template <class Grow>
std::vector<std::vector<TaskId>> churn(HostTasks& tasks, std::vector<HostSlot>& hosts, std::uint32_t seed, int steps,
                                       Grow grow) {
  std::vector<std::vector<TaskId>> expected(hosts.size());
  std::mt19937 gen(seed);
  TaskId next_id = 0;
  for (int step = 0; step < steps; ++step) {
    const std::size_t h = gen() % hosts.size();
    if (expected[h].empty() || grow(step, gen)) {
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
  return expected;
}
}  // namespace

TEST_CASE("host task arrays keep each host's tasks in order through growth and removal", "[model][host_tasks]") {
  HostTasks tasks;
  std::vector<HostSlot> hosts(5);
  // Grow more than shrink: blocks up to 2^9 ids.
  const auto expected = churn(tasks, hosts, 7, 20000, [](int, std::mt19937& gen) { return gen() % 3 != 0; });
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

TEST_CASE("with homes, each host starts in a home block that follows from its index and returns to it",
          "[model][host_tasks]") {
  HostTasks tasks;
  std::vector<HostSlot> hosts(4);
  tasks.homes(hosts.data(), static_cast<std::uint32_t>(hosts.size()), 100);
  for (std::uint32_t i = 0; i < hosts.size(); ++i) {
    CHECK(hosts[i].tasks_at == i * HostTasks::kHome);
    CHECK(hosts[i].task_shift == HostTasks::kHomeShift);
  }
  // Host 2 outgrows its home: its ids move to a pooled block past all the homes, in order.
  std::vector<TaskId> expected;
  for (TaskId t = 0; t < HostTasks::kHome + 8; ++t) {
    tasks.add(hosts[2], t);
    expected.push_back(t);
  }
  CHECK(hosts[2].task_shift == HostTasks::kHomeShift + 1);
  CHECK(hosts[2].tasks_at >= hosts.size() * HostTasks::kHome);
  CHECK(ids(tasks, hosts[2]) == expected);
  // Its home block is not handed to another host that grows meanwhile.
  for (TaskId t = 1000; t < 1000 + HostTasks::kHome + 1; ++t) tasks.add(hosts[0], t);
  CHECK(hosts[0].tasks_at != 2 * HostTasks::kHome);
  CHECK(hosts[0].tasks_at != hosts[2].tasks_at);
  // Shrinking to half a home block brings host 2 back home, order kept; its pooled block
  // is then free for the next host to grow.
  const std::uint32_t pooled = hosts[2].tasks_at;
  while (expected.size() > HostTasks::kHome / 2) {
    const auto at = expected.begin() + static_cast<std::ptrdiff_t>(expected.size() / 3);
    tasks.remove(hosts[2], *at);
    expected.erase(at);
  }
  CHECK(hosts[2].tasks_at == 2 * HostTasks::kHome);
  CHECK(hosts[2].task_shift == HostTasks::kHomeShift);
  CHECK(ids(tasks, hosts[2]) == expected);
  CHECK(ids(tasks, hosts[0]).size() == HostTasks::kHome + 1);
  for (TaskId t = 2000; t < 2000 + HostTasks::kHome + 1; ++t) tasks.add(hosts[1], t);
  CHECK(hosts[1].tasks_at == pooled);
  CHECK(ids(tasks, hosts[2]) == expected);
}

TEST_CASE("with homes, random adds and removals on every host match a plain list per host", "[model][host_tasks]") {
  HostTasks tasks;
  std::vector<HostSlot> hosts(6);
  tasks.homes(hosts.data(), static_cast<std::uint32_t>(hosts.size()), 0);
  // Phases that grow past a home block and shrink back below half of one, many times.
  const auto expected = churn(tasks, hosts, 11, 40000, [](int step, std::mt19937& gen) {
    return (step / 2000) % 2 == 0 ? gen() % 4 != 0 : gen() % 4 == 0;
  });
  for (std::size_t k = 0; k < hosts.size(); ++k) {
    CHECK(ids(tasks, hosts[k]) == expected[k]);
    if (hosts[k].task_shift == HostTasks::kHomeShift) CHECK(hosts[k].tasks_at == k * HostTasks::kHome);
  }
}
