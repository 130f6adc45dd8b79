//! The actor profile and the event card.
//!
//! The profile lists every passage linking an actor, grouped by article, the events it takes
//! part in (as a participant or through a shared passage), and the actors it appears with most.
//! The card sets the evidence for an event side by side, one column per article: which outlets
//! report it, in which role, and how their quotes differ (source comparison); above the columns,
//! the claims about the event with their stance counts, independent outlets and the contested
//! flag (click one to open it in the Claims view). Both are built once per (project revision,
//! subject) and cached (corroboration once per revision); click a quote to open it in the reader.

use std::collections::{BTreeMap, HashMap};

use egui::{RichText, Sense};

use super::super::theme::Theme;
use crate::corroboration::Summary;
use crate::model::{ActorId, ClaimId, DocId, EventId, PassageId, Project, Stance};
use crate::ui::action::Action;

/// One quote in a profile or card.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The passage.
    pub passage: PassageId,
    /// Its role ("speaker", "reports").
    pub role: String,
    /// The quote (first 400 chars).
    pub text: String,
}

/// The passages of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleGroup {
    /// Heading: title · outlet · date.
    pub heading: String,
    /// The quotes, in reading order.
    pub quotes: Vec<Quote>,
}

/// What the profile of one actor shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// The actor's name and kind.
    pub title: String,
    /// Passages by article.
    pub articles: Vec<ArticleGroup>,
    /// Events it takes part in or shares a passage with: (event, label).
    pub events: Vec<(EventId, String)>,
    /// Actors sharing passages with it, most first: (actor, name, shared passages).
    pub companions: Vec<(ActorId, String, usize)>,
}

fn group_by_article(project: &Project, quotes: Vec<(DocId, usize, Quote)>) -> Vec<ArticleGroup> {
    let mut by_doc: BTreeMap<DocId, Vec<(usize, Quote)>> = BTreeMap::new();
    for (doc, start, q) in quotes {
        by_doc.entry(doc).or_default().push((start, q));
    }
    let mut groups: Vec<(i64, ArticleGroup)> = by_doc
        .into_iter()
        .map(|(doc, mut qs)| {
            qs.sort_by_key(|(s, _)| *s);
            let d = project.document(doc);
            let mut parts = vec![d.map(|d| d.title.clone()).unwrap_or_default()];
            if let Some(d) = d {
                if !d.source.is_empty() {
                    parts.push(d.source.clone());
                }
                if let Some(p) = d.published {
                    parts.push(p.to_string());
                }
            }
            (
                d.and_then(|d| d.published)
                    .map_or(i64::MAX, |p| p.first_day()),
                ArticleGroup {
                    heading: parts.join(" · "),
                    quotes: qs.into_iter().map(|(_, q)| q).collect(),
                },
            )
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.heading.cmp(&b.1.heading)));
    groups.into_iter().map(|(_, g)| g).collect()
}

fn quote_text(text: &str) -> String {
    let mut s: String = text.chars().take(400).collect();
    if text.chars().count() > 400 {
        s.push('…');
    }
    s
}

