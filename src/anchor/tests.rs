//! Re-anchoring on an analyst's day: a corrected article replaces the old one, and every passage
//! must land on the same words or be set aside — never on a look-alike.

use super::*;
use crate::edit::{History, apply};
use crate::model::{DocId, Document, Parts, Project, Tag, TagId, Text, Timestamp};
use proptest::prelude::*;

const ARTICLE: &str = "\
Witkoff meets Putin in Moscow

MOSCOW, Aug 6 (Reuters) - U.S. envoy Steve Witkoff met Vladimir Putin on Wednesday, a day \
before Trump's deadline for sanctions.

Kremlin aide Yuri Ushakov said the talks were productive. Officials in Kyiv were more guarded.

Zelenskyy said Russia must end the war. In Kyiv, officials said the talks were productive, \
but added that nothing had been agreed.

Trump set a deadline of Aug 8 for a ceasefire.
";

fn nth_char_offset(text: &str, quote: &str, nth: usize) -> usize {
    let (byte, _) = text
        .match_indices(quote)
        .nth(nth)
        .unwrap_or_else(|| panic!("{quote:?} #{nth} is in the text"));
    text[..byte].chars().count()
}

struct Fixture {
    project: Project,
    doc: DocId,
    passages: Vec<PassageId>,
}

/// A project with one article and a passage on each `(quote, occurrence)`, all tagged.
fn fixture(text: &str, quotes: &[(&str, usize)]) -> Fixture {
    let doc = Document {
        id: DocId::random(),
        title: "Witkoff meets Putin".into(),
        source: "Reuters".into(),
        author: String::new(),
        url: String::new(),
        published: None,
        origin: "old.txt".into(),
        imported: Timestamp(1),
        text: Text::new(text.to_owned()),
    };
    let tag = Tag {
        id: TagId::random(),
        name: "Claim".into(),
        color: crate::model::Rgb([1, 2, 3]),
        parent: None,
        description: String::new(),
    };
    let mut passages = Vec::new();
    for (quote, nth) in quotes {
        let start = nth_char_offset(text, quote, *nth);
        let mut p = Passage::new(&doc, start, start + quote.chars().count()).expect("span");
        p.tags = vec![tag.id];
        p.note = format!("note on {quote}");
        p.created = Timestamp(5);
        p.edited = Timestamp(5);
        passages.push(p);
    }
    let ids = passages.iter().map(|p| p.id).collect();
    let doc_id = doc.id;
    let project = Project::from_parts(Parts {
        title: "Test".into(),
        tags: vec![tag],
        documents: vec![doc],
        passages,
        ..Parts::default()
    })
    .expect("valid fixture");
    Fixture {
        project,
        doc: doc_id,
        passages: ids,
    }
}

/// Re-anchors into `new_text` and applies the edit; returns the outcome per fixture passage.
fn replace(f: &mut Fixture, new_text: &str) -> Vec<Placement> {
    let r = reanchor(&f.project, f.doc, Text::new(new_text.to_owned())).expect("reanchor");
    let outcomes = r.outcomes.clone();
    apply(&mut f.project, r.into_edit()).expect("the edit applies");
    f.passages
        .iter()
        .map(|id| {
            outcomes
                .iter()
                .find(|o| o.passage == *id)
                .map(|o| o.placement)
                .expect("an outcome per passage")
        })
        .collect()
}

fn span_text(f: &Fixture, id: PassageId) -> Option<String> {
    let p = f.project.passage(id)?;
    let doc = f.project.document(p.doc)?;
    doc.text.slice(p.start..p.end).map(str::to_owned)
}

