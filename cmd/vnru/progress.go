package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// progressMin is the handful of pages below which no bar is drawn.
const progressMin = 6

// progressBar draws "[=====>     ] 12/40" on one terminal line.
type progressBar struct {
	w     io.Writer
	min   int // totals below this draw nothing
	width int // of the bar, default 30
}

func (p *progressBar) draw(done, total int) {
	if total < p.min || total <= 0 {
		return
	}
	width := p.width
	if width == 0 {
		width = 30
	}
	n := done * width / total
	bar := strings.Repeat("=", n)
	if n < width {
		bar += ">" + strings.Repeat(" ", width-n-1)
	}
	fmt.Fprintf(p.w, "\r[%s] %d/%d", bar, done, total)
	if done == total {
		fmt.Fprintln(p.w)
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
