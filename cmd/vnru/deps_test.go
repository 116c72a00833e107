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
// eval and configs; internal/secret (the type of secrets in settings)
// imports nothing of ours, so configs and bot can share it; only bot
// speaks Telegram (cmd routes its logger through bot); only retrieval
// speaks bleve, and eval for the plain-bleve baselines it measures the
// engine against. A new package fails the test until it has a rule.
var importRules = map[string]importRule{
	"corpus":          {},
	"corpus/follow":   {module: []string{"corpus"}},
	"configs":         {module: []string{"internal/secret"}},
	"internal/secret": {},
	"retrieval":       {module: []string{"corpus"}, external: []string{bleve}},
	"eval":            {module: []string{"retrieval", "corpus"}, external: []string{bleve}},
	"bot":             {module: []string{"retrieval", "corpus", "internal/secret"}, external: []string{telegram}},
	"cmd/vnru":        {module: []string{"bot", "retrieval", "corpus", "corpus/follow", "configs", "eval", "internal/secret"}},
}

// TestImportRules checks every package's imports, of its code and of its
// internal and external tests, against importRules.
func TestImportRules(t *testing.T) {
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
		for _, v := range violations(pkg, p, rule) {
			t.Errorf("%s, which the architecture forbids", v)
		}
	}
}

// violations lists the imports of p, of its code and of its internal and
// external tests, that rule forbids, as "pkg imports path".
func violations(pkg string, p *build.Package, rule importRule) []string {
	const mod = "github.com/vnru/vnru/"
	var out []string
	for _, imp := range slices.Concat(p.Imports, p.TestImports, p.XTestImports) {
		if dep, ok := strings.CutPrefix(imp, mod); ok {
			if dep != pkg && !slices.Contains(rule.module, dep) {
				out = append(out, pkg+" imports "+imp)
			}
			continue
		}
		for _, lib := range []string{bleve, telegram} {
			if strings.HasPrefix(imp, lib) && !slices.Contains(rule.external, lib) {
				out = append(out, pkg+" imports "+imp)
			}
		}
	}
	return out
}

// TestViolations checks the checker: each kind of import it must catch,
// wherever the import is.
func TestViolations(t *testing.T) {
	tests := []struct {
		name string
		pkg  string
		p    build.Package
		want []string
	}{
		{"allowed", "eval", build.Package{
			Imports:      []string{"context", "github.com/vnru/vnru/retrieval", "github.com/blevesearch/bleve/v2"},
			TestImports:  []string{"github.com/vnru/vnru/corpus"},
			XTestImports: []string{"github.com/vnru/vnru/eval"},
		}, nil},
		{"upward in code", "retrieval", build.Package{Imports: []string{"github.com/vnru/vnru/bot"}},
			[]string{"retrieval imports github.com/vnru/vnru/bot"}},
		{"configs in a test", "bot", build.Package{TestImports: []string{"github.com/vnru/vnru/configs"}},
			[]string{"bot imports github.com/vnru/vnru/configs"}},
		{"eval in an external test", "bot", build.Package{XTestImports: []string{"github.com/vnru/vnru/eval"}},
			[]string{"bot imports github.com/vnru/vnru/eval"}},
		{"bleve outside retrieval and eval", "cmd/vnru", build.Package{Imports: []string{"github.com/blevesearch/bleve/v2/mapping"}},
			[]string{"cmd/vnru imports github.com/blevesearch/bleve/v2/mapping"}},
		{"telegram in eval", "eval", build.Package{XTestImports: []string{"github.com/go-telegram-bot-api/telegram-bot-api/v5"}},
			[]string{"eval imports github.com/go-telegram-bot-api/telegram-bot-api/v5"}},
		{"corpus imports nothing of ours", "corpus", build.Package{Imports: []string{"github.com/vnru/vnru/retrieval", "github.com/blevesearch/bleve/v2"}},
			[]string{"corpus imports github.com/vnru/vnru/retrieval", "corpus imports github.com/blevesearch/bleve/v2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := violations(tt.pkg, &tt.p, importRules[tt.pkg]); !slices.Equal(got, tt.want) {
				t.Errorf("violations(%s) = %q, want %q", tt.pkg, got, tt.want)
			}
		})
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
