package xinfang

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Personal data is masked by default in every output (DOMAIN.md): names keep
// the family name (张*), phones keep the first 3 and last 4 digits
// (138****8000), ID numbers the first 6 and last 4, addresses stop at the
// district or county.

var (
	// An 18-digit ID number (last may be X) or a 15-digit old one, not inside a longer number.
	idNumberRE = regexp.MustCompile(`(^|[^0-9])([1-9][0-9]{5})((?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]|[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})([^0-9]|$)`)
	// A mainland mobile number, optionally with +86, not inside a longer number.
	mobileRE = regexp.MustCompile(`(^|[^0-9])((?:\+?86[- ]?)?1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})([^0-9]|$)`)
	// A landline with area code: 0471-1234567.
	landlineRE = regexp.MustCompile(`(^|[^0-9])(0[0-9]{2,3})-([0-9]{3,4})([0-9]{4})([^0-9]|$)`)
)

// MaskText masks phone and ID numbers written inside free text.
func MaskText(s string) string {
	if strings.ContainsAny(s, "０１２３４５６７８９") {
		// Numbers written in full-width digits are folded to ASCII first,
		// so that they are recognised and masked like any other.
		s = strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return r - '０' + '0'
			}
			return r
		}, s)
	}
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	// Apply repeatedly: adjacent matches share the separator character.
	for i := 0; i < 2; i++ {
		s = idNumberRE.ReplaceAllStringFunc(s, func(m string) string {
			g := idNumberRE.FindStringSubmatch(m)
			body := g[3]
			return g[1] + g[2] + strings.Repeat("*", len(body)-4) + body[len(body)-4:] + g[4]
		})
		s = mobileRE.ReplaceAllString(s, "${1}${2}****${4}${5}")
		s = landlineRE.ReplaceAllString(s, "${1}${2}-****${4}${5}")
	}
	return s
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
	digits := onlyDigits(p)
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
		if i := strings.Index(prefix, stop); i >= 0 {
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

// Masked returns a copy of p with every field masked.
func (p *Person) Masked() *Person {
	if p == nil {
		return nil
	}
	return &Person{Name: MaskName(p.Name), Phone: MaskPhone(p.Phone), IDNumber: MaskIDNumber(p.IDNumber), Address: MaskAddress(p.Address)}
}

// Masked returns a copy of r with the petitioner, the agent's name and any
// phone or ID number in its free text masked.
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
	m.Respondent = MaskText(r.Respondent)
	m.Region = MaskText(r.Region)
	return &m
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
