"""ARCHITECTURE.md's rule that the folders of the product's modules form no cycle: a
newcomer reads them bottom-up (Support, Terminal, Transport, C1 and AWS, Context, Access),
and a new dependency upwards fails here with the folders it joins."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_folders_of_the_base_and_the_kit_form_no_cycle():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/folder-graph.py"), "Sources/ConeShellBase", "Sources/ConeShellKit"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
    assert "Terminal -> Support" in result.stdout  # the graph was read, not empty


def test_the_checker_finds_a_cycle(tmp_path):
    for folder, other in (("A", "B"), ("B", "A")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{folder}.swift").write_text(f"struct Type{folder} {{ let x: Type{other} }}\n")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/folder-graph.py"), str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "cycle: A <-> B" in result.stdout


def test_every_file_the_map_names_exists():
    text = (ROOT / "ARCHITECTURE.md").read_text()
    named = set(re.findall(r"`((?:Sources|Tests|scripts|shell|bench|docs)/[^`\s*]+)`", text))
    assert len(named) > 20
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
