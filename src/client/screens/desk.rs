//! The instructor's desk on a server: sign in, My exercises, and a new exercise from the
//! server's library or from a scenario file uploaded from this computer (checked on the
//! server; its problems shown here as `line:column: message`). Creating or opening an
//! exercise leads to its lobby and control cell.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Forms;
use crate::client::session::Session;
use crate::client::text_field::{Field, text_field};
use crate::client::{Lang, Screen, probe, theme};

fn desk(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    mut forms: ResMut<Forms>,
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let l = *lang;
    let mut root = theme::root(contexts.ctx_mut()?);
    super::title_bar(&mut root, l, l.t("Instructor"), Some(&mut next));
    super::notices(&mut root, l, &session, time.elapsed_secs_f64());
    // A scenario file the browser has read for an upload.
    #[cfg(target_arch = "wasm32")]
    if let Some((file, source)) = crate::client::web::take_picked_file() {
        session.create_on_server(file, Some(source));
    }
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            theme::column(ui, l, |ui| {
                ui.set_max_width(980.0);
                match session.desk.clone() {
                    Some(d) if d.signed_in() => signed_in(ui, l, &mut forms, &mut session),
                    _ => sign_in_form(ui, l, &mut forms, &mut session),
                }
            });
        });
    });
    // Created, or opened: its lobby (and control cell once it runs).
    if session.code.is_some() && session.is_instructor() {
        next.set(Screen::Lobby);
    }
    Ok(())
}

fn sign_in_form(ui: &mut egui::Ui, l: Lang, forms: &mut Forms, session: &mut Session) {
    theme::heading(ui, l, l.t("Sign in as an instructor"));
    theme::small(
        ui,
        l,
        l.t("Your academy's IT staff give you a name and a password (`threshold instructor add`)."),
    );
    ui.add_space(6.0);
    theme::strong(ui, l, l.t("Server address"), theme::ACCENT);
    let address = ui.add(egui::TextEdit::singleline(&mut forms.join_address).desired_width(320.0));
    probe::mark("desk-address", &address);
    theme::strong(ui, l, l.t("Instructor name"), theme::ACCENT);
    let name = text_field(
        ui,
        l,
        &mut forms.instructor,
        Field {
            width: 320.0,
            ..default()
        },
    );
    probe::mark("desk-name", &name);
    theme::strong(ui, l, l.t("Password"), theme::ACCENT);
    let password = ui.add(
        egui::TextEdit::singleline(&mut forms.password)
            .password(true)
            .desired_width(320.0),
    );
    probe::mark("desk-password", &password);
    ui.add_space(10.0);
    let ready = !forms.instructor.trim().is_empty() && !forms.password.is_empty();
    // The theme's button: its text laid out in the reading direction.
    let go = ui
        .add_enabled_ui(ready, |ui| theme::primary(ui, l, l.t("Sign in")))
        .inner;
    probe::mark("desk-sign-in", &go);
    let entered = password.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if ready && (go.clicked() || entered) {
        let password = std::mem::take(&mut forms.password);
        if let Err(e) = session.sign_in(&forms.join_address, &forms.instructor, &password) {
            session.fail("Could not sign in", e);
        }
    }
    if session.desk.is_some() {
        theme::small(ui, l, l.t("Signing in…"));
    }
}

