package plan

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/plan"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"
	"github.com/cophealth/cop/internal/survey"
	"github.com/cophealth/cop/internal/typeahead"
)

// The choices of the main menu that are not an action's number.
const (
	choiceAdd  = -1
	choiceSave = -2
	choiceQuit = -3
)

// session is one interactive run of cop plan: the file being edited and
// what every form needs.
type session struct {
	opts  *Options
	file  *plan.File
	ctx   context.Context
	theme huh.Theme
	res   *score.Result
}

// interactive asks what to record until the user saves or quits. It reports
// whether there is anything to save. Nothing is written while it runs: the
// edits are made to the text in memory and saved at the end, so Ctrl-C
// leaves the file as it was.
func interactive(opts *Options, f *plan.File) (bool, error) {
	if !opts.IO.IsStdinTTY() || !opts.IO.IsStderrTTY() {
		which := "standard input"
		if opts.IO.IsStdinTTY() {
			which = "standard error"
		}
		return false, exitcode.Usage(fmt.Errorf("cop plan asks its questions on a terminal, and %s is not one.\n"+
			"Run it in a terminal, or use flags: --add TARGET --what TEXT, --set N=STATUS, --list (see cop plan --help)", which))
	}
	// A layout cop plan cannot add to is said before anything is typed,
	// so that no answer is lost to it.
	if err := f.Editable(); err != nil {
		return false, err
	}
	dark, _ := survey.DarkBackground(opts.Theme, opts.IO.Getenv) // checked with the flags
	ctx, stop := opts.Interruptible(context.Background())
	defer stop()
	s := &session{opts: opts, file: f, ctx: ctx,
		// One theme for every form, built once (a form without a theme
		// builds its styles again on every key), as cop assess draws it:
		// no colour under NO_COLOR or --color never.
		theme: survey.Theme(opts.IO.ColorEnabledStderr(), dark),
		res:   score.Compute(f.Loaded.Framework, f.Loaded.Assessment)}
	changed := false
	for {
		choice, err := s.menu(changed)
		if err != nil {
			return false, s.stopped(err, changed)
		}
		switch choice {
		case choiceSave:
			return changed, nil
		case choiceQuit:
			if changed {
				fmt.Fprintf(opts.IO.ErrOut, "%s: not saved; the file is unchanged\n", render.OneLine(opts.File))
			}
			return false, nil
		case choiceAdd:
			a, err := s.askAction()
			if err != nil {
				return false, s.stopped(err, changed)
			}
			if err := f.Add(a); err != nil {
				return false, err
			}
			changed = true
		default:
			status, err := s.askStatus(choice)
			if err != nil {
				return false, s.stopped(err, changed)
			}
			if status != f.Actions()[choice].Status {
				if err := f.SetStatus(choice, status); err != nil {
					return false, err
				}
				changed = true
			}
		}
	}
}

// stopped turns Ctrl-C (or a signal) into cop's interrupted exit, saying
// that nothing was written.
func (s *session) stopped(err error, changed bool) error {
	if errors.Is(err, huh.ErrUserAborted) || errors.Is(err, huh.ErrTimeout) || s.ctx.Err() != nil {
		if changed {
			fmt.Fprintf(s.opts.IO.ErrOut, "%s: not saved; the file is unchanged\n", render.OneLine(s.opts.File))
		}
		return context.Canceled
	}
	return err
}

// run shows one form, of one group whose fields are fields, on the
// terminal. Keys typed ahead of a move between fields (a paste, a quick
// typist) wait for it, so that each goes to the field it was typed for.
// Signals are cop's to handle (the context ends on Ctrl-C from outside the
// form, SIGHUP or SIGTERM), so bubbletea installs no handler of its own.
func (s *session) run(fields ...huh.Field) error {
	form := huh.NewForm(huh.NewGroup(fields...)).WithTheme(s.theme)
	return typeahead.NewForm(form, fields...).Run(s.ctx,
		tea.WithInput(s.opts.IO.In), tea.WithOutput(s.opts.IO.ErrOut), tea.WithoutSignalHandler())
}

// menu lists the actions and asks what to do next.
func (s *session) menu(changed bool) (int, error) {
	a := s.file.Loaded.Assessment
	var b strings.Builder
	actions := s.file.Actions()
	if len(actions) == 0 {
		b.WriteString("No actions yet.")
	}
	now := s.opts.Now()
	for i, act := range actions {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(numbered(i, act, now))
	}
	opts := []huh.Option[int]{huh.NewOption("Add an action", choiceAdd)}
	for i, act := range actions {
		opts = append(opts, huh.NewOption(fmt.Sprintf("Update %d: %s (%s)", i+1, clip(render.OneLine(act.What), 50), act.Status), i))
	}
	if changed {
		opts = append(opts, huh.NewOption("Save and finish", choiceSave), huh.NewOption("Quit without saving", choiceQuit))
	} else {
		opts = append(opts, huh.NewOption("Finish", choiceQuit))
	}
	choice := choiceAdd
	err := s.run(
		huh.NewNote().
			Title(fmt.Sprintf("Actions of %s, %s", render.OneLine(a.Community), a.Date.Format(model.DateLayout))).
			Description(b.String()),
		huh.NewSelect[int]().Title("What next?").Options(opts...).Value(&choice),
	)
	return choice, err
}

