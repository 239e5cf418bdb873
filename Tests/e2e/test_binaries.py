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


def installed(tmp_path):
    """The layout `make install` makes: the launcher in bin, the core in libexec."""
    import shutil

    bin_path = tmp_path / "prefix" / "bin"
    libexec = tmp_path / "prefix" / "libexec" / "cone-shell"
    bin_path.mkdir(parents=True)
    libexec.mkdir(parents=True)
    shutil.copy2(cone_shell(), bin_path / "cone-shell")
    shutil.copy2(cone_shell() + "-core", libexec / "cone-shell-core")
    return bin_path / "cone-shell", libexec / "cone-shell-core"


def test_installed_launcher_finds_the_core_in_libexec_and_names_itself(tmp_path):
    launcher, _ = installed(tmp_path)
    version = subprocess.run([launcher, "--version"], capture_output=True, text=True)
    assert (version.returncode, version.stdout) == (0, "0.1.0\n")
    script = subprocess.run([launcher, "init", "bash"], capture_output=True, text=True, check=True).stdout
    # The shell integration calls the launcher, never the core behind it.
    assert str(launcher) in script and "libexec" not in script


def test_launcher_without_its_core_says_how_to_fix_it(tmp_path):
    launcher, core = installed(tmp_path)
    core.unlink()
    out = subprocess.run([launcher, "status"], capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr == (
        "cone-shell: cannot find cone-shell-core beside this program or in ../libexec/cone-shell/; reinstall cone-shell\n"
    )
