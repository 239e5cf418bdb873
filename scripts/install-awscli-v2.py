"""Installs the AWS CLI v2 the end-to-end tests run beside v1, from PyPI: the package
aws-cdk-asset-awscli-v2 carries AWS's official Linux bundle (a Lambda layer zip inside
a jsii tarball). Extracted into .build/awscli-v2 (ignored by git, removed by
`make clean`); idempotent: nothing happens when that version is already there.

    python3 scripts/install-awscli-v2.py        prints the path of the `aws` program
"""
import io
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "aws-cdk-asset-awscli-v2==2.0.198"
VERSION = "2.38.5"  # the AWS CLI inside that package
ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / ".build" / "awscli-v2"


def installed() -> Path | None:
    aws = TARGET / "dist" / "aws"
    if (TARGET / "VERSION").is_file() and (TARGET / "VERSION").read_text().strip() == VERSION and aws.is_file():
        return aws
    return None


def extract_layer(layer: zipfile.ZipFile, into: Path) -> None:
    """The layer's `awscli/v2/<version>/dist` with its modes (zipfile drops them)."""
    prefix = f"awscli/v2/{VERSION}/dist/"
    for info in layer.infolist():
        if not info.filename.startswith(prefix) or info.filename == prefix:
            continue
        relative = Path(info.filename[len(prefix):])
        if ".." in relative.parts:
            raise SystemExit(f"install-awscli-v2: unexpected path in the layer: {info.filename}")
        path = into / relative
        mode = info.external_attr >> 16
        if info.is_dir():
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if stat.S_ISLNK(mode):
            path.symlink_to(layer.read(info).decode())
            continue
        with layer.open(info) as source, open(path, "wb") as target:
            shutil.copyfileobj(source, target)
        if mode:
            path.chmod(stat.S_IMODE(mode))


def main() -> None:
    aws = installed()
    if aws is None:
        with tempfile.TemporaryDirectory() as scratch:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                            "--no-deps", "-d", scratch, PACKAGE], check=True, stdin=subprocess.DEVNULL)
            [wheel] = Path(scratch).glob("*.whl")
            with zipfile.ZipFile(wheel) as package:
                [jsii] = [name for name in package.namelist() if name.endswith(".jsii.tgz")]
                with tarfile.open(fileobj=io.BytesIO(package.read(jsii))) as tarball:
                    layer_bytes = tarball.extractfile("package/lib/layer.zip").read()
            staging = TARGET.with_name("awscli-v2.partial")
            shutil.rmtree(staging, ignore_errors=True)
            (staging / "dist").mkdir(parents=True)
            with zipfile.ZipFile(io.BytesIO(layer_bytes)) as layer:
                extract_layer(layer, staging / "dist")
            (staging / "VERSION").write_text(VERSION + "\n")
            shutil.rmtree(TARGET, ignore_errors=True)
            os.replace(staging, TARGET)
        aws = installed()
        if aws is None:
            raise SystemExit("install-awscli-v2: the layer held no AWS CLI " + VERSION)
    print(aws)


if __name__ == "__main__":
    main()
