package cli

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/options"
	"github.com/spf13/cobra"
)

// walk calls fn for every command of the tree, the root first.
func walk(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walk(sub, fn)
	}
}

// printsData says whether a command writes data that a script may keep: it
// must take -f and -o. The exceptions write no data of their own: cop
// assess asks questions (its -o names the assessment it saves, and the
// report it prints is cop report's), the completion scripts are for the
// shell, and help prints help.
func printsData(c *cobra.Command) bool {
	if !c.Runnable() || c.Hidden || c.DisableFlagParsing || c.HasSubCommands() || c.Name() == "assess" {
		return false
	}
	for p := c; p != nil; p = p.Parent() {
		if p.Name() == "completion" || p.Name() == "help" {
			return false
		}
	}
	return c.HasParent()
}

func TestEveryCommandTakesFormatAndOutput(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := NewCmdRoot(factory.New(ios))
	var checked []string
	walk(root, func(c *cobra.Command) {
		if !printsData(c) {
			return
		}
		checked = append(checked, c.CommandPath())
		f := c.Flags().Lookup("format")
		if f == nil || f.Shorthand != "f" {
			t.Errorf("%s has no -f, --format", c.CommandPath())
		}
		if o := c.Flags().Lookup("output"); o == nil || o.Shorthand != "o" {
			t.Errorf("%s has no -o, --output", c.CommandPath())
		}
		if f == nil {
			return
		}
		ch, ok := f.Value.(interface{ Choices() []string })
		if !ok {
			t.Errorf("%s: -f is not one of a list of formats", c.CommandPath())
			return
		}
		formats := ch.Choices()
		if slices.Contains(formats, options.Text) {
			t.Errorf("%s lists the format text (%v): the human format is called table everywhere", c.CommandPath(), formats)
		}
		// A command with more than one format has one for people, named table;
		// the single-format ones write a file format (yaml, json).
		if len(formats) > 1 && !slices.Contains(formats, options.Table) {
			t.Errorf("%s: formats %v have no table", c.CommandPath(), formats)
		}
		if slices.Contains(formats, options.Table) {
			if err := f.Value.Set("text"); err != nil || f.Value.String() != options.Table {
				t.Errorf("%s -f text: got %q, %v; want table", c.CommandPath(), f.Value.String(), err)
			}
			if f.DefValue != options.Table {
				t.Errorf("%s: the default format is %q, want table", c.CommandPath(), f.DefValue)
			}
		}
		if err := f.Value.Set("bogus"); err == nil {
			t.Errorf("%s -f bogus was accepted", c.CommandPath())
		}
	})
	// The commands that print data, so that the walk
	// cannot pass by finding none.
	for _, want := range []string{"cop report", "cop compare", "cop check", "cop merge", "cop validate",
		"cop framework list", "cop framework show", "cop framework lint", "cop framework export",
		"cop schema", "cop version"} {
		if !slices.Contains(checked, want) {
			t.Errorf("%s was not checked (checked: %v)", want, checked)
		}
	}
}

func TestHelpFitsEightyColumns(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	f := factory.New(ios)
	root := NewCmdRoot(f)
	// cobra adds these when cop runs; their help counts too.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	n := 0
	check := func(c *cobra.Command) {
		out.Reset()
		if err := c.Help(); err != nil {
			t.Fatalf("%s: %v", c.CommandPath(), err)
		}
		n++
		for i, line := range strings.Split(out.String(), "\n") {
			if w := utf8.RuneCountInString(line); w > helpWidth {
				t.Errorf("%s --help line %d is %d columns wide (at most %d):\n%s", c.CommandPath(), i+1, w, helpWidth, line)
			}
		}
	}
	walk(root, check)
	if n < 12 {
		t.Errorf("walked %d commands; the tree has more", n)
	}
}

// TestFlagHelpIsConsistent: every flag that takes a value names it with a
// placeholder (N, FILE, KEY), not pflag's type name (int, string), and no
// default is quoted: pflag writes (default "name") for plain string flags,
// (default 5) for the rest.
func TestFlagHelpIsConsistent(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := NewCmdRoot(factory.New(ios))
	n := 0
	walk(root, func(c *cobra.Command) {
		for _, line := range strings.Split(c.LocalFlags().FlagUsagesWrapped(0), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			n++
			f := strings.Fields(line)
			// "-f, --format FORMAT usage..." or "--weakest N usage..."
			i := 0
			if strings.HasSuffix(f[0], ",") {
				i = 1
			}
			if len(f) > i+1 {
				switch f[i+1] {
				case "int", "string", "float", "float64", "uint", "strings", "stringArray", "duration":
					t.Errorf("%s: %s shows its type %q, not a placeholder: %s", c.CommandPath(), f[i], f[i+1], strings.TrimSpace(line))
				}
			}
			if strings.Contains(line, `(default "`) {
				t.Errorf("%s: quoted default: %s", c.CommandPath(), strings.TrimSpace(line))
			}
		}
	})
	if n < 50 {
		t.Errorf("checked %d flags; the tree has more", n)
	}
}
