//go:build tools

// Package tools pins the modules the project depends on so that go mod tidy keeps them while packages are being written.
package tools

import (
	_ "codeberg.org/readeck/go-readability/v2"
	_ "github.com/blevesearch/bleve/v2"
	_ "github.com/chromedp/chromedp"
	_ "github.com/go-ego/gse"
	_ "github.com/go-ego/gse/hmm/idf"
	_ "github.com/gocolly/colly/v2"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/mattn/go-isatty"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/segmentio/kafka-go"
	_ "github.com/twmb/franz-go/pkg/kfake"
	_ "github.com/twmb/franz-go/pkg/kgo"
	_ "golang.org/x/net/html/charset"
	_ "golang.org/x/sync/errgroup"
	_ "golang.org/x/text/width"
	_ "golang.org/x/time/rate"
	_ "gopkg.in/yaml.v3"
)
