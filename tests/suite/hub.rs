//! The exercise host without a transport: lifecycle, join codes, seats, the control cell,
//! and refusals that leave the exercise untouched.

use threshold::i18n::Lang;
use threshold::net::hub::{CODE_ALPHABET, CODE_LENGTH, FREE_FAILURES, Hub, Outbox, normalise};
use threshold::net::protocol::*;
use threshold::sim::channels::Channel;
use threshold::sim::journal::Journal;
use threshold::sim::orders::Order;

const ADDR: &str = "127.0.0.1:5000";

fn estonia() -> String {
    crate::common::scenario_source("estonia_2007")
}

fn create(hub: &mut Hub) -> (String, String) {
    let out = hub.handle(
        ADDR,
        0,
        ClientMessage::CreateExercise {
            scenario_file: "estonia_2007.ron".into(),
            scenario_source: estonia(),
            seed: Some(7),
            session: None,
        },
    );
    match out.reply {
        ServerMessage::Created {
            code,
            instructor_key,
        } => (code, instructor_key),
        other => panic!("expected Created, got {other:?}"),
    }
}

fn join(hub: &mut Hub, code: &str, name: &str) -> String {
    match hub
        .handle(
            ADDR,
            0,
            ClientMessage::Join {
                code: code.into(),
                name: name.into(),
            },
        )
        .reply
    {
        ServerMessage::Joined { token, .. } => token,
        other => panic!("expected Joined, got {other:?}"),
    }
}

/// Where the exercise `code` stands: the moment a move drafted now names.
fn now(hub: &Hub, code: &str) -> Moment {
    hub.exercise(code).expect("exercise").exercise.moment()
}

/// The control cell acts on the game, drafted at the moment the exercise is at.
fn play(hub: &mut Hub, code: &str, key: &str, act: ControlAct) -> ServerMessage {
    let at = now(hub, code);
    control(hub, code, key, ControlAction::Game { act, at })
}

fn control(hub: &mut Hub, code: &str, key: &str, action: ControlAction) -> ServerMessage {
    hub.handle(
        ADDR,
        0,
        ClientMessage::Control {
            code: code.into(),
            key: key.into(),
            action,
        },
    )
    .reply
}

fn refusal(m: &ServerMessage) -> Option<Refusal> {
    match m {
        ServerMessage::Refused { refusal, .. } => Some(*refusal),
        _ => None,
    }
}

#[test]
fn a_client_of_another_version_is_refused_with_a_clear_message() {
    let mut hub = Hub::new(1);
    let out = hub.handle(
        ADDR,
        0,
        ClientMessage::Hello {
            version: PROTOCOL_VERSION + 1,
        },
    );
    match out.reply {
        ServerMessage::Refused {
            refusal: Refusal::Version,
            message,
            ..
        } => assert!(message.contains("version")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        hub.handle(
            ADDR,
            0,
            ClientMessage::Hello {
                version: PROTOCOL_VERSION
            }
        )
        .reply,
        ServerMessage::Welcome { .. }
    ));
}

