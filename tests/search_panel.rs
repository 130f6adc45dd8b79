//! Story tests of the corpus search panel (issue 4), driven through egui_kittest on the example
//! project as an analyst would: Ctrl+Shift+F, typing, clicks, Enter, the tag palette, Ctrl+Z.

mod common;

use common::gui::{
    SHIFT_CMD, click, example_harness as harness, press, press_mod, type_into, type_text,
};

use dossier::search::{self, Hit, SearchOptions};
use dossier::ui::Workbench;
use dossier::ui::palette::PaletteKind;
use dossier::ui::views::CentreView;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Opens the search with its shortcut and types a query into the focused field.
fn search_for(h: &mut Harness<'_, Workbench>, query: &str) {
    press_mod(h, SHIFT_CMD, Key::F);
    assert_eq!(h.state().view(), CentreView::Search);
    type_text(h, query);
}

fn expected_hits(h: &Harness<'_, Workbench>, query: &str, regex: bool) -> Vec<Hit> {
    let options = SearchOptions {
        regex,
        ..SearchOptions::default()
    };
    search::find(h.state().project(), query, &options)
        .expect("valid query")
        .hits
}

/// The text a hit's row shows: the match with a little context, on one line.
fn row_text(h: &Harness<'_, Workbench>, hit: &Hit) -> String {
    let c = hit.context(h.state().project()).expect("context");
    let after: String = c.after.chars().take(12).collect();
    format!("{}{}", c.text, after).replace(['\n', '\r', '\t'], " ")
}

#[test]
fn a_plain_query_lists_every_hit_with_its_context() {
    let mut h = harness();
    search_for(&mut h, "ceasefire");
    let hits = expected_hits(&h, "ceasefire", false);
    assert!(hits.len() > 10, "the seeds talk of ceasefires");
    let articles: std::collections::BTreeSet<_> = hits.iter().map(|h| h.doc).collect();
    assert!(
        h.query_by_label(&format!(
            "{} hits in {} articles",
            hits.len(),
            articles.len()
        ))
        .is_some(),
        "the count is shown"
    );
    // Case-insensitive by default: "Ceasefire" at a sentence start is found too.
    let project = h.state().project().clone();
    assert!(
        hits.iter()
            .any(|x| x.context(&project).expect("context").text == "Ceasefire")
    );
    // The first hit is listed with the text after it, under its article's title.
    let first = hits.first().expect("a hit");
    assert!(
        h.query_by_label_contains(&row_text(&h, first)).is_some(),
        "the first hit shows in context"
    );
    let title = project.document(first.doc).expect("doc").title.clone();
    assert!(
        h.query_by_label(&title).is_some(),
        "grouped under its article"
    );

    // Match case narrows it.
    click(&mut h, "Match case");
    let exact = search::find(
        &project,
        "ceasefire",
        &SearchOptions {
            case_sensitive: true,
            ..SearchOptions::default()
        },
    )
    .expect("search")
    .hits;
    assert!(exact.len() < hits.len());
    assert!(
        h.query_by_label_contains(&format!("{} hits in", exact.len()))
            .is_some()
    );
}

#[test]
fn a_bad_regex_shows_the_error_under_the_field_and_nothing_breaks() {
    let mut h = harness();
    search_for(&mut h, "sanction");
    assert!(h.query_by_label_contains(" hits in ").is_some());
    click(&mut h, "Regular expression");
    type_into(&mut h, "Find", "s (unclosed");
    assert!(
        h.query_by_label_contains("invalid regular expression")
            .is_some(),
        "the regex error is shown"
    );
    assert!(
        h.query_by_label("No results: fix the expression").is_some(),
        "the results are cleared"
    );
    assert!(
        h.get_by_label("Tag all results…")
            .accesskit_node()
            .is_disabled()
    );
    // Fixing it brings results back.
    type_text(&mut h, ")");
    let hits = expected_hits(&h, "sanctions (unclosed)", true);
    assert!(hits.is_empty());
    assert!(
        h.query_by_label_contains("invalid regular expression")
            .is_none()
    );
    assert!(h.query_by_label("0 hits in 0 articles").is_some());
}

