package static

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	tests := map[string]bool{
		"":                   false,
		"gzip":               true,
		"br, gzip;q=0.8":     true,
		"GZIP":               true,
		"gzip;q=0":           false,
		"deflate, gzip; q=0": false,
		"identity":           false,
		"x-gzip":             false,
	}
	for in, want := range tests {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Encoding", in)
		if got := acceptsGzip(r); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", in, got, want)
		}
	}
}
