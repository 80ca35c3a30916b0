package xinfang

import (
	"github.com/xinfang/xinfang/internal/cjk"
	"strings"
	"unicode/utf8"
)

// Contacts in free text that are neither phone nor ID numbers but identify
// a person as well: e-mail addresses (the part before @), WeChat IDs after
// 微信/微信号/vx, and licence plates (a vehicle's owner is on record). QQ
// numbers and bank cards are numbers: maskNumbers reads them after their
// keywords.

// maskContacts masks e-mail addresses, WeChat IDs and licence plates.
func maskContacts(s string) string {
	if strings.IndexByte(s, '@') >= 0 {
		s = maskEmails(s)
	}
	s = maskWeChat(s)
	return maskPlates(s)
}

// documentCues introduce the number of a passport, a travel permit or an
// identity card of Hong Kong, Macao or Taiwan (护照号码E12345678, 港澳通行证
// C12345678, 身分證字號A123456789, 香港身份证A123456(7)), written in simplified
// or traditional characters. Mainland ID numbers are digits and are masked
// with the other numbers.
var documentCues = newCueSet("护照号码", "护照号", "护照", "護照號碼", "護照號", "護照", "通行证号码", "通行证号", "通行证",
	"通行證號碼", "通行證號", "通行證", "台胞证", "台胞證", "回乡证", "回鄉證", "居留证", "居留證", "证件号码", "证件号",
	"證件號碼", "證件號", "身份证号码", "身份证号", "身份证", "身份證號碼", "身份證號", "身份證", "身分證字號", "身分證號碼",
	"身分證", "身份证字号", "字号", "字號")

// maskDocumentIDs keeps the first letter of a document number that starts
// with a letter after a document cue, and hides the rest, a check digit in
// brackets included: 护照号码E********, 香港身份证A*********.
func maskDocumentIDs(s string) string {
	return maskTokensAfter(s, documentCues, func(end int) (int, int) {
		at := skipSeparators(s, end, 4, "：: \t是为為号號码碼")
		if at >= len(s) || !(s[at] >= 'A' && s[at] <= 'Z' || s[at] >= 'a' && s[at] <= 'z') {
			return 0, 0
		}
		to, digits := at+1, 0
		for ; to < len(s) && (s[to] >= '0' && s[to] <= '9' || s[to] >= 'A' && s[to] <= 'Z'); to++ {
			if s[to] <= '9' {
				digits++
			}
		}
		if digits < 6 || to-at > 12 {
			return 0, 0
		}
		// A check digit in brackets: A123456(7), A123456（7）.
		for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
			if r, ok := strings.CutPrefix(s[to:], br[0]); ok && r != "" && (r[0] >= '0' && r[0] <= '9' || r[0] == 'A') && strings.HasPrefix(r[1:], br[1]) {
				to += len(br[0]) + 1 + len(br[1])
			}
		}
		return at, to
	})
}

// maskTokensAfter masks the token that token finds after each cue of cues
// (its start and end; at >= to for none), keeping its first character:
// 微信号：b**********, 护照号码E********.
func maskTokensAfter(s string, cues cueSet, token func(end int) (at, to int)) string {
	var b strings.Builder
	last := 0
	cues.find(s, func(end int) int {
		at, to := token(end)
		if at >= to {
			return end
		}
		b.WriteString(s[last:at])
		b.WriteString(s[at:at+1] + strings.Repeat("*", utf8.RuneCountInString(s[at+1:to])))
		last = to
		return to
	})
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isEmailLocal(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._%+-", c) >= 0
}

func isDomainByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// maskEmails keeps the first character of an address's local part and the
// domain: w***@163.com.
func maskEmails(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '@' {
			continue
		}
		from := i
		for from > 0 && isEmailLocal(s[from-1]) {
			from--
		}
		to := i + 1
		for to < len(s) && isDomainByte(s[to]) {
			to++
		}
		if from == i || !cjk.Contains(strings.Trim(s[i+1:to], ".-"), ".") || from < last {
			continue
		}
		b.WriteString(s[last:from])
		b.WriteString(s[from:from+1] + "***")
		last = i
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// weChatCues introduce a WeChat ID.
var weChatCues = newCueSet("微信号", "微信", "wx", "WX", "vx", "VX", "V信", "v信", "WeChat", "wechat", "Wechat",
	// Other apps' account names, written the same way: 抖音号：zhangsan888.
	"抖音号", "抖音", "快手号", "快手", "微博号", "微博")

var asciiWeChatCue = map[string]bool{"wx": true, "WX": true, "vx": true, "VX": true, "WeChat": true, "wechat": true, "Wechat": true}

func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// maskWeChat keeps the first character of an ID after a WeChat cue:
// 微信号：b**********.
func maskWeChat(s string) string {
	return maskTokensAfter(s, weChatCues, func(end int) (int, int) {
		if w, _ := utf8.DecodeLastRuneInString(s[:end]); w < utf8.RuneSelf {
			// An ASCII cue (wx, vx, WeChat) is a word of its own, or a
			// label before a colon.
			start := end
			for start > 0 && isIDByte(s[start-1]) {
				start--
			}
			label := strings.HasPrefix(s[end:], ":") || strings.HasPrefix(s[end:], "：")
			if !label && !asciiWeChatCue[s[start:end]] || end < len(s) && isIDByte(s[end]) {
				return 0, 0
			}
		}
		at := skipSeparators(s, end, 3, "：: \t是为号")
		to := at
		for to < len(s) && isIDByte(s[to]) {
			to++
		}
		if to-at < 5 || to-at > 24 {
			return 0, 0
		}
		return at, to
	})
}

// plateProvinces are the first characters of licence plates.
var plateProvinceSet = cjk.NewRuneSet(plateProvinces)

const plateProvinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

func isPlateByte(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }

// maskPlates keeps a plate's province and city letter: 蒙A·*****.
func maskPlates(s string) string {
	var b strings.Builder
	last := 0
	// A plate's city letter is an upper-case ASCII letter after a
	// province's character: look for the letters, then behind them (most
	// texts hold few of them).
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && (s[j] < 'A' || s[j] > 'Z') {
			j++
		}
		if j == len(s) {
			break
		}
		r, _ := utf8.DecodeLastRuneInString(s[:j])
		if j-i < 3 || r == utf8.RuneError || !plateProvinceSet.Has(r) {
			i = j + 1
			continue
		}
		j++ // the city letter
		k := j
		if sep, n := utf8.DecodeRuneInString(s[k:]); strings.ContainsRune("·•.．- ", sep) {
			k += n
		}
		end, digits := k, 0
		for end < len(s) && isPlateByte(s[end]) {
			if s[end] <= '9' {
				digits++
			}
			end++
		}
		if n := end - k; n < 5 || n > 6 || digits < 2 {
			i = j
			continue
		}
		b.WriteString(s[last:k])
		b.WriteString(strings.Repeat("*", end-k))
		last = end
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
