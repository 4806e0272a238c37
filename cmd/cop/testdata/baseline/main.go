// Command baseline is the yardstick for cop's performance targets: a
// minimal Go program that reads YAML assessment files and decodes them into
// plain structs, doing nothing else. BenchmarkExec* builds it beside cop.
//
// With one file it decodes that file (the baseline for cop report). With
// several, it decodes them all in one process on every core (the baseline
// for cop compare).
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"

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
	files := os.Args[1:]
	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				if err := decode(f); err != nil {
					mu.Lock()
					failed++
					fmt.Fprintln(os.Stderr, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	if failed > 0 {
		os.Exit(1)
	}
}
