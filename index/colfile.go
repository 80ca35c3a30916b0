package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
)

// The column file's encoding: little-endian fixed-width numbers, uvarint
// lengths, string lists as their lengths then one blob (so that a decoded
// list is one allocation, the strings slices of it). A header names the
// format and the watermark; a trailer holds the CRC-32C of everything
// before it and the length, so that a torn or damaged file is refused
// before anything of it is used.

const (
	colMagic   = "XFCOLS\x00\x02" // name and format version
	colTrailer = "XFCOLEND"
	// colTrailerLen is CRC (4) + length (8) + colTrailer.
	colTrailerLen = 4 + 8 + len(colTrailer)
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// crcWriter hashes what it writes.
type crcWriter struct {
	w   io.Writer
	crc hash.Hash32
	n   int64
}

func (c *crcWriter) Write(p []byte) (int, error) {
	c.crc.Write(p)
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// colEncoder writes the column file's primitives; the first error sticks.
type colEncoder struct {
	cw    *crcWriter
	w     *bufio.Writer
	buf   [16]byte
	chunk []byte // scratch of u32s
	err   error
}

func newColEncoder(w io.Writer) *colEncoder {
	cw := &crcWriter{w: w, crc: crc32.New(castagnoli)}
	return &colEncoder{cw: cw, w: bufio.NewWriterSize(cw, 1<<20), chunk: make([]byte, 4096)}
}

func (e *colEncoder) raw(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}

func (e *colEncoder) u8(v uint8) { e.raw([]byte{v}) }

func (e *colEncoder) u32(v uint32) {
	binary.LittleEndian.PutUint32(e.buf[:4], v)
	e.raw(e.buf[:4])
}

func (e *colEncoder) u64(v uint64) {
	binary.LittleEndian.PutUint64(e.buf[:8], v)
	e.raw(e.buf[:8])
}

func (e *colEncoder) uvarint(v uint64) {
	n := binary.PutUvarint(e.buf[:], v)
	e.raw(e.buf[:n])
}

func (e *colEncoder) str(s string) {
	e.uvarint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// strs writes a list of strings: count, lengths, blob.
func (e *colEncoder) strs(list []string) {
	e.uvarint(uint64(len(list)))
	for _, s := range list {
		e.uvarint(uint64(len(s)))
	}
	for _, s := range list {
		if e.err == nil {
			_, e.err = e.w.WriteString(s)
		}
	}
}

// u32s writes a count and the values.
func (e *colEncoder) u32s(v []uint32) {
	e.uvarint(uint64(len(v)))
	for len(v) > 0 {
		n := min(len(v), len(e.chunk)/4)
		for i, x := range v[:n] {
			binary.LittleEndian.PutUint32(e.chunk[4*i:], x)
		}
		e.raw(e.chunk[:4*n])
		v = v[n:]
	}
}

// finish writes the trailer and flushes.
// flush writes what is buffered, without the trailer: the encoding of a
// part written into another encoder.
func (e *colEncoder) flush() error {
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

func (e *colEncoder) finish() error {
	if e.err != nil {
		return e.err
	}
	if err := e.w.Flush(); err != nil {
		return err
	}
	var t [colTrailerLen]byte
	binary.LittleEndian.PutUint32(t[0:], e.cw.crc.Sum32())
	binary.LittleEndian.PutUint64(t[4:], uint64(e.cw.n))
	copy(t[12:], colTrailer)
	_, err := e.cw.w.Write(t[:])
	return err
}

// errColTruncated is the error of a read past the end of the body.
var errColTruncated = errors.New("truncated")

// colDecoder reads the primitives back; the first error sticks and every
// later read returns zero values.
type colDecoder struct {
	b   []byte
	err error
}

// openColBody checks the trailer of a whole column file and returns a
// decoder over what precedes it.
func openColBody(data []byte) (*colDecoder, error) {
	if len(data) < len(colMagic)+colTrailerLen {
		return nil, fmt.Errorf("%d bytes, too short", len(data))
	}
	t := data[len(data)-colTrailerLen:]
	if string(t[12:]) != colTrailer {
		return nil, errors.New("no trailer (an interrupted write?)")
	}
	body := data[:len(data)-colTrailerLen]
	if n := binary.LittleEndian.Uint64(t[4:]); n != uint64(len(body)) {
		return nil, fmt.Errorf("length %d in the trailer, %d in the file", n, len(body))
	}
	if crc := crc32.Checksum(body, castagnoli); crc != binary.LittleEndian.Uint32(t) {
		return nil, fmt.Errorf("checksum %08x, the trailer says %08x", crc, binary.LittleEndian.Uint32(t))
	}
	if string(body[:len(colMagic)]) != colMagic {
		return nil, fmt.Errorf("format %q, want %q", body[:len(colMagic)], colMagic)
	}
	return &colDecoder{b: body[len(colMagic):]}, nil
}

func (d *colDecoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b) {
		d.err = errColTruncated
		return nil
	}
	p := d.b[:n]
	d.b = d.b[n:]
	return p
}

func (d *colDecoder) u8() uint8 {
	if p := d.take(1); p != nil {
		return p[0]
	}
	return 0
}

func (d *colDecoder) u32() uint32 {
	if p := d.take(4); p != nil {
		return binary.LittleEndian.Uint32(p)
	}
	return 0
}

func (d *colDecoder) u64() uint64 {
	if p := d.take(8); p != nil {
		return binary.LittleEndian.Uint64(p)
	}
	return 0
}

func (d *colDecoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errColTruncated
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a count of items of at least size bytes each, refusing one
// the rest of the file cannot hold (a damaged count must not allocate).
func (d *colDecoder) count(size int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)/max(size, 1)) {
		d.err = fmt.Errorf("count %d exceeds the file", n)
	}
	if d.err != nil || n > math.MaxInt32 {
		return 0
	}
	return int(n)
}

func (d *colDecoder) str() string { return string(d.take(d.count(1))) }

func (d *colDecoder) strs() []string {
	n := d.count(1)
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = int(d.uvarint())
		total += lens[i]
	}
	if d.err != nil {
		return nil
	}
	blob := string(d.take(total))
	if d.err != nil {
		return nil
	}
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i, l := range lens {
		out[i], blob = blob[:l], blob[l:]
	}
	return out
}

// u32s reads a list written by colEncoder.u32s. The slice has no spare
// capacity, so that an append never writes into a neighbour.
func (d *colDecoder) u32s() []uint32 {
	n := d.count(4)
	p := d.take(4 * n)
	if d.err != nil || n == 0 {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(p[4*i:])
	}
	return out
}
