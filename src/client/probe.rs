//! What the page shows, for the browser end-to-end test: the screen, the seat's turn,
//! phase and counts, and where the controls the test clicks are on the canvas.
//!
//! egui draws into one canvas, so a browser test cannot find a button in the DOM. Controls
//! that matter are marked by name as they are drawn; each frame the browser build publishes
//! the marks (in CSS pixels) and the state as JSON in `window.__threshold`. The test then
//! clicks and types at those places like a person would; nothing here acts on the game.

use std::collections::BTreeMap;
use std::sync::Mutex;

use bevy::prelude::*;
use bevy_egui::egui;

use super::Screen;
use super::session::{LinkState, Session};

static FRAMES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
static MARKS: Mutex<BTreeMap<String, [f32; 4]>> = Mutex::new(BTreeMap::new());
static FOCUS: Mutex<Option<String>> = Mutex::new(None);

/// Records where the control `key` can be clicked this frame: the part of it inside its
/// clip rectangle, so a control scrolled out of view is not marked (a test clicks only what
/// a person could).
pub fn mark(key: impl Into<String>, response: &egui::Response) {
    let zoom = response.ctx.zoom_factor();
    let r = response.interact_rect;
    let key = key.into();
    if response.has_focus()
        && let Ok(mut focus) = FOCUS.lock()
    {
        *focus = Some(key.clone());
    }
    if !r.is_positive() {
        return;
    }
    if let Ok(mut marks) = MARKS.lock() {
        marks.insert(
            key,
            [
                r.min.x * zoom,
                r.min.y * zoom,
                r.width() * zoom,
                r.height() * zoom,
            ],
        );
    }
}

/// What the test reads: the screen, the link, the seat's state and the marked controls.
#[derive(serde::Serialize, Debug, Default)]
pub struct Probe {
    /// Frames drawn so far (an idle page should not be drawing).
    pub frames: u64,
    pub screen: String,
    /// The exercise screen's open tab, and the News tab's part.
    pub tab: String,
    pub news_part: String,
    pub link: String,
    pub code: Option<String>,
    pub seat: Option<String>,
    pub turn: u32,
    pub phase: String,
    pub ready: bool,
    pub messages: usize,
    /// The meetings the seat's state is a member of; the channel open in the Channels tab,
    /// and the messages in it.
    pub meetings: usize,
    pub channel: String,
    pub in_channel: usize,
    pub orders: usize,
    /// Orders being prepared, not sent yet.
    pub drafts: usize,
    /// The seat's delegation (its members' names), who added each draft as the server last
    /// said, and who sent the seat's orders.
    pub members: Vec<String>,
    pub draft_authors: Vec<String>,
    pub sent_by: Option<String>,
    pub results: usize,
    pub news: usize,
    /// Posts on the feed and articles on the wire the view carries, and its audiences.
    pub feed: usize,
    pub wire: usize,
    pub audiences: usize,
    pub notices: Vec<String>,
    /// The exercise's clock as the server last said (the control cell has no seat view).
    pub started: bool,
    pub paused: bool,
    pub ended: bool,
    /// The class dashboard's rows as last received: `seat: holder` ("-" for a computer).
    pub class: Vec<String>,
    /// The after-action report has arrived.
    pub debrief: bool,
    /// The texts of the observations the report carries (the instructors' edition only).
    pub report_observations: Vec<String>,
    /// The control cell: the observers' code once made, and the observations received.
    pub observer_code: Option<String>,
    pub observations: usize,
    /// An observer: the observations this page has sent.
    pub noted: usize,
    /// The improvement plan's issues as the server last saved them (the instructor).
    pub plan: Vec<String>,
    /// Which edition of the report the debrief shows: `instructors` or `students`.
    pub report_title: Option<String>,
    /// The participant's own link back to the seat (the browser), if it has one yet.
    pub rejoin: Option<String>,
    /// The marked control that has the keyboard, if any.
    pub focus: Option<String>,
    pub marks: BTreeMap<String, [f32; 4]>,
}

