#include "sim/cli/experiment_progress.hpp"

#include <algorithm>
#include <cmath>

#include "sim/experiment/sweep_table.hpp"
#include "sim/io/json.hpp"

namespace fleetsim::cli {

namespace {

constexpr double kScale = 1e6;

std::string quoted(const std::string& s) {
  std::string out;
  io::json_escape(out, s);
  return out;
}

}  // namespace

RunTally::RunTally(Progress& progress, std::string unit) : progress_(progress), unit_(std::move(unit)) {}

void RunTally::reset(std::size_t tasks, std::size_t total_runs) {
  before_ += tasks_;
  tasks_ = tasks;
  total_runs_ = std::max(total_runs, before_ + tasks);
  slots_ = std::make_unique<std::atomic<std::int64_t>[]>(tasks);
  for (std::size_t i = 0; i < tasks; ++i) slots_[i].store(0);
  sum_.store(0);
}

void RunTally::progress(std::size_t i, double fraction) {
  if (i >= tasks_) return;
  const auto v = static_cast<std::int64_t>(std::clamp(fraction, 0.0, 1.0) * kScale);
  const std::int64_t old = slots_[i].exchange(v);
  sum_.fetch_add(v - old);
  draw();
}

void RunTally::done(std::size_t i) {
  finished_.fetch_add(1);
  progress(i, 1.0);
}

void RunTally::draw() {
  if (!progress_.active()) return;
  const double done = static_cast<double>(before_) + static_cast<double>(sum_.load()) / kScale;
  progress_.set_detail(unit_ + " " + std::to_string(finished_.load()) + "/" + std::to_string(total_runs_));
  progress_.update(done, static_cast<double>(total_runs_));
}

SweepProgress::SweepProgress(Progress& p, const experiment::ExperimentSpec& sweep)
    : tally_(p, "runs"), sweep_(sweep) {}

void SweepProgress::start(std::size_t points, std::size_t skipped, std::size_t tasks) {
  total_ = tasks;
  points_ = points;
  tally_.bar().event("sweep", "\"name\":" + quoted(sweep_.name) + ",\"points\":" + std::to_string(points) +
                                  ",\"skipped\":" + std::to_string(skipped) + ",\"runs\":" + std::to_string(tasks));
}

void SweepProgress::point_done(const experiment::SweepPoint& point, const experiment::PointResult& r) {
  ++points_done_;
  std::string verdict = "";
  if (r.ok) verdict = experiment::all_pass(experiment::point_verdicts(r, sweep_.confidence)) ? "pass" : "fail";
  tally_.bar().event("point", "\"point\":" + std::to_string(point.index) + ",\"status\":" +
                                  quoted(r.ok ? "ok" : "error") + ",\"assertions\":" + quoted(verdict) +
                                  ",\"label\":" + quoted(experiment::point_label(sweep_, point)));
}

PlanProgress::PlanProgress(Progress& p, const experiment::ExperimentSpec& plan) : tally_(p, "runs"), plan_(plan) {
  const double range = static_cast<double>(std::max<std::int64_t>(1, plan.max - plan.min));
  expected_ = static_cast<std::size_t>(2 + std::ceil(std::log2(range))) * static_cast<std::size_t>(plan.replications);
}

void PlanProgress::batch_start(const std::vector<std::int64_t>& values, std::size_t tasks) {
  tally_.reset(tasks, expected_);
  std::string list;
  for (const std::int64_t v : values) list += (list.empty() ? "" : ",") + std::to_string(v);
  tally_.bar().event("probe_start", "\"values\":[" + list + "]");
}

void PlanProgress::probe_done(const experiment::Probe& p) {
  tally_.bar().event("probe", "\"parameter\":" + quoted(plan_.parameter) + ",\"value\":" + std::to_string(p.value) + ",\"outcome\":" +
                                  quoted(!p.ok ? "error" : p.pass ? "pass" : "fail"));
}

}  // namespace fleetsim::cli
