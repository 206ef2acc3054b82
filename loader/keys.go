package loader

import (
	"bufio"
	"cmp"
	"container/heap"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// The sets a streamed load keeps of its ids and keys are sorted slices of
// small fixed-size entries rather than maps, and the largest one, the edge
// keys, goes to disk in sorted runs beyond a bound: what a load holds no
// longer grows with the number of its edges.

// hashID is the 128-bit hash a streamed load keeps of an id or a key.
type hashID struct{ hi, lo uint64 }

func hashOf(s string) hashID {
	sum := sha256.Sum256([]byte(s))
	return hashID{binary.BigEndian.Uint64(sum[:8]), binary.BigEndian.Uint64(sum[8:16])}
}

func (h hashID) compare(o hashID) int {
	return cmp.Or(cmp.Compare(h.hi, o.hi), cmp.Compare(h.lo, o.lo))
}

// pos packs an input's index and a line into one word; positions in the
// order inputs are read compare as numbers.
type pos uint64

func packPos(input, line int) pos { return pos(uint64(input)<<40 | uint64(line)) }

func (p pos) input() int { return int(p >> 40) }
func (p pos) line() int  { return int(p & (1<<40 - 1)) }

// keyAt is a hashed id or key and where it was read.
type keyAt struct {
	h  hashID
	at pos
}

func compareKeyAt(a, b keyAt) int { return cmp.Or(a.h.compare(b.h), cmp.Compare(a.at, b.at)) }

// idSet is the set of a load's node ids: added in any order, then sealed
// into a sorted slice (24 bytes an id, against about 56 in a map) with an
// index of where each range of leading hash bits starts, so that a lookup
// reads a few neighbouring entries rather than searching a slice larger
// than the processor's caches.
type idSet struct {
	keys  []keyAt
	shift uint     // 64 minus the leading bits indexed
	start []uint32 // start[b]: the first key whose leading bits are b or more; one more entry at the end
}

func (s *idSet) add(h hashID, at pos) { s.keys = append(s.keys, keyAt{h, at}) }

// seal sorts the set and calls repeat for every id added more than once,
// with the position of its first addition and of the repeat, in the order
// of the repeats' positions within each id; it keeps the first of each.
func (s *idSet) seal(repeat func(first, at pos)) {
	slices.SortFunc(s.keys, compareKeyAt)
	out := s.keys[:0]
	for i, k := range s.keys {
		if i > 0 && k.h == out[len(out)-1].h {
			repeat(out[len(out)-1].at, k.at)
			continue
		}
		out = append(out, k)
	}
	s.keys = slices.Clip(out)
	bits := uint(1) // about four keys a range
	for 1<<(bits+2) < len(s.keys) && bits < 30 {
		bits++
	}
	s.shift = 64 - bits
	s.start = make([]uint32, 1<<bits+1)
	i := 0
	for b := range s.start {
		for i < len(s.keys) && s.keys[i].h.hi>>s.shift < uint64(b) {
			i++
		}
		s.start[b] = uint32(i)
	}
}

// has reports whether the sealed set holds h.
func (s *idSet) has(h hashID) bool {
	b := h.hi >> s.shift
	for _, k := range s.keys[s.start[b]:s.start[b+1]] {
		if k.h == h {
			return true
		}
	}
	return false
}

// keyRunSize is how many edge keys a streamed load holds in memory
// (24 bytes each) before it sorts them and writes them out as a run.
var keyRunSize = 1 << 19

// keyRuns finds the keys added more than once, holding at most runSize of
// them in memory: beyond that, sorted runs go to a temporary file in dir,
// merged at the end.
type keyRuns struct {
	dir     string
	runSize int
	buf     []keyAt
	file    *os.File
	runs    []int64 // the number of entries of each run written, in file order
}

// keyAtSize is the size of a keyAt written to a run.
const keyAtSize = 24

func (r *keyRuns) add(h hashID, at pos) error {
	if r.buf == nil {
		r.buf = make([]keyAt, 0, min(r.runSize, 4096))
	}
	r.buf = append(r.buf, keyAt{h, at})
	if len(r.buf) >= r.runSize {
		return r.spill()
	}
	return nil
}

// spill sorts the keys held and appends them to the file as one run.
func (r *keyRuns) spill() error {
	if len(r.buf) == 0 {
		return nil
	}
	if r.file == nil {
		f, err := os.CreateTemp(r.dir, "hemigraph-edge-keys-*")
		if err != nil {
			return fmt.Errorf("keep the load's edge keys on disk: %w", err)
		}
		r.file = f
	}
	slices.SortFunc(r.buf, compareKeyAt)
	w := bufio.NewWriterSize(r.file, 1<<16)
	var b [keyAtSize]byte
	for _, k := range r.buf {
		binary.LittleEndian.PutUint64(b[0:], k.h.hi)
		binary.LittleEndian.PutUint64(b[8:], k.h.lo)
		binary.LittleEndian.PutUint64(b[16:], uint64(k.at))
		if _, err := w.Write(b[:]); err != nil {
			return fmt.Errorf("write the load's edge keys to %s: %w", r.file.Name(), err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write the load's edge keys to %s: %w", r.file.Name(), err)
	}
	r.runs = append(r.runs, int64(len(r.buf)))
	r.buf = r.buf[:0]
	return nil
}

// repeats calls repeat with the position of every key added before at the
// same key (each key's first position is kept) and returns the number of
// distinct keys.
func (r *keyRuns) repeats(repeat func(at pos)) (int, error) {
	if r.file == nil { // everything fitted in memory
		slices.SortFunc(r.buf, compareKeyAt)
		distinct := 0
		for i, k := range r.buf {
			if i > 0 && k.h == r.buf[i-1].h {
				repeat(k.at)
				continue
			}
			distinct++
		}
		return distinct, nil
	}
	if err := r.spill(); err != nil {
		return 0, err
	}
	r.buf = nil // the memory goes to the merge's readers
	m := &runMerge{}
	var off int64
	for _, n := range r.runs {
		rd := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(r.file, off*keyAtSize, n*keyAtSize), 1<<16)}
		off += n
		if ok, err := rd.next(); err != nil {
			return 0, fmt.Errorf("read the load's edge keys from %s: %w", r.file.Name(), err)
		} else if ok {
			m.rs = append(m.rs, rd)
		}
	}
	heap.Init(m)
	distinct := 0
	var last hashID
	for m.Len() > 0 {
		rd := m.rs[0]
		k := rd.cur
		if distinct > 0 && k.h == last {
			repeat(k.at)
		} else {
			distinct++
			last = k.h
		}
		ok, err := rd.next()
		if err != nil {
			return 0, fmt.Errorf("read the load's edge keys from %s: %w", r.file.Name(), err)
		}
		if ok {
			heap.Fix(m, 0)
		} else {
			heap.Pop(m)
		}
	}
	return distinct, nil
}

// close removes the file of runs, if any.
func (r *keyRuns) close() error {
	r.buf = nil
	if r.file == nil {
		return nil
	}
	name := r.file.Name()
	err := errors.Join(r.file.Close(), os.Remove(name))
	r.file = nil
	if err != nil {
		return fmt.Errorf("remove the load's edge keys: %w", err)
	}
	return nil
}

// runReader reads the keys of one sorted run in order.
type runReader struct {
	r   *bufio.Reader
	cur keyAt
	b   [keyAtSize]byte
}

// next reads the run's next key into cur; false at its end.
func (rd *runReader) next() (bool, error) {
	if _, err := io.ReadFull(rd.r, rd.b[:]); err != nil {
		if err == io.EOF {
			return false, nil
		}
		return false, err
	}
	rd.cur = keyAt{
		h:  hashID{binary.LittleEndian.Uint64(rd.b[0:]), binary.LittleEndian.Uint64(rd.b[8:])},
		at: pos(binary.LittleEndian.Uint64(rd.b[16:])),
	}
	return true, nil
}

// runMerge is a min-heap of run readers by their current key.
type runMerge struct{ rs []*runReader }

func (m *runMerge) Len() int           { return len(m.rs) }
func (m *runMerge) Less(i, j int) bool { return compareKeyAt(m.rs[i].cur, m.rs[j].cur) < 0 }
func (m *runMerge) Swap(i, j int)      { m.rs[i], m.rs[j] = m.rs[j], m.rs[i] }
func (m *runMerge) Push(x any)         { m.rs = append(m.rs, x.(*runReader)) }
func (m *runMerge) Pop() any {
	x := m.rs[len(m.rs)-1]
	m.rs = m.rs[:len(m.rs)-1]
	return x
}
