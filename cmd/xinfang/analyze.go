package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

func init() {
	register(command{
		name:    "analyze",
		summary: "analyse petition records (JSON Lines) and print one analysis per line",
		run:     runAnalyze,
	})
}

func runAnalyze(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "analyze", "analyze [--taxonomy FILE] [FILE]\n\n"+
		"Reads petition records as JSON Lines from FILE (or stdin when FILE is absent or \"-\";\n"+
		"only \"id\" and \"content\" are needed, \"title\" is used when present) and writes one\n"+
		"analysis per record as a JSON line, in input order. A bad line is reported on\n"+
		"stderr with its line number and skipped; the exit status is then 1.")
	taxonomy := flags.String("taxonomy", "", "taxonomy YAML `FILE` instead of the embedded one")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if flags.NArg() > 1 {
		fmt.Fprintln(e.stderr, "xinfang analyze: at most one input FILE")
		return errUsage
	}
	in := e.stdin
	if name := flags.Arg(0); name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
		defer f.Close()
		in = f
	}
	a, err := nlp.Load(nlp.Options{TaxonomyFile: *taxonomy})
	if err != nil {
		return fmt.Errorf("analyze: load analyzer: %w", err)
	}
	bad, err := analyzeStream(ctx, a, in, e.stdout, e.stderr, runtime.GOMAXPROCS(0))
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	if bad > 0 {
		return errSilent
	}
	return nil
}

// analyzeJob is one input line on its way through the worker pool.
type analyzeJob struct {
	lineNo int
	line   []byte
	out    []byte // the JSON line, or nil for a bad line
	err    error
	done   chan struct{}
}

// analyzeStream analyses every JSON line of in with workers goroutines and
// writes the analyses to out in input order. Bad lines are reported to
// errw as "line N: message" and counted; they do not stop the stream. The
// error is for failures of reading or writing only.
func analyzeStream(ctx context.Context, a *nlp.Analyzer, in io.Reader, out, errw io.Writer, workers int) (bad int, err error) {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan *analyzeJob, workers)
	// ordered holds the jobs in input order; its capacity bounds how far the
	// readers may run ahead of the writer.
	ordered := make(chan *analyzeJob, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out, j.err = analyzeLine(a, j.line)
				j.line = nil
				close(j.done)
			}
		}()
	}

	readErr := make(chan error, 1)
	go func() {
		defer close(ordered)
		defer close(jobs)
		r := bufio.NewReaderSize(in, 1<<20)
		lineNo := 0
		for {
			// ReadBytes has no line-length limit: records of several MB pass.
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				lineNo++
				if len(bytes.TrimSpace(line)) > 0 {
					j := &analyzeJob{lineNo: lineNo, line: line, done: make(chan struct{})}
					select {
					case ordered <- j:
					case <-ctx.Done():
						readErr <- ctx.Err()
						return
					}
					jobs <- j
				}
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr <- fmt.Errorf("read line %d: %w", lineNo+1, err)
				}
				return
			}
		}
	}()

	w := bufio.NewWriterSize(out, 256<<10)
	var werr error
	for j := range ordered {
		<-j.done
		if j.err != nil {
			bad++
			fmt.Fprintf(errw, "line %d: %v\n", j.lineNo, j.err)
			continue
		}
		if werr == nil {
			if _, werr = w.Write(j.out); werr != nil {
				cancel() // stop reading; drain what is queued
			}
		}
	}
	wg.Wait()
	if werr == nil {
		werr = w.Flush()
	}
	if werr != nil {
		return bad, fmt.Errorf("write: %w", werr)
	}
	select {
	case err := <-readErr:
		return bad, err
	default:
	}
	return bad, nil
}

// analyzeLine decodes one record and returns its analysis as a JSON line.
func analyzeLine(a *nlp.Analyzer, line []byte) ([]byte, error) {
	line = bytes.TrimSpace(line)
	rec, err := xinfang.DecodeRecord(line, time.Now())
	if err != nil {
		// The record limit on content keeps the index lean; analysing a
		// longer text is still fine, so only that error is let through.
		var xe *xinfang.Error
		if !errors.As(err, &xe) || xe.Field != "content" || !strings.Contains(xe.Message, "limit") {
			return nil, err
		}
		var long struct{ ID, Title, Content string }
		if err := json.Unmarshal(line, &long); err != nil {
			return nil, err
		}
		rec = xinfang.Record{ID: long.ID, Title: long.Title, Content: long.Content}
	}
	// An optional "kind" (petition or bulletin) says how to read the text;
	// without it the kind is guessed.
	var k struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(line, &k); err != nil {
		// The line decoded above, so only the type of kind can be wrong.
		return nil, xinfang.FieldError("kind", "must be a JSON string")
	}
	switch k.Kind {
	case "", xinfang.KindPetition, xinfang.KindBulletin:
	default:
		return nil, xinfang.FieldError("kind", "must be petition or bulletin")
	}
	an := a.AnalyzeKind(k.Kind, rec.ID, rec.Title, rec.Content)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(an); err != nil {
		return nil, fmt.Errorf("encode analysis: %w", err)
	}
	return buf.Bytes(), nil
}
