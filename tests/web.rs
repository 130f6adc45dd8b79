//! Articles from the web, against a real HTTP server on 127.0.0.1 started by each test
//! (`common::server`): fetching pages with JSON-LD or only OpenGraph, redirects and their loops,
//! error statuses, a timeout, bodies that are not HTML or too large, a hostile script, encodings;
//! `dossier fetch`, `dossier feeds add | list | check [--import]` with conditional requests, and
//! `dossier refresh` recording versions and re-anchoring passages. No outside network.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use common::passage_of;
use common::server::{Route, Server};
use dossier::cli::{Cli, execute};
use dossier::edit::Edit;
use dossier::model::{PartialDate, Project, web::hash_hex};
use dossier::session::Session;
use dossier::store;
use dossier::web::{self, Client, Limits, WebError};

/// Paragraphs enough for the reader-mode extractor to call it an article.
const BODY: &str = "<p>The talks in the capital went on late into the night, officials said, \
with both delegations staying at the table after the mediators asked them to.</p>\n\
<p>A spokesman for the ministry said the ceasefire would hold along the whole line, \
though observers reported shelling near the river crossing on Tuesday morning.</p>\n\
<p>Aid convoys were expected to move on Wednesday, according to the agency, which \
said it had received guarantees of safe passage from both sides of the front.</p>";

/// A page with a `<head>` part and the body paragraphs.
fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>Headline in the body</h1>{body}</article>\
         <footer>Copyright the outlet</footer></body></html>"
    )
}

fn json_ld_page() -> String {
    page(
        r#"<title>Talks go on | Wire</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Talks go on into the night","author":{"@type":"Person","name":"Jana Novak"},
"publisher":{"@type":"Organization","name":"Example Wire"},
"datePublished":"2025-08-06T21:00:00Z","dateModified":"2025-08-07T08:00:00Z",
"mainEntityOfPage":"https://news.example.org/talks"}</script>"#,
        BODY,
    )
}

fn og_page() -> String {
    page(
        r#"<title>Ignored title</title>
<meta property="og:title" content="Ceasefire holds, mostly">
<meta property="og:site_name" content="The Example Times">
<meta property="og:url" content="https://times.example.org/ceasefire">
<meta property="article:published_time" content="2025-08-05T10:00:00+02:00">
<meta name="author" content="Omar Haddad">"#,
        &BODY.replace("in the capital", "in the port city"),
    )
}

/// A client with short limits, so the slow and huge cases end fast.
fn quick_client() -> Client {
    Client::with_limits(Limits {
        max_bytes: 1024 * 1024,
        timeout: Duration::from_secs(2),
        max_redirects: 3,
    })
}

/// Runs a command line as `dossier` would; returns (exit code, stdout, stderr).
fn dossier(args: &[&str]) -> (u8, String, String) {
    let mut argv = vec!["dossier"];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).expect("the command line parses");
    let command = cli.command.expect("a subcommand");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = execute(command, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).expect("UTF-8"),
        String::from_utf8(err).expect("UTF-8"),
    )
}

fn temp_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.ron");
    (dir, path)
}

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn a_page_with_json_ld_gives_its_metadata_text_and_a_hash_of_what_came() {
    let server = Server::start();
    server.route("/talks", Route::html(&json_ld_page()));
    let url = server.url("/talks");
    let article = web::fetch_article(&quick_client(), &url).expect("fetched");
    let d = &article.document;
    assert_eq!(d.title, "Talks go on into the night");
    assert_eq!(d.source, "Example Wire");
    assert_eq!(d.author, "Jana Novak");
    assert_eq!(d.published, PartialDate::day(2025, 8, 6));
    assert_eq!(d.url, "https://news.example.org/talks");
    assert_eq!(d.origin, url);
    assert!(
        d.text.as_str().contains("guarantees of safe passage"),
        "{}",
        d.text.as_str()
    );
    assert!(!d.text.as_str().contains("Copyright the outlet"));
    let r = &article.record;
    assert_eq!(r.url, url);
    assert_eq!(r.canonical, "https://news.example.org/talks");
    assert_eq!(r.hash, hash_hex(json_ld_page().as_bytes()));
    assert_eq!(r.modified, PartialDate::day(2025, 8, 7));
    assert_eq!(r.doc, d.id);
    assert!(r.fetched.0 > 1_700_000_000, "the retrieval time is now");
}

