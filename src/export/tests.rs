//! Tests of the excerpt query and the JSON export on a small hand-built project.

use std::collections::BTreeSet;

use super::*;
use crate::model::{
    Actor, ActorId, ActorKind, ActorRole, DocId, Document, Event, EventId, EventKind, EventRole,
    ParticipantRole, Parts, Passage, PassageId, Rgb, Tag, TagId, Text, Timestamp,
};

pub(super) const T_CLAIM: TagId = TagId::from_raw(1);
pub(super) const T_QUOTE: TagId = TagId::from_raw(2);
pub(super) const T_THREAT: TagId = TagId::from_raw(3);
pub(super) const T_OTHER_QUOTE: TagId = TagId::from_raw(4);
pub(super) const A_PUTIN: ActorId = ActorId::from_raw(10);
pub(super) const A_ZEL: ActorId = ActorId::from_raw(11);
pub(super) const E_MEET: EventId = EventId::from_raw(20);
pub(super) const D_AUG: DocId = DocId::from_raw(30);
pub(super) const D_MAR: DocId = DocId::from_raw(31);
pub(super) const D_UNDATED: DocId = DocId::from_raw(32);
pub(super) const D_UNTOUCHED: DocId = DocId::from_raw(33);

fn doc(id: DocId, title: &str, published: Option<&str>, text: &str) -> Document {
    Document {
        id,
        title: title.to_owned(),
        source: "Reuters".to_owned(),
        author: String::new(),
        url: String::new(),
        published: published.map(|p| p.parse().expect("date")),
        origin: format!("seeds/{title}.txt"),
        imported: Timestamp(0),
        text: Text::new(text.to_owned()),
    }
}

fn tag(id: TagId, name: &str, parent: Option<TagId>) -> Tag {
    Tag {
        id,
        name: name.to_owned(),
        color: Rgb([0xd9, 0x82, 0x2b]),
        parent,
        description: String::new(),
    }
}

/// A passage over the first occurrence of `quote` in `d`.
fn passage(raw: u64, d: &Document, quote: &str) -> Passage {
    let text = d.text.as_str();
    let byte = text.find(quote).expect("quote in text");
    let start = text[..byte].chars().count();
    let end = start + quote.chars().count();
    let mut p = Passage::new(d, start, end).expect("span");
    p.id = PassageId::from_raw(raw);
    p
}

pub(super) fn project() -> Project {
    let aug = doc(
        D_AUG,
        "Witkoff in Moscow",
        Some("2025-08-06"),
        "Путин met Witkoff — «a useful meeting», Ushakov said. Zelenskyy warned of new strikes.",
    );
    let mar = doc(
        D_MAR,
        "Talks in Jeddah",
        Some("2025-03"),
        "Ukraine accepted a 30-day ceasefire proposal. Moscow said it would study it.",
    );
    let undated = doc(D_UNDATED, "Undated", None, "Nothing dated here.");
    let untouched = doc(
        D_UNTOUCHED,
        "No passages",
        Some("2025-08-07"),
        "An article nobody has annotated yet.",
    );
    let mut p1 = passage(100, &aug, "«a useful meeting»");
    p1.tags = vec![T_QUOTE];
    p1.actors = vec![(A_PUTIN, ActorRole::Subject)];
    p1.events = vec![(E_MEET, EventRole::Reports)];
    p1.note = "Kremlin framing".to_owned();
    let mut p2 = passage(101, &aug, "Zelenskyy warned of new strikes");
    p2.tags = vec![T_THREAT];
    p2.actors = vec![(A_ZEL, ActorRole::Speaker)];
    let mut p3 = passage(102, &mar, "Ukraine accepted a 30-day ceasefire proposal");
    p3.tags = vec![T_CLAIM, T_OTHER_QUOTE];
    let p4 = passage(103, &undated, "Nothing");
    Project::from_parts(Parts {
        title: "Test".to_owned(),
        tags: vec![
            tag(T_CLAIM, "Claim", None),
            tag(T_QUOTE, "Quote", Some(T_CLAIM)),
            tag(T_THREAT, "Threat", None),
            tag(T_OTHER_QUOTE, "Quote", Some(T_THREAT)),
        ],
        actors: vec![
            Actor {
                author: String::new(),
                id: A_PUTIN,
                name: "Vladimir Putin".to_owned(),
                kind: ActorKind::Person,
                aliases: vec!["Putin".to_owned(), "Путин".to_owned()],
                description: String::new(),
            },
            Actor {
                author: String::new(),
                id: A_ZEL,
                name: "Volodymyr Zelenskyy".to_owned(),
                kind: ActorKind::Person,
                aliases: vec!["Zelensky".to_owned()],
                description: String::new(),
            },
        ],
        events: vec![Event {
            author: String::new(),
            id: E_MEET,
            title: "Witkoff meets Putin".to_owned(),
            date: Some("2025-08-06".parse().expect("date")),
            place: "Moscow".to_owned(),
            kind: EventKind::Consult,
            participants: vec![(A_PUTIN, ParticipantRole::Participant)],
            description: String::new(),
        }],
        documents: vec![aug, mar, undated, untouched],
        passages: vec![p1, p2, p3, p4],
    })
    .expect("valid test project")
}

