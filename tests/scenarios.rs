//! The shipped scenarios, played by computer players: every one loads, plays to its end
//! over two hundred seeds without a panic, keeps every variable in range, is deterministic
//! per seed and varied across seeds, replays from its journal, and never shows a seat a
//! hidden author or evidence it does not hold.

use std::path::PathBuf;
use std::sync::Arc;

use threshold::bots::Bot;
use threshold::play::{
    BotSeats, GameSummary, balance, play, play_out, step_bots, story, summarize,
};
use threshold::scenario::{self, Scenario, Var};
use threshold::sim::actors::{ActorIndex, ActorVars, Relations};
use threshold::sim::catalog::ActorId;
use threshold::sim::incidents::{Authorship, IncidentIndex, KnownBy};
use threshold::sim::journal::Journal;
use threshold::sim::view::{Detail, view_with};
use threshold::sim::{Command, Exercise};

const SCENARIOS: [&str; 3] = ["estonia_2007", "eu_cyber_sanctions", "nato_article5"];
const SEEDS: u64 = 200;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.ron"))
}

fn source(name: &str) -> String {
    std::fs::read_to_string(path(name)).unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
}

fn load(name: &str) -> Arc<Scenario> {
    match scenario::parse(&source(name), &format!("{name}.ron")) {
        Ok(sc) => Arc::new(sc),
        Err(e) => panic!("{name} does not load:\n{e}"),
    }
}

/// Every variable, trust and tension within 0..=100.
fn assert_in_range(ex: &Exercise, context: &str) {
    let w = ex.world();
    for (i, e) in w.resource::<ActorIndex>().0.iter().enumerate() {
        let vars = w.get::<ActorVars>(*e).expect("actor variables").0;
        for var in Var::ALL {
            let v = vars.get(var);
            assert!(
                (0..=100).contains(&v),
                "{context}: {} of {} is {v}",
                var.name(),
                ex.catalog().actor_key(ActorId(i as u8))
            );
        }
    }
    let rel = w.resource::<Relations>();
    for a in 0..rel.len() {
        for b in 0..rel.len() {
            let (a, b) = (ActorId(a as u8), ActorId(b as u8));
            assert!(
                (0..=100).contains(&rel.trust(a, b)),
                "{context}: trust {a:?}-{b:?} is {}",
                rel.trust(a, b)
            );
            assert!(
                (0..=100).contains(&rel.tension(a, b)),
                "{context}: tension {a:?}-{b:?} is {}",
                rel.tension(a, b)
            );
        }
    }
}

/// No seat's view (full, or the facts-only view bots use) names an author the seat is not
/// entitled to know, or shows evidence the seat does not hold.
fn assert_views_keep_secrets(ex: &Exercise, context: &str) {
    let w = ex.world();
    let c = ex.catalog();
    let index = w.resource::<IncidentIndex>();
    for seat in &c.scenario.seats {
        let me = c.actor(&seat.actor).expect("seat actor");
        for detail in [Detail::Full, Detail::FactsOnly] {
            let v = view_with(ex, &seat.id, detail).expect("view");
            assert_eq!(v.actor, seat.actor);
            for card in &v.incidents {
                let author = index
                    .get(&card.id)
                    .and_then(|e| w.get::<Authorship>(e))
                    .expect("incident")
                    .author;
                let entitled = author == me || c.host_state(author) == Some(me);
                if let Some(shown) = &card.author {
                    assert!(
                        entitled,
                        "{context}: seat {} sees the hidden author of {}",
                        seat.id, card.id
                    );
                    assert_eq!(
                        shown,
                        c.actor_key(author),
                        "{context}: a wrong author for {}",
                        card.id
                    );
                }
            }
            for card in &v.evidence {
                let held = index
                    .evidence(&card.id)
                    .and_then(|e| w.get::<KnownBy>(e))
                    .is_some_and(|k| k.0.contains(me));
                assert!(
                    held,
                    "{context}: seat {} sees evidence {} it does not hold",
                    seat.id, card.id
                );
            }
        }
    }
}