#[test]
fn a_page_with_only_opengraph_and_meta_gives_its_metadata() {
    let server = Server::start();
    server.route("/og", Route::html(&og_page()));
    let article = web::fetch_article(&quick_client(), &server.url("/og")).expect("fetched");
    let d = &article.document;
    assert_eq!(d.title, "Ceasefire holds, mostly");
    assert_eq!(d.source, "The Example Times");
    assert_eq!(d.author, "Omar Haddad");
    assert_eq!(d.published, PartialDate::day(2025, 8, 5));
    assert_eq!(d.url, "https://times.example.org/ceasefire");
    assert_eq!(article.record.modified, None);
}

#[test]
fn redirects_are_followed_and_a_loop_is_refused() {
    let server = Server::start();
    server.route("/old", Route::Redirect("/older".into()));
    server.route("/older", Route::Redirect("/new".into()));
    server.route("/new", Route::html(&page("<title>Moved</title>", BODY)));
    let article = web::fetch_article(&quick_client(), &server.url("/old")).expect("followed");
    assert_eq!(
        article.record.url,
        server.url("/old"),
        "the address asked for"
    );
    assert_eq!(
        article.record.canonical,
        server.url("/new"),
        "no canonical address in the page: where the redirects ended"
    );
    server.route("/a", Route::Redirect("/b".into()));
    server.route("/b", Route::Redirect("/a".into()));
    let err = web::fetch_article(&quick_client(), &server.url("/a")).expect_err("a loop");
    assert!(matches!(err, WebError::Redirects { max: 3, .. }), "{err:?}");
    assert!(err.to_string().contains("redirect loop"), "{err}");
}

