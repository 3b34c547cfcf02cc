#!/usr/bin/env bash
# Dask cluster image, after cloud-init (packer/user-data/dask*.cloud-init.yaml) installed Docker and
# pulled the image named in /etc/dask/image.env: checks that image is in Docker's cache, lets the
# login user (ubuntu) run Docker, and removes what the build leaves (cloud-init's state, so every instance of
# the AMI runs its own user data; the machine id; package caches; logs).
set -euo pipefail

readonly IMAGE_ENV=/etc/dask/image.env

step() { echo "dask.sh: $*"; }
error() { echo "dask.sh: $*" >&2; }
fail() {
  error "$@"
  exit 1
}

run() {
  local status=0
  "$@" 2>&1 || status=$?
  if ((status != 0)); then fail "'$*' exited with status $status (its output is above)"; fi
}

# The DASK_IMAGE an env file names (KEY=VALUE lines, as the cloud-init file writes it), or fails.
dask_image_of() {
  local file="$1" key value image=""
  [[ -r "$file" ]] || {
    error "$file is missing: the user data (packer/user-data/dask*.cloud-init.yaml) writes it"
    return 1
  }
  while IFS='=' read -r key value || [[ -n "$key" ]]; do
    [[ "$key" == DASK_IMAGE ]] && image="$value"
  done <"$file"
  [[ -n "$image" ]] || {
    error "$file names no DASK_IMAGE"
    return 1
  }
  [[ "$image" == *:* || "$image" == *@sha256:* ]] || {
    error "DASK_IMAGE '$image' has no tag: pin it (image:tag or image@sha256:digest)"
    return 1
  }
  echo "$image"
}

main() {
  if ((EUID != 0)); then exec sudo bash "$0" "$@"; fi
  local image
  image=$(dask_image_of "$IMAGE_ENV")
  docker image inspect "$image" >/dev/null 2>&1 ||
    fail "$image is not in Docker's cache: cloud-init's docker pull did not happen (see /var/log/cloud-init-output.log)"
  step "$image is in Docker's cache"
  # Ubuntu's login user, on the Ubuntu server image and the Deep Learning AMI alike.
  if id ubuntu >/dev/null 2>&1; then run usermod -aG docker ubuntu; fi
  step "removing cloud-init's state, the machine id, package caches and logs"
  run cloud-init clean --logs
  truncate -s 0 /etc/machine-id
  run apt-get clean
  find /var/log -type f \( -name '*.log' -o -name '*.gz' -o -name '*.[0-9]' \) -delete
  journalctl --vacuum-time=1s >/dev/null 2>&1 || true
  rm -f /root/.bash_history /home/*/.bash_history
  step "done"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
