package crawl

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// metaCharset finds a charset declared in a <meta charset> or <meta
// http-equiv="Content-Type"> tag. Chinese portals often put it after long
// scripts, so the search goes further than the 1024 bytes of the HTML
// prescan.
var metaCharset = regexp.MustCompile(`(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)`)

const metaScanBytes = 16 << 10

// gbAliases are the labels under which GB18030-compatible pages are served.
// GBK and GB 2312 are subsets of GB 18030, and pages labelled with them often
// contain characters only the superset has, so all of them decode as GB 18030.
var gbAliases = map[string]bool{
	"gbk": true, "gb2312": true, "gb_2312": true, "gb_2312-80": true, "gb18030": true,
	"gb-18030": true, "x-gbk": true, "cp936": true, "windows-936": true, "ms936": true,
	"euc-cn": true, "x-euc-cn": true, "csgb2312": true, "chinese": true, "iso-ir-58": true,
	"csgb231280": true, "csiso58gb231280": true,
}

// lookupCharset returns the encoding for a charset label, mapping the GB
// family to GB 18030. It returns nil for unknown labels.
func lookupCharset(label string) (encoding.Encoding, string) {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if l == "" {
		return nil, ""
	}
	if gbAliases[l] {
		return simplifiedchinese.GB18030, "gb18030"
	}
	e, name := charset.Lookup(l)
	if e == nil {
		return nil, ""
	}
	if gbAliases[name] {
		return simplifiedchinese.GB18030, "gb18030"
	}
	return e, name
}

// decodeHTML converts an HTML body to UTF-8. The encoding is, in order: a
// byte-order mark, the charset parameter of contentType, a <meta> declaration,
// and else a guess from the bytes (UTF-8 if they are valid UTF-8, GB 18030 if
// they decode as mostly Chinese text). A declaration of UTF-8 on a body that
// is not UTF-8 is ignored in favour of the guess, as browsers in China
// effectively do. It returns the decoded body and the name of the encoding
// used. The result is always valid UTF-8.
func decodeHTML(body []byte, contentType string) ([]byte, string) {
	enc, name := declaredCharset(body, contentType)
	if enc != nil && (name != "utf-8" || utf8.Valid(body)) {
		if name == "utf-8" {
			return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), name
		}
		out, err := enc.NewDecoder().Bytes(body)
		if err == nil {
			return toValidUTF8(out), name
		}
	}
	return sniffCharset(body)
}

func declaredCharset(body []byte, contentType string) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(body, []byte("\xef\xbb\xbf")):
		return encoding.Nop, "utf-8"
	case bytes.HasPrefix(body, []byte("\xfe\xff")):
		return xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(body, []byte("\xff\xfe")):
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "utf-16le"
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if e, name := lookupCharset(params["charset"]); e != nil {
			return e, name
		}
	}
	head := body
	if len(head) > metaScanBytes {
		head = head[:metaScanBytes]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		if e, name := lookupCharset(string(m[1])); e != nil {
			// A page cannot really be UTF-16 if its meta tag was readable
			// as ASCII; the HTML standard says to use UTF-8 then.
			if strings.HasPrefix(name, "utf-16") {
				return encoding.Nop, "utf-8"
			}
			return e, name
		}
	}
	return nil, ""
}

// sniffCharset guesses the encoding of an undeclared body.
func sniffCharset(body []byte) ([]byte, string) {
	if utf8.Valid(body) {
		return body, "utf-8"
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body); err == nil && mostlyChinese(out) {
		return toValidUTF8(out), "gb18030"
	}
	// Neither: keep what is readable rather than fail the page.
	return []byte(strings.ToValidUTF8(string(body), "\uFFFD")), "utf-8"
}

// mostlyChinese reports whether the non-ASCII text of s is mostly Han
// characters and CJK punctuation with no replacement characters, which is
// what a correct GB decoding of a Chinese page looks like. A wrong guess
// (e.g. a Latin-1 page) produces replacement characters or rare symbols.
func mostlyChinese(s []byte) bool {
	var nonASCII, cjk int
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		if r < utf8.RuneSelf {
			continue
		}
		if r == utf8.RuneError {
			return false
		}
		nonASCII++
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·' {
			cjk++
		}
	}
	return nonASCII > 0 && cjk*10 >= nonASCII*8
}

func toValidUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
}
