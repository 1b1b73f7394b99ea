//! The glossary where a term appears: a term or number on screen carries its entry
//! (`assets/glossary.ron`) on hover, and a click opens the Codex at it.

use bevy_egui::egui;

use super::theme;
use crate::i18n::Lang;
use crate::i18n::terms::{Entry, entry, glossary};
use crate::scenario::{OrderKind, Var};

/// The glossary entry of a variable (by the name the screen gives it).
pub fn of_var(var: Var) -> Option<&'static Entry> {
    glossary().iter().find(|e| e.term == var.term())
}

/// The glossary entry of an order kind (`order_` and the kind in snake case).
pub fn of_order(kind: OrderKind) -> Option<&'static Entry> {
    let name = format!("{kind:?}");
    let mut id = String::from("order_");
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            id.push('_');
        }
        id.push(c.to_ascii_lowercase());
    }
    entry(&id)
}

/// An entry as a tooltip shows it: the term, the explanation, where it comes from.
pub fn show_entry(ui: &mut egui::Ui, l: Lang, e: &Entry) {
    ui.set_max_width(420.0);
    theme::column(ui, l, |ui| {
        theme::strong(ui, l, l.t_any(&e.term), theme::ACCENT);
        theme::paragraph_in(ui, l, l.t_any(&e.text), egui::TextStyle::Body, theme::INK);
        theme::paragraph_in(ui, l, &e.source, egui::TextStyle::Small, theme::MUTED);
    });
}

/// The glossary entry explaining each legal reading of an incident.
const READINGS: [(crate::scenario::Reading, &str); 6] = {
    use crate::scenario::Reading as R;
    [
        (R::BelowThreshold, "escalation_ladder"),
        (R::Crime, "escalation_ladder"),
        (R::WrongfulAct, "wrongful_act"),
        (R::UseOfForce, "use_of_force"),
        (R::ArmedAttack, "armed_attack"),
        (R::CumulativeArmedAttack, "armed_attack"),
    ]
};

/// The glossary entry of a legal reading of an incident.
pub fn of_reading(r: crate::scenario::Reading) -> Option<&'static Entry> {
    READINGS
        .iter()
        .find(|(x, _)| *x == r)
        .and_then(|(_, id)| entry(id))
}

/// The glossary entry of a phase (`phase_` and its name).
pub fn of_phase(phase: crate::sim::clock::Phase) -> Option<&'static Entry> {
    entry(&format!("phase_{}", phase.name()))
}

/// Gives `response` the glossary entry `id` on hover; a click asks for the Codex at it
/// (the caller opens it: `opened` is set to the entry's id).
pub fn explain(
    response: egui::Response,
    l: Lang,
    id: &str,
    opened: &mut Option<String>,
) -> egui::Response {
    let Some(e) = entry(id) else {
        return response;
    };
    let response = response
        .on_hover_cursor(egui::CursorIcon::Help)
        .on_hover_ui(|ui| show_entry(ui, l, e));
    if response.clicked() {
        *opened = Some(e.id.clone());
    }
    response
}

/// Gives `response` the glossary entry `id` on hover (where a click does something else).
pub fn hover(response: egui::Response, l: Lang, id: &str) -> egui::Response {
    match entry(id) {
        Some(e) => response.on_hover_ui(|ui| show_entry(ui, l, e)),
        None => response,
    }
}

/// A short text that explains itself: drawn small, underlined by a dotted line, with its
/// glossary entry on hover.
pub fn term(
    ui: &mut egui::Ui,
    l: Lang,
    text: &str,
    id: &str,
    opened: &mut Option<String>,
) -> egui::Response {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let response = ui
        .add(egui::Label::new(theme::line(l, text, font, theme::INK)).sense(egui::Sense::click()));
    let r = response.rect;
    let y = r.bottom() - 1.0;
    let mut x = r.left();
    while x < r.right() {
        ui.painter().line_segment(
            [egui::pos2(x, y), egui::pos2((x + 2.0).min(r.right()), y)],
            egui::Stroke::new(1.0, theme::MUTED),
        );
        x += 4.0;
    }
    explain(response, l, id, opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every term the screens explain has its entry: the variables in the status bar, each
    /// phase's banner, the evidence layers, the confidence of an assessment.
    #[test]
    fn every_term_the_screens_explain_has_its_entry() {
        use crate::scenario::Layer;
        use crate::sim::clock::Phase;
        for var in Var::ALL {
            assert!(of_var(var).is_some(), "{var:?}");
        }
        for phase in [
            Phase::Briefing,
            Phase::Negotiation,
            Phase::Orders,
            Phase::Resolution,
            Phase::Press,
        ] {
            assert!(of_phase(phase).is_some(), "{phase:?}");
        }
        for layer in [Layer::Technical, Layer::Operational, Layer::Strategic] {
            let id = format!("{layer:?}_layer").to_lowercase();
            assert!(entry(&id).is_some(), "{id}");
        }
        assert!(entry("confidence_level").is_some());
        assert!(entry("severity").is_some());
        for r in crate::scenario::Reading::ALL {
            assert!(of_reading(r).is_some(), "{r:?}");
        }
    }

    /// Every order a player can give has its explanation, found by the name it shows.
    #[test]
    fn every_order_kind_has_its_entry() {
        for kind in OrderKind::ALL {
            let e = of_order(kind).unwrap_or_else(|| panic!("no glossary entry for {kind:?}"));
            assert_eq!(e.term, kind.term(), "{kind:?}");
        }
    }
}
