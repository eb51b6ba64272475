#pragma once
/// On-call people (spec.operations.oncall): each team is an entity of the control
/// partition (teams are fleet-wide) with `people` persons on call at any time. A page is
/// a message from a zone; it waits in the team's queue (urgent pages first, FIFO within
/// each class) until a person is free, and a non-urgent page also until the team's local
/// work hours (always, with follow_the_sun). A person takes one page at a time: responds
/// after the response distribution (off_hours_response outside work hours, if given),
/// works the action's duration, then reports back to the host's zone (a message) and
/// takes the next page. Shifts of `shift` length, counted from time 0, group each
/// person's pages and toil for the per-shift load metrics.
///
/// Time 0 is a Monday 00:00 UTC; a team's local time is UTC + utc_offset hours.

#include <cstdint>
#include <deque>
#include <queue>
#include <vector>

#include "sim/model/controller.hpp"
#include "sim/model/fleet_model.hpp"
#include "sim/model/remediation_policy.hpp"

namespace fleetsim::model {

/// Event kinds of on-call teams (reserved range 300-399).
enum OnCallEvent : std::uint16_t {
  kPage = 300,        ///< team entity (message); payload = host | work_ms << 32, tag = action
  kPersonDone = 301,  ///< team entity; payload = person: the page in hand is done
  kWorkHours = 302,   ///< team entity: local work hours begin (non-urgent pages may start)
  kOnCallLast = 399,
};

class OnCallController final : public Controller {
 public:
  /// `actions`: the remediation action table (for urgency); may be empty.
  OnCallController(FleetModel& model, std::vector<ActionInfo> actions);

  core::EntityId team_entity(std::uint32_t team) const { return teams_[team].entity; }

  std::string name() const override { return "oncall"; }
  void start(core::Simulation&) override {}
  void handle(core::Context& ctx, const core::Event& e) override;
  Time send_horizon(std::uint32_t partition, Time next) const override;
  void finish(ModelResults& results, Time end) override;

  /// True when local time `t` is inside team `i`'s work hours (always with follow_the_sun).
  bool in_work_hours(std::uint32_t i, Time t) const;
  /// The next instant >= t at which team `i`'s work hours begin.
  Time next_work_start(std::uint32_t i, Time t) const;

 private:
  struct Page {
    HostId host = 0;
    std::uint16_t action = 0;
    Duration work = 0;
    Time arrived = 0;
  };
  struct Person {
    bool busy = false;
    HostId host = 0;
    std::int64_t shift = -1;  ///< shift of the current tally
    std::uint32_t shift_pages = 0;
    Duration shift_toil = 0;
  };
  struct Team {
    const scenario::OncallTeam* spec = nullptr;
    core::EntityId entity = 0;
    std::vector<Person> people;
    std::deque<Page> urgent, later;
    bool wake_pending = false;
    Time wake_at = 0;
    std::uint64_t sequence = 0;  ///< pages taken so far (keys the response draws)
    // metrics (pages that arrived at or after warmup)
    std::uint64_t pages = 0;
    std::vector<double> waits_s;
    Duration toil = 0;
    std::uint32_t max_shift_pages = 0;
    Duration max_shift_toil = 0;
  };

  void on_page(core::Context& ctx, Team& t, const core::Event& e);
  void dispatch(core::Context& ctx, std::uint32_t team);
  void assign(core::Context& ctx, std::uint32_t team, std::uint32_t person, const Page& p);
  static void close_shift(Team& t, Person& p);

  FleetModel& model_;
  const scenario::Scenario& s_;
  std::vector<ActionInfo> actions_;
  std::vector<Team> teams_;
  mutable std::priority_queue<Time, std::vector<Time>, std::greater<>> done_times_;
  std::uint16_t trace_page_ = 0, trace_take_ = 0;
  std::uint64_t key_ = 0;  ///< key of the event being handled (orders trace records)
};

}  // namespace fleetsim::model
