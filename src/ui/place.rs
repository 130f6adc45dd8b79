//! The window's places, by name: the centre views and the tabs of the right column. The very
//! bottom of `ui` (it imports nothing from it), so the command table, the actions and the views
//! can all name a place. A view's label, tooltip and keys are its row in the command table
//! (`Command::Show`); what it draws is its file under `views/`.

/// What the centre of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
    /// Claims with their holders by stance, corroboration and contradiction.
    Claims,
    /// Competing hypotheses: the ACH matrix of evidence against hypotheses.
    Ach,
    /// The undo history: what changed, newest first.
    Changes,
    /// Two codings side by side: agreement figures, differences, adopt A, B or both.
    Compare,
}

impl CentreView {
    /// Every view, in tab order.
    pub const ALL: [Self; 13] = [
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
        Self::Changes,
        Self::Claims,
        Self::Compare,
    ];

    /// Whether the view reads letter keys itself (the ACH matrix rates with C, N, I, A), so the
    /// window's single-key commands (T, A, C, N, …) stay out of its way while it is shown.
    pub fn takes_letter_keys(self) -> bool {
        matches!(self, Self::Ach)
    }

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
            Self::Claims => "Claims",
            Self::Ach => "Hypotheses",
            Self::Changes => "Recent changes",
            Self::Compare => "Compare",
        }
    }
}

/// The tabs of the right column's lower half.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// The tag tree.
    #[default]
    Codebook,
    /// The actors list.
    Actors,
    /// The events list.
    Events,
}

impl SideTab {
    /// Every tab, in order.
    pub const ALL: [Self; 3] = [Self::Codebook, Self::Actors, Self::Events];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Codebook => "Codebook",
            Self::Actors => "Actors",
            Self::Events => "Events",
        }
    }
}
