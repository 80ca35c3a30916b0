package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

func init() {
	register(command{name: "audit", summary: "check the audit log: audit verify [FILE] (hash chain, edits, removals)", run: runAudit})
}

// runAudit verifies the hash chain of an audit log: DATA/audit.jsonl by
// default, or the file given. It prints the number of entries and the hash
// of the last one (record it elsewhere: a log cut short after that point is
// then detected by comparing), and fails naming the first broken line.
func runAudit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, "Usage: xinfang audit verify [--data DIR] [FILE]")
		return errUsage
	}
	fs := newFlags(e, "audit", "audit verify [--data DIR] [FILE]")
	data := fs.String("data", "./data", "data directory whose audit.jsonl to verify")
	if err := parseConfigured(e, fs, args[1:]); err != nil {
		return err
	}
	path := filepath.Join(*data, "audit.jsonl")
	switch fs.NArg() {
	case 0:
	case 1:
		path = fs.Arg(0)
	default:
		fmt.Fprintf(e.stderr, "xinfang audit verify: one file at most, got %q\n", fs.Args())
		return errUsage
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	defer f.Close()
	rep, err := verifyAudit(f)
	if err != nil {
		fmt.Fprintf(e.stdout, "%s: BROKEN after %d good entries: %v\n", path, rep.Entries, err)
		return errSilent
	}
	fmt.Fprintf(e.stdout, "%s: ok, %d entries, last hash %s\n", path, rep.Entries, rep.Last)
	if rep.Torn > 0 {
		fmt.Fprintf(e.stdout, "%s: a torn last line of %d bytes (a write that never completed) is cut off when serve opens the log\n", path, rep.Torn)
	}
	return nil
}
