package eval

import (
	"fmt"
	"io"
	"strings"
)

// ReportInfo says what a report was made of.
type ReportInfo struct {
	Title   string // "Extraction on the development set"
	Date    string // when it was measured
	Command string // the command that produced it
	Notes   []string
}

// WriteMarkdown writes r as a markdown report: the totals, the errors
// grouped by cause, one row per document, and every problem.
func WriteMarkdown(w io.Writer, r *Result, info ReportInfo) error {
	b := &strings.Builder{}
	t := r.Total
	fmt.Fprintf(b, "# %s\n\n", info.Title)
	fmt.Fprintf(b, "Measured %s with `%s`.\n\n", info.Date, info.Command)
	for _, n := range info.Notes {
		fmt.Fprintf(b, "%s\n\n", n)
	}
	b.WriteString("## Totals\n\n| figure | value | counts |\n|---|---|---|\n")
	row := func(name string, v float64, counts string) { fmt.Fprintf(b, "| %s | %.3f | %s |\n", name, v, counts) }
	row("reference precision", t.Precision(), fmt.Sprintf("%d of %d references found are in the gold", t.Found, t.Found+t.Spurious))
	row("reference recall", t.Recall(), fmt.Sprintf("%d of %d required gold references found", t.Found, t.Gold))
	row("resolution", t.Resolution(), fmt.Sprintf("%d of %d found references with a corpus target landed on it", t.Resolved, t.InCorpus))
	row("placeholders kept honest", ratio(t.Placeholders, t.OutOfCorpus), fmt.Sprintf("%d of %d found references outside the corpus stayed placeholders", t.Placeholders, t.OutOfCorpus))
	row("relation type", ratio(t.RelationRight, t.Found), fmt.Sprintf("%d of %d found references", t.RelationRight, t.Found))
	row("clause verb", ratio(t.VerbRight, t.Found), fmt.Sprintf("%d of %d found references", t.VerbRight, t.Found))
	row("document identity", ratio(t.IdentityRight, t.IdentityChecked), fmt.Sprintf("%d of %d documents with a gold id", t.IdentityRight, t.IdentityChecked))
	row("text coverage", t.Coverage(), fmt.Sprintf("%d of %d body letters in a clause (%d documents checked)", t.ClauseChars, t.BodyChars, t.LossChecked))
	fmt.Fprintf(b, "| documents refused | %d | of %d documents |\n", t.Refused, t.Documents)
	fmt.Fprintf(b, "| paragraphs dropped without a report | %d | of %d body paragraphs |\n", t.Dropped, t.Paragraphs)
	fmt.Fprintf(b, "\nReferences: %d found by the reader, %d required and %d optional in the gold (%d optional ones found).\n\n",
		t.Predicted, t.Gold, t.Optional, t.FoundOptional)

	b.WriteString("## Errors by cause\n\n")
	causes := r.Causes()
	if len(causes) == 0 {
		b.WriteString("None.\n\n")
	} else {
		b.WriteString("| cause | count | examples |\n|---|---|---|\n")
		for _, c := range causes {
			ex := c.Examples[:min(3, len(c.Examples))]
			fmt.Fprintf(b, "| %s | %d | %s |\n", c.Cause, c.Count, cell(strings.Join(ex, "; ")))
		}
		b.WriteString("\n")
	}

	b.WriteString("## Per document\n\n| file | read as | found / gold | spurious | precision | recall | resolved | coverage | dropped |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, d := range r.Documents {
		c := d.Counts
		id := d.ID
		if c.Refused > 0 {
			id = "refused"
		}
		cov := "—"
		if c.LossChecked > 0 {
			cov = fmt.Sprintf("%.2f", c.Coverage())
		}
		fmt.Fprintf(b, "| %s | %s | %d / %d | %d | %.2f | %.2f | %d / %d | %s | %d |\n", d.File, cell(id), c.Found, c.Gold,
			c.Spurious, c.Precision(), c.Recall(), c.Resolved, c.InCorpus, cov, c.Dropped)
	}

	b.WriteString("\n## Every problem\n\n")
	any := false
	for _, d := range r.Documents {
		if len(d.Problems) == 0 {
			continue
		}
		any = true
		fmt.Fprintf(b, "- **%s**\n", d.File)
		for _, p := range d.Problems {
			fmt.Fprintf(b, "  - %s: %s\n", p.Cause, cell(p.Detail))
		}
	}
	if !any {
		b.WriteString("None.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell makes s safe inside a markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
