package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/xinfang/xinfang"
)

// Field names of the Bleve documents.
const (
	fieldTitle = "title"
	// fieldContent is the full text: title and body. A plain query word
	// then needs one postings list, not a disjunction over two fields,
	// which halves the cost of a query that matches much of the corpus.
	fieldContent = "content"
	// fieldSubjects holds the normalised subjects, for subject: clauses.
	fieldSubjects = "subjects"
	// fieldCategories holds the category codes as keywords, so that concept
	// search can OR "classified in the category" with text matches.
	fieldCategories = "categories"
	// fieldPlaces holds the 盟市 and 旗县 of the analysis, so that a place
	// named in a query also finds the records filed under it (呼和浩特 →
	// 新城区); fieldRisk the analysis' risk level (集体上访 → high).
	fieldPlaces = "places"
	fieldRisk   = "risk"
	// fieldRaw holds the whole xinfang.Document as JSON, stored and not
	// indexed: Get and Reindex read it back.
	fieldRaw = "raw"
	// fieldMeta holds the compact row (see meta) that rebuilds the in-memory
	// columns and clusters on open without re-analysing anything.
	fieldMeta = "meta"
	// fieldGen holds the generation of the batch that wrote the document
	// (colsnap.go), a keyword, so that Open finds the documents newer
	// than the column file.
	fieldGen = "gen"
)

// newMapping returns the explicit, static mapping of the index: title and
// content (the full text: title and body), masked, with the Chinese
// analyzer and term vectors for phrases; the normalised subjects as
// keywords for subject: clauses; the raw document and the compact meta
// stored, not indexed; the category codes as keywords for concept search
// (see concepts.go). Dynamic mapping is off.
//
// Everything else a request filters, facets, sorts or counts on (category,
// city, county, kind, channel, status, risk level, head count, amounts,
// risk score, date) is answered from the in-memory columns (columns.go),
// rebuilt from meta on open, so Bleve holds no keyword, numeric or date
// field for them and no docValues: no query path would read them, and
// measured on generated records they cost 22% (keywords) and 30% (numbers
// and dates, 16 prefix-coded terms each) of the indexing CPU time.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(AnalyzerName, analyzerConfig()); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = AnalyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = AnalyzerName
		f.Store = false
		f.IncludeInAll = false
		// Phrase queries need positions.
		f.IncludeTermVectors = true
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}

	dm := bleve.NewDocumentStaticMapping()
	dm.Dynamic = false
	dm.AddFieldMappingsAt(fieldTitle, text())
	dm.AddFieldMappingsAt(fieldContent, text())
	dm.AddFieldMappingsAt(fieldSubjects, kw())
	dm.AddFieldMappingsAt(fieldCategories, kw())
	dm.AddFieldMappingsAt(fieldPlaces, kw())
	dm.AddFieldMappingsAt(fieldRisk, kw())
	dm.AddFieldMappingsAt(fieldRaw, stored())
	dm.AddFieldMappingsAt(fieldMeta, stored())
	dm.AddFieldMappingsAt(fieldGen, kw())

	im.DefaultMapping = dm
	im.DefaultField = fieldContent
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// hasField reports whether the index's mapping declares field: indexes
// built before a field was added lack it until `xinfang reindex`.
func hasField(m mapping.IndexMapping, field string) bool {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil {
		return false
	}
	_, ok = im.DefaultMapping.Properties[field]
	return ok
}

// placeKeys are the place keywords of an analysis: its 盟市 and 旗县.
func placeKeys(a *xinfang.Analysis) []string {
	var out []string
	if a.City != nil && *a.City != "" {
		out = append(out, *a.City)
	}
	if a.County != nil && *a.County != "" {
		out = append(out, *a.County)
	}
	return out
}
