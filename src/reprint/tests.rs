//! The reprint rule: what counts as a reprint, that the index loses no pair, and the seeds.

use super::*;
use crate::model::{Document, Parts};

const WIRE: &str = "MOSCOW, Aug 6 - Russian President Vladimir Putin met U.S. envoy Steve \
    Witkoff in the Kremlin on Wednesday for three hours of talks that both sides described as \
    useful, the Kremlin said. The meeting came two days before a deadline set by Washington \
    for Moscow to agree to a ceasefire in Ukraine or face new sanctions on buyers of its oil. \
    Kremlin aide Yuri Ushakov told reporters that the two sides had exchanged signals on the \
    Ukrainian issue and discussed the prospects of strategic cooperation between the two \
    countries. There was no immediate comment from the White House.";
const OWN: &str = "The American envoy spent the afternoon at the Kremlin, where the Russian \
    leader received him for a long conversation about a ceasefire and about oil sanctions that \
    Washington threatens to impose on countries buying Russian crude.";

/// The wire story with another dateline and a closing line of its own.
fn rerun() -> String {
    format!(
        "{} Reporting by the newsroom; editing by the desk.",
        WIRE.replace("MOSCOW, Aug 6 - ", "(Wire) ")
    )
}

#[test]
fn wire_copy_rerun_or_cut_is_a_reprint_and_a_report_in_its_own_words_is_not() {
    let similarity = |a: &str, b: &str| jaccard(&shingles(a), &shingles(b));
    let rerun = rerun();
    assert!(
        similarity(WIRE, &rerun) > 0.85,
        "{}",
        similarity(WIRE, &rerun)
    );
    // Cut to its first two thirds (by words): still the same story.
    let words: Vec<&str> = WIRE.split(' ').collect();
    let cut = words[..words.len() * 2 / 3].join(" ");
    let s = similarity(WIRE, &cut);
    assert!((0.6..0.75).contains(&s), "{s}");
    assert!(is_reprint(WIRE, &cut));
    // Cut to its first third: a quotation, not a reprint.
    let third = words[..words.len() / 3].join(" ");
    assert!(!is_reprint(WIRE, &third), "{}", similarity(WIRE, &third));
    assert!(!is_reprint(WIRE, OWN));
    assert!(!is_reprint("", ""), "empty texts are nobody's reprint");
    assert!(is_reprint("Short. Text!", "short text"));
    assert_eq!(similarity("a b", "A, b!"), 1.0);
}

#[test]
fn the_seed_articles_on_the_same_meetings_are_not_reprints_of_one_another() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .expect("seeds")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("text"))
        .collect();
    texts.sort();
    assert_eq!(texts.len(), 5);
    let sets: Vec<Vec<u64>> = texts.iter().map(|t| shingles(t)).collect();
    let mut most: f64 = 0.0;
    for (i, a) in sets.iter().enumerate() {
        for b in &sets[i + 1..] {
            most = most.max(jaccard(a, b));
        }
    }
    assert!(most < 0.02, "{most}");
    assert_eq!(clusters(&sets), vec![0, 1, 2, 3, 4]);
}

#[test]
fn one_text_against_a_project_and_a_project_s_stories() {
    let reuters = Document::new("Putin meets Witkoff", WIRE);
    let other = Document::new("Putin, Witkoff talk for three hours", rerun());
    let own = Document::new("Kremlin talks", OWN);
    let (r, o, n) = (reuters.id, other.id, own.id);
    let project = Project::from_parts(Parts {
        title: "t".into(),
        documents: vec![reuters, other, own],
        ..Parts::default()
    })
    .expect("valid");
    let found = reprints_of(&project, WIRE, Some(r));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, o);
    assert!(found[0].1 >= THRESHOLD && found[0].1 < 1.0, "{found:?}");
    let mut expected = vec![r, o];
    expected.sort();
    assert_eq!(stories(&project), vec![expected]);
    assert!(!stories(&project).concat().contains(&n));
}

