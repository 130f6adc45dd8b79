//! The command table: every user action of the workbench as one [`Command`] variant, with its
//! label, menu, keyboard shortcuts and the condition under which it is enabled. Menus, the command
//! palette and shortcut handling are all generated from this table, so a command reachable by a
//! key is also reachable by the mouse and by name.
//!
//! Shortcuts use [`Modifiers::COMMAND`], which is Ctrl on Linux and Windows and Cmd on macOS.
//! Shortcuts without Ctrl/Cmd/Alt ("single-key" shortcuts such as `T` or `1`) never fire while a
//! text field has keyboard focus; they do fire while the reader has focus.

use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

use super::place::CentreView;

/// Which top-level menu a command sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    /// Projects, saving, importing, quitting.
    File,
    /// Undo, redo.
    Edit,
    /// The project as a whole: its properties.
    Project,
    /// Tagging and changing passages.
    Passage,
    /// Tags of the codebook.
    Codebook,
    /// Palettes, panels, theme.
    View,
}

impl Menu {
    /// Every menu, in menu-bar order.
    pub const ALL: [Self; 6] = [
        Self::File,
        Self::Edit,
        Self::Project,
        Self::Passage,
        Self::Codebook,
        Self::View,
    ];

    /// The menu's title in the menu bar.
    pub fn title(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::Project => "Project",
            Self::Passage => "Passage",
            Self::Codebook => "Codebook",
            Self::View => "View",
        }
    }
}

/// Every action a user can ask of the workbench by menu, palette or key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start an empty project (asks to save unsaved changes first).
    NewProject,
    /// Open a project file.
    OpenProject,
    /// Open an unsaved copy of the bundled example project.
    OpenExample,
    /// Save to the project's file (asks where when it has none).
    SaveProject,
    /// Save to a new file.
    SaveProjectAs,
    /// Import article files.
    ImportFiles,
    /// Import every article file in a folder.
    ImportFolder,
    /// Paste text as a new article.
    PasteArticle,
    /// Edit the open article's title, outlet, author, url and date.
    EditArticleDetails,
    /// Replace the open article's text from a file, placing its passages again.
    ReplaceArticleText,
    /// Export passages: format, filters, grouping and the output file, in one dialog.
    Export,
    /// Edit the project's title and description.
    ProjectProperties,
    /// Merge a colleague's copy of the project into the open one (one undo step).
    MergeCopy,
    /// Set the analyst's name recorded on what they make or change.
    AnalystName,
    /// Close the window (asks to save unsaved changes first).
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Open the quick tag palette for the selection or the selected passage.
    TagPalette,
    /// Apply the n-th most recently used tag (0-based) to the selection or selected passage.
    ApplyRecentTag(u8),
    /// Open the actor palette: link an actor to the selection or the selected passage.
    LinkActor,
    /// Open the event palette: link an event to the selection or the selected passage.
    LinkEvent,
    /// Open the claim palette: give the selection or the selected passage a stance on a claim.
    LinkClaim,
    /// Add the selected passage (or the text selection, as a new passage) as an evidence row of
    /// the ACH matrix.
    AddAsEvidence,
    /// Select the next passage of the open article.
    NextPassage,
    /// Select the previous passage of the open article.
    PreviousPassage,
    /// Delete the selected passage.
    DeletePassage,
    /// Put the keyboard focus in the selected passage's note.
    EditNote,
    /// Deselect the passage and the text selection.
    ClearSelection,
    /// Create a tag in the codebook (at the top level).
    NewTag,
    /// Create a tag under the tag selected in the codebook.
    NewSubTag,
    /// Delete the tag selected in the codebook (asks when passages use it).
    DeleteTag,
    /// Create an actor.
    NewActor,
    /// Create an event.
    NewEvent,
    /// Open the command palette.
    CommandPalette,
    /// Put the keyboard focus in the library's filter box.
    FilterLibrary,
    /// Show a view in the centre. The reader also takes the keyboard focus, the search view
    /// focuses its query field.
    Show(CentreView),
    /// Show or hide the library panel (left).
    ToggleLibrary,
    /// Show or hide the inspector panel (right).
    ToggleInspector,
    /// Cycle the colour theme: follow the system, light, dark.
    CycleTheme,
    /// Blind coding on or off: show only your own passages in the reader and the views.
    ToggleBlindCoding,
    /// List every keyboard shortcut.
    ShowKeys,
}

