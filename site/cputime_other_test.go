//go:build !unix

package site

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
