//! The look: palette, fonts (Noto Naskh Arabic ships in `assets/fonts`), text size, the
//! small widgets every screen shares, and right-to-left text.
//!
//! Right to left: egui 0.36 shapes each run of one font with harfrust, which joins Arabic
//! and lays an Arabic run out right to left, but egui has no bidirectional algorithm: runs
//! are placed left to right, lines are broken in logical order, and brackets are not
//! mirrored between runs. So in Arabic this module breaks paragraphs into lines itself,
//! orders each line's runs with the Unicode bidirectional algorithm (`unicode-bidi`), hands
//! egui one section per run in visual order (Arabic runs stay in logical order for the
//! shaper), reverses and mirrors neutral runs (brackets, punctuation) that sit in
//! right-to-left text, and aligns lines and rows to the right.

use bevy::prelude::*;
use bevy_egui::egui::{
    self, Align, Color32, FontData, FontDefinitions, FontFamily, FontId, Layout, RichText,
    TextFormat, TextStyle, Ui, text::LayoutJob,
};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use crate::i18n::Lang;

/// The fonts a language's file may name (`font: Some("…")`), embedded by file name: the
/// browser build has no disk to read them from.
const FONTS: &[(&str, &[u8])] = &[(
    "NotoNaskhArabic-Regular.ttf",
    include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf"),
)];

/// The Latin text font (egui's own default), and the five symbols the screens draw (✔ ✖ ⚠ ○
/// ⏱), cut from egui's icon font. Instead of egui's four default fonts (1.4 MB, with two
/// emoji fonts and a monospace one the client does not use): see assets/fonts/README.md.
const LATIN: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");
const SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/ThresholdSymbols.ttf");

pub const INK: Color32 = Color32::from_rgb(0xE6, 0xE9, 0xEF);
pub const MUTED: Color32 = Color32::from_rgb(0x9A, 0xA3, 0xB2);
pub const PAPER: Color32 = Color32::from_rgb(0x14, 0x19, 0x22);
pub const PANEL: Color32 = Color32::from_rgb(0x1B, 0x22, 0x2E);
pub const CARD: Color32 = Color32::from_rgb(0x23, 0x2C, 0x3A);
pub const ACCENT: Color32 = Color32::from_rgb(0x4F, 0xA3, 0xE0);
pub const GOOD: Color32 = Color32::from_rgb(0x5C, 0xC2, 0x8A);
pub const WARN: Color32 = Color32::from_rgb(0xE8, 0xB3, 0x4A);
pub const BAD: Color32 = Color32::from_rgb(0xE0, 0x5F, 0x5F);
pub const SEA: Color32 = Color32::from_rgb(0x10, 0x1A, 0x26);
pub const LAND: Color32 = Color32::from_rgb(0x2A, 0x33, 0x40);

/// Text size chosen in Settings (1.0 = normal).
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct TextScale(pub f32);

impl Default for TextScale {
    fn default() -> Self {
        TextScale(1.0)
    }
}

/// Fonts and style for a language and text size.
pub fn apply(ctx: &egui::Context, scale: f32) {
    let mut fonts = FontDefinitions::empty();
    // The Latin font first: digits and punctuation keep their left-to-right shapes; other
    // scripts' letters fall back to their language's font (see `visual_pieces`). Every
    // language's font, whichever is chosen: the language switch names each language in
    // itself, and a scenario's names may be in any script.
    let language_fonts = Lang::all()
        .into_iter()
        .filter_map(Lang::font)
        .filter_map(|name| FONTS.iter().find(|(file, _)| *file == name).copied());
    for (name, bytes) in [
        ("Ubuntu-Light.ttf", LATIN),
        ("ThresholdSymbols.ttf", SYMBOLS),
    ]
    .into_iter()
    .chain(language_fonts)
    {
        fonts.font_data.insert(
            name.into(),
            std::sync::Arc::new(FontData::from_static(bytes)),
        );
        // One family for all text: nothing on the screens is set in monospace.
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.into());
        }
    }
    ctx.set_fonts(fonts);
    let mut style = (*ctx.global_style()).clone();
    let s = scale.clamp(0.75, 1.75);
    style.text_styles = [
        (TextStyle::Heading, FontId::proportional(24.0 * s)),
        (TextStyle::Body, FontId::proportional(15.0 * s)),
        (TextStyle::Button, FontId::proportional(15.0 * s)),
        (TextStyle::Small, FontId::proportional(12.0 * s)),
        (TextStyle::Monospace, FontId::monospace(13.0 * s)),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    style.spacing.button_padding = egui::vec2(10.0, 5.0);
    // Scroll bars take their own strip: egui's floating ones lie over the text, and in
    // Arabic the text ends on the right, under the bar.
    style.spacing.scroll = egui::style::ScrollStyle::solid();
    let v = &mut style.visuals;
    *v = egui::Visuals::dark();
    v.panel_fill = PANEL;
    v.window_fill = PANEL;
    v.extreme_bg_color = PAPER;
    v.override_text_color = Some(INK);
    v.selection.bg_fill = ACCENT.gamma_multiply(0.6);
    v.hyperlink_color = ACCENT;
    ctx.set_global_style(style);
}

