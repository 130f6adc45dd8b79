//! `dossier export`: every format, its filters and options, what it refuses.

use super::*;

// ----- export -----

/// Checks the export against the schema and the sample project; returns the parsed value.
fn check_export(json: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(json).expect("the export is JSON");
    assert_eq!(v["format"], "dossier-export");
    assert_eq!(v["version"], 2);
    assert_eq!(v["title"], "CLI test");
    let docs = v["documents"].as_array().expect("documents");
    for p in v["passages"].as_array().expect("passages") {
        let doc = docs
            .iter()
            .find(|d| d["id"] == p["doc"])
            .expect("the passage's document is exported");
        let text: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
        let start = usize::try_from(p["start"].as_u64().expect("start")).expect("fits");
        let end = usize::try_from(p["end"].as_u64().expect("end")).expect("fits");
        let at_span: String = text[start..end].iter().collect();
        assert_eq!(
            p["quote"].as_str(),
            Some(at_span.as_str()),
            "quote = text at span"
        );
    }
    v
}

#[test]
fn export_json_to_stdout_round_trips_the_project() {
    let (_dir, path) = saved_sample();
    let run = dossier(["export", s(&path), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = check_export(&run.stdout);
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["passages"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["documents"][0]["text"], ARTICLE);
    assert_eq!(v["documents"][0]["published"], "2025-08-06");
    let quote = &v["passages"][0];
    assert_eq!(quote["quote"], "«a useful meeting»");
    assert_eq!(quote["tags"], serde_json::json!(["Quote"]));
    assert_eq!(quote["actors"][0]["name"], "Vladimir Putin");
    assert_eq!(quote["actors"][0]["role"], "subject");
    assert_eq!(quote["events"][0]["role"], "reports");
    let quote_tag = v["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .find(|t| t["name"] == "Quote")
        .expect("Quote tag");
    assert_eq!(quote_tag["path"], "Claim/Quote");
    // Deterministic: a second run gives the same bytes.
    let again = dossier(["export", s(&path), "--format", "json"]);
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn export_out_writes_the_same_bytes_to_a_file() {
    let (dir, path) = saved_sample();
    let out = dir.path().join("export.json");
    let run = dossier(["export", s(&path), "--format", "json", "--out", s(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("3 passages and 2 documents"),
        "{}",
        run.stdout
    );
    let to_stdout = dossier(["export", s(&path), "-f", "json"]);
    assert_eq!(
        fs::read_to_string(&out).expect("export file"),
        to_stdout.stdout
    );
}

#[test]
fn export_filters_select_passages() {
    let (_dir, path) = saved_sample();
    let export = |extra: &[&str]| {
        let mut args = vec![
            OsStr::new("export"),
            p(&path),
            OsStr::new("--format"),
            OsStr::new("json"),
        ];
        args.extend(extra.iter().map(OsStr::new));
        dossier(args)
    };
    let quotes = |run: &Run| -> Vec<String> {
        check_export(&run.stdout)["passages"]
            .as_array()
            .expect("passages")
            .iter()
            .map(|p| p["quote"].as_str().expect("quote").to_owned())
            .collect()
    };
    let claim = export(&["--tag", "claim"]);
    assert_eq!(claim.code, 0, "{}", claim.stderr);
    assert_eq!(
        quotes(&claim),
        [
            "«a useful meeting»",
            "Ukraine accepted a 30-day ceasefire proposal"
        ],
        "Claim includes its sub-tag Quote"
    );
    let putin = export(&["--actor", "Путин"]);
    assert_eq!(quotes(&putin), ["«a useful meeting»"], "by alias");
    assert_eq!(
        check_export(&putin.stdout)["documents"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "only the document the passage comes from"
    );
    let august = export(&["--from", "2025-08", "--text", "STRIKES"]);
    assert_eq!(quotes(&august), ["Zelenskyy warned of new strikes"]);
    let v = check_export(&august.stdout);
    assert_eq!(
        v["documents"].as_array().map(Vec::len),
        Some(1),
        "March is out"
    );
    let march = export(&["--doc", "Jeddah talks", "--tag", "Threat"]);
    assert!(quotes(&march).is_empty());
}

#[test]
fn export_refuses_filters_that_name_nothing() {
    let (dir, path) = saved_sample();
    let out = dir.path().join("x.json");
    let run = dossier([
        "export",
        s(&path),
        "--format",
        "json",
        "--tag",
        "Nonsense",
        "--event",
        "Yalta",
        "--out",
        s(&out),
    ]);
    assert_eq!(run.code, 2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].contains("no tag is called \"Nonsense\""),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].contains("no event is called \"Yalta\""),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn export_of_an_unknown_format_lists_the_known_ones() {
    let (_dir, path) = saved_sample();
    let run = dossier(["export", s(&path), "--format", "odt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("odt"), "{}", run.stderr);
    assert!(run.stderr.contains("json"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn export_never_overwrites_its_project_or_exports_a_bad_one() {
    let (_dir, path) = saved_sample();
    let before = fs::read(&path).expect("read");
    let run = dossier(["export", s(&path), "--format", "json", "--out", s(&path)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert_eq!(fs::read(&path).expect("read"), before);

    let (dir, bad) = written("(format: \"dossier\", version: 99)");
    let out = dir.path().join("out.json");
    let run = dossier(["export", s(&bad), "--format", "json", "--out", s(&out)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("99"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn export_csv_for_excel_starts_with_a_bom_and_reads_back() {
    let (dir, path) = saved_sample();
    let out = dir.path().join("excerpts.csv");
    let run = dossier([
        "export",
        s(&path),
        "--format",
        "csv",
        "--excel",
        "--tag",
        "Claim",
        "--out",
        s(&out),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("as csv"), "{}", run.stdout);
    let bytes = fs::read(&out).expect("the csv file");
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .expect("--excel starts with a BOM");
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "passage_id");
    assert_eq!(header.len(), 15);
    let quotes: Vec<String> = reader
        .records()
        .map(|r| r.expect("record")[6].to_owned())
        .collect();
    assert_eq!(
        quotes,
        [
            "«a useful meeting»",
            "Ukraine accepted a 30-day ceasefire proposal"
        ],
        "Claim and Claim/Quote, in file order"
    );
    // Without --excel, to stdout, no BOM.
    let plain = dossier(["export", s(&path), "-f", "csv"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(
        plain.stdout.starts_with("passage_id,title,"),
        "{}",
        plain.stdout
    );
}

#[test]
fn export_option_for_another_format_exits_2_and_writes_nothing() {
    let (dir, path) = saved_sample();
    let out = dir.path().join("out.json");
    let run = dossier([
        "export",
        s(&path),
        "--format",
        "json",
        "--excel",
        "--out",
        s(&out),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("excel") && run.stderr.contains("csv only"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

/// `dossier export` without flags makes the brief the project's template says; flags override
/// it, one by one.
#[test]
fn export_uses_the_projects_brief_template_and_flags_override_it() {
    use dossier::model::{BriefTemplate, GroupBy, Part};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("project.ron");
    let project = sample_project()
        .with_brief_template(BriefTemplate {
            group_by: GroupBy::Doc,
            omit: vec![Part::Notes],
            agreement: None,
        })
        .expect("valid");
    store::save(&project, &path).expect("save");
    let md = |extra: &[&str]| {
        let mut args = vec![
            OsStr::new("export"),
            p(&path),
            OsStr::new("--format"),
            OsStr::new("md"),
        ];
        args.extend(extra.iter().map(OsStr::new));
        let run = dossier(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let headings = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("## "))
            .map(str::to_owned)
            .collect()
    };
    let plain = md(&[]);
    // The groups, then the brief's tables.
    assert_eq!(
        headings(&plain),
        [
            "Jeddah talks",
            "Witkoff in Moscow",
            "Event cards",
            "Source grades",
            "Sources"
        ]
    );
    assert!(!plain.contains("*Note:*"), "{plain}");
    assert!(plain.contains("Grade: "), "{plain}");
    let tagged = md(&[
        "--group-by",
        "tag",
        "--include",
        "notes",
        "--omit",
        "claims",
    ]);
    assert_eq!(
        headings(&tagged),
        ["Claim", "Claim/Quote", "Threat", "Event cards", "Sources"],
        "no source grades without claims"
    );
    assert!(tagged.contains("\n*Note:* Kremlin framing\n"), "{tagged}");
    assert!(!tagged.contains("Grade: "), "{tagged}");
    // Not a brief: the template does not apply, and --omit is refused there.
    let run = dossier([
        OsStr::new("export"),
        p(&path),
        OsStr::new("--format"),
        OsStr::new("csv"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier([
        OsStr::new("export"),
        p(&path),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--omit"),
        OsStr::new("notes"),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("omit"), "{}", run.stderr);
    let run = dossier([
        OsStr::new("export"),
        p(&path),
        OsStr::new("--format"),
        OsStr::new("md"),
        OsStr::new("--omit"),
        OsStr::new("footnotes"),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("contested"),
        "names the parts: {}",
        run.stderr
    );
}

#[test]
fn export_md_groups_as_asked() {
    let (_dir, path) = saved_sample();
    let md = |group: &str| {
        let run = dossier([
            OsStr::new("export"),
            p(&path),
            OsStr::new("--format"),
            OsStr::new("md"),
            OsStr::new("--group-by"),
            OsStr::new(group),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let headings = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("## "))
            .map(str::to_owned)
            .collect()
    };
    // The groups, then the brief's tables and its sources, whatever the grouping.
    let tables = ["Event cards", "Source grades", "Sources"];
    let groups = |text: &str| -> Vec<String> {
        let mut all = headings(text);
        assert!(all.ends_with(&tables.map(str::to_owned)), "{all:?}");
        all.truncate(all.len() - tables.len());
        all
    };
    assert_eq!(groups(&md("tag")), ["Claim", "Claim/Quote", "Threat"]);
    assert_eq!(
        groups(&md("actor")),
        ["Vladimir Putin", "Volodymyr Zelenskyy", "No actor"]
    );
    assert_eq!(groups(&md("event")), ["Witkoff meets Putin", "No event"]);
    let by_doc = md("doc");
    assert_eq!(groups(&by_doc), ["Jeddah talks", "Witkoff in Moscow"]);
    assert!(by_doc.contains("\n> «a useful meeting»\n"), "{by_doc}");
    assert!(by_doc.contains("\n*Note:* Kremlin framing\n"), "{by_doc}");

    let run = dossier(["export", s(&path), "--format", "csv", "--group-by", "actor"]);
    assert_eq!(run.code, 2, "grouping does not apply to csv");
    assert!(run.stderr.contains("group-by"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let run = dossier(["export", s(&path), "--format", "md", "--group-by", "colour"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("actor"),
        "lists the groupings: {}",
        run.stderr
    );
}

#[test]
fn export_qdpx_writes_a_zip_with_the_project_and_the_texts() {
    use std::io::Read;

    let (dir, path) = saved_sample();
    let out = dir.path().join("notes.qdpx");
    let run = dossier(["export", s(&path), "--format", "qdpx", "--out", s(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("as qdpx"), "{}", run.stdout);
    let file = fs::File::open(&out).expect("the archive");
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    let mut names = Vec::new();
    let mut texts = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8 entry");
        names.push(name);
        texts.push(text);
    }
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "project.qde");
    assert!(
        names[1..]
            .iter()
            .all(|n| n.starts_with("sources/") && n.ends_with(".txt"))
    );
    assert!(texts[0].contains("<Project xmlns=\"urn:QDA-XML:project:1.0\" "));
    assert!(texts[0].contains("name=\"CLI test\""));
    assert!(
        texts[1..].iter().any(|t| t == ARTICLE),
        "the article text as is"
    );
    assert_eq!(
        texts[0].matches("<PlainTextSelection ").count(),
        3,
        "one selection per passage"
    );
}
