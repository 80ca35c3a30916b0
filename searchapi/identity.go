package searchapi

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// Full identity (DOMAIN.md, personal data): every response is masked, except
// that a principal holding RoleIdentity may ask for one document with
// ?identity=full&reason=…. The read, with its reason, is written to the
// audit log before the answer leaves (see audited), and an audit log that
// cannot be written refuses it.

// maxReasonBytes bounds the reason of a full-identity read.
const maxReasonBytes = 500

// serveIdentity answers ?identity=full on a document.
func (s *Server) serveIdentity(w http.ResponseWriter, r *http.Request, id string) {
	if !s.authn.enabled() {
		writeJSON(w, http.StatusForbidden, errorBody{Error: errorDetail{Code: codeForbidden, Message: "identity: full identity is not enabled on this server (no principals)"}})
		return
	}
	if !s.requireRole(w, r, RoleIdentity, "full identity") {
		return
	}
	note := noteFrom(r.Context())
	note.action = actionReadIdentity
	reason := strings.TrimSpace(r.URL.Query().Get("reason"))
	switch {
	case reason == "":
		s.writeError(w, r, xinfang.FieldError("reason", "is required with identity=full: say why the full identity is needed (it is audited)"))
		return
	case len(reason) > maxReasonBytes || !utf8.ValidString(reason):
		s.writeError(w, r, xinfang.FieldError("reason", "is longer than %d bytes", maxReasonBytes))
		return
	}
	note.reason = reason
	doc, err := s.cfg.Index.Get(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	noteResults(r.Context(), 1, -1)
	doc.ComplainantKey = ""
	writeJSON(w, http.StatusOK, doc)
}

type requestIDKey struct{}

func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
