//! Redraw only on change: bevy_egui writes a `ModifiersChanged` event into egui's input on
//! every frame, changed or not, and egui asks for another frame whenever its input holds any
//! event. So a window nobody touches redrew as fast as it could (about 22 frames a second
//! under Xvfb). This drops the event when the modifiers are what egui already has; egui keeps
//! its modifiers from frame to frame, so nothing is lost.
//!
//! Drawing only on change also needs every frame to be whole by itself: the glyphs egui adds
//! to its font atlas in a frame must reach the GPU in that frame. bevy_egui writes them into
//! the atlas image after Bevy may already have sent the frame's asset events, and then the
//! render world uploads them a frame late; with no next frame, text that used a glyph for the
//! first time stayed with gaps on screen (seen in the browser: Arabic news lines with letters
//! missing). So egui's texture updates are ordered before the asset events.

use bevy::asset::AssetEventSystems;
use bevy::prelude::*;
use bevy_egui::egui::{Event, Modifiers};
use bevy_egui::{EguiInput, EguiPostUpdateSet, EguiPreUpdateSet};

fn drop_repeated_modifiers(mut inputs: Query<&mut EguiInput>, mut known: Local<Option<Modifiers>>) {
    for mut input in &mut inputs {
        if input
            .events
            .iter()
            .any(|e| matches!(e, Event::WindowFocused(_)))
        {
            // egui forgets modifiers when focus changes: the next state must reach it.
            *known = None;
        }
        let mut seen = *known;
        input.events.retain(|e| match e {
            Event::ModifiersChanged(m) if seen == Some(*m) => false,
            Event::ModifiersChanged(m) => {
                seen = Some(*m);
                true
            }
            _ => true,
        });
        *known = seen;
    }
}

pub(super) fn plugin(app: &mut App) {
    app.configure_sets(
        PostUpdate,
        EguiPostUpdateSet::PostProcessOutput.before(AssetEventSystems),
    )
    .add_systems(
        PreUpdate,
        drop_repeated_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changes_of_modifiers_reach_egui() {
        let mut app = App::new();
        app.add_systems(Update, drop_repeated_modifiers);
        let window = app.world_mut().spawn(EguiInput::default()).id();
        let frame = |app: &mut App, events: Vec<Event>| {
            app.world_mut().get_mut::<EguiInput>(window).unwrap().events = events;
            app.update();
            app.world().get::<EguiInput>(window).unwrap().events.clone()
        };
        let none = Event::ModifiersChanged(Modifiers::NONE);
        let shift = Event::ModifiersChanged(Modifiers::SHIFT);
        assert_eq!(frame(&mut app, vec![none.clone()]), vec![none.clone()]);
        // Nothing happened: no event, so egui asks for no frame.
        assert!(frame(&mut app, vec![none.clone()]).is_empty());
        assert_eq!(frame(&mut app, vec![shift.clone()]), vec![shift.clone()]);
        assert!(frame(&mut app, vec![shift.clone()]).is_empty());
        assert_eq!(frame(&mut app, vec![none.clone()]), vec![none.clone()]);
        // After a focus change the state goes through again.
        let focus = Event::WindowFocused(true);
        assert_eq!(
            frame(&mut app, vec![focus.clone(), none.clone()]),
            vec![focus, none]
        );
    }
}
