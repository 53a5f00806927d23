package mockdevice

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Request is one request the device answered, as its request log keeps it.
type Request struct {
	Time     time.Time     `json:"time"`
	Method   string        `json:"method"`
	Path     string        `json:"path"`
	Query    string        `json:"query,omitempty"`
	Status   int           `json:"status"` // 0 when the connection was dropped
	Duration time.Duration `json:"duration"`
	Fault    string        `json:"fault,omitempty"` // the injected fault, if any
	// UserAgent and CorrelationID are the client's headers, for tests of clients.
	UserAgent     string `json:"userAgent,omitempty"`
	CorrelationID string `json:"correlationId,omitempty"`
}

// requestLogSize bounds the log; older entries are dropped first.
const requestLogSize = 100000

type requestLog struct {
	mu      sync.Mutex
	entries []Request
}

func newRequestLog() *requestLog { return &requestLog{} }

func (l *requestLog) add(r Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) >= requestLogSize {
		l.entries = append(l.entries[:0], l.entries[len(l.entries)/2:]...)
	}
	l.entries = append(l.entries, r)
}

func (l *requestLog) snapshot() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Request(nil), l.entries...)
}

func (l *requestLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = nil
}

// Requests returns the request log, oldest first.
func (d *Device) Requests() []Request { return d.log.snapshot() }

// ResetRequests empties the request log.
func (d *Device) ResetRequests() { d.log.reset() }

// recorder is the ResponseWriter every request goes through: it notes the
// status for the request log and lets fault injection drop the connection.
type recorder struct {
	http.ResponseWriter
	d      *Device
	req    *http.Request
	start  time.Time
	status int
	fault  string
}

func (d *Device) record(w http.ResponseWriter, r *http.Request) *recorder {
	return &recorder{ResponseWriter: w, d: d, req: r, start: time.Now()}
}

func (rec *recorder) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return rec.ResponseWriter.Write(b)
}

// drop closes the connection without an answer.
func (rec *recorder) drop() error {
	hj, ok := rec.ResponseWriter.(http.Hijacker)
	if !ok {
		return errors.New("connection cannot be hijacked")
	}
	var conn net.Conn
	var err error
	if conn, _, err = hj.Hijack(); err != nil {
		return err
	}
	return conn.Close()
}

// Hijack lets handlers below take the connection, as http.Hijacker.
func (rec *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := rec.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("connection cannot be hijacked")
	}
	return hj.Hijack()
}

func (rec *recorder) end() {
	if strings.HasPrefix(rec.req.URL.Path, controlPrefix) {
		// The mock's own control endpoint is not the device's API: its
		// requests are no device requests, and a count of those (reset
		// with DELETE /_mock/requests, read with GET) leaves them out.
		rec.d.logf("%s %s %d (control endpoint)", rec.req.Method, rec.req.URL.Path, rec.status)
		return
	}
	entry := Request{
		Time: rec.start, Method: rec.req.Method, Path: rec.req.URL.Path, Query: rec.req.URL.RawQuery,
		Status: rec.status, Duration: time.Since(rec.start), Fault: rec.fault,
		UserAgent: rec.req.UserAgent(), CorrelationID: rec.req.Header.Get("x-ms-correlation-request-id"),
	}
	rec.d.log.add(entry)
	if rec.fault != "" {
		rec.d.logf("%s %s %d %s (fault: %s)", entry.Method, entry.Path, entry.Status, entry.Duration.Round(time.Microsecond), rec.fault)
	} else {
		rec.d.logf("%s %s %d %s", entry.Method, entry.Path, entry.Status, entry.Duration.Round(time.Microsecond))
	}
}