#[test]
fn an_edit_before_the_passages_shifts_them_exactly() {
    let mut f = fixture(
        ARTICLE,
        &[
            ("Witkoff meets Putin", 0),
            ("the talks were productive", 1),
            ("Trump set a deadline of Aug 8", 0),
        ],
    );
    let new = ARTICLE.replace(
        "MOSCOW, Aug 6 (Reuters) - ",
        "MOSCOW, Aug 6 (Reuters) [updated 14:02 GMT] - ",
    );
    let placements = replace(&mut f, &new);
    assert!(matches!(
        placements[0],
        Placement::Exact { start: 0, end: 19 }
    ));
    for (i, id) in f.passages.iter().enumerate() {
        assert!(
            matches!(placements[i], Placement::Exact { .. }),
            "{i}: {placements:?}"
        );
        let p = f.project.passage(*id).expect("placed");
        assert_eq!(span_text(&f, *id).as_deref(), Some(p.quote.as_str()));
        assert_eq!(p.tags.len(), 1, "tags kept");
        assert!(p.note.starts_with("note on"), "note kept");
    }
    // The second "the talks were productive" (in Kyiv), not the first (Ushakov's).
    let kyiv = f.project.passage(f.passages[1]).expect("placed");
    assert!(
        kyiv.prefix.ends_with("officials said "),
        "{:?}",
        kyiv.prefix
    );
}

#[test]
fn an_edit_inside_a_passage_gives_an_approximate_match() {
    let mut f = fixture(
        ARTICLE,
        &[
            (
                "U.S. envoy Steve Witkoff met Vladimir Putin on Wednesday",
                0,
            ),
            ("Zelenskyy said Russia must end the war.", 0),
        ],
    );
    let new = ARTICLE.replace("met Vladimir Putin", "met Russian President Vladimir Putin");
    let placements = replace(&mut f, &new);
    match placements[0] {
        Placement::Approximate { errors, .. } => assert_eq!(errors, 18),
        other => panic!("expected approximate, got {other:?}"),
    }
    assert_eq!(
        span_text(&f, f.passages[0]).as_deref(),
        Some("U.S. envoy Steve Witkoff met Russian President Vladimir Putin on Wednesday")
    );
    assert!(matches!(placements[1], Placement::Exact { .. }));
}

#[test]
fn an_edit_after_the_passages_leaves_them_in_place() {
    let mut f = fixture(
        ARTICLE,
        &[
            ("Witkoff meets Putin", 0),
            ("said the talks were productive", 0),
        ],
    );
    let before: Vec<(usize, usize)> = f
        .passages
        .iter()
        .map(|id| {
            let p = f.project.passage(*id).expect("p");
            (p.start, p.end)
        })
        .collect();
    let new = format!("{ARTICLE}\nReporting by Guy Faulconbridge; editing by Someone.\n");
    let placements = replace(&mut f, &new);
    for (i, (start, end)) in before.into_iter().enumerate() {
        assert_eq!(placements[i], Placement::Exact { start, end });
    }
}

#[test]
fn whitespace_and_typo_fixes_inside_a_quote_are_approximate() {
    let text = "Kremlin aide Yuri  Ushakov said the talks were  productve, and that\n\
                a summit could follow within weeks.\n";
    let mut f = fixture(
        text,
        &[(
            "Yuri  Ushakov said the talks were  productve, and that\na summit",
            0,
        )],
    );
    let new = "Kremlin aide Yuri Ushakov said the talks were productive, and that a summit \
               could follow within weeks.\n";
    let placements = replace(&mut f, new);
    match placements[0] {
        Placement::Approximate { errors, .. } => assert_eq!(errors, 4),
        other => panic!("expected approximate, got {other:?}"),
    }
    assert_eq!(
        span_text(&f, f.passages[0]).as_deref(),
        Some("Yuri Ushakov said the talks were productive, and that a summit")
    );
}

#[test]
fn a_repeated_phrase_does_not_jump_to_the_other_copy() {
    // The passage is on Ushakov's "the talks were productive"; the edit deletes his paragraph.
    // The Kyiv copy is a look-alike in another context: the passage must be orphaned.
    let mut f = fixture(
        ARTICLE,
        &[
            ("the talks were productive", 0),
            ("Zelenskyy said Russia", 0),
        ],
    );
    let new = ARTICLE.replace(
        "Kremlin aide Yuri Ushakov said the talks were productive. Officials in Kyiv were more \
         guarded.\n\n",
        "",
    );
    let placements = replace(&mut f, &new);
    assert!(
        matches!(placements[0], Placement::Orphaned(_)),
        "{placements:?}"
    );
    assert!(matches!(placements[1], Placement::Exact { .. }));
    let orphan = f.project.orphan(f.passages[0]).expect("kept as an orphan");
    assert_eq!(orphan.quote, "the talks were productive");
    assert_eq!(orphan.tags.len(), 1);
    assert!(f.project.passage(f.passages[0]).is_none());
}

