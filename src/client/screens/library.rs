//! The scenario library: every scenario's briefing; broken files show the checker's errors.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::library::Library;
use crate::client::session::Session;
use crate::client::{Lang, Screen, theme};
use crate::i18n::Arg;

fn library(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    mut library: ResMut<Library>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let code = l.code();
    let mut root = theme::root(contexts.ctx_mut()?);
    super::title_bar(&mut root, l, l.t("Scenario library"), Some(&mut next));
    super::notices(&mut root, l, &session, time.elapsed_secs_f64());
    let side = if l.rtl() {
        egui::Panel::right("library-list")
    } else {
        egui::Panel::left("library-list")
    };
    side.default_size(320.0).show(&mut root, |ui| {
        theme::column(ui, l, |ui| {
            theme::small(
                ui,
                l,
                l.t("Scenarios are RON files. Open a folder to add its scenarios:"),
            );
            theme::row(ui, l, |ui| {
                ui.add(egui::TextEdit::singleline(&mut forms.folder).desired_width(200.0));
                if theme::button(ui, l, l.t("Open folder")).clicked() {
                    let folder = forms.folder.trim().to_string();
                    match library.open(std::path::Path::new(&folder)) {
                        Ok(n) => {
                            session.notify(format!("{folder}: {n} {}", l.t("scenarios")), false)
                        }
                        Err(e) => session.fail(
                            "Could not open the folder",
                            Arg::id(format!("{folder}: {e}")),
                        ),
                    }
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("library-scroll")
                .show(ui, |ui| {
                    for (i, e) in library.entries.iter().enumerate() {
                        let name = match &e.loaded {
                            Ok(sc) => sc.title.get(code).to_string(),
                            Err(errors) => {
                                format!("⚠ {} ({} {})", e.file, errors.len(), l.t("errors"))
                            }
                        };
                        if theme::tab(ui, l, forms.library_selected == i, &name).clicked() {
                            forms.library_selected = i;
                        }
                    }
                });
        });
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(entry) = library.entries.get(forms.library_selected) else {
            return;
        };
        egui::ScrollArea::vertical()
            .id_salt("briefing")
            .show(ui, |ui| {
                theme::column(ui, l, |ui| match &entry.loaded {
                    Ok(sc) => {
                        theme::heading(ui, l, sc.title.get(code));
                        theme::small(
                            ui,
                            l,
                            &format!(
                                "{} · {} {} · {}",
                                sc.period.get(code),
                                sc.turns,
                                l.t("turns"),
                                entry.file
                            ),
                        );
                        ui.add_space(8.0);
                        theme::paragraph(ui, l, sc.summary.get(code));
                        ui.add_space(8.0);
                        theme::strong(ui, l, l.t("Briefing"), theme::ACCENT);
                        theme::paragraph(ui, l, sc.briefing.get(code));
                        ui.add_space(8.0);
                        theme::strong(ui, l, l.t("Seats"), theme::ACCENT);
                        for s in &sc.seats {
                            let who = sc
                                .actors
                                .iter()
                                .find(|a| a.id == s.actor)
                                .map(|a| a.name.get(code))
                                .unwrap_or(&s.actor);
                            theme::label(
                                ui,
                                l,
                                &crate::scenario::seat_title(who, s.role.get(code)),
                            );
                        }
                        ui.add_space(12.0);
                        if theme::primary(ui, l, l.t("Play this scenario")).clicked() {
                            forms.scenario = forms.library_selected;
                            forms.seat = None;
                            next.set(Screen::Quick);
                        }
                    }
                    Err(errors) => {
                        theme::heading(ui, l, &entry.file);
                        theme::strong(
                            ui,
                            l,
                            l.t("This scenario does not load. The checker found:"),
                            theme::BAD,
                        );
                        // Each diagnostic in the interface's language; ids and the RON
                        // parser's own English stay as they are.
                        for d in errors {
                            theme::paragraph_in(
                                ui,
                                l,
                                &d.say(l),
                                egui::TextStyle::Monospace,
                                theme::WARN,
                            );
                        }
                    }
                });
            });
    });
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        library.run_if(in_state(Screen::Library)),
    );
}