/// What the workbench looks like right now, as far as commands care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommandContext {
    /// An article is open in the reader.
    pub has_document: bool,
    /// The reader holds a non-empty text selection.
    pub has_text_selection: bool,
    /// A passage is selected.
    pub has_passage: bool,
    /// A tag is selected in the codebook.
    pub has_tag: bool,
    /// How many recently used tags there are (0–9).
    pub recent_tags: usize,
    /// The undo history has a step to undo.
    pub can_undo: bool,
    /// The undo history has a step to redo.
    pub can_redo: bool,
}

const fn key(modifiers: Modifiers, logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, logical_key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const CMD_ALT: Modifiers = Modifiers::COMMAND.plus(Modifiers::ALT);
const NONE: Modifiers = Modifiers::NONE;

const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Keys the reader widget handles itself while it has focus: every shortcut reserved in the
/// reader's one table ([`crate::ui::reader::KEYS`]); no command may use them, or the command
/// would steal them from the reader.
pub fn reader_keys() -> impl Iterator<Item = &'static KeyboardShortcut> {
    crate::ui::reader::KEYS.iter().flat_map(|k| k.on.iter())
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: &'static [Self] = &[
        Self::NewProject,
        Self::OpenProject,
        Self::OpenExample,
        Self::SaveProject,
        Self::SaveProjectAs,
        Self::ImportFiles,
        Self::ImportFolder,
        Self::PasteArticle,
        Self::EditArticleDetails,
        Self::ReplaceArticleText,
        Self::Export,
        Self::MergeCopy,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::ProjectProperties,
        Self::AnalystName,
        Self::TagPalette,
        Self::ApplyRecentTag(0),
        Self::ApplyRecentTag(1),
        Self::ApplyRecentTag(2),
        Self::ApplyRecentTag(3),
        Self::ApplyRecentTag(4),
        Self::ApplyRecentTag(5),
        Self::ApplyRecentTag(6),
        Self::ApplyRecentTag(7),
        Self::ApplyRecentTag(8),
        Self::LinkActor,
        Self::LinkEvent,
        Self::LinkClaim,
        Self::AddAsEvidence,
        Self::NextPassage,
        Self::PreviousPassage,
        Self::EditNote,
        Self::DeletePassage,
        Self::ClearSelection,
        Self::NewTag,
        Self::NewSubTag,
        Self::DeleteTag,
        Self::NewActor,
        Self::NewEvent,
        Self::CommandPalette,
        Self::FilterLibrary,
        Self::Show(CentreView::Reader),
        Self::Show(CentreView::Search),
        Self::Show(CentreView::Excerpts),
        Self::Show(CentreView::Timeline),
        Self::Show(CentreView::Network),
        Self::Show(CentreView::Cooccurrence),
        Self::Show(CentreView::Claims),
        Self::Show(CentreView::Ach),
        Self::Show(CentreView::Mentions),
        Self::Show(CentreView::Profile),
        Self::Show(CentreView::Card),
        Self::Show(CentreView::Changes),
        Self::Show(CentreView::Compare),
        Self::ToggleLibrary,
        Self::ToggleInspector,
        Self::ToggleBlindCoding,
        Self::CycleTheme,
        Self::ShowKeys,
    ];

    /// The label shown in menus and the palette.
    pub fn label(self) -> String {
        let text = match self {
            Self::NewProject => "New project",
            Self::OpenProject => "Open project…",
            Self::OpenExample => "Open the example project",
            Self::SaveProject => "Save",
            Self::SaveProjectAs => "Save as…",
            Self::ImportFiles => "Import articles…",
            Self::ImportFolder => "Import a folder of articles…",
            Self::PasteArticle => "Paste text as a new article…",
            Self::EditArticleDetails => "Edit article details…",
            Self::ReplaceArticleText => "Replace article text…",
            Self::Export => "Export…",
            Self::ProjectProperties => "Properties…",
            Self::MergeCopy => "Merge another copy…",
            Self::AnalystName => "Your name as analyst…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::TagPalette => "Tag…",
            Self::ApplyRecentTag(n) => return format!("Apply recent tag {}", n + 1),
            Self::LinkActor => "Link an actor…",
            Self::LinkEvent => "Link an event…",
            Self::LinkClaim => "Link a claim…",
            Self::AddAsEvidence => "Add passage as ACH evidence",
            Self::NewActor => "New actor…",
            Self::NewEvent => "New event…",
            Self::NextPassage => "Next passage",
            Self::PreviousPassage => "Previous passage",
            Self::EditNote => "Edit note",
            Self::DeletePassage => "Delete passage",
            Self::ClearSelection => "Clear selection",
            Self::NewTag => "New tag…",
            Self::NewSubTag => "New sub-tag of the selected tag…",
            Self::DeleteTag => "Delete selected tag…",
            Self::CommandPalette => "Command palette…",
            Self::FilterLibrary => "Filter the library",
            Self::Show(view) => match view {
                CentreView::Reader => "Focus the reader",
                CentreView::Excerpts => "Excerpts table",
                CentreView::Timeline => "Timeline of events",
                CentreView::Mentions => "Unlinked mentions of actors",
                CentreView::Profile => "Actor profile",
                CentreView::Card => "Event card",
                CentreView::Network => "Network of actors and events",
                CentreView::Search => "Search the corpus",
                CentreView::Cooccurrence => "Co-occurrence matrix",
                CentreView::Claims => "Claims",
                CentreView::Ach => "Competing hypotheses (ACH)",
                CentreView::Changes => "Recent changes",
                CentreView::Compare => "Compare two codings (inter-coder agreement)",
            },
            Self::ToggleLibrary => "Show or hide the library",
            Self::ToggleInspector => "Show or hide the inspector",
            Self::CycleTheme => "Switch theme (system, light, dark)",
            Self::ToggleBlindCoding => "Blind coding (only your passages) on or off",
            Self::ShowKeys => "Keyboard shortcuts",
        };
        text.to_owned()
    }

    /// A one-line explanation, shown as a tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::NewProject => "Start an empty project",
            Self::OpenProject => "Open a Dossier project file (.ron)",
            Self::OpenExample => {
                "Open an unsaved copy of the example project on 2025 ceasefire diplomacy"
            }
            Self::SaveProject => "Save the project to its file",
            Self::SaveProjectAs => "Save the project to a new file",
            Self::ImportFiles => {
                "Add articles to the project: text, Markdown, Word (.docx), OpenDocument (.odt), web pages, PDF, QDA projects (.qdpx), reference lists"
            }
            Self::ImportFolder => "Add every .txt and .md article in a folder",
            Self::PasteArticle => "Paste an article's text and give it a title",
            Self::ReplaceArticleText => {
                "Load a new version of the open article from a file; its passages are found again, those that cannot be are kept as orphans"
            }
            Self::EditArticleDetails => {
                "Change the open article's title, outlet, author, url, date"
            }
            Self::Export => {
                "Write passages to CSV, Markdown, HTML, JSON, W3C annotations or REFI-QDA: choose the format, filters, grouping and file"
            }
            Self::ProjectProperties => {
                "The project's title (it heads every brief and names the file) and description"
            }
            Self::AnalystName => {
                "The name stored on the passages, actors and events you make or change, so a merged dossier says whose work each is"
            }
            Self::MergeCopy => {
                "Bring in a colleague's copy of this project (and the original you both started from, if you have it): see what comes in, then apply it as one undo step"
            }
            Self::Quit => "Close Dossier",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the last undone change",
            Self::TagPalette => {
                "Tag the selected text or passage: type to search the codebook, Enter applies, a new name creates the tag"
            }
            Self::ApplyRecentTag(_) => "Apply one of the nine most recently used tags",
            Self::LinkActor => {
                "Link an actor to the selected text or passage: type a name, Tab changes the role, Enter links, a new name creates the actor"
            }
            Self::LinkEvent => {
                "Link an event to the selected text or passage: type a title, Tab changes the role, Enter links, a new title creates the event"
            }
            Self::LinkClaim => {
                "Give the selected text or passage a stance on a claim: type a statement, Tab changes the stance (supports, disputes, qualifies), Enter links, a new statement creates the claim"
            }
            Self::AddAsEvidence => {
                "Add the selected passage (or the selected text, as a new passage) as an evidence row of the competing-hypotheses matrix, to rate in the Hypotheses view"
            }
            Self::NewActor => "Add a person, organisation, state, group or outlet",
            Self::NewEvent => "Add a dated event with its participants",
            Self::NextPassage => "Select the next passage in the article",
            Self::PreviousPassage => "Select the previous passage in the article",
            Self::EditNote => "Write a note on the selected passage",
            Self::DeletePassage => "Delete the selected passage (undoable)",
            Self::ClearSelection => "Deselect the passage and the text",
            Self::NewTag => "Add a tag at the top level of the codebook",
            Self::NewSubTag => "Add a tag under the tag selected in the codebook",
            Self::DeleteTag => "Delete the tag selected in the codebook",
            Self::CommandPalette => "Search every command by name",
            Self::FilterLibrary => "Filter the articles by title, outlet or date",
            Self::Show(view) => match view {
                CentreView::Reader => {
                    "Show the reader and move the keyboard focus to the article text"
                }
                CentreView::Excerpts => {
                    "Every passage as a table: sort, filter by tag, actor, event, article, date, text; jump; export"
                }
                CentreView::Timeline => "The events on a date axis: zoom, pan, click for the card",
                CentreView::Mentions => {
                    "Actors' names and aliases in the articles that are not linked yet: accept one or all"
                }
                CentreView::Profile => {
                    "One actor's passages by article, its events, the actors it appears with"
                }
                CentreView::Card => "One event's evidence from each article side by side",
                CentreView::Network => {
                    "Actors and events as a graph: edges are the passages they share; drag, zoom, click to open"
                }
                CentreView::Search => {
                    "Find words or a regular expression in every article; open a hit, or tag all of them"
                }
                CentreView::Cooccurrence => {
                    "Tag × tag and tag × actor counts of passages; click a cell to list its passages"
                }
                CentreView::Changes => {
                    "The undo history, newest first: what each change did and to what; click one to show it"
                }
                CentreView::Claims => {
                    "The claim matrix: who supports, disputes or qualifies each claim, independent outlets, contested and single-source claims"
                }
                CentreView::Ach => {
                    "Rate the evidence against each hypothesis; the least inconsistent comes first"
                }
                CentreView::Compare => {
                    "Two analysts of this project, or this project and another file: α_u, κ, F1 per tag, the differences article by article; adopt A, B or both (each undoable)"
                }
            },
            Self::ToggleLibrary => {
                "Hide the article list to give the reader more room, or show it again"
            }
            Self::ToggleInspector => {
                "Hide the passage inspector and codebook to give the reader more room, or show them again"
            }
            Self::CycleTheme => "Follow the system theme, or force light or dark",
            Self::ToggleBlindCoding => {
                "Hide other analysts' passages in the reader, the passage list, the excerpts and the other views, so your reading is independent; again to show them"
            }
            Self::ShowKeys => "List every keyboard shortcut, the reader's included",
        }
    }

    /// The menu the command appears in.
    pub fn menu(self) -> Menu {
        match self {
            Self::NewProject
            | Self::OpenProject
            | Self::OpenExample
            | Self::SaveProject
            | Self::SaveProjectAs
            | Self::ImportFiles
            | Self::ImportFolder
            | Self::PasteArticle
            | Self::EditArticleDetails
            | Self::ReplaceArticleText
            | Self::Export
            | Self::MergeCopy
            | Self::Quit => Menu::File,
            Self::Undo | Self::Redo => Menu::Edit,
            Self::ProjectProperties | Self::AnalystName => Menu::Project,
            Self::TagPalette
            | Self::ApplyRecentTag(_)
            | Self::LinkActor
            | Self::LinkEvent
            | Self::LinkClaim
            | Self::AddAsEvidence
            | Self::NextPassage
            | Self::PreviousPassage
            | Self::EditNote
            | Self::DeletePassage
            | Self::ClearSelection => Menu::Passage,
            Self::NewTag | Self::NewSubTag | Self::DeleteTag | Self::NewActor | Self::NewEvent => {
                Menu::Codebook
            }
            Self::CommandPalette
            | Self::FilterLibrary
            | Self::Show(_)
            | Self::ToggleLibrary
            | Self::ToggleInspector
            | Self::ToggleBlindCoding
            | Self::CycleTheme
            | Self::ShowKeys => Menu::View,
        }
    }

    /// The keyboard shortcuts, the first one being the one shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Self::NewProject => vec![key(CMD, Key::N)],
            Self::OpenProject => vec![key(CMD, Key::O)],
            Self::OpenExample => vec![],
            Self::SaveProject => vec![key(CMD, Key::S)],
            Self::SaveProjectAs => vec![key(CMD_SHIFT, Key::S)],
            Self::ImportFiles => vec![key(CMD, Key::I)],
            Self::ImportFolder => vec![key(CMD_SHIFT, Key::I)],
            Self::PasteArticle => vec![key(CMD_SHIFT, Key::V)],
            Self::EditArticleDetails => vec![key(CMD, Key::E)],
            Self::ReplaceArticleText => vec![],
            Self::Export => vec![key(CMD_SHIFT, Key::X)],
            Self::ProjectProperties => vec![key(CMD_ALT, Key::P)],
            Self::MergeCopy | Self::AnalystName => vec![],
            Self::Quit => vec![key(CMD, Key::Q)],
            Self::Undo => vec![key(CMD, Key::Z)],
            Self::Redo => vec![key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
            Self::TagPalette => vec![key(NONE, Key::T)],
            Self::ApplyRecentTag(n) => DIGITS
                .get(usize::from(n))
                .map(|k| vec![key(NONE, *k)])
                .unwrap_or_default(),
            Self::LinkActor => vec![key(NONE, Key::A)],
            Self::LinkEvent => vec![key(NONE, Key::E)],
            Self::LinkClaim => vec![key(NONE, Key::C)],
            Self::AddAsEvidence => vec![key(NONE, Key::H)],
            Self::NewActor => vec![],
            Self::NewEvent => vec![],
            Self::NextPassage => vec![key(NONE, Key::J)],
            Self::PreviousPassage => vec![key(NONE, Key::K)],
            Self::EditNote => vec![key(NONE, Key::N)],
            Self::DeletePassage => vec![key(NONE, Key::Delete)],
            Self::ClearSelection => vec![],
            Self::NewTag => vec![key(CMD_SHIFT, Key::T)],
            Self::NewSubTag => vec![key(CMD_ALT, Key::T)],
            Self::DeleteTag => vec![],
            Self::CommandPalette => vec![key(CMD, Key::K), key(CMD_SHIFT, Key::P)],
            Self::FilterLibrary => vec![key(CMD, Key::L)],
            Self::Show(view) => match view {
                CentreView::Reader => vec![key(NONE, Key::F6)],
                CentreView::Excerpts => vec![key(CMD_SHIFT, Key::E)],
                CentreView::Network => vec![key(CMD_SHIFT, Key::G)],
                CentreView::Search => vec![key(CMD_SHIFT, Key::F)],
                CentreView::Changes => vec![key(CMD_SHIFT, Key::H)],
                CentreView::Claims => vec![key(CMD_SHIFT, Key::M)],
                CentreView::Ach => vec![key(CMD_SHIFT, Key::Y)],
                CentreView::Compare => vec![key(CMD_SHIFT, Key::A)],
                CentreView::Timeline
                | CentreView::Mentions
                | CentreView::Profile
                | CentreView::Card
                | CentreView::Cooccurrence => vec![],
            },
            Self::ToggleLibrary => vec![key(CMD, Key::B)],
            Self::ToggleInspector => vec![key(CMD_ALT, Key::B)],
            Self::CycleTheme => vec![key(CMD_SHIFT, Key::L)],
            Self::ToggleBlindCoding => vec![key(CMD_SHIFT, Key::B)],
            Self::ShowKeys => vec![key(NONE, Key::F1)],
        }
    }

    /// Whether the command can run now.
    pub fn enabled(self, cx: &CommandContext) -> bool {
        match self {
            Self::EditArticleDetails
            | Self::ReplaceArticleText
            | Self::Show(CentreView::Reader) => cx.has_document,
            Self::Undo => cx.can_undo,
            Self::Redo => cx.can_redo,
            Self::TagPalette
            | Self::LinkActor
            | Self::LinkEvent
            | Self::LinkClaim
            | Self::AddAsEvidence => cx.has_text_selection || cx.has_passage,
            Self::ApplyRecentTag(n) => {
                (cx.has_text_selection || cx.has_passage) && usize::from(n) < cx.recent_tags
            }
            Self::NextPassage | Self::PreviousPassage => cx.has_document,
            Self::EditNote | Self::DeletePassage => cx.has_passage,
            Self::ClearSelection => cx.has_passage || cx.has_text_selection,
            Self::DeleteTag | Self::NewSubTag => cx.has_tag,
            _ => true,
        }
    }

    /// Whether the command's shortcuts also fire while a text field has focus. Single-key
    /// shortcuts never do; neither do undo and redo, which then belong to the text field.
    pub fn fires_in_text_field(self) -> bool {
        !matches!(self, Self::Undo | Self::Redo)
            && self
                .shortcuts()
                .iter()
                .all(|s| !is_single_key(s) && s.logical_key != Key::Delete)
    }

    /// The first shortcut as this platform writes it ("Ctrl+Z"; "⌘Z" on macOS), for hints and
    /// messages; `None` for a command without one.
    pub fn key_text(self) -> Option<String> {
        self.shortcuts().first().map(shortcut_text)
    }

    /// The first shortcut's text, or the command's label in quotes when it has none: what a
    /// hint tells the user to press or choose.
    pub fn key_or_label(self) -> String {
        self.key_text()
            .unwrap_or_else(|| format!("“{}”", self.label()))
    }

    /// The commands shown in one menu, in order.
    pub fn in_menu(menu: Menu) -> impl Iterator<Item = Self> {
        Self::ALL.iter().copied().filter(move |c| c.menu() == menu)
    }
}

