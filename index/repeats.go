package index

import (
	"fmt"
	"math/bits"
	"sort"

	"github.com/xinfang/xinfang"
)

// Repeat petitions (初件/重件). Two petitions are about the same matter
// when they come from the same petitioner (the same complainant key: the
// keyed hash of the ID or phone number, else of name and address) and
// share a category and the respondent, or have near-duplicate texts
// (SimHashes within simMaxDistance bits). A petitioner's petitions are
// taken in order of receipt (then id); each joins the group of the latest
// earlier one it matches, among the repeatWindow latest, or starts a new
// group as its 初件. The order number is the place in the group, the count
// the group's size so far.
//
// Grouping is by time of receipt, not arrival, so that an import out of
// order or a late redelivery gives the same numbers: a petitioner's
// petitions are regrouped after each batch that touches them.

// repeatWindow bounds the earlier petitions of a petitioner compared with
// each one.
const repeatWindow = 64

// Repeat risk (DOMAIN.md: repeated petitioning is medium): every petition
// of a group of two or more is at least medium, with at least
// repeatMinScore, and gains one point per petition of the group, up to
// five.
const repeatMinScore = 42

// repeatAdd notes that row ord, just set, may join its petitioner's
// petitions. Caller holds st.mu.
func (st *engine) repeatAdd(ord uint32) {
	r := st.rows.mut(ord)
	r.repFirst, r.repOrder, r.repCount = ord, 0, 0
	if !r.isPetition() || r.compl == noValue {
		return
	}
	st.link(ord)
	st.repDirty[r.compl] = true
}

// link puts live petition ord at the head of its petitioner's list.
func (st *engine) link(ord uint32) {
	compl := st.rows.at(ord).compl
	for int(compl) >= len(st.repHead) {
		st.repHead = append(st.repHead, noOrd)
	}
	st.repNext[ord] = st.repHead[compl]
	st.repHead[compl] = ord
}

// repeatRemove takes row ord, just killed, out of its petitioner's
// petitions. Caller holds st.mu.
func (st *engine) repeatRemove(ord uint32) {
	compl := st.rows.at(ord).compl
	if compl == noValue || int(compl) >= len(st.repHead) {
		return
	}
	for p := &st.repHead[compl]; *p != noOrd; p = &st.repNext[*p] {
		if *p == ord {
			*p, st.repNext[ord] = st.repNext[ord], noOrd
			break
		}
	}
	st.repDirty[compl] = true
}

// relink links every live petition with a complainant, for columns
// loaded without the lists.
func (st *engine) relink() {
	st.repHead = make([]uint32, st.compls.len())
	for i := range st.repHead {
		st.repHead[i] = noOrd
	}
	st.repNext = make([]uint32, st.rows.len(), st.rows.len()+max(st.rows.len()/4, 1024))
	for o := range st.rows.len() {
		st.repNext[o] = noOrd
		if r := st.rows.at(uint32(o)); r.alive && r.isPetition() && r.compl != noValue {
			st.link(uint32(o))
		}
	}
}

// sameMatter reports whether petitions a and b are about the same matter.
func sameMatter(a, b *row) bool {
	if a.subj != noValue && a.subj == b.subj && a.cats&b.cats != 0 {
		return true
	}
	return a.sim != 0 && b.sim != 0 && bits.OnesCount64(a.sim^b.sim) <= simMaxDistance
}

// regroup recomputes the repeat groups of the petitioners touched since
// the last call, and the risk of the rows whose place changed. Caller
// holds st.mu.
func (st *engine) regroup() {
	if len(st.repDirty) == 0 {
		return
	}
	touched := map[int32]bool{} // clusters whose stats need recomputing
	var list []uint32
	for compl := range st.repDirty {
		list = list[:0]
		if int(compl) < len(st.repHead) {
			for o := st.repHead[compl]; o != noOrd; o = st.repNext[o] {
				list = append(list, o)
			}
		}
		sort.Slice(list, func(i, j int) bool {
			a, b := st.rows.at(list[i]), st.rows.at(list[j])
			if a.sec != b.sec {
				return a.sec < b.sec
			}
			return st.ids[list[i]] < st.ids[list[j]]
		})
		group := make([]int, len(list)) // index of the group's 初件 in list
		size := make(map[int]uint32, len(list))
		order := make([]uint32, len(list))
		for i, o := range list {
			g := i
			for j := i - 1; j >= 0 && j >= i-repeatWindow; j-- {
				if sameMatter(st.rows.at(list[j]), st.rows.at(o)) {
					g = group[j]
					break
				}
			}
			group[i] = g
			size[g]++
			order[i] = size[g]
		}
		for i, o := range list {
			first, count := list[group[i]], size[group[i]]
			if r := st.rows.at(o); r.repFirst == first && r.repOrder == order[i] && r.repCount == count {
				continue
			}
			r := st.rows.mut(o)
			r.repFirst, r.repOrder, r.repCount = first, order[i], count
			st.setRisk(o)
			if r.cluster >= 0 {
				touched[r.cluster] = true
			}
		}
	}
	clear(st.repDirty)
	for ci := range touched {
		st.clusters.mut(ci).stats = st.computeStats(ci)
	}
}

// repeatRisk raises r's effective risk for its repeat group. Caller holds
// st.mu.
func repeatRisk(r *row) {
	if r.repCount < 2 {
		return
	}
	if medium := enumCode(levelCodes, xinfang.RiskMedium); r.level < medium {
		r.level = medium
	}
	s := max(int(r.score), repeatMinScore) + int(min(r.repCount, 5))
	r.score = uint8(min(s, 100))
}

// repeatOf returns the place of row o among its petitioner's petitions;
// nil when it has no complainant key. Caller holds st.mu, or st is a view.
func (st *engine) repeatOf(o uint32) *xinfang.Repeat {
	r := st.rows.at(o)
	if r.repOrder == 0 {
		return nil
	}
	return &xinfang.Repeat{FirstID: st.ids[r.repFirst], Order: int(r.repOrder), Count: int(r.repCount)}
}

// repeatReason is the risk reason of a petition in a repeat group.
func repeatReason(r *row) string {
	if r.repOrder > 1 {
		return fmt.Sprintf("同一信访人就同一事项第%d次信访（重件，共%d件）", r.repOrder, r.repCount)
	}
	return fmt.Sprintf("同一信访人就同一事项已信访%d次（本件为初件）", r.repCount)
}
