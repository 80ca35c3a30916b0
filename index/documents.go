// Reading stored documents: the sealed or masked source kept in Bleve's
// stored raw field.

package index

import (
	"context"
	"fmt"

	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/xinfang/xinfang"
)

// Get returns the stored document with the given id, unmasked when the
// index has its record key (the full document is sealed at rest), masked
// otherwise: masking per role is the caller's job. A missing id is
// ENOTFOUND.
func (s *Store) Get(ctx context.Context, id string) (xinfang.Document, error) {
	st, release, err := s.acquire()
	if err != nil {
		return xinfang.Document{}, err
	}
	defer release()
	raw, err := st.raw(id)
	if err != nil {
		return xinfang.Document{}, err
	}
	d, err := s.sealer.decodeStored(raw, true)
	if err != nil {
		return xinfang.Document{}, fmt.Errorf("index: get %s: %w", id, err)
	}
	st.mu.RLock()
	st.caseOf(&d, s.now())
	st.mu.RUnlock()
	return d, nil
}

// get returns the masked document with the given id.
func (st *state) get(id string) (xinfang.Document, error) {
	raw, err := st.raw(id)
	if err != nil {
		return xinfang.Document{}, err
	}
	d, err := (*sealer)(nil).decodeStored(raw, false)
	if err != nil {
		return xinfang.Document{}, fmt.Errorf("index: decode %s: %w", id, err)
	}
	return d, nil
}

// raw returns the stored field of a document.
func (st *state) raw(id string) ([]byte, error) {
	doc, err := st.idx.Document(id)
	if err != nil {
		return nil, fmt.Errorf("index: get %s: %w", id, err)
	}
	if doc == nil {
		return nil, xinfang.Errorf(xinfang.ENOTFOUND, "no document with id %q", id)
	}
	var raw []byte
	doc.VisitFields(func(f bindex.Field) {
		if f.Name() == fieldRaw {
			raw = f.Value()
		}
	})
	if raw == nil {
		return nil, xinfang.Errorf(xinfang.EINTERNAL, "index: document %q has no stored source", id)
	}
	return raw, nil
}
