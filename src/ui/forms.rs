//! The actor and event forms as typed, and their checks (a name not taken, a date that
//! parses): plain values, drawn by `entities.rs` and held by [`super::request::Dialog`].

use crate::model::{
    Actor, ActorId, ActorKind, DateSpec, Event, EventId, EventKind, ParticipantRole, Project,
};

/// The fields of the actor form, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorForm {
    /// The actor being edited; `None` for a new one.
    pub id: Option<ActorId>,
    /// Main name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Aliases, one per line (or separated by `;`).
    pub aliases: String,
    /// Description.
    pub description: String,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

impl ActorForm {
    /// An empty form for a new actor.
    pub fn new_actor(name: &str) -> Self {
        Self {
            id: None,
            name: name.to_owned(),
            kind: ActorKind::Person,
            aliases: String::new(),
            description: String::new(),
            error: None,
        }
    }

    /// A form filled with an existing actor.
    pub fn edit(actor: &Actor) -> Self {
        Self {
            id: Some(actor.id),
            name: actor.name.clone(),
            kind: actor.kind,
            aliases: actor.aliases.join("\n"),
            description: actor.description.clone(),
            error: None,
        }
    }

    /// The actor the form describes, or why it cannot be saved (an empty name, a name another
    /// actor already has).
    pub fn to_actor(&self, project: &Project) -> Result<Actor, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("The name cannot be empty.".to_owned());
        }
        if let Some(other) = project.actor_by_name(name)
            && Some(other.id) != self.id
        {
            return Err(format!("Another actor is already called “{}”.", other.name));
        }
        let mut aliases: Vec<String> = Vec::new();
        for alias in self.aliases.split(['\n', ';']) {
            let alias = alias.trim();
            if alias.is_empty()
                || alias.eq_ignore_ascii_case(name)
                || aliases
                    .iter()
                    .any(|a| a.to_lowercase() == alias.to_lowercase())
            {
                continue;
            }
            aliases.push(alias.to_owned());
        }
        Ok(Actor {
            author: String::new(),
            id: self.id.unwrap_or_else(ActorId::random),
            name: name.to_owned(),
            kind: self.kind,
            aliases,
            description: self.description.trim().to_owned(),
        })
    }
}

/// The fields of the event form, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventForm {
    /// The event being edited; `None` for a new one.
    pub id: Option<EventId>,
    /// Title.
    pub title: String,
    /// The date as typed: `2025-08-06`, `2025-08`, `2025~`, `2025-08-01/2025-08-15`.
    pub date: String,
    /// Place.
    pub place: String,
    /// Kind.
    pub kind: EventKind,
    /// Participants and their roles.
    pub participants: Vec<(ActorId, ParticipantRole)>,
    /// Description.
    pub description: String,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

impl EventForm {
    /// An empty form for a new event.
    pub fn new_event(title: &str) -> Self {
        Self {
            id: None,
            title: title.to_owned(),
            date: String::new(),
            place: String::new(),
            kind: EventKind::Other,
            participants: Vec::new(),
            description: String::new(),
            error: None,
        }
    }

    /// A form filled with an existing event.
    pub fn edit(event: &Event) -> Self {
        Self {
            id: Some(event.id),
            title: event.title.clone(),
            date: event.date.map(|d| d.to_string()).unwrap_or_default(),
            place: event.place.clone(),
            kind: event.kind,
            participants: event.participants.clone(),
            description: event.description.clone(),
            error: None,
        }
    }

    /// The typed date: `Ok(None)` when empty, else the parsed date or why it does not parse.
    pub fn parsed_date(&self) -> Result<Option<DateSpec>, String> {
        let text = self.date.trim();
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<DateSpec>()
            .map(Some)
            .map_err(|e| format!("{e}. A range is FROM/TO, as in 2025-08-01/2025-08-15."))
    }

    /// The event the form describes, or why it cannot be saved.
    pub fn to_event(&self, project: &Project) -> Result<Event, String> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("The title cannot be empty.".to_owned());
        }
        let date = self.parsed_date()?;
        let mut participants: Vec<(ActorId, ParticipantRole)> = self
            .participants
            .iter()
            .copied()
            .filter(|(a, _)| project.actor(*a).is_some())
            .collect();
        participants.sort();
        participants.dedup();
        Ok(Event {
            author: String::new(),
            id: self.id.unwrap_or_else(EventId::random),
            title: title.to_owned(),
            date,
            place: self.place.trim().to_owned(),
            kind: self.kind,
            participants,
            description: self.description.trim().to_owned(),
        })
    }
}