/// Sets fonts and style whenever the language or the text size changes.
fn restyle(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    scale: Res<TextScale>,
    mut done: Local<Option<(Lang, f32)>>,
) -> Result {
    let want = (*lang, scale.0);
    if *done != Some(want) {
        apply(contexts.ctx_mut()?, want.1);
        *done = Some(want);
    }
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TextScale>()
        .add_systems(EguiPrimaryContextPass, restyle);
}

/// A root `Ui` covering the window, for panels (egui 0.36 panels live inside a `Ui`).
pub fn root(ctx: &egui::Context) -> Ui {
    Ui::new(
        ctx.clone(),
        "threshold-root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The layout of a row of widgets in the reading direction.
pub fn row_layout(lang: Lang) -> Layout {
    if lang.rtl() {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    }
}

/// A row of widgets in the reading direction.
pub fn row<R>(ui: &mut Ui, lang: Lang, add: impl FnOnce(&mut Ui) -> R) -> R {
    // As `ui.horizontal`: one line high, growing with its content (a bare `with_layout`
    // would centre the row in all the height left).
    let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, row_layout(lang), add)
        .inner
}

/// A row that wraps, in the reading direction.
pub fn row_wrapped<R>(ui: &mut Ui, lang: Lang, add: impl FnOnce(&mut Ui) -> R) -> R {
    let layout = row_layout(lang).with_main_wrap(true);
    let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, layout, add).inner
}

/// A tooltip of several lines, each laid out in the reading direction and aligned to the
/// reading side (a multi-line text given to `line` would run its lines together in Arabic).
pub fn tooltip(response: egui::Response, lang: Lang, lines: &[String]) -> egui::Response {
    response.on_hover_ui(|ui| {
        column(ui, lang, |ui| {
            for text in lines {
                label(ui, lang, text);
            }
        });
    })
}

/// A column aligned to the reading side.
pub fn column<R>(ui: &mut Ui, lang: Lang, add: impl FnOnce(&mut Ui) -> R) -> R {
    let align = if lang.rtl() { Align::Max } else { Align::Min };
    ui.with_layout(Layout::top_down(align), add).inner
}

/// One line of text as egui should draw it: in Arabic, its runs in visual order.
/// Text without any Arabic letter (an English name, a code, "(13c)") keeps its own left to
/// right order in the Arabic interface too.
pub fn line(lang: Lang, text: &str, font: FontId, color: Color32) -> LayoutJob {
    line_in(
        (lang.rtl() && has_rtl(text)).then_some(Some(true)),
        text,
        font,
        color,
    )
}

/// One line in a direction: `None` as egui lays it out (left to right), `Some(Some(true))`
/// right to left, `Some(None)` the direction of its first letter that has one (what people
/// write: an English message in the Arabic interface keeps its question mark at the end).
fn line_in(direction: Option<Option<bool>>, text: &str, font: FontId, color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let format = TextFormat {
        font_id: font,
        color,
        ..Default::default()
    };
    match direction {
        Some(rtl) if !text.is_empty() => {
            for piece in pieces(text, rtl) {
                job.append(&piece.shown, 0.0, format.clone());
            }
        }
        _ => job.append(text, 0.0, format),
    }
    job.wrap.max_width = f32::INFINITY;
    job
}

