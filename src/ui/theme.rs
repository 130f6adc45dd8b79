//! Every colour the GUI uses, for light and dark mode, in one place. Views ask the [`Theme`];
//! they never build colours themselves.

use egui::Color32;

use crate::model::Rgb;

/// The palette of one visual mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Whether this is the dark palette.
    pub dark: bool,
    /// Body text of the reader.
    pub text: Color32,
    /// Secondary text: metadata, counts, hints.
    pub weak_text: Color32,
    /// The reader's page background.
    pub page: Color32,
    /// The user's text selection.
    pub selection: Color32,
    /// Outline around the selected passage.
    pub selected_passage: Color32,
    /// Underline marking passages linked to actors.
    pub actor_link: Color32,
    /// Underline marking passages linked to events.
    pub event_link: Color32,
    /// Passages without tags.
    pub untagged: Color32,
    /// Error messages.
    pub error: Color32,
    /// Warnings and the unsaved-changes marker.
    pub warning: Color32,
    /// Confirmations.
    pub success: Color32,
    /// Background of the side panels and bars.
    pub panel: Color32,
    /// Thin separators and outlines.
    pub border: Color32,
    /// The highlighted row of a list (keyboard cursor, current item).
    pub row_highlight: Color32,
    /// A row under the mouse.
    pub row_hover: Color32,
    /// The dimming behind a modal dialog or palette.
    pub backdrop: Color32,
    /// Buttons and links that lead somewhere.
    pub accent: Color32,
    /// Inside text fields.
    pub field: Color32,
}

impl Theme {
    /// The light palette.
    pub const LIGHT: Self = Self {
        dark: false,
        text: Color32::from_rgb(0x1f, 0x23, 0x28),
        weak_text: Color32::from_rgb(0x5f, 0x66, 0x6d),
        page: Color32::from_rgb(0xfc, 0xfc, 0xfa),
        selection: Color32::from_rgba_premultiplied(0x1f, 0x6f, 0xeb, 0x55),
        selected_passage: Color32::from_rgb(0x1f, 0x4f, 0xbf),
        actor_link: Color32::from_rgb(0x7a, 0x3e, 0xc8),
        event_link: Color32::from_rgb(0x0b, 0x7a, 0x75),
        untagged: Color32::from_rgb(0xb8, 0xb8, 0xb8),
        error: Color32::from_rgb(0xc0, 0x1c, 0x28),
        warning: Color32::from_rgb(0xb3, 0x5c, 0x00),
        success: Color32::from_rgb(0x1a, 0x7f, 0x37),
        panel: Color32::from_rgb(0xf3, 0xf3, 0xf0),
        border: Color32::from_rgb(0xdc, 0xdc, 0xd6),
        row_highlight: Color32::from_rgb(0xdd, 0xe7, 0xfa),
        row_hover: Color32::from_rgb(0xe9, 0xe9, 0xe4),
        backdrop: Color32::from_rgba_premultiplied(0x10, 0x12, 0x16, 0x50),
        accent: Color32::from_rgb(0x1f, 0x5f, 0xcf),
        field: Color32::from_rgb(0xff, 0xff, 0xff),
    };

    /// The dark palette.
    pub const DARK: Self = Self {
        dark: true,
        text: Color32::from_rgb(0xe6, 0xe6, 0xe3),
        weak_text: Color32::from_rgb(0x9d, 0xa3, 0xa8),
        page: Color32::from_rgb(0x1b, 0x1d, 0x20),
        selection: Color32::from_rgba_premultiplied(0x2f, 0x6f, 0xd8, 0x66),
        selected_passage: Color32::from_rgb(0x8a, 0xb4, 0xf8),
        actor_link: Color32::from_rgb(0xc3, 0x9b, 0xff),
        event_link: Color32::from_rgb(0x4f, 0xd1, 0xc5),
        untagged: Color32::from_rgb(0x6a, 0x6a, 0x6a),
        error: Color32::from_rgb(0xff, 0x7b, 0x72),
        warning: Color32::from_rgb(0xe3, 0xa0, 0x4f),
        success: Color32::from_rgb(0x56, 0xd3, 0x64),
        panel: Color32::from_rgb(0x23, 0x25, 0x29),
        border: Color32::from_rgb(0x3a, 0x3d, 0x42),
        row_highlight: Color32::from_rgb(0x2c, 0x3e, 0x5e),
        row_hover: Color32::from_rgb(0x30, 0x33, 0x38),
        backdrop: Color32::from_rgba_premultiplied(0x00, 0x00, 0x00, 0x80),
        accent: Color32::from_rgb(0x8a, 0xb4, 0xf8),
        field: Color32::from_rgb(0x15, 0x17, 0x1a),
    };

