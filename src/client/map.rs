//! The map of the exercise: Natural Earth country shapes (`assets/map`), the scenario's
//! actors highlighted, and their relations drawn (alliances, trust, tension).

use std::sync::OnceLock;

use bevy_egui::egui::{self, Color32, Pos2, Stroke};

use super::atlas::{self, Atlas, Bounds, PlaceKind};
use super::view_model::{actor_name, edges};
use super::{Lang, theme};
use crate::sim::view::SeatView;

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
    let code = lang.code();
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 6.0, theme::SEA);
    let places: Vec<(String, atlas::Place)> = v
        .actors
        .iter()
        .filter_map(|a| {
            atlas::place_for(&a.id, a.linked_state.as_deref()).map(|p| (a.id.clone(), p))
        })
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
    // The actors, with their names.
    let hover = response.hover_pos();
    let mut tip: Option<String> = None;
    // Labels already drawn: a label that would cover one moves down a line.
    let mut taken: Vec<egui::Rect> = Vec::new();
    for (id, p) in &places {
        let at = to(p.point);
        if !rect.contains(at) {
            continue;
        }
        let me = *id == v.actor;
        let radius = if me { 7.0 } else { 5.0 };
        let color = match p.kind {
            PlaceKind::State if me => theme::ACCENT,
            PlaceKind::State => theme::INK,
            PlaceKind::Organisation => theme::GOOD,
            PlaceKind::Linked => theme::BAD,
        };
        painter.circle(at, radius, color, Stroke::new(1.5, theme::PAPER));
        let name = actor_name(v, id, code);
        let font = egui::FontId::proportional(13.0);
        let galley = painter.layout_job(theme::line(lang, name, font, theme::INK));
        let offset = match p.kind {
            PlaceKind::Linked => egui::vec2(8.0, 4.0),
            _ => egui::vec2(8.0, -galley.size().y - 2.0),
        };
        let mut label = egui::Rect::from_min_size(at + offset, galley.size()).expand(2.0);
        // A label that would leave the map goes to the other side of its point, and stays
        // inside the map either way.
        if label.max.x > rect.max.x {
            label = label.translate(egui::vec2(-(label.width() + 2.0 * offset.x), 0.0));
        }
        if label.min.x < rect.min.x {
            label = label.translate(egui::vec2(rect.min.x - label.min.x, 0.0));
        }
        for _ in 0..6 {
            if !taken.iter().any(|r| r.intersects(label)) {
                break;
            }
            label = label.translate(egui::vec2(0.0, label.height() + 1.0));
        }
        taken.push(label);
        let pos = label.min + egui::vec2(2.0, 2.0);
        painter.rect_filled(label, 3.0, theme::PAPER.gamma_multiply(0.7));
        painter.galley(pos, galley, theme::INK);
        if hover.is_some_and(|h| h.distance(at) < 12.0) {
            let mut lines = vec![name.to_string()];
            for r in v.relations.iter().filter(|r| r.a == *id || r.b == *id) {
                let other = if r.a == *id { &r.b } else { &r.a };
                lines.push(format!(
                    "{} · {} {} · {} {}",
                    actor_name(v, other, code),
                    lang.t("trust"),
                    r.trust,
                    lang.t("tension"),
                    r.tension
                ));
            }
            tip = Some(lines.join("\n"));
        }
    }
    // Legend.
    let legend = [
        (theme::ACCENT, lang.t("you")),
        (theme::GOOD, lang.t("partners")),
        (theme::WARN, lang.t("others")),
        (theme::BAD, lang.t("tension")),
    ];
    let mut x = rect.left() + 10.0;
    for (color, text) in legend {
        let y = rect.bottom() - 16.0;
        painter.circle_filled(Pos2::new(x, y), 5.0, color);
        let galley = painter.layout_job(theme::line(
            lang,
            text,
            egui::FontId::proportional(12.0),
            theme::INK,
        ));
        let w = galley.size().x;
        painter.galley(
            Pos2::new(x + 8.0, y - galley.size().y / 2.0),
            galley,
            theme::INK,
        );
        x += w + 28.0;
    }
    if let Some(text) = tip {
        let font = egui::TextStyle::Body.resolve(&ui_style(&response));
        response.on_hover_text(theme::line(lang, &text, font, theme::INK));
    }
}

/// The actors on an ellipse (states) around their institutions, with the same relation
/// lines as the map: for scenarios set among fictional states.
fn schematic(
    painter: &egui::Painter,
    rect: egui::Rect,
    response: &egui::Response,
    lang: Lang,
    v: &SeatView,
) {
    let code = lang.code();
    let states: Vec<&crate::sim::view::ActorCard> =
        v.actors.iter().filter(|a| a.is_state).collect();
    let others: Vec<&crate::sim::view::ActorCard> =
        v.actors.iter().filter(|a| !a.is_state).collect();
    let centre = rect.center();
    let (rx, ry) = (rect.width() * 0.38, rect.height() * 0.36);
    let mut at: Vec<(String, Pos2)> = Vec::new();
    for (i, a) in states.iter().enumerate() {
        let angle = std::f32::consts::TAU * i as f32 / states.len().max(1) as f32
            - std::f32::consts::FRAC_PI_2;
        at.push((
            a.id.clone(),
            centre + egui::vec2(rx * angle.cos(), ry * angle.sin()),
        ));
    }
    for (i, a) in others.iter().enumerate() {
        let x = (i as f32 - (others.len() as f32 - 1.0) / 2.0) * 130.0;
        at.push((a.id.clone(), centre + egui::vec2(x, 0.0)));
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
    let mut tip = None;
    for a in &v.actors {
        let Some(p) = pos(&a.id) else { continue };
        let me = a.id == v.actor;
        let color = if me {
            theme::ACCENT
        } else if !a.is_state {
            theme::GOOD
        } else if a.partner {
            theme::GOOD.gamma_multiply(0.8)
        } else {
            theme::WARN
        };
        painter.circle(
            p,
            if me { 9.0 } else { 7.0 },
            color,
            Stroke::new(1.5, theme::PAPER),
        );
        let name = actor_name(v, &a.id, code);
        let galley = painter.layout_job(theme::line(
            lang,
            name,
            egui::FontId::proportional(13.0),
            theme::INK,
        ));
        let at = p + egui::vec2(-galley.size().x / 2.0, 10.0);
        painter.galley(at, galley, theme::INK);
        if response.hover_pos().is_some_and(|h| h.distance(p) < 12.0) {
            tip = Some(name.to_string());
        }
    }
    painter.text(
        rect.left_top() + egui::vec2(10.0, 8.0),
        egui::Align2::LEFT_TOP,
        lang.t("map.schematic"),
        egui::FontId::proportional(12.0),
        theme::MUTED,
    );
    if let Some(t) = tip {
        let font = egui::TextStyle::Body.resolve(&ui_style(response));
        response
            .clone()
            .on_hover_text(theme::line(lang, &t, font, theme::INK));
    }
}

/// The style a response's widget was drawn with (for a tooltip's font).
fn ui_style(response: &egui::Response) -> std::sync::Arc<egui::Style> {
    response.ctx.global_style()
}
