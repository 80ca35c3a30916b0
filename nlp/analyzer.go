package nlp

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/cjk"
	"github.com/xinfang/xinfang/internal/fold"
)

// Options configure an Analyzer.
type Options struct {
	// TaxonomyFile overrides the embedded taxonomy YAML when set (see
	// DefaultTaxonomy for the format).
	TaxonomyFile string
	// HomeProvince wins ties between place names that exist in several
	// provinces. Default 内蒙古自治区.
	HomeProvince string
}

// Category is one category of the taxonomy.
type Category struct {
	Code  string `json:"code"`
	Label string `json:"label"` // Chinese, shown in the UI
}

// Analyzer turns texts into Analyses. It is read-only after Load and safe
// for concurrent use.
type Analyzer struct {
	seg  *Segmenter
	opts Options
	tax  *taxonomy
	gaz  *Gazetteer

	// m finds taxonomy terms, place names, risk cues and the words that
	// tell a report from a petition in one pass. Its pattern ids are laid
	// out as [terms | places | risk cues | report-reading words].
	m          *matcher
	placeBase  int32
	riskBase   int32
	lexBase    int32
	placeNames []string
	riskPats   []riskCue // kind and term per risk pattern
	lexWords   []lexWord // class and weight per report-reading pattern
	// notKeyword holds the stop words (ours and gse's) and place names.
	notKeyword map[string]bool
	folds      *fold.Table // traditional → simplified
	// kwWord tells, by word id (see wordTable) less one, the dictionary
	// words that may be keywords: keywordCandidate and not notKeyword.
	kwWord []bool
}

// Load builds an Analyzer on the process-wide segmenter.
func Load(opts Options) (*Analyzer, error) {
	seg, err := DefaultSegmenter()
	if err != nil {
		return nil, err
	}
	return newAnalyzer(seg, opts)
}

func newAnalyzer(seg *Segmenter, opts Options) (*Analyzer, error) {
	if opts.HomeProvince == "" {
		opts.HomeProvince = HomeProvinceDefault
	}
	tax, err := loadTaxonomy(opts.TaxonomyFile)
	if err != nil {
		return nil, err
	}
	folds, err := fold.Load()
	if err != nil {
		return nil, fmt.Errorf("nlp: traditional-to-simplified table: %w", err)
	}
	a := &Analyzer{seg: seg, opts: opts, tax: tax, gaz: NewGazetteer(opts.HomeProvince), notKeyword: map[string]bool{}, folds: folds}
	pats := append([]string(nil), tax.terms...)
	a.placeBase = int32(len(pats))
	a.placeNames = a.gaz.Names()
	sort.Strings(a.placeNames)
	for _, n := range a.placeNames {
		a.notKeyword[n] = true
	}
	for w := range keywordStops {
		a.notKeyword[w] = true
	}
	for _, w := range seg.stops {
		a.notKeyword[w] = true
	}
	pats = append(pats, a.placeNames...)
	a.riskBase = int32(len(pats))
	for kind := sigAction; kind <= sigAnger; kind++ {
		for _, t := range riskTerms[kind] {
			a.riskPats = append(a.riskPats, riskCue{kind: kind, term: t})
			pats = append(pats, t)
		}
	}
	a.lexBase = int32(len(pats))
	lexPats, lexWords := reportLexicon()
	if len(lexWords) > maxLexWords {
		return nil, fmt.Errorf("nlp: %d report-reading words, more than %d", len(lexWords), maxLexWords)
	}
	pats = append(pats, lexPats...)
	a.lexWords = lexWords
	a.m = newMatcher(pats)
	wt := seg.words
	a.kwWord = make([]bool, len(wt.slots))
	for i, sl := range wt.slots {
		if sl.tag != 0 && sl.freq != 0 {
			w := wt.key(int32(i + 1))
			a.kwWord[i] = keywordCandidate(w) && !a.notKeyword[w]
		}
	}
	return a, nil
}

var (
	defaultAnalyzerOnce sync.Once
	defaultAnalyzer     *Analyzer
	defaultAnalyzerErr  error
)

// Default returns the process-wide Analyzer with default options.
func Default() (*Analyzer, error) {
	defaultAnalyzerOnce.Do(func() { defaultAnalyzer, defaultAnalyzerErr = Load(Options{}) })
	return defaultAnalyzer, defaultAnalyzerErr
}

