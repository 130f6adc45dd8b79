//! The library's web notes (issue 16): an article whose page was changed without a new
//! modification date says "stealth edit", and wire copy run by several outlets says which other
//! outlets ran it ("also in: …"), in the real window's library list.

mod common;

use common::fixtures::doc;
use common::gui::harness_sized;
use dossier::model::web::{Feed, Fetched, Version};
use dossier::model::{Parts, Project, Timestamp};
use dossier::ui::Workbench;
use egui_kittest::kittest::Queryable;

const WIRE: &str = "Negotiators from both sides met in Riyadh on Tuesday for a third round of talks \
on a partial ceasefire covering energy infrastructure and shipping in the Black Sea, officials \
said, adding that no agreement on a wider truce was expected before the end of the month.";

#[test]
fn the_library_flags_a_stealth_edit_and_names_the_other_outlets_of_a_reprint() {
    let a = doc(
        "Talks resume in Riyadh",
        &format!("Talks resume in Riyadh\n\n{WIRE}"),
    )
    .source("Outlet A")
    .build();
    let b = doc(
        "Riyadh talks: third round",
        &format!("Riyadh talks: third round\n\n{WIRE}"),
    )
    .source("Outlet B")
    .build();
    let c = doc(
        "Third round of talks",
        &format!("Third round of talks\n\n{WIRE}"),
    )
    .source("Outlet C")
    .build();
    let lone = doc(
        "Strike on Odesa port",
        "Strike on Odesa port\n\nA drone strike hit grain silos in the port of Odesa overnight, \
         the regional governor said; two workers were injured and a fire was put out by morning.",
    )
    .source("Outlet D")
    .build();
    let lone_id = lone.id;
    let project = Project::from_parts(Parts {
        title: "Notes".into(),
        documents: vec![a, b, c, lone],
        ..Parts::default()
    })
    .expect("valid");
    let stealth = Fetched {
        doc: lone_id,
        url: "http://127.0.0.1/odesa".into(),
        canonical: String::new(),
        fetched: Timestamp(1_722_938_500),
        hash: "00ff".into(),
        modified: None,
        feed: String::new(),
        versions: vec![Version {
            fetched: Timestamp(1_722_900_000),
            replaced: Timestamp(1_722_938_500),
            hash: "11ee".into(),
            title: "Strike on Odesa port".into(),
            stealth: true,
            text: "Strike on Odesa port\n\nA drone strike hit the port overnight.".into(),
        }],
    };
    let project = project
        .with_web(Vec::<Feed>::new(), vec![stealth])
        .expect("valid");

    let mut h = harness_sized(Workbench::new(project, None), [1024.0, 700.0]);
    h.run();
    let labels: Vec<String> = h
        .query_all_by_role(egui::accesskit::Role::Button)
        .map(|n| format!("{n:?}"))
        .collect();
    for label in [
        "Talks resume in Riyadh — 0 passages — also in: Outlet B, Outlet C",
        "Riyadh talks: third round — 0 passages — also in: Outlet A, Outlet C",
        "Third round of talks — 0 passages — also in: Outlet A, Outlet B",
        "Strike on Odesa port — 0 passages — stealth edit",
    ] {
        assert!(
            h.query_by_label(label).is_some(),
            "the library shows “{label}”; shown: {labels:?}"
        );
    }
}
