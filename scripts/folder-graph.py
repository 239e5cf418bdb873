#!/usr/bin/env python3
"""The folder graph of a Swift module: which folder's files name a type another folder declares.

    scripts/folder-graph.py [Sources/ConeShellKit ...]

Prints one line per folder with the folders it depends on, then any cycle, and exits 1 when
there is one. It reads names, not the compiler's index: a type counts when a file spells a
name that another folder declares at the top level (a struct, enum, class, actor, protocol,
typealias or free function), comments and string literals left out. That is what a reader
sees, which is what the rule "no folder cycles" (ARCHITECTURE.md) is for.
"""

import re
import sys
from pathlib import Path

DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private|final|nonisolated)\s+)*"
    r"(?:struct|enum|class|actor|protocol|typealias|func)\s+(\w+)",
    re.MULTILINE,
)
IDENTIFIER = re.compile(r"\b[A-Za-z_]\w*\b")


def code_of(text: str) -> str:
    """The file without comments and string literals, so a name in prose is no dependency."""
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r"/\*[\s\S]*?\*/", " ", text)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


def folder_of(path: Path, root: Path) -> str:
    relative = path.parent.relative_to(root)
    return str(relative) if str(relative) != "." else "(top)"


def graph(root: Path) -> dict[str, set[str]]:
    files = sorted(root.rglob("*.swift"))
    codes = {path: code_of(path.read_text()) for path in files}
    declared: dict[str, str] = {}
    for path, code in codes.items():
        for name in DECLARATION.findall(code):
            declared.setdefault(name, folder_of(path, root))
    edges: dict[str, set[str]] = {folder_of(path, root): set() for path in files}
    for path, code in codes.items():
        here = folder_of(path, root)
        for name in set(IDENTIFIER.findall(code)):
            there = declared.get(name)
            if there and there != here:
                edges[here].add(there)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one folder (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def main() -> int:
    roots = [Path(argument) for argument in sys.argv[1:]] or [Path("Sources/ConeShellKit")]
    status = 0
    for root in roots:
        edges = graph(root)
        print(f"{root}:")
        for folder in sorted(edges):
            print(f"  {folder} -> {', '.join(sorted(edges[folder])) or '(leaf)'}")
        for component in cycles(edges):
            print(f"  cycle: {' <-> '.join(component)}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
