//go:build unix

package index

import "golang.org/x/sys/unix"

// freeBytes returns the bytes available to unprivileged writers on the
// file system that holds path.
func freeBytes(path string) (int64, error) {
	var fs unix.Statfs_t
	if err := unix.Statfs(path, &fs); err != nil {
		return 0, err
	}
	return int64(fs.Bavail) * int64(fs.Bsize), nil
}
