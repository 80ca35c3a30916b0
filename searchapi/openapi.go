package searchapi

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3.0 document of the API, written by hand; a test
// checks that it names every route and query parameter of routes().
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(openAPI)
}
