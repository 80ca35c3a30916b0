package main

import (
	"bytes"
	"context"
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

// auditFile appends audit events as JSON Lines and syncs each one to disk
// before the read it records is answered.
type auditFile struct {
	mu sync.Mutex
	f  *os.File
}

func openAudit(path string) (*auditFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return &auditFile{f: f}, nil
}

func (a *auditFile) write(ctx context.Context, e searchapi.AuditEvent) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return fmt.Errorf("audit log is closed")
	}
	if _, err := a.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	if err := a.f.Sync(); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

func (a *auditFile) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	return err
}
