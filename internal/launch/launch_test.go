package launch

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/iostreams"
)

// TestCopDoesNotLinkTheQuestionnaire guards the reason this package exists:
// the cop program must not link the questionnaire's terminal libraries.
func TestCopDoesNotLinkTheQuestionnaire(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "../../cmd/cop").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/charmbracelet/huh", "github.com/charmbracelet/bubbletea", "github.com/charmbracelet/lipgloss", "github.com/atotto/clipboard"} {
			if dep == banned {
				t.Errorf("cmd/cop links %s; only cmd/cop-assess may", dep)
			}
		}
	}
}

func TestMissingProgramIsExplained(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	ios, _, _, _ := iostreams.Test()
	err := run(factory.New(ios), nil)
	if exitcode.Code(err) != exitcode.Invalid {
		t.Fatalf("exit %d, want 2 (%v)", exitcode.Code(err), err)
	}
	if !strings.Contains(err.Error(), "cop assess runs the questionnaire program cop-assess, which is neither beside cop") ||
		!strings.Contains(err.Error(), "go install ./cmd/...") {
		t.Errorf("message: %v", err)
	}
}

func TestExitStatusIsPassedOn(t *testing.T) {
	for _, c := range []struct {
		script string
		code   int
	}{
		{"exit 0", 0},
		{"exit 1", 1},
		{"exit 2", 2},
		{"exit 130", 130},
		{"kill -TERM $$", 128 + 15}, // ended by a signal: 128+N, as a shell says
	} {
		err := exitStatus(exec.Command("sh", "-c", c.script).Run())
		if got := exitcode.Code(err); got != c.code {
			t.Errorf("%q: exit %d, want %d", c.script, got, c.code)
		}
		if c.code != 0 {
			var silent bool
			if e, ok := err.(*exitcode.Error); ok {
				silent = e.Silent
			}
			if !silent {
				t.Errorf("%q: cop would print something more after cop-assess", c.script)
			}
		}
	}
}
