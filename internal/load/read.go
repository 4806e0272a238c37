package load

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest file cop reads: 8 MiB. Larger inputs are refused
// before any parsing.
const MaxSize = 8 << 20

// ReadFile reads a file of at most MaxSize bytes. Standard input is not
// handled here; callers pass "-" through their own reader with ReadAll.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return ReadAll(path, f)
	}
	if st.IsDir() {
		return nil, problemf(path, 0, 0, "is a directory (expected a YAML file)")
	}
	if !st.Mode().IsRegular() {
		return ReadAll(path, f)
	}
	if st.Size() > MaxSize {
		return nil, tooLarge(path, st.Size())
	}
	// Read into a buffer of the file's size, in one read and one more to
	// see the end, rather than one that grows from 512 bytes: over
	// thousands of files (cop compare) the growing cost a twentieth of
	// the time. A file that grew meanwhile is still read whole, up to the cap.
	var buf bytes.Buffer
	buf.Grow(int(st.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxSize+1)); err != nil {
		return nil, fileError(path, err)
	}
	if buf.Len() > MaxSize {
		return nil, tooLarge(path, -1)
	}
	return buf.Bytes(), nil
}

// ReadAll reads at most MaxSize bytes from r, refusing anything larger
// without reading it all.
func ReadAll(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fileError(name, err)
	}
	if len(data) > MaxSize {
		return nil, tooLarge(name, -1)
	}
	return data, nil
}

func tooLarge(name string, size int64) error {
	if size < 0 {
		return problemf(name, 0, 0, "is larger than 8 MiB, the most cop reads")
	}
	return problemf(name, 0, 0, "is %.1f MiB, larger than 8 MiB, the most cop reads", float64(size)/(1<<20))
}

func fileError(name string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return problemf(name, 0, 0, "no such file")
	case errors.Is(err, fs.ErrPermission):
		return problemf(name, 0, 0, "permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return problemf(name, 0, 0, "cannot read: %v", err)
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Parse checks the bytes of a file and parses them into one YAML document.
// A UTF-8 byte order mark and CRLF line endings are accepted; UTF-16,
// invalid UTF-8, NUL bytes, tabs used for indentation, syntax errors, and
// more than one document are problems with a position.
func Parse(name string, data []byte) (*yaml.Node, error) {
	data = bytes.TrimPrefix(data, bomUTF8)
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return nil, problemf(name, 1, 1, "is UTF-16 text; save it as UTF-8")
	}
	if !utf8.Valid(data) {
		line, col := position(data, firstInvalidUTF8(data))
		return nil, problemf(name, line, col, "invalid UTF-8 (save the file as UTF-8 text)")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		return nil, problemf(name, line, col, "NUL byte: this looks like a binary file, not YAML")
	}
	if bytes.Contains(data, []byte("\r")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, problemf(name, 0, 0, "is empty (expected a YAML mapping starting with kind:)")
		}
		return nil, syntaxError(name, data, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		line := secondDocumentLine(data)
		return nil, problemf(name, line, 1, "holds more than one YAML document (a second one starts here); a cop file holds exactly one")
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, problemf(name, 0, 0, "is empty (expected a YAML mapping starting with kind:)")
	}
	return doc.Content[0], nil
}

// These are compiled only when a file fails to parse, not at start-up.
var (
	yamlLineError = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })
	unknownAnchor = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown anchor '(.*)' referenced$`) })
)

// syntaxError turns the YAML library's error into a Problem at its line,
// explaining the usual cause where the library's words are cryptic.
//
// The library's line is not always where the problem is (go-yaml#205):
// for a scanner error it is the line where the token being scanned began
// (a tab further down is blamed on the value above it); for a parser error
// it is the 0-based line of the enclosing collection, one early and often
// far above the problem. So a tab is found by looking for it, an unclosed
// [ or { by matching brackets, and other parser errors by finding the
// first line at which the file stops parsing.
func syntaxError(name string, data []byte, err error) error {
	msg := err.Error()
	line := 0
	if m := yamlLineError().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else if len(msg) > 6 && msg[:6] == "yaml: " {
		msg = msg[6:]
	}
	if isTabError(msg) {
		if tl, tc := indentTab(data, line-1); tl > 0 {
			return problemf(name, tl, tc, "tab character in indentation; YAML indents with spaces only")
		}
		if tl, tc := indentTab(data, 1); tl > 0 {
			return problemf(name, tl, tc, "tab character in indentation; YAML indents with spaces only")
		}
	}
	if m := unknownAnchor().FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			l, c := position(data, i)
			return problemf(name, l, c, "alias *%s names no anchor (and cop files do not use aliases)", m[1])
		}
	}
	switch msg {
	case "exceeded max depth of 10000":
		return problemf(name, line, 0, "nested more than 10000 levels deep; cop files are a few levels deep")
	case "document contains excessive aliasing":
		return problemf(name, line, 0, "too many alias expansions (a YAML alias bomb?); cop files do not use aliases")
	}
	lines := bytes.Count(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) + 1
	if msg == "found unexpected end of stream" {
		// The scanner's only use of it: a quoted value never closed. The
		// line is the quote's, unless the quote is on line 1: then it is
		// the end of the file's.
		if line < 1 || line > lines || !bytes.ContainsAny(lineOf(data, line), `"'`) {
			line = 1
		}
		return problemf(name, line, 0, "invalid YAML: a quoted value that starts on this line is never closed (found unexpected end of stream)")
	}
	if !parserErrors[msg] {
		return problemf(name, min(line, lines), 0, "invalid YAML: %s", msg)
	}
	// A parser error's line is 0-based: the enclosing collection starts,
	// or the problem is, on the next line (at the end of the file, the
	// last line).
	line = min(line+1, lines)
	if open := flowOpeners[msg]; open != 0 {
		if l, c := unclosedFlow(data, line, open); l > 0 {
			return problemf(name, l, c, "invalid YAML: this %c is never closed (%s)", open, msg)
		}
	}
	if l := firstFailingLine(data, line, msg); l > 0 {
		return problemf(name, l, 0, "invalid YAML: %s", msg)
	}
	return problemf(name, line, 0, "invalid YAML at or below this line: %s", msg)
}

