package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest"
)

// maxFailureReports bounds the per-message reports of failed sends; the
// summary counts them all.
const maxFailureReports = 50

func init() {
	register(command{
		name:    "publish",
		summary: "send petition records and bulletins from JSONL or CSV files to Kafka",
		run:     runPublish,
	})
}

// runPublish validates the records of the files and writes the good ones to
// Kafka, keyed by record id, acknowledged by all in-sync replicas. Bad lines
// are reported and not sent; any bad line or failed message makes the exit
// status 1.
func runPublish(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "publish", "publish --kafka-brokers HOST:PORT[,…] [--topic TOPIC] FILE... (- for stdin)")
	brokers := fs.String("kafka-brokers", "", "comma-separated Kafka brokers (required)")
	topic := fs.String("topic", "", "topic of every record (default: petitions, and bulletins for lines with a url field); the topic named bulletins carries bulletins")
	petitions := fs.String("petitions-topic", ingest.DefaultPetitionsTopic, "topic of petition records")
	bulletins := fs.String("bulletins-topic", ingest.DefaultBulletinsTopic, "topic of bulletins")
	batch := fs.Int("batch", 500, "messages per produce call")
	if err := parseConfigured(e, fs, args); err != nil {
		return err
	}
	bs := splitList(*brokers)
	if len(bs) == 0 {
		fmt.Fprintln(e.stderr, "xinfang publish: --kafka-brokers is required (or XINFANG_KAFKA_BROKERS); without Kafka use 'xinfang import'")
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	topics := ingest.Topics{Petitions: *petitions, Bulletins: *bulletins}
	kind := ""
	if *topic != "" {
		// An explicit topic fixes the kind the records are validated as.
		kind = xinfang.KindPetition
		if *topic == topics.Bulletins {
			kind = xinfang.KindBulletin
		}
	}
	p, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: bs})
	if err != nil {
		return err
	}
	defer p.Close()

	start := time.Now()
	in := newInputs(e, "发布", fs.Args())
	var pending []ingest.Message
	var sent, failed int64
	send := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := p.Publish(ctx, pending...)
		var pe *ingest.PublishError
		switch {
		case err == nil:
			sent += int64(len(pending))
		case errors.As(err, &pe):
			batchFailed := 0
			for i, merr := range pe.Errs {
				if merr == nil {
					sent++
					continue
				}
				failed++
				batchFailed++
				if failed <= maxFailureReports {
					in.report(fmt.Errorf("%s: not published: %w", pending[i].Source, merr))
				}
			}
			if batchFailed == len(pending) {
				// Nothing of the batch went through: the brokers are away
				// or refuse the topic; going on would only repeat it.
				return fmt.Errorf("publish: giving up: a whole batch of %d failed: %w", batchFailed, pe.Unwrap()[0])
			}
		default:
			return err
		}
		pending = pending[:0]
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return nil
	}
	readErr := in.each(ctx, kind, func(it ingest.Item, source string) error {
		m := it.Message(topics, source)
		if *topic != "" {
			m.Topic = *topic
		}
		pending = append(pending, m)
		if len(pending) >= *batch {
			return send()
		}
		return nil
	})
	if readErr == nil {
		readErr = send()
	}
	in.finish()
	cerr := p.Close()
	el := time.Since(start)
	fmt.Fprintf(e.stderr, "read %d records: %d published, %d bad, %d failed (elapsed %s, %.0f records/s)\n",
		in.read, sent, in.bad, failed, el.Round(time.Millisecond), float64(sent)/el.Seconds())
	switch {
	case readErr != nil:
		return readErr
	case cerr != nil:
		return cerr
	case in.bad > 0 || failed > 0 || in.failedFiles > 0:
		return errSilent
	}
	return nil
}
