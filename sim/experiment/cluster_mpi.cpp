/// The MPI cluster (built only when CMake finds MPI): MPI_Init_thread with
/// MPI_THREAD_FUNNELED (only the main thread calls MPI; oneTBB workers never do),
/// Gatherv of byte strings to rank 0, Bcast back, MPI_Finalize at the end.

// The C API only: Open MPI and MPICH would otherwise pull in their deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <climits>
#include <cstdint>
#include <stdexcept>

#include "sim/experiment/cluster.hpp"

namespace fleetsim::experiment {

namespace {

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

int as_count(std::size_t n) {
  if (n > static_cast<std::size_t>(INT_MAX)) throw std::runtime_error("MPI: message over 2 GiB");
  return static_cast<int>(n);
}

class MpiCluster final : public Cluster {
 public:
  MpiCluster() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) {
      int provided = 0;
      check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
      owns_ = true;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm local;
    check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &local),
          "MPI_Comm_split_type");
    MPI_Comm_size(local, &local_size_);
    MPI_Comm_free(&local);
  }
  ~MpiCluster() override {
    if (owns_) MPI_Finalize();
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int local_size() const override { return local_size_; }

  std::vector<std::string> gather(const std::string& mine) override {
    const int n = as_count(mine.size());
    std::vector<int> counts(rank_ == 0 ? size_ : 0);
    check(MPI_Gather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Gather");
    std::vector<int> displs(counts.size());
    std::size_t total = 0;
    for (std::size_t r = 0; r < counts.size(); ++r) {
      displs[r] = as_count(total);
      total += static_cast<std::size_t>(counts[r]);
    }
    std::string all(total, '\0');
    check(MPI_Gatherv(mine.data(), n, MPI_BYTE, all.data(), counts.data(), displs.data(), MPI_BYTE,
                      0, MPI_COMM_WORLD),
          "MPI_Gatherv");
    std::vector<std::string> out;
    for (std::size_t r = 0; r < counts.size(); ++r) {
      out.push_back(all.substr(static_cast<std::size_t>(displs[r]), static_cast<std::size_t>(counts[r])));
    }
    return out;
  }

  std::string broadcast(const std::string& mine) override {
    std::uint64_t n = rank_ == 0 ? mine.size() : 0;
    check(MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
    std::string data = rank_ == 0 ? mine : std::string(static_cast<std::size_t>(n), '\0');
    check(MPI_Bcast(data.data(), as_count(data.size()), MPI_BYTE, 0, MPI_COMM_WORLD), "MPI_Bcast");
    return data;
  }

  std::string describe() const override { return "MPI, " + std::to_string(size_) + " ranks"; }

 private:
  int rank_ = 0, size_ = 1, local_size_ = 1;
  bool owns_ = false;
};

}  // namespace

std::unique_ptr<Cluster> mpi_cluster() { return std::make_unique<MpiCluster>(); }

}  // namespace fleetsim::experiment
