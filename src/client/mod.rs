//! The desktop (and browser) client: bevy_egui screens as Bevy states, over the protocol.

pub mod atlas;
pub mod glossary;
pub(crate) mod keep;
pub mod library;
mod map;
pub mod probe;
mod quiet;
pub(crate) mod screens;
pub mod session;
pub mod text_field;
pub mod theme;
mod tour;
#[cfg(target_arch = "wasm32")]
mod typing;
pub mod view_model;
#[cfg(target_arch = "wasm32")]
pub mod web;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::EguiPlugin;

pub use crate::i18n::Lang;

/// The screens; each one's systems run only in its state.
#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    Library,
    Settings,
    Quick,
    Host,
    Join,
    Lobby,
    Exercise,
    Control,
    Debrief,
    /// An instructor's desk on a server: sign in, My exercises, a new exercise.
    Instructor,
    /// An observer's or evaluator's: any seat's view, and observations to write.
    Observe,
}

/// How the client was started.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub lang: Lang,
    /// Play a scripted local exercise, save a PNG of every screen here, and exit.
    pub screenshot_tour: Option<PathBuf>,
    /// The window's size (logical pixels), if not the default.
    pub window: Option<(u32, u32)>,
    /// Where scenarios are found (besides any folder opened in the library).
    pub scenarios: PathBuf,
    /// A join code to fill in (the browser page's `?code=`): the client opens on Join.
    pub code: Option<String>,
    /// The server to join (the browser: the server that served the page).
    pub join_address: Option<String>,
    /// The name to join with; with a code too, the client joins at once (`?code=…&name=…`).
    pub name: Option<String>,
    /// A seat token to come back with (`?rejoin=`, or the one the page kept for the code):
    /// with a code, the client returns to its place at once.
    pub rejoin: Option<String>,
}

/// Opens the window and runs the client until it is closed.
pub fn run(options: Options) -> AppExit {
    let mut app = App::new();
    let size = match (options.window, &options.screenshot_tour) {
        (Some((w, h)), _) => WindowResolution::new(w, h),
        (None, Some(_)) => WindowResolution::new(1280, 720),
        (None, None) => WindowResolution::new(1440, 900),
    };
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Threshold".into(),
                    resolution: size,
                    // The browser: the page's canvas, filling its window and following it.
                    canvas: Some("#threshold".into()),
                    fit_canvas_to_parent: true,
                    prevent_default_event_handling: true,
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                level: bevy::log::Level::WARN,
                // Over in-memory and WebSocket links renet2 sends its reliable channel
                // as "unreliable on a reliable substrate" and warns of every large view
                // as if it could be lost; it cannot.
                filter: format!(
                    "{},renet2::channel::unreliable=error",
                    bevy::log::DEFAULT_FILTER
                ),
                ..default()
            }),
    )
    .add_plugins(EguiPlugin::default())
    // Redraw on input and on network answers (the session asks for frames while they are
    // due); `pace` adds a wake-up a second only while connected to an exercise.
    .insert_resource(WinitSettings {
        focused_mode: UpdateMode::reactive(IDLE),
        unfocused_mode: UpdateMode::reactive_low_power(IDLE),
    })
    .insert_resource(ClearColor(Color::srgb_u8(0x14, 0x19, 0x22)))
    .insert_resource(options.lang)
    .insert_resource(library::Library::scan(&options.scenarios))
    .insert_resource(screens::Forms::new(&options))
    .insert_state(if options.code.is_some() {
        Screen::Join
    } else {
        Screen::Title
    })
    .add_systems(Startup, camera);
    plugin(&mut app);
    match options.screenshot_tour {
        Some(dir) => tour::install(&mut app, dir),
        None => {
            app.add_systems(Last, pace);
        }
    }
    app.run()
}

/// How long a window with nothing to do sleeps: until input arrives.
const IDLE: std::time::Duration = std::time::Duration::MAX;

/// While connected to an exercise the window wakes once a second (the deadline's countdown,
/// the network); otherwise (the title, the library, the settings) it sleeps until input.
fn pace(session: Res<session::Session>, mut winit: ResMut<WinitSettings>) {
    let wait = if session.connected() {
        std::time::Duration::from_secs(1)
    } else {
        IDLE
    };
    let (focused, unfocused) = (
        UpdateMode::reactive(wait),
        UpdateMode::reactive_low_power(wait),
    );
    if winit.focused_mode != focused || winit.unfocused_mode != unfocused {
        winit.focused_mode = focused;
        winit.unfocused_mode = unfocused;
    }
}

fn camera(mut commands: Commands) {
    // egui draws everything and smooths its own edges: no multisampling (it would only cost,
    // heavily so on software renderers such as llvmpipe or a browser's SwiftShader).
    commands.spawn((Camera2d, Msaa::Off));
}

/// Every part of the client.
pub fn plugin(app: &mut App) {
    theme::plugin(app);
    session::plugin(app);
    probe::plugin(app);
    quiet::plugin(app);
    #[cfg(target_arch = "wasm32")]
    typing::plugin(app);
    screens::plugin(app);
}
