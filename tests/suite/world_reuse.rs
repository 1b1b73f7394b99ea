//! Balance runs reuse one world per core (`Exercise::restart`): a reused world must play
//! exactly the game a fresh one plays.

use crate::common::{SCENARIOS, scenario};
use threshold::play::{BotSeats, play, play_out};
use threshold::sim::Exercise;

#[test]
fn a_restarted_world_plays_the_same_game_as_a_fresh_one() {
    for path in SCENARIOS.iter().copied() {
        let sc = scenario(path);
        let mut reused = Exercise::new(sc.clone(), 99);
        play_out(&mut reused, &BotSeats::All);
        for seed in [3u64, 4, 5] {
            reused.restart(sc.clone(), seed);
            play_out(&mut reused, &BotSeats::All);
            let fresh = play(sc.clone(), seed, &BotSeats::All);
            assert_eq!(
                reused.state_hash(),
                fresh.state_hash(),
                "{path} seed {seed}"
            );
            assert_eq!(reused.journal(), fresh.journal(), "{path} seed {seed}");
        }
    }
}

#[test]
fn balance_is_deterministic_and_uses_the_seeds_in_order() {
    let sc = scenario("estonia_2007");
    let a = threshold::play::balance(sc.clone(), 12, 40, &|_| {});
    let b = threshold::play::balance(sc.clone(), 12, 40, &|_| {});
    assert_eq!(
        threshold::play::balance_report(&sc, &a),
        threshold::play::balance_report(&sc, &b)
    );
    let single = play(sc.clone(), 45, &BotSeats::All);
    assert_eq!(a[5].ending, single.outcome().ending);
    assert_eq!(a[5].objectives, single.outcome().objectives);
}
