package index

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/xinfang/xinfang"
)

// Encryption at rest. The index stores each document masked, so that its
// files (and a copy of them) hold no name, phone, ID number or address in
// clear. With a record key (Options.RecordKey) the full document is kept
// too, sealed with AES-256-GCM under the document id; Get opens it. Without
// a key the full identity is not kept at all. Key rotation: reindex with the
// new key as RecordKey and the old one in OldRecordKeys.

// KeySize is the length of a record key: AES-256.
const KeySize = 32

// stored is what the raw field holds: the masked document and, with a key,
// the sealed full one as "<key id>:<base64 of nonce and ciphertext>".
type stored struct {
	xinfang.Document
	Sealed string `json:"sealed,omitempty"`
}

// sealer seals with one key and opens with any of its keys.
type sealer struct {
	current string
	aeads   map[string]cipher.AEAD
}

// KeyID names a record key in the sealed values: the first 8 hex digits of
// its SHA-256.
func KeyID(key []byte) string {
	sum := sha256.Sum256(key)
	return hex.EncodeToString(sum[:4])
}

func newSealer(key []byte, old [][]byte) (*sealer, error) {
	if key == nil {
		if len(old) > 0 {
			return nil, errors.New("index: old record keys without a record key")
		}
		return nil, nil
	}
	s := &sealer{aeads: map[string]cipher.AEAD{}}
	for i, k := range append([][]byte{key}, old...) {
		if len(k) != KeySize {
			return nil, fmt.Errorf("index: record key %d is %d bytes, want %d", i+1, len(k), KeySize)
		}
		block, err := aes.NewCipher(k)
		if err != nil {
			return nil, fmt.Errorf("index: record key: %w", err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("index: record key: %w", err)
		}
		s.aeads[KeyID(k)] = aead
	}
	s.current = KeyID(key)
	return s, nil
}

func (s *sealer) seal(id string, plain []byte) (string, error) {
	aead := s.aeads[s.current]
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("index: seal: %w", err)
	}
	return s.current + ":" + base64.RawStdEncoding.EncodeToString(aead.Seal(nonce, nonce, plain, []byte(id))), nil
}

func (s *sealer) open(id, sealed string) ([]byte, error) {
	kid, b64, ok := strings.Cut(sealed, ":")
	if !ok {
		return nil, xinfang.Errorf(xinfang.EINTERNAL, "index: document %q: sealed record is damaged", id)
	}
	if s == nil {
		return nil, xinfang.Errorf(xinfang.EUNAVAILABLE, "index: document %q is sealed with record key %s, and no record key is given", id, kid)
	}
	aead, ok := s.aeads[kid]
	if !ok {
		return nil, xinfang.Errorf(xinfang.EUNAVAILABLE, "index: document %q is sealed with record key %s, which is not given (rotation: pass it as an old key)", id, kid)
	}
	data, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil || len(data) < aead.NonceSize() {
		return nil, xinfang.Errorf(xinfang.EINTERNAL, "index: document %q: sealed record is damaged", id)
	}
	plain, err := aead.Open(nil, data[:aead.NonceSize()], data[aead.NonceSize():], []byte(id))
	if err != nil {
		return nil, xinfang.Errorf(xinfang.EINTERNAL, "index: document %q: sealed record does not open (altered, or another key with the same id)", id)
	}
	return plain, nil
}

// encodeStored turns a full document into the raw field's value; masked
// is d.Record.Masked(), which the caller has made for the index already.
func (s *sealer) encodeStored(d xinfang.Document, masked *xinfang.Record) ([]byte, error) {
	out := stored{Document: d}
	out.Record = masked
	if s != nil && d.Record != nil {
		full, err := json.Marshal(d)
		if err != nil {
			return nil, err
		}
		if out.Sealed, err = s.seal(d.ID, full); err != nil {
			return nil, err
		}
	}
	return json.Marshal(out)
}

// decodeStored reads the raw field: the masked document, and with full
// set the full one when it is sealed there (the masked one otherwise). An
// index written before masking at rest holds the full document in clear;
// it reads as is.
func (s *sealer) decodeStored(raw []byte, full bool) (xinfang.Document, error) {
	var st stored
	if err := json.Unmarshal(raw, &st); err != nil {
		return xinfang.Document{}, err
	}
	if !full || st.Sealed == "" {
		return st.Document, nil
	}
	plain, err := s.open(st.ID, st.Sealed)
	if err != nil {
		return xinfang.Document{}, err
	}
	var d xinfang.Document
	if err := json.Unmarshal(plain, &d); err != nil {
		return xinfang.Document{}, fmt.Errorf("index: decode sealed %s: %w", st.ID, err)
	}
	return d, nil
}