#[test]
fn similar_enough_sets_always_share_an_indexed_prefix_shingle() {
    // Texts edited at every rate, from a word in fifty to most of them: whenever the two are
    // similar enough to be reprints, the prefixes the index keeps meet.
    let words: Vec<String> = (0..400)
        .map(|i| format!("w{}", (i * 7919) % 1009))
        .collect();
    let mut checked = 0;
    for every in 1..60usize {
        for length in [3usize, 6, 12, 40, 400] {
            let a: Vec<&str> = words.iter().take(length).map(String::as_str).collect();
            let b: Vec<String> = (a.iter().enumerate())
                .map(|(i, w)| {
                    if i % every == 0 {
                        format!("x{i}")
                    } else {
                        (*w).to_owned()
                    }
                })
                .collect();
            let (sa, sb) = (shingles(&a.join(" ")), shingles(&b.join(" ")));
            if jaccard(&sa, &sb) >= THRESHOLD {
                checked += 1;
                let pa = &sa[..prefix_len(sa.len())];
                let pb = &sb[..prefix_len(sb.len())];
                assert!(
                    pa.iter().any(|h| pb.binary_search(h).is_ok()),
                    "every {every}, length {length}"
                );
                assert_eq!(
                    clusters(&[sa, sb]),
                    vec![0, 0],
                    "every {every}, length {length}"
                );
            }
        }
    }
    assert!(checked > 20, "{checked} similar pairs checked");
}

#[test]
fn a_shingle_shared_by_many_texts_proposes_no_pair_but_reprints_are_still_found() {
    // Every text ends with the same long boilerplate line, more texts than the index follows.
    let boiler = "Sign up for our newsletter to get the day's top stories in your inbox.";
    let texts: Vec<String> = (0..COMMON_SHINGLE_DOCS + 10)
        .map(|i| format!("Story {i} alpha{i} beta{i} gamma{i} delta{i} epsilon{i}. {boiler}"))
        .collect();
    let mut sets: Vec<Vec<u64>> = texts.iter().map(|t| shingles(t)).collect();
    sets.push(shingles(&texts[3]));
    let roots = clusters(&sets);
    assert_eq!(roots[sets.len() - 1], 3, "the exact copy is found");
    let joined = (0..texts.len()).filter(|i| roots[*i] != *i).count();
    assert_eq!(joined, 0, "the boilerplate joins nobody");
}

#[test]
fn the_early_stopping_check_agrees_with_the_similarity() {
    // Sets of every size and overlap around the threshold, and the empty ones.
    let mut checked = 0;
    for la in 0..24u64 {
        for lb in 0..24u64 {
            for shift in 0..24u64 {
                let a: Vec<u64> = (0..la).collect();
                let b: Vec<u64> = (shift..shift + lb).collect();
                for t in [0.3, THRESHOLD, 0.8, 1.0] {
                    assert_eq!(
                        at_least(&a, &b, t),
                        jaccard(&a, &b) >= t,
                        "{la} {lb} {shift} {t}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 24 * 24 * 24 * 4);
}

#[test]
fn words_are_runs_of_letters_and_digits_compared_lower_cased() {
    let reference = |text: &str| -> Vec<u64> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                mix(w
                    .chars()
                    .flat_map(char::to_lowercase)
                    .fold(WORD_START, word_step))
            })
            .collect()
    };
    for text in [
        "",
        "   ",
        "One",
        "Putin, Witkoff — talks; ДВА слова! e\u{301}lan café 👩‍👩‍👧 G7 İstanbul ΣΟΦΊΑ",
        "trailing word",
        "x1 2y\tz\n",
    ] {
        assert_eq!(word_hashes(text), reference(text), "{text:?}");
    }
    assert_eq!(
        word_hashes("Kremlin KREMLIN kremlin")
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        1
    );
}