/// One line cut to `width` at the end of its text in reading order, with "…" (a choice's
/// box). egui would cut a right-to-left line at its visual end, which is where the text
/// begins, so a long Arabic name would show only its last words.
pub fn line_within(
    ui: &Ui,
    lang: Lang,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) -> LayoutJob {
    let ctx = ui.ctx().clone();
    let measure =
        |s: &str| ctx.fonts_mut(|f| f.layout_job(line(lang, s, font.clone(), color)).size().x);
    if measure(text) <= width {
        return line(lang, text, font, color);
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| {
        let head: String = chars[..n].iter().collect();
        format!("{}…", head.trim_end())
    };
    // The longest beginning that fits, then back to the last space if there is one.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if measure(&cut(mid)) <= width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let end = chars[..lo]
        .iter()
        .rposition(|c| *c == ' ')
        .filter(|i| *i > 0)
        .unwrap_or(lo);
    line(lang, &cut(end), font, color)
}

/// A label (titles, buttons' neighbours, table cells).
pub fn label(ui: &mut Ui, lang: Lang, text: &str) -> egui::Response {
    let font = TextStyle::Body.resolve(ui.style());
    let job = fitted(ui, lang, text, font, INK, 0.0);
    ui.label(job)
}

pub fn small(ui: &mut Ui, lang: Lang, text: &str) -> egui::Response {
    let font = TextStyle::Small.resolve(ui.style());
    let job = fitted(ui, lang, text, font, MUTED, 0.0);
    ui.label(job)
}

pub fn heading(ui: &mut Ui, lang: Lang, text: &str) -> egui::Response {
    let font = TextStyle::Heading.resolve(ui.style());
    let job = fitted(ui, lang, text, font, INK, 0.0);
    ui.label(job)
}

pub fn strong(ui: &mut Ui, lang: Lang, text: &str, color: Color32) -> egui::Response {
    let font = TextStyle::Body.resolve(ui.style());
    let job = fitted(ui, lang, text, font, color, 0.0);
    ui.label(job)
}

/// Text for the width available (less `inset`, a widget's own padding). In Arabic a text
/// too wide for one row is broken into rows here, in logical order, each ordered and ending
/// on the right: egui would break the visual order into rows and show the end of the
/// sentence first.
fn fitted(ui: &Ui, lang: Lang, text: &str, font: FontId, color: Color32, inset: f32) -> LayoutJob {
    if !lang.rtl() {
        return line(lang, text, font, color);
    }
    let width = (ui.available_width() - inset).max(60.0);
    let ctx = ui.ctx().clone();
    let measure =
        |s: &str| ctx.fonts_mut(|f| f.layout_job(line(lang, s, font.clone(), color)).size().x);
    if measure(text) <= width {
        return line(lang, text, font, color);
    }
    let rows = wrap_words(text, width, &measure);
    let widths: Vec<f32> = rows.iter().map(|r| measure(r)).collect();
    let widest = widths.iter().copied().fold(0.0, f32::max);
    let format = TextFormat::simple(font.clone(), color);
    let mut job = LayoutJob::default();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            job.append("\n", 0.0, format.clone());
        }
        let mut lead = widest - widths[i];
        let shown: Vec<String> = if has_rtl(row) {
            pieces(row, Some(true))
                .into_iter()
                .map(|p| p.shown)
                .collect()
        } else {
            vec![row.clone()]
        };
        for piece in shown {
            job.append(&piece, std::mem::take(&mut lead), format.clone());
        }
    }
    job.wrap.max_width = f32::INFINITY;
    job
}

pub fn button(ui: &mut Ui, lang: Lang, text: &str) -> egui::Response {
    let font = TextStyle::Button.resolve(ui.style());
    ui.button(line(lang, text, font, INK))
}

/// A prominent button (the main action of a screen).
pub fn primary(ui: &mut Ui, lang: Lang, text: &str) -> egui::Response {
    let font = TextStyle::Button.resolve(ui.style());
    ui.add(
        egui::Button::new(line(lang, text, font, Color32::WHITE))
            .fill(ACCENT.gamma_multiply(0.8))
            .min_size(egui::vec2(180.0, 34.0)),
    )
}

pub fn tab(ui: &mut Ui, lang: Lang, selected: bool, text: &str) -> egui::Response {
    let font = TextStyle::Button.resolve(ui.style());
    let inset = 2.0 * ui.spacing().button_padding.x;
    let job = fitted(ui, lang, text, font, INK, inset);
    ui.selectable_label(selected, job)
}

/// A paragraph that wraps to the width available, in the reading direction.
pub fn paragraph(ui: &mut Ui, lang: Lang, text: &str) {
    paragraph_in(ui, lang, text, TextStyle::Body, INK);
}

