//! What the browser keeps across reloads: each exercise's seat token, in the page's local
//! storage, so a reload, a closed tab or a crashed browser brings the student back to their
//! seat; and the personal rejoin link that does the same from another device. The desktop
//! keeps nothing (it can always join again, and the control cell can give a seat back).

use crate::net::hub::normalise;

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn key(code: &str) -> String {
    format!("threshold.rejoin.{}", normalise(code))
}

/// Keeps the token that holds this participant's place in the exercise `code`.
pub fn remember(code: &str, token: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = storage() {
        let _ = s.set_item(&key(code), token);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key(code), token);
}

/// The token kept for the exercise `code`, if any.
pub fn recall(code: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        storage()?
            .get_item(&key(code))
            .ok()
            .flatten()
            .filter(|t| !t.is_empty())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key(code);
        None
    }
}

/// Drops the token kept for `code` (the server no longer knows it).
pub fn forget(code: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(code));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = key(code);
}

/// The address that brings this participant back to their seat from any browser: the page
/// that served this one, with the code and the token (none on the desktop).
pub fn rejoin_link(code: &str, token: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let origin = web_sys::window()?.location().origin().ok()?;
        Some(format!("{origin}/?code={}&rejoin={token}", normalise(code)))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (code, token);
        None
    }
}
