#!/usr/bin/env bash
# `make bench`: measures cone-shell's speed targets on this machine and writes
# bench/RESULTS.md. Uses the release build, a cone-sandbox on a free port and a
# throwaway HOME; needs hyperfine and GNU time (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
# The flags of the Makefile's release build, which `make bench` passes down.
read -ra release_flags <<<"${RELEASE_FLAGS:?run this through make bench}"
bin=$(swift build "${release_flags[@]}" --show-bin-path)
out=$(mktemp -d /tmp/cone-shell-bench.XXXXXX)
sandbox_pid=""
cleanup() {
	if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; fi
	rm -rf "$out"
}
trap cleanup EXIT

command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null </dev/null; }

echo "bench: building the empty static Swift program"
swiftc -O -static-stdlib -Xlinker --no-pie -Xlinker -s bench/empty.swift -o "$out/empty"

start_sandbox() { # $1: scenario file or empty
	local args=(serve --port 0)
	[ -n "${1:-}" ] && args+=(--scenario "$1")
	HOME="$out/sandbox-home" "$bin/cone-sandbox" "${args[@]}" >"$out/sandbox.env" 2>"$out/sandbox.log" &
	sandbox_pid=$!
	for _ in $(seq 100); do
		grep -q CONE_SANDBOX_SSO_START_URL "$out/sandbox.env" 2>/dev/null && break
		sleep 0.1
	done
	# shellcheck disable=SC1091
	. "$out/sandbox.env"
}
stop_sandbox() {
	kill "$sandbox_pid"
	wait "$sandbox_pid" 2>/dev/null || true
	sandbox_pid=""
}

user_home() { # a fresh HOME, signed in to AWS SSO through the sandbox's device page
	export HOME="$out/home-$1" BROWSER="$out/browser.sh" AWS_EC2_METADATA_DISABLED=true
	mkdir -p "$HOME"
	# shellcheck disable=SC2016 # $1 belongs to the script being written
	printf '#!/bin/sh\nexec "%s/cone-sandbox" approve-device "$1" >/dev/null\n' "$bin" >"$BROWSER"
	chmod +x "$BROWSER"
}

requests() { "$bin/cone-sandbox" log --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["services"].get("c1",0)+d["services"].get("sso",0)+d["services"].get("sso-oidc",0))'; }

# 1. A first `creds` with a grant and a valid SSO token: HTTP requests.
start_sandbox ""
user_home first
"$bin/cone-shell" setup --sso-url "$CONE_SANDBOX_SSO_START_URL" >/dev/null 2>&1
"$bin/cone-shell" login --aws >/dev/null 2>&1
"$bin/cone-shell" request production-readonlyaccess >/dev/null 2>&1
"$bin/cone-sandbox" log --reset >/dev/null
"$bin/cone-shell" creds production-readonlyaccess >/dev/null
first_creds=$(requests)
# The same with the C1 token expired (the user id stays cached with the credential).
rm -f "$HOME/.local/state/cone-shell/credentials/"*
python3 - "$HOME/.local/state/cone-shell" <<'PY'
import glob, json, sys
for path in glob.glob(sys.argv[1] + "/c1-token-*.json"):
    entry = json.load(open(path)); entry["expiresAt"] = 0; json.dump(entry, open(path, "w"))
PY
"$bin/cone-sandbox" log --reset >/dev/null
"$bin/cone-shell" creds production-readonlyaccess >/dev/null
first_creds_new_token=$(requests)

# 2. `creds` on a cached credential vs the empty Swift program vs cat of the same file.
cache_file=$(ls "$HOME/.local/state/cone-shell/credentials/"*)
# Six short rounds rather than one long one: the ratio is taken within each round, so a
# machine that speeds up or slows down over the minute moves both sides alike.
for round in 1 2 3 4 5 6; do
	hyperfine -N --warmup 10 --runs 50 --export-json "$out/creds-$round.json" \
		"$out/empty" "$bin/cone-shell creds production-readonlyaccess" "cat $cache_file" >/dev/null
done
stop_sandbox

