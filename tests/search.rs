//! Search and the mention finder on the real sample corpus.

use dossier::edit::apply;
use dossier::example::example_project;
use dossier::model::ActorRole;
use dossier::search::{self, SearchOptions};

#[test]
fn mentions_on_the_seeds_join_spellings_and_respect_words() {
    let project = example_project().expect("example");
    let zelenskyy = project.actor_by_name("Zelensky").expect("actor").id;
    let putin = project.actor_by_name("Putin").expect("actor").id;
    let mentions = search::find_mentions(&project, None);
    let spellings: std::collections::BTreeSet<&str> = mentions
        .iter()
        .filter(|m| m.actors.contains(&zelenskyy))
        .map(|m| m.text.as_str())
        .collect();
    // The example links many mentions already; those left are unlinked ones, in both spellings.
    assert!(
        spellings.contains("Zelenskyy") || spellings.contains("Zelensky"),
        "{spellings:?}"
    );
    for m in &mentions {
        let doc = project.document(m.doc).expect("doc");
        assert_eq!(doc.text.slice(m.start..m.end), Some(m.text.as_str()));
        if m.actors.contains(&putin) {
            assert!(m.text.eq_ignore_ascii_case("putin") || m.text.contains("Putin"));
            let after = doc.text.after(m.end, 1);
            assert!(
                !after.chars().next().is_some_and(char::is_alphanumeric),
                "{m:?}"
            );
        }
    }
    // Accepting them all is one undoable step and leaves nothing to find.
    let mut p = project.clone();
    let edit =
        search::accept_mentions(&p, &mentions, ActorRole::Mentioned, None, None).expect("edit");
    let undo = apply(&mut p, edit).expect("accept");
    let left = search::find_mentions(&p, None);
    assert!(left.iter().all(|m| m.actors.len() > 1), "{left:?}");
    apply(&mut p, undo).expect("undo");
    assert_eq!(p, project);
}

#[test]
fn both_spellings_of_zelenskyy_are_one_actor() {
    let mut project = example_project().expect("example");
    // Remove every existing passage so every mention is unlinked.
    let ids: Vec<_> = project.passages().keys().copied().collect();
    let edit = dossier::edit::Edit::Batch(
        ids.into_iter()
            .map(dossier::edit::Edit::RemovePassage)
            .collect(),
    );
    apply(&mut project, edit).expect("clear");
    let zelenskyy = project.actor_by_name("Zelenskyy").expect("actor").id;
    let spellings: std::collections::BTreeSet<String> = search::find_mentions(&project, None)
        .into_iter()
        .filter(|m| m.actors == vec![zelenskyy])
        .map(|m| m.text)
        .collect();
    assert!(spellings.contains("Zelenskyy"), "{spellings:?}");
    assert!(spellings.contains("Zelensky"), "{spellings:?}");
}

#[test]
fn regex_search_over_the_seeds() {
    let project = example_project().expect("example");
    let options = SearchOptions {
        regex: true,
        ..SearchOptions::default()
    };
    let hits = search::find(&project, r"(?i)\bsanctions?\b", &options).expect("search");
    assert!(hits.hits.len() >= 8, "{}", hits.hits.len());
    assert!(search::find(&project, "[", &options).is_err());
}