/// What a person wrote (a chat message): each line in its own direction, wrapped to the
/// width available, on the interface's side.
pub fn written(ui: &mut Ui, lang: Lang, text: &str) {
    if !lang.rtl() && !has_rtl(text) {
        ui.label(RichText::new(text).text_style(TextStyle::Body).color(INK));
        return;
    }
    let font = TextStyle::Body.resolve(ui.style());
    let width = ui.available_width().max(60.0);
    let ctx = ui.ctx().clone();
    let measure = |s: &str| {
        ctx.fonts_mut(|f| {
            f.layout_job(line_in(Some(None), s, font.clone(), INK))
                .size()
                .x
        })
    };
    let align = if lang.rtl() { Align::Max } else { Align::Min };
    ui.with_layout(Layout::top_down(align), |ui| {
        for para in text.split('\n') {
            for l in wrap_words(para, width, &measure) {
                ui.label(line_in(Some(None), &l, font.clone(), INK));
            }
        }
    });
}

pub fn paragraph_in(ui: &mut Ui, lang: Lang, text: &str, style: TextStyle, color: Color32) {
    if !lang.rtl() {
        ui.label(RichText::new(text).text_style(style).color(color));
        return;
    }
    let font = style.resolve(ui.style());
    let width = ui.available_width().max(60.0);
    let ctx = ui.ctx().clone();
    let measure =
        |s: &str| ctx.fonts_mut(|f| f.layout_job(line(lang, s, font.clone(), color)).size().x);
    ui.with_layout(Layout::top_down(Align::Max), |ui| {
        for para in text.split('\n') {
            for l in wrap_words(para, width, &measure) {
                ui.label(line(lang, &l, font.clone(), color));
            }
        }
    });
}

/// Greedy line breaking in logical order (bidirectional reordering then works per line, as
/// the Unicode algorithm prescribes).
pub fn wrap_words(text: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && measure(&candidate) > width {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

fn is_arabic(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

/// The pieces of one line of a right-to-left paragraph, left to right on screen, each with
/// whether it is Arabic (kept in logical order for the shaper) or not.
pub fn visual_pieces(text: &str) -> Vec<(String, bool)> {
    pieces(text, Some(true))
        .into_iter()
        .map(|p| (p.shown, p.arabic))
        .collect()
}

/// One piece of a line as drawn, left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// The text drawn (brackets mirrored in right-to-left text).
    pub shown: String,
    /// Where it comes from in the line (bytes).
    pub from: std::ops::Range<usize>,
    /// An Arabic word: handed to the shaper in logical order, which lays it out right to left.
    pub arabic: bool,
    /// It sits in right-to-left text.
    pub rtl: bool,
}

/// The pieces of one line in visual order. `rtl` is the paragraph's direction: `None` takes
/// it from the first letter with a direction (as a field does with text typed into it).
pub fn pieces(text: &str, rtl: Option<bool>) -> Vec<Piece> {
    use unicode_bidi::{BidiInfo, Level};
    let level = rtl.map(|r| if r { Level::rtl() } else { Level::ltr() });
    let info = BidiInfo::new(text, level);
    let mut out = Vec::new();
    for para in &info.paragraphs {
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let piece = &text[run.clone()];
            if !levels[run.start].is_rtl() {
                out.push(Piece {
                    shown: piece.to_string(),
                    from: run.clone(),
                    arabic: false,
                    rtl: false,
                });
                continue;
            }
            // Inside a right-to-left run the words follow each other right to left. Each
            // Arabic word goes to the shaper as it is (it lays the letters out right to
            // left and joins them); spaces and punctuation are placed here, brackets
            // mirrored.
            let mut tokens: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
            for (i, c) in piece.char_indices() {
                let arabic = is_arabic(c) || matches!(c, '\u{200c}' | '\u{200d}');
                let at = run.start + i..run.start + i + c.len_utf8();
                match tokens.last_mut() {
                    Some((word, true)) if arabic => word.end = at.end,
                    _ => tokens.push((at, arabic)),
                }
            }
            for (from, arabic) in tokens.into_iter().rev() {
                let shown = if arabic {
                    text[from.clone()].to_string()
                } else {
                    text[from.clone()].chars().map(mirror).collect()
                };
                out.push(Piece {
                    shown,
                    from,
                    arabic,
                    rtl: true,
                });
            }
        }
    }
    out
}

/// Whether a text has any right-to-left letter (Arabic here).
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(is_arabic)
}

