package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestServePprof(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	tests := []struct {
		name    string
		addr    string
		wantErr string // "" for none
	}{
		{name: "off", addr: ""},
		{name: "loopback", addr: "127.0.0.1:0"},
		{name: "localhost", addr: "localhost:0"},
		{name: "any address", addr: ":0", wantErr: "loopback address only"},
		{name: "all interfaces", addr: "0.0.0.0:0", wantErr: "loopback address only"},
		{name: "no port", addr: "127.0.0.1", wantErr: "pprof address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errc := make(chan error, 1)
			srv, err := servePprof(tt.addr, errc, log)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("servePprof(%q) = %v, want an error containing %q", tt.addr, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("servePprof(%q): %v", tt.addr, err)
			}
			if tt.addr == "" {
				if srv != nil {
					t.Fatal("a server without an address")
				}
				return
			}
			defer srv.Close()
			rec := httpGet(t, srv.Handler, "/debug/pprof/")
			if !strings.Contains(rec, "goroutine") {
				t.Errorf("index does not list the goroutine profile: %.200s", rec)
			}
		})
	}
}

// httpGet serves one GET of path through h and returns the body.
func httpGet(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, w.Code)
	}
	return w.Body.String()
}
