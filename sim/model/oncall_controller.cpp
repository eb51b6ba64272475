#include "sim/model/oncall_controller.hpp"

#include <algorithm>

#include "analysis/stats/descriptive.hpp"
#include "sim/model/distributions.hpp"
#include "sim/model/remediation_controller.hpp"

namespace fleetsim::model {

namespace {

constexpr std::uint64_t kResponsePurpose = core::purpose_id("oncall.response");

Time floor_div(Time a, Time b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

OnCallController::OnCallController(FleetModel& model, std::vector<ActionInfo> actions)
    : model_(model), s_(model.scenario()), actions_(std::move(actions)) {
  for (const scenario::OncallTeam& spec : s_.operations.oncall) {
    Team t;
    t.spec = &spec;
    t.entity = model_.add_entity(model_.control_partition());
    t.people.resize(static_cast<std::size_t>(spec.people));
    teams_.push_back(std::move(t));
  }
  trace_page_ = model_.add_trace_kind("page");
  trace_take_ = model_.add_trace_kind("page_taken");
}

bool OnCallController::in_work_hours(std::uint32_t i, Time t) const {
  const scenario::OncallTeam& spec = *teams_[i].spec;
  if (spec.follow_the_sun) return true;
  const Time local = t + hours(spec.utc_offset_hours);
  const Time of_day = local - floor_div(local, days(1)) * days(1);
  return of_day >= hours(spec.work_start_hour) && of_day < hours(spec.work_end_hour);
}

Time OnCallController::next_work_start(std::uint32_t i, Time t) const {
  const scenario::OncallTeam& spec = *teams_[i].spec;
  const Time offset = hours(spec.utc_offset_hours);
  const Time local = t + offset;
  const Time day = floor_div(local, days(1));
  const Time today = day * days(1) + hours(spec.work_start_hour);
  return (local <= today ? today : today + days(1)) - offset;
}

void OnCallController::handle(core::Context& ctx, const core::Event& e) {
  std::uint32_t i = 0;
  while (i < teams_.size() && teams_[i].entity != e.target) ++i;
  if (i == teams_.size()) throw core::SimulationError("oncall: event for an unknown team entity");
  Team& t = teams_[i];
  key_ = e.key;
  switch (e.kind) {
    case kPage: on_page(ctx, t, e); break;
    case kPersonDone: {
      Person& p = t.people.at(e.payload);
      p.busy = false;
      ctx.schedule(ctx.now() + s_.control_latency, model_.host_entity(p.host), kActionResult);
      break;
    }
    case kWorkHours: t.wake_pending = false; break;
    default: throw core::SimulationError("oncall: unknown event kind " + std::to_string(e.kind));
  }
  dispatch(ctx, i);
}

void OnCallController::on_page(core::Context& ctx, Team& t, const core::Event& e) {
  Page p;
  p.host = static_cast<HostId>(e.payload & 0xffffffffu);
  p.work = static_cast<Duration>(e.payload >> 32) * 1000;
  p.action = e.tag;
  p.arrived = ctx.now();
  if (p.arrived >= s_.warmup) ++t.pages;
  model_.trace_control(ctx.now(), trace_page_, model_.topology().host_component(p.host), -1, p.action, e.key);
  const bool urgent = p.action >= actions_.size() || actions_[p.action].urgent;
  (urgent ? t.urgent : t.later).push_back(p);
}

void OnCallController::dispatch(core::Context& ctx, std::uint32_t i) {
  Team& t = teams_[i];
  const Time now = ctx.now();
  bool free_left = false;
  for (std::uint32_t k = 0; k < t.people.size(); ++k) {
    if (t.people[k].busy) continue;
    if (!t.urgent.empty()) {
      const Page p = t.urgent.front();
      t.urgent.pop_front();
      assign(ctx, i, k, p);
    } else if (!t.later.empty() && in_work_hours(i, now)) {
      const Page p = t.later.front();
      t.later.pop_front();
      assign(ctx, i, k, p);
    } else {
      free_left = true;
      break;
    }
  }
  // Non-urgent work waits for the morning; wake up then if nobody is busy to wake us.
  if (free_left && !t.later.empty() && !t.wake_pending) {
    t.wake_pending = true;
    t.wake_at = next_work_start(i, now);
    ctx.schedule(t.wake_at, t.entity, kWorkHours);
  }
}

void OnCallController::assign(core::Context& ctx, std::uint32_t i, std::uint32_t k, const Page& page) {
  Team& t = teams_[i];
  Person& person = t.people[k];
  const Time now = ctx.now();
  const scenario::OncallTeam& spec = *t.spec;
  core::Rng rng(s_.seed, kResponsePurpose + i, t.sequence++);
  const bool off = !in_work_hours(i, now);
  const auto& dist = off && spec.off_hours_response ? spec.off_hours_response : spec.response;
  const Duration response = dist ? sample_duration(*dist, rng) : 0;
  const Duration busy = response + page.work;
  person.busy = true;
  person.host = page.host;
  ctx.schedule(now + busy, t.entity, kPersonDone, k);
  done_times_.push(now + busy);
  if (page.arrived >= s_.warmup) t.waits_s.push_back(static_cast<double>(now - page.arrived) / 1e6);
  if (now >= s_.warmup) t.toil += busy;
  const std::int64_t shift = now / spec.shift;
  if (person.shift != shift) {
    close_shift(t, person);
    person.shift = shift;
  }
  ++person.shift_pages;
  person.shift_toil += busy;
  model_.trace_control(now, trace_take_, model_.topology().host_component(page.host), -1,
                       static_cast<double>(now - page.arrived) / 1e6, key_);
}

void OnCallController::close_shift(Team& t, Person& p) {
  t.max_shift_pages = std::max(t.max_shift_pages, p.shift_pages);
  t.max_shift_toil = std::max(t.max_shift_toil, p.shift_toil);
  p.shift_pages = 0;
  p.shift_toil = 0;
}

Time OnCallController::send_horizon(std::uint32_t partition, Time next) const {
  if (partition != model_.control_partition() || model_.partition_count() == 1) return kTimeMax;
  while (!done_times_.empty() && done_times_.top() < next) done_times_.pop();
  Time h = done_times_.empty() ? kTimeMax : done_times_.top();
  for (const Team& t : teams_) {
    if (t.wake_pending) h = std::min(h, t.wake_at);  // a wake-up may start (and finish) work
  }
  return h;
}

void OnCallController::finish(ModelResults& results, Time end) {
  auto& m = results.metrics;
  const double span_h = static_cast<double>(std::max<Time>(end - s_.warmup, 1)) / 3.6e9;
  std::vector<double> all_waits;
  double toil_h = 0;
  std::uint64_t pages = 0, unanswered = 0;
  for (Team& t : teams_) {
    for (Person& p : t.people) close_shift(t, p);
    const std::string prefix = "oncall." + t.spec->team;
    // Pages still queued at the end count with the wait they have had so far (a lower
    // bound): without them an overloaded team's waits would read low.
    for (const auto* q : {&t.urgent, &t.later}) {
      for (const Page& page : *q) {
        if (page.arrived >= s_.warmup) t.waits_s.push_back(static_cast<double>(end - page.arrived) / 1e6);
      }
    }
    std::vector<double> w = t.waits_s;
    double sum = 0;
    for (double x : w) sum += x;
    std::sort(w.begin(), w.end());
    const double th = static_cast<double>(t.toil) / 3.6e9;
    const std::uint64_t left = t.urgent.size() + t.later.size();
    m[prefix + ".pages"] = static_cast<double>(t.pages);
    m[prefix + ".toil_hours"] = th;
    m[prefix + ".utilization"] = th / (span_h * static_cast<double>(t.people.size()));
    m[prefix + ".page_wait_mean_s"] = w.empty() ? 0.0 : sum / static_cast<double>(w.size());
    m[prefix + ".page_wait_p90_s"] = w.empty() ? 0.0 : analysis::quantile_sorted(w, 0.90);
    m[prefix + ".unanswered"] = static_cast<double>(left);
    m[prefix + ".max_pages_per_shift"] = static_cast<double>(t.max_shift_pages);
    m[prefix + ".max_toil_per_shift_hours"] = static_cast<double>(t.max_shift_toil) / 3.6e9;
    all_waits.insert(all_waits.end(), t.waits_s.begin(), t.waits_s.end());
    toil_h += th;
    pages += t.pages;
    unanswered += left;
  }
  double sum = 0;
  for (double x : all_waits) sum += x;
  std::sort(all_waits.begin(), all_waits.end());
  m["oncall.pages"] = static_cast<double>(pages);
  m["oncall.toil_hours"] = toil_h;
  m["oncall.page_wait_mean_s"] = all_waits.empty() ? 0.0 : sum / static_cast<double>(all_waits.size());
  m["oncall.page_wait_p90_s"] = all_waits.empty() ? 0.0 : analysis::quantile_sorted(all_waits, 0.90);
  m["oncall.unanswered"] = static_cast<double>(unanswered);
}

}  // namespace fleetsim::model
