//! The public sphere: how a state speaks (channel, wording, language) decides who hears it
//! and how each public answers; what the scenario scripts (posts, standing) is answered the
//! same way; conditions test standing; bad statements are refused with a reason.

use std::sync::Arc;

use threshold::scenario::parse;
use threshold::sim::clock::Phase;
use threshold::sim::orders::{Order, Stance, Via};
use threshold::sim::view::{SeatView, view};
use threshold::sim::{Command, Exercise, Refusal, SeatAct};

use threshold::i18n::Lang;
use threshold::report::{Debrief, html};

use crate::common::{advance_to, scenario};

/// How `actor` stands with `audience` in a seat's view.
fn standing(v: &SeatView, audience: &str, actor: &str) -> i32 {
    v.audiences
        .iter()
        .find(|a| a.id == audience)
        .and_then(|a| a.standing.iter().find(|s| s.actor == actor))
        .map(|s| s.now)
        .unwrap_or_else(|| panic!("no standing of {actor} with {audience}"))
}

fn demand(via: Via, language: Option<&str>) -> Order {
    Order::PublicStatement {
        stance: Stance::Demand,
        incident: None,
        about: Some("saudi".into()),
        reading: None,
        via,
        language: language.map(str::to_string),
        topic: Some("activists".into()),
    }
}

/// The exercise after Ottawa's one statement in turn 1 resolved, and what it cost Ottawa.
fn played(order: Order) -> (Exercise, i32) {
    let mut ex = Exercise::new(scenario("saudi_canada_2018"), 1);
    advance_to(&mut ex, Phase::Orders);
    let before = view(&ex, "ottawa").unwrap().me.diplomatic_capital;
    ex.apply(Command::Seat {
        seat: "ottawa".into(),
        act: SeatAct::Orders {
            orders: vec![order],
        },
        by: None,
    })
    .expect("a well-formed statement");
    advance_to(&mut ex, Phase::Press);
    let cost = before - view(&ex, "ottawa").unwrap().me.diplomatic_capital;
    (ex, cost)
}

/// Riyadh's view after Ottawa's one statement, and what the statement cost.
fn after(order: Order) -> (SeatView, i32) {
    let (ex, cost) = played(order);
    (view(&ex, "riyadh").unwrap(), cost)
}

#[test]
fn a_demand_posted_in_the_named_publics_language_costs_more_there_than_a_communique_and_rallies_it()
{
    let (communique, paid_communique) = after(demand(Via::Communique, None));
    let (post, paid_post) = after(demand(Via::Post, None));
    let (arabic, _) = after(demand(Via::Post, Some("ar")));
    // A post is cheap: a quarter of the communiqué's cost, rounded up.
    assert_eq!((paid_communique, paid_post), (4, 1));
    // The Saudi public turns against Canada: more for a post, most for one in Arabic.
    let start = scenario("saudi_canada_2018")
        .audiences
        .iter()
        .find(|a| a.id == "saudi_public")
        .and_then(|a| a.standing.iter().find(|(s, _)| s == "canada"))
        .map(|(_, v)| *v)
        .expect("the Saudi public's start");
    let (c, p, a) = (
        standing(&communique, "saudi_public", "canada"),
        standing(&post, "saudi_public", "canada"),
        standing(&arabic, "saudi_public", "canada"),
    );
    assert!(start > c && c > p && p > a, "{start} > {c} > {p} > {a}");
    // ... and rallies round its own government.
    assert!(
        standing(&arabic, "saudi_public", "saudi") > standing(&communique, "saudi_public", "saudi")
    );
    // Every seat reads the post in the feed: Canada's account, the channel, the language,
    // the state it names, and each audience's answer.
    let card = arabic
        .feed
        .iter()
        .find(|p| p.by.as_deref() == Some("canada"))
        .expect("Canada's post in Riyadh's feed");
    assert!(!card.wire);
    assert_eq!(card.via, Some(Via::Post));
    assert_eq!(card.language.as_deref(), Some("ar"));
    assert_eq!(card.about.as_deref(), Some("saudi"));
    assert_eq!(card.force, 3);
    assert!(
        card.reactions
            .iter()
            .any(|r| r.audience == "saudi_public" && r.actor == "canada" && r.delta < 0)
    );
    // A communiqué goes on the wire.
    assert!(
        communique
            .feed
            .iter()
            .any(|p| p.by.as_deref() == Some("canada") && p.wire)
    );
    // What trends names the topic.
    assert!(!arabic.trending.is_empty());
}

