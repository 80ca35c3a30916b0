package searchapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/xinfang/xinfang"
)

// errorBody is the JSON of every error response:
// {"error": {"code": "invalid", "message": "size: …"}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// statusOf maps an error code to its HTTP status.
func statusOf(code string) int {
	switch code {
	case xinfang.EINVALID:
		return http.StatusBadRequest
	case xinfang.ENOTFOUND:
		return http.StatusNotFound
	case xinfang.ECONFLICT:
		return http.StatusConflict
	case xinfang.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// errTooLarge marks a request body over the limit.
var errTooLarge = errors.New("request body too large")

// writeError writes err as the JSON error envelope. Internal causes are
// logged and replaced by a generic message; user-facing messages are masked
// because they may quote a parameter value.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := xinfang.ErrorCode(err)
	status := statusOf(code)
	msg := xinfang.ErrorMessage(err)
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		code, status, msg = xinfang.EUNAVAILABLE, http.StatusGatewayTimeout, "request timed out"
	case errors.Is(err, context.Canceled):
		code, status, msg = xinfang.EUNAVAILABLE, http.StatusServiceUnavailable, "request cancelled"
	case errors.As(err, &maxErr) || errors.Is(err, errTooLarge):
		code, status, msg = xinfang.EINVALID, http.StatusRequestEntityTooLarge, "request body is larger than the limit of "+formatBytes(s.cfg.MaxBodyBytes)
	case errors.Is(err, xinfang.ErrOverBudget):
		waitRefusal(r.Context())
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", "1")
		noteFrom(r.Context()).refusal = msg
		s.metrics.rejected.Inc()
	case code == xinfang.EINTERNAL:
		s.log.LogAttrs(r.Context(), slog.LevelError, "internal error",
			slog.String("method", r.Method), slog.String("route", r.Pattern), slog.String("error", err.Error()))
		msg = "internal error"
	}
	if msg == "" {
		msg = code
	}
	writeJSON(w, status, errorBody{Error: errorDetail{Code: code, Message: xinfang.MaskText(msg)}})
}

// writeJSON writes v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only a bug gets here (an unsupported value); say so in JSON.
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"internal error"}}` + "\n")
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