fn signed_in(ui: &mut egui::Ui, l: Lang, forms: &mut Forms, session: &mut Session) {
    let Some(desk) = session.desk.clone() else {
        return;
    };
    let code = l.code();
    theme::row_wrapped(ui, l, |ui| {
        theme::label(
            ui,
            l,
            &l.f("Signed in as {0} on {1}", &[&desk.name, &desk.address]),
        );
        if theme::button(ui, l, l.t("Refresh")).clicked() {
            session.refresh_desk();
        }
        if theme::button(ui, l, l.t("Sign out")).clicked() {
            session.sign_out();
        }
    });
    ui.add_space(8.0);
    theme::strong(ui, l, l.t("My exercises"), theme::ACCENT);
    if desk.mine.is_empty() {
        theme::small(ui, l, l.t("None yet: create one below."));
    }
    let width = ui.available_width().min(980.0);
    for (i, e) in desk.mine.iter().enumerate() {
        theme::striped_row(ui, i, width, None, |ui| {
            theme::row(ui, l, |ui| {
                ui.label(
                    egui::RichText::new(&e.code)
                        .monospace()
                        .strong()
                        .color(theme::ACCENT),
                );
                theme::label(ui, l, e.title.get(code));
                theme::small(ui, l, &crate::i18n::utc_date(e.created_ms));
                theme::small(
                    ui,
                    l,
                    &l.f(
                        "{0} of {1} seats held",
                        &[&e.seats_held.to_string(), &e.seats_playable.to_string()],
                    ),
                );
                let stage = if e.ended {
                    l.t("Ended").to_string()
                } else if e.started {
                    l.f(
                        "Turn {0}, {1}",
                        &[&e.turn.to_string(), l.t(phase_key(&e.phase))],
                    )
                } else {
                    l.t("Not started").to_string()
                };
                theme::small(ui, l, &stage);
                let open = theme::button(ui, l, l.t("Open"));
                probe::mark(format!("desk-open-{}", e.code), &open);
                if open.clicked() {
                    session.open_exercise(e);
                }
            });
        });
    }
    ui.add_space(14.0);
    theme::strong(ui, l, l.t("New exercise"), theme::ACCENT);
    theme::small(
        ui,
        l,
        l.t("A scenario file of your own (.ron), checked on the server:"),
    );
    upload(ui, l, forms, session);
    if !desk.problems.is_empty() {
        ui.add_space(6.0);
        let heading = theme::strong(
            ui,
            l,
            l.t("The scenario does not load; nothing was created:"),
            theme::BAD,
        );
        probe::mark("desk-problems", &heading);
        for p in &desk.problems {
            // `line:column: message`, the message in the language on screen.
            ui.label(
                egui::RichText::new(format!("{}:{}: {}", p.line, p.column, l.say(&p.message)))
                    .monospace()
                    .color(theme::BAD),
            );
        }
    }
    ui.add_space(8.0);
    theme::small(ui, l, l.t("Or one from the server's library:"));
    for entry in &desk.library {
        theme::card(ui, |ui| {
            theme::row(ui, l, |ui| {
                let create = theme::primary(ui, l, l.t("Create"));
                probe::mark(format!("desk-create-{}", entry.file), &create);
                if create.clicked() {
                    session.create_on_server(entry.file.clone(), None);
                }
                theme::column(ui, l, |ui| {
                    theme::strong(ui, l, entry.title.get(code), theme::INK);
                    theme::paragraph_in(
                        ui,
                        l,
                        entry.summary.get(code),
                        egui::TextStyle::Small,
                        theme::MUTED,
                    );
                });
            });
        });
    }
}

/// The browser asks for a file; the desktop program reads the path typed.
#[cfg(target_arch = "wasm32")]
fn upload(ui: &mut egui::Ui, l: Lang, _forms: &mut Forms, _session: &mut Session) {
    let pick = theme::button(ui, l, l.t("Upload a scenario file…"));
    probe::mark("desk-upload", &pick);
    if pick.clicked() {
        crate::client::web::pick_scenario_file();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn upload(ui: &mut egui::Ui, l: Lang, forms: &mut Forms, session: &mut Session) {
    theme::row(ui, l, |ui| {
        let path = ui.add(
            egui::TextEdit::singleline(&mut forms.upload_path)
                .hint_text("scenarios/my_case.ron")
                .desired_width(360.0),
        );
        probe::mark("desk-upload-path", &path);
        let go = ui
            .add_enabled_ui(!forms.upload_path.trim().is_empty(), |ui| {
                theme::button(ui, l, l.t("Upload"))
            })
            .inner;
        if go.clicked() {
            let path = std::path::PathBuf::from(forms.upload_path.trim());
            match std::fs::read_to_string(&path) {
                Ok(source) => {
                    let file = path
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    session.create_on_server(file, Some(source));
                }
                Err(e) => session.fail(
                    "Could not read the file",
                    crate::i18n::Arg::id(format!("{}: {e}", path.display())),
                ),
            }
        }
    });
}

/// The translation key of a phase's name as the status gives it.
fn phase_key(phase: &str) -> &'static str {
    match phase {
        "briefing" => "Briefing",
        "negotiation" => "Negotiation",
        "orders" => "Orders",
        "resolution" => "Resolution",
        "press" => "Press",
        _ => "Ended",
    }
}

/// Coming back to the desk: what the server lists may have changed.
fn refresh(mut session: ResMut<Session>) {
    session.refresh_desk();
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        desk.run_if(in_state(Screen::Instructor)),
    )
    .add_systems(OnEnter(Screen::Instructor), refresh);
}
