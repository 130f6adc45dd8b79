//! The fast reader and writer against `ron`: same bytes written, same values read, and `ron`
//! deciding whatever the fast reader refuses.

use std::path::Path;

use proptest::prelude::*;

use super::{
    PASSAGE_START, ProjectFile, WriteError, parse, parse_bytes_split_at, parse_bytes_with,
    parse_split, parse_text, project_to_string, ser, write_project_in_pieces,
};
use crate::model::{
    Actor, ActorGrade, ActorId, ActorKind, ActorRole, Claim, ClaimId, Credibility, DocId, Document,
    Event, EventId, EventKind, EventRole, EvidenceParts, Grades, OutletGrade, ParticipantRole,
    Parts, Passage, PassageGrade, PassageId, Project, Reliability, Rgb, Stance, Tag, TagId, Text,
    Timestamp,
};
use crate::store::{fast_ron_string, file_ref, from_ron_str, ron_config, to_ron_string};

/// Strings that exercise the writer's choices: quotes and backslashes (raw strings, with as
/// many hashes as needed), hashes, line breaks, RON syntax, the passage marker, non-ASCII.
const AWKWARD: &[&str] = &[
    "",
    "plain",
    "say \"hi\"",
    "back\\slash",
    "r#\"raw\"#",
    "\"#",
    "a\"##b###",
    "#",
    "ends with quote\"",
    "line\nbreak\r\n\ttab",
    "// not a comment",
    "/* nor this */",
    "(id: \"p\", [1, 2])",
    ",\n    (\n      id: \"p0000000000000\",",
    "Zelenskyy — «Ukraine» 👩‍👩‍👧 e\u{301}",
    "\u{feff}bom inside",
];

fn document(n: u64, text: &str, title: &str) -> Document {
    Document {
        id: DocId::from_raw(n),
        title: title.to_owned(),
        source: "Source \"S\"".into(),
        author: "A\\B".into(),
        url: "https://example.org/a#b".into(),
        published: "2025-08-06".parse().ok(),
        origin: "C:\\imports\\a.txt".into(),
        imported: Timestamp(1_760_000_000),
        text: Text::new(text.to_owned()),
    }
}

/// A valid project using `words` in every kind of string it has, with orphans.
fn project_with(words: &[&str], passages_per_doc: usize) -> Project {
    let word = |i: usize| words.get(i % words.len().max(1)).copied().unwrap_or("x");
    let tags: Vec<Tag> = (0..4)
        .map(|i| Tag {
            id: TagId::from_raw(100 + i as u64),
            name: format!("tag {i} {}", word(i)),
            color: Rgb([i as u8, 2, 3]),
            parent: (i > 0).then(|| TagId::from_raw(100)),
            description: word(i + 1).to_owned(),
        })
        .collect();
    let actors: Vec<Actor> = (0..3)
        .map(|i| Actor {
            author: String::new(),
            id: ActorId::from_raw(200 + i as u64),
            name: format!("actor {i} {}", word(i + 2)),
            kind: ActorKind::ALL[i % ActorKind::ALL.len()],
            aliases: vec![word(i).to_owned(), word(i + 3).to_owned()],
            description: word(i + 4).to_owned(),
        })
        .collect();
    let events: Vec<Event> = (0..2)
        .map(|i| Event {
            author: String::new(),
            id: EventId::from_raw(300 + i as u64),
            title: format!("event {i} {}", word(i + 5)),
            date: ["2025-08-06", "2025-05~/2025-07"][i].parse().ok(),
            place: word(i + 6).to_owned(),
            kind: EventKind::ALL[i],
            participants: vec![(actors[i].id, ParticipantRole::Mediator)],
            description: word(i + 7).to_owned(),
        })
        .collect();
    let documents: Vec<Document> = (0..3)
        .map(|i| {
            let text = format!(
                "Article {i}: {}\n\nThe envoy said {} and left. {}\n",
                word(i),
                word(i + 1),
                word(i + 2)
            );
            document(400 + i as u64, &text.repeat(3), word(i + 3))
        })
        .collect();
    let mut passages = Vec::new();
    for (d, doc) in documents.iter().enumerate() {
        let len = doc.text.len_chars();
        for k in 0..passages_per_doc {
            let start = (k * 7 + d) % (len - 10);
            let Some(mut p) = Passage::new(doc, start, start + 1 + (k * 13) % 9) else {
                continue;
            };
            p.id = PassageId::from_raw(1000 + (d * passages_per_doc + k) as u64);
            p.created = Timestamp(1_760_000_000 + k as i64);
            p.edited = p.created;
            p.tags = vec![tags[k % tags.len()].id];
            if k % 2 == 0 {
                p.actors
                    .push((actors[k % actors.len()].id, ActorRole::Target));
            }
            if k % 3 == 0 {
                p.events
                    .push((events[k % events.len()].id, EventRole::Denies));
            }
            p.note = word(k).to_owned();
            passages.push(p);
        }
    }
    let mut orphan = passages[0].clone();
    orphan.id = PassageId::from_raw(9);
    orphan.start = 100_000;
    orphan.end = 100_005;
    orphan.note = word(3).to_owned();
    // Claims and grades in every form they take: stances on passages and the orphan, an event
    // or none, grades of outlets (awkward names), actors and passages.
    let claims: Vec<Claim> = (0..3)
        .map(|i| Claim {
            id: ClaimId::from_raw(500 + i as u64),
            statement: format!("claim {i} {}", word(i + 8)),
            event: (i % 2 == 0).then(|| events[i % events.len()].id),
            description: word(i + 9).to_owned(),
            stances: passages
                .iter()
                .skip(i)
                .step_by(3)
                .map(|p| p.id)
                .chain((i == 1).then_some(orphan.id))
                .zip(Stance::ALL.into_iter().cycle())
                .collect(),
        })
        .collect();
    let grades = Grades {
        outlets: (0..3)
            .map(|i| OutletGrade {
                outlet: format!("outlet {i} {}", word(i + 10)),
                grade: Reliability::ALL[i],
            })
            .collect(),
        actors: vec![ActorGrade {
            actor: actors[1].id,
            grade: Reliability::D,
        }],
        passages: passages
            .iter()
            .take(4)
            .zip(Credibility::ALL)
            .map(|(p, credibility)| PassageGrade {
                passage: p.id,
                credibility,
            })
            .collect(),
    };
    Project::from_parts_with_evidence(
        Parts {
            title: format!("Title {}", word(0)),
            tags,
            actors,
            events,
            documents,
            passages,
        },
        vec![orphan],
        EvidenceParts { claims, grades },
    )
    .and_then(|project| {
        let ach = ach_parts(&project, &word);
        project.with_ach(ach)
    })
    .expect("a valid test project")
}

