//! The agreement report as a person reads it (a text table and the list of differences) and as a
//! spreadsheet reads it (CSV, one row per tag and one for all tags). The JSON form is the report's
//! serde serialisation.

use std::fmt::Write as _;

use super::{Figures, Report};

/// A figure with three decimals, or "—" when it is undefined.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"))
}

/// A char-level percent with one decimal, or "—".
fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

/// Shortens a quote to `n` chars for a one-line listing.
fn shorten(text: &str, n: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        let mut out: String = flat.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The report as text: the articles compared, a table of figures, the reasons behind every "—",
/// and the differences.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let a = &report.articles;
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "Agreement of A ({}) and B ({}) on {} article(s) both coded, {} chars; passages match when they overlap by ≥ {:.0}% of their union.",
        report.a,
        report.b,
        a.compared,
        a.chars,
        report.threshold * 100.0
    );
    for excluded in &a.excluded {
        let _ = writeln!(out, "  not compared: {} ({})", excluded.title, excluded.why);
    }
    if a.uncoded > 0 {
        let _ = writeln!(
            out,
            "  not compared: {} article(s) neither coded",
            a.uncoded
        );
    }
    if a.a_orphans + a.b_orphans > 0 {
        let _ = writeln!(
            out,
            "  left out: {} orphaned passage(s) of A, {} of B (no place in the text)",
            a.a_orphans, a.b_orphans
        );
    }
    let _ = writeln!(out);
    let width = report
        .tags
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    let _ = writeln!(
        out,
        "{:<width$}  {:>6}  {:>6}  {:>6}  {:>7}  {:>5}  {:>5}  {:>7}  {:>6}  {:>6}",
        "tag", "α_u", "κ", "F1", "%chars*", "A", "B", "matched", "only A", "only B"
    );
    let mut row = |name: &str, f: &Figures| {
        let c = &f.counts;
        let _ = writeln!(
            out,
            "{:<width$}  {:>6}  {:>6}  {:>6}  {:>7}  {:>5}  {:>5}  {:>7}  {:>6}  {:>6}",
            name,
            figure(f.alpha_u),
            figure(f.kappa),
            figure(f.f1),
            percent(f.percent_agreement),
            c.a_units,
            c.b_units,
            c.matched,
            c.only_a,
            c.only_b
        );
    };
    row("overall", &report.overall);
    for (name, f) in &report.tags {
        row(name, f);
    }
    let _ = writeln!(
        out,
        "* per-character percent agreement as QualCoder and NVivo report it; dominated by uncoded text, shown for comparison only."
    );
    let mut reasons: Vec<String> = Vec::new();
    for (name, f) in std::iter::once(("overall", &report.overall))
        .chain(report.tags.iter().map(|(k, v)| (k.as_str(), v)))
    {
        let mut seen: Vec<&String> = Vec::new();
        for why in f.why.values() {
            if !seen.contains(&why) {
                seen.push(why);
                reasons.push(format!("  {name}: {why}"));
            }
        }
    }
    if !reasons.is_empty() {
        let _ = writeln!(out, "\nWhy some figures are missing:");
        for r in reasons {
            let _ = writeln!(out, "{r}");
        }
    }
    let _ = writeln!(out, "\n{} difference(s):", report.disagreements.len());
    for d in &report.disagreements {
        let unit = |u: &Option<super::UnitRef>| {
            u.as_ref().map_or_else(String::new, |u| {
                format!(
                    "{}–{} \"{}\" [{}]",
                    u.start,
                    u.end,
                    shorten(&u.quote, 50),
                    u.tags.join(", ")
                )
            })
        };
        let detail = match (&d.a, &d.b) {
            (Some(_), Some(_)) => format!("A {}  B {}", unit(&d.a), unit(&d.b)),
            (Some(_), None) => format!("A {}", unit(&d.a)),
            (None, _) => format!("B {}", unit(&d.b)),
        };
        let also = if d.tags_differ && d.kind == super::DifferenceKind::Boundaries {
            " (tags differ too)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<25} {}: {detail}{also}",
            d.kind.label(),
            d.article
        );
    }
    out
}

/// The figures as CSV: a header, then `overall` and one row per tag; empty cells for undefined
/// figures, with the reason in the last column.
pub fn csv(report: &Report) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "tag",
        "alpha_u",
        "kappa",
        "f1",
        "precision",
        "recall",
        "percent_agreement_chars",
        "a_units",
        "b_units",
        "matched",
        "only_a",
        "only_b",
        "kappa_units",
        "chars",
        "a_chars",
        "b_chars",
        "differing_chars",
        "why",
    ])?;
    let cell = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.6}"));
    for (name, f) in std::iter::once(("overall", &report.overall))
        .chain(report.tags.iter().map(|(k, v)| (k.as_str(), v)))
    {
        let c = &f.counts;
        let why: Vec<String> = f.why.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        writer.write_record([
            name.to_owned(),
            cell(f.alpha_u),
            cell(f.kappa),
            cell(f.f1),
            cell(f.precision),
            cell(f.recall),
            cell(f.percent_agreement),
            c.a_units.to_string(),
            c.b_units.to_string(),
            c.matched.to_string(),
            c.only_a.to_string(),
            c.only_b.to_string(),
            c.kappa_units.to_string(),
            c.chars.to_string(),
            c.a_chars.to_string(),
            c.b_chars.to_string(),
            c.differing_chars.to_string(),
            why.join("; "),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