#[test]
fn a_repeated_phrase_stays_on_its_copy_when_both_move() {
    // Both copies survive, both move (a new first paragraph), and the text between them
    // changes: each passage stays on its own copy.
    let mut f = fixture(
        ARTICLE,
        &[
            ("the talks were productive", 0),
            ("the talks were productive", 1),
        ],
    );
    let new = ARTICLE
        .replace(
            "Witkoff meets Putin in Moscow\n",
            "Witkoff meets Putin in Moscow\n\nUpdated.\n",
        )
        .replace(
            "Zelenskyy said Russia must end the war.",
            "Zelenskyy: end the war.",
        );
    let placements = replace(&mut f, &new);
    assert!(
        placements
            .iter()
            .all(|p| matches!(p, Placement::Exact { .. }))
    );
    let first = f.project.passage(f.passages[0]).expect("placed");
    let second = f.project.passage(f.passages[1]).expect("placed");
    assert!(
        first.prefix.ends_with("Ushakov said "),
        "{:?}",
        first.prefix
    );
    assert!(
        second.prefix.ends_with("officials said "),
        "{:?}",
        second.prefix
    );
}

#[test]
fn identical_copies_the_position_cannot_tell_apart_are_orphaned() {
    let block = "========================================\nThe envoy said talks were productive.\n\
                 ========================================\n";
    let old = format!("Intro.\n{block}{block}Outro.\n");
    let mut f = fixture(&old, &[("The envoy said talks were productive.", 1)]);
    // Change the intro so that the passage's expected place falls midway between the copies,
    // and the outro so that the common ending does not reach the copies.
    let pad = "x".repeat(block.chars().count() / 2);
    let new = format!("Intro, longer{pad}.\n{block}{block}Outro, changed.\n");
    let placements = replace(&mut f, &new);
    assert!(
        matches!(
            placements[0],
            Placement::Orphaned(OrphanReason::Ambiguous { places: 2 })
        ),
        "{placements:?}"
    );
}

#[test]
fn a_deleted_paragraph_orphans_its_passages_and_only_those() {
    let mut f = fixture(
        ARTICLE,
        &[
            ("Zelenskyy said Russia must end the war.", 0),
            ("nothing had been agreed", 0),
            ("Kremlin aide Yuri Ushakov", 0),
            ("Trump set a deadline", 0),
        ],
    );
    let start = ARTICLE.find("Zelenskyy said").expect("para");
    let end = ARTICLE.find("Trump set").expect("next para");
    let new = format!("{}{}", &ARTICLE[..start], &ARTICLE[end..]);
    let placements = replace(&mut f, &new);
    assert!(
        matches!(placements[0], Placement::Orphaned(_)),
        "{placements:?}"
    );
    assert!(
        matches!(placements[1], Placement::Orphaned(_)),
        "{placements:?}"
    );
    assert!(matches!(placements[2], Placement::Exact { .. }));
    assert!(matches!(placements[3], Placement::Exact { .. }));
    assert_eq!(f.project.orphans_in(f.doc).count(), 2);
    assert_eq!(f.project.passages_in(f.doc).count(), 2);
}

#[test]
fn unicode_around_and_inside_passages() {
    let text = "Путин 🤝 Witkoff — «полезная встреча» 👩‍👩‍👧, said Ushakov.\n\
                Zelenskyy: «Росія має припинити війну» (e\u{301}crit).\n";
    let mut f = fixture(
        text,
        &[("«полезная встреча»", 0), ("Росія має припинити війну", 0)],
    );
    // Emoji and combining marks inserted before both; a precomposed é replaces e + U+0301
    // after the second one (outside its quote, inside its context).
    let new = format!(
        "🇺🇦🇷🇺 Update: \u{0627}\u{0644}\u{0633}\u{0644}\u{0627}\u{0645} a\u{308}\n{}",
        text.replace("e\u{301}crit", "écrit")
    );
    let placements = replace(&mut f, &new);
    for (i, id) in f.passages.iter().enumerate() {
        assert!(
            matches!(placements[i], Placement::Exact { .. }),
            "{placements:?}"
        );
        let p = f.project.passage(*id).expect("placed");
        assert_eq!(span_text(&f, *id).as_deref(), Some(p.quote.as_str()));
    }
    // A quote whose Cyrillic changes by a letter (і → и) is placed approximately.
    let newer = new.replace("Росія має", "Росия має");
    let placements = replace(&mut f, &newer);
    assert!(matches!(placements[0], Placement::Exact { .. }));
    assert!(
        matches!(placements[1], Placement::Approximate { errors: 1, .. }),
        "{placements:?}"
    );
    assert_eq!(
        span_text(&f, f.passages[1]).as_deref(),
        Some("Росия має припинити війну")
    );
}

