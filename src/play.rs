//! Headless play: bots drive an exercise phase by phase; the story is told turn by turn.
//! Also scenario balance: many seeded bot games on all cores.

use std::fmt::Write as _;
use std::sync::Arc;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::Mutex;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::bots::Bot;
use crate::scenario::{OrderKind, Scenario};
use crate::sim::clock::Phase;
use crate::sim::exercise::{Command, Exercise, SeatAct};
use crate::sim::record::Decisions;
pub use crate::sim::story::story;

/// Which seats computer players take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BotSeats {
    All,
    Some(Vec<String>),
}

impl BotSeats {
    pub fn parse(s: &str) -> Self {
        if s.trim() == "all" {
            BotSeats::All
        } else {
            BotSeats::Some(
                s.split(',')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect(),
            )
        }
    }
    /// Computer players on every seat of the scenario but `passive` (those stay passive).
    pub fn all_except(sc: &Scenario, passive: &[&str]) -> Self {
        BotSeats::Some(
            sc.seats
                .iter()
                .filter(|s| !passive.contains(&s.id.as_str()))
                .map(|s| s.id.clone())
                .collect(),
        )
    }
    fn includes(&self, seat: &str) -> bool {
        match self {
            BotSeats::All => true,
            BotSeats::Some(list) => list.iter().any(|s| s == seat),
        }
    }
}

/// Plays one exercise to its end with bots on the chosen seats (other seats stay passive).
pub fn play(scenario: Arc<Scenario>, seed: u64, seats: &BotSeats) -> Exercise {
    let mut ex = Exercise::new(scenario, seed);
    play_out(&mut ex, seats);
    ex
}

/// Plays an exercise from where it stands to its end, moving on as a host does
/// (`conductor::advance`).
pub fn play_out(ex: &mut Exercise, seats: &BotSeats) {
    let bots = bots_for(ex, seats);
    for _ in 0..phase_limit(ex) {
        if ex.ended() {
            break;
        }
        crate::conductor::advance(ex, &bots);
    }
}

/// The computer players of an exercise's chosen seats.
pub fn bots_for(ex: &Exercise, seats: &BotSeats) -> Vec<Bot> {
    ex.scenario()
        .seats
        .iter()
        .filter(|s| seats.includes(&s.id))
        .filter_map(|s| Bot::new(ex, &s.id))
        .collect()
}

/// The most phase changes an exercise can have: a turn has five phases; the bound guards
/// loops against a scenario that never ends.
pub fn phase_limit(ex: &Exercise) -> usize {
    (ex.clock().turns as usize + 1) * 6
}

/// One phase: the bots act in it, then the clock moves to the next phase.
pub fn step_phase(ex: &mut Exercise, bots: &[Bot]) {
    step_bots(ex, bots);
    let _ = ex.apply(Command::ADVANCE);
}

/// Why [`play_to`] cannot stop where it was asked to.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlayToError {
    #[error("turns count from 1; there is no turn 0")]
    TurnZero,
    #[error("turn {turn} is beyond the scenario's last turn ({turns})")]
    TurnBeyondEnd { turn: u32, turns: u32 },
    #[error(
        "the {0} phase is not a place to stop: choose briefing, negotiation, orders, resolution or press"
    )]
    NotAStop(&'static str),
    #[error(
        "the exercise ended in turn {ended_turn}{ending} before turn {turn}'s {phase} phase \
         (with this seed); choose an earlier turn or another seed"
    )]
    Ended {
        turn: u32,
        phase: &'static str,
        ended_turn: u32,
        /// ` (ending "id")` or empty.
        ending: String,
    },
}

/// Creates an exercise and lets computer players act on every seat, phase by phase, until
/// the clock stands at the start of `phase` in `turn` (before anyone acts in it). Turn 1's
/// briefing is where a new exercise stands.
pub fn play_to(
    scenario: Arc<Scenario>,
    seed: u64,
    turn: u32,
    phase: Phase,
) -> Result<Exercise, PlayToError> {
    play_to_with(scenario, seed, &BotSeats::All, turn, phase)
}