#[test]
fn click_a_hit_or_press_enter_to_open_it_selected_in_the_reader() {
    let mut h = harness();
    search_for(&mut h, "Kremlin");
    let hits = expected_hits(&h, "Kremlin", false);
    assert!(hits.len() >= 3);

    // Click the third hit.
    let third = hits[2];
    h.get_all_by_label_contains(&row_text(&h, &third))
        .next()
        .expect("the hit is listed")
        .click();
    h.run();
    assert_eq!(h.state().view(), CentreView::Reader);
    assert_eq!(h.state().reader().document(), Some(third.doc));
    assert_eq!(h.state().reader().selection(), Some(third.start..third.end));
    // The selection is ready to tag: T opens the tag palette.
    press(&mut h, Key::T);
    assert_eq!(h.state().palette(), Some(PaletteKind::Tags));
    press(&mut h, Key::Escape);

    // Back in the search (the query kept, focused): ↓ then Enter opens the next hit.
    press_mod(&mut h, SHIFT_CMD, Key::F);
    assert_eq!(h.state().view(), CentreView::Search);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    let fourth = hits[3];
    assert_eq!(h.state().view(), CentreView::Reader);
    assert_eq!(
        h.state().reader().selection(),
        Some(fourth.start..fourth.end)
    );
}

#[test]
fn tag_all_results_is_one_undo_step() {
    let mut h = harness();
    let before = h.state().project().clone();
    search_for(&mut h, "sanctions");
    let hits = expected_hits(&h, "sanctions", false);
    assert!(hits.len() >= 5);
    let steps = h.state().history().undo_len();

    click(&mut h, "Tag all results…");
    assert_eq!(h.state().palette(), Some(PaletteKind::SearchHits));
    type_text(&mut h, "Sanctions");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().palette(), None);

    let project = h.state().project().clone();
    let tag = project
        .tag_by_name("Sanctions")
        .expect("the example has it")
        .id;
    for hit in &hits {
        assert!(
            project
                .passages_overlapping(hit.doc, hit.start..hit.end)
                .any(|p| p.start == hit.start && p.end == hit.end && p.tags.contains(&tag)),
            "every hit is a passage tagged Sanctions: {hit:?}"
        );
    }
    assert_eq!(h.state().history().undo_len(), steps + 1, "one undo step");
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.text.starts_with("Tagged ") && n.text.contains("already had it")),
        "the count is reported"
    );
    // The list is still there, on the new revision.
    assert_eq!(h.state().view(), CentreView::Search);

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().project().passages(),
        before.passages(),
        "one Ctrl+Z undoes every tag"
    );
}

#[test]
fn tag_all_results_with_a_new_tag_creates_it_in_the_same_step() {
    let mut h = harness();
    search_for(&mut h, "drone");
    let hits = expected_hits(&h, "drone", false);
    assert!(!hits.is_empty());
    let tags = h.state().project().tags().len();
    click(&mut h, "Tag all results…");
    type_text(&mut h, "Drones");
    press(&mut h, Key::Enter);
    let drones = h
        .state()
        .project()
        .tag_by_name("Drones")
        .expect("created")
        .id;
    assert_eq!(
        h.state().project().tag_counts().get(&drones),
        Some(&hits.len())
    );
    assert!(h.state().notices().iter().any(|n| n.text
        == format!(
            "Tagged {} results with “Drones” (0 already had it).",
            hits.len()
        )));
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().tag_by_name("Drones").is_none());
    assert_eq!(h.state().project().tags().len(), tags);
}

