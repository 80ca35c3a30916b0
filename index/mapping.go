package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names of the Bleve documents.
const (
	fieldTitle     = "title"
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
	fieldHeadcount = "headcount"
	fieldAmount    = "amount"
	fieldRiskScore = "risk_score"
	fieldDate      = "date"
	// fieldRaw holds the whole xinfang.Document as JSON, stored and not
	// indexed: Get and Reindex read it back.
	fieldRaw = "raw"
	// fieldMeta holds the compact row (see meta) that rebuilds the in-memory
	// columns and clusters on open without re-analysing anything.
	fieldMeta = "meta"
)

// newMapping returns the explicit, static mapping of the index. Text is
// indexed masked with the Chinese analyzer. Facets, filters, sorting and
// histograms are answered from the in-memory columns (columns.go), not from
// Bleve, so no field needs docValues; the keyword and numeric fields are
// indexed so that the index is searchable on its own too (and subject:
// clauses use them).
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
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
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
	for _, name := range []string{fieldHeadcount, fieldAmount, fieldRiskScore} {
		dm.AddFieldMappingsAt(name, num())
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	date.DocValues = false
	dm.AddFieldMappingsAt(fieldDate, date)
	dm.AddFieldMappingsAt(fieldRaw, stored())
	dm.AddFieldMappingsAt(fieldMeta, stored())

	im.DefaultMapping = dm
	im.DefaultField = fieldContent
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}
