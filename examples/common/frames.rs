//! Frame times of the reader on a long article, headless (no GPU): each frame is
//! `Context::run_ui` + `Context::tessellate`, as a real frame costs before the GPU upload.
//!
//! [`measure`] builds one article of about `bytes` bytes (paragraphs of mixed English, Cyrillic,
//! dashes and emoji) with `passages` overlapping passages carrying tags, actor and event links;
//! then times: the very first frame of a fresh egui context showing it (fonts included), the
//! first frame of a fresh reader on a warm context (what opening the article costs), `frames`
//! frames of steady mouse-wheel scrolling, 100 frames that each scroll a whole screen (fast), one
//! frame after a visible passage is tagged, and one frame after a jump to the middle.

use std::time::Instant;

use dossier::edit::{Edit, apply};
use dossier::model::{
    Actor, ActorId, ActorKind, ActorRole, DocId, Document, Event, EventId, EventKind, EventRole,
    Parts, Passage, PassageId, Project, Rgb, Tag, TagId, Text, Timestamp,
};
use dossier::ui::reader::{ReaderState, reader_ui};
use dossier::ui::theme::Theme;
use egui::{Event as UiEvent, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, vec2};

use super::corpus::Rng;

const WORDS: &[&str] = &[
    "ceasefire",
    "envoy",
    "Kremlin",
    "sanctions",
    "deadline",
    "talks",
    "Moscow",
    "Kyiv",
    "said",
    "the",
    "of",
    "and",
    "a",
    "in",
    "meeting",
    "Witkoff",
    "Putin",
    "Zelenskyy",
    "drone",
    "strikes",
    "Odesa",
    "Zaporizhzhia",
    "—",
    "«перемирие»",
    "переговоры",
    "would",
    "officials",
    "spokesperson",
    "e\u{301}lan",
    "👩\u{200d}👩\u{200d}👧",
    "“productive”",
    "agreement",
];

/// What to measure.
#[derive(Debug, Clone, Copy)]
pub struct FrameArgs {
    /// Size of the article in bytes.
    pub bytes: usize,
    /// Passages on it.
    pub passages: usize,
    /// Frames of steady scrolling.
    pub frames: usize,
}

impl Default for FrameArgs {
    fn default() -> Self {
        Self {
            bytes: 2_000_000,
            passages: 20_000,
            frames: 300,
        }
    }
}

/// What [`measure`] found; times in milliseconds.
#[derive(Debug, Clone)]
pub struct FrameReport {
    /// The article's size.
    pub doc_bytes: usize,
    /// Its passages.
    pub passages: usize,
    /// Building the project.
    pub build_project_ms: f64,
    /// The first frame of a fresh context (fonts and atlas included).
    pub cold_first_frame_ms: f64,
    /// The first frame of a fresh reader on a warm context.
    pub first_frame_ms: f64,
    /// Steady scrolling frames, sorted.
    pub scroll_ms: Vec<f64>,
    /// How far the steady scrolling went.
    pub scrolled_px: f32,
    /// Whole-screen scrolling frames, sorted.
    pub fast_ms: Vec<f64>,
    /// The frame after tagging a visible passage.
    pub after_tag_ms: Option<f64>,
    /// The frame after jumping to the middle.
    pub jump_ms: f64,
}

fn article(rng: &mut Rng, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 2000);
    while text.len() < bytes {
        let words = 30 + rng.below(170);
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            let word = *rng.pick(WORDS);
            text.push_str(word);
            if rng.below(12) == 0 {
                text.push('.');
            }
        }
        text.push_str(".\n\n");
    }
    text.truncate(text.trim_end().len());
    text
}

/// A project with one long article and many passages on it.
pub fn build(args: &FrameArgs) -> Result<(Project, DocId), String> {
    let mut rng = Rng(7);
    let text = Text::new(article(&mut rng, args.bytes));
    let doc = Document {
        id: DocId::random(),
        title: "A very long article".into(),
        source: "Generated".into(),
        author: String::new(),
        url: String::new(),
        published: None,
        origin: String::new(),
        imported: Timestamp(0),
        text: text.clone(),
    };
    let tags: Vec<Tag> = (0..12u8)
        .map(|i| Tag {
            id: TagId::random(),
            name: format!("Tag {i}"),
            color: Rgb([40 + i * 17, 200 - i * 13, 90 + i * 11]),
            parent: None,
            description: String::new(),
        })
        .collect();
    let actors: Vec<Actor> = (0..8)
        .map(|i| Actor {
            author: String::new(),
            id: ActorId::random(),
            name: format!("Actor {i}"),
            kind: ActorKind::Person,
            aliases: Vec::new(),
            description: String::new(),
        })
        .collect();
    let events: Vec<Event> = (0..5)
        .map(|i| Event {
            author: String::new(),
            id: EventId::random(),
            title: format!("Event {i}"),
            date: None,
            place: String::new(),
            kind: EventKind::Consult,
            participants: Vec::new(),
            description: String::new(),
        })
        .collect();
    let len = text.len_chars();
    let mut passages = Vec::with_capacity(args.passages);
    for _ in 0..args.passages {
        let start = rng.below(len.saturating_sub(50));
        let end = (start + 20 + rng.below(380)).min(len);
        let Some(mut p) = Passage::new(&doc, start, end) else {
            continue;
        };
        for _ in 0..rng.below(3) + usize::from(rng.below(4) != 0) {
            p.tags.push(rng.pick(&tags).id);
        }
        if rng.below(10) < 3 {
            p.actors.push((rng.pick(&actors).id, ActorRole::Speaker));
        }
        if rng.below(10) < 2 {
            p.events.push((rng.pick(&events).id, EventRole::Reports));
        }
        passages.push(p);
    }
    let id = doc.id;
    let project = Project::from_parts(Parts {
        title: "Frames".into(),
        tags,
        actors,
        events,
        documents: vec![doc],
        passages,
    })
    .map_err(|problems| format!("the generated project is invalid: {problems:?}"))?;
    Ok((project, id))
}

