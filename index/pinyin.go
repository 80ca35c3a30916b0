package index

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

	"github.com/xinfang/xinfang/nlp"
)

// Pinyin for did-you-mean: a typo made with a pinyin input method is a
// homophone (躁音 for 噪音, 延期交防 for 延期交房), and some type the
// pinyin itself (qianxin for 欠薪). Keys are tone-less syllables joined
// without separators; a character without pinyin gives no key.

var pinyinArgs = pinyin.NewArgs() // Normal style: no tones

// pinyinKey returns the tone-less pinyin of a Chinese word, "" when one of
// its characters has none.
func pinyinKey(w string) string {
	var b strings.Builder
	for _, r := range w {
		ps := pinyin.SinglePinyin(r, pinyinArgs)
		if len(ps) == 0 {
			return ""
		}
		b.WriteString(ps[0])
	}
	return b.String()
}

var (
	pinyinVocabOnce sync.Once
	pinyinVocab     map[string][]string
)

// pinyinWords returns the vocabulary words (concept terms, the domain
// vocabulary and the gazetteer's names) whose pinyin is key.
func pinyinWords(key string) []string {
	pinyinVocabOnce.Do(func() {
		pinyinVocab = map[string][]string{}
		add := func(w string) {
			if utf8.RuneCountInString(w) < 2 {
				return
			}
			if k := pinyinKey(w); k != "" {
				for _, x := range pinyinVocab[k] {
					if x == w {
						return
					}
				}
				pinyinVocab[k] = append(pinyinVocab[k], w)
			}
		}
		for _, c := range DefaultConcepts().List() {
			for _, t := range c.Terms {
				add(t)
			}
		}
		for _, w := range nlp.DomainWords() {
			add(w)
		}
	})
	return pinyinVocab[key]
}

// latinPinyin reports whether w looks like typed pinyin: ASCII letters
// only, at least four.
func latinPinyin(w string) bool {
	if len(w) < 4 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
