//! Benchmarks: a whole bot game per shipped scenario, one resolution step (every order of
//! every seat resolving at once) in the eight-seat EU scenario, and the instructors' report
//! of a whole EU game.
//!
//! `cargo bench --bench simulation`; under `cargo test --benches` each runs once.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use threshold::bots::Bot;
use threshold::play::{BotSeats, advance_to, play, step_bots};
use threshold::scenario::{self, Scenario};
use threshold::sim::clock::Phase;
use threshold::sim::{Command, Exercise};

const SCENARIOS: [&str; 3] = ["estonia_2007", "eu_cyber_sanctions", "nato_article5"];

fn load(name: &str) -> Arc<Scenario> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.ron"));
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    match scenario::parse(&source, &path.display().to_string()) {
        Ok(sc) => Arc::new(sc),
        Err(e) => panic!("{name} does not load:\n{e}"),
    }
}

/// One full game with a computer player on every seat.
fn full_games(c: &mut Criterion) {
    let mut group = c.benchmark_group("game");
    group.sample_size(20);
    for name in SCENARIOS {
        let sc = load(name);
        group.bench_function(name, |b| {
            b.iter(|| black_box(play(sc.clone(), black_box(1), &BotSeats::All)).state_hash())
        });
    }
    group.finish();
}

/// An exercise at the orders phase of `turn`, with every bot's orders submitted: the next
/// `Advance` runs the whole resolution.
fn at_orders(sc: &Arc<Scenario>, seed: u64, turn: u32) -> Exercise {
    let mut ex = Exercise::new(sc.clone(), seed);
    let bots: Vec<Bot> = sc
        .seats
        .iter()
        .filter_map(|s| Bot::new(&ex, &s.id))
        .collect();
    while ex.clock().turn < turn && !ex.ended() {
        advance_to(&mut ex, &bots, Phase::Press);
        advance_to(&mut ex, &bots, Phase::Briefing);
    }
    advance_to(&mut ex, &bots, Phase::Orders);
    assert_eq!(
        (ex.clock().turn, ex.clock().phase),
        (turn, Phase::Orders),
        "the game ended before turn {turn}"
    );
    step_bots(&mut ex, &bots);
    ex
}

/// Only the resolution is timed: building the exercise up to the orders phase is setup.
fn resolution(c: &mut Criterion) {
    let sc = load("eu_cyber_sanctions");
    let seats = sc.seats.len();
    let mut group = c.benchmark_group(format!("resolution/eu_cyber_sanctions/{seats}_seats"));
    for turn in [1, 6] {
        group.bench_function(format!("turn_{turn}"), |b| {
            b.iter_batched(
                || at_orders(&sc, 1, turn),
                |mut ex| {
                    ex.apply(Command::ADVANCE).expect("resolution runs");
                    ex
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

/// The instructors' report of a whole bot game in the eight-seat EU scenario: the journal's
/// replay (what each seat held at its key decisions) and the report built on it. The hub
/// makes it once per new command while the control cell reads the report.
fn instructors_report(c: &mut Criterion) {
    let sc = load("eu_cyber_sanctions");
    let ex = play(sc, 1, &BotSeats::All);
    let mut group = c.benchmark_group("instructors report");
    group.sample_size(20);
    group.bench_function("replay", |b| {
        b.iter(|| {
            black_box(threshold::report::replay(black_box(&ex)))
                .decisions
                .len()
        })
    });
    let replayed = threshold::report::replay(&ex);
    group.bench_function("report", |b| {
        b.iter(|| {
            threshold::report::Debrief::for_instructors(black_box(&ex), &replayed, &[], None)
                .state_hash
        })
    });
    group.finish();
}

criterion_group!(benches, full_games, resolution, instructors_report);
criterion_main!(benches);
