package main

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportRules enforces the architecture: cmd → bot → retrieval →
// corpus, configs read only by cmd; only bot speaks Telegram and only
// retrieval speaks bleve.
func TestImportRules(t *testing.T) {
	const mod = "github.com/vnru/vnru/"
	rules := map[string][]string{ // package -> imports it must not have
		"corpus":    {mod + "retrieval", mod + "bot", mod + "configs", mod + "cmd", "github.com/blevesearch/", "github.com/go-telegram-bot-api/"},
		"retrieval": {mod + "bot", mod + "configs", mod + "cmd", "github.com/go-telegram-bot-api/"},
		"bot":       {mod + "configs", mod + "cmd", "github.com/blevesearch/"},
		"configs":   {mod + "corpus", mod + "retrieval", mod + "bot", mod + "cmd", "github.com/blevesearch/", "github.com/go-telegram-bot-api/"},
	}
	rules["corpus/follow"] = rules["corpus"] // a part of corpus, under its rules
	for pkg, banned := range rules {
		p, err := build.ImportDir(filepath.Join("..", "..", pkg), 0)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				continue // package not written yet
			}
			t.Fatalf("read %s: %v", pkg, err)
		}
		for _, imp := range append(p.Imports, p.TestImports...) {
			for _, b := range banned {
				if strings.HasPrefix(imp, b) {
					t.Errorf("%s imports %s, which the architecture forbids", pkg, imp)
				}
			}
		}
	}
}