/// Plays one bot game phase by phase (as `play` does), checking ranges after every phase
/// and, when `views`, every seat's views too.
fn play_checked(sc: &Arc<Scenario>, seed: u64, views: bool) -> Exercise {
    let mut ex = Exercise::new(sc.clone(), seed);
    let bots: Vec<Bot> = sc
        .seats
        .iter()
        .filter_map(|s| Bot::new(&ex, &s.id))
        .collect();
    assert_eq!(bots.len(), sc.seats.len(), "every seat gets a bot");
    let limit = (sc.turns as usize + 1) * 6;
    for _ in 0..limit {
        if ex.ended() {
            break;
        }
        let context = format!(
            "{} seed {seed} turn {} {:?}",
            sc.id,
            ex.clock().turn,
            ex.clock().phase
        );
        step_bots(&mut ex, &bots);
        assert_in_range(&ex, &context);
        if views {
            assert_views_keep_secrets(&ex, &context);
        }
        ex.apply(Command::Advance).expect("advance before the end");
    }
    assert!(ex.ended(), "{} seed {seed} did not reach its end", sc.id);
    assert!(ex.clock().turn <= sc.turns);
    assert_in_range(&ex, &format!("{} seed {seed} at the end", sc.id));
    if views {
        assert_views_keep_secrets(&ex, &format!("{} seed {seed} at the end", sc.id));
    }
    ex
}

fn two_hundred_seeds(name: &str) {
    let sc = load(name);
    for seed in 0..SEEDS {
        // Every seat's views, full and facts-only, after every phase, on every other seed
        // (the views are the costly check).
        let ex = play_checked(&sc, seed, seed % 2 == 0);
        if seed % 25 == 0 {
            assert_eq!(
                ex.state_hash(),
                play(sc.clone(), seed, &BotSeats::All).state_hash(),
                "{name} seed {seed}: the checked game differs from `play`"
            );
        }
    }
}

#[test]
fn every_scenario_loads() {
    for name in SCENARIOS {
        let sc = match scenario::load_file(&path(name)) {
            Ok(sc) => sc,
            Err(e) => panic!("{name}:\n{e}"),
        };
        assert_eq!(sc.id, name);
        assert!(!sc.seats.is_empty() && !sc.endings.is_empty() && sc.turns >= 1);
        assert!(
            sc.seats
                .iter()
                .all(|s| !s.role.en.is_empty() && !s.role.ar.is_empty()),
            "{name}: every role in both languages"
        );
        assert_eq!(load(name).as_ref(), &sc, "parse and load_file agree");
    }
}

#[test]
fn bots_play_estonia_2007_over_200_seeds() {
    two_hundred_seeds("estonia_2007");
}

#[test]
fn bots_play_eu_cyber_sanctions_over_200_seeds() {
    two_hundred_seeds("eu_cyber_sanctions");
}

#[test]
fn bots_play_nato_article5_over_200_seeds() {
    two_hundred_seeds("nato_article5");
}

