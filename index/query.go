package index

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

// The query language. Bleve's query-string syntax is not exposed: it allows
// unbounded regexps, wildcards and fuzziness and any field. Ours:
//
//	word          a word; Chinese text is segmented and every word must match
//	"a phrase"    the words in this order
//	+word         must match (the default: all clauses must match)
//	-word         must not match; also NOT word
//	word*         prefix of at least 2 characters, at most maxExpansions words
//	word~ word~1  fuzzy, edit distance 1, words of at least 3 characters
//	field:value   one of queryFields; value may be "quoted"
//	headcount:>=5 headcount:<5 headcount:5 headcount:5..29 headcount:30+
//
// Words are searched in the full text, title and body; title: restricts
// a word to the title (content: is the full text too). Limits: maxQueryBytes, maxClauses.

// Limits of one query string.
const (
	maxQueryBytes = 1024
	maxClauses    = 32
	// maxExpansions bounds the words a prefix or fuzzy term may expand to,
	// per field, and maxTotalExpansions over the whole query.
	maxExpansions      = 128
	maxTotalExpansions = 512
	minPrefixRunes     = 2
	minFuzzyRunes      = 3
)

// queryFields is the allowlist of field:value clauses.
var queryFields = []string{"category", "city", "county", "kind", "channel", "status", "risk_level", "subject", "title", "content", "headcount"}

// fieldAliases are the Chinese names of the fields, as analysts write them
// (类别:欠薪, 盟市:呼市, 风险:高, 人数:>=5).
var fieldAliases = map[string]string{
	"类别": "category", "分类": "category", "盟市": "city", "旗县": "county", "旗县区": "county",
	"区县": "county", "县区": "county", "类型": "kind", "渠道": "channel", "状态": "status",
	"风险": "risk_level", "风险等级": "risk_level", "主体": "subject", "被反映单位": "subject", "标题": "title",
	"内容": "content", "正文": "content", "人数": "headcount",
}

// fieldNamesHelp lists the field names for error messages.
func fieldNamesHelp() string {
	return strings.Join(queryFields, ", ") + "; 类别, 盟市, 旗县, 类型, 渠道, 状态, 风险, 主体, 标题, 内容, 人数"
}

type occur int

const (
	occurMust occur = iota
	occurMustNot
)

// clause is one parsed clause of a query.
type clause struct {
	occur  occur
	pos    int    // 1-based character position in the query
	field  string // "" for title and content together
	value  string
	phrase bool
	prefix bool
	fuzzy  bool
	// headcount ranges, inclusive
	min, max int32
}

// textual reports whether the clause is answered by Bleve.
func (c *clause) textual() bool {
	switch c.field {
	case "", "title", "content", "subject":
		return true
	}
	return false
}

// parsedQuery is a query string broken into clauses.
type parsedQuery struct {
	clauses []clause
	// noExpand turns off concept expansion and compound matching.
	noExpand bool
}

// hasText reports whether Bleve is needed to answer the query.
func (q *parsedQuery) hasText() bool {
	for i := range q.clauses {
		if q.clauses[i].textual() {
			return true
		}
	}
	return false
}

// hasScoringText reports whether a clause contributes to relevance.
func (q *parsedQuery) hasScoringText() bool {
	for i := range q.clauses {
		if q.clauses[i].textual() && q.clauses[i].occur == occurMust {
			return true
		}
	}
	return false
}

func queryError(pos int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if pos > 0 {
		msg = fmt.Sprintf("at position %d: %s", pos, msg)
	}
	return &xinfang.Error{Code: xinfang.EINVALID, Field: "q", Message: msg}
}

