#include <algorithm>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/core/event_queue.hpp"
#include "sim/core/rng.hpp"

using namespace fleetsim;
using namespace fleetsim::core;

namespace {

template <class Q>
std::vector<Event> drain(Q& q) {
  std::vector<Event> out;
  while (!q.empty()) {
    out.push_back(q.top());
    q.pop();
  }
  return out;
}

bool same(const Event& a, const Event& b) { return a.time == b.time && a.key == b.key; }

}  // namespace

TEST_CASE("events order by time, then key", "[core][event]") {
  const Event a{10, make_key(1, 0), 0, 0, 0, 0};
  const Event b{10, make_key(1, 1), 0, 0, 0, 0};
  const Event c{10, make_key(2, 0), 0, 0, 0, 0};
  const Event d{9, make_key(7, 9), 0, 0, 0, 0};
  CHECK(before(d, a));
  CHECK(before(a, b));
  CHECK(before(b, c));  // same time: the lower origin entity first, whatever its sequence
  CHECK_FALSE(before(a, a));
  CHECK(c.origin() == 2);
}

TEMPLATE_TEST_CASE("queues return events in (time, key) order", "[core][queue]", BinaryHeap,
                   QuaternaryHeap, CalendarQueue) {
  TestType q;
  Rng rng(7, purpose_id("queue-test"), 0);
  std::vector<Event> all;
  // Many ties: times drawn from a small range, keys distinct.
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const Event e{static_cast<Time>(rng() % 300), make_key(static_cast<EntityId>(rng() % 50), i),
                  i, 0, 0, 0};
    all.push_back(e);
    q.push(e);
  }
  CHECK(q.size() == 5000);
  std::sort(all.begin(), all.end(), before);
  const auto out = drain(q);
  REQUIRE(out.size() == all.size());
  CHECK(std::equal(out.begin(), out.end(), all.begin(), same));
}

TEMPLATE_TEST_CASE("queues stay ordered under a hold model", "[core][queue]", BinaryHeap,
                   QuaternaryHeap, CalendarQueue) {
  // The classic "hold" workload: pop the minimum, push it back a random step later.
  TestType q;
  QuaternaryHeap ref;
  Rng rng(11, purpose_id("hold"), 0);
  std::uint32_t seq = 0;
  for (int i = 0; i < 1000; ++i) {
    const Event e{static_cast<Time>(rng() % 1000), make_key(0, seq++), 0, 0, 0, 0};
    q.push(e);
    ref.push(e);
  }
  for (int i = 0; i < 20000; ++i) {
    REQUIRE(same(q.top(), ref.top()));
    const Time now = q.top().time;
    q.pop();
    ref.pop();
    // Bursty steps, sometimes zero (same-time events), sometimes long jumps.
    const Time step = (i % 97 == 0) ? static_cast<Time>(rng() % 1000000) : static_cast<Time>(rng() % 50);
    const Event e{now + step, make_key(0, seq++), 0, 0, 0, 0};
    q.push(e);
    ref.push(e);
    if (i % 500 == 0) {  // population changes make the calendar queue resize
      for (int k = 0; k < 300; ++k) {
        const Event f{now + static_cast<Time>(rng() % 5000), make_key(1, seq++), 0, 0, 0, 0};
        q.push(f);
        ref.push(f);
      }
    }
  }
  CHECK(q.size() == ref.size());
  const auto a = drain(q);
  const auto b = drain(ref);
  CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end(), same));
}
