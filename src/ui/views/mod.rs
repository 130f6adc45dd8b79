//! The views across the corpus, shown as tabs in the centre beside the reader: the corpus
//! search, the excerpts table (every passage with its article, outlet, date, tags, actors and
//! events; sorted, filtered, exported), the timeline of events, the network of actors and events,
//! the co-occurrence matrix, the mention finder, the actor profile, the event card and the
//! recent changes (the undo history). [`view_ui`] draws the current one.
//!
//! Each view computes what it shows once per project revision (and filter) and caches it; a
//! frame only lays out the visible rows.
//!
//! Blind coding ([`ViewsState::set_blind`]) reaches every view that shows passages or anything
//! made of them, and is part of each cache's key, so turning it on or off recomputes.

pub mod ach;
pub mod changes;
pub mod claims;
pub mod compare;
pub mod cooccurrence;
pub mod corroborated;
pub mod excerpts;
pub mod holders;
pub mod mentions;
pub mod network;
pub mod profile;
pub mod search;
pub mod timeline;

pub use super::place::CentreView;
pub use changes::changes_ui;
pub use cooccurrence::{CooccurrenceState, cooccurrence_ui};
pub use excerpts::{ExcerptsState, excerpts_ui};
pub use mentions::{MentionsState, mentions_ui};
pub use network::{NetworkShows, NetworkState, network_ui};
pub use profile::{ProfileState, card_ui, profile_ui};
pub use search::{SearchState, search_ui};
pub use timeline::{TimelineState, timeline_ui};

use crate::edit::History;
use crate::model::{EventId, Project};
use crate::ui::action::Action;
use crate::ui::theme::Theme;

/// What every view may read.
pub struct ViewInput<'a> {
    /// The open project.
    pub project: &'a Project,
    /// Its undo history.
    pub history: &'a History,
    /// The event selected in the events panel.
    pub selected_event: Option<EventId>,
    /// The colours.
    pub theme: &'a Theme,
}

/// Draws the view `views.current` (the reader excepted: the workbench draws it, with the
/// article's header).
pub fn view_ui(
    ui: &mut egui::Ui,
    input: &ViewInput<'_>,
    views: &mut ViewsState,
    actions: &mut Vec<Action>,
) {
    let (project, theme) = (input.project, input.theme);
    match views.current {
        CentreView::Reader => {}
        CentreView::Excerpts => excerpts_ui(ui, project, &mut views.excerpts, theme, actions),
        CentreView::Timeline => timeline_ui(
            ui,
            project,
            &mut views.timeline,
            input.selected_event,
            theme,
            actions,
        ),
        CentreView::Profile => profile_ui(ui, project, &mut views.profile, theme, actions),
        CentreView::Card => card_ui(
            ui,
            project,
            &mut views.profile,
            &mut views.corroboration,
            theme,
            actions,
        ),
        CentreView::Network => {
            network::shows_ui(ui, &mut views.network.shows);
            match views.network.shows {
                NetworkShows::ActorsEvents => {
                    network_ui(ui, project, &mut views.network, theme, actions);
                }
                NetworkShows::Holders => {
                    let corroborated = views.corroboration.get(project, ui.ctx());
                    let state = &mut views.network.holders;
                    holders::holders_ui(ui, project, &corroborated, state, theme, actions);
                }
            }
        }
        CentreView::Mentions => mentions_ui(ui, project, &mut views.mentions, theme, actions),
        CentreView::Search => search_ui(ui, project, &mut views.search, theme, actions),
        CentreView::Cooccurrence => {
            cooccurrence_ui(ui, project, &mut views.cooccurrence, theme, actions);
        }
        CentreView::Changes => changes_ui(ui, project, input.history, theme, actions),
        CentreView::Claims => claims::claims_ui(
            ui,
            project,
            &mut views.claims,
            &mut views.corroboration,
            theme,
            actions,
        ),
        CentreView::Compare => {
            compare::compare_ui(ui, project, &mut views.compare, theme, actions);
        }
        CentreView::Ach => {
            let edits = ach::ach_ui(ui, project, &mut views.ach);
            actions.extend(edits.into_iter().map(Action::Edit));
        }
    }
}

/// The views' state between frames.
#[derive(Debug, Default)]
pub struct ViewsState {
    /// Which view is shown.
    pub current: CentreView,
    /// The excerpts table.
    pub excerpts: ExcerptsState,
    /// The timeline.
    pub timeline: TimelineState,
    /// The mention finder.
    pub mentions: MentionsState,
    /// The actor profile and the event card.
    pub profile: ProfileState,
    /// The network of actors and events.
    pub network: NetworkState,
    /// The corpus search.
    pub search: SearchState,
    /// The co-occurrence matrix.
    pub cooccurrence: CooccurrenceState,
    /// The ACH matrix.
    pub ach: ach::AchState,
    /// The claim matrix.
    pub claims: claims::ClaimsState,
    /// The claims' corroboration, shared by the Claims view, the holder network and the card.
    pub corroboration: corroborated::Corroboration,
    /// Two codings compared.
    pub compare: compare::CompareState,
}

impl ViewsState {
    /// Hands the blind-coding filter to every view: with `Some(analyst)` they show and count
    /// only that analyst's passages (and what those carry: tags, links, stances); with `None`
    /// every passage. The Compare view shows no comparison while it is on.
    pub fn set_blind(&mut self, blind: Option<&str>) {
        let blind = blind.map(str::to_owned);
        self.excerpts.blind.clone_from(&blind);
        self.timeline.blind.clone_from(&blind);
        self.mentions.blind.clone_from(&blind);
        self.profile.blind.clone_from(&blind);
        self.network.blind.clone_from(&blind);
        self.cooccurrence.blind.clone_from(&blind);
        self.corroboration.blind.clone_from(&blind);
        self.ach.blind.clone_from(&blind);
        self.compare.blind = blind;
    }
}