/// Hypotheses with awkward titles and rows of every kind: a passage and an orphan, a claim,
/// every relevance, one switched off, every rating and a blank.
fn ach_parts<'w>(project: &Project, word: &impl Fn(usize) -> &'w str) -> crate::model::AchParts {
    use crate::model::{AchRow, Hypothesis, HypothesisId, Rating, Relevance, RowSource};
    let hypotheses: Vec<Hypothesis> = (0..3)
        .map(|i| Hypothesis {
            id: HypothesisId::from_raw(600 + i as u64),
            title: format!("hypothesis {i} {}", word(i + 11)),
            description: word(i + 12).to_owned(),
        })
        .collect();
    let sources = (project
        .passages()
        .keys()
        .take(2)
        .copied()
        .map(RowSource::Passage))
    .chain(project.orphans().keys().copied().map(RowSource::Passage))
    .chain(
        project
            .evidence()
            .claims()
            .keys()
            .copied()
            .map(RowSource::Claim),
    );
    let rows = sources
        .enumerate()
        .map(|(i, source)| AchRow {
            source,
            relevance: Relevance::ALL[i % 3],
            off: i == 1,
            ratings: (hypotheses.iter())
                .zip(Rating::ALL.iter().skip(i))
                .filter(|(_, r)| i % 4 != 3 || **r != Rating::CC)
                .map(|(h, r)| (h.id, *r))
                .collect(),
        })
        .collect();
    crate::model::AchParts { hypotheses, rows }
}

fn ron_text(project: &Project) -> String {
    let mut text =
        ron::ser::to_string_pretty(&file_ref(project), ron_config()).expect("ron writes it");
    text.push('\n');
    text
}

/// What the fast writer alone writes (never `ron`'s fallback): it must not decline a project.
fn fast_text(project: &Project) -> String {
    fast_ron_string(project).expect("the fast writer declined the project")
}

/// What `ron` reads from `text`, in a comparable form.
fn ron_reads(text: &str) -> Option<String> {
    ron::from_str::<ProjectFile>(text)
        .ok()
        .map(|f| format!("{f:?}"))
}

/// Whatever the fast reader accepts, `ron` reads the same.
fn assert_agrees_with_ron(text: &str) {
    if let Some(fast) = parse(text) {
        assert_eq!(
            Some(format!("{fast:?}")),
            ron_reads(text),
            "fast reader and ron differ on:\n{text}"
        );
    }
}

