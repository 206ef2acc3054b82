package memstore

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTerms checks the analysis: words cut at every other character,
// accents and case folded, stop words dropped, plurals and gender endings
// folded per language.
func TestTerms(t *testing.T) {
	tests := []struct {
		lang analyzer
		text string
		want []string
	}{
		{"", "AG/RES. 1412 (XXVI-O/96)", []string{"ag", "res", "1412", "xxvi", "o", "96"}},
		{"", `a+b -c && d || !e (f) {g} [h] ^i "j" ~k *l ?m :n \o /p`, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"}},
		{"english", "The Measures of the Bodies, Churches and Crises", []string{"measure", "body", "church", "crise"}},
		{"english", "Americas' Security Status", []string{"america", "security", "status"}},
		{"spanish", "Declaración de las Naciones Unidas", []string{"declaracion", "nacion", "unid"}},
		{"spanish", "Conferencias regionales; la paz y las paces", []string{"conferenci", "regional", "paz", "paz"}},
		{"portuguese", "Nações e ações nacionais", []string{"naca", "aca", "nacional"}},
		{"portuguese", "Medidas de fortalecimento da confiança", []string{"medid", "fortaleciment", "confianc"}},
		{"french", "Mesures nationales de l'Organisation des États", []string{"mesur", "national", "organisation", "etat"}},
		{"french", "Conseils généraux", []string{"conseil", "general"}},
		{"english", "Œuvre straße 1995s", []string{"oeuvre", "strasse", "1995s"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang)+" "+tc.text, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.lang.terms(tc.text)); diff != "" {
				t.Errorf("terms (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScore: the share of the query's distinct terms the text holds.
func TestScore(t *testing.T) {
	tests := []struct {
		name  string
		query []string
		text  string
		want  float64
	}{
		{"all", []string{"security", "measure"}, "Security-Building Measures", 1},
		{"half", []string{"security", "hemisphere"}, "Security-Building Measures", 0.5},
		{"none", []string{"convention"}, "Security-Building Measures", 0},
		{"no query", nil, "Security", 0},
		{"no text", []string{"security"}, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := score(tc.query, newTermSet(analyzer("english").terms(tc.text))); got != tc.want {
				t.Errorf("score = %v, want %v", got, tc.want)
			}
		})
	}
}
