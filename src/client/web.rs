//! The browser client's start. The page's address says everything: the server is the one
//! that served the page, `?code=` opens Join with the code filled in, `&name=` joins at once,
//! `&rejoin=TOKEN` (or the token the page kept for that code) comes back to one's seat, and
//! `?lang=en|ar` (or the browser's language) picks the language.

use super::{Lang, Options, run};

/// What the page's address asks for.
#[derive(Debug, Default, PartialEq)]
struct PageRequest {
    host: String,
    /// The page came over HTTPS: the WebSocket is `wss://` too.
    secure: bool,
    code: Option<String>,
    name: Option<String>,
    rejoin: Option<String>,
    lang: Option<Lang>,
}

fn page() -> PageRequest {
    let Some(window) = web_sys::window() else {
        return PageRequest::default();
    };
    let location = window.location();
    let host = location.host().unwrap_or_default();
    let secure = location.protocol().is_ok_and(|p| p == "https:");
    let search = location.search().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    let get = |key: &str| {
        params
            .as_ref()
            .and_then(|p| p.get(key))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let browser_lang = window
        .navigator()
        .language()
        .and_then(|l| Lang::parse(l.split('-').next().unwrap_or(&l)));
    let code = get("code");
    let rejoin = get("rejoin").or_else(|| code.as_deref().and_then(super::keep::recall));
    PageRequest {
        host,
        secure,
        code,
        name: get("name"),
        rejoin,
        lang: get("lang")
            .as_deref()
            .and_then(Lang::parse)
            .or(browser_lang),
    }
}

/// Runs the client in the page's canvas (`#threshold`).
pub fn start() {
    let request = page();
    run(Options {
        lang: request.lang.unwrap_or_default(),
        screenshot_tour: None,
        window: None,
        scenarios: std::path::PathBuf::new(),
        code: request.code,
        join_address: Some(format!(
            "{}://{}",
            if request.secure { "wss" } else { "ws" },
            request.host
        )),
        name: request.name,
        rejoin: request.rejoin,
    });
}

thread_local! {
    /// A scenario file the instructor picked for an upload, once the browser has read it:
    /// (file name, text).
    static PICKED: std::cell::RefCell<Option<(String, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// Opens the browser's file chooser for a scenario (`.ron`); the file's text arrives later
/// (`take_picked_file`).
pub fn pick_scenario_file() {
    use wasm_bindgen::{JsCast, closure::Closure};
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(input) = document
        .create_element("input")
        .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>())
    else {
        return;
    };
    input.set_type("file");
    input.set_accept(".ron,text/plain");
    let chosen = input.clone();
    // Each pick leaks its two small closures (the browser holds them until it calls them);
    // an instructor picks a handful of files in a class.
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let Some(file) = chosen.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        let read =
            Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |text: wasm_bindgen::JsValue| {
                let text = text.as_string().unwrap_or_default();
                PICKED.with(|p| *p.borrow_mut() = Some((name.clone(), text)));
            });
        let _ = file.text().then(&read);
        read.forget();
    });
    input.set_onchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    input.click();
}

/// The scenario file read for an upload, once (none until the browser has read it).
pub fn take_picked_file() -> Option<(String, String)> {
    PICKED.with(|p| p.borrow_mut().take())
}