/// A cell of a table row: a fixed width, its content on the reading side (egui's grid lays
/// cells out left to right only, so tables are rows of cells in the reading direction).
pub fn cell(ui: &mut Ui, lang: Lang, width: f32, add: impl FnOnce(&mut Ui)) {
    let align = if lang.rtl() { Align::Max } else { Align::Min };
    ui.allocate_ui_with_layout(
        egui::vec2(width, ui.spacing().interact_size.y),
        Layout::top_down(align),
        |ui| {
            ui.set_width(width);
            add(ui);
        },
    );
}

/// One row of a table (a seat, an exercise, a student), `width` wide: every other row shaded
/// so the eye keeps its line, or `highlight` where a row needs attention.
pub fn striped_row<R>(
    ui: &mut Ui,
    index: usize,
    width: f32,
    highlight: Option<Color32>,
    add: impl FnOnce(&mut Ui) -> R,
) -> egui::InnerResponse<R> {
    let fill = highlight.unwrap_or(if index.is_multiple_of(2) {
        CARD.gamma_multiply(0.5)
    } else {
        Color32::TRANSPARENT
    });
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(5, 3))
        .show(ui, |ui| {
            ui.set_width(width);
            add(ui)
        })
}

/// A framed card.
pub fn card<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Frame::new()
        .fill(CARD)
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        })
        .inner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<String> {
        visual_pieces(s).into_iter().map(|(p, _)| p).collect()
    }

    #[test]
    fn arabic_words_stay_in_logical_order_for_the_shaper() {
        // Each word goes to harfrust unreversed (it lays the letters out right to left);
        // the words themselves are placed right to left.
        assert_eq!(pieces("مجلس الأمن"), vec!["الأمن", " ", "مجلس"]);
    }

    #[test]
    fn latin_inside_arabic_sits_where_a_reader_expects() {
        // "the NATO alliance": visually, the second Arabic word is leftmost.
        let p = pieces("حلف NATO العسكري");
        assert_eq!(p, vec!["العسكري", " ", "NATO", " ", "حلف"]);
    }

    #[test]
    fn brackets_in_right_to_left_text_are_mirrored() {
        // "the norm (13c)" read right to left: the opening bracket is drawn on the right.
        let p = pieces("القاعدة (13c)");
        assert_eq!(p.first().map(String::as_str), Some("("));
        assert_eq!(p.last().map(String::as_str), Some("القاعدة"));
        assert!(p.contains(&"13c".to_string()));
        assert!(p.contains(&")".to_string()));
    }

    /// What people write takes the direction of its first letter: an English chat line in
    /// the Arabic interface keeps its question mark at the end, an Arabic one in the English
    /// interface reads right to left.
    #[test]
    fn written_text_takes_the_direction_of_its_first_letter() {
        let shown = |s: &str, rtl| -> String {
            super::pieces(s, rtl).into_iter().map(|p| p.shown).collect()
        };
        let english = "Aino here: shall we share what we know?";
        assert_eq!(shown(english, None), english);
        assert!(
            shown(english, Some(true)).starts_with('?'),
            "forced right to left"
        );
        assert_eq!(shown("انتهى الاجتماع.", None), ".الاجتماع انتهى");
        assert!(super::pieces("انتهى", None).iter().all(|p| p.rtl));
        assert!(super::pieces("Tallinn", None).iter().all(|p| !p.rtl));
    }

    #[test]
    fn a_full_stop_ends_an_arabic_sentence_on_the_left() {
        let p = pieces("انتهى الاجتماع.");
        assert_eq!(p, vec![".", "الاجتماع", " ", "انتهى"]);
    }

    #[test]
    fn numbers_in_arabic_text_read_left_to_right() {
        // "turn 1 of 6" and a year: digits stay in their own order.
        let p = pieces("الجولة 12 من 2007");
        assert_eq!(p, vec!["2007", " ", "من", " ", "12", " ", "الجولة"]);
    }

    #[test]
    fn lines_break_between_words_in_logical_order() {
        let measure = |s: &str| s.chars().count() as f32;
        let lines = wrap_words("one two three four", 9.0, &measure);
        assert_eq!(lines, vec!["one two", "three", "four"]);
        assert_eq!(wrap_words("", 9.0, &measure), vec![""]);
    }
}
