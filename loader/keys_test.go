package loader

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestKeyRuns finds the repeated keys, keeping each one's first position,
// whether the keys fit in memory or go to disk in runs of any size, and
// leaves nothing on disk.
func TestKeyRuns(t *testing.T) {
	keys := func(spec string) []string { // one key per letter, in order
		var out []string
		for _, r := range spec {
			out = append(out, string(r))
		}
		return out
	}
	tests := []struct {
		name string
		keys []string
	}{
		{"none", nil},
		{"one", keys("a")},
		{"distinct", keys("abcdefg")},
		{"repeated next to each other", keys("aabbbc")},
		{"repeated far apart", keys("abcabcdaxa")},
		{"all the same", keys("zzzzzzzzz")},
	}
	for _, tc := range tests {
		// What a map keeping the first position of each key says.
		first := map[string]bool{}
		var wantRepeats []pos
		for i, k := range tc.keys {
			if first[k] {
				wantRepeats = append(wantRepeats, packPos(0, i+1))
			}
			first[k] = true
		}
		for _, runSize := range []int{1, 2, 3, 1000} {
			t.Run(fmt.Sprintf("%s/runs of %d", tc.name, runSize), func(t *testing.T) {
				dir := t.TempDir()
				r := &keyRuns{dir: dir, runSize: runSize}
				for i, k := range tc.keys {
					if err := r.add(hashOf(k), packPos(0, i+1)); err != nil {
						t.Fatal(err)
					}
				}
				var got []pos
				distinct, err := r.repeats(func(at pos) { got = append(got, at) })
				if err != nil {
					t.Fatal(err)
				}
				slices.Sort(got)
				if distinct != len(first) {
					t.Errorf("distinct = %d, want %d", distinct, len(first))
				}
				if diff := cmp.Diff(wantRepeats, got); diff != "" {
					t.Errorf("repeats (-want +got):\n%s", diff)
				}
				if err := r.close(); err != nil {
					t.Fatal(err)
				}
				if left, _ := os.ReadDir(dir); len(left) > 0 {
					t.Errorf("left on disk: %v", left)
				}
			})
		}
	}
}

// TestIDSet keeps each id's first position, reports the later ones with
// it, and finds exactly the ids added.
func TestIDSet(t *testing.T) {
	var s idSet
	for i, id := range []string{"b", "a", "b", "c", "a", "b"} {
		s.add(hashOf(id), packPos(1, i+1))
	}
	type repeat struct{ first, at pos }
	var got []repeat
	s.seal(func(first, at pos) { got = append(got, repeat{first, at}) })
	slices.SortFunc(got, func(a, b repeat) int { return int(a.at) - int(b.at) })
	want := []repeat{{packPos(1, 1), packPos(1, 3)}, {packPos(1, 2), packPos(1, 5)}, {packPos(1, 1), packPos(1, 6)}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(repeat{})); diff != "" {
		t.Errorf("repeats (-want +got):\n%s", diff)
	}
	for _, id := range []string{"a", "b", "c"} {
		if !s.has(hashOf(id)) {
			t.Errorf("has(%q) = false", id)
		}
	}
	for _, id := range []string{"", "d", "ab"} {
		if s.has(hashOf(id)) {
			t.Errorf("has(%q) = true", id)
		}
	}
	if len(s.keys) != 3 {
		t.Errorf("%d ids kept, want 3", len(s.keys))
	}
}

// TestIDSetLarge finds each of many ids, and none of as many others, across
// the ranges of its index.
func TestIDSetLarge(t *testing.T) {
	for _, n := range []int{0, 1, 5, 1000, 100000} {
		var s idSet
		for i := range n {
			s.add(hashOf(fmt.Sprint("in-", i)), packPos(0, i+1))
		}
		s.seal(func(first, at pos) { t.Fatalf("n=%d: repeat at %d", n, at) })
		for i := range n {
			if !s.has(hashOf(fmt.Sprint("in-", i))) {
				t.Fatalf("n=%d: has(in-%d) = false", n, i)
			}
			if s.has(hashOf(fmt.Sprint("out-", i))) {
				t.Fatalf("n=%d: has(out-%d) = true", n, i)
			}
		}
	}
}
