"""`cone-shell init bash|zsh|fish`: the scripts load silently under strict settings,
pass the linters, are idempotent, keep every name under the __cone_shell prefix and
keep `$?` across the prompt hook."""
import os
import subprocess

import pytest

from cone import cone_shell
from shell_support import (SHELLS, TEMPLATES, Tmux, base_env, init_script, quote, require,
                           run_shell, source_line)


@pytest.fixture
def init_files(tmp_path):
    """The real init output of each shell, written to a file."""
    files = {}
    for shell in SHELLS:
        files[shell] = tmp_path / f"init.{shell}"
        files[shell].write_text(init_script(shell))
    return files


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("interactive", [False, True], ids=["script", "interactive"])
def test_loads_silently_under_strict_settings(shell, interactive, tmp_path):
    env = base_env(tmp_path, PATH=f"{os.path.dirname(cone_shell())}:/usr/bin:/bin")
    line = {"bash": 'eval "$(cone-shell init bash)"', "zsh": 'eval "$(cone-shell init zsh)"',
            "fish": "cone-shell init fish | source"}[shell]
    # The load line runs twice; its status is 0 and the shell goes on.
    status = "$status" if shell == "fish" else "$?"
    out = run_shell(shell, f"{line}\n{line}\necho done {status}", env, interactive=interactive, strict=True)
    assert (out.status, out.stdout) == (0, "done 0\n")
    # bash -i without a terminal says so itself, before reading anything.
    noise = [l for l in out.stderr.splitlines()
             if not l.startswith(("bash: cannot set terminal process group", "bash: no job control"))]
    assert noise == []


def test_init_quotes_the_binary_path():
    for shell in SHELLS:
        text = init_script(shell)
        assert "@CONE_SHELL_BIN@" not in text
        assert quote(shell, os.path.realpath(cone_shell())) in text


