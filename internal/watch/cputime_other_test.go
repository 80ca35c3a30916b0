//go:build !unix

package watch

func processCPU() int64 { return -1 }
