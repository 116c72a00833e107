package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress reports long work (indexing, many-source ingests, benchmarks)
// on stderr. On a terminal it draws a bar with the count, the rate and the
// time left (github.com/schollz/progressbar/v3); elsewhere (CI, pipes,
// tests) it prints sparse plain lines: one per described item, or one per
// tenth of the work. It never writes to stdout, so --json output stays
// clean. Set matches retrieval.Options.Progress, so
//
//	opt.Progress = newProgress(env.stderr, "index", true).Set
//
// A nil *progress is not valid; use show=false for one that only prints
// Println lines.
type progress struct {
	mu        sync.Mutex
	w         io.Writer
	what      string
	show      bool // draw or print progress at all
	tty       bool
	bar       *progressbar.ProgressBar // created at the first Set on a terminal
	done      int
	total     int
	described bool
	lastTenth int
}

// newProgress reports progress of what on w; with show false it only
// prints the lines given to Println.
func newProgress(w io.Writer, what string, show bool) *progress {
	return &progress{w: w, what: what, show: show, tty: isTerminal(w)}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Set records that done of total items are finished.
func (p *progress) Set(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	if !p.show || total <= 0 {
		return
	}
	if p.tty {
		if p.bar == nil {
			p.bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(p.w),
				progressbar.OptionSetDescription(p.what),
				progressbar.OptionSetWidth(30),
				progressbar.OptionShowCount(),
				progressbar.OptionShowIts(),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		} else if p.bar.GetMax() != total {
			p.bar.ChangeMax(total)
		}
		_ = p.bar.Set(done)
		return
	}
	if p.described {
		return // Describe prints a line per item
	}
	if tenth := done * 10 / total; tenth > p.lastTenth {
		p.lastTenth = tenth
		fmt.Fprintf(p.w, "%s: %d/%d (%d%%)\n", p.what, done, total, done*100/total)
	}
}

// Describe names the item being worked on: shown beside the bar on a
// terminal, a "[n/total] item" line elsewhere.
func (p *progress) Describe(item string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.show {
		return
	}
	p.described = true
	if p.bar != nil {
		p.bar.Describe(p.what + " " + item)
		return
	}
	if !p.tty {
		fmt.Fprintf(p.w, "[%d/%d] %s\n", p.done+1, p.total, item)
	}
}

// Println prints a line on the progress's writer (stderr), above the bar.
func (p *progress) Println(line string) { p.Print(p.w, line+"\n") }

// Print writes s to w (stdout, say) after clearing the bar from the
// terminal, so the two do not mix on one line; the bar is drawn again at
// the next Set.
func (p *progress) Print(w io.Writer, s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	io.WriteString(w, s)
}

// Finish removes the bar.
func (p *progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}