    /// Colours offered to new tags, in order: distinct hues that read on both page colours.
    pub const TAG_COLORS: [Rgb; 12] = [
        Rgb([0xd9, 0x82, 0x2b]),
        Rgb([0x3b, 0x82, 0xc4]),
        Rgb([0x2e, 0x9e, 0x6a]),
        Rgb([0xc4, 0x3b, 0x5c]),
        Rgb([0x8e, 0x5c, 0xc7]),
        Rgb([0xc9, 0xa2, 0x27]),
        Rgb([0x1f, 0xa0, 0xa8]),
        Rgb([0xd6, 0x5d, 0xb1]),
        Rgb([0x6b, 0x8e, 0x23]),
        Rgb([0xb5, 0x65, 0x3a]),
        Rgb([0x5c, 0x6b, 0xc0]),
        Rgb([0x7f, 0x8c, 0x8d]),
    ];

    /// The frame of a card on the page: page fill, a thin border, rounded corners, `margin`
    /// points inside.
    pub fn card(&self, margin: i8) -> egui::Frame {
        egui::Frame::NONE
            .fill(self.page)
            .stroke(egui::Stroke::new(1.0, self.border))
            .corner_radius(6.0)
            .inner_margin(egui::Margin::same(margin))
    }

    /// The first of [`Self::TAG_COLORS`] no existing tag uses (or cycles when all are taken).
    pub fn next_tag_color<'a>(used: impl Iterator<Item = &'a Rgb>) -> Rgb {
        let used: Vec<Rgb> = used.copied().collect();
        Self::TAG_COLORS
            .iter()
            .find(|c| !used.contains(c))
            .copied()
            .unwrap_or(Self::TAG_COLORS[used.len() % Self::TAG_COLORS.len()])
    }

    /// Applies this palette to egui's visuals: panel and window fills, selection, hyperlinks,
    /// separators, and the rounding and spacing the workbench uses.
    pub fn apply_to(&self, style: &mut egui::Style) {
        let v = &mut style.visuals;
        v.panel_fill = self.panel;
        v.window_fill = self.page;
        v.extreme_bg_color = self.page;
        v.text_edit_bg_color = Some(self.field);
        v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, self.border);
        v.faint_bg_color = self.row_hover;
        v.hyperlink_color = self.accent;
        v.selection.bg_fill = self.selection;
        v.widgets.noninteractive.bg_stroke.color = self.border;
        v.window_stroke.color = self.border;
        v.error_fg_color = self.error;
        v.warn_fg_color = self.warning;
        v.window_corner_radius = egui::CornerRadius::same(8);
        v.menu_corner_radius = egui::CornerRadius::same(6);
        let s = &mut style.spacing;
        s.item_spacing = egui::vec2(8.0, 6.0);
        s.button_padding = egui::vec2(8.0, 3.0);
        s.menu_margin = egui::Margin::same(6);
        s.window_margin = egui::Margin::same(14);
    }

    /// The palette matching egui's current visuals.
    pub fn for_visuals(visuals: &egui::Visuals) -> Self {
        if visuals.dark_mode {
            Self::DARK
        } else {
            Self::LIGHT
        }
    }

    /// A tag colour as an opaque swatch (codebook, chips).
    pub fn swatch(&self, color: Rgb) -> Color32 {
        let [r, g, b] = color.0;
        Color32::from_rgb(r, g, b)
    }

    /// A tag colour as a highlight behind text: blended towards the page so body text stays
    /// readable (about 35% tag colour on light, 45% on dark).
    pub fn highlight(&self, color: Rgb) -> Color32 {
        let amount = if self.dark { 0.45 } else { 0.35 };
        blend(self.page, self.swatch(color), amount)
    }

    /// A highlight for several tags at once: the average of their highlights.
    pub fn blended_highlight(&self, colors: &[Rgb]) -> Color32 {
        if colors.is_empty() {
            return blend(self.page, self.untagged, 0.35);
        }
        let n = colors.len() as u32;
        let sum = colors.iter().fold([0u32; 3], |acc, c| {
            let h = self.highlight(*c);
            [
                acc[0] + u32::from(h.r()),
                acc[1] + u32::from(h.g()),
                acc[2] + u32::from(h.b()),
            ]
        });
        Color32::from_rgb((sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8)
    }
}

/// Linear blend of two opaque colours: `amount` 0 gives `base`, 1 gives `over`.
pub fn blend(base: Color32, over: Color32, amount: f32) -> Color32 {
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * amount).round() as u8;
    Color32::from_rgb(
        mix(base.r(), over.r()),
        mix(base.g(), over.g()),
        mix(base.b(), over.b()),
    )
}

/// egui's fonts with DejaVu Sans behind them (the PDF brief's font, shipped in `assets/fonts`),
/// for the glyphs egui's own fonts lack: the arrows of the key help (← → ↑ ↓), ‹ ›, ▲ ▼ and
/// more of Cyrillic and Greek. egui falls back to it glyph by glyph; the look stays egui's.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu-sans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(
            crate::export::pdf::REGULAR_FONT,
        )),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("dejavu-sans".to_owned());
    }
    ctx.set_fonts(fonts);
}
