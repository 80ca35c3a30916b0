package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConfigured(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "x.yaml")
	if err := os.WriteFile(cfg, []byte("data: /from/file\nimport:\n  batch: 7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantData  string
		wantBatch string
	}{
		{"defaults", nil, nil, "./data", "500"},
		{"environment", nil, map[string]string{"XINFANG_DATA": "/from/env"}, "/from/env", "500"},
		{"file over environment", []string{"--config", cfg}, map[string]string{"XINFANG_DATA": "/from/env"}, "/from/file", "7"},
		{"flag over file", []string{"--config", cfg, "--data", "/from/flag"}, nil, "/from/flag", "7"},
		{"config from environment", nil, map[string]string{"XINFANG_CONFIG": cfg}, "/from/file", "7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stderr := &strings.Builder{}
			e := &env{stderr: stderr, getenv: func(k string) string { return tt.env[k] }}
			fs := newFlags(e, "import", "import")
			data := fs.String("data", "./data", "")
			batch := fs.Int("batch", 500, "")
			if err := parseConfigured(e, fs, tt.args); err != nil {
				t.Fatalf("parseConfigured(%q) = %v; stderr %s", tt.args, err, stderr)
			}
			if *data != tt.wantData || fs.Lookup("batch").Value.String() != tt.wantBatch {
				t.Errorf("parseConfigured(%q): data %q batch %d, want %q %s", tt.args, *data, *batch, tt.wantData, tt.wantBatch)
			}
		})
	}
}
