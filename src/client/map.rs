//! The map of the exercise: Natural Earth country shapes (`assets/map`), the scenario's
//! actors highlighted, and their relations drawn (alliances, trust, tension).

use std::sync::OnceLock;

use bevy_egui::egui::{self, Color32, Pos2, Stroke};

use super::atlas::{self, Atlas, Bounds, PlaceKind};
use super::view_model::{actor_name, edges};
use super::{Lang, theme};
use crate::sim::view::{ActorCard, SeatView};

/// The atlas with each ring's triangles and each country's box, made once.
struct Shapes {
    atlas: Atlas,
    triangles: Vec<Vec<Vec<[u32; 3]>>>,
    boxes: Vec<Bounds>,
}

fn shapes() -> Option<&'static Shapes> {
    static SHAPES: OnceLock<Option<Shapes>> = OnceLock::new();
    SHAPES
        .get_or_init(|| {
            let atlas = Atlas::load().ok()?;
            let triangles = atlas
                .countries
                .iter()
                .map(|c| c.rings.iter().map(|r| atlas::triangulate(r)).collect())
                .collect();
            let boxes = atlas
                .countries
                .iter()
                .map(|c| {
                    let mut b = Bounds {
                        west: 180.0,
                        south: 90.0,
                        east: -180.0,
                        north: -90.0,
                    };
                    for p in c.rings.iter().flatten() {
                        b.west = b.west.min(p[0]);
                        b.east = b.east.max(p[0]);
                        b.south = b.south.min(p[1]);
                        b.north = b.north.max(p[1]);
                    }
                    b
                })
                .collect();
            Some(Shapes {
                atlas,
                triangles,
                boxes,
            })
        })
        .as_ref()
}

/// Tension red, trust green, in between grey: the colour of a relation.
fn relation_color(trust: i32, tension: i32) -> Color32 {
    let t = (tension - trust).clamp(-100, 100) as f32 / 100.0;
    if t >= 0.0 {
        theme::MUTED.lerp_to_gamma(theme::BAD, t)
    } else {
        theme::MUTED.lerp_to_gamma(theme::GOOD, -t)
    }
}

