// Command cop is a health check for communities of practice.
package main

import (
	"os"

	"github.com/cophealth/cop/internal/cli"
)

func main() { os.Exit(cli.Main()) }