/// A server of an older protocol refuses a newer client with a message that has no phrase;
/// the newer client still reads it (and shows its English).
#[test]
fn a_refusal_from_a_server_before_protocol_6_still_reads() {
    let old = br#"{"Reply":{"re":1,"message":{"Refused":{"refusal":"Version","message":"this server speaks protocol version 5"}}}}"#;
    match decode_server(old) {
        Ok(ServerFrame::Reply {
            message:
                ServerMessage::Refused {
                    refusal: Refusal::Version,
                    message,
                    reason,
                },
            ..
        }) => {
            assert!(message.contains("version 5"));
            assert!(reason.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn join_codes_are_short_and_unambiguous_and_typed_loosely() {
    let mut hub = Hub::new(2);
    let (code, _) = create(&mut hub);
    assert_eq!(code.len(), CODE_LENGTH);
    assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
    for c in ['0', 'O', '1', 'I', 'L'] {
        assert!(!code.contains(c));
    }
    let loose = format!(" {}-{} ", code[..3].to_lowercase(), &code[3..]);
    assert_eq!(normalise(&loose), code);
    join(&mut hub, &loose, "Aino");
}

#[test]
fn a_broken_scenario_is_refused_with_its_positions() {
    let mut hub = Hub::new(3);
    let out = hub.handle(
        ADDR,
        0,
        ClientMessage::CreateExercise {
            scenario_file: "x.ron".into(),
            scenario_source: "(id: \"x\",".into(),
            seed: None,
            session: None,
        },
    );
    // Every problem with its place; nothing created.
    match out.reply {
        ServerMessage::ScenarioProblems(problems) => {
            assert!(!problems.is_empty());
            assert!(
                problems
                    .iter()
                    .all(|p| p.file == "x.ron" && p.line >= 1 && p.column >= 1),
                "{problems:?}"
            );
            assert!(
                problems[0].to_string().starts_with("x.ron:1:"),
                "{problems:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(hub.exercise_count(), 0);
}

#[test]
fn repeated_wrong_join_codes_from_one_address_are_slowed_down() {
    let mut hub = Hub::new(4);
    let (code, _) = create(&mut hub);
    for _ in 0..=FREE_FAILURES {
        let r = hub
            .handle(
                ADDR,
                1000,
                ClientMessage::Join {
                    code: "ZZZZZZ".into(),
                    name: "x".into(),
                },
            )
            .reply;
        assert_eq!(refusal(&r), Some(Refusal::Unauthorised));
    }
    // Even the right code waits now, from this address only.
    let r = hub
        .handle(
            ADDR,
            1001,
            ClientMessage::Join {
                code: code.clone(),
                name: "x".into(),
            },
        )
        .reply;
    assert_eq!(refusal(&r), Some(Refusal::SlowDown));
    let r = hub
        .handle(
            "10.9.9.9:1",
            1001,
            ClientMessage::Join {
                code: code.clone(),
                name: "y".into(),
            },
        )
        .reply;
    assert!(matches!(r, ServerMessage::Joined { .. }));
    let r = hub
        .handle(
            ADDR,
            1000 + 60_000,
            ClientMessage::Join {
                code,
                name: "x".into(),
            },
        )
        .reply;
    assert!(matches!(r, ServerMessage::Joined { .. }));
}

#[test]
fn a_student_cannot_use_control_cell_commands_or_act_for_another_seat() {
    let mut hub = Hub::new(5);
    let (code, key) = create(&mut hub);
    let token = join(&mut hub, &code, "Mari");
    let before = hub.exercise(&code).map(|h| h.exercise.state_hash());
    // A student guessing the key is refused; nothing changes.
    let r = control(&mut hub, &code, "not-the-key", ControlAction::Start);
    assert_eq!(refusal(&r), Some(Refusal::Unauthorised));
    assert_eq!(
        refusal(&play(&mut hub, &code, &token, ControlAct::End)),
        Some(Refusal::Unauthorised)
    );
    // Acting without a seat is refused.
    let r = hub
        .handle(
            ADDR,
            0,
            ClientMessage::Act {
                token: token.clone(),
                act: SeatAct::Ready,
                at: now(&hub, &code),
            },
        )
        .reply;
    assert_eq!(refusal(&r), Some(Refusal::Seat));
    assert_eq!(hub.exercise(&code).map(|h| h.exercise.state_hash()), before);
    // Seats: a non-existent seat and a taken seat are refused.
    let r = hub
        .handle(
            ADDR,
            0,
            ClientMessage::ClaimSeat {
                token: token.clone(),
                seat: "nowhere".into(),
            },
        )
        .reply;
    assert_eq!(refusal(&r), Some(Refusal::Seat));
    assert!(matches!(
        hub.handle(
            ADDR,
            0,
            ClientMessage::ClaimSeat {
                token: token.clone(),
                seat: "tallinn".into()
            }
        )
        .reply,
        ServerMessage::Ack
    ));
    let other = join(&mut hub, &code, "Ivan");
    let r = hub
        .handle(
            ADDR,
            0,
            ClientMessage::ClaimSeat {
                token: other,
                seat: "tallinn".into(),
            },
        )
        .reply;
    assert_eq!(refusal(&r), Some(Refusal::Seat));
    // Before the start, seat acts are refused.
    let r = hub
        .handle(
            ADDR,
            0,
            ClientMessage::Act {
                token: token.clone(),
                act: SeatAct::Ready,
                at: now(&hub, &code),
            },
        )
        .reply;
    assert_eq!(refusal(&r), Some(Refusal::NotRunning));
    assert_eq!(hub.exercise(&code).map(|h| h.exercise.state_hash()), before);
    let _ = key;
}

#[test]
fn orders_out_of_phase_get_a_typed_refusal_and_change_nothing() {
    let mut hub = Hub::new(6);
    let (code, key) = create(&mut hub);
    let token = join(&mut hub, &code, "Mari");
    hub.handle(
        ADDR,
        0,
        ClientMessage::ClaimSeat {
            token: token.clone(),
            seat: "tallinn".into(),
        },
    );
    assert!(matches!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    ));
    let before = hub.exercise(&code).map(|h| h.exercise.state_hash());
    // Briefing: orders are not accepted yet.
    let r = hub
        .handle(
            ADDR,
            0,
            ClientMessage::Act {
                token,
                act: SeatAct::Orders {
                    orders: vec![Order::Harden],
                },
                at: now(&hub, &code),
            },
        )
        .reply;
    assert_eq!(refusal(&r), Some(Refusal::Rules));
    assert_eq!(hub.exercise(&code).map(|h| h.exercise.state_hash()), before);
}

/// The reason of a refusal, as a client in `lang` shows it.
fn reason_in(m: &ServerMessage, lang: Lang) -> String {
    match m {
        ServerMessage::Refused { reason, .. } => lang.say(reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A refusal carries its reason as a phrase: an Arabic client reads the server's refusals
/// (acting before the start) and the rules' (an order out of phase, orders beyond the
/// seat's budget) in Arabic, while the English message stays for the command line.
#[test]
fn an_arabic_client_reads_refusals_in_arabic() {
    let mut hub = Hub::new(8);
    let (code, key) = create(&mut hub);
    let token = join(&mut hub, &code, "Mari");
    hub.handle(
        ADDR,
        0,
        ClientMessage::ClaimSeat {
            token: token.clone(),
            seat: "tallinn".into(),
        },
    );
    let act = |hub: &mut Hub, orders: Vec<Order>| {
        hub.handle(
            ADDR,
            0,
            ClientMessage::Act {
                token: token.clone(),
                act: SeatAct::Orders { orders },
                at: now(hub, &code),
            },
        )
        .reply
    };

    // The hub's own refusal.
    let r = act(&mut hub, vec![Order::Harden]);
    assert_eq!(refusal(&r), Some(Refusal::NotRunning));
    assert_eq!(reason_in(&r, Lang::AR), "لم يبدأ التمرين بعد");
    assert_eq!(reason_in(&r, Lang::EN), "the exercise has not started");
    assert!(
        matches!(&r, ServerMessage::Refused { message, .. } if message == "the exercise has not started")
    );

    // The rules': orders in the briefing, named by the phases' Arabic names.
    control(&mut hub, &code, &key, ControlAction::Start);
    let r = act(&mut hub, vec![Order::Harden]);
    assert_eq!(refusal(&r), Some(Refusal::Rules));
    assert_eq!(
        reason_in(&r, Lang::AR),
        "غير مسموح به في مرحلة الإحاطة، وإنما في مرحلة الإجراءات"
    );

    // Sixteen expulsions are more than Estonia can afford.
    play(&mut hub, &code, &key, ControlAct::Advance);
    play(&mut hub, &code, &key, ControlAct::Advance);
    let expel = Order::ExpelDiplomats {
        of: "russia".into(),
        count: 1,
    };
    let r = act(&mut hub, vec![expel; 16]);
    assert_eq!(refusal(&r), Some(Refusal::Rules));
    let (en, ar) = (reason_in(&r, Lang::EN), reason_in(&r, Lang::AR));
    assert!(en.starts_with("these orders cost"), "{en}");
    assert!(
        matches!(&r, ServerMessage::Refused { message, .. } if *message == en),
        "the English message is the reason's English"
    );
    assert!(ar.starts_with("تكلّف هذه الإجراءات"), "{ar}");
    assert!(ar.contains("من الرصيد الدبلوماسي"), "{ar}");
    assert!(!ar.chars().any(|c| c.is_ascii_alphabetic()), "{ar}");
}

#[test]
fn paused_exercises_refuse_moves_until_resumed() {
    let mut hub = Hub::new(7);
    let (code, key) = create(&mut hub);
    let token = join(&mut hub, &code, "Mari");
    hub.handle(
        ADDR,
        0,
        ClientMessage::ClaimSeat {
            token: token.clone(),
            seat: "tallinn".into(),
        },
    );
    control(&mut hub, &code, &key, ControlAction::Start);
    play(&mut hub, &code, &key, ControlAct::Advance);
    play(&mut hub, &code, &key, ControlAct::Advance);
    control(&mut hub, &code, &key, ControlAction::Pause);
    let at = now(&hub, &code);
    let act = || ClientMessage::Act {
        token: token.clone(),
        act: SeatAct::Orders {
            orders: vec![Order::Harden],
        },
        at,
    };
    assert_eq!(
        refusal(&hub.handle(ADDR, 0, act()).reply),
        Some(Refusal::NotRunning)
    );
    control(&mut hub, &code, &key, ControlAction::Resume);
    assert!(matches!(
        hub.handle(ADDR, 0, act()).reply,
        ServerMessage::Ack
    ));
}

#[test]
fn a_hosted_exercise_plays_to_the_end_and_matches_a_replay_of_its_journal() {
    let mut hub = Hub::new(8);
    let (code, key) = create(&mut hub);
    let token = join(&mut hub, &code, "Mari");
    hub.handle(
        ADDR,
        0,
        ClientMessage::ClaimSeat {
            token: token.clone(),
            seat: "tallinn".into(),
        },
    );
    control(&mut hub, &code, &key, ControlAction::Start);
    let mut views_seen = 0;
    for _ in 0..200 {
        let status = match hub
            .handle(ADDR, 0, ClientMessage::Status { code: code.clone() })
            .reply
        {
            ServerMessage::Status(s) => s,
            other => panic!("{other:?}"),
        };
        if status.ended {
            break;
        }
        // The human seat says it is ready in the phases with choices; the rest is the control cell.
        let out = if matches!(status.phase.as_str(), "negotiation" | "orders") {
            hub.handle(
                ADDR,
                0,
                ClientMessage::Act {
                    token: token.clone(),
                    act: SeatAct::Ready,
                    at: now(&hub, &code),
                },
            )
        } else {
            hub.handle(
                ADDR,
                0,
                ClientMessage::Control {
                    code: code.clone(),
                    key: key.clone(),
                    action: ControlAction::Game {
                        act: ControlAct::Advance,
                        at: now(&hub, &code),
                    },
                },
            )
        };
        for (t, v) in &out.views {
            assert_eq!(t, &token, "only seat holders get views");
            assert_eq!(v.seat, "tallinn");
            views_seen += 1;
        }
    }
    let hosted = hub.exercise(&code).expect("exercise");
    assert!(hosted.exercise.ended());
    assert!(views_seen > 0);
    let journal = Journal::of(
        &hosted.exercise,
        &hosted.scenario_file,
        &hosted.scenario_source,
    );
    let replayed = Journal::from_jsonl(&journal.to_jsonl())
        .and_then(|j| j.replay())
        .expect("replay");
    assert_eq!(replayed.state_hash(), hosted.exercise.state_hash());
}

#[test]
fn the_control_cell_can_end_an_exercise_and_send_injects() {
    let mut hub = Hub::new(9);
    let (code, key) = create(&mut hub);
    let inject = hub
        .exercise(&code)
        .and_then(|h| h.exercise.scenario().injects.last().map(|i| i.id.clone()))
        .expect("an inject");
    assert!(matches!(
        play(
            &mut hub,
            &code,
            &key,
            ControlAct::Inject {
                inject: inject.clone()
            }
        ),
        ServerMessage::Ack
    ));
    // The same inject does not fire twice.
    assert_eq!(
        refusal(&play(&mut hub, &code, &key, ControlAct::Inject { inject })),
        Some(Refusal::Rules)
    );
    assert!(matches!(
        play(&mut hub, &code, &key, ControlAct::End),
        ServerMessage::Ack
    ));
    let s = match hub.handle(ADDR, 0, ClientMessage::Status { code }).reply {
        ServerMessage::Status(s) => s,
        other => panic!("{other:?}"),
    };
    assert!(s.ended);
    assert_eq!(s.phase, "ended");
    assert_eq!(s.state_hash.len(), 16);
}

#[test]
fn malformed_or_oversized_bytes_are_rejected_not_fatal() {
    assert!(decode_client(b"").is_err());
    assert!(decode_client(b"{\"Join\":{\"code\":1}}").is_err());
    assert!(decode_client(&[0xff, 0xfe, 0x00]).is_err());
    let big = vec![b' '; MAX_CLIENT_MESSAGE + 1];
    assert!(matches!(decode_client(&big), Err(DecodeError::TooLarge(_))));
    // A message without its request id is not a request.
    let bare = encode(&ClientMessage::Hello {
        version: PROTOCOL_VERSION,
    });
    assert!(decode_client(&bare).is_err());
    let hello = Request {
        id: 3,
        message: ClientMessage::Hello {
            version: PROTOCOL_VERSION,
        },
    };
    assert_eq!(decode_client(&encode(&hello)).ok(), Some(hello));
}

fn status_at(hub: &mut Hub, code: &str, now: u64) -> ExerciseStatus {
    match hub
        .handle(ADDR, now, ClientMessage::Status { code: code.into() })
        .reply
    {
        ServerMessage::Status(s) => s,
        other => panic!("{other:?}"),
    }
}

#[test]
fn phases_end_at_their_deadlines_which_the_control_cell_can_move_and_pause() {
    let mut hub = Hub::new(10);
    let (code, key) = create(&mut hub);
    let ctl = |action| ClientMessage::Control {
        code: code.clone(),
        key: key.clone(),
        action,
    };
    hub.handle(ADDR, 0, ctl(ControlAction::Start));
    hub.tick(59_999).expect("tick");
    assert_eq!(status_at(&mut hub, &code, 59_999).phase, "briefing");
    hub.tick(60_000).expect("tick");
    let s = status_at(&mut hub, &code, 60_000);
    assert_eq!(s.phase, "negotiation");
    let negotiation = hub
        .exercise(&code)
        .map(|h| h.exercise.scenario().deadlines.negotiation_secs as u64)
        .expect("exercise");
    assert_eq!(s.seconds_left, Some(negotiation));
    // Lengthen by two minutes, shorten by one.
    hub.handle(
        ADDR,
        60_000,
        ctl(ControlAction::AdjustDeadline { seconds: 120 }),
    );
    hub.handle(
        ADDR,
        60_000,
        ctl(ControlAction::AdjustDeadline { seconds: -60 }),
    );
    assert_eq!(
        status_at(&mut hub, &code, 60_000).seconds_left,
        Some(negotiation + 60)
    );
    // Paused, the clock stands still however long it lasts.
    hub.handle(ADDR, 70_000, ctl(ControlAction::Pause));
    hub.tick(10_000_000).expect("tick");
    assert_eq!(status_at(&mut hub, &code, 10_000_000).phase, "negotiation");
    assert_eq!(status_at(&mut hub, &code, 10_000_000).seconds_left, None);
    hub.handle(ADDR, 10_000_000, ctl(ControlAction::Resume));
    assert_eq!(
        status_at(&mut hub, &code, 10_000_000).seconds_left,
        Some(negotiation + 50)
    );
    hub.tick(10_000_000 + (negotiation + 50) * 1000)
        .expect("tick");
    assert_eq!(
        status_at(&mut hub, &code, 10_000_000 + (negotiation + 50) * 1000).phase,
        "orders"
    );
}

/// The control cell moves the exercise on: the status right after names the new phase's
/// whole length, not what was left of the one before (`exercise control … advance`).
#[test]
fn after_advance_the_status_gives_the_new_phases_time() {
    let mut hub = Hub::new(11);
    let (code, key) = create(&mut hub);
    control(&mut hub, &code, &key, ControlAction::Start);
    hub.tick(1_000).expect("tick");
    assert_eq!(
        play(&mut hub, &code, &key, ControlAct::Advance),
        ServerMessage::Ack
    );
    let s = status_at(&mut hub, &code, 50_000);
    assert_eq!(s.phase, "negotiation");
    let negotiation = hub
        .exercise(&code)
        .map(|h| h.exercise.scenario().deadlines.negotiation_secs as u64)
        .expect("exercise");
    assert_eq!(s.seconds_left, Some(negotiation));
}

/// A deadline moved by an absurd amount (any number the protocol can carry) neither panics
/// the server nor loses the phase: it stops at the far end, or at now.
#[test]
fn extreme_deadline_shifts_saturate_instead_of_overflowing() {
    let mut hub = Hub::new(11);
    let (code, key) = create(&mut hub);
    let ctl = |action| ClientMessage::Control {
        code: code.clone(),
        key: key.clone(),
        action,
    };
    hub.handle(ADDR, 0, ctl(ControlAction::Start));
    for seconds in [i64::MAX, i64::MAX / 1000 + 1, i64::MIN, i64::MIN + 1] {
        let reply = hub.handle(ADDR, 1_000, ctl(ControlAction::AdjustDeadline { seconds }));
        assert_eq!(refusal(&reply.reply), None, "{seconds}: {:?}", reply.reply);
    }
    // The last shift was towards the past: the briefing ends now, not before the start.
    hub.tick(1_000).expect("tick");
    assert_eq!(status_at(&mut hub, &code, 1_000).phase, "negotiation");
    hub.handle(
        ADDR,
        1_000,
        ctl(ControlAction::AdjustDeadline { seconds: i64::MAX }),
    );
    hub.tick(u64::MAX / 2).expect("tick");
    assert_eq!(
        status_at(&mut hub, &code, u64::MAX / 2).phase,
        "negotiation"
    );
}

#[test]
fn an_unattended_exercise_runs_to_its_end_on_deadlines_alone() {
    let mut hub = Hub::new(11);
    let (code, key) = create(&mut hub);
    hub.handle(
        ADDR,
        0,
        ClientMessage::Control {
            code: code.clone(),
            key,
            action: ControlAction::Start,
        },
    );
    let mut now = 0;
    for _ in 0..500 {
        now += 30_000;
        hub.tick(now).expect("tick");
        if status_at(&mut hub, &code, now).ended {
            break;
        }
    }
    assert!(status_at(&mut hub, &code, now).ended);
}

#[test]
fn channels_reach_their_members_only_and_the_control_cell_reads_all() {
    let mut hub = Hub::new(12);
    let (code, key) = create(&mut hub);
    let seat = |hub: &mut Hub, name: &str, seat: &str| {
        let token = join(hub, &code, name);
        assert!(matches!(
            hub.handle(
                ADDR,
                0,
                ClientMessage::ClaimSeat {
                    token: token.clone(),
                    seat: seat.into()
                }
            )
            .reply,
            ServerMessage::Ack
        ));
        token
    };
    let tallinn = seat(&mut hub, "Mari", "tallinn");
    let helsinki = seat(&mut hub, "Aino", "helsinki");
    let moscow = seat(&mut hub, "Ivan", "moscow");
    let say = |channel, text: &str| SeatAct::Say {
        channel,
        text: text.into(),
    };
    let private = hub.handle(
        ADDR,
        0,
        ClientMessage::Act {
            token: tallinn.clone(),
            act: say(
                threshold::sim::channels::Channel::Seats(vec!["helsinki".into()]),
                "Can your CERT help tonight?",
            ),
            at: now(&hub, &code),
        },
    );
    assert!(
        matches!(private.reply, ServerMessage::Ack),
        "{:?}",
        private.reply
    );
    let eu = hub.handle(
        ADDR,
        0,
        ClientMessage::Act {
            token: helsinki.clone(),
            act: say(
                threshold::sim::channels::Channel::Institution("eu_council".into()),
                "A statement by Friday?",
            ),
            at: now(&hub, &code),
        },
    );
    assert!(matches!(eu.reply, ServerMessage::Ack), "{:?}", eu.reply);
    // Moscow is in neither channel, and cannot write in the EU's.
    let refused = hub.handle(
        ADDR,
        0,
        ClientMessage::Act {
            token: moscow.clone(),
            act: say(
                threshold::sim::channels::Channel::Institution("eu_council".into()),
                "Let me in",
            ),
            at: now(&hub, &code),
        },
    );
    assert!(matches!(
        refused.reply,
        ServerMessage::Refused {
            refusal: Refusal::Rules,
            ..
        }
    ));
    let messages_of = |hub: &mut Hub, token: &str| match hub
        .handle(
            ADDR,
            0,
            ClientMessage::Resume {
                token: token.into(),
            },
        )
        .views
        .first()
    {
        Some((_, v)) => v
            .messages
            .iter()
            .map(|m| m.text.clone())
            .collect::<Vec<_>>(),
        None => Vec::new(),
    };
    assert_eq!(
        messages_of(&mut hub, &helsinki),
        vec!["Can your CERT help tonight?", "A statement by Friday?"]
    );
    assert_eq!(
        messages_of(&mut hub, &tallinn),
        vec!["Can your CERT help tonight?", "A statement by Friday?"]
    );
    assert!(messages_of(&mut hub, &moscow).is_empty());
    match hub
        .handle(
            ADDR,
            0,
            ClientMessage::Control {
                code: code.clone(),
                key,
                action: ControlAction::ReadChannels,
            },
        )
        .reply
    {
        ServerMessage::Messages(all) => {
            assert_eq!(all.len(), 2);
            assert!(
                all.iter()
                    .all(|(_, readers)| !readers.contains(&"russia".to_string()))
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_after_action_report_is_the_control_cells_until_the_end_then_everyones() {
    let mut hub = Hub::new(5);
    let (code, key) = create(&mut hub);
    let _student = join(&mut hub, &code, "Student");
    let ask = |hub: &mut Hub| {
        hub.handle("1.2.3.4", 0, ClientMessage::Debrief { code: code.clone() })
            .reply
    };
    // During the exercise the report reveals hidden authors: students may not have it.
    assert_eq!(refusal(&ask(&mut hub)), Some(Refusal::NotRunning));
    match control(&mut hub, &code, &key, ControlAction::Debrief) {
        ServerMessage::Debrief(d) => assert!(!d.ended),
        other => panic!("the control cell got {other:?}"),
    }
    control(&mut hub, &code, &key, ControlAction::Start);
    play(&mut hub, &code, &key, ControlAct::End);
    match ask(&mut hub) {
        ServerMessage::Debrief(d) => {
            assert!(d.ended);
            assert!(!d.state_hash.is_empty());
        }
        other => panic!("after the end a student got {other:?}"),
    }
    let wrong = hub
        .handle(
            "1.2.3.4",
            0,
            ClientMessage::Debrief {
                code: "ZZZZZZ".into(),
            },
        )
        .reply;
    assert_eq!(refusal(&wrong), Some(Refusal::Unauthorised));
}

/// Views travel as patches of what changed (`ViewPatcher` on the server, `ViewAssembler` in
/// clients): through a whole exercise, a seat switch and a resumed connection, what the
/// client rebuilds is exactly the view the server rendered, and an unchanged view sends
/// nothing.
#[test]
fn view_patches_rebuild_every_view_exactly() {
    let mut hub = Hub::new(11);
    let (code, key) = create(&mut hub);
    let token = join(&mut hub, &code, "Aino");
    let claim = |hub: &mut Hub, seat: &str| {
        hub.handle(
            ADDR,
            0,
            ClientMessage::ClaimSeat {
                token: token.clone(),
                seat: seat.into(),
            },
        )
    };
    let first = claim(&mut hub, "tallinn");
    let mut views: Vec<_> = first.views.into_iter().map(|(_, v)| v).collect();
    control(&mut hub, &code, &key, ControlAction::Start);
    for _ in 0..12 {
        play(&mut hub, &code, &key, ControlAct::Advance);
        let seat = views.last().map(|v| v.seat.clone()).unwrap();
        if let ServerMessage::View(v) =
            control(&mut hub, &code, &key, ControlAction::ViewSeat { seat })
        {
            views.push(Box::new((*v).clone()));
        }
    }
    assert!(views.len() > 10, "{} views", views.len());
    let mut patcher = ViewPatcher::default();
    let mut client = ViewAssembler::default();
    let mut sizes = Vec::new();
    for (i, v) in views.iter().enumerate() {
        if i == 6 {
            // The connection changed: the next view goes out whole.
            patcher.forget(&token);
            client = ViewAssembler::default();
        }
        match patcher.patch(&token, v.clone()) {
            Some(bytes) => {
                sizes.push(bytes.len());
                match client.decode(&bytes).expect("a patch decodes") {
                    ServerFrame::View(rebuilt) => assert_eq!(*rebuilt, **v, "view {i}"),
                    other => panic!("{other:?}"),
                }
            }
            None => assert_eq!(v, &views[i - 1], "view {i} changed but sent nothing"),
        }
    }
    // The same view again: nothing to send.
    assert!(
        patcher
            .patch(&token, views.last().unwrap().clone())
            .is_none()
    );
    // Another seat on the same token: sent whole, rebuilt exactly.
    let mut other = views.last().unwrap().clone();
    other.seat = "moscow".into();
    other.turn += 1;
    let bytes = patcher.patch(&token, other.clone()).expect("another seat");
    match ViewAssembler::default().decode(&bytes).expect("decodes") {
        ServerFrame::View(rebuilt) => assert_eq!(*rebuilt, *other),
        m => panic!("{m:?}"),
    }
    // Later patches are smaller than the first, whole one.
    assert!(sizes[1..].iter().any(|s| *s < sizes[0]), "{sizes:?}");
}

/// A move drafted on the view of one phase and delivered after the phase changed is refused
/// as stale, whatever it is (orders, ready, the control cell's "next phase"): a student's
/// "ready" pressed as the deadline passes does not become "ready" for the next phase, and a
/// double click on "next phase" moves one phase, not two. Talk is never stale. Nothing a
/// stale move carries changes the exercise.
#[test]
fn a_move_drafted_before_the_phase_changed_is_refused_as_stale() {
    let mut hub = Hub::new(17);
    let (code, key) = create(&mut hub);
    let token = join(&mut hub, &code, "Mari");
    hub.handle(
        ADDR,
        0,
        ClientMessage::ClaimSeat {
            token: token.clone(),
            seat: "tallinn".into(),
        },
    );
    control(&mut hub, &code, &key, ControlAction::Start);
    let briefing = now(&hub, &code);
    // The control cell's screen shows the briefing; it clicks "next phase" twice.
    let next = |at| ControlAction::Game {
        act: ControlAct::Advance,
        at,
    };
    assert!(matches!(
        control(&mut hub, &code, &key, next(briefing)),
        ServerMessage::Ack
    ));
    let negotiation = now(&hub, &code);
    assert_ne!(negotiation, briefing);
    let r = control(&mut hub, &code, &key, next(briefing));
    assert_eq!(refusal(&r), Some(Refusal::Rules));
    assert!(
        reason_in(&r, Lang::EN).contains("drafted in turn 1"),
        "{r:?}"
    );
    assert_eq!(now(&hub, &code), negotiation, "moved one phase, not two");

    // Ready, drafted in the briefing, arrives in the negotiation: refused, nothing changes.
    let hash = hub.exercise(&code).map(|h| h.exercise.state_hash());
    let act = |act, at| ClientMessage::Act {
        token: token.clone(),
        act,
        at,
    };
    let r = hub.handle(ADDR, 0, act(SeatAct::Ready, briefing)).reply;
    assert_eq!(refusal(&r), Some(Refusal::Rules));
    assert_eq!(hub.exercise(&code).map(|h| h.exercise.state_hash()), hash);
    assert!(
        hub.exercise(&code)
            .is_some_and(|h| !h.waiting_for().is_empty()),
        "the seat is not ready"
    );
    // A message written in the briefing still goes out.
    let say = SeatAct::Say {
        channel: threshold::sim::channels::Channel::Seats(vec!["helsinki".into()]),
        text: "Written a while ago".into(),
    };
    assert!(matches!(
        hub.handle(ADDR, 0, act(say, briefing)).reply,
        ServerMessage::Ack
    ));
    // Drafted now, it is accepted.
    assert!(matches!(
        hub.handle(ADDR, 0, act(SeatAct::Ready, negotiation)).reply,
        ServerMessage::Ack
    ));
}

/// The rules say whose views a command changed: a private message reaches the views of its
/// sender and reader only; a proposal tabled in the negotiation reaches every seat.
#[test]
fn only_the_seats_a_command_changed_get_new_views() {
    let mut hub = Hub::new(18);
    let (code, key) = create(&mut hub);
    let mut tokens = Vec::new();
    for (name, seat) in [
        ("Mari", "tallinn"),
        ("Aino", "helsinki"),
        ("Ivan", "moscow"),
    ] {
        let token = join(&mut hub, &code, name);
        hub.handle(
            ADDR,
            0,
            ClientMessage::ClaimSeat {
                token: token.clone(),
                seat: seat.into(),
            },
        );
        tokens.push(token);
    }
    control(&mut hub, &code, &key, ControlAction::Start);
    let at = now(&hub, &code);
    let out = hub.handle(
        ADDR,
        0,
        ClientMessage::Act {
            token: tokens[0].clone(),
            act: SeatAct::Say {
                channel: threshold::sim::channels::Channel::Seats(vec!["helsinki".into()]),
                text: "Between us".into(),
            },
            at,
        },
    );
    let mut seen: Vec<String> = out.views.iter().map(|(_, v)| v.seat.clone()).collect();
    seen.sort();
    assert_eq!(seen, vec!["helsinki".to_string(), "tallinn".to_string()]);
}

fn claim(hub: &mut Hub, token: &str, seat: &str) -> ServerMessage {
    hub.handle(
        ADDR,
        0,
        ClientMessage::ClaimSeat {
            token: token.into(),
            seat: seat.into(),
        },
    )
    .reply
}

/// Nobody is locked out, and nobody is mistaken for someone else: a second person under a
/// name already in the exercise is told to pick another (case aside); the first comes back
/// to the same seat with the token (a reload, a rejoin link); a seat may be changed in the
/// lobby but not once the exercise runs; the control cell's assignment reaches the one
/// person of that name.
#[test]
fn names_are_one_per_person_and_a_returning_student_finds_the_seat() {
    let mut hub = Hub::new(19);
    let (code, key) = create(&mut hub);
    let mari = join(&mut hub, &code, "Mari");
    let again = hub.handle(
        ADDR,
        0,
        ClientMessage::Join {
            code: code.clone(),
            name: " mari ".into(),
        },
    );
    assert_eq!(refusal(&again.reply), Some(Refusal::Name));
    assert!(
        reason_in(&again.reply, Lang::EN).contains("pick another name"),
        "{:?}",
        again.reply
    );
    assert!(!reason_in(&again.reply, Lang::AR).is_ascii());

    // In the lobby a seat may be taken, then changed for another.
    assert_eq!(claim(&mut hub, &mari, "tallinn"), ServerMessage::Ack);
    assert_eq!(claim(&mut hub, &mari, "helsinki"), ServerMessage::Ack);
    let ivan = join(&mut hub, &code, "Ivan");
    assert_eq!(
        claim(&mut hub, &ivan, "tallinn"),
        ServerMessage::Ack,
        "tallinn was freed"
    );

    // The page reloads: the kept token brings Mari back to her seat, and its view.
    let back = hub.handle(
        ADDR,
        0,
        ClientMessage::Resume {
            token: mari.clone(),
        },
    );
    assert!(matches!(back.reply, ServerMessage::Joined { ref token, .. } if *token == mari));
    // The lobby can say what the exercise is about: a student has no scenario file.
    assert!(matches!(
        &back.reply,
        ServerMessage::Joined { title, summary, .. }
            if title.en.contains("Estonia") && title.has("ar") && !summary.en.is_empty()
    ));
    assert!(
        back.views
            .iter()
            .any(|(token, v)| *token == mari && v.seat == "helsinki"),
        "her seat's view is sent again"
    );

    // The control cell assigns by the one name; once the exercise runs, seats stay put.
    let assigned = control(
        &mut hub,
        &code,
        &key,
        ControlAction::AssignSeat {
            name: "Mari".into(),
            seat: "berlin".into(),
        },
    );
    assert_eq!(assigned, ServerMessage::Ack);
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );
    let moved = claim(&mut hub, &mari, "riga");
    assert_eq!(refusal(&moved), Some(Refusal::Seat));
    assert!(reason_in(&moved, Lang::EN).contains("only in the lobby"));
    let status = hub.exercise(&code).expect("exercise").status(0);
    let holder = |seat: &str| {
        status
            .seats
            .iter()
            .find(|s| s.seat == seat)
            .and_then(|s| s.members.first().cloned())
    };
    assert_eq!(holder("berlin").as_deref(), Some("Mari"));
    assert_eq!(holder("tallinn").as_deref(), Some("Ivan"));
    assert_eq!(holder("helsinki"), None);
}

/// Keeps `orders` as the seat's drafts in place of those the server has (a page that has
/// seen the server's copy and changed it to `orders`).
fn keep_drafts(hub: &mut Hub, token: &str, orders: Vec<Order>) -> ServerMessage {
    let base = hub
        .render([token.to_string()])
        .pop()
        .map(|(_, v)| v.drafts)
        .unwrap_or_default();
    hub.handle(
        ADDR,
        0,
        ClientMessage::Drafts {
            token: token.into(),
            base,
            orders,
        },
    )
    .reply
}

/// Moves the exercise on (as the control cell does) until the clock stands at `phase`.
fn advance_to(hub: &mut Hub, code: &str, key: &str, phase: &str) {
    for _ in 0..6 {
        if hub.exercise(code).expect("exercise").status(0).phase == phase {
            return;
        }
        assert_eq!(
            play(hub, code, key, ControlAct::Advance),
            ServerMessage::Ack
        );
    }
    panic!("never reached {phase}");
}

/// Drafts belong to the seat, not the page: a reload or a second device finds them, and
/// at the end of the orders phase they go in (or are dropped, as the instructor chose).
#[test]
fn drafts_are_kept_for_the_seat_and_the_deadline_sends_or_drops_them() {
    for choice in [AtDeadline::Send, AtDeadline::Discard] {
        let mut hub = Hub::new(23);
        let (code, key) = create(&mut hub);
        let mari = join(&mut hub, &code, "Mari");
        assert_eq!(claim(&mut hub, &mari, "tallinn"), ServerMessage::Ack);
        assert_eq!(
            control(&mut hub, &code, &key, ControlAction::AtDeadline(choice)),
            ServerMessage::Ack
        );
        assert_eq!(
            control(&mut hub, &code, &key, ControlAction::Start),
            ServerMessage::Ack
        );
        // Nothing to draft in the briefing.
        assert_eq!(
            refusal(&keep_drafts(&mut hub, &mari, vec![Order::Harden])),
            Some(Refusal::Rules)
        );
        advance_to(&mut hub, &code, &key, "orders");
        let drafts = vec![Order::Harden];
        assert_eq!(
            keep_drafts(&mut hub, &mari, drafts.clone()),
            ServerMessage::Ack
        );
        // The page reloads: the seat's view brings the drafts back.
        let back = hub.handle(
            ADDR,
            0,
            ClientMessage::Resume {
                token: mari.clone(),
            },
        );
        let view = back
            .views
            .iter()
            .find(|(t, _)| *t == mari)
            .map(|(_, v)| v.clone())
            .expect("the seat's view");
        assert_eq!(view.drafts, drafts);
        assert_eq!(view.drafts_go_in, choice == AtDeadline::Send);
        assert!(view.my_orders.is_empty(), "drafts are not orders");
        // The orders phase ends with the drafts unsent.
        assert_eq!(
            play(&mut hub, &code, &key, ControlAct::Advance),
            ServerMessage::Ack
        );
        let journal = hub.exercise(&code).expect("exercise").exercise.journal();
        let sent = journal.iter().any(|c| {
            matches!(c, threshold::sim::exercise::Command::Seat { seat, act: SeatAct::Orders { orders }, .. }
                if seat == "tallinn" && *orders == drafts)
        });
        assert_eq!(sent, choice == AtDeadline::Send, "{choice:?}");
        let after = hub.render([mari.clone()]);
        assert!(
            after[0].1.drafts.is_empty(),
            "a new turn starts with no drafts"
        );
        assert_eq!(
            hub.exercise(&code).expect("exercise").status(0).at_deadline,
            choice
        );
    }
}

/// A computer player written to answers, once a turn, with its position in every language;
/// every seat's view says which actors computer players play.
#[test]
fn a_computer_player_written_to_answers_and_shows_as_one() {
    let mut hub = Hub::new(29);
    let (code, _key) = create(&mut hub);
    let mari = join(&mut hub, &code, "Mari");
    assert_eq!(claim(&mut hub, &mari, "tallinn"), ServerMessage::Ack);
    let say = |hub: &mut Hub, text: &str| {
        let at = now(hub, &code);
        hub.handle(
            ADDR,
            0,
            ClientMessage::Act {
                token: mari.clone(),
                act: SeatAct::Say {
                    channel: threshold::sim::channels::Channel::Seats(vec!["helsinki".into()]),
                    text: text.into(),
                },
                at,
            },
        )
    };
    let out = say(&mut hub, "Will you help us?");
    assert_eq!(out.reply, ServerMessage::Ack);
    let view = &out.views.iter().find(|(t, _)| *t == mari).expect("view").1;
    assert!(view.computers.iter().any(|a| a == "finland"));
    assert!(
        !view.computers.iter().any(|a| a == "estonia"),
        "Mari is not one"
    );
    let answers: Vec<_> = view.messages.iter().filter(|m| m.said.is_some()).collect();
    assert_eq!(answers.len(), 1, "{:?}", view.messages);
    let said = answers[0].said.as_ref().expect("said");
    assert_eq!(answers[0].from, "finland");
    assert!(
        Lang::EN.say(said).contains("Its position"),
        "{}",
        Lang::EN.say(said)
    );
    assert!(!Lang::AR.say(said).is_ascii());
    // Once a turn: a second message gets no second answer.
    let out = say(&mut hub, "Please?");
    let view = &out.views.iter().find(|(t, _)| *t == mari).expect("view").1;
    assert_eq!(view.messages.iter().filter(|m| m.said.is_some()).count(), 1);
}

/// A computer player invited to a meeting answers there, once a turn, when a member writes
/// in it; a seat not invited reads none of it.
#[test]
fn a_computer_player_in_a_meeting_answers_in_the_meeting() {
    let mut hub = Hub::new(30);
    let (code, key) = create(&mut hub);
    let mari = join(&mut hub, &code, "Mari");
    assert_eq!(claim(&mut hub, &mari, "tallinn"), ServerMessage::Ack);
    control(&mut hub, &code, &key, ControlAction::Start);
    let act = |hub: &mut Hub, act: SeatAct| {
        let at = now(hub, &code);
        hub.handle(
            ADDR,
            0,
            ClientMessage::Act {
                token: mari.clone(),
                act,
                at,
            },
        )
    };
    let out = act(
        &mut hub,
        SeatAct::Convene {
            with: vec!["helsinki".into()],
            online: true,
            agenda: None,
        },
    );
    assert_eq!(out.reply, ServerMessage::Ack);
    for text in ["Shall we compare notes?", "Anyone?"] {
        let out = act(
            &mut hub,
            SeatAct::Say {
                channel: threshold::sim::channels::Channel::Meeting(0),
                text: text.into(),
            },
        );
        assert_eq!(out.reply, ServerMessage::Ack);
    }
    let ex = hub.exercise(&code).expect("exercise");
    let v = threshold::sim::view::view(&ex.exercise, "tallinn").unwrap();
    let answers: Vec<_> = v
        .messages
        .iter()
        .filter(|m| m.from == "finland" && m.said.is_some())
        .collect();
    assert_eq!(answers.len(), 1, "once a turn: {:?}", v.messages);
    assert_eq!(answers[0].channel, "meeting-0");
    let outsider = threshold::sim::view::view(&ex.exercise, "washington").unwrap();
    assert!(!outsider.messages.iter().any(|m| m.channel == "meeting-0"));
}

/// A seat asks another for a step in a channel: a computer player answers at once, yes or
/// no with its reason in every language, and keeps a yes in its orders; a person answers
/// with a click, once.
#[test]
fn a_request_in_a_channel_is_answered_and_a_yes_is_kept() {
    use threshold::sim::channels::Ask;
    let mut hub = Hub::new(31);
    let (code, key) = create(&mut hub);
    let mari = join(&mut hub, &code, "Mari");
    assert_eq!(claim(&mut hub, &mari, "tallinn"), ServerMessage::Ack);
    let ivan = join(&mut hub, &code, "Ivan");
    assert_eq!(claim(&mut hub, &ivan, "riga"), ServerMessage::Ack);
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );
    advance_to(&mut hub, &code, &key, "negotiation");
    let incident = hub.render([mari.clone()])[0].1.incidents[0].id.clone();
    let act = |hub: &mut Hub, token: &str, act: SeatAct| {
        let at = now(hub, &code);
        hub.handle(
            ADDR,
            0,
            ClientMessage::Act {
                token: token.into(),
                act,
                at,
            },
        )
    };
    // A computer player (Helsinki) is asked for assistance.
    let out = act(
        &mut hub,
        &mari,
        SeatAct::Ask {
            to: "helsinki".into(),
            ask: Ask::ProvideAssistance {
                incident: incident.clone(),
            },
        },
    );
    assert_eq!(out.reply, ServerMessage::Ack);
    let view = hub.render([mari.clone()]).remove(0).1;
    let asked = view
        .messages
        .iter()
        .find_map(|m| m.ask.clone())
        .expect("the request is in the channel");
    let yes = asked.answer.expect("a computer player answers at once");
    let answer = view
        .messages
        .iter()
        .filter(|m| m.from == "finland")
        .find_map(|m| m.said.clone())
        .expect("with its reason");
    let en = Lang::EN.say(&answer);
    assert!(
        en.contains(if yes { "accepts" } else { "declines" }),
        "{en}"
    );
    assert!(!Lang::AR.say(&answer).is_ascii());
    if yes {
        advance_to(&mut hub, &code, &key, "orders");
        assert_eq!(
            play(&mut hub, &code, &key, ControlAct::Advance),
            ServerMessage::Ack
        );
        let journal = hub.exercise(&code).expect("exercise").exercise.journal();
        assert!(
            journal.iter().any(|c| matches!(c,
                threshold::sim::exercise::Command::Seat { seat, act: SeatAct::Orders { orders }, .. }
                    if seat == "helsinki" && orders.iter().any(|o| matches!(o,
                        Order::ProvideAssistance { to, .. } if to == "estonia")))),
            "a yes is kept in the computer player's orders"
        );
    }
    // A person (Riga) answers with a click, once; nobody else may answer for it.
    let out = act(
        &mut hub,
        &mari,
        SeatAct::Ask {
            to: "riga".into(),
            ask: Ask::ShareEvidence {
                incident: incident.clone(),
            },
        },
    );
    assert_eq!(out.reply, ServerMessage::Ack);
    let view = hub.render([ivan.clone()]).remove(0).1;
    let asked = view
        .messages
        .iter()
        .filter_map(|m| m.ask.clone())
        .find(|a| a.to == "latvia")
        .expect("Riga sees the request");
    assert_eq!(asked.answer, None, "a person answers when they choose");
    let answer = |accept| SeatAct::Answer {
        message: asked.message,
        accept,
        because: None,
    };
    assert_eq!(
        refusal(&act(&mut hub, &mari, answer(true)).reply),
        Some(Refusal::Rules)
    );
    assert_eq!(
        act(&mut hub, &ivan, answer(false)).reply,
        ServerMessage::Ack
    );
    assert_eq!(
        refusal(&act(&mut hub, &ivan, answer(true)).reply),
        Some(Refusal::Rules)
    );
}

/// The view the hub would send `token` now.
fn view_of(hub: &Hub, token: &str) -> threshold::sim::view::SeatView {
    *hub.render([token.to_string()])
        .pop()
        .expect("a seated participant's view")
        .1
}

fn act_as(hub: &mut Hub, code: &str, token: &str, act: SeatAct) -> ServerMessage {
    let at = now(hub, code);
    hub.handle(
        ADDR,
        0,
        ClientMessage::Act {
            token: token.into(),
            act,
            at,
        },
    )
    .reply
}

/// A page's change to the seat's drafts: from the server's copy `base` to `orders`.
fn change_drafts(hub: &mut Hub, token: &str, base: &[Order], orders: &[Order]) -> Outbox {
    hub.handle(
        ADDR,
        0,
        ClientMessage::Drafts {
            token: token.into(),
            base: base.to_vec(),
            orders: orders.to_vec(),
        },
    )
}

/// Three students hold one seat: the scenario's room or the control cell's number decides
/// how many; drafts are shared live with who added and removed what, two members drafting
/// at once lose nothing; the delegation has its own channel no other seat reads; any member
/// sends the orders and declares the seat ready, and who did shows in the views, the
/// dashboard and the journal, which replays to the same state.
#[test]
fn a_delegation_holds_one_seat_shares_its_drafts_and_channel_and_records_who_acted() {
    let mut hub = Hub::new(31);
    let (code, key) = create(&mut hub);
    let [amira, omar, lina, ivan] =
        ["Amira", "Omar", "Lina", "Ivan"].map(|n| join(&mut hub, &code, n));
    // The scenario's seats are for one: a second person is refused.
    assert_eq!(claim(&mut hub, &amira, "tallinn"), ServerMessage::Ack);
    let taken = claim(&mut hub, &omar, "tallinn");
    assert!(
        reason_in(&taken, Lang::EN).contains("is taken"),
        "{taken:?}"
    );
    // The control cell makes delegations of three, within the limits.
    for bad in [0, 11] {
        let out = control(
            &mut hub,
            &code,
            &key,
            ControlAction::Delegations { size: Some(bad) },
        );
        assert_eq!(refusal(&out), Some(Refusal::Limit), "{bad}");
    }
    let three = ControlAction::Delegations { size: Some(3) };
    assert_eq!(control(&mut hub, &code, &key, three), ServerMessage::Ack);
    assert_eq!(claim(&mut hub, &omar, "tallinn"), ServerMessage::Ack);
    assert_eq!(claim(&mut hub, &lina, "tallinn"), ServerMessage::Ack);
    let full = claim(&mut hub, &ivan, "tallinn");
    assert_eq!(refusal(&full), Some(Refusal::Seat));
    assert!(reason_in(&full, Lang::EN).contains("full"), "{full:?}");
    assert!(reason_in(&full, Lang::AR).contains('3'), "{full:?}");
    assert_eq!(claim(&mut hub, &ivan, "moscow"), ServerMessage::Ack);
    let status = hub.exercise(&code).expect("exercise").status(0);
    let tallinn = status.seats.iter().find(|s| s.seat == "tallinn").unwrap();
    assert_eq!(tallinn.members, ["Amira", "Omar", "Lina"]);
    assert_eq!(tallinn.delegation, 3);
    let v = view_of(&hub, &lina);
    let names: Vec<(&str, bool)> = v.members.iter().map(|m| (m.name.as_str(), m.me)).collect();
    assert_eq!(names, [("Amira", false), ("Omar", false), ("Lina", true)]);

    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );
    advance_to(&mut hub, &code, &key, "orders");
    // Amira and Omar draft at once, each from the empty copy: both orders stay, each with
    // its author, and every member's page (the sender's too) gets the drafts.
    let investigate = Order::Investigate {
        incident: "inc_first_wave".into(),
    };
    let out = change_drafts(&mut hub, &amira, &[], &[Order::Harden]);
    assert_eq!(out.reply, ServerMessage::Ack);
    let mut told = out.views.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>();
    told.sort();
    let mut members = vec![amira.clone(), omar.clone(), lina.clone()];
    members.sort();
    assert_eq!(
        told, members,
        "every member of the delegation, and nobody else"
    );
    assert_eq!(
        change_drafts(&mut hub, &omar, &[], std::slice::from_ref(&investigate)).reply,
        ServerMessage::Ack
    );
    let v = view_of(&hub, &lina);
    assert_eq!(v.drafts, [Order::Harden, investigate.clone()]);
    assert_eq!(v.draft_authors, ["Amira", "Omar"]);
    // Omar removes Amira's order: everyone sees who removed what.
    assert_eq!(
        change_drafts(
            &mut hub,
            &omar,
            &v.drafts,
            std::slice::from_ref(&investigate)
        )
        .reply,
        ServerMessage::Ack
    );
    let v = view_of(&hub, &amira);
    assert_eq!(v.drafts, std::slice::from_ref(&investigate));
    assert_eq!(v.draft_authors, ["Omar"]);
    let last = v.draft_log.last().expect("the delegation's log");
    assert_eq!(
        (last.by.as_str(), &last.removed[..]),
        ("Omar", &[Order::Harden][..])
    );
    assert_eq!(v.draft_log.len(), 3);
    // Ivan, on another seat, sees none of it.
    assert!(view_of(&hub, &ivan).drafts.is_empty());

    // The delegation's own channel: its members read it, with who wrote; no other seat does.
    let note = SeatAct::Say {
        channel: Channel::Delegation,
        text: "I will draft the statement".into(),
    };
    assert_eq!(act_as(&mut hub, &code, &lina, note), ServerMessage::Ack);
    let said = |v: &threshold::sim::view::SeatView| {
        v.messages
            .iter()
            .find(|m| m.text == "I will draft the statement")
            .map(|m| (m.by.clone(), m.channel.clone()))
    };
    assert_eq!(
        said(&view_of(&hub, &omar)),
        Some((Some("Lina".into()), "Delegation".into()))
    );
    assert_eq!(
        said(&view_of(&hub, &ivan)),
        None,
        "another seat reads the delegation's channel"
    );

    // Omar sends the orders, Lina declares the seat ready: all members see who did.
    let orders = SeatAct::Orders {
        orders: vec![investigate.clone()],
    };
    assert_eq!(act_as(&mut hub, &code, &omar, orders), ServerMessage::Ack);
    assert_eq!(
        act_as(&mut hub, &code, &lina, SeatAct::Ready),
        ServerMessage::Ack
    );
    let v = view_of(&hub, &amira);
    assert_eq!(v.sent_by.as_deref(), Some("Omar"));
    assert_eq!(v.ready_by.as_deref(), Some("Lina"));
    assert!(v.ready);
    let ServerMessage::Dashboard(board) = control(&mut hub, &code, &key, ControlAction::Dashboard)
    else {
        panic!("the dashboard");
    };
    let row = board.seats.iter().find(|r| r.seat == "tallinn").unwrap();
    assert_eq!(
        (row.sent_by.as_deref(), row.ready_by.as_deref()),
        (Some("Omar"), Some("Lina"))
    );
    assert_eq!(board.people.len(), 4);
    assert!(
        board
            .people
            .iter()
            .any(|p| p.name == "Ivan" && p.seat.as_deref() == Some("moscow"))
    );
    // The phase waits for Moscow (Ivan): one seat, however many people.
    assert_eq!(hub.exercise(&code).unwrap().status(0).phase, "orders");
    assert_eq!(
        act_as(&mut hub, &code, &ivan, SeatAct::Ready),
        ServerMessage::Ack
    );
    assert_eq!(
        hub.exercise(&code).unwrap().status(0).phase,
        "press",
        "resolved"
    );

    // The journal names who acted; it replays to the same state.
    let hosted = hub.exercise(&code).unwrap();
    let by: Vec<Option<&str>> = hosted
        .exercise
        .journal()
        .iter()
        .filter_map(|c| match c {
            threshold::sim::exercise::Command::Seat {
                seat,
                act: SeatAct::Orders { .. } | SeatAct::Ready,
                by,
            } if seat == "tallinn" => Some(by.as_deref()),
            _ => None,
        })
        .collect();
    assert_eq!(by, [Some("Omar"), Some("Lina")]);
    let replayed = replay(&mut hub, &code, &key);
    assert_eq!(
        replayed.state_hash(),
        hub.exercise(&code).unwrap().exercise.state_hash()
    );
}

/// The exercise as its journal, downloaded by the control cell, replays it.
fn replay(hub: &mut Hub, code: &str, key: &str) -> threshold::sim::Exercise {
    let ServerMessage::Journal(jsonl) = control(hub, code, key, ControlAction::Journal) else {
        panic!("the journal");
    };
    Journal::from_jsonl(&jsonl)
        .and_then(|j| j.replay())
        .expect("the journal replays")
}

/// The control cell moves people between seats and the lobby, hands a seat to its computer
/// player and back to people in the middle of a turn, and may keep the seating to itself;
/// the seat keeps its drafts and its delegation's messages throughout, and a student who
/// lost the connection comes back through their link on another device.
#[test]
fn the_control_cell_moves_people_and_swaps_seats_with_computers_losing_nothing() {
    let mut hub = Hub::new(37);
    let (code, key) = create(&mut hub);
    let [amira, omar, lina, ivan] =
        ["Amira", "Omar", "Lina", "Ivan"].map(|n| join(&mut hub, &code, n));
    let two = ControlAction::Delegations { size: Some(2) };
    assert_eq!(control(&mut hub, &code, &key, two), ServerMessage::Ack);
    // Only the control cell seats people: a student's own choice is refused.
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::AssignedOnly(true)),
        ServerMessage::Ack
    );
    let chose = claim(&mut hub, &amira, "tallinn");
    assert_eq!(refusal(&chose), Some(Refusal::Seat));
    assert!(reason_in(&chose, Lang::EN).contains("control cell"));
    let assign = |hub: &mut Hub, name: &str, seat: &str| {
        control(
            hub,
            &code,
            &key,
            ControlAction::AssignSeat {
                name: name.into(),
                seat: seat.into(),
            },
        )
    };
    assert_eq!(assign(&mut hub, "Amira", "tallinn"), ServerMessage::Ack);
    assert_eq!(assign(&mut hub, "Omar", "tallinn"), ServerMessage::Ack);
    assert_eq!(assign(&mut hub, "Ivan", "moscow"), ServerMessage::Ack);
    let full = assign(&mut hub, "Lina", "tallinn");
    assert!(reason_in(&full, Lang::EN).contains("full"), "{full:?}");
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );
    advance_to(&mut hub, &code, &key, "negotiation");
    assert_eq!(
        change_drafts(&mut hub, &amira, &[], &[Order::Harden]).reply,
        ServerMessage::Ack
    );
    let note = SeatAct::Say {
        channel: Channel::Delegation,
        text: "Harden first".into(),
    };
    assert_eq!(act_as(&mut hub, &code, &amira, note), ServerMessage::Ack);

    // Tallinn goes to its computer player mid-turn; everyone on it is back in the lobby.
    let to_computer = ControlAction::ToComputer {
        seat: "tallinn".into(),
    };
    assert_eq!(
        control(&mut hub, &code, &key, to_computer),
        ServerMessage::Ack
    );
    assert!(
        hub.render([amira.clone(), omar.clone()]).is_empty(),
        "no seat, no view"
    );
    let status = hub.exercise(&code).unwrap().status(0);
    assert!(
        status
            .seats
            .iter()
            .find(|s| s.seat == "tallinn")
            .unwrap()
            .members
            .is_empty()
    );
    let v = view_of(&hub, &ivan);
    assert!(
        v.computers.contains(&"estonia".to_string()),
        "{:?}",
        v.computers
    );
    // Lina takes it back from the computer: the drafts and the delegation's messages are there.
    assert_eq!(assign(&mut hub, "Lina", "tallinn"), ServerMessage::Ack);
    let v = view_of(&hub, &lina);
    assert_eq!(v.drafts, [Order::Harden]);
    assert_eq!(v.draft_authors, ["Amira"]);
    assert!(
        v.messages
            .iter()
            .any(|m| m.text == "Harden first" && m.by.as_deref() == Some("Amira"))
    );
    assert!(
        !view_of(&hub, &ivan)
            .computers
            .contains(&"estonia".to_string())
    );
    // Omar moves from the lobby to Moscow beside Ivan; Ivan to the lobby; Omar then to Tallinn.
    assert_eq!(assign(&mut hub, "Omar", "moscow"), ServerMessage::Ack);
    assert_eq!(
        control(
            &mut hub,
            &code,
            &key,
            ControlAction::Unseat {
                name: "Ivan".into()
            }
        ),
        ServerMessage::Ack
    );
    assert!(hub.render([ivan.clone()]).is_empty());
    assert_eq!(view_of(&hub, &omar).seat, "moscow");
    assert_eq!(assign(&mut hub, "Omar", "tallinn"), ServerMessage::Ack);
    assert_eq!(view_of(&hub, &omar).drafts, [Order::Harden]);
    // Omar's connection drops; he comes back through his link on another device.
    hub.set_connected(&omar, false, 1_000);
    let back = hub.handle(
        ADDR,
        2_000,
        ClientMessage::Resume {
            token: omar.clone(),
        },
    );
    assert!(matches!(back.reply, ServerMessage::Joined { .. }));
    let (_, v) = back
        .views
        .iter()
        .find(|(t, _)| *t == omar)
        .expect("his view");
    assert_eq!(
        (v.seat.as_str(), &v.drafts[..]),
        ("tallinn", &[Order::Harden][..])
    );
    // Nobody unknown is moved; a seat the scenario does not have is refused.
    assert_eq!(
        refusal(&assign(&mut hub, "Nobody", "tallinn")),
        Some(Refusal::Seat)
    );
    assert_eq!(
        refusal(&assign(&mut hub, "Ivan", "atlantis")),
        Some(Refusal::Seat)
    );
}

/// When the seat the phase waited for is handed to its computer player, every remaining
/// human seat being ready, the phase ends as it would have.
#[test]
fn handing_the_last_unready_seat_to_the_computer_ends_the_phase() {
    let mut hub = Hub::new(41);
    let (code, key) = create(&mut hub);
    let aino = join(&mut hub, &code, "Aino");
    let bruno = join(&mut hub, &code, "Bruno");
    assert_eq!(claim(&mut hub, &aino, "tallinn"), ServerMessage::Ack);
    assert_eq!(claim(&mut hub, &bruno, "moscow"), ServerMessage::Ack);
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );
    assert_eq!(
        act_as(&mut hub, &code, &aino, SeatAct::Ready),
        ServerMessage::Ack
    );
    assert_eq!(hub.exercise(&code).unwrap().status(0).phase, "briefing");
    let to_computer = ControlAction::ToComputer {
        seat: "moscow".into(),
    };
    assert_eq!(
        control(&mut hub, &code, &key, to_computer),
        ServerMessage::Ack
    );
    assert_eq!(hub.exercise(&code).unwrap().status(0).phase, "negotiation");
}

/// The roles of a seat's delegation come from the scenario: a member takes one (or the
/// control cell gives it), reads the note only its holder is given, and the delegation sees
/// who plays which part; a role of another seat, or of none, is refused; a move to another
/// seat leaves the role behind. Roles decide nothing the rules check.
#[test]
fn members_take_the_seats_roles_and_read_only_their_own_note() {
    let sc = crate::common::scenario("estonia_2007");
    let tallinn = sc.seats.iter().find(|s| s.id == "tallinn").unwrap();
    let note = |id: &str| {
        tallinn
            .roles
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.note.en.clone())
            .expect("Tallinn's roles in the scenario")
    };
    let (legal, technical) = (note("legal"), note("technical"));
    let mut hub = Hub::new(43);
    let (code, key) = create(&mut hub);
    let three = ControlAction::Delegations { size: Some(3) };
    assert_eq!(control(&mut hub, &code, &key, three), ServerMessage::Ack);
    let [amira, omar, ivan] = ["Amira", "Omar", "Ivan"].map(|n| join(&mut hub, &code, n));
    for t in [&amira, &omar] {
        assert_eq!(claim(&mut hub, t, "tallinn"), ServerMessage::Ack);
    }
    assert_eq!(claim(&mut hub, &ivan, "moscow"), ServerMessage::Ack);
    let choose = |hub: &mut Hub, token: &str, role: Option<&str>| {
        hub.handle(
            ADDR,
            0,
            ClientMessage::ChooseRole {
                token: token.into(),
                role: role.map(str::to_string),
            },
        )
    };
    let out = choose(&mut hub, &amira, Some("legal"));
    assert_eq!(out.reply, ServerMessage::Ack);
    assert_eq!(out.views.len(), 2, "the delegation's two members see it");
    let gave = ControlAction::AssignRole {
        name: "Omar".into(),
        role: Some("technical".into()),
    };
    assert_eq!(control(&mut hub, &code, &key, gave), ServerMessage::Ack);
    let (a, o) = (view_of(&hub, &amira), view_of(&hub, &omar));
    assert_eq!(a.my_role.as_ref().map(|r| &r.note.en), Some(&legal));
    assert_eq!(o.my_role.as_ref().map(|r| &r.note.en), Some(&technical));
    let parts: Vec<(&str, Option<&str>)> = a
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.role.as_deref()))
        .collect();
    assert_eq!(
        parts,
        [("Amira", Some("legal")), ("Omar", Some("technical"))]
    );
    assert_eq!(a.roles.len(), tallinn.roles.len());
    // Nobody else reads a note: not Omar Amira's, not Moscow either.
    let m = view_of(&hub, &ivan);
    assert!(m.my_role.is_none());
    for v in [&o, &m] {
        let text = serde_json::to_string(v).unwrap();
        assert!(!text.contains(&legal), "{}", v.seat);
    }
    // A role the seat does not have is refused and changes nothing.
    let wrong = choose(&mut hub, &ivan, Some("judge"));
    assert_eq!(refusal(&wrong.reply), Some(Refusal::Seat));
    let wrong = choose(&mut hub, &amira, Some("spy"));
    assert!(reason_in(&wrong.reply, Lang::EN).contains("no role"));
    assert!(view_of(&hub, &amira).my_role.is_some());
    // Omar moves to Moscow: his role stays behind; back to no role for Amira.
    let moved = ControlAction::AssignSeat {
        name: "Omar".into(),
        seat: "moscow".into(),
    };
    let two = ControlAction::Delegations { size: Some(2) };
    assert_eq!(control(&mut hub, &code, &key, two), ServerMessage::Ack);
    assert_eq!(control(&mut hub, &code, &key, moved), ServerMessage::Ack);
    assert!(view_of(&hub, &omar).my_role.is_none());
    assert_eq!(choose(&mut hub, &amira, None).reply, ServerMessage::Ack);
    assert!(view_of(&hub, &amira).my_role.is_none());
}

/// An inject carries facilitator notes and the player actions it is meant to draw; the
/// engine checks each as the exercise runs (met in a turn, or missed once its due turn has
/// resolved without it); only the control cell reads them, no seat's view mentions them, and
/// the journal replays to the same standing.
#[test]
fn expected_actions_are_checked_as_the_exercise_runs_and_shown_to_the_control_cell_only() {
    // Estonia 2007's first inject (Bronze Night, turn 1) expects Tallinn to investigate and
    // to ask a partner for technical help, each within one turn; its notes tell the
    // control cell the hidden truth.
    let sc = crate::common::scenario("estonia_2007");
    let first = &sc.injects[0];
    assert_eq!(first.id, "inj_bronze_night");
    let ids: Vec<&str> = first.expected.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["investigate", "ask_help"]);
    let notes = first
        .facilitator
        .as_ref()
        .expect("facilitator notes")
        .en
        .clone();
    let hint = first.expected[0].text.en.clone();
    let mut hub = Hub::new(47);
    let (code, key) = create(&mut hub);
    let [aino, ivan] = ["Aino", "Ivan"].map(|n| join(&mut hub, &code, n));
    assert_eq!(claim(&mut hub, &aino, "tallinn"), ServerMessage::Ack);
    assert_eq!(claim(&mut hub, &ivan, "moscow"), ServerMessage::Ack);
    let standing = |hub: &mut Hub| match control(hub, &code, &key, ControlAction::Expectations) {
        ServerMessage::Expectations(lines) => lines
            .iter()
            .filter(|l| l.inject == "inj_bronze_night")
            .map(|l| (l.id.clone(), l.due, l.status))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    use threshold::sim::injects::ExpectedStatus as S;
    // The inject fired at turn 1's briefing: both open, due by the end of turn 2.
    assert_eq!(
        standing(&mut hub),
        [
            ("investigate".into(), 2, S::Open),
            ("ask_help".into(), 2, S::Open)
        ]
    );
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );
    advance_to(&mut hub, &code, &key, "orders");
    let investigate = SeatAct::Orders {
        orders: vec![Order::Investigate {
            incident: "inc_first_wave".into(),
        }],
    };
    assert_eq!(
        act_as(&mut hub, &code, &aino, investigate),
        ServerMessage::Ack
    );
    advance_to(&mut hub, &code, &key, "press");
    assert_eq!(
        standing(&mut hub),
        [
            ("investigate".into(), 2, S::Met(1)),
            ("ask_help".into(), 2, S::Open)
        ]
    );
    // Tallinn asks nobody for help through turn 2: missed once turn 2 has resolved.
    advance_to(&mut hub, &code, &key, "briefing");
    advance_to(&mut hub, &code, &key, "press");
    assert_eq!(hub.exercise(&code).unwrap().status(0).turn, 2);
    assert_eq!(
        standing(&mut hub),
        [
            ("investigate".into(), 2, S::Met(1)),
            ("ask_help".into(), 2, S::Missed)
        ]
    );
    // No seat reads the notes or the expected actions; a student asking is refused.
    for t in [&aino, &ivan] {
        let text = serde_json::to_string(&view_of(&hub, t)).unwrap();
        assert!(!text.contains(&notes) && !text.contains(&hint), "{t}");
    }
    let asked = hub.handle(
        ADDR,
        0,
        ClientMessage::Control {
            code: code.clone(),
            key: "not the key".into(),
            action: ControlAction::Expectations,
        },
    );
    assert_eq!(refusal(&asked.reply), Some(Refusal::Unauthorised));
    // The journal replays to the same standing.
    let replayed = replay(&mut hub, &code, &key);
    assert_eq!(
        replayed.expectations(),
        hub.exercise(&code).unwrap().exercise.expectations()
    );
}

fn observe(hub: &mut Hub, code: &str, name: &str) -> ServerMessage {
    hub.handle(
        ADDR,
        0,
        ClientMessage::Observe {
            code: code.into(),
            name: name.into(),
        },
    )
    .reply
}

fn note(
    about: Option<&str>,
    tie: threshold::observation::Tie,
    text: &str,
) -> threshold::observation::Draft {
    threshold::observation::Draft {
        about: about.map(str::to_string),
        tie,
        kind: threshold::observation::Kind::Strength,
        text: text.into(),
    }
}

/// Observers and evaluators join with a code of their own; they see any seat's view exactly
/// as the seat does, the channels only once the control cell opens them, and every act
/// they try is refused and changes nothing; their observations, time-stamped and tied to
/// the scenario's objectives or injects, reach the control cell, and an unknown tie, an
/// empty or oversized text is refused.
#[test]
fn observers_see_what_the_control_cell_grants_write_observations_and_act_on_nothing() {
    use threshold::observation::{KEY_LENGTH, MAX_TEXT, Tie};
    let mut hub = Hub::new(53);
    let (code, key) = create(&mut hub);
    let aino = join(&mut hub, &code, "Aino");
    assert_eq!(claim(&mut hub, &aino, "tallinn"), ServerMessage::Ack);
    // The observers' code: the join code and a key, made once.
    let ServerMessage::ObserverCode(ocode) =
        control(&mut hub, &code, &key, ControlAction::ObserverCode)
    else {
        panic!("the observers' code");
    };
    assert_eq!(ocode.len(), CODE_LENGTH + KEY_LENGTH);
    assert!(ocode.starts_with(&code));
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::ObserverCode),
        ServerMessage::ObserverCode(ocode.clone())
    );
    // The join code alone, or another key, lets nobody observe.
    let other = if ocode.ends_with("2222") {
        "3333"
    } else {
        "2222"
    };
    for wrong in [code.clone(), format!("{code}{other}")] {
        assert_eq!(
            refusal(&observe(&mut hub, &wrong, "Eva")),
            Some(Refusal::Unauthorised),
            "{wrong}"
        );
    }
    assert_eq!(
        refusal(&observe(&mut hub, &ocode, "aino")),
        Some(Refusal::Name)
    );
    // Typed loosely, like a join code.
    let loose = format!("{}-{}", &ocode[..3], ocode[3..].to_lowercase());
    let ServerMessage::Observing {
        token: eva,
        read_channels,
        seats,
        ..
    } = observe(&mut hub, &loose, "Eva")
    else {
        panic!("observing");
    };
    assert!(!read_channels && !seats.is_empty());
    // The class dashboard lists the observer apart from the class.
    let ServerMessage::Dashboard(board) = control(&mut hub, &code, &key, ControlAction::Dashboard)
    else {
        panic!("the dashboard");
    };
    assert_eq!(board.observers, ["Eva"]);
    assert!(board.people.iter().all(|p| p.name != "Eva"));
    // Any seat's view, exactly as the seat sees it.
    let watch = |hub: &mut Hub, seat: &str| {
        hub.handle(
            ADDR,
            0,
            ClientMessage::Watch {
                token: eva.clone(),
                seat: seat.into(),
            },
        )
        .reply
    };
    let ServerMessage::View(v) = watch(&mut hub, "moscow") else {
        panic!("Moscow's view");
    };
    let seen = threshold::sim::view::view(&hub.exercise(&code).unwrap().exercise, "moscow");
    assert_eq!(Some(*v), seen);
    assert_eq!(refusal(&watch(&mut hub, "atlantis")), Some(Refusal::Seat));
    // The channels are closed to observers until the control cell opens them.
    let channels = |hub: &mut Hub| {
        hub.handle(ADDR, 0, ClientMessage::WatchChannels { token: eva.clone() })
            .reply
    };
    assert_eq!(refusal(&channels(&mut hub)), Some(Refusal::Unauthorised));
    let open = ControlAction::ObserversReadChannels(true);
    assert_eq!(control(&mut hub, &code, &key, open), ServerMessage::Ack);
    assert!(matches!(channels(&mut hub), ServerMessage::Messages(_)));
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );

    // Every act an observer tries is refused and changes nothing.
    let before = hub.exercise(&code).unwrap().exercise.state_hash();
    let at = now(&hub, &code);
    let acts = [
        ClientMessage::ClaimSeat {
            token: eva.clone(),
            seat: "helsinki".into(),
        },
        ClientMessage::ChooseRole {
            token: eva.clone(),
            role: Some("legal".into()),
        },
        ClientMessage::Act {
            token: eva.clone(),
            act: SeatAct::Ready,
            at,
        },
        ClientMessage::Act {
            token: eva.clone(),
            act: SeatAct::Say {
                channel: Channel::Seats(vec!["tallinn".into()]),
                text: "hello".into(),
            },
            at,
        },
        ClientMessage::Drafts {
            token: eva.clone(),
            base: Vec::new(),
            orders: vec![Order::Harden],
        },
        ClientMessage::Control {
            code: code.clone(),
            key: eva.clone(),
            action: ControlAction::Pause,
        },
    ];
    for act in acts {
        let out = hub.handle(ADDR, 0, act.clone());
        assert_eq!(refusal(&out.reply), Some(Refusal::Unauthorised), "{act:?}");
        assert!(out.views.is_empty());
    }
    let hosted = hub.exercise(&code).unwrap();
    assert_eq!(hosted.exercise.state_hash(), before);
    assert!(!hosted.conductor.paused);
    assert!(hosted.status(0).seats.iter().all(|s| s.members != ["Eva"]));

    // Observations: stamped, tied, read by the control cell as they come in.
    let write = |hub: &mut Hub, token: &str, note: threshold::observation::Draft| {
        hub.handle(
            ADDR,
            5_000,
            ClientMessage::Note {
                token: token.into(),
                note,
            },
        )
        .reply
    };
    let good = note(
        Some("tallinn"),
        Tie::Objective {
            seat: "tallinn".into(),
            id: "est_help".into(),
        },
        "Tallinn asked its partners' CERTs before naming anyone",
    );
    assert_eq!(write(&mut hub, &eva, good.clone()), ServerMessage::Ack);
    let inject = note(
        None,
        Tie::Inject("inj_bronze_night".into()),
        "The class read the inject aloud",
    );
    assert_eq!(write(&mut hub, &eva, inject), ServerMessage::Ack);
    for bad in [
        note(Some("atlantis"), Tie::Nothing, "about no seat"),
        note(None, Tie::Inject("inj_none".into()), "tied to no inject"),
        note(
            None,
            Tie::LearningObjective("none".into()),
            "tied to nothing",
        ),
        note(None, Tie::Nothing, "   "),
        note(None, Tie::Nothing, &"x".repeat(MAX_TEXT + 1)),
    ] {
        assert_eq!(
            refusal(&write(&mut hub, &eva, bad.clone())),
            Some(Refusal::Malformed),
            "{bad:?}"
        );
    }
    // A student writes no observations.
    assert_eq!(
        refusal(&write(&mut hub, &aino, good.clone())),
        Some(Refusal::Unauthorised)
    );
    let ServerMessage::Observations(notes) =
        control(&mut hub, &code, &key, ControlAction::Observations)
    else {
        panic!("the observations");
    };
    assert_eq!(notes.len(), 2);
    assert_eq!(
        (notes[0].by.as_str(), notes[0].turn, notes[0].at_ms),
        ("Eva", 1, 5_000)
    );
    assert_eq!(notes[0].draft, good);
    // No seat reads an observation.
    let text = serde_json::to_string(&view_of(&hub, &aino)).unwrap();
    assert!(!text.contains("partners' CERTs before naming"));
    // The observer comes back through the token.
    assert!(matches!(
        hub.handle(ADDR, 0, ClientMessage::Resume { token: eva.clone() })
            .reply,
        ServerMessage::Observing {
            read_channels: true,
            ..
        }
    ));
}

