# vnru — run `make test` before every push; CI runs exactly that (.ci/run).

GO          ?= go
TOOLS       := $(CURDIR)/.tools
STATICCHECK := $(TOOLS)/staticcheck
STATICCHECK_VERSION := v0.8.2
FUZZTIME    ?= 30s
QUESTIONS   ?= retrieval/testdata/questions.jsonl

.PHONY: test tools lint fuzz bench eval run build

EMULATOR    := bot/testdata/emulator

## test: install what the tests need, then format check, vet, staticcheck and all tests with -race
test: tools lint
	$(GO) test -race -count=1 ./...

## tools: staticcheck (Go module proxy) and the Telegram Bot API emulator (npm, pinned by its lockfile)
tools: $(STATICCHECK) $(EMULATOR)/node_modules/.package-lock.json

$(EMULATOR)/node_modules/.package-lock.json: $(EMULATOR)/package.json $(EMULATOR)/package-lock.json
	@command -v node >/dev/null || { echo "node is required for the bot's end-to-end tests (apt install nodejs npm)"; exit 1; }
	npm ci --prefix $(EMULATOR) --no-audit --no-fund

$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

## fuzz: run every fuzz target for FUZZTIME (default 30s each)
fuzz:
	$(GO) test ./corpus -run='^$$' -fuzz='^FuzzSplitSentences$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./corpus -run='^$$' -fuzz='^FuzzClean$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./corpus -run='^$$' -fuzz='^FuzzParseArticle$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./corpus -run='^$$' -fuzz='^FuzzCollapseSpace$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./retrieval -run='^$$' -fuzz='^FuzzAnswer$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./retrieval -run='^$$' -fuzz='^FuzzTokenize$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./retrieval -run='^$$' -fuzz='^FuzzParseCatalog$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./bot -run='^$$' -fuzz='^FuzzAnswerParts$$' -fuzztime=$(FUZZTIME)

## bench: Go benchmarks of the analyzer, splitter and answer pipeline
bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./corpus ./retrieval

## eval: answer quality on the dev question set
eval:
	$(GO) run ./cmd/vnru eval --questions $(QUESTIONS)

build:
	$(GO) build -o vnru ./cmd/vnru

run:
	$(GO) run ./cmd/vnru ask "Thủ tướng Mishustin thăm Việt Nam khi nào?"
