package load

import _ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
