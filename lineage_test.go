package hemigraph_test

import (
	"testing"

	"github.com/hemigraph/hemigraph"
)

func TestLineageStep(t *testing.T) {
	tests := []struct {
		name   string
		edge   hemigraph.Edge
		led    string
		want   string
		wantOK bool
	}{
		{"a resolution convenes the conference", hemigraph.Edge{From: "res", To: "conf", Type: hemigraph.RelConvenes}, "conf", "res", true},
		{"the conference cites a declaration", hemigraph.Edge{From: "conf", To: "decl", Type: hemigraph.RelCites}, "conf", "decl", true},
		{"a later conference follows up", hemigraph.Edge{From: "conf2", To: "conf1", Type: hemigraph.RelFollowsUp}, "conf2", "conf1", true},
		{"what the conference convenes did not lead to it", hemigraph.Edge{From: "conf", To: "meeting", Type: hemigraph.RelConvenes}, "conf", "", false},
		{"what cites the conference did not lead to it", hemigraph.Edge{From: "res", To: "conf", Type: hemigraph.RelCites}, "conf", "", false},
		{"a mention leads nowhere", hemigraph.Edge{From: "res", To: "conf", Type: hemigraph.RelMentions}, "conf", "", false},
		{"adoption leads nowhere", hemigraph.Edge{From: "res", To: "ga", Type: hemigraph.RelAdoptedBy}, "res", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := hemigraph.LineageStep(tt.edge, tt.led)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("LineageStep = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
	if hemigraph.LineagePassesThrough(hemigraph.KindBody) || !hemigraph.LineagePassesThrough(hemigraph.KindResolution) {
		t.Error("a chain passes through instruments, not bodies")
	}
	for _, c := range []struct {
		y, target int
		want      bool
	}{{1995, 1998, true}, {1998, 1998, true}, {1999, 1998, false}, {0, 1998, true}, {1999, 0, true}} {
		if got := hemigraph.LineageDated(c.y, c.target); got != c.want {
			t.Errorf("LineageDated(%d, %d) = %v, want %v", c.y, c.target, got, c.want)
		}
	}
}
