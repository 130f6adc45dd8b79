//! Builds the example project `saves/ceasefire-2025.ron` from the five seed articles.
//!
//! `cargo run --example build_example`
//!
//! Everything is declared below as data: the codebook, the actors, the events, the five documents
//! with their metadata, the claims with the stances passages take on them, the grades, the
//! competing hypotheses with their matrix of rated evidence, and the
//! passages, each given by its exact quote (plus which occurrence,
//! where the phrase repeats in its article). The char span of each passage is found by searching the
//! text, never counted by hand. The project is assembled through the edit API (so every item passes
//! the same validation as an analyst's edit), then written canonically.
//!
//! Ids are derived from stable keys (`tag:Claim`, `passage:000:<quote>:1`) with blake3, and every
//! timestamp is fixed, so re-running gives a byte-identical file. Any quote that is not found, that
//! is ambiguous, or any name that does not resolve stops the run with a message naming it.

use std::collections::BTreeMap;
use std::path::Path;

use dossier::edit::{AchEdit, Edit, apply};
use dossier::example::{EXAMPLE_FILE_NAME, SEEDS};
use dossier::model::{
    AchRow, Actor, ActorId, ActorKind, ActorRole, Claim, ClaimIdKind, Credibility, DateSpec, DocId,
    Document, Event, EventId, EventKind, EventRole, Grade, Hypothesis, HypothesisIdKind, Id,
    IdKind, PartialDate, ParticipantRole, Passage, PassageId, Project, Rating, Relevance,
    Reliability, Rgb, RowSource, Stance, Tag, TagId, Text, Timestamp,
};
use dossier::store;

use ActorRole::{Mentioned, Speaker, Subject, Target};
use EventRole::{Claims, Context as Ctx, Reports};
use ParticipantRole::{Initiator, Mediator, Participant, Target as Receiver};

/// What a step of the build returns: its value, or a message naming what failed.
type Result<T, E = String> = std::result::Result<T, E>;

/// A failure message, formatted.
macro_rules! anyhow {
    ($($arg:tt)*) => { format!($($arg)*) };
}

/// Stops the build with a message.
macro_rules! bail {
    ($($arg:tt)*) => { return Err(format!($($arg)*)) };
}

/// Stops the build with a message unless the condition holds.
macro_rules! ensure {
    ($cond:expr, $($arg:tt)*) => {
        if !$cond {
            bail!($($arg)*);
        }
    };
}

/// Says what was being done when a step failed.
trait Context<T> {
    /// Names the step.
    fn context(self, what: &str) -> Result<T>;
    /// Names the step, worded only on failure.
    fn with_context<S: std::fmt::Display>(self, what: impl FnOnce() -> S) -> Result<T>;
}

impl<T, E: std::fmt::Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: &str) -> Result<T> {
        self.map_err(|e| format!("{what}: {e}"))
    }
    fn with_context<S: std::fmt::Display>(self, what: impl FnOnce() -> S) -> Result<T> {
        self.map_err(|e| format!("{}: {e}", what()))
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, what: &str) -> Result<T> {
        self.ok_or_else(|| what.to_owned())
    }
    fn with_context<S: std::fmt::Display>(self, what: impl FnOnce() -> S) -> Result<T> {
        self.ok_or_else(|| what().to_string())
    }
}

/// The moment every item of the example was "made".
const MADE: &str = "2025-11-01T00:00:00Z";
/// The project's title.
const TITLE: &str = "Ceasefire talks, 2025";

/// A deterministic id: the first 8 bytes of blake3 of a stable key.
fn id<K: IdKind>(key: &str) -> Id<K> {
    let hash = blake3::hash(key.as_bytes());
    let mut raw = [0u8; 8];
    raw.copy_from_slice(&hash.as_bytes()[..8]);
    Id::from_raw(u64::from_le_bytes(raw))
}

// ----- the codebook -----

/// (name, parent, colour, description). Parents come before their children.
const TAGS: &[(&str, Option<&str>, &str, &str)] = &[
    (
        "Claim",
        None,
        "#dd7300",
        "A statement of fact, intent or position attributed to someone. Tag the whole statement, \
         with the speaker linked as Speaker.",
    ),
    (
        "Quote",
        Some("Claim"),
        "#976a03",
        "The speaker's own words, inside quotation marks in the text. Often nested inside a longer \
         Claim passage.",
    ),
    (
        "Assessment",
        Some("Claim"),
        "#c37f60",
        "An evaluation of how things stand: progress, sincerity, the chances of a deal.",
    ),
    (
        "Demand",
        None,
        "#d34a9a",
        "Terms or conditions a party sets for peace or for a deal, or a call on others to act.",
    ),
    (
        "Threat",
        None,
        "#ff4f5f",
        "A warning of harm or penalty unless the other side complies: ultimatums, deadlines.",
    ),
    (
        "Concession",
        None,
        "#00a349",
        "Something given up or accepted to move talks forward, or signalled as negotiable.",
    ),
    (
        "Diplomacy",
        None,
        "#0080e8",
        "Meetings, calls, envoys and rounds of talks.",
    ),
    (
        "Ceasefire",
        Some("Diplomacy"),
        "#009db0",
        "Proposals for a ceasefire or truce, their terms, acceptance or rejection.",
    ),
    (
        "Sanctions",
        None,
        "#5355ff",
        "Sanctions, tariffs and other economic penalties, threatened or imposed.",
    ),
    (
        "Military action",
        None,
        "#746b46",
        "Use, build-up or deployment of armed force.",
    ),
    (
        "Strike",
        Some("Military action"),
        "#b9462a",
        "An attack on a named place or target.",
    ),
    (
        "Nuclear posture",
        Some("Military action"),
        "#964bb7",
        "Nuclear weapons, their carriers and their deployment.",
    ),
    (
        "Casualties",
        None,
        "#b0485c",
        "Deaths and injuries. Select the figure as the text gives it; note who gives it.",
    ),
    (
        "Aid",
        None,
        "#009472",
        "Military, financial or political support to a party, including arms sales.",
    ),
    (
        "Hedging",
        None,
        "#a18992",
        "Vague, unconfirmed or unattributed statements; what the text leaves open.",
    ),
    (
        "Anonymous source",
        Some("Hedging"),
        "#5c74a6",
        "Attributed to an unnamed official, \"officials\" or \"media reports\".",
    ),
    (
        "Source disagreement",
        None,
        "#8e9500",
        "Two texts give different facts about the same thing. Tag the passage on each side, link \
         both to the same event and say in the note what the other text says.",
    ),
    (
        "Background",
        None,
        "#4d7723",
        "Context the article recalls (earlier events, biography), not news of the day.",
    ),
];

// ----- actors -----

/// (name, kind, aliases, description).
const ACTORS: &[(&str, ActorKind, &[&str], &str)] = &[
    (
        "Donald Trump",
        ActorKind::Person,
        &["Trump"],
        "President of the United States (from January 2025).",
    ),
    (
        "Vladimir Putin",
        ActorKind::Person,
        &["Putin"],
        "President of Russia.",
    ),
    (
        "Steve Witkoff",
        ActorKind::Person,
        &["Witkoff", "Steven Witkoff"],
        "Trump's special envoy; a real-estate billionaire with no diplomatic experience before \
         January 2025 (000). 004 spells him Steven.",
    ),
    (
        "Volodymyr Zelenskyy",
        ActorKind::Person,
        &["Zelenskyy", "Zelensky", "Volodymyr Zelensky"],
        "President of Ukraine. Spelled Zelenskyy in 000 and 004, Zelensky in 001 and 002.",
    ),
    (
        "Yuri Ushakov",
        ActorKind::Person,
        &["Ushakov"],
        "Kremlin foreign-policy aide (000).",
    ),
    (
        "Kirill Dmitriev",
        ActorKind::Person,
        &["Dmitriev"],
        "Russian presidential special representative; greeted Witkoff in Moscow (000).",
    ),
    (
        "Marco Rubio",
        ActorKind::Person,
        &["Rubio"],
        "US secretary of state.",
    ),
    (
        "Mike Waltz",
        ActorKind::Person,
        &["Waltz"],
        "US national security adviser (in March 2025).",
    ),
    (
        "Emmanuel Macron",
        ActorKind::Person,
        &["Macron"],
        "President of France.",
    ),
    (
        "Keir Starmer",
        ActorKind::Person,
        &["Starmer"],
        "Prime Minister of the United Kingdom.",
    ),
    (
        "Dmitry Medvedev",
        ActorKind::Person,
        &["Medvedev"],
        "Former Russian president; his online exchange with Trump preceded the submarine \
         deployment (002).",
    ),
    (
        "Ivan Fedorov",
        ActorKind::Person,
        &["Fedorov"],
        "Governor of Ukraine's Zaporizhzhia region; the named source for the casualty figures in \
         000.",
    ),
    (
        "Kremlin",
        ActorKind::Organisation,
        &[],
        "The Russian presidency and its spokespeople. Link it where a text speaks for \"the \
         Kremlin\" rather than for Putin or for Russia as a state.",
    ),
    (
        "Russia",
        ActorKind::State,
        &["Moscow", "Russian Federation"],
        "The Russian state. \"Moscow\" is an alias because the texts mostly use it for the \
         state (\"Moscow has demanded…\"); where it means the city (\"in Moscow\") it is a place, \
         not this actor.",
    ),
    (
        "Ukraine",
        ActorKind::State,
        &["Kyiv"],
        "The Ukrainian state. \"Kyiv\" is an alias for the state (\"Kyiv is calling for…\"); \
         001 also uses it for the city.",
    ),
    (
        "United States",
        ActorKind::State,
        &["US", "U.S.", "Washington"],
        "The US state. \"Washington\" is an alias where it means the state; the presidency and \
         its officials are the separate actor White House, as Kremlin is for Russia.",
    ),
    (
        "White House",
        ActorKind::Organisation,
        &["Trump administration", "US administration"],
        "The US presidency and its officials (kept apart from the United States, as the Kremlin is \
         from Russia). In 004, \"a critical meeting in the White House\" names the building, not \
         this actor.",
    ),
    (
        "G7",
        ActorKind::Group,
        &[],
        "The Group of Seven; its joint statement of 14 March 2025 is in 003.",
    ),
    (
        "European allies",
        ActorKind::Group,
        &["European leaders", "Europe"],
        "Ukraine's and the US's European partners as the texts name them collectively; France, \
         Britain, Norway and Finland are named in 004.",
    ),
    (
        "NATO",
        ActorKind::Organisation,
        &[],
        "The North Atlantic alliance. Russia demands that Ukraine renounce membership (000); Waltz \
         plays its likelihood down (004).",
    ),
    (
        "India",
        ActorKind::State,
        &[],
        "Buyer of Russian oil; target of the extra 25% US tariff (000).",
    ),
    (
        "China",
        ActorKind::State,
        &[],
        "Named with India as a major trading partner of Russia (002).",
    ),
    (
        "Associated Press",
        ActorKind::Media,
        &[],
        "News agency; carried the unnamed White House official's account in 000.",
    ),
    (
        "CNN",
        ActorKind::Media,
        &[],
        "US broadcaster; Witkoff's Sunday interview (003).",
    ),
    (
        "CBS",
        ActorKind::Media,
        &[],
        "US broadcaster; Witkoff also spoke to it (003).",
    ),
];

