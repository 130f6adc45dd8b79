//! The example project (`saves/ceasefire-2025.ron`) and the embedded sample corpus: the file
//! loads, is canonical, matches what the binary embeds, and holds the content an analyst would
//! expect to explore — the seed texts verbatim, a nested codebook, actors whose aliases really
//! occur, dated events, and tagged, linked passages, including both sides of a disagreement.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use dossier::example::{EXAMPLE_FILE_NAME, EXAMPLE_RON, SEEDS, example_project};
use dossier::model::{DocId, Document, Precision, Project, Rgb};
use dossier::store;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example_path() -> PathBuf {
    root().join("saves").join(EXAMPLE_FILE_NAME)
}

fn project() -> Project {
    store::load(&example_path()).expect("saves/ceasefire-2025.ron loads")
}

fn doc_of_seed<'a>(project: &'a Project, file: &str) -> &'a Document {
    let origin = format!("seeds/{file}");
    let found: Vec<&Document> = project
        .documents()
        .values()
        .filter(|d| d.origin == origin)
        .collect();
    assert_eq!(found.len(), 1, "exactly one document comes from {origin}");
    found[0]
}

/// Whether `needle` occurs in `hay` with no letter or digit right before or after it.
fn occurs_as_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn the_embedded_example_is_the_file_in_saves() {
    let on_disk = std::fs::read_to_string(example_path()).expect("read saves/ceasefire-2025.ron");
    assert_eq!(
        EXAMPLE_RON, on_disk,
        "rebuild after regenerating the example"
    );
    let embedded = example_project().expect("the embedded example loads");
    assert_eq!(embedded, project());
}

#[test]
fn the_example_is_canonical() {
    let bytes = std::fs::read(example_path()).expect("read the example");
    let text = store::to_ron_string(&project()).expect("serialise");
    assert!(
        text.as_bytes() == bytes.as_slice(),
        "saves/{EXAMPLE_FILE_NAME} is not in canonical form; run `cargo run --example build_example`"
    );
}

