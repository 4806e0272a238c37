package survey

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/cophealth/cop/internal/typeahead"
)

// maxWidth caps how wide the form is drawn: descriptions wider than this
// are harder to read, not easier.
const maxWidth = 100

// The size assumed until the terminal reports its own, and when the output
// is not a terminal (tests).
const fallbackWidth, fallbackHeight = 80, 24

// RunTerminal runs the survey as one Bubble Tea program: keys are read from
// in, the form is drawn on out (standard error, so that standard output stays
// free for the report). Each page is its own huh form, made when the page is
// entered; this program moves between them, writes the draft after each, and
// keeps the confirmed answers of the page in hand when it is stopped.
//
// The caller owns the signals: Bubble Tea's handler is off, and ctx ending
// (SIGINT, SIGTERM, SIGHUP in cop) ends the run as Ctrl-C does. So does the
// end of the input (a terminal that closed while SIGHUP was ignored).
//
// Keys, besides huh's own: shift+tab on a page's first question goes back to
// the last question of the previous page; Ctrl+E on the notes opens an
// editor; Ctrl-C stops, keeping the answers given so far.
func (s *Survey) RunTerminal(ctx context.Context, in io.Reader, out io.Writer) (Outcome, error) {
	m := newTerminal(s)
	m.in, m.out = in, out
	m.init = m.build(s.Start())
	// Bubble Tea takes the end of its input for no more keys and carries on
	// drawing: a closed terminal (when SIGHUP is ignored) would leave the
	// run going for ever. The input is watched, and its end ends the run.
	ctx, endInput := context.WithCancel(ctx)
	defer endInput()
	in = watchEnd(in, endInput)
	profile := colorprofile.Ascii
	if s.cfg.Color {
		profile = colorprofile.TrueColor
	}
	// The program is given everything here, once: huh's WithProgramOptions
	// would replace earlier options, so the form's own program is not used.
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithContext(ctx),
		tea.WithoutSignalHandler(), tea.WithColorProfile(profile),
		// Bubble Tea draws on a clock, not on each change: at its default 60
		// frames a second a key waited up to 16.7 ms for its redraw, the
		// whole of the budget (docs/performance.md); at 120, 8.3 ms at most. With
		// nothing changed, nothing is drawn either way.
		tea.WithFPS(120),
		// The size until the terminal tells its own; the only size when the
		// output is not a terminal (tests), where nothing would be drawn.
		tea.WithWindowSize(fallbackWidth, fallbackHeight))
	_, runErr := p.Run()
	if m.err != nil && !m.panicked {
		return Interrupted, m.err // the draft could not be written
	}
	if m.saved {
		if m.toPlan {
			return SavedToPlan, nil
		}
		return Saved, nil
	}
	// Ctrl-C, a signal, a cancelled context, a closed terminal, or a fault:
	// keep what the respondent confirmed on this page, then write the draft.
	m.cur.commit()
	if err := s.save(); err != nil {
		return Interrupted, err
	}
	switch {
	case m.err != nil:
		return Interrupted, m.err
	case errors.Is(runErr, tea.ErrProgramPanic):
		return Interrupted, fmt.Errorf("the questionnaire stopped on an internal error: %w", runErr)
	case runErr != nil && !errors.Is(runErr, tea.ErrProgramKilled) && !errors.Is(runErr, tea.ErrInterrupted) && !inputEnded(runErr):
		return Interrupted, fmt.Errorf("the questionnaire stopped: %w", runErr)
	}
	return Interrupted, nil
}

// watchEnd wraps in so that end is called when a read meets the end of the
// input or an error (EIO from a terminal that closed). A terminal stays a
// terminal: the wrapper keeps its file descriptor, for Bubble Tea's raw
// mode and its cancellable reads.
func watchEnd(in io.Reader, end func()) io.Reader {
	w := endWatcher{r: in, end: end}
	if f, ok := in.(ttyFile); ok {
		return &fileEndWatcher{endWatcher: w, f: f}
	}
	return &w
}