// parseQuery parses a query string. Every error is an EINVALID
// *xinfang.Error whose message names the position and the problem.
func parseQuery(q string) (*parsedQuery, error) {
	if len(q) > maxQueryBytes {
		return nil, queryError(0, "the query is %d bytes, more than the limit of %d", len(q), maxQueryBytes)
	}
	if !utf8.ValidString(q) {
		return nil, queryError(0, "the query is not valid UTF-8")
	}
	p := &parser{runes: []rune(q)}
	out := &parsedQuery{}
	for {
		p.skipSpace()
		if p.i >= len(p.runes) {
			break
		}
		c, err := p.clause()
		if err != nil {
			return nil, err
		}
		if c == nil {
			continue
		}
		if len(out.clauses) == maxClauses {
			return nil, queryError(c.pos, "the query has more than %d clauses", maxClauses)
		}
		out.clauses = append(out.clauses, *c)
	}
	return out, nil
}

type parser struct {
	runes []rune
	i     int
	// not is set by a preceding NOT keyword.
	not    bool
	notPos int
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

func (p *parser) skipSpace() {
	for p.i < len(p.runes) && isSpace(p.runes[p.i]) {
		p.i++
	}
}

func (p *parser) clause() (*clause, error) {
	start := p.i
	c := &clause{pos: start + 1}
	switch p.runes[p.i] {
	case '+':
		p.i++
	case '-':
		c.occur = occurMustNot
		p.i++
	}
	if c.pos != p.i+1 { // had an operator
		if p.i >= len(p.runes) || isSpace(p.runes[p.i]) {
			return nil, queryError(c.pos, "%q must be followed by a word, without a space", p.runes[start])
		}
		if p.runes[p.i] == '+' || p.runes[p.i] == '-' {
			return nil, queryError(p.i+1, "%q cannot follow %q", p.runes[p.i], p.runes[start])
		}
	}
	if p.not {
		if c.occur == occurMustNot || c.pos != p.i+1 {
			return nil, queryError(c.pos, "NOT cannot be combined with + or -")
		}
		c.occur = occurMustNot
		p.not = false
	}
	// field:value
	if name, ok := p.fieldName(); ok {
		fieldPos := p.i + 1
		p.i += len([]rune(name)) + 1
		if alias, ok := fieldAliases[nlp.FoldTraditional(name)]; ok {
			name = alias
		}
		if !knownField(name) {
			return nil, queryError(fieldPos, "unknown field %q (fields: %s)", name, fieldNamesHelp())
		}
		c.field = name
		if p.i >= len(p.runes) || isSpace(p.runes[p.i]) {
			return nil, queryError(fieldPos, "field %s: needs a value, e.g. %s", name, fieldExample(name))
		}
		if err := p.value(c); err != nil {
			return nil, err
		}
		return c, fieldValue(c)
	}
	if err := p.value(c); err != nil {
		return nil, err
	}
	if !c.phrase && c.occur == occurMust && c.pos == start+1 && !c.prefix && !c.fuzzy {
		switch c.value {
		case "AND":
			return nil, nil
		case "NOT":
			if p.not {
				return nil, queryError(c.pos, "NOT NOT is not allowed")
			}
			p.not, p.notPos = true, c.pos
			p.skipSpace()
			if p.i >= len(p.runes) {
				return nil, queryError(c.pos, "NOT must be followed by a word")
			}
			return nil, nil
		case "OR", "||", "&&":
			return nil, queryError(c.pos, "%s is not supported: every word must match; use -word to exclude a word", c.value)
		}
	}
	return c, nil
}

// fieldName returns the name before a colon (: or ：) at the current
// position: ASCII letters and _, or at most six Chinese characters (a
// Chinese name must be one of fieldAliases, so that 时间：下午 stays text).
func (p *parser) fieldName() (string, bool) {
	j := p.i
	for j < len(p.runes) && (p.runes[j] >= 'a' && p.runes[j] <= 'z' || p.runes[j] >= 'A' && p.runes[j] <= 'Z' || p.runes[j] == '_') {
		j++
	}
	if j == p.i {
		for j < len(p.runes) && j-p.i < 6 && unicode.Is(unicode.Han, p.runes[j]) {
			j++
		}
		if j == p.i || j >= len(p.runes) || p.runes[j] != ':' && p.runes[j] != '：' {
			return "", false
		}
		if _, ok := fieldAliases[nlp.FoldTraditional(string(p.runes[p.i:j]))]; !ok {
			return "", false
		}
	}
	if j == p.i || j >= len(p.runes) || p.runes[j] != ':' && p.runes[j] != '：' {
		return "", false
	}
	return string(p.runes[p.i:j]), true
}

func knownField(name string) bool {
	for _, f := range queryFields {
		if f == name {
			return true
		}
	}
	return false
}

func fieldExample(name string) string {
	switch name {
	case "headcount":
		return "headcount:>=5"
	case "channel":
		return "channel:visit"
	case "status":
		return "status:closed"
	case "risk_level":
		return "risk_level:high"
	case "kind":
		return "kind:petition"
	case "category":
		return "category:wage_arrears"
	case "city":
		return "city:兴安盟"
	}
	return name + ":某某"
}

// value reads a phrase or a word into c.
func (p *parser) value(c *clause) error {
	if p.runes[p.i] == '"' {
		open := p.i + 1
		p.i++
		j := p.i
		for j < len(p.runes) && p.runes[j] != '"' {
			j++
		}
		if j >= len(p.runes) {
			return queryError(open, "the quote opened here is not closed")
		}
		c.value = string(p.runes[p.i:j])
		c.phrase = true
		p.i = j + 1
		if p.i < len(p.runes) && !isSpace(p.runes[p.i]) {
			return queryError(p.i+1, "a closing quote must be followed by a space")
		}
		if strings.TrimSpace(c.value) == "" {
			return queryError(open, "the phrase is empty")
		}
		return nil
	}
	wordStart := p.i
	j := p.i
	for j < len(p.runes) && !isSpace(p.runes[j]) {
		switch r := p.runes[j]; r {
		case '"':
			return queryError(j+1, "unexpected quote inside a word; put a space before a phrase")
		case '(', ')', '[', ']', '{', '}':
			return queryError(j+1, "%q is not supported: there is no grouping or range syntax", r)
		case '^':
			return queryError(j+1, "boosts (^) are not supported")
		case '/':
			if j == wordStart {
				return queryError(j+1, "regular expressions are not supported")
			}
		}
		j++
	}
	w := p.runes[wordStart:j]
	p.i = j
	// Modifiers.
	switch {
	case len(w) >= 2 && w[len(w)-1] == '1' && w[len(w)-2] == '~':
		c.fuzzy = true
		w = w[:len(w)-2]
	case len(w) >= 2 && w[len(w)-2] == '~' && unicode.IsDigit(w[len(w)-1]):
		return queryError(wordStart+len(w)-1, "fuzzy matching allows an edit distance of 1 only (write word~ or word~1)")
	case len(w) >= 1 && w[len(w)-1] == '~':
		c.fuzzy = true
		w = w[:len(w)-1]
	case len(w) >= 1 && w[len(w)-1] == '*':
		c.prefix = true
		w = w[:len(w)-1]
	}
	for k, r := range w {
		if r == '*' || r == '?' {
			return queryError(wordStart+k+1, "wildcards are only allowed as one * at the end of a word")
		}
		if r == '~' {
			return queryError(wordStart+k+1, "~ is only allowed at the end of a word (fuzzy matching)")
		}
	}
	c.value = string(w)
	if c.prefix && utf8.RuneCountInString(strings.TrimSpace(c.value)) < minPrefixRunes {
		return queryError(wordStart+1, "a prefix needs at least %d characters before *", minPrefixRunes)
	}
	if c.fuzzy && utf8.RuneCountInString(c.value) < minFuzzyRunes {
		return queryError(wordStart+1, "近似匹配（~）至少需要%d个字 (fuzzy matching needs a word of at least %d characters)", minFuzzyRunes, minFuzzyRunes)
	}
	if c.value == "" {
		return queryError(wordStart+1, "empty word")
	}
	return nil
}

// fieldValue checks the value of a field clause and parses ranges.
func fieldValue(c *clause) error {
	if (c.prefix || c.fuzzy) && c.field != "title" && c.field != "content" {
		return queryError(c.pos, "field %s: takes an exact value; * and ~ work on words of title and content only", c.field)
	}
	v := nlp.FoldTraditional(strings.TrimSpace(c.value))
	c.value = v
	switch c.field {
	case "city", "county":
		// 呼市, 土左旗, 乌兰浩特: the gazetteer's short forms and county-level
		// names resolve to the names the index keeps.
		if pl, ok := homeGazetteer().Resolve(v); ok {
			if c.field == "city" && pl.City != "" && pl.Level == nlp.LevelCity {
				c.value = pl.City
			}
			if c.field == "county" && pl.County != "" {
				c.value = pl.County
			}
		}
	case "kind":
		return enumValue(c, v, kindCodes, kindLabel)
	case "channel":
		return enumValue(c, v, channelCodes, func(s string) string { return xinfang.Channel(s).Label() })
	case "status":
		return enumValue(c, v, statusCodes, func(s string) string { return xinfang.Status(s).Label() })
	case "risk_level":
		return enumValue(c, v, levelCodes, xinfang.RiskLabel)
	case "headcount":
		lo, hi, ok := parseHeadcount(v)
		if !ok {
			return queryError(c.pos, "headcount: wants a number or range such as 5, >=5, <30, 5..29 or 30+, not %q", v)
		}
		c.min, c.max = lo, hi
	}
	return nil
}

// enumValue accepts a code or its Chinese label and stores the code.
func enumValue(c *clause, v string, codes []string, label func(string) string) error {
	for _, code := range codes {
		if v == code || v == label(code) {
			c.value = code
			return nil
		}
	}
	return queryError(c.pos, "%s: unknown value %q (want %s)", c.field, v, strings.Join(codes, ", "))
}

func kindLabel(kind string) string {
	switch kind {
	case xinfang.KindPetition:
		return "信访件"
	case xinfang.KindBulletin:
		return "通报"
	}
	return kind
}

var (
	gazOnce sync.Once
	gaz     *nlp.Gazetteer
)

// homeGazetteer is the gazetteer of the default home province, for field
// values.
func homeGazetteer() *nlp.Gazetteer {
	gazOnce.Do(func() { gaz = nlp.NewGazetteer(nlp.HomeProvinceDefault) })
	return gaz
}

const maxHeadcount = 1 << 30

// parseHeadcount parses a head-count range into inclusive bounds.
func parseHeadcount(v string) (int32, int32, bool) {
	num := func(s string) (int32, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > maxHeadcount {
			return 0, false
		}
		return int32(n), true
	}
	switch {
	case strings.HasPrefix(v, ">="):
		n, ok := num(v[2:])
		return n, maxHeadcount, ok
	case strings.HasPrefix(v, "<="):
		n, ok := num(v[2:])
		return 0, n, ok
	case strings.HasPrefix(v, ">"):
		n, ok := num(v[1:])
		return n + 1, maxHeadcount, ok
	case strings.HasPrefix(v, "<"):
		n, ok := num(v[1:])
		return 0, n - 1, ok && n > 0
	case strings.HasSuffix(v, "+"):
		n, ok := num(strings.TrimSuffix(v, "+"))
		return n, maxHeadcount, ok
	}
	for _, sep := range []string{"..", "-"} {
		if a, b, found := strings.Cut(v, sep); found {
			lo, ok1 := num(a)
			hi, ok2 := num(b)
			return lo, hi, ok1 && ok2 && lo <= hi
		}
	}
	n, ok := num(v)
	return n, n, ok
}
