//! Frame times of the reader on a long article, headless (no GPU): each frame is
//! `Context::run_ui` + `Context::tessellate`, as a real frame costs before the GPU upload.
//!
//! `cargo run --release --example reader_frames [-- --bytes 2000000 --passages 20000 --frames 300]`
//!
//! Builds one article of about `--bytes` bytes (paragraphs of mixed English, Cyrillic, dashes and
//! emoji) with `--passages` overlapping passages carrying tags, actor and event links; then times:
//! the very first frame of a fresh egui context showing it (fonts included), the first frame of a
//! fresh reader on a warm context (what opening the article costs), `--frames` frames of steady
//! mouse-wheel scrolling (p50, p95, max), 100 frames that each scroll a whole screen (fast_*),
//! one frame after a visible passage is tagged, and one frame after a jump to the middle. Prints
//! one JSON object.

use std::time::Instant;

use dossier::edit::{Edit, apply};
use dossier::model::{
    Actor, ActorId, ActorKind, ActorRole, DocId, Document, Event, EventId, EventKind, EventRole,
    Parts, Passage, PassageId, Project, Rgb, Tag, TagId, Text, Timestamp,
};
use dossier::ui::reader::{ReaderState, reader_ui};
use dossier::ui::theme::Theme;
use egui::{Event as UiEvent, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, vec2};

/// splitmix64: small and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

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

struct Args {
    bytes: usize,
    passages: usize,
    frames: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        bytes: 2_000_000,
        passages: 20_000,
        frames: 300,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?
            .parse::<usize>()
            .map_err(|e| format!("{flag}: {e}"))?;
        match flag.as_str() {
            "--bytes" => args.bytes = value,
            "--passages" => args.passages = value,
            "--frames" => args.frames = value,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(args)
}

fn article(rng: &mut Rng, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 2000);
    while text.len() < bytes {
        let words = 30 + rng.below(170);
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            text.push_str(WORDS[rng.below(WORDS.len())]);
            if rng.below(12) == 0 {
                text.push('.');
            }
        }
        text.push_str(".\n\n");
    }
    text.truncate(text.trim_end().len());
    text
}

fn build(args: &Args) -> Result<(Project, DocId), String> {
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
            id: ActorId::random(),
            name: format!("Actor {i}"),
            kind: ActorKind::Person,
            aliases: Vec::new(),
            description: String::new(),
        })
        .collect();
    let events: Vec<Event> = (0..5)
        .map(|i| Event {
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
            p.tags.push(tags[rng.below(tags.len())].id);
        }
        if rng.below(10) < 3 {
            p.actors
                .push((actors[rng.below(actors.len())].id, ActorRole::Speaker));
        }
        if rng.below(10) < 2 {
            p.events
                .push((events[rng.below(events.len())].id, EventRole::Reports));
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
fn frame(
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
    ms
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!("reader_frames: {err}");
            std::process::exit(2);
        }
    };
    let build_started = Instant::now();
    let (mut project, doc) = match build(&args) {
        Ok(built) => built,
        Err(err) => {
            eprintln!("reader_frames: {err}");
            std::process::exit(1);
        }
    };
    let build_ms = build_started.elapsed().as_secs_f64() * 1000.0;
    let doc_bytes = project.document(doc).map_or(0, |d| d.text.len_bytes());

    // The very first frame of a fresh context (fonts and atlas included).
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut reader = ReaderState::new();
    reader.set_document(Some(doc));
    let cold_ms = frame(&ctx, &mut time, Vec::new(), &project, &mut reader);

    // Opening the article in a fresh reader on a warm context.
    let mut reader = ReaderState::new();
    frame(&ctx, &mut time, Vec::new(), &project, &mut reader);
    reader.set_document(Some(doc));
    let first_ms = frame(&ctx, &mut time, Vec::new(), &project, &mut reader);
    frame(&ctx, &mut time, Vec::new(), &project, &mut reader);

    // Steady scrolling with the mouse wheel over the text.
    let pointer = UiEvent::PointerMoved(Pos2::new(700.0, 450.0));
    frame(&ctx, &mut time, vec![pointer], &project, &mut reader);
    let start_offset = reader.scroll_offset();
    let mut times = Vec::with_capacity(args.frames);
    for _ in 0..args.frames {
        let wheel = UiEvent::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -90.0),
            phase: TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        };
        times.push(frame(&ctx, &mut time, vec![wheel], &project, &mut reader));
    }
    let scrolled_px = reader.scroll_offset() - start_offset;
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);

    // Fast scrolling: a whole screen of new text every frame (a flung wheel, a dragged scrollbar).
    let mut fast = Vec::with_capacity(100);
    for _ in 0..100 {
        let wheel = UiEvent::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -850.0),
            phase: TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        };
        fast.push(frame(&ctx, &mut time, vec![wheel], &project, &mut reader));
    }
    fast.sort_by(f64::total_cmp);

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

    let report = serde_json::json!({
        "doc_bytes": doc_bytes,
        "passages": project.passage_count(doc),
        "build_project_ms": round2(build_ms),
        "cold_first_frame_ms": round2(cold_ms),
        "first_frame_ms": round2(first_ms),
        "scroll_frames": times.len(),
        "scrolled_px": scrolled_px.round(),
        "p50_ms": round2(percentile(&sorted, 0.50)),
        "p95_ms": round2(percentile(&sorted, 0.95)),
        "max_ms": round2(sorted.last().copied().unwrap_or(0.0)),
        "fast_scroll_frames": fast.len(),
        "fast_p50_ms": round2(percentile(&fast, 0.50)),
        "fast_p95_ms": round2(percentile(&fast, 0.95)),
        "after_tag_ms": after_tag_ms.map(round2),
        "jump_ms": round2(jump_ms),
    });
    println!("{report}");
}
