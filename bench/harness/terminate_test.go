package harness

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestTerminateRunning ends a statement that has run longer than asked, and
// leaves alone one that has not run that long.
func TestTerminateRunning(t *testing.T) {
	neo4jtest.Open(t) // skips without NEO4J_TEST_URI, fails without it in CI
	ctx := context.Background()
	d, db, err := Neo4j{URI: os.Getenv(neo4jtest.EnvURI), User: os.Getenv("NEO4J_TEST_USER"),
		Password: os.Getenv("NEO4J_TEST_PASSWORD"), Database: os.Getenv("NEO4J_TEST_DATABASE")}.driver()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)

	// A statement that runs for minutes unless ended.
	done := make(chan error, 1)
	go func() {
		_, err := neo4j.ExecuteQuery(ctx, d, `UNWIND range(1, 20000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS c`,
			nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		done <- err
	}()
	time.Sleep(1500 * time.Millisecond)

	if n, err := terminateRunning(ctx, d, db, time.Hour); err != nil || n != 0 {
		t.Fatalf("older than an hour: ended %d, %v; want none", n, err)
	}
	n, err := terminateRunning(ctx, d, db, time.Second)
	if err != nil || n != 1 {
		t.Fatalf("older than a second: ended %d, %v; want the running statement", n, err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Error("the ended statement returned no error")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the statement still runs 30 s after it was ended")
	}
}