// ----- events -----

/// One event: a stable key (for ids and for passages to refer to), then its fields.
struct EventSpec {
    key: &'static str,
    title: &'static str,
    date: &'static str,
    place: &'static str,
    kind: EventKind,
    participants: &'static [(&'static str, ParticipantRole)],
    description: &'static str,
}

const EVENTS: &[EventSpec] = &[
    EventSpec {
        key: "moscow-aug",
        title: "Witkoff meets Putin in Moscow",
        date: "2025-08-06",
        place: "Moscow (the Kremlin)",
        kind: EventKind::Consult,
        participants: &[
            ("Steve Witkoff", Initiator),
            ("Vladimir Putin", Participant),
            ("Kirill Dmitriev", Participant),
        ],
        description: "About three hours, two days before Trump's deadline (000, 002). 001 reports \
            it while under way, at the Kremlin; 002 says the Kremlin confirmed it. Readouts differ \
            in tone: Trump \"highly productive\", Ushakov \"signals\", an unnamed White House \
            official \"gone well\".",
    },
    EventSpec {
        key: "deadline",
        title: "Trump's sanctions deadline for Russia expires",
        date: "2025-08-08",
        place: "",
        kind: EventKind::Threaten,
        participants: &[("Donald Trump", Initiator), ("Russia", Receiver)],
        description: "A ceasefire by Friday or sanctions on Russia and \"secondary\" sanctions or \
            tariffs on its trading partners. 000 calls it a 10-day deadline; 001 links to a story \
            on cutting an earlier 50-day one. Friday after the Wednesday meeting = 8 August 2025.",
    },
    EventSpec {
        key: "istanbul",
        title: "Three rounds of Russia–Ukraine talks in Istanbul",
        date: "2025-05~/2025-07~",
        place: "Istanbul, Türkiye",
        kind: EventKind::Consult,
        participants: &[("Russia", Participant), ("Ukraine", Participant)],
        description: "000, 001 and 002 all say three rounds failed to bring a ceasefire; none gives \
            their dates, so the range is approximate.",
    },
    EventSpec {
        key: "saudi",
        title: "US-led talks in Saudi Arabia",
        date: "2025-03~",
        place: "Saudi Arabia",
        kind: EventKind::Consult,
        participants: &[
            ("Mike Waltz", Initiator),
            ("Marco Rubio", Initiator),
            ("United States", Mediator),
        ],
        description: "003 names Waltz and Rubio as leads but gives no date, city or other party. \
            Dated March 2025 (approximate) because Witkoff cites them on 16 March as recent.",
    },
    EventSpec {
        key: "march-meeting",
        title: "Witkoff meets Putin (March)",
        date: "2025-03~",
        place: "",
        kind: EventKind::Consult,
        participants: &[
            ("Steve Witkoff", Initiator),
            ("Vladimir Putin", Participant),
        ],
        description: "003: a \"positive\", \"equally positive\" meeting; 004: \"discussions with \
            Putin last week\", said on Sunday 16 March. Neither text says where.",
    },
    EventSpec {
        key: "truce",
        title: "Kyiv accepts the US proposal of a 30-day ceasefire",
        date: "2025-03~",
        place: "",
        kind: EventKind::Agree,
        participants: &[
            ("Ukraine", Initiator),
            ("United States", Mediator),
            ("Russia", Receiver),
        ],
        description: "003: in the week before 16 March Kyiv \"signed up to the 30-day truce but \
            Moscow signalled reluctance\"; 004: Ukraine \"tentatively agreed\", Putin \"indicated \
            support\" but set conditions.",
    },
    EventSpec {
        key: "g7",
        title: "G7 warns Moscow of wider sanctions",
        date: "2025-03-14",
        place: "",
        kind: EventKind::Threaten,
        participants: &[
            ("G7", Initiator),
            ("United States", Initiator),
            ("Russia", Receiver),
        ],
        description: "003: \"on Friday\" before Sunday 16 March; a joint statement: expand \
            sanctions and use frozen Russian assets to support Ukraine. The text gives no place.",
    },
    EventSpec {
        key: "call-march",
        title: "Trump–Putin call expected \"this week\"",
        date: "2025-03-17/2025-03-23~",
        place: "",
        kind: EventKind::Consult,
        participants: &[
            ("Donald Trump", Participant),
            ("Vladimir Putin", Participant),
            ("Steve Witkoff", Mediator),
        ],
        description: "Announced on Sunday 16 March by a US official and by Witkoff (003, 004) for \
            the coming week. The texts do not report it as held.",
    },
    EventSpec {
        key: "regime-change",
        title: "Zelenskyy urges allies to back \"regime change\" in Moscow",
        date: "2025-07-28/2025-08-03~",
        place: "",
        kind: EventKind::Request,
        participants: &[
            ("Volodymyr Zelenskyy", Initiator),
            ("European allies", Receiver),
            ("Russia", Receiver),
        ],
        description: "\"Last week\" in 000 and 002, both of 6 August.",
    },
    EventSpec {
        key: "putin-friday",
        title: "Putin says he wants peace but his demands are unchanged",
        date: "2025-08-01~",
        place: "",
        kind: EventKind::Reject,
        participants: &[("Vladimir Putin", Initiator)],
        description: "000: \"said on Friday\" — the Friday before the Wednesday meeting.",
    },
    EventSpec {
        key: "submarines",
        title: "Trump–Medvedev exchange; two US nuclear submarines deployed",
        date: "2025-08~",
        place: "",
        kind: EventKind::Threaten,
        participants: &[
            ("Donald Trump", Initiator),
            ("Dmitry Medvedev", Receiver),
            ("Russia", Receiver),
        ],
        description: "002 says only \"recently\" (before 6 August). Trump did not say whether the \
            submarines are nuclear-powered or nuclear-armed, nor where they are.",
    },
    EventSpec {
        key: "inf",
        title: "Russia ends its moratorium on intermediate-range missile deployment",
        date: "2025-08-04",
        place: "",
        kind: EventKind::Mobilize,
        participants: &[("Russia", Initiator), ("United States", Receiver)],
        description: "002: \"on Monday\" before Wednesday 6 August. 002 frames it as a response to \
            the submarines; Russia's stated reason is US weapons positioned near its borders.",
    },
    EventSpec {
        key: "arms-sale",
        title: "US approves $200m in military sales to Ukraine",
        date: "2025-08-05~",
        place: "",
        kind: EventKind::Aid,
        participants: &[("White House", Initiator), ("Ukraine", Receiver)],
        description: "001: \"on Tuesday\", after a Zelensky–Trump phone call; dated on the \
            assumption that 001 is of Wednesday 6 August.",
    },
    EventSpec {
        key: "india-tariff",
        title: "Trump orders an extra 25% tariff on goods from India",
        date: "2025-08-06",
        place: "",
        kind: EventKind::Sanction,
        participants: &[
            ("Donald Trump", Initiator),
            ("United States", Initiator),
            ("India", Receiver),
        ],
        description: "000: an executive order \"shortly after the meeting\", for importing Russian \
            oil. 002 has only the earlier threat of \"secondary tariffs\" on China and India.",
    },
    EventSpec {
        key: "zelenskyy-trump-call",
        title: "Zelenskyy and Trump discuss Witkoff's visit, with European leaders",
        date: "2025-08-06",
        place: "",
        kind: EventKind::Consult,
        participants: &[
            ("Volodymyr Zelenskyy", Participant),
            ("Donald Trump", Participant),
            ("European allies", Participant),
        ],
        description: "000: a call on Wednesday that European leaders joined.",
    },
    EventSpec {
        key: "zaporizhzhia",
        title: "Russian strike on a holiday site in Zaporizhzhia region",
        date: "2025-08-06~",
        place: "Zaporizhzhia region, Ukraine",
        kind: EventKind::Assault,
        participants: &[("Russia", Initiator), ("Ukraine", Receiver)],
        description: "Overnight before the reports of 6 August. The sources disagree. 000, citing \
            Governor Ivan Fedorov: a \"recreational centre\", two killed and 12 injured including \
            two children, at least four strikes starting with glide bombs. 002, citing unnamed \
            \"Ukrainian officials\": \"shelling\", at least two killed and 10 wounded, at a \
            \"holiday camp\". See the passages tagged Source disagreement.",
    },
    EventSpec {
        key: "odesa",
        title: "Russian strikes on the power grid and gas facilities in Odesa region",
        date: "2025-08-06~",
        place: "Odesa region, Ukraine",
        kind: EventKind::Assault,
        participants: &[("Russia", Initiator), ("Ukraine", Receiver)],
        description: "000 only. No time is given; dated with the Zaporizhzhia strike it is \
            reported beside. The gas facilities serve LNG imports from the US and Azerbaijan.",
    },
];

// ----- documents -----

