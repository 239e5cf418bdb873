#!/usr/bin/env bash
# `make demo`: the guided tour. For now it builds and says what is coming.
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=$(swift build --show-bin-path)
"$bin_dir/cone-shell" --version >/dev/null
cat <<'TXT'
cone-shell is built. The tour will:
  1. start cone-sandbox, a local ConductorOne tenant and AWS IAM Identity Center;
  2. sign you in and run `cone-shell setup` in a throwaway HOME;
  3. open a bash with `eval "$(cone-shell init bash)"` loaded, where
     `aws sts get-caller-identity --profile production-readonlyaccess` just works and
     `--profile production-administratoraccess` waits for an approval.
TXT