/// Drops the lines that name the seed or the hash, which differ by construction.
fn plot(story: &str) -> String {
    story
        .lines()
        .filter(|l| !l.starts_with("seed ") && !l.starts_with("state-hash:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_same_seed_tells_the_same_story() {
    for name in SCENARIOS {
        let sc = load(name);
        for seed in [0, 7, 123_456_789] {
            let a = play(sc.clone(), seed, &BotSeats::All);
            let b = play(sc.clone(), seed, &BotSeats::All);
            assert_eq!(story(&a), story(&b), "{name} seed {seed}");
            assert_eq!(a.state_hash(), b.state_hash(), "{name} seed {seed}");
            assert!(
                story(&a)
                    .lines()
                    .last()
                    .is_some_and(|l| l == format!("state-hash: {}", a.state_hash()))
            );
        }
    }
}

#[test]
fn different_seeds_tell_different_stories() {
    for name in SCENARIOS {
        let sc = load(name);
        let plots: Vec<String> = (0..10)
            .map(|seed| plot(&story(&play(sc.clone(), seed, &BotSeats::All))))
            .collect();
        let distinct = plots.iter().collect::<std::collections::HashSet<_>>().len();
        assert!(distinct > 1, "{name}: ten seeds, one story");
    }
}

#[test]
fn journals_round_trip() {
    for name in SCENARIOS {
        let sc = load(name);
        let src = source(name);
        for seed in [0, 1, 2, 99] {
            let ex = play(sc.clone(), seed, &BotSeats::All);
            let journal = Journal::of(&ex, &format!("{name}.ron"), &src);
            assert_eq!(journal.commands.len(), ex.journal().len());
            let text = journal.to_jsonl();
            let back = match Journal::from_jsonl(&text) {
                Ok(j) => j,
                Err(e) => panic!("{name} seed {seed}: {e}"),
            };
            assert_eq!(back.seed, seed);
            assert_eq!(back.commands, journal.commands);
            let replayed = match back.replay() {
                Ok(r) => r,
                Err(e) => panic!("{name} seed {seed}: {e}"),
            };
            assert_eq!(replayed.state_hash(), ex.state_hash(), "{name} seed {seed}");
            assert_eq!(story(&replayed), story(&ex), "{name} seed {seed}");
        }
    }
}

/// Bots on some seats only: the others stay passive, and the game still ends in range.
#[test]
fn partial_bot_seats_play_to_the_end() {
    for name in SCENARIOS {
        let sc = load(name);
        let first = sc.seats[0].id.clone();
        for seats in [BotSeats::Some(vec![first]), BotSeats::Some(Vec::new())] {
            let ex = play(sc.clone(), 3, &seats);
            assert!(ex.ended(), "{name} {seats:?}");
            assert_in_range(&ex, name);
        }
    }
}

fn same_summary(a: &GameSummary, b: &GameSummary) -> bool {
    a.ending == b.ending
        && a.objectives == b.objectives
        && a.injects == b.injects
        && a.orders == b.orders
        && a.norms_breached == b.norms_breached
}

/// Balance runs reuse one world for game after game: a restarted world must play exactly
/// like a fresh one, whatever the previous game left behind.
#[test]
fn a_restarted_world_plays_like_a_new_one() {
    let scenarios: Vec<Arc<Scenario>> = SCENARIOS.iter().map(|n| load(n)).collect();
    let mut ex = Exercise::new(scenarios[2].clone(), 5);
    play_out(&mut ex, &BotSeats::All);
    for (i, sc) in scenarios.iter().enumerate() {
        for seed in [11, 12] {
            ex.restart(sc.clone(), seed);
            assert!(ex.journal().is_empty());
            assert_eq!(
                ex.state_hash(),
                Exercise::new(sc.clone(), seed).state_hash(),
                "{} seed {seed} after restart (game {i})",
                sc.id
            );
            play_out(&mut ex, &BotSeats::All);
            let fresh = play(sc.clone(), seed, &BotSeats::All);
            assert_eq!(
                ex.state_hash(),
                fresh.state_hash(),
                "{} seed {seed} after restart",
                sc.id
            );
        }
    }
}

#[test]
fn balance_agrees_with_single_games() {
    let sc = load("eu_cyber_sanctions");
    let games = balance(sc.clone(), 12, 40, &|_| {});
    assert_eq!(games.len(), 12);
    for (i, g) in games.iter().enumerate() {
        let single = summarize(&play(sc.clone(), 40 + i as u64, &BotSeats::All));
        assert!(
            same_summary(g, &single),
            "game {i}: balance {g:?} vs single {single:?}"
        );
    }
}