/// Builds an actor's profile.
/// With `blind` (blind coding), only that analyst's passages count.
pub fn build_profile(project: &Project, actor: ActorId, blind: Option<&str>) -> Option<Profile> {
    let a = project.actor(actor)?;
    let mut quotes = Vec::new();
    let mut events: BTreeMap<EventId, usize> = BTreeMap::new();
    let mut companions: HashMap<ActorId, usize> = HashMap::new();
    let shown = (project.passages().values()).filter(|p| blind.is_none_or(|a| p.is_by(a)));
    for p in shown {
        let roles: Vec<&str> = p
            .actors
            .iter()
            .filter(|(x, _)| *x == actor)
            .map(|(_, r)| r.label())
            .collect();
        if roles.is_empty() {
            continue;
        }
        quotes.push((
            p.doc,
            p.start,
            Quote {
                passage: p.id,
                role: roles.join(", "),
                text: quote_text(&p.quote),
            },
        ));
        for (e, _) in &p.events {
            *events.entry(*e).or_default() += 1;
        }
        let mut others: Vec<ActorId> = p
            .actors
            .iter()
            .map(|(x, _)| *x)
            .filter(|x| *x != actor)
            .collect();
        others.sort();
        others.dedup();
        for o in others {
            *companions.entry(o).or_default() += 1;
        }
    }
    for e in project.events().values() {
        if e.participants.iter().any(|(x, _)| *x == actor) {
            events.entry(e.id).or_default();
        }
    }
    let mut events: Vec<(EventId, String, i64)> = events
        .into_iter()
        .filter_map(|(id, n)| {
            let e = project.event(id)?;
            let date = e.date.map(|d| format!(" ({d})")).unwrap_or_default();
            Some((
                id,
                format!(
                    "{}{date} · {n} shared passage{}",
                    e.title,
                    if n == 1 { "" } else { "s" }
                ),
                e.date.map_or(i64::MAX, |d| d.first_day()),
            ))
        })
        .collect();
    events.sort_by_key(|(_, _, d)| *d);
    let mut companions: Vec<(ActorId, String, usize)> = companions
        .into_iter()
        .filter_map(|(id, n)| Some((id, project.actor(id)?.name.clone(), n)))
        .collect();
    companions.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    companions.truncate(12);
    Some(Profile {
        title: format!("{} · {}", a.name, a.kind.label()),
        articles: group_by_article(project, quotes),
        events: events.into_iter().map(|(id, l, _)| (id, l)).collect(),
        companions,
    })
}

/// Builds an event's card: its evidence grouped by article.
/// With `blind` (blind coding), only that analyst's passages are evidence.
pub fn build_card(
    project: &Project,
    event: EventId,
    blind: Option<&str>,
) -> Option<(String, Vec<ArticleGroup>)> {
    let e = project.event(event)?;
    let mut quotes = Vec::new();
    let shown = (project.passages().values()).filter(|p| blind.is_none_or(|a| p.is_by(a)));
    for p in shown {
        let roles: Vec<&str> = p
            .events
            .iter()
            .filter(|(x, _)| *x == event)
            .map(|(_, r)| r.label())
            .collect();
        if !roles.is_empty() {
            quotes.push((
                p.doc,
                p.start,
                Quote {
                    passage: p.id,
                    role: roles.join(", "),
                    text: quote_text(&p.quote),
                },
            ));
        }
    }
    let mut title = e.title.clone();
    if let Some(d) = e.date {
        title.push_str(&format!(" · {d}"));
    }
    if !e.place.is_empty() {
        title.push_str(&format!(" · {}", e.place));
    }
    title.push_str(&format!(" · {}", e.kind.label()));
    Some((title, group_by_article(project, quotes)))
}

/// The cached profile and card.
#[derive(Debug, Default)]
pub struct ProfileState {
    /// The actor whose profile is shown.
    pub actor: Option<ActorId>,
    /// The event whose card is shown.
    pub event: Option<EventId>,
    /// Blind coding: only this analyst's passages are shown.
    pub blind: Option<String>,
    profile_key: Option<(u64, ActorId, Option<String>)>,
    profile: Option<Profile>,
    card_key: Option<(u64, EventId, Option<String>)>,
    card: Option<(String, Vec<ArticleGroup>)>,
    /// The generation of the corroboration and the event the card's claims are of.
    card_claims_key: Option<(u64, EventId)>,
    /// The claims about the card's event.
    card_claims: Vec<CardClaim>,
}

/// A claim about the card's event, as the card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardClaim {
    /// The claim.
    pub claim: ClaimId,
    /// Its statement.
    pub statement: String,
    /// How many holders support, dispute and qualify it.
    pub counts: [usize; 3],
    /// Independent outlets supporting it.
    pub independent_outlets: usize,
    /// Supported by one holder and disputed by another.
    pub contested: bool,
}

/// The claims about an event, ordered as the Claims view orders them.
pub fn card_claims(project: &Project, summaries: &[Summary], event: EventId) -> Vec<CardClaim> {
    summaries
        .iter()
        .filter_map(|s| {
            let claim = project.evidence().claim(s.claim)?;
            (claim.event == Some(event)).then(|| CardClaim {
                claim: claim.id,
                statement: claim.statement.clone(),
                counts: Stance::ALL.map(|stance| s.side(stance).count()),
                independent_outlets: s.independent_outlets,
                contested: s.contested,
            })
        })
        .collect()
}

