package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jrows"
)

type token struct {
	token string // the label or type as written in Cypher
	lower string // for index names
}

var relTypeTokens = func() map[hemigraph.RelType]token {
	m := make(map[hemigraph.RelType]token, len(hemigraph.RelTypes))
	for _, t := range hemigraph.RelTypes {
		m[t] = token{string(t), strings.ToLower(string(t))}
	}
	return m
}()

// readFirst holds, for each kind and type, whether the store's next batch
// of it skips the create: after a batch that was not all new, until one
// is. The store's concurrent writers share it; it is only a guess of the
// next batch.
type readFirst struct{ m sync.Map } // Statements.Key → *atomic.Bool

func (r *readFirst) flag(key string) *atomic.Bool {
	v, _ := r.m.LoadOrStore(key, new(atomic.Bool))
	return v.(*atomic.Bool)
}

// WriteNodes merges nodes into the graph in one write transaction and one
// statement, whatever their kinds. Nodes must be valid
// (hemigraph.Node.Validate); those of a kind outside hemigraph.Kinds are
// skipped. When it returns an error nothing of the call is written.
func (s *Store) WriteNodes(ctx context.Context, nodes []hemigraph.Node) (hemigraph.WriteCounts, error) {
	rows := make([]map[string]any, 0, len(nodes))
	for i := range nodes {
		n := &nodes[i]
		if !slices.Contains(hemigraph.Kinds, n.Kind) {
			continue
		}
		rows = append(rows, map[string]any{"i": int64(len(rows)), "id": n.ID, "props": neo4jrows.NodeProps(n)})
	}
	counts, err := s.writeGroups(ctx, []group{{neo4jrows.NodeStatements(), rows}})
	c := counts[0]
	s.log.Debug("nodes written", "rows", len(rows), "created", c.Created, "updated", c.Updated, "unchanged", c.Unchanged)
	return c, err
}

// A group is rows of a write with the statements that write them.
type group struct {
	st   neo4jrows.Statements
	rows []map[string]any
}

// errNotAllNew rolls back a create that found an existing entity.
var errNotAllNew = errors.New("the batch is not all new")

// writeGroups writes groups of rows in one write transaction: one commit
// per call, since a commit costs more than a statement. Each group is
// written as a create unless the store's previous batch of its statements
// was not all new, and otherwise by read then write. A create that
// does not stand rolls the transaction back, and the transaction runs again
// with that group read first. It returns the counts of each group; after an
// error they are zero and nothing is written. Groups without rows are not
// sent, and a call with no rows opens no transaction.
func (s *Store) writeGroups(ctx context.Context, groups []group) ([]hemigraph.WriteCounts, error) {
	counts := make([]hemigraph.WriteCounts, len(groups))
	if !slices.ContainsFunc(groups, func(g group) bool { return len(g.rows) > 0 }) {
		return counts, nil
	}
	load := loadParam(ctx)
	readFirst := make([]bool, len(groups)) // for this call: a create of the group did not stand
	for {
		failed := -1 // the group whose statement failed
		// The work returns the driver's errors as they are, which its
		// retries and transact's classification read.
		_, err := s.inTx(ctx, true, func(t tx) (any, error) {
			clear(counts)
			failed = -1
			for i, g := range groups {
				if len(g.rows) == 0 {
					continue
				}
				var err error
				if readFirst[i] || s.readFirst.flag(g.st.Key).Load() {
					counts[i], err = readThenWrite(t, g.st, g.rows, load)
				} else {
					counts[i], err = create(t, g.st, g.rows, load)
				}
				if err != nil {
					failed = i
					return nil, err
				}
			}
			return nil, nil
		})
		if err == nil {
			break
		}
		clear(counts)
		if failed < 0 {
			return counts, err
		}
		if !errors.Is(err, errNotAllNew) {
			return counts, fmt.Errorf("write %d %s: %w", len(groups[failed].rows), groups[failed].st.Key, err)
		}
		readFirst[failed] = true
		s.readFirst.flag(groups[failed].st.Key).Store(true)
	}
	for i, g := range groups {
		if len(g.rows) > 0 && (readFirst[i] || counts[i].Created == len(g.rows)) {
			// The next batch of the statements starts as a create again
			// once one read first turns out all new.
			s.readFirst.flag(g.st.Key).Store(counts[i].Created != len(g.rows))
		}
	}
	return counts, nil
}

// create runs st's create over rows within t and returns errNotAllNew,
// which rolls t back, unless it created an entity for every row.
func create(t tx, st neo4jrows.Statements, rows []map[string]any, load any) (hemigraph.WriteCounts, error) {
	created, err := t.exec(st.Create, st.Args(rows, load))
	if err != nil {
		return hemigraph.WriteCounts{}, err
	}
	if created != len(rows) {
		return hemigraph.WriteCounts{}, errNotAllNew
	}
	return hemigraph.WriteCounts{Created: len(rows)}, nil
}

