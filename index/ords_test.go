package index

import (
	"strconv"
	"testing"

	"github.com/xinfang/xinfang"
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

func TestKeyDict(t *testing.T) {
	d := newKeyDict()
	var vals []string
	for i := 0; i < 3000; i++ { // several growths; both kinds of key
		v := "phone:" + strconv.Itoa(i)
		if i%2 == 0 {
			v = complainantKey([]byte("secret"), &xinfang.Person{Phone: "1381234" + strconv.Itoa(1000+i)})
		}
		vals = append(vals, v)
		if c := d.code(v); c != uint32(i+1) {
			t.Fatalf("code(%q) = %d, want a new code %d", v, c, i+1)
		}
	}
	loaded := newKeyDictOf(d.keys)
	for name, dd := range map[string]*keyDict{"grown": d, "loaded": loaded} {
		for i, v := range vals {
			if c := dd.code(v); c != uint32(i+1) {
				t.Fatalf("%s: code(%q) = %d, want %d", name, v, c, i+1)
			}
		}
		if c := dd.code(""); c != noValue {
			t.Errorf("%s: code(\"\") = %d, want none", name, c)
		}
	}
}
