//! Settings: language, text size and the name others see.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::text_field::{Field, text_field};
use crate::client::theme::TextScale;
use crate::client::{Lang, Screen, theme};

fn settings(
    mut contexts: EguiContexts,
    mut lang: ResMut<Lang>,
    mut scale: ResMut<TextScale>,
    mut forms: ResMut<Forms>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let mut root = theme::root(contexts.ctx_mut()?);
    super::title_bar(&mut root, l, l.t("Settings"), Some(&mut next));
    egui::CentralPanel::default().show(&mut root, |ui| {
        theme::column(ui, l, |ui| {
            ui.set_max_width(640.0);
            theme::heading(ui, l, l.t("Language"));
            theme::row(ui, l, |ui| {
                for choice in Lang::all() {
                    if theme::tab(ui, l, *lang == choice, choice.native_name()).clicked()
                        && *lang != choice
                    {
                        *lang = choice;
                    }
                }
            });
            ui.add_space(16.0);
            theme::heading(ui, l, l.t("Text size"));
            let mut s = scale.0;
            theme::row(ui, l, |ui| {
                for (key, value) in [
                    ("Small", 0.85),
                    ("Normal", 1.0),
                    ("Large", 1.2),
                    ("Larger", 1.4),
                ] {
                    if theme::tab(ui, l, (s - value).abs() < 0.01, l.t(key)).clicked() {
                        s = value;
                    }
                }
            });
            if (s - scale.0).abs() > f32::EPSILON {
                scale.0 = s;
            }
            ui.add_space(16.0);
            theme::heading(ui, l, l.t("Your name"));
            theme::small(ui, l, l.t("Shown to the instructor and the other players."));
            text_field(
                ui,
                l,
                &mut forms.name,
                Field {
                    width: 320.0,
                    ..default()
                },
            );
        });
    });
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        settings.run_if(in_state(Screen::Settings)),
    );
}
