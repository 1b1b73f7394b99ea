//! The story of an exercise: the control cell's view of what happened, turn by turn (it
//! shows hidden authors), as `threshold play` and `replay` print it.

use std::fmt::Write as _;

use super::exercise::Exercise;
use super::record::{Chronicle, Decisions, EventKind, Visibility};

/// The story of the exercise, turn by turn, with each resolution's reason and the outcome
/// per seat. The control cell's view: it shows hidden authors.
pub fn story(ex: &Exercise) -> String {
    let mut out = String::new();
    let sc = ex.scenario();
    let world = ex.world();
    let chronicle = world.resource::<Chronicle>();
    let decisions = world.resource::<Decisions>();
    let catalog = ex.catalog();
    let _ = writeln!(out, "{} — {}", sc.title.en, sc.period.en);
    let _ = writeln!(
        out,
        "seed {}; {} turns of {}",
        ex.seed(),
        sc.turns,
        sc.turn_span.en
    );
    for s in &sc.spans {
        let _ = writeln!(
            out,
            "from turn {}: turns of {} ({}% income)",
            s.from, s.span.en, s.income
        );
    }
    let last = chronicle.0.iter().map(|e| e.turn).max().unwrap_or(0);
    for turn in 1..=last {
        let _ = writeln!(out, "\n=== Turn {turn} ===");
        for e in chronicle.0.iter().filter(|e| e.turn == turn) {
            let tag = match e.kind {
                EventKind::Inject => "inject",
                EventKind::Incident => "incident",
                EventKind::Evidence => "evidence",
                EventKind::Order => "order",
                EventKind::Decision => "decision",
                EventKind::Ladder => "ladder",
                EventKind::Ending => "ending",
            };
            let secret = match e.visibility {
                Visibility::Public => String::new(),
                Visibility::Actors(set) => format!(
                    " (seen by {})",
                    set.iter()
                        .map(|a| catalog.actor_key(a))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Visibility::Control => " (control only)".into(),
            };
            let _ = writeln!(out, "[{tag}] {}{secret}", e.text);
            if let Some(d) = e.decision.and_then(|i| decisions.0.get(i)) {
                let norms: Vec<String> = d
                    .norms
                    .iter()
                    .map(|m| format!("{} {}", m.norm.id(), m.verdict.name()))
                    .collect();
                let mut why = format!("    -> {:?}: {}", d.resolved, d.reason);
                if !norms.is_empty() {
                    let _ = write!(why, " [norms: {}]", norms.join(", "));
                }
                if !d.law.is_empty() {
                    let _ = write!(
                        why,
                        " [law: {}]",
                        d.law
                            .iter()
                            .map(|l| l.cite())
                            .collect::<Vec<_>>()
                            .join("; ")
                    );
                }
                let _ = writeln!(out, "{why}");
            }
        }
    }
    let sphere = world.resource::<super::sphere::Sphere>();
    let _ = writeln!(out, "\n=== Public sphere ===");
    for p in &sphere.posts {
        let _ = writeln!(
            out,
            "[turn {}, {}] {}: {} ({}k reached)",
            p.turn,
            if p.wire { "wire" } else { "feed" },
            super::sphere::voice_name(catalog, p),
            p.text,
            p.reach
        );
        for r in &p.reactions {
            let _ = writeln!(
                out,
                "    {}: {} {:+}",
                catalog.audiences[r.audience as usize].name.en,
                catalog.actor_key(r.actor),
                r.delta
            );
        }
    }
    for (k, a) in catalog.audiences.iter().enumerate() {
        let standing: Vec<String> = catalog
            .actor_ids()
            .filter(|s| catalog.is_state(*s))
            .map(|s| {
                format!(
                    "{} {}",
                    catalog.actor_key(s),
                    sphere.standing(catalog, k, s)
                )
            })
            .collect();
        let _ = writeln!(out, "audience {}: {}", a.name.en, standing.join(", "));
    }
    let _ = writeln!(out, "\n=== Outcome ===");
    let outcome = ex.outcome();
    match outcome.ending.and_then(|i| sc.endings.get(i)) {
        Some(e) => {
            let _ = writeln!(
                out,
                "ending: {}{}",
                e.title.en,
                if outcome.ended_early { " (early)" } else { "" }
            );
        }
        None => {
            let _ = writeln!(out, "ending: none of the scenario's endings was reached");
        }
    }
    for (i, seat) in sc.seats.iter().enumerate() {
        let met = outcome.objectives.get(i).cloned().unwrap_or_default();
        let n = met.iter().filter(|m| **m).count();
        let _ = writeln!(
            out,
            "seat {} ({}): {n} of {} objectives met",
            seat.id,
            seat.actor,
            seat.objectives.len()
        );
        for (o, ok) in seat
            .objectives
            .iter()
            .zip(met.iter().chain(std::iter::repeat(&false)))
        {
            let _ = writeln!(out, "  [{}] {}", if *ok { "x" } else { " " }, o.text.en);
        }
        let ledger = world.resource::<crate::sim::record::NormLedger>();
        let a = catalog.seat_actor(i);
        let mut counts = [0usize; 3];
        for e in ledger.0.iter().filter(|e| e.actor == a) {
            counts[e.mark.verdict as usize] += 1;
        }
        let _ = writeln!(
            out,
            "  norms: {} upheld, {} strained, {} breached",
            counts[0], counts[1], counts[2]
        );
    }
    for (lo, ok) in sc.learning_objectives.iter().zip(outcome.learning.iter()) {
        let _ = writeln!(
            out,
            "learning objective {}: {}",
            if *ok { "met" } else { "not met" },
            lo.text.en
        );
    }
    let _ = writeln!(out, "state-hash: {}", ex.state_hash());
    out
}