#[test]
fn writes_what_ron_writes_and_reads_it_back() {
    let project = project_with(AWKWARD, 20);
    let text = fast_text(&project);
    assert_eq!(text, ron_text(&project));
    let fast = parse(&text).expect("the fast reader takes the canonical form");
    assert_eq!(Some(format!("{fast:?}")), ron_reads(&text));
    let reread = from_ron_str(&text, Path::new("t.ron")).expect("loads");
    assert_eq!(reread, project);
}

#[test]
fn writes_the_example_project_as_committed() {
    let project = crate::example::example_project().expect("loads");
    let text = fast_text(&project);
    assert_eq!(text, ron_text(&project));
    assert_eq!(text, crate::example::EXAMPLE_RON);
    assert!(parse(&text).is_some());
}

#[test]
fn a_split_anywhere_gives_the_same_file_or_none() {
    let project = project_with(AWKWARD, 12);
    let text = to_ron_string(&project).expect("writes");
    let whole = format!(
        "{:?}",
        parse_text(&text, usize::MAX).expect("sequential read")
    );
    let mut used = 0;
    for (at, _) in text.match_indices(std::str::from_utf8(PASSAGE_START).expect("ASCII")) {
        let split = at + super::SPLIT_OFFSET;
        let (head, tail) = text.split_at(split);
        if let Some(file) = parse_split(|| Some(head), move || Some(tail)) {
            assert_eq!(format!("{file:?}"), whole, "split at {split}");
            used += 1;
        }
    }
    // Every passage but the first starts after a comma; the markers in notes are not used.
    assert_eq!(used, project.passages().len() - 1);
    // The parallel path as `load` takes it, for a text over the threshold.
    let file = parse_text(&text, 0).expect("parallel read");
    assert_eq!(format!("{file:?}"), whole);
    let file = parse_bytes_with(text.as_bytes(), 0).expect("parallel read of bytes");
    assert_eq!(format!("{file:?}"), whole);
}

#[test]
fn bytes_that_are_not_utf8_on_either_side_of_the_split_are_refused() {
    let project = project_with(&["a", "b"], 30);
    let text = to_ron_string(&project).expect("writes");
    for at in [text.len() / 4, text.len() * 3 / 4] {
        let mut bytes = text.clone().into_bytes();
        // Inside a string, so only the UTF-8 check can object.
        let quote = at + text[at..].find("quote: \"").expect("a quote") + 8;
        bytes[quote] = 0xff;
        assert!(parse_bytes_with(&bytes, 0).is_none(), "bad byte at {quote}");
    }
}

#[test]
fn passages_written_on_two_threads_are_the_same_bytes() {
    let project = project_with(AWKWARD, 20);
    let text = project_to_string(&mut file_ref(&project), 0, 1).expect("writes");
    assert_eq!(text, ron_text(&project));
    let empty = Project::new("empty");
    let text = project_to_string(&mut file_ref(&empty), 0, 1).expect("writes");
    assert_eq!(text, ron_text(&empty));
}

#[test]
fn a_project_written_in_pieces_is_the_same_bytes() {
    let project = project_with(AWKWARD, 20);
    for piece_bytes in [1, 100, 1000, usize::MAX] {
        let mut out = Vec::new();
        write_project_in_pieces(&file_ref(&project), &mut out, piece_bytes).expect("writes");
        assert_eq!(String::from_utf8(out).expect("UTF-8"), ron_text(&project));
    }
}

/// Accepts `left` bytes, then fails like a full disk.
struct FullDisk {
    left: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left",
            ));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_disk_stops_the_writing_with_its_error() {
    let project = project_with(AWKWARD, 20);
    for left in [0, 500, 5000] {
        let result = write_project_in_pieces(&file_ref(&project), &mut FullDisk { left }, 300);
        match result {
            Err(WriteError::Io(err)) => assert_eq!(err.kind(), std::io::ErrorKind::StorageFull),
            other => panic!("expected the disk's error, got {other:?}"),
        }
    }
}