def test_bash_passes_shellcheck_and_shfmt(init_files):
    require("shellcheck", "shfmt")
    for path in (TEMPLATES["bash"], init_files["bash"]):
        lint = subprocess.run(["shellcheck", "--enable=all", "--shell=bash", str(path)],
                              capture_output=True, text=True)
        assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run(["shfmt", "-d", str(TEMPLATES["bash"])], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout


def test_zsh_parses(init_files):
    for path in (TEMPLATES["zsh"], init_files["zsh"]):
        out = subprocess.run(["zsh", "-n", str(path)], capture_output=True, text=True)
        assert (out.returncode, out.stderr) == (0, "")


def test_fish_parses_and_is_indented(init_files):
    require("fish_indent")
    for path in (TEMPLATES["fish"], init_files["fish"]):
        out = subprocess.run(["fish", "--no-execute", str(path)], capture_output=True, text=True)
        assert (out.returncode, out.stderr) == (0, "")
        text = path.read_text()
        indented = subprocess.run(["fish_indent"], input=text, capture_output=True, text=True).stdout
        assert indented == text


# What each shell shows of its functions, variables, hooks and completions.
STATE = {
    "bash": "declare -f; declare -p PROMPT_COMMAND; complete -p aws cone-shell",
    "zsh": "print -l ${(k)functions} $precmd_functions $_comps[aws]; typeset -f aws __cone_shell_hook",
    "fish": "functions -a -n; functions --handlers-type generic; complete -c aws",
}


@pytest.mark.parametrize("shell", SHELLS)
def test_loading_twice_changes_nothing(shell, init_files, tmp_path):
    src = source_line(shell, init_files[shell])
    before = run_shell(shell, f"{src}\n{STATE[shell]}", base_env(tmp_path), interactive=True)
    twice = run_shell(shell, f"{src}\n{src}\n{STATE[shell]}", base_env(tmp_path), interactive=True)
    assert before.status == 0
    # (fish lists completions in no fixed order.)
    assert sorted(twice.stdout.splitlines()) == sorted(before.stdout.splitlines())
    assert before.stdout.count("__cone_shell_hook") >= 1


@pytest.mark.parametrize("form,setup", [
    ("unset", "unset PROMPT_COMMAND"),
    ("string", "PROMPT_COMMAND='echo -n; '"),
    ("array", "PROMPT_COMMAND=('echo -n' 'true')"),
])
def test_bash_prompt_command_forms_get_one_hook(form, setup, init_files, tmp_path):
    src = source_line("bash", init_files["bash"])
    out = run_shell("bash", f"{setup}\n{src}\n{src}\ndeclare -p PROMPT_COMMAND",
                    base_env(tmp_path), interactive=True)
    assert out.stdout.count("__cone_shell_hook") == 1, out.stdout
    if form == "array":
        assert out.stdout.startswith("declare -a PROMPT_COMMAND=([0]=\"__cone_shell_hook\"")
        assert '"echo -n"' in out.stdout and '"true"' in out.stdout
    elif form == "string":
        assert 'PROMPT_COMMAND="__cone_shell_hook;echo -n; "' in out.stdout


def test_zsh_and_fish_get_one_hook(init_files, tmp_path):
    src = source_line("zsh", init_files["zsh"])
    out = run_shell("zsh", f"{src}\n{src}\nprint -l $precmd_functions", base_env(tmp_path), interactive=True)
    assert out.stdout.split() == ["__cone_shell_hook"]
    src = source_line("fish", init_files["fish"])
    out = run_shell("fish", f"{src}\n{src}\nfunctions --handlers-type generic", base_env(tmp_path),
                    interactive=True)
    assert out.stdout.count("__cone_shell_hook") == 1, out.stdout


NAMES = {
    "bash": "compgen -A function; compgen -v",
    "zsh": "print -l ${(k)functions} ${(k)parameters}",
    "fish": "functions -a -n; set -n",
}
# Besides the public names (`cone-shell` is the function that runs `use`): what the
# shells themselves add (zsh's hook helper and zsh/datetime, bash's and fish's own
# bookkeeping).
ALLOWED = {"aws", "cone-shell", "cone_shell_prompt", "CONE_SHELL_PROMPT", "CONE_SHELL_LAST_PROFILE", "PROMPT_COMMAND",
           "add-zsh-hook", "EPOCHSECONDS", "precmd_functions", "_", "BASH_COMMAND", "PIPESTATUS",
           "status", "__fish_last_status"}


@pytest.mark.parametrize("shell", SHELLS)
def test_every_new_name_has_the_prefix(shell, init_files, tmp_path):
    env = base_env(tmp_path)
    before = set(run_shell(shell, NAMES[shell], env, interactive=True).stdout.split())
    after = set(run_shell(shell, f"{source_line(shell, init_files[shell])}\n{NAMES[shell]}", env,
                          interactive=True).stdout.split())
    new = {n for n in after - before if not n.startswith("__cone_shell") and n not in ALLOWED}
    assert new == set()


def test_aliased_builtins_do_not_break_loading(init_files, tmp_path):
    aliases = "alias local=false read=false printf=false unset=false eval=false"
    for shell in ("bash", "zsh"):
        script = (f"{aliases}\n{source_line(shell, init_files[shell])}\n"
                  "cone_shell_prompt; echo \"ok $?\"")
        out = run_shell(shell, script, base_env(tmp_path), interactive=True)
        assert "ok 0" in out.stdout, out


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_hook_keeps_exit_status(shell, init_files, tmp_path):
    script = f"{source_line(shell, init_files[shell])}\n(exit 7); __cone_shell_hook; echo \"status $?\""
    out = run_shell(shell, script, base_env(tmp_path), interactive=True)
    assert "status 7" in out.stdout


def test_prompt_shows_the_commands_status_after_the_hooks(init_files, tmp_path):
    """In a real interactive session the prompt still sees the last command's status."""
    require("tmux")
    prompts = {"bash": "[$?]$ ", "zsh": "[$?]$ ", "fish": ""}
    for shell in SHELLS:
        rc = source_line(shell, init_files[shell])
        if shell == "fish":
            rc = "function fish_prompt; printf '[%s]$ ' $status; end\n" + rc
        with Tmux.start(shell, base_env(tmp_path), rc, prompt=prompts[shell]) as t:
            t.wait_for(r"\[0\]\$\s*$")
            t.send_line("false")
            t.wait_for(r"\[1\]\$\s*$")
