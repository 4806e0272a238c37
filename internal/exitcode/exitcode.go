// Package exitcode names cop's exit codes and the error type that carries
// one, so that every command reports failure the same way and the mapping to
// a process exit code lives in one place (internal/cli).
package exitcode

import (
	"errors"
	"strconv"
)

// The exit codes, the same for every command.
const (
	// OK means the command did what was asked.
	OK = 0
	// Failed means a check did not pass: a policy or rule was not met.
	Failed = 1
	// Invalid means bad usage or invalid input: a wrong flag, a missing or
	// malformed file, a file that could not be read or written.
	Invalid = 2
	// Interrupted means the user stopped the command (Ctrl-C).
	Interrupted = 130
)

// Error is an error that carries the exit code it should end the process with.
// When Silent is set, the command has already told the user what went wrong
// and nothing more is printed.
type Error struct {
	Code   int
	Err    error
	Silent bool
}

func (e *Error) Error() string {
	if e.Err == nil {
		return "exit status " + strconv.Itoa(e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Usage wraps err as bad usage or invalid input (exit 2).
func Usage(err error) error { return &Error{Code: Invalid, Err: err} }

// Silent ends the process with code without printing anything more: the
// command has already written what the user needs to read.
func Silent(code int) error { return &Error{Code: code, Silent: true} }

// Code returns the exit code an error asks for: the code of the first
// *Error in its chain, or Invalid when there is none.
func Code(err error) int {
	if err == nil {
		return OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Invalid
}
