//! Generated corpora: realistic, valid projects and article texts, deterministic for a seed.
//!
//! Articles vary in length (a few hundred to tens of thousands of chars) and mix English with
//! Cyrillic, curly quotes, dashes, combining marks and emoji; passages overlap, carry tags and
//! link to actors and events.

use dossier::model::{
    Actor, ActorGrade, ActorId, ActorKind, ActorRole, Claim, ClaimId, Credibility, DateSpec, DocId,
    Document, Event, EventId, EventKind, EventRole, EvidenceParts, Grades, OutletGrade,
    ParticipantRole, Parts, Passage, PassageGrade, PassageId, Project, Reliability, Rgb, Stance,
    Tag, TagId, Text, Timestamp,
};

/// splitmix64: small, fast, good enough for test data.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "ceasefire",
    "envoy",
    "Kremlin",
    "sanctions",
    "deadline",
    "talks",
    "Moscow",
    "Kyiv",
    "Washington",
    "president",
    "officials",
    "said",
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "that",
    "on",
    "with",
    "negotiations",
    "offensive",
    "drone",
    "strikes",
    "region",
    "“progress”",
    "—",
    "agreement",
    "tariffs",
    "oil",
    "Zelenskyy",
    "Putin",
    "Witkoff",
    "Trump",
    "Зеленский",
    "переговоры",
    "мир",
    "Zaporizhzhia",
    "Odesa",
    "naïve",
    "café",
    "e\u{301}lan",
    "👩‍👩‍👧",
    "🇺🇦",
    "statement",
    "G7",
    "Istanbul",
    "Riyadh",
    "territory",
    "guarantees",
    "security",
    "peacekeeping",
    "reported",
];

/// One sentence of 8 to 29 words, capitalised, with a full stop.
pub fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(22);
    let mut s = String::new();
    for i in 0..n {
        let w = *rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// One article: a lead sentence and paragraphs; from a few hundred chars to ~30k, most 3–8k.
pub fn article(rng: &mut Rng) -> String {
    let paragraphs = 1 + rng.below(6) + rng.below(6) * rng.below(3);
    let mut text = sentence(rng);
    for _ in 0..paragraphs {
        text.push_str("\n\n");
        let sentences = 2 + rng.below(5);
        for j in 0..sentences {
            if j > 0 {
                text.push(' ');
            }
            text.push_str(&sentence(rng));
        }
    }
    text.push('\n');
    text
}

/// The `i`th generated article as a document.
fn document(rng: &mut Rng, i: usize) -> Document {
    Document {
        id: DocId::from_raw(rng.next()),
        title: format!("Generated article {i}"),
        source: OUTLETS[i % OUTLETS.len()].into(),
        author: String::new(),
        url: format!("https://example.org/{i}"),
        published: format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28)
            .parse()
            .ok(),
        origin: format!("gen/{i}.txt"),
        imported: Timestamp(1_760_000_000),
        text: Text::new(article(rng)),
    }
}

/// The size and seed of the search corpus (`documents_of_size(SEARCH_BYTES, SEARCH_SEED)`) the
/// `perf` summary and the benchmarks search.
pub const SEARCH_BYTES: usize = 50_000_000;
/// See [`SEARCH_BYTES`].
pub const SEARCH_SEED: u64 = 11;

/// The case-insensitive regular expressions searched over the search corpus, with the number of
/// hits each must give there (the generator is deterministic, so a different count is a bug in
/// the search or the generator): an analyst's query with a few thousand matches, and one with
/// a match every 500 bytes and Unicode word boundaries, the cost of collecting many hits.
pub const SEARCHES: [(&str, usize); 2] = [
    (r"sanctions?\s+(deadline|tariffs)", 4_022),
    (r"\bkremlin\b\s+\w+", 97_444),
];

/// Generated documents whose texts add up to at least `bytes` bytes.
pub fn documents_of_size(bytes: usize, seed: u64) -> Vec<Document> {
    let mut rng = Rng(seed);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let doc = document(&mut rng, docs.len());
        total += doc.text.len_bytes();
        docs.push(doc);
    }
    docs
}

/// A valid project: 40 tags in a two-level tree, 300 actors, 500 events, `articles` articles and
/// `passages` passages spread over them (1–3 tags each; half link an actor, a third an event, a
/// quarter have a note). No claims or grades ([`project_with_claims`] adds them).
pub fn project(articles: usize, passages: usize, seed: u64) -> Result<Project, String> {
    project_with_claims(articles, passages, 0, seed)
}

/// The outlets of the generated articles (article `i` is `OUTLETS[i % 5]`).
const OUTLETS: [&str; 5] = ["Reuters", "Al Jazeera", "AP", "FT", "Meduza"];