#[test]
fn error_statuses_a_timeout_and_no_server_are_clear_errors() {
    let server = Server::start();
    server.route("/gone", Route::status(404));
    server.route("/broken", Route::status(500));
    server.route("/slow", Route::Hang(Duration::from_secs(6)));
    let client = quick_client();
    let err = web::fetch_article(&client, &server.url("/gone")).expect_err("404");
    assert_eq!(
        err.to_string(),
        format!(
            "the server answered 404 Not Found — {}",
            server.url("/gone")
        )
    );
    let err = web::fetch_article(&client, &server.url("/broken")).expect_err("500");
    assert!(
        matches!(err, WebError::Status { status: 500, .. }),
        "{err:?}"
    );
    let started = std::time::Instant::now();
    let err = web::fetch_article(&client, &server.url("/slow")).expect_err("timeout");
    assert!(matches!(err, WebError::Timeout { .. }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "gave up at the limit"
    );
    // A port nothing listens on: offline.
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = free.local_addr().expect("address");
    drop(free);
    let err = web::fetch_article(&client, &format!("http://{addr}/x")).expect_err("offline");
    assert!(matches!(err, WebError::Offline { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("could not reach the server"),
        "{err}"
    );
    let err = web::fetch_article(&client, "ftp://example.org/x").expect_err("not http");
    assert!(matches!(err, WebError::BadUrl { .. }), "{err:?}");
}

#[test]
fn bodies_that_are_not_html_or_too_large_are_refused() {
    let server = Server::start();
    server.route("/data.json", Route::ok("application/json", "{\"a\": 1}"));
    server.route(
        "/image.png",
        Route::ok("image/png", b"\x89PNG\r\n\x1a\n\0\0".to_vec()),
    );
    // 100 MB announced: refused before reading; 100 MB not announced: refused at the limit.
    let hundred_mb = 100 * 1024 * 1024;
    server.route(
        "/huge",
        Route::Huge {
            bytes: hundred_mb,
            announce: true,
        },
    );
    server.route(
        "/stream",
        Route::Huge {
            bytes: hundred_mb,
            announce: false,
        },
    );
    let client = quick_client();
    let err = web::fetch_article(&client, &server.url("/data.json")).expect_err("json");
    assert_eq!(
        err.to_string(),
        format!(
            "not a web page (application/json) — {}",
            server.url("/data.json")
        )
    );
    let err = web::fetch_article(&client, &server.url("/image.png")).expect_err("png");
    assert!(matches!(err, WebError::NotHtml { .. }), "{err:?}");
    for path in ["/huge", "/stream"] {
        let started = std::time::Instant::now();
        let err = web::fetch_article(&client, &server.url(path)).expect_err("too large");
        assert!(
            matches!(
                err,
                WebError::TooLarge {
                    limit: 1_048_576,
                    ..
                }
            ),
            "{path}: {err:?}"
        );
        assert!(err.to_string().contains("limit of 1 MiB"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path}: stopped at the limit"
        );
    }
}

#[test]
fn a_hostile_script_is_neither_run_nor_kept_nor_followed() {
    let server = Server::start();
    let hostile = page(
        r#"<title>Hostile</title><script>document.write('INJECTED'); fetch('/evil');</script>
<script src="/evil.js"></script><img src="/tracker.gif" onerror="alert('INJECTED')">"#,
        &format!("{BODY}<script>var x = 'INJECTED'; new Image().src = '/evil';</script>"),
    );
    server.route("/hostile", Route::html(&hostile));
    let article = web::fetch_article(&quick_client(), &server.url("/hostile")).expect("fetched");
    let text = article.document.text.as_str();
    assert!(
        !text.contains("INJECTED") && !text.contains("fetch("),
        "{text}"
    );
    assert!(text.contains("ceasefire would hold"));
    assert_eq!(
        server.requests(),
        ["GET /hostile"],
        "nothing the page points to is loaded"
    );
}

#[test]
fn encodings_are_taken_from_the_server_and_bytes_that_are_no_text_are_refused() {
    let server = Server::start();
    let cyrillic = page(
        "<title>Переговоры</title>",
        "<p>Переговоры в столице продолжались до поздней ночи, сообщили официальные лица, \
         и обе делегации остались за столом после просьбы посредников.</p>\
         <p>Представитель министерства заявил, что перемирие будет соблюдаться по всей линии, \
         хотя наблюдатели сообщили об обстрелах у переправы во вторник утром.</p>",
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&cyrillic);
    server.route(
        "/ru",
        Route::ok("text/html; charset=windows-1251", bytes.into_owned()),
    );
    let article = web::fetch_article(&quick_client(), &server.url("/ru")).expect("decoded");
    assert!(
        article
            .document
            .text
            .as_str()
            .contains("перемирие будет соблюдаться"),
        "{}",
        article.document.text.as_str()
    );
    let mut binary = b"<html><body><p>".to_vec();
    binary.extend((0..4000u32).map(|i| (i % 7) as u8));
    server.route("/binary", Route::ok("text/html", binary));
    let err = web::fetch_article(&quick_client(), &server.url("/binary")).expect_err("binary");
    assert!(matches!(err, WebError::Page { .. }), "{err:?}");
    assert!(err.to_string().contains(&server.url("/binary")), "{err}");
}

#[test]
fn dossier_fetch_adds_articles_once_and_a_failure_writes_nothing() {
    let server = Server::start();
    server.route("/talks", Route::html(&json_ld_page()));
    server.route("/og", Route::html(&og_page()));
    server.route("/gone", Route::status(404));
    let (_dir, path) = temp_project();
    // One bad address: nothing is written, every failure is named, exit 1.
    let (code, out, err) = dossier(&[
        "fetch",
        &server.url("/talks"),
        &server.url("/gone"),
        "--into",
        p(&path),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("404 Not Found") && err.contains("nothing was written"),
        "{err}"
    );
    assert!(!path.exists(), "no project was created");
    let (code, out, err) = dossier(&[
        "fetch",
        &server.url("/talks"),
        &server.url("/og"),
        "--into",
        p(&path),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("fetched \"Talks go on into the night\"") && out.contains("added 2 articles"),
        "{out}"
    );
    let project = store::load(&path).expect("loads");
    assert_eq!(project.documents().len(), 2);
    assert_eq!(project.web().fetched.len(), 2);
    // The same page again, and the same text under another address: skipped.
    server.route(
        "/copy",
        Route::html(&json_ld_page().replace("news.example.org/talks", "mirror.example.net/t")),
    );
    let before = std::fs::read(&path).expect("read");
    let (code, out, err) = dossier(&[
        "fetch",
        &server.url("/talks"),
        &server.url("/copy"),
        "--into",
        p(&path),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("nothing new to add"), "{out}");
    assert_eq!(
        err.matches("skipped: the same article as \"Talks go on into the night\"")
            .count(),
        2,
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the project is unchanged"
    );
    // The JSON export shows the address, the retrieval time and the (no) versions.
    let (code, json, err) = dossier(&["export", p(&path), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let docs = v["documents"].as_array().expect("documents");
    assert!(
        docs.iter()
            .all(|d| d["fetched"].is_string() && d["versions"] == serde_json::json!([])),
        "{json}"
    );
    assert!(
        docs.iter()
            .any(|d| d["url"] == "https://times.example.org/ceasefire")
    );
}

fn feed_xml(server: &Server, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, path)| {
            format!(
                "<item><title>{title}</title><link>{}</link><guid>{}</guid>\
                 <pubDate>Wed, 06 Aug 2025 10:00:00 GMT</pubDate></item>",
                server.url(path),
                server.url(path)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Example Wire</title>\
         <link>{}</link><description>News</description>{items}</channel></rss>",
        server.base
    )
}

#[test]
fn feeds_list_new_items_import_them_once_and_ask_conditionally() {
    let server = Server::start();
    let article = |n: u32| {
        page(
            &format!("<title>Story {n}</title>"),
            &BODY.replace("capital", &format!("capital number {n}")),
        )
    };
    for n in 1..=3 {
        server.route(&format!("/story{n}"), Route::html(&article(n)));
    }
    server.route(
        "/rss",
        Route::Fixed {
            status: 200,
            content_type: "application/rss+xml".into(),
            etag: "\"v1\"".into(),
            body: feed_xml(
                &server,
                &[
                    ("Story one", "/story1"),
                    ("Story two", "/story2"),
                    ("Story three", "/story3"),
                ],
            )
            .into_bytes(),
        },
    );
    let (_dir, path) = temp_project();
    // Story 2 is in the project already.
    let (code, _, err) = dossier(&["fetch", &server.url("/story2"), "--into", p(&path)]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = dossier(&["feeds", "add", &server.url("/rss"), "--into", p(&path)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("following"), "{out}");
    let (code, out, _) = dossier(&["feeds", "add", &server.url("/rss"), "--into", p(&path)]);
    assert_eq!(code, 0);
    assert!(out.contains("already following"), "{out}");
    let (code, out, _) = dossier(&["feeds", "list", p(&path)]);
    assert_eq!(code, 0);
    assert!(
        out.contains(&server.url("/rss")) && out.contains("never checked"),
        "{out}"
    );

    let (code, out, err) = dossier(&["feeds", "check", p(&path), "--import"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Example Wire: 2 new items"), "{out}");
    assert!(
        out.contains("\"Story one\" (Example Wire, 2025-08-06)") && !out.contains("Story two"),
        "{out}"
    );
    assert!(out.contains("added 2 articles"), "{out}");
    let project = store::load(&path).expect("loads");
    assert_eq!(project.documents().len(), 3, "story 2 was not added twice");
    let feed = &project.web().feeds[&server.url("/rss")];
    assert_eq!(feed.etag, "\"v1\"");
    assert_eq!(feed.seen.len(), 3);
    assert!(feed.checked.is_some());
    let from_feed = project
        .web()
        .fetched
        .values()
        .filter(|r| r.feed == feed.url)
        .count();
    assert_eq!(from_feed, 2);

    // Checked again: a conditional request, answered 304, lists nothing and adds nothing.
    let (code, out, err) = dossier(&["feeds", "check", p(&path)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Example Wire: not modified"), "{out}");
    assert!(
        server
            .requests()
            .contains(&"GET /rss (If-None-Match: \"v1\")".to_owned()),
        "{:?}",
        server.requests()
    );
    assert_eq!(store::load(&path).expect("loads").documents().len(), 3);

    // A new item appears (new ETag): only it is listed.
    server.route("/story4", Route::html(&article(4)));
    server.route(
        "/rss",
        Route::Fixed {
            status: 200,
            content_type: "application/rss+xml".into(),
            etag: "\"v2\"".into(),
            body: feed_xml(
                &server,
                &[("Story four", "/story4"), ("Story one", "/story1")],
            )
            .into_bytes(),
        },
    );
    let (code, out, _) = dossier(&["feeds", "check", p(&path)]);
    assert_eq!(code, 0);
    assert!(
        out.contains("1 new item") && out.contains("Story four"),
        "{out}"
    );
    // A feed that is not a feed: a clear error, nothing written.
    server.route("/rss", Route::html("<html><body>no feed</body></html>"));
    let before = std::fs::read(&path).expect("read");
    let (code, _, err) = dossier(&["feeds", "check", p(&path)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not an RSS or Atom feed"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_changed_page_is_re_fetched_as_a_version_and_its_passages_re_anchored() {
    let server = Server::start();
    server.route("/talks", Route::html(&json_ld_page()));
    let (_dir, path) = temp_project();
    let (code, _, err) = dossier(&["fetch", &server.url("/talks"), "--into", p(&path)]);
    assert_eq!(code, 0, "{err}");
    // Two passages: one on a sentence that stays, one on a sentence the outlet removes.
    let mut session = Session::open(&path).expect("opens");
    let doc = session
        .project()
        .documents()
        .values()
        .next()
        .expect("doc")
        .clone();
    let kept = passage_of(&doc, "Aid convoys were expected to move on Wednesday");
    let doomed = passage_of(
        &doc,
        "though observers reported shelling near the river crossing",
    );
    session
        .apply(Edit::Batch(vec![
            Edit::AddPassage(Box::new(kept.clone())),
            Edit::AddPassage(Box::new(doomed.clone())),
        ]))
        .expect("passages");
    session.save_to(&path).expect("saved");
    let old_text = doc.text.as_str().to_owned();

    // Unchanged page: nothing changes.
    let before = std::fs::read(&path).expect("read");
    let (code, out, err) = dossier(&["refresh", p(&path)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("unchanged: \"Talks go on into the night\"") && out.contains("0 changed"),
        "{out}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);

    // The outlet quietly rewrites a sentence (same dateModified) and the headline.
    let changed = json_ld_page()
        .replace(
            "though observers reported shelling near the river crossing on Tuesday morning",
            "and no incidents were reported overnight",
        )
        .replace(
            "\"headline\":\"Talks go on into the night\"",
            "\"headline\":\"Talks end in agreement\"",
        );
    server.route("/talks", Route::html(&changed));
    let (code, out, err) = dossier(&["refresh", p(&path), "--doc", "Talks go on into the night"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("changed (no new modification date: a stealth edit)"),
        "{out}"
    );
    assert!(
        out.contains("1 placed exactly") && out.contains("1 orphaned"),
        "{out}"
    );
    assert!(out.contains(&format!("orphaned {}", doomed.id)), "{out}");
    let project = store::load(&path).expect("loads");
    let now = project.document(doc.id).expect("doc");
    assert!(
        now.text
            .as_str()
            .contains("no incidents were reported overnight")
    );
    assert_eq!(now.title, "Talks end in agreement");
    assert!(
        project.passage(kept.id).is_some(),
        "the kept passage is placed"
    );
    assert!(
        project.orphan(doomed.id).is_some(),
        "the removed one is an orphan, not lost"
    );
    let record = &project.web().fetched[&doc.id];
    assert_eq!(record.versions.len(), 1);
    let version = &record.versions[0];
    assert_eq!(version.text, old_text);
    assert_eq!(version.hash, hash_hex(old_text.as_bytes()));
    assert_eq!(version.title, "Talks go on into the night");
    assert!(version.stealth);
    assert_eq!(record.hash, hash_hex(changed.as_bytes()));
    let (_, json, _) = dossier(&["export", p(&path), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        v["documents"][0]["versions"][0]["hash"],
        version.hash.as_str()
    );
    assert_eq!(v["documents"][0]["versions"][0]["stealth"], true);

    // In a session the change is one step, and undo restores text, passages and record.
    server.route(
        "/talks",
        Route::html(&json_ld_page().replace("late into the night", "until dawn")),
    );
    let mut session = Session::open(&path).expect("opens");
    let before: Project = session.project().clone();
    let article = web::fetch_article(&quick_client(), &server.url("/talks")).expect("fetched");
    let refresh = web::plan::plan_refresh(session.project(), doc.id, &article)
        .expect("plans")
        .expect("changed");
    assert!(!refresh.stealth || refresh.counts.orphaned == 0);
    session.apply(refresh.edit).expect("applies");
    assert_eq!(session.project().web().fetched[&doc.id].versions.len(), 2);
    session.undo().expect("undoes");
    assert_eq!(session.project(), &before);

    // A page that is gone: the article is kept as it is, and with nothing fetched, exit 1.
    server.route("/talks", Route::status(404));
    let before = std::fs::read(&path).expect("read");
    let (code, _, err) = dossier(&["refresh", p(&path)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("404"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn removing_a_fetched_article_takes_its_record_and_undo_brings_both_back() {
    let server = Server::start();
    server.route("/og", Route::html(&og_page()));
    let article = web::fetch_article(&quick_client(), &server.url("/og")).expect("fetched");
    let plan = web::plan::plan_add(&Project::new("t"), vec![article], "");
    let mut session = Session::new(Project::new("t"), None);
    session.apply(plan.edit.expect("an edit")).expect("added");
    let doc = *session.project().documents().keys().next().expect("doc");
    let with = session.project().clone();
    session.apply(Edit::RemoveDocument(doc)).expect("removed");
    assert!(session.project().web().fetched.is_empty());
    session.undo().expect("undone");
    assert_eq!(session.project(), &with);
}

#[test]
fn wire_copy_run_by_two_outlets_is_added_and_reported_as_a_reprint() {
    let server = Server::start();
    let wire = |outlet: &str, headline: &str, ending: &str| {
        page(
            &format!(
                "<title>{headline}</title><meta property=\"og:site_name\" content=\"{outlet}\">"
            ),
            &format!("{BODY}<p>{ending}</p>"),
        )
    };
    server.route(
        "/a",
        Route::html(&wire("Wire One", "Talks go on", "Reporting by the desk.")),
    );
    server.route(
        "/b",
        Route::html(&wire(
            "Daily Two",
            "Late-night talks",
            "Our correspondent adds.",
        )),
    );
    let (_dir, path) = temp_project();
    let (code, out, err) = dossier(&[
        "fetch",
        &server.url("/a"),
        &server.url("/b"),
        "--into",
        p(&path),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added 2 articles"), "{out}");
    assert!(
        out.contains(
            "reprint: \"Late-night talks\" is the same story as \"Talks go on\" (Wire One)"
        ),
        "{out}"
    );
    let project = store::load(&path).expect("loads");
    assert_eq!(dossier::reprint::stories(&project).len(), 1);
}
