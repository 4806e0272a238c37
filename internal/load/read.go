package load

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
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
func syntaxError(name string, data []byte, err error) error {
	msg := err.Error()
	line := 0
	if m := yamlLineError().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else if len(msg) > 6 && msg[:6] == "yaml: " {
		msg = msg[6:]
	}
	if tl, tc := indentTab(data, line); tl > 0 {
		return problemf(name, tl, tc, "tab character in indentation; YAML indents with spaces only")
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
	return problemf(name, line, 0, "invalid YAML: %s", msg)
}

// indentTab finds a tab in the leading white space of the line the parser
// stopped at (or of the line before it, where the scanner sometimes stops).
// A tab elsewhere may be valid content of a block scalar, so it is not blamed.
func indentTab(data []byte, errLine int) (line, col int) {
	line = 1
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		l := data
		if end >= 0 {
			l = data[:end]
		}
		if line == errLine || line == errLine-1 {
			for i, c := range l {
				if c == '\t' {
					return line, i + 1
				}
				if c != ' ' {
					break
				}
			}
		}
		if end < 0 || line >= errLine {
			break
		}
		data = data[end+1:]
		line++
	}
	return 0, 0
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
