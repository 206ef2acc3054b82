package resolvers

import (
	"context"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hemigraph/hemigraph"
)

// ErrPageSize is returned (wrapped, beside hemigraph.ErrInvalid) when a
// `first`, `limit` or `ids` argument asks for more than the field's maximum.
var ErrPageSize = errors.New("page size above the maximum")

// pageSize reads a `first` argument: def when absent; an error wrapping
// hemigraph.ErrInvalid when negative, and ErrPageSize too when above max.
func pageSize(arg string, first *int, def, max int) (int, error) {
	switch {
	case first == nil:
		return def, nil
	case *first < 0:
		return 0, fmt.Errorf("argument %s: %d is negative: %w", arg, *first, hemigraph.ErrInvalid)
	case *first > max:
		return 0, fmt.Errorf("argument %s: %d is above the maximum of %d: %w: %w", arg, *first, max, ErrPageSize, hemigraph.ErrInvalid)
	}
	return *first, nil
}

// intArg reads an integer argument that must lie in lo..hi: def when
// absent, else an error wrapping hemigraph.ErrInvalid.
func intArg(arg string, v *int, def, lo, hi int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < lo || *v > hi {
		return 0, fmt.Errorf("argument %s: %d is out of %d..%d: %w", arg, *v, lo, hi, hemigraph.ErrInvalid)
	}
	return *v, nil
}

// selected reports whether the current field's selection set, of the
// object type typ, asks for name.
func selected(ctx context.Context, typ, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{typ}) {
		if f.Name == name {
			return true
		}
	}
	return false
}