/// A quote in quotation marks, unless it already begins or ends with one (a passage that is
/// itself a quotation would otherwise show two pairs).
fn in_quotes(text: &str) -> String {
    const MARKS: [char; 8] = ['"', '“', '”', '„', '«', '»', '‘', '’'];
    let text = text.trim();
    if text.starts_with(MARKS) || text.ends_with(MARKS) {
        text.to_owned()
    } else {
        format!("“{text}”")
    }
}

fn quote_ui(ui: &mut egui::Ui, q: &Quote, theme: &Theme, actions: &mut Vec<Action>) {
    ui.label(RichText::new(&q.role).small().color(theme.weak_text));
    let response = ui.add(
        egui::Label::new(
            RichText::new(in_quotes(&q.text))
                .italics()
                .color(theme.text),
        )
        .wrap()
        .selectable(false)
        .sense(Sense::click()),
    );
    if response.on_hover_text("Open in the reader").clicked() {
        actions.push(Action::JumpToPassage(q.passage));
    }
    ui.add_space(6.0);
}

/// The actor profile view.
pub fn profile_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut ProfileState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let Some(actor) = state.actor.filter(|a| project.actor(*a).is_some()) else {
        ui.label(
            RichText::new("Choose an actor in the Actors panel and press Profile.")
                .color(theme.weak_text),
        );
        return;
    };
    let key = Some((project.revision(), actor, state.blind.clone()));
    if state.profile_key != key {
        state.profile = build_profile(project, actor, state.blind.as_deref());
        state.profile_key = key;
    }
    let Some(profile) = &state.profile else {
        return;
    };
    ui.label(
        RichText::new(&profile.title)
            .size(19.0)
            .strong()
            .color(theme.actor_link),
    );
    ui.columns(2, |cols| {
        let [left, right] = cols else {
            return;
        };
        egui::ScrollArea::vertical()
            .id_salt("dossier-profile-passages")
            .auto_shrink([false, false])
            .show(left, |ui| {
                let n: usize = profile.articles.iter().map(|g| g.quotes.len()).sum();
                ui.label(
                    RichText::new(format!("{n} PASSAGES"))
                        .small()
                        .strong()
                        .color(theme.weak_text),
                );
                for g in &profile.articles {
                    ui.add_space(4.0);
                    ui.label(RichText::new(&g.heading).strong());
                    for q in &g.quotes {
                        quote_ui(ui, q, theme, actions);
                    }
                }
            });
        egui::ScrollArea::vertical()
            .id_salt("dossier-profile-side")
            .auto_shrink([false, false])
            .show(right, |ui| {
                ui.label(
                    RichText::new("EVENTS")
                        .small()
                        .strong()
                        .color(theme.weak_text),
                );
                if profile.events.is_empty() {
                    ui.label(RichText::new("None").color(theme.weak_text));
                }
                for (id, label) in &profile.events {
                    if ui
                        .link(RichText::new(label).color(theme.event_link))
                        .clicked()
                    {
                        actions.push(Action::OpenEventCard(*id));
                    }
                }
                ui.add_space(10.0);
                ui.label(
                    RichText::new("APPEARS MOST WITH")
                        .small()
                        .strong()
                        .color(theme.weak_text),
                );
                for (id, name, n) in &profile.companions {
                    ui.horizontal(|ui| {
                        if ui
                            .link(RichText::new(name).color(theme.actor_link))
                            .clicked()
                        {
                            actions.push(Action::OpenActorProfile(*id));
                        }
                        ui.label(RichText::new(format!("{n}")).color(theme.weak_text));
                    });
                }
            });
    });
}

