#!/usr/bin/env bash
# GPU image for AWS Batch, on the newest ECS GPU-optimized Amazon Linux (2023, or 2): package updates
# that leave the kernel and the NVIDIA driver as the AMI pairs them, the job's image pulled from ECR,
# the ML models in /opt/ml/models (from an S3 prefix, or from URLs pinned by SHA-256), the ECS agent set
# for GPUs and cached images, and nothing of the build left in the image: no registry login, no agent
# state, no logs. A job then starts from the cached image in minutes instead of pulling ~17 GB.
#
# Inputs, from the matrix's userVariables (set in a --var-file): ECR_REGISTRY, IMAGE_REPOSITORY,
# IMAGE_TAG, and MODELS_S3_URI and/or MODEL_URLS ("https://host/model.onnx#sha256=HEX ...", separated by
# spaces or newlines). AWS access comes from the build instance's profile (iamInstanceProfile): no key
# passes through this script, and the registry password goes from `aws` to `docker` through a pipe.
#
# Progress goes to stdout as "gpu-batch.sh: ..." lines, the tools' own output too; the first line on
# stderr, which ami-matrix shows for a failed build, is this script's own error message.
set -euo pipefail

readonly MODELS_DIR=/opt/ml/models
readonly ECS_CONFIG=/etc/ecs/ecs.config
# The ECS GPU AMI builds its NVIDIA driver for its kernel: updating either alone breaks the GPU.
readonly PINNED_PACKAGES=(kernel\* nvidia\* libnvidia\* cuda\* kmod-nvidia\* dkms\*)

step() { echo "gpu-batch.sh: $*"; }
error() { echo "gpu-batch.sh: $*" >&2; }
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

# Prints al2023 or al2 for the OS an os-release file describes, or fails saying what is supported.
os_family() {
  local file="$1" key value id="" version=""
  [[ -r "$file" ]] || {
    error "cannot read $file, so the OS is unknown; this script runs on the ECS GPU-optimized Amazon Linux 2023 or 2"
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
  amzn/2) echo al2 ;;
  *)
    error "unsupported OS '${id:-unknown} ${version:-unknown}': use the ECS GPU-optimized Amazon Linux image, e.g. the source AMI name al2023-ami-ecs-gpu-hvm-2023.*-kernel-6.1-x86_64-ebs"
    return 1
    ;;
  esac
}

# The region of an ECR registry host (123456789012.dkr.ecr.ap-northeast-2.amazonaws.com), which is
# where its login password comes from, whatever region the image is built in.
ecr_region() {
  local registry="$1"
  if [[ "$registry" =~ ^[0-9]{12}\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$ ]]; then
    echo "${BASH_REMATCH[2]}"
  else
    error "ECR_REGISTRY '$registry' is not an ECR registry host such as 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com: set ecr_registry in your var file"
    return 1
  fi
}

