package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// configFlags mimics a command's flags for the loader.
type configFlags struct {
	fs      *flag.FlagSet
	data    *string
	addr    *string
	brokers *string
	timeout *time.Duration
	config  *string
}

func newConfigFlags() *configFlags {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &configFlags{
		fs:      fs,
		data:    fs.String("data", "./data", ""),
		addr:    fs.String("addr", "127.0.0.1:8080", ""),
		brokers: fs.String("kafka-brokers", "", ""),
		timeout: fs.Duration("request-timeout", 2*time.Second, ""),
		config:  fs.String("config", "", ""),
	}
}

type configResult struct {
	Data, Addr, Brokers string
	Timeout             time.Duration
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	full := write("full.yaml", "data: /file/data\naddr: file:1\nkafka_brokers: [k1:9092, k2:9092]\ncrawl:\n  sites: x.yaml\nunknown_elsewhere: 3\n")
	section := write("section.yaml", "addr: file:1\nserve:\n  addr: section:2\n  request-timeout: 5s\n")
	empty := write("empty.yaml", "")
	defaults := configResult{Data: "./data", Addr: "127.0.0.1:8080", Timeout: 2 * time.Second}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want configResult
	}{
		{"defaults", nil, nil, defaults},
		{"env over defaults", nil, map[string]string{"XINFANG_ADDR": "env:1", "XINFANG_REQUEST_TIMEOUT": "7s"},
			configResult{Data: "./data", Addr: "env:1", Timeout: 7 * time.Second}},
		{"file over env", []string{"--config", full}, map[string]string{"XINFANG_ADDR": "env:1", "XINFANG_DATA": "/env/data"},
			configResult{Data: "/file/data", Addr: "file:1", Brokers: "k1:9092,k2:9092", Timeout: 2 * time.Second}},
		{"flag over file", []string{"--config", full, "--addr", "flag:1"}, map[string]string{"XINFANG_ADDR": "env:1"},
			configResult{Data: "/file/data", Addr: "flag:1", Brokers: "k1:9092,k2:9092", Timeout: 2 * time.Second}},
		{"section over top level", []string{"--config", section}, nil,
			configResult{Data: "./data", Addr: "section:2", Timeout: 5 * time.Second}},
		{"config from environment", nil, map[string]string{"XINFANG_CONFIG": section},
			configResult{Data: "./data", Addr: "section:2", Timeout: 5 * time.Second}},
		{"empty file", []string{"--config", empty}, map[string]string{"XINFANG_DATA": "/env/data"},
			configResult{Data: "/env/data", Addr: "127.0.0.1:8080", Timeout: 2 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := newConfigFlags()
			if err := cf.fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			e := &env{getenv: func(k string) string { return tt.env[k] }}
			if err := loadConfig(e, cf.fs, *cf.config); err != nil {
				t.Fatalf("loadConfig: %v", err)
			}
			got := configResult{Data: *cf.data, Addr: *cf.addr, Brokers: *cf.brokers, Timeout: *cf.timeout}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("settings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadConfigErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		file    string
		env     map[string]string
		wantErr []string // substrings of the error
	}{
		{"missing file", filepath.Join(dir, "nope.yaml"), nil, []string{"nope.yaml"}},
		{"bad yaml", write("bad.yaml", "addr: [unclosed\n"), nil, []string{"bad.yaml"}},
		{"not a mapping", write("list.yaml", "- a\n- b\n"), nil, []string{"list.yaml"}},
		{"bad duration in file", write("dur.yaml", "request-timeout: soon\n"), nil, []string{"dur.yaml", "request-timeout"}},
		{"map as a value", write("map.yaml", "addr: {host: x}\n"), nil, []string{"map.yaml", "addr"}},
		{"unknown key in section", write("sec.yaml", "serve:\n  adress: x\n"), nil, []string{"sec.yaml", "serve.adress", "not a flag"}},
		{"section not a mapping", write("secs.yaml", "serve: 3\n"), nil, []string{"secs.yaml", "serve"}},
		{"bad duration in environment", "", map[string]string{"XINFANG_REQUEST_TIMEOUT": "soon"}, []string{"XINFANG_REQUEST_TIMEOUT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := newConfigFlags()
			e := &env{getenv: func(k string) string { return tt.env[k] }}
			err := loadConfig(e, cf.fs, tt.file)
			if err == nil {
				t.Fatalf("loadConfig(%s) = nil, want an error", tt.file)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}