/// [`play_to`] with computer players on the chosen seats only (the others stay passive).
pub fn play_to_with(
    scenario: Arc<Scenario>,
    seed: u64,
    seats: &BotSeats,
    turn: u32,
    phase: Phase,
) -> Result<Exercise, PlayToError> {
    if turn == 0 {
        return Err(PlayToError::TurnZero);
    }
    if turn > scenario.turns {
        return Err(PlayToError::TurnBeyondEnd {
            turn,
            turns: scenario.turns,
        });
    }
    if phase == Phase::Ended {
        return Err(PlayToError::NotAStop(phase.name()));
    }
    let mut ex = Exercise::new(scenario, seed);
    let bots = bots_for(&ex, seats);
    for _ in 0..=phase_limit(&ex) {
        let clock = ex.clock();
        if clock.turn == turn && clock.phase == phase {
            return Ok(ex);
        }
        // Phases run in order within a turn, so a later turn means the phase was skipped.
        if ex.ended() || clock.turn > turn {
            break;
        }
        step_phase(&mut ex, &bots);
    }
    let ending = ex
        .outcome()
        .ending
        .and_then(|i| ex.scenario().endings.get(i))
        .map(|e| format!(" (ending \"{}\")", e.id))
        .unwrap_or_default();
    Err(PlayToError::Ended {
        turn,
        phase: phase.name(),
        ended_turn: ex.clock().turn,
        ending,
    })
}

/// Lets every bot act in the current phase; commands a bot gets wrong are dropped.
pub fn step_bots(ex: &mut Exercise, bots: &[Bot]) {
    for bot in bots {
        for cmd in bot.act(ex) {
            if ex.apply(cmd.clone()).is_err()
                && let Command::Seat {
                    seat,
                    act: SeatAct::Orders { mut orders },
                    ..
                } = cmd
            {
                // Keep the longest prefix the rules accept.
                while !orders.is_empty() {
                    orders.pop();
                    let fewer = SeatAct::Orders {
                        orders: orders.clone(),
                    };
                    if ex.apply(Command::seat(seat.clone(), fewer)).is_ok() {
                        break;
                    }
                }
            }
        }
    }
}

/// What one bot game produced, for balance statistics.
#[derive(Clone, Debug, Default)]
pub struct GameSummary {
    pub ending: Option<usize>,
    pub objectives: Vec<Vec<bool>>,
    /// The turn each objective first held, per seat.
    pub first_met: Vec<Vec<Option<u32>>>,
    pub injects: Vec<usize>,
    pub orders: Vec<OrderKind>,
    pub norms_breached: usize,
}

pub fn summarize(ex: &Exercise) -> GameSummary {
    let w = ex.world();
    let mut orders: Vec<OrderKind> = w
        .resource::<Decisions>()
        .0
        .iter()
        .map(|d| d.order.kind())
        .collect();
    orders.sort();
    GameSummary {
        ending: ex.outcome().ending,
        objectives: ex.outcome().objectives.clone(),
        first_met: ex.outcome().first_met.clone(),
        injects: w.resource::<crate::sim::injects::FiredInjects>().0.clone(),
        orders,
        norms_breached: w
            .resource::<crate::sim::record::NormLedger>()
            .0
            .iter()
            .filter(|e| e.mark.verdict == crate::sim::record::Verdict::Breached)
            .count(),
    }
}

