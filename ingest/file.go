package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// MaxLineBytes bounds one line of a JSON Lines file; a longer line is
// reported as bad and skipped without being held in memory.
const MaxLineBytes = 16 << 20

// Item is one record read from a file: the JSON to index or publish, or the
// error that rejects the line.
type Item struct {
	Line  int    // 1-based line of the record (of the row's start in CSV)
	Kind  string // xinfang.KindPetition or xinfang.KindBulletin
	ID    string
	Value []byte // the record as JSON: the line itself, or built from the CSV row
	Err   error  // a *LineError when the line is bad; then Value is nil
}

// Message returns the item as a message for topics, keyed by its id.
func (it *Item) Message(topics Topics, source string) Message {
	return Message{
		Topic:  topics.Topic(it.Kind),
		Key:    []byte(it.ID),
		Value:  it.Value,
		Source: fmt.Sprintf("%s:%d", source, it.Line),
	}
}

// LineError is a bad line or row of an input file.
type LineError struct {
	File string
	Line int
	Err  error // usually an EINVALID *xinfang.Error naming the field
}

// Error returns "file:line: error".
func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the error of the line.
func (e *LineError) Unwrap() error { return e.Err }

// Format is the format of an input file.
type Format int

// Input formats.
const (
	FormatAuto  Format = iota // by extension, else by the first byte
	FormatJSONL               // one JSON object per line
	FormatCSV                 // a header row, then one record per row
)

// FileOptions configure a FileReader.
type FileOptions struct {
	Format Format
	// Kind forces the kind of every record; "" detects it per line (a JSON
	// object with a "url" field is a bulletin). CSV rows are petitions.
	Kind string
	// Now stamps records without received_at during validation (default
	// time.Now); the Value keeps the line as written.
	Now func() time.Time
}

// FileReader reads petition records and bulletins from a JSON Lines or CSV
// stream, one at a time, in constant memory. Each record is decoded
// strictly with xinfang.DecodeRecord or xinfang.DecodeBulletin; a bad line
// gives an Item with Err set and reading goes on.
type FileReader struct {
	name string
	opts FileOptions
	br   *bufio.Reader
	line int    // lines consumed (JSONL)
	buf  []byte // the current line (JSONL)

	csv     *csv.Reader
	columns []csvColumn
}

// NewFileReader returns a reader of r; name (usually the file path) is used
// in errors and to detect the format by extension.
func NewFileReader(r io.Reader, name string, opts FileOptions) (*FileReader, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	fr := &FileReader{name: name, opts: opts, br: bufio.NewReaderSize(r, 64<<10)}
	if fr.opts.Format == FormatAuto {
		fr.opts.Format = fr.sniff()
	}
	if fr.opts.Format == FormatCSV {
		if err := fr.startCSV(); err != nil {
			return nil, err
		}
	}
	return fr, nil
}

// sniff picks the format from the extension, else from the first non-blank
// byte ('{' is JSON Lines).
func (fr *FileReader) sniff() Format {
	switch strings.ToLower(filepath.Ext(fr.name)) {
	case ".csv":
		return FormatCSV
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	}
	for n := 1; n <= 4096; n *= 2 {
		b, err := fr.br.Peek(n)
		b = bytes.TrimPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("\ufeff"))
		if len(b) > 0 {
			if b[0] == '{' {
				return FormatJSONL
			}
			return FormatCSV
		}
		if err != nil {
			break
		}
	}
	return FormatJSONL
}

// Next returns the next record, or io.EOF at the end. Any other error is a
// read error of the stream; bad lines come back as items with Err set.
func (fr *FileReader) Next() (Item, error) {
	if fr.opts.Format == FormatCSV {
		return fr.nextCSV()
	}
	return fr.nextJSONL()
}

func (fr *FileReader) lineError(line int, err error) Item {
	return Item{Line: line, Err: &LineError{File: fr.name, Line: line, Err: err}}
}

func (fr *FileReader) nextJSONL() (Item, error) {
	for {
		line, tooLong, err := fr.readLine()
		if err != nil {
			return Item{}, err
		}
		fr.line++
		if tooLong {
			return fr.lineError(fr.line, xinfang.Errorf(xinfang.EINVALID, "line is longer than %d bytes", MaxLineBytes)), nil
		}
		if fr.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		return fr.decode(fr.line, line, fr.opts.Kind), nil
	}
}

