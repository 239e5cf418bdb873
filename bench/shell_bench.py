#!/usr/bin/env python3
"""Benchmarks of the shell integration in the real shells, printed as a table. Times are
CPU time (user + system) per call, from loops in one shell less the same loop doing
nothing, so that a busy machine changes them little; zsh's TAB is timed inside zsh
(EPOCHREALTIME around the completion function), and the binary by wall clock.

The scenario: 5,000 profiles, 100 of them with an active grant and 5 with a pending
request; the current profile (AWS_PROFILE) has one of the active grants.

  prompt      the prompt hook, per prompt (target <= 1 ms): a prompt like most, the
              grants file unchanged since the last one; and the first prompt after
              the file, the profile or an expiry changed (the hooks keep their answer
              until then)
  completion  `aws --profile acct049<TAB>` (100 matches, target <= 20 ms) and
              `--profile <TAB>` (all 5,000, target <= 100 ms)
  wrapper     `aws …` through the wrapper minus `command aws …`, with a stub aws that
              exits at once (target <= 5 ms): a profile with an active grant, one
              without (no terminal, so no request: the cost of finding it in
              `profiles`), and one cone-shell does not manage
  binary      `cone-shell prompt` (what starship's custom module runs)

Usage: bench/shell_bench.py [--bin PATH/TO/cone-shell] [--quick | --scale F] [--grants-with-none]
The binary defaults to $CONE_SHELL_BIN, else the release build, else the debug build.
--grants-with-none writes the grants file as cone-shell 0.1 did, with a `none` line
for each of the other 4,895 profiles (for comparing with it).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parents[1]


def find_binary(explicit: str | None) -> str:
    if explicit or os.environ.get("CONE_SHELL_BIN"):
        return explicit or os.environ["CONE_SHELL_BIN"]
    for flags in (["-c", "release"], []):
        out = subprocess.run(["swift", "build", *flags, "--show-bin-path"], cwd=ROOT,
                             capture_output=True, text=True).stdout.strip()
        if out and os.path.exists(f"{out}/cone-shell"):
            return f"{out}/cone-shell"
    sys.exit("shell_bench: build cone-shell first (swift build -c release)")


def shell(argv: list[str], script: str, env: dict[str, str]) -> str:
    out = subprocess.run([*argv, "-c", script], env=env, capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, timeout=600)
    if out.returncode != 0:
        sys.exit(f"shell_bench: {argv[0]} failed:\n{out.stderr}")
    return out.stdout.strip()


ARGV = {"bash": ["bash", "--norc", "--noprofile", "-i"], "zsh": ["zsh", "-f", "-i"],
        "fish": ["fish", "--no-config", "-i"]}

LOOP = {
    "bash": "for ((i = 0; i < {n}; i++)); do {body}; done",
    "zsh": "for ((i = 0; i < {n}; i++)); do {body}; done",
    "fish": "for i in (seq {n}); {body}; end",
}


def cpu_run(sh: str, script: str, env: dict[str, str]) -> float:
    """CPU seconds (user + system) the shell and its children used for `script`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    shell(ARGV[sh], script, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def per_call(sh: str, setup: str, body: str, n: int, env: dict[str, str], runs: int = 3) -> float:
    """Microseconds of CPU per call of `body`: a shell running it n times, less the same
    shell running `true` n times (start-up, setup, loop), median of `runs`."""
    def one(b):
        return cpu_run(sh, setup + "\n" + LOOP[sh].format(body=b, n=n), env)
    return statistics.median((one(body) - one("true")) * 1e6 / n for _ in range(runs))


def zsh_tab_ms(env: dict[str, str], init: Path, typed: str, times: int) -> float:
    """Median time of the `aws` completion function for one TAB in an interactive zsh."""
    log = Path(env["HOME"]) / "zsh-tab.log"
    log.unlink(missing_ok=True)
    rc = Path(env["HOME"]) / "tab.zsh"
    rc.write_text(f"""autoload -Uz compinit && compinit -u -D
source {init}
zmodload zsh/datetime
functions[__bench_orig]=$functions[__cone_shell_complete_aws]
__cone_shell_complete_aws() {{
  local t0=$EPOCHREALTIME r
  __bench_orig "$@"; r=$?
  print $(( (EPOCHREALTIME - t0) * 1000 )) >> {log}
  return r
}}
compdef __cone_shell_complete_aws aws
zstyle ':completion:*' list-prompt ''
LISTMAX=1
""")
    child = pexpect.spawn("zsh", ["-f", "-i"], env={**env, "PS1": "P> "}, encoding="utf-8",
                          timeout=30, dimensions=(50, 200))
    child.sendline(f"source {rc}; echo ready")
    child.expect("ready")
    for i in range(times):
        child.send(typed + "\t")
        deadline = time.monotonic() + 20
        while (not log.exists() or len(log.read_text().split()) <= i) and time.monotonic() < deadline:
            time.sleep(0.02)
        child.sendcontrol("c")
        time.sleep(0.05)
    child.sendline("exit")
    child.close(force=True)
    return statistics.median(float(x) for x in log.read_text().split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin")
    parser.add_argument("--quick", action="store_true", help="fewer iterations")
    parser.add_argument("--scale", type=float, help="iterations as a fraction of the full run (--quick: 0.2)")
    parser.add_argument("--grants-with-none", action="store_true",
                        help="a grants line for every profile, as cone-shell 0.1 wrote it")
    args = parser.parse_args()
    binary = find_binary(args.bin)
    scale = args.scale or (0.2 if args.quick else 1)
    rows: list[tuple[str, str, str, str]] = []

    with tempfile.TemporaryDirectory(prefix="cone-shell-bench-") as tmp:
        home = Path(tmp)
        state = home / "state"
        state.mkdir()
        now = int(time.time())
        names = [f"acct{i:05d}-role{i % 7}" for i in range(5000)]
        # Every 50th profile active (expiries from 10 minutes to 10 hours, a few
        # without one), five pending requests; the other lines only with
        # --grants-with-none.
        active = {names[i]: (0 if i % 1000 == 0 else now + 600 + i * 7) for i in range(0, 5000, 50)}
        pending = {names[i]: 1000 + i for i in range(1, 250, 50)}
        lines = [f"written\t{now}\n"]
        for name in names:
            if name in active:
                lines.append(f"{name}\tactive\t{active[name]}\t-\n")
            elif name in pending:
                lines.append(f"{name}\tpending\t0\t{pending[name]}\n")
            elif args.grants_with_none:
                lines.append(f"{name}\tnone\t0\t-\n")
        (state / "grants").write_text("".join(lines))
        (state / "profiles").write_text("".join(
            f"{name}\t{100000000000 + i}\tRole{i % 7}\n" for i, name in enumerate(names)))
        # As the binary writes it after each new index (ProfilesIndex.stampFileName).
        stamp = (state / "profiles").stat().st_mtime_ns
        (state / "profiles-stamp").write_text(f"{stamp // 10**9}.{stamp % 10**9}\n")
        current, inactive = names[50], names[2]
        stub = home / "stub"
        stub.mkdir()
        os.symlink(shutil.which("true"), stub / "aws")
        env = {"HOME": str(home), "PATH": f"{stub}:/usr/bin:/bin", "LANG": "C.UTF-8",
               "TERM": "xterm-256color", "CONE_SHELL_STATE_DIR": str(state), "AWS_PROFILE": current}
        inits = {}
        for sh in ARGV:
            inits[sh] = home / f"init.{sh}"
            inits[sh].write_text(subprocess.run([binary, "init", sh], check=True, capture_output=True,
                                                text=True).stdout)
        src = {sh: f"source {inits[sh]}" for sh in ARGV}

        # Prompt: a usual one, then one after a change (the kept answer dropped).
        forget = {"bash": "__cone_shell_grants_text=", "zsh": "__cone_shell_grants_text=",
                  "fish": "set -e __cone_shell_grants_text"}
        n = int(2000 * scale)
        for sh in ARGV:
            count = n if sh != "fish" else int(n / 4)
            us = per_call(sh, src[sh], "__cone_shell_hook", count, env)
            rows.append(("prompt hook", sh, f"{us:.0f} µs", "≤ 1 ms"))
            us = per_call(sh, src[sh], f"{forget[sh]}; __cone_shell_hook", int(count / 10), env)
            rows.append(("prompt hook, after a change", sh, f"{us:.0f} µs", "-"))
        us = per_call("fish", src["fish"], "cone_shell_prompt >/dev/null", int(n / 4), env)
        rows.append(("cone_shell_prompt", "fish", f"{us:.0f} µs", "≤ 1 ms"))

        # Completion over 5,000 profiles.
        n = max(3, int(20 * scale))
        for typed, label, target in (("acct049", "100 of 5,000", "≤ 20 ms"), ("", "all 5,000", "≤ 100 ms")):
            body = (f"COMP_WORDS=(aws s3 ls --profile '{typed}'); COMP_CWORD=4; "
                    f"COMP_LINE='aws s3 ls --profile {typed}'; COMP_POINT=${{#COMP_LINE}}; "
                    "__cone_shell_complete_aws")
            us = per_call("bash", src["bash"], body, n, env)
            rows.append((f"completion, {label}", "bash", f"{us / 1000:.1f} ms", target))
            ms = zsh_tab_ms(env, inits["zsh"], f"aws s3 ls --profile {typed}", n)
            rows.append((f"completion, {label}", "zsh", f"{ms:.1f} ms", target))
            us = per_call("fish", src["fish"], f"complete -C 'aws s3 ls --profile {typed}' >/dev/null", n, env)
            rows.append((f"completion, {label}", "fish", f"{us / 1000:.1f} ms", target))

        # Wrapper overhead: active grant, managed without a grant, unmanaged.
        n = int(500 * scale)
        for sh in ARGV:
            direct = per_call(sh, src[sh], f"command aws sts get-caller-identity --profile {current}", n, env)
            for label, profile, count in (("active grant", current, n), ("managed, no grant", inactive, int(n / 5)),
                                          ("unmanaged", "unmanaged", int(n / 5))):
                wrapped = per_call(sh, src[sh], f"aws sts get-caller-identity --profile {profile}", count, env)
                rows.append((f"wrapper overhead, {label}", sh, f"{(wrapped - direct) / 1000:.2f} ms", "≤ 5 ms"))

        # The binary, for starship and p10k.
        samples = []
        for _ in range(int(50 * scale)):
            t0 = time.perf_counter()
            subprocess.run([binary, "prompt"], env=env, capture_output=True, check=True)
            samples.append((time.perf_counter() - t0) * 1000)
        rows.append(("cone-shell prompt (process)", "-", f"{statistics.median(samples):.1f} ms", "-"))

    widths = [max(len(r[i]) for r in rows + [("what", "shell", "median", "target")]) for i in range(4)]
    for row in [("what", "shell", "median", "target"), tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
