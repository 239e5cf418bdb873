"""The binaries start, answer --help and --version, and print their init scripts."""
import subprocess

import pytest

from cone import cone_sandbox, cone_shell


@pytest.mark.parametrize("binary", [cone_shell, cone_sandbox])
def test_version_and_help(binary):
    version = subprocess.run([binary(), "--version"], capture_output=True, text=True)
    assert version.returncode == 0
    assert version.stdout.strip() == "0.1.0"
    helptext = subprocess.run([binary(), "--help"], capture_output=True, text=True)
    assert helptext.returncode == 0
    assert "USAGE:" in helptext.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_init_prints_script_with_quoted_path(shell):
    out = subprocess.run([cone_shell(), "init", shell], capture_output=True, text=True, check=True)
    assert "@CONE_SHELL_BIN@" not in out.stdout
    assert "cone-shell" in out.stdout


def test_init_rejects_unknown_shell():
    out = subprocess.run([cone_shell(), "init", "tcsh"], capture_output=True, text=True)
    assert out.returncode == 64
    assert "tcsh" in out.stderr
