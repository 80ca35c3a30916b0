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

// nearPinyinKey is pinyinKey with the sounds many speakers and input
// methods blur (模糊音): zh, ch, sh as z, c, s; l as n; ang, eng, ing as
// an, en, in (扰名 raoming for 扰民 raomin). "" when a character has none.
func nearPinyinKey(w string) string {
	var b strings.Builder
	for _, r := range w {
		ps := pinyin.SinglePinyin(r, pinyinArgs)
		if len(ps) == 0 {
			return ""
		}
		b.WriteString(blurSyllable(ps[0]))
	}
	return b.String()
}

func blurSyllable(s string) string {
	switch {
	case strings.HasPrefix(s, "zh"), strings.HasPrefix(s, "ch"), strings.HasPrefix(s, "sh"):
		s = s[:1] + s[2:]
	case strings.HasPrefix(s, "l"):
		s = "n" + s[1:]
	}
	for _, f := range []string{"ang", "eng", "ing"} {
		if strings.HasSuffix(s, f) {
			return s[:len(s)-1]
		}
	}
	return s
}

// pinyinVocabulary is the vocabulary of did-you-mean (concept terms, the
// domain vocabulary and the gazetteer's names) by pinyin and near pinyin.
type pinyinVocabulary struct {
	words  []string
	known  map[string]bool
	byKey  map[string][]string
	byNear map[string][]string
}

var (
	pinyinVocabOnce sync.Once
	pinyinVocab     pinyinVocabulary
)

func vocabulary() *pinyinVocabulary {
	pinyinVocabOnce.Do(func() {
		v := pinyinVocabulary{known: map[string]bool{}, byKey: map[string][]string{}, byNear: map[string][]string{}}
		add := func(w string) {
			if utf8.RuneCountInString(w) < 2 || v.known[w] {
				return
			}
			v.known[w] = true
			v.words = append(v.words, w)
			if k := pinyinKey(w); k != "" {
				v.byKey[k] = append(v.byKey[k], w)
				near := nearPinyinKey(w)
				v.byNear[near] = append(v.byNear[near], w)
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
		pinyinVocab = v
	})
	return &pinyinVocab
}

// pinyinWords returns the vocabulary words whose pinyin is key.
func pinyinWords(key string) []string { return vocabulary().byKey[key] }

// nearPinyinWords returns the vocabulary words whose near pinyin is key.
func nearPinyinWords(key string) []string { return vocabulary().byNear[key] }

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