/// Runs one frame and returns its cost in milliseconds.
pub fn frame(
    ctx: &egui::Context,
    time: &mut f64,
    events: Vec<UiEvent>,
    project: &Project,
    reader: &mut ReaderState,
) -> f64 {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0))),
        time: Some(*time),
        predicted_dt: 1.0 / 60.0,
        events,
        ..RawInput::default()
    };
    *time += 1.0 / 60.0;
    let started = Instant::now();
    let output = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            reader_ui(ui, project, reader, None, &Theme::LIGHT);
        });
    });
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    std::hint::black_box(primitives);
    // No renderer takes the font atlas's updates here; dropping them unapplied is deliberate
    // (a debug build of epaint asserts otherwise).
    let mut textures = output.textures_delta;
    textures.clear();
    ms
}

/// A mouse-wheel event scrolling `dy` points down.
pub fn wheel(dy: f32) -> UiEvent {
    UiEvent::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, -dy),
        phase: TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    }
}

/// The pointer over the reader, so wheel events scroll it.
pub fn pointer_over_reader() -> UiEvent {
    UiEvent::PointerMoved(Pos2::new(700.0, 450.0))
}

/// The value at quantile `p` (0–1) of sorted values; 0 for none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Builds the article and times its frames (see the module documentation).
pub fn measure(args: &FrameArgs) -> Result<FrameReport, String> {
    let build_started = Instant::now();
    let (mut project, doc) = build(args)?;
    let build_project_ms = build_started.elapsed().as_secs_f64() * 1000.0;
    let doc_bytes = project.document(doc).map_or(0, |d| d.text.len_bytes());

    // The very first frame of a fresh context (fonts and atlas included).
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut reader = ReaderState::new();
    reader.set_document(Some(doc));
    let cold_first_frame_ms = frame(&ctx, &mut time, Vec::new(), &project, &mut reader);

    // Opening the article in a fresh reader on a warm context.
    let mut reader = ReaderState::new();
    frame(&ctx, &mut time, Vec::new(), &project, &mut reader);
    reader.set_document(Some(doc));
    let first_frame_ms = frame(&ctx, &mut time, Vec::new(), &project, &mut reader);
    frame(&ctx, &mut time, Vec::new(), &project, &mut reader);

    // Steady scrolling with the mouse wheel over the text.
    frame(
        &ctx,
        &mut time,
        vec![pointer_over_reader()],
        &project,
        &mut reader,
    );
    let start_offset = reader.scroll_offset();
    let mut scroll_ms: Vec<f64> = (0..args.frames)
        .map(|_| frame(&ctx, &mut time, vec![wheel(90.0)], &project, &mut reader))
        .collect();
    let scrolled_px = reader.scroll_offset() - start_offset;
    scroll_ms.sort_by(f64::total_cmp);

    // Fast scrolling: a whole screen of new text every frame (a flung wheel, a dragged scrollbar).
    let mut fast_ms: Vec<f64> = (0..100)
        .map(|_| frame(&ctx, &mut time, vec![wheel(850.0)], &project, &mut reader))
        .collect();
    fast_ms.sort_by(f64::total_cmp);

    // Tag a passage that is on screen: the frame after the edit.
    let visible: Option<PassageId> = {
        let at = reader.top_char();
        project
            .passages_in(doc)
            .find(|p| p.start >= at)
            .map(|p| p.id)
    };
    let tag = project.tags().keys().next().copied();
    let mut after_tag_ms = None;
    if let (Some(p), Some(t)) = (visible, tag) {
        let edit = match project.passage(p).is_some_and(|x| x.tags.contains(&t)) {
            true => Edit::UntagPassage(p, t),
            false => Edit::TagPassage(p, t),
        };
        if apply(&mut project, edit).is_ok() {
            after_tag_ms = Some(frame(&ctx, &mut time, Vec::new(), &project, &mut reader));
        }
    }

    // Jump to the middle of the article.
    let middle = project.document(doc).map_or(0, |d| d.text.len_chars() / 2);
    reader.scroll_to(middle);
    let jump_ms = frame(&ctx, &mut time, Vec::new(), &project, &mut reader);

    Ok(FrameReport {
        doc_bytes,
        passages: project.passage_count(doc),
        build_project_ms,
        cold_first_frame_ms,
        first_frame_ms,
        scroll_ms,
        scrolled_px,
        fast_ms,
        after_tag_ms,
        jump_ms,
    })
}