// clip shortens text for a menu line.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// askAction asks for a new action: what it is about (the weakest
// indicators first, then every indicator and dimension), then what, who,
// by when and its status, with the guidance for the community's stage
// shown as a starting point.
func (s *session) askAction() (model.Action, error) {
	fw := s.file.Loaded.Framework
	var targets []huh.Option[string]
	seen := map[string]bool{}
	for _, ref := range weakRefs(s.file.Loaded, 5) {
		t := ref.Dimension.Dimension.ID + "/" + ref.Indicator.Indicator.ID
		seen[t] = true
		targets = append(targets, huh.NewOption(fmt.Sprintf("%s  %s: %s (weak)", render.Fixed2(ref.Score),
			render.OneLine(ref.Dimension.Dimension.Title), render.OneLine(ref.Indicator.Indicator.Title)), t))
	}
	for _, d := range fw.Dimensions {
		for _, ind := range d.Indicators {
			if t := d.ID + "/" + ind.ID; !seen[t] {
				targets = append(targets, huh.NewOption(render.OneLine(d.Title)+": "+render.OneLine(ind.Title), t))
			}
		}
		targets = append(targets, huh.NewOption(render.OneLine(d.Title)+" (the whole dimension)", d.ID))
	}
	target := targets[0].Value
	if err := s.run(
		huh.NewSelect[string]().
			Title("What is the action about?").
			Description("The weakest indicators come first; / filters the list.").
			Options(targets...).Height(12).Value(&target),
	); err != nil {
		return model.Action{}, err
	}
	var what, owner, due string
	status := model.ActionPlanned
	statuses := make([]huh.Option[string], 0, 4)
	for _, st := range model.ActionStatuses() {
		statuses = append(statuses, huh.NewOption(st, st))
	}
	if err := s.run(
		huh.NewNote().Title(s.targetTitle(target)).Description(s.starting(target)),
		huh.NewInput().Title("What will the community do?").Value(&what).
			Validate(func(v string) error {
				if strings.TrimSpace(v) == "" {
					return errors.New("say what the community will do")
				}
				return nil
			}),
		huh.NewInput().Title("Who looks after it? (optional)").Value(&owner),
		huh.NewInput().Title("Due date, YYYY-MM-DD (optional)").Value(&due).
			Validate(func(v string) error {
				if strings.TrimSpace(v) == "" {
					return nil
				}
				_, err := model.ParseDate(v)
				return err
			}),
		huh.NewSelect[string]().Title("Status").Options(statuses...).Value(&status),
	); err != nil {
		return model.Action{}, err
	}
	a, err := newAction(target, what, owner, due, status)
	if err != nil {
		return model.Action{}, err
	}
	return a, nil
}

// targetTitle names a target: "Purpose: Development plan (0.00)".
func (s *session) targetTitle(target string) string {
	fw := s.file.Loaded.Framework
	dimID, indID, _ := strings.Cut(target, "/")
	d := fw.Dimension(dimID)
	if d == nil {
		return target
	}
	title := render.OneLine(d.Title)
	if ind := d.Indicator(indID); ind != nil {
		title += ": " + render.OneLine(ind.Title)
		if r := s.res.Dimension(dimID); r != nil {
			for i := range r.Indicators {
				if r.Indicators[i].Indicator.ID == indID && r.Indicators[i].Status == score.Rated {
					title += " (" + render.Fixed2(r.Indicators[i].Score) + ")"
				}
			}
		}
	} else if r := s.res.Dimension(dimID); r != nil {
		title += " (" + render.Score(r.Score) + ")"
	}
	return title
}

// starting is what the form shows as a starting point for an action: the
// indicator's statement and the guidance for the community's stage, or
// the dimension's description.
func (s *session) starting(target string) string {
	fw := s.file.Loaded.Framework
	dimID, indID, _ := strings.Cut(target, "/")
	d := fw.Dimension(dimID)
	if d == nil {
		return ""
	}
	ind := d.Indicator(indID)
	if ind == nil {
		return render.OneLine(d.Description)
	}
	text, label := render.GuidanceFor(s.res, ind)
	return render.OneLine(ind.Statement) + "\n\n" + label + ": " + render.OneLine(text)
}

// askStatus asks for the new status of action i.
func (s *session) askStatus(i int) (string, error) {
	act := s.file.Actions()[i]
	status := act.Status
	var opts []huh.Option[string]
	for _, st := range model.ActionStatuses() {
		opts = append(opts, huh.NewOption(st, st))
	}
	err := s.run(
		huh.NewSelect[string]().
			Title("Status of action " + strconv.Itoa(i+1)).
			Description(listLine(act)).
			Options(opts...).Value(&status),
	)
	return status, err
}
