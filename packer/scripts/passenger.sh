#!/usr/bin/env bash
# Nginx with Passenger serving the benchmark app that rails-benchmark.sh made, from Phusion's APT
# repository: open-source Passenger, or Passenger Enterprise with the license and download token the
# matrix's requiresFiles uploads. Ends with a short wrk run against the app, so an image that cannot
# serve is never snapshotted. Settings come from the matrix's variables:
#
#   PASSENGER_EDITION   oss or enterprise
#   PASSENGER_VERSION   a Passenger release or series, e.g. 6.0.27 or 6.0: the newest package of
#                       Phusion's repository whose version starts with it is installed, and kept there
#   REQUIRED_FILES_DIR  (enterprise, set by ami-matrix) where passenger-enterprise-license and
#                       passenger-download-token were uploaded
#
# The download token is never printed, never on a command line, and not left in the image: apt reads
# it from an auth.conf.d file that is removed once the packages are installed.
set -euo pipefail

APP_DIR=/srv/rails-benchmark/app
PHUSION_KEY_URL=https://oss-binaries.phusionpassenger.com/auto-software-signing-gpg-key.txt
OSS_REPO=https://oss-binaries.phusionpassenger.com/apt/passenger
ENTERPRISE_HOST=www.phusionpassenger.com/enterprise_apt
LICENSE_FILE=/etc/passenger-enterprise-license
AUTH_FILE=/etc/apt/auth.conf.d/passenger-enterprise.conf

step() { echo "passenger.sh: $*"; }
error() { echo "passenger.sh: $*" >&2; }
fail() {
  error "$@"
  exit 1
}

run() {
  local status=0
  "$@" 2>&1 || status=$?
  if ((status != 0)); then fail "'$*' exited with status $status (its output is above)"; fi
}

check_settings() {
  case "${PASSENGER_EDITION:-}" in
  oss | enterprise) ;;
  *) fail "PASSENGER_EDITION must be oss or enterprise (matrix variable passenger_edition), got '${PASSENGER_EDITION:-}'" ;;
  esac
  [[ "${PASSENGER_VERSION:-}" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] ||
    fail "PASSENGER_VERSION must be a Passenger release or series such as 6.0.27 or 6.0 (matrix variable passenger_version), got '${PASSENGER_VERSION:-}'"
  [[ -f "$APP_DIR/config.ru" ]] || fail "no Rails app in $APP_DIR: scripts/rails-benchmark.sh must run before this script"
}

# The Enterprise files the matrix uploaded; the license is installed where Passenger Enterprise reads it.
install_license() {
  local dir="${REQUIRED_FILES_DIR:-}"
  [[ -n "$dir" && -r "$dir/passenger-enterprise-license" && -r "$dir/passenger-download-token" ]] ||
    fail "Passenger Enterprise needs passenger-enterprise-license and passenger-download-token in \$REQUIRED_FILES_DIR; list them in the image's requiresFiles"
  step "installing the Passenger Enterprise license as $LICENSE_FILE"
  install -o root -g root -m 0644 "$dir/passenger-enterprise-license" "$LICENSE_FILE"
}

# The token as apt's auth.conf wants it; only bash builtins touch it, so it is in no process's arguments.
write_token_auth() {
  local token
  token=$(<"${REQUIRED_FILES_DIR}/passenger-download-token")
  token="${token//[[:space:]]/}"
  [[ -n "$token" ]] || fail "passenger-download-token is empty: put the download token from the Passenger Enterprise Customer Area in it"
  install -d -m 0755 "$(dirname "$AUTH_FILE")"
  (
    umask 077
    printf 'machine %s\nlogin download\npassword %s\n' "$ENTERPRISE_HOST" "$token" >"$AUTH_FILE"
  )
}

add_repository() {
  local edition="$1" list=/etc/apt/sources.list.d/passenger.list
  step "adding Phusion's APT repository ($edition) and its signing key"
  export DEBIAN_FRONTEND=noninteractive
  run apt-get -y install --no-install-recommends ca-certificates curl gnupg nginx
  local key
  key=$(mktemp)
  run curl --fail --silent --show-error --location --retry 5 --proto '=https' --output "$key" "$PHUSION_KEY_URL"
  gpg --dearmor <"$key" >/etc/apt/trusted.gpg.d/phusion.gpg || fail "$PHUSION_KEY_URL is not a PGP key"
  rm -f "$key"
  if [[ "$edition" == enterprise ]]; then
    write_token_auth
    echo "deb https://${ENTERPRISE_HOST} noble main" >"$list"
  else
    echo "deb ${OSS_REPO} noble main" >"$list"
  fi
  run apt-get update
}

