package index

import (
	"context"

	bindex "github.com/blevesearch/bleve_index_api"
)

// Bleve checks no context inside a searcher: a phrase of two common words
// can run through every document holding both without returning a hit, so
// a deadline checked between hits would never fire. deadlineReader hands
// out term readers that check the context every deadlineEvery postings.
// It is used only for plans with phrases: wrapping term readers turns off
// scorch's bitmap shortcuts, which phrases cannot use anyway.

const deadlineEvery = 1024

type deadlineReader struct {
	bindex.IndexReader
	ctx context.Context
}

func (r *deadlineReader) TermFieldReader(ctx context.Context, term []byte, field string, includeFreq, includeNorm, includeTermVectors bool) (bindex.TermFieldReader, error) {
	tfr, err := r.IndexReader.TermFieldReader(ctx, term, field, includeFreq, includeNorm, includeTermVectors)
	if err != nil {
		return nil, err
	}
	return &deadlineTermReader{TermFieldReader: tfr, ctx: r.ctx}, nil
}

type deadlineTermReader struct {
	bindex.TermFieldReader
	ctx context.Context
	n   int
}

func (t *deadlineTermReader) check() error {
	t.n++
	if t.n%deadlineEvery == 0 {
		return t.ctx.Err()
	}
	return nil
}

func (t *deadlineTermReader) Next(pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	return t.TermFieldReader.Next(pre)
}

func (t *deadlineTermReader) Advance(id bindex.IndexInternalID, pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	return t.TermFieldReader.Advance(id, pre)
}
