package neo4jstore

import "context"

// ReadForTest runs query in a read transaction as the store's reads do, for
// tests of the transaction's bounds.
func (s *Store) ReadForTest(ctx context.Context, query string) error {
	_, err := s.read(ctx, query, nil)
	return err
}

// WriteForTest runs query in a write transaction, for tests that set up a
// state the store's API does not create (an index of an earlier version).
func (s *Store) WriteForTest(ctx context.Context, query string) error {
	_, err := s.write(ctx, query, nil)
	return err
}

// FailAutoCommitForTest makes the auto-commit attempt of every
// single-statement read fail with err instead of being sent (nil: send
// it again).
func (s *Store) FailAutoCommitForTest(err error) { s.autoCommitFault = err }
