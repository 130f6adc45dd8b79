//! The views across the corpus, shown as tabs in the centre beside the reader: the excerpts
//! table (every passage with its article, outlet, date, tags, actors and events; sorted,
//! filtered, exported), the timeline of events, and the mention finder.
//!
//! Each view computes what it shows once per project revision (and filter) and caches it; a
//! frame only lays out the visible rows.

pub mod excerpts;
pub mod mentions;
pub mod timeline;

pub use excerpts::{ExcerptsState, excerpts_ui};
pub use mentions::{MentionsState, mentions_ui};
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
}

impl CentreView {
    /// Every view, in tab order.
    pub const ALL: [Self; 4] = [Self::Reader, Self::Excerpts, Self::Timeline, Self::Mentions];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Reader => "Reader",
            Self::Excerpts => "Excerpts",
            Self::Timeline => "Timeline",
            Self::Mentions => "Mentions",
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
}
