"""Fixtures shared by the end-to-end tests: the built binaries, a running cone-sandbox
on a free port, and a throwaway HOME with the environment a user would have."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from aws_cli import VERSIONS  # noqa: E402
from cone import Sandbox, bin_dir, user_env  # noqa: E402


@pytest.fixture(scope="session")
def bins():
    """Directory holding the built cone-shell and cone-sandbox."""
    return bin_dir()


@pytest.fixture
def home(tmp_path):
    """An empty HOME for one test."""
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture
def sandbox(tmp_path):
    """A cone-sandbox with the default scenario, started for one test."""
    with Sandbox.start(tmp_path / "sandbox") as s:
        yield s


@pytest.fixture(params=VERSIONS)
def aws_cli(request) -> str:
    """The AWS CLI version ("v2", then "v1") a test runs with; see aws_cli.py."""
    return request.param


@pytest.fixture
def env(home, sandbox):
    """The environment of a user with a fresh HOME, pointed at the sandbox."""
    return user_env(home, sandbox)
