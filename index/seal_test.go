package index

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

// sealDoc is a petition with full identity, in fields and in its text.
func sealDoc() xinfang.Document {
	rec := &xinfang.Record{ID: "SEAL-1", ReceivedAt: time.Date(2024, 4, 1, 10, 0, 0, 0, cst), Channel: xinfang.ChannelVisit,
		Title: "工资被拖欠", Content: "本人郝振东，电话13900005601，家住乌兰浩特市和平街道幸福小区8号楼3单元602室，包工头谷长青拖欠工资。",
		Respondent: "谷长青", Status: xinfang.StatusAccepted,
		Petitioner: &xinfang.Person{Name: "郝振东", Phone: "13900005601", IDNumber: "152201199001017777", Address: "内蒙古自治区兴安盟乌兰浩特市和平街道幸福小区8号楼3单元602室"}}
	return xinfang.Document{ID: rec.ID, Kind: xinfang.KindPetition, Record: rec}
}

// sealRaw are the raw values of sealDoc that must not be in the files.
var sealRaw = []string{"郝振东", "振东", "13900005601", "152201199001017777", "谷长青", "长青", "8号楼3单元602室", "幸福小区8号楼"}

// TestSealedAtRest writes sealDoc to an index on disk with a record key,
// then reads every file of the index directory: no raw value is there,
// while the masked text is (the files are readable, the check can see).
// Get opens the sealed record with the key, and without it (or with
// another) answers the masked one or refuses.
func TestSealedAtRest(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{SearchTimeout: testSearchTimeout, RecordKey: testKey(1)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Index(context.Background(), []xinfang.Document{sealDoc()}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(context.Background(), "SEAL-1")
	if err != nil || got.Record.Petitioner.Name != "郝振东" || got.Record.Content != sealDoc().Record.Content {
		t.Fatalf("Get with the key = %+v, %v; want the full record", got.Record, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var all []byte
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			all = append(all, b...)
		}
		return nil
	})
	for _, raw := range sealRaw {
		if bytes.Contains(all, []byte(raw)) {
			t.Errorf("index files hold %q", raw)
		}
	}
	if !bytes.Contains(all, []byte("139****5601")) {
		t.Errorf("index files do not hold the masked phone: the check cannot see stored text")
	}

	// Reopened without a key: the masked record; with a wrong key: refused.
	s, err = Open(dir, Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(context.Background(), "SEAL-1"); xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE {
		t.Errorf("Get of a sealed record without a key = %v, want unavailable", err)
	}
	s.Close()
	s, err = Open(dir, Options{SearchTimeout: testSearchTimeout, RecordKey: testKey(2)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(context.Background(), "SEAL-1"); xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE {
		t.Errorf("Get with another key = %v, want unavailable", err)
	}
	// Rotation: reindex with the new key, the old one to open.
	s.Close()
	s, err = Open(dir, Options{SearchTimeout: testSearchTimeout, RecordKey: testKey(2), OldRecordKeys: [][]byte{testKey(1)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Reindex(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(dir, Options{SearchTimeout: testSearchTimeout, RecordKey: testKey(2)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.Get(context.Background(), "SEAL-1"); err != nil || got.Record.Petitioner.IDNumber != "152201199001017777" {
		t.Errorf("Get after rotation with the new key alone = %+v, %v; want the full record", got.Record, err)
	}
}

// TestNoKeyKeepsMasked checks that without a record key the index keeps
// the masked record only.
func TestNoKeyKeepsMasked(t *testing.T) {
	s, err := OpenMem(Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Index(context.Background(), []xinfang.Document{sealDoc()}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(context.Background(), "SEAL-1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Record.Petitioner.Name != "郝**" || got.Record.Respondent != "谷**" || got.Record.Content == sealDoc().Record.Content {
		t.Errorf("Get without a key = %+v, want the masked record", got.Record)
	}
}

func TestSealerKeys(t *testing.T) {
	if _, err := newSealer([]byte("short"), nil); err == nil {
		t.Error("a 5-byte key is accepted")
	}
	if _, err := newSealer(nil, [][]byte{testKey(1)}); err == nil {
		t.Error("old keys without a key are accepted")
	}
	sl, _ := newSealer(testKey(1), nil)
	sealed, _ := sl.seal("A", []byte("full"))
	if _, err := sl.open("B", sealed); err == nil {
		t.Error("a sealed record opens under another document id")
	}
}
