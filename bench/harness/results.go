package harness

import (
	"time"

	"github.com/hemigraph/hemigraph/bench/loadgen"
	"github.com/hemigraph/hemigraph/loader"
)

// The results of a run. Their field names are the keys of the -json file,
// so they are exported (and must not be renamed); the types are not, since
// nothing outside this package builds them.

// results is every figure of a run.
type results struct {
	Mode, Command, Date, Took string
	Seed                      uint64
	CPU, LoadAvg              string
	Cores                     int
	MemGB                     float64
	GoVersion, Neo4j, Node    string
	Neo4jMemory, PeerPackages string
	Corpora                   []corpusResult
	Readers                   []readerResult
	Loads                     []loadResult
	Scaling                   []scalingResult
	Server                    *serverResult
	Lineage                   []lineageResult
	Notes                     []string
}

// corpusResult describes a generated corpus.
type corpusResult struct {
	Instruments, Nodes, Edges, Rows int
	MB, GenSeconds                  float64
}

// readerResult is a reader's throughput on one core.
type readerResult struct {
	Name, Command, Detail, Note string
	MBps                        float64
}

// loadResult compares the loaders on one corpus.
type loadResult struct {
	Instruments, Rows   int
	Hemigraph, Rerun    hemigraphRun // Hemigraph is the better of HemigraphRuns
	HemigraphRuns       []hemigraphRun
	CeilingRepeat       *sweepRun // the best batch size again, after hemigraph's first load
	RerunCreatesNothing bool
	Ceiling             sweepRun
	Sweep               []sweepRun
	Floor               *floorResult
	RatioAB, RatioAC    float64
	// HTTP is the best of HTTPRuns, the same file sent to hemigraph
	// serve's POST /load (PeakRSSMB is the server's); RatioHTTP its
	// rows/s over Hemigraph's.
	HTTP      *hemigraphRun  `json:",omitempty"`
	HTTPRuns  []hemigraphRun `json:",omitempty"`
	RatioHTTP float64        `json:",omitempty"`
}

// hemigraphRun is one `hemigraph load` process.
type hemigraphRun struct {
	Seconds     float64 // wall time of the process: read, validate, write
	LoadSeconds float64 // the summary's took: validate and write
	RowsPerSec  float64
	PeakRSSMB   float64
	Summary     loader.Summary
}

// sweepRun is one load by the ceiling program.
type sweepRun struct {
	Batch                 int
	Seconds, WriteSeconds float64
	RowsPerSec            float64
	Statements            int
	TimedOut              bool
}

// floorResult is the per-row floor.
type floorResult struct {
	Cap                                  string
	NodeRows, EdgeRows                   int
	NodeSeconds, EdgeSeconds, RowsPerSec float64
}

// scalingResult compares two corpus sizes.
type scalingResult struct {
	From, To                               int
	RowsRatio, TimeRatio, CeilingTimeRatio float64
}

// serverResult is the server benchmark.
type serverResult struct {
	Instruments      int
	Duration, Warmup string
	QueryWarmup      string // each target's unmeasured time on a query before its first cell (warmQuery)
	Concurrency      []int
	Cells            []serverCell
	Statements       map[string]map[string]float64 // target -> query -> statements per request
	PeakRSSMB        map[string]float64
}

// serverCell is one query at one concurrency against one target.
type serverCell struct {
	Query       string
	Concurrency int
	Target      string
	NA          string // why the target was not measured
	Stats       loadgen.Stats
}

// lineageResult is the lineage query at scale.
type lineageResult struct {
	Instruments, Depth, Requests, Conferences int
	Errors                                    int // failed requests, timeouts included
	FirstErr                                  string
	P50, P95, P99                             float64
	RPS                                       float64 // one request at a time: 1 / mean latency
	// The raw baseline walking the same levels, to the same bound, over
	// the same conferences.
	RawRequests, RawErrors int
	RawP50, RawP95, RawRPS float64
}

// ---- figures derived from measurements ----

// perSec is rows over seconds.
func perSec(rows int, seconds float64) float64 {
	return float64(rows) / seconds
}

// cutLimit is how long the next load of a sweep may take: four times the
// best load so far that was not cut, and never more than limit.
func cutLimit(sweep []sweepRun, limit time.Duration) time.Duration {
	for _, s := range sweep {
		if !s.TimedOut {
			limit = min(limit, time.Duration(4*s.Seconds*float64(time.Second)))
		}
	}
	return limit
}

// bestSweep returns the fastest load of a sweep that was not cut (the
// first of equals), or the zero sweepRun when there is none.
func bestSweep(sweep []sweepRun) sweepRun {
	var best sweepRun
	for _, s := range sweep {
		if !s.TimedOut && s.RowsPerSec > best.RowsPerSec {
			best = s
		}
	}
	return best
}

// bestSweepSeconds returns the time of the sweep's load at the batch size
// the ceiling was credited with (the last such load), or 0.
func bestSweepSeconds(l loadResult) float64 {
	best := 0.0
	for _, sw := range l.Sweep {
		if sw.Batch == l.Ceiling.Batch {
			best = sw.Seconds
		}
	}
	return best
}

// createsNothing reports whether a load's summary says it created and
// updated nothing.
func createsNothing(s loader.Summary) bool {
	return s.Nodes.Created == 0 && s.Nodes.Updated == 0 && s.Edges.Created == 0 && s.Edges.Updated == 0
}

// floorRowsPerSec weights the floor's node and edge rates by a corpus's
// own mix of nodes and edges: the rows per second of writing the whole
// corpus one row at a time.
func floorRowsPerSec(nodes, edges int, nodeRate, edgeRate float64) float64 {
	return float64(nodes+edges) / (float64(nodes)/nodeRate + float64(edges)/edgeRate)
}

// setRatios sets l's ratios to the ceiling and to the floor: its own
// floor's, or else floorRate (the floor measured on another corpus) when
// that is positive.
func (l *loadResult) setRatios(floorRate float64) {
	if l.Ceiling.RowsPerSec > 0 {
		l.RatioAB = l.Hemigraph.RowsPerSec / l.Ceiling.RowsPerSec
	}
	if l.Floor != nil {
		l.RatioAC = l.Hemigraph.RowsPerSec / l.Floor.RowsPerSec
	} else if floorRate > 0 {
		l.RatioAC = l.Hemigraph.RowsPerSec / floorRate
	}
}

// floorRate returns the rows/s of the first floor measured, or 0.
func (r *results) floorRate() float64 {
	for _, l := range r.Loads {
		if l.Floor != nil {
			return l.Floor.RowsPerSec
		}
	}
	return 0
}

// scaling compares each load with the one before it: how many times the
// rows, and how many times hemigraph's (and the ceiling's) time.
func scaling(loads []loadResult) []scalingResult {
	var out []scalingResult
	for i := 1; i < len(loads); i++ {
		lo, hi := loads[i-1], loads[i]
		sr := scalingResult{
			From: lo.Instruments, To: hi.Instruments,
			RowsRatio: float64(hi.Rows) / float64(lo.Rows),
			TimeRatio: hi.Hemigraph.Seconds / lo.Hemigraph.Seconds,
		}
		if lo.Ceiling.RowsPerSec > 0 && hi.Ceiling.RowsPerSec > 0 {
			sr.CeilingTimeRatio = (float64(hi.Rows) / hi.Ceiling.RowsPerSec) / (float64(lo.Rows) / lo.Ceiling.RowsPerSec)
		}
		out = append(out, sr)
	}
	return out
}
