package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"
	"github.com/xinfang/xinfang/searchapi"
)

// serveAdmin runs the admin routes' operations on the serving node: what
// `xinfang reindex` and `xinfang audit verify` do on a stopped one.
type serveAdmin struct {
	// node ends with the serve process: a reindex started over HTTP
	// stops with it, not with its request.
	node  context.Context
	store *index.Store
	an    *nlp.Analyzer
	// auditPath is the audit log; "" when access control is off.
	auditPath string

	// The index closes only after a running reindex has stopped (close).
	mu      sync.Mutex
	closed  bool
	running sync.WaitGroup
}

// close waits for a running reindex (which stops soon: node is cancelled
// first) and refuses new ones; serve calls it before closing the index.
func (a *serveAdmin) close() {
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	a.running.Wait()
}

func (a *serveAdmin) Reindex(context.Context) (int, error) {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return 0, xinfang.Errorf(xinfang.EUNAVAILABLE, "the node is shutting down")
	}
	a.running.Add(1)
	a.mu.Unlock()
	defer a.running.Done()
	err := a.store.Reindex(a.node, func(d xinfang.Document) xinfang.Document {
		d.Analysis = a.an.AnalyzeKind(d.Kind, d.ID, d.Title(), d.Content())
		return d
	})
	if err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	n, err := a.store.Count()
	return int(n), err
}

func (a *serveAdmin) VerifyAudit(ctx context.Context) (searchapi.AuditVerification, error) {
	if a.auditPath == "" {
		return searchapi.AuditVerification{}, xinfang.Errorf(xinfang.ENOTFOUND, "no audit log: access control is off on this node (serve --principals or --trusted-proxy)")
	}
	f, err := os.Open(a.auditPath)
	if err != nil {
		return searchapi.AuditVerification{}, fmt.Errorf("audit verify: %w", err)
	}
	defer f.Close()
	rep, err := verifyAudit(ctxReader{ctx, f})
	if ctx.Err() != nil {
		return searchapi.AuditVerification{}, ctx.Err()
	}
	v := searchapi.AuditVerification{OK: err == nil, Entries: rep.Entries, Last: rep.Last, TornBytes: rep.Torn}
	if err != nil {
		v.Error = err.Error()
	}
	return v, nil
}

// ctxReader stops reading once ctx ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, errors.Join(err, io.ErrUnexpectedEOF)
	}
	return c.r.Read(p)
}
