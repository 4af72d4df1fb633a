package output

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// tempPrefix names the temporary folders a build makes beside dest:
// ".public.attache-new-<pid>-", so that a later build can tell the
// leftovers of a killed build from the folders of one still running.
func tempPrefix(dest, kind string) string {
	return "." + filepath.Base(dest) + ".attache-" + kind + "-" + strconv.Itoa(os.Getpid()) + "-"
}

// tempOwner reads the process ID out of the part of a temporary folder's
// name after ".public.attache-": "new-1234-5678" is 1234's.
func tempOwner(rest string) (int, bool) {
	parts := strings.Split(rest, "-")
	if len(parts) != 3 {
		return 0, false
	}
	pid, err := strconv.Atoi(parts[1])
	return pid, err == nil && pid > 0
}
