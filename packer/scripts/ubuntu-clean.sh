#!/usr/bin/env bash
# The last step of an Ubuntu image: nothing of the build stays for the instances made from it. No
# package caches or lists, no SSH host keys (each instance makes its own), no shell history, no
# cloud-init state or machine id (so cloud-init runs again on first boot), no logs of the build, and
# none of the files ami-matrix uploaded for requiresFiles (the template removes their folder too).
#
# Progress goes to stdout as "ubuntu-clean.sh: ..." lines; only this script's own error goes to stderr.
set -euo pipefail

step() { echo "ubuntu-clean.sh: $*"; }
fail() {
  echo "ubuntu-clean.sh: $*" >&2
  exit 1
}

run() {
  local status=0
  "$@" 2>&1 || status=$?
  if ((status != 0)); then fail "'$*' exited with status $status (its output is above)"; fi
}

main() {
  if ((EUID != 0)); then exec sudo --preserve-env=REQUIRED_FILES_DIR bash "$0" "$@"; fi
  export DEBIAN_FRONTEND=noninteractive
  step "removing packages nothing needs and the package caches"
  run apt-get -y autoremove --purge
  run apt-get clean
  rm -rf /var/lib/apt/lists/*
  if [[ -n "${REQUIRED_FILES_DIR:-}" ]]; then
    step "removing the uploaded files in $REQUIRED_FILES_DIR"
    rm -rf "$REQUIRED_FILES_DIR"
  fi
  step "removing SSH host keys, shell history, cloud-init state, the machine id and logs"
  rm -f /etc/ssh/ssh_host_*key* /root/.bash_history /home/*/.bash_history
  run cloud-init clean --logs --machine-id
  run journalctl --rotate
  run journalctl --vacuum-time=1s
  find /var/log -type f \( -name '*.gz' -o -name '*.[0-9]' \) -delete
  find /var/log -type f -exec truncate --size=0 {} +
  step "done"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
