package index

import (
	"fmt"
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// Clusters group petitions about the same matter. A petition joins, in
// order of preference:
//
//  1. the cluster of its issue key: the same first category, city and
//     normalised first subject (respondent) as an earlier petition;
//  2. the cluster of a near-duplicate: an earlier petition whose content
//     SimHash differs in at most simMaxDistance bits (a re-filed complaint
//     with small edits), which then also adopts the issue key;
//  3. a new cluster of its own.
//
// Assignment is incremental and never merges two existing clusters, so the
// grouping can depend on arrival order. The column file keeps it across a
// restart; a rebuild (without one) forms it again in date order.
// Bulletins are not clustered.

// simMaxDistance is the largest Hamming distance of two near-duplicate
// SimHashes. With four 16-bit bands, two hashes that close share at least
// one band exactly, so candidates come from the band buckets.
const simMaxDistance = 3

// maxBandCandidates bounds the work per insert on templated corpora, where
// one band bucket can hold many documents: only the most recent are tried.
const maxBandCandidates = 32

// simhash computes a 64-bit SimHash over the character bigrams of text,
// ignoring spaces and punctuation. Bigrams are robust to the small edits a
// re-filed complaint gets and cost far less than word segmentation.
func simhash(text string) uint64 {
	var v [64]int32
	var prev rune = -1
	n := 0
	for _, r := range text {
		// CJK ideographs, most of the text, are neither space,
		// punctuation nor symbol; the tables are for the rest.
		if (r < 0x4e00 || r > 0x9fff) && (unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)) {
			continue
		}
		if prev >= 0 {
			x := fnvPair(prev, r)
			// Set bits are counted; each bigram adds +1 for a set bit and
			// -1 for a clear one, so the sum is 2*count - n.
			for i := range v {
				v[i] += int32(x >> uint(i) & 1)
			}
			n++
		}
		prev = r
	}
	if n == 0 {
		return 0
	}
	var out uint64
	for i := 0; i < 64; i++ {
		if 2*v[i] > int32(n) {
			out |= 1 << uint(i)
		}
	}
	return out
}

// fnvPair is the 64-bit FNV-1a hash of the two runes as 8 little-endian
// bytes, as hash/fnv computes it, without its interface and state.
func fnvPair(a, b rune) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for _, r := range [2]rune{a, b} {
		for k := 0; k < 32; k += 8 {
			h ^= uint64(byte(r >> uint(k)))
			h *= prime
		}
	}
	return h
}

// normSubject normalises a subject for the issue key: no spaces or
// punctuation, lower case, no company-form suffix.
func normSubject(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	out := b.String()
	for _, suf := range xinfang.CompanyForms {
		if strings.HasSuffix(out, suf) && len(out) > len(suf) {
			out = strings.TrimSuffix(out, suf)
			break
		}
	}
	return out
}

// placeholderWords are respondents named by their kind only: in records
// from different places they are different bodies.
var placeholderWords = map[string]bool{
	"有关单位": true, "相关单位": true, "有关部门": true, "相关部门": true, "当地政府": true, "政府": true,
	"开发商": true, "物业": true, "物业公司": true, "单位": true, "用人单位": true, "施工方": true,
	"施工单位": true, "老板": true, "包工头": true, "村委会": true, "居委会": true, "社区": true, "街道办": true,
	"学校": true, "医院": true, "商家": true, "店家": true, "房东": true,
}

// placeholderSubject reports whether subject names no particular body: a
// name with 某 (某镇人民政府, 某建筑公司, 张某), a kind without a name
// (有关单位, 开发商), or one or two characters.
func placeholderSubject(subject string) bool {
	ns := normSubject(subject)
	return strings.Contains(ns, "某") || placeholderWords[ns] || utf8.RuneCountInString(ns) <= 2
}