/// Draws the map in a strip of `height` across the available width.
pub fn world(ui: &mut egui::Ui, lang: Lang, v: &SeatView, height: f32) {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 6.0, theme::SEA);
    let places: Vec<(String, atlas::Place)> = v
        .actors
        .iter()
        .filter_map(|a| atlas::place_of(a, &v.actors).map(|p| (a.id.clone(), p)))
        .collect();
    // A scenario of fictional states has no real places: draw its actors as a diagram.
    let unplaced = v
        .actors
        .iter()
        .any(|a| a.is_state && !places.iter().any(|(id, _)| *id == a.id));
    if unplaced {
        schematic(&painter, rect, &response, lang, v);
        return;
    }
    let points: Vec<[f32; 2]> = places.iter().map(|(_, p)| p.point).collect();
    let aspect = rect.width() / rect.height().max(1.0);
    let frame = atlas::frame_with_aspect(&points, aspect);
    let min = [rect.left(), rect.top()];
    let size = [rect.width(), rect.height()];
    let to = |p: [f32; 2]| {
        let s = frame.to_screen(p[0], p[1], min, size);
        Pos2::new(s[0], s[1])
    };
    let Some(shapes) = shapes() else {
        let galley = painter.layout_job(theme::line(
            lang,
            lang.t("map data missing"),
            egui::FontId::proportional(14.0),
            theme::MUTED,
        ));
        painter.galley(rect.center() - galley.size() / 2.0, galley, theme::MUTED);
        return;
    };
    // Whose country is whose: the seat's own, its partners', the others'.
    let fill_of = |country: &str| -> Color32 {
        for (id, p) in &places {
            if p.kind == PlaceKind::State && p.country == country {
                let card = v.actors.iter().find(|a| &a.id == id);
                return if *id == v.actor {
                    theme::ACCENT.gamma_multiply(0.75)
                } else if card.is_some_and(|c| c.partner) {
                    theme::GOOD.gamma_multiply(0.45)
                } else {
                    theme::WARN.gamma_multiply(0.45)
                };
            }
        }
        theme::LAND
    };
    for (i, country) in shapes.atlas.countries.iter().enumerate() {
        if !shapes.boxes[i].intersects(&frame) {
            continue;
        }
        let fill = fill_of(&country.name);
        let mut mesh = egui::Mesh::default();
        for (ring, triangles) in country.rings.iter().zip(&shapes.triangles[i]) {
            let base = mesh.vertices.len() as u32;
            for p in ring {
                mesh.colored_vertex(to(*p), fill);
            }
            for t in triangles {
                mesh.add_triangle(base + t[0], base + t[1], base + t[2]);
            }
        }
        painter.add(egui::Shape::mesh(mesh));
        for ring in &country.rings {
            let outline: Vec<Pos2> = ring.iter().map(|p| to(*p)).collect();
            painter.add(egui::Shape::closed_line(
                outline,
                Stroke::new(0.6, theme::PAPER),
            ));
        }
    }
    // Relations between the states the seat sees.
    let point_of = |id: &str| places.iter().find(|(a, _)| a == id).map(|(_, p)| p.point);
    for e in edges(v) {
        let (Some(a), Some(b)) = (point_of(&e.a), point_of(&e.b)) else {
            continue;
        };
        let line: Vec<Pos2> = atlas::great_circle(a, b, 24).into_iter().map(to).collect();
        let width = 1.0 + (e.tension.max(e.trust) as f32 / 25.0).clamp(0.0, 4.0);
        painter.add(egui::Shape::line(
            line.clone(),
            Stroke::new(width, relation_color(e.trust, e.tension)),
        ));
        if e.allied {
            painter.add(egui::Shape::dashed_line(
                &line,
                Stroke::new(1.5, theme::ACCENT),
                6.0,
                4.0,
            ));
        }
    }
    // The actors, then their names (which keep off every mark).
    // Groups shown at a state's capital hang below its dot, one under the other, on a
    // thread to the capital (drawn on the dot, they would hide whose capital it is).
    let mut hung: Vec<([f32; 2], usize)> = Vec::new();
    let mut marks: Vec<(&str, Pos2, Mark)> = Vec::new();
    for (id, p) in &places {
        let capital = to(p.point);
        let at = if p.kind == PlaceKind::Linked {
            let k = next_of(&mut hung, p.point);
            capital + egui::vec2(0.0, 16.0 + 24.0 * k as f32)
        } else {
            capital
        };
        if !rect.contains(at) {
            continue;
        }
        if at != capital {
            painter.line_segment([capital, at], Stroke::new(1.0, theme::MUTED));
        }
        let card = v.actors.iter().find(|a| &a.id == id);
        let mark = match p.kind {
            PlaceKind::State => Mark::of_state(v, id, card),
            PlaceKind::Organisation => Mark::Institution,
            PlaceKind::Linked => Mark::NonState,
        };
        marks.push((id, at, mark));
    }
    let tip = name_marks(&painter, &response, lang, v, &marks, 1.0, rect);
    legend(&painter, rect, lang);
    if let Some(lines) = tip {
        theme::tooltip(response, lang, &lines);
    }
}

/// How many came before with the same key (0 for the first), counting this one.
fn next_of<K: PartialEq>(counts: &mut Vec<(K, usize)>, key: K) -> usize {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => {
            *n += 1;
            *n - 1
        }
        None => {
            counts.push((key, 1));
            0
        }
    }
}

/// How an actor is marked on the map and the diagram: what it is to the seat.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mark {
    You,
    Partner,
    Other,
    Institution,
    NonState,
}

impl Mark {
    fn of_state(v: &SeatView, id: &str, card: Option<&ActorCard>) -> Mark {
        if id == v.actor {
            Mark::You
        } else if card.is_some_and(|c| c.partner) {
            Mark::Partner
        } else {
            Mark::Other
        }
    }

    fn color(self) -> Color32 {
        match self {
            Mark::You => theme::ACCENT,
            Mark::Partner => theme::GOOD,
            Mark::Other => theme::WARN,
            Mark::Institution => theme::INK,
            Mark::NonState => theme::BAD,
        }
    }

