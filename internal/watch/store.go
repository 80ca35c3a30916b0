// Package watch keeps watches (stored searches with a rule and a webhook),
// evaluates them on each batch as it is indexed, stores the alerts they
// raise and delivers them to the webhooks, all durably in one bbolt file in
// the data directory.
//
// Ordering across a crash (kill -9): the batch is indexed, then the hook
// (Sink) evaluates the watches and commits the alerts, their de-duplication
// keys and their deliveries in one fsynced transaction, and only then does
// the indexer acknowledge the batch. A crash before that commit leaves the
// batch unacknowledged, so it is redelivered, indexed again and alerted; a
// crash after it finds the keys and raises nothing twice. Deliveries are
// at least once: one interrupted after the webhook answered is sent again
// with the same alert_id.
package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/xinfang/xinfang"
)

// FileName is the name of the watch database in the data directory.
const FileName = "watches.db"

var (
	bucketWatches = []byte("watches") // watch id → storedWatch
	bucketAlerts  = []byte("alerts")  // alert id → xinfang.Alert
	bucketFired   = []byte("fired")   // watch id \x00 key → alert id
	bucketOutbox  = []byte("outbox")  // alert id → delivery
)

// storedWatch is a watch with the filters it was created with, parsed.
type storedWatch struct {
	Watch   xinfang.Watch   `json:"watch"`
	Filters xinfang.Filters `json:"parsed_filters"`
}

// delivery is one alert waiting for its webhook.
type delivery struct {
	AlertID string    `json:"alert_id"`
	WatchID string    `json:"watch_id"`
	URL     string    `json:"url"`
	Secret  string    `json:"secret"`
	Attempt int       `json:"attempt"`
	NextAt  time.Time `json:"next_at"`
}

// db is the bbolt file of watches, alerts, keys and the outbox.
type db struct {
	bolt *bolt.DB
}

func openDB(dir string) (*db, error) {
	path := filepath.Join(dir, FileName)
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, &xinfang.Error{Code: xinfang.ECONFLICT, Message: fmt.Sprintf("watches at %s are in use by another process", path), Err: err}
		}
		return nil, fmt.Errorf("watch: open %s: %w", path, err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketWatches, bucketAlerts, bucketFired, bucketOutbox} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("watch: open %s: %w", path, err)
	}
	return &db{bolt: b}, nil
}

func (d *db) close() error { return d.bolt.Close() }

// newID returns a fresh id that sorts by creation: prefix, then the
// bucket's sequence in hex.
func newID(b *bolt.Bucket, prefix string) (string, error) {
	n, err := b.NextSequence()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%016x", prefix, n), nil
}

func put(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

func get(b *bolt.Bucket, key string, v any) (bool, error) {
	data := b.Get([]byte(key))
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("watch: decode %s: %w", key, err)
	}
	return true, nil
}

func firedKey(watchID, key string) []byte { return []byte(watchID + "\x00" + key) }

// loadWatches returns every stored watch, oldest first.
func (d *db) loadWatches() ([]storedWatch, error) {
	var out []storedWatch
	err := d.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketWatches).ForEach(func(k, v []byte) error {
			var w storedWatch
			if err := json.Unmarshal(v, &w); err != nil {
				return fmt.Errorf("watch: decode watch %s: %w", k, err)
			}
			out = append(out, w)
			return nil
		})
	})
	return out, err
}
