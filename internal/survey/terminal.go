package survey

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
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
// Keys, besides huh's own: shift+tab on a page's first question goes back a
// page; Ctrl-C stops, keeping the answers given so far.
func (s *Survey) RunTerminal(ctx context.Context, in io.Reader, out io.Writer) (Outcome, error) {
	m := &terminal{s: s, hint: s.cfg.Theme.Help.ShortDesc}
	m.build(s.Start())
	// The program is given its input and output here, once: huh's
	// WithProgramOptions would replace earlier options, so the form's own
	// program is not used at all.
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithContext(ctx))
	_, runErr := p.Run()
	if m.err != nil && !m.panicked {
		return Interrupted, m.err // the draft could not be written
	}
	if m.saved {
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
	case runErr != nil && !errors.Is(runErr, tea.ErrProgramKilled) && !errors.Is(runErr, tea.ErrInterrupted):
		return Interrupted, fmt.Errorf("the questionnaire stopped: %w", runErr)
	}
	return Interrupted, nil
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
	size     tea.WindowSizeMsg
	hint     lipgloss.Style

	saved, quitting bool
	err             error
	// panicked says err is a fault caught in the form, rather than a draft
	// that could not be written: the answers are still worth keeping.
	panicked bool
}

// recover turns a panic inside the form into an error that ends the run
// cleanly. Bubble Tea would catch it too, but print a stack trace.
func (m *terminal) recover() {
	if r := recover(); r != nil {
		m.err = fmt.Errorf("internal error in the questionnaire: %v", r)
		m.panicked, m.quitting = true, true
	}
}

// open enters page p: it builds the page's form and starts it.
func (m *terminal) open(p int) tea.Cmd {
	m.build(p)
	return m.start()
}

func (m *terminal) build(p int) {
	if m.s.pages[p].kind == reviewPage {
		m.toReview = false
	}
	m.page = p
	m.cur = m.s.build(p)
}

// start gives the page's form the terminal's size and initialises it.
func (m *terminal) start() tea.Cmd { return tea.Batch(m.resize(), m.cur.form.Init()) }

// resize passes the size on to the page's form, less the footer, and no
// wider than maxWidth.
func (m *terminal) resize() tea.Cmd {
	size := m.size
	if size.Width == 0 {
		size = tea.WindowSizeMsg{Width: fallbackWidth, Height: fallbackHeight}
	}
	size.Width = min(size.Width, maxWidth)
	// huh draws one line more than the height it is given (a blank line
	// above its help), and the footer takes two.
	size.Height = max(size.Height-3, 5)
	f, cmd := m.cur.form.Update(size)
	m.cur.form = f.(*huh.Form)
	return cmd
}

// Init starts the first page.
func (m *terminal) Init() tea.Cmd { return m.start() }

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
		m.size = msg
		return m, m.resize()
	case tea.KeyMsg:
		switch msg.String() {
		case "ctrl+c":
			m.quitting = true
			return m, tea.Quit
		case "shift+tab":
			if prev := m.s.prev(m.page); prev >= 0 && m.atFirstQuestion() {
				return m, m.leave(prev)
			}
		}
	}
	f, cmd := m.cur.form.Update(msg)
	m.cur.form = f.(*huh.Form)
	if m.cur.form.State == huh.StateCompleted {
		return m, m.pageDone()
	}
	return m, cmd
}

func (m *terminal) atFirstQuestion() bool {
	return len(m.cur.entries) > 0 && m.cur.form.GetFocusedField() == m.cur.entries[0].field
}

// leave goes back to page p, keeping what was confirmed on this one.
func (m *terminal) leave(p int) tea.Cmd {
	m.cur.commit()
	if err := m.s.save(); err != nil {
		return m.fail(err)
	}
	return m.open(p)
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
		if *m.cur.choice == reviewSave {
			m.saved, m.quitting = true, true
			return tea.Quit
		}
		p, err := strconv.Atoi(strings.TrimPrefix(*m.cur.choice, "page:"))
		if err != nil || p < 0 || p >= review {
			p = review
		}
		m.toReview = true
		return m.open(p)
	}
	next := m.s.next(m.page)
	if m.toReview || next < 0 {
		next = review
	}
	return m.open(next)
}

func (m *terminal) fail(err error) tea.Cmd {
	m.err, m.quitting = err, true
	return tea.Quit
}

// View draws the page and, under it, where the respondent is and the keys
// that move between pages. Once the run ends it draws nothing, so that the
// form leaves the screen to the messages that follow.
func (m *terminal) View() (view string) {
	defer m.recover()
	if m.quitting {
		return ""
	}
	return m.cur.form.View() + "\n\n" + m.hint.Render(m.footer())
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