/// Two states, their publics, the media, and an inject that posts for b against a.
const SCRIPTED: &str = r#"(
    id: "sphere", title: (en: "t", ar: "t"), summary: (en: "s", ar: "s"), briefing: (en: "b", ar: "b"),
    period: (en: "p", ar: "p"), turn_span: (en: "a week", ar: "أسبوع"), turns: 3,
    actors: [
        (id: "a", name: (en: "A", ar: "A"), population: 5.0),
        (id: "b", name: (en: "B", ar: "B"), population: 5.0),
    ],
    seats: [
        (id: "a", actor: "a", role: (en: "r", ar: "r"), briefing: (en: "b", ar: "b"),
         objectives: [(id: "o", text: (en: "o", ar: "o"),
            condition: Standing(audience: "pub_a", actor: "b", at_most: Some(45)))]),
        (id: "b", actor: "b", role: (en: "r", ar: "r"), briefing: (en: "b", ar: "b")),
    ],
    audiences: [
        (id: "pub_a", name: (en: "Public in A", ar: "Public in A"), home: Some("a"), languages: ["en"],
         standing: [("a", 50), ("b", 50)], pride: 80),
        (id: "press", name: (en: "Press", ar: "Press"), media: true),
    ],
    injects: [
        (id: "threat", title: (en: "t", ar: "t"), body: (en: "b", ar: "b"), trigger: At(1),
         effects: [Post((account: Some((en: "An account close to B", ar: "An account close to B")),
            speaks_for: Some("b"), about: Some("a"), force: 3,
            text: (en: "A threat", ar: "A threat")))]),
    ],
    endings: [(id: "end", title: (en: "e", ar: "e"), text: (en: "e", ar: "e"), condition: Always)],
)"#;

#[test]
fn a_scripted_post_is_answered_as_its_state_speaking_and_a_standing_objective_follows() {
    let sc = parse(SCRIPTED, "sphere.ron").expect("the scripted scenario");
    let mut ex = Exercise::new(Arc::new(sc), 3);
    let v = view(&ex, "a").unwrap();
    assert_eq!(standing(&v, "pub_a", "b"), 50);
    assert!(!v.objectives[0].status.holds());
    advance_to(&mut ex, Phase::Press);
    let v = view(&ex, "a").unwrap();
    let post = v
        .feed
        .iter()
        .find(|p| p.speaks_for.as_deref() == Some("b"))
        .expect("the inject's post");
    assert_eq!(post.about.as_deref(), Some("a"));
    // A's public resents the threat from B's side and rallies round its own government.
    assert!(
        standing(&v, "pub_a", "b") <= 45,
        "{}",
        standing(&v, "pub_a", "b")
    );
    assert!(standing(&v, "pub_a", "a") > 50);
    assert!(v.objectives[0].status.holds());
}