/// [`project`] plus `claims` claims (a third about an event) with stances on 2–30 passages each
/// (mostly supports, a quarter disputes, some qualifies), reliability grades on four of the five
/// outlets and on every tenth actor, and a credibility grade on every fourth passage that holds
/// a stance. With `claims` = 0 it is exactly [`project`] (the same random draws).
pub fn project_with_claims(
    articles: usize,
    passages: usize,
    claims: usize,
    seed: u64,
) -> Result<Project, String> {
    let mut rng = Rng(seed);
    let colors = [
        [0xd9, 0x82, 0x2b],
        [0x3b, 0x82, 0xf6],
        [0x10, 0xb9, 0x81],
        [0xef, 0x44, 0x44],
        [0x8b, 0x5c, 0xf6],
        [0xea, 0xb3, 0x08],
        [0x06, 0xb6, 0xd4],
        [0xec, 0x48, 0x99],
    ];
    let mut tags: Vec<Tag> = Vec::new();
    for i in 0..40 {
        let parent = (i >= 8).then(|| tags[i % 8].id);
        tags.push(Tag {
            id: TagId::from_raw(rng.next()),
            name: format!("Tag {i}"),
            color: Rgb(colors[i % colors.len()]),
            parent,
            description: format!("Generated tag number {i}."),
        });
    }
    let actors: Vec<Actor> = (0..300)
        .map(|i| Actor {
            author: String::new(),
            id: ActorId::from_raw(rng.next()),
            name: format!("Actor {i}"),
            kind: ActorKind::ALL[i % ActorKind::ALL.len()],
            aliases: vec![format!("A{i}"), format!("Актор {i}")],
            description: String::new(),
        })
        .collect();
    let events: Vec<Event> = (0..500)
        .map(|i| Event {
            author: String::new(),
            id: EventId::from_raw(rng.next()),
            title: format!("Event {i}"),
            date: format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28)
                .parse::<DateSpec>()
                .ok(),
            place: "Somewhere".into(),
            kind: EventKind::ALL[i % EventKind::ALL.len()],
            participants: vec![
                (actors[i % actors.len()].id, ParticipantRole::Initiator),
                (
                    actors[(i * 7 + 1) % actors.len()].id,
                    ParticipantRole::Target,
                ),
            ],
            description: String::new(),
        })
        .collect();
    let documents: Vec<Document> = (0..articles).map(|i| document(&mut rng, i)).collect();
    let mut list = Vec::with_capacity(passages);
    for k in 0..passages {
        let Some(d) = documents.get(k % documents.len().max(1)) else {
            break;
        };
        let n = d.text.len_chars();
        if n < 2 {
            continue;
        }
        let start = rng.below(n - 1);
        let len = 1 + rng.below(240.min(n - start - 1).max(1));
        let Some(mut p) = Passage::new(d, start, (start + len).min(n)) else {
            continue;
        };
        p.id = PassageId::from_raw(rng.next());
        p.created = Timestamp(1_760_000_000);
        p.edited = p.created;
        p.tags = (0..1 + rng.below(3)).map(|_| rng.pick(&tags).id).collect();
        if rng.below(2) == 0 {
            p.actors.push((rng.pick(&actors).id, ActorRole::Speaker));
        }
        if rng.below(3) == 0 {
            p.events.push((rng.pick(&events).id, EventRole::Reports));
        }
        if rng.below(4) == 0 {
            p.note = sentence(&mut rng);
        }
        list.push(p);
    }
    let evidence = if claims == 0 {
        EvidenceParts::default()
    } else {
        evidence(&mut rng, claims, &actors, &events, &list)
    };
    Project::from_parts_with_evidence(
        Parts {
            title: format!("Generated: {articles} articles, {passages} passages"),
            tags,
            actors,
            events,
            documents,
            passages: list,
        },
        Vec::new(),
        evidence,
    )
    .map_err(|problems| format!("generated an invalid project: {:?}", problems.first()))
}

/// Claims with stances on `passages`, and grades (see [`project_with_claims`]).
fn evidence(
    rng: &mut Rng,
    claims: usize,
    actors: &[Actor],
    events: &[Event],
    passages: &[Passage],
) -> EvidenceParts {
    let mut out = EvidenceParts::default();
    let mut graded = std::collections::BTreeSet::new();
    for i in 0..claims {
        let mut claim = Claim {
            id: ClaimId::from_raw(rng.next()),
            statement: format!("Generated claim {i}: {}", sentence(rng)),
            event: (i % 3 == 0).then(|| rng.pick(events).id),
            description: String::new(),
            stances: Vec::new(),
        };
        for _ in 0..2 + rng.below(29) {
            if passages.is_empty() {
                break;
            }
            let p = rng.pick(passages).id;
            let stance = match rng.below(8) {
                0 | 1 => Stance::Disputes,
                2 => Stance::Qualifies,
                _ => Stance::Supports,
            };
            if claim.stances.iter().all(|(q, _)| *q != p) {
                claim.stances.push((p, stance));
                if rng.below(4) == 0 {
                    graded.insert(p);
                }
            }
        }
        out.claims.push(claim);
    }
    out.grades = Grades {
        outlets: OUTLETS
            .iter()
            .zip([
                Reliability::A,
                Reliability::B,
                Reliability::C,
                Reliability::D,
            ])
            .map(|(o, grade)| OutletGrade {
                outlet: (*o).to_owned(),
                grade,
            })
            .collect(),
        actors: actors
            .iter()
            .step_by(10)
            .map(|a| ActorGrade {
                actor: a.id,
                grade: Reliability::ALL[rng.below(5)],
            })
            .collect(),
        passages: graded
            .into_iter()
            .map(|passage| PassageGrade {
                passage,
                credibility: Credibility::ALL[rng.below(5)],
            })
            .collect(),
    };
    out
}

/// Writes `n` generated articles as `NNNN.txt` files into `dir` (for importing); returns the
/// bytes written.
pub fn write_articles(dir: &std::path::Path, n: usize, seed: u64) -> std::io::Result<usize> {
    let mut rng = Rng(seed);
    let mut total = 0;
    for i in 0..n {
        let text = format!(
            "Generated article {i}\n\nBy Staff — 2025-{:02}-{:02}\n\n{}",
            1 + i % 12,
            1 + i % 28,
            article(&mut rng)
        );
        total += text.len();
        std::fs::write(dir.join(format!("{i:04}.txt")), text)?;
    }
    Ok(total)
}
