//! Times re-anchoring: one long generated article with many passages, replaced by edited versions.
//!
//! `cargo run --release --example reanchor_bench -- --chars 2000000 --passages 20000`
//!
//! The article mixes English-like words (a few thousand, so phrases repeat as in real text) with
//! Cyrillic, emoji and combining marks. Passages are 20–300 chars, anywhere, overlapping. Each
//! scenario edits the text, re-anchors every passage, applies the edit and undoes it, and prints
//! the time and where the passages went.

use std::time::Instant;

use clap::Parser;
use dossier::anchor::{self, Counts};
use dossier::edit::History;
use dossier::model::{DocId, Document, Parts, Passage, Project, Text, Timestamp};

#[derive(Parser)]
struct Args {
    /// Length of the article in chars.
    #[arg(long, default_value_t = 2_000_000)]
    chars: usize,
    /// Number of passages.
    #[arg(long, default_value_t = 20_000)]
    passages: usize,
    /// Random seed.
    #[arg(long, default_value_t = 11)]
    seed: u64,
}

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SPECIAL: &[&str] = &[
    "Зеленский",
    "переговоры",
    "мир",
    "👩‍👩‍👧",
    "🇺🇦",
    "e\u{301}lan",
    "naïve",
    "“progress”",
    "—",
];

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    const SYLLABLES: &[&str] = &[
        "ka", "re", "mi", "to", "sa", "le", "an", "or", "en", "ti", "po", "us", "ne", "de", "ra",
        "li", "co", "ve", "st", "th",
    ];
    let mut words: Vec<String> = ["the", "of", "and", "a", "to", "in", "said", "that", "on"]
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
    for _ in 0..4000 {
        let n = 1 + rng.below(4);
        words.push(
            (0..n)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect(),
        );
    }
    words.extend(SPECIAL.iter().map(|w| (*w).to_owned()));
    words
}

fn article(rng: &mut Rng, words: &[String], chars: usize) -> String {
    let mut text = String::with_capacity(chars * 11 / 10);
    let mut n = 0;
    while n < chars {
        let sentences = 2 + rng.below(6);
        for _ in 0..sentences {
            let len = 6 + rng.below(24);
            for i in 0..len {
                // Common words often, the rest evenly.
                let w = if rng.below(3) == 0 {
                    &words[rng.below(9)]
                } else {
                    &words[rng.below(words.len())]
                };
                if i > 0 {
                    text.push(' ');
                    n += 1;
                }
                text.push_str(w);
                n += w.chars().count();
            }
            text.push_str(". ");
            n += 2;
        }
        text.push_str("\n\n");
        n += 2;
    }
    text
}

/// Char offset → byte offset.
fn byte_at(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

fn report(name: &str, counts: Counts, reanchor_ms: f64, apply_ms: f64, undo_ms: f64) {
    println!(
        "{name:<44} {reanchor_ms:>9.1} ms  exact {:>6}  approx {:>5}  orphaned {:>5}   (apply {apply_ms:.1} ms, undo {undo_ms:.1} ms)",
        counts.exact, counts.approximate, counts.orphaned
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    let words = vocabulary(&mut rng);
    let old = article(&mut rng, &words, args.chars);
    let doc = Document {
        id: DocId::random(),
        title: "Long article".into(),
        source: String::new(),
        author: String::new(),
        url: String::new(),
        published: None,
        origin: "long.txt".into(),
        imported: Timestamp(0),
        text: Text::new(old.clone()),
    };
    let n = doc.text.len_chars();
    let mut passages = Vec::with_capacity(args.passages);
    while passages.len() < args.passages {
        let start = rng.below(n - 400);
        let len = 20 + rng.below(280);
        if let Some(p) = Passage::new(&doc, start, start + len) {
            passages.push(p);
        }
    }
    let doc_id = doc.id;
    let project = Project::from_parts(Parts {
        documents: vec![doc],
        passages,
        ..Parts::default()
    })
    .map_err(|p| format!("invalid: {:?}", p.first()))?;
    println!(
        "article: {} chars, {:.1} MB; {} passages",
        n,
        old.len() as f64 / 1e6,
        project.passages().len()
    );

    let mut scenarios: Vec<(&str, String)> = Vec::new();
    // A line added at the top.
    scenarios.push((
        "a line inserted at the top",
        format!("UPDATED 14:02 GMT.\n\n{old}"),
    ));
    // A paragraph inserted at 10%, another deleted at 60%.
    {
        let at = byte_at(&old, n / 10);
        let del_from = byte_at(&old, n * 6 / 10);
        let del_to = byte_at(&old, n * 6 / 10 + 3000);
        let mut t = String::new();
        t.push_str(&old[..at]);
        t.push_str("An inserted paragraph, which no passage quotes. ");
        t.push_str(&old[at..del_from]);
        t.push_str(&old[del_to..]);
        scenarios.push(("insert at 10%, delete 3,000 chars at 60%", t));
    }
    // A tenth of the article cut out.
    {
        let from = byte_at(&old, n * 4 / 10);
        let to = byte_at(&old, n / 2);
        scenarios.push((
            "10% cut out (200,000 chars at 40%)",
            format!("{}{}", &old[..from], &old[to..]),
        ));
    }
    // 100 one-char typo fixes spread over the text.
    {
        let mut chars: Vec<char> = old.chars().collect();
        for _ in 0..100 {
            let i = rng.below(chars.len());
            if chars[i].is_ascii_alphabetic() {
                chars[i] = if chars[i] == 'x' { 'y' } else { 'x' };
            }
        }
        scenarios.push((
            "100 one-char changes spread out",
            chars.into_iter().collect(),
        ));
    }
    // The first and last chars changed: the common beginning and end are empty, so every
    // passage is searched for.
    {
        let mut t = String::from("¶");
        t.push_str(&old[1..old.len() - 1]);
        t.push('¶');
        scenarios.push(("first and last char changed (all searched)", t));
    }

    // The wrong file: another article altogether (every passage is searched for and orphaned).
    {
        let mut other_rng = Rng(args.seed.wrapping_add(1));
        scenarios.push((
            "an unrelated article of the same length",
            article(&mut other_rng, &words, args.chars),
        ));
    }

    for (name, new) in scenarios {
        let t0 = Instant::now();
        let r = anchor::reanchor(&project, doc_id, Text::new(new))?;
        let reanchor_ms = t0.elapsed().as_secs_f64() * 1e3;
        let counts = r.counts();
        let mut p = project.clone();
        let mut history = History::new();
        let t1 = Instant::now();
        history.apply(&mut p, r.into_edit())?;
        let apply_ms = t1.elapsed().as_secs_f64() * 1e3;
        let t2 = Instant::now();
        history.undo(&mut p)?;
        let undo_ms = t2.elapsed().as_secs_f64() * 1e3;
        if p != project {
            return Err("undo did not restore the project".into());
        }
        report(name, counts, reanchor_ms, apply_ms, undo_ms);
    }
    Ok(())
}