// Segmenter returns the analyzer's segmenter.
func (a *Analyzer) Segmenter() *Segmenter { return a.seg }

// Gazetteer returns the analyzer's gazetteer.
func (a *Analyzer) Gazetteer() *Gazetteer { return a.gaz }

// Categories lists the taxonomy's categories, the four core ones first.
func (a *Analyzer) Categories() []Category {
	out := make([]Category, len(a.tax.cats))
	for i, c := range a.tax.cats {
		out[i] = c.Category
	}
	return out
}

// CategoryLabel returns the Chinese label of a category code, or the code.
func (a *Analyzer) CategoryLabel(code string) string {
	for _, c := range a.tax.cats {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}

// Analyze analyses one text whose kind is not known: it is guessed from
// the text (see AnalyzeKind).
func (a *Analyzer) Analyze(id, title, content string) xinfang.Analysis {
	return a.AnalyzeKind("", id, title, content)
}

// AnalyzeKind analyses one text of the given kind (xinfang.KindPetition or
// xinfang.KindBulletin; "" or anything else guesses it from the text).
// title may be empty. It never panics: any input, including invalid UTF-8,
// gives a well-formed Analysis.
func (a *Analyzer) AnalyzeKind(kind, id, title, content string) (an xinfang.Analysis) {
	defer func() {
		if r := recover(); r != nil {
			// A bug must not take the pipeline down; the record still gets
			// indexed, without analysis.
			an = emptyAnalysis(id)
			an.Kind = kind
		}
	}()
	if kind != xinfang.KindPetition && kind != xinfang.KindBulletin {
		kind = ""
	}
	// Everything the analysis quotes (subjects, keywords, evidence,
	// reasons) is indexed and shown: it is read from the masked text, so
	// that no phone, ID number or name gets in by way of a subject.
	return a.analyze(kind, id, xinfang.MaskText(title), xinfang.MaskText(content))
}

func emptyAnalysis(id string) xinfang.Analysis {
	return xinfang.Analysis{
		ID:          id,
		Categories:  []string{},
		Evidence:    map[string][]string{},
		AmountsYuan: []float64{},
		Places:      []xinfang.Place{},
		Subjects:    []string{},
		Keywords:    []string{},
		Risk:        xinfang.Risk{Level: xinfang.RiskLow, Reasons: []string{}},
		Kind:        xinfang.KindPetition,
	}
}

// analysisScratch holds the per-text working memory of an analysis, pooled
// so that a stream of records does not keep the garbage collector busy.
type analysisScratch struct {
	matches []match
	spans   []span
	occ     [][]match // classify: the occurrences of each term that occurs, by pattern id
	kwIdx   map[string]int
	kws     []kwCand
	order   []int32   // classify: distinct terms in order of first match
	terms   []match   // classify: term matches by term, then start
	cands   [][]fired // classify: firing candidates per category
	blocked [][]match // classify: negated occurrences per category
	acc     []fired   // classify: the evidence of one category
	sents   []int     // sentence ends
	cues    []riskCue // risk cues
	places  []match   // place-name matches
	lex     []match   // report-reading words
}

// seenMark marks a term seen in occ before its occurrences are filled in.
var seenMark = []match{}

// fired is an occurrence of a term whose rule fires.
type fired struct {
	term   string
	rule   int
	o      match
	weight float64
	cue    match // the near term that made a context rule fire; pat -1 if none
}

// catScratch returns empty per-category lists for n categories.
func (sc *analysisScratch) catScratch(n int) ([][]fired, [][]match) {
	if len(sc.cands) != n {
		sc.cands, sc.blocked = make([][]fired, n), make([][]match, n)
	}
	for i := range n {
		sc.cands[i], sc.blocked[i] = sc.cands[i][:0], sc.blocked[i][:0]
	}
	return sc.cands, sc.blocked
}

var analysisPool = sync.Pool{New: func() any {
	return &analysisScratch{kwIdx: map[string]int{}}
}}

func (sc *analysisScratch) release() {
	for i := range sc.cands {
		clear(sc.cands[i]) // let go of the texts' strings
	}
	clear(sc.acc)
	clear(sc.cues)
	if cap(sc.matches) > 1<<16 || cap(sc.spans) > 1<<16 || cap(sc.terms) > 1<<16 || cap(sc.sents) > 1<<16 { // do not keep the memory of a huge text
		occ := sc.occ
		for _, p := range sc.order {
			occ[p] = nil
		}
		*sc = analysisScratch{occ: occ}
		sc.kwIdx = map[string]int{}
	} else {
		for _, p := range sc.order {
			sc.occ[p] = nil
		}
		clear(sc.kwIdx)
	}
	analysisPool.Put(sc)
}

// text is one text prepared for analysis.
type text struct {
	// orig is the text as written (full-width folded only); norm is orig
	// with traditional characters folded too, at the same byte offsets.
	orig  string
	norm  string
	low   string // norm with ASCII lower-cased
	sents []int  // byte offsets of sentence ends in norm
}

func (t *text) sentence(i int) int { return sort.SearchInts(t.sents, i+1) }

func (a *Analyzer) analyze(kind, id, title, content string) xinfang.Analysis {
	an := emptyAnalysis(id)
	src := content
	titled := false
	if title = strings.TrimSpace(title); title != "" && !cjk.Contains(content, title) {
		src = title + "\n" + content
		titled = true
	}
	orig := normalizeText(joinWrappedLines(stripPinyinNotes(src)))
	norm := a.folds.Fold(orig)
	sc := analysisPool.Get().(*analysisScratch)
	defer sc.release()
	t := &text{orig: orig, norm: norm, low: lowerASCII(norm), sents: sc.sents[:0]}
	for i, r := range norm {
		if isSentenceEnd(r) {
			t.sents = append(t.sents, i)
		}
	}
	sc.sents = t.sents
	ms := a.m.findAll(t.low, sc.matches[:0])
	sc.matches = ms
	// The report-reading words go to their own list, ids less lexBase.
	lex := sc.lex[:0]
	k := 0
	for _, m := range ms {
		if m.pat >= a.lexBase {
			m.pat -= a.lexBase
			lex = append(lex, m)
			continue
		}
		ms[k] = m
		k++
	}
	ms = ms[:k]
	sc.lex = lex
	rd := a.read(norm, kind, lex)
	an.Kind, an.KindGuessed = rd.kind, rd.guessed
	if rd.resolution != "" {
		an.Resolved, an.Resolution = true, rd.resolution
	}

	// Categories.
	an.Categories, an.Evidence = a.classify(t, ms, sc, rd.replyAt)
	if strings.HasSuffix(rd.resolution, "停工") && (slices.Contains(an.Categories, delayedCode) || slices.Contains(an.Categories, wageCode)) {
		// A project that 已停工 is the grievance of a late flat or of
		// unpaid work, not a noise that stopped.
		rd.resolution, rd.resolvedAt = "", -1
		an.Resolved, an.Resolution = false, ""
	}

	// Figures: head count, money, dates, petition counts.
	rd.statistics = rd.kind == xinfang.KindBulletin && statisticsReport(norm)
	if !rd.statistics {
		rd.prior = a.priorPetition(norm, rd.replyAt, lex)
	}
	f := scanFigures(norm, rd.statistics, rd.kind == xinfang.KindBulletin)
	if titled {
		f.preferTitleCount(norm, strings.IndexByte(norm, '\n'))
	}
	// 21位农民工多次索要无果… 今年以来共为农民工追回薪资2万余元: a
	// period's tally that closes the story of one group settles the
	// tally, not the group's case.
	if rd.resolvedAt >= 0 && f.group >= 5 && f.groupStart < rd.resolvedAt && !rd.statistics && !f.aggregate &&
		containsAny(sentenceBefore(norm, rd.resolvedAt, 40), periodMarkers) && !aggregateMarked(sentenceBefore(norm, f.groupStart, 40)) {
		rd.resolution, rd.resolvedAt = "", -1
		an.Resolved, an.Resolution = false, ""
	}
	if f.headcount > 0 {
		n := f.headcount
		an.Headcount = &n
	}
	if f.amounts != nil {
		an.AmountsYuan = f.amounts
	}
	an.Dates = f.dates

	// Places.
	an.Places, an.City, an.County = a.places(t, ms, sc)

	// Risk.
	cues := sc.cues[:0]
	for _, m := range ms {
		if m.pat < a.riskBase {
			continue
		}
		c := a.riskPats[m.pat-a.riskBase]
		c.start, c.end = m.start, m.end
		if c.start >= rd.replyAt && !(c.kind == sigRepeat && (petitionersNamed(norm, c.start) || followUp(norm, c.start))) {
			// The office's reply speaks for the office; only its word
			// that the petitioners came again and again (业主经常投诉)
			// is theirs.
			continue
		}
		if negatedRisk(norm, c.start) || averted(norm, c.end) || !petitionersAct(norm, &c) {
			if traceCue != nil {
				traceCue(norm, c, false)
			}
			continue
		}
		if traceCue != nil {
			traceCue(norm, c, true)
		}
		if len(cues) < maxCues {
			cues = append(cues, c)
		}
	}
	sc.cues = cues
	slices.SortStableFunc(cues, func(x, y riskCue) int { return cmp.Compare(x.start, y.start) })
	an.Risk = assessRisk(norm, t.orig, &f, cues, &rd)
	an.Aggregate = f.aggregate

	// Words: subjects and keywords.
	// t.low is norm with ASCII lower-cased, what spans would segment.
	spans := a.seg.words.segment(t.low, sc.spans[:0])
	sc.spans = spans
	an.Subjects = subjects(norm, spans)
	an.Keywords = a.keywords(t.low, spans, 8, sc)
	return an
}

// maxCues bounds the risk cues looked at; the rubric needs only the first
// few of each kind, and a bound keeps odd, repetitive input linear.
const maxCues = 512

// strongRiskNegators anywhere shortly before a cue prevent it: 防止出现过激行为.
var strongRiskNegators = []string{"防止", "避免", "杜绝", "严禁", "预防", "禁止", "不发生", "未发生", "没有发生", "不得", "没有出现", "未出现", "没出现", "减少", "不准", "不许",
	// 我们不愿发生群体事件: a wish not to act.
	"不愿发生", "不想发生", "不希望发生", "不愿意发生", "以免发生"}

// avertedAfter after a cue make it what was about to happen or might, not
// what did: 这一群体性事件箭在弦上, 群体性事件的苗头, 聚集的隐患.
var avertedAfter = []string{"箭在弦上", "一触即发", "苗头", "隐患", "风险", "倾向", "征兆"}

// averted reports a cue that ends at byte end followed by avertedAfter.
func averted(s string, end int) bool {
	after := clauseAfter(s, end, 6)
	after = strings.TrimPrefix(strings.TrimPrefix(after, "事件"), "的")
	_, ok := hasAnyPrefix(after, avertedAfter)
	return ok
}

func negatedRisk(s string, start int) bool {
	if containsAny(clauseBeforeList(s, start, 14), strongRiskNegators) {
		return true
	}
	pre := clauseBefore(s, start, 4)
	for _, n := range riskNegators {
		if strings.HasSuffix(pre, n) {
			return true
		}
	}
	return false
}

// classify scores every category of the taxonomy on the term matches.
func (a *Analyzer) classify(t *text, ms []match, sc *analysisScratch, replyAt int) ([]string, map[string][]string) {
	// occ is indexed by pattern id (a slice, not a map: this is the
	// analysis's hottest lookup); an entry is non-nil once its term is seen.
	if len(sc.occ) < len(a.m.pats) {
		sc.occ = make([][]match, len(a.m.pats))
	}
	occ := sc.occ
	order := sc.order[:0] // distinct terms in order of first match
	terms := sc.terms[:0]
	for _, m := range ms {
		if m.pat < a.placeBase {
			if occ[m.pat] == nil {
				occ[m.pat] = seenMark
				order = append(order, m.pat)
			}
			terms = append(terms, m)
		}
	}
	sc.order, sc.terms = order, terms
	// Matches come ordered by end; lookups below want each term's by start.
	// Two matches of one term at one start are the same match.
	slices.SortFunc(terms, func(x, y match) int {
		if x.pat != y.pat {
			return cmp.Compare(x.pat, y.pat)
		}
		return cmp.Compare(x.start, y.start)
	})
	for i := 0; i < len(terms); {
		j := i + 1
		for j < len(terms) && terms[j].pat == terms[i].pat {
			j++
		}
		occ[terms[i].pat] = terms[i:j:j]
		i = j
	}
	cats := []string{}
	evidence := map[string][]string{}
	if len(order) == 0 {
		return cats, evidence
	}
	var replyOnly []string // core categories named only in an office's reply
	// A firing occurrence inside a longer firing one of the same category
	// (物业 in 物业公司) adds nothing: one stretch of text is one piece of
	// evidence.
	// Only the rules of terms that occur are looked at: per category, the
	// firing candidates and the negated occurrences.
	cands, blockedBy := sc.catScratch(len(a.tax.cats)) // blockedBy: negated, 不存在拖欠工资 also clears 欠工资
	for _, term := range order {
		for _, ref := range a.tax.refs[term] {
			r := &a.tax.cats[ref.cat].rules[ref.rule]
			// A few firing occurrences per term are enough to find one
			// that no longer term covers; more would only cost.
			n := 0
			for _, o := range occ[term] {
				ok, cue, neg := a.fires(t, r, o, occ)
				if neg && len(blockedBy[ref.cat]) < maxCues {
					blockedBy[ref.cat] = append(blockedBy[ref.cat], o)
				}
				if ok {
					cands[ref.cat] = append(cands[ref.cat], fired{a.tax.terms[term], ref.rule, o, r.weight, cue})
					if n++; n == 4 {
						break
					}
				}
			}
		}
	}
	for ci := range a.tax.cats {
		c := &a.tax.cats[ci]
		cand, blocked := cands[ci], blockedBy[ci]
		if len(cand) == 0 {
			continue
		}
		slices.SortStableFunc(cand, func(x, y fired) int {
			return cmp.Compare(y.o.end-y.o.start, x.o.end-x.o.start)
		})
		score := 0.0
		acc := sc.acc[:0]
		for _, f := range cand {
			dup := false
			for _, x := range acc {
				if x.term == f.term && x.rule == f.rule { // a rule scores a term once
					dup = true
					break
				}
			}
			for _, x := range cand {
				// Context rules (f.cue set) add the context as evidence and
				// count even inside a longer term.
				if f.cue.pat < 0 && x.o.start <= f.o.start && f.o.end <= x.o.end && x.o.end-x.o.start > f.o.end-f.o.start {
					dup = true
					break
				}
			}
			for _, x := range blocked {
				if x.start <= f.o.start && f.o.end <= x.end {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			acc = append(acc, f)
			score += f.weight
		}
		sc.acc = acc
		if score < c.threshold {
			continue
		}
		slices.SortStableFunc(acc, func(x, y fired) int { return cmp.Compare(x.o.start, y.o.start) })
		// Evidence is quoted as written, in words of two characters or
		// more: a one-character term (吵) is quoted with its neighbour
		// (太吵), a one-character context word (征, 要) is left out.
		var terms []string
		for _, e := range acc {
			if e.weight <= 0 {
				continue
			}
			if w := evidenceWord(t.orig, e.o, true); w != "" && !containsString(terms, w) {
				terms = append(terms, w)
			}
			if e.cue.pat >= 0 {
				if w := evidenceWord(t.orig, e.cue, false); w != "" && !containsString(terms, w) {
					terms = append(terms, w)
				}
			}
		}
		if len(terms) > 8 {
			terms = terms[:8]
		}
		cats = append(cats, c.Code)
		evidence[c.Code] = terms
		if acc[0].o.start >= replyAt {
			replyOnly = append(replyOnly, c.Code)
		}
	}
	// The office's reply may name other matters (尚有多起欠薪投诉未处理 in
	// an answer about a late flat): a core category found only there, when
	// the petition itself has a core category, is not the petition's.
	// A reply quoted inside the petition, after which the petitioners speak
	// again (并回复：请耐心等待… 我们就一直等啊等), is no office's answer.
	if len(replyOnly) > 0 && !containsAny(t.norm[replyAt:], []string{"我们", "我家", "本人", "俺们"}) &&
		slices.ContainsFunc(cats, func(c string) bool { return isCore(c) && !slices.Contains(replyOnly, c) }) {
		cats = slices.DeleteFunc(cats, func(c string) bool {
			if isCore(c) && slices.Contains(replyOnly, c) {
				delete(evidence, c)
				return true
			}
			return false
		})
	}
	// 11月27日项目停工后，他们找工头要钱: a stoppage told in a wage story,
	// with no flat or buyer anywhere, is no late flat.
	if ev, ok := evidence[delayedCode]; ok && slices.Contains(cats, wageCode) && !containsAny(strings.Join(ev, "|"), []string{"房", "楼", "交付", "业主", "购", "住"}) &&
		!containsAny(t.norm[:replyAt], []string{"房", "业主", "购房", "楼盘", "交付", "小区", "商铺", "铺子", "买了"}) {
		cats = slices.DeleteFunc(cats, func(c string) bool { return c == delayedCode })
		delete(evidence, delayedCode)
	}
	// 小区还在施工，晚上噪音不断: building work told as the source of a
	// noise, with no word of a purchase or a handover, is no late flat.
	if ev, ok := evidence[delayedCode]; ok && slices.Contains(cats, noiseCode) &&
		!containsAny(strings.Join(ev, "|"), []string{"交房", "交付", "收房", "接房", "交楼", "回迁", "安置", "烂尾", "业主", "购房", "延期", "逾期", "入住"}) {
		cats = slices.DeleteFunc(cats, func(c string) bool { return c == delayedCode })
		delete(evidence, delayedCode)
	}
	// 讨要被拖欠多年的血汗钱 said of land money: wage words with no word of
	// work or workers beside an expropriation or a late flat are that
	// matter's money.
	if ev, ok := evidence[wageCode]; ok && !containsAny(strings.Join(ev, "|"), workWords) && !containsAny(t.norm[:replyAt], workPlaces) &&
		slices.ContainsFunc(cats, func(c string) bool { return c == demolitionCode || c == delayedCode }) {
		cats = slices.DeleteFunc(cats, func(c string) bool { return c == wageCode })
		delete(evidence, wageCode)
	}
	// 在安置房项目干活被拖欠工资: resettlement flats named only as the
	// site of a wage story are not the workers' expropriation.
	if ev, ok := evidence[demolitionCode]; ok && slices.Contains(cats, wageCode) &&
		allIn(ev, []string{"安置房", "安置楼", "回迁房", "回迁楼", "安置小区", "回迁小区", "棚改", "棚户区改造", "棚户区", "旧城改造", "城中村改造"}) {
		cats = slices.DeleteFunc(cats, func(c string) bool { return c == demolitionCode })
		delete(evidence, demolitionCode)
	}
	// Noise from a site that is being cleared (棚户区改造项目的拆除工地夜间
	// 施工) names the clearance only as its source: without a word about
	// compensation or resettlement, it is not the petitioners' expropriation.
	if ev, ok := evidence[demolitionCode]; ok && slices.Contains(cats, noiseCode) && !containsAny(strings.Join(ev, "|"), compensationWords) {
		cats = slices.DeleteFunc(cats, func(c string) bool { return c == demolitionCode })
		delete(evidence, demolitionCode)
	}
	// A sound told as part of another matter's scene (the excavators'
	// 轰隆隆 of a night demolition, 鞭炮 at a protest) is not a noise
	// complaint: without a word of disturbance, noise beside another core
	// category is dropped.
	if ev, ok := evidence[noiseCode]; ok && len(cats) > 1 && !containsAny(strings.Join(ev, "|"), noiseComplaintWords) &&
		slices.ContainsFunc(cats, func(c string) bool { return c == demolitionCode || c == wageCode || c == delayedCode }) {
		cats = slices.DeleteFunc(cats, func(c string) bool { return c == noiseCode })
		delete(evidence, noiseCode)
	}
	return cats, evidence
}

// allIn reports whether every word of ws is one of list.
func allIn(ws, list []string) bool {
	for _, w := range ws {
		if !slices.Contains(list, w) {
			return false
		}
	}
	return true
}

// workWords in wage evidence name work, workers or pay for work.
var workWords = []string{"工资", "工钱", "工", "薪", "劳务", "报酬", "干活", "务工", "打工", "雇"}

// workPlaces anywhere in the petition show that work was done.
var workPlaces = []string{"包工头", "工头", "工地", "干活", "工人", "民工", "工友", "打工", "务工", "工资", "工钱", "施工队", "班组", "劳务", "老板"}

func isCore(c string) bool {
	return c == wageCode || c == demolitionCode || c == delayedCode || c == noiseCode
}

// noiseComplaintWords in noise evidence say the sound disturbs someone.
var noiseComplaintWords = []string{"噪音", "噪声", "扰民", "吵", "休息", "睡", "分贝", "刺耳", "震耳", "夜间施工", "半夜施工", "深夜施工",
	"连夜施工", "通宵施工", "凌晨施工", "夜里施工", "施工扰民", "喇叭", "广场舞", "音响"}

const (
	demolitionCode = "demolition_compensation"
	noiseCode      = "noise"
	delayedCode    = "delayed_delivery"
	wageCode       = "wage_arrears"
)

// compensationWords in demolition evidence show the petitioners' own stake.
var compensationWords = []string{"补偿", "安置", "赔偿", "过渡", "评估", "回迁", "签约", "协议", "款", "补贴", "强拆", "强行拆", "逼迁",
	"强迁", "被拆", "拆了", "拆的", "房子拆", "青苗", "搬迁户", "拆迁户", "征收户", "被征", "失地", "补多少"}

// evidenceWord returns the text of the occurrence o in s when it is two
// characters or more. A shorter one is widened by a Han neighbour when
// widen is set (the deciding term must show), and dropped otherwise.
func evidenceWord(s string, o match, widen bool) string {
	w := s[o.start:o.end]
	if utf8.RuneCountInString(w) >= 2 {
		return w
	}
	if !widen {
		return ""
	}
	if r, n := utf8.DecodeLastRuneInString(s[:o.start]); n > 0 && isHan(r) {
		return s[o.start-n : o.end]
	}
	if r, n := utf8.DecodeRuneInString(s[o.end:]); n > 0 && isHan(r) {
		return s[o.start : o.end+n]
	}
	return ""
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fires reports whether rule r holds for the occurrence o of one of its
// terms, and the near term that satisfied a context rule (pat -1 if none);
// negated reports an occurrence of a negatable rule that a negator cancels.
func (a *Analyzer) fires(t *text, r *rule, o match, occ [][]match) (ok bool, cue match, negated bool) {
	none := match{pat: -1}
	if r.negatable && a.negated(t.low, o.start) {
		return false, none, true
	}
	for _, u := range r.unless {
		if _, ok := a.anyWithin(t, o, occ[u], r.unlessWindow, true); ok {
			return false, none, false
		}
	}
	if len(r.near) == 0 {
		return true, none, false
	}
	for _, n := range r.near {
		if x, ok := a.anyWithin(t, o, occ[n], r.window, false); ok {
			return true, x, false
		}
	}
	return false, none, false
}

// maxTermBytes bounds how far before o a match that reaches o can start.
const maxTermBytes = 128

// anyWithin reports whether one of list (sorted by start) lies within
// window of o (see within). It looks only at the candidates near o.
func (a *Analyzer) anyWithin(t *text, o match, list []match, window int, overlap bool) (match, bool) {
	if len(list) == 0 {
		return match{}, false
	}
	lo := 0
	if window > 0 {
		from := o.start - window - maxTermBytes
		lo = sort.Search(len(list), func(i int) bool { return list[i].start >= from })
	}
	for _, x := range list[lo:] {
		if window > 0 && x.start > o.end+window {
			break
		}
		if a.within(t, o, x, window, overlap) {
			return x, true
		}
	}
	return match{}, false
}

// within reports whether x lies within window bytes of o in the same
// sentence (window 0: anywhere). Overlapping spans count when overlap is set.
func (a *Analyzer) within(t *text, o, x match, window int, overlap bool) bool {
	if !overlap && !(x.end <= o.start || x.start >= o.end) {
		return false
	}
	if window == 0 {
		return true
	}
	if x.end < o.start-window || x.start > o.end+window {
		return false
	}
	return t.sentence(o.start) == t.sentence(x.start)
}

func (a *Analyzer) negated(s string, start int) bool {
	pre := clauseBefore(s, start, 5)
	for _, n := range a.tax.negators {
		if strings.HasSuffix(pre, n) || strings.HasSuffix(pre, n+"被") || strings.HasSuffix(pre, n+"任何") {
			return true
		}
	}
	return false
}

// traceCue, when set (by a test or a debugging session), sees every risk
// cue found in a text and whether the actor checks kept it.
var traceCue func(norm string, c riskCue, kept bool)
