package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/xinfang/xinfang/nlp"
	"github.com/xinfang/xinfang/searchapi"
)

func init() {
	register(command{
		name:    "report",
		summary: "write the weekly briefing (信访形势周报) of an ISO week as printable HTML",
		run:     runReport,
	})
}

// runReport renders the weekly briefing from the index in --data, the same
// page as GET /api/v1/reports/weekly. Like reindex it opens the index
// itself, so it is for a node whose serve is stopped (or a copy).
func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report", "report --week 2024-W27 [--data DIR] [--out FILE]")
	data := fs.String("data", "./data", "data directory (index and state)")
	week := fs.String("week", "", "ISO week, e.g. 2024-W27 (required)")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := parseConfigured(e, fs, args); err != nil {
		return err
	}
	if *week == "" {
		fmt.Fprintln(e.stderr, "xinfang report: --week is required (e.g. --week 2024-W27)")
		return errUsage
	}
	if _, err := searchapi.ParseWeek(*week); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	st, err := openIndex(*data, an)
	if err != nil {
		return err
	}
	defer st.Close()
	page, err := searchapi.WeeklyReport(ctx, st, an.CategoryLabel, *week, time.Now())
	if err != nil {
		return fmt.Errorf("report %s: %w", *week, err)
	}
	if *out == "" {
		_, err = e.stdout.Write(page)
		return err
	}
	if err := os.WriteFile(*out, page, 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintf(e.stderr, "wrote %s (%d bytes)\n", *out, len(page))
	return st.Close()
}
