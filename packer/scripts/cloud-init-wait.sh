#!/usr/bin/env bash
# Waits until cloud-init has run the image's user data (packer/user-data/*.cloud-init.yaml) to the end,
# so nothing it installs is still half done when the AMI is made, and fails with its errors if it
# failed. Packer's SSH is up long before cloud-init is done: apt, Docker and an image pull take minutes.
set -euo pipefail

readonly BOOT_FINISHED=/var/lib/cloud/instance/boot-finished

step() { echo "cloud-init-wait.sh: $*"; }
fail() {
  echo "cloud-init-wait.sh: $*" >&2
  exit 1
}

# `cloud-init status --wait` exits 0 when done, 1 on an error, 2 on recoverable errors (cloud-init 23.4
# and later: deprecations, a warning of a module); prints what the exit status means here.
status_meaning() {
  case "$1" in
  0) echo "done" ;;
  2) echo degraded ;;
  *) echo failed ;;
  esac
}

main() {
  if ((EUID != 0)); then exec sudo bash "$0" "$@"; fi
  command -v cloud-init >/dev/null || fail "cloud-init is not installed, so the user data never ran"
  step "waiting for cloud-init to finish the user data"
  local status=0
  cloud-init status --wait >/dev/null || status=$?
  case "$(status_meaning "$status")" in
  done) step "cloud-init finished" ;;
  degraded)
    step "cloud-init finished with recoverable errors:"
    cloud-init status --long 2>&1 || true
    ;;
  failed)
    cloud-init status --long 2>&1 || true
    tail -n 30 /var/log/cloud-init-output.log 2>/dev/null || true
    fail "cloud-init failed (status $status): its errors and the last lines of /var/log/cloud-init-output.log are above"
    ;;
  esac
  [[ -f "$BOOT_FINISHED" ]] || fail "cloud-init reports done but $BOOT_FINISHED is missing"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
