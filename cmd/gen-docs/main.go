// Command gen-docs writes cop's command reference from the cobra commands
// themselves, so that it cannot drift from --help: Markdown pages in
// docs/reference and man pages in docs/man.
//
//	go run ./cmd/gen-docs            # rewrites docs/reference and docs/man
//	go run ./cmd/gen-docs -out DIR   # writes DIR/reference and DIR/man
//
// A test (go test ./cmd/gen-docs) fails when the committed copy is stale.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/cli"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manDate is the date the man pages carry: the day the manual's examples
// are pinned to (COP_NOW in the README test), so that regenerating them on
// another day changes nothing.
var manDate = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func main() {
	out := flag.String("out", "docs", "write the reference to `DIR`/reference and the man pages to DIR/man")
	flag.Parse()
	if err := Generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen-docs:", err)
		os.Exit(1)
	}
}

// Generate writes the Markdown reference and the man pages under dir,
// replacing what was there.
func Generate(dir string) error {
	root := tree()
	ref, man := filepath.Join(dir, "reference"), filepath.Join(dir, "man")
	for _, d := range []string{ref, man} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := doc.GenMarkdownTree(root, ref); err != nil {
		return err
	}
	header := &doc.GenManHeader{Title: "COP", Section: "1", Source: "cop", Manual: "cop manual", Date: &manDate}
	if err := doc.GenManTree(root, header, man); err != nil {
		return err
	}
	// Help topics are not commands, so the tree functions skip them; they
	// get a page each all the same.
	for _, c := range root.Commands() {
		if !c.IsAdditionalHelpTopicCommand() {
			continue
		}
		base := strings.ReplaceAll(c.CommandPath(), " ", "_")
		if err := write(filepath.Join(ref, base+".md"), func(f *os.File) error { return doc.GenMarkdown(c, f) }); err != nil {
			return err
		}
		h := *header
		if err := write(filepath.Join(man, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1"), func(f *os.File) error { return doc.GenMan(c, &h, f) }); err != nil {
			return err
		}
	}
	return nil
}

// tree is cop's command tree as the manual shows it, with the completion
// and help commands that cobra adds when cop runs.
// Every long help is a preformatted block, so that Markdown and man show
// its lists and columns as --help does.
func tree() *cobra.Command {
	ios, _, _, _ := iostreams.Test()
	f := factory.New(ios)
	root := cli.NewCmdRoot(f)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		if c.Long != "" {
			c.Long = "```\n" + strings.TrimRight(c.Long, "\n") + "\n```"
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return root
}

// write creates path and fills it with fill.
func write(path string, fill func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