pub fn probe(screen: Screen, session: &Session, forms: &super::screens::Forms) -> Probe {
    let marks = MARKS.lock().map(|m| m.clone()).unwrap_or_default();
    let v = session.view.as_deref();
    Probe {
        frames: FRAMES.load(std::sync::atomic::Ordering::Relaxed),
        screen: format!("{screen:?}"),
        tab: format!("{:?}", forms.tab),
        news_part: format!("{:?}", forms.news_part),
        link: match &session.link {
            LinkState::Offline => "offline".into(),
            LinkState::Connecting => "connecting".into(),
            LinkState::Ready => "ready".into(),
            LinkState::Lost(why) => format!("lost: {}", why.en()),
        },
        code: session.code.clone(),
        seat: session.seat.clone(),
        turn: v
            .map(|v| v.turn)
            .or(session.status.as_ref().map(|s| s.turn))
            .unwrap_or(0),
        phase: v
            .map(|v| format!("{:?}", v.phase))
            .or(session.status.as_ref().map(|s| s.phase.clone()))
            .unwrap_or_default(),
        ready: v.is_some_and(|v| v.ready),
        messages: v.map(|v| v.messages.len()).unwrap_or(0),
        meetings: v.map(|v| v.meetings.len()).unwrap_or(0),
        channel: forms.channel.clone(),
        in_channel: v
            .map(|v| {
                v.messages
                    .iter()
                    .filter(|m| m.channel == forms.channel)
                    .count()
            })
            .unwrap_or(0),
        orders: v.map(|v| v.my_orders.len()).unwrap_or(0),
        drafts: forms.drafts.len(),
        members: v
            .map(|v| v.members.iter().map(|m| m.name.clone()).collect())
            .unwrap_or_default(),
        draft_authors: v.map(|v| v.draft_authors.clone()).unwrap_or_default(),
        sent_by: v.and_then(|v| v.sent_by.clone()),
        results: v.map(|v| v.results.len()).unwrap_or(0),
        news: v.map(|v| v.news.len()).unwrap_or(0),
        feed: v
            .map(|v| v.feed.iter().filter(|p| !p.wire).count())
            .unwrap_or(0),
        wire: v
            .map(|v| v.feed.iter().filter(|p| p.wire).count())
            .unwrap_or(0),
        audiences: v.map(|v| v.audiences.len()).unwrap_or(0),
        notices: session
            .notices
            .iter()
            .map(|n| n.say(crate::i18n::Lang::EN))
            .collect(),
        started: session.started(),
        paused: session.status.as_ref().is_some_and(|s| s.paused),
        ended: session.ended(),
        class: session
            .dashboard
            .seats
            .iter()
            .map(|r| {
                let who = if r.members.is_empty() {
                    "-".to_string()
                } else {
                    r.members.join(", ")
                };
                format!("{}: {who}", r.seat)
            })
            .collect(),
        debrief: session.debrief.is_some(),
        report_observations: session
            .debrief
            .as_ref()
            .and_then(|d| d.instructors.as_ref())
            .map(|i| {
                i.observations
                    .iter()
                    .map(|o| o.note.draft.text.clone())
                    .collect()
            })
            .unwrap_or_default(),
        observer_code: session.observer_code.clone(),
        observations: session.observations.len(),
        noted: session.noted.len(),
        plan: session
            .debrief
            .as_ref()
            .and_then(|d| d.instructors.as_ref())
            .and_then(|i| i.plan.as_ref())
            .map(|p| p.iter().map(|r| r.issue.clone()).collect())
            .unwrap_or_default(),
        report_title: session.debrief.as_ref().map(|d| {
            if d.instructors.is_none() || forms.students_edition {
                "students".into()
            } else {
                "instructors".into()
            }
        }),
        rejoin: session.rejoin_link(),
        focus: FOCUS.lock().ok().and_then(|f| f.clone()),
        marks,
    }
}

fn forget() {
    FRAMES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if let Ok(mut marks) = MARKS.lock() {
        marks.clear();
    }
    if let Ok(mut focus) = FOCUS.lock() {
        *focus = None;
    }
}

#[cfg(target_arch = "wasm32")]
fn publish(screen: Res<State<Screen>>, session: Res<Session>, forms: Res<super::screens::Forms>) {
    let p = probe(*screen.get(), &session, &forms);
    if let (Some(window), Ok(json)) = (web_sys::window(), serde_json::to_string(&p)) {
        let _ = js_sys::Reflect::set(
            &window,
            &wasm_bindgen::JsValue::from_str("__threshold"),
            &wasm_bindgen::JsValue::from_str(&json),
        );
    }
}

/// `THRESHOLD_FRAMES=1`: prints the frames drawn every five seconds (to see idle cost).
#[cfg(not(target_arch = "wasm32"))]
fn count(
    time: Res<Time<Real>>,
    mut last: Local<(f64, u64)>,
    mut contexts: bevy_egui::EguiContexts,
) {
    let now = time.elapsed_secs_f64();
    if now - last.0 >= 5.0 {
        let frames = FRAMES.load(std::sync::atomic::Ordering::Relaxed);
        let asked = contexts
            .ctx_mut()
            .map(|c| format!("{:?}", c.repaint_causes()))
            .unwrap_or_default();
        eprintln!(
            "frames: {} in {:.1} s (egui asks for a repaint: {asked})",
            frames - last.1,
            now - last.0
        );
        *last = (now, frames);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(First, forget);
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("THRESHOLD_FRAMES").is_some() {
        app.add_systems(Last, count);
    }
    #[cfg(target_arch = "wasm32")]
    app.add_systems(Last, publish);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probe_reports_the_screen_and_the_link_without_a_view() {
        let session = Session::default();
        let p = probe(
            Screen::Join,
            &session,
            &crate::client::screens::Forms::new(&Default::default()),
        );
        assert_eq!(p.screen, "Join");
        assert_eq!(p.link, "offline");
        assert_eq!((p.turn, p.messages, p.results), (0, 0, 0));
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.contains("\"screen\":\"Join\""), "{json}");
    }
}
