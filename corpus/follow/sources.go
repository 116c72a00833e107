package follow

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"strings"
)

// ReadSources expands command-line sources into feed and sitemap
// addresses: an http(s) URL is one; anything else is a file listing them,
// one per line ("#" starts a comment). Repeats are dropped. An unknown
// kind of source, an unreadable list or a bad line is an error, found
// before anything is fetched.
func ReadSources(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(u string) {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, arg := range args {
		if strings.Contains(arg, "://") {
			u, err := checkURL(arg)
			if err != nil {
				return nil, err
			}
			add(u)
			continue
		}
		data, err := os.ReadFile(arg)
		if err != nil {
			return nil, fmt.Errorf("source %q is neither an http(s) URL nor a readable list of URLs: %w", arg, err)
		}
		n := 0
		sc := bufio.NewScanner(bytes.NewReader(data))
		for line := 1; sc.Scan(); line++ {
			s := strings.TrimSpace(sc.Text())
			if s == "" || strings.HasPrefix(s, "#") {
				continue
			}
			u, err := checkURL(s)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", arg, line, err)
			}
			add(u)
			n++
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read source list %s: %w", arg, err)
		}
		if n == 0 {
			return nil, fmt.Errorf("source list %s has no URLs: put one feed or sitemap URL per line", arg)
		}
	}
	return out, nil
}

func checkURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("unknown kind of source %q: give an http(s) feed or sitemap URL, or a file listing them", s)
	}
	return u.String(), nil
}

func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Host
}