/// (seed file name, title, source, published, description of the metadata choices).
const DOCS: &[(&str, &str, &str, &str)] = &[
    (
        "000_6f2e4c93548cbb65.txt",
        "US envoy Witkoff in Russia as Trump’s Ukraine ceasefire deadline looms",
        // The outlet is not named in the text (AP is cited as a source, not as publisher).
        "",
        // "on Wednesday", the day of the Witkoff–Putin meeting: 6 August 2025.
        "2025-08-06~",
    ),
    (
        "001_3b25fec3735a5de3.txt",
        "Putin and Witkoff exchange pleasantries ahead of ceasefire talks",
        "Reuters",
        // Written while the Wednesday meeting was taking place.
        "2025-08-06~",
    ),
    (
        "002_83dee7abb9407fc5.txt",
        // The text has no headline; this is its lede, written as one.
        "Putin meets Witkoff in Moscow two days before Trump's sanctions deadline",
        "",
        "2025-08-06~",
    ),
    (
        "003_10e6e5f36490c9ea.txt",
        // The first line is a site banner carrying the date; the title is the lede.
        "Trump and Putin set to hold call on Ukraine war this week, US official says",
        "",
        "2025-03-16",
    ),
    (
        "004_b6155d914d27c2f0.txt",
        "US-Russia Negotiations Heat Up as Ceasefire Talks Continue",
        // "Related Sources: • Source 1 …" — an aggregator; the outlet is not stated.
        "",
        // Witkoff "stated on Sunday": the same Sunday, 16 March, as 003.
        "2025-03-16~",
    ),
];

// ----- passages -----

