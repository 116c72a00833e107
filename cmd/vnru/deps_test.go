package main

import (
	"errors"
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// importRule says what one package of the module may import.
type importRule struct {
	module   []string // packages of this module it may import (besides itself)
	external []string // restricted outside libraries it may import
}

// Outside libraries that only some packages may import.
const (
	bleve    = "github.com/blevesearch/"
	telegram = "github.com/go-telegram-bot-api/"
)

// importRules is the architecture: cmd → bot → retrieval → corpus,
// cmd → configs, and cmd → eval → retrieval → corpus. Only cmd imports
// eval and configs; only bot speaks Telegram (and cmd, to route
// tgbotapi's package-global logger to slog once in main); only retrieval
// speaks bleve, and eval for the plain-bleve baselines it measures the
// engine against. A new package fails the test until it has a rule.
var importRules = map[string]importRule{
	"corpus":    {},
	"configs":   {},
	"retrieval": {module: []string{"corpus"}, external: []string{bleve}},
	"eval":      {module: []string{"retrieval", "corpus"}, external: []string{bleve}},
	"bot":       {module: []string{"retrieval", "corpus"}, external: []string{telegram}},
	"cmd/vnru":  {module: []string{"bot", "retrieval", "corpus", "configs", "eval"}, external: []string{telegram}},
}

// TestImportRules checks every package's imports, of its code and of its
// internal and external tests, against importRules.
func TestImportRules(t *testing.T) {
	const mod = "github.com/vnru/vnru/"
	for _, pkg := range modulePackages(t) {
		rule, ok := importRules[pkg]
		if !ok {
			t.Errorf("package %s has no import rule: add it to importRules in cmd/vnru/deps_test.go", pkg)
			continue
		}
		p, err := build.ImportDir(filepath.Join("..", "..", pkg), 0)
		if err != nil {
			t.Fatalf("read %s: %v", pkg, err)
		}
		for _, imp := range slices.Concat(p.Imports, p.TestImports, p.XTestImports) {
			if dep, ok := strings.CutPrefix(imp, mod); ok {
				if dep != pkg && !slices.Contains(rule.module, dep) {
					t.Errorf("%s imports %s, which the architecture forbids", pkg, imp)
				}
				continue
			}
			for _, lib := range []string{bleve, telegram} {
				if strings.HasPrefix(imp, lib) && !slices.Contains(rule.external, lib) {
					t.Errorf("%s imports %s, which the architecture forbids", pkg, imp)
				}
			}
		}
	}
}

// modulePackages lists the module's packages as paths from its root: the
// folders holding Go files, outside testdata.
func modulePackages(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..")
	var pkgs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "node_modules") {
			return filepath.SkipDir
		}
		_, err = build.ImportDir(path, 0)
		var noGo *build.NoGoError
		if errors.As(err, &noGo) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		pkgs = append(pkgs, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatalf("list the module's packages: %v", err)
	}
	if len(pkgs) < len(importRules) {
		t.Fatalf("found packages %v, fewer than the rules name: is the test run from cmd/vnru?", pkgs)
	}
	return pkgs
}
