// Package framework holds the frameworks built into cop, as YAML files that
// are the single source of their content. Each file is named after the
// framework's id: cop-health.yaml holds the framework with id cop-health.
package framework

import "embed"

// FS holds every embedded framework file. cop parses a framework only when
// an assessment or a command asks for its id.
//
//go:embed *.yaml
var FS embed.FS

// Default is the file of the framework cop uses when none is named.
const Default = "cop-health.yaml"