// readLine returns the next line without its newline. A line longer than
// MaxLineBytes is skipped and reported with tooLong. It returns io.EOF only
// when no bytes are left.
func (fr *FileReader) readLine() (line []byte, tooLong bool, err error) {
	// The buffer is reused from line to line; decode copies what it keeps.
	buf := fr.buf[:0]
	defer func() { fr.buf = buf[:0] }()
	for {
		chunk, err := fr.br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > MaxLineBytes+1 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(buf, []byte("\n")), tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(buf) == 0 && !tooLong {
				return nil, false, io.EOF
			}
			return buf, tooLong, nil
		default:
			return nil, false, fmt.Errorf("ingest: read %s: %w", fr.name, err)
		}
	}
}

// decode validates one JSON record; kind "" detects it.
func (fr *FileReader) decode(line int, data []byte, kind string) Item {
	if kind == "" {
		kind = detectKind(data)
	}
	// The consumer's limit applies here too: a record too large for it is
	// reported now rather than dead-lettered later.
	doc, rej := decodeKind(kind, nil, data, DefaultMaxMessageBytes, fr.opts.Now())
	if rej != nil {
		return fr.lineError(line, rej.Err)
	}
	return Item{Line: line, Kind: kind, ID: doc.ID, Value: bytes.Clone(data)}
}

// detectKind tells a bulletin (a JSON object with a "url" field) from a
// petition record.
func detectKind(data []byte) string {
	var probe struct {
		URL json.RawMessage `json:"url"`
	}
	if json.Unmarshal(data, &probe) == nil && probe.URL != nil {
		return xinfang.KindBulletin
	}
	return xinfang.KindPetition
}

// csvColumn maps a CSV column to a record field.
type csvColumn struct {
	field string // JSON path, e.g. "content" or "petitioner.name"; "" ignores the column
	name  string // the header as written
}

// csvFields maps accepted headers (lower-cased) to record fields.
var csvFields = map[string]string{
	"id": "id", "编号": "id", "信访件编号": "id",
	"received_at": "received_at", "受理时间": "received_at", "登记时间": "received_at",
	"channel": "channel", "渠道": "channel", "信访形式": "channel",
	"region": "region", "地区": "region", "问题属地": "region",
	"respondent": "respondent", "被反映单位": "respondent", "被反映人": "respondent",
	"title": "title", "标题": "title",
	"content": "content", "内容": "content", "信访内容": "content",
	"headcount": "headcount", "人数": "headcount",
	"status": "status", "状态": "status", "办理状态": "status",
	// 受理时间 is received_at above (DESIGN.md); the acceptance decision
	// has its own names.
	"accepted_at": "accepted_at", "确认受理时间": "accepted_at", "决定受理时间": "accepted_at", "受理告知时间": "accepted_at",
	"closed_at": "closed_at", "办结时间": "closed_at", "办结日期": "closed_at", "结案时间": "closed_at",
	"deadline_at": "deadline_at", "办理期限": "deadline_at", "办结期限": "deadline_at", "截止时间": "deadline_at",
	"updated_at": "updated_at", "更新时间": "updated_at", "最后更新时间": "updated_at",
	"petitioner.name": "petitioner.name", "petitioner_name": "petitioner.name", "姓名": "petitioner.name", "信访人": "petitioner.name",
	"petitioner.phone": "petitioner.phone", "petitioner_phone": "petitioner.phone", "电话": "petitioner.phone", "联系电话": "petitioner.phone",
	"petitioner.id_number": "petitioner.id_number", "petitioner_id_number": "petitioner.id_number", "身份证号": "petitioner.id_number", "身份证号码": "petitioner.id_number",
	"petitioner.address": "petitioner.address", "petitioner_address": "petitioner.address", "地址": "petitioner.address", "住址": "petitioner.address",
	"agent.name": "agent.name", "agent_name": "agent.name", "代办员": "agent.name", "代办人": "agent.name",
	"agent.role": "agent.role", "agent_role": "agent.role", "代办员身份": "agent.role",
}

// csvLabels maps the Chinese labels of channels and statuses to their codes.
var csvLabels = func() map[string]map[string]string {
	ch := map[string]string{"网信": "online", "电话信访": "phone"}
	st := map[string]string{"受理": "accepted", "交办": "assigned", "办理中": "in_progress", "办结": "closed", "回访": "follow_up"}
	for _, s := range xinfang.Statuses {
		st[s.Label()] = string(s)
	}
	for _, c := range xinfang.Channels {
		ch[c.Label()] = string(c)
	}
	return map[string]map[string]string{"channel": ch, "status": st}
}()

