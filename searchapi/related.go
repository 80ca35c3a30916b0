package searchapi

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// Relater links documents to each other: similar records, the bulletins
// about a petition or a cluster, the petitions a bulletin is about. The
// index implements it; an Index without it answers 501 on these routes.
type Relater interface {
	Similar(ctx context.Context, id string, size int) ([]xinfang.Link, error)
	Linked(ctx context.Context, id string, size int) ([]xinfang.Link, error)
	ClusterBulletins(ctx context.Context, key string, size int) ([]xinfang.Link, error)
}

var relatedParams = []string{"size"}

// similarResponse is the body of GET /api/v1/documents/{id}/similar.
type similarResponse struct {
	ID      string         `json:"id"`
	Similar []xinfang.Link `json:"similar"`
}

func (s *Server) relater(w http.ResponseWriter, r *http.Request) (Relater, int, bool) {
	rel, ok := s.cfg.Index.(Relater)
	if !ok {
		writeJSON(w, http.StatusNotImplemented, errorBody{Error: errorDetail{Code: xinfang.EINTERNAL, Message: "this index does not link documents"}})
		return nil, 0, false
	}
	size, err := parseInt(r.URL.Query(), "size", 1, 50, 10)
	if err != nil {
		s.writeError(w, r, err)
		return nil, 0, false
	}
	return rel, size, true
}

// pathID returns the {id} of a document route, checked.
func pathID(r *http.Request) (string, error) {
	id := r.PathValue("id")
	switch {
	case strings.TrimSpace(id) == "":
		return "", xinfang.FieldError("id", "is empty")
	case len(id) > maxIDBytes:
		return "", xinfang.FieldError("id", "is longer than %d bytes", maxIDBytes)
	case !utf8.ValidString(id):
		return "", xinfang.FieldError("id", "is not valid UTF-8")
	}
	return id, nil
}

// documentLinks reads what the link routes of a document take: the id,
// the index's Relater and the size; false when it answered an error.
func (s *Server) documentLinks(w http.ResponseWriter, r *http.Request) (string, Relater, int, bool) {
	id, err := pathID(r)
	if err != nil {
		s.writeError(w, r, err)
		return "", nil, 0, false
	}
	rel, size, ok := s.relater(w, r)
	return id, rel, size, ok
}

func (s *Server) handleSimilar(w http.ResponseWriter, r *http.Request) {
	id, rel, size, ok := s.documentLinks(w, r)
	if !ok {
		return
	}
	links, err := rel.Similar(r.Context(), id, size)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, similarResponse{ID: maskText(id), Similar: maskLinks(links)})
}

func (s *Server) handleRelated(w http.ResponseWriter, r *http.Request) {
	id, rel, size, ok := s.documentLinks(w, r)
	if !ok {
		return
	}
	doc, err := s.cfg.Index.Get(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	links, err := rel.Linked(r.Context(), id, size)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := map[string]any{"id": maskText(id), "kind": doc.Kind}
	if doc.Kind == xinfang.KindBulletin {
		out["petitions"] = nonNil(maskLinks(links))
	} else {
		out["bulletins"] = nonNil(maskLinks(links))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleClusterBulletins(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	if !clusterKey.MatchString(key) {
		s.writeError(w, r, xinfang.FieldError("key", "%q is not a cluster key", truncate(key)))
		return
	}
	rel, size, ok := s.relater(w, r)
	if !ok {
		return
	}
	links, err := rel.ClusterBulletins(r.Context(), key, size)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"key": key, "bulletins": nonNil(maskLinks(links))})
}

func nonNil(l []xinfang.Link) []xinfang.Link {
	if l == nil {
		return []xinfang.Link{}
	}
	return l
}

// maskLinks masks links as hits, and their reasons (a respondent's name
// may hold a phone number).
func maskLinks(links []xinfang.Link) []xinfang.Link {
	out := make([]xinfang.Link, len(links))
	for i, l := range links {
		l.Hit = maskHits([]xinfang.Hit{l.Hit})[0]
		l.Reasons = maskStrings(l.Reasons)
		l.Resolution = maskText(l.Resolution)
		out[i] = l
	}
	return out
}