# The first of VERSIONS (one a line, newest first, as apt-cache madison lists them) that is the release
# or series PREFIX: 6.0 and 6.0.27 match 1:6.0.27-1~noble1, 6.0.2 does not. Prints nothing if none does.
matching_version() {
  local prefix="$1" versions="$2"
  grep -E "^([0-9]+:)?${prefix//./\\.}([.-]|$)" <<<"$versions" | head -n 1 || true
}

# The newest version of PACKAGE that matches PASSENGER_VERSION, pinned so an upgrade on the instance
# keeps to it; none is a message naming what there is.
pin_version() {
  local package="$1" versions version
  versions=$(apt-cache madison "$package" | awk -F' [|] ' '{print $2}')
  version=$(matching_version "$PASSENGER_VERSION" "$versions")
  [[ -n "$version" ]] ||
    fail "no $package ${PASSENGER_VERSION} in Phusion's repository for noble; it has: $(tr '\n' ' ' <<<"$versions")(set the matrix variable passenger_version)"
  printf 'Package: %s\nPin: version %s\nPin-Priority: 1001\n' "$package" "$version" >"/etc/apt/preferences.d/$package"
  echo "$version"
}

install_passenger() {
  local edition="$1" core module version
  if [[ "$edition" == enterprise ]]; then
    core=passenger-enterprise module=libnginx-mod-http-passenger-enterprise
  else
    core=passenger module=libnginx-mod-http-passenger
  fi
  version=$(pin_version "$core")
  pin_version "$module" >/dev/null
  step "installing $core and $module $version with Ubuntu's Nginx"
  run apt-get -y install --no-install-recommends "$core=$version" "$module=$version"
  # The package enables its module; Phusion's instructions make sure of it.
  local load
  for load in /usr/share/nginx/modules-available/mod-http-passenger*.load; do
    [[ -e "$load" ]] || fail "$module installed no Nginx module under /usr/share/nginx/modules-available"
    [[ -e "/etc/nginx/modules-enabled/50-$(basename "$load" .load).conf" ]] ||
      ln -s "$load" "/etc/nginx/modules-enabled/50-$(basename "$load" .load).conf"
  done
  run /usr/bin/passenger-config validate-install --auto
}

configure_site() {
  step "serving $APP_DIR with Passenger on port 80"
  rm -f /etc/nginx/sites-enabled/default
  cat >/etc/nginx/sites-available/rails-benchmark <<EOF
server {
  listen 80 default_server;
  server_name _;
  root ${APP_DIR}/public;
  passenger_enabled on;
  passenger_app_env production;
  passenger_ruby /usr/bin/ruby;
  passenger_min_instances 2;
}
EOF
  ln -sfn /etc/nginx/sites-available/rails-benchmark /etc/nginx/sites-enabled/rails-benchmark
  run nginx -t
  run systemctl enable nginx
  run systemctl restart nginx
}

# The image works end to end before it is kept: Nginx, Passenger, Rails, PostgreSQL and wrk.
smoke_test() {
  step "checking the app answers, then a 5-second wrk run"
  local code
  code=$(curl --silent --output /dev/null --write-out '%{http_code}' --retry 10 --retry-connrefused --retry-delay 2 http://127.0.0.1/posts) || true
  [[ "$code" == 200 ]] || fail "http://127.0.0.1/posts answered ${code:-nothing}, not 200: see /var/log/nginx/error.log"
  run wrk --threads 2 --connections 8 --duration 5s http://127.0.0.1/posts
}

# What the build needed and the image must not keep: the token's auth file and the Enterprise source.
forget_token() {
  rm -f "$AUTH_FILE" /etc/apt/sources.list.d/passenger.list
  run apt-get update
}

main() {
  if ((EUID != 0)); then
    exec sudo --preserve-env=PASSENGER_EDITION,PASSENGER_VERSION,REQUIRED_FILES_DIR bash "$0" "$@"
  fi
  check_settings
  if [[ "$PASSENGER_EDITION" == enterprise ]]; then install_license; fi
  add_repository "$PASSENGER_EDITION"
  install_passenger "$PASSENGER_EDITION"
  if [[ "$PASSENGER_EDITION" == enterprise ]]; then forget_token; fi
  configure_site
  smoke_test
  step "done: $(/usr/bin/passenger --version | head -n 1)"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
