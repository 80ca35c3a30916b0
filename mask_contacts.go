package xinfang

import (
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
		if from == i || !strings.Contains(strings.Trim(s[i+1:to], ".-"), ".") || from < last {
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
var weChatCues = newCueSet("微信号", "微信", "wx", "WX", "vx", "VX", "V信", "v信", "WeChat", "wechat", "Wechat")

var asciiWeChatCue = map[string]bool{"wx": true, "WX": true, "vx": true, "VX": true, "WeChat": true, "wechat": true, "Wechat": true}

func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// maskWeChat keeps the first character of an ID after a WeChat cue:
// 微信号：b**********.
func maskWeChat(s string) string {
	var b strings.Builder
	last := 0
	weChatCues.find(s, func(end int) int {
		if w, _ := utf8.DecodeLastRuneInString(s[:end]); w < utf8.RuneSelf {
			// An ASCII cue (wx, vx, WeChat) is a word of its own, or a
			// label before a colon.
			start := end
			for start > 0 && isIDByte(s[start-1]) {
				start--
			}
			label := strings.HasPrefix(s[end:], ":") || strings.HasPrefix(s[end:], "：")
			if !label && !asciiWeChatCue[s[start:end]] || end < len(s) && isIDByte(s[end]) {
				return end
			}
		}
		at := skipSeparators(s, end, 3, "：: \t是为号")
		to := at
		for to < len(s) && isIDByte(s[to]) {
			to++
		}
		if to-at < 5 || to-at > 24 {
			return end
		}
		b.WriteString(s[last:at])
		b.WriteString(s[at:at+1] + strings.Repeat("*", to-at-1))
		last = to
		return to
	})
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// plateProvinces are the first characters of licence plates.
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
		if j-i < 3 || r == utf8.RuneError || !strings.ContainsRune(plateProvinces, r) {
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
