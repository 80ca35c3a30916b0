package searchapi

import (
	"testing"

	"github.com/xinfang/xinfang"
)

// TestClusterKeyNotMasked: a cluster's key is a hash whose hex digits may
// read like an ID or a phone number; it reaches the client whole, or the
// cluster cannot be opened.
func TestClusterKeyNotMasked(t *testing.T) {
	for _, key := range []string{"d4402231990010632", "k13800138000abcd0", "kf440223199001063"} {
		if !clusterKey.MatchString(key) {
			t.Fatalf("%s is not a cluster key", key)
		}
		got := maskClusters([]xinfang.Cluster{{Key: key, Subject: "13800138000"}})[0]
		if got.Key != key {
			t.Errorf("key %s masked to %s", key, got.Key)
		}
		if got.Subject == "13800138000" {
			t.Errorf("subject not masked")
		}
	}
}
