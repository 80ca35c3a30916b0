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

import (
	"slices"
	"strings"
)

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

// maxMasked is the text length up to which ContainsAny first notes the
// bytes of the text: past it most byte values are there anyway.
const maxMasked = 128

// ContainsAny reports whether any of words is within s. On a short text
// (the clause around a cue, which is what the analyzer asks about most)
// it notes the byte values s holds and skips every word with a byte s
// lacks: the third byte of a Chinese word's first character, or an ASCII
// word's first byte. A word in s has all its bytes in s, so nothing is
// missed; most words of a list are skipped without a search.
func ContainsAny(s string, words []string) bool {
	if len(s) > maxMasked || len(words) < 3 {
		for _, w := range words {
			if Contains(s, w) {
				return true
			}
		}
		return false
	}
	b := BytesOf(s)
	for _, w := range words {
		if b.MayHold(w) && Index(s, w) >= 0 {
			return true
		}
	}
	return false
}

// Bytes is the set of byte values of a text.
type Bytes [4]uint64

// BytesOf returns the byte values s holds. For a text longer than a
// clause it returns the full set, which skips nothing.
func BytesOf(s string) Bytes {
	if len(s) > maxMasked {
		return Bytes{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	}
	var b Bytes
	for i := 0; i < len(s); i++ {
		b[s[i]>>6] |= 1 << (s[i] & 63)
	}
	return b
}

// MayHold reports false when w cannot be within the text: the text lacks
// the third byte of w's first character (an ASCII word's first byte) or
// w's last byte.
func (b *Bytes) MayHold(w string) bool {
	if w == "" {
		return true
	}
	k := w[0]
	if len(w) >= 3 && k >= 0xE0 {
		k = w[2]
	}
	l := w[len(w)-1]
	return b[k>>6]&(1<<(k&63)) != 0 && b[l>>6]&(1<<(l&63)) != 0
}

// RuneSet is a set of characters for the tests a scan makes at every
// character (is this a family name, may this follow a name): a bit per
// character of the common CJK block, a list for the others.
// strings.ContainsRune over a list of a few hundred characters searches
// the list's bytes for the character at every call.
type RuneSet struct {
	han  [(HanLast - HanFirst + 64) / 64]uint64
	rest []rune
}

// HanFirst and HanLast bound the common CJK block (U+4E00–U+9FFF), which
// the tables of this package and of the analyzer index directly.
const (
	HanFirst = 0x4E00
	HanLast  = 0x9FFF
)

// NewRuneSet returns the set of the characters of the given strings.
func NewRuneSet(chars ...string) *RuneSet {
	s := &RuneSet{}
	for _, c := range chars {
		for _, r := range c {
			if r >= HanFirst && r <= HanLast {
				s.han[(r-HanFirst)/64] |= 1 << ((r - HanFirst) % 64)
			} else if !slices.Contains(s.rest, r) {
				s.rest = append(s.rest, r)
			}
		}
	}
	return s
}

// Has reports whether r is in the set.
func (s *RuneSet) Has(r rune) bool {
	if r >= HanFirst && r <= HanLast {
		return s.han[(r-HanFirst)/64]&(1<<((r-HanFirst)%64)) != 0
	}
	return slices.Contains(s.rest, r)
}