fn ids(excerpts: &Excerpts<'_>) -> Vec<u64> {
    excerpts.passages.iter().map(|p| p.id.raw()).collect()
}

#[test]
fn the_empty_query_selects_everything_in_file_order() {
    let project = project();
    let q = ExcerptQuery::all();
    assert!(q.is_unfiltered());
    let got = q.run(&project);
    assert_eq!(got.documents.len(), 4, "documents without passages too");
    // Passages by document id, then start.
    assert_eq!(ids(&got), vec![100, 101, 102, 103]);
}

#[test]
fn a_tag_includes_its_sub_tags() {
    let project = project();
    let q = ExcerptQuery {
        tags: BTreeSet::from([T_CLAIM]),
        ..ExcerptQuery::default()
    };
    assert_eq!(
        ids(&q.run(&project)),
        vec![100, 102],
        "Claim and Claim/Quote"
    );
    let q = ExcerptQuery {
        tags: BTreeSet::from([T_QUOTE]),
        ..ExcerptQuery::default()
    };
    assert_eq!(
        ids(&q.run(&project)),
        vec![100],
        "only Claim/Quote, not its parent"
    );
    let q = ExcerptQuery {
        tags: BTreeSet::from([T_QUOTE, T_THREAT]),
        ..ExcerptQuery::default()
    };
    assert_eq!(ids(&q.run(&project)), vec![100, 101, 102], "any of several");
}

#[test]
fn actors_events_and_docs_filter_and_combine() {
    let project = project();
    let by_actor = ExcerptQuery {
        actors: BTreeSet::from([A_ZEL]),
        ..ExcerptQuery::default()
    };
    let got = by_actor.run(&project);
    assert_eq!(ids(&got), vec![101]);
    let docs: Vec<DocId> = got.documents.iter().map(|d| d.id).collect();
    assert_eq!(
        docs,
        [D_AUG],
        "a passage filter keeps only the documents cited"
    );
    let by_event = ExcerptQuery {
        events: BTreeSet::from([E_MEET]),
        ..ExcerptQuery::default()
    };
    assert_eq!(ids(&by_event.run(&project)), vec![100]);
    let by_doc = ExcerptQuery {
        docs: BTreeSet::from([D_MAR]),
        ..ExcerptQuery::default()
    };
    let got = by_doc.run(&project);
    assert_eq!(ids(&got), vec![102]);
    assert_eq!(got.documents.len(), 1);
    // Filters combine with AND: the Threat passage is not by Putin.
    let both = ExcerptQuery {
        tags: BTreeSet::from([T_THREAT]),
        actors: BTreeSet::from([A_PUTIN]),
        ..ExcerptQuery::default()
    };
    assert!(ids(&both.run(&project)).is_empty());
    assert!(!both.matches(&project, &project.passages()[&PassageId::from_raw(101)]));
    assert!(by_actor.matches(&project, &project.passages()[&PassageId::from_raw(101)]));
}

