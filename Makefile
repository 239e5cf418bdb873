# cone-shell — make demo · make test · make bench · make install
SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
# Release builds: Swift's runtime linked in, so no $ORIGIN run path for the loader to search;
# no PIE (starts ~30% faster); stripped.
RELEASE_FLAGS := -c release --static-swift-stdlib --disable-local-rpath -Xlinker --no-pie -Xlinker -s
export CI ?=

.PHONY: all build release deps test demo bench install completions lint clean

all: build

# Quiet: only errors. A dependency's own warnings are not the newcomer's to fix.
build:
	@echo "Building cone-shell (a first build takes about 8 minutes; later ones seconds)..."
	@$(SWIFT) build --quiet

release:
	$(SWIFT) build $(RELEASE_FLAGS)

deps:
	@scripts/install-deps.sh

test: deps
	@scripts/run-tests.sh

demo: build
	@scripts/demo.sh

bench: deps release
	@RELEASE_FLAGS='$(RELEASE_FLAGS)' bench/run.sh

completions: build
	@scripts/generate-completions.sh

install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/libexec/cone-shell" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
		"$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 0755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/cone-shell" "$(DESTDIR)$(PREFIX)/bin/cone-shell"
	install -m 0755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/cone-shell-core" "$(DESTDIR)$(PREFIX)/libexec/cone-shell/cone-shell-core"
	install -m 0755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/cone-sandbox" "$(DESTDIR)$(PREFIX)/bin/cone-sandbox"
	install -m 0644 completions/cone-shell.bash "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/cone-shell"
	install -m 0644 completions/_cone-shell "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cone-shell"
	install -m 0644 completions/cone-shell.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/cone-shell.fish"

# The shell scripts: the init scripts the shells load, and the repo's own scripts.
lint: deps
	shellcheck --enable=all shell/cone-shell.bash scripts/demo.sh scripts/demo/bashrc
	shellcheck scripts/*.sh bench/run.sh .ci/run
	shfmt -d shell/cone-shell.bash scripts/*.sh scripts/demo/bashrc bench/run.sh .ci/run
	zsh -n shell/cone-shell.zsh
	fish_indent --check shell/cone-shell.fish

clean:
	rm -rf .build