// readThenWrite runs st's read over rows within t, then st's write over
// the rows the read returned. The write's summary tells how many of those
// it created; the others it updated. When the read finds a row of an edge
// batch whose endpoint does not exist it returns an error, which rolls t
// back. For CITES, the rows the read lists under "counts" are marked for
// the write to count (row.counts). Under a recorded load, what the write
// overwrites is kept as the load's changes (recordChanges).
func readThenWrite(t tx, st neo4jrows.Statements, rows []map[string]any, load any) (hemigraph.WriteCounts, error) {
	for _, r := range rows {
		delete(r, "counts") // set by an attempt that was retried
	}
	recs, err := t.run(st.Read, st.Args(rows, load))
	if err != nil {
		return hemigraph.WriteCounts{}, err
	}
	if len(recs) != 1 {
		return hemigraph.WriteCounts{}, fmt.Errorf("read before write: %d records, want 1", len(recs))
	}
	rec := recs[0]
	if missing := getInt(rec, "missing"); missing > 0 {
		return hemigraph.WriteCounts{}, fmt.Errorf("%d of %d rows have an endpoint that does not exist", missing, len(rows))
	}
	idx := getList(rec, "write")
	counts := hemigraph.WriteCounts{Unchanged: len(rows) - len(idx)}
	if len(idx) == 0 {
		return counts, nil
	}
	for _, x := range getList(rec, "counts") {
		rows[asInt(x)]["counts"] = true
	}
	write := rows
	if len(idx) < len(rows) {
		write = make([]map[string]any, len(idx))
		for j, x := range idx {
			write[j] = rows[asInt(x)]
		}
	}
	if counts.Created, err = t.exec(st.Write, st.Args(write, load)); err != nil {
		return hemigraph.WriteCounts{}, err
	}
	if load != nil {
		if err := recordChanges(t, load.(string), getList(rec, "before")); err != nil {
			return hemigraph.WriteCounts{}, err
		}
	}
	// Rows written but not created were updated, or created by another
	// transaction between the read and the write.
	counts.Updated = len(idx) - counts.Created
	return counts, nil
}

// WriteEdges merges relationships into the graph in one write transaction:
// one statement for CITES, one for the other types. Edges must be valid and
// their endpoints must exist; those of a type outside hemigraph.RelTypes
// are skipped. When an endpoint is missing, or a statement fails, it
// returns an error and nothing of the call is written. Writes of CITES keep
// the targets' citedByCount.
func (s *Store) WriteEdges(ctx context.Context, edges []hemigraph.Edge) (hemigraph.WriteCounts, error) {
	var groups []group
	at := map[string]int{} // Statements.Key → index in groups
	type pair struct{ from, to string }
	seen := map[pair]bool{}
	for i := range edges {
		e := &edges[i]
		st := neo4jrows.EdgeStatements(e.Type)
		if st.Key == "" {
			continue
		}
		g, ok := at[st.Key]
		if !ok {
			g = len(groups)
			at[st.Key] = g
			groups = append(groups, group{st: st})
		}
		row := map[string]any{"i": int64(len(groups[g].rows)), "from": e.From, "to": e.To, "key": e.Key(), "props": neo4jrows.EdgeProps(e)}
		if e.Type == hemigraph.RelCites {
			p := pair{e.From, e.To}
			row["first"] = !seen[p]
			seen[p] = true
		} else {
			row["type"] = string(e.Type)
		}
		groups[g].rows = append(groups[g].rows, row)
	}
	counts, err := s.writeGroups(ctx, groups)
	var total hemigraph.WriteCounts
	for i, g := range groups {
		s.log.Debug("edges written", "statements", g.st.Key, "rows", len(g.rows), "created", counts[i].Created, "updated", counts[i].Updated, "unchanged", counts[i].Unchanged)
		total.Add(counts[i])
	}
	return total, err
}

// recountCitedByCypher keeps the degree counter of the nodes of $ids:
// citedByCount, the number of distinct nodes citing the node, which lists
// sort by. It writes only the counters that changed, so that a rerun of a
// load writes nothing.
const recountCitedByCypher = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) { OPTIONAL MATCH (m:Entity)-[:CITES]->(n) RETURN count(DISTINCT m) AS c }
WITH n, c WHERE n.citedByCount IS NULL OR n.citedByCount <> c
SET n.citedByCount = c`

// recountCitedBy updates the citedByCount of ids within t.
func recountCitedBy(t tx, ids []string) error {
	if _, err := t.exec(recountCitedByCypher, map[string]any{"ids": ids}); err != nil {
		return fmt.Errorf("recount citations of %d nodes: %w", len(ids), err)
	}
	return nil
}

// RecountCitedBy updates the citedByCount of the nodes ids, in its own
// write transaction, counting their citations afresh. Writes of CITES
// edges keep the counters themselves; code that deletes or rewires CITES
// edges calls it for the nodes they pointed to.
func (s *Store) RecountCitedBy(ctx context.Context, ids []string) error {
	_, err := s.inTx(ctx, true, func(t tx) (any, error) { return nil, recountCitedBy(t, ids) })
	return err
}

// missingIDsCypher returns the ids of a list that no node has.
const missingIDsCypher = `
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
WITH id, n WHERE n IS NULL
RETURN collect(id) AS missing`

// MissingIDs returns those of ids that name no node in the graph, in the
// order given. The loader uses it to refuse dangling edges before writing.
func (s *Store) MissingIDs(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	recs, err := s.read(ctx, missingIDsCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("check %d node ids: %w", len(ids), err)
	}
	return getStrings(recs[0], "missing"), nil
}