# One MODEL_URLS entry as "URL SHA256 FILE-NAME", or fails naming the entry.
model_entry() {
  local entry="$1" url sum name
  if [[ ! "$entry" =~ ^(https://[^#[:space:]]+)#sha256=([0-9a-fA-F]{64})$ ]]; then
    error "MODEL_URLS entry '$entry' is not https://HOST/PATH#sha256=<64 hex digits>"
    return 1
  fi
  url="${BASH_REMATCH[1]}"
  sum="${BASH_REMATCH[2],,}"
  name="${url%%\?*}"
  name="${name##*/}"
  [[ -n "$name" && "$name" != . && "$name" != .. ]] || {
    error "MODEL_URLS entry '$entry' names no file (its path ends in /)"
    return 1
  }
  echo "$url $sum $name"
}

# Keeps FILE only when its SHA-256 is SUM; otherwise removes it and fails, naming what was received.
verify_sha256() {
  local file="$1" sum="$2" actual
  actual=$(sha256sum "$file")
  actual="${actual%% *}"
  if [[ "$actual" != "$sum" ]]; then
    rm -f "$file"
    error "$(basename "$file"): SHA-256 is $actual, not the pinned $sum; the download was removed"
    return 1
  fi
}

# Sets KEY=VALUE in an ECS agent config file: an existing line for KEY is replaced, else one is added.
set_ecs_option() {
  local file="$1" key="$2" value="$3" line found=0 tmp
  tmp="$(mktemp "$file.XXXXXX")"
  if [[ -f "$file" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ "$line" == "$key="* ]]; then
        ((found)) || echo "$key=$value"
        found=1
      else
        echo "$line"
      fi
    done <"$file" >"$tmp"
  fi
  ((found)) || echo "$key=$value" >>"$tmp"
  chmod 0644 "$tmp"
  mv "$tmp" "$file"
}

check_inputs() {
  local missing=()
  [[ -n "${ECR_REGISTRY:-}" ]] || missing+=(ecr_registry)
  [[ -n "${IMAGE_REPOSITORY:-}" ]] || missing+=(image_repository)
  [[ -n "${IMAGE_TAG:-}" ]] || missing+=(image_tag)
  ((${#missing[@]} == 0)) || fail "not set: ${missing[*]}; set them in your var file (see packer/vars/gpu-batch.example.pkrvars.hcl)"
  [[ -n "${MODELS_S3_URI:-}${MODEL_URLS:-}" ]] ||
    fail "no models: set models_s3_uri (an S3 prefix) or model_urls (URLs with #sha256=) in your var file"
  [[ -z "${MODELS_S3_URI:-}" || "$MODELS_S3_URI" == s3://?* ]] ||
    fail "MODELS_S3_URI '$MODELS_S3_URI' is not an S3 URI such as s3://bucket/models/"
  local entry
  for entry in ${MODEL_URLS:-}; do model_entry "$entry" >/dev/null || exit 1; done
  ecr_region "$ECR_REGISTRY" >/dev/null || exit 1
}

update_packages() {
  local family="$1" excludes=() pattern
  for pattern in "${PINNED_PACKAGES[@]}"; do excludes+=("--exclude=$pattern"); done
  step "updating packages, except the kernel and the NVIDIA driver the AMI pairs"
  if [[ "$family" == al2023 ]]; then
    run dnf upgrade -y "${excludes[@]}"
    command -v aws >/dev/null || run dnf install -y awscli-2
  else
    run yum update -y "${excludes[@]}"
    command -v aws >/dev/null || run yum install -y awscli
  fi
}

# The login lives in a throwaway Docker config, so no registry credential is saved in the image.
pull_job_image() {
  local workdir="$1" image="$ECR_REGISTRY/$IMAGE_REPOSITORY:$IMAGE_TAG" region
  region=$(ecr_region "$ECR_REGISTRY")
  systemctl is-active --quiet docker || run systemctl start docker
  export DOCKER_CONFIG="$workdir/docker"
  mkdir -p "$DOCKER_CONFIG"
  step "logging in to $ECR_REGISTRY (region $region)"
  aws ecr get-login-password --region "$region" |
    docker login --username AWS --password-stdin "$ECR_REGISTRY" >/dev/null ||
    fail "could not log in to $ECR_REGISTRY: does the build instance's profile allow ecr:GetAuthorizationToken and pulling from $IMAGE_REPOSITORY?"
  step "pulling $image"
  run docker pull --quiet "$image"
  run docker logout "$ECR_REGISTRY"
  unset DOCKER_CONFIG
  docker image inspect "$image" >/dev/null 2>&1 || fail "$image is not in Docker's cache after the pull"
}

download_models() {
  local workdir="$1" entry url sum name
  install -d -m 0755 "$MODELS_DIR"
  if [[ -n "${MODELS_S3_URI:-}" ]]; then
    step "syncing the models from $MODELS_S3_URI to $MODELS_DIR"
    run aws s3 sync "$MODELS_S3_URI" "$MODELS_DIR" --no-progress --only-show-errors
  fi
  for entry in ${MODEL_URLS:-}; do
    read -r url sum name < <(model_entry "$entry")
    [[ ! -e "$MODELS_DIR/$name" ]] || fail "two models are named $name: give each model its own file name"
    step "downloading $name and checking its SHA-256"
    run curl -fsSL --retry 3 --proto '=https' -o "$workdir/$name" "$url"
    verify_sha256 "$workdir/$name" "$sum" || exit 1
    install -m 0644 "$workdir/$name" "$MODELS_DIR/$name"
  done
  [[ -n "$(ls -A "$MODELS_DIR")" ]] || fail "$MODELS_DIR is empty after the download: check models_s3_uri"
  chmod -R a+rX "$MODELS_DIR"
}

# Batch adds ECS_CLUSTER at launch; the agent's state of this build instance must not go along.
configure_ecs_agent() {
  step "setting the ECS agent for GPUs and cached images in $ECS_CONFIG"
  install -d -m 0755 "$(dirname "$ECS_CONFIG")"
  set_ecs_option "$ECS_CONFIG" ECS_ENABLE_GPU_SUPPORT true
  set_ecs_option "$ECS_CONFIG" ECS_IMAGE_PULL_BEHAVIOR prefer-cached
  if systemctl is-active --quiet ecs; then run systemctl stop ecs; fi
  rm -rf /var/lib/ecs/data/*
}

clean_image() {
  local family="$1"
  step "removing package caches, stopped containers, logs, temporary files and cloud-init state"
  if [[ "$family" == al2023 ]]; then run dnf clean all; else run yum clean all; fi
  run docker container prune --force
  rm -rf /root/.docker /root/.aws /var/log/ecs/*
  # Packer's uploaded scripts (script_*.sh) stay: it removes them itself once they have run.
  find /tmp /var/tmp -mindepth 1 -maxdepth 1 ! -name 'script_*' -exec rm -rf {} +
  find /var/log -type f \( -name '*.log' -o -name '*.gz' -o -name '*-[0-9]*' \) -delete
  journalctl --rotate >/dev/null 2>&1 || true
  journalctl --vacuum-time=1s >/dev/null 2>&1 || true
  rm -f /etc/ssh/ssh_host_*key* /root/.bash_history /home/*/.bash_history
  if command -v cloud-init >/dev/null; then run cloud-init clean --logs; fi
}

main() {
  if ((EUID != 0)); then
    exec sudo env "ECR_REGISTRY=${ECR_REGISTRY:-}" "IMAGE_REPOSITORY=${IMAGE_REPOSITORY:-}" \
      "IMAGE_TAG=${IMAGE_TAG:-}" "MODELS_S3_URI=${MODELS_S3_URI:-}" "MODEL_URLS=${MODEL_URLS:-}" \
      bash "$0" "$@"
  fi
  check_inputs
  local family
  family=$(os_family /etc/os-release)
  step "provisioning the GPU batch image on $family"
  # Global, not local: the EXIT trap runs after main has returned.
  workdir=$(mktemp -d /var/tmp/gpu-batch.XXXXXX)
  trap 'rm -rf "$workdir"' EXIT
  update_packages "$family"
  pull_job_image "$workdir"
  download_models "$workdir"
  configure_ecs_agent
  clean_image "$family"
  step "done"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
