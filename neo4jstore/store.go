// Package neo4jstore is hemigraph's Neo4j package: everything that speaks
// Cypher lives here — the schema (constraints and indexes), the batched
// writes of the loader and the read queries of the GraphQL server. It returns
// the domain types of package hemigraph.
//
// Every statement is a named constant beside the function that runs it and
// takes its values as parameters. Labels and relationship types, which Cypher
// cannot take as parameters, come only from the closed sets hemigraph.Kinds
// and hemigraph.RelTypes, through statements prepared once per label or type.
// The statements of the GraphQL root fields are filled in from the query's
// shape (a filter, the relations to read ahead): their parts are constants of
// this package, and every value goes in as a generated parameter ($p0, $p1).
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Config says how to reach Neo4j.
type Config struct {
	URI       string // bolt://, neo4j:// (cluster routing), neo4j+s:// (Aura), ...
	User      string // empty for a server with authentication disabled
	Password  string
	Database  string        // empty means "neo4j"
	TxTimeout time.Duration // bound on every read transaction; 0 means 30s
	// SlowStatement is the time from which a statement is logged as slow
	// (ten times it for a statement of a write transaction, a load's
	// batch); 0 means 1s, a negative value never.
	SlowStatement time.Duration
	// SuspectAfter is how long a transaction may wait outside its
	// statements (connecting, committing, before a retry) before the store
	// dials the server to tell whether it is down; when it is, queries
	// fail at once with query.ErrUnavailable until it answers again. 0
	// means DefaultSuspectAfter (500ms), a negative value never: the
	// driver then retries for 30 s.
	SuspectAfter time.Duration
}

// PoolSize is the number of connections a Store keeps to Neo4j at most.
const PoolSize = 64

// Store is a connection pool to one Neo4j database. It is safe for
// concurrent use.
type Store struct {
	driver    neo4j.DriverWithContext
	db        string
	txTimeout time.Duration
	slow      time.Duration // statements this long are logged
	log       *slog.Logger
	// onStatement, when set, is called with every statement sent; tests use
	// it to count the statements behind a request.
	onStatement func(query string)
	readFirst   readFirst     // how the next write batch of each kind or type starts
	observer    Observer      // metrics and spans; never nil
	avail       *availability // whether the database answers
	// autoCommitFault, when set, is the error the auto-commit attempt of a
	// single-statement read fails with instead of sending it (transact);
	// tests use it to make that attempt fail.
	autoCommitFault error
}

// Open creates a Store and checks that the server answers. It logs to log
// (nothing when nil): slow statements, and the batches written. It returns
// an error when the URI is malformed or the server cannot be reached.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*Store, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.MaxConnectionPoolSize = PoolSize
		c.ConnectionAcquisitionTimeout = 30 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("open neo4j %s: %w", cfg.URI, err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Store{driver: driver, db: cfg.Database, txTimeout: cfg.TxTimeout, slow: cfg.SlowStatement, log: log,
		observer: nopObserver{}}
	suspect := cfg.SuspectAfter
	if suspect == 0 {
		suspect = DefaultSuspectAfter
	}
	s.avail = newAvailability(cfg.URI, suspect, driver.VerifyConnectivity, func(up bool, why error) {
		if up {
			log.Info("neo4j answers again", "uri", cfg.URI)
		} else {
			log.Error("neo4j is unreachable: queries fail at once until it answers", "uri", cfg.URI, "err", why)
		}
		s.observer.Available(up)
	})
	if s.slow == 0 {
		s.slow = time.Second
	}
	if s.db == "" {
		s.db = "neo4j"
	}
	if s.txTimeout == 0 {
		s.txTimeout = 30 * time.Second
	}
	if err := s.Ping(ctx); err != nil {
		s.avail.close()
		driver.Close(ctx)
		return nil, err
	}
	return s, nil
}

// OnStatement registers f to be called with the text of every statement the
// store sends. It is meant for tests and must be called before use.
func (s *Store) OnStatement(f func(query string)) { s.onStatement = f }

// Close releases the connections.
func (s *Store) Close(ctx context.Context) error {
	s.avail.close()
	return s.driver.Close(ctx)
}

// Ping checks that the database answers a query. It returns an error naming
// the server when it does not.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.avail.ready(); err != nil {
		return err
	}
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("reach neo4j: %w", err)
	}
	_, err := s.read(ctx, pingCypher, nil)
	if err != nil {
		return fmt.Errorf("query neo4j database %q: %w", s.db, err)
	}
	return nil
}

const pingCypher = `RETURN 1 AS ok`

// TxTimeout returns the timeout given to a read transaction run under ctx:
// the store's transaction timeout, or the time left before ctx's deadline
// when that is shorter, so that the server stops the transaction when the
// request that asked for it gives up. It returns an error wrapping
// context.DeadlineExceeded when no time is left.
func (s *Store) TxTimeout(ctx context.Context) (time.Duration, error) {
	d := s.txTimeout
	if dl, ok := ctx.Deadline(); ok {
		left := time.Until(dl)
		if left <= 0 {
			return 0, fmt.Errorf("no time left for a transaction: %w", context.DeadlineExceeded)
		}
		// The server counts whole milliseconds; never ask for 0 (no timeout).
		d = max(min(d, left), time.Millisecond)
	}
	return d, nil
}

// timeoutError makes an error caused by the server's transaction timeout
// wrap context.DeadlineExceeded, and one caused by the end of ctx wrap
// ctx.Err().
func timeoutError(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	var nerr *neo4j.Neo4jError
	switch {
	case errors.As(err, &nerr) && strings.Contains(nerr.Code, "TransactionTimedOut"):
		return fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
	case ctx.Err() != nil:
		return fmt.Errorf("%w: %w", ctx.Err(), err)
	}
	return err
}
