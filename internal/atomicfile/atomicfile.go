// Package atomicfile writes files so that a reader never sees half of one:
// the content goes to a temporary file in the same folder, which is synced
// and then renamed over the target. An interrupted write leaves the old file
// whole and no temporary file behind.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by Create when the file is already there.
var ErrExists = fs.ErrExist

// Write replaces (or creates) path with what fn writes. The new file keeps
// the mode of the file it replaces, or gets 0644.
func Write(path string, fn func(io.Writer) error) error {
	return write(path, false, fn)
}

// Create is Write for a file that must not exist yet: when it does, nothing
// is written and the error wraps ErrExists. The check and the rename are
// not one atomic step; a file created between them by another program
// would be replaced.
func Create(path string, fn func(io.Writer) error) error {
	return write(path, true, fn)
}

func write(path string, exclusive bool, fn func(io.Writer) error) (err error) {
	mode := fs.FileMode(0o644)
	if st, statErr := os.Stat(path); statErr == nil {
		// A directory first: --force could not replace it, so offering
		// --force for it (as for an existing file) would send the user
		// round in a circle.
		if st.IsDir() {
			return fmt.Errorf("%s: is a directory", path)
		}
		if exclusive {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		mode = st.Mode().Perm()
	}
	// A symbolic link stays a link: the file it points to is the one
	// replaced (renaming over the link would turn it into a copy). Messages
	// keep the name the user gave.
	target := path
	if resolved, evalErr := filepath.EvalSymlinks(path); evalErr == nil {
		target = resolved
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err = fn(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
