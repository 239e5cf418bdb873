#!/usr/bin/env bash
# Installs what `make test` needs and a fresh build machine lacks. Idempotent and
# unattended: it installs only what is missing and never asks.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi

# Debian packages, by the command each provides.
missing=()
for pair in zsh:zsh fish:fish fish_indent:fish shellcheck:shellcheck shfmt:shfmt \
	tmux:tmux strace:strace pkg-config:pkg-config; do
	command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ -f /usr/include/readline/readline.h ] || missing+=(libreadline-dev)
if [ "${#missing[@]}" -gt 0 ]; then
	echo "install-deps: apt-get install ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq </dev/null
	# shellcheck disable=SC2046
	$sudo apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) </dev/null >/dev/null
fi

# Python packages for the end-to-end tests, pinned.
if ! python3 scripts/check-requirements.py Tests/e2e/requirements.txt; then
	echo "install-deps: pip install -r Tests/e2e/requirements.txt"
	python3 -m pip install --quiet --disable-pip-version-check -r Tests/e2e/requirements.txt </dev/null
fi

# The AWS CLI v2 (AWS's own bundle, from PyPI) beside v1: most users run v2.
python3 scripts/install-awscli-v2.py >/dev/null
