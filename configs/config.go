// Package configs is vnru's typed configuration: it reads environment
// variables (and a .env file) into a Config, checks them, and holds the
// data files the engine is configured with (name variants). Only cmd/vnru
// imports it; the other packages take explicit options.
package configs

import (
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/joho/godotenv"
)

// Config is everything vnru reads from its environment.
type Config struct {
	CorpusDir  string     // VNRU_CORPUS_DIR: extra article files, added to the embedded ones
	IndexDir   string     // VNRU_INDEX_DIR: keep a persistent index here; empty = in memory
	LogLevel   slog.Level // VNRU_LOG_LEVEL: debug, info, warn, error
	MinSupport float64    // VNRU_MIN_SUPPORT: refusal threshold in (0,1]; 0 = engine default
}

// Load reads the configuration through getenv (os.Getenv in production,
// a map in tests), applies defaults and validates it.
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		CorpusDir: strings.TrimSpace(getenv("VNRU_CORPUS_DIR")),
		IndexDir:  strings.TrimSpace(getenv("VNRU_INDEX_DIR")),
		LogLevel:  slog.LevelInfo,
	}
	var errs []error
	if v := strings.TrimSpace(getenv("VNRU_LOG_LEVEL")); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("VNRU_LOG_LEVEL=%q: use debug, info, warn or error", v))
		}
	}
	if v := strings.TrimSpace(getenv("VNRU_MIN_SUPPORT")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1 {
			errs = append(errs, fmt.Errorf("VNRU_MIN_SUPPORT=%q: use a number between 0 and 1, such as 0.6", v))
		}
		c.MinSupport = f
	}
	return c, errors.Join(errs...)
}

// WithDotEnv returns a getenv that reads the process environment first and
// then the .env file at path, if there is one. The process environment is
// not modified.
func WithDotEnv(path string, getenv func(string) string) (func(string) string, error) {
	vars, err := godotenv.Read(path)
	if errors.Is(err, os.ErrNotExist) {
		return getenv, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return func(key string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return vars[key]
	}, nil
}

//go:embed names.txt
var namesFile string

// NameVariants returns the groups of name spellings in names.txt.
func NameVariants() [][]string { return parseVariants(namesFile) }

func parseVariants(text string) [][]string {
	var groups [][]string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var g []string
		for _, v := range strings.Split(line, "|") {
			if v = strings.TrimSpace(v); v != "" {
				g = append(g, v)
			}
		}
		if len(g) > 1 {
			groups = append(groups, g)
		}
	}
	return groups
}
