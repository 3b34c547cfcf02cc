#!/usr/bin/env bash
# Base image for the Spark launcher's clusters: security patches, Python 3.11, Java 8, pssh, Ganglia
# where the OS still has it, and the tools the launcher runs on every node. It runs on Amazon Linux 2023
# (HVM) and on Amazon Linux AMI 2018.03 (PV, the last PV Amazon Linux); the README says why each
# package comes from where it does. No archived repository (EPEL 7) is used.
#
# Progress goes to stdout as "base.sh: ..." lines and the tools' own output is kept there too, so the
# first line on stderr, which ami-matrix shows for a failed build, is this script's own error message.
set -euo pipefail

# Downloads pinned by version and SHA-256, checked before anything is unpacked.
PSSH_VERSION=2.3.6
PSSH_URL="https://github.com/lilydjwg/pssh/archive/refs/tags/v${PSSH_VERSION}.tar.gz"
PSSH_SHA256=dfe1b898e483377213b44b8316a81fd6e1bbe427e1607e76be18366071c04c85
PYTHON_VERSION=3.11.14
PYTHON_BUILD=20251014
PYTHON_URL="https://github.com/astral-sh/python-build-standalone/releases/download/${PYTHON_BUILD}/cpython-${PYTHON_VERSION}%2B${PYTHON_BUILD}-x86_64-unknown-linux-gnu-install_only.tar.gz"
PYTHON_SHA256=d0623c777fb89b904b56cd5aba51af29cbb34b1f9d45f0672f90f6dce30fa93e

step() { echo "base.sh: $*"; }
error() { echo "base.sh: $*" >&2; }
fail() {
  error "$@"
  exit 1
}

# Runs a command with its stderr folded into stdout; a failure becomes one line on stderr.
run() {
  local status=0
  "$@" 2>&1 || status=$?
  if ((status != 0)); then fail "'$*' exited with status $status (its output is above)"; fi
}

# Prints al2023 or al1 for the OS an os-release file describes, or fails saying what is supported.
os_family() {
  local file="$1" key value id="" version=""
  [[ -r "$file" ]] || {
    error "cannot read $file, so the OS is unknown; this script supports Amazon Linux 2023 and Amazon Linux AMI 2018.03"
    return 1
  }
  while IFS='=' read -r key value || [[ -n "$key" ]]; do
    value="${value%\"}"
    value="${value#\"}"
    case "$key" in
    ID) id="$value" ;;
    VERSION_ID) version="$value" ;;
    esac
  done <"$file"
  case "$id/$version" in
  amzn/2023) echo al2023 ;;
  amzn/2018.03) echo al1 ;;
  amzn/2)
    error "Amazon Linux 2 is not supported (its pssh and Ganglia came from the archived EPEL 7): use Amazon Linux 2023 for HVM, e.g. the source AMI name al2023-ami-2023.*-x86_64"
    return 1
    ;;
  *)
    error "unsupported OS '${id:-unknown} ${version:-unknown}': this script supports Amazon Linux 2023 (HVM) and Amazon Linux AMI 2018.03 (PV)"
    return 1
    ;;
  esac
}

# Downloads URL to DEST and keeps it only if its SHA-256 is the pinned one.
fetch_pinned() {
  local url="$1" sha256="$2" dest="$3" message actual
  if ! message=$(curl --fail --silent --show-error --location --retry 5 --retry-delay 2 \
    --proto '=https,file' --proto-redir '=https' --output "$dest" "$url" 2>&1); then
    message="${message##*$'\n'}" # curl repeats its error once per retry
    rm -f "$dest"
    error "could not download $url: $message"
    return 1
  fi
  actual=$(sha256sum "$dest")
  actual="${actual%% *}"
  if [[ "$actual" != "$sha256" ]]; then
    rm -f "$dest"
    error "checksum mismatch for $url: expected SHA-256 $sha256, got $actual"
    return 1
  fi
}

install_packages_al2023() {
  step "applying security updates within this Amazon Linux 2023 release"
  run dnf -y upgrade --security
  step "installing packages from the Amazon Linux 2023 repositories"
  # curl-minimal is already there: the full curl package would conflict with it.
  run dnf -y install \
    python3.11 python3.11-pip \
    java-1.8.0-amazon-corretto-devel \
    git rsync screen tmux htop sysstat xfsprogs mdadm unzip wget tar gzip
}

install_packages_al1() {
  step "applying security updates from the Amazon Linux AMI 2018.03 repositories"
  run yum -y update --security
  step "installing packages from the Amazon Linux AMI 2018.03 repositories"
  local packages=(
    java-1.8.0-openjdk-devel
    ganglia ganglia-gmond ganglia-gmetad ganglia-web httpd
    git rsync screen tmux htop sysstat xfsprogs mdadm unzip wget curl tar gzip
  )
  run yum -y install "${packages[@]}"
  # yum 3 reports a missing package and still exits 0 when it installed the others.
  local missing=() package
  for package in "${packages[@]}"; do
    rpm -q "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then fail "not installed, no longer in the Amazon Linux AMI repositories: ${missing[*]}"; fi
  # The launcher starts gmond and gmetad itself, with a cluster-specific configuration.
  run chkconfig gmond off
  run chkconfig gmetad off
}

