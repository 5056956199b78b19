# dvcportal: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := run

GO        ?= go
BIN       := bin/dvcportal
PG_BIN    := $(shell ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
UNITS     := ../shared/data/vn-admin-units/units-2026-07-25.json
TESTPG    := $(CURDIR)/.data/test-postgres
NPM_DIRS  := internal/e2e/federation internal/e2e/httpaudit

.PHONY: bench-load run build web test generate check-generated check-tidy lint vet staticcheck postgres-binaries chromium npm-deps test-cluster-start clean disk-space

# The web front end (web/) is built into internal/webapp/dist, which the binary embeds.
WEB_OUT   := internal/webapp/dist/index.html
WEB_SRC   := $(shell find web/src web/public schema -type f -not -path 'web/src/gql/*' 2>/dev/null) \
             $(wildcard web/index.html web/*.ts web/*.json web/federation.graphql)

## run: install PostgreSQL if missing, build (the front end too, when its sources changed), start the server on the private cluster (portal at /, GraphiQL at /graphiql).
run: postgres-binaries build
	DVC_UNITS_FILE=$${DVC_UNITS_FILE:-$(if $(wildcard $(UNITS)),$(UNITS),)} ./$(BIN) serve

build: web
	$(GO) build -o $(BIN) ./server

## web: npm ci + vite build of the front end when its sources (or the schema) changed.
web: $(WEB_OUT)

$(WEB_OUT): web/node_modules/.package-lock.json $(WEB_SRC)
	@if command -v npm >/dev/null; then npm run build --prefix web --silent; \
	else echo "npm is missing: the binary serves a placeholder at / (apt-get install nodejs npm)"; fi

web/node_modules/.package-lock.json: web/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix web --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: skipping the front end"; fi

## chromium: the browser of the browser tests, from the OS packages, when missing and we can install.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ -z "$$DVC_CHROMIUM" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Chromium from the OS packages"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium' (the browser tests need it)"; \
	  fi; \
	fi

## postgres-binaries: the PostgreSQL server from the OS packages, when missing and we can install.
postgres-binaries:
	@if [ -z "$(PG_BIN)" ] && ! command -v pg_ctl >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing PostgreSQL from the OS packages"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null; \
	  else \
	    echo "PostgreSQL is missing: run 'sudo apt-get install postgresql' or set DATABASE_URL"; exit 1; \
	  fi; \
	fi

## generate: regenerate gqlgen code from schema/ (serialised: several people may run it at once).
## The generators and linters are pinned in go.mod's tool block and run with `go tool`.
generate:
	flock /tmp/dvc-gen.lock $(GO) run ./internal/tools/gqlgenerate

## check-generated: fail when graph/ is not what `make generate` makes of schema/. Generates into a
## temporary copy of the work tree (tracked and untracked, not ignored files), so the tree is untouched.
check-generated:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c '[ -e "{}" ] && printf "%s\0" "{}" || true' \
	  | tar --null -T - -cf - | tar -xf - -C "$$tmp"; \
	(cd "$$tmp" && flock /tmp/dvc-gen.lock $(GO) run ./internal/tools/gqlgenerate); \
	if ! diff -r -q graph "$$tmp/graph" >/dev/null; then \
	  diff -r -u graph "$$tmp/graph" | head -40; \
	  echo "graph/ does not match schema/: run 'make generate' and commit the result"; exit 1; \
	fi

## check-tidy: fail when go.mod/go.sum are not tidy.
check-tidy:
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run 'go mod tidy'"; exit 1; }

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) tool staticcheck $$($(GO) list ./... | grep -v /graph/generated)

lint: vet staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go' | grep -v '^graph/generated/'))" || { gofmt -l $$(git ls-files '*.go' | grep -v '^graph/generated/'); echo "gofmt needed"; exit 1; }

## npm-deps: the Node packages the federation and GraphQL-over-HTTP tests run.
npm-deps:
	@for d in $(NPM_DIRS); do \
	  if [ -f $$d/package-lock.json ]; then npm ci --prefix $$d --no-audit --no-fund --loglevel=error >/dev/null || exit 1; fi; \
	done

## test: everything the tests need (PostgreSQL, Chromium, Node packages, the built front end), lint,
## tidy go.mod, generated code in step with schema/, then all tests against a real PostgreSQL.
test: disk-space postgres-binaries chromium npm-deps web lint check-tidy check-generated
	@rm -rf $(TESTPG); mkdir -p $(TESTPG)
	@set -e; \
	url=$$($(GO) run ./server test-cluster start --dir $(TESTPG)); \
	trap '$(GO) run ./server test-cluster stop --dir $(TESTPG) >/dev/null' EXIT; \
	DVC_TEST_DATABASE_URL=$$url DVC_UNITS_FILE=$(abspath $(UNITS)) $(GO) test -race -count=1 -timeout 15m ./...

## disk-space: a run of `make test` peaks at about 3 GB across the Go build cache, the test
## cluster in .data and the tests' temporary dirs (their own clusters included). Warn, with the
## figures, when less is free, so that a full disk reads as a full disk and not as a failing test.
DISK_NEED_MB ?= 3000
disk-space:
	@for d in $(CURDIR) $${TMPDIR:-/tmp} $$($(GO) env GOCACHE); do \
	  [ -d "$$d" ] || continue; free=$$(df -Pm "$$d" | awk 'NR==2 {print $$4}'); \
	  if [ "$$free" -lt $(DISK_NEED_MB) ]; then echo "warning: $$free MB free under $$d; make test needs about $(DISK_NEED_MB) MB (free space: go clean -cache, old temporary dirs)" >&2; fi; \
	done

## bench-load: every row of issue 13 beside its ceiling, in interleaved rounds (internal/loadtest/README.md):
## the server and its PostgreSQL on SERVER_CPUS, the load on LOAD_CPUS. Not part of `make test`.
SERVER_CPUS      ?= 0
LOAD_CPUS        ?= 1
BENCH_LOAD_FLAGS ?= -rounds 3 -d 5s
bench-load: postgres-binaries
	$(GO) build -o $(BIN) ./server
	$(GO) build -o bin/loadtest ./internal/loadtest
	taskset -c $(LOAD_CPUS) bin/loadtest -suite -server $(BIN) -server-cpus $(SERVER_CPUS) \
	  -pgbench $(if $(PG_BIN),$(PG_BIN)/pgbench,pgbench) $(if $(wildcard $(UNITS)),-units $(abspath $(UNITS)),) $(BENCH_LOAD_FLAGS)

clean:
	rm -rf bin .data/test-postgres