#[test]
fn the_date_range_uses_publication_dates_and_partial_dates_overlap() {
    let project = project();
    let from_august = ExcerptQuery {
        from: Some("2025-08-01".parse().expect("date")),
        ..ExcerptQuery::default()
    };
    let got = from_august.run(&project);
    assert_eq!(ids(&got), vec![100, 101]);
    let docs: Vec<DocId> = got.documents.iter().map(|d| d.id).collect();
    assert_eq!(
        docs,
        [D_AUG, D_UNTOUCHED],
        "in range, with or without passages; the undated document is left out"
    );
    // "2025-03" (the whole month) overlaps a range that starts mid-March.
    let mid_march = ExcerptQuery {
        from: Some("2025-03-20".parse().expect("date")),
        to: Some("2025-04".parse().expect("date")),
        ..ExcerptQuery::default()
    };
    assert_eq!(ids(&mid_march.run(&project)), vec![102]);
    let before = ExcerptQuery {
        to: Some("2025-02-28".parse().expect("date")),
        ..ExcerptQuery::default()
    };
    assert!(before.run(&project).documents.is_empty());
}

#[test]
fn text_matches_quote_or_note_ignoring_case() {
    let project = project();
    let q = |text: &str| ExcerptQuery {
        text: text.to_owned(),
        ..ExcerptQuery::default()
    };
    assert_eq!(ids(&q("USEFUL").run(&project)), vec![100]);
    assert_eq!(
        ids(&q("kremlin framing").run(&project)),
        vec![100],
        "the note"
    );
    assert_eq!(ids(&q("  ceasefire ").run(&project)), vec![102], "trimmed");
    assert!(ids(&q("absent").run(&project)).is_empty());
    assert!(q("   ").is_unfiltered());
}

#[test]
fn terms_resolve_by_id_path_name_and_alias() {
    let project = project();
    let terms = QueryTerms {
        tags: vec!["claim/quote".to_owned(), T_THREAT.to_string()],
        actors: vec!["putin".to_owned(), "Zelensky".to_owned()],
        events: vec!["WITKOFF MEETS PUTIN".to_owned()],
        docs: vec![
            "Talks in Jeddah".to_owned(),
            "Witkoff in Moscow.txt".to_owned(),
        ],
        from: Some("2025-01".parse().expect("date")),
        to: None,
        text: " useful ".to_owned(),
        ..QueryTerms::default()
    };
    let q = terms.resolve(&project).expect("all terms resolve");
    assert_eq!(q.tags, BTreeSet::from([T_QUOTE, T_THREAT]));
    assert_eq!(q.actors, BTreeSet::from([A_PUTIN, A_ZEL]));
    assert_eq!(q.events, BTreeSet::from([E_MEET]));
    assert_eq!(q.docs, BTreeSet::from([D_AUG, D_MAR]));
    assert_eq!(q.text, "useful");
    assert_eq!(ids(&q.run(&project)), vec![100]);
}

#[test]
fn unknown_and_ambiguous_terms_are_all_reported() {
    let project = project();
    let terms = QueryTerms {
        tags: vec!["Quote".to_owned(), "Nope".to_owned()],
        actors: vec!["Biden".to_owned()],
        from: Some("2025-09".parse().expect("date")),
        to: Some("2025-08".parse().expect("date")),
        ..QueryTerms::default()
    };
    let errors = terms.resolve(&project).expect_err("bad terms");
    assert_eq!(errors.len(), 4, "{errors:?}");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        text[0].contains("Claim/Quote") && text[0].contains("Threat/Quote"),
        "{}",
        text[0]
    );
    assert!(text[1].contains("no tag") && text[1].contains("Nope"));
    assert!(text[2].contains("no actor") && text[2].contains("Biden"));
    assert!(matches!(errors[3], QueryError::Backwards { .. }));
}