#[test]
fn a_statement_with_a_bad_language_or_topic_is_refused_and_changes_nothing() {
    let mut ex = Exercise::new(scenario("saudi_canada_2018"), 1);
    advance_to(&mut ex, Phase::Orders);
    let hash = ex.state_hash();
    let mut bad_topic = demand(Via::Post, None);
    if let Order::PublicStatement { topic, .. } = &mut bad_topic {
        *topic = Some("no_such_topic".into());
    }
    for (order, says) in [
        (demand(Via::Post, Some("x y")), "is not a language code"),
        (bad_topic, "no topic"),
    ] {
        let refused = ex.apply(Command::Seat {
            seat: "ottawa".into(),
            act: SeatAct::Orders {
                orders: vec![order],
            },
            by: None,
        });
        match refused {
            Err(Refusal::Invalid(p)) => assert!(p.en().contains(says), "{}", p.en()),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    assert_eq!(ex.state_hash(), hash);
}

#[test]
fn the_checker_names_an_unknown_audience_and_a_bad_force() {
    let bad = SCRIPTED
        .replace(
            r#"Standing(audience: "pub_a""#,
            r#"Standing(audience: "pub_z""#,
        )
        .replace("force: 3", "force: 9");
    let problems = parse(&bad, "bad.ron").expect_err("an unknown audience and a bad force");
    let text = problems.to_string();
    assert!(text.contains("unknown audience \"pub_z\""), "{text}");
    assert!(text.contains("force 9"), "{text}");
}

#[test]
fn the_report_shows_the_key_moments_and_each_audiences_course_in_both_languages() {
    let (ex, _) = played(demand(Via::Post, Some("ar")));
    let d = Debrief::of(&ex);
    let first = d
        .sphere
        .moments
        .iter()
        .find(|m| m.via == Some(Via::Post))
        .expect("Ottawa's post among the key moments");
    assert_eq!(first.turn, 1);
    assert_eq!(first.language.as_deref(), Some("ar"));
    assert!(
        first
            .moved
            .iter()
            .any(|(a, s, delta)| a.en == "Saudi public" && s.en == "Canada" && *delta < 0),
        "{:?}",
        first.moved
    );
    let saudi = d
        .sphere
        .courses
        .iter()
        .find(|c| c.audience.en == "Saudi public")
        .expect("the Saudi public's course");
    assert_eq!(saudi.turns, vec![0, 1]);
    let canada = &saudi
        .lines
        .iter()
        .find(|(s, _)| s.en == "Canada")
        .unwrap()
        .1;
    assert!(canada[1] < canada[0], "{canada:?}");
    let page = html(&d, Lang::EN);
    assert!(page.contains("The public sphere"));
    assert!(page.contains("How states stood with Saudi public, by turn"));
    let ar = html(&d, Lang::AR);
    assert!(ar.contains("الفضاء العام"));
    assert!(ar.contains("الرأي العام السعودي"));
}

/// B is the target of A's disinformation campaign; B's analysts have found its accounts.
fn campaign() -> Exercise {
    let sc = crate::common::minimal(
        r#"(
            id: "lies", name: (en: "Lies about B", ar: "أكاذيب عن ب"),
            description: (en: "A campaign of inauthentic accounts.", ar: "حملة حسابات زائفة."),
            kind: Disinformation, author: "a", target: "b", severity: 3,
            start_turn: Some(1), duration: 3, public: true,
            evidence: [(id: "ev_bots", text: (en: "The accounts' shared origin.", ar: "مصدر الحسابات المشترك."),
                points_to: "a", reliability: High, layer: Technical, known_to: ["b"])],
        )"#,
        "Always",
    );
    Exercise::new(
        Arc::new(parse(&sc, "campaign.ron").expect("the campaign scenario")),
        5,
    )
}

/// B's view after two turns in which B sends `orders` in the first; the force of the
/// campaign's post of the second turn, and B's standing with A's public then.
fn answered(orders: Vec<Order>) -> (SeatView, i32, i32) {
    let mut ex = campaign();
    advance_to(&mut ex, Phase::Orders);
    if !orders.is_empty() {
        ex.apply(Command::seat("b", SeatAct::Orders { orders }))
            .expect("well-formed answers");
    }
    advance_to(&mut ex, Phase::Press);
    advance_to(&mut ex, Phase::Orders);
    advance_to(&mut ex, Phase::Press);
    let v = view(&ex, "b").unwrap();
    let force = v
        .feed
        .iter()
        .rfind(|p| p.turn == 2 && p.inauthentic)
        .map(|p| p.force)
        .expect("the campaign's post of turn 2");
    let at_a = standing(&v, "public_a", "b");
    (v, force, at_a)
}

#[test]
fn debunking_with_evidence_and_prebunking_take_force_from_a_campaign_and_win_back_a_foreign_public()
{
    let debunk = |release| Order::Debunk {
        incident: "lies".into(),
        release,
    };
    let (_, left_alone, b_alone) = answered(vec![]);
    let (_, plain, _) = answered(vec![debunk(false)]);
    let (_, with_evidence, b_evidence) = answered(vec![debunk(true)]);
    let (_, forewarned, _) = answered(vec![Order::Prebunk { topic: None }]);
    assert_eq!(left_alone, 3, "severity 3, a turn old, minus one");
    assert_eq!((plain, with_evidence, forewarned), (2, 1, 2));
    assert!(
        b_evidence > b_alone,
        "A's public: {b_evidence} after the debunk, {b_alone} left alone"
    );
    // Everything at once: few believe it any more.
    let (v, all, _) = answered(vec![
        debunk(true),
        Order::Prebunk { topic: None },
        Order::AskPlatform {
            incident: "lies".into(),
            act_on: threshold::sim::orders::PlatformAsk::InauthenticAccounts,
        },
    ]);
    assert_eq!(all, 0);
    assert!(
        v.feed.iter().any(|p| p
            .text
            .en()
            .starts_with("Few believe what is said against B")),
        "{:?}",
        v.feed.iter().map(|p| p.text.en()).collect::<Vec<_>>()
    );
    // The platform's action is on the wire without the name of the government that asked.
    let takedown = v
        .feed
        .iter()
        .find(|p| p.text.en().starts_with("A platform removes"))
        .expect("the wire's report of the takedown");
    assert!(takedown.by.is_none() && takedown.wire);
}

#[test]
fn a_debunk_that_would_release_evidence_not_held_or_answer_no_campaign_is_refused() {
    let mut ex = campaign();
    advance_to(&mut ex, Phase::Orders);
    let hash = ex.state_hash();
    for (seat, order, says) in [
        (
            "a",
            Order::Debunk {
                incident: "lies".into(),
                release: true,
            },
            "you hold no evidence on it",
        ),
        (
            "b",
            Order::Prebunk {
                topic: Some("none_such".into()),
            },
            "no topic",
        ),
    ] {
        match ex.apply(Command::seat(
            seat,
            SeatAct::Orders {
                orders: vec![order],
            },
        )) {
            Err(Refusal::Invalid(p)) => assert!(p.en().contains(says), "{}", p.en()),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    assert_eq!(ex.state_hash(), hash);
}

#[test]
fn a_post_sent_at_once_lands_before_the_orders_and_replays_the_same() {
    let sc = scenario("saudi_canada_2018");
    let mut ex = Exercise::new(sc.clone(), 1);
    advance_to(&mut ex, Phase::Negotiation);
    let before = view(&ex, "riyadh").unwrap();
    let capital = view(&ex, "ottawa").unwrap().me.diplomatic_capital;
    let post = |ex: &mut Exercise, statement: Order| {
        ex.apply(Command::seat("ottawa", SeatAct::PostNow { statement }))
            .map(|_| ())
    };
    // A communiqué, or a post carrying a legal reading, waits for the orders.
    for statement in [demand(Via::Communique, None), {
        let mut o = demand(Via::Post, None);
        if let Order::PublicStatement { reading, .. } = &mut o {
            *reading = Some(threshold::scenario::Reading::WrongfulAct);
        }
        o
    }] {
        match post(&mut ex, statement) {
            Err(Refusal::Invalid(p)) => assert!(p.en().contains("goes out at once"), "{}", p.en()),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    post(&mut ex, demand(Via::Post, Some("ar"))).expect("the minister's post");
    // Still the negotiation phase: Riyadh reads it and its public has answered it.
    let now = view(&ex, "riyadh").unwrap();
    assert_eq!(format!("{:?}", now.phase), "Negotiation");
    let landed = now
        .feed
        .iter()
        .find(|p| p.by.as_deref() == Some("canada") && !p.wire)
        .expect("the post in Riyadh's feed");
    assert!(!landed.reactions.is_empty());
    assert!(standing(&now, "saudi_public", "canada") < standing(&before, "saudi_public", "canada"));
    assert_eq!(
        view(&ex, "ottawa").unwrap().me.diplomatic_capital,
        capital - 1,
        "a post's quarter, paid now"
    );
    // The same journal gives the same exercise.
    let mut again = Exercise::new(sc, 1);
    for c in ex.journal().iter().cloned() {
        again.apply(c).expect("the journal replays");
    }
    assert_eq!(again.state_hash(), ex.state_hash());
}
