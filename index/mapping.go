package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names of the Bleve documents.
const (
	fieldTitle = "title"
	// fieldContent is the full text: title and body. A plain query word
	// then needs one postings list, not a disjunction over two fields,
	// which halves the cost of a query that matches much of the corpus.
	fieldContent   = "content"
	fieldCategory  = "category"
	fieldCity      = "city"
	fieldCounty    = "county"
	fieldKind      = "kind"
	fieldChannel   = "channel"
	fieldStatus    = "status"
	fieldRiskLevel = "risk_level"
	fieldSubjects  = "subjects"
	fieldCluster   = "cluster"
	// fieldRaw holds the whole xinfang.Document as JSON, stored and not
	// indexed: Get and Reindex read it back.
	fieldRaw = "raw"
	// fieldMeta holds the compact row (see meta) that rebuilds the in-memory
	// columns and clusters on open without re-analysing anything.
	fieldMeta = "meta"
)

// newMapping returns the explicit, static mapping of the index. Text is
// indexed masked with the Chinese analyzer, with term vectors for phrases.
// Facets, filters, sorting and histograms are answered from the in-memory
// columns (columns.go), not from Bleve, so no field needs docValues. The
// keyword fields are indexed so that the index stays searchable on its own
// (and subject: clauses use them). Numbers and dates (head count, amounts,
// risk score, date) live in the columns and the stored meta only: Bleve
// indexes a number as 16 prefix-coded terms, which measured 30% of the
// indexing CPU time for fields no query path would read.
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
	for _, name := range []string{fieldCategory, fieldCity, fieldCounty, fieldKind, fieldChannel, fieldStatus, fieldRiskLevel, fieldSubjects, fieldCluster} {
		dm.AddFieldMappingsAt(name, kw())
	}
	dm.AddFieldMappingsAt(fieldRaw, stored())
	dm.AddFieldMappingsAt(fieldMeta, stored())

	im.DefaultMapping = dm
	im.DefaultField = fieldContent
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}