/// The event card view: the evidence from each article side by side.
pub fn card_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut ProfileState,
    corroboration: &mut super::corroborated::Corroboration,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let Some(event) = state.event.filter(|e| project.event(*e).is_some()) else {
        ui.label(
            RichText::new("Choose an event in the Events panel or on the timeline and press Card.")
                .color(theme.weak_text),
        );
        return;
    };
    let key = Some((project.revision(), event, state.blind.clone()));
    if state.card_key != key {
        state.card = build_card(project, event, state.blind.as_deref());
        state.card_key = key;
    }
    let corroborated = corroboration.get(project, ui.ctx());
    if state.card_claims_key != Some((corroborated.generation, event)) {
        state.card_claims = card_claims(project, &corroborated.summaries, event);
        state.card_claims_key = Some((corroborated.generation, event));
    }
    let Some((title, groups)) = &state.card else {
        return;
    };
    ui.label(
        RichText::new(title)
            .size(19.0)
            .strong()
            .color(theme.event_link),
    );
    card_claims_ui(ui, &state.card_claims, theme, actions);
    ui.label(
        RichText::new(format!(
            "Reported by {} article{} — each column is one source",
            groups.len(),
            if groups.len() == 1 { "" } else { "s" }
        ))
        .color(theme.weak_text),
    );
    if groups.is_empty() {
        ui.label(
            RichText::new("No passage links this event yet: select one and press E.")
                .color(theme.weak_text),
        );
        return;
    }
    egui::ScrollArea::both()
        .id_salt("dossier-card-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for g in groups {
                    theme.card(10).show(ui, |ui| {
                        ui.set_width(260.0);
                        ui.vertical(|ui| {
                            ui.add(egui::Label::new(RichText::new(&g.heading).strong()).wrap());
                            ui.add_space(4.0);
                            for q in &g.quotes {
                                quote_ui(ui, q, theme, actions);
                            }
                        });
                    });
                }
            });
        });
}

/// The claims about the card's event, one line each; a click opens the claim in the Claims view.
fn card_claims_ui(
    ui: &mut egui::Ui,
    claims: &[CardClaim],
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    if claims.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!("CLAIMS ABOUT THIS EVENT ({})", claims.len()))
            .small()
            .strong()
            .color(theme.weak_text),
    );
    for c in claims {
        ui.horizontal_wrapped(|ui| {
            if ui
                .link(RichText::new(&c.statement).color(theme.text))
                .on_hover_text("Open the claim in the Claims view")
                .clicked()
            {
                actions.push(Action::OpenClaim(c.claim));
            }
            for (stance, n) in Stance::ALL.iter().zip(c.counts) {
                if n > 0 {
                    ui.label(
                        RichText::new(format!("{}{n}", stance.glyph()))
                            .small()
                            .color(theme.weak_text),
                    )
                    .on_hover_text(format!("{n} holder(s) {}", stance.as_str()));
                }
            }
            ui.label(
                RichText::new(format!(
                    "· {} independent outlet{}",
                    c.independent_outlets,
                    if c.independent_outlets == 1 { "" } else { "s" }
                ))
                .small()
                .color(theme.weak_text),
            );
            if c.contested {
                ui.label(RichText::new("[contested]").small().color(theme.error));
            }
        });
    }
    ui.add_space(4.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_get_one_pair_of_marks() {
        assert_eq!(in_quotes("talks went well"), "“talks went well”");
        assert_eq!(in_quotes("“We agreed,” he said"), "“We agreed,” he said");
        assert_eq!(in_quotes("he said: «нет»"), "he said: «нет»");
        assert_eq!(in_quotes("  padded  "), "“padded”");
    }

    #[test]
    fn a_profile_groups_passages_and_ranks_companions() {
        let project = crate::example::example_project().expect("example");
        let putin = project.actor_by_name("Vladimir Putin").expect("Putin").id;
        let profile = build_profile(&project, putin, None).expect("profile");
        let linked = project
            .passages()
            .values()
            .filter(|p| p.actors.iter().any(|(a, _)| *a == putin))
            .count();
        let shown: usize = profile.articles.iter().map(|g| g.quotes.len()).sum();
        assert_eq!(shown, linked);
        assert!(profile.companions.windows(2).all(|w| w[0].2 >= w[1].2));
        assert!(!profile.events.is_empty());
    }

    #[test]
    fn a_card_has_one_column_per_reporting_article() {
        let project = crate::example::example_project().expect("example");
        let e = project
            .events()
            .values()
            .find(|e| e.title == "Witkoff meets Putin in Moscow")
            .expect("event");
        let (_, groups) = build_card(&project, e.id, None).expect("card");
        let docs: std::collections::BTreeSet<_> = project
            .passages()
            .values()
            .filter(|p| p.events.iter().any(|(x, _)| *x == e.id))
            .map(|p| p.doc)
            .collect();
        assert_eq!(groups.len(), docs.len());
        assert!(groups.len() > 1, "several outlets report it");
    }
}
