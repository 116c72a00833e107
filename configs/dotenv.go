package configs

import (
	"fmt"
	"regexp"
	"strings"
)

// dotEnvName matches the start of a .env assignment as godotenv reads it:
// an optional "export", a name of letters, digits, "_" and ".", then "="
// (or YAML's ":").
var dotEnvName = regexp.MustCompile(`^(?:export\s+)?[A-Za-z0-9_.]+\s*[=:]\s*`)

// checkDotEnv finds the first malformed line of a .env file, which
// godotenv reports without a line number (and quoting the rest of the
// file, token included): a line that is not a comment, blank or
// NAME=value, or a quoted value that is never closed.
func checkDotEnv(path, text string) error {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		m := dotEnvName.FindStringIndex(l)
		if m == nil {
			return fmt.Errorf("%s line %d: want NAME=value (or a # comment); see .env.example", path, i+1)
		}
		v := l[m[1]:]
		if v == "" || v[0] != '"' && v[0] != '\'' {
			continue
		}
		// A quoted value may run over several lines; find its end.
		start, quote, rest := i, v[0], v[1:]
		for !closesQuote(rest, quote) {
			if i++; i == len(lines) {
				return fmt.Errorf("%s line %d: the value's opening %c is never closed", path, start+1, quote)
			}
			rest = lines[i]
		}
	}
	return nil
}

// closesQuote reports whether s holds an unescaped quote character.
func closesQuote(s string, quote byte) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && quote == '"':
			i++
		case s[i] == quote:
			return true
		}
	}
	return false
}
