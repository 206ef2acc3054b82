package hemigraph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"
)

// ErrConflict is wrapped by errors that refuse an operation because a later
// change stands in its way: undoing a load whose records a later load
// changed.
var ErrConflict = errors.New("conflict")

// Load outcomes (LoadRecord.Outcome).
const (
	LoadRunning = "running" // begun, not finished: or the loader died
	LoadDone    = "done"    // written; record errors skipped under SkipInvalid are counted
	LoadRefused = "refused" // invalid records under RefuseAll: nothing written
	LoadFailed  = "failed"  // a write failed: the batches before it stay
	LoadUndone  = "undone"  // reverted by Undo
)

// LoadRecord is the record a store keeps of one load: who ran it, when,
// on which inputs with which options, what it wrote, and how it ended.
// Every node and relationship a recorded load creates or changes carries
// its id, and what it changes or deletes keeps the values it overwrote or
// removed, so that the load can be undone.
type LoadRecord struct {
	ID       string            `json:"id"`
	By       string            `json:"by"` // a token's name, or the user at the command line
	Started  time.Time         `json:"started"`
	Finished time.Time         `json:"finished,omitzero"`
	Inputs   []LoadInput       `json:"inputs"`
	Options  map[string]string `json:"options,omitempty"`
	Nodes    WriteCounts       `json:"nodes"`
	Edges    WriteCounts       `json:"edges"`
	Invalid  int               `json:"invalid"`
	Outcome  string            `json:"outcome"`
	Error    string            `json:"error,omitempty"` // why it failed
	Undone   time.Time         `json:"undone,omitzero"`
}

// LoadInput describes one input of a load.
type LoadInput struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// NewLoadID returns a new load id: the start time, to the second, and a
// random suffix, so that ids sort by time and never collide.
func NewLoadID(started time.Time) string {
	var b [4]byte
	rand.Read(b[:])
	return "load-" + started.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

type loadKey struct{}

// WithLoad returns a context whose writes a store records as done by the
// load id: what they create or change carries it, and what they change or
// delete keeps its former values. Writes under a context without one are
// not recorded.
func WithLoad(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, loadKey{}, id)
}

// LoadOf returns the load id WithLoad put in ctx, or "".
func LoadOf(ctx context.Context) string {
	id, _ := ctx.Value(loadKey{}).(string)
	return id
}

// UndoResult tells what undoing a load did.
type UndoResult struct {
	NodesDeleted  int `json:"nodesDeleted"`  // nodes the load created
	EdgesDeleted  int `json:"edgesDeleted"`  // relationships the load created
	NodesRestored int `json:"nodesRestored"` // nodes the load changed or deleted, back as they were
	EdgesRestored int `json:"edgesRestored"` // relationships the load changed or deleted, back as they were
}

// LoadWrites lists what a load created, changed and deleted: node ids, and
// the keys of relationships.
type LoadWrites struct {
	NodesCreated []string `json:"nodesCreated"`
	NodesChanged []string `json:"nodesChanged"`
	NodesDeleted []string `json:"nodesDeleted"`
	EdgesCreated []string `json:"edgesCreated"`
	EdgesChanged []string `json:"edgesChanged"`
	EdgesDeleted []string `json:"edgesDeleted"`
}
