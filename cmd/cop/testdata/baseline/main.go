// Command baseline is the yardstick of cop compare's budget: a minimal Go
// program that reads YAML assessment files and decodes them into plain
// structs, one after another in one process, doing nothing else.
// BenchmarkExecCompare10k builds it beside cop; cop, which also checks,
// scores and prints, must take at most 0.6x its wall time on 2 cores.
package main

import (
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"
)

type assessment struct {
	Kind      string `yaml:"kind"`
	Version   int    `yaml:"version"`
	Community string `yaml:"community"`
	Date      string `yaml:"date"`
	Framework struct {
		ID      string `yaml:"id"`
		Version string `yaml:"version"`
	} `yaml:"framework"`
	Responses []struct {
		Respondent string                       `yaml:"respondent"`
		Role       string                       `yaml:"role"`
		Ratings    map[string]map[string]string `yaml:"ratings"`
		Notes      map[string]string            `yaml:"notes"`
	} `yaml:"responses"`
}

func decode(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var a assessment
	return yaml.Unmarshal(data, &a)
}

func main() {
	failed := 0
	for _, f := range os.Args[1:] {
		if err := decode(f); err != nil {
			failed++
			fmt.Fprintln(os.Stderr, err)
		}
	}
	if failed > 0 {
		os.Exit(1)
	}
}