/// The co-occurrence matrix: click a cell, its passages are listed; click one, it opens.
#[test]
fn click_a_matrix_cell_to_list_its_passages() {
    use dossier::cooccurrence::{self, Column, Mode, Options};
    use dossier::ui::TAG_PATH_SEPARATOR;
    use dossier::ui::views::cooccurrence::cell_label;

    let mut h = harness();
    click(&mut h, "Co-occurrence");
    assert_eq!(h.state().view(), CentreView::Cooccurrence);
    let project = h.state().project().clone();
    let name = |c: Column| match c {
        Column::Tag(t) => project.tag_path(t, TAG_PATH_SEPARATOR),
        Column::Actor(a) => project.actor(a).expect("actor").name.clone(),
    };

    let mut last = None;
    for (mode, tab) in [(Mode::TagTag, None), (Mode::TagActor, Some("Tag × actor"))] {
        if let Some(tab) = tab {
            click(&mut h, tab);
        }
        let options = Options {
            mode,
            include_subtags: false,
        };
        let m = cooccurrence::compute(&project, options, None);
        // The busiest off-diagonal cell small enough for every passage to show in the list.
        let mut best = None;
        for r in 0..m.rows.len() {
            for c in 0..m.columns.len() {
                let n = m.count(r, c);
                if !m.is_diagonal(r, c) && n > 1 && n <= 8 && best.is_none_or(|(_, _, b)| n > b) {
                    best = Some((r, c, n));
                }
            }
        }
        let (r, c, n) = best.expect("a shared cell");
        let (row, column) = (m.rows[r], m.columns[c]);
        let label = cell_label(&project.tag_path(row, TAG_PATH_SEPARATOR), &name(column), n);
        click(&mut h, &label);

        // The heading names the cell; the listed passages are exactly those with both.
        assert!(
            h.query_all_by_label(&label).count() >= 2,
            "cell and heading"
        );
        let expected: Vec<_> = project
            .passages()
            .values()
            .filter(|p| {
                p.tags.contains(&row)
                    && match column {
                        Column::Tag(t) => p.tags.contains(&t),
                        Column::Actor(a) => p.actors.iter().any(|(x, _)| *x == a),
                    }
            })
            .collect();
        assert_eq!(expected.len(), n);
        let listed = |h: &Harness<'_, Workbench>, quote: &str| {
            let start: String = quote
                .chars()
                .take(40)
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            h.query_all_by_label_contains(&start).count()
        };
        for p in &expected {
            assert!(listed(&h, &p.quote) >= 1, "listed: {}", p.quote);
        }
        let mut first = expected
            .iter()
            .map(|p| {
                (
                    p.id,
                    p.quote
                        .chars()
                        .take(40)
                        .map(|c| if c.is_whitespace() { ' ' } else { c })
                        .collect::<String>(),
                )
            })
            .filter(|(_, q)| listed(&h, q) == 1);
        last = first.next();
        // A passage with the row's tag but not the column is not listed.
        if let Some(other) = project.passages().values().find(|p| {
            p.tags.contains(&row)
                && !expected.iter().any(|e| e.id == p.id)
                && expected.iter().all(|e| {
                    !e.quote
                        .starts_with(&p.quote.chars().take(40).collect::<String>())
                })
        }) {
            assert_eq!(listed(&h, &other.quote), 0, "not listed: {}", other.quote);
        }
    }

    // Click a listed passage (the last cell's first): the reader opens on it.
    let (id, start) = last.expect("a listed passage");
    h.get_all_by_label_contains(&start)
        .next()
        .expect("listed")
        .click();
    h.run_steps(30);
    assert_eq!(h.state().view(), CentreView::Reader);
    assert_eq!(h.state().selected_passage(), Some(id));
}

#[test]
fn the_search_tab_focuses_the_query_field() {
    let mut h = harness();
    click(&mut h, "Search");
    assert_eq!(h.state().view(), CentreView::Search);
    type_text(&mut h, "Witkoff");
    assert_eq!(
        h.get_by_label("Find").accesskit_node().value().as_deref(),
        Some("Witkoff")
    );
    assert!(h.query_by_label_contains(" hits in ").is_some());
}
