//! A text field that takes Arabic as well as English.
//!
//! egui's `TextEdit` lays a line out as the shaper returns it and puts the caret by the
//! glyphs' order: typed Arabic came out with its words left to right and the caret on the
//! wrong side of every letter. A field whose text has Arabic in it is laid out here instead:
//! each line in visual order (`theme::pieces`, the same bidirectional ordering the labels
//! use), then each character's glyph is given the place of the caret before it, in the
//! text's own (logical) order, which is what egui's cursor code reads. The field draws its
//! caret itself (egui's puts the end of a line at its right edge) and places a click by those
//! carets. Text without Arabic goes through egui unchanged. A field that is empty in Arabic
//! starts on the right.

use std::sync::Arc;

use bevy_egui::egui::{
    self, Align, Color32, FontId, Galley, Pos2, Response, Stroke, TextEdit, TextFormat, TextStyle,
    Ui,
    text::{CCursor, CCursorRange, LayoutJob},
};

use super::theme::{self, Piece, has_rtl, pieces};
use crate::i18n::Lang;

/// How a field looks: its width, its hint, and for a field of several lines how many rows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Field<'a> {
    pub width: f32,
    pub hint: Option<&'a str>,
    pub rows: Option<usize>,
}

/// One line laid out: its galley (one row) and the caret places, one before each character
/// and one at the end, in row coordinates.
struct Line {
    galley: Arc<Galley>,
    carets: Vec<f32>,
}

/// A text field in the reading direction of what is typed into it.
pub fn text_field(ui: &mut Ui, lang: Lang, text: &mut String, field: Field) -> Response {
    let font = TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().widgets.inactive.text_color();
    let bidi = has_rtl(text);
    let right = (bidi && first_strong_is_rtl(text)) || (text.is_empty() && lang.rtl());
    let multiline = field.rows.is_some();
    let mut edit = if multiline {
        TextEdit::multiline(text).desired_rows(field.rows.unwrap_or(1))
    } else {
        TextEdit::singleline(text)
    }
    // The same widget whether or not the text has Arabic in it yet, so the first Arabic
    // letter typed does not take the keyboard away from the field.
    .id(ui.next_auto_id().with("text-field"))
    .desired_width(field.width)
    .horizontal_align(if right { Align::RIGHT } else { Align::LEFT });
    if let Some(hint) = field.hint {
        let muted = ui.visuals().weak_text_color();
        edit = edit.hint_text(theme::line(lang, hint, font.clone(), muted));
    }
    if !bidi {
        return ui.scope(|ui| edit.show(ui)).inner.response.response;
    }

    let mut lines: Vec<Vec<f32>> = Vec::new();
    let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        let (galley, carets) = lay_out(ui, buffer.as_str(), &font, color, multiline, wrap_width);
        lines = carets;
        galley
    };
    let caret_stroke = ui.visuals().text_cursor.stroke;
    let out = ui
        .scope(|ui| {
            // This field draws its own caret.
            ui.visuals_mut().text_cursor.stroke = Stroke::NONE;
            edit.layouter(&mut layouter).show(ui)
        })
        .inner;
    let galley = &out.galley;
    let origin = out.galley_pos;
    let id = out.response.response.id;

    // A click goes to the caret nearest to it.
    let response = &out.response.response;
    if (response.clicked() || response.drag_started())
        && let Some(p) = response.interact_pointer_pos()
    {
        let local = p - origin;
        let row = galley
            .rows
            .iter()
            .position(|r| local.y < r.max_y())
            .unwrap_or(galley.rows.len().saturating_sub(1));
        if let (Some(placed), Some(carets)) = (galley.rows.get(row), lines.get(row)) {
            let x = local.x - placed.pos.x;
            let column = nearest(carets, x);
            let before: usize = galley.rows[..row]
                .iter()
                .map(|r| r.row.glyphs.len() + usize::from(r.ends_with_newline))
                .sum();
            let mut state = out.state.clone();
            state
                .cursor
                .set_char_range(Some(CCursorRange::one(CCursor::new(before + column))));
            state.store(ui.ctx(), id);
        }
    }

    // The caret, where the character it stands before (or the end of the line) puts it.
    let cursor = egui::TextEdit::load_state(ui.ctx(), id)
        .and_then(|s| s.cursor.char_range())
        .or(out.cursor_range);
    if response.has_focus()
        && let Some(range) = cursor
    {
        let at = galley.layout_from_cursor(range.primary);
        if let (Some(placed), Some(carets)) = (galley.rows.get(at.row), lines.get(at.row)) {
            let x = carets
                .get(at.column.0)
                .copied()
                .unwrap_or_else(|| carets.last().copied().unwrap_or(0.0));
            let x = origin.x + placed.pos.x + x;
            let top = origin.y + placed.min_y();
            let bottom = origin.y + placed.max_y();
            ui.painter()
                .with_clip_rect(out.text_clip_rect)
                .line_segment([Pos2::new(x, top), Pos2::new(x, bottom)], caret_stroke);
        }
    }
    out.response.response
}

