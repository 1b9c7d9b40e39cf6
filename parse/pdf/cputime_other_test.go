//go:build !unix

package pdf

import (
	"os"
	"time"
)

// cpuTime is not measured on this platform.
func cpuTime() time.Duration { return 0 }

// maxRSS is not measured on this platform.
func maxRSS(*os.ProcessState) int64 { return 0 }
