package main

import "github.com/cophealth/cop/internal/golden"

// update reuses the golden -update flag: it also rewrites the expected
// output inside testscript files.
var update = golden.Update
