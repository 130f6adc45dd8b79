//! The window's side of articles from the web (issue 16), driven through egui_kittest against a
//! real HTTP server on 127.0.0.1: File › Add from link…, File › Feeds… (follow, check, pick two
//! items, add them), undo; and the open article's versions after its page changed.

mod common;

use std::time::{Duration, Instant};

use common::gui::{SHIFT_CMD, click_then_frames, harness_for, in_app_harness};
use common::server::{Route, Server};
use dossier::model::Project;
use dossier::ui::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn article(n: u32) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Story {n}</title>\
         <meta property=\"og:site_name\" content=\"Example Wire\"></head><body><article>\
         <p>The talks in city number {n} went on late into the night, officials said, with both \
         delegations staying at the table after the mediators asked them to.</p>\
         <p>A spokesman for the ministry said the ceasefire would hold along the whole line, \
         though observers reported shelling near the river crossing on Tuesday morning.</p>\
         <p>Aid convoys were expected to move on Wednesday, according to the agency, which said \
         it had received guarantees of safe passage from both sides of the front.</p>\
         </article></body></html>"
    )
}

/// Runs frames (network work runs on a thread) until `done` holds, for at most 10 seconds.
fn wait_until(h: &mut Harness<'_, Workbench>, done: impl Fn(&Harness<'_, Workbench>) -> bool) {
    let started = Instant::now();
    while !done(h) {
        assert!(started.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(20));
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// The frames run after a click: a new window is laid out invisibly on its first frame, and
/// network work on a thread keeps the UI repainting, so `run` would not return.
const AFTER_CLICK: usize = 4;

/// Focuses a field and types into it, running a fixed number of frames (as [`AFTER_CLICK`]).
fn type_into_steps(h: &mut Harness<'_, Workbench>, field: &str, text: &str) {
    h.get_by_label(field).focus();
    h.run_steps(1);
    h.root().type_text(text);
    h.run_steps(2);
}

#[test]
fn add_from_link_check_feeds_pick_two_and_undo() {
    let server = Server::start();
    for n in 1..=4 {
        server.route(&format!("/story{n}"), Route::html(&article(n)));
    }
    let items: String = (1..=3)
        .map(|n| {
            format!(
                "<item><title>Story {n}</title><link>{}</link></item>",
                server.url(&format!("/story{n}"))
            )
        })
        .collect();
    server.route(
        "/rss",
        Route::ok(
            "application/rss+xml",
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Example Wire</title>\
                 <link>{}</link><description>d</description>{items}</channel></rss>",
                server.base
            ),
        ),
    );
    let mut h = harness_for(Workbench::new(Project::new("Web"), None));
    h.run_steps(2);

    // Add from link: story 4.
    click_then_frames(&mut h, "File", AFTER_CLICK);
    click_then_frames(&mut h, "Add from link…", AFTER_CLICK);
    type_into_steps(
        &mut h,
        "Web addresses, one per line",
        &server.url("/story4"),
    );
    click_then_frames(&mut h, "Add", AFTER_CLICK);
    wait_until(&mut h, |h| h.state().project().documents().len() == 1);
    let doc = h
        .state()
        .project()
        .documents()
        .values()
        .next()
        .expect("doc")
        .clone();
    assert_eq!(doc.title, "Story 4");
    assert_eq!(doc.source, "Example Wire");
    assert_eq!(
        h.state().project().web().fetched[&doc.id].url,
        server.url("/story4")
    );

    // Follow the feed, check it: three new items; pick two and add them.
    click_then_frames(&mut h, "File", AFTER_CLICK);
    click_then_frames(&mut h, "Feeds…", AFTER_CLICK);
    type_into_steps(&mut h, "Feed address", &server.url("/rss"));
    click_then_frames(&mut h, "Follow", AFTER_CLICK);
    assert_eq!(h.state().project().web().feeds.len(), 1);
    click_then_frames(&mut h, "Check feeds", AFTER_CLICK);
    wait_until(&mut h, |h| h.query_by_label("Story 3").is_some());
    assert!(
        h.query_by_label("3 new items: pick those to add.")
            .is_some()
    );
    click_then_frames(&mut h, "Story 1", AFTER_CLICK);
    click_then_frames(&mut h, "Story 3", AFTER_CLICK);
    click_then_frames(&mut h, "Add 2 picked", AFTER_CLICK);
    wait_until(&mut h, |h| h.state().project().documents().len() == 3);
    let project = h.state().project();
    let titles: Vec<&str> = project
        .documents()
        .values()
        .map(|d| d.title.as_str())
        .collect();
    assert!(
        titles.contains(&"Story 1") && titles.contains(&"Story 3"),
        "{titles:?}"
    );
    assert!(!titles.contains(&"Story 2"));
    let feed_url = server.url("/rss");
    assert_eq!(
        project
            .web()
            .fetched
            .values()
            .filter(|r| r.feed == feed_url)
            .count(),
        2
    );
    assert_eq!(project.web().feeds[&feed_url].seen.len(), 3);

    // Undo takes the two picked articles out in one step, and their records with them.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let project = h.state().project();
    assert_eq!(project.documents().len(), 1);
    assert_eq!(project.web().fetched.len(), 1);

    // The page of story 4 changes quietly; its versions window checks it and shows what changed.
    server.route(
        "/story4",
        Route::html(&article(4).replace(
            "though observers reported shelling near the river crossing on Tuesday morning",
            "and no incidents were reported overnight",
        )),
    );
    click_then_frames(&mut h, "Story 4", AFTER_CLICK);
    click_then_frames(&mut h, "File", AFTER_CLICK);
    click_then_frames(&mut h, "Versions of this article…", AFTER_CLICK);
    click_then_frames(&mut h, "Check for changes", AFTER_CLICK);
    wait_until(&mut h, |h| {
        h.state()
            .project()
            .web()
            .fetched
            .get(&doc.id)
            .is_some_and(|r| r.versions.len() == 1)
    });
    assert!(
        h.state()
            .project()
            .document(doc.id)
            .expect("doc")
            .text
            .as_str()
            .contains("no incidents")
    );
    // Flagged twice: in the versions window and on the article's row in the library.
    assert!(h.query_all_by_label_contains("— stealth edit").count() >= 2);
    assert!(
        h.query_by_label_contains("passages — stealth edit")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("+ A spokesman for the ministry said the ceasefire would hold along the whole line, and no incidents")
            .is_some()
    );
    assert!(h.query_by_label_contains("− A spokesman").is_some());
}

/// A harness with in-app path prompts on an empty project.
fn in_app() -> Harness<'static, Workbench> {
    let mut h = in_app_harness(Workbench::new(Project::new("Web"), None));
    h.run_steps(2);
    h
}

