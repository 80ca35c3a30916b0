package searchapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// Watches is what the server calls on the watches and their alerts.
// Errors should be *xinfang.Error values with codes.
type Watches interface {
	// Create stores w, whose filters (by parameter name) parse to f.
	Create(ctx context.Context, w xinfang.Watch, f xinfang.Filters) (xinfang.Watch, error)
	Watches(ctx context.Context) ([]xinfang.Watch, error)
	Watch(ctx context.Context, id string) (xinfang.Watch, error)
	Delete(ctx context.Context, id string) error
	Alerts(ctx context.Context, f xinfang.AlertFilter) ([]xinfang.Alert, error)
	Alert(ctx context.Context, id string) (xinfang.Alert, error)
	Ack(ctx context.Context, id, by string) (xinfang.Alert, error)
	Assign(ctx context.Context, id, assignee string) (xinfang.Alert, error)
}

var alertParams = []string{"watch_id", "state", "assignee", "limit"}

// actionWatch audits changes to watches and alerts (create, delete,
// acknowledge, assign).
const actionWatch = "watch"

// watchRoutes are the routes of watches and alerts. Alerts hold masked
// records, so every route needs the analyst role: the staff who watch
// for risk set up watches and handle what they raise.
func (s *Server) watchRoutes() []route {
	return []route{
		{method: "POST", path: "/api/v1/watches", handler: s.handleCreateWatch, api: true, role: RoleAnalyst, action: actionWatch},
		{method: "GET", path: "/api/v1/watches", handler: s.handleWatches, api: true, role: RoleAnalyst, action: actionRead},
		{method: "GET", path: "/api/v1/watches/{id}", handler: s.handleWatch, api: true, role: RoleAnalyst, action: actionRead},
		{method: "DELETE", path: "/api/v1/watches/{id}", handler: s.handleDeleteWatch, api: true, role: RoleAnalyst, action: actionWatch},
		{method: "GET", path: "/api/v1/alerts", handler: s.handleAlerts, api: true, params: alertParams, role: RoleAnalyst, action: actionRead},
		{method: "GET", path: "/api/v1/alerts/{id}", handler: s.handleAlert, api: true, role: RoleAnalyst, action: actionRead},
		{method: "POST", path: "/api/v1/alerts/{id}/ack", handler: s.handleAck, api: true, role: RoleAnalyst, action: actionWatch},
		{method: "POST", path: "/api/v1/alerts/{id}/assign", handler: s.handleAssign, api: true, role: RoleAnalyst, action: actionWatch},
	}
}

// watches returns the configured watches, or writes 503 and returns nil.
func (s *Server) watches(w http.ResponseWriter, r *http.Request) Watches {
	if s.cfg.Watches == nil {
		s.writeError(w, r, xinfang.Errorf(xinfang.EUNAVAILABLE, "watches are not enabled on this server"))
	}
	return s.cfg.Watches
}

// watchRequest is the body of POST /api/v1/watches. Filters have the names
// and values of the search's parameters, each a string (comma-separated
// values allowed) or a list of strings.
type watchRequest struct {
	Name    string                     `json:"name"`
	Query   string                     `json:"q"`
	Filters map[string]json.RawMessage `json:"filters"`
	Rule    xinfang.Rule               `json:"rule"`
	Webhook *xinfang.Webhook           `json:"webhook"`
}

// createdResponse is the body of 201 Created.
type createdResponse struct {
	ID string `json:"id"`
}

