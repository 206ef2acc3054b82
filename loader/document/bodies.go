package document

import (
	"strings"

	"github.com/hemigraph/hemigraph"
)

// This file holds what the reader knows of the bodies of the bundled
// corpus: which body, by its corpus id, issues each document series. The
// domain parses symbols without knowing any corpus id.

// seriesBodies maps a document series to the id of the body, or for a
// conference's own series the conference, that issues it. Ids are those of
// the corpus where it has one.
var seriesBodies = map[string]string{
	"AG":         "oas-general-assembly",
	"CP":         "oas-permanent-council",
	"CIDI":       "cidi",
	"CICTE":      "cicte",
	"CJI":        "inter-american-juridical-committee",
	"CSH":        "oas-committee-on-hemispheric-security",
	"CES":        "special-conference-on-security-2003",
	"CES/CG":     "special-conf-security-general-committee",
	"CEITE":      "first-specialized-conference-terrorism-1996",
	"COSEGRE":    "santiago-regional-conference-csbm-1995",
	"COSEGRE.II": "san-salvador-regional-conference-csbm-1998",
	"RESEGRE":    "miami-meeting-experts-csbm-2003",
	"SEPEIN":     "high-level-meeting-small-island-states-1998",
	"SEPEIN-II":  "second-high-level-meeting-small-island-states-2003",
}

// committeeBodies maps the code of a committee series ("CP/CSH-264/00",
// "CE/SH-18/93") to the committee's id.
var committeeBodies = map[string]string{
	"CSH": "oas-committee-on-hemispheric-security",
	"SH":  "oas-special-committee-on-hemispheric-security",
	"GCI": "special-committee-inter-american-summits-management",
}

// meetingOfConsultation is the body id of the Meeting of Consultation of
// Ministers of Foreign Affairs, whose series are "RC.nn".
const meetingOfConsultation = "meeting-of-consultation-of-ministers-of-foreign-affairs"

// seriesBody returns the id of the body whose document series s belongs
// to: "oas-general-assembly" for AG/, "oas-permanent-council" for CP/,
// "oas-committee-on-hemispheric-security" for CP/CSH-, "cicte" for CICTE/,
// "cidi" for CIDI/, the Meeting of Consultation for RC.nn/; for the series
// of a conference (COSEGRE/, CES/, SEPEIN/, ...) the conference's id. An
// unknown series gives the series' own id fragment (Symbol.SeriesID). The
// body of a series is not always the author of a document in it: the
// Permanent Council writes many AG/doc reports.
func seriesBody(s hemigraph.Symbol) string {
	if id, ok := committeeBodies[s.Type]; ok {
		return id
	}
	if id, ok := seriesBodies[s.Series]; ok {
		return id
	}
	if strings.HasPrefix(s.Series, "RC.") {
		return meetingOfConsultation
	}
	first, _, _ := strings.Cut(s.Series, "/")
	if id, ok := seriesBodies[first]; ok {
		return id
	}
	return s.SeriesID()
}