fn titles(h: &Harness<'_, Workbench>) -> Vec<String> {
    (h.state().project().documents().values())
        .map(|d| d.title.clone())
        .collect()
}

/// A web address typed or pasted into File › Import…'s path prompt is fetched, not refused as a
/// missing file; the article has the page's title and undo takes it out.
#[test]
fn a_web_address_in_the_import_prompt_is_fetched() {
    let server = Server::start();
    server.route("/story7", Route::html(&article(7)));
    let mut h = in_app();
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run_steps(2);
    assert_eq!(h.state().dialog_title().as_deref(), Some("Import articles"));
    type_into_steps(&mut h, "Path", &format!("  {}  ", server.url("/story7")));
    assert!(h.query_by_label_contains("There is nothing at").is_none());
    click_then_frames(&mut h, "Import", AFTER_CLICK);
    assert_eq!(h.state().dialog_title(), None, "the prompt closes");
    wait_until(&mut h, |h| h.state().project().documents().len() == 1);
    assert_eq!(titles(&h), ["Story 7"]);
    let doc = *h.state().project().documents().keys().next().expect("doc");
    assert_eq!(
        h.state().project().web().fetched[&doc].url,
        server.url("/story7"),
        "kept as fetched from the link"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().project().documents().is_empty());
    assert!(h.state().project().web().fetched.is_empty());

    // Nobody answers at the address: the Add from link window says so, nothing changes.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("address").port()
    };
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run_steps(2);
    type_into_steps(&mut h, "Path", &format!("http://127.0.0.1:{closed}/gone"));
    click_then_frames(&mut h, "Import", AFTER_CLICK);
    wait_until(&mut h, |h| {
        h.query_by_label_contains("could not reach the server")
            .is_some()
    });
    assert!(h.state().project().documents().is_empty());
    assert_eq!(h.state().history().undo_len(), 0, "no step to undo");

    // A path that does not exist is still refused, and a file: address is a path.
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run_steps(2);
    type_into_steps(&mut h, "Path", "file:///no/such/article.txt");
    click_then_frames(&mut h, "Import", AFTER_CLICK);
    assert!(h.query_by_label_contains("There is nothing at").is_some());
    assert!(h.state().project().documents().is_empty());
}

