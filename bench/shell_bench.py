#!/usr/bin/env python3
"""Benchmarks of the shell integration in the real shells, printed as a table. Times are
CPU time (user + system) per call, from loops in one shell less the same loop doing
nothing, so that a busy machine changes them little; zsh's TAB is timed inside zsh
(EPOCHREALTIME around the completion function), and the binary by wall clock.

  prompt      the prompt hook, per prompt (target <= 1 ms), 5 grants
  completion  `aws --profile acct049<TAB>` and `--profile <TAB>` over 5,000 profiles
              (target <= 20 ms)
  wrapper     `aws …` through the wrapper minus `command aws …`, active grant, with a
              stub aws that exits at once (target <= 5 ms)
  binary      `cone-shell prompt` (what starship's custom module runs)

Usage: bench/shell_bench.py [--bin PATH/TO/cone-shell] [--quick]
The binary defaults to $CONE_SHELL_BIN, else the release build, else the debug build.
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
    args = parser.parse_args()
    binary = find_binary(args.bin)
    scale = 0.2 if args.quick else 1
    rows: list[tuple[str, str, str, str]] = []

    with tempfile.TemporaryDirectory(prefix="cone-shell-bench-") as tmp:
        home = Path(tmp)
        state = home / "state"
        state.mkdir()
        now = int(time.time())
        grants = f"written\t{now}\nprod\tactive\t{now + 3600}\t-\ndev\tactive\t0\t-\n" \
                 f"qa\tpending\t0\t1042\nold\tactive\t{now - 60}\t-\nstage\tnone\t0\t-\n"
        (state / "grants").write_text(grants)
        (state / "profiles").write_text("".join(
            f"acct{i:05d}-role{i % 7}\t{100000000000 + i}\tRole{i % 7}\n" for i in range(5000))
            + "prod\t1\tAdmin\ndev\t2\tDev\nqa\t3\tQA\n")
        stub = home / "stub"
        stub.mkdir()
        os.symlink(shutil.which("true"), stub / "aws")
        env = {"HOME": str(home), "PATH": f"{stub}:/usr/bin:/bin", "LANG": "C.UTF-8",
               "TERM": "xterm-256color", "CONE_SHELL_STATE_DIR": str(state), "AWS_PROFILE": "prod"}
        inits = {}
        for sh in ARGV:
            inits[sh] = home / f"init.{sh}"
            inits[sh].write_text(subprocess.run([binary, "init", sh], check=True, capture_output=True,
                                                text=True).stdout)
        src = {sh: f"source {inits[sh]}" for sh in ARGV}

        # Prompt.
        n = int(2000 * scale)
        for sh in ("bash", "zsh"):
            us = per_call(sh, src[sh], "__cone_shell_hook", n, env)
            rows.append(("prompt hook", sh, f"{us:.0f} µs", "≤ 1 ms"))
        us = per_call("fish", src["fish"], "__cone_shell_hook", int(n / 4), env)
        rows.append(("prompt hook", "fish", f"{us:.0f} µs", "≤ 1 ms"))
        us = per_call("fish", src["fish"], "cone_shell_prompt >/dev/null", int(n / 4), env)
        rows.append(("cone_shell_prompt", "fish", f"{us:.0f} µs", "≤ 1 ms"))

        # Completion over 5,000 profiles.
        n = max(3, int(20 * scale))
        for typed, label in (("acct049", "100 of 5,000"), ("", "all 5,000")):
            body = (f"COMP_WORDS=(aws s3 ls --profile '{typed}'); COMP_CWORD=4; "
                    f"COMP_LINE='aws s3 ls --profile {typed}'; COMP_POINT=${{#COMP_LINE}}; "
                    "__cone_shell_complete_aws")
            us = per_call("bash", src["bash"], body, n, env)
            rows.append((f"completion, {label}", "bash", f"{us / 1000:.1f} ms", "≤ 20 ms"))
            ms = zsh_tab_ms(env, inits["zsh"], f"aws s3 ls --profile {typed}", n)
            rows.append((f"completion, {label}", "zsh", f"{ms:.1f} ms", "≤ 20 ms"))
            us = per_call("fish", src["fish"], f"complete -C 'aws s3 ls --profile {typed}' >/dev/null", n, env)
            rows.append((f"completion, {label}", "fish", f"{us / 1000:.1f} ms", "≤ 20 ms"))

        # Wrapper overhead with an active grant.
        n = int(500 * scale)
        for sh in ARGV:
            wrapped = per_call(sh, src[sh], "aws sts get-caller-identity --profile prod", n, env)
            direct = per_call(sh, src[sh], "command aws sts get-caller-identity --profile prod", n, env)
            rows.append(("wrapper overhead, active", sh, f"{(wrapped - direct) / 1000:.2f} ms", "≤ 5 ms"))
            wrapped = per_call(sh, src[sh], "aws sts get-caller-identity --profile unmanaged", int(n / 5), env)
            rows.append(("wrapper overhead, unmanaged (5,003 profiles)", sh,
                         f"{(wrapped - direct) / 1000:.2f} ms", "≤ 5 ms"))

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