#[test]
fn one_undo_restores_the_old_text_and_every_span() {
    let mut f = fixture(
        ARTICLE,
        &[
            ("the talks were productive", 0),
            ("the talks were productive", 1),
            ("Zelenskyy said Russia must end the war.", 0),
        ],
    );
    let original = f.project.clone();
    let new = ARTICLE
        .replace("Zelenskyy said Russia must end the war. ", "")
        .replace("Trump set", "U.S. President Donald Trump set");
    let r = reanchor(&f.project, f.doc, Text::new(new.clone())).expect("reanchor");
    let mut history = History::new();
    history
        .apply(&mut f.project, r.into_edit())
        .expect("applies");
    assert_eq!(history.undo_len(), 1);
    let applied = f.project.clone();
    assert_eq!(
        f.project.document(f.doc).map(|d| d.text.as_str()),
        Some(new.as_str())
    );
    assert_eq!(f.project.orphans().len(), 1);
    history.undo(&mut f.project).expect("undo");
    assert_eq!(f.project, original);
    assert!(f.project.orphans().is_empty());
    history.redo(&mut f.project).expect("redo");
    assert_eq!(f.project, applied);
}

#[test]
fn orphans_are_found_again_when_the_text_comes_back() {
    let mut f = fixture(ARTICLE, &[("Zelenskyy said Russia must end the war.", 0)]);
    let shorter = ARTICLE.replace("Zelenskyy said Russia must end the war. ", "");
    assert!(matches!(
        replace(&mut f, &shorter)[0],
        Placement::Orphaned(_)
    ));
    let placements = replace(&mut f, ARTICLE);
    let start = nth_char_offset(ARTICLE, "Zelenskyy said", 0);
    assert_eq!(
        placements[0],
        Placement::Exact {
            start,
            end: start + 39
        }
    );
    assert!(f.project.orphans().is_empty());
}

#[test]
fn orphans_survive_a_save_and_a_load() {
    let mut f = fixture(ARTICLE, &[("Zelenskyy said Russia must end the war.", 0)]);
    let shorter = ARTICLE.replace("Zelenskyy said Russia must end the war. ", "");
    replace(&mut f, &shorter);
    let ron = crate::store::to_ron_string(&f.project).expect("ron");
    assert!(ron.contains("orphans: ["), "{ron}");
    let loaded = crate::store::from_ron_str(&ron, std::path::Path::new("t.ron")).expect("loads");
    assert_eq!(loaded, f.project);
}

#[test]
fn replacing_with_the_same_text_is_refused() {
    let f = fixture(ARTICLE, &[("Witkoff", 0)]);
    assert!(matches!(
        reanchor(&f.project, f.doc, Text::new(ARTICLE.to_owned())),
        Err(AnchorError::Unchanged(_))
    ));
    assert!(matches!(
        reanchor(&f.project, DocId::random(), Text::new("x".into())),
        Err(AnchorError::NoDocument(_))
    ));
}

#[test]
fn place_finds_a_single_anchor() {
    let text = Text::new(ARTICLE.to_owned());
    let start = nth_char_offset(ARTICLE, "the talks were productive", 1);
    let anchor = Anchor::of(&text, start, start + 25).expect("anchor");
    assert_eq!(
        place(&text, &anchor, 0),
        Placement::Exact {
            start,
            end: start + 25
        }
    );
}

