//! The views across the corpus, shown as tabs in the centre beside the reader: the corpus
//! search, the excerpts table (every passage with its article, outlet, date, tags, actors and
//! events; sorted, filtered, exported), the timeline of events, the network of actors and events,
//! the co-occurrence matrix, the mention finder, the actor profile and the event card.
//!
//! Each view computes what it shows once per project revision (and filter) and caches it; a
//! frame only lays out the visible rows.

pub mod ach;
pub mod cooccurrence;
pub mod excerpts;
pub mod mentions;
pub mod network;
pub mod profile;
pub mod search;
pub mod timeline;

pub use cooccurrence::{CooccurrenceState, cooccurrence_ui};
pub use excerpts::{ExcerptsState, excerpts_ui};
pub use mentions::{MentionsState, mentions_ui};
pub use network::{NetworkState, network_ui};
pub use profile::{ProfileState, card_ui, profile_ui};
pub use search::{SearchState, search_ui};
pub use timeline::{TimelineState, timeline_ui};

/// What the centre of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CentreView {
    /// The open article.
    #[default]
    Reader,
    /// Every passage as a sortable, filterable table.
    Excerpts,
    /// The events on a date axis.
    Timeline,
    /// Unlinked mentions of actors' names.
    Mentions,
    /// One actor's passages, events and companions.
    Profile,
    /// One event's evidence, article by article.
    Card,
    /// Actors and events as a graph of shared passages.
    Network,
    /// Plain or regex search over every article.
    Search,
    /// Tag × tag and tag × actor counts as a heat map.
    Cooccurrence,
    /// The competing hypotheses and the ACH matrix.
    Ach,
}

impl CentreView {
    /// Every view, in tab order.
    pub const ALL: [Self; 10] = [
        Self::Reader,
        Self::Search,
        Self::Excerpts,
        Self::Timeline,
        Self::Network,
        Self::Cooccurrence,
        Self::Ach,
        Self::Mentions,
        Self::Profile,
        Self::Card,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Reader => "Reader",
            Self::Excerpts => "Excerpts",
            Self::Timeline => "Timeline",
            Self::Mentions => "Mentions",
            Self::Profile => "Actor profile",
            Self::Card => "Event card",
            Self::Network => "Network",
            Self::Search => "Search",
            Self::Cooccurrence => "Co-occurrence",
            Self::Ach => "Hypotheses",
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
}
