// From a Document to what the index stores: validation, defaults, masking of
// everything indexed, the keyed hash of the complainant, the sealed source and
// the compact meta that becomes the document's row.

package index

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/xinfang/xinfang"
)

// meta is the compact row data stored with each document (fieldMeta).
type meta struct {
	Sec     int64    `json:"t"`
	Kind    string   `json:"k,omitempty"`
	Channel string   `json:"ch,omitempty"`
	Status  string   `json:"st,omitempty"`
	Cats    []string `json:"c,omitempty"`
	City    string   `json:"ci,omitempty"`
	County  string   `json:"co,omitempty"`
	HC      int32    `json:"h"`
	Level   string   `json:"l,omitempty"`
	Score   int      `json:"s,omitempty"`
	Subject string   `json:"su,omitempty"`
	Compl   string   `json:"p,omitempty"`
	Sim     uint64   `json:"m,omitempty"`
	// Case fields of a petition (casework.go): the deadline in unix
	// seconds and its kind (1 acceptance, 2 handling), closed, the
	// handling time in seconds when known, the respondent, 联名件.
	Due    int64  `json:"du,omitempty"`
	DK     uint8  `json:"dk,omitempty"`
	Closed bool   `json:"cl,omitempty"`
	Handle *int64 `json:"hd,omitempty"`
	Resp   string `json:"r,omitempty"`
	Joint  bool   `json:"j,omitempty"`
	// Gen and Seq are the batch generation and the sequence number of
	// the write (colsnap.go), stamped by apply.
	Gen uint64 `json:"g,omitempty"`
	Seq uint64 `json:"q,omitempty"`
}

// prepared is a document ready for the index.
type prepared struct {
	id   string
	meta meta
	doc  map[string]interface{}
	d    xinfang.Document // what is stored, for a later copy to supersede
}

// headcount is the record's own head count when it has one, else the one
// the analysis found.
func headcount(d *xinfang.Document) *int {
	if d.Record != nil && d.Record.Headcount != nil {
		return d.Record.Headcount
	}
	return d.Analysis.Headcount
}

// validate checks that d can be indexed.
func validate(d *xinfang.Document) error {
	if strings.TrimSpace(d.ID) == "" {
		return xinfang.FieldError("id", "is required")
	}
	if (d.Record == nil) == (d.Bulletin == nil) {
		return xinfang.FieldError("record", "exactly one of record and bulletin must be set")
	}
	switch {
	case d.Record != nil:
		if d.Kind != "" && d.Kind != xinfang.KindPetition {
			return xinfang.FieldError("kind", "is %q but the document holds a record", d.Kind)
		}
		if d.Record.ID != "" && d.Record.ID != d.ID {
			return xinfang.FieldError("id", "is %q but the record's id is %q", d.ID, d.Record.ID)
		}
		return d.Record.Validate()
	default:
		if d.Kind != "" && d.Kind != xinfang.KindBulletin {
			return xinfang.FieldError("kind", "is %q but the document holds a bulletin", d.Kind)
		}
		if d.Bulletin.ID != "" && d.Bulletin.ID != d.ID {
			return xinfang.FieldError("id", "is %q but the bulletin's id is %q", d.ID, d.Bulletin.ID)
		}
		return d.Bulletin.Validate()
	}
}

// complainantKey returns the keyed hash of the petitioner's ID number, or
// of the phone number when there is no ID number, or of name and address
// together when there is neither; "" when none of these.
func complainantKey(secret []byte, p *xinfang.Person) string {
	if p == nil {
		return ""
	}
	var in string
	if id := strings.ToUpper(strings.TrimSpace(p.IDNumber)); id != "" {
		in = "id:" + id
	} else if ph := xinfang.Digits(p.Phone); len(ph) >= 7 {
		ph = strings.TrimPrefix(ph, "86")
		in = "phone:" + ph
	} else if name, addr := compact(p.Name), compact(p.Address); name != "" && addr != "" {
		in = "name+address:" + name + "\x00" + addr
	} else {
		return ""
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(in))
	return hex.EncodeToString(mac.Sum(nil)[:16])
}

