//! Tests of the source lists (CSL-JSON, RIS, BibTeX): validity against the CSL-JSON schema
//! (Python `jsonschema`), parsing by real parsers (`rispy`, `bibtexparser`), and the round trip
//! through our own import.

use super::brief_tests::scripts_project;
use super::external::python_json;
use super::format_tests::hostile_project;
use super::*;
use crate::example::example_project;
use crate::import::references::{self, RefFormat};
use crate::model::Project;

fn projects() -> Vec<Project> {
    vec![
        scripts_project(),
        hostile_project(),
        super::tests::project(),
        example_project().expect("example"),
    ]
}

fn text_of(project: &Project, format: Format) -> String {
    String::from_utf8(export(project, &ExcerptQuery::all(), format).expect("export"))
        .expect("utf-8")
}

/// Writes `text` to a temporary file and runs a Python script on it.
fn python_on(
    text: &str,
    name: &str,
    script: &str,
    modules: &[(&str, &str)],
) -> Option<serde_json::Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    let schema =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/export/testdata/csl-data.json");
    python_json(script, modules, &[path.as_path(), schema.as_path()])
}

/// Validates a CSL-JSON file against the schema; prints the list of errors.
const VALIDATE_CSL: &str = r#"
import json, sys
import jsonschema
data = json.load(open(sys.argv[1], encoding='utf-8'))
schema = json.load(open(sys.argv[2], encoding='utf-8'))
validator = jsonschema.Draft7Validator(schema)
print(json.dumps({'errors': [e.message for e in validator.iter_errors(data)], 'items': len(data)}))
"#;

#[test]
fn csl_json_validates_against_the_csl_schema() {
    for project in projects() {
        let text = text_of(&project, Format::Csl);
        let Some(read) = python_on(
            &text,
            "refs.json",
            VALIDATE_CSL,
            &[("jsonschema", "jsonschema")],
        ) else {
            return;
        };
        assert_eq!(read["errors"], serde_json::json!([]), "{text}");
        assert_eq!(read["items"], project.documents().len());
    }
    // The check can fail: an item without a type is refused.
    let Some(read) = python_on(
        r#"[{"id": "x", "title": "No type"}]"#,
        "bad.json",
        VALIDATE_CSL,
        &[("jsonschema", "jsonschema")],
    ) else {
        return;
    };
    assert_ne!(read["errors"], serde_json::json!([]));
}

/// Reads RIS with rispy: per record, the type, title, outlet, authors, date, address and id.
const READ_RIS: &str = r#"
import json, sys
import rispy
with open(sys.argv[1], encoding='utf-8') as f:
    entries = rispy.load(f)
print(json.dumps([{
    'type': e.get('type_of_reference'), 'title': e.get('title', ''),
    'outlet': e.get('secondary_title', ''), 'authors': e.get('authors', []),
    'date': e.get('date', ''), 'urls': e.get('urls', []), 'id': e.get('id', ''),
} for e in entries]))
"#;

#[test]
fn ris_parses_with_rispy_and_round_trips_through_our_import() {
    for project in projects() {
        let text = text_of(&project, Format::Ris);
        let ours = references::read(&text, RefFormat::Ris).expect("our reader reads our RIS");
        let docs = ExcerptQuery::all().run(&project).documents;
        assert_eq!(ours.len(), docs.len());
        check_round_trip(&project, &ours);
        let Some(read) = python_on(&text, "refs.ris", READ_RIS, &[("rispy", "rispy")]) else {
            return;
        };
        let entries = read.as_array().expect("entries");
        assert_eq!(entries.len(), docs.len(), "{text}");
        for (entry, r) in entries.iter().zip(&ours) {
            assert_eq!(entry["type"], "NEWS");
            assert_eq!(entry["title"], r.title);
            assert_eq!(entry["outlet"], r.outlet);
            assert_eq!(entry["id"], r.key);
            let urls: Vec<&str> = entry["urls"]
                .as_array()
                .expect("urls")
                .iter()
                .filter_map(|u| u.as_str())
                .collect();
            assert_eq!(urls.first().copied().unwrap_or(""), r.url);
        }
    }
}

/// Reads BibTeX with bibtexparser (version 2): failed blocks, and per entry the key and the raw
/// title, journal and url.
const READ_BIBTEX: &str = r#"
import json, sys
import bibtexparser
with open(sys.argv[1], encoding='utf-8') as f:
    lib = bibtexparser.parse_string(f.read())
def field(e, name):
    f = e.fields_dict.get(name)
    return f.value if f is not None else None
print(json.dumps({
    'failed': len(lib.failed_blocks),
    'entries': [{'type': e.entry_type, 'key': e.key, 'title': field(e, 'title'),
                 'journal': field(e, 'journal'), 'url': field(e, 'url'), 'year': field(e, 'year')}
                for e in lib.entries],
}))
"#;

