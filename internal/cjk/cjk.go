// Package cjk holds string searches tuned for Chinese text.
//
// strings.Index finds a candidate by the first byte of the substring and
// then compares. In UTF-8 Chinese that byte is the lead byte of a
// three-byte character, and the common CJK block shares six lead bytes
// (E4–E9), so about one character in six is a false candidate. The third
// byte of a character takes 64 values spread almost evenly; searching for
// it instead leaves about one false candidate in sixty-four characters.
// On the analyzer's word lists over petition text, Index is about three
// times as fast as strings.Index.
package cjk

import "strings"

// minText is the text length below which strings.Index is as fast.
const minText = 16

// Index returns the index of the first instance of substr in s, or -1, as
// strings.Index does.
func Index(s, substr string) int {
	if len(substr) < 3 || substr[0] < 0xE0 || len(s) < minText {
		return strings.Index(s, substr)
	}
	// substr opens with a character of three or four bytes: its third
	// byte is a continuation byte, at offset 2 of any match.
	c := substr[2]
	for i := 2; i < len(s); {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			return -1
		}
		p := i + j - 2
		if p+len(substr) > len(s) {
			return -1
		}
		if s[p:p+len(substr)] == substr {
			return p
		}
		i += j + 1
	}
	return -1
}

// Contains reports whether substr is within s.
func Contains(s, substr string) bool { return Index(s, substr) >= 0 }
