//! `threshold bot`: computer players on seats of a networked exercise. They see what the
//! server sends their seats, act through the protocol like a human, and reconnect with
//! their tokens when the server goes away and comes back.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::client::{ClientError, Connection, Endpoint};
use super::protocol::{ClientMessage, Moment, Refusal, SeatAct, ServerMessage};
use crate::bots::Bot;
use crate::sim::clock::Phase;
use crate::sim::journal::fnv1a;

const TIMEOUT: Duration = Duration::from_secs(10);
/// How long the bot keeps trying to reach a server that went away.
const RECONNECT_FOR: Duration = Duration::from_secs(120);
/// The longest a bot plays before giving up.
const GIVE_UP_AFTER: Duration = Duration::from_secs(3600);

/// Plays `seat` (or every playable seat) of exercise `code` until it ends.
pub fn run(server: &Endpoint, code: &str, seat: Option<&str>) -> anyhow::Result<()> {
    // token per seat, kept across reconnections
    let mut tokens: BTreeMap<String, String> = BTreeMap::new();
    let mut acted: BTreeMap<String, (u32, Phase)> = BTreeMap::new();
    let start = Instant::now();
    let mut lost_since: Option<Instant> = None;
    while start.elapsed() < GIVE_UP_AFTER {
        let mut conn = match Connection::connect(server, TIMEOUT) {
            Ok(c) => c,
            Err(e @ ClientError::Refused(_)) => return Err(e.into()),
            Err(e) => {
                let since = *lost_since.get_or_insert_with(Instant::now);
                if since.elapsed() > RECONNECT_FOR {
                    return Err(e.into());
                }
                std::thread::sleep(Duration::from_millis(300));
                continue;
            }
        };
        match play(&mut conn, code, seat, &mut tokens, &mut acted) {
            Ok(()) => return Ok(()),
            Err(PlayError::Fatal(e)) => return Err(e),
            Err(PlayError::Lost) => {
                lost_since = Some(Instant::now());
                std::thread::sleep(Duration::from_millis(300));
            }
        }
    }
    anyhow::bail!("gave up after {} s", GIVE_UP_AFTER.as_secs())
}

enum PlayError {
    Lost,
    Fatal(anyhow::Error),
}

impl From<ClientError> for PlayError {
    fn from(e: ClientError) -> Self {
        match e {
            ClientError::Refused(m) => PlayError::Fatal(anyhow::anyhow!(m)),
            _ => PlayError::Lost,
        }
    }
}

fn play(
    conn: &mut Connection,
    code: &str,
    seat: Option<&str>,
    tokens: &mut BTreeMap<String, String>,
    acted: &mut BTreeMap<String, (u32, Phase)>,
) -> Result<(), PlayError> {
    let fatal = |m: String| PlayError::Fatal(anyhow::anyhow!(m));
    if tokens.is_empty() {
        // Join once to learn the seats, then once per seat played.
        let seats = match conn.request(
            ClientMessage::Join {
                code: code.into(),
                name: "bot".into(),
            },
            TIMEOUT,
        )? {
            ServerMessage::Joined { seats, .. } => seats,
            ServerMessage::Refused { message, .. } => return Err(fatal(message)),
            other => return Err(fatal(format!("unexpected answer {other:?}"))),
        };
        let wanted: Vec<String> = match seat {
            Some(s) => vec![s.to_string()],
            None => seats
                .iter()
                .filter(|s| s.playable && s.members.is_empty())
                .map(|s| s.seat.clone())
                .collect(),
        };
        for s in wanted {
            let token = match conn.request(
                ClientMessage::Join {
                    code: code.into(),
                    name: format!("bot {s}"),
                },
                TIMEOUT,
            )? {
                ServerMessage::Joined { token, .. } => token,
                other => return Err(fatal(format!("cannot join: {other:?}"))),
            };
            match conn.request(
                ClientMessage::ClaimSeat {
                    token: token.clone(),
                    seat: s.clone(),
                },
                TIMEOUT,
            )? {
                ServerMessage::Refused { message, .. } => return Err(fatal(message)),
                _ => {
                    tokens.insert(s, token);
                }
            }
        }
    }
    let seed = fnv1a(code.as_bytes());
    loop {
        let status = match conn.request(ClientMessage::Status { code: code.into() }, TIMEOUT)? {
            ServerMessage::Status(s) => s,
            ServerMessage::Refused { message, .. } => return Err(fatal(message)),
            other => return Err(fatal(format!("unexpected answer {other:?}"))),
        };
        if status.ended {
            return Ok(());
        }
        if !status.started || status.paused {
            conn.poll(Duration::from_millis(200))?;
            continue;
        }
        for (seat, token) in tokens.iter() {
            conn.views.clear();
            conn.request(
                ClientMessage::Resume {
                    token: token.clone(),
                },
                TIMEOUT,
            )?;
            let Some(view) = conn.views.pop_back() else {
                continue;
            };
            let now = (view.turn, view.phase);
            if acted.get(seat) == Some(&now)
                || view.phase == Phase::Ended
                || view.phase == Phase::Resolution
            {
                continue;
            }
            acted.insert(seat.clone(), now);
            let at = Moment {
                turn: view.turn,
                phase: view.phase,
            };
            let mut acts = moves(&view, seed);
            acts.push(SeatAct::Ready);
            for act in acts {
                // A refused move is the bot's mistake, not the exercise's: go on. Asked to
                // slow down, it waits and sends the same move again.
                loop {
                    let reply = conn.request(
                        ClientMessage::Act {
                            token: token.clone(),
                            act: act.clone(),
                            at,
                        },
                        TIMEOUT,
                    )?;
                    match reply {
                        ServerMessage::Refused {
                            refusal: Refusal::SlowDown,
                            ..
                        } => conn.poll(Duration::from_secs(1))?,
                        _ => break,
                    }
                }
            }
        }
        conn.poll(Duration::from_millis(150))?;
    }
}

/// What the computer player of a view's seat would do, as the seat's own acts (no `Ready`).
pub fn moves(view: &crate::sim::view::SeatView, seed: u64) -> Vec<SeatAct> {
    Bot::from_view(view, seed)
        .decide(view)
        .into_iter()
        .filter(|act| !matches!(act, SeatAct::Ready))
        .collect()
}
