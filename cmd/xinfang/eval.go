package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/internal/eval"
	"github.com/xinfang/xinfang/nlp"
)

func init() {
	register(command{
		name:    "eval",
		summary: "score the analyzer against labeled records (default: the embedded corpus)",
		run:     runEval,
	})
}

func runEval(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "eval", "eval [--taxonomy FILE] [--json] [--errors] [FILE...]\n\n"+
		"Runs the analyzer on labeled petition records (JSON Lines, each record with a \"gold\"\n"+
		"object; \"-\" reads stdin; default: the embedded fixtures corpus) and prints\n"+
		"per-category precision/recall/F1, macro-F1 over the core categories, the risk\n"+
		"confusion matrix and the exact-match accuracy of headcount, amounts, city and county;\n"+
		"with petitions and bulletins labeled (gold.kind), the same scores for each kind.")
	taxonomy := flags.String("taxonomy", "", "taxonomy YAML `FILE` instead of the embedded one")
	asJSON := flags.Bool("json", false, "write the report as JSON")
	showErrors := flags.Bool("errors", false, "list the records predicted wrongly, with gold and predicted values")
	if err := parseFlags(flags, args); err != nil {
		return err
	}

	recs, bad := loadLabeled(e, flags.Args())
	for _, err := range bad {
		fmt.Fprintln(e.stderr, "xinfang eval:", err)
	}
	if len(recs) == 0 {
		if len(bad) > 0 {
			return errSilent
		}
		return fmt.Errorf("eval: no labeled records")
	}

	a, err := nlp.Load(nlp.Options{TaxonomyFile: *taxonomy})
	if err != nil {
		return fmt.Errorf("eval: load analyzer: %w", err)
	}
	pairs := make([]eval.Pair, 0, len(recs))
	for i, l := range recs {
		if i%64 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		// The kind is not given: reading it is part of what is scored.
		an := a.Analyze(l.Record.ID, l.Record.Title, l.Record.Content)
		g := l.Gold
		pairs = append(pairs, eval.Pair{
			ID:   l.Record.ID,
			Gold: eval.Labels{Categories: g.Categories, Risk: g.Risk, Headcount: g.Headcount, AmountsYuan: g.AmountsYuan, City: g.City, County: g.County, Kind: g.Kind},
			Pred: eval.FromAnalysis(an),
		})
	}
	var order []string
	for _, c := range a.Categories() {
		order = append(order, c.Code)
	}
	rep := eval.Evaluate(pairs, order, nil, a.CategoryLabel)
	if !*showErrors {
		rep.Mismatches = nil
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("eval: write report: %w", err)
		}
	} else if err := eval.WriteText(e.stdout, rep, *showErrors); err != nil {
		return fmt.Errorf("eval: write report: %w", err)
	}
	if len(bad) > 0 {
		return errSilent
	}
	return nil
}

// loadLabeled reads the labeled records of files ("-" is stdin), or the
// embedded corpus when there are none. Bad lines and unreadable files are
// returned as errors naming file and line; the good records still count.
func loadLabeled(e *env, files []string) ([]fixtures.Labeled, []error) {
	var recs []fixtures.Labeled
	var errs []error
	if len(files) == 0 {
		names, err := fs.Glob(fixtures.FS, "petitions_*.jsonl")
		if err != nil {
			return nil, []error{err}
		}
		for _, name := range names { // in name order, as fixtures.Petitions
			data, err := fixtures.FS.ReadFile(name)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			r, bad := fixtures.ParseLabeledAll("fixtures/"+name, data)
			recs = append(recs, r...)
			errs = append(errs, bad...)
		}
		return recs, errs
	}
	for _, f := range files {
		var data []byte
		var err error
		if f == "-" {
			data, err = io.ReadAll(e.stdin)
		} else {
			data, err = os.ReadFile(f)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("read %s: %w", f, err))
			continue
		}
		r, bad := fixtures.ParseLabeledAll(f, data)
		recs = append(recs, r...)
		errs = append(errs, bad...)
	}
	return recs, errs
}