fn first_strong_is_rtl(text: &str) -> bool {
    let info = unicode_bidi::BidiInfo::new(text, None);
    info.paragraphs.first().is_some_and(|p| p.level.is_rtl())
}

/// The index of the caret place nearest to `x`.
fn nearest(carets: &[f32], x: f32) -> usize {
    carets
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map_or(0, |(i, _)| i)
}

/// The whole text: its galley (characters in logical order, each at the caret before it)
/// and each row's caret places.
fn lay_out(
    ui: &Ui,
    text: &str,
    font: &FontId,
    color: Color32,
    multiline: bool,
    wrap_width: f32,
) -> (Arc<Galley>, Vec<Vec<f32>>) {
    let rtl = first_strong_is_rtl(text);
    let mut lines = Vec::new();
    let mut soft = Vec::new();
    for paragraph in text.split('\n') {
        let broken = if multiline && wrap_width.is_finite() {
            break_lines(paragraph, wrap_width, &|s| {
                visual_line(ui, &pieces(s, Some(rtl)), font, color)
                    .rect
                    .width()
            })
        } else {
            vec![paragraph]
        };
        let n = broken.len();
        for (k, line) in broken.into_iter().enumerate() {
            lines.push(lay_line(ui, line, font, color, rtl));
            soft.push(k + 1 < n);
        }
    }
    let galleys: Vec<Arc<Galley>> = lines.iter().map(|l| l.galley.clone()).collect();
    let job = Arc::new(LayoutJob::simple(
        text.to_string(),
        font.clone(),
        color,
        wrap_width,
    ));
    let mut galley = Galley::concat(job, &galleys, ui.ctx().pixels_per_point());
    let widest = galley
        .rows
        .iter()
        .map(|r| r.row.size.x)
        .fold(0.0_f32, f32::max);
    for (row, soft) in galley.rows.iter_mut().zip(soft) {
        if soft {
            row.ends_with_newline = false;
        }
        if rtl {
            // Right-to-left lines end on the right.
            row.pos.x = widest - row.row.size.x;
        }
    }
    galley.mesh_bounds = galley.rect.expand(2.0);
    let carets = lines.into_iter().map(|l| l.carets).collect();
    (Arc::new(galley), carets)
}

/// Breaks a paragraph into lines at spaces, keeping every character (a space stays at the
/// end of its line, as egui does).
fn break_lines<'a>(paragraph: &'a str, width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<&'a str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for word in paragraph.split_inclusive(' ') {
        let candidate = &paragraph[start..end + word.len()];
        if end > start && measure(candidate.trim_end()) > width {
            lines.push(&paragraph[start..end]);
            start = end;
        }
        end += word.len();
    }
    lines.push(&paragraph[start..end]);
    lines
}

