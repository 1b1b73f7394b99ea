//! The title screen: the ways into an exercise, the library and the settings.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::client::session::Session;
use crate::client::{Lang, Screen, probe, theme};

fn title(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    session: Res<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let lang = *lang;
    let mut root = theme::root(contexts.ctx_mut()?);
    super::notices(&mut root, lang, &session, time.elapsed_secs_f64());
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.12);
            ui.label(
                egui::RichText::new("THRESHOLD")
                    .size(56.0)
                    .color(theme::ACCENT)
                    .strong(),
            );
            theme::label(ui, lang, lang.t("A cyber-diplomacy crisis exercise"));
            ui.add_space(28.0);
            for (key, screen) in [
                ("Quick exercise", Screen::Quick),
                ("Host a class", Screen::Host),
                ("Join an exercise", Screen::Join),
                ("Instructor", Screen::Instructor),
                ("Scenario library", Screen::Library),
                ("Settings", Screen::Settings),
            ] {
                // A page cannot listen for classmates: hosting is the desktop program's.
                if cfg!(target_arch = "wasm32") && screen == Screen::Host {
                    continue;
                }
                let go = theme::primary(ui, lang, lang.t(key));
                probe::mark(format!("title-{screen:?}"), &go);
                if go.clicked() {
                    next.set(screen);
                }
                ui.add_space(6.0);
            }
            #[cfg(not(target_arch = "wasm32"))]
            if theme::button(ui, lang, lang.t("Quit")).clicked() {
                exit.write(AppExit::Success);
            }
            #[cfg(target_arch = "wasm32")]
            let _ = &mut exit;
            ui.add_space(24.0);
            theme::small(
                ui,
                lang,
                lang.t("UN GGE norms · EU cyber sanctions · NATO collective defence"),
            );
        });
    });
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        title.run_if(in_state(Screen::Title)),
    );
}