// China has one time zone; CSV exports usually carry local times.
var chinaTime = xinfang.ChinaTime

var csvTimeLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006/01/02 15:04:05", "2006/01/02 15:04", "2006-01-02", "2006/01/02"}

func (fr *FileReader) startCSV() error {
	fr.csv = csv.NewReader(fr.br)
	fr.csv.ReuseRecord = true
	header, err := fr.csv.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("ingest: read %s: empty CSV file (want a header row)", fr.name)
		}
		return fmt.Errorf("ingest: read %s: header: %w", fr.name, err)
	}
	fr.columns = make([]csvColumn, len(header))
	seen := map[string]string{}
	for i, h := range header {
		name := strings.TrimSpace(h)
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff")
		}
		field := csvFields[strings.ToLower(name)]
		if field != "" {
			if prev, dup := seen[field]; dup {
				return fmt.Errorf("ingest: read %s: header: columns %q and %q both give %s", fr.name, prev, name, field)
			}
			seen[field] = name
		}
		fr.columns[i] = csvColumn{field: field, name: name}
	}
	for _, need := range []string{"id", "content"} {
		if _, ok := seen[need]; !ok {
			return fmt.Errorf("ingest: read %s: header: no %s column (want %s or its Chinese name)", fr.name, need, need)
		}
	}
	return nil
}

func (fr *FileReader) nextCSV() (Item, error) {
	row, err := fr.csv.Read()
	line, _ := fr.csv.FieldPos(0)
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		return Item{}, io.EOF
	case errors.As(err, &pe):
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return fr.lineError(pe.StartLine, xinfang.Errorf(xinfang.EINVALID, "row has %d fields, the header has %d", len(row), len(fr.columns))), nil
		}
		return fr.lineError(pe.StartLine, xinfang.Errorf(xinfang.EINVALID, "not valid CSV: %v", pe.Err)), nil
	case err != nil:
		return Item{}, fmt.Errorf("ingest: read %s: %w", fr.name, err)
	}
	obj, ferr := fr.rowObject(row)
	if ferr != nil {
		return fr.lineError(line, ferr), nil
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return fr.lineError(line, xinfang.Errorf(xinfang.EINVALID, "cannot encode the row: %v", err)), nil
	}
	return fr.decode(line, data, xinfang.KindPetition), nil
}

// rowObject builds the JSON object of one row. Empty cells are left out;
// 人数/headcount must be a whole number; Chinese channel and status labels
// and local times without a zone are accepted.
func (fr *FileReader) rowObject(row []string) (map[string]any, error) {
	obj := map[string]any{}
	for i, cell := range row {
		col := fr.columns[i]
		if col.field == "" {
			continue
		}
		if !utf8.ValidString(cell) {
			return nil, xinfang.FieldError(col.field, "is not valid UTF-8 (column %q)", col.name)
		}
		v := strings.TrimSpace(cell)
		if v == "" {
			continue
		}
		var val any = v
		switch col.field {
		case "content":
			val = cell // keep the text as written
		case "headcount":
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, xinfang.FieldError("headcount", "%q is not a whole number (column %q)", clip(v, 40), col.name)
			}
			val = n
		case "channel", "status":
			if code, ok := csvLabels[col.field][v]; ok {
				val = code
			}
		case "received_at", "accepted_at", "closed_at", "deadline_at", "updated_at":
			val = csvTime(v)
		}
		if parent, child, ok := strings.Cut(col.field, "."); ok {
			sub, _ := obj[parent].(map[string]any)
			if sub == nil {
				sub = map[string]any{}
				obj[parent] = sub
			}
			sub[child] = val
			continue
		}
		obj[col.field] = val
	}
	return obj, nil
}

// csvTime turns a local time of a CSV export into RFC 3339 (China time);
// anything else is passed on for DecodeRecord to judge.
func csvTime(v string) string {
	if _, err := time.Parse(time.RFC3339, v); err == nil {
		return v
	}
	for _, layout := range csvTimeLayouts {
		if t, err := time.ParseInLocation(layout, v, chinaTime); err == nil {
			return t.Format(time.RFC3339)
		}
	}
	return v
}