type endWatcher struct {
	r   io.Reader
	end func()
}

func (w *endWatcher) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if err != nil {
		w.end()
	}
	return n, err
}

// ttyFile is what Bubble Tea needs of a terminal: its descriptor.
type ttyFile interface {
	io.ReadWriteCloser
	Fd() uintptr
	Name() string
}

type fileEndWatcher struct {
	endWatcher
	f ttyFile
}

func (w *fileEndWatcher) Write(p []byte) (int, error) { return w.f.Write(p) }
func (w *fileEndWatcher) Close() error                { return w.f.Close() }
func (w *fileEndWatcher) Fd() uintptr                 { return w.f.Fd() }
func (w *fileEndWatcher) Name() string                { return w.f.Name() }

// inputEnded reports whether err says the terminal went away: the end of
// the input, or EIO from a terminal whose other side closed.
func inputEnded(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, syscall.EIO) || errors.Is(err, io.ErrClosedPipe)
}

// save writes the draft, once there is one to write.
func (s *Survey) save() error {
	if !s.whoComplete() || s.cfg.Save == nil {
		return nil
	}
	return s.cfg.Save(s.cfg.Assessment)
}

// terminal is the Bubble Tea model of a run in a terminal.
type terminal struct {
	s        *Survey
	page     int
	cur      *built
	toReview bool // a page entered from the review returns to it
	// width and height are the terminal's, once known.
	width, height int
	hint          lipgloss.Style
	// small says the window is too small to show the current question and
	// its highlighted answer; View then asks for a larger one.
	small bool

	// keys holds the keys typed ahead of a move between questions or
	// pages, each to be applied to the question it was typed for.
	keys typeahead.Keys

	// notice is a line shown above the footer until the next key (no editor
	// for Ctrl+E).
	notice string
	// init is what the first page asks for as it starts.
	init tea.Cmd
	// in and out are the terminal, for an editor run on the notes.
	in  io.Reader
	out io.Writer

	saved, quitting bool
	// toPlan says the respondent saved to go on to cop plan.
	toPlan bool
	err    error
	// panicked says err is a fault caught in the form, rather than a draft
	// that could not be written: the answers are still worth keeping.
	panicked bool
}

func newTerminal(s *Survey) *terminal {
	return &terminal{s: s, hint: s.cfg.Theme.Theme(true).Help.ShortDesc}
}

// recover turns a panic inside the form into an error that ends the run
// cleanly. Bubble Tea would catch it too, but print a stack trace.
func (m *terminal) recover() {
	if r := recover(); r != nil {
		m.err = fmt.Errorf("internal error in the questionnaire: %v", r)
		m.panicked, m.quitting = true, true
	}
}

// open enters page p at question q: it builds the page's form and starts it.
func (m *terminal) open(p, q int) tea.Cmd {
	return m.build(p, q)
}

// build makes page p the current one, sized for the window, with question
// q focused (the last when q is negative).
func (m *terminal) build(p, q int) tea.Cmd {
	if m.s.pages[p].kind == reviewPage {
		m.toReview = false
	}
	m.page = p
	m.cur = m.s.build(p)
	cmds := []tea.Cmd{m.cur.form.Init()}
	if q < 0 {
		q = len(m.cur.entries) - 1
	}
	// huh moves between fields with messages; moving here, before the page
	// is drawn, is the same move made at once.
	for i := 0; i < q && i < len(m.cur.entries)-1; i++ {
		cmds = append(cmds, m.cur.form.NextField())
	}
	cmds = append(cmds, m.resize())
	return tea.Batch(cmds...)
}

// window is the terminal's size, or the fallback until it is known.
func (m *terminal) window() (width, height int) {
	if m.width == 0 || m.height == 0 {
		return fallbackWidth, fallbackHeight
	}
	return m.width, m.height
}

