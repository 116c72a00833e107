// Command vnru answers questions about Vietnam–Russia relations with
// verbatim quotes from Vietnamese news articles.
//
//	vnru ask "Thủ tướng Mishustin thăm Việt Nam khi nào?"
//
// Run "vnru help" for the subcommands. main only wires signals and exit
// codes; run holds the program, so tests drive it end to end.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// Exit codes, documented in "vnru help".
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitNoAnswer = 3
)

// exitError carries an exit code; its message, if any, is printed.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "vnru:", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "vnru:", err)
	return exitFailure
}
