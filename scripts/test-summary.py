"""Prints one line of passed and failed counts from the JUnit XML files given."""
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
parts = []
for path in sys.argv[1:]:
    label, _, file = path.partition("=")
    p = f = s = 0
    try:
        root = ET.parse(file).getroot()
    except (OSError, ET.ParseError):
        parts.append(f"{label}: no results")
        failed += 1
        continue
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            f += 1
        elif case.find("skipped") is not None:
            s += 1
        else:
            p += 1
    passed, failed, skipped = passed + p, failed + f, skipped + s
    parts.append(f"{label} {p}/{p + f}")
line = f"make test: {passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(f"{line} ({', '.join(parts)})")
sys.exit(1 if failed else 0)
