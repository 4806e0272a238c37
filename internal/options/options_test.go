package options

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/spf13/cobra"
)

func newCmd(formats []string, def string) (*cobra.Command, *string) {
	var format string
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	Format(cmd, &format, formats, def)
	return cmd, &format
}

func TestFormatAcceptsTextForTable(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "table"},
		{[]string{"-f", "text"}, "table"},
		{[]string{"--format", "table"}, "table"},
		{[]string{"-f", "json"}, "json"},
	} {
		cmd, format := newCmd([]string{"table", "json"}, "table")
		if err := cmd.ParseFlags(c.args); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		if *format != c.want {
			t.Errorf("%v: format %q, want %q", c.args, *format, c.want)
		}
	}
}

func TestFormatRefusesOthers(t *testing.T) {
	// text is table's alias only where table is a format.
	cmd, _ := newCmd([]string{"yaml"}, "yaml")
	err := cmd.ParseFlags([]string{"-f", "text"})
	var ce *ChoiceError
	if !errors.As(err, &ce) || ce.Value != "text" || !slices.Equal(ce.Choices, []string{"yaml"}) {
		t.Errorf("-f text on a yaml-only command: %v", err)
	}
	cmd, _ = newCmd([]string{"table", "json"}, "table")
	if err := cmd.ParseFlags([]string{"-f", "JSON"}); !errors.As(err, &ce) {
		t.Errorf("-f JSON: %v, want a ChoiceError (formats are lower case)", err)
	}
}

func TestCompletionsFollowTheFrameworkFlag(t *testing.T) {
	// A framework of one dimension and two levels, to tell it from the
	// embedded default (seven dimensions, four levels).
	fw := `kind: cop-framework
id: tiny
version: 1.0.0
title: Tiny
description: A framework of one dimension, for tests.
scale:
  - {value: 0, label: "No", description: Not at all.}
  - {value: 1, label: "Yes", description: Fully.}
levels:
  - {id: low, label: Low, min: 0, description: Low.}
  - {id: high, label: High, min: 0.5, description: High.}
dimensions:
  - id: only
    title: Only dimension
    description: The one.
    indicators:
      - {id: a, title: A, statement: A is true., guidance: Make A true.}
`
	path := filepath.Join(t.TempDir(), "tiny.yaml")
	if err := os.WriteFile(path, []byte(fw), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := &cobra.Command{Use: "x"}
	var file string
	Framework(cmd, &file)

	dims, dir := DimensionMinimums(cmd, nil, "")
	if len(dims) != 7 || dims[0] != "purpose=\tPurpose" || dir&cobra.ShellCompDirectiveNoSpace == 0 {
		t.Errorf("embedded default: %q (directive %d), want 7 DIM= entries, no space after", dims, dir)
	}
	if err := cmd.ParseFlags([]string{"--framework", path}); err != nil {
		t.Fatal(err)
	}
	if dims, _ := DimensionMinimums(cmd, nil, ""); !slices.Equal(dims, []string{"only=\tOnly dimension"}) {
		t.Errorf("--framework tiny.yaml: dimensions %q", dims)
	}
	if ids, _ := DimensionIDs(cmd, nil, ""); !slices.Equal(ids, []string{"only"}) {
		t.Errorf("--framework tiny.yaml: dimension ids %q", ids)
	}
	if levels, _ := LevelIDs(cmd, nil, ""); !slices.Equal(levels, []string{"low\tLow", "high\tHigh"}) {
		t.Errorf("--framework tiny.yaml: levels %q", levels)
	}
	// A framework file that does not load: nothing, rather than wrong ids.
	bad := &cobra.Command{Use: "x"}
	Framework(bad, &file)
	if err := bad.ParseFlags([]string{"--framework", filepath.Join(t.TempDir(), "missing.yaml")}); err != nil {
		t.Fatal(err)
	}
	if levels, _ := LevelIDs(bad, nil, ""); len(levels) != 0 {
		t.Errorf("missing framework: levels %q, want none", levels)
	}
}
