package nlp

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
)

// The segmenter cache is the built segmenter (the word table, the total
// frequency, the stop words) written to a file, so that a restart reads it
// instead of parsing and indexing gse's dictionary again: that load is most
// of a node's start (about 1 s on a quiet core, 2–3 s on a loaded one); the
// file is read in a few tens of milliseconds.
//
// The file holds a key, the hash of everything the table is built from: the
// format below, gse's module version and checksum (its embedded dictionary
// and stop words), minTokenFreq, domainFreq and the extra words. A file with
// another key, a bad checksum or a bad layout is ignored and rewritten.
// Bump segCacheFormat whenever newWordTable or the layout changes.
const segCacheFormat = 2

var segCacheMagic = []byte("xinfang segmenter cache\n")

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// gseVersion names gse's module version and checksum, which fix its
// embedded dictionary and stop words, or returns an error when the binary
// does not tell them (test binaries carry no module list): then no cache is
// used.
func gseVersion() (string, error) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("no module information in the binary")
	}
	for _, d := range bi.Deps {
		if d.Path != "github.com/go-ego/gse" {
			continue
		}
		if d.Replace != nil {
			d = d.Replace
		}
		if d.Version == "" || d.Version == "(devel)" || d.Sum == "" {
			return "", fmt.Errorf("gse %s is not a released module (replaced?)", d.Path)
		}
		return d.Path + "@" + d.Version + " " + d.Sum, nil
	}
	return "", errors.New("gse's module version is unknown")
}

// segCacheKey returns the key of a segmenter built with extra on the gse
// named by gseVer (see gseVersion).
func segCacheKey(gseVer string, extra []string) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "format %d\n%s\nmin freq %d\ndomain freq %d\n", segCacheFormat, gseVer, minTokenFreq, domainFreq)
	// The table does not depend on the order of the words (the gazetteer
	// lists its names from a map).
	for _, w := range slices.Compact(slices.Sorted(slices.Values(extra))) {
		h.Write([]byte(w))
		h.Write([]byte{'\n'})
	}
	return h.Sum(nil)
}

// encodeSegmenter lays s out: the header (magic, key, CRC-32C and length
// of the payload), then the payload, little-endian.
func encodeSegmenter(s *Segmenter, key []byte) []byte {
	t := s.words
	n := 8 + 8 + 4 + 20*len(t.slots) + 4 + len(t.arena) + 4 + 4*len(t.han) + 8*(len(t.pairs)+len(t.triples)) + 4
	for _, w := range s.stops {
		n += 4 + len(w)
	}
	p := make([]byte, 0, n)
	le := binary.LittleEndian
	p = le.AppendUint64(p, math.Float64bits(s.total))
	p = le.AppendUint32(p, uint32(t.shift))
	p = le.AppendUint32(p, uint32(t.maxUnits))
	p = le.AppendUint32(p, uint32(len(t.slots)))
	for _, sl := range t.slots {
		p = le.AppendUint32(p, sl.tag)
		p = le.AppendUint32(p, sl.check)
		p = le.AppendUint32(p, math.Float32bits(sl.dist))
		p = le.AppendUint32(p, math.Float32bits(sl.freq))
	}
	for _, o := range t.offs {
		p = le.AppendUint32(p, o)
	}
	p = le.AppendUint32(p, uint32(len(t.arena)))
	p = append(p, t.arena...)
	verify := uint32(0)
	if t.verify {
		verify = 1
	}
	p = le.AppendUint32(p, verify)
	for _, e := range t.han {
		p = le.AppendUint32(p, uint32(e.id)) // the rest is the slot's
	}
	for _, w := range t.pairs {
		p = le.AppendUint64(p, w)
	}
	for _, w := range t.triples {
		p = le.AppendUint64(p, w)
	}
	p = le.AppendUint32(p, uint32(len(s.stops)))
	for _, w := range s.stops {
		p = le.AppendUint32(p, uint32(len(w)))
		p = append(p, w...)
	}
	out := make([]byte, 0, len(segCacheMagic)+len(key)+12+len(p))
	out = append(out, segCacheMagic...)
	out = append(out, key...)
	out = le.AppendUint32(out, crc32.Checksum(p, crcTable))
	out = le.AppendUint64(out, uint64(len(p)))
	return append(out, p...)
}

