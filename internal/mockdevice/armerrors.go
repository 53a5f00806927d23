package mockdevice

import (
	"encoding/json"
	"net/http"
)

// armError is ARM's error body: {"error":{"code","message","details"}}.
type armError struct {
	Code    string     `json:"code"`
	Message string     `json:"message"`
	Details []armError `json:"details,omitempty"`
}

func (e *armError) Error() string { return e.Code + ": " + e.Message }

// statusError pairs an ARM error with the HTTP status it is answered with.
type statusError struct {
	Status int
	armError
}

func newError(status int, code, message string) *statusError {
	return &statusError{Status: status, armError: armError{Code: code, Message: message}}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

func writeError(w http.ResponseWriter, e *statusError) {
	w.Header().Set("x-ms-error-code", e.Code)
	writeJSON(w, e.Status, map[string]any{"error": e.armError})
}

func notFound(kind, name string) *statusError {
	return newError(http.StatusNotFound, "ResourceNotFound",
		"The Resource '"+kind+"/"+name+"' was not found.")
}

func badRequest(code, message string) *statusError {
	return newError(http.StatusBadRequest, code, message)
}

func conflict(code, message string) *statusError {
	return newError(http.StatusConflict, code, message)
}
