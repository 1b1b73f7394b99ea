//! Text that arrives without a key press, in the browser: what an input method composes
//! (Arabic, Chinese…), what an on-screen keyboard inserts, what a dictation inserts.
//!
//! winit reads only `keydown` on the canvas, so text the browser inserts through
//! `beforeinput` and composition events reached nobody: an Arabic word typed through an
//! input method arrived as nothing. While an egui text field has the keyboard, the canvas is
//! made editable (`contenteditable`), which is what makes the browser deliver such text to
//! it; the text is taken from those events (and kept out of the page) and handed to egui as
//! typed text. Key presses are untouched: winit still reads them, and as it cancels their
//! default action the browser inserts nothing for them, so nothing arrives twice.

use std::sync::Mutex;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use bevy_egui::egui;
use bevy_egui::{EguiInput, EguiOutput, EguiPostUpdateSet, EguiPreUpdateSet, PrimaryEguiContext};
use wasm_bindgen::{JsCast, closure::Closure};

/// Text taken from the page's events, for egui's next frame.
static PENDING: Mutex<Vec<egui::Event>> = Mutex::new(Vec::new());

fn canvas() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id("threshold")?
        .dyn_into()
        .ok()
}

fn push(event: egui::Event, wake: &bevy::winit::EventLoopProxy<WinitUserEvent>) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(event);
    }
    let _ = wake.send_event(WinitUserEvent::WakeUp);
}

fn listen(proxy: Res<EventLoopProxyWrapper>) {
    let Some(canvas) = canvas() else {
        return;
    };
    let wake = (**proxy).clone();
    // Inserted text (an on-screen keyboard, a dictation, the end of a composition in some
    // browsers): taken, and kept out of the canvas.
    let w = wake.clone();
    let before = Closure::<dyn FnMut(web_sys::InputEvent)>::new(move |e: web_sys::InputEvent| {
        if e.is_composing() {
            return;
        }
        let kind = e.input_type();
        if kind == "deleteContentBackward" {
            e.prevent_default();
            for pressed in [true, false] {
                push(
                    egui::Event::Key {
                        key: egui::Key::Backspace,
                        physical_key: None,
                        pressed,
                        repeat: false,
                        modifiers: egui::Modifiers::NONE,
                    },
                    &w,
                );
            }
            return;
        }
        if kind.starts_with("insert")
            && let Some(text) = e.data().filter(|t| !t.is_empty())
        {
            e.prevent_default();
            push(egui::Event::Text(text), &w);
        }
    });
    // A composition ends: its text is typed. What the browser put into the canvas while
    // composing (its fallback content, never shown) is cleared.
    let c = canvas.clone();
    let w = wake.clone();
    let end = Closure::<dyn FnMut(web_sys::CompositionEvent)>::new(
        move |e: web_sys::CompositionEvent| {
            if let Some(text) = e.data().filter(|t| !t.is_empty()) {
                push(egui::Event::Text(text), &w);
            }
            c.set_text_content(None);
        },
    );
    let _ = canvas.add_event_listener_with_callback("beforeinput", before.as_ref().unchecked_ref());
    let _ = canvas.add_event_listener_with_callback("compositionend", end.as_ref().unchecked_ref());
    // They live as long as the page.
    before.forget();
    end.forget();
}

/// Hands the text taken from the page to egui, as typed text.
fn deliver(mut inputs: Query<&mut EguiInput, With<PrimaryEguiContext>>) {
    let Ok(mut pending) = PENDING.lock() else {
        return;
    };
    if pending.is_empty() {
        return;
    }
    if let Ok(mut input) = inputs.single_mut() {
        input.events.append(&mut pending);
    }
}

/// The canvas is editable exactly while an egui text field has the keyboard (egui then asks
/// for an input method), so a tap elsewhere never opens a tablet's keyboard.
fn editable(outputs: Query<&EguiOutput, With<PrimaryEguiContext>>, mut was: Local<bool>) {
    let wants = outputs.iter().any(|o| o.platform_output.ime.is_some());
    if wants == *was {
        return;
    }
    *was = wants;
    if let Some(canvas) = canvas() {
        let _ = if wants {
            canvas.set_attribute("contenteditable", "true")
        } else {
            canvas.remove_attribute("contenteditable")
        };
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, listen)
        .add_systems(
            PreUpdate,
            deliver
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(PostUpdate, editable.after(EguiPostUpdateSet::ProcessOutput));
}
