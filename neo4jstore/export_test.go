package neo4jstore

import "context"

// ReadForTest runs query in a read transaction as the store's reads do, for
// tests of the transaction's bounds.
func (s *Store) ReadForTest(ctx context.Context, query string) error {
	_, err := s.read(ctx, query, nil)
	return err
}
