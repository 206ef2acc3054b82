package loader

import "testing"

// SetKeyRunSize makes streamed loads in t hold at most n edge keys in
// memory, so that small inputs take the path of large ones to disk.
func SetKeyRunSize(t testing.TB, n int) {
	old := keyRunSize
	keyRunSize = n
	t.Cleanup(func() { keyRunSize = old })
}
