package main

import "testing"

// TestDocActionsAndGuidance runs the examples of docs/actions-and-guidance.md
// as TestREADME runs the README's.
func TestDocActionsAndGuidance(t *testing.T) { checkConsoleDoc(t, "docs/actions-and-guidance.md") }
