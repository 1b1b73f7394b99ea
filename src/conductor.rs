//! The game's flow in time, apart from any transport: when each phase ends (its deadline),
//! starting, pausing and resuming, moving a deadline, "every human is ready", computer
//! players acting for the seats no human holds, and a resolution going straight on to the
//! press. The server's host, the host inside a browser page and headless play all move an
//! exercise through a `Conductor`; the rules themselves (`sim`) know nothing of clocks.
//!
//! Time is milliseconds on a clock the caller chooses; the server uses the wall clock, so a
//! stored conductor brought back after a restart keeps the same deadlines (and a phase whose
//! deadline passed while the server was down ends at once).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bots::Bot;
use crate::play::step_phase;
use crate::scenario::OrderKind;
use crate::sim::clock::Phase;
use crate::sim::exercise::{Command, Exercise, MAX_ORDERS, Moment, SeatAct};
use crate::sim::orders::Order;

/// How long the phases without a scenario deadline last in a networked exercise.
pub const BRIEFING_MS: u64 = 60_000;
pub const PRESS_MS: u64 = 30_000;

/// Why drafts were not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("too many orders")]
    TooMany,
    #[error("this phase takes no orders")]
    Phase,
}

/// Why the conductor refused a change of timing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimingError {
    #[error("this phase has no deadline")]
    NoDeadline,
}

/// One exercise's timing: everything about it that is not the rules' state. Stored with the
/// exercise, so a restored exercise resumes exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conductor {
    pub started: bool,
    pub paused: bool,
    /// When the current phase ends by itself, and which moment that deadline is for.
    deadline_ms: Option<u64>,
    deadline_for: Option<Moment>,
    /// Time left in the phase when the exercise was paused.
    paused_left_ms: Option<u64>,
    /// Each seat's orders in preparation, kept for the seat (not the page), so a reload or
    /// another device finds them; emptied when the orders phase ends.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    drafts: BTreeMap<String, Vec<Order>>,
    /// Who added each of a seat's drafts (in the drafts' order), and the delegation's latest
    /// changes to them: each member sees what the others add or remove.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    draft_authors: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    draft_log: BTreeMap<String, Vec<DraftNote>>,
    /// What happens to drafts not sent when the orders phase ends (the instructor's choice).
    #[serde(default)]
    pub at_deadline: AtDeadline,
    /// How many people may hold one seat together, if the instructor set it (otherwise each
    /// seat's `delegation` in the scenario).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<u32>,
    /// Only the control cell seats people (students do not choose their seats).
    #[serde(default)]
    pub assigned_only: bool,
    /// Each person's role in their seat's delegation (one of the seat's `roles`), by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, String>,
    /// The exercise's observers and evaluators, and their observations.
    #[serde(
        default,
        skip_serializing_if = "crate::observation::Observers::is_empty"
    )]
    pub observers: crate::observation::Observers,
}

/// The largest delegation a seat may have.
pub const MAX_DELEGATION: u32 = 10;
/// How many changes to a seat's drafts its members see.
const DRAFT_LOG: usize = 12;

/// One member's change to the seat's drafts: what they added and what they removed (a
/// changed order is one removed and one added).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftNote {
    pub by: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<Order>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Order>,
}

/// What the end of the orders phase does with a seat's drafts that were not sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AtDeadline {
    /// They go in as the seat's orders (if the rules accept them as a whole).
    #[default]
    Send,
    /// They are dropped: only what the seat sent counts.
    Discard,
}

impl AtDeadline {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "send" => Some(AtDeadline::Send),
            "discard" => Some(AtDeadline::Discard),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            AtDeadline::Send => "send",
            AtDeadline::Discard => "discard",
        }
    }
}

impl Conductor {
    /// A conductor known only by its flags (an exercise stored before the timing was kept):
    /// the phase's clock starts again when it is next looked at.
    pub fn with_flags(started: bool, paused: bool) -> Self {
        Self {
            started,
            paused,
            ..Self::default()
        }
    }

