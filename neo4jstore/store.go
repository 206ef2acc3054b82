// Package neo4jstore is hemigraph's Neo4j package: everything that speaks
// Cypher lives here — the schema (constraints and indexes), the batched
// writes of the loader and the read queries of the GraphQL server. It returns
// the domain types of package hemigraph.
//
// Every statement is a named constant beside the function that runs it and
// takes its values as parameters. Labels and relationship types, which Cypher
// cannot take as parameters, come only from the closed sets hemigraph.Kinds
// and hemigraph.RelTypes, through statements prepared once per label or type.
package neo4jstore

import (
	"context"
	"fmt"
	"log/slog"
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
}

// Store is a connection pool to one Neo4j database. It is safe for
// concurrent use.
type Store struct {
	driver    neo4j.DriverWithContext
	db        string
	txTimeout time.Duration
	log       *slog.Logger
	// onStatement, when set, is called with every statement sent; tests use
	// it to count the statements behind a request.
	onStatement func(query string)
}

// Open creates a Store and checks that the server answers. It returns an
// error when the URI is malformed or the server cannot be reached.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*Store, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.MaxConnectionPoolSize = 64
		c.ConnectionAcquisitionTimeout = 30 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("open neo4j %s: %w", cfg.URI, err)
	}
	s := &Store{driver: driver, db: cfg.Database, txTimeout: cfg.TxTimeout, log: log}
	if s.db == "" {
		s.db = "neo4j"
	}
	if s.txTimeout == 0 {
		s.txTimeout = 30 * time.Second
	}
	if err := s.Ping(ctx); err != nil {
		driver.Close(ctx)
		return nil, err
	}
	return s, nil
}

// OnStatement registers f to be called with the text of every statement the
// store sends. It is meant for tests and must be called before use.
func (s *Store) OnStatement(f func(query string)) { s.onStatement = f }

// Close releases the connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the database answers a query. It returns an error naming
// the server when it does not.
func (s *Store) Ping(ctx context.Context) error {
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

// read runs one statement in a managed read transaction (routed to a
// follower on a cluster) bounded by the store's transaction timeout.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	return s.run(ctx, neo4j.AccessModeRead, query, params)
}

// write runs one statement in a managed write transaction.
func (s *Store) write(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	return s.run(ctx, neo4j.AccessModeWrite, query, params)
}

func (s *Store) run(ctx context.Context, mode neo4j.AccessMode, query string, params map[string]any) ([]*neo4j.Record, error) {
	if s.onStatement != nil {
		s.onStatement(query)
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: mode})
	defer sess.Close(ctx)
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	}
	var (
		out any
		err error
	)
	if mode == neo4j.AccessModeRead {
		out, err = sess.ExecuteRead(ctx, work, neo4j.WithTxTimeout(s.txTimeout))
	} else {
		out, err = sess.ExecuteWrite(ctx, work)
	}
	if err != nil {
		return nil, err
	}
	return out.([]*neo4j.Record), nil
}
