#pragma once
/// The one exception type of sim/io for failures of the outside world: a file that
/// cannot be created, written, renamed, or an HDF5 library error. Its message names
/// the path and carries the underlying reason (errno text or the HDF5 error chain).
/// Contract violations by the caller (mismatched sizes, bad names) are
/// std::invalid_argument; calls in the wrong order are std::logic_error.

#include <stdexcept>

namespace fleetsim::io {

/// An output file could not be produced; what() names the path and the reason.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace fleetsim::io
