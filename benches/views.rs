//! Benchmarks: what a server spends to send one seat its view, and a client to rebuild it.
//! A mid-game view of the eight-seat EU scenario is rendered, then sent as a patch of the
//! view its connection already holds (nothing changed, one field changed, the next phase).
//! `whole_json` writes the whole view as JSON, what every view cost before patches were
//! cut from compared fields.
//!
//! `cargo bench --bench views`; under `cargo test --benches` each runs once.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use threshold::bots::Bot;
use threshold::net::protocol::{ViewAssembler, ViewPatcher};
use threshold::play::advance_to;
use threshold::scenario;
use threshold::sim::Exercise;
use threshold::sim::clock::Phase;
use threshold::sim::view::{SeatView, view};

/// The EU scenario at turn 3's orders, and the next phase, as one seat sees them.
fn views() -> (SeatView, SeatView) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/eu_cyber_sanctions.ron");
    let source = std::fs::read_to_string(&path).expect("the EU scenario");
    let sc = Arc::new(scenario::parse(&source, &path.display().to_string()).expect("loads"));
    let mut ex = Exercise::new(sc.clone(), 1);
    let bots: Vec<Bot> = sc
        .seats
        .iter()
        .filter_map(|s| Bot::new(&ex, &s.id))
        .collect();
    while ex.clock().turn < 3 && !ex.ended() {
        advance_to(&mut ex, &bots, Phase::Press);
        advance_to(&mut ex, &bots, Phase::Briefing);
    }
    advance_to(&mut ex, &bots, Phase::Orders);
    let seat = sc
        .seats
        .iter()
        .find(|s| s.playable)
        .expect("a seat")
        .id
        .clone();
    let now = view(&ex, &seat).expect("a view");
    advance_to(&mut ex, &bots, Phase::Press);
    let next = view(&ex, &seat).expect("a view");
    (now, next)
}

fn delivery(c: &mut Criterion) {
    let (now, next) = views();
    let mut ready = now.clone();
    ready.ready = !now.ready;
    let mut group = c.benchmark_group("view");
    group.bench_function("whole_json", |b| {
        b.iter(|| serde_json::to_vec(black_box(&now)).expect("writes").len())
    });
    group.bench_function("whole_json_next_phase", |b| {
        b.iter(|| serde_json::to_vec(black_box(&next)).expect("writes").len())
    });
    group.bench_function("drop", |b| {
        b.iter_batched(|| Box::new(now.clone()), drop, BatchSize::SmallInput)
    });
    for (name, to) in [
        ("patch_unchanged", &now),
        ("patch_ready", &ready),
        ("patch_next_phase", &next),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let mut patcher = ViewPatcher::default();
                    patcher.patch("token", Box::new(now.clone()));
                    (patcher, Box::new(to.clone()))
                },
                // Returned, so that dropping the views is not timed (a server drops one view
                // per view sent, whichever way it is sent).
                |(mut patcher, to)| {
                    let sent = patcher.patch("token", to).map(|p| p.len());
                    (patcher, sent)
                },
                BatchSize::SmallInput,
            )
        });
    }
    // The client: a one-field patch turned back into the whole view.
    let mut patcher = ViewPatcher::default();
    let first = patcher
        .patch("token", Box::new(now.clone()))
        .expect("whole");
    let patch = patcher
        .patch("token", Box::new(ready.clone()))
        .expect("a patch");
    group.bench_function("assemble_ready", |b| {
        b.iter_batched(
            || {
                let mut assembler = ViewAssembler::default();
                assembler.decode(&first).expect("decodes");
                assembler
            },
            |mut assembler| {
                let view = assembler.decode(black_box(&patch));
                (assembler, view)
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, delivery);
criterion_main!(benches);
