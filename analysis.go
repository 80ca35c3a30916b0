package xinfang

// The category codes of DOMAIN.md. The taxonomy may add further codes.
const (
	CategoryWageArrears            = "wage_arrears"            // 欠薪
	CategoryDemolitionCompensation = "demolition_compensation" // 征收拆迁补偿
	CategoryDelayedDelivery        = "delayed_delivery"        // 延期交房
	CategoryNoise                  = "noise"                   // 噪声扰民
)

// CoreCategories are the four categories of the design, in display order.
var CoreCategories = []string{CategoryWageArrears, CategoryDemolitionCompensation, CategoryDelayedDelivery, CategoryNoise}

// Risk levels of the collective-petition rubric.
const (
	RiskLow    = "low"
	RiskMedium = "medium"
	RiskHigh   = "high"
)

// RiskLevels lists the levels from lowest to highest.
var RiskLevels = []string{RiskLow, RiskMedium, RiskHigh}

// RiskLabel returns the Chinese label of a risk level.
func RiskLabel(level string) string {
	switch level {
	case RiskLow:
		return "低"
	case RiskMedium:
		return "中"
	case RiskHigh:
		return "高"
	}
	return level
}

// Place is a place name found in a text, resolved in the gazetteer.
type Place struct {
	Name     string `json:"name"`             // as written in the text
	Level    string `json:"level"`            // province, city, county, town, village
	County   string `json:"county,omitempty"` // canonical county-level name when Level is county or below
	City     string `json:"city,omitempty"`   // canonical 盟市
	Province string `json:"province,omitempty"`
}

// Risk is the collective-petition risk of one text: a level, a score 0–100
// and the reasons in plain Chinese.
type Risk struct {
	Level   string   `json:"level"`
	Score   int      `json:"score"`
	Reasons []string `json:"reasons"`
}

// Analysis is what nlp makes of one text; its JSON is the contract of
// `xinfang analyze`, POST /api/v1/analyze and the indexed document.
type Analysis struct {
	ID string `json:"id"`
	// Kind is the kind of text: KindPetition (a citizen's own complaint,
	// with or without an official reply appended) or KindBulletin (news, a
	// court or office report). Given by the caller, or guessed from the text
	// when KindGuessed is set.
	Kind        string `json:"kind"`
	KindGuessed bool   `json:"kind_guessed,omitempty"`
	// Aggregate is set when the text's head count is a statistic over a
	// period, a region or a campaign (为3100余名农民工追回欠薪): people
	// affected, not a group acting, so the count alone raises no risk.
	Aggregate bool `json:"aggregate"`
	// Resolved is set when the text reports the matter resolved (已全部发放,
	// 已追回, 执结, 案结事了); Resolution quotes the words that said so.
	Resolved    bool                `json:"resolved"`
	Resolution  string              `json:"resolution,omitempty"`
	Categories  []string            `json:"categories"`
	Evidence    map[string][]string `json:"evidence"`
	Headcount   *int                `json:"headcount"`
	AmountsYuan []float64           `json:"amounts_yuan"`
	City        *string             `json:"city"`
	County      *string             `json:"county"`
	Places      []Place             `json:"places"`
	Subjects    []string            `json:"subjects"`
	Dates       []string            `json:"dates,omitempty"` // ISO dates (2006-01-02) found in the text
	Keywords    []string            `json:"keywords"`
	Risk        Risk                `json:"risk"`
}
