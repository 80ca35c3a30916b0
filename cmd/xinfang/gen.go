package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/xinfang/xinfang/internal/gen"
)

func init() {
	register(command{
		name:    "gen",
		summary: "generate synthetic petition records as JSON Lines (for benchmarks)",
		run:     runGen,
	})
}

func runGen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "gen", "gen [-n N] [--seed S] [--out FILE]\n\n"+
		"Writes N synthetic petition records (deterministic for a seed) as JSON Lines to\n"+
		"stdout or FILE. All personal data in them is invented.")
	n := fs.Int("n", 1000, "number of records")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same records")
	out := fs.String("out", "", "write to `FILE` instead of stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "xinfang gen: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *n < 0 {
		fmt.Fprintf(e.stderr, "xinfang gen: -n must not be negative, got %d\n", *n)
		return errUsage
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		defer f.Close()
		w = f
	}
	if err := gen.WriteJSONL(ctxWriter{ctx, w}, *n, *seed); err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && *out != "" {
		if err := f.Close(); err != nil {
			return fmt.Errorf("gen: close %s: %w", *out, err)
		}
	}
	return nil
}

// ctxWriter stops a long write when ctx is cancelled (Ctrl-C).
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