#[test]
fn the_embedded_seeds_are_the_files_in_seeds() {
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .expect("list seeds/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let embedded: Vec<&str> = SEEDS.iter().map(|(name, _)| *name).collect();
    assert_eq!(on_disk, embedded);
    for (name, text) in SEEDS {
        let file = std::fs::read_to_string(root().join("seeds").join(name)).expect("read seed");
        assert_eq!(text, file, "{name}");
        assert!(
            !text.starts_with('\u{feff}') && !text.contains('\r'),
            "{name}"
        );
    }
}

#[test]
fn every_seed_is_a_document_with_its_exact_text() {
    let project = project();
    assert_eq!(project.documents().len(), SEEDS.len());
    for (name, text) in SEEDS {
        let doc = doc_of_seed(&project, name);
        assert_eq!(doc.text.as_str(), text, "text of {name}");
        assert!(!doc.title.trim().is_empty(), "title of {name}");
        assert!(
            doc.published.is_some(),
            "every seed states or implies its date: {name}"
        );
    }
}

#[test]
fn seed_metadata_follows_the_texts() {
    let project = project();
    let reuters = doc_of_seed(&project, "001_3b25fec3735a5de3.txt");
    assert_eq!(reuters.source, "Reuters");
    assert_eq!(
        reuters.title,
        "Putin and Witkoff exchange pleasantries ahead of ceasefire talks"
    );

    let dated = doc_of_seed(&project, "003_10e6e5f36490c9ea.txt");
    let published = dated.published.expect("003 has a date");
    assert_eq!(
        published.to_string(),
        "2025-03-16",
        "stated, so not approximate"
    );
    assert!(!dated.title.contains("date 2025") && !dated.title.contains("Your guide"));

    // Outlets only where the text names them; inferred dates are marked approximate.
    for (name, _) in SEEDS {
        let doc = doc_of_seed(&project, name);
        if name.starts_with("001") {
            continue;
        }
        assert_eq!(doc.source, "", "{name} does not name its outlet");
        if !name.starts_with("003") {
            let date = doc.published.expect("dated");
            assert!(date.approximate, "{name}'s date is inferred: {date}");
            assert_eq!(date.precision(), Precision::Day);
        }
    }
}

#[test]
fn the_example_meets_the_content_floor() {
    let project = project();
    let stats = project.stats();
    assert_eq!(stats.documents, 5);
    assert!(stats.passages >= 45, "{stats}");
    assert!(stats.tags >= 10, "{stats}");
    assert!(stats.actors >= 14, "{stats}");
    assert!(stats.events >= 10, "{stats}");

    let nested = project
        .tags()
        .values()
        .filter(|t| t.parent.is_some())
        .count();
    assert!(nested >= 3, "some tags are nested: {nested}");
    for doc in project.documents().keys() {
        assert!(
            project.passage_count(*doc) >= 5,
            "every article is worked on: {doc}"
        );
    }
    for name in [
        "Claim",
        "Quote",
        "Threat",
        "Concession",
        "Casualties",
        "Sanctions",
        "Diplomacy",
        "Military action",
        "Hedging",
        "Source disagreement",
    ] {
        assert!(project.tag_by_name(name).is_some(), "tag {name}");
    }
    for name in [
        "Trump",
        "Putin",
        "Witkoff",
        "Zelenskyy",
        "Zelensky",
        "Yuri Ushakov",
        "Kirill Dmitriev",
        "Marco Rubio",
        "Mike Waltz",
        "Emmanuel Macron",
        "Keir Starmer",
        "Dmitry Medvedev",
        "Ivan Fedorov",
        "Kremlin",
        "Russia",
        "Moscow",
        "Ukraine",
        "Kyiv",
        "United States",
        "US",
        "G7",
        "India",
    ] {
        assert!(project.actor_by_name(name).is_some(), "actor {name}");
    }
    let with_notes = project
        .passages()
        .values()
        .filter(|p| !p.note.is_empty())
        .count();
    assert!(with_notes >= 20, "many passages carry notes: {with_notes}");
}

#[test]
fn events_are_dated_and_peopled() {
    let project = project();
    for event in project.events().values() {
        assert!(event.date.is_some(), "{} has a date", event.title);
        assert!(
            !event.participants.is_empty(),
            "{} has participants",
            event.title
        );
        assert!(
            !event.description.is_empty(),
            "{} says where its date comes from",
            event.title
        );
    }
    let approximate = project
        .events()
        .values()
        .filter(|e| e.date.is_some_and(|d| d.is_approximate()))
        .count();
    assert!(approximate >= 3, "inferred dates are marked: {approximate}");
    let dates: BTreeMap<String, String> = project
        .events()
        .values()
        .map(|e| {
            let date = e.date.map(|d| d.to_string()).unwrap_or_default();
            (e.title.clone(), date)
        })
        .collect();
    for (title, date) in [
        ("Witkoff meets Putin in Moscow", "2025-08-06"),
        (
            "Trump's sanctions deadline for Russia expires",
            "2025-08-08",
        ),
        ("G7 warns Moscow of wider sanctions", "2025-03-14"),
        (
            "Russia ends its moratorium on intermediate-range missile deployment",
            "2025-08-04",
        ),
    ] {
        assert_eq!(dates.get(title).map(String::as_str), Some(date), "{title}");
    }
    let linked: BTreeSet<_> = project
        .passages()
        .values()
        .flat_map(|p| p.events.iter().map(|(e, _)| *e))
        .collect();
    for event in project.events().values() {
        assert!(
            linked.contains(&event.id),
            "some passage is evidence for {}",
            event.title
        );
    }
}

#[test]
fn every_passage_is_tagged_without_redundant_parents() {
    let project = project();
    for p in project.passages().values() {
        assert!(
            !p.tags.is_empty(),
            "passage {} {:?} has a tag",
            p.id,
            p.quote
        );
        for tag in &p.tags {
            let below = project.tag_with_descendants(*tag);
            assert!(
                !p.tags.iter().any(|t| t != tag && below.contains(t)),
                "passage {} carries a tag and its sub-tag",
                p.id
            );
        }
    }
    let linked_actors: BTreeSet<_> = project
        .passages()
        .values()
        .flat_map(|p| p.actors.iter().map(|(a, _)| *a))
        .collect();
    for actor in project.actors().values() {
        assert!(
            linked_actors.contains(&actor.id),
            "some passage involves {}",
            actor.name
        );
    }
}

#[test]
fn spans_are_chars_and_some_passages_overlap() {
    let project = project();
    let mut non_ascii = 0;
    let mut nested = 0;
    for p in project.passages().values() {
        let doc = project.document(p.doc).expect("doc");
        assert_eq!(doc.text.slice(p.start..p.end), Some(p.quote.as_str()));
        let bytes_before = doc.text.byte_of_char(p.start).expect("in bounds");
        if bytes_before != p.start && !p.quote.is_ascii() {
            non_ascii += 1;
        }
        nested += project
            .passages_overlapping(p.doc, p.start..p.end)
            .filter(|q| q.id != p.id && q.start >= p.start && q.end <= p.end)
            .count();
    }
    assert!(
        non_ascii >= 5,
        "passages with curly quotes or dashes after non-ASCII text: {non_ascii}"
    );
    assert!(nested >= 5, "quotes nested inside longer claims: {nested}");
}

#[test]
fn source_disagreements_show_both_sides() {
    let project = project();
    let tag = project
        .tag_by_name("Source disagreement")
        .expect("the tag exists")
        .id;
    // Event → documents whose passages on it are tagged as a disagreement.
    let mut sides: BTreeMap<_, BTreeSet<DocId>> = BTreeMap::new();
    for p in project
        .passages()
        .values()
        .filter(|p| p.tags.contains(&tag))
    {
        assert!(!p.note.is_empty(), "passage {} says what differs", p.id);
        assert!(!p.events.is_empty(), "passage {} names its event", p.id);
        for (event, _) in &p.events {
            sides.entry(*event).or_default().insert(p.doc);
        }
    }
    let zaporizhzhia = project
        .events()
        .values()
        .find(|e| e.title.contains("Zaporizhzhia"))
        .expect("the Zaporizhzhia strike");
    assert!(
        sides
            .get(&zaporizhzhia.id)
            .is_some_and(|docs| docs.len() >= 2),
        "both articles' versions of the Zaporizhzhia strike are tagged"
    );
    let quotes: Vec<&str> = project
        .passages()
        .values()
        .filter(|p| p.tags.contains(&tag))
        .map(|p| p.quote.as_str())
        .collect();
    for figure in [
        "injuring 12",
        "wounded 10",
        "recreational centre",
        "holiday camp",
    ] {
        assert!(
            quotes.iter().any(|q| q.contains(figure)),
            "a disagreement passage quotes {figure:?}"
        );
    }
}

#[test]
fn actor_names_and_aliases_occur_in_the_texts() {
    let project = project();
    let texts: Vec<&str> = project
        .documents()
        .values()
        .map(|d| d.text.as_str())
        .collect();
    let occurs = |s: &str| texts.iter().any(|t| occurs_as_word(t, s));
    for actor in project.actors().values() {
        assert!(occurs(&actor.name), "actor name {:?} occurs", actor.name);
        for alias in &actor.aliases {
            assert!(occurs(alias), "alias {alias:?} of {} occurs", actor.name);
        }
        assert!(!actor.description.is_empty(), "{} is described", actor.name);
    }
    assert!(
        !occurs_as_word("Zelenskyy", "Zelensky"),
        "the word test is strict"
    );
}

/// Relative luminance (WCAG) of an sRGB colour.
fn luminance(Rgb(rgb): Rgb) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// CIE L*a*b* (D65) of an sRGB colour.
fn lab(Rgb(rgb): Rgb) -> [f64; 3] {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (lin(rgb[0]), lin(rgb[1]), lin(rgb[2]));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 0.008_856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

#[test]
fn tag_colours_are_distinct_and_readable_on_both_themes() {
    // The reader's page colours of the light and dark themes (src/ui/theme.rs).
    let pages = [Rgb([0xfc, 0xfc, 0xfa]), Rgb([0x1b, 0x1d, 0x20])];
    let project = project();
    let tags: Vec<_> = project.tags().values().collect();
    for tag in &tags {
        for page in pages {
            let ratio = contrast(tag.color, page);
            assert!(
                ratio >= 3.0,
                "{} ({}) on {page}: contrast {ratio:.2}",
                tag.name,
                tag.color
            );
        }
        assert!(!tag.description.is_empty(), "{} is described", tag.name);
    }
    for (i, a) in tags.iter().enumerate() {
        for b in &tags[i + 1..] {
            let (la, lb) = (lab(a.color), lab(b.color));
            let delta =
                ((la[0] - lb[0]).powi(2) + (la[1] - lb[1]).powi(2) + (la[2] - lb[2]).powi(2))
                    .sqrt();
            assert!(
                delta >= 25.0,
                "{} ({}) and {} ({}) look alike: ΔE {delta:.1}",
                a.name,
                a.color,
                b.name,
                b.color
            );
        }
    }
}

#[test]
fn a_changed_quote_is_refused_on_load() {
    // The example's anchors are checked: corrupting one quote makes the file invalid.
    let project = project();
    let p = project
        .passages()
        .values()
        .find(|p| !p.quote.contains('"'))
        .expect("a passage written as a plain string");
    let broken = EXAMPLE_RON.replacen(
        &format!("quote: \"{}\"", p.quote),
        &format!("quote: \"{}X\"", p.quote),
        1,
    );
    assert_ne!(broken, EXAMPLE_RON, "the quote is found in the file");
    let err = store::from_ron_str(&broken, Path::new(EXAMPLE_FILE_NAME))
        .expect_err("a mismatched quote is refused");
    assert!(!err.is_unreadable(), "{err}");
}

#[test]
fn the_example_weighs_its_claims() {
    use dossier::corroboration::{Holder, analyse};
    use dossier::model::{Reliability, Stance};
    let project = project();
    let evidence = project.evidence();
    assert!(evidence.claims().len() >= 10, "{}", evidence.claims().len());
    let reports = analyse(&project);
    // Every stance's passage is in the project and quotes a seed.
    let mut holders = BTreeSet::new();
    for r in &reports {
        assert!(
            !r.stances.is_empty(),
            "{:?} has no stance",
            r.claim.statement
        );
        for row in &r.stances {
            assert!(project.passage(row.passage).is_some());
            holders.insert(row.holder.clone());
        }
    }
    assert!(holders.len() >= 4, "{holders:?}");
    let contested: Vec<&str> = (reports.iter())
        .filter(|r| r.contested)
        .map(|r| r.claim.statement.as_str())
        .collect();
    assert!(contested.len() >= 2, "{contested:?}");
    let single: Vec<&str> = (reports.iter())
        .filter(|r| r.single_source)
        .map(|r| r.claim.statement.as_str())
        .collect();
    assert!(single.len() >= 2, "{single:?}");
    // Both sides of every contested claim, held by different holders.
    for r in reports.iter().filter(|r| r.contested) {
        let supporters: BTreeSet<&Holder> = r.side(Stance::Supports).map(|s| &s.holder).collect();
        let disputers: BTreeSet<&Holder> = r.side(Stance::Disputes).map(|s| &s.holder).collect();
        assert!(!supporters.is_empty() && !disputers.is_empty());
        assert_ne!(supporters, disputers);
    }
    // The Istanbul failure is carried by three outlets; the meeting's length by one.
    let by = |s: &str| {
        reports
            .iter()
            .find(|r| r.claim.statement.starts_with(s))
            .unwrap_or_else(|| panic!("no claim {s:?}"))
    };
    assert_eq!(
        by("The three rounds of talks in Istanbul").independent_outlets,
        3
    );
    assert!(by("The 6 August meeting lasted about three hours").single_source);
    assert!(by("The 6 August Moscow meeting made real progress").contested);
    // Every named outlet is graded; ungraded speakers are F, never blank.
    for d in project.documents().values() {
        if !d.source.trim().is_empty() {
            assert_ne!(
                evidence.outlet_grade(&d.source),
                Reliability::F,
                "{}",
                d.source
            );
        }
    }
    assert!(
        evidence.actor_grade(*project.actors().keys().next().expect("actor")) <= Reliability::F
    );
}

#[test]
fn the_claims_command_lists_both_sides_of_the_contested_claims() {
    let run = |filter: &str| {
        use clap::Parser;
        let path = example_path();
        let args = [
            "dossier",
            "claims",
            filter,
            "--json",
            path.to_str().expect("path"),
        ];
        let cli = dossier::cli::Cli::try_parse_from(args).expect("parses");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = dossier::cli::execute(cli.command.expect("a command"), &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        serde_json::from_slice::<serde_json::Value>(&out).expect("JSON")
    };
    let json = run("--contested");
    let claims = json["claims"].as_array().expect("a list of claims");
    assert!(claims.len() >= 2);
    for claim in claims {
        assert_eq!(claim["contested"], true);
        assert!(claim["id"].as_str().is_some_and(|id| id.starts_with('c')));
        assert!(claim["statement"].is_string());
        assert!(claim["event"].is_string() || claim["event"].is_null());
        assert!(claim["independent_outlets"].is_u64());
        assert!(claim["single_source"].is_boolean());
        let stances = claim["stances"].as_array().expect("stances");
        let side = |s: &str| stances.iter().filter(|x| x["stance"] == s).count();
        assert!(side("supports") > 0 && side("disputes") > 0, "{claim}");
        for s in stances {
            for field in ["passage", "holder", "outlet", "stance"] {
                assert!(s[field].is_string(), "{field} in {s}");
            }
        }
    }
    let json = run("--single-source");
    let claims = json["claims"].as_array().expect("a list of claims");
    assert!(claims.len() >= 2);
    assert!(
        claims
            .iter()
            .all(|c| c["single_source"] == true && c["independent_outlets"] == 1)
    );
}

/// Every earlier version of the example (`tests/data/version-N-example.ron`, kept as it was when
/// that version was current) still opens, by both readers, and is written back in today's version.
/// A change of the file format bumps `store::VERSION` and keeps the example as it was before the
/// change in `tests/data/` (today's version may already be there).
#[test]
fn every_earlier_example_still_opens() {
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/data")).expect("tests/data lists") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let Some(version) = name
            .strip_prefix("version-")
            .and_then(|rest| rest.strip_suffix("-example.ron"))
        else {
            continue;
        };
        let version: u32 = version.parse().expect("a version number");
        assert!(
            version <= store::VERSION,
            "{name} is not newer than today's format"
        );
        let old = store::load(&path).unwrap_or_else(|e| panic!("{name} opens: {e}"));
        assert!(
            old.passages().len() > 20,
            "{name}: the passages came through"
        );
        let text = store::to_ron_string(&old).expect("writes");
        let header = format!(
            "(\n  format: \"dossier\",\n  version: {},\n",
            store::VERSION
        );
        assert!(
            text.starts_with(&header),
            "{name} is written in today's version"
        );
        let again = store::from_ron_str(&text, &path).expect("the rewritten file reads back");
        assert_eq!(again, old, "{name}: nothing lost in the rewrite");
        seen.push(version);
    }
    seen.sort_unstable();
    // Today's version may be kept too (a snapshot taken before the next format change).
    seen.retain(|v| *v < store::VERSION);
    let expected: Vec<u32> = (1..store::VERSION).collect();
    assert_eq!(
        seen, expected,
        "an example of every earlier version is kept in tests/data"
    );
}

/// `dossier export --claim … --stance disputes --grade … --credibility …` selects by claims and
/// grades; a grade that is not one is refused by clap with the accepted values.
#[test]
fn export_filters_by_claim_stance_and_grade() {
    use clap::Parser;
    let path = example_path();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "dossier",
            "export",
            path.to_str().expect("path"),
            "-f",
            "csv",
        ];
        args.extend_from_slice(extra);
        let cli = dossier::cli::Cli::try_parse_from(args).map_err(|e| e.to_string())?;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = dossier::cli::execute(cli.command.expect("a command"), &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        Ok::<String, String>(String::from_utf8(out).expect("UTF-8"))
    };
    let csv = run(&[
        "--claim",
        "The 6 August Moscow meeting made real progress towards a ceasefire",
        "--stance",
        "disputes",
    ])
    .expect("runs");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(
        rows[0].contains("disputes: The 6 August Moscow meeting"),
        "{csv}"
    );
    let csv = run(&["--grade", "b", "--credibility", "6"]).expect("runs");
    assert!(
        csv.lines().skip(1).all(|r| r.contains(",Reuters,")),
        "{csv}"
    );
    let err = run(&["--grade", "G"]).expect_err("refused");
    assert!(err.contains("is not a reliability grade"), "{err}");
}