// formSize is the size the form is given: the window less what is drawn
// under it, and no wider than maxWidth.
func (m *terminal) formSize() (width, height int) {
	width, height = m.window()
	return min(width, maxWidth), max(height-lipgloss.Height(m.under()), 1)
}

// under is what is drawn under the form: the notice, if any, a blank line
// and the footer, wrapped to the window.
func (m *terminal) under() string {
	width, _ := m.window()
	text := "\n" + m.hint.Render(wrapWords(m.footer(), width))
	if m.notice != "" {
		text = wrapWords(m.notice, width) + "\n" + text
	}
	return text
}

// resize lays the page out for the window: with its full heading when the
// question and its highlighted answer still fit under it and, on a question
// page, the heading takes no more than a third of the window (the answers
// matter more than the description above them; on the review, the table of
// scores is what the page is for); otherwise with a short heading; and when
// even that leaves them off the screen, the window is too small (see View).
func (m *terminal) resize() tea.Cmd {
	var cmd tea.Cmd
	_, height := m.formSize()
	for _, full := range []bool{true, false} {
		cmd = m.layout(full)
		if full && m.cur.under == nil && lipgloss.Height(m.cur.group.Header()) > height/3 {
			continue
		}
		if m.fits(m.cur.form.View()) {
			m.small = false
			return cmd
		}
	}
	m.small = true
	return cmd
}

// layout sets the page's heading and passes the size on to the form. A
// select keeps the height huh gave it in a smaller window, so selects are
// let out first, for huh to fit them again.
func (m *terminal) layout(full bool) tea.Cmd {
	width, height := m.formSize()
	description, under := m.cur.header(width, full)
	m.cur.group.Description(description)
	if m.cur.under != nil {
		m.cur.under.Description(under)
	}
	for _, e := range m.cur.entries {
		if sel, ok := e.field.(*huh.Select[string]); ok {
			sel.Height(0)
		}
	}
	// huh draws one line more than the height it is given (the blank line
	// above its help).
	f, cmd := m.cur.form.Update(tea.WindowSizeMsg{Width: width, Height: max(height-1, 1)})
	m.cur.form = f.(*huh.Form)
	return cmd
}

// fits reports whether the form as drawn fits the window with the footer,
// and shows the focused question's title and, for a select, the answer
// under its cursor.
func (m *terminal) fits(view string) bool {
	_, height := m.formSize()
	if lipgloss.Height(view) > height {
		return false
	}
	e := m.focused()
	if e == nil {
		return true
	}
	plain := ansi.Strip(view)
	if !strings.Contains(plain, firstWords(e.title)) {
		return false
	}
	if e.hovered != nil {
		if sel, ok := e.field.(*huh.Select[string]); ok && sel.GetFiltering() {
			return true // the filter takes the title's place
		}
		if h := e.hovered(); h != "" && !strings.Contains(plain, "> "+firstWords(h)) {
			return false
		}
	}
	return true
}

// firstWords is the start of a title or label, which stays on its first
// line however narrow the window: its first word.
func firstWords(s string) string {
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

// focused is the entry of the focused field.
func (m *terminal) focused() *entry {
	f := m.cur.form.GetFocusedField()
	for i := range m.cur.entries {
		if m.cur.entries[i].field == f {
			return &m.cur.entries[i]
		}
	}
	return nil
}

// Init starts the first page.
func (m *terminal) Init() tea.Cmd { return m.init }

// Update handles the keys that move between pages and passes the rest to
// the page's form.
func (m *terminal) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	defer func() {
		if m.panicked {
			model, cmd = m, tea.Quit
		}
	}()
	defer m.recover()
	if m.panicked { // View failed: end on the next message
		return m, tea.Quit
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.resize()
	case edited:
		return m, m.editDone(msg)
	}
	// Keys, and the end of a wait for a move between questions, go
	// through the keys typed ahead.
	if cmd, ok := m.keys.Update(m, msg); ok {
		return m, cmd
	}
	cmd = m.ToForm(msg)
	return m, tea.Batch(cmd, m.keys.Check(m))
}