/// A shortcut as this platform writes it: "Ctrl+Shift+E" on Linux and Windows, "⇧⌘E" on macOS
/// (as egui's own menus show it).
pub fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    let mac = cfg!(target_os = "macos");
    let names = if mac {
        ModifierNames::SYMBOLS
    } else {
        ModifierNames::NAMES
    };
    shortcut.format(&names, mac)
}

/// A shortcut without Ctrl/Cmd or Alt: a bare key such as `T`, `1` or `Delete`.
pub fn is_single_key(shortcut: &KeyboardShortcut) -> bool {
    let m = shortcut.modifiers;
    !m.ctrl && !m.command && !m.mac_cmd && !m.alt
}

/// Every (shortcut, command) pair, the ones with more modifiers first so that Ctrl+Shift+Z is
/// tried before Ctrl+Z.
pub fn shortcut_table() -> Vec<(KeyboardShortcut, Command)> {
    let mut out: Vec<(KeyboardShortcut, Command)> = Command::ALL
        .iter()
        .flat_map(|c| c.shortcuts().into_iter().map(move |s| (s, *c)))
        .collect();
    let weight = |s: &KeyboardShortcut| {
        let m = s.modifiers;
        usize::from(m.shift) + usize::from(m.alt) + usize::from(m.command || m.ctrl)
    };
    out.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s)));
    out
}

