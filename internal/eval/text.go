package eval

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/xinfang/xinfang"
)

// WriteText writes r as aligned plain-text tables. With mismatches set it
// also lists every record predicted wrongly, with gold and predicted values
// of the fields that differ.
func WriteText(w io.Writer, r Report, mismatches bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "records: %d\n\ncategories\n", r.Records)
	// Labels go last: tabwriter counts a Chinese character as one column.
	fmt.Fprintf(w, "%-24s %7s %5s %5s %5s %9s %7s %6s  %s\n", "code", "support", "tp", "fp", "fn", "precision", "recall", "f1", "label")
	for _, s := range r.Categories {
		fmt.Fprintf(w, "%-24s %7d %5d %5d %5d %9.3f %7.3f %6.3f  %s\n", s.Code, s.Support, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1, s.Label)
	}
	fmt.Fprintf(w, "\nmacro-F1 (core categories, %d scored): %.3f\n", r.CoreScored, r.MacroF1Core)
	fmt.Fprintf(w, "categories exactly right: %s\n", match(r.CategoriesExact))

	fmt.Fprintf(w, "\nrisk (rows gold, columns predicted)\n")
	fmt.Fprint(tw, "gold\\pred\t")
	for _, l := range r.Risk.Levels {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw)
	for i, l := range r.Risk.Levels {
		fmt.Fprintf(tw, "%s\t", l)
		for _, n := range r.Risk.Matrix[i] {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r.Risk.Unknown > 0 {
		fmt.Fprintf(w, "predictions with no valid level: %d\n", r.Risk.Unknown)
	}
	fmt.Fprintf(w, "risk accuracy: %s\n", match(Match{Correct: r.Risk.Correct, Total: r.Risk.Total, Accuracy: r.Risk.Accuracy}))
	fmt.Fprintf(w, "high rated low: %d\n", r.Risk.HighAsLow)

	fmt.Fprintf(w, "\nextraction (exact match)\n")
	fmt.Fprintf(tw, "headcount\t%s\t\n", match(r.Headcount))
	fmt.Fprintf(tw, "amounts_yuan\t%s\t\n", match(r.Amounts))
	fmt.Fprintf(tw, "city\t%s\t\n", match(r.City))
	fmt.Fprintf(tw, "county\t%s\t\n", match(r.County))
	if err := tw.Flush(); err != nil {
		return err
	}

	if r.Kind.Total > 0 {
		fmt.Fprintf(w, "\nkind (petition/bulletin) right: %s\n", match(r.Kind))
	}
	if len(r.ByKind) > 0 {
		fmt.Fprintf(w, "\nby kind (gold)\n")
		fmt.Fprintf(tw, "kind\trecords\tmacro-F1\trisk exact\thigh rated low\theadcount\tamounts\tcity\t\n")
		for _, k := range r.ByKind {
			s := k.Report
			fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%d\t%.3f\t%.3f\t%.3f\t\n", k.Kind, s.Records, s.MacroF1Core, s.Risk.Accuracy,
				s.Risk.HighAsLow, s.Headcount.Accuracy, s.Amounts.Accuracy, s.City.Accuracy)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	if mismatches {
		fmt.Fprintf(w, "\nmismatches: %d\n", len(r.Mismatches))
		for _, m := range r.Mismatches {
			fmt.Fprintf(w, "%s\n", m.ID)
			for _, f := range m.Fields {
				g, p := field(m.Gold, f), field(m.Pred, f)
				fmt.Fprintf(w, "  %-13s gold %s  pred %s\n", f, g, p)
			}
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

func match(m Match) string {
	return fmt.Sprintf("%d/%d = %.3f", m.Correct, m.Total, m.Accuracy)
}

// field formats one labeled field for the mismatch list.
func field(l Labels, name string) string {
	switch name {
	case "categories":
		return "[" + strings.Join(l.Categories, ",") + "]"
	case "risk":
		if l.Risk == "" {
			return `""`
		}
		return l.Risk + "(" + xinfang.RiskLabel(l.Risk) + ")"
	case "headcount":
		if l.Headcount == nil {
			return "null"
		}
		return strconv.Itoa(*l.Headcount)
	case "amounts_yuan":
		s := make([]string, len(l.AmountsYuan))
		for i, a := range l.AmountsYuan {
			s[i] = strconv.FormatFloat(a, 'f', -1, 64)
		}
		return "[" + strings.Join(s, ",") + "]"
	case "city":
		return strPtr(l.City)
	case "county":
		return strPtr(l.County)
	case "kind":
		return l.Kind
	}
	return "?"
}

func strPtr(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}
