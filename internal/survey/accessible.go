package survey

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"charm.land/huh/v2"
)

// RunAccessible runs the survey as plain numbered prompts, one per line,
// for screen readers and for answers piped on standard input: prompts go to
// out, answers come from in. It starts at the first unanswered question
// (the page's heading shown, its answered questions not asked again) and
// runs the same pages as RunTerminal, one
// field at a time through huh's accessible prompts, and works around their
// faults with piped input:
//
//   - every huh prompt makes its own bufio.Scanner (still so in huh v2.0.3,
//     internal/accessibility), so the first would swallow all buffered input
//     and later fields would silently take their defaults: in is read one
//     byte per Read;
//   - the end of the input is no error to huh, which takes the default: the
//     reader notes it, and a field that met it is not counted as answered;
//   - a select can panic on a bad last line at the end of input: the panic
//     is recovered and counted as the end of input.
//
// There is no going back a page here: the review page offers each page again.
func (s *Survey) RunAccessible(ctx context.Context, in io.Reader, out io.Writer) (Outcome, error) {
	r := newLineReader(ctx, in)
	defer r.close()
	review := len(s.pages) - 1
	toReview := false
	p, from := s.Start()
	for ; ; from = 0 {
		if p == review {
			toReview = false
		}
		b := s.build(p)
		err := s.askAll(b, r, out, from)
		switch {
		case ctx.Err() != nil:
			return Interrupted, s.save()
		case r.ended:
			return InputEnded, s.save()
		case err != nil:
			return Interrupted, err
		}
		if err := s.save(); err != nil {
			return Interrupted, err
		}
		if b.choice != nil {
			if *b.choice == reviewSave {
				return Saved, nil
			}
			next, err := strconv.Atoi(strings.TrimPrefix(*b.choice, "page:"))
			if err != nil || next < 0 || next >= review {
				next = review
			}
			p, toReview = next, true
			continue
		}
		next := s.next(p)
		if toReview || next < 0 {
			next = review
		}
		p = next
	}
}

// askAll asks the fields of a page in order, from question from (counted
// from 0; the heading is always shown), and records each answer as it is
// given. It stops at the end of the input, leaving that field unanswered.
func (s *Survey) askAll(b *built, r *lineReader, out io.Writer, from int) error {
	skip := map[huh.Field]bool{}
	for i := 0; i < from && i < len(b.entries); i++ {
		skip[b.entries[i].field] = true
	}
	for _, f := range b.fields {
		if skip[f] {
			continue
		}
		f.Init()
		f.Focus()
		err := askOne(f, r, out)
		fmt.Fprintln(out)
		if r.ended {
			return nil
		}
		if err != nil {
			return err
		}
		for _, e := range b.entries {
			if e.field == f {
				e.set(f.GetValue())
			}
		}
	}
	return nil
}

// askOne runs one accessible prompt, turning a panic inside huh into an error.
func askOne(f huh.Field, r io.Reader, out io.Writer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the prompt failed: %v", p)
		}
	}()
	return f.RunAccessible(out, r)
}

// lineReader hands huh's accessible prompts their input one byte per Read,
// so that no prompt reads ahead into the next one's answer. A goroutine
// reads the underlying input, so that a Read can give up when the context is
// cancelled (Ctrl-C) rather than wait for a line that will not come.
type lineReader struct {
	ctx   context.Context
	in    io.Reader
	bytes chan readResult
	stop  chan struct{}
	began bool
	last  byte
	done  bool // the input has no more bytes
	// ended is set once a Read has reported the end of the input or the
	// cancelled context: the prompt that saw it took its default, not an answer.
	ended bool
}

type readResult struct {
	b   byte
	err error
}

func newLineReader(ctx context.Context, in io.Reader) *lineReader {
	return &lineReader{ctx: ctx, in: in, bytes: make(chan readResult), stop: make(chan struct{})}
}

func (r *lineReader) pump() {
	var buf [1]byte
	for {
		n, err := r.in.Read(buf[:])
		if n > 0 {
			select {
			case r.bytes <- readResult{b: buf[0]}:
			case <-r.stop:
				return
			}
		}
		if err != nil {
			select {
			case r.bytes <- readResult{err: err}:
			case <-r.stop:
			}
			return
		}
	}
}

// close lets the reading goroutine end once its current Read returns.
func (r *lineReader) close() { close(r.stop) }

// Read returns one byte. At the end of the input, a last line without a
// line break is completed with one, so that it counts as an answer.
func (r *lineReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if r.done {
		r.ended = true
		return 0, io.EOF
	}
	if !r.began {
		r.began = true
		go r.pump()
	}
	select {
	case <-r.ctx.Done():
		r.ended = true
		return 0, r.ctx.Err()
	case res := <-r.bytes:
		if res.err != nil {
			r.done = true
			if r.last != 0 && r.last != '\n' {
				r.last = '\n'
				p[0] = '\n'
				return 1, nil
			}
			r.ended = true
			return 0, io.EOF
		}
		r.last = res.b
		p[0] = res.b
		return 1, nil
	}
}