// lineOf returns line n (1-based) of data, without its line break.
func lineOf(data []byte, n int) []byte {
	for ; n > 1; n-- {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return nil
		}
		data = data[i+1:]
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return data
}

// parserErrors are the messages of the YAML parser (as opposed to its
// scanner), whose line numbers are 0-based.
var parserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// flowOpeners maps the parser's errors inside a flow collection to the
// bracket that opened it.
var flowOpeners = map[string]byte{
	"did not find expected ',' or ']'": '[',
	"did not find expected ',' or '}'": '{',
}

// isTabError reports whether the library's message is one a tab in the
// indentation causes: at the start of a line in block context a tab
// "cannot start any token"; after some spaces it "violates indentation".
func isTabError(msg string) bool {
	return strings.Contains(msg, "tab character") || msg == "found character that cannot start any token"
}

// indentTab finds the first tab in the leading white space of a line, from
// line from on. The scanner reports the line where the token before the tab
// began, at or above the tab, so the search starts there: an earlier tab may
// be valid content of a block scalar.
func indentTab(data []byte, from int) (line, col int) {
	line = 1
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		l := data
		if end >= 0 {
			l = data[:end]
		}
		if line >= from {
			for i, c := range l {
				if c == '\t' {
					return line, i + 1
				}
				if c != ' ' {
					break
				}
			}
		}
		if end < 0 {
			break
		}
		data = data[end+1:]
		line++
	}
	return 0, 0
}

// unclosedFlow looks, from line back to the top, for a line with an
// opening bracket that the same line does not close: where the flow
// collection the parser was inside began. Quoted text and comments are
// skipped. It returns the line and the column (in runes) of the innermost
// such bracket, or 0, 0.
func unclosedFlow(data []byte, line int, open byte) (int, int) {
	lines := bytes.Split(data, []byte("\n"))
	if line > len(lines) {
		line = len(lines)
	}
	for l := line; l >= 1; l-- {
		if off := unmatchedOpener(lines[l-1], open); off >= 0 {
			return l, utf8.RuneCount(lines[l-1][:off]) + 1
		}
	}
	return 0, 0
}

// unmatchedOpener returns the byte offset of the last bracket open in s
// that s leaves open, or -1.
func unmatchedOpener(s []byte, open byte) int {
	var stack []int
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || s[i-1] == ' '):
			i = len(s)
		case c == '[' || c == '{':
			stack = append(stack, i)
		case (c == ']' || c == '}') && len(stack) > 0 && s[stack[len(stack)-1]] == c-2:
			// ']' and '}' are two after '[' and '{' in ASCII; a closer
			// of the other kind closes nothing
			stack = stack[:len(stack)-1]
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if s[stack[i]] == open {
			return stack[i]
		}
	}
	return -1
}

// firstFailingLine finds the first line, from line on, at which the file's
// first lines alone fail to parse with the same message: where the parser
// met the token it did not expect. Each try parses the lines so far, so the
// search gives up (returning 0) after a bounded amount of work.
func firstFailingLine(data []byte, line int, msg string) int {
	// bytes parsed in all tries: a few hundred lines of a large file, every
	// line of a usual one (a few hundred lines, some kilobytes)
	const budget = 4 << 20
	spent := 0
	end := 0
	for l := 1; ; l++ {
		next := bytes.IndexByte(data[end:], '\n')
		if next < 0 {
			end = len(data)
		} else {
			end += next + 1
		}
		if l >= line {
			spent += end
			if spent > budget {
				return 0
			}
			var n yaml.Node
			err := yaml.NewDecoder(bytes.NewReader(data[:end])).Decode(&n)
			if err != nil && strings.HasSuffix(err.Error(), ": "+msg) {
				return l
			}
		}
		if end >= len(data) {
			return 0
		}
	}
}

func secondDocumentLine(data []byte) int {
	line := 1
	seenContent := false
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		l := data
		if end >= 0 {
			l = data[:end]
		}
		isMarker := bytes.HasPrefix(l, []byte("---")) && (len(l) == 3 || l[3] == ' ' || l[3] == '\t')
		if isMarker && seenContent {
			return line
		}
		trimmed := bytes.TrimSpace(l)
		if !isMarker && len(trimmed) > 0 && trimmed[0] != '#' && !bytes.Equal(trimmed, []byte("...")) {
			seenContent = true
		}
		if end < 0 {
			break
		}
		data = data[end+1:]
		line++
	}
	return 0
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// position converts a byte offset into a 1-based line and column (in runes).
func position(data []byte, off int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < off && i < len(data); {
		if data[i] == '\n' {
			line++
			col = 1
			i++
			continue
		}
		_, size := utf8.DecodeRune(data[i:])
		i += size
		col++
	}
	return line, col
}
