//! The example project through the command line: it checks, is canonical and exports.

use super::*;

// ----- the example project -----

#[test]
fn the_example_project_checks_and_is_canonical() {
    let run = dossier([OsStr::new("check"), example_file().as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier([
        OsStr::new("fmt"),
        example_file().as_os_str(),
        OsStr::new("--check"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_example_project_exports_quotes_that_match_their_spans() {
    let run = dossier([
        OsStr::new("export"),
        example_file().as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let project = store::load(&example_file()).expect("the example loads");
    let stats = project.stats();
    assert_eq!(
        v["documents"].as_array().map(Vec::len),
        Some(stats.documents)
    );
    assert_eq!(v["passages"].as_array().map(Vec::len), Some(stats.passages));
    assert_eq!(v["tags"].as_array().map(Vec::len), Some(stats.tags));
    assert_eq!(v["actors"].as_array().map(Vec::len), Some(stats.actors));
    assert_eq!(v["events"].as_array().map(Vec::len), Some(stats.events));
    let links: usize = v["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .map(|p| {
            p["actors"].as_array().map_or(0, Vec::len) + p["events"].as_array().map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(links, stats.links, "every link is exported");
    let docs = v["documents"].as_array().expect("documents");
    for p in v["passages"].as_array().expect("passages") {
        let doc = docs.iter().find(|d| d["id"] == p["doc"]).expect("document");
        let text: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
        let start = usize::try_from(p["start"].as_u64().expect("start")).expect("fits");
        let end = usize::try_from(p["end"].as_u64().expect("end")).expect("fits");
        let at_span: String = text[start..end].iter().collect();
        assert_eq!(p["quote"].as_str(), Some(at_span.as_str()), "{}", p["id"]);
    }
}

#[test]
fn a_reader_that_closes_the_pipe_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            OsStr::new("export"),
            example_file().as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut head = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("reads the start");
    // The pipe's read end is dropped here; the rest of the export meets a closed pipe.
    let output = child.wait_with_output().expect("exits");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(&head, b"{\n  \"format\": \"d");
}