// decodeSegmenter reads what encodeSegmenter wrote with the same key.
func decodeSegmenter(b, key []byte) (*Segmenter, error) {
	le := binary.LittleEndian
	hl := len(segCacheMagic) + len(key) + 12
	if len(b) < hl || !bytes.Equal(b[:len(segCacheMagic)], segCacheMagic) {
		return nil, errors.New("not a segmenter cache")
	}
	if !bytes.Equal(b[len(segCacheMagic):len(segCacheMagic)+len(key)], key) {
		return nil, errors.New("built from another dictionary or version")
	}
	sum, n := le.Uint32(b[hl-12:]), le.Uint64(b[hl-8:])
	p := b[hl:]
	if uint64(len(p)) != n {
		return nil, fmt.Errorf("%d bytes of payload, want %d (cut short?)", len(p), n)
	}
	if crc32.Checksum(p, crcTable) != sum {
		return nil, errors.New("checksum mismatch")
	}
	r := reader{b: p}
	s := &Segmenter{total: math.Float64frombits(r.u64())}
	t := &wordTable{}
	t.shift = uint(r.u32())
	t.maxUnits = int(r.u32())
	ns := int(r.u32())
	if ns == 0 || ns&(ns-1) != 0 || 64-int(t.shift) != bitsLen(ns) || r.left() < 20*ns {
		return nil, fmt.Errorf("bad table of %d slots", ns)
	}
	t.slots = make([]wordSlot, ns)
	for i := range t.slots {
		t.slots[i] = wordSlot{tag: r.u32(), check: r.u32(), dist: math.Float32frombits(r.u32()), freq: math.Float32frombits(r.u32())}
	}
	t.offs = make([]uint32, ns)
	for i := range t.offs {
		t.offs[i] = r.u32()
	}
	t.arena = bytes.Clone(r.bytes(int(r.u32())))
	t.verify = r.u32() != 0
	for i, sl := range t.slots {
		if sl.tag != 0 && uint64(t.offs[i])+uint64(sl.tag&0xFF) > uint64(len(t.arena)) {
			return nil, fmt.Errorf("slot %d points past the keys", i)
		}
	}
	for i := range t.han {
		if id := r.u32(); id != 0 {
			if int(id) > ns || t.slots[id-1].tag == 0 {
				return nil, fmt.Errorf("character entry %d names no slot", i)
			}
			sl := t.slots[id-1]
			t.han[i] = wordEntry{dist: sl.dist, freq: sl.freq, word: sl.freq != 0, id: int32(id)}
		}
	}
	t.pairs = make([]uint64, pairBits/64)
	for i := range t.pairs {
		t.pairs[i] = r.u64()
	}
	t.triples = make([]uint64, pairBits/64)
	for i := range t.triples {
		t.triples[i] = r.u64()
	}
	s.stops = make([]string, r.u32())
	for i := range s.stops {
		s.stops[i] = string(r.bytes(int(r.u32())))
	}
	if r.err != nil || r.left() != 0 {
		return nil, errors.New("bad layout")
	}
	s.words = t
	return s, nil
}

func bitsLen(n int) int {
	l := 0
	for n > 1 {
		n >>= 1
		l++
	}
	return l
}

// reader reads the payload; running past its end sets err and yields zeros.
type reader struct {
	b   []byte
	err error
}

func (r *reader) left() int { return len(r.b) }

func (r *reader) bytes(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.err, r.b = errors.New("short"), nil
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if b := r.bytes(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// loadSegmenterCached reads the segmenter of extra from the cache file at
// path, or builds it and writes the file (atomically: a temporary file
// renamed over it). gseVer names gse's version (gseVersion). how says which,
// and why the file was not used or not written; a cache that cannot be read
// or written is no error.
func loadSegmenterCached(path, gseVer string, extra []string) (s *Segmenter, how string, err error) {
	key := segCacheKey(gseVer, extra)
	why := "no cache yet"
	if b, rerr := os.ReadFile(path); rerr == nil {
		s, derr := decodeSegmenter(b, key)
		if derr == nil {
			return s, "read from the cache " + path, nil
		}
		why = "cache " + path + " ignored: " + derr.Error()
	} else if !errors.Is(rerr, os.ErrNotExist) {
		why = "cache unreadable: " + rerr.Error()
	}
	if s, err = NewSegmenter(extra); err != nil {
		return nil, "", err
	}
	how = "built from gse's dictionary (" + why + ")"
	if werr := writeFileAtomic(path, encodeSegmenter(s, key)); werr != nil {
		return s, how + "; cache not written: " + werr.Error(), nil
	}
	return s, how + "; cache written to " + path, nil
}

// writeFileAtomic writes b to a temporary file beside path, syncs it and
// renames it over path.
func writeFileAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-"+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
