#pragma once
/// The processes a distributed experiment runs on: one (this process) or the ranks of an
/// MPI job started with `mpirun -np N fleetsim ...`. Only collective byte transfers are
/// offered, which is all the experiment layer needs: every rank runs its deterministic
/// share of the runs, rank 0 gathers the results and broadcasts them back so that all
/// ranks take the same decisions. MPI is called from the main thread only.

#include <memory>
#include <string>
#include <vector>

namespace fleetsim::experiment {

class Cluster {
 public:
  virtual ~Cluster() = default;
  virtual int rank() const = 0;  ///< 0 .. size-1; rank 0 writes files and prints
  virtual int size() const = 0;  ///< >= 1
  /// Ranks on this machine (to share its cores); 1 for a single process.
  virtual int local_size() const = 0;
  /// Collective: rank 0 gets every rank's bytes in rank order; other ranks get nothing.
  virtual std::vector<std::string> gather(const std::string& mine) = 0;
  /// Collective: every rank gets rank 0's bytes (`mine` is ignored elsewhere).
  virtual std::string broadcast(const std::string& mine) = 0;
  /// "MPI, 4 ranks" or "single process", for messages.
  virtual std::string describe() const = 0;
};

/// The single-process cluster.
std::unique_ptr<Cluster> local_cluster();

/// An MPI cluster when fleetsim was built with MPI and this process was started by an MPI
/// launcher (mpirun/mpiexec/srun set the usual environment variables); the local cluster
/// otherwise. MPI is initialised here and finalised when the returned object dies, so
/// make at most one per process.
std::unique_ptr<Cluster> make_cluster();

/// True when this build has MPI support.
bool built_with_mpi();

/// True when the environment says an MPI launcher started this process.
bool launched_by_mpi();

}  // namespace fleetsim::experiment
