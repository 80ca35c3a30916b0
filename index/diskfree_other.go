//go:build !unix

package index

import "errors"

// freeBytes is unknown here: the free-space check is skipped and a full
// disk shows as a failed write.
func freeBytes(string) (int64, error) { return 0, errors.New("free space unknown on this system") }
