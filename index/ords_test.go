package index

import (
	"strconv"
	"testing"
)

func TestOrdTable(t *testing.T) {
	var ids []string
	var tab ordTable
	for i := 0; i < 5000; i++ { // several growths
		ids = append(ids, "doc-"+strconv.Itoa(i))
		tab.put(ids, uint32(i))
	}
	built := newOrdTable(ids)
	for name, tb := range map[string]*ordTable{"put": &tab, "built": &built} {
		for i, id := range ids {
			if o, ok := tb.get(ids, id); !ok || o != uint32(i) {
				t.Fatalf("%s: get(%q) = %d, %v; want %d", name, id, o, ok, i)
			}
		}
		for _, id := range []string{"", "doc-5000", "doc-01", "DOC-1"} {
			if o, ok := tb.get(ids, id); ok {
				t.Errorf("%s: get(%q) = %d, want none", name, id, o)
			}
		}
	}
	var empty ordTable
	if _, ok := empty.get(nil, "x"); ok {
		t.Error("empty table found x")
	}
}