// Form is the current page's form (typeahead.Target).
func (m *terminal) Form() *huh.Form { return m.cur.form }

// Fields are the questions of the current page, in order
// (typeahead.Target).
func (m *terminal) Fields() []huh.Field {
	fields := make([]huh.Field, len(m.cur.entries))
	for i, e := range m.cur.entries {
		fields[i] = e.field
	}
	return fields
}

// Intercept handles the keys that are the questionnaire's rather than the
// form's, when no move is under way (typeahead.Target).
func (m *terminal) Intercept(msg tea.Msg) (tea.Cmd, bool) {
	m.notice = ""
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "ctrl+c":
			m.quitting = true
			m.keys.Drop()
			return tea.Quit, true
		case "shift+tab":
			if prev := m.s.prev(m.page); prev >= 0 && m.atFirstQuestion() {
				return m.leave(prev), true
			}
		case "ctrl+e":
			if cmd, handled := m.editor(); handled {
				return cmd, true
			}
		}
		if m.small {
			// The question is not on the screen: a key would answer blind.
			return nil, true
		}
	}
	return nil, false
}

// ToForm passes a message to the page's form, and moves on when the form
// is complete (typeahead.Target).
func (m *terminal) ToForm(msg tea.Msg) tea.Cmd {
	f, cmd := m.cur.form.Update(msg)
	m.cur.form = f.(*huh.Form)
	if m.cur.form.State == huh.StateCompleted {
		return m.pageDone()
	}
	if _, ok := msg.(tea.KeyPressMsg); ok && m.small == false && m.height > 0 {
		// A key can make the question taller (an error under it); keep
		// the highlighted answer on the screen.
		if !m.fits(m.cur.form.View()) {
			cmd = tea.Batch(cmd, m.resize())
		}
	}
	return cmd
}

// edited is the end of an editor run on the notes.
type edited struct {
	text    *huh.Text
	content string
	err     error
}

// editor handles Ctrl+E on the notes by running an editor on them: the
// first of $VISUAL, $EDITOR, nano and vi that is there. huh's own Ctrl+E
// runs $EDITOR (nano when unset) whether it exists or not, and hands it a
// copy of the keyboard that outlives it, which took the next key and left
// the form frozen; here the editor gets the terminal itself. Without an
// editor, a line says so and the form stays as it was.
func (m *terminal) editor() (tea.Cmd, bool) {
	text, ok := m.cur.form.GetFocusedField().(*huh.Text)
	if !ok {
		return nil, false
	}
	var argv []string
	for _, c := range [][]string{strings.Fields(m.s.cfg.Getenv("VISUAL")), strings.Fields(m.s.cfg.Getenv("EDITOR")), {"nano"}, {"vi"}} {
		if len(c) == 0 {
			continue
		}
		if path, err := exec.LookPath(c[0]); err == nil {
			argv = append([]string{path}, c[1:]...)
			break
		}
	}
	if argv == nil {
		m.notice = "No editor found (set EDITOR, such as EDITOR=nano); type the note here instead."
		return m.resize(), true
	}
	f, err := os.CreateTemp("", "cop-notes-*.txt")
	if err == nil {
		_, err = io.WriteString(f, text.GetValue().(string))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		m.notice = fmt.Sprintf("The editor cannot start: %v.", err)
		return m.resize(), true
	}
	cmd := exec.Command(argv[0], append(argv[1:], f.Name())...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = m.in, m.out, m.out
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		content, rerr := os.ReadFile(f.Name())
		os.Remove(f.Name())
		if err == nil {
			err = rerr
		}
		return edited{text: text, content: strings.TrimRight(string(content), "\n"), err: err}
	}), true
}

// editDone puts what the editor left into the notes.
func (m *terminal) editDone(e edited) tea.Cmd {
	if e.err != nil {
		m.notice = fmt.Sprintf("The editor stopped (%v); the note is as it was.", e.err)
	} else {
		v := e.content
		e.text.Value(&v)
	}
	return m.resize()
}