# Python 3.6 is AL1's newest, too old for PySpark 3.5: a standalone CPython built for glibc 2.17.
install_python_al1() {
  local workdir="$1" dest="/opt/python-${PYTHON_VERSION}"
  step "installing Python ${PYTHON_VERSION} (python-build-standalone ${PYTHON_BUILD}) in $dest"
  fetch_pinned "$PYTHON_URL" "$PYTHON_SHA256" "$workdir/python.tar.gz"
  rm -rf "$dest"
  mkdir -p "$dest"
  run tar -xzf "$workdir/python.tar.gz" -C "$dest" --strip-components=1
  ln -sfn "$dest/bin/python3.11" /usr/local/bin/python3.11
  ln -sfn "$dest/bin/python3.11" /usr/local/bin/python3
  run /usr/local/bin/python3.11 -c 'import ctypes, sqlite3, ssl, zlib'
}

# pssh from its pinned upstream release, run by PYTHON; the commands keep EPEL's names.
install_pssh() {
  local workdir="$1" python="$2" dest="/opt/pssh-${PSSH_VERSION}" tool
  step "installing pssh ${PSSH_VERSION} in $dest"
  fetch_pinned "$PSSH_URL" "$PSSH_SHA256" "$workdir/pssh.tar.gz"
  rm -rf "$dest"
  mkdir -p "$dest"
  run tar -xzf "$workdir/pssh.tar.gz" -C "$dest" --strip-components=1
  [[ -f "$dest/bin/pssh" && -d "$dest/psshlib" ]] || fail "pssh ${PSSH_VERSION}'s archive has no bin/pssh or psshlib/: check PSSH_URL"
  # The tools find psshlib next to their own folder, so they run from $dest under a fixed interpreter.
  sed -i "1s|^#!.*|#!${python}|" "$dest"/bin/*
  chmod 0755 "$dest"/bin/*
  for tool in pssh pscp prsync pnuke pslurp; do
    printf '#!/bin/sh\nexec "%s" "$@"\n' "$dest/bin/$tool" >"/usr/local/bin/$tool"
    chmod 0755 "/usr/local/bin/$tool"
  done
  ln -sfn pscp /usr/local/bin/pscp.pssh
  run /usr/local/bin/pssh --version
}

configure_ssh_and_limits() {
  local family="$1"
  step "allowing key-only root login over SSH, which is how the launcher drives the cluster"
  if [[ "$family" == al2023 ]]; then
    # sshd keeps the first value it reads, and AL2023's sshd_config includes this folder first.
    grep -q '^Include /etc/ssh/sshd_config.d/' /etc/ssh/sshd_config ||
      fail "/etc/ssh/sshd_config does not include /etc/ssh/sshd_config.d/, so root login cannot be set there"
    echo 'PermitRootLogin prohibit-password' >/etc/ssh/sshd_config.d/10-cluster-root-login.conf
  elif grep -q '^#\?PermitRootLogin' /etc/ssh/sshd_config; then
    sed -i 's/^#\?PermitRootLogin.*/PermitRootLogin prohibit-password/' /etc/ssh/sshd_config
  else
    sed -i '1i PermitRootLogin prohibit-password' /etc/ssh/sshd_config
  fi
  run sshd -t
  step "raising open-file limits for large clusters"
  printf '* soft nofile 1000000\n* hard nofile 1000000\n' >/etc/security/limits.d/90-cluster.conf
}

# Leave no host keys, shell history, cloud-init state or package caches in the image.
clean_image() {
  local family="$1"
  step "removing host keys, shell history, cloud-init state and package caches"
  if [[ "$family" == al2023 ]]; then run dnf clean all; else run yum clean all; fi
  rm -f /etc/ssh/ssh_host_*key* /root/.bash_history /home/*/.bash_history
  rm -rf /var/lib/cloud/instances/*
}

main() {
  if ((EUID != 0)); then exec sudo bash "$0" "$@"; fi
  local family python
  family=$(os_family /etc/os-release)
  step "provisioning for $family"
  # Global, not local: the EXIT trap runs after main has returned.
  workdir=$(mktemp -d /var/tmp/base.XXXXXX)
  trap 'rm -rf "$workdir"' EXIT
  if [[ "$family" == al2023 ]]; then
    install_packages_al2023
    python=/usr/bin/python3.11
  else
    install_packages_al1
    install_python_al1 "$workdir"
    python=/usr/local/bin/python3.11
  fi
  install_pssh "$workdir" "$python"
  configure_ssh_and_limits "$family"
  clean_image "$family"
  step "done"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
