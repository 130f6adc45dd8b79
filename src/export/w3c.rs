//! The W3C Web Annotation export: one annotation per selected passage, as JSON-LD.
//!
//! The file is one `AnnotationCollection` (Web Annotation Data Model §5) whose `first` page embeds
//! every annotation (`first.items`; a tool that wants a plain array takes that member). Without
//! passages, `total` is 0 and there is no page.
//!
//! ```json
//! {
//!   "@context": ["http://www.w3.org/ns/anno.jsonld", {"dossier": "urn:dossier:vocab:"}],
//!   "id": "urn:dossier:export:0f3c…", "type": "AnnotationCollection",
//!   "label": "Ceasefire talks, 2025", "total": 1,
//!   "first": { "id": "urn:dossier:export:0f3c…:page:0", "type": "AnnotationPage", "startIndex": 0,
//!     "items": [{
//!       "id": "urn:dossier:passage:p2w6h4ya9c0vm", "type": "Annotation",
//!       "created": "2025-08-06T14:03:00Z", "modified": "2025-08-06T14:05:10Z",
//!       "body": [
//!         {"type": "TextualBody", "purpose": "tagging", "value": "Claim/Quote"},
//!         {"type": "SpecificResource", "purpose": "identifying",
//!          "source": {"id": "urn:dossier:actor:a3xq81vn…", "label": "Vladimir Putin"},
//!          "dossier:role": "speaker"},
//!         {"type": "SpecificResource", "purpose": "linking",
//!          "source": {"id": "urn:dossier:event:e9d0c2rt…", "label": "Witkoff meets Putin"},
//!          "dossier:role": "reports"},
//!         {"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": "…"}
//!       ],
//!       "target": {
//!         "source": "urn:dossier:doc:d5m1z8kp3q2rt",
//!         "selector": [
//!           {"type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…"},
//!           {"type": "TextPositionSelector", "start": 412, "end": 530}
//!         ]
//!       }
//!     }]
//!   }
//! }
//! ```
//!
//! - `target.source` is the article's address when it has an http(s) one, otherwise the URN
//!   `urn:dossier:doc:<document id>`. Either way the selectors count in the article text as
//!   Dossier holds it (`\n` line ends, no BOM); on a live web page the TextQuoteSelector is the one
//!   to trust, as its text may differ around the quote.
//! - The two selectors are alternatives for the same span: TextQuoteSelector (`exact` is the
//!   passage's quote; `prefix`/`suffix` up to 32 chars of context, left out when empty) and
//!   TextPositionSelector (`start`/`end` in Unicode code points, zero-based, end exclusive — the
//!   unit Dossier itself uses).
//! - Bodies: each tag as a `TextualBody` with purpose `tagging` and its path as value; each actor
//!   link as a `SpecificResource` with purpose `identifying` whose source is
//!   `urn:dossier:actor:<id>` labelled with the actor's name; each event link likewise with
//!   purpose `linking` and `urn:dossier:event:<id>`; the note as a `TextualBody` with purpose
//!   `commenting`; each stance on a claim as a `SpecificResource` with purpose `assessing` whose
//!   source is `urn:dossier:claim:<id>` labelled with the claim's statement, the stance
//!   (`supports | disputes | qualifies`) as `dossier:role`; a credibility grade other than 6 as a
//!   `TextualBody` with purpose `assessing` (`credibility 2: probably true`). The link's role (speaker, subject… / reports, claims…) is `dossier:role`, a
//!   term the second context entry defines. A passage without tags, links or note has no body
//!   and the motivation `highlighting`.
//! - `creator` is the analyst who made or last changed the passage (`{"type": "Person", "name":
//!   …}`), left out when unknown.
//! - `created`/`modified` are the passage's own times, left out when unknown; nothing in the file
//!   depends on when it was exported. The collection id is derived from the project title and the
//!   selected passage ids, so the same selection always gets the same id.

use serde::Serialize;

use super::cite::{self, Excerpt};
use super::query::ExcerptQuery;
use crate::model::{Document, Project, Timestamp};

/// The Web Annotation JSON-LD context.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The IRI prefix of Dossier's own terms (`dossier:role`).
pub const VOCAB: &str = "urn:dossier:vocab:";

#[derive(Serialize)]
struct Collection<'p> {
    #[serde(rename = "@context")]
    context: (&'static str, Vocab),
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'p str,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<'p>>,
}

#[derive(Serialize)]
struct Vocab {
    dossier: &'static str,
}

#[derive(Serialize)]
struct Page<'p> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'p>>,
}

#[derive(Serialize)]
struct Annotation<'p> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    motivation: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator<'p>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<Body<'p>>,
    target: Target<'p>,
}

/// The analyst who made or last changed a passage (a W3C `Agent`).
#[derive(Serialize)]
struct Creator<'p> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'p str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'p> {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<&'static str>,
        value: String,
    },
    Resource {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        source: Labelled<'p>,
        #[serde(rename = "dossier:role")]
        role: &'static str,
    },
}