    /// States are dots (yours larger), institutions squares, non-state groups diamonds.
    fn draw(self, painter: &egui::Painter, at: Pos2, scale: f32) {
        let stroke = Stroke::new(1.5, theme::PAPER);
        let r = scale * if self == Mark::You { 7.0 } else { 5.0 };
        match self {
            Mark::Institution => {
                let square = egui::Rect::from_center_size(at, egui::vec2(2.0 * r, 2.0 * r));
                painter.rect(square, 1.0, self.color(), stroke, egui::StrokeKind::Outside);
            }
            Mark::NonState => {
                let r = r * 1.3;
                let corners = [(0.0, -r), (r, 0.0), (0.0, r), (-r, 0.0)];
                let points = corners.map(|(x, y)| at + egui::vec2(x, y)).to_vec();
                painter.add(egui::Shape::convex_polygon(points, self.color(), stroke));
            }
            _ => {
                painter.circle(at, r, self.color(), stroke);
            }
        }
    }
}

fn label_galley(painter: &egui::Painter, lang: Lang, name: &str) -> std::sync::Arc<egui::Galley> {
    let font = egui::FontId::proportional(13.0);
    painter.layout_job(theme::line(lang, name, font, theme::INK))
}

/// Draws the marks, then each name beside its mark, and returns the hovered actor's
/// relations for a tooltip.
fn name_marks(
    painter: &egui::Painter,
    response: &egui::Response,
    lang: Lang,
    v: &SeatView,
    marks: &[(&str, Pos2, Mark)],
    scale: f32,
    bounds: egui::Rect,
) -> Option<Vec<String>> {
    for (_, at, mark) in marks {
        mark.draw(painter, *at, scale);
    }
    let mut labels = Labels {
        bounds,
        taken: marks
            .iter()
            .map(|(_, at, _)| egui::Rect::from_center_size(*at, egui::vec2(12.0, 12.0) * scale))
            .collect(),
    };
    let mut tip = None;
    for (id, at, _) in marks {
        let galley = label_galley(painter, lang, actor_name(v, id, lang.code()));
        labels.draw(painter, *at, 6.0 * scale + 3.0, galley);
        if response.hover_pos().is_some_and(|h| h.distance(*at) < 12.0) {
            tip = Some(relations_tip(v, id, lang));
        }
    }
    tip
}

/// Name labels that keep inside the drawing, off the marks and out of each other's way.
struct Labels {
    bounds: egui::Rect,
    /// The marks and the labels drawn so far.
    taken: Vec<egui::Rect>,
}

impl Labels {
    /// Draws a name (on a dimmed backing) beside the mark at `at`, `gap` from its centre:
    /// in the first place around it (above right, below right, above left, below left,
    /// right, left, below, above) that is inside the drawing and covers no other mark or
    /// name, or else the first such place a line lower (up to seven lines), with a thread
    /// to the mark.
    fn draw(
        &mut self,
        painter: &egui::Painter,
        at: Pos2,
        gap: f32,
        galley: std::sync::Arc<egui::Galley>,
    ) {
        let size = galley.size() + egui::vec2(4.0, 4.0);
        let (w, h) = (size.x, size.y);
        let spots = [
            egui::vec2(gap, -h - 1.0),
            egui::vec2(gap, 1.0),
            egui::vec2(-gap - w, -h - 1.0),
            egui::vec2(-gap - w, 1.0),
            egui::vec2(gap, -h / 2.0),
            egui::vec2(-gap - w, -h / 2.0),
            egui::vec2(-w / 2.0, gap),
            egui::vec2(-w / 2.0, -gap - h),
        ];
        let inside = |r: egui::Rect| {
            let dx =
                (self.bounds.min.x - r.min.x).max(0.0) - (r.max.x - self.bounds.max.x).max(0.0);
            let dy =
                (self.bounds.min.y - r.min.y).max(0.0) - (r.max.y - self.bounds.max.y).max(0.0);
            r.translate(egui::vec2(dx, dy))
        };
        let free = |r: &egui::Rect| !self.taken.iter().any(|t| t.intersects(*r));
        // Each place beside the mark, then the same places a line lower at a time.
        let place = |o: egui::Vec2, k: usize| {
            let down = egui::vec2(0.0, k as f32 * (h + 1.0));
            inside(egui::Rect::from_min_size(at + o + down, size))
        };
        let found = (0..8).find_map(|k| {
            spots
                .iter()
                .map(|o| place(*o, k))
                .find(|r| free(r))
                .map(|r| (r, k))
        });
        let (label, lowered) = found.unwrap_or((place(spots[0], 0), 1));
        if lowered > 0 {
            // Away from its mark, a thread leads to it.
            let end = label.clamp(at);
            painter.line_segment([at, end], Stroke::new(1.0, theme::MUTED));
        }
        self.taken.push(label);
        painter.rect_filled(label, 3.0, theme::PAPER.gamma_multiply(0.7));
        painter.galley(label.min + egui::vec2(2.0, 2.0), galley, theme::INK);
    }
}