/// Two shortcuts that a single key press could both match.
fn same_key(a: &KeyboardShortcut, b: &KeyboardShortcut) -> bool {
    a.logical_key == b.logical_key
        && a.modifiers.alt == b.modifiers.alt
        && a.modifiers.shift == b.modifiers.shift
        && (a.modifiers.command || a.modifiers.ctrl || a.modifiers.mac_cmd)
            == (b.modifiers.command || b.modifiers.ctrl || b.modifiers.mac_cmd)
}

/// Every pair of commands that share a shortcut, and every command that takes a reader key.
/// Empty when the table is sound.
pub fn shortcut_clashes() -> Vec<String> {
    let table = shortcut_table();
    let mut clashes = Vec::new();
    for (i, (a, ca)) in table.iter().enumerate() {
        for (b, cb) in table.iter().skip(i + 1) {
            if same_key(a, b) {
                clashes.push(format!(
                    "{ca:?} and {cb:?} share {}",
                    a.format(&egui::ModifierNames::NAMES, false)
                ));
            }
        }
        for r in reader_keys() {
            if same_key(a, r) {
                clashes.push(format!(
                    "{ca:?} takes {}, which the reader needs",
                    a.format(&egui::ModifierNames::NAMES, false)
                ));
            }
        }
    }
    clashes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader's one table: every reserved shortcut is the row's shown keys (its key and
    /// exactly its modifiers), no shortcut is reserved twice, and every row the help shows is
    /// either reserved or a Shift/Ctrl variant of a reserved row.
    #[test]
    fn reader_keys_come_from_the_reader_table() {
        fn shown(key: Key) -> &'static str {
            match key {
                Key::ArrowLeft => "←",
                Key::ArrowRight => "→",
                Key::ArrowUp => "↑",
                Key::ArrowDown => "↓",
                Key::PageUp => "Page Up",
                Key::PageDown => "Page Down",
                other => other.name(),
            }
        }
        let mut seen: Vec<KeyboardShortcut> = Vec::new();
        for row in crate::ui::reader::KEYS {
            assert!(!row.on.is_empty(), "{row:?} does nothing");
            // "Shift extends" and "with Ctrl: by a word" rows take the key with or without them.
            let shift_extends = row.what.contains("Shift extends");
            let ctrl_words = row.what.contains("with Ctrl");
            for s in row.on {
                assert!(row.keys.contains(shown(s.logical_key)), "{row:?}");
                if !ctrl_words {
                    assert_eq!(row.keys.contains("Ctrl+"), s.modifiers.command, "{row:?}");
                }
                assert_eq!(row.keys.contains("Alt+"), s.modifiers.alt, "{row:?}");
                if !shift_extends {
                    assert_eq!(row.keys.contains("Shift+"), s.modifiers.shift, "{row:?}");
                }
                assert!(!seen.contains(s), "{row:?}: a key press does two things");
                assert_eq!(
                    crate::ui::reader::reader_act(s.logical_key, s.modifiers),
                    Some(row.act),
                    "{s:?} is handled as its row says"
                );
                seen.push(*s);
            }
        }
        assert_eq!(reader_keys().count(), seen.len());
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let clashes = shortcut_clashes();
        assert!(clashes.is_empty(), "shortcut clashes: {clashes:#?}");
    }

    #[test]
    fn the_clash_check_notices_a_clash() {
        let a = key(CMD, Key::Z);
        let b = key(Modifiers::CTRL, Key::Z);
        assert!(same_key(&a, &b));
        assert!(!same_key(&a, &key(CMD_SHIFT, Key::Z)));
    }

    #[test]
    fn more_specific_shortcuts_come_first() {
        let table = shortcut_table();
        let pos = |s: KeyboardShortcut| table.iter().position(|(t, _)| *t == s);
        assert!(pos(key(CMD_SHIFT, Key::Z)) < pos(key(CMD, Key::Z)));
        assert!(pos(key(CMD_SHIFT, Key::S)) < pos(key(CMD, Key::S)));
    }

    #[test]
    fn the_issue_shortcuts_are_bound() {
        let has = |c: Command, s: KeyboardShortcut| c.shortcuts().contains(&s);
        assert!(has(Command::Undo, key(CMD, Key::Z)));
        assert!(has(Command::Redo, key(CMD_SHIFT, Key::Z)));
        assert!(has(Command::Redo, key(CMD, Key::Y)));
        assert!(has(Command::SaveProject, key(CMD, Key::S)));
        assert!(has(Command::CommandPalette, key(CMD, Key::K)));
        assert!(has(Command::CommandPalette, key(CMD_SHIFT, Key::P)));
        for n in 0..9u8 {
            assert_eq!(Command::ApplyRecentTag(n).shortcuts().len(), 1);
        }
        assert!(has(Command::LinkActor, key(NONE, Key::A)));
        assert!(has(Command::LinkEvent, key(NONE, Key::E)));
    }

    #[test]
    fn single_keys_never_fire_in_text_fields() {
        for c in Command::ALL {
            if c.shortcuts().iter().any(is_single_key) {
                assert!(!c.fires_in_text_field(), "{c:?}");
            }
        }
        assert!(Command::SaveProject.fires_in_text_field());
        assert!(!Command::Undo.fires_in_text_field());
    }

    #[test]
    fn every_command_has_a_menu_and_label() {
        for c in Command::ALL {
            assert!(!c.label().is_empty());
            assert!(!c.tooltip().is_empty());
            assert!(Command::in_menu(c.menu()).any(|m| m == *c));
        }
    }

    /// How many variants `enum Command` has, counted in this file's source: the lines of its body
    /// that start, four spaces in, with a capital letter (doc comments start with `/`).
    fn variants_in_source() -> usize {
        let source = include_str!("command.rs");
        let body = source
            .split("pub enum Command {")
            .nth(1)
            .and_then(|rest| rest.split("\n}").next())
            .unwrap_or_default();
        body.lines()
            .filter_map(|l| l.strip_prefix("    "))
            .filter(|t| t.starts_with(|c: char| c.is_ascii_uppercase()))
            .count()
    }

    #[test]
    fn command_all_lists_every_variant_every_view_and_every_recent_tag() {
        let kinds: std::collections::HashSet<_> =
            Command::ALL.iter().map(std::mem::discriminant).collect();
        assert_eq!(
            kinds.len(),
            variants_in_source(),
            "a variant of Command is missing from Command::ALL"
        );
        for view in CentreView::ALL {
            assert!(
                Command::ALL.contains(&Command::Show(view)),
                "{view:?} has no command"
            );
        }
        for n in 0..9u8 {
            assert!(Command::ALL.contains(&Command::ApplyRecentTag(n)));
        }
        let unique: std::collections::HashSet<_> = Command::ALL.iter().collect();
        assert_eq!(
            unique.len(),
            Command::ALL.len(),
            "Command::ALL lists one twice"
        );
    }

    #[test]
    fn shortcut_text_is_the_platforms() {
        let text = Command::Undo.key_text();
        if cfg!(target_os = "macos") {
            assert_eq!(text.as_deref(), Some("⌘Z"));
        } else {
            assert_eq!(text.as_deref(), Some("Ctrl+Z"));
            assert_eq!(
                Command::Show(CentreView::Excerpts).key_text().as_deref(),
                Some("Ctrl+Shift+E")
            );
        }
        assert_eq!(Command::OpenExample.key_text(), None);
    }

    #[test]
    fn enabled_when_follows_the_context() {
        let mut cx = CommandContext::default();
        assert!(!Command::TagPalette.enabled(&cx));
        assert!(!Command::Undo.enabled(&cx));
        cx.has_text_selection = true;
        assert!(Command::TagPalette.enabled(&cx));
        assert!(!Command::ApplyRecentTag(0).enabled(&cx));
        cx.recent_tags = 1;
        assert!(Command::ApplyRecentTag(0).enabled(&cx));
        assert!(!Command::ApplyRecentTag(1).enabled(&cx));
    }
}