/// Words for generated articles: few, so that phrases repeat; some multi-byte.
const WORDS: &[&str] = &[
    "the",
    "talks",
    "Kremlin",
    "said",
    "мир",
    "переговоры",
    "👩‍👩‍👧",
    "e\u{301}",
    "Kyiv",
    "—",
    "ceasefire",
    "a",
    "of",
    "\n\n",
    "«deal»",
    "🤝",
];

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), n).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Inserting text anywhere never moves a passage whose quote it does not touch: the passage
    /// keeps its quote exactly, at its old place or shifted by the insertion (the two are the
    /// same words when the inserted text repeats what follows it).
    #[test]
    fn an_insertion_never_moves_an_untouched_passage(
        text in words(20..120),
        spans in prop::collection::vec((0usize..1000, 1usize..40), 1..8),
        inserted in words(1..30),
        at in 0usize..1000,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let mut quotes = Vec::new();
        let mut placed = Vec::new();
        for (s, len) in spans {
            let start = s % n;
            let end = (start + len).min(n);
            if start < end {
                placed.push((start, end));
            }
        }
        prop_assume!(!placed.is_empty());
        let doc = Document {
            id: DocId::random(),
            title: "t".into(),
            source: String::new(),
            author: String::new(),
            url: String::new(),
            published: None,
            origin: String::new(),
            imported: Timestamp(0),
            text: Text::new(text.clone()),
        };
        let mut passages = Vec::new();
        for (start, end) in &placed {
            let p = Passage::new(&doc, *start, *end).expect("span");
            quotes.push((p.id, *start, *end, p.quote.clone()));
            passages.push(p);
        }
        let doc_id = doc.id;
        let project = Project::from_parts(Parts {
            documents: vec![doc],
            passages,
            ..Parts::default()
        }).expect("valid");
        let at = at % (n + 1);
        let new: String = chars[..at].iter().collect::<String>() + &inserted
            + &chars[at..].iter().collect::<String>();
        let k = inserted.chars().count();
        let r = reanchor(&project, doc_id, Text::new(new.clone())).expect("reanchor");
        let new_text = r.replacement.text.clone();
        for (id, start, end, quote) in quotes {
            if at > start && at < end {
                continue; // the insertion is inside this quote
            }
            let outcome = r.outcomes.iter().find(|o| o.passage == id).expect("outcome");
            match outcome.placement {
                Placement::Exact { start: s, end: e } => {
                    prop_assert!(
                        (s, e) == (start, end) || (s, e) == (start + k, end + k),
                        "{quote:?} {start}..{end} went to {s}..{e} (insert {k} at {at})"
                    );
                    prop_assert_eq!(new_text.slice(s..e), Some(quote.as_str()));
                }
                other => prop_assert!(false, "{quote:?} {start}..{end}: {other:?} (insert at {at})"),
            }
        }
        let mut project = project;
        apply(&mut project, r.into_edit()).expect("applies");
    }
}

#[test]
fn a_copy_in_the_unchanged_text_is_never_taken() {
    // Two copies with the same 32 chars of context on both sides; the passage is on the second,
    // whose paragraph is deleted. The first copy is identical in quote and context, but it was
    // there before, somewhere the passage was not: the passage is orphaned.
    let block = "— the envoy said: «the talks were productive», and left. —\n";
    let old = format!("{block}Filler paragraph one.\n{block}Closing line.\n");
    let mut f = fixture(&old, &[("«the talks were productive»", 1)]);
    let new = format!("{block}Filler paragraph one.\nClosing line.\n");
    let placements = replace(&mut f, &new);
    assert!(
        matches!(placements[0], Placement::Orphaned(_)),
        "{placements:?}"
    );
}

#[test]
fn the_surviving_part_of_a_cut_passage_is_placed_approximately() {
    // The passage's last word is deleted: what is left of it ends where the deletion was, in
    // text that did not change — its own old text, so it may be taken.
    let old = "Ushakov spoke after the meeting ended. Witkoff left Moscow at night.\n";
    let mut f = fixture(old, &[("after the meeting ended. Witkoff", 0)]);
    let new = "Ushakov spoke after the meeting ended. left Moscow at night.\n";
    let placements = replace(&mut f, new);
    assert!(
        matches!(placements[0], Placement::Approximate { .. }),
        "{placements:?}"
    );
    let text = span_text(&f, f.passages[0]).expect("placed");
    assert!(text.starts_with("after the meeting ended."), "{text:?}");
}
