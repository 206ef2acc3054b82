// Package neo4jtest gives integration tests a real Neo4j: the server named
// by NEO4J_TEST_URI (make test starts a throwaway one and sets it). Tests
// that need it call Open, which wipes the graph first.
//
// When NEO4J_TEST_URI is unset the test is skipped — unless CI is set, where
// a missing server is a failure, never a skip. When it is set but the server
// cannot be reached, the test fails.
package neo4jtest

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph/neo4jstore"
)

// EnvURI names the variable that enables integration tests.
const EnvURI = "NEO4J_TEST_URI"

// Enabled reports whether tests against Neo4j run here: NEO4J_TEST_URI is
// set, or CI is (where Open fails rather than skips without a server).
// Tests that run against several stores add the Neo4j case only then, so
// that a run without Neo4j reports no skip for it.
func Enabled() bool { return os.Getenv(EnvURI) != "" || os.Getenv("CI") != "" }

// Open returns a store connected to the test server, with the schema
// ensured and the graph empty. It closes the store when the test ends.
// Tests using it must not run in parallel with each other.
func Open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	uri := os.Getenv(EnvURI)
	if uri == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: CI must run the integration tests (use make test)", EnvURI)
		}
		t.Skipf("%s is not set; run make test to start a throwaway Neo4j", EnvURI)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{
		URI:       uri,
		User:      os.Getenv("NEO4J_TEST_USER"),
		Password:  os.Getenv("NEO4J_TEST_PASSWORD"),
		Database:  os.Getenv("NEO4J_TEST_DATABASE"),
		TxTimeout: time.Minute,
	}, Logger(t))
	if err != nil {
		t.Fatalf("%s=%s: %v", EnvURI, uri, err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// Logger returns a logger writing to the test log when -v is set, and
// nowhere otherwise.
func Logger(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}
