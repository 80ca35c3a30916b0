package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/ingest/crawl"
)

// crawlFlags are the flags of xinfang serve that run configured crawls on an
// interval next to the indexer.
type crawlFlags struct {
	sites    *string
	interval *time.Duration
}

func addCrawlFlags(fs *flag.FlagSet) *crawlFlags {
	return &crawlFlags{
		sites:    fs.String("crawl-sites", "", "YAML file of sites (as for 'xinfang crawl --sites') to crawl on an interval next to the indexer"),
		interval: fs.Duration("crawl-interval", time.Hour, "time between the starts of two scheduled crawls"),
	}
}

func (c *crawlFlags) validate() error {
	if c == nil || *c.sites == "" {
		return nil
	}
	if *c.interval < time.Minute {
		return fmt.Errorf("--crawl-interval: %v is shorter than a minute", *c.interval)
	}
	_, err := crawl.LoadConfig(*c.sites)
	return err
}

// crawlRunners returns the scheduled crawl when --crawl-sites is set. Its
// bulletins go to the bulletins topic when the node consumes Kafka (so that
// every node of the group sees them), else through an in-process queue into
// this node's index.
func crawlRunners(parts serveParts) ([]runner, error) {
	c := parts.opts.crawl
	if c == nil || *c.sites == "" {
		return nil, nil
	}
	cfg, err := crawl.LoadConfig(*c.sites)
	if err != nil {
		return nil, err
	}
	cfg.StateDir = filepath.Join(parts.opts.data, "crawl")
	cfg.Logger = parts.log
	interval := *c.interval

	if len(parts.opts.kafkaBrokers) > 0 {
		topics, err := parts.opts.kafka.topicNames()
		if err != nil {
			return nil, err
		}
		p, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: parts.opts.kafkaBrokers, Logger: parts.log})
		if err != nil {
			return nil, err
		}
		return []runner{{name: "scheduled crawl", run: func(ctx context.Context) error {
			defer p.Close()
			return crawl.Schedule(ctx, cfg, interval, publishSink{p: p, topic: topics.Bulletins})
		}}}, nil
	}

	q := ingest.NewQueue(parts.sink, parts.an, ingest.Options{
		Logger:  parts.log,
		Indexed: func(ms []ingest.Message) { parts.api.CountIndexed(len(ms)) },
		Rejected: func(m ingest.Message, r *ingest.Rejection) {
			parts.log.Warn("crawled bulletin rejected", "source", m.Source, "error", r)
		},
	})
	return []runner{{
		name:  "scheduled crawl",
		ready: q.Ready,
		run: func(ctx context.Context) error {
			qerr := make(chan error, 1)
			// The queue outlives ctx so that what was crawled is indexed
			// before the index closes.
			go func() { qerr <- q.Run(context.WithoutCancel(ctx)) }()
			err := crawl.Schedule(ctx, cfg, interval, publishSink{p: q, topic: ingest.DefaultBulletinsTopic})
			q.Close()
			return errors.Join(err, <-qerr)
		},
	}}, nil
}
