package gen

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xinfang/xinfang"
)

// TestBenchGeneratorPinned pins the benchmark generator's output: the
// figures in the README were measured on it, so the office profile (or any
// other change) must not move it. Change the hash only with new figures.
func TestBenchGeneratorPinned(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, 500, 1); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	if got, want := fmt.Sprintf("%x", sum), benchGoldenSHA256; got != want {
		t.Errorf("WriteJSONL(500, seed 1) sha256 = %s, want %s: the benchmark generator changed", got, want)
	}
}

const benchGoldenSHA256 = "cff31c09aa15fe4b7d8eddb1f29f215c5b71f856a2efb5b5e5a8c71b01a18fef"

// TestOffice checks the demo profile's year: valid records, dates over the
// year before the clock and no time after it, named respondents, recurring
// matters, handling that follows the age, and bulletins that report some
// recurring matters resolved after their last petition.
func TestOffice(t *testing.T) {
	now := time.Date(2026, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	const n = 2000
	year := Office(20241119, now, n)
	if diff := cmp.Diff(year, Office(20241119, now, n)); diff != "" {
		t.Fatalf("Office is not deterministic (-first +second):\n%s", diff)
	}
	if len(year.Petitions) != n {
		t.Fatalf("%d petitions, want %d", len(year.Petitions), n)
	}
	ids := map[string]bool{}
	perResp := map[string]int{}
	months := map[string]bool{}
	var latest time.Time
	for i := range year.Petitions {
		rec := &year.Petitions[i]
		got, err := xinfang.DecodeRecord(AppendJSON(nil, rec), now)
		if err != nil {
			t.Fatalf("%s does not validate: %v", rec.ID, err)
		}
		if ids[got.ID] {
			t.Errorf("duplicate id %s", got.ID)
		}
		ids[got.ID] = true
		if rec.ReceivedAt.Before(now.AddDate(-1, 0, 0)) || rec.ReceivedAt.After(now) {
			t.Errorf("%s: received %v, outside the year before %v", rec.ID, rec.ReceivedAt, now)
		}
		for _, at := range []time.Time{rec.AcceptedAt, rec.ClosedAt, rec.UpdatedAt, rec.DeadlineAt} {
			if at.After(now) {
				t.Errorf("%s: a case time %v after the clock %v", rec.ID, at, now)
			}
		}
		if rec.ReceivedAt.After(latest) {
			latest = rec.ReceivedAt
		}
		months[rec.ReceivedAt.Format("2006-01")] = true
		if strings.Contains(rec.Respondent, "某") || rec.Respondent == "" {
			t.Errorf("%s: respondent %q is a placeholder", rec.ID, rec.Respondent)
		}
		if !strings.Contains(rec.Content, rec.Respondent) {
			t.Errorf("%s: the text does not name its respondent %q: %s", rec.ID, rec.Respondent, rec.Content)
		}
		if strings.Contains(rec.Content, "某小区") || strings.Contains(rec.Content, "某公司") {
			t.Errorf("%s: placeholder body in the text: %s", rec.ID, rec.Content)
		}
		if p := rec.Petitioner; p != nil {
			if len(p.Phone) != 11 || p.Phone[3:7] != "0000" {
				t.Errorf("%s: phone %s does not have 0000 as digits 4-7", rec.ID, p.Phone)
			}
			if p.IDNumber != "" && CheckDigit(p.IDNumber) == p.IDNumber[17] {
				t.Errorf("%s: ID number %s has a valid check digit", rec.ID, p.IDNumber)
			}
		}
		perResp[rec.Respondent]++
	}
	if now.Sub(latest) > 7*24*time.Hour {
		t.Errorf("latest petition received %v, more than a week before the clock %v", latest, now)
	}
	if len(months) < 12 {
		t.Errorf("petitions cover %d months, want 12 or 13", len(months))
	}
	recurring, once := 0, 0
	for _, c := range perResp {
		switch {
		case c >= 3:
			recurring++
		case c == 1:
			once++
		}
	}
	if recurring < 20 || once < n/2 {
		t.Errorf("%d respondents with 3+ petitions and %d with one, want 20+ recurring matters among mostly one-off ones", recurring, once)
	}

	resolved := 0
	paths := map[string]bool{}
	for _, b := range year.Bulletins {
		if paths[b.Path] || !strings.HasPrefix(b.Path, "/gen/") {
			t.Errorf("bulletin path %q repeated or outside /gen/", b.Path)
		}
		paths[b.Path] = true
		if b.PublishedAt.After(now) || b.Title == "" || len(b.Paragraphs) == 0 {
			t.Errorf("bulletin %q: published %v (clock %v), %d paragraphs", b.Title, b.PublishedAt, now, len(b.Paragraphs))
		}
		if b.Resolves == "" {
			continue
		}
		resolved++
		if perResp[b.Resolves] < 3 || !strings.Contains(strings.Join(b.Paragraphs, ""), b.Resolves) {
			t.Errorf("bulletin %q resolves %q: want a recurring respondent named in its text", b.Title, b.Resolves)
		}
		for i := range year.Petitions {
			rec := &year.Petitions[i]
			if rec.Respondent != b.Resolves {
				continue
			}
			if rec.ReceivedAt.After(b.PublishedAt) {
				t.Errorf("%s received %v after the bulletin %q reported its matter resolved (%v)", rec.ID, rec.ReceivedAt, b.Title, b.PublishedAt)
			}
			if !rec.ClosedAt.IsZero() && rec.ClosedAt.After(b.PublishedAt) {
				t.Errorf("%s closed %v after the report of %v", rec.ID, rec.ClosedAt, b.PublishedAt)
			}
		}
	}
	if resolved < 3 {
		t.Errorf("%d bulletins report a recurring matter resolved, want at least 3", resolved)
	}
}
