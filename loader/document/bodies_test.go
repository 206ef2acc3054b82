package document

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hemigraph/hemigraph"
)

func TestSeriesBody(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"assembly resolution", "AG/RES. 1412 (XXVI-O/96)", "oas-general-assembly"},
		{"assembly special session", "AG/RES. 1 (XXIV-E/97)", "oas-general-assembly"},
		{"assembly declaration", "AG/DEC. 27 (XXXII-O/02)", "oas-general-assembly"},
		{"assembly document", "AG/doc.3517/97", "oas-general-assembly"},
		{"council resolution", "CP/RES. 796 (1293/01)", "oas-permanent-council"},
		{"council information document", "CP/INF.3241", "oas-permanent-council"},
		{"committee series", "CP/CSH-264/00", "oas-committee-on-hemispheric-security"},
		{"committee of a working group", "CP/GT/CSH-33/92", "oas-committee-on-hemispheric-security"},
		{"special committee", "CE/SH-18/93", "oas-special-committee-on-hemispheric-security"},
		{"summits committee", "CE/GCI-161/99", "special-committee-inter-american-summits-management"},
		{"cicte", "CICTE/DEC. 1/03 rev. 2", "cicte"},
		{"cidi", "CIDI/RES. 5 (II-O/97)", "cidi"},
		{"juridical committee", "CJI/doc.174/04", "inter-american-juridical-committee"},
		{"meeting of consultation", "RC.23/RES. 1/01", "meeting-of-consultation-of-ministers-of-foreign-affairs"},
		{"conference", "COSEGRE/doc.18/95 rev. 3", "santiago-regional-conference-csbm-1995"},
		{"second conference", "COSEGRE.II/doc.9/98", "san-salvador-regional-conference-csbm-1998"},
		{"special conference", "CES/DEC. 1/03 rev.1", "special-conference-on-security-2003"},
		{"conference committee", "CES/CG/doc.4/03", "special-conf-security-general-committee"},
		{"first part of a series", "CES/XY/doc.4/03", "special-conference-on-security-2003"},
		{"hyphenated series", "SEPEIN-II/doc.8/02 rev. 2 corr. 1", "second-high-level-meeting-small-island-states-2003"},
		{"unknown series", "XYZ/doc.1/99", "xyz"},
		{"unknown numbered series", "AB.7/doc.1/99", "ab-7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := hemigraph.ParseSymbol(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, seriesBody(s)); diff != "" {
				t.Errorf("seriesBody(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
