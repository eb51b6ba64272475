#!/usr/bin/env bash
# One-step set-up for fleetsim on Debian (bookworm or later), as root or with sudo:
# installs the Debian packages the project needs (idempotent: apt-get runs only
# when a package is missing), then configures and builds a Release tree in build/.
#
#   ./setup.sh                 install + configure + build (build/)
#   BUILD_DIR=b ./setup.sh     another build directory
#   BUILD_TYPE=Asan ./setup.sh sanitizer builds: Asan (ASan+UBSan), Tsan, Debug
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev libboost-random-dev libtbb-dev libhdf5-dev libyaml-cpp-dev
  zlib1g-dev catch2 libopenmpi-dev openmpi-bin
  python3 python3-numpy python3-h5py python3-pandas python3-scipy python3-matplotlib python3-jsonschema python3-yaml
  prometheus
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

build_dir=${BUILD_DIR:-build}
build_type=${BUILD_TYPE:-Release}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
