#!/usr/bin/env bash
# `make demo`: the guided tour. Starts cone-sandbox (a local ConductorOne tenant and AWS
# IAM Identity Center), makes a throwaway HOME where alice is signed in and set up, and
# opens a bash with `eval "$(cone-shell init bash)"` loaded and a prompt showing the
# segment. Nothing of the user's own HOME, rc files or AWS settings is used or changed.
# Without a terminal (or with CI=true) it prints the tour, runs a scripted version of it
# and exits. The sandbox stops and the temporary directory goes when the demo ends, Ctrl-C
# included.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=${CONE_SHELL_BIN_DIR:-$(cd "${root}" && swift build --show-bin-path)}
cone_shell=${bin_dir}/cone-shell
cone_sandbox=${bin_dir}/cone-sandbox
for program in "${cone_shell}" "${cone_sandbox}"; do
	[[ -x ${program} ]] || {
		echo "demo: ${program} is missing: run \`swift build\` (or \`make demo\`)" >&2
		exit 1
	}
done
if ! command -v aws >/dev/null; then
	echo "demo: the AWS CLI (aws) is not on PATH: run scripts/install-deps.sh, or install it" >&2
	exit 1
fi

demo=$(mktemp -d "${TMPDIR:-/tmp}/cone-shell-demo.XXXXXX")
sandbox_pid=''
cleanup() {
	if [[ -n ${sandbox_pid} ]]; then
		kill "${sandbox_pid}" 2>/dev/null || true
		wait "${sandbox_pid}" 2>/dev/null || true
	fi
	rm -rf "${demo}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

say() {
	if [[ -t 2 ]]; then
		printf '\033[1m%s\033[0m\n' "$*" >&2
	else
		printf '%s\n' "$*" >&2
	fi
}
fail() {
	echo "demo: $1" >&2
	[[ ! -s ${demo}/$2 ]] || sed 's/^/  | /' "${demo}/$2" >&2
	exit 1
}

# -- the sandbox ---------------------------------------------------------------------
say "Starting cone-sandbox…"
mkdir -p "${demo}/home" "${demo}/sandbox"
# Its own session, so that Ctrl-C in the demo shell (which stops a waiting request)
# does not reach it; its own HOME, for the instance file it records.
setsid=()
if command -v setsid >/dev/null; then setsid=(setsid); fi
HOME=${demo}/sandbox "${setsid[@]}" "${cone_sandbox}" serve --port 0 \
	</dev/null >"${demo}/sandbox/exports" 2>"${demo}/sandbox/log" &
sandbox_pid=$!
for _ in $(seq 300); do
	grep -q '^export CONE_SANDBOX_SSO_START_URL=' "${demo}/sandbox/exports" 2>/dev/null && break
	kill -0 "${sandbox_pid}" 2>/dev/null || fail "cone-sandbox did not start" sandbox/log
	sleep 0.1
done
grep -q '^export CONE_SANDBOX_SSO_START_URL=' "${demo}/sandbox/exports" ||
	fail "cone-sandbox did not start in 30 s" sandbox/log

# The demo's environment: nothing from the user's but the terminal, the locale and PATH
# (with the built binaries first), plus the sandbox's exports.
demo_env=(HOME="${demo}/home" PATH="${bin_dir}:${PATH}" TERM="${TERM:-xterm-256color}"
	LANG="${LANG:-C.UTF-8}" AWS_EC2_METADATA_DISABLED=true CONE_DEMO_DIR="${demo}")
for name in LC_ALL LC_CTYPE COLORTERM TMPDIR USER LOGNAME; do
	[[ -z ${!name-} ]] || demo_env+=("${name}=${!name}")
done
while IFS= read -r line; do
	[[ ${line} == export\ *=* ]] || continue
	line=${line#export }
	eval "value=${line#*=}"
	# shellcheck disable=SC2154 # set by the eval, from the sandbox's shell-quoted line
	demo_env+=("${line%%=*}=${value}")
done <"${demo}/sandbox/exports"
in_demo=(env -i "${demo_env[@]}")
url=$("${in_demo[@]}" printenv CONE_SANDBOX_URL)
sso_url=$("${in_demo[@]}" printenv CONE_SANDBOX_SSO_START_URL)

# -- alice: set up and signed in -----------------------------------------------------
say "Setting up alice@example.com in ${demo}/home…"
"${in_demo[@]}" "${cone_shell}" setup --sso-url "${sso_url}" \
	</dev/null >"${demo}/setup.log" 2>&1 || fail "cone-shell setup failed" setup.log
# The AWS sign-in opens "the browser": a script that approves it as alice would.
# shellcheck disable=SC2016 # $1 is the browser script's own argument
printf '#!/bin/sh\nexec %q approve-device "$1" >/dev/null 2>&1\n' "${cone_sandbox}" >"${demo}/browser"
chmod +x "${demo}/browser"
"${in_demo[@]}" BROWSER="${demo}/browser" "${cone_shell}" login --aws </dev/null >"${demo}/login.log" 2>&1 ||
	fail "cone-shell login --aws failed" login.log

# -- the tour --------------------------------------------------------------------------
cat >"${demo}/tour.txt" <<TOUR

  cone-shell demo
  ---------------
  You are alice@example.com at a sandbox ConductorOne tenant (${url}), signed in
  and set up in a throwaway HOME. Nothing touches your own AWS or ConductorOne settings.

  1. Auto-approved access, no questions asked:
       aws sts get-caller-identity --profile production-readonlyaccess
     The aws wrapper requests access, waits for it, then runs aws. Watch the prompt:
     it shows the profile and the time left on the grant.

  2. Access that needs an approval (by bob):
       aws sts get-caller-identity --profile production-administratoraccess
     The wrapper submits the request and waits ("task N"). Approve it, either
       - from another terminal:  CONE_SANDBOX_URL=${url} ${cone_sandbox} approve N
       - or here: Ctrl-C (the request stays open, the prompt shows ⧗#N), then
         \`approve\`, then the aws command again (↑ Enter).

  3. More: cone-shell status · cone-shell profiles · aws s3 ls --profile <Tab>
     · cone-shell doctor · cone-shell request production-databaseadministrator (a form)
     · staging-billingaccess (denied) · staging-poweruseraccess (slow to provision).

  \`tour\` shows this again; \`exit\` ends the demo and stops the sandbox.

TOUR
cat "${demo}/tour.txt"

if [[ ${CI-} == true || ! -t 0 || ! -t 1 ]]; then
	# No terminal: the tour, scripted. The shell has the integration loaded, but with no
	# terminal the wrapper runs aws as it is, so the approval is asked for up front.
	say "No terminal: running the tour as a script."
	# shellcheck disable=SC2016 # expanded by the demo's bash
	"${in_demo[@]}" bash --norc --noprofile -c '
		set -u
		eval "$(cone-shell init bash)"
		run() { printf "\n\$ %s\n" "$*"; "$@"; }
		run aws sts get-caller-identity --profile production-readonlyaccess || exit
		out=$(cone-shell request production-administratoraccess 2>&1)
		printf "\n$ cone-shell request production-administratoraccess\n%s\n" "${out}"
		task=${out##*task: } task=${task%%)*}
		run cone-sandbox approve "${task}" || exit
		run aws sts get-caller-identity --profile production-administratoraccess || exit
		run cone-shell status
	' </dev/null || fail "the scripted tour failed" sandbox/log
	say "The scripted tour went through."
	exit 0
fi

say "Opening the demo shell (exit to end)…"
# Ctrl-C belongs to the demo shell now; the script only waits for it to end.
trap : INT
"${in_demo[@]}" bash --noprofile --rcfile "${root}/scripts/demo/bashrc" -i || true