#[test]
fn json_export_follows_the_schema() {
    let project = project();
    let text = json::to_json_string(&project, &ExcerptQuery::all()).expect("json");
    assert!(text.ends_with("}\n"));
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "format",
        "version",
        "title",
        "description",
        "documents",
        "passages",
        "tags",
        "actors",
        "events",
        "outlets",
        "claims",
        "ach",
    ];
    expected.sort_unstable();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected);
    assert_eq!(v["format"], "dossier-export");
    assert_eq!(v["version"], 2);
    assert_eq!(v["title"], "Test");

    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0]["published"], "2025-08-06");
    assert_eq!(docs[1]["published"], "2025-03");
    assert!(docs[2]["published"].is_null());

    let passages = v["passages"].as_array().expect("passages");
    assert_eq!(passages.len(), 4);
    for p in passages {
        // The quote equals the text at the char span, also with Cyrillic and guillemets before it.
        let doc = docs
            .iter()
            .find(|d| d["id"] == p["doc"])
            .expect("passage's document is exported");
        let chars: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
        let (start, end) = (
            p["start"].as_u64().expect("start") as usize,
            p["end"].as_u64().expect("end") as usize,
        );
        let at_span: String = chars[start..end].iter().collect();
        assert_eq!(p["quote"].as_str(), Some(at_span.as_str()));
    }
    let first = &passages[0];
    assert_eq!(first["tags"], serde_json::json!(["Quote"]));
    assert_eq!(first["tag_ids"], serde_json::json!([T_QUOTE.to_string()]));
    assert_eq!(
        first["actors"],
        serde_json::json!([{"id": A_PUTIN.to_string(), "name": "Vladimir Putin", "role": "subject"}])
    );
    assert_eq!(
        first["events"],
        serde_json::json!([{"id": E_MEET.to_string(), "name": "Witkoff meets Putin", "role": "reports"}])
    );
    assert_eq!(first["note"], "Kremlin framing");
    assert_eq!(first["prefix"], "Путин met Witkoff — ");
    // Tags of a passage are sorted by path: Claim before Threat/Quote.
    assert_eq!(passages[2]["tags"], serde_json::json!(["Claim", "Quote"]));

    let tags = v["tags"].as_array().expect("tags");
    assert_eq!(tags[1]["path"], "Claim/Quote");
    assert_eq!(tags[1]["parent"], T_CLAIM.to_string());
    assert!(tags[0]["parent"].is_null());
    assert_eq!(tags[0]["color"], "#d9822b");
    assert_eq!(v["actors"][0]["kind"], "person");
    assert_eq!(
        v["actors"][0]["aliases"],
        serde_json::json!(["Putin", "Путин"])
    );
    let event = &v["events"][0];
    assert_eq!(event["kind"], "consult");
    assert_eq!(event["date"], "2025-08-06");
    assert_eq!(event["participants"][0]["role"], "participant");
    assert_eq!(event["participants"][0]["name"], "Vladimir Putin");
}

#[test]
fn json_export_is_deterministic_and_respects_the_query() {
    let project = project();
    let q = ExcerptQuery {
        tags: BTreeSet::from([T_THREAT]),
        ..ExcerptQuery::default()
    };
    let a = export(&project, &q, Format::Json).expect("export");
    let b = export(&project.clone(), &q, Format::Json).expect("export");
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_slice(&a).expect("json");
    assert_eq!(v["passages"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        v["documents"].as_array().map(Vec::len),
        Some(2),
        "only the documents the passages come from"
    );
    assert_eq!(
        v["tags"].as_array().map(Vec::len),
        Some(4),
        "the whole codebook"
    );
}

#[test]
fn formats_parse_by_name() {
    assert_eq!("json".parse::<Format>(), Ok(Format::Json));
    assert_eq!("JSON".parse::<Format>(), Ok(Format::Json));
    let err = "xml".parse::<Format>().expect_err("unknown");
    assert!(err.to_string().contains("json"), "{err}");
}
