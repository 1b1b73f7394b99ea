//! Text that arrives without a key press, in the browser: what an input method composes
//! (Arabic, Chinese…), what an on-screen keyboard or a dictation inserts.
//!
//! winit reads only `keydown` on the canvas, and a canvas is not a place a browser inserts
//! text into, so such text reached nobody: an Arabic word typed through an input method
//! arrived as nothing. While an egui text field has the keyboard, the browser's keyboard
//! focus moves to a hidden text area (`#threshold-text`) near the caret. Text inserted or
//! composed there is handed to egui as typed text; key presses there are passed on to the
//! canvas, where winit reads them as before. When no field wants the keyboard, the focus
//! goes back to the canvas. While the text area has the focus, egui is told its window
//! still has it (the caret keeps showing).
//!
//! eframe, egui's own web runner, does the same with its "text agent"; bevy_egui has one
//! only for phones, so this is the desktop browser's.

use std::sync::Mutex;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxy, EventLoopProxyWrapper, WinitUserEvent};
use bevy_egui::egui;
use bevy_egui::{EguiInput, EguiOutput, EguiPostUpdateSet, EguiPreUpdateSet, PrimaryEguiContext};
use wasm_bindgen::{JsCast, closure::Closure};

const AGENT: &str = "threshold-text";
const CANVAS: &str = "threshold";

/// Text and keys taken from the text area, for egui's next frame.
static PENDING: Mutex<Vec<egui::Event>> = Mutex::new(Vec::new());

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

fn agent_has_focus() -> bool {
    document()
        .and_then(|d| d.active_element())
        .is_some_and(|e| e.id() == AGENT)
}

fn push(events: impl IntoIterator<Item = egui::Event>, wake: &EventLoopProxy<WinitUserEvent>) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.extend(events);
    }
    let _ = wake.send_event(WinitUserEvent::WakeUp);
}

fn backspace() -> [egui::Event; 2] {
    [true, false].map(|pressed| egui::Event::Key {
        key: egui::Key::Backspace,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    })
}

fn install(proxy: Res<EventLoopProxyWrapper>) {
    let (Some(doc), Some(canvas)) = (document(), element(CANVAS)) else {
        return;
    };
    let Some(agent) = doc
        .create_element("textarea")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    agent.set_id(AGENT);
    for (name, value) in [
        ("autocomplete", "off"),
        ("autocorrect", "off"),
        ("autocapitalize", "off"),
        ("spellcheck", "false"),
        ("aria-hidden", "true"),
        ("tabindex", "-1"),
        (
            "style",
            "position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;border:0;padding:0;\
             resize:none;overflow:hidden;pointer-events:none;z-index:-1",
        ),
    ] {
        let _ = agent.set_attribute(name, value);
    }
    if let Some(body) = doc.body() {
        let _ = body.append_child(&agent);
    }
    let wake: EventLoopProxy<WinitUserEvent> = (**proxy).clone();

    // Key presses (not an input method's) go on to the canvas, where winit reads them; the
    // text area itself takes none of them. With Ctrl or Cmd held the browser keeps its own
    // (paste arrives as inserted text).
    let to_canvas = canvas.clone();
    let keys =
        Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            if e.is_composing() || e.key_code() == 229 {
                return;
            }
            let init = web_sys::KeyboardEventInit::new();
            init.set_key(&e.key());
            init.set_code(&e.code());
            init.set_location(e.location());
            init.set_repeat(e.repeat());
            init.set_ctrl_key(e.ctrl_key());
            init.set_shift_key(e.shift_key());
            init.set_alt_key(e.alt_key());
            init.set_meta_key(e.meta_key());
            init.set_bubbles(true);
            init.set_cancelable(true);
            if let Ok(copy) =
                web_sys::KeyboardEvent::new_with_keyboard_event_init_dict(&e.type_(), &init)
            {
                let _ = to_canvas.dispatch_event(&copy);
            }
            if !(e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
            }
        });
    // A composition ends: its text is typed.
    let (w, a) = (wake.clone(), agent.clone());
    let composed = Closure::<dyn FnMut(web_sys::CompositionEvent)>::new(
        move |e: web_sys::CompositionEvent| {
            if let Some(text) = e.data().filter(|t| !t.is_empty()) {
                push([egui::Event::Text(text)], &w);
            }
            a.set_value("");
        },
    );
    // Text inserted without a composition (an on-screen keyboard, a dictation, a paste),
    // and deletions an on-screen keyboard makes without a key press.
    let (w, a) = (wake.clone(), agent.clone());
    let input = Closure::<dyn FnMut(web_sys::InputEvent)>::new(move |e: web_sys::InputEvent| {
        let kind = e.input_type();
        if e.is_composing() || kind.contains("Composition") {
            return;
        }
        if kind.starts_with("delete") && kind.ends_with("Backward") {
            push(backspace(), &w);
        } else {
            let text = a.value();
            if !text.is_empty() {
                push([egui::Event::Text(text)], &w);
            }
        }
        a.set_value("");
    });
    let target: &web_sys::EventTarget = agent.as_ref();
    for (name, f) in [
        ("keydown", keys.as_ref()),
        ("keyup", keys.as_ref()),
        ("compositionend", composed.as_ref()),
        ("input", input.as_ref()),
    ] {
        let _ = target.add_event_listener_with_callback(name, f.unchecked_ref());
    }
    // They live as long as the page.
    keys.forget();
    composed.forget();
    input.forget();
}

/// Hands egui what the text area took; while it has the browser's focus, egui's window
/// still counts as focused.
fn deliver(mut inputs: Query<&mut EguiInput, With<PrimaryEguiContext>>) {
    let Ok(mut input) = inputs.single_mut() else {
        return;
    };
    if agent_has_focus() {
        input.focused = true;
        input
            .events
            .retain(|e| !matches!(e, egui::Event::WindowFocused(false)));
    }
    if let Ok(mut pending) = PENDING.lock() {
        input.events.append(&mut pending);
    }
}

/// The browser's keyboard focus follows egui's: to the text area (by the caret) while a text
/// field has the keyboard, back to the canvas when none has.
fn follow(outputs: Query<&EguiOutput, With<PrimaryEguiContext>>) {
    let Ok(output) = outputs.single() else {
        return;
    };
    let ime = output.platform_output.ime;
    let on_agent = agent_has_focus();
    match (ime, on_agent) {
        (Some(ime), _) => {
            let Some(agent) = element(AGENT) else {
                return;
            };
            // egui's points are CSS pixels times the page's zoom.
            let scale = output.pixels_per_point
                / web_sys::window().map_or(1.0, |w| w.device_pixel_ratio() as f32);
            let at = ime.cursor_rect.left_bottom() * scale;
            let style = agent.style();
            let _ = style.set_property("left", &format!("{}px", at.x.max(0.0)));
            let _ = style.set_property("top", &format!("{}px", at.y.max(0.0)));
            if !on_agent {
                let _ = agent.focus();
            }
        }
        (None, true) => {
            if let Some(canvas) = element(CANVAS) {
                let _ = canvas.focus();
            }
        }
        (None, false) => {}
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, install)
        .add_systems(
            PreUpdate,
            deliver
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(PostUpdate, follow.after(EguiPostUpdateSet::ProcessOutput));
}
