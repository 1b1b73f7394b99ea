//! Every screen a player sees, drawn for every seat of every shipped scenario in every
//! language over several seeds, read back as the text egui would paint: no scenario id
//! may reach a player, and every character must have a glyph in the fonts.
//!
//! egui runs here without a window (a tall screen, so nothing is scrolled out of sight);
//! what the screens paint is collected from the shapes they emit.

use std::sync::Arc;

use bevy_egui::egui;

use super::{Forms, Tab};
use crate::client::library::BUILT_IN;
use crate::client::session::Session;
use crate::client::theme;
use crate::client::view_model::draft;
use crate::i18n::Lang;
use crate::report::Debrief;
use crate::scenario::Scenario;
use crate::sim::clock::Phase;
use crate::sim::view::{SeatView, view};

/// The text of every shape painted, shapes inside shapes included.
fn painted(out: &egui::FullOutput) -> Vec<String> {
    fn walk(s: &egui::Shape, texts: &mut Vec<String>) {
        match s {
            egui::Shape::Text(t) => texts.push(t.galley.text().to_string()),
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, texts)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    out.shapes.iter().for_each(|c| walk(&c.shape, &mut texts));
    texts
}

struct Painter {
    ctx: egui::Context,
    /// The proportional family's fonts, in fallback order.
    fonts: Vec<egui::FontData>,
}

impl Painter {
    fn new() -> Self {
        let ctx = egui::Context::default();
        theme::apply(&ctx, 1.0);
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
        let fonts = ctx.fonts(|f| {
            let d = f.definitions();
            d.families[&egui::FontFamily::Proportional]
                .iter()
                .map(|name| (*d.font_data[name]).clone())
                .collect()
        });
        Painter { ctx, fonts }
    }

    /// Draws one screen and returns what it painted.
    fn draw(&self, mut screen: impl FnMut(&mut egui::Ui)) -> Vec<String> {
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 30_000.0),
            )),
            ..Default::default()
        };
        let mut out = self.ctx.run_ui(input(), &mut screen);
        out.textures_delta.clear();
        painted(&out)
    }

    /// Characters no font has a glyph for.
    fn missing(&self, text: &str) -> Vec<char> {
        use skrifa::MetadataProvider;
        let maps: Vec<skrifa::charmap::Charmap> = self
            .fonts
            .iter()
            .filter_map(|f| skrifa::FontRef::from_index(&f.font, f.index).ok())
            .map(|f| f.charmap())
            .collect();
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{2066}'..='\u{2069}'))
            .filter(|c| maps.iter().all(|m| m.map(*c).is_none()))
            .collect();
        missing.dedup();
        missing
    }
}

/// Every id the scenario gives a thing a player might see named.
fn ids(sc: &Scenario) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    ids.extend(sc.actors.iter().map(|a| a.id.clone()));
    ids.extend(sc.seats.iter().map(|s| s.id.clone()));
    ids.extend(sc.institutions.iter().map(|i| i.id.clone()));
    ids.extend(sc.entities.iter().map(|e| e.id.clone()));
    ids.extend(sc.injects.iter().map(|i| i.id.clone()));
    for i in &sc.incidents {
        ids.push(i.id.clone());
        ids.extend(i.evidence.iter().map(|e| e.id.clone()));
    }
    ids.sort();
    ids.dedup();
    ids
}

/// The ids a text shows. In English an id that is an ordinary word ("hacktivists") may
/// be prose, so only ids no sentence writes (with `_`, `-` or a digit) count; in another
/// language any id in Latin letters is one.
fn shown_ids<'a>(text: &str, ids: &'a [String], english: bool) -> Vec<&'a str> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    ids.iter()
        .filter(|id| !english || id.contains(['_', '-']) || id.chars().any(|c| c.is_ascii_digit()))
        .filter(|id| words.contains(&id.as_str()))
        .map(|s| s.as_str())
        .collect()
}

/// Everything a seat's player sees of its view: the status bar and every tab, with a
/// draft of every order it can give open on the Orders tab.
fn seat_screens(
    p: &Painter,
    l: Lang,
    v: &SeatView,
    sc: &Arc<Scenario>,
    codex: bool,
) -> Vec<(String, String)> {
    let mut session = Session::default();
    session.view = Some(Arc::new(v.clone()));
    session.scenario = Some(sc.clone());
    session.seat = Some(v.seat.clone());
    let mut forms = Forms::new(&crate::client::Options::default());
    forms.drafts = v
        .available
        .iter()
        .filter_map(|(k, _, _)| draft(*k, v))
        .collect();
    forms.drafts_turn = v.turn;
    let mut out = Vec::new();
    // The Codex (the norms and the glossary) is the same for every seat but its ledger.
    for tab in Tab::ALL.into_iter().filter(|t| codex || *t != Tab::Codex) {
        forms.tab = tab;
        let texts = p.draw(|ui| {
            let mut next = bevy::prelude::NextState::<crate::client::Screen>::default();
            super::exercise::status_bar(
                ui,
                l,
                &mut session,
                &mut forms,
                crate::client::Screen::Exercise,
                &mut next,
            );
            egui::CentralPanel::default().show(ui, |ui| match tab {
                Tab::Situation => {
                    super::tabs::situation(ui, l, v, Some(sc), true, &mut false);
                }
                Tab::Evidence => super::tabs::evidence(ui, l, v, None, &mut false),
                Tab::Channels => super::channels::channels(ui, l, v, &mut forms, &mut session),
                Tab::Institutions => {
                    super::institutions::institutions(ui, l, v, &mut forms, &mut session, true)
                }
                Tab::Orders => super::orders::orders(ui, l, v, &mut forms, &mut session),
                Tab::Codex => super::tabs::codex(ui, l, v, &mut None),
                Tab::News => {
                    for mut part in super::tabs::NewsPart::ALL {
                        super::tabs::news(ui, l, v, &mut part);
                    }
                }
            });
        });
        out.extend(texts.into_iter().map(|t| (format!("{tab:?}"), t)));
    }
    out
}

