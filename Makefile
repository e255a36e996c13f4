# The targets CI runs: `make test` (what the README says) and `make lint`.
GO        ?= go
TESTFLAGS ?=
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: run test lint bench build fuzz

run:
	$(GO) run ./cmd/kinerjabot

test:
	@$(GO) run ./tools/redisprobe
	$(GO) test $(TESTFLAGS) ./...

# staticcheck is pinned in go.mod as a tool (go get -tool), so `go tool`
# builds that version through the module proxy.
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./e2e/ ./conversation/ ./evidence/

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o bin/kinerjabot ./cmd/kinerjabot