/// An actor's name and its relations with every other actor the seat sees.
fn relations_tip(v: &SeatView, id: &str, lang: Lang) -> Vec<String> {
    let code = lang.code();
    let mut lines = vec![actor_name(v, id, code).to_string()];
    for r in v.relations.iter().filter(|r| r.a == id || r.b == id) {
        let other = if r.a == id { &r.b } else { &r.a };
        lines.push(format!(
            "{} · {} {} · {} {}",
            actor_name(v, other, code),
            lang.t("trust"),
            r.trust,
            lang.t("tension"),
            r.tension
        ));
    }
    lines
}

/// What the marks and lines mean, along the bottom of the drawing (from the right in
/// Arabic).
fn legend(painter: &egui::Painter, rect: egui::Rect, lang: Lang) {
    enum Swatch {
        Mark(Mark),
        Line(Color32, bool),
    }
    let items = [
        (Swatch::Mark(Mark::You), lang.t("you")),
        (Swatch::Mark(Mark::Partner), lang.t("partners")),
        (Swatch::Mark(Mark::Other), lang.t("others")),
        (Swatch::Mark(Mark::NonState), lang.t("non-state group")),
        (Swatch::Line(theme::GOOD, false), lang.t("trust")),
        (Swatch::Line(theme::BAD, false), lang.t("tension")),
        (
            Swatch::Line(theme::ACCENT, true),
            lang.t("in one institution"),
        ),
    ];
    let y = rect.bottom() - 16.0;
    let swatch_w = 18.0;
    let mut x = if lang.rtl() {
        rect.right() - 10.0
    } else {
        rect.left() + 10.0
    };
    for (swatch, text) in items {
        let font = egui::FontId::proportional(12.0);
        let galley = painter.layout_job(theme::line(lang, text, font, theme::INK));
        let w = swatch_w + 4.0 + galley.size().x;
        let left = if lang.rtl() { x - w } else { x };
        // The swatch comes first in the reading direction.
        let (swatch_x, text_x) = if lang.rtl() {
            (left + w - swatch_w, left)
        } else {
            (left, left + swatch_w + 4.0)
        };
        let centre = Pos2::new(swatch_x + swatch_w / 2.0, y);
        match swatch {
            Swatch::Mark(mark) => mark.draw(painter, centre, 0.8),
            Swatch::Line(color, dashed) => {
                let ends = [centre - egui::vec2(8.0, 0.0), centre + egui::vec2(8.0, 0.0)];
                if dashed {
                    painter.add(egui::Shape::dashed_line(
                        &ends,
                        Stroke::new(1.5, color),
                        4.0,
                        2.0,
                    ));
                } else {
                    painter.line_segment(ends, Stroke::new(2.5, color));
                }
            }
        }
        painter.galley(
            Pos2::new(text_x, y - galley.size().y / 2.0),
            galley,
            theme::INK,
        );
        x = if lang.rtl() {
            x - w - 18.0
        } else {
            x + w + 18.0
        };
    }
}

