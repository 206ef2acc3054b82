package neo4jstore

import (
	"net"
	"testing"
)

// TestDial: a server that accepts connections is up; one that refuses
// them is down at once, without waiting out the retries kept for dials
// that time out.
func TestDial(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	up := ln.Addr().String()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := closed.Addr().String()
	closed.Close()
	defer ln.Close()
	tests := []struct {
		name, addr string
		wantErr    bool
	}{
		{"accepting", up, false},
		{"refusing", down, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &availability{addr: tc.addr, suspect: DefaultSuspectAfter}
			if err := a.dial(); (err != nil) != tc.wantErr {
				t.Errorf("dial() = %v, want an error: %v", err, tc.wantErr)
			}
		})
	}
}