func (m *terminal) atFirstQuestion() bool {
	return len(m.cur.entries) > 0 && m.cur.form.GetFocusedField() == m.cur.entries[0].field
}

// leave goes back to page p, at its last question, keeping what was
// confirmed on this one.
func (m *terminal) leave(p int) tea.Cmd {
	m.cur.commit()
	if err := m.s.save(); err != nil {
		return m.fail(err)
	}
	m.keys.Drop()
	return m.open(p, -1)
}

// pageDone records a completed page, writes the draft and moves on: to the
// next page, back to the review when the page was entered from it, or, from
// the review, to the page chosen or out of the program to save.
func (m *terminal) pageDone() tea.Cmd {
	m.cur.commit()
	if err := m.s.save(); err != nil {
		return m.fail(err)
	}
	review := len(m.s.pages) - 1
	if m.cur.choice != nil {
		if *m.cur.choice == reviewSave || *m.cur.choice == reviewSavePlan {
			m.saved, m.quitting = true, true
			m.toPlan = *m.cur.choice == reviewSavePlan
			m.keys.Drop()
			return tea.Quit
		}
		p, err := strconv.Atoi(strings.TrimPrefix(*m.cur.choice, "page:"))
		if err != nil || p < 0 || p >= review {
			p = review
		}
		m.toReview = true
		return m.open(p, 0)
	}
	next := m.s.next(m.page)
	if m.toReview || next < 0 {
		next = review
	}
	return m.open(next, 0)
}

func (m *terminal) fail(err error) tea.Cmd {
	m.err, m.quitting = err, true
	m.keys.Drop()
	return tea.Quit
}

// View draws the page and, under it, where the respondent is and the keys
// that move between pages; or, in a window too small for the question, a
// few lines that say so. Once the run ends it draws nothing, so that the
// form leaves the screen to the messages that follow.
func (m *terminal) View() (view tea.View) {
	defer m.recover()
	if m.quitting {
		return tea.NewView("")
	}
	if m.small {
		return tea.NewView(m.smallView())
	}
	return tea.NewView(m.cur.form.View() + "\n" + m.under())
}

// smallView asks for a larger window, in words that fit a small one.
func (m *terminal) smallView() string {
	width, _ := m.window()
	text := fmt.Sprintf("This window (%dx%d) is too small for the question and its answers.\n"+
		"Make the window larger, or use --accessible.\n"+
		"Your answers are kept; ctrl+c stops.", m.width, m.height)
	return wrapWords(text, max(width, 10))
}

// footer says where the respondent is: the page among the pages asked, and
// the question on the page.
func (m *terminal) footer() string {
	page, pages := 0, 0
	for p := range m.s.pages {
		if m.s.asks(p) {
			pages++
			if p <= m.page {
				page = pages
			}
		}
	}
	q := 1
	focused := m.cur.form.GetFocusedField()
	for i, e := range m.cur.entries {
		if e.field == focused {
			q = i + 1
		}
	}
	back := " · shift+tab back"
	if m.s.prev(m.page) < 0 {
		back = ""
	}
	return fmt.Sprintf("page %d of %d · question %d of %d%s · ctrl+c stop (answers are kept)", page, pages, q, len(m.cur.entries), back)
}

// wrapWords wraps plain text to width at spaces only, so that
// "--accessible" and "ctrl+c" stay whole (ansi's word wrap breaks at every
// hyphen); a word wider than the line is cut.
func wrapWords(text string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for _, word := range strings.Fields(para) {
			w := ansi.StringWidth(word)
			if col > 0 && col+1+w > width {
				b.WriteByte('\n')
				col = 0
			} else if col > 0 {
				b.WriteByte(' ')
				col++
			}
			if w > width {
				word = ansi.Hardwrap(word, width, false)
				w = ansi.StringWidth(word[strings.LastIndexByte(word, '\n')+1:])
			}
			b.WriteString(word)
			col += w
		}
	}
	return b.String()
}
