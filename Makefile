# dvcportal: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := run

GO        ?= go
BIN       := bin/dvcportal
PG_BIN    := $(shell ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
UNITS     := ../shared/data/vn-admin-units/units-2026-07-25.json
TESTPG    := $(CURDIR)/.data/test-postgres
NPM_DIRS  := internal/e2e/federation internal/e2e/httpaudit

.PHONY: run build web test generate lint vet staticcheck postgres-binaries chromium npm-deps test-cluster-start clean

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
generate:
	flock /tmp/dvc-gen.lock $(GO) run github.com/99designs/gqlgen generate

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) run honnef.co/go/tools/cmd/staticcheck $$($(GO) list ./... | grep -v /graph/generated)

lint: vet staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go' | grep -v '^graph/generated/'))" || { gofmt -l $$(git ls-files '*.go' | grep -v '^graph/generated/'); echo "gofmt needed"; exit 1; }

## npm-deps: the Node packages the federation and GraphQL-over-HTTP tests run.
npm-deps:
	@for d in $(NPM_DIRS); do \
	  if [ -f $$d/package-lock.json ]; then npm ci --prefix $$d --no-audit --no-fund --loglevel=error >/dev/null || exit 1; fi; \
	done

## test: everything the tests need (PostgreSQL, Chromium, Node packages, the built front end), lint, then all tests against a real PostgreSQL.
test: postgres-binaries chromium npm-deps web lint
	@rm -rf $(TESTPG); mkdir -p $(TESTPG)
	@set -e; \
	url=$$($(GO) run ./server test-cluster start --dir $(TESTPG)); \
	trap '$(GO) run ./server test-cluster stop --dir $(TESTPG) >/dev/null' EXIT; \
	DVC_TEST_DATABASE_URL=$$url DVC_UNITS_FILE=$(abspath $(UNITS)) $(GO) test -race -count=1 -timeout 15m ./...

clean:
	rm -rf bin .data/test-postgres
