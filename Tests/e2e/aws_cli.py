"""The two AWS CLIs the suites run with: v2, what users run (`make test` unpacks the
official bundle into .build/awscli-v2), and v1, the Python package beside pytest. Suites
that take the `aws_cli` fixture run once with each, v2 first."""
import sys
from pathlib import Path

import pytest

from cone import ROOT

V2_DIR = ROOT / ".build" / "awscli-v2" / "dist"
#: v1 as installed beside the Python that runs the tests (not a pyenv shim, which would
#: add a second interpreter start to every call).
V1_DIR = Path(sys.executable).parent
VERSIONS = ["v2", "v1"]

AWS_V2 = V2_DIR / "aws"
needs_v2 = pytest.mark.skipif(not AWS_V2.exists(), reason="make test installs the AWS CLI v2")


def cli_dir(version: str) -> Path:
    """The directory holding `aws` and `aws_completer` of that version."""
    if version == "v2" and not AWS_V2.exists():
        pytest.skip("make test installs the AWS CLI v2")
    return V2_DIR if version == "v2" else V1_DIR


def with_cli(env: dict, version: str) -> dict:
    """`env` with that version's `aws` first on PATH. v2 pages its output through `less`
    on a terminal; a test wants it printed."""
    return {**env, "PATH": f"{cli_dir(version)}:{env['PATH']}", "AWS_PAGER": ""}
