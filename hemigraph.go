// Package hemigraph holds the domain of the hemigraph knowledge graph: the
// instruments of hemispheric security in the Americas (resolutions,
// declarations, conventions, reports, plans of action), the conferences and
// sessions that produced them, the bodies that adopted them, and the sourced
// relations between all of these.
//
// The package imports only the standard library. Readers (package loader and
// below), the Neo4j store (package neo4jstore) and the GraphQL resolvers all
// speak in these types.
package hemigraph

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when a node asked for by id or symbol does not exist.
var ErrNotFound = errors.New("not found")

// ErrInvalid is returned (wrapped, with the offending field) when a record or
// an argument breaks a rule of the domain.
var ErrInvalid = errors.New("invalid")

// FieldError reports one invalid field of a record. It wraps ErrInvalid.
type FieldError struct {
	Field  string // name of the field, as spelled in the bulk formats
	Reason string // what is wrong with it
}

// Error implements error.
func (e *FieldError) Error() string { return fmt.Sprintf("field %q: %s", e.Field, e.Reason) }

// Unwrap makes errors.Is(err, ErrInvalid) hold.
func (e *FieldError) Unwrap() error { return ErrInvalid }

func invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
