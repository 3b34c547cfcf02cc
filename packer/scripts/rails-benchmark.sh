#!/usr/bin/env bash
# The Rails benchmark image's load tester, database and application, all on one Ubuntu 24.04 instance:
# wrk, PostgreSQL and Ruby from Ubuntu's own archive (pinned by the release and the versions below), and
# a Rails app generated with a pinned Rails, backed by PostgreSQL, seeded and ready for Passenger
# (passenger.sh serves it). Versions come from the matrix's variables:
#
#   RUBY_VERSION        Ubuntu's ruby package series, e.g. 3.2 (noble's)
#   RAILS_VERSION       the rails gem, exactly, e.g. 8.0.4
#   POSTGRESQL_VERSION  Ubuntu's postgresql-N package, e.g. 16 (noble's)
#
# Progress goes to stdout as "rails-benchmark.sh: ..." lines with the tools' own output, so the first
# line on stderr, which ami-matrix shows for a failed build, is this script's own error message.
set -euo pipefail

APP_USER=bench
APP_DIR=/srv/rails-benchmark/app
SEED_ROWS=10000

step() { echo "rails-benchmark.sh: $*"; }
error() { echo "rails-benchmark.sh: $*" >&2; }
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

# The same, as the application's user, in its folder, with a login-free environment.
as_app() {
  run sudo -u "$APP_USER" -H env -C "$APP_DIR" "$@"
}

# Succeeds on Ubuntu 24.04 alone; anything else is named, with what to use instead.
check_os() {
  local file="$1" key value id="" version=""
  [[ -r "$file" ]] || fail "cannot read $file, so the OS is unknown; this image is built from Ubuntu 24.04 LTS"
  while IFS='=' read -r key value || [[ -n "$key" ]]; do
    value="${value%\"}"
    value="${value#\"}"
    case "$key" in
    ID) id="$value" ;;
    VERSION_ID) version="$value" ;;
    esac
  done <"$file"
  [[ "$id/$version" == ubuntu/24.04 ]] ||
    fail "unsupported OS '${id:-unknown} ${version:-unknown}': build this image from Ubuntu 24.04 LTS, e.g. the source AMI name ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"
}

# Each variable the matrix must give, and in the form this script uses it.
check_settings() {
  [[ "${RUBY_VERSION:-}" =~ ^[0-9]+\.[0-9]+$ ]] || fail "RUBY_VERSION must be Ubuntu's ruby series such as 3.2 (matrix variable ruby_version), got '${RUBY_VERSION:-}'"
  [[ "${RAILS_VERSION:-}" =~ ^[0-9]+(\.[0-9]+){2,3}$ ]] || fail "RAILS_VERSION must be an exact rails gem version such as 8.0.4 (matrix variable rails_version), got '${RAILS_VERSION:-}'"
  [[ "${POSTGRESQL_VERSION:-}" =~ ^[0-9]+$ ]] || fail "POSTGRESQL_VERSION must be a PostgreSQL major version such as 16 (matrix variable postgresql_version), got '${POSTGRESQL_VERSION:-}'"
}

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  step "applying updates from Ubuntu's archive"
  run apt-get update
  run apt-get -y -o Dpkg::Options::=--force-confold upgrade
  step "installing wrk, PostgreSQL ${POSTGRESQL_VERSION} and Ruby ${RUBY_VERSION} from Ubuntu's archive"
  run apt-get -y install --no-install-recommends \
    wrk \
    "postgresql-${POSTGRESQL_VERSION}" "postgresql-client-${POSTGRESQL_VERSION}" libpq-dev \
    "ruby${RUBY_VERSION}" "ruby${RUBY_VERSION}-dev" ruby-bundler \
    build-essential pkg-config libyaml-dev zlib1g-dev libffi-dev \
    ca-certificates curl git tzdata
  local ruby
  ruby=$(ruby -e 'print RUBY_VERSION')
  [[ "$ruby" == "$RUBY_VERSION".* ]] || fail "ruby is $ruby, not ${RUBY_VERSION}.x: another ruby comes first on PATH"
}

# The application's role owns its database and connects over the local socket (peer authentication),
# so the image holds no database password.
prepare_database() {
  step "creating the $APP_USER user and its PostgreSQL role"
  id -u "$APP_USER" >/dev/null 2>&1 || run useradd --system --create-home --shell /bin/bash "$APP_USER"
  run systemctl enable --now "postgresql@${POSTGRESQL_VERSION}-main"
  if [[ -z "$(sudo -u postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$APP_USER'")" ]]; then
    run sudo -u postgres createuser --createdb "$APP_USER"
  fi
}

# A minimal Rails app with one scaffolded resource, seeded, precompiled and migrated for production.
create_app() {
  step "installing rails ${RAILS_VERSION}"
  run gem install rails --version "$RAILS_VERSION" --no-document
  step "generating the benchmark app in $APP_DIR"
  rm -rf "$APP_DIR"
  mkdir -p "$(dirname "$APP_DIR")"
  install -d -o "$APP_USER" -g "$APP_USER" "$APP_DIR"
  # The app's gems go in the app's own folder; the Gemfile.lock made here is kept in the image.
  as_app BUNDLE_PATH=vendor/bundle rails "_${RAILS_VERSION}_" new . \
    --name=bench --database=postgresql --minimal --skip-git --skip-test --force
  as_app BUNDLE_PATH=vendor/bundle bin/rails generate scaffold Post title:string body:text
  # Plain HTTP on the instance: the load tester talks to Nginx directly, without TLS.
  sed -i -E 's/^([[:space:]]*)#?[[:space:]]*config\.(force_ssl|assume_ssl) = true/\1config.\2 = false/' \
    "$APP_DIR/config/environments/production.rb"
  step "creating, migrating and seeding the production database with $SEED_ROWS posts"
  as_app BUNDLE_PATH=vendor/bundle RAILS_ENV=production bin/rails db:prepare
  as_app BUNDLE_PATH=vendor/bundle RAILS_ENV=production bin/rails runner \
    "Post.delete_all; Post.insert_all!(Array.new($SEED_ROWS) { |i| { title: \"Post #{i}\", body: \"Body of post #{i}. \" * 20, created_at: Time.now, updated_at: Time.now } })"
  as_app BUNDLE_PATH=vendor/bundle RAILS_ENV=production SECRET_KEY_BASE_DUMMY=1 bin/rails assets:precompile
  # Bundler's settings for whoever runs the app later (Passenger, a console).
  as_app bundle config set --local path vendor/bundle
}

main() {
  if ((EUID != 0)); then exec sudo --preserve-env=RUBY_VERSION,RAILS_VERSION,POSTGRESQL_VERSION bash "$0" "$@"; fi
  check_os /etc/os-release
  check_settings
  install_packages
  prepare_database
  create_app
  step "done"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
