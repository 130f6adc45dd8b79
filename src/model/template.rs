//! The brief template a project remembers: how the briefs (Markdown, HTML, DOCX, PDF) group
//! their excerpts, which parts they leave out, and whose inter-coder agreement they append.
//!
//! It is part of the project (the file's `brief` field, absent while it is the default) so that
//! the window's Export dialog and `dossier export` make the same brief of a project without being
//! told again. The default template is the brief as it always was: grouped by tag, every part
//! included, no agreement appendix. Parts are listed by what is *left out* (`omit`), so a part
//! added later is included in every template saved before it existed.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::project::Problem;

/// How the briefs group excerpts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum GroupBy {
    /// One section per tag.
    #[default]
    Tag,
    /// One section per actor.
    Actor,
    /// One section per event.
    Event,
    /// One section per article.
    Doc,
}

impl GroupBy {
    /// Every grouping, in the order help texts list them.
    pub const ALL: [Self; 4] = [Self::Tag, Self::Actor, Self::Event, Self::Doc];

    /// The name used on the command line (`--group-by actor`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Tag => "tag",
            Self::Actor => "actor",
            Self::Event => "event",
            Self::Doc => "doc",
        }
    }

    /// The word for one group, for summaries ("grouped by article").
    pub fn noun(self) -> &'static str {
        match self {
            Self::Tag => "tag",
            Self::Actor => "actor",
            Self::Event => "event",
            Self::Doc => "article",
        }
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for GroupBy {
    type Err = UnknownGrouping;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Self::ALL
            .into_iter()
            .find(|g| g.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownGrouping {
                name: wanted.chars().take(40).collect(),
            })
    }
}

/// A grouping name that is not one of [`GroupBy::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is not a grouping; group by one of: {known}", known = GroupBy::ALL.map(GroupBy::name).join(", "))]
pub struct UnknownGrouping {
    /// What was asked for.
    pub name: String,
}

/// The two analysts whose inter-coder agreement a brief's appendix reports (by the `author`
/// recorded on their passages).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AgreementCoders {
    /// The first analyst's name, as on their passages.
    pub a: String,
    /// The second analyst's name.
    pub b: String,
}

impl FromStr for AgreementCoders {
    type Err = String;

    /// "A,B": two analyst names separated by a comma.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.split_once(',') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(',') => {
                Ok(AgreementCoders {
                    a: a.trim().to_owned(),
                    b: b.trim().to_owned(),
                })
            }
            _ => Err(format!(
                "expected two analyst names separated by a comma (A,B), got \"{text}\""
            )),
        }
    }
}

/// A part of a brief that a template can leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Part {
    /// The project's description under the title.
    Description,
    /// The analyst's note under each excerpt.
    Notes,
    /// The claims each excerpt takes a stance on and its grade (on the excerpt's line of links),
    /// and the "Source grades" table.
    Claims,
    /// The "Contested claims" section or table.
    Contested,
    /// The hypotheses' ranking and the ACH matrix.
    Ach,
    /// The event cards table.
    EventCards,
}

impl Part {
    /// Every part, in the order a brief shows them.
    pub const ALL: [Self; 6] = [
        Self::Description,
        Self::Notes,
        Self::Claims,
        Self::Contested,
        Self::Ach,
        Self::EventCards,
    ];

    /// The name used on the command line (`--omit notes,claims`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Description => "description",
            Self::Notes => "notes",
            Self::Claims => "claims",
            Self::Contested => "contested",
            Self::Ach => "ach",
            Self::EventCards => "events",
        }
    }

    /// What the part is, for the window's check boxes.
    pub fn label(self) -> &'static str {
        match self {
            Self::Description => "The project's description",
            Self::Notes => "Analyst notes",
            Self::Claims => "Claims and grades of each excerpt",
            Self::Contested => "Contested claims",
            Self::Ach => "ACH ranking and matrix",
            Self::EventCards => "Event cards",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Part {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                format!(
                    "{:?} is not a part of a brief; the parts are: {}",
                    wanted.chars().take(40).collect::<String>(),
                    Self::ALL.map(Part::name).join(", ")
                )
            })
    }
}