/// A passage as declared: its document (seed number), exact quote and occurrence, and what to
/// attach.
struct PassageSpec {
    doc: &'static str,
    quote: &'static str,
    /// Which occurrence of the quote (1-based). Needed only where the quote occurs more than once
    /// in its article: `PassageSpec { nth: Some(2), ..p("000", "on Friday") }`.
    nth: Option<usize>,
    tags: Vec<&'static str>,
    actors: Vec<(&'static str, ActorRole)>,
    events: Vec<(&'static str, EventRole)>,
    note: &'static str,
}

/// Starts a passage declaration: `doc` is the seed's number ("000").
fn p(doc: &'static str, quote: &'static str) -> PassageSpec {
    PassageSpec {
        doc,
        quote,
        nth: None,
        tags: Vec::new(),
        actors: Vec::new(),
        events: Vec::new(),
        note: "",
    }
}

impl PassageSpec {
    fn tags(mut self, tags: &[&'static str]) -> Self {
        self.tags.extend_from_slice(tags);
        self
    }
    fn actor(mut self, name: &'static str, role: ActorRole) -> Self {
        self.actors.push((name, role));
        self
    }
    fn event(mut self, key: &'static str, role: EventRole) -> Self {
        self.events.push((key, role));
        self
    }
    fn note(mut self, note: &'static str) -> Self {
        self.note = note;
        self
    }
}

#[rustfmt::skip]
fn passages() -> Vec<PassageSpec> {
    vec![
        // ----- 000: US envoy Witkoff in Russia as Trump’s Ukraine ceasefire deadline looms -----
        p("000", "US President Donald Trump has warned that he would impose sanctions on Russia if Moscow does not agree to a ceasefire.")
            .tags(&["Threat", "Sanctions"])
            .actor("Donald Trump", Speaker).actor("Russia", Target)
            .event("deadline", Ctx)
            .note("The standfirst frames the visit by the sanctions threat."),
        p("000", "United States President Donald Trump has said that his special envoy Steve Witkoff held a “highly productive meeting” with Russian President Vladimir Putin in Moscow")
            .tags(&["Claim", "Diplomacy"])
            .actor("Donald Trump", Speaker).actor("Steve Witkoff", Subject).actor("Vladimir Putin", Subject)
            .event("moscow-aug", Reports),
        p("000", "“highly productive meeting”")
            .tags(&["Quote", "Assessment"])
            .actor("Donald Trump", Speaker)
            .event("moscow-aug", Claims)
            .note("Trump's readout; compare Ushakov's guarded “signals” in the same article."),
        p("000", "days before the White House’s deadline for Russia to reach a peace deal with Ukraine or face punitive economic sanctions")
            .tags(&["Threat", "Sanctions"])
            .actor("White House", Subject).actor("Russia", Target)
            .event("deadline", Ctx),
        p("000", "“Great progress was made!” Trump wrote on his Truth Social platform on Wednesday, adding that he had briefed some European allies afterwards.")
            .tags(&["Assessment"])
            .actor("Donald Trump", Speaker).actor("European allies", Mentioned)
            .event("moscow-aug", Claims),
        p("000", "“Great progress was made!”")
            .tags(&["Quote"])
            .actor("Donald Trump", Speaker)
            .event("moscow-aug", Claims),
        p("000", "“Everyone agrees this War must come to a close, and we will work towards that in the days and weeks to come,” he wrote.")
            .tags(&["Quote"])
            .actor("Donald Trump", Speaker)
            .event("moscow-aug", Claims),
        p("000", "Witkoff met Putin for about three hours earlier in the day in an attempt to seek a breakthrough")
            .tags(&["Diplomacy"])
            .actor("Steve Witkoff", Subject).actor("Vladimir Putin", Subject)
            .event("moscow-aug", Reports)
            .note("The only text that gives the length of the meeting."),
        p("000", "Kremlin foreign policy aide Yuri Ushakov said the two sides had exchanged “signals” on the Ukraine issue and discussed the possibility of developing strategic cooperation between Moscow and Washington, but declined to give more details.")
            .tags(&["Claim", "Hedging"])
            .actor("Yuri Ushakov", Speaker).actor("Kremlin", Speaker).actor("Russia", Subject).actor("United States", Subject)
            .event("moscow-aug", Reports)
            .note("The Kremlin's readout: thin on Ukraine (“signals”), and it adds talk of US–Russia strategic cooperation."),
        p("000", "Russian presidential special representative Kirill Dmitriev, who earlier greeted Witkoff and walked with him in a park, posted on social media: “Dialogue will prevail.”")
            .tags(&["Claim", "Diplomacy"])
            .actor("Kirill Dmitriev", Speaker).actor("Steve Witkoff", Mentioned)
            .event("moscow-aug", Reports),
        p("000", "A White House official who spoke to the Associated Press news agency on the condition of anonymity said the meeting had gone well and that Russia was eager to continue engaging with the US.")
            .tags(&["Claim", "Anonymous source"])
            .actor("White House", Speaker).actor("Associated Press", Mentioned).actor("Russia", Subject)
            .event("moscow-aug", Claims)
            .note("Unnamed official, relayed second-hand through AP."),
        p("000", "But the official also said the US is still expected to impose secondary sanctions against Russia on Friday, after a 10-day deadline imposed by Trump expires.")
            .tags(&["Threat", "Sanctions", "Anonymous source"])
            .actor("White House", Speaker).actor("United States", Subject).actor("Russia", Target).actor("Donald Trump", Mentioned)
            .event("deadline", Claims)
            .note("Dates the deadline: Friday 8 August, a “10-day” deadline."),
        p("000", "Shortly after the meeting, Trump released an executive order imposing an additional 25 percent tariff on goods from India, for importing Russian oil.")
            .tags(&["Sanctions"])
            .actor("Donald Trump", Subject).actor("India", Target).actor("Russia", Mentioned)
            .event("india-tariff", Reports),
        p("000", "“actions and policies of the Government of the Russian Federation continue to pose an unusual and extraordinary threat to the national security and foreign policy of the United States”")
            .tags(&["Quote"])
            .actor("White House", Speaker).actor("Russia", Target)
            .event("india-tariff", Ctx)
            .note("The legal formula of a US national-emergency order, not new rhetoric."),
        p("000", "Ukraine’s President Volodymyr Zelenskyy said he discussed Witkoff’s visit with Trump Wednesday.")
            .tags(&["Diplomacy"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Donald Trump", Subject)
            .event("zelenskyy-trump-call", Reports),
        p("000", "“Ukraine will definitely defend its independence. We all need a lasting and reliable peace. Russia must end the war that it itself started,”")
            .tags(&["Quote", "Demand"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Russia", Target),
        p("000", "confirming that European leaders had also joined the call with Trump")
            .tags(&["Diplomacy"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("European allies", Subject)
            .event("zelenskyy-trump-call", Reports),
        p("000", "“It seems that Russia is now more inclined to a ceasefire. The pressure on them works. But the main thing is that they do not deceive us in the details – neither us nor the US,” Zelenskyy added in his nightly address.")
            .tags(&["Quote", "Assessment", "Ceasefire"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Russia", Subject)
            .note("Cautious optimism: the first sign in these texts that Russia might move."),
        p("000", "The pressure on them works.")
            .tags(&["Assessment", "Sanctions"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Russia", Target)
            .event("deadline", Ctx)
            .note("Credits the deadline and tariff pressure; compare 001, where he says Russia will only negotiate under financial constraints."),
        p("000", "Trump replied, “Yeah, get a deal where people stop getting killed.”")
            .tags(&["Quote", "Demand"])
            .actor("Donald Trump", Speaker).actor("Russia", Target)
            .event("deadline", Ctx),
        p("000", "He had no diplomatic experience before joining Trump’s team in January, and critics have portrayed him as ill-equipped for such tasks.")
            .tags(&["Background", "Hedging"])
            .actor("Steve Witkoff", Subject)
            .note("Unnamed “critics”."),
        p("000", "Three previous rounds of peace talks in Turkiye’s Istanbul in an attempt to broker a ceasefire between Russia and Ukraine have failed to make headway.")
            .tags(&["Diplomacy", "Background"])
            .actor("Russia", Subject).actor("Ukraine", Subject)
            .event("istanbul", Reports),
        p("000", "Putin, who has consistently rejected calls for a ceasefire, said on Friday that he wants peace but that his demands for ending the nearly three-and-a-half-year offensive were unchanged.")
            .tags(&["Claim", "Demand"])
            .actor("Vladimir Putin", Speaker)
            .event("putin-friday", Reports),
        p("000", "Moscow has demanded that Ukraine cede more territory and renounce Western support, including seeking NATO membership.")
            .tags(&["Demand"])
            .actor("Russia", Speaker).actor("Ukraine", Target).actor("NATO", Mentioned),
        p("000", "Zelenskyy last week urged his allies to push for “regime change” in Moscow.")
            .tags(&["Demand"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("European allies", Target).actor("Russia", Subject)
            .event("regime-change", Reports),
        p("000", "Russian forces hit a recreational centre in Ukraine’s southern Zaporizhia region")
            .tags(&["Strike", "Source disagreement"])
            .actor("Russia", Subject).actor("Ukraine", Target)
            .event("zaporizhzhia", Reports)
            .note("Place: a “recreational centre” here; 002 says “a holiday camp”. Neither names it; probably the same site described differently."),
        p("000", "killing two people and injuring 12, including two children, regional Governor Ivan Fedorov said on Wednesday")
            .tags(&["Casualties", "Source disagreement"])
            .actor("Ivan Fedorov", Speaker)
            .event("zaporizhzhia", Reports)
            .note("Named source (Governor Fedorov): 2 killed, 12 injured including 2 children. 002, citing unnamed “Ukrainian officials”: at least 2 killed, 10 wounded."),
        p("000", "Russian forces launched at least four strikes on the area and initially attacked with powerful glide bombs.")
            .tags(&["Strike", "Source disagreement"])
            .actor("Russia", Subject)
            .event("zaporizhzhia", Reports)
            .note("Weapon: glide bombs here; 002 speaks of “shelling”."),
        p("000", "“There is zero military sense in this strike. Only cruelty to intimidate,”")
            .tags(&["Quote"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Russia", Target)
            .event("zaporizhzhia", Ctx),
        p("000", "Russia also struck the Ukrainian power grid and heating gas facilities in Ukraine’s southern Odesa region")
            .tags(&["Strike"])
            .actor("Russia", Subject).actor("Ukraine", Target)
            .event("odesa", Reports),
        p("000", "which are used in a scheme to import liquefied natural gas (LNG) from the US and Azerbaijan, undermining preparations for winter, Ukrainian officials said")
            .tags(&["Claim", "Anonymous source"])
            .actor("Ukraine", Speaker).actor("United States", Mentioned)
            .event("odesa", Ctx)
            .note("Points out that the target carries US gas: an argument addressed to Washington."),
        p("000", "“This was a deliberate blow to our preparations for the heating season, absolutely cynical, like every Russian blow to the energy sector,”")
            .tags(&["Quote"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Russia", Target)
            .event("odesa", Claims),

        // ----- 001: Putin and Witkoff exchange pleasantries ahead of ceasefire talks (Reuters) -----
        p("001", "The US president has warned of severe economic sanctions against Russia and its trading partners without a ceasefire agreement.")
            .tags(&["Threat", "Sanctions"])
            .actor("Donald Trump", Speaker).actor("Russia", Target)
            .event("deadline", Ctx),
        p("001", "Russian media reports indicate that a meeting is currently taking place at the Kremlin between Vladimir Putin and Steve Witkoff, who serves as Donald Trump’s special envoy.")
            .tags(&["Diplomacy", "Anonymous source"])
            .actor("Vladimir Putin", Subject).actor("Steve Witkoff", Subject)
            .event("moscow-aug", Reports)
            .note("Written while the meeting was under way, from Russian media; the only text to place it at the Kremlin."),
        p("001", "Witkoff’s Wednesday arrival in Moscow comes as Trump’s ultimatum for Russia to reach a ceasefire agreement with Ukraine approaches its deadline.")
            .tags(&["Threat", "Diplomacy"])
            .actor("Steve Witkoff", Subject).actor("Donald Trump", Mentioned).actor("Russia", Target)
            .event("moscow-aug", Reports).event("deadline", Ctx),
        p("001", "Trump has warned that Russia may face substantial sanctions, or that secondary sanctions could be applied to all countries conducting trade with Russia, unless it takes action to halt what he calls the “horrible war” with Ukraine.")
            .tags(&["Threat", "Sanctions"])
            .actor("Donald Trump", Speaker).actor("Russia", Target)
            .event("deadline", Claims),
        p("001", "“horrible war”")
            .tags(&["Quote"])
            .actor("Donald Trump", Speaker),
        p("001", "Ukrainian President Volodymyr Zelensky has cautioned that Russia will only pursue genuine peace negotiations when it faces financial constraints.")
            .tags(&["Assessment"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Russia", Subject),
        p("001", "He has expressed support for the prospect of stricter US sanctions and tariffs targeting countries that purchase Russian oil.")
            .tags(&["Sanctions", "Demand"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("United States", Mentioned)
            .event("india-tariff", Ctx),
        p("001", "Related: Trump Disappointed With Putin, Plans To Reduce 50-Day Ceasefire Deadline")
            .tags(&["Background"])
            .actor("Donald Trump", Subject).actor("Vladimir Putin", Mentioned)
            .event("deadline", Ctx)
            .note("A related-story link left in the text, not part of the report. The 50-day deadline was later cut (000: “10-day deadline”)."),
        p("001", "Russian media outlets published photographs showing the two men, who have held multiple previous meetings, appearing cordial as they smiled and exchanged handshakes in an ornate hall.")
            .tags(&["Diplomacy"])
            .actor("Vladimir Putin", Subject).actor("Steve Witkoff", Subject)
            .event("moscow-aug", Reports),
        p("001", "There is limited optimism regarding the possibility of reaching a settlement by Friday, as Russia has maintained its extensive aerial bombardment of Ukraine even amid Trump’s sanction threats.")
            .tags(&["Assessment", "Hedging", "Military action"])
            .actor("Russia", Subject).actor("Ukraine", Target)
            .event("deadline", Ctx)
            .note("Whose optimism is limited is not said."),
        p("001", "Prior to assuming office in January, Trump had boasted he could resolve the Russia-Ukraine conflict within 24 hours.")
            .tags(&["Claim", "Background"])
            .actor("Donald Trump", Speaker)
            .note("The same boast in 002: “within 24 hours of taking office”."),
        p("001", "“We thought we had (the war) settled numerous times, and then President Putin goes out and starts launching rockets into some city like Kyiv and kills a lot of people in a nursing home or whatever,” Trump said last month.")
            .tags(&["Quote"])
            .actor("Donald Trump", Speaker).actor("Vladimir Putin", Target)
            .note("July 2025. “(the war)” is the outlet's insertion; “Kyiv” here is the city."),
        p("001", "Three separate negotiation sessions between Ukrainian and Russian representatives in Istanbul have not succeeded in bringing the conflict")
            .tags(&["Diplomacy", "Background"])
            .actor("Ukraine", Subject).actor("Russia", Subject)
            .event("istanbul", Reports),
        p("001", "The Kremlin has also consistently declined Kyiv’s appeals for direct talks between Zelensky and Putin.")
            .tags(&["Diplomacy", "Demand"])
            .actor("Kremlin", Subject).actor("Ukraine", Speaker).actor("Volodymyr Zelenskyy", Mentioned).actor("Vladimir Putin", Mentioned),
        p("001", "the US administration greenlit an additional $200 million in military sales to Ukraine on Tuesday after a telephone conversation between Zelensky and Trump")
            .tags(&["Aid"])
            .actor("White House", Subject).actor("Ukraine", Target).actor("Volodymyr Zelenskyy", Mentioned).actor("Donald Trump", Mentioned)
            .event("arms-sale", Reports)
            .note("Only 001 reports the sale. “On Tuesday” = 5 August if the article is of Wednesday 6 August."),

        // ----- 002: Putin meets Witkoff in Moscow two days before Trump's sanctions deadline -----
        p("002", "Russian President Vladimir Putin met with US envoy Steve Witkoff in Moscow on Wednesday, the Kremlin confirmed, just two days before a deadline set by US President Donald Trump")
            .tags(&["Diplomacy"])
            .actor("Vladimir Putin", Subject).actor("Steve Witkoff", Subject).actor("Kremlin", Speaker)
            .event("moscow-aug", Reports).event("deadline", Ctx),
        p("002", "Trump, who has repeatedly claimed he could end the war within 24 hours of taking office, has given Moscow until Friday to show progress toward peace or risk further punitive measures.")
            .tags(&["Threat"])
            .actor("Donald Trump", Speaker).actor("Russia", Target)
            .event("deadline", Reports),
        p("002", "So far, peace talks—three rounds of which were held in Istanbul—have failed to produce a ceasefire")
            .tags(&["Diplomacy", "Background"])
            .event("istanbul", Reports),
        p("002", "The Kremlin released footage of Putin greeting Witkoff but did not disclose details of their conversation.")
            .tags(&["Diplomacy", "Hedging"])
            .actor("Kremlin", Speaker).actor("Vladimir Putin", Subject).actor("Steve Witkoff", Subject)
            .event("moscow-aug", Reports),
        p("002", "“It is very important to strengthen all the levers in the arsenal of the United States, Europe, and the G7 so that a ceasefire truly comes into effect immediately,”")
            .tags(&["Quote", "Demand"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("United States", Target).actor("European allies", Target).actor("G7", Target)
            .note("Addressed to Washington before the meeting: keep up the pressure."),
        p("002", "Trump has previously threatened “secondary tariffs” targeting Russia’s major trading partners, including China and India")
            .tags(&["Threat", "Sanctions"])
            .actor("Donald Trump", Speaker).actor("China", Target).actor("India", Target).actor("Russia", Target)
            .event("deadline", Ctx).event("india-tariff", Ctx),
        p("002", "“We’re going to see what happens,” Trump said Tuesday when asked about possible actions. “We’ll make that determination at that time.”")
            .tags(&["Quote", "Hedging"])
            .actor("Donald Trump", Speaker)
            .event("deadline", Ctx),
        p("002", "Moscow has condemned the threats of additional tariffs, calling them “illegitimate.”")
            .tags(&["Claim"])
            .actor("Russia", Speaker).actor("United States", Target),
        p("002", "Moscow is demanding territorial concessions and a halt to Western support for Ukraine, while Kyiv insists on a full ceasefire")
            .tags(&["Demand"])
            .actor("Russia", Speaker).actor("Ukraine", Speaker)
            .note("Matches 000: “cede more territory and renounce Western support”."),
        p("002", "Zelensky last week urged Western allies to back “regime change” in Moscow and reiterated Ukraine’s call for an immediate ceasefire.")
            .tags(&["Demand", "Ceasefire"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("European allies", Target).actor("Russia", Subject)
            .event("regime-change", Reports),
        p("002", "Trump recently said he had deployed two nuclear submarines to the region, following a heated online exchange with former Russian President Dmitry Medvedev.")
            .tags(&["Nuclear posture", "Threat"])
            .actor("Donald Trump", Speaker).actor("Dmitry Medvedev", Target)
            .event("submarines", Reports),
        p("002", "While Trump did not clarify whether the submarines were nuclear-powered or nuclear-armed, their precise locations remain undisclosed.")
            .tags(&["Nuclear posture", "Hedging"])
            .actor("Donald Trump", Subject)
            .event("submarines", Ctx),
        p("002", "In response, Russia on Monday ended its moratorium on deploying nuclear-capable intermediate-range missiles, claiming the US had positioned similar weapons near its borders.")
            .tags(&["Nuclear posture", "Claim"])
            .actor("Russia", Speaker).actor("United States", Target)
            .event("inf", Reports)
            .note("“In response” is the article's framing; Russia's own reason is US deployments."),
        p("002", "The Kremlin urged “caution” regarding the submarine deployment and labeled the ongoing US-Russia talks as “important, substantial, and helpful.”")
            .tags(&["Assessment", "Nuclear posture"])
            .actor("Kremlin", Speaker)
            .event("submarines", Ctx).event("moscow-aug", Ctx),
        p("002", "“important, substantial, and helpful.”")
            .tags(&["Quote"])
            .actor("Kremlin", Speaker)
            .event("moscow-aug", Ctx),
        p("002", "Ukrainian officials reported that Russian shelling in the Zaporizhzhia region overnight killed at least two people and wounded 10 others at a holiday camp.")
            .tags(&["Strike", "Anonymous source"])
            .actor("Ukraine", Speaker).actor("Russia", Subject)
            .event("zaporizhzhia", Reports)
            .note("Unnamed “Ukrainian officials”; 000 names Governor Ivan Fedorov."),
        p("002", "Russian shelling")
            .tags(&["Source disagreement"])
            .actor("Russia", Subject)
            .event("zaporizhzhia", Reports)
            .note("Weapon: “shelling” here; 000: at least four strikes, starting with glide bombs."),
        p("002", "killed at least two people and wounded 10 others")
            .tags(&["Casualties", "Source disagreement"])
            .event("zaporizhzhia", Reports)
            .note("At least 2 killed, 10 wounded; 000 (Governor Fedorov): 2 killed, 12 injured including 2 children."),
        p("002", "at a holiday camp")
            .tags(&["Source disagreement"])
            .event("zaporizhzhia", Reports)
            .note("Place: “a holiday camp” here; 000: “a recreational centre”."),
        p("002", "As Friday’s deadline approaches, all eyes remain on the outcome of the Moscow talks and whether they can deliver a breakthrough—or trigger a new phase of geopolitical escalation.")
            .tags(&["Assessment", "Hedging"])
            .event("deadline", Ctx).event("moscow-aug", Ctx),

        // ----- 003: Trump and Putin set to hold call on Ukraine war this week, US official says -----
        p("003", "Donald Trump and Vladimir Putin are set to hold a call about the Russia-Ukraine war in the coming week, a US official said, as Washington seeks to broker a ceasefire deal.")
            .tags(&["Diplomacy", "Anonymous source"])
            .actor("Donald Trump", Subject).actor("Vladimir Putin", Subject).actor("United States", Subject)
            .event("call-march", Claims),
        p("003", "Trump envoy Steve Witkoff on Sunday told CNN he had a “positive” meeting with Putin and that the Russian and Ukrainian parties “are today a lot closer” in negotiations.")
            .tags(&["Assessment"])
            .actor("Steve Witkoff", Speaker).actor("CNN", Mentioned).actor("Vladimir Putin", Subject)
            .event("march-meeting", Reports),
        p("003", "“are today a lot closer”")
            .tags(&["Quote"])
            .actor("Steve Witkoff", Speaker),
        p("003", "“I expect that there’ll be a call with both presidents this week and we’re also continuing to engage and have conversation with the Ukrainians,” he said.")
            .tags(&["Quote", "Diplomacy"])
            .actor("Steve Witkoff", Speaker).actor("Donald Trump", Subject).actor("Vladimir Putin", Subject).actor("Ukraine", Mentioned)
            .event("call-march", Claims),
        p("003", "The comments come after the US and its G7 partners on Friday warned Moscow that they could expand sanctions and use frozen Russian assets to support Ukraine")
            .tags(&["Threat", "Sanctions"])
            .actor("G7", Speaker).actor("United States", Speaker).actor("Russia", Target)
            .event("g7", Reports),
        p("003", "The joint statement followed a week in which Kyiv signed up to the 30-day truce but Moscow signalled reluctance to do so immediately.")
            .tags(&["Concession", "Ceasefire"])
            .actor("Ukraine", Subject).actor("Russia", Subject)
            .event("truce", Reports).event("g7", Ctx),
        p("003", "The sides were previously “miles apart,” he said.")
            .tags(&["Quote", "Assessment"])
            .actor("Steve Witkoff", Speaker),
        p("003", "Following talks in Saudi Arabia led by US national security adviser Mike Waltz and US secretary of state Marco Rubio as well as Witkoff’s “equally positive” meeting with Putin, “we’ve narrowed the differences between them and now we’re sitting at the table,” he added.")
            .tags(&["Claim", "Diplomacy"])
            .actor("Steve Witkoff", Speaker).actor("Mike Waltz", Subject).actor("Marco Rubio", Subject).actor("Vladimir Putin", Mentioned)
            .event("saudi", Reports).event("march-meeting", Reports),
        p("003", "“we’ve narrowed the differences between them and now we’re sitting at the table,”")
            .tags(&["Quote", "Assessment"])
            .actor("Steve Witkoff", Speaker),
        p("003", "The White House and Russia’s embassy in Washington did not immediately respond to requests for comment.")
            .tags(&["Hedging"])
            .actor("White House", Subject).actor("Russia", Subject),
        p("003", "The envoy told CBS that negotiations were complex, involving multiple angles and a large swath of territory, including a “main area of confrontation” in the Kursk region, a nuclear reactor supplying electricity to Ukraine and access to ports.")
            .tags(&["Claim", "Ceasefire"])
            .actor("Steve Witkoff", Speaker).actor("CBS", Mentioned)
            .event("truce", Ctx)
            .note("Witkoff's list of open issues: Kursk, an unnamed nuclear reactor, ports."),
        p("003", "“There’s so many elements to the implementation of a ceasefire here,” Witkoff said, adding that it “involves how to get people to not be fighting with each other over a 2,000 kilometre border”.")
            .tags(&["Quote", "Ceasefire"])
            .actor("Steve Witkoff", Speaker)
            .event("truce", Ctx),
        p("003", "He also seemed to dismiss a statement made by French President Emmanuel Macron, who argued that Russia “does not seem to be sincerely seeking peace”.")
            .tags(&["Assessment", "Hedging"])
            .actor("Steve Witkoff", Subject).actor("Emmanuel Macron", Speaker).actor("Russia", Subject)
            .note("“Seemed to dismiss” is the reporter's reading, not Witkoff's words."),
        p("003", "“does not seem to be sincerely seeking peace”")
            .tags(&["Quote", "Assessment"])
            .actor("Emmanuel Macron", Speaker).actor("Russia", Target),
        p("003", "Witkoff declined to comment on Macron’s remarks, but added: “I think it’s unfortunate when people make those sort of assessments, and they don’t have, necessarily, first-hand knowledge . . . I saw a constructive effort over a long period of time to discuss the specifics of what’s going on in the field”.")
            .tags(&["Quote", "Assessment"])
            .actor("Steve Witkoff", Speaker).actor("Emmanuel Macron", Target)
            .event("march-meeting", Ctx),
        p("003", "Asked when he thinks there will be a deal, Witkoff cited Trump, who has said it would take weeks.")
            .tags(&["Assessment", "Hedging"])
            .actor("Steve Witkoff", Speaker).actor("Donald Trump", Mentioned),
        p("003", "“I don’t disagree with him,” the envoy told CNN.")
            .tags(&["Quote"])
            .actor("Steve Witkoff", Speaker).actor("CNN", Mentioned),

        // ----- 004: US-Russia Negotiations Heat Up as Ceasefire Talks Continue -----
        p("004", "Steven Witkoff, Donald Trump's envoy, stated on Sunday that he anticipates a conversation between President Trump and Russian President Vladimir Putin this week.")
            .tags(&["Claim", "Diplomacy"])
            .actor("Steve Witkoff", Speaker).actor("Donald Trump", Subject).actor("Vladimir Putin", Subject)
            .event("call-march", Claims)
            .note("The same announcement as 003; dates this article to about Sunday 16 March."),
        p("004", "Witkoff expressed optimism, noting that discussions with Putin last week were constructive and solution-focused.")
            .tags(&["Assessment"])
            .actor("Steve Witkoff", Speaker).actor("Vladimir Putin", Subject)
            .event("march-meeting", Reports),
        p("004", "However, he refrained from confirming specific demands from the Kremlin, including potential stipulations regarding Ukrainian territorial recognition and military mobilization limitations.")
            .tags(&["Hedging", "Demand"])
            .actor("Steve Witkoff", Speaker).actor("Kremlin", Subject),
        p("004", "Putin indicated support for a 30-day ceasefire proposed by the U.S., yet outlined several conditions that must be negotiated for the deal to materialize, raising doubts about the Kremlin’s true intentions.")
            .tags(&["Ceasefire", "Demand"])
            .actor("Vladimir Putin", Speaker).actor("United States", Mentioned).actor("Kremlin", Subject)
            .event("truce", Ctx)
            .note("“Yes, but”: 003 calls the same stance “reluctance”."),
        p("004", "Witkoff emphasized that U.S. envoys have worked to bridge the gaps between Ukrainian and Russian negotiators")
            .tags(&["Claim", "Diplomacy"])
            .actor("Steve Witkoff", Speaker).actor("United States", Subject),
        p("004", "The negotiations involve multiple stakeholders, including Ukraine, Russia, and European countries like France, Britain, Norway, and Finland, who could play significant roles in establishing a ceasefire.")
            .tags(&["Ceasefire", "Background"])
            .actor("European allies", Mentioned).actor("Ukraine", Mentioned).actor("Russia", Mentioned),
        p("004", "Ukraine's President Volodymyr Zelenskyy, facing pressure following a critical meeting in the White House, has attempted to convey Ukraine's willingness to engage with Trump's ceasefire plan.")
            .tags(&["Concession", "Ceasefire"])
            .actor("Volodymyr Zelenskyy", Subject).actor("Donald Trump", Mentioned)
            .event("truce", Ctx)
            .note("“The White House” here is the building: the meeting is not otherwise described."),
        p("004", "he continues to express skepticism about Putin's commitment to genuine negotiation, suggesting that Russia's military actions contradict any claims of seeking a swift resolution to the conflict")
            .tags(&["Assessment"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Vladimir Putin", Subject).actor("Russia", Subject),
        p("004", "Zelenskyy reported that Russia had deployed over a thousand drones and a significant number of guided bombs against Ukrainian territory in the past week, underscoring the ongoing aggression.")
            .tags(&["Military action", "Claim"])
            .actor("Volodymyr Zelenskyy", Speaker).actor("Russia", Subject).actor("Ukraine", Target),
        p("004", "While Ukraine has tentatively agreed to the proposed ceasefire, the country has also pushed for security guarantees from Western allies.")
            .tags(&["Concession", "Demand", "Ceasefire"])
            .actor("Ukraine", Speaker).actor("European allies", Target)
            .event("truce", Reports),
        p("004", "However, Trump has made it clear that no such U.S. guarantees are forthcoming.")
            .tags(&["Claim"])
            .actor("Donald Trump", Speaker).actor("Ukraine", Target),
        p("004", "British Prime Minister Keir Starmer has been rallying support from other Western allies to assemble a possible peacekeeping force for Ukraine post-agreement.")
            .tags(&["Diplomacy", "Aid"])
            .actor("Keir Starmer", Subject).actor("European allies", Mentioned).actor("Ukraine", Target),
        p("004", "especially given Russian opposition to foreign troops in Ukraine")
            .tags(&["Demand"])
            .actor("Russia", Speaker),
        p("004", "Concerns continue to mount that the settlement proposed by the Trump administration may resemble a capitulation for Ukraine")
            .tags(&["Assessment", "Hedging"])
            .actor("White House", Subject).actor("Ukraine", Subject)
            .note("Whose concerns is not said."),
        p("004", "Moreover, Trump's national security adviser, Mike Waltz, acknowledged ongoing back-and-forth diplomacy and hinted at the possibility of discussing territorial exchanges for future security assurances.")
            .tags(&["Diplomacy", "Concession", "Hedging"])
            .actor("Mike Waltz", Speaker)
            .note("“Hinted”: territory for security guarantees, floated rather than proposed."),
        p("004", "Waltz also downplayed the likelihood of a permanent NATO membership for Ukraine")
            .tags(&["Claim", "Concession"])
            .actor("Mike Waltz", Speaker).actor("NATO", Mentioned).actor("Ukraine", Target),
    ]
}

// ----- claims and grades -----

/// A claim as declared: its statement, the event it is about (a key of [`EVENTS`]), a note, and
/// the passages that take a stance on it, each by its document and exact quote (as declared in
/// [`passages`], first occurrence).
struct ClaimSpec {
    statement: &'static str,
    event: Option<&'static str>,
    description: &'static str,
    stances: &'static [(&'static str, &'static str, Stance)],
}

const GREAT_PROGRESS: &str = "“Great progress was made!”";
const HIGHLY_PRODUCTIVE: &str = "“highly productive meeting”";
const AP_OFFICIAL: &str = "A White House official who spoke to the Associated Press news agency on the condition of anonymity said the meeting had gone well and that Russia was eager to continue engaging with the US.";
const USHAKOV: &str = "Kremlin foreign policy aide Yuri Ushakov said the two sides had exchanged “signals” on the Ukraine issue and discussed the possibility of developing strategic cooperation between Moscow and Washington, but declined to give more details.";
const KREMLIN_HELPFUL: &str = "“important, substantial, and helpful.”";
const MORE_INCLINED: &str = "“It seems that Russia is now more inclined to a ceasefire. The pressure on them works. But the main thing is that they do not deceive us in the details – neither us nor the US,” Zelenskyy added in his nightly address.";
const LIMITED_OPTIMISM: &str = "There is limited optimism regarding the possibility of reaching a settlement by Friday, as Russia has maintained its extensive aerial bombardment of Ukraine even amid Trump’s sanction threats.";
const PUTIN_UNCHANGED: &str = "Putin, who has consistently rejected calls for a ceasefire, said on Friday that he wants peace but that his demands for ending the nearly three-and-a-half-year offensive were unchanged.";
const ZELENSKYY_SKEPTIC: &str = "he continues to express skepticism about Putin's commitment to genuine negotiation, suggesting that Russia's military actions contradict any claims of seeking a swift resolution to the conflict";
const MACRON: &str = "“does not seem to be sincerely seeking peace”";
const WITKOFF_ON_MACRON: &str = "Witkoff declined to comment on Macron’s remarks, but added: “I think it’s unfortunate when people make those sort of assessments, and they don’t have, necessarily, first-hand knowledge . . . I saw a constructive effort over a long period of time to discuss the specifics of what’s going on in the field”.";
const THREE_HOURS: &str = "Witkoff met Putin for about three hours earlier in the day in an attempt to seek a breakthrough";
const CURRENTLY_TAKING_PLACE: &str = "Russian media reports indicate that a meeting is currently taking place at the Kremlin between Vladimir Putin and Steve Witkoff, who serves as Donald Trump’s special envoy.";
const SECONDARY_SANCTIONS: &str = "But the official also said the US is still expected to impose secondary sanctions against Russia on Friday, after a 10-day deadline imposed by Trump expires.";
const TRUMP_WARNED: &str = "Trump has warned that Russia may face substantial sanctions, or that secondary sanctions could be applied to all countries conducting trade with Russia, unless it takes action to halt what he calls the “horrible war” with Ukraine.";
const SEE_WHAT_HAPPENS: &str = "“We’re going to see what happens,” Trump said Tuesday when asked about possible actions. “We’ll make that determination at that time.”";
const PRESSURE_WORKS: &str = "The pressure on them works.";
const FINANCIAL_CONSTRAINTS: &str = "Ukrainian President Volodymyr Zelensky has cautioned that Russia will only pursue genuine peace negotiations when it faces financial constraints.";
const ISTANBUL_000: &str = "Three previous rounds of peace talks in Turkiye’s Istanbul in an attempt to broker a ceasefire between Russia and Ukraine have failed to make headway.";
const ISTANBUL_001: &str = "Three separate negotiation sessions between Ukrainian and Russian representatives in Istanbul have not succeeded in bringing the conflict";
const ISTANBUL_002: &str = "So far, peace talks—three rounds of which were held in Istanbul—have failed to produce a ceasefire";
const A_LOT_CLOSER: &str = "“are today a lot closer”";
const NARROWED: &str =
    "“we’ve narrowed the differences between them and now we’re sitting at the table,”";
const WITKOFF_OPTIMISM: &str = "Witkoff expressed optimism, noting that discussions with Putin last week were constructive and solution-focused.";
const PUTIN_CONDITIONS: &str = "Putin indicated support for a 30-day ceasefire proposed by the U.S., yet outlined several conditions that must be negotiated for the deal to materialize, raising doubts about the Kremlin’s true intentions.";
const FEDOROV: &str = "killing two people and injuring 12, including two children, regional Governor Ivan Fedorov said on Wednesday";
const KILLED_002: &str = "killed at least two people and wounded 10 others";
const OFFICIALS_002: &str = "Ukrainian officials reported that Russian shelling in the Zaporizhzhia region overnight killed at least two people and wounded 10 others at a holiday camp.";
const CALL_003: &str = "Donald Trump and Vladimir Putin are set to hold a call about the Russia-Ukraine war in the coming week, a US official said, as Washington seeks to broker a ceasefire deal.";
const CALL_WITKOFF_003: &str = "“I expect that there’ll be a call with both presidents this week and we’re also continuing to engage and have conversation with the Ukrainians,” he said.";
const CALL_004: &str = "Steven Witkoff, Donald Trump's envoy, stated on Sunday that he anticipates a conversation between President Trump and Russian President Vladimir Putin this week.";
const NO_GUARANTEES: &str =
    "However, Trump has made it clear that no such U.S. guarantees are forthcoming.";
const PUSHED_GUARANTEES: &str = "While Ukraine has tentatively agreed to the proposed ceasefire, the country has also pushed for security guarantees from Western allies.";

const CLAIMS: &[ClaimSpec] = &[
    ClaimSpec {
        statement: "The 6 August Moscow meeting made real progress towards a ceasefire",
        event: Some("moscow-aug"),
        description: "Trump and the White House say so; the Kremlin calls the talks helpful but its \
            aide speaks only of “signals”; Reuters sees limited optimism.",
        stances: &[
            ("000", GREAT_PROGRESS, Stance::Supports),
            ("000", HIGHLY_PRODUCTIVE, Stance::Supports),
            ("000", AP_OFFICIAL, Stance::Supports),
            ("002", KREMLIN_HELPFUL, Stance::Supports),
            ("000", USHAKOV, Stance::Qualifies),
            ("000", MORE_INCLINED, Stance::Qualifies),
            ("001", LIMITED_OPTIMISM, Stance::Disputes),
        ],
    },
    ClaimSpec {
        statement: "Russia is now more inclined to accept a ceasefire",
        event: None,
        description: "Zelenskyy's reading of August; Putin's own words the Friday before say his \
            demands are unchanged.",
        stances: &[
            ("000", MORE_INCLINED, Stance::Supports),
            ("000", PUTIN_UNCHANGED, Stance::Disputes),
            ("004", ZELENSKYY_SKEPTIC, Stance::Disputes),
        ],
    },
    ClaimSpec {
        statement: "Russia is sincerely seeking peace",
        event: None,
        description: "Macron doubts it; Witkoff answers him from first-hand knowledge (March).",
        stances: &[
            ("003", MACRON, Stance::Disputes),
            ("003", WITKOFF_ON_MACRON, Stance::Supports),
            ("004", ZELENSKYY_SKEPTIC, Stance::Disputes),
        ],
    },
    ClaimSpec {
        statement: "The 6 August meeting lasted about three hours",
        event: Some("moscow-aug"),
        description: "Only 000 gives the length; Reuters wrote while the meeting was under way.",
        stances: &[
            ("000", THREE_HOURS, Stance::Supports),
            ("001", CURRENTLY_TAKING_PLACE, Stance::Qualifies),
        ],
    },
    ClaimSpec {
        statement: "The US will impose secondary sanctions when the deadline expires on Friday",
        event: Some("deadline"),
        description: "",
        stances: &[
            ("000", SECONDARY_SANCTIONS, Stance::Supports),
            ("001", TRUMP_WARNED, Stance::Supports),
            ("002", SEE_WHAT_HAPPENS, Stance::Qualifies),
        ],
    },
    ClaimSpec {
        statement: "Economic pressure is what moves Russia towards peace",
        event: None,
        description: "",
        stances: &[
            ("000", PRESSURE_WORKS, Stance::Supports),
            ("001", FINANCIAL_CONSTRAINTS, Stance::Supports),
            ("001", LIMITED_OPTIMISM, Stance::Qualifies),
        ],
    },
    ClaimSpec {
        statement: "The three rounds of talks in Istanbul failed to bring a ceasefire",
        event: Some("istanbul"),
        description: "Three articles say it in their own voice.",
        stances: &[
            ("000", ISTANBUL_000, Stance::Supports),
            ("001", ISTANBUL_001, Stance::Supports),
            ("002", ISTANBUL_002, Stance::Supports),
        ],
    },
    ClaimSpec {
        statement: "In March the two sides were close to an agreement",
        event: Some("march-meeting"),
        description: "Witkoff's optimism after his March meeting with Putin.",
        stances: &[
            ("003", A_LOT_CLOSER, Stance::Supports),
            ("003", NARROWED, Stance::Supports),
            ("004", WITKOFF_OPTIMISM, Stance::Supports),
            ("004", PUTIN_CONDITIONS, Stance::Qualifies),
            ("004", ZELENSKYY_SKEPTIC, Stance::Disputes),
        ],
    },
    ClaimSpec {
        statement: "The overnight strike in Zaporizhzhia region killed two people",
        event: Some("zaporizhzhia"),
        description: "",
        stances: &[
            ("000", FEDOROV, Stance::Supports),
            ("002", KILLED_002, Stance::Supports),
        ],
    },
    ClaimSpec {
        statement: "Twelve people were injured in the Zaporizhzhia strike",
        event: Some("zaporizhzhia"),
        description: "Governor Fedorov says 12 injured; the “Ukrainian officials” of 002 say 10 \
            wounded.",
        stances: &[
            ("000", FEDOROV, Stance::Supports),
            ("002", OFFICIALS_002, Stance::Disputes),
        ],
    },
    ClaimSpec {
        statement: "Trump and Putin will speak by phone in the week after 16 March",
        event: Some("call-march"),
        description: "",
        stances: &[
            ("003", CALL_003, Stance::Supports),
            ("003", CALL_WITKOFF_003, Stance::Supports),
            ("004", CALL_004, Stance::Supports),
        ],
    },
    ClaimSpec {
        statement: "The US will give Ukraine security guarantees",
        event: None,
        description: "Disputed, and supported by nobody in these texts.",
        stances: &[
            ("004", NO_GUARANTEES, Stance::Disputes),
            ("004", PUSHED_GUARANTEES, Stance::Qualifies),
        ],
    },
];

/// Outlets' reliability grades (A–F). Only 001 names its outlet; the other four articles name
/// none, so their outlets cannot be graded (they stay F, "cannot be judged").
const OUTLET_GRADES: &[(&str, Reliability)] = &[("Reuters", Reliability::B)];

/// Speakers' reliability grades: a named regional governor giving casualty figures, and the
/// anonymous "Ukrainian officials".
const SPEAKER_GRADES: &[(&str, Reliability)] = &[
    ("Ivan Fedorov", Reliability::C),
    ("Ukraine", Reliability::D),
];

/// Passages' credibility grades (1–6), by document and quote.
const CREDIBILITY: &[(&str, &str, Credibility)] = &[
    // Three outlets report the failed Istanbul rounds.
    ("000", ISTANBUL_000, Credibility::Confirmed),
    ("001", ISTANBUL_001, Credibility::Confirmed),
    ("002", ISTANBUL_002, Credibility::Confirmed),
    // Two dead: both texts agree; the injured differ (12 or 10).
    ("000", FEDOROV, Credibility::Probable),
    ("002", OFFICIALS_002, Credibility::Probable),
    // The length of the meeting: one text, no one contradicts it.
    ("000", THREE_HOURS, Credibility::Possible),
    // "Great progress": contradicted by the Kremlin's guarded readout.
    ("000", GREAT_PROGRESS, Credibility::Doubtful),
];

// ----- the competing hypotheses -----

/// The hypotheses on the seeds' question (title, description), in the matrix's order.
const HYPOTHESES: &[(&str, &str)] = &[
    (
        "Russia negotiates in good faith toward a ceasefire",
        "Moscow wants a general ceasefire soon and the talks are the way to it.",
    ),
    (
        "Russia stalls to avoid sanctions",
        "Moscow keeps talking to run out Trump's deadlines without conceding anything.",
    ),
    (
        "Only a partial truce (air or energy) is in reach",
        "A general ceasefire is out of reach; a limited pause on air or energy strikes is not.",
    ),
];

/// What an evidence row cites: a declared passage (document, quote) or a claim (statement).
enum RowCites {
    Passage(&'static str, &'static str),
    Claim(&'static str),
}

/// The evidence rows: what each cites, its relevance and its ratings of H1, H2, H3.
const ACH_ROWS: &[(RowCites, Relevance, [Rating; 3])] = {
    use Rating::{C, CC, I, II, N};
    use RowCites::{Claim as Cl, Passage as Pa};
    &[
        (Pa("000", PUTIN_UNCHANGED), Relevance::High, [II, C, C]),
        (Pa("000", GREAT_PROGRESS), Relevance::Medium, [C, N, C]),
        (Pa("000", USHAKOV), Relevance::Medium, [N, C, N]),
        (Pa("001", LIMITED_OPTIMISM), Relevance::Medium, [I, C, I]),
        (Pa("000", ENERGY_STRIKE), Relevance::High, [I, N, II]),
        (Pa("000", MORE_INCLINED), Relevance::Medium, [C, I, C]),
        (Pa("000", ISTANBUL_000), Relevance::Medium, [I, C, N]),
        (Pa("003", TRUCE_RELUCTANCE), Relevance::Medium, [I, C, C]),
        (Pa("004", PUTIN_CONDITIONS), Relevance::Medium, [N, CC, C]),
        (Pa("003", WITKOFF_ON_MACRON), Relevance::Medium, [C, I, N]),
        (Pa("004", DRONES), Relevance::Medium, [II, C, I]),
        (Pa("000", AP_OFFICIAL), Relevance::Medium, [C, C, C]),
        (Pa("002", TERRITORY), Relevance::Medium, [I, C, C]),
        (Pa("003", MANY_ELEMENTS), Relevance::Low, [N, N, C]),
        (Pa("002", MORATORIUM), Relevance::Low, [I, N, N]),
        (
            Cl("The US will impose secondary sanctions when the deadline expires on Friday"),
            Relevance::Medium,
            [N, C, N],
        ),
    ]
};

const ENERGY_STRIKE: &str = "Russia also struck the Ukrainian power grid and heating gas facilities in Ukraine’s southern Odesa region";
const TRUCE_RELUCTANCE: &str = "The joint statement followed a week in which Kyiv signed up to the 30-day truce but Moscow signalled reluctance to do so immediately.";
const DRONES: &str = "Zelenskyy reported that Russia had deployed over a thousand drones and a significant number of guided bombs against Ukrainian territory in the past week, underscoring the ongoing aggression.";
const TERRITORY: &str = "Moscow is demanding territorial concessions and a halt to Western support for Ukraine, while Kyiv insists on a full ceasefire";
const MANY_ELEMENTS: &str = "“There’s so many elements to the implementation of a ceasefire here,” Witkoff said, adding that it “involves how to get people to not be fighting with each other over a 2,000 kilometre border”.";
const MORATORIUM: &str = "In response, Russia on Monday ended its moratorium on deploying nuclear-capable intermediate-range missiles, claiming the US had positioned similar weapons near its borders.";

/// The id of a declared passage (first occurrence of its quote).
fn passage_id(doc: &str, quote: &str) -> PassageId {
    id::<dossier::model::PassageIdKind>(&format!("passage:{doc}:{quote}:1"))
}

// ----- assembly -----

fn main() -> Result<()> {
    let made: Timestamp = MADE
        .parse()
        .map_err(|e| anyhow!("bad fixed timestamp: {e}"))?;
    let mut project = Project::new(TITLE);
    let add = |project: &mut Project, edit: Edit, what: String| -> Result<()> {
        apply(project, edit).map_err(|e| anyhow!("{what}: {e}"))?;
        Ok(())
    };

    let mut tag_ids: BTreeMap<&str, TagId> = BTreeMap::new();
    for &(name, parent, color, description) in TAGS {
        let parent =
            match parent {
                Some(p) => Some(*tag_ids.get(p).ok_or_else(|| {
                    anyhow!("tag {name:?}: parent {p:?} is not declared before it")
                })?),
                None => None,
            };
        let tag = Tag {
            id: id(&format!("tag:{name}")),
            name: name.to_owned(),
            color: color
                .parse::<Rgb>()
                .map_err(|e| anyhow!("tag {name:?}: {e}"))?,
            parent,
            description: description.to_owned(),
        };
        ensure!(tag_ids.insert(name, tag.id).is_none(), "tag {name:?} twice");
        add(&mut project, Edit::AddTag(tag), format!("tag {name:?}"))?;
    }

    let mut actor_ids: BTreeMap<&str, ActorId> = BTreeMap::new();
    for &(name, kind, aliases, description) in ACTORS {
        let actor = Actor {
            author: String::new(),
            id: id(&format!("actor:{name}")),
            name: name.to_owned(),
            kind,
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            description: description.to_owned(),
        };
        ensure!(
            actor_ids.insert(name, actor.id).is_none(),
            "actor {name:?} twice"
        );
        add(
            &mut project,
            Edit::AddActor(actor),
            format!("actor {name:?}"),
        )?;
    }
    let actor = |name: &str| {
        actor_ids
            .get(name)
            .copied()
            .ok_or_else(|| anyhow!("no actor named {name:?}"))
    };

    let mut event_ids: BTreeMap<&str, EventId> = BTreeMap::new();
    for spec in EVENTS {
        let date: DateSpec = spec
            .date
            .parse()
            .map_err(|e| anyhow!("event {:?}: {e}", spec.key))?;
        let participants = spec
            .participants
            .iter()
            .map(|&(name, role)| Ok((actor(name)?, role)))
            .collect::<Result<Vec<_>>>()
            .with_context(|| format!("event {:?}", spec.key))?;
        let event = Event {
            author: String::new(),
            id: id(&format!("event:{}", spec.key)),
            title: spec.title.to_owned(),
            date: Some(date),
            place: spec.place.to_owned(),
            kind: spec.kind,
            participants,
            description: spec.description.to_owned(),
        };
        ensure!(
            event_ids.insert(spec.key, event.id).is_none(),
            "event {:?} twice",
            spec.key
        );
        add(
            &mut project,
            Edit::AddEvent(event),
            format!("event {:?}", spec.key),
        )?;
    }

    ensure!(
        DOCS.len() == SEEDS.len(),
        "every seed needs a document entry"
    );
    let mut docs: BTreeMap<&str, (DocId, Text)> = BTreeMap::new();
    for (&(file, title, source, published), &(seed_file, text)) in DOCS.iter().zip(SEEDS.iter()) {
        ensure!(file == seed_file, "document {file} is out of seed order");
        ensure!(
            !text.starts_with('\u{feff}') && !text.contains('\r'),
            "seed {file} has a BOM or CR line ends; the example keeps seed texts verbatim"
        );
        let published: PartialDate = published
            .parse()
            .map_err(|e| anyhow!("document {file}: {e}"))?;
        let doc = Document {
            id: id(&format!("doc:{file}")),
            title: title.to_owned(),
            source: source.to_owned(),
            author: String::new(),
            url: String::new(),
            published: Some(published),
            origin: format!("seeds/{file}"),
            imported: made,
            text: Text::new(text.to_owned()),
        };
        let number = file
            .get(..3)
            .ok_or_else(|| anyhow!("seed file name {file:?} has no number"))?;
        docs.insert(number, (doc.id, doc.text.clone()));
        add(
            &mut project,
            Edit::AddDocument(Box::new(doc)),
            format!("document {file}"),
        )?;
    }

    for spec in passages() {
        let what = || format!("passage in {} {:?}", spec.doc, spec.quote);
        let (doc_id, text) = docs
            .get(spec.doc)
            .ok_or_else(|| anyhow!("{}: no document {}", what(), spec.doc))?;
        let (start, end) = find_quote(text, spec.quote, spec.nth).with_context(what)?;
        let document = project
            .document(*doc_id)
            .ok_or_else(|| anyhow!("{}: document vanished", what()))?;
        let mut passage =
            Passage::new(document, start, end).ok_or_else(|| anyhow!("{}: empty span", what()))?;
        let occurrence = spec.nth.unwrap_or(1);
        passage.id = id::<dossier::model::PassageIdKind>(&format!(
            "passage:{}:{}:{occurrence}",
            spec.doc, spec.quote
        ));
        passage.created = made;
        passage.edited = made;
        passage.note = spec.note.to_owned();
        ensure!(!spec.tags.is_empty(), "{}: no tags", what());
        for name in &spec.tags {
            let tag = tag_ids
                .get(name)
                .ok_or_else(|| anyhow!("{}: no tag named {name:?}", what()))?;
            passage.tags.push(*tag);
        }
        for tag in &passage.tags {
            let redundant = project
                .tag_with_descendants(*tag)
                .into_iter()
                .any(|t| t != *tag && passage.tags.contains(&t));
            ensure!(
                !redundant,
                "{}: carries a tag and one of its sub-tags; keep only the sub-tag",
                what()
            );
        }
        for &(name, role) in &spec.actors {
            passage.actors.push((actor(name).with_context(what)?, role));
        }
        for &(key, role) in &spec.events {
            let event = event_ids
                .get(key)
                .ok_or_else(|| anyhow!("{}: no event {key:?}", what()))?;
            passage.events.push((*event, role));
        }
        let passage_id: PassageId = passage.id;
        add(
            &mut project,
            Edit::AddPassage(Box::new(passage)),
            format!("{} ({passage_id})", what()),
        )?;
    }

    for spec in CLAIMS {
        let mut claim = Claim::new(spec.statement);
        claim.id = id::<ClaimIdKind>(&format!("claim:{}", spec.statement));
        claim.description = spec
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(key) = spec.event {
            claim.event = Some(
                *event_ids
                    .get(key)
                    .ok_or_else(|| anyhow!("claim {:?}: no event {key:?}", spec.statement))?,
            );
        }
        for &(doc, quote, stance) in spec.stances {
            let passage = passage_id(doc, quote);
            ensure!(
                project.passage(passage).is_some(),
                "claim {:?}: no passage in {doc} quoting {quote:?}",
                spec.statement
            );
            claim.stances.push((passage, stance));
        }
        add(
            &mut project,
            Edit::AddClaim(claim),
            format!("claim {:?}", spec.statement),
        )?;
    }
    for &(outlet, grade) in OUTLET_GRADES {
        ensure!(
            project.documents().values().any(|d| d.source == outlet),
            "grade of {outlet:?}: no article names that outlet"
        );
        add(
            &mut project,
            Edit::SetGrade(Grade::Outlet(outlet.to_owned(), grade)),
            format!("grade of {outlet:?}"),
        )?;
    }
    for &(name, grade) in SPEAKER_GRADES {
        add(
            &mut project,
            Edit::SetGrade(Grade::Actor(actor(name)?, grade)),
            format!("grade of {name:?}"),
        )?;
    }
    for &(doc, quote, credibility) in CREDIBILITY {
        add(
            &mut project,
            Edit::SetGrade(Grade::Passage(passage_id(doc, quote), credibility)),
            format!("credibility of {doc} {quote:?}"),
        )?;
    }

    let mut hypotheses = Vec::new();
    for &(title, description) in HYPOTHESES {
        let hypothesis = Hypothesis {
            id: id::<HypothesisIdKind>(&format!("hypothesis:{title}")),
            title: title.to_owned(),
            description: description.to_owned(),
        };
        hypotheses.push(hypothesis.id);
        add(
            &mut project,
            Edit::Ach(AchEdit::AddHypothesis {
                hypothesis,
                at: usize::MAX,
            }),
            format!("hypothesis {title:?}"),
        )?;
    }
    for (cites, relevance, ratings) in ACH_ROWS {
        let source = match cites {
            RowCites::Passage(doc, quote) => {
                let passage = passage_id(doc, quote);
                ensure!(
                    project.passage(passage).is_some(),
                    "evidence row: no passage in {doc} quoting {quote:?}"
                );
                RowSource::Passage(passage)
            }
            RowCites::Claim(statement) => RowSource::Claim(
                project
                    .evidence()
                    .claim_by_statement(statement)
                    .ok_or_else(|| anyhow!("evidence row: no claim {statement:?}"))?
                    .id,
            ),
        };
        let mut row = AchRow::new(source);
        row.relevance = *relevance;
        for (h, rating) in hypotheses.iter().zip(ratings) {
            row.set_rating(*h, Some(*rating));
        }
        add(
            &mut project,
            Edit::Ach(AchEdit::AddRow {
                row,
                at: usize::MAX,
            }),
            format!("evidence row {source}"),
        )?;
    }

    let text = store::to_ron_string(&project).context("writing the project as RON")?;
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join(EXAMPLE_FILE_NAME);
    store::write_atomic(&path, text.as_bytes(), false)
        .with_context(|| format!("writing {}", path.display()))?;

    // Read it back the way the app will: it must load and be canonical.
    let reloaded = store::load(&path).with_context(|| format!("reloading {}", path.display()))?;
    let again = store::to_ron_string(&reloaded).context("re-serialising")?;
    if again != text {
        bail!("{} is not canonical after a reload", path.display());
    }
    ensure!(reloaded == project, "the reloaded project differs");
    println!("wrote {}: {}", path.display(), reloaded.stats());
    Ok(())
}

/// The char span of the `nth` (1-based) occurrence of `quote` in `text`. Without `nth` the quote
/// must occur exactly once.
fn find_quote(text: &Text, quote: &str, nth: Option<usize>) -> Result<(usize, usize)> {
    ensure!(!quote.is_empty(), "the quote is empty");
    let hay = text.as_str();
    let found: Vec<usize> = hay.match_indices(quote).map(|(b, _)| b).collect();
    let byte = match nth {
        None => match found.as_slice() {
            [] => bail!("quote not found: {quote:?}"),
            [only] => *only,
            many => bail!(
                "quote occurs {} times, set `nth` to say which: {quote:?}",
                many.len()
            ),
        },
        Some(n) => *found
            .get(
                n.checked_sub(1)
                    .ok_or_else(|| anyhow!("occurrences count from 1"))?,
            )
            .ok_or_else(|| anyhow!("quote occurs {} times, not {n}: {quote:?}", found.len()))?,
    };
    let start = text
        .char_of_byte(byte)
        .ok_or_else(|| anyhow!("quote starts inside a char: {quote:?}"))?;
    Ok((start, start + quote.chars().count()))
}
