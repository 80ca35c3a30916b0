package index

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math/bits"
	"time"

	"github.com/xinfang/xinfang"
)

// The rows and dictionaries of the column engine (engine.go): one compact
// row per document, addressed by a dense ordinal. Bleve's own term facets
// cost grows with the hit count and a date histogram does not exist there;
// counting from rows costs a few nanoseconds per hit.
//
// Ordinals are assigned in memory and kept in the column file (colsnap.go)
// with the rows; without a usable one, Open rebuilds the rows from the
// compact meta field of every stored document. An ordinal is never reused
// while the Store is open; a deleted document leaves a dead row.

// cst is China Standard Time. China has had no daylight saving since 1991,
// so a fixed zone is exact for every date the system handles and needs no
// tz database on the host.
var cst = xinfang.ChinaTime

const noValue = 0 // dictionary code of "no value"

// Enumerations are coded 1..n in the order of the root package; 0 is none.
var (
	kindCodes    = []string{xinfang.KindPetition, xinfang.KindBulletin}
	channelCodes = func() []string {
		var s []string
		for _, c := range xinfang.Channels {
			s = append(s, string(c))
		}
		return s
	}()
	statusCodes = func() []string {
		var s []string
		for _, c := range xinfang.Statuses {
			s = append(s, string(c))
		}
		return s
	}()
	levelCodes = xinfang.RiskLevels
	// Headcount buckets of xinfang.Filters.
	headcountBuckets = xinfang.HeadcountBuckets
)

func enumCode(values []string, v string) uint8 {
	for i, x := range values {
		if x == v {
			return uint8(i + 1)
		}
	}
	return noValue
}

// headcountBucket returns the 1-based bucket of a head count, 0 for none.
func headcountBucket(hc int32) uint8 { return uint8(xinfang.HeadcountBucket(int(hc))) }

// row is the column data of one document.
type row struct {
	sec       int64  // unix seconds of the document date
	cats      uint64 // bit i set: category dictionary code i+1
	sim       uint64 // SimHash of the content, for near-duplicates
	day       int32  // days since 1970-01-01 in China Standard Time
	hc        int32  // head count, -1 when none
	cluster   int32  // index into clusterSet.list, -1 when none
	compl     uint32 // complainant dictionary code, 0 when none
	city      uint16 // dictionary codes, 0 when none
	county    uint16
	kind      uint8 // enum codes, 0 when none
	channel   uint8
	status    uint8
	baseLevel uint8 // level code from the analysis
	baseScore uint8
	level     uint8 // effective level, raised by a recurring cluster
	score     uint8 // effective score
	alive     bool
	// Case columns of a petition (casework.go, repeats.go).
	due      int64  // deadline, unix seconds; 0 when not a case
	handle   int64  // receipt to close in seconds, -1 when unknown
	subj     uint32 // respondent dictionary code, 0 when none
	repFirst uint32 // ordinal of the 初件 of its repeat group
	repOrder uint32 // 1 for the 初件, 0 when not grouped
	repCount uint32 // petitions of the repeat group
	dueKind  uint8  // 1 acceptance, 2 handling, 0 when not a case
	closed   bool
	joint    bool
}

func dayOf(sec int64) int32 {
	s := sec + 8*3600
	d := s / 86400
	if s%86400 < 0 {
		d--
	}
	return int32(d)
}

func dayStart(day int32) time.Time {
	return time.Unix(int64(day)*86400-8*3600, 0).In(cst)
}

// dict codes strings as small integers; code 0 is the empty string.
type dict struct {
	codes  map[string]uint32
	values []string
}

func newDict() *dict {
	return &dict{codes: map[string]uint32{"": 0}, values: []string{""}}
}

func (d *dict) code(v string) uint32 {
	if c, ok := d.codes[v]; ok {
		return c
	}
	c := uint32(len(d.values))
	d.codes[v] = c
	d.values = append(d.values, v)
	return c
}

// lookup returns the code of v and whether it is known.
func (d *dict) lookup(v string) (uint32, bool) {
	c, ok := d.codes[v]
	return c, ok
}

func (d *dict) len() int { return len(d.values) }

// keyDict codes complainant keys as small integers; code 0 is none. Only
// the codes are read back (grouping, counting distinct petitioners), so a
// key is kept as 16 bytes, its hash (not 32 hex digits in a map of
// strings), and found through open addressing over the codes with the
// key's first 8 bytes as the hash (the keys are HMACs or SHA-256 sums, so
// uniform): a million petitioners cost 16 MB of keys and 8 MB of slots,
// nothing for the collector to scan, and tens of milliseconds to load.
type keyDict struct {
	keys  [][16]byte // by code
	slots []uint32   // codes, 0 when empty; len is a power of two
}

func newKeyDict() *keyDict { return newKeyDictOf(make([][16]byte, 1)) }

// newKeyDictOf returns the dictionary of keys, code i being keys[i].
func newKeyDictOf(keys [][16]byte) *keyDict {
	d := &keyDict{keys: keys}
	d.grow(max(1024, 2*len(keys)))
	return d
}

// key16 is the 16 bytes of a complainant key: the key decoded when it is
// 32 hex digits (complainantKey), else the start of its SHA-256.
func key16(v string) [16]byte {
	var k [16]byte
	if len(v) == 32 {
		if _, err := hex.Decode(k[:], []byte(v)); err == nil {
			return k
		}
	}
	sum := sha256.Sum256([]byte(v))
	copy(k[:], sum[:])
	return k
}

func (d *keyDict) code(v string) uint32 {
	if v == "" {
		return noValue
	}
	k := key16(v)
	mask := uint64(len(d.slots) - 1)
	i := binary.LittleEndian.Uint64(k[:8]) & mask
	for ; d.slots[i] != 0; i = (i + 1) & mask {
		if d.keys[d.slots[i]] == k {
			return d.slots[i]
		}
	}
	c := uint32(len(d.keys))
	d.keys = append(d.keys, k)
	d.slots[i] = c
	if 2*len(d.keys) > len(d.slots) {
		d.grow(2 * len(d.slots))
	}
	return c
}

// grow rehashes every code into size slots (a power of two).
func (d *keyDict) grow(size int) {
	for size&(size-1) != 0 {
		size += size & -size
	}
	d.slots = make([]uint32, size)
	mask := uint64(size - 1)
	for c := 1; c < len(d.keys); c++ {
		i := binary.LittleEndian.Uint64(d.keys[c][:8]) & mask
		for d.slots[i] != 0 {
			i = (i + 1) & mask
		}
		d.slots[i] = uint32(c)
	}
}

func (d *keyDict) len() int { return len(d.keys) }

// maxCategories bounds the category dictionary: categories are a bit set.
const maxCategories = 64

func popcount(x uint64) int { return bits.OnesCount64(x) }