/// How a project's briefs are made: grouping, parts left out, agreement appendix.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BriefTemplate {
    /// How excerpts are grouped.
    #[serde(skip_serializing_if = "is_default_grouping")]
    pub group_by: GroupBy,
    /// The parts left out, sorted, each once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub omit: Vec<Part>,
    /// Append the inter-coder agreement of these two analysts (every brief).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementCoders>,
}

fn is_default_grouping(by: &GroupBy) -> bool {
    *by == GroupBy::default()
}

impl BriefTemplate {
    /// Whether this is the default template (the file then leaves it out).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Whether the briefs show `part`.
    pub fn includes(&self, part: Part) -> bool {
        !self.omit.contains(&part)
    }

    /// Shows or leaves out `part`, keeping `omit` sorted.
    pub fn set_included(&mut self, part: Part, included: bool) {
        self.omit.retain(|p| *p != part);
        if !included {
            self.omit.push(part);
            self.omit.sort_unstable();
        }
    }

    /// The template in canonical form: `omit` sorted without repeats, coder names trimmed.
    pub fn normalize(&mut self) {
        self.omit.sort_unstable();
        self.omit.dedup();
        if let Some(coders) = &mut self.agreement {
            coders.a = coders.a.trim().to_owned();
            coders.b = coders.b.trim().to_owned();
        }
    }

    /// What is wrong with the template (checked on load and by the edit that sets it): the
    /// agreement appendix needs two different, named analysts.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some(coders) = &self.agreement {
            for name in [&coders.a, &coders.b] {
                if name.trim().is_empty() {
                    problems.push(Problem::EmptyName(
                        "an analyst of the brief template's agreement appendix".to_owned(),
                    ));
                }
            }
            if !coders.a.trim().is_empty() && coders.a.trim() == coders.b.trim() {
                problems.push(Problem::Contradictory(format!(
                    "the brief template's agreement appendix compares {:?} with themselves",
                    coders.a.trim()
                )));
            }
        }
        problems
    }

    /// "grouped by actor; without notes, claims; agreement of Ana and Ben", for notices.
    pub fn summary(&self) -> String {
        let mut out = format!("grouped by {}", self.group_by.noun());
        if !self.omit.is_empty() {
            let names: Vec<&str> = self.omit.iter().map(|p| p.name()).collect();
            out.push_str(&format!("; without {}", names.join(", ")));
        }
        if let Some(c) = &self.agreement {
            out.push_str(&format!("; agreement of {} and {}", c.a, c.b));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_kept_sorted_and_the_default_includes_everything() {
        let mut t = BriefTemplate::default();
        assert!(Part::ALL.into_iter().all(|p| t.includes(p)));
        t.set_included(Part::Notes, false);
        t.set_included(Part::Description, false);
        t.set_included(Part::Notes, false);
        assert_eq!(t.omit, vec![Part::Description, Part::Notes]);
        assert!(!t.includes(Part::Notes));
        t.set_included(Part::Notes, true);
        t.set_included(Part::Description, true);
        assert!(t.is_default());
    }

    #[test]
    fn names_parse_back_and_bad_coders_are_problems() {
        for p in Part::ALL {
            assert_eq!(p.name().parse::<Part>(), Ok(p));
        }
        assert!("footnotes".parse::<Part>().is_err());
        let mut t = BriefTemplate {
            agreement: Some(AgreementCoders {
                a: " Ana ".into(),
                b: "Ana".into(),
            }),
            ..BriefTemplate::default()
        };
        assert_eq!(t.problems().len(), 1);
        t.normalize();
        assert_eq!(t.agreement.as_ref().map(|c| c.a.as_str()), Some("Ana"));
        t.agreement = Some(AgreementCoders {
            a: String::new(),
            b: "Ben".into(),
        });
        assert_eq!(t.problems().len(), 1);
    }
}