// compact drops spaces and punctuation, so that 张某某 and 张 某某 or two
// spellings of one address with different commas are the same.
func compact(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// prepareAll prepares docs, in parallel for large batches: preparing
// (encoding, masking, hashing) is a third of the cost of a batch and needs no
// lock. The error names the first bad document.
func (s *Store) prepareAll(docs []xinfang.Document, now time.Time) ([]prepared, error) {
	ps := make([]prepared, len(docs))
	errs := make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs)/64+1)
	var wg sync.WaitGroup
	chunk := (len(docs) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(docs))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				ps[i], errs[i] = s.prepare(docs[i], now)
				if errs[i] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err == nil {
			continue
		}
		var e *xinfang.Error
		if errors.As(err, &e) {
			return nil, &xinfang.Error{Code: e.Code, Field: e.Field, Message: fmt.Sprintf("%s (document %d, id %q)", e.Message, i, docs[i].ID), Err: e.Err}
		}
		return nil, err
	}
	return ps, nil
}

// maskAll returns the strings masked, in a new slice (the caller's is
// left alone).
func maskAll(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = xinfang.MaskText(v)
	}
	return out
}

// prepare fills in the defaults of d and builds what the index stores.
func (s *Store) prepare(d xinfang.Document, now time.Time) (prepared, error) {
	if err := validate(&d); err != nil {
		return prepared{}, err
	}
	if d.Record != nil {
		d.Kind = xinfang.KindPetition
	} else {
		d.Kind = xinfang.KindBulletin
	}
	if d.IndexedAt.IsZero() {
		d.IndexedAt = now
	}
	if d.ComplainantKey == "" && d.Record != nil {
		d.ComplainantKey = complainantKey(s.opts.Secret, d.Record.Petitioner)
	}
	if d.Record != nil && len(d.StatusHistory) == 0 {
		xinfang.Supersede(&d, nil, now) // the first status of the history
	}
	d.Case, d.Repeat, d.Risk = nil, nil, nil // computed when read
	// Everything indexed is built from masked text; an analysis made from
	// raw text (by an analyzer before it masked its input) is masked here.
	d.Analysis.Subjects = maskAll(d.Analysis.Subjects)
	d.Analysis.Keywords = maskAll(d.Analysis.Keywords)
	// The record is masked once: for the stored copy and for the text
	// that is indexed.
	masked := d.Record.Masked()
	raw, err := s.sealer.encodeStored(d, masked)
	if err != nil {
		return prepared{}, xinfang.FieldError("", "cannot encode: %v", err)
	}
	date := d.Date()
	if date.IsZero() {
		date = d.IndexedAt
	}
	a := &d.Analysis
	m := meta{
		Sec:   date.Unix(),
		Kind:  d.Kind,
		Cats:  a.Categories,
		HC:    -1,
		Level: a.Risk.Level,
		Score: a.Risk.Score,
		Compl: d.ComplainantKey,
	}
	if a.City != nil {
		m.City = *a.City
	}
	if a.County != nil {
		m.County = *a.County
	}
	if hc := headcount(&d); hc != nil {
		m.HC = int32(*hc)
	}
	if len(a.Subjects) > 0 {
		m.Subject = a.Subjects[0]
	} else if d.Record != nil && d.Record.Respondent != "" {
		m.Subject = xinfang.MaskRespondent(d.Record.Respondent)
	}
	if m.Score < 0 {
		m.Score = 0
	} else if m.Score > 100 {
		m.Score = 100
	}
	var title, content string
	if masked != nil {
		title, content = masked.Title, masked.Content
	} else {
		title, content = xinfang.MaskText(d.Title()), xinfang.MaskText(d.Content())
	}
	if d.Record != nil {
		m.Channel = string(d.Record.Channel)
		m.Status = string(d.Record.Status)
		m.Sim = simhash(content)
		caseMeta(&m, &d)
	}
	// The meta is encoded by apply, which stamps its generation.
	doc := map[string]interface{}{
		fieldTitle:   title,
		fieldContent: title + "\n" + content,
		fieldRaw:     string(raw),
	}
	if len(a.Categories) > 0 {
		doc[fieldCategories] = a.Categories
	}
	if places := placeKeys(a); len(places) > 0 {
		doc[fieldPlaces] = places
	}
	if a.Risk.Level != "" {
		doc[fieldRisk] = a.Risk.Level
	}
	if len(a.Subjects) > 0 {
		subj := make([]string, len(a.Subjects))
		for i, v := range a.Subjects {
			subj[i] = normSubject(v)
		}
		doc[fieldSubjects] = subj
	}
	return prepared{id: d.ID, meta: m, doc: doc, d: d}, nil
}
