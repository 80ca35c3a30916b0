package xinfang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinfang/xinfang/internal/cjk"
	"github.com/xinfang/xinfang/internal/fold"
)

// Personal data is masked by default in every output (DOMAIN.md): names keep
// the family name (张*), phones keep the first 3 and last 4 digits
// (138****8000), ID numbers the first 6 and last 4, addresses stop at the
// district or county.
//
// MaskText finds them in free text however they are written: numbers in
// ASCII, full-width or Chinese digits (一三九…), in groups split by spaces,
// dots, dashes, brackets, zero-width or full-width characters (and by the
// <mark> tags of a snippet); landlines with area codes; ID numbers whatever
// their check digit; names after the words that introduce a petitioner or a
// respondent (本人, 举报人, 我叫, 包工头, 老板…); house numbers and the part of
// an address after 住址/家住 below the district.

// MaskText masks phone and ID numbers, names and addresses written inside
// free text. It is idempotent.
func MaskText(s string) string {
	// Document numbers go first: their digits would read as a phone.
	s = maskNumbers(maskDocumentIDs(s))
	s = maskContacts(s)
	s = maskNamesFolded(s)
	return maskAddresses(s)
}

// maskNamesFolded masks names in text written in traditional characters as
// in simplified ones (投訴人陳大文先生表示 like 投诉人陈大文先生表示): the cue
// words, family names and common words are simplified, so names are sought
// in the text folded rune by rune (internal/fold keeps every byte offset),
// and the stars are written into the original.
func maskNamesFolded(s string) string {
	f := fold.String(s)
	if f == s {
		return maskNames(s)
	}
	mf := maskNames(f)
	if mf == f {
		return s
	}
	if out, ok := unfoldMasked(s, f, mf); ok {
		return out
	}
	// The stars could not be laid over the original (a one-character name
	// gets a star added): the folded text, masked, rather than a name shown.
	return mf
}

// unfoldMasked writes the stars of mf (f masked) into s, of which f is the
// folded form with the same byte offsets: a rune of f that mf shows as a
// star is masked in s, every other rune of s is kept as written.
func unfoldMasked(s, f, mf string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	i, j := 0, 0
	for i < len(f) && j < len(mf) {
		rf, n := utf8.DecodeRuneInString(f[i:])
		rm, m := utf8.DecodeRuneInString(mf[j:])
		switch {
		case rf == rm:
			b.WriteString(s[i : i+n])
			j += m
		case rm == '*':
			b.WriteByte('*')
			j++
		default:
			return "", false
		}
		i += n
	}
	if i != len(f) || j != len(mf) {
		return "", false
	}
	return b.String(), true
}

// digitValue returns the value of a digit written in ASCII, full width or
// as a Chinese numeral, or -1.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	// Chinese, financial (壹叁玖…) and circled (⓪) numerals: a switch, not a
	// search of a string, since this runs for every rune of every text.
	switch r {
	case '〇', '零', '⓪':
		return 0
	case '一', '幺', '壹':
		return 1
	case '二', '贰':
		return 2
	case '三', '叁':
		return 3
	case '四', '肆':
		return 4
	case '五', '伍':
		return 5
	case '六', '陆':
		return 6
	case '七', '柒':
		return 7
	case '八', '捌':
		return 8
	case '九', '玖':
		return 9
	}
	if r >= '①' && r <= '⑨' {
		return int(r-'①') + 1
	}
	return -1
}

// letterDigit returns the digit a letter stands for when people type it in
// a number (l39OOOO5601: O for 0, l and I for 1), or -1.
func letterDigit(r rune) int {
	switch r {
	case 'O', 'o':
		return 0
	case 'l', 'I':
		return 1
	}
	return -1
}

// isNumberSeparator reports whether r may stand between the digit groups of
// one written number.
func isNumberSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '.', ',', '，', '~', '～', '-', '_', '/', '+', '·', '•', '(', ')', '[', ']',
		'－', '‐', '‑', '‒', '–', '—', '―', '（', '）', '【', '】', '〔', '〕', '．', '／', '＿', '＋', '、',
		'\u00a0', '\u3000', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202f', '\u2009', '\u2002', '\u2003':
		return true
	}
	return false
}

