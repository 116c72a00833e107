package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// versionLine describes the binary: the module version and the VCS
// revision, time and state the go command stamped into it.
func versionLine() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "vnru (no build information) " + runtime.Version()
	}
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	var parts []string
	if rev := settings["vcs.revision"]; rev != "" {
		parts = append(parts, "revision "+rev)
		if t := settings["vcs.time"]; t != "" {
			parts = append(parts, t)
		}
		if settings["vcs.modified"] == "true" {
			parts = append(parts, "modified")
		}
	} else {
		parts = append(parts, "no VCS revision: built by go run or go test, with -buildvcs=false, or outside a git checkout")
	}
	return fmt.Sprintf("vnru %s (%s) %s", version, strings.Join(parts, ", "), bi.GoVersion)
}
