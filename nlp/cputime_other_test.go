//go:build !unix

package nlp

func processCPU() int64 { return -1 }