func (s *Server) handleCreateWatch(w http.ResponseWriter, r *http.Request) {
	ws := s.watches(w, r)
	if ws == nil {
		return
	}
	var req watchRequest
	if !s.decodeBody(w, r, &req, "name, q, filters, rule, webhook") {
		return
	}
	if len(req.Query) > MaxQueryBytes {
		s.writeError(w, r, xinfang.FieldError("q", "is %d bytes, more than the limit of %d", len(req.Query), MaxQueryBytes))
		return
	}
	values, err := filterValues(req.Filters)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f, err := parseFilters(values, s.cfg.Analyzer)
	if err != nil {
		s.writeError(w, r, prefixField("filters.", err))
		return
	}
	// The search checks the query and filters exactly as it will run them.
	if _, err := s.cfg.Index.Search(r.Context(), xinfang.SearchRequest{Query: req.Query, Filters: f}); err != nil {
		if xinfang.ErrorCode(err) == xinfang.EINVALID {
			err = prefixField("", err)
		}
		s.writeError(w, r, err)
		return
	}
	created, err := ws.Create(r.Context(), xinfang.Watch{Name: req.Name, Query: req.Query, Filters: values, Rule: req.Rule, Webhook: req.Webhook}, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/watches/"+url.PathEscape(created.ID))
	writeJSON(w, http.StatusCreated, createdResponse{ID: created.ID})
}

// filterValues turns the filters object into query parameters, refusing
// names the search does not know.
func filterValues(raw map[string]json.RawMessage) (url.Values, error) {
	v := url.Values{}
	for name, msg := range raw {
		if !slices.Contains(filterParams, name) {
			return nil, xinfang.FieldError("filters."+truncate(name), "unknown filter (want one of %s)", strings.Join(filterParams, ", "))
		}
		var one string
		if err := json.Unmarshal(msg, &one); err == nil {
			if one != "" {
				v.Set(name, one)
			}
			continue
		}
		var many []string
		if err := json.Unmarshal(msg, &many); err != nil {
			return nil, xinfang.FieldError("filters."+name, "must be a string or a list of strings")
		}
		if singleParams[name] && len(many) > 1 {
			return nil, xinfang.FieldError("filters."+name, "takes one value, not %d", len(many))
		}
		for _, s := range many {
			if s != "" {
				v.Add(name, s)
			}
		}
	}
	return v, nil
}

// prefixField puts prefix before the field of an EINVALID error.
func prefixField(prefix string, err error) error {
	var e *xinfang.Error
	if !errors.As(err, &e) || e.Code != xinfang.EINVALID {
		return err
	}
	out := *e
	if out.Field == "" {
		out.Field = "q"
	} else {
		out.Field = prefix + out.Field
	}
	return &out
}

// watchesResponse is the body of GET /api/v1/watches.
type watchesResponse struct {
	Watches []xinfang.Watch `json:"watches"`
}

func (s *Server) handleWatches(w http.ResponseWriter, r *http.Request) {
	ws := s.watches(w, r)
	if ws == nil {
		return
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, watchesResponse{Watches: list})
}

func (s *Server) handleWatch(w http.ResponseWriter, r *http.Request) {
	ws := s.watches(w, r)
	if ws == nil {
		return
	}
	got, err := ws.Watch(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, got)
}

func (s *Server) handleDeleteWatch(w http.ResponseWriter, r *http.Request) {
	ws := s.watches(w, r)
	if ws == nil {
		return
	}
	if err := ws.Delete(r.Context(), r.PathValue("id")); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// alertsResponse is the body of GET /api/v1/alerts.
type alertsResponse struct {
	Alerts []xinfang.Alert `json:"alerts"`
}

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	ws := s.watches(w, r)
	if ws == nil {
		return
	}
	v := r.URL.Query()
	state, err := oneOf(v, "state", []string{"open", "acked"})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	limit, err := parseInt(v, "limit", 1, 1000, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := ws.Alerts(r.Context(), xinfang.AlertFilter{WatchID: v.Get("watch_id"), State: state, Assignee: v.Get("assignee"), Limit: limit})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, alertsResponse{Alerts: list})
}

func (s *Server) handleAlert(w http.ResponseWriter, r *http.Request) {
	ws := s.watches(w, r)
	if ws == nil {
		return
	}
	a, err := ws.Alert(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// ackRequest is the optional body of POST /api/v1/alerts/{id}/ack.
type ackRequest struct {
	By string `json:"by"`
}

func (s *Server) handleAck(w http.ResponseWriter, r *http.Request) {
	ws := s.watches(w, r)
	if ws == nil {
		return
	}
	var req ackRequest
	if !s.decodeBody(w, r, &req, "by") {
		return
	}
	// An authenticated caller acknowledges as itself.
	if p, ok := principalFrom(r.Context()); ok {
		req.By = p.Name
	}
	a, err := ws.Ack(r.Context(), r.PathValue("id"), req.By)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// assignRequest is the body of POST /api/v1/alerts/{id}/assign.
type assignRequest struct {
	Assignee string `json:"assignee"`
}

func (s *Server) handleAssign(w http.ResponseWriter, r *http.Request) {
	ws := s.watches(w, r)
	if ws == nil {
		return
	}
	var req assignRequest
	if !s.decodeBody(w, r, &req, "assignee") {
		return
	}
	a, err := ws.Assign(r.Context(), r.PathValue("id"), req.Assignee)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// decodeBody reads a JSON object into v; an empty body leaves v as it is.
// It writes the error and returns false when the body is not acceptable.
func (s *Server) decodeBody(w http.ResponseWriter, r *http.Request, v any, fields string) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			writeJSON(w, http.StatusUnsupportedMediaType, errorBody{Error: errorDetail{Code: xinfang.EINVALID, Message: "Content-Type must be application/json"}})
			return false
		}
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		s.writeError(w, r, err)
		return false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return true
	}
	if !utf8.Valid(data) {
		s.writeError(w, r, xinfang.FieldError("body", "is not valid UTF-8"))
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field != "":
			err = xinfang.FieldError(typeErr.Field, "has the wrong type (%s)", typeErr.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			err = xinfang.FieldError(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "unknown field (want %s)", fields)
		default:
			err = xinfang.FieldError("body", "is not a JSON object: %v", err)
		}
		s.writeError(w, r, err)
		return false
	}
	if dec.More() {
		s.writeError(w, r, xinfang.FieldError("body", "has trailing data after the JSON object"))
		return false
	}
	return true
}