/// Pasting just a web address into "Paste text as a new article" offers to fetch it; the
/// article fetched has the page's title, not the address as its text; undo takes it out.
#[test]
fn a_web_address_pasted_as_an_article_is_fetched() {
    let server = Server::start();
    server.route("/story8", Route::html(&article(8)));
    let mut h = in_app();
    h.key_press_modifiers(SHIFT_CMD, Key::V);
    h.run_steps(2);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Paste an article")
    );
    type_into_steps(&mut h, "Text", &server.url("/story8"));
    assert!(h.query_by_label_contains("This is a web address").is_some());
    click_then_frames(&mut h, "Fetch the article", AFTER_CLICK);
    assert_eq!(h.state().dialog_title(), None);
    wait_until(&mut h, |h| h.state().project().documents().len() == 1);
    assert_eq!(titles(&h), ["Story 8"]);
    let doc = h
        .state()
        .project()
        .documents()
        .values()
        .next()
        .expect("doc");
    assert!(
        doc.text.as_str().contains("city number 8"),
        "the page's text"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().project().documents().is_empty());

    // Text that only contains an address is still pasted as text.
    h.key_press_modifiers(SHIFT_CMD, Key::V);
    h.run_steps(2);
    type_into_steps(&mut h, "Text", &format!("Read {}", server.url("/story8")));
    assert!(h.query_by_label("Fetch the article").is_none());
    click_then_frames(&mut h, "Add article", AFTER_CLICK);
    assert_eq!(h.state().project().documents().len(), 1);
    let doc = h
        .state()
        .project()
        .documents()
        .values()
        .next()
        .expect("doc");
    assert!(doc.text.as_str().starts_with("Read http://127.0.0.1:"));
}

/// A web address typed where Replace article text… asks for the new file fetches the page as
/// the article's new text: the old text is kept as a version, and undo puts it back.
#[test]
fn a_web_address_as_an_articles_new_version_is_fetched() {
    let server = Server::start();
    server.route("/story9", Route::html(&article(9)));
    server.route(
        "/story9-updated",
        Route::html(&article(9).replace(
            "Aid convoys were expected to move on Wednesday",
            "Aid convoys were held back on Wednesday",
        )),
    );
    let mut h = in_app();
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run_steps(2);
    type_into_steps(&mut h, "Path", &server.url("/story9"));
    click_then_frames(&mut h, "Import", AFTER_CLICK);
    wait_until(&mut h, |h| h.state().project().documents().len() == 1);
    let doc = *h.state().project().documents().keys().next().expect("doc");
    click_then_frames(&mut h, "Story 9", AFTER_CLICK);
    h.state_mut()
        .run(dossier::ui::command::Command::ReplaceArticleText);
    h.run_steps(3);
    type_into_steps(&mut h, "Path", &server.url("/story9-updated"));
    click_then_frames(&mut h, "Replace", AFTER_CLICK);
    wait_until(&mut h, |h| {
        (h.state().project().web().fetched.get(&doc)).is_some_and(|r| r.versions.len() == 1)
    });
    let text = |h: &Harness<'_, Workbench>| {
        (h.state().project().document(doc))
            .expect("doc")
            .text
            .as_str()
            .to_owned()
    };
    assert!(text(&h).contains("were held back"), "{}", text(&h));
    let record = &h.state().project().web().fetched[&doc];
    assert!(record.versions[0].text.contains("were expected to move"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(text(&h).contains("were expected to move"));
    assert!(h.state().project().web().fetched[&doc].versions.is_empty());
}
