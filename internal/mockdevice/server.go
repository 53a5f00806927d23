package mockdevice

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"time"
)

// Server is a Device served over TLS on a loopback port: what tests start
// in-process and what the mockdevice command runs.
type Server struct {
	*Device
	srv *http.Server
	ln  net.Listener
	url string
}

// Start makes a device from opts and serves it over TLS on opts.Listen
// (by default a free loopback port).
func Start(opts Options) (*Server, error) {
	d, err := New(opts)
	if err != nil {
		return nil, err
	}
	cert, err := d.ca.serverCertificate(d.opts.DeviceName, d.opts.DNSDomain)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", d.opts.Listen)
	if err != nil {
		return nil, err
	}
	s := &Server{Device: d, ln: ln, url: "https://" + urlHost(ln.Addr().String())}
	s.srv = &http.Server{
		Handler:           d,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 30 * time.Second,
		// HTTP/1.1 only, so fault injection can drop connections.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
		// Handshakes clients refuse (as a wrong CA makes them) are the
		// client's business; keep them out of the device's output.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() { _ = s.srv.ServeTLS(ln, "", "") }()
	return s, nil
}

// urlHost turns a listener address into a URL host: an unspecified address
// becomes 127.0.0.1, which the certificate names.
func urlHost(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// URL is the device's ARM endpoint, https://127.0.0.1:<port>.
func (s *Server) URL() string { return s.url }

// Close stops serving and waits for requests in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	return err
}

// Env is every setting the provider needs to use all of the device: its
// ARM endpoint, password, CA file, and the Azure side with its credentials.
func (s *Server) Env(caFile string) [][2]string {
	c := s.Credentials()
	return [][2]string{
		{"AZURESTACKEDGE_ARM_ENDPOINT", s.URL()},
		{"AZURESTACKEDGE_ARM_PASSWORD", c.Password},
		{"AZURESTACKEDGE_SUBSCRIPTION_ID", c.SubscriptionID},
		{"AZURESTACKEDGE_CA_CERTIFICATE", caFile},
		{"AZURESTACKEDGE_DEVICE_RELEASE", s.Hardware().Release.String()},
		{"AZURESTACKEDGE_DEVICE_ID", c.DeviceID},
		{"AZURESTACKEDGE_AZURE_ENDPOINT", s.URL()},
		{"AZURE_TENANT_ID", c.AzureTenantID},
		{"AZURE_CLIENT_ID", c.AzureClientID},
		{"AZURE_CLIENT_SECRET", c.AzureClientSecret},
		{"AZURE_AUTHORITY_HOST", s.URL() + "/"},
	}
}

// ExportLines is Env as shell export lines to paste.
func (s *Server) ExportLines(caFile string) string {
	var b strings.Builder
	for _, kv := range s.Env(caFile) {
		fmt.Fprintf(&b, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
	return b.String()
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		safe := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=", r)
		return !safe
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