/// The actors on an ellipse (states) with the same marks and relation lines as the map,
/// for scenarios set among fictional states. A non-state group the seat knows to operate
/// from a state sits between that state and the centre; the others share the centre.
fn schematic(
    painter: &egui::Painter,
    rect: egui::Rect,
    response: &egui::Response,
    lang: Lang,
    v: &SeatView,
) {
    let code = lang.code();
    let states: Vec<&ActorCard> = v.actors.iter().filter(|a| a.is_state).collect();
    let others: Vec<&ActorCard> = v.actors.iter().filter(|a| !a.is_state).collect();
    // Room for the legend under the ellipse.
    let centre = rect.center() - egui::vec2(0.0, 10.0);
    let (rx, ry) = (rect.width() * 0.38, rect.height() * 0.34);
    let mut at: Vec<(String, Pos2)> = Vec::new();
    for (i, a) in states.iter().enumerate() {
        let angle = std::f32::consts::TAU * i as f32 / states.len().max(1) as f32
            - std::f32::consts::FRAC_PI_2;
        at.push((
            a.id.clone(),
            centre + egui::vec2(rx * angle.cos(), ry * angle.sin()),
        ));
    }
    let state_at = |id: &str, at: &[(String, Pos2)]| {
        at.iter()
            .take(states.len())
            .find(|(s, _)| s == id)
            .map(|(_, p)| *p)
    };
    let mut central = Vec::new();
    let mut linked_count: Vec<(&str, usize)> = Vec::new();
    for a in &others {
        let home = a.linked_state.as_deref();
        match home.and_then(|h| state_at(h, &at).map(|p| (h, p))) {
            Some((home, p)) => {
                let k = next_of(&mut linked_count, home);
                let t = (0.55 - 0.15 * k as f32).max(0.1);
                at.push((a.id.clone(), centre + (p - centre) * t));
            }
            None => central.push(*a),
        }
    }
    // The centre row is spaced by the width of its names.
    let widths: Vec<f32> = central
        .iter()
        .map(|a| {
            label_galley(painter, lang, actor_name(v, &a.id, code))
                .size()
                .x
                + 24.0
        })
        .collect();
    let mut x = centre.x - widths.iter().sum::<f32>() / 2.0;
    for (a, w) in central.iter().zip(&widths) {
        at.push((a.id.clone(), Pos2::new(x + w / 2.0, centre.y)));
        x += w;
    }
    let pos = |id: &str| at.iter().find(|(a, _)| a == id).map(|(_, p)| *p);
    for e in edges(v) {
        let (Some(a), Some(b)) = (pos(&e.a), pos(&e.b)) else {
            continue;
        };
        let width = 1.0 + (e.tension.max(e.trust) as f32 / 25.0).clamp(0.0, 4.0);
        painter.line_segment(
            [a, b],
            Stroke::new(width, relation_color(e.trust, e.tension)),
        );
        if e.allied {
            painter.add(egui::Shape::dashed_line(
                &[a, b],
                Stroke::new(1.5, theme::ACCENT),
                6.0,
                4.0,
            ));
        }
    }
    let marks: Vec<(&str, Pos2, Mark)> = v
        .actors
        .iter()
        .filter_map(|a| {
            let mark = if a.is_state {
                Mark::of_state(v, &a.id, Some(a))
            } else {
                Mark::NonState
            };
            pos(&a.id).map(|p| (a.id.as_str(), p, mark))
        })
        .collect();
    let tip = name_marks(painter, response, lang, v, &marks, 1.3, rect);
    let font = egui::FontId::proportional(12.0);
    let note = painter.layout_job(theme::line(
        lang,
        lang.t("A diagram: the scenario's states are fictional"),
        font,
        theme::MUTED,
    ));
    let note_at = if lang.rtl() {
        rect.right_top() + egui::vec2(-10.0 - note.size().x, 8.0)
    } else {
        rect.left_top() + egui::vec2(10.0, 8.0)
    };
    painter.galley(note_at, note, theme::MUTED);
    legend(painter, rect, lang);
    if let Some(lines) = tip {
        theme::tooltip(response.clone(), lang, &lines);
    }
}