/// The report's screens and pages: the instructors' edition, which holds the students'
/// one, with its plan editor.
fn debrief_screens(p: &Painter, l: Lang, d: &Debrief) -> Vec<(String, String)> {
    let mut plan = super::debrief::PlanEditor::default();
    let mut out: Vec<(String, String)> = p
        .draw(|ui| super::debrief::report(ui, l, d, &mut None, true, Some(&mut plan)))
        .into_iter()
        .map(|t| ("debrief".to_string(), t))
        .collect();
    out.push(("report.html".into(), crate::report::html(d, l)));
    out.push(("report.md".into(), crate::report::markdown(d, l)));
    out
}

/// The instructors' edition of an exercise's report, with an observation on each kind of
/// thing one is tied to, so every part of it is drawn.
fn instructors(ex: &crate::sim::Exercise) -> Debrief {
    use crate::observation::{Draft, Kind, Observation, Tie};
    let sc = ex.scenario();
    let seat = sc
        .seats
        .iter()
        .find(|s| s.playable)
        .expect("a playable seat");
    let ties = [
        Tie::Nothing,
        Tie::Inject(sc.injects.first().map(|i| i.id.clone()).unwrap_or_default()),
        Tie::LearningObjective(
            sc.learning_objectives
                .first()
                .map(|o| o.id.clone())
                .unwrap_or_default(),
        ),
        Tie::Objective {
            seat: seat.id.clone(),
            id: seat
                .objectives
                .first()
                .map(|o| o.id.clone())
                .unwrap_or_default(),
        },
    ];
    let notes: Vec<Observation> = ties
        .into_iter()
        .zip(Kind::ALL)
        .map(|(tie, kind)| Observation {
            by: "Dana".into(),
            turn: 1,
            phase: crate::sim::clock::Phase::Negotiation,
            at_ms: 1_700_000_000_000,
            draft: Draft {
                about: Some(seat.id.clone()),
                tie,
                kind,
                text: "The delegation asked for evidence before it spoke.".into(),
            },
        })
        .collect();
    Debrief::for_instructors(ex, &crate::report::replay(ex), &notes, None)
}

/// Every screen of one scenario, at two seeds, mid-exercise and at the end, in every
/// shipped language: the faults found, one line per screen and fault.
fn audit_scenario(file: &str, source: &str) -> Vec<String> {
    let p = Painter::new();
    let mut faults: Vec<String> = Vec::new();
    let sc = Arc::new(crate::scenario::parse(source, file).unwrap());
    let ids = ids(&sc);
    for seed in 1..=2u64 {
        let mid = crate::play::play_to(sc.clone(), seed, 2, Phase::Orders).ok();
        let end = crate::play::play(sc.clone(), seed, &crate::play::BotSeats::All);
        // The shipped languages (a test may load another beside them).
        for l in Lang::all().into_iter().take(crate::i18n::SHIPPED.len()) {
            let mut seen: Vec<(String, String)> = Vec::new();
            for ex in mid.iter().chain([&end]) {
                for (i, seat) in sc.seats.iter().filter(|s| s.playable).enumerate() {
                    let v = view(ex, &seat.id).unwrap();
                    seen.extend(
                        seat_screens(&p, l, &v, &sc, i == 0)
                            .into_iter()
                            .map(|(w, t)| (format!("{} {w}", seat.id), t)),
                    );
                }
            }
            seen.extend(debrief_screens(&p, l, &instructors(&end)));
            for (where_, text) in &seen {
                let english = l == Lang::EN;
                let shown = shown_ids(text, &ids, english);
                let missing = p.missing(text);
                if !shown.is_empty() || !missing.is_empty() {
                    // One line per screen and fault, with the first text showing it.
                    let screen = where_.split(' ').next_back().unwrap_or_default();
                    let key = format!(
                        "{file} {} {screen}: ids {shown:?}, no glyph for {missing:?}",
                        l.code()
                    );
                    if !faults.iter().any(|f| f.starts_with(&key)) {
                        faults.push(format!(
                            "{key} (seed {seed}, {where_}) in {:?}",
                            text.chars().take(160).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    faults
}

#[test]
fn no_screen_shows_an_id_or_a_character_the_fonts_lack() {
    // One scenario per thread (each with its own painter): the test's work is spread over
    // the machine's cores instead of ending the test run alone on one.
    let faults: Vec<String> = std::thread::scope(|scope| {
        let audits: Vec<_> = BUILT_IN
            .iter()
            .map(|(file, source)| scope.spawn(move || audit_scenario(file, source)))
            .collect();
        audits
            .into_iter()
            .flat_map(|a| a.join().expect("a scenario's audit"))
            .collect()
    });
    assert!(
        faults.is_empty(),
        "{} faults:\n{}",
        faults.len(),
        faults
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