    /// How long `phase` lasts in `ex` (none: it does not end by itself).
    pub fn phase_length_ms(ex: &Exercise, phase: Phase) -> Option<u64> {
        let d = &ex.scenario().deadlines;
        match phase {
            Phase::Briefing => Some(BRIEFING_MS),
            Phase::Negotiation => Some(d.negotiation_secs as u64 * 1000),
            Phase::Orders => Some(d.orders_secs as u64 * 1000),
            Phase::Resolution => Some(0),
            Phase::Press => Some(PRESS_MS),
            Phase::Ended => None,
        }
    }

    /// Whether the exercise is running (started, not paused, not ended).
    pub fn running(&self, ex: &Exercise) -> bool {
        self.started && !self.paused && !ex.ended()
    }

    /// Seconds until the current phase ends by itself (none while paused or not started).
    /// A phase the clock has not seen yet (just moved on by the control cell) has its whole
    /// length left, not what was left of the one before.
    pub fn seconds_left(&self, ex: &Exercise, now_ms: u64) -> Option<u64> {
        if !self.running(ex) {
            return None;
        }
        let current = ex.moment();
        let deadline = if self.deadline_for == Some(current) {
            self.deadline_ms
        } else {
            Self::phase_length_ms(ex, current.phase).map(|l| now_ms + l)
        };
        deadline.map(|d| d.saturating_sub(now_ms).div_ceil(1000))
    }

    /// A new phase gets its deadline; the same phase keeps the one it has.
    fn refresh(&mut self, ex: &Exercise, now_ms: u64) {
        let current = ex.moment();
        if self.deadline_for != Some(current) {
            self.deadline_for = Some(current);
            self.deadline_ms = Self::phase_length_ms(ex, current.phase).map(|l| now_ms + l);
        }
    }

    /// The control cell starts the exercise: the first phase's clock runs from now.
    pub fn start(&mut self, ex: &Exercise, now_ms: u64) {
        self.started = true;
        self.refresh(ex, now_ms);
    }

    /// The clock stops; moves wait until it resumes.
    pub fn pause(&mut self, now_ms: u64) {
        if !self.paused {
            self.paused = true;
            self.paused_left_ms = self.deadline_ms.map(|d| d.saturating_sub(now_ms));
        }
    }

    /// The clock runs again with the time that was left when it stopped.
    pub fn resume(&mut self, now_ms: u64) {
        if self.paused {
            self.paused = false;
            if let Some(left) = self.paused_left_ms.take() {
                self.deadline_ms = Some(now_ms + left);
            }
        }
    }

    /// Lengthens (positive) or shortens (negative) the current phase, never into the past;
    /// while paused, the time that will be left when the clock runs again.
    pub fn adjust(&mut self, ex: &Exercise, now_ms: u64, seconds: i64) -> Result<(), TimingError> {
        self.refresh(ex, now_ms);
        let deadline = self.deadline_ms.ok_or(TimingError::NoDeadline)?;
        let shift = |t: u64, floor: u64| {
            if seconds >= 0 {
                t.saturating_add((seconds as u64).saturating_mul(1000))
            } else {
                t.saturating_sub(seconds.unsigned_abs().saturating_mul(1000))
                    .max(floor)
            }
        };
        match self.paused_left_ms.as_mut() {
            Some(left) => *left = shift(*left, 0),
            None => self.deadline_ms = Some(shift(deadline, now_ms)),
        }
        Ok(())
    }

    /// A seat's drafts as it last kept them.
    pub fn drafts(&self, seat: &str) -> &[Order] {
        self.drafts.get(seat).map(Vec::as_slice).unwrap_or_default()
    }