// issueKey is the stable key of (category, city, subject); "" when the
// petition lacks a category or a subject.
func issueKey(category, city, subject string) string {
	ns := normSubject(subject)
	if category == "" || ns == "" {
		return ""
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%s", category, city, ns)
	return fmt.Sprintf("k%016x", h.Sum64())
}

// Risk boost of a recurring cluster (DOMAIN.md: a recurring cluster raises
// the level). From recurThreshold records on, every record of the cluster
// is raised one level (low → medium, medium → high) and its score gains
// recurStepScore per step; the steps are at 3, 5 and 10 records.
var recurSteps = []int{3, 5, 10}

const recurStepScore = 10

func recurStep(count int) int {
	s := 0
	for _, t := range recurSteps {
		if count >= t {
			s++
		}
	}
	return s
}

func recurReason(count int) string { return fmt.Sprintf("同一事项已反映%d次", count) }

// cluster is one recurring matter; members are exactly its live rows.
type cluster struct {
	key      string
	category string
	city     string
	subject  string
	count    int
	members  []uint32
	step     int
	stats    clusterStats // kept current by the writers
	keys     []string     // the byKey entries that lead here
	// epoch is the clusterSet's epoch in which the writer made this
	// copy: it changes it in place only within that epoch (cow.go).
	epoch uint64
}

// clusterSet holds every cluster; guarded by state.mu (a view's is
// immutable but for byKey, see cow.go). A cluster that loses
// its last member is freed (its keys forgotten, its slot reused), and a row
// is in the band buckets once, under the SimHash it was banded with, so that
// re-upserting the same documents (a Kafka redelivery) keeps both flat.
type clusterSet struct {
	list  cowVec[*cluster]
	byKey map[string]int32
	free  []int32 // slots of emptied clusters, reused before list grows
	bands [4]map[uint16][]uint32
	epoch uint64 // number of freezes (cow.go)
}

func newClusterSet() *clusterSet {
	cs := &clusterSet{byKey: map[string]int32{}}
	for i := range cs.bands {
		cs.bands[i] = map[uint16][]uint32{}
	}
	return cs
}

// clusterAdd puts row ord, whose meta is m, into a cluster and updates the
// effective risk of the rows concerned. prevSim is the SimHash the row was
// banded with before (0 for none).
func (st *engine) clusterAdd(ord uint32, m *meta, prevSim uint64) {
	cs := st.clusters
	if prevSim != m.Sim {
		cs.unband(ord, prevSim)
		cs.band(ord, m.Sim)
	}
	if m.Kind != xinfang.KindPetition {
		st.rows.mut(ord).cluster = -1
		return
	}
	var cat string
	if len(m.Cats) > 0 {
		cat = m.Cats[0]
	}
	key := issueKey(cat, m.City, m.Subject)
	if placeholderSubject(m.Subject) {
		// 某镇人民政府 names a body only within one place: without a
		// 盟市 such records share no key (near-duplicate text of the same
		// 盟市 still joins them).
		if m.City == "" {
			key = ""
		}
	}
	ci := int32(-1)
	if key != "" {
		if c, ok := cs.byKey[key]; ok {
			ci = c
		}
	}
	if ci < 0 && m.Sim != 0 {
		ci = st.nearDuplicate(ord, m.Sim, m.City)
		if ci >= 0 && key != "" {
			cs.addKey(key, ci)
		}
	}
	if ci < 0 {
		c := &cluster{key: key, category: cat, city: m.City, subject: m.Subject, epoch: cs.epoch}
		if c.key == "" {
			c.key = cs.docKey(st.ids[ord])
		}
		if n := len(cs.free); n > 0 {
			ci = cs.free[n-1]
			cs.free = cs.free[:n-1]
			*cs.list.mut(uint32(ci)) = c
		} else {
			ci = int32(cs.list.len())
			cs.list.push(c)
		}
		cs.addKey(c.key, ci)
	}
	c := cs.mut(ci)
	st.rows.mut(ord).cluster = ci
	c.members = append(c.members, ord)
	c.count++
	st.restep(c, ci)
}

// docKey is the key of a cluster started by document id without an issue
// key. When an edited document leaves the cluster it started and starts a
// new one, the old key stays with the old members: the new one is numbered.
func (cs *clusterSet) docKey(id string) string {
	for n := 0; ; n++ {
		h := fnv.New64a()
		h.Write([]byte(id))
		if n > 0 {
			fmt.Fprintf(h, "\x00%d", n)
		}
		key := fmt.Sprintf("d%016x", h.Sum64())
		if _, taken := cs.byKey[key]; !taken {
			return key
		}
	}
}

// addKey makes key lead to cluster ci.
func (cs *clusterSet) addKey(key string, ci int32) {
	cs.byKey[key] = ci
	c := cs.mut(ci)
	c.keys = append(c.keys, key)
}

// freeCluster forgets the keys of the empty cluster ci and keeps its slot
// for the next new cluster.
func (cs *clusterSet) freeCluster(ci int32) {
	for _, k := range cs.at(ci).keys {
		if cs.byKey[k] == ci {
			delete(cs.byKey, k)
		}
	}
	*cs.list.mut(uint32(ci)) = &cluster{epoch: cs.epoch}
	cs.free = append(cs.free, ci)
}

// band puts row ord into the band buckets of sim.
func (cs *clusterSet) band(ord uint32, sim uint64) {
	if sim == 0 {
		return
	}
	for b := 0; b < 4; b++ {
		band := uint16(sim >> (16 * b))
		cs.bands[b][band] = append(cs.bands[b][band], ord)
	}
}

// unband takes row ord out of the band buckets of sim, keeping the order of
// the others (nearDuplicate tries the most recent first).
func (cs *clusterSet) unband(ord uint32, sim uint64) {
	if sim == 0 {
		return
	}
	for b := 0; b < 4; b++ {
		band := uint16(sim >> (16 * b))
		cands := cs.bands[b][band]
		for i := len(cands) - 1; i >= 0; i-- {
			if cands[i] == ord {
				cands = append(cands[:i], cands[i+1:]...)
				break
			}
		}
		if len(cands) == 0 {
			delete(cs.bands[b], band)
		} else {
			cs.bands[b][band] = cands
		}
	}
}

// nearDuplicate returns the cluster of a live petition whose SimHash is
// within simMaxDistance of sim, or -1.
func (st *engine) nearDuplicate(self uint32, sim uint64, city string) int32 {
	cs := st.clusters
	cityCode, ok := st.cities.lookup(city)
	if !ok {
		cityCode = noValue
	}
	for b := 0; b < 4; b++ {
		cands := cs.bands[b][uint16(sim>>(16*b))]
		lo := len(cands) - maxBandCandidates
		if lo < 0 {
			lo = 0
		}
		for i := len(cands) - 1; i >= lo; i-- {
			o := cands[i]
			if o == self {
				continue
			}
			r := st.rows.at(o)
			if !r.alive || r.cluster < 0 || r.sim != sim && bits.OnesCount64(r.sim^sim) > simMaxDistance {
				continue
			}
			if uint32(r.city) != cityCode {
				continue // the same words about another place are another matter
			}
			return r.cluster
		}
	}
	return -1
}

// clusterRemove takes row ord out of its cluster.
func (st *engine) clusterRemove(ord uint32) {
	ci := st.rows.at(ord).cluster
	if ci < 0 {
		return
	}
	c := st.clusters.mut(ci)
	for i := len(c.members) - 1; i >= 0; i-- {
		if c.members[i] == ord {
			c.members[i] = c.members[len(c.members)-1]
			c.members = c.members[:len(c.members)-1]
			break
		}
	}
	c.count--
	st.rows.mut(ord).cluster = -1
	st.setRisk(ord)
	if c.count == 0 {
		st.clusters.freeCluster(ci)
		return
	}
	st.restep(c, ci)
	c.stats = st.computeStats(ci)
}

// computeStats summarises the members of cluster ci.
func (st *engine) computeStats(ci int32) clusterStats {
	cs := clusterStats{ci: ci, first: 1<<63 - 1, last: -1 << 63}
	for _, o := range st.clusters.at(ci).members {
		st.addStats(&cs, o)
	}
	return cs
}

// addStats counts member o into cs.
func (st *engine) addStats(cs *clusterStats, o uint32) {
	r := st.rows.at(o)
	if r.sec < cs.first {
		cs.first = r.sec
	}
	if r.sec > cs.last {
		cs.last = r.sec
	}
	if cs.n == 0 || r.score > cs.score || r.score == cs.score && r.sec > st.rows.at(cs.top).sec {
		cs.top, cs.score = o, r.score
	}
	cs.n++
	if r.level > cs.level {
		cs.level = r.level
	}
}

// restep recomputes the effective risk of a cluster's members when its
// count crossed a step. c is cluster ci as the writer changes it
// (clusterSet.mut).
func (st *engine) restep(c *cluster, ci int32) {
	step := recurStep(c.count)
	if step == c.step {
		return
	}
	c.step = step
	for _, o := range c.members {
		st.setRisk(o)
	}
	c.stats = st.computeStats(ci)
}

// setRisk sets the effective level and score of row ord from its base
// risk, its cluster's step and its repeat group (repeatRisk).
func (st *engine) setRisk(ord uint32) {
	r := *st.rows.at(ord)
	riskOf(&r, st.clusters)
	// An unchanged row is not written: its chunk is copied only when a
	// view holds it (cow.go).
	if old := st.rows.at(ord); old.level != r.level || old.score != r.score {
		w := st.rows.mut(ord)
		w.level, w.score = r.level, r.score
	}
}

// riskOf sets r's effective level and score.
func riskOf(r *row, cs *clusterSet) {
	r.level, r.score = r.baseLevel, r.baseScore
	defer repeatRisk(r)
	if r.cluster < 0 {
		return
	}
	step := cs.at(r.cluster).step
	if step == 0 {
		return
	}
	if r.level == 0 {
		r.level = enumCode(levelCodes, xinfang.RiskLow)
	}
	if int(r.level) < len(levelCodes) {
		r.level++
	}
	s := int(r.score) + recurStepScore*step
	if s > 100 {
		s = 100
	}
	r.score = uint8(s)
}
