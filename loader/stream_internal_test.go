package loader

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBatches checks how rows are gathered for the writer: a key's full
// batch alone, as soon as it is full; what is left of every key at the end
// in batches of up to the size that mix keys, in the order of the keys.
func TestBatches(t *testing.T) {
	tests := []struct {
		name string
		size int
		add  []string // each row's key; the row is the key and its index
		want [][]string
	}{
		{"nothing", 3, nil, nil},
		{"leftovers mixed", 3, []string{"b", "a"}, [][]string{{"a1", "b0"}}},
		{"a full batch alone", 3, []string{"a", "b", "a", "a", "b"}, [][]string{{"a0", "a2", "a3"}, {"b1", "b4"}}},
		{"leftovers split at the size", 3, []string{"a", "a", "b", "b", "c"}, [][]string{{"a0", "a1", "b2"}, {"b3", "c4"}}},
		{"leftovers exactly the size", 2, []string{"c", "a"}, [][]string{{"a1", "c0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]string
			b := newBatches[string](tt.size, func(rows []string) { got = append(got, slices.Clone(rows)) })
			for i, k := range tt.add {
				b.add(k, fmt.Sprintf("%s%d", k, i))
			}
			b.flushAll([]string{"a", "b", "c"})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("batches (-want +got):\n%s", diff)
			}
			b.flushAll([]string{"a", "b", "c"})
			if n := len(got); n != len(tt.want) {
				t.Errorf("a second flushAll wrote %d batches more", n-len(tt.want))
			}
		})
	}
}