#[test]
fn a_marker_inside_a_note_does_not_mislead_the_split() {
    // Every note quotes the passage layout, so a split may land inside one.
    let project = project_with(&[",\n    (\n      id: \"p0000000000000\",\n"], 40);
    let text = to_ron_string(&project).expect("writes");
    for (at, _) in text.match_indices(std::str::from_utf8(PASSAGE_START).expect("ASCII")) {
        let (head, tail) = text.split_at(at + super::SPLIT_OFFSET);
        if let Some(file) = parse_split(|| Some(head), move || Some(tail)) {
            assert_eq!(Some(format!("{file:?}")), ron_reads(&text));
        }
    }
    let loaded = from_ron_str(&text, Path::new("t.ron")).expect("loads");
    assert_eq!(loaded, project);
    // Wherever the split falls (a note here or a real passage), the fast reader reads the file:
    // on one thread again when the split was in a note.
    let whole = format!(
        "{:?}",
        parse_text(&text, usize::MAX).expect("sequential read")
    );
    let mut in_strings = 0;
    for (at, _) in text.match_indices(std::str::from_utf8(PASSAGE_START).expect("ASCII")) {
        let split = at + super::SPLIT_OFFSET;
        let (head, tail) = text.split_at(split);
        in_strings += usize::from(parse_split(|| Some(head), move || Some(tail)).is_none());
        let file = parse_bytes_split_at(text.as_bytes(), split).expect("read");
        assert_eq!(format!("{file:?}"), whole, "split at {split}");
    }
    assert!(
        in_strings > project.passages().len(),
        "splits inside strings were tried"
    );
}

#[test]
fn other_ron_is_left_to_ron() {
    let project = project_with(&["a", "b"], 2);
    let text = to_ron_string(&project).expect("writes");
    let v = format!("  version: {},", crate::store::VERSION);
    let variants = [
        text.replacen("(\n  format", "// comment\n(\n  format", 1),
        text.replacen("(\n  format", "#![enable(implicit_some)]\n(\n  format", 1),
        text.replacen("title: \"Title a\"", "title: \"Title \\u{61}\"", 1),
        text.replacen("    (\n      id: \"t", "    Tag(\n      id: \"t", 1),
        text.replacen(&v, &format!("{v}\n  extra: [1, 2],"), 1),
        text.replacen(&v, "  version: 01,", 1),
        text.replacen(&v, &v.replace(',', "u32,"), 1),
        text.replacen(&v, &format!("{v}\n{v}"), 1),
        text.replacen("  format: \"dossier\",\n", "", 1),
        text.replacen("parent: None", "parent: Some (None)", 1),
        text.replacen("kind: Person", "kind: Person()", 1),
        text.replacen(",\n  ],\n  actors", "\n  ],\n  actors", 1),
        text.replace("  ", "\t"),
        format!("{text}trailing"),
        text[..text.len() / 2].to_owned(),
    ];
    for variant in &variants {
        assert_ne!(variant, &text, "the test's edit applies");
        assert_agrees_with_ron(variant);
    }
    // Variants `ron` reads are read the same by `from_ron_str`, through either reader.
    for variant in &variants {
        if let Some(expected) = ron_reads(variant) {
            let fast_or_ron = parse(variant).map(|f| format!("{f:?}"));
            assert!(fast_or_ron.is_none() || fast_or_ron == Some(expected));
        }
    }
}

#[test]
fn the_writer_refuses_what_it_does_not_cover() {
    let mut out = String::new();
    assert!(ser::write(&1.5f64, &mut out).is_err());
    let map = std::collections::BTreeMap::from([(1, 2)]);
    assert!(ser::write(&map, &mut out).is_err());
}