/// The instructors' edition of the report reaches the control cell alone: the injects that
/// fired with their notes, the expected actions met or missed, the evaluator's observation
/// on the timeline, each key decision with what the seat held when it gave the order beside
/// the truth, and the improvement plan, drafted from the observation and the missed action,
/// edited, checked and saved. A student asking for the report gets the students' edition.
#[test]
fn the_instructors_report_reaches_the_control_cell_alone_and_ends_in_a_plan_it_edits() {
    use threshold::observation::{Kind, MAX_PLAN_ROWS, PlanRow, Tie};
    use threshold::report::{Document, plan_csv};
    let sc = crate::common::scenario("estonia_2007");
    let notes = sc.injects[0].facilitator.clone().expect("notes").en;
    let mut hub = Hub::new(59);
    let (code, key) = create(&mut hub);
    let [aino, ivan] = ["Aino", "Ivan"].map(|n| join(&mut hub, &code, n));
    assert_eq!(claim(&mut hub, &aino, "tallinn"), ServerMessage::Ack);
    assert_eq!(claim(&mut hub, &ivan, "moscow"), ServerMessage::Ack);
    let ServerMessage::ObserverCode(ocode) =
        control(&mut hub, &code, &key, ControlAction::ObserverCode)
    else {
        panic!("the observers' code");
    };
    let ServerMessage::Observing { token: eva, .. } = observe(&mut hub, &ocode, "Eva") else {
        panic!("observing");
    };
    let seen = "Tallinn named Moscow before its CERT had looked";
    let mut draft = note(
        Some("tallinn"),
        Tie::Inject("inj_bronze_night".into()),
        seen,
    );
    draft.kind = Kind::AreaForImprovement;
    let written = hub.handle(
        ADDR,
        7_200_000,
        ClientMessage::Note {
            token: eva.clone(),
            note: draft,
        },
    );
    assert_eq!(written.reply, ServerMessage::Ack);
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );
    // Turn 1: Tallinn attributes the first wave to Russia on what it holds.
    advance_to(&mut hub, &code, &key, "orders");
    let held_then: Vec<_> = view_of(&hub, &aino)
        .evidence
        .into_iter()
        .filter(|e| e.incident == "inc_first_wave")
        .map(|e| e.text)
        .collect();
    assert!(!held_then.is_empty());
    let orders = SeatAct::Orders {
        orders: vec![
            Order::Investigate {
                incident: "inc_first_wave".into(),
            },
            Order::Attribute {
                incident: "inc_first_wave".into(),
                to: "russia".into(),
                claim: Default::default(),
                confidence: threshold::scenario::Confidence::Low,
                public: false,
                joint: false,
                reading: None,
                release: false,
            },
        ],
    };
    assert_eq!(act_as(&mut hub, &code, &aino, orders), ServerMessage::Ack);
    advance_to(&mut hub, &code, &key, "briefing");
    advance_to(&mut hub, &code, &key, "press");
    assert_eq!(hub.exercise(&code).unwrap().status(0).turn, 2);

    let report = |hub: &mut Hub| match control(hub, &code, &key, ControlAction::Debrief) {
        ServerMessage::Debrief(d) => d,
        other => panic!("{other:?}"),
    };
    let d = report(&mut hub);
    let ins = d.instructors.as_deref().expect("the instructors' edition");
    let first = &ins.injects[0];
    assert_eq!((first.id.as_str(), first.turn), ("inj_bronze_night", 1));
    assert_eq!(
        first.notes.as_ref().map(|t| t.en.clone()),
        Some(notes.clone())
    );
    assert!(!ins.unfired.is_empty());
    use threshold::sim::injects::ExpectedStatus as S;
    let standing: Vec<_> = ins
        .expected
        .iter()
        .filter(|x| x.inject == "inj_bronze_night")
        .map(|x| (x.id.as_str(), x.status))
        .collect();
    assert_eq!(
        standing,
        [("investigate", S::Met(1)), ("ask_help", S::Missed)]
    );
    assert_eq!(ins.observations.len(), 1);
    assert_eq!(ins.observations[0].note.turn, 1);
    assert_eq!(
        ins.observations[0].tie.as_ref().map(|t| t.en.as_str()),
        Some(sc.injects[0].title.en.as_str())
    );
    // The attribution, with the evidence Tallinn held in turn 1's orders phase (not what its
    // investigation found at that resolution), beside the truth.
    let k = ins
        .decisions
        .iter()
        .find(|k| k.seat == "tallinn")
        .expect("the attribution");
    assert_eq!((k.turn, k.sent_by.as_deref()), (1, Some("Aino")));
    assert_eq!(
        k.held.iter().map(|e| e.text.clone()).collect::<Vec<_>>(),
        held_then
    );
    assert!(!k.supported.is_empty());
    let truth = &d
        .incidents
        .iter()
        .find(|i| i.name == k.incident)
        .expect("the incident")
        .author;
    assert_eq!(&k.author, truth);

    // The plan: drafted from the observation and the missed action until it is saved.
    let drafted = ins.plan_rows(&d.seats, Lang::EN);
    assert_eq!(ins.plan, None);
    assert!(
        drafted
            .iter()
            .any(|r| r.issue == seen && r.who == "Estonia")
    );
    assert!(
        drafted
            .iter()
            .any(|r| r.issue.contains("missed") && r.who == "Estonia")
    );
    let html = Document::of(&d, Lang::EN).html();
    let notes_start: String = notes.chars().take(30).collect();
    for part in [
        "instructors' edition",
        "Improvement plan",
        seen,
        &notes_start,
        "Key decisions beside the truth",
    ] {
        assert!(html.contains(part), "{part}");
    }
    let ar = Document::of(&d, Lang::AR).html();
    assert!(ar.contains("خطة التحسين") && ar.contains(seen));
    // The instructor edits it: a blank row is dropped, cells are trimmed.
    let row = PlanRow {
        issue: " =Attribution before evidence, \"again\" ".into(),
        recommendation: "Rehearse the 13b checklist".into(),
        who: "Legal adviser".into(),
        by_when: "Next class".into(),
    };
    let save = |hub: &mut Hub, rows: Vec<PlanRow>| {
        control(hub, &code, &key, ControlAction::SavePlan { rows })
    };
    let ServerMessage::Debrief(saved) = save(&mut hub, vec![PlanRow::default(), row.clone()])
    else {
        panic!("the saved report");
    };
    let plan = saved
        .instructors
        .as_deref()
        .and_then(|i| i.plan.clone())
        .unwrap();
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].issue, "=Attribution before evidence, \"again\"");
    // Too many rows, or too long a cell: refused, the saved plan stays.
    let many = vec![row.clone(); MAX_PLAN_ROWS + 1];
    let long = PlanRow {
        who: "x".repeat(1000),
        ..row.clone()
    };
    for bad in [many, vec![long]] {
        assert_eq!(refusal(&save(&mut hub, bad)), Some(Refusal::Limit));
    }
    let kept = report(&mut hub);
    assert_eq!(
        kept.instructors.as_deref().and_then(|i| i.plan.clone()),
        Some(plan.clone())
    );
    // The CSV a spreadsheet opens: UTF-8 with its mark, a formula defused, quotes doubled.
    let csv = plan_csv(&plan, Lang::EN);
    assert!(csv.starts_with("\u{feff}issue,recommendation,who,by when\r\n"));
    assert!(csv.contains("\"'=Attribution before evidence, \"\"again\"\"\",Rehearse"));
    // A student cannot save a plan, nor read the instructors' edition.
    let by_student = hub.handle(
        ADDR,
        0,
        ClientMessage::Control {
            code: code.clone(),
            key: aino.clone(),
            action: ControlAction::SavePlan { rows: vec![row] },
        },
    );
    assert_eq!(refusal(&by_student.reply), Some(Refusal::Unauthorised));
    assert_eq!(
        play(&mut hub, &code, &key, ControlAct::End),
        ServerMessage::Ack
    );
    let asked = hub.handle(ADDR, 0, ClientMessage::Debrief { code: code.clone() });
    let ServerMessage::Debrief(theirs) = asked.reply else {
        panic!("the students' report");
    };
    assert!(theirs.instructors.is_none());
    let text = serde_json::to_string(&theirs).unwrap();
    for secret in [seen, &notes_start, "Rehearse the 13b"] {
        assert!(!text.contains(secret), "{secret}");
    }
    assert!(
        !Document::of(&theirs, Lang::EN)
            .html()
            .contains("Improvement plan")
    );
}