#[test]
fn bibtex_parses_with_bibtexparser_and_round_trips_through_our_import() {
    for project in projects() {
        let text = text_of(&project, Format::Bibtex);
        let ours = references::read(&text, RefFormat::Bibtex).expect("our reader reads our BibTeX");
        let docs = ExcerptQuery::all().run(&project).documents;
        assert_eq!(ours.len(), docs.len());
        check_round_trip(&project, &ours);
        let Some(read) = python_on(
            &text,
            "refs.bib",
            READ_BIBTEX,
            &[("bibtexparser", "bibtexparser>=2")],
        ) else {
            return;
        };
        assert_eq!(read["failed"], 0, "{text}");
        let entries = read["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), docs.len());
        let mut keys: Vec<&str> = entries.iter().filter_map(|e| e["key"].as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), entries.len(), "unique keys");
        for (entry, r) in entries.iter().zip(&ours) {
            assert_eq!(entry["type"], "article");
            // bibtexparser keeps the braces and escapes; without TeX specials it is the text.
            let title = entry["title"].as_str().expect("title");
            if !r
                .title
                .contains(['&', '%', '$', '#', '_', '{', '}', '~', '^', '\\'])
            {
                assert_eq!(title, format!("{{{}}}", r.title));
            }
            if !r.url.is_empty() {
                assert_eq!(entry["url"], r.url.as_str());
            }
        }
    }
}

#[test]
fn csl_json_round_trips_through_our_import() {
    for project in projects() {
        let text = text_of(&project, Format::Csl);
        let ours = references::read(&text, RefFormat::CslJson).expect("reads");
        check_round_trip(&project, &ours);
    }
}

/// Our reader gives back each selected article's metadata, and importing the list into the
/// project changes nothing (every record matches its article by id and adds nothing new);
/// importing it into an empty project adds the articles with links as new ones.
fn check_round_trip(project: &Project, refs: &[references::Reference]) {
    let mut docs = ExcerptQuery::all().run(project).documents;
    docs.sort_by(|a, b| super::group::by_doc_date(a, b));
    for (doc, r) in docs.iter().zip(refs) {
        assert_eq!(r.dossier_id, Some(doc.id));
        assert_eq!(r.title, crate::model::one_line(&doc.title));
        assert_eq!(r.outlet, crate::model::one_line(&doc.source));
        assert_eq!(r.url, brief::web_address(&doc.url).unwrap_or(""));
        let date = |d: Option<crate::model::PartialDate>| d.map(|d| d.with_approximate(false));
        assert_eq!(date(r.published), date(doc.published), "{}", doc.title);
        let byline = crate::model::one_line(&doc.author);
        if byline.split_whitespace().count() <= 4 {
            assert_eq!(r.byline(), byline);
        }
    }
    let with_origin: Vec<(String, references::Reference)> = refs
        .iter()
        .map(|r| ("refs.ris".to_owned(), r.clone()))
        .collect();
    let plan = references::plan(project, &with_origin);
    assert!(plan.added.is_empty(), "every record matches its article");
    assert!(
        plan.updates.is_empty(),
        "nothing to fill in: {:?}",
        plan.updates
    );
    let empty = Project::new("empty");
    let plan = references::plan(&empty, &with_origin);
    let linked = refs.iter().filter(|r| !r.url.is_empty()).count();
    assert_eq!(
        plan.added.len(),
        linked,
        "records with a link become articles"
    );
}

#[test]
fn golden_sources() {
    let project = example_project().expect("example");
    insta::assert_snapshot!("example.csl.json", text_of(&project, Format::Csl));
    insta::assert_snapshot!("example.ris", text_of(&project, Format::Ris));
    insta::assert_snapshot!("example.bib", text_of(&project, Format::Bibtex));
}

#[test]
fn bibtex_escapes_and_names() {
    assert_eq!(
        sources::bib_escape("A&B 50% $5 #1 a_b {x} ~ ^ \\"),
        "A\\&B 50\\% \\$5 \\#1 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
    );
    assert_eq!(
        references::tex_to_text(&sources::bib_escape("A&B 50% $5 #1 a_b {x} ~ ^ \\")),
        "A&B 50% $5 #1 a_b {x} ~ ^ \\"
    );
    use sources::Name;
    assert_eq!(
        sources::authors("By Anna Smith and Bob Jones; Reuters staff"),
        vec![
            Name::Person {
                family: "Smith".into(),
                given: "Anna".into()
            },
            Name::Person {
                family: "Jones".into(),
                given: "Bob".into()
            },
            Name::Literal("Reuters staff".into()),
        ]
    );
}
