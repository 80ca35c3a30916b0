package main

import (
	"context"
	"fmt"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"
)

func init() {
	register(command{
		name:    "reindex",
		summary: "rebuild the index from the stored raw records (new dictionary or taxonomy)",
		run:     runReindex,
	})
}

// runReindex re-analyses every stored document into a fresh index and swaps
// it in. The serving process owns the index, so this command is for a stopped
// node; it fails fast with a clear message while `xinfang serve` holds the lock.
func runReindex(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "reindex", "reindex [--data DIR] [--taxonomy FILE]")
	data := fs.String("data", "./data", "data directory (index and state)")
	taxonomy := fs.String("taxonomy", "", "taxonomy YAML overriding the embedded one")
	recordKey := addRecordKeyFlag(fs)
	oldKeys := fs.String("old-record-key", "", "comma-separated record keys (files or env:NAME) that sealed records before a rotation; the reindex opens them and seals again with --record-key")
	if err := parseConfigured(e, fs, args); err != nil {
		return err
	}
	o := index.Options{}
	var err error
	if o.RecordKey, err = loadRecordKey(e, *recordKey, *data); err != nil {
		fmt.Fprintf(e.stderr, "xinfang reindex: %v\n", err)
		return errUsage
	}
	for _, spec := range splitList(*oldKeys) {
		k, err := loadRecordKey(e, spec, *data)
		if err != nil {
			fmt.Fprintf(e.stderr, "xinfang reindex: --old-record-key: %v\n", err)
			return errUsage
		}
		o.OldRecordKeys = append(o.OldRecordKeys, k)
	}
	an, err := nlp.Load(nlp.Options{TaxonomyFile: *taxonomy})
	if err != nil {
		return err
	}
	st, err := openIndexWith(*data, an, o)
	if err != nil {
		return err
	}
	defer st.Close()
	before, err := st.Count()
	if err != nil {
		return err
	}
	start := time.Now()
	err = st.Reindex(ctx, func(d xinfang.Document) xinfang.Document {
		d.Analysis = an.AnalyzeKind(d.Kind, d.ID, d.Title(), d.Content())
		return d
	})
	if err != nil {
		return fmt.Errorf("reindex %s: %w", *data, err)
	}
	after, err := st.Count()
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(e.stderr, "reindexed %d documents (before: %d) in %s (%.0f docs/s)\n",
		after, before, el.Round(time.Millisecond), float64(after)/el.Seconds())
	return st.Close()
}