/// Plays `runs` bot games with seeds `seed..seed+runs` on every core; `progress` is called
/// with the number finished so far. Not in the browser build (no threads there).
#[cfg(not(target_arch = "wasm32"))]
pub fn balance(
    scenario: Arc<Scenario>,
    runs: usize,
    seed: u64,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<GameSummary> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(runs.max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results = Mutex::new(vec![GameSummary::default(); runs]);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                let mut world: Option<Exercise> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= runs {
                        break;
                    }
                    let game_seed = seed.wrapping_add(i as u64);
                    let ex = match world.as_mut() {
                        Some(ex) => {
                            ex.restart(scenario.clone(), game_seed);
                            ex
                        }
                        None => world.insert(Exercise::new(scenario.clone(), game_seed)),
                    };
                    play_out(ex, &BotSeats::All);
                    let summary = summarize(ex);
                    if let Ok(mut r) = results.lock() {
                        r[i] = summary;
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

/// The balance report: endings, objective success per seat, injects and orders used, and
/// content that never fired.
pub fn balance_report(sc: &Scenario, games: &[GameSummary]) -> String {
    let n = games.len().max(1) as f64;
    let pct = |k: usize| 100.0 * k as f64 / n;
    let mut out = String::new();
    let _ = writeln!(out, "{} — {} games", sc.title.en, games.len());
    let _ = writeln!(out, "\nendings:");
    for (i, e) in sc.endings.iter().enumerate() {
        let k = games.iter().filter(|g| g.ending == Some(i)).count();
        let _ = writeln!(out, "  {:6.1}%  {} ({})", pct(k), e.id, e.title.en);
    }
    let none = games.iter().filter(|g| g.ending.is_none()).count();
    if none > 0 {
        let _ = writeln!(out, "  {:6.1}%  (no ending reached)", pct(none));
    }
    let _ = writeln!(out, "\nobjective success per seat:");
    for (s, seat) in sc.seats.iter().enumerate() {
        let _ = writeln!(out, "  {}:", seat.id);
        for (o, obj) in seat.objectives.iter().enumerate() {
            let k = games
                .iter()
                .filter(|g| {
                    g.objectives
                        .get(s)
                        .and_then(|v| v.get(o))
                        .copied()
                        .unwrap_or(false)
                })
                .count();
            // When the computer players first meet it: an objective most games meet in the
            // first turn teaches little.
            let mut turns: Vec<u32> = games
                .iter()
                .filter_map(|g| g.first_met.get(s).and_then(|v| v.get(o)).copied().flatten())
                .collect();
            turns.sort_unstable();
            let first = match (turns.first(), turns.get(turns.len() / 2)) {
                _ if !obj.condition.lasting() => "  judged at the end".to_string(),
                (Some(min), Some(median)) => {
                    format!("  first met in turn {median} (median), {min} at the earliest")
                }
                _ => String::new(),
            };
            let _ = writeln!(out, "    {:6.1}%  {}{first}", pct(k), obj.id);
        }
    }
    let _ = writeln!(out, "\ninjects fired:");
    let mut never = Vec::new();
    for (i, inj) in sc.injects.iter().enumerate() {
        let k = games.iter().filter(|g| g.injects.contains(&i)).count();
        let _ = writeln!(out, "  {:6.1}%  {}", pct(k), inj.id);
        if k == 0 {
            never.push(format!("inject {}", inj.id));
        }
    }
    let _ = writeln!(out, "\norders used (average per game):");
    for kind in OrderKind::ALL {
        let k: usize = games
            .iter()
            .map(|g| g.orders.iter().filter(|o| **o == kind).count())
            .sum();
        let _ = writeln!(out, "  {:7.2}  {}", k as f64 / n, kind.name());
        if k == 0 {
            never.push(format!("order {}", kind.name()));
        }
    }
    for (i, e) in sc.endings.iter().enumerate() {
        if !games.iter().any(|g| g.ending == Some(i)) {
            never.push(format!("ending {}", e.id));
        }
    }
    for (s, seat) in sc.seats.iter().enumerate() {
        for (o, obj) in seat.objectives.iter().enumerate() {
            if !games.iter().any(|g| {
                g.objectives
                    .get(s)
                    .and_then(|v| v.get(o))
                    .copied()
                    .unwrap_or(false)
            }) {
                never.push(format!("objective {}/{}", seat.id, obj.id));
            }
        }
    }
    let breaches: usize = games.iter().map(|g| g.norms_breached).sum();
    let _ = writeln!(out, "\nnorm breaches per game: {:.2}", breaches as f64 / n);
    let _ = writeln!(out, "\nnever fired or reached:");
    if never.is_empty() {
        let _ = writeln!(out, "  (everything fired at least once)");
    }
    for x in never {
        let _ = writeln!(out, "  {x}");
    }
    out
}

/// Runs the phases of the current turn only as far as `phase` (used by tests and benches).
pub fn advance_to(ex: &mut Exercise, bots: &[Bot], phase: Phase) {
    for _ in 0..6 {
        if ex.ended() || ex.clock().phase == phase {
            return;
        }
        step_bots(ex, bots);
        let _ = ex.apply(Command::ADVANCE);
    }
}