    /// Who added each of a seat's drafts, in their order.
    pub fn draft_authors(&self, seat: &str) -> &[String] {
        self.draft_authors
            .get(seat)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The latest changes the seat's members made to its drafts, oldest first.
    pub fn draft_log(&self, seat: &str) -> &[DraftNote] {
        self.draft_log
            .get(seat)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Keeps the change `by` made to a seat's drafts: `orders` is their list, `base` the
    /// server's copy their page started from. What they removed from `base` leaves the
    /// seat's drafts, what they added joins them, and what other members changed meanwhile
    /// stays: two members drafting at once lose nothing. Each draft keeps its author; the
    /// change goes in the seat's log. Refused in a phase that takes no orders or proposals,
    /// or beyond the most a turn takes.
    pub fn keep_drafts(
        &mut self,
        ex: &Exercise,
        seat: &str,
        base: &[Order],
        orders: Vec<Order>,
        by: &str,
    ) -> Result<(), DraftError> {
        if orders.len() > MAX_ORDERS || base.len() > MAX_ORDERS {
            return Err(DraftError::TooMany);
        }
        if !matches!(ex.clock().phase, Phase::Negotiation | Phase::Orders) {
            return Err(DraftError::Phase);
        }
        let mut merged: Vec<(Order, String)> = self
            .drafts(seat)
            .iter()
            .cloned()
            .zip(
                self.draft_authors(seat)
                    .iter()
                    .cloned()
                    .chain(std::iter::repeat(String::new())),
            )
            .collect();
        let (added, removed) = rebase(
            &mut merged,
            base,
            &orders,
            |(o, _)| o,
            |o| (o, by.to_string()),
        );
        if merged.len() > MAX_ORDERS {
            return Err(DraftError::TooMany);
        }
        if !added.is_empty() || !removed.is_empty() {
            let log = self.draft_log.entry(seat.to_string()).or_default();
            log.push(DraftNote {
                by: by.to_string(),
                added,
                removed,
            });
            if log.len() > DRAFT_LOG {
                log.remove(0);
            }
        }
        if merged.is_empty() {
            self.drafts.remove(seat);
            self.draft_authors.remove(seat);
        } else {
            let (orders, authors) = merged.into_iter().unzip();
            self.drafts.insert(seat.to_string(), orders);
            self.draft_authors.insert(seat.to_string(), authors);
        }
        Ok(())
    }

    /// How many people may hold `seat` together: the instructor's number, else the
    /// scenario's.
    pub fn delegation(&self, ex: &Exercise, seat: &str) -> u32 {
        self.delegation.unwrap_or_else(|| {
            ex.scenario()
                .seats
                .iter()
                .find(|s| s.id == seat)
                .map_or(1, |s| s.delegation)
        })
    }

    /// Ends the current phase (`advance`). At the end of the orders phase each seat's
    /// drafts that differ from what it sent go in as its orders if the instructor chose so
    /// (proposals stay out: they are tabled in negotiation), and every draft is emptied.
    pub fn end_phase(&mut self, ex: &mut Exercise, bots: &[Bot]) {
        if ex.clock().phase == Phase::Orders {
            let drafts = std::mem::take(&mut self.drafts);
            self.draft_authors.clear();
            self.draft_log.clear();
            if self.at_deadline == AtDeadline::Send {
                for (seat, orders) in drafts {
                    let orders: Vec<Order> = orders
                        .into_iter()
                        .filter(|o| o.kind() != OrderKind::TableProposal)
                        .collect();
                    if orders.is_empty() || ex.sent_orders(&seat).as_deref() == Some(&orders[..]) {
                        continue;
                    }
                    // Refused (too dear, say): what the seat sent stands.
                    let _ = ex.apply(Command::seat(seat, SeatAct::Orders { orders }));
                }
            }
        }
        advance(ex, bots);
    }

    /// Whether the current phase's deadline has passed (it gets its deadline if it is new).
    pub fn due(&mut self, ex: &Exercise, now_ms: u64) -> bool {
        if !self.running(ex) {
            return false;
        }
        self.refresh(ex, now_ms);
        self.deadline_ms.is_some_and(|d| now_ms >= d)
    }

    /// Ends every phase whose deadline has passed (the computer players in `bots` act
    /// first); returns whether anything moved. At most one full turn per call. Ask `due`
    /// first where making the computer players costs something.
    pub fn tick(&mut self, ex: &mut Exercise, bots: &[Bot], now_ms: u64) -> bool {
        let mut moved = false;
        for _ in 0..6 {
            if !self.due(ex, now_ms) {
                break;
            }
            self.end_phase(ex, bots);
            moved = true;
        }
        moved
    }

    /// After a seat said it is ready: whether every seat in `humans` is, so that the phase
    /// ends now (`advance`).
    pub fn all_ready(ex: &Exercise, humans: &[String]) -> bool {
        !humans.is_empty() && ex.all_ready(humans) && !ex.ended()
    }
}

/// Applies to `current` what `mine` changed from `base`: the orders `base` had and `mine`
/// has not leave `current` (if they are still there), the orders `mine` added join it at
/// the end. Returns what was added and what was removed. Two members drafting from the
/// same copy thus keep each other's changes (the server on the seat's drafts, a page on
/// its own edits when the server's copy moves under them).
pub fn rebase<T>(
    current: &mut Vec<T>,
    base: &[Order],
    mine: &[Order],
    order: impl Fn(&T) -> &Order,
    make: impl Fn(Order) -> T,
) -> (Vec<Order>, Vec<Order>) {
    let added = without(mine, base);
    let mut removed = Vec::new();
    for o in without(base, mine) {
        if let Some(i) = current.iter().position(|x| *order(x) == o) {
            current.remove(i);
            removed.push(o);
        }
    }
    current.extend(added.iter().cloned().map(make));
    (added, removed)
}

/// The orders of `a` that are not in `b`, counting repeats (a multiset difference).
fn without(a: &[Order], b: &[Order]) -> Vec<Order> {
    let mut rest: Vec<&Order> = b.iter().collect();
    a.iter()
        .filter(|o| match rest.iter().position(|x| x == o) {
            Some(i) => {
                rest.remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

/// Moves an exercise to its next phase: the computer players in `bots` act first, and a
/// resolution goes straight on to the press (nobody acts in it).
pub fn advance(ex: &mut Exercise, bots: &[Bot]) {
    step_phase(ex, bots);
    if ex.clock().phase == Phase::Resolution {
        step_phase(ex, bots);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estonia() -> Exercise {
        let src = include_str!("../scenarios/estonia_2007.ron");
        let sc = crate::scenario::parse(src, "estonia_2007.ron").expect("loads");
        Exercise::new(std::sync::Arc::new(sc), 3)
    }

    /// A paused clock keeps the time that was left; a moved deadline moves with the pause;
    /// a phase ends when its deadline passes and not before.
    #[test]
    fn the_clock_pauses_resumes_and_moves() {
        let mut ex = estonia();
        let mut c = Conductor::default();
        assert!(
            !c.tick(&mut ex, &[], 1_000_000),
            "not started: nothing moves"
        );
        c.start(&ex, 0);
        assert_eq!(c.seconds_left(&ex, 0), Some(BRIEFING_MS / 1000));
        c.pause(10_000);
        assert_eq!(
            c.seconds_left(&ex, 10_000),
            None,
            "no countdown while paused"
        );
        assert!(!c.tick(&mut ex, &[], 1_000_000), "paused: nothing moves");
        c.adjust(&ex, 20_000, 30).unwrap();
        c.resume(100_000);
        // 50 s were left at the pause, 30 s added while paused.
        assert_eq!(c.seconds_left(&ex, 100_000), Some(80));
        assert!(!c.tick(&mut ex, &[], 179_000));
        assert!(c.tick(&mut ex, &[], 180_000));
        assert_eq!(ex.clock().phase, Phase::Negotiation);
    }

    /// A stored conductor comes back with the same deadline: restored at the same clock, it
    /// ends the phase when the original would have.
    #[test]
    fn a_stored_conductor_resumes_exactly() {
        let mut ex = estonia();
        let mut c = Conductor::default();
        c.start(&ex, 5_000);
        c.adjust(&ex, 6_000, -20).unwrap();
        let stored = serde_json::to_string(&c).unwrap();
        let mut back: Conductor = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.seconds_left(&ex, 6_000), c.seconds_left(&ex, 6_000));
        assert!(!back.tick(&mut ex, &[], 44_999));
        assert!(back.tick(&mut ex, &[], 45_000));
    }

    /// A resolution is never a stop: moving on from the orders lands in the press.
    #[test]
    fn moving_on_from_the_orders_lands_in_the_press() {
        let mut ex = estonia();
        advance(&mut ex, &[]);
        advance(&mut ex, &[]);
        assert_eq!(ex.clock().phase, Phase::Orders);
        advance(&mut ex, &[]);
        assert_eq!(ex.clock().phase, Phase::Press);
    }
}