#[derive(Serialize)]
struct Labelled<'p> {
    id: String,
    label: &'p str,
}

#[derive(Serialize)]
struct Target<'p> {
    source: String,
    selector: (QuoteSelector<'p>, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector<'p> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'p str,
    #[serde(skip_serializing_if = "str::is_empty")]
    prefix: &'p str,
    #[serde(skip_serializing_if = "str::is_empty")]
    suffix: &'p str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

/// The W3C Web Annotation export of what `query` selects from `project`: pretty-printed JSON-LD,
/// UTF-8, ending in a newline. The shape is described in this module's documentation.
pub fn to_w3c_string(project: &Project, query: &ExcerptQuery) -> Result<String, serde_json::Error> {
    let selection = query.run(project);
    let excerpts = cite::resolve(project, &selection);
    let id = collection_id(project, &excerpts);
    let items: Vec<Annotation<'_>> = excerpts.iter().map(|e| annotation(project, e)).collect();
    let collection = Collection {
        context: (ANNO_CONTEXT, Vocab { dossier: VOCAB }),
        id: id.clone(),
        kind: "AnnotationCollection",
        label: &project.title,
        total: items.len(),
        first: (!items.is_empty()).then(|| Page {
            id: format!("{id}:page:0"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        }),
    };
    let mut out = serde_json::to_string_pretty(&collection)?;
    out.push('\n');
    Ok(out)
}

/// `urn:dossier:export:` and 16 hex digits of a hash of the title and the passage ids.
fn collection_id(project: &Project, excerpts: &[Excerpt<'_>]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(project.title.as_bytes());
    for e in excerpts {
        hasher.update(b"\n");
        hasher.update(e.passage.id.to_string().as_bytes());
    }
    let hex = hasher.finalize().to_hex();
    format!("urn:dossier:export:{}", &hex.as_str()[..16])
}

/// What `target.source` is for a document: its http(s) address, or its URN.
pub fn target_source(doc: &Document) -> String {
    let url = doc.url.trim();
    let lower = url.to_ascii_lowercase();
    if (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.contains(char::is_whitespace)
    {
        url.to_owned()
    } else {
        format!("urn:dossier:doc:{}", doc.id)
    }
}

fn annotation<'p>(project: &'p Project, e: &Excerpt<'p>) -> Annotation<'p> {
    let p = e.passage;
    let mut body: Vec<Body<'p>> = e
        .tags
        .iter()
        .map(|(path, _)| Body::Text {
            kind: "TextualBody",
            purpose: "tagging",
            format: None,
            value: path.clone(),
        })
        .collect();
    body.extend(e.actors.iter().map(|(actor, role)| Body::Resource {
        kind: "SpecificResource",
        purpose: "identifying",
        source: Labelled {
            id: format!("urn:dossier:actor:{}", actor.id),
            label: &actor.name,
        },
        role: role.as_str(),
    }));
    body.extend(e.events.iter().map(|(event, role)| Body::Resource {
        kind: "SpecificResource",
        purpose: "linking",
        source: Labelled {
            id: format!("urn:dossier:event:{}", event.id),
            label: &event.title,
        },
        role: role.as_str(),
    }));
    let evidence = project.evidence();
    body.extend(
        (evidence.stances_of(p.id).into_iter())
            .filter_map(|(c, stance)| Some((evidence.claim(c)?, stance)))
            .map(|(claim, stance)| Body::Resource {
                kind: "SpecificResource",
                purpose: "assessing",
                source: Labelled {
                    id: format!("urn:dossier:claim:{}", claim.id),
                    label: &claim.statement,
                },
                role: stance.as_str(),
            }),
    );
    let credibility = evidence.credibility(p.id);
    if credibility != crate::model::Credibility::default() {
        body.push(Body::Text {
            kind: "TextualBody",
            purpose: "assessing",
            format: Some("text/plain"),
            value: format!("credibility {credibility}: {}", credibility.label()),
        });
    }
    if !p.note.trim().is_empty() {
        body.push(Body::Text {
            kind: "TextualBody",
            purpose: "commenting",
            format: Some("text/plain"),
            value: p.note.clone(),
        });
    }
    let time = |t: Timestamp| (t.0 != 0).then(|| t.to_string());
    Annotation {
        id: format!("urn:dossier:passage:{}", p.id),
        kind: "Annotation",
        motivation: body.is_empty().then_some("highlighting"),
        created: time(p.created),
        modified: time(p.edited),
        creator: (!p.author.trim().is_empty()).then_some(Creator {
            kind: "Person",
            name: &p.author,
        }),
        body,
        target: Target {
            source: target_source(e.doc),
            selector: (
                QuoteSelector {
                    kind: "TextQuoteSelector",
                    exact: &p.quote,
                    prefix: &p.prefix,
                    suffix: &p.suffix,
                },
                PositionSelector {
                    kind: "TextPositionSelector",
                    start: p.start,
                    end: p.end,
                },
            ),
        },
    }
}