fn awkward_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just("#".to_owned()),
            Just("r".to_owned()),
            Just("\n".to_owned()),
            Just(",".to_owned()),
            Just("(".to_owned()),
            Just(")".to_owned()),
            Just("é".to_owned()),
            Just("👩‍👩‍👧".to_owned()),
            "[a-z ]{0,3}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_strings_are_written_as_ron_writes_them(words in prop::collection::vec(awkward_string(), 1..8)) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let project = project_with(&words, 3);
        let text = fast_ron_string(&project);
        prop_assert!(text.is_some(), "the fast writer declined the project");
        let text = text.unwrap_or_default();
        prop_assert_eq!(&text, &ron_text(&project));
        let fast = parse(&text).map(|f| format!("{f:?}"));
        prop_assert!(fast.is_some(), "the fast reader refused its own output");
        prop_assert_eq!(fast, ron_reads(&text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_damaged_file_is_read_as_ron_reads_it_or_left_to_ron(
        at in 0.0f64..1.0,
        cut in 0usize..4,
        insert in prop_oneof![Just(""), Just(","), Just(")"), Just("\""), Just(" "), Just("0"), Just("r#"), Just("\n")],
    ) {
        let project = project_with(&["a \"q\"", "b"], 2);
        let text = to_ron_string(&project).expect("writes");
        let mut pos = (text.len() as f64 * at) as usize;
        while !text.is_char_boundary(pos) {
            pos -= 1;
        }
        let mut end = (pos + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let damaged = format!("{}{insert}{}", &text[..pos], &text[end..]);
        assert_agrees_with_ron(&damaged);
    }
}

#[test]
fn feeds_and_fetched_articles_with_versions_are_written_and_read_as_ron_does() {
    use crate::model::{Feed, Fetched, PartialDate, Timestamp, Version};
    let project = project_with(AWKWARD, 3);
    let doc = *project.documents().keys().next().expect("a document");
    let mut feed = Feed::new("https://example.org/rss?a=1&b=\"2\"");
    feed.etag = "W/\"abc\"".into();
    feed.last_modified = "Tue, 06 Aug 2024 10:00:00 GMT".into();
    feed.checked = Some(Timestamp(1_722_938_400));
    feed.seen = vec!["https://example.org/1".into(), "urn:x".into()];
    let record = Fetched {
        doc,
        url: "https://example.org/a".into(),
        canonical: "https://example.org/a?ref=x".into(),
        fetched: Timestamp(1_722_938_500),
        hash: "00ff".into(),
        modified: PartialDate::day(2024, 8, 6),
        feed: feed.url.clone(),
        versions: vec![Version {
            fetched: Timestamp(1_722_900_000),
            replaced: Timestamp(1_722_938_500),
            hash: "11ee".into(),
            title: "Old \"title\"".into(),
            stealth: true,
            text: "Old text\n\nwith \\ and \"quotes\" and r#raw#".into(),
        }],
    };
    let project = project
        .with_web(
            vec![feed, Feed::new("https://example.org/atom")],
            vec![record],
        )
        .expect("valid");
    let text = fast_text(&project);
    assert_eq!(text, ron_text(&project));
    assert!(text.contains("  feeds: [") && text.contains("  fetched: ["));
    let fast = parse(&text).expect("the fast reader takes the canonical form");
    assert_eq!(Some(format!("{fast:?}")), ron_reads(&text));
    let reread = from_ron_str(&text, Path::new("t.ron")).expect("loads");
    assert_eq!(reread, project);
    // A record of a document that is not there is refused with the reason.
    let missing = crate::model::DocId::from_raw(999_999);
    let at = text.find("  fetched: [").expect("the records");
    let orphaned = format!(
        "{}{}",
        &text[..at],
        text[at..].replacen(
            &format!("doc: \"{doc}\""),
            &format!("doc: \"{missing}\""),
            1
        )
    );
    let err = from_ron_str(&orphaned, Path::new("t.ron")).expect_err("dangling");
    assert!(err.to_string().contains("fetch record"), "{err}");
}

#[test]
fn a_brief_template_is_written_and_read_as_ron_does_and_left_out_when_default() {
    use crate::model::{AgreementCoders, BriefTemplate, GroupBy, Part};
    let project = project_with(AWKWARD, 3);
    assert!(
        !fast_text(&project).contains("brief:"),
        "the default is not written"
    );
    let template = BriefTemplate {
        group_by: GroupBy::Doc,
        omit: vec![Part::EventCards, Part::Notes],
        agreement: Some(AgreementCoders {
            a: "Ана \"A\"".into(),
            b: "Ben\\B".into(),
        }),
    };
    let project = project.with_brief_template(template).expect("valid");
    assert_eq!(
        project.brief_template().omit,
        [Part::Notes, Part::EventCards]
    );
    let text = fast_text(&project);
    assert_eq!(text, ron_text(&project));
    assert!(text.contains("  brief: (\n    group_by: Doc,"), "{text}");
    let fast = parse(&text).expect("the fast reader takes the canonical form");
    assert_eq!(Some(format!("{fast:?}")), ron_reads(&text));
    let reread = from_ron_str(&text, Path::new("t.ron")).expect("loads");
    assert_eq!(reread, project);
    // Only the grouping, hand-written: the rest defaults; one analyst twice is refused.
    let at = text.find("  brief: (").expect("the template");
    let short = format!("{}  brief: (group_by: Actor),\n)\n", &text[..at]);
    let read = from_ron_str(&short, Path::new("t.ron")).expect("loads");
    assert_eq!(read.brief_template().group_by, GroupBy::Actor);
    assert!(read.brief_template().omit.is_empty());
    let same = format!(
        "{}  brief: (agreement: Some((a: \"Ana\", b: \" Ana\"))),\n)\n",
        &text[..at]
    );
    let err = from_ron_str(&same, Path::new("t.ron")).expect_err("one analyst twice");
    assert!(err.to_string().contains("with themselves"), "{err}");
}