// digitGroup is a run of digits (the X of an ID number included) and where
// it is in the text.
type digitGroup struct {
	digits     []byte // ASCII digits, maybe a final X
	start, end int    // byte offsets
	chinese    bool   // written in Chinese numerals
}

// maxSeparators bounds the separator characters between two groups of one
// number.
const maxSeparators = 3

// maskNumbers masks phone and ID numbers. It reads the text as runs of digit
// groups (a run ends at anything but a digit or a few separators), and
// within a run masks each span of whole groups that forms a number.
func maskNumbers(s string) string {
	if !mayHoldNumber(s) {
		return s
	}
	var b strings.Builder
	last := 0 // bytes of s written to b
	var run []digitGroup
	flush := func() {
		if len(run) > 0 {
			last = maskRun(&b, s, last, run)
			run = run[:0]
		}
	}
	seps := 0
	i := 0
	for i < len(s) {
		if s[i] == '<' {
			if n := markTagLen(s[i:]); n > 0 {
				i += n
				continue // a highlight tag is no break
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		v := digitValue(r)
		if v < 0 {
			// A letter for a digit, next to an ASCII digit of the same
			// group.
			if l := letterDigit(r); l >= 0 && (seps == 0 && len(run) > 0 && run[len(run)-1].end == i && !run[len(run)-1].chinese || i+size < len(s) && s[i+size] >= '0' && s[i+size] <= '9') {
				v = l
			}
		}
		if v >= 0 {
			chinese := r > unicode.MaxASCII && (r < '０' || r > '９')
			if seps == 0 && len(run) > 0 && run[len(run)-1].end == i && run[len(run)-1].chinese == chinese {
				g := &run[len(run)-1]
				g.digits = append(g.digits, byte('0'+v))
				g.end = i + size
			} else {
				run = append(run, digitGroup{digits: []byte{byte('0' + v)}, start: i, end: i + size, chinese: chinese})
			}
			seps = 0
			i += size
			continue
		}
		if (r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ') && len(run) > 0 && run[len(run)-1].end == i {
			// The check character of an ID number ends a group.
			g := &run[len(run)-1]
			g.digits = append(g.digits, 'X')
			g.end = i + size
			i += size
			seps = maxSeparators + 1
			continue
		}
		if len(run) > 0 && isNumberSeparator(r) && seps < maxSeparators {
			seps++
			i += size
			continue
		}
		flush()
		seps = 0
		i += size
	}
	flush()
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// mayHoldNumber is the fast path: a text with fewer than 7 digits of any
// kind (letters typed for digits counted once there are some digits) has
// no number to mask.
func mayHoldNumber(s string) bool {
	n, letters := 0, 0
	for _, r := range s {
		if digitValue(r) >= 0 {
			if n++; n >= 7 || n >= 3 && n+letters >= 7 {
				return true
			}
		} else if letterDigit(r) >= 0 {
			letters++
		}
	}
	return n >= 3 && n+letters >= 7
}

func markTagLen(s string) int {
	switch {
	case strings.HasPrefix(s, "<mark>"):
		return len("<mark>")
	case strings.HasPrefix(s, "</mark>"):
		return len("</mark>")
	}
	return 0
}

// maskRun writes s[last:] up to the end of run to b, masking the numbers in
// it, and returns the new last.
func maskRun(b *strings.Builder, s string, last int, run []digitGroup) int {
	for i := 0; i < len(run); {
		// A bare country code is kept as written; the number after it is
		// masked alone.
		if d := string(run[i].digits); (d == "86" || d == "0086") && i+1 < len(run) {
			i++
			continue
		}
		if i == 0 && embedded(s, run[0].start, run[len(run)-1].end) {
			break // part of a code such as a hash, not a number
		}
		j, masked := matchNumber(s, run, i)
		if j == i {
			i++
			continue
		}
		start, end := run[i].start, run[j-1].end
		if area := string(run[i].digits); j-i >= 2 && strings.HasPrefix(masked, area+"-") {
			// (0471)6234567: the area code's closing bracket stays.
			if sep := strings.TrimSpace(s[run[i].end:run[i+1].start]); sep == ")" || sep == "）" {
				masked = area + sep + masked[len(area)+1:]
			}
		}
		// Highlight tags around or inside the number go with it, and
		// those left unpaired are written again, so that the marks stay
		// balanced.
		if strings.HasSuffix(s[last:start], "<mark>") {
			start -= len("<mark>")
		}
		if strings.HasPrefix(s[end:], "</mark>") {
			end += len("</mark>")
		}
		opens, closes := strings.Count(s[start:end], "<mark>"), strings.Count(s[start:end], "</mark>")
		b.WriteString(s[last:start])
		if closes > opens {
			b.WriteString("</mark>")
		}
		if strings.HasPrefix(masked, "+") && (strings.HasSuffix(s[last:start], "+") || strings.HasSuffix(s[last:start], "＋")) {
			masked = masked[1:] // +8613912345678: the plus is written already
		}
		b.WriteString(masked)
		if opens > closes {
			b.WriteString("<mark>")
		}
		last = end
		i = j
	}
	return last
}

// embedded reports whether the digits between start and end are glued to
// ASCII letters on both sides (b7e1…1391…ab), as in hashes and codes.
func embedded(s string, start, end int) bool {
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	return start > 0 && end < len(s) && isLetter(s[start-1]) && isLetter(s[end])
}

// matchNumber finds the longest span of whole groups from i that is a
// number to mask; it returns the end of the span (i for none) and the
// masked form.
func matchNumber(s string, run []digitGroup, i int) (int, string) {
	var all []byte
	ends := make([]int, 0, len(run)-i) // length of all after each group
	for _, g := range run[i:] {
		all = append(all, g.digits...)
		ends = append(ends, len(all))
		if len(all) > 20 {
			break
		}
	}
	if len(all) < 5 {
		return i, "" // no number maskDigits masks is shorter (a year, a price)
	}
	kw := keywordBefore(s, run[i].start)
	for k := len(ends) - 1; k >= 0; k-- {
		// 负责人称欠款1234567元: a sum after a phone keyword.
		if kw&kwPhone != 0 && moneyAfter(s[run[i+k].end:]) {
			continue
		}
		if thousands(s, run[i:i+k+1]) {
			continue // 13,800,000,000 is an amount
		}
		d := string(all[:ends[k]])
		if commaBetween(s, run[i:i+k+1]) && !isMobile(d) {
			continue // numbers in a list: only a mobile is read across commas
		}
		if m := maskDigits(d, kw); m != "" {
			return i + k + 1, m
		}
	}
	return i, ""
}

// moneyAfter reports whether s opens with a unit of money, after a number.
func moneyAfter(s string) bool {
	s = strings.TrimLeft(s, " .0123456789")
	return startsWithAny(s, []string{"元", "万", "亿", "余元", "多元", "块"})
}

// commaBetween reports whether a comma separates two of groups.
func commaBetween(s string, groups []digitGroup) bool {
	for k := 1; k < len(groups); k++ {
		if strings.ContainsAny(s[groups[k-1].end:groups[k].start], ",，") {
			return true
		}
	}
	return false
}

// isMobile reports whether d is a mobile number, maybe after 86 or 0086.
func isMobile(d string) bool {
	if len(d) > 11 {
		d = strings.TrimPrefix(strings.TrimPrefix(d, "00"), "86")
	}
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// thousands reports whether groups are an amount written with thousands
// separators: groups of three after the first, each after an ASCII comma.
func thousands(s string, groups []digitGroup) bool {
	if len(groups) < 2 {
		return false
	}
	for k := 1; k < len(groups); k++ {
		if len(groups[k].digits) != 3 || s[groups[k-1].end:groups[k].start] != "," {
			return false
		}
	}
	return true
}

// keyword says what a keyword just before a number names.
type keyword uint8

const (
	kwPhone keyword = 1 << iota // 电话, 手机…: a 7- or 8-digit local number
	kwCard                      // 银行卡, 卡号, 账号…: any long number
	kwQQ                        // QQ: a number of 5 to 12 digits
	kwID                        // 身份证, 证件号: the date and sequence part alone
)

// maskDigits returns the masked form of d when it is a phone, ID, bank
// card or QQ number, "" otherwise. kw says which keywords come just
// before.
func maskDigits(d string, kw keyword) string {
	n := len(d)
	x := strings.IndexByte(d, 'X')
	switch {
	case x >= 0 && (x != 17 || n != 18) && (x != 11 || n != 12 || kw&kwID == 0):
		return ""
	case n == 18 && d[0] != '0':
		return d[:6] + strings.Repeat("*", 8) + d[14:]
	case n == 15 && d[0] != '0':
		return d[:6] + strings.Repeat("*", 5) + d[11:]
	case n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9':
		return d[:3] + "****" + d[7:]
	case n == 13 && strings.HasPrefix(d, "86") && d[2] == '1' && d[3] >= '3' && d[3] <= '9':
		return "+86 " + d[2:5] + "****" + d[9:]
	case n == 15 && strings.HasPrefix(d, "0086") && d[4] == '1' && d[5] >= '3' && d[5] <= '9':
		return "+86 " + d[4:7] + "****" + d[11:]
	case n >= 10 && n <= 12 && d[0] == '0' && d[1] != '0':
		area := 4
		if d[1] == '1' || d[1] == '2' {
			area = 3
		}
		return d[:area] + "-****" + d[n-4:]
	case n >= 16 && n <= 19 && (strings.HasPrefix(d, "62") || kw&kwCard != 0 || (d[0] == '4' || d[0] == '5') && luhn(d)):
		// A bank card: UnionPay cards begin with 62.
		return d[:4] + strings.Repeat("*", n-8) + d[n-4:]
	case kw&kwCard != 0 && n >= 12 && n <= 15:
		return d[:4] + strings.Repeat("*", n-8) + d[n-4:]
	case kw&kwQQ != 0 && n >= 5 && n <= 12:
		return strings.Repeat("*", n-2) + d[n-2:]
	case kw&kwID != 0 && n == 12 && idDate(d[:8]):
		// The birth date and sequence of an ID number given apart from
		// its region code.
		return strings.Repeat("*", 8) + d[8:]
	case kw&kwPhone != 0 && (n == 7 || n == 8) && d[0] != '0' && d[0] != '1':
		return strings.Repeat("*", n-4) + d[n-4:]
	}
	return ""
}

// luhn reports whether d passes the Luhn check of card numbers.
func luhn(d string) bool {
	sum := 0
	for i := 0; i < len(d); i++ {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// idDate reports whether d (8 digits) is a birth date of an ID number.
func idDate(d string) bool {
	if !(strings.HasPrefix(d, "19") || strings.HasPrefix(d, "20")) {
		return false
	}
	m := int(d[4]-'0')*10 + int(d[5]-'0')
	day := int(d[6]-'0')*10 + int(d[7]-'0')
	return m >= 1 && m <= 12 && day >= 1 && day <= 31
}

// Keywords before a number: phones (a local number without area code),
// bank cards, QQ numbers, ID numbers.
var (
	phoneKeywords = []string{"电话", "手机", "座机", "号码", "联系方式", "热线", "tel", "Tel", "TEL", "致电", "拨打", "联系人", "负责人"}
	cardKeywords  = []string{"银行卡", "卡号", "账号", "帐号", "账户", "帐户", "存折", "开户"}
	qqKeywords    = []string{"QQ", "qq", "Qq", "ＱＱ", "扣扣"}
	idKeywords    = []string{"身份证", "证件号", "身份号"}
)

// keywordBefore returns the keywords that end within a few characters
// before byte offset at (an ID keyword within 24 characters).
func keywordBefore(s string, at int) keyword {
	window := func(runes int) string {
		from := at
		for k := 0; k < runes && from > 0; k++ {
			_, size := utf8.DecodeLastRuneInString(s[:from])
			from -= size
		}
		return s[from:at]
	}
	var kw keyword
	near := fold.String(window(8)) // 電話, 手機 like 电话, 手机
	for _, l := range []struct {
		words []string
		kw    keyword
	}{{phoneKeywords, kwPhone}, {cardKeywords, kwCard}, {qqKeywords, kwQQ}} {
		for _, w := range l.words {
			if cjk.Contains(near, w) {
				kw |= l.kw
				break
			}
		}
	}
	far := fold.String(window(24))
	for _, w := range idKeywords {
		if cjk.Contains(far, w) {
			kw |= kwID
			break
		}
	}
	return kw
}

// MaskName keeps the first character of a name: 张三丰 → 张**.
func MaskName(name string) string {
	if name == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(name)
	rest := utf8.RuneCountInString(name[size:])
	if rest == 0 {
		return string(r) + "*"
	}
	return string(r) + strings.Repeat("*", rest)
}

// MaskPhone keeps the first 3 and last 4 digits of a phone number.
func MaskPhone(p string) string {
	if cjk.Contains(p, "*") {
		return p // masked already
	}
	digits := Digits(p)
	if len(digits) < 7 {
		return strings.Repeat("*", len(digits))
	}
	return digits[:3] + strings.Repeat("*", len(digits)-7) + digits[len(digits)-4:]
}

// MaskIDNumber keeps the first 6 and last 4 characters of an ID number.
func MaskIDNumber(id string) string {
	id = strings.TrimSpace(id)
	if len(id) <= 10 {
		return strings.Repeat("*", len(id))
	}
	return id[:6] + strings.Repeat("*", len(id)-10) + id[len(id)-4:]
}

// addressCut are the suffixes of the district or county level; an address is
// kept up to and including the last of them that appears in its first part.
var addressCut = []string{"区", "县", "旗", "市", "盟"}

// MaskAddress keeps an address down to the district or county: 内蒙古自治区兴安盟乌兰浩特市和平街道… → 内蒙古自治区兴安盟乌兰浩特市***.
func MaskAddress(addr string) string {
	if addr == "" {
		return ""
	}
	cut := -1
	// Only look in the administrative prefix, before any street-level unit.
	prefix := addr
	for _, stop := range []string{"街道", "镇", "乡", "苏木", "路", "街", "村", "嘎查", "社区", "小区", "号"} {
		if i := cjk.Index(prefix, stop); i >= 0 {
			prefix = prefix[:i]
		}
	}
	for _, suf := range addressCut {
		if i := strings.LastIndex(prefix, suf); i >= 0 && i+len(suf) > cut {
			cut = i + len(suf)
		}
	}
	if cut <= 0 {
		return "***"
	}
	if cut >= len(addr) {
		return addr
	}
	return addr[:cut] + "***"
}

// MaskRespondent masks a respondent that is a person's name (包工头张三 or
// 张三) and the personal data in any other.
func MaskRespondent(s string) string {
	s = MaskText(s)
	// A role in brackets after a name: 常二虎（包工头）.
	name, role := s, ""
	if i := strings.IndexAny(s, "（("); i > 0 && (strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")")) {
		name, role = s[:i], s[i:]
	}
	if looksLikeName(name) || isTranslitName(name) {
		return MaskName(name) + role
	}
	return s
}

// Masked returns a copy of p with every field masked.
func (p *Person) Masked() *Person {
	if p == nil {
		return nil
	}
	return &Person{Name: MaskName(p.Name), Phone: MaskPhone(p.Phone), IDNumber: MaskIDNumber(p.IDNumber), Address: MaskAddress(p.Address)}
}

// Masked returns a copy of r with the petitioner, the agent's name and any
// personal data in its free text masked.
func (r *Record) Masked() *Record {
	if r == nil {
		return nil
	}
	m := *r
	m.Petitioner = r.Petitioner.Masked()
	if r.Agent != nil {
		m.Agent = &Agent{Name: MaskName(r.Agent.Name), Role: r.Agent.Role}
	}
	m.Title = MaskText(r.Title)
	m.Content = MaskText(r.Content)
	m.Respondent = MaskRespondent(r.Respondent)
	m.Region = MaskText(r.Region)
	return &m
}

// Digits returns the ASCII digits of s, in order.
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