# 3. `setup` over 10,000 entitlements: time and peak memory.
scenario="$out/10k.yaml"
cat Sources/ConeSandbox/Scenario/default.yaml >"$scenario"
printf '\ngenerate:\n  accounts: 100\n  permissionSets: 100\n  policy: auto\n' >>"$scenario"
start_sandbox "$scenario"
user_home setup
/usr/bin/time -f '%e %M' -o "$out/setup.time" "$bin/cone-shell" setup --sso-url "$CONE_SANDBOX_SSO_START_URL" >/dev/null 2>"$out/setup.err"
setup_profiles=$(grep -c '^\[profile ' "$HOME/.aws/config")
# A second run: everything exists, nothing to write.
/usr/bin/time -f '%e %M' -o "$out/setup2.time" "$bin/cone-shell" setup >/dev/null 2>&1
stop_sandbox

# 4. The shell integration.
python3 bench/shell_bench.py --bin "$bin/cone-shell" >"$out/shell.txt"

python3 - "$out" "$first_creds" "$first_creds_new_token" "$setup_profiles" <<'PY'
import json, platform, sys, datetime, os, subprocess
out, first, first_new_token, profiles = sys.argv[1], *sys.argv[2:5]
import statistics
rounds = []
for n in range(1, 7):
    runs = json.load(open(f"{out}/creds-{n}.json"))["results"]
    rounds.append([next(r for r in runs if key(r["command"])) for key in (
        lambda k: k.endswith("/empty"), lambda k: " creds " in k, lambda k: k.startswith("cat "))])
def overall(i):  # one command over all rounds: the median of its round medians, the extremes
    return {"median": statistics.median(r[i]["median"] for r in rounds),
            "min": min(r[i]["min"] for r in rounds), "max": max(r[i]["max"] for r in rounds)}
empty, creds, cat = overall(0), overall(1), overall(2)
ms = lambda r: r["median"] * 1000
ratios = [r[1]["median"] / r[0]["median"] for r in rounds]
ratio = statistics.median(ratios)
setup_s, setup_kb = open(f"{out}/setup.time").read().split()
setup2_s, setup2_kb = open(f"{out}/setup2.time").read().split()
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
text = f"""# Benchmark results

`make bench` on {datetime.date.today()} — {platform.machine()}, {os.cpu_count()} cores ({cpu}), release build
(static Swift runtime, no PIE, stripped). Medians; the machine is shared, so compare ratios more than absolute times.

## `creds` on a cached credential (the credential_process hot path)

| command | median | min | max |
|---|---|---|---|
| empty static Swift program (the floor) | {ms(empty):.2f} ms | {empty['min']*1000:.2f} ms | {empty['max']*1000:.2f} ms |
| `cone-shell creds production-readonlyaccess` | {ms(creds):.2f} ms | {creds['min']*1000:.2f} ms | {creds['max']*1000:.2f} ms |
| `cat` of the same cache file | {ms(cat):.2f} ms | {cat['min']*1000:.2f} ms | {cat['max']*1000:.2f} ms |

Ratio creds / empty program: **{ratio:.2f}×** (target ≤ 1.5×): the median over six rounds of
50 runs each, the ratio taken within each round ({", ".join(f"{r:.2f}" for r in sorted(ratios))}).

## HTTP requests of a first `creds` with a grant and a valid SSO token

- with the C1 access token cached (the usual case): **{first}** requests (target ≤ 3)
- with the C1 access token expired: **{first_new_token}** requests

## `setup` over 10,000 entitlements (100 catalog pages)

- first run, {profiles} profiles written: **{float(setup_s):.2f} s**, peak memory **{int(setup_kb)/1024:.0f} MB** (targets ≤ 10 s, ≤ 200 MB)
- second run, nothing to change: {float(setup2_s):.2f} s, {int(setup2_kb)/1024:.0f} MB

## Shell integration (bench/shell_bench.py)

```
{open(f"{out}/shell.txt").read().strip()}
```
"""
open("bench/RESULTS.md", "w").write(text)
print(text)
PY
