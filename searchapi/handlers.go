package searchapi

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// Every handler parses, calls, masks and writes. The query string has
// passed checkParams already.

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	req, err := parseSearch(r.URL.Query(), s.cfg.Analyzer)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// Counts, facets and histograms are for viewers; hits quote records.
	if req.Size > 0 && !s.requireRole(w, r, RoleAnalyst, "search hits (a viewer asks with size=0)") {
		return
	}
	res, err := s.cfg.Index.Search(r.Context(), req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteResults(r.Context(), len(res.Hits), int(res.Total))
	writeJSON(w, http.StatusOK, maskSearchResult(res))
}

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	identity, err := oneOf(r.URL.Query(), "identity", []string{"masked", "full"})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteFrom(r.Context()).documentID = id
	if identity == "full" {
		s.serveIdentity(w, r, id)
		return
	}
	if r.URL.Query().Has("reason") {
		s.writeError(w, r, xinfang.FieldError("reason", "is only for identity=full"))
		return
	}
	doc, err := s.cfg.Index.Get(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteResults(r.Context(), 1, -1)
	writeJSON(w, http.StatusOK, maskDocument(doc))
}

func (s *Server) handleTrends(w http.ResponseWriter, r *http.Request) {
	req, err := parseTrends(r.URL.Query(), s.cfg.Analyzer)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res, err := s.cfg.Index.Trends(r.Context(), req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteResults(r.Context(), len(res.Series), -1)
	writeJSON(w, http.StatusOK, maskTrends(res))
}

// clustersResponse is the body of GET /api/v1/clusters.
type clustersResponse struct {
	Clusters []xinfang.Cluster `json:"clusters"`
}

func (s *Server) handleClusters(w http.ResponseWriter, r *http.Request) {
	req, err := parseClusters(r.URL.Query(), s.cfg.Analyzer)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	cs, err := s.cfg.Index.Clusters(r.Context(), req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteResults(r.Context(), len(cs), -1)
	writeJSON(w, http.StatusOK, clustersResponse{Clusters: maskClusters(cs)})
}

func (s *Server) handleRisks(w http.ResponseWriter, r *http.Request) {
	req, err := parseRisks(r.URL.Query(), s.cfg.Analyzer)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	board, err := s.cfg.Index.Risks(r.Context(), req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteResults(r.Context(), len(board.Records)+len(board.Clusters), -1)
	writeJSON(w, http.StatusOK, xinfang.RiskBoard{Records: maskHits(board.Records), Clusters: maskClusters(board.Clusters)})
}

func (s *Server) handleHandling(w http.ResponseWriter, r *http.Request) {
	req, err := parseHandling(r.URL.Query(), s.cfg.Analyzer)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res, err := s.cfg.Index.Handling(r.Context(), req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, maskHandling(res))
}

// AnalyzeRequest is the body of POST /api/v1/analyze. Only content is
// required.
type AnalyzeRequest struct {
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"`
	// Kind is petition or bulletin; empty lets the analyzer guess it.
	Kind    string `json:"kind,omitempty"`
	Content string `json:"content"`
}

func (s *Server) handleAnalyze(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			writeJSON(w, http.StatusUnsupportedMediaType, errorBody{Error: errorDetail{Code: xinfang.EINVALID, Message: "Content-Type must be application/json"}})
			return
		}
	}
	req, err := decodeAnalyze(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	a := s.cfg.Analyzer.AnalyzeKind(req.Kind, req.ID, req.Title, req.Content)
	if err := r.Context().Err(); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, maskAnalysis(a))
}

func decodeAnalyze(body io.Reader) (AnalyzeRequest, error) {
	var req AnalyzeRequest
	data, err := io.ReadAll(body)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return req, err
		}
		return req, xinfang.FieldError("body", "cannot be read")
	}
	if !utf8.Valid(data) {
		return req, xinfang.FieldError("body", "is not valid UTF-8")
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field != "":
			return req, xinfang.FieldError(typeErr.Field, "must be a JSON string")
		case errors.As(err, &typeErr):
			return req, xinfang.FieldError("body", "must be a JSON object")
		case errors.Is(err, io.EOF):
			return req, xinfang.FieldError("body", "is empty; want a JSON object with content")
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return req, xinfang.FieldError(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "unknown field (want id, title, content)")
		}
		return req, xinfang.FieldError("body", "is not a JSON object: %v", err)
	}
	if dec.More() {
		return req, xinfang.FieldError("body", "has trailing data after the JSON object")
	}
	switch {
	case strings.TrimSpace(req.Content) == "":
		return req, xinfang.FieldError("content", "is required")
	case len(req.Content) > xinfang.MaxContentBytes:
		return req, xinfang.FieldError("content", "is %d bytes, more than the limit of %d", len(req.Content), xinfang.MaxContentBytes)
	case len(req.ID) > maxIDBytes:
		return req, xinfang.FieldError("id", "is longer than %d bytes", maxIDBytes)
	case req.Kind != "" && req.Kind != xinfang.KindPetition && req.Kind != xinfang.KindBulletin:
		return req, xinfang.FieldError("kind", "must be petition or bulletin")
	}
	return req, nil
}

// healthz answers 200 while the process runs.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when Ready says the node can serve, 503 with the
// reason otherwise.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Ready != nil {
		if err := s.cfg.Ready(); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready", "reason": xinfang.MaskText(err.Error())})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}
