package loader

import "testing"

// SetKeyRunSize makes streamed loads in t hold at most n edge keys in
// memory, so that small inputs take the path of large ones to disk.
func SetKeyRunSize(t testing.TB, n int) {
	old := keyRunSize
	keyRunSize = n
	t.Cleanup(func() { keyRunSize = old })
}

// SetJSONLChunk makes reads of JSON Lines in t cut their input into chunks
// of about n bytes, decoded by workers workers.
func SetJSONLChunk(t testing.TB, n, workers int) {
	old, oldWorkers := jsonlChunkBytes, jsonlWorkers
	jsonlChunkBytes, jsonlWorkers = n, func() int { return workers }
	t.Cleanup(func() { jsonlChunkBytes, jsonlWorkers = old, oldWorkers })
}
