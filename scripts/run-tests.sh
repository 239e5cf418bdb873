#!/usr/bin/env bash
# The body of `make test`: build, Swift tests, end-to-end tests, one summary line.
# Every stage runs even when an earlier one fails, so the summary counts everything.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
out=.build/test-results
mkdir -p "$out"
rm -f "$out"/*.xml

swift build --build-tests </dev/null || {
	echo "make test: build failed"
	exit 1
}
bin_dir=$(swift build --show-bin-path)

swift test --skip-build --xunit-output "$out/swift.xml" </dev/null
# swift-testing writes its results beside the XCTest file, with a suffix.
swift_xml="$out/swift-swift-testing.xml"
[ -f "$swift_xml" ] || swift_xml="$out/swift.xml"

CONE_SHELL_BIN_DIR="$bin_dir" python3 -m pytest Tests/e2e -q -p no:cacheprovider \
	--junitxml="$out/e2e.xml" </dev/null

python3 scripts/test-summary.py "swift=$swift_xml" "e2e=$out/e2e.xml"
