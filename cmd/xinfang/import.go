package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/nlp"
)

func init() {
	register(command{
		name:    "import",
		summary: "index petition records and bulletins from JSONL or CSV files",
		run:     runImport,
	})
}

// runImport indexes files through the embedded pipeline (the in-process
// queue) into DIR/index. Bad rows are reported with file and line while the
// good ones are indexed; any bad row makes the exit status 1.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "import [--data DIR] [--kind petition|bulletin] FILE... (- for stdin)")
	data := fs.String("data", "./data", "data directory (index and state)")
	kind := fs.String("kind", "", "kind of every record: petition or bulletin (default: a line with a url field is a bulletin; CSV rows are petitions)")
	brokers := fs.String("kafka-brokers", "", "not used: with Kafka, send files with 'xinfang publish'")
	batch := fs.Int("batch", ingest.DefaultBatchSize, "largest batch of documents indexed at once")
	recordKey := addRecordKeyFlag(fs)
	if err := parseConfigured(e, fs, args); err != nil {
		return err
	}
	key, err := loadRecordKey(e, *recordKey, *data)
	if err != nil {
		fmt.Fprintf(e.stderr, "xinfang import: %v\n", err)
		return errUsage
	}
	if *brokers != "" {
		fmt.Fprintln(e.stderr, "xinfang import: with --kafka-brokers the indexer reads Kafka; send the files with 'xinfang publish --kafka-brokers …' instead")
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	if *kind != "" && *kind != xinfang.KindPetition && *kind != xinfang.KindBulletin {
		fmt.Fprintf(e.stderr, "xinfang import: --kind %q: want petition or bulletin\n", *kind)
		return errUsage
	}

	an, err := nlp.Default()
	if err != nil {
		return err
	}
	st, err := openIndexWith(*data, an, index.Options{RecordKey: key})
	if err != nil {
		return err
	}
	defer st.Close()
	sink, closeWatches, err := watchedIndex(ctx, *data, st, nil)
	if err != nil {
		return err
	}
	defer closeWatches()

	start := time.Now()
	var rejected atomic.Int64
	in := newInputs(e, "导入", fs.Args())
	q := ingest.NewQueue(sink, an, ingest.Options{
		BatchSize: *batch,
		Rejected: func(m ingest.Message, r *ingest.Rejection) {
			rejected.Add(1)
			in.report(fmt.Errorf("%s: %w", m.Source, r))
		},
	})
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- q.Run(runCtx) }()

	topics := ingest.Topics{}
	readErr := in.each(ctx, *kind, func(it ingest.Item, source string) error {
		return q.Publish(ctx, it.Message(topics, source))
	})
	q.Close()
	err = <-runErr
	in.finish()
	stats := q.Stats()
	indexed := stats.Done - stats.Rejected
	el := time.Since(start)
	fmt.Fprintf(e.stderr, "read %d records: %d indexed, %d bad (elapsed %s, %.0f records/s)\n",
		in.read, indexed, in.bad+rejected.Load(), el.Round(time.Millisecond), float64(indexed)/el.Seconds())
	if cerr := errors.Join(closeWatches(), st.Close()); cerr != nil && err == nil {
		err = cerr
	}
	switch {
	case readErr != nil:
		return readErr
	case err != nil:
		return fmt.Errorf("import: %w", err)
	case in.bad+rejected.Load() > 0 || in.failedFiles > 0:
		return errSilent
	}
	return nil
}

// inputs reads the files of import and publish, reporting bad lines and
// showing progress on a terminal.
type inputs struct {
	e     *env
	files []string
	bar   *progressbar.ProgressBar // nil when stderr is not a terminal
	mu    sync.Mutex               // serialises report, called from the pipeline too

	read        int64 // records read, bad ones included
	bad         int64 // bad lines
	failedFiles int
}

func newInputs(e *env, what string, files []string) *inputs {
	in := &inputs{e: e, files: files}
	if f, ok := e.stderr.(*os.File); ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		var total int64
		for _, name := range files {
			if fi, err := os.Stat(name); err == nil && name != "-" {
				total += fi.Size()
			} else {
				total = -1
				break
			}
		}
		in.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	return in
}

// report writes one error line, above the progress bar.
func (in *inputs) report(err error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.bar != nil {
		in.bar.Clear()
	}
	fmt.Fprintln(in.e.stderr, err)
}

func (in *inputs) finish() {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.bar != nil {
		in.bar.Finish()
	}
}

// each calls fn for every good record of the files, in order, and reports
// the bad ones. It stops at the first error of fn or of reading a file.
func (in *inputs) each(ctx context.Context, kind string, fn func(it ingest.Item, source string) error) error {
	for _, name := range in.files {
		if err := in.file(ctx, name, kind, fn); err != nil {
			var open *openError
			if errors.As(err, &open) {
				in.report(err)
				in.failedFiles++
				continue
			}
			return err
		}
	}
	return nil
}

// openError is a file that cannot be read at all; the other files go on.
type openError struct{ err error }

func (e *openError) Error() string { return e.err.Error() }
func (e *openError) Unwrap() error { return e.err }

func (in *inputs) file(ctx context.Context, name, kind string, fn func(it ingest.Item, source string) error) error {
	var r io.Reader
	source := name
	if name == "-" {
		r, source = in.e.stdin, "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return &openError{err}
		}
		defer f.Close()
		r = f
	}
	if in.bar != nil {
		r = &countingReader{r: r, bar: in.bar}
	}
	fr, err := ingest.NewFileReader(r, source, ingest.FileOptions{Kind: kind})
	if err != nil {
		return &openError{err}
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		it, err := fr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &openError{err}
		}
		in.read++
		if it.Err != nil {
			in.bad++
			in.report(it.Err)
			continue
		}
		if err := fn(it, source); err != nil {
			return err
		}
	}
}

// countingReader advances the progress bar by the bytes read.
type countingReader struct {
	r   io.Reader
	bar *progressbar.ProgressBar
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.bar.Add64(int64(n))
	return n, err
}