/// A delegation prepares a proposal together: one member drafts it in the negotiation
/// phase, the others see it with the drafter's name, and another member tables it (the page
/// tables a drafted proposal and takes it out of the drafts; the log says who did).
#[test]
fn a_delegation_drafts_a_proposal_together_and_another_member_tables_it() {
    use threshold::sim::orders::Proposal;
    let mut hub = Hub::new(37);
    let (code, key) = create(&mut hub);
    let [amira, omar, ivan] = ["Amira", "Omar", "Ivan"].map(|n| join(&mut hub, &code, n));
    let two = ControlAction::Delegations { size: Some(2) };
    assert_eq!(control(&mut hub, &code, &key, two), ServerMessage::Ack);
    for (t, seat) in [(&amira, "tallinn"), (&omar, "tallinn"), (&ivan, "moscow")] {
        assert_eq!(claim(&mut hub, t, seat), ServerMessage::Ack);
    }
    assert_eq!(
        control(&mut hub, &code, &key, ControlAction::Start),
        ServerMessage::Ack
    );
    advance_to(&mut hub, &code, &key, "negotiation");
    let proposal = Proposal::Condemnation {
        incident: "inc_first_wave".into(),
    };
    let drafted = Order::TableProposal {
        institution: "eu_council".into(),
        proposal: proposal.clone(),
    };
    let out = change_drafts(&mut hub, &amira, &[], std::slice::from_ref(&drafted));
    assert_eq!(out.reply, ServerMessage::Ack);
    let v = view_of(&hub, &omar);
    assert_eq!(v.drafts, std::slice::from_ref(&drafted));
    assert_eq!(v.draft_authors, ["Amira"]);
    assert!(view_of(&hub, &ivan).drafts.is_empty());
    let before = v.proposals.len();
    let table = SeatAct::Table {
        institution: "eu_council".into(),
        proposal,
    };
    assert_eq!(act_as(&mut hub, &code, &omar, table), ServerMessage::Ack);
    assert_eq!(
        change_drafts(&mut hub, &omar, &v.drafts, &[]).reply,
        ServerMessage::Ack
    );
    let v = view_of(&hub, &amira);
    assert_eq!(v.proposals.len(), before + 1);
    assert!(v.drafts.is_empty());
    let last = v.draft_log.last().expect("the delegation's log");
    assert_eq!(
        (last.by.as_str(), &last.removed[..]),
        ("Omar", std::slice::from_ref(&drafted))
    );
}