/// One line: laid out in visual order, then its glyphs put back in the line's own order,
/// each at the place of the caret before it.
/// A line's pieces laid out left to right as they are drawn.
fn visual_line(ui: &Ui, shown: &[Piece], font: &FontId, color: Color32) -> Arc<Galley> {
    let format = TextFormat {
        font_id: font.clone(),
        color,
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    for piece in shown {
        job.append(&piece.shown, 0.0, format.clone());
    }
    job.wrap.max_width = f32::INFINITY;
    job.keep_trailing_whitespace = true;
    ui.fonts_mut(|f| f.layout_job(job))
}

fn lay_line(ui: &Ui, line: &str, font: &FontId, color: Color32, rtl: bool) -> Line {
    let shown = pieces(line, Some(rtl));
    let visual = visual_line(ui, &shown, font, color);
    let width = |s: &str| {
        ui.fonts_mut(|f| f.layout_no_wrap(s.to_string(), font.clone(), color))
            .rect
            .width()
    };
    let (before, after) = caret_places(line, &shown, &width);
    let end = match after.last() {
        Some(x) => *x,
        None if rtl => visual.rows[0].row.size.x,
        None => 0.0,
    };

    let mut galley = (*visual).clone();
    let row = Arc::make_mut(&mut galley.rows[0].row);
    let no_vertex = row.visuals.glyph_vertex_range.end as u32;
    if let Some(template) = row.glyphs.first().copied() {
        row.glyphs = line
            .chars()
            .enumerate()
            .map(|(i, chr)| {
                let mut glyph = template;
                glyph.chr = chr;
                glyph.pos = Pos2::new(before[i], template.pos.y);
                glyph.advance_width = (after[i] - before[i]).abs();
                // Selection recolours glyphs by vertex ranges in drawing order; these are
                // not in that order, so selected text keeps its colour.
                glyph.first_vertex = no_vertex;
                glyph
            })
            .collect();
    }
    let mut carets = before;
    carets.push(end);
    Line {
        galley: Arc::new(galley),
        carets,
    }
}

/// For each character of the line (in its own order), the caret place before it and after
/// it. Each piece is measured on its own: egui's glyphs for a right-to-left run are not one
/// per character, so they cannot be counted off.
fn caret_places(line: &str, shown: &[Piece], width: &dyn Fn(&str) -> f32) -> (Vec<f32>, Vec<f32>) {
    let count = line.chars().count();
    let mut before = vec![0.0; count];
    let mut after = vec![0.0; count];
    let mut x = 0.0;
    for piece in shown {
        let first = line[..piece.from.start].chars().count();
        let text = &piece.shown;
        let right = x + width(text);
        for (j, (b, c)) in text.char_indices().enumerate() {
            let Some(i) = (first + j < count).then_some(first + j) else {
                break;
            };
            let edges = (width(&text[..b]), width(&text[..b + c.len_utf8()]));
            (before[i], after[i]) = if piece.arabic {
                // The word's letters run right to left from its right edge (joining makes a
                // prefix's width close to the letters' place, not exact).
                (right - edges.0, right - edges.1)
            } else if piece.rtl {
                (x + edges.1, x + edges.0)
            } else {
                (x + edges.0, x + edges.1)
            };
        }
        x = right;
    }
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A single-line field's layout of `text`, with the client's fonts.
    fn laid_out(text: &str) -> (Arc<Galley>, Vec<Vec<f32>>) {
        let ctx = egui::Context::default();
        theme::apply(&ctx, 1.0);
        let mut result = None;
        for _ in 0..2 {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                let font = TextStyle::Body.resolve(ui.style());
                result = Some(lay_out(
                    ui,
                    text,
                    &font,
                    Color32::WHITE,
                    false,
                    f32::INFINITY,
                ));
            });
            out.textures_delta.clear();
        }
        result.unwrap()
    }

    /// The x of the caret and the left and right of the field's text, after a frame.
    fn caret_and_text(out: &egui::FullOutput) -> (f32, f32, f32) {
        fn walk(shape: &egui::Shape, caret: &mut Option<f32>, text: &mut Option<(f32, f32)>) {
            match shape {
                egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, caret, text)),
                egui::Shape::LineSegment { points, .. } if points[0].x == points[1].x => {
                    *caret = Some(points[0].x);
                }
                egui::Shape::Text(t) if t.galley.job.text.contains('س') => {
                    let left = t.pos.x + t.galley.rows[0].pos.x;
                    *text = Some((left, left + t.galley.rows[0].row.size.x));
                }
                _ => {}
            }
        }
        let (mut caret, mut text) = (None, None);
        for clipped in &out.shapes {
            walk(&clipped.shape, &mut caret, &mut text);
        }
        let (left, right) = text.expect("the field's text is drawn");
        (caret.expect("a caret is drawn"), left, right)
    }

    #[test]
    fn typing_arabic_appends_in_order_and_the_caret_stays_at_the_left_end() {
        let ctx = egui::Context::default();
        theme::apply(&ctx, 1.0);
        let mut text = String::new();
        let frame = |events: Vec<egui::Event>, text: &mut String| {
            let input = egui::RawInput {
                focused: true,
                events,
                screen_rect: Some(egui::Rect::from_min_size(
                    Pos2::ZERO,
                    egui::vec2(800.0, 200.0),
                )),
                ..Default::default()
            };
            let mut out = ctx.run_ui(input, |ui| {
                let field = Field {
                    width: 400.0,
                    ..Default::default()
                };
                text_field(ui, Lang::AR, text, field).request_focus();
            });
            out.textures_delta.clear();
            out
        };
        frame(vec![], &mut text);
        frame(vec![], &mut text);
        frame(vec![egui::Event::Text("سلام".into())], &mut text);
        frame(vec![egui::Event::Text(" عليكم".into())], &mut text);
        assert_eq!(text, "سلام عليكم", "typed letters land at the end");
        let (caret, left, right) = caret_and_text(&frame(vec![], &mut text));
        assert!(
            (caret - left).abs() < 3.0,
            "the caret after the last letter is at the left end: {caret} in {left}..{right}"
        );
        let home = egui::Event::Key {
            key: egui::Key::Home,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        frame(vec![home], &mut text);
        let (caret, left, right) = caret_and_text(&frame(vec![], &mut text));
        assert!(
            (caret - right).abs() < 3.0,
            "the caret before the first letter is at the right end: {caret} in {left}..{right}"
        );
        frame(vec![egui::Event::Text("و".into())], &mut text);
        assert_eq!(text, "وسلام عليكم", "typed at the start, it goes first");
    }

    #[test]
    fn a_paragraph_breaks_at_spaces_and_keeps_every_character() {
        let measure = |s: &str| s.chars().count() as f32;
        let lines = break_lines("ab cd  efg h", 5.0, &measure);
        assert_eq!(lines.concat(), "ab cd  efg h");
        assert_eq!(lines, vec!["ab cd  ", "efg h"]);
        assert_eq!(break_lines("", 5.0, &measure), vec![""]);
        assert_eq!(break_lines("abcdefgh", 3.0, &measure), vec!["abcdefgh"]);
    }

    #[test]
    fn a_click_goes_to_the_nearest_caret() {
        assert_eq!(nearest(&[50.0, 40.0, 30.0, 10.0], 33.0), 2);
        assert_eq!(nearest(&[50.0, 40.0, 30.0, 10.0], 0.0), 3);
        assert_eq!(nearest(&[], 3.0), 0);
    }

    #[test]
    fn typed_arabic_reads_right_to_left_with_its_caret_on_the_left_at_the_end() {
        // Two words: the first written is on the right.
        let (galley, carets) = laid_out("سلام عليكم");
        let row = &galley.rows[0].row;
        assert_eq!(row.glyphs.len(), "سلام عليكم".chars().count());
        let chars: String = row.glyphs.iter().map(|g| g.chr).collect();
        assert_eq!(chars, "سلام عليكم", "glyphs are in the text's own order");
        let c = &carets[0];
        assert_eq!(c.len(), row.glyphs.len() + 1);
        // Before the first letter: the right edge. At the end: the left edge.
        assert!(c[0] > c[c.len() - 1] + 20.0, "{c:?}");
        // Every caret moves leftwards (or stays) as one types on.
        assert!(c.windows(2).all(|w| w[1] <= w[0] + 0.5), "{c:?}");
        // The space (after the first word) sits left of the whole first word.
        let space = "سلام".chars().count();
        assert!(c[space] < c[0] && c[space + 1] < c[space], "{c:?}");
    }

    #[test]
    fn english_with_an_arabic_word_keeps_left_to_right_order() {
        let (_, carets) = laid_out("Tallinn سلام ok");
        let c = &carets[0];
        // 'T' starts at the left; "ok" ends at the right; the Arabic word runs right to
        // left between them.
        let t = 0;
        let seen = "Tallinn ".chars().count();
        let o = "Tallinn سلام ".chars().count();
        assert!(c[t] < c[seen] && c[seen] < c[o], "{c:?}");
        assert!(
            c[seen] > c[seen + 1],
            "inside the Arabic word the caret moves left: {c:?}"
        );
        assert!(c[c.len() - 1] > c[o], "{c:?}");
    }
}
