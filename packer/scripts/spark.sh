#!/usr/bin/env bash
# Spark image: the base image plus one Spark and Hadoop release set in the matrix (SPARK_VERSION,
# HADOOP_VERSION), checked against Apache's SHA-512 and unpacked in /root/spark, configured for the
# Java and Python 3.11 that base.sh installs. SPARK_DOWNLOAD_BASE (matrix variable
# spark_download_base) may name a mirror with Apache's layout; the checksum is verified either way.
#
# Progress goes to stdout as "spark.sh: ..." lines; stderr carries only this script's error messages.
set -euo pipefail

DEFAULT_SPARK_DOWNLOAD_BASE=https://archive.apache.org/dist/spark
PYTHON_CANDIDATES=(/usr/bin/python3.11 /usr/local/bin/python3.11)

step() { echo "spark.sh: $*"; }
error() { echo "spark.sh: $*" >&2; }
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

# Prints, in lowercase hex, the SHA-512 that an Apache checksum file records for the file NAME.
# Apache has published two layouts: `sha512sum` output (`<hex>  NAME`) and, for older releases,
# `gpg --print-md SHA512` output (`NAME: 3A1F8B38 ...`, uppercase hex in groups over several lines).
apache_sha512() {
  local file="$1" name="$2" text listed digest
  local sha512sum_layout='^[[:space:]]*([0-9A-Fa-f]{128})[[:space:]]+\*?([^[:space:]]+)[[:space:]]*$'
  local gpg_layout='^[[:space:]]*([^[:space:]:]+):(([[:space:]]*[0-9A-Fa-f]+)+)[[:space:]]*$'
  text=$(tr -d '\r' <"$file") || {
    error "cannot read the checksum file $file"
    return 1
  }
  if [[ "$text" =~ $sha512sum_layout ]]; then
    digest="${BASH_REMATCH[1]}"
    listed="${BASH_REMATCH[2]}"
  elif [[ "$text" =~ $gpg_layout ]]; then
    listed="${BASH_REMATCH[1]}"
    digest="${BASH_REMATCH[2]//[[:space:]]/}"
  else
    error "$file is not a SHA-512 checksum in a layout Apache uses (sha512sum or gpg --print-md)"
    return 1
  fi
  if ((${#digest} != 128)); then
    error "$file holds ${#digest} hex digits, not the 128 of a SHA-512"
    return 1
  fi
  if [[ "${listed##*/}" != "$name" ]]; then
    error "$file is the checksum of ${listed##*/}, not of $name"
    return 1
  fi
  echo "${digest,,}"
}

# Succeeds when ARCHIVE's SHA-512 is the one its Apache checksum file records.
verify_sha512() {
  local archive="$1" checksum_file="$2" expected actual
  expected=$(apache_sha512 "$checksum_file" "${archive##*/}") || return 1
  actual=$(sha512sum "$archive") || return 1
  actual="${actual%% *}"
  if [[ "$actual" != "$expected" ]]; then
    error "checksum mismatch for ${archive##*/}: Apache's SHA-512 is $expected, the download's is $actual"
    return 1
  fi
}

download() {
  local url="$1" dest="$2" message
  if ! message=$(curl --fail --silent --show-error --location --retry 5 --retry-delay 2 \
    --proto '=https,file' --proto-redir '=https' --output "$dest" "$url" 2>&1); then
    message="${message##*$'\n'}" # curl repeats its error once per retry
    error "could not download $url: $message"
    return 1
  fi
}

# Downloads a Spark release and its .sha512 from BASE (Apache's layout) into DIR, verifies it and
# prints the archive's path. An archive that fails the check is deleted.
fetch_spark_release() {
  local base="${1%/}" version="$2" hadoop="$3" dir="$4"
  local name="spark-${version}-bin-hadoop${hadoop}.tgz"
  local url="${base}/spark-${version}/${name}"
  download "$url" "$dir/$name" || return 1
  download "$url.sha512" "$dir/$name.sha512" || {
    rm -f "$dir/$name"
    return 1
  }
  if ! verify_sha512 "$dir/$name" "$dir/$name.sha512"; then
    rm -f "$dir/$name" "$dir/$name.sha512"
    return 1
  fi
  echo "$dir/$name"
}

# The Python 3.11 that base.sh installs (PySpark 3.5 needs 3.8 or later and does not run on 3.12).
cluster_python() {
  local candidate
  for candidate in "${PYTHON_CANDIDATES[@]}"; do
    if [[ -x "$candidate" ]] && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 8))'; then
      echo "$candidate"
      return 0
    fi
  done
  error "no Python 3.8 or later at ${PYTHON_CANDIDATES[*]}: base.sh installs it, so list it before spark.sh in the matrix's scripts"
  return 1
}

# The JDK base.sh installed: OpenJDK's /usr/lib/jvm/java link (AL1) or where javac lives (Corretto).
java_home() {
  local javac
  if [[ -x /usr/lib/jvm/java/bin/javac ]]; then
    echo /usr/lib/jvm/java
    return 0
  fi
  javac=$(command -v javac) || {
    error "no javac on PATH: base.sh installs Java, so list it before spark.sh in the matrix's scripts"
    return 1
  }
  javac=$(readlink -f "$javac")
  echo "${javac%/bin/javac}"
}

install_spark() {
  local archive="$1" java="$2" python="$3" name
  name=$(basename "$archive" .tgz)
  step "unpacking $name in /root"
  rm -rf "/root/$name"
  run tar -xzf "$archive" -C /root
  [[ -f "/root/$name/conf/spark-env.sh.template" ]] || fail "$name has no conf/spark-env.sh.template: is it a Spark binary release?"
  ln -sfn "/root/$name" /root/spark
  cp /root/spark/conf/spark-env.sh.template /root/spark/conf/spark-env.sh
  printf 'export JAVA_HOME=%s\nexport PYSPARK_PYTHON=%s\n' "$java" "$python" >>/root/spark/conf/spark-env.sh
  cat >/etc/profile.d/spark.sh <<EOF
export SPARK_VERSION=${SPARK_VERSION}
export SPARK_HOME=/root/spark
export PYSPARK_PYTHON=${python}
export PATH="\$PATH:/root/spark/bin"
EOF
}

main() {
  if ((EUID != 0)); then
    exec sudo env "SPARK_VERSION=${SPARK_VERSION:-}" "HADOOP_VERSION=${HADOOP_VERSION:-}" \
      "SPARK_DOWNLOAD_BASE=${SPARK_DOWNLOAD_BASE:-}" bash "$0" "$@"
  fi
  [[ -n "${SPARK_VERSION:-}" ]] || fail "SPARK_VERSION is not set: set variables.spark_version in the matrix"
  [[ -n "${HADOOP_VERSION:-}" ]] || fail "HADOOP_VERSION is not set: set variables.hadoop_version in the matrix"
  local python java archive
  python=$(cluster_python)
  java=$(java_home)
  step "using Python $python and the JDK in $java"
  # Global, not local: the EXIT trap runs after main has returned.
  workdir=$(mktemp -d /var/tmp/spark.XXXXXX)
  trap 'rm -rf "$workdir"' EXIT
  step "downloading Spark ${SPARK_VERSION} for Hadoop ${HADOOP_VERSION} and checking its SHA-512"
  archive=$(fetch_spark_release "${SPARK_DOWNLOAD_BASE:-$DEFAULT_SPARK_DOWNLOAD_BASE}" \
    "$SPARK_VERSION" "$HADOOP_VERSION" "$workdir")
  install_spark "$archive" "$java" "$python"
  step "done"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
