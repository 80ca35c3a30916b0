package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/xinfang/xinfang/searchapi"
)

// loadPrincipals reads the principals file of --principals: a YAML list of
// {name, token_sha256, roles}. Only the tokens' SHA-256 is stored, so the
// file does not hand out access by being read.
//
//   - name: 信访局-张科长
//     token_sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//     roles: [identity]
func loadPrincipals(path string) ([]searchapi.Principal, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("principals: %w", err)
	}
	var ps []searchapi.Principal
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&ps); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("principals %s: %w", path, err)
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("principals %s: no principals", path)
	}
	return ps, nil
}

// The audit log is JSON Lines, one searchapi.AuditEvent per line with its
// sequence number, the hash of the line before ("prev") and its own hash
// last: SHA-256 of the line up to the hash, closed with "}". A removed,
// inserted, reordered or edited line breaks the chain (`xinfang audit
// verify`). Each line is written whole at the end of the log and synced
// before the answer it records is sent; a write that fails (a full disk)
// is cut off again, so the next entry never glues to a partial line, and a
// line torn by a crash is cut off when the log is opened.

// auditGenesis is the prev of the first line.
var auditGenesis = hex.EncodeToString(make([]byte, sha256.Size))

// auditLine is a line of the log without its hash.
type auditLine struct {
	Seq  int64  `json:"seq"`
	Prev string `json:"prev"`
	searchapi.AuditEvent
}

// hashSuffix is how every line ends: ,"hash":"<64 hex>"}.
const hashSuffixLen = len(`,"hash":""}`) + 2*sha256.Size

// auditFile appends hash-chained audit events.
type auditFile struct {
	mu   sync.Mutex // orders writes: the chain is the file order
	f    *os.File
	size int64  // bytes of whole lines
	seq  int64  // of the last line
	last string // hash of the last line
	// dirty is set when a write failed and its bytes may still be there.
	dirty bool

	syncMu sync.Mutex // one fsync at a time; it covers all lines before it
	synced int64      // bytes known to be on disk
}

// openAudit opens (creating) the log at path, cutting off a torn last line
// and continuing the chain from the last whole one.
func openAudit(path string) (*auditFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	a := &auditFile{f: f, last: auditGenesis}
	if err := a.recover(path); err != nil {
		f.Close()
		return nil, err
	}
	return a, nil
}

// recover finds the end of the last whole line and its hash.
func (a *auditFile) recover(path string) error {
	var lastLine []byte
	var size int64
	r := bufio.NewReaderSize(a.f, 64<<10)
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			if len(line) > 0 {
				// A torn line: a crash or a full disk during a write that
				// was never acknowledged.
				if err := a.f.Truncate(size); err != nil {
					return fmt.Errorf("audit log %s: cut torn last line: %w", path, err)
				}
				if err := a.f.Sync(); err != nil {
					return fmt.Errorf("audit log %s: %w", path, err)
				}
			}
			break
		}
		if err != nil {
			return fmt.Errorf("audit log %s: %w", path, err)
		}
		size += int64(len(line))
		lastLine = line
	}
	a.size, a.synced = size, size
	if lastLine == nil {
		return nil
	}
	seq, _, hash, err := checkAuditLine(bytes.TrimSuffix(lastLine, []byte("\n")))
	if err != nil {
		return fmt.Errorf("audit log %s: last entry: %w (run 'xinfang audit verify %s')", path, err, path)
	}
	a.seq, a.last = seq, hash
	return nil
}

// checkAuditLine checks a line's own hash and returns its sequence number,
// prev and hash.
func checkAuditLine(line []byte) (seq int64, prev, hash string, err error) {
	if len(line) < hashSuffixLen || !bytes.HasPrefix(line[len(line)-hashSuffixLen:], []byte(`,"hash":"`)) || !bytes.HasSuffix(line, []byte(`"}`)) {
		return 0, "", "", errors.New("no hash at the end of the line")
	}
	body := append(bytes.Clone(line[:len(line)-hashSuffixLen]), '}')
	hash = string(line[len(line)-hashSuffixLen+len(`,"hash":"`) : len(line)-2])
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != hash {
		return 0, "", "", errors.New("the line does not match its hash (edited)")
	}
	var l auditLine
	if err := json.Unmarshal(body, &l); err != nil {
		return 0, "", "", fmt.Errorf("not JSON: %w", err)
	}
	return l.Seq, l.Prev, hash, nil
}

// write appends e and syncs it: the searchapi.Config.Audit of serve.
func (a *auditFile) write(ctx context.Context, e searchapi.AuditEvent) error {
	end, err := a.append(e)
	if err != nil {
		return err
	}
	return a.syncTo(end)
}

func (a *auditFile) append(e searchapi.AuditEvent) (int64, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return 0, errors.New("audit log is closed")
	}
	if a.dirty {
		if err := a.f.Truncate(a.size); err != nil {
			return 0, fmt.Errorf("audit log: cut a failed write: %w", err)
		}
		a.dirty = false
	}
	body, err := json.Marshal(auditLine{Seq: a.seq + 1, Prev: a.last, AuditEvent: e})
	if err != nil {
		return 0, fmt.Errorf("audit log: %w", err)
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	line := append(body[:len(body)-1], `,"hash":"`+hash+`"}`+"\n"...)
	if _, err := a.f.WriteAt(line, a.size); err != nil {
		// Cut the partial line off now, or before the next write.
		if terr := a.f.Truncate(a.size); terr != nil {
			a.dirty = true
		}
		return 0, fmt.Errorf("audit log: %w", err)
	}
	a.size += int64(len(line))
	a.seq++
	a.last = hash
	return a.size, nil
}

// syncTo returns once the log is on disk up to end. Concurrent writers
// share one fsync (group commit).
func (a *auditFile) syncTo(end int64) error {
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	if a.synced >= end {
		return nil
	}
	a.mu.Lock()
	f, size := a.f, a.size
	a.mu.Unlock()
	if f == nil {
		return errors.New("audit log is closed")
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	a.synced = size
	return nil
}

func (a *auditFile) Close() error {
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	return err
}

// auditReport is the outcome of verifying a log.
type auditReport struct {
	Entries int64
	Last    string // hash of the last line, to record elsewhere
	// Torn is the number of bytes of a torn last line (cut on next open).
	Torn int
}

// verifyAudit reads the log at r and checks every line's hash and the
// chain. The error names the first line that breaks it.
func verifyAudit(r io.Reader) (auditReport, error) {
	rep := auditReport{Last: auditGenesis}
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err == io.EOF {
			rep.Torn = len(line)
			return rep, nil
		}
		if err != nil {
			return rep, err
		}
		seq, prev, hash, err := checkAuditLine(bytes.TrimSuffix(line, []byte("\n")))
		switch {
		case err != nil:
			return rep, fmt.Errorf("line %d: %w", n, err)
		case prev != rep.Last:
			return rep, fmt.Errorf("line %d: prev does not match the hash of line %d (a line was removed, inserted or moved)", n, n-1)
		case seq != rep.Entries+1:
			return rep, fmt.Errorf("line %d: seq %d, want %d", n, seq, rep.Entries+1)
		}
		rep.Entries, rep.Last = seq, hash
	}
}
