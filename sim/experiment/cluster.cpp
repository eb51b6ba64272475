#include "sim/experiment/cluster.hpp"

#include <cstdlib>

namespace fleetsim::experiment {

#ifdef FLEETSIM_HAVE_MPI
std::unique_ptr<Cluster> mpi_cluster();  // cluster_mpi.cpp
#endif

namespace {

class LocalCluster final : public Cluster {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  int local_size() const override { return 1; }
  std::vector<std::string> gather(const std::string& mine) override { return {mine}; }
  std::string broadcast(const std::string& mine) override { return mine; }
  std::string describe() const override { return "single process"; }
};

}  // namespace

std::unique_ptr<Cluster> local_cluster() { return std::make_unique<LocalCluster>(); }

bool built_with_mpi() {
#ifdef FLEETSIM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

bool launched_by_mpi() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"}) {
    if (std::getenv(var) != nullptr) return true;
  }
  return false;
}

std::unique_ptr<Cluster> make_cluster() {
#ifdef FLEETSIM_HAVE_MPI
  if (launched_by_mpi()) return mpi_cluster();
#endif
  return local_cluster();
}

}  // namespace fleetsim::experiment
