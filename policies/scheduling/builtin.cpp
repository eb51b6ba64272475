#include <algorithm>

#include "policies/scheduling/api.hpp"
#include "policies/scheduling/scoring.hpp"

namespace fleetsim::policies {

namespace {

using model::HostId;
using model::kNone;
using model::PlacementView;

/// Lowest-id host that fits (segment-tree descent, O(log n) typically).
class FirstFit final : public model::PlacementPolicy {
 public:
  std::string_view name() const override { return "first-fit"; }
  HostId place(const PlacementView& v, core::Rng&) override { return first_feasible(v); }
  bool keeps_choice_in_range() const override { return true; }
};

/// Scans the free-cpu buckets from the tightest (best-fit) or the emptiest (spread)
/// end, scores up to `candidates` feasible hosts of the first bucket that has any, and
/// examines at most `max_scan` hosts before falling back to the exact first-fit search.
class BucketScan final : public model::PlacementPolicy {
 public:
  BucketScan(bool tightest, std::int64_t candidates, std::int64_t max_scan)
      : tightest_(tightest), candidates_(candidates), max_scan_(max_scan) {}
  std::string_view name() const override { return tightest_ ? "best-fit" : "spread"; }

  HostId place(const PlacementView& v, core::Rng& rng) override {
    if (v.restricted()) return best_in_range(v, tightest_, rng);
    const model::HostIndex& idx = v.index();
    const int top = idx.top_bucket();
    const int low = idx.bucket_of(v.need().v[scenario::kCpu]);
    if (top < low) return kNone;  // no schedulable host has enough cpu
    BestOf best(tightest_, rng);
    std::int64_t scanned = 0, found = 0;
    // Non-empty buckets only, from the tightest fit up (best-fit) or the emptiest down.
    for (int b = tightest_ ? idx.above(low) : top; b >= low && b <= top && scanned < max_scan_;
         b = tightest_ ? idx.above(b + 1) : idx.below(b)) {
      // Fetch the slots of the hosts about to be examined together, not one miss at a time.
      const std::vector<HostId>& hosts = idx.bucket(b);
      const std::size_t ahead = std::min<std::size_t>(
          hosts.size(), static_cast<std::size_t>(std::min(candidates_ - found, max_scan_ - scanned)) + kSlack);
      for (std::size_t i = 0; i < ahead; ++i) v.prefetch(hosts[i]);
      for (HostId h : hosts) {
        if (++scanned > max_scan_) break;
        if (!v.feasible(h)) continue;
        best.offer(h, leftover(v, h));
        if (++found >= candidates_) break;
      }
      if (best.any()) return best.best();
    }
    return first_feasible(v);
  }
  // In a range the scan scores every host (best_in_range): best-fit's choice only gets tighter.
  bool keeps_choice_in_range() const override { return tightest_; }

 private:
  static constexpr std::size_t kSlack = 4;  // infeasible hosts expected among the first ones
  bool tightest_;
  std::int64_t candidates_;
  std::int64_t max_scan_;
};

/// Borg-style: score `samples` feasible hosts drawn at random from the zone (looking
/// at most at `max_attempts` random hosts), then fall back to the exact search.
class Sampled final : public model::PlacementPolicy {
 public:
  Sampled(std::int64_t samples, std::int64_t attempts, bool tightest)
      : samples_(samples), attempts_(attempts), tightest_(tightest) {}
  std::string_view name() const override { return "sampled"; }

  HostId place(const PlacementView& v, core::Rng& rng) override {
    if (v.restricted()) return best_in_range(v, tightest_, rng);
    if (v.index().schedulable() == 0) return kNone;
    BestOf best(tightest_, rng);
    std::int64_t found = 0;
    for (std::int64_t a = 0; a < attempts_ && found < samples_; ++a) {
      const HostId h = v.first_host() + static_cast<HostId>(rng() % v.host_count());
      if (!v.feasible(h)) continue;
      best.offer(h, leftover(v, h));
      ++found;
    }
    return best.any() ? best.best() : first_feasible(v);
  }
  bool keeps_choice_in_range() const override { return tightest_; }

 private:
  std::int64_t samples_, attempts_;
  bool tightest_;
};

template <class P, class... A>
class Factory final : public model::PlacementFactory {
 public:
  explicit Factory(A... args) : args_(args...) {}
  std::unique_ptr<model::PlacementPolicy> make() const override {
    return std::apply([](auto... a) { return std::make_unique<P>(a...); }, args_);
  }

 private:
  std::tuple<A...> args_;
};

}  // namespace

void register_builtin_placement(PlacementRegistry& r) {
  r.add({"", "first-fit", "the lowest-numbered host that fits (segment tree over the zone's hosts)", {}},
        [](const Params&) { return std::make_unique<Factory<FirstFit>>(); });

  const ParamSpec candidates{"candidates", ParamType::Integer, "hosts", "16",
                             "feasible hosts scored in the best bucket before choosing", {}};
  const ParamSpec max_scan{"max_scan", ParamType::Integer, "hosts", "512",
                           "hosts examined before falling back to the exact first-fit search", {}};
  r.add({"", "best-fit", "bin packing: the host left with the least free cpu and memory", {candidates, max_scan}},
        [](const Params& p) {
          return std::make_unique<Factory<BucketScan, bool, std::int64_t, std::int64_t>>(
              true, std::max<std::int64_t>(1, p.integer("candidates")), std::max<std::int64_t>(1, p.integer("max_scan")));
        });
  r.add({"", "spread", "least allocated: the host left with the most free cpu and memory", {candidates, max_scan}},
        [](const Params& p) {
          return std::make_unique<Factory<BucketScan, bool, std::int64_t, std::int64_t>>(
              false, std::max<std::int64_t>(1, p.integer("candidates")), std::max<std::int64_t>(1, p.integer("max_scan")));
        });
  r.add({"",
         "sampled",
         "Borg-style: score k random feasible hosts of the zone",
         {{"k", ParamType::Integer, "hosts", "8", "feasible hosts to score", {}},
          {"max_attempts", ParamType::Integer, "hosts", "64", "random hosts to look at before the exact fallback", {}},
          {"score", ParamType::Text, "", "spread", "how to score the sample", {"spread", "best-fit"}}}},
        [](const Params& p) {
          return std::make_unique<Factory<Sampled, std::int64_t, std::int64_t, bool>>(
              std::max<std::int64_t>(1, p.integer("k")), std::max<std::int64_t>(1, p.integer("max_attempts")),
              p.text("score") == "best-fit");
        });
}

}  // namespace fleetsim::policies
