#!/usr/bin/env bash
# Regenerates completions/ (the static completion files for packagers) from the built
# binary: swift-argument-parser writes them. A test fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CONE_SHELL_BIN:-$(swift build --show-bin-path)/cone-shell}
mkdir -p completions
"${bin}" --generate-completion-script bash >completions/cone-shell.bash
"${bin}" --generate-completion-script zsh >completions/_cone-shell
"${bin}" --generate-completion-script fish >completions/cone-shell.fish
echo "completions: regenerated from ${bin}"
