package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sort"
	"strconv"
	"strings"

	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"

	"gopkg.in/yaml.v3"
)

// loadConfig fills the flags of fs that the command line left unset, from
// the YAML file named by --config (or XINFANG_CONFIG) and then from
// XINFANG_* environment variables: flags win over the file, the file over
// the environment, the environment over the defaults.
//
// The file holds flag names as keys (dashes or underscores), at the top
// level for every command and under a section named after the command for
// that command only, the section winning:
//
//	data: /var/lib/xinfang
//	kafka-brokers: [k1:9092, k2:9092]   # a list is joined with commas
//	serve:
//	  addr: 0.0.0.0:8080
//	  request-timeout: 3s
//
// A top-level key that is not a flag of this command is ignored, since
// other commands may use it; an unknown key inside the command's own
// section is an error. Environment variables are XINFANG_ and the flag name
// in upper case with underscores: XINFANG_KAFKA_BROKERS.
//
// Call it after parseFlags; configFile is the value of the --config flag.
func loadConfig(e *env, fs *flag.FlagSet, configFile string) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if configFile == "" && !set["config"] {
		configFile = e.getenv("XINFANG_CONFIG")
	}
	var fromFile map[string]string
	if configFile != "" {
		var err error
		if fromFile, err = readConfigFile(configFile, fs); err != nil {
			return err
		}
	}
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || f.Name == "config" {
			return
		}
		if v, ok := fromFile[f.Name]; ok {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("config %s: %s: %v", configFile, f.Name, err))
			}
			return
		}
		name := envName(f.Name)
		if v := e.getenv(name); v != "" {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("environment %s: %v", name, err))
			}
		}
	})
	return errors.Join(errs...)
}

// envName is the environment variable of a flag: kafka-brokers → XINFANG_KAFKA_BROKERS.
func envName(flagName string) string {
	return "XINFANG_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// readConfigFile returns the values the file gives to the flags of fs.
func readConfigFile(path string, fs *flag.FlagSet) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	var doc map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(data))
	// An empty file is io.EOF to yaml.v3: no settings.
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	out := map[string]string{}
	// Top level first, then the command's section over it.
	for _, key := range sortedKeys(doc) {
		if key == fs.Name() {
			continue
		}
		name := flagKey(key)
		if fs.Lookup(name) == nil {
			continue // another command's flag or section
		}
		v, err := scalar(doc[key])
		if err != nil {
			return nil, fmt.Errorf("config %s: %s: %w", path, key, err)
		}
		out[name] = v
	}
	if sec, ok := doc[fs.Name()]; ok && sec != nil {
		m, ok := sec.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("config %s: %s: want a mapping of flag names to values", path, fs.Name())
		}
		for _, key := range sortedKeys(m) {
			name := flagKey(key)
			if fs.Lookup(name) == nil || name == "config" {
				return nil, fmt.Errorf("config %s: %s.%s: not a flag of 'xinfang %s'", path, fs.Name(), key, fs.Name())
			}
			v, err := scalar(m[key])
			if err != nil {
				return nil, fmt.Errorf("config %s: %s.%s: %w", path, fs.Name(), key, err)
			}
			out[name] = v
		}
	}
	return out, nil
}

func flagKey(key string) string { return strings.ReplaceAll(key, "_", "-") }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// scalar renders a YAML value as a flag value; a list of scalars becomes a
// comma-separated list.
func scalar(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			s, err := scalar(item)
			if err != nil {
				return "", err
			}
			if _, isList := item.([]any); isList {
				return "", errors.New("a list inside a list is not a flag value")
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("a %T is not a flag value", v)
}

// parseConfigured parses args like parseFlags for a command that takes
// --config: it defines the flag, then fills what the command line left unset
// from the config file and the XINFANG_* environment (see loadConfig).
func parseConfigured(e *env, fs *flag.FlagSet, args []string) error {
	configFile := fs.String("config", "", "YAML config file (flags win over it, it wins over XINFANG_* variables)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := loadConfig(e, fs, *configFile); err != nil {
		fmt.Fprintf(e.stderr, "xinfang %s: %v\n", fs.Name(), err)
		return errUsage
	}
	return nil
}

// openIndex opens the index of a data directory, DIR/index, with the
// analyzer's category labels for facets and trends.
func openIndex(data string, an *nlp.Analyzer) (*index.Store, error) {
	return openIndexWith(data, an, index.Options{})
}

// openIndexWith is openIndex with more options (a concept table, the
// record key).
func openIndexWith(data string, an *nlp.Analyzer, o index.Options) (*index.Store, error) {
	o.CategoryLabel = an.CategoryLabel
	return index.Open(filepath.Join(data, "index"), o)
}

// addRecordKeyFlag defines --record-key, the key that seals full records
// at rest.
func addRecordKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("record-key", "", "record key: a file holding 64 hex digits (openssl rand -hex 32), or env:NAME for an environment variable holding them; keep it outside --data. With it the index seals each full record (AES-256-GCM) beside the masked one, and full identity can be read; without it only masked records are kept")
}

// loadRecordKey reads the key that spec names ("" gives none). A key file
// inside the data directory is refused: a copy of the directory would
// carry the key with the records.
func loadRecordKey(e *env, spec, data string) ([]byte, error) {
	if spec == "" {
		return nil, nil
	}
	var text string
	if name, ok := strings.CutPrefix(spec, "env:"); ok {
		if text = e.getenv(name); text == "" {
			return nil, fmt.Errorf("--record-key %s: the variable is empty or not set", spec)
		}
	} else {
		abs, err := filepath.Abs(spec)
		if err != nil {
			return nil, fmt.Errorf("--record-key %s: %w", spec, err)
		}
		if dataAbs, err := filepath.Abs(data); err == nil && strings.HasPrefix(abs, dataAbs+string(filepath.Separator)) {
			return nil, fmt.Errorf("--record-key %s: the key file is inside the data directory %s; keep it elsewhere, or a copy of the directory carries the key with the records", spec, data)
		}
		b, err := os.ReadFile(spec)
		if err != nil {
			return nil, fmt.Errorf("--record-key: %w", err)
		}
		text = string(b)
	}
	key, err := hex.DecodeString(strings.TrimSpace(text))
	if err != nil || len(key) != index.KeySize {
		return nil, fmt.Errorf("--record-key %s: want %d hex digits (openssl rand -hex %d)", spec, 2*index.KeySize, index.KeySize)
	}
	return key, nil
}

// dataDir returns data, or when it is empty a fresh temporary directory named
// after prefix; cleanup removes what was created (nothing for a given data).
func dataDir(data, prefix string) (dir string, cleanup func(), err error) {
	if data != "" {
		return data, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", nil, err
	}
	return tmp, func() { os.RemoveAll(tmp) }, nil
}
