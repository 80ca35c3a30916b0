//go:build !unix

package index

import "os"

// mapFile reads the file at path (no mapping on this system).
func mapFile(path string) (data []byte, release func(), err error) {
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
