//! One exercise: a Bevy `App` holding the world, driven by commands. Every accepted command
//! is journaled; replaying the journal rebuilds the same world.

use std::sync::Arc;

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::catalog::{ActorId, Catalog};
use super::clock::{Clock, Phase};
use super::incidents::{Evidence, Incident, IncidentIndex, KnownBy};
use super::injects::{fire_custom_inject, fire_inject};
use super::institutions::{ProposalIndex, ProposalStatus, Tabled, check_proposal, table};
use super::orders::{Order, Proposal, Submitted};
use super::outcome::{Outcome, record_sample};
use super::record::Visibility;
use super::{Briefing, Press, Resolve, SimRng};
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario::{Audience, OrderKind, Scenario, Text};

/// The longest id or text a command may carry, and the most orders per turn.
pub const MAX_ID_LEN: usize = 64;
/// The longest name of a person acting for a seat (40 characters of any script).
pub const MAX_NAME_LEN: usize = 160;
pub const MAX_TEXT_LEN: usize = 4000;
/// The most languages one text sent over the network may carry besides English.
pub const MAX_TEXT_LANGUAGES: usize = 16;
pub const MAX_ORDERS: usize = 16;

/// What a seat does. The seat is never named inside: over the network it is the sender's
/// (its token's), in the journal `Command::Seat` says which.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SeatAct {
    /// Table a proposal in an institution (negotiation phase).
    Table {
        institution: String,
        proposal: Proposal,
    },
    /// Submit (or replace) the seat's orders for this turn (orders phase).
    Orders { orders: Vec<Order> },
    /// The seat has finished with the current phase.
    Ready,
    /// Write to a channel (any phase).
    Say {
        channel: super::channels::Channel,
        text: String,
    },
    /// Answer a message from the seat `to` with the actor's position as its doctrine has
    /// it, in every language (what a computer player says when written to). Once a turn
    /// for each seat written to; in the meeting `meeting`, if the seat wrote there.
    Acknowledge {
        to: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meeting: Option<u32>,
    },
    /// Ask the seat `to`, in a conversation with it, for a step (any phase).
    Ask {
        to: String,
        ask: super::channels::Ask,
    },
    /// Answer the request in message `message` (its place among the exercise's messages),
    /// yes or no, with the reason if one is given.
    Answer {
        message: u32,
        accept: bool,
        because: Option<super::channels::Because>,
    },
    /// Send a minister's post at once (any phase before the resolution): a public statement
    /// through the `Post` channel, with no legal reading. It is paid and resolved now, lands
    /// in every feed and is answered by the audiences now, before anyone's orders.
    PostNow { statement: Order },
    /// Convene a meeting of the seats `with`: online, at once and cheaply, or in person, the
    /// next turn and at a higher cost (any phase; paid when convened). Its channel opens to
    /// its members while it sits.
    Convene {
        with: Vec<String>,
        online: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        agenda: Option<String>,
    },
}

/// What the control cell does to the game itself. Everything else the control cell does
/// (seats, starting, pausing, deadlines, reading) belongs to the host, not the journal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ControlAct {
    /// Move to the next phase (the deadline passed, everyone is ready, or the control cell).
    Advance,
    /// Send a scenario inject now.
    Inject { inject: String },
    /// Write an inject of its own.
    WriteInject {
        title: Text,
        body: Text,
        audience: Audience,
    },
    /// End the exercise now.
    End,
}

/// Everything that can change an exercise: the one closed set of acts the rules, the
/// journal and the protocol share.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Command {
    Seat {
        seat: String,
        act: SeatAct,
        /// The person who did it for the seat (a delegation's member), when a person did:
        /// the rules never read it; views and the report show it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    Control(ControlAct),
}

impl Command {
    /// `seat` does `act`.
    pub fn seat(seat: impl Into<String>, act: SeatAct) -> Self {
        Command::Seat {
            seat: seat.into(),
            act,
            by: None,
        }
    }
    /// `person`, a member of `seat`'s delegation, does `act` for it.
    pub fn by(seat: impl Into<String>, person: impl Into<String>, act: SeatAct) -> Self {
        Command::Seat {
            seat: seat.into(),
            act,
            by: Some(person.into()),
        }
    }
    /// Move to the next phase.
    pub const ADVANCE: Command = Command::Control(ControlAct::Advance);
}

/// Where an exercise stands: the turn and its phase. A seat drafts on the view of one
/// moment; a move drafted on an earlier moment is stale (`Exercise::apply_at`). Phases are
/// the game's unit of change here, not every command: talk, other seats' orders and
/// proposals do not make a draft stale, but a new phase does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Moment {
    pub turn: u32,
    pub phase: Phase,
}

/// Whose views an applied command changed, as the rules see it: the host sends fresh views
/// to these seats and no others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    Everyone,
    Seats(Vec<String>),
}

/// Why a command was refused. A refused command changes nothing. Every refusal is a
/// [`Phrase`], so each client shows it in its own language; `Display` is its English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    Ended,
    UnknownSeat(String),
    /// Phases by `Phase::name`.
    WrongPhase {
        expected: String,
        actual: String,
    },
    Invalid(Phrase),
    /// The move was drafted on an earlier moment than now (a phase has passed since).
    Stale {
        drafted: Moment,
        now: Moment,
    },
}

impl Refusal {
    /// The refusal as the engine says it.
    pub fn phrase(&self) -> Phrase {
        // A phase's name is a term of the engine's table ("orders" → "الإجراءات").
        let phase = |name: &String| Arg::Term(name.clone().into());
        match self {
            Refusal::Ended => say!("the exercise has ended"),
            Refusal::UnknownSeat(seat) => say!("unknown seat \"{0}\"", Arg::id(seat)),
            Refusal::WrongPhase { expected, actual } => say!(
                "not allowed in the {0} phase; expected the {1} phase",
                phase(actual),
                phase(expected)
            ),
            Refusal::Invalid(p) => p.clone(),
            Refusal::Stale { drafted, now } => say!(
                "this was drafted in turn {0}, {1} phase, and the exercise is now in turn {2}, {3} phase: look again and send it anew",
                drafted.turn,
                Arg::Term(drafted.phase.name().into()),
                now.turn,
                Arg::Term(now.phase.name().into())
            ),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.phrase().en())
    }
}

impl std::error::Error for Refusal {}

/// A running exercise.
pub struct Exercise {
    app: App,
    seed: u64,
    journal: Vec<Command>,
}

impl Exercise {
    /// Builds the world for a validated scenario and runs the first briefing.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        let mut app = App::empty();
        app.add_plugins(super::plugin);
        let mut ex = Self {
            app,
            seed,
            journal: Vec::new(),
        };
        ex.setup(scenario, seed);
        ex
    }

    /// Starts a fresh exercise in this world (same result as `new`, without rebuilding the
    /// schedules: balance runs play thousands of games this way).
    pub fn restart(&mut self, scenario: Arc<Scenario>, seed: u64) {
        // Every piece of state registered (`sim::state`, `sim::entities`) resets.
        self.app.world_mut().run_schedule(super::Reset);
        self.journal.clear();
        self.setup(scenario, seed);
    }

    fn setup(&mut self, scenario: Arc<Scenario>, seed: u64) {
        self.seed = seed;
        let turns = scenario.turns;
        let world = self.app.world_mut();
        world.insert_resource(Catalog::new(scenario));
        world.insert_resource(SimRng(ChaCha8Rng::seed_from_u64(seed)));
        world.insert_resource(Clock {
            turn: 0,
            turns,
            phase: Phase::Briefing,
        });
        super::actors::spawn_actors(world);
        super::incidents::spawn_scenario_incidents(world);
        record_sample(world);
        self.begin_turn(1);
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub(crate) fn world(&self) -> &World {
        self.app.world()
    }
    pub fn catalog(&self) -> &Catalog {
        self.world().resource::<Catalog>()
    }
    pub fn scenario(&self) -> &Scenario {
        &self.catalog().scenario
    }
    pub fn clock(&self) -> &Clock {
        self.world().resource::<Clock>()
    }
    pub fn ended(&self) -> bool {
        self.clock().phase == Phase::Ended
    }
    pub fn outcome(&self) -> &Outcome {
        self.world().resource::<Outcome>()
    }
    /// Every accepted command, in order.
    pub fn journal(&self) -> &[Command] {
        &self.journal
    }

    fn begin_turn(&mut self, turn: u32) {
        let world = self.app.world_mut();
        {
            let mut clock = world.resource_mut::<Clock>();
            clock.turn = turn;
            clock.phase = Phase::Briefing;
        }
        world.run_schedule(Briefing);
    }

    /// Where the exercise stands now.
    pub fn moment(&self) -> Moment {
        let c = self.clock();
        Moment {
            turn: c.turn,
            phase: c.phase,
        }
    }

    /// Applies a move drafted at `drafted` (the moment of the view it was made on): refused
    /// as stale if the exercise has moved on since (`stale`).
    pub fn apply_at(&mut self, cmd: Command, drafted: Moment) -> Result<Changed, Refusal> {
        if let Some(refusal) = self.stale(&cmd, drafted) {
            return Err(refusal);
        }
        self.apply(cmd)
    }

    /// Why `cmd`, drafted at `drafted`, is stale now, if it is. Moves that belong to a phase
    /// (tabling, orders, ready, moving to the next phase) are; talk, injects and ending the
    /// exercise are not, whenever they were written.
    pub fn stale(&self, cmd: &Command, drafted: Moment) -> Option<Refusal> {
        let bound = match cmd {
            Command::Seat { act, .. } => !matches!(
                act,
                SeatAct::Say { .. }
                    | SeatAct::Acknowledge { .. }
                    | SeatAct::Ask { .. }
                    | SeatAct::Answer { .. }
                    | SeatAct::Convene { .. }
                    | SeatAct::PostNow { .. }
            ),
            Command::Control(act) => matches!(act, ControlAct::Advance),
        };
        let now = self.moment();
        (bound && drafted != now && now.phase != Phase::Ended)
            .then_some(Refusal::Stale { drafted, now })
    }

    /// Applies a command if it is valid now; a refused command changes nothing. Says whose
    /// views it changed.
    pub fn apply(&mut self, cmd: Command) -> Result<Changed, Refusal> {
        self.check_sizes(&cmd)?;
        let phase = self.clock().phase;
        if phase == Phase::Ended {
            return Err(Refusal::Ended);
        }
        let changed = match &cmd {
            Command::Seat { seat, act, by } => self.seat_act(seat, act, by.as_deref())?,
            Command::Control(act) => {
                self.control_act(act)?;
                Changed::Everyone
            }
        };
        self.journal.push(cmd);
        Ok(changed)
    }

    fn seat_act(
        &mut self,
        seat: &str,
        act: &SeatAct,
        by: Option<&str>,
    ) -> Result<Changed, Refusal> {
        let me = || Changed::Seats(vec![seat.to_string()]);
        Ok(match act {
            SeatAct::Table {
                institution,
                proposal,
            } => {
                self.expect_phase(Phase::Negotiation)?;
                let actor = self.seat_actor(seat)?;
                table(self.app.world_mut(), actor, institution, proposal.clone())
                    .map_err(Refusal::Invalid)?;
                // Every member sees the proposal; everyone sees that it was tabled.
                Changed::Everyone
            }
            SeatAct::Orders { orders } => {
                self.expect_phase(Phase::Orders)?;
                let actor = self.seat_actor(seat)?;
                self.check_orders(actor, orders)?;
                self.app
                    .world_mut()
                    .resource_mut::<Submitted>()
                    .set(actor, orders.clone(), by);
                me()
            }
            SeatAct::Ready => {
                let actor = self.seat_actor(seat)?;
                let mut submitted = self.app.world_mut().resource_mut::<Submitted>();
                submitted.ready.insert(actor);
                submitted.ready_by.retain(|(a, _)| *a != actor);
                if let Some(person) = by {
                    submitted.ready_by.push((actor, person.to_string()));
                }
                me()
            }
            SeatAct::Say { channel, text } => {
                let actor = self.seat_actor(seat)?;
                if text.trim().is_empty() {
                    return Err(Refusal::Invalid(say!("an empty message")));
                }
                let turn = self.clock().turn;
                let (audience, label) = super::channels::audience(
                    self.catalog(),
                    actor,
                    channel,
                    self.world().resource::<super::meetings::Meetings>(),
                    turn,
                )
                .map_err(Refusal::Invalid)?;
                // A message changes the views of its readers only.
                let readers = self.catalog().seats_in(audience);
                self.app
                    .world_mut()
                    .resource_mut::<super::channels::Channels>()
                    .0
                    .push(super::channels::Message {
                        turn,
                        from: actor,
                        audience,
                        channel: label,
                        text: text.clone(),
                        said: None,
                        ask: None,
                        by: by.map(str::to_string),
                    });
                Changed::Seats(readers)
            }
            SeatAct::Ask { to, ask } => {
                let actor = self.seat_actor(seat)?;
                let them = self.seat_actor(to)?;
                if actor == them {
                    return Err(Refusal::Invalid(say!("a seat does not ask itself")));
                }
                self.check_ask(actor, ask)?;
                let c = self.catalog().clone();
                let what = ask.describe(&super::names::InWorld(self.world()));
                let said = say!("{0} asks {1} {2}", c.named(actor), c.named(them), what);
                let asked = super::channels::Asked {
                    ask: ask.clone(),
                    to: them,
                    answer: None,
                };
                self.engine_says(actor, to, said, Some(asked), by)?;
                Changed::Seats(vec![seat.to_string(), to.clone()])
            }
            SeatAct::Answer {
                message,
                accept,
                because,
            } => {
                let actor = self.seat_actor(seat)?;
                let c = self.catalog().clone();
                let turn = self.clock().turn;
                let mut channels = self
                    .app
                    .world_mut()
                    .resource_mut::<super::channels::Channels>();
                let Some(m) = channels.0.get_mut(*message as usize) else {
                    return Err(Refusal::Invalid(say!("no such request")));
                };
                let Some(asked) = m.ask.as_mut().filter(|a| a.to == actor) else {
                    return Err(Refusal::Invalid(say!("no such request")));
                };
                if asked.answer.is_some() {
                    return Err(Refusal::Invalid(say!("this request has its answer")));
                }
                asked.answer = Some(*accept);
                let (asker, audience, label) = (m.from, m.audience, m.channel.clone());
                let head = if *accept {
                    say!("{0} accepts the request", c.named(actor))
                } else {
                    say!("{0} declines the request", c.named(actor))
                };
                let said = match because {
                    Some(b) => say!("{0}: {1}.", head, b.phrase()),
                    None => say!("{0}.", head),
                };
                channels.0.push(super::channels::Message {
                    turn,
                    from: actor,
                    audience,
                    channel: label,
                    text: String::new(),
                    said: Some(said),
                    ask: None,
                    by: by.map(str::to_string),
                });
                let asker_seat = c
                    .seat_of_actor(asker)
                    .map(|i| c.scenario.seats[i].id.clone());
                Changed::Seats(
                    [Some(seat.to_string()), asker_seat]
                        .into_iter()
                        .flatten()
                        .collect(),
                )
            }
            SeatAct::Convene {
                with,
                online,
                agenda,
            } => {
                use super::meetings::{IN_PERSON_COST, MAX_A_TURN, Meeting, Meetings, ONLINE_COST};
                let actor = self.seat_actor(seat)?;
                let c = self.catalog().clone();
                let turn = self.clock().turn;
                let mut members = super::catalog::ActorSet::one(actor);
                for s in with {
                    let a = self.seat_actor(s)?;
                    if a == actor {
                        return Err(Refusal::Invalid(say!(
                            "a meeting's host is a member already: invite other states"
                        )));
                    }
                    members.insert(a);
                }
                let world = self.world();
                let agenda_name = match agenda {
                    Some(key) => {
                        let index = world.resource::<IncidentIndex>();
                        let inc = index
                            .get(key)
                            .and_then(|e| world.get::<Incident>(e))
                            .filter(|i| i.seen_by.contains(actor))
                            .ok_or_else(|| {
                                Refusal::Invalid(say!("no known incident \"{0}\"", Arg::id(key)))
                            })?;
                        Some(super::names::incident(inc))
                    }
                    None => None,
                };
                let meetings = world.resource::<Meetings>();
                if meetings
                    .0
                    .iter()
                    .filter(|m| m.host == actor && m.convened == turn)
                    .count()
                    >= MAX_A_TURN
                {
                    return Err(Refusal::Invalid(say!(
                        "at most {0} meetings convened a turn",
                        MAX_A_TURN
                    )));
                }
                let cost = if *online { ONLINE_COST } else { IN_PERSON_COST };
                self.spend_now(actor, cost)?;
                let meetings = self.world().resource::<Meetings>();
                let m = Meeting {
                    id: meetings.0.len() as u32,
                    host: actor,
                    members,
                    online: *online,
                    convened: turn,
                    sits: if *online { turn } else { turn + 1 },
                    agenda: agenda.clone(),
                };
                let said = super::meetings::announcement(&c, &m, agenda_name);
                let channel = m.channel();
                self.app.world_mut().resource_mut::<Meetings>().0.push(m);
                self.engine_tells(actor, members, channel, said, None, by);
                Changed::Seats(c.seats_in(members))
            }
            SeatAct::PostNow { statement } => {
                let phase = self.clock().phase;
                if !matches!(phase, Phase::Briefing | Phase::Negotiation | Phase::Orders) {
                    return Err(Refusal::WrongPhase {
                        expected: Phase::Negotiation.name().into(),
                        actual: phase.name().into(),
                    });
                }
                let actor = self.seat_actor(seat)?;
                let Order::PublicStatement {
                    via: super::orders::Via::Post,
                    reading: None,
                    ..
                } = statement
                else {
                    return Err(Refusal::Invalid(say!(
                        "only a minister's post goes out at once, and with no legal reading: give a communiqué, a briefing or a reading with the orders"
                    )));
                };
                self.check_orders(actor, std::slice::from_ref(statement))?;
                let cost = self
                    .catalog()
                    .order_cost(actor, statement)
                    .map(|(capital, _)| capital)
                    .unwrap_or_default();
                self.spend_now(actor, cost)?;
                // Resolved now, by the rules that resolve statements at the turn's end, and
                // answered by the audiences now.
                use bevy::ecs::system::RunSystemOnce;
                let world = self.app.world_mut();
                let saved = std::mem::replace(
                    &mut world.resource_mut::<super::orders::Accepted>().0,
                    vec![(actor, statement.clone())],
                );
                let ran = world
                    .run_system_once(super::diplomacy::diplomacy)
                    .and_then(|()| world.run_system_once(super::sphere::post_now));
                world.resource_mut::<super::orders::Accepted>().0 = saved;
                if let Err(e) = ran {
                    return Err(Refusal::Invalid(say!(
                        "the post could not be sent: {0}",
                        Arg::id(e.to_string())
                    )));
                }
                Changed::Everyone
            }
            SeatAct::Acknowledge { to, meeting } => {
                let actor = self.seat_actor(seat)?;
                let them = self.seat_actor(to)?;
                let turn = self.clock().turn;
                let c = self.catalog().clone();
                let world = self.world();
                // In a meeting, the answer goes to all its members, once a turn.
                let room = match meeting {
                    Some(id) => Some(
                        world
                            .resource::<super::meetings::Meetings>()
                            .audience(actor, *id, turn)
                            .map_err(Refusal::Invalid)?,
                    ),
                    None => None,
                };
                let channels = world.resource::<super::channels::Channels>();
                let already = channels.0.iter().any(|m| {
                    m.turn == turn
                        && m.from == actor
                        && m.said.is_some()
                        && match &room {
                            Some((_, label)) => &m.channel == label,
                            None => m.audience.contains(them),
                        }
                });
                if already || actor == them {
                    return Err(Refusal::Invalid(say!("already answered this turn")));
                }
                let said = super::channels::position(&c, actor);
                match room {
                    Some((audience, label)) => {
                        self.engine_tells(actor, audience, label, said, None, None);
                        Changed::Seats(c.seats_in(audience))
                    }
                    None => {
                        self.engine_says(actor, to, said, None, None)?;
                        Changed::Seats(vec![seat.to_string(), to.clone()])
                    }
                }
            }
        })
    }

    /// A message the engine words for `from` to the seat `to` (a request, a computer
    /// player's answer), in the two seats' private channel.
    fn engine_says(
        &mut self,
        from: ActorId,
        to: &str,
        said: Phrase,
        ask: Option<super::channels::Asked>,
        by: Option<&str>,
    ) -> Result<(), Refusal> {
        let turn = self.clock().turn;
        let (audience, label) = super::channels::audience(
            self.catalog(),
            from,
            &super::channels::Channel::Seats(vec![to.to_string()]),
            self.world().resource::<super::meetings::Meetings>(),
            turn,
        )
        .map_err(Refusal::Invalid)?;
        self.engine_tells(from, audience, label, said, ask, by);
        Ok(())
    }

    /// A message the engine words for `from`, read by `audience` in `channel`.
    fn engine_tells(
        &mut self,
        from: ActorId,
        audience: super::catalog::ActorSet,
        channel: String,
        said: Phrase,
        ask: Option<super::channels::Asked>,
        by: Option<&str>,
    ) {
        let turn = self.clock().turn;
        self.app
            .world_mut()
            .resource_mut::<super::channels::Channels>()
            .0
            .push(super::channels::Message {
                turn,
                from,
                audience,
                channel,
                text: String::new(),
                said: Some(said),
                ask,
                by: by.map(str::to_string),
            });
    }

    /// Whether a seat may ask this: the proposal is open, the incident is one it knows.
    fn check_ask(&self, actor: ActorId, ask: &super::channels::Ask) -> Result<(), Refusal> {
        use super::channels::Ask;
        let truth = self.truth();
        match ask {
            Ask::SupportProposal { proposal } => {
                let open = self
                    .world()
                    .resource::<super::institutions::ProposalIndex>()
                    .0
                    .get(*proposal as usize)
                    .and_then(|e| self.world().get::<super::institutions::Tabled>(*e))
                    .is_some_and(|t| t.status == super::institutions::ProposalStatus::Open);
                if !open {
                    return Err(Refusal::Invalid(say!("no open proposal of that number")));
                }
            }
            Ask::ShareEvidence { incident }
            | Ask::ProvideAssistance { incident }
            | Ask::JoinAttribution { incident } => {
                let known = truth
                    .incident(incident)
                    .is_some_and(|i| i.incident.seen_by.contains(actor));
                if !known {
                    return Err(Refusal::Invalid(say!(
                        "no known incident \"{0}\"",
                        Arg::id(incident)
                    )));
                }
            }
        }
        Ok(())
    }

    fn control_act(&mut self, act: &ControlAct) -> Result<(), Refusal> {
        match act {
            ControlAct::Advance => self.advance(),
            ControlAct::End => {
                let world = self.app.world_mut();
                let text = crate::say!("The control cell ended the exercise");
                super::record::tell(
                    world,
                    super::record::EventKind::Ending,
                    Visibility::Public,
                    text,
                );
                world.resource_mut::<Clock>().phase = Phase::Ended;
            }
            ControlAct::Inject { inject } => {
                let Some(i) = self.catalog().inject(inject) else {
                    return Err(Refusal::Invalid(say!(
                        "unknown inject \"{0}\"",
                        Arg::id(inject)
                    )));
                };
                if self
                    .world()
                    .resource::<super::injects::FiredInjects>()
                    .0
                    .contains(&i)
                {
                    return Err(Refusal::Invalid(say!(
                        "inject \"{0}\" has already fired",
                        Arg::id(inject)
                    )));
                }
                fire_inject(self.app.world_mut(), i);
            }
            ControlAct::WriteInject {
                title,
                body,
                audience,
            } => {
                let catalog = self.catalog().clone();
                let visibility = match audience {
                    Audience::All => Visibility::Public,
                    Audience::Actors(list) => {
                        let mut set = super::catalog::ActorSet::default();
                        for a in list {
                            set.insert(catalog.actor(a).ok_or_else(|| {
                                Refusal::Invalid(say!("unknown actor \"{0}\"", Arg::id(a)))
                            })?);
                        }
                        Visibility::Actors(set)
                    }
                };
                fire_custom_inject(self.app.world_mut(), title, body, visibility, &[]);
            }
        }
        Ok(())
    }

    /// The ids of the scenario's injects that have fired, in the order they fired.
    pub fn fired_injects(&self) -> Vec<String> {
        let injects = &self.scenario().injects;
        self.world()
            .resource::<super::injects::FiredInjects>()
            .0
            .iter()
            .filter_map(|i| injects.get(*i).map(|x| x.id.clone()))
            .collect()
    }

    /// The player actions the fired injects are meant to draw, and how each stands (the
    /// control cell's; never a seat's: conditions may rest on the hidden truth).
    pub fn expectations(&self) -> Vec<super::injects::ExpectationLine> {
        use super::injects::{ExpectationLine, Expectations, ExpectedStatus};
        let injects = &self.scenario().injects;
        self.world()
            .resource::<Expectations>()
            .0
            .iter()
            .filter_map(|x| {
                let inj = injects.get(x.inject)?;
                let action = inj.expected.get(x.action)?;
                Some(ExpectationLine {
                    inject: inj.id.clone(),
                    id: action.id.clone(),
                    seat: action.seat.clone(),
                    text: action.text.clone(),
                    fired: x.fired,
                    due: x.due,
                    status: match (x.met, x.missed) {
                        (Some(turn), _) => ExpectedStatus::Met(turn),
                        (None, true) => ExpectedStatus::Missed,
                        (None, false) => ExpectedStatus::Open,
                    },
                })
            })
            .collect()
    }

    /// The messages a seat has written in this turn.
    pub fn messages_this_turn(&self, seat: &str) -> u32 {
        let c = self.catalog();
        let Some(i) = c.seat(seat) else {
            return 0;
        };
        let actor = c.seat_actor(i);
        let turn = self.clock().turn;
        self.world()
            .resource::<crate::sim::channels::Channels>()
            .0
            .iter()
            .filter(|m| m.turn == turn && m.from == actor)
            .count() as u32
    }

    /// The orders a seat has sent in this turn's orders phase (none: it sent nothing).
    pub fn sent_orders(&self, seat: &str) -> Option<Vec<Order>> {
        let c = self.catalog();
        let actor = c.seat_actor(c.seat(seat)?);
        self.world()
            .resource::<Submitted>()
            .orders
            .iter()
            .find(|(a, _)| *a == actor)
            .map(|(_, o)| o.clone())
    }

    pub fn all_ready(&self, seats: &[String]) -> bool {
        let ready = self.world().resource::<Submitted>().ready;
        seats.iter().all(|s| {
            self.catalog()
                .seat(s)
                .is_some_and(|i| ready.contains(self.catalog().seat_actor(i)))
        })
    }

    fn advance(&mut self) {
        let clock = self.clock().clone();
        let world = self.app.world_mut();
        let mut submitted = world.resource_mut::<Submitted>();
        submitted.ready = Default::default();
        submitted.ready_by.clear();
        let set = |world: &mut World, phase| world.resource_mut::<Clock>().phase = phase;
        match clock.phase {
            Phase::Briefing => set(world, Phase::Negotiation),
            Phase::Negotiation => set(world, Phase::Orders),
            Phase::Orders => {
                set(world, Phase::Resolution);
                world.run_schedule(Resolve);
            }
            Phase::Resolution => {
                set(world, Phase::Press);
                world.run_schedule(Press);
            }
            Phase::Press => {
                let over =
                    world.resource::<Outcome>().ending.is_some() || clock.turn >= clock.turns;
                if over {
                    set(world, Phase::Ended);
                } else {
                    self.begin_turn(clock.turn + 1);
                }
            }
            Phase::Ended => {}
        }
    }

    /// Pays `cost` diplomatic capital now (a meeting convened, a post sent at once), from
    /// what the orders already sent this turn leave; refused, changing nothing, if it is not
    /// there.
    fn spend_now(&mut self, actor: ActorId, cost: i32) -> Result<(), Refusal> {
        let c = self.catalog().clone();
        let world = self.app.world_mut();
        let entity = world.resource::<super::actors::ActorIndex>().0[actor.0 as usize];
        let capital = world
            .get::<super::actors::ActorVars>(entity)
            .map(|v| v.0.diplomatic_capital)
            .unwrap_or_default();
        let committed: i32 = world
            .resource::<Submitted>()
            .of(actor)
            .iter()
            .filter_map(|o| c.order_cost(actor, o))
            .map(|(capital, _)| capital)
            .sum();
        if capital - committed < cost {
            return Err(Refusal::Invalid(say!(
                "it costs {0} diplomatic capital now; {1} is left after the orders you have sent",
                cost,
                (capital - committed).max(0)
            )));
        }
        if let Some(mut v) = world.get_mut::<super::actors::ActorVars>(entity) {
            v.0.add(crate::scenario::Var::DiplomaticCapital, -cost);
        }
        Ok(())
    }

    fn expect_phase(&self, expected: Phase) -> Result<(), Refusal> {
        let actual = self.clock().phase;
        if actual == expected {
            Ok(())
        } else {
            Err(Refusal::WrongPhase {
                expected: expected.name().into(),
                actual: actual.name().into(),
            })
        }
    }

    fn seat_actor(&self, seat: &str) -> Result<ActorId, Refusal> {
        let c = self.catalog();
        c.seat(seat)
            .map(|i| c.seat_actor(i))
            .ok_or_else(|| Refusal::UnknownSeat(seat.to_string()))
    }

    fn check_sizes(&self, cmd: &Command) -> Result<(), Refusal> {
        let too_long = |s: &str, max: usize| s.len() > max;
        let id = |s: &str| {
            if too_long(s, MAX_ID_LEN) {
                Err(Refusal::Invalid(say!(
                    "an id longer than {0} bytes",
                    MAX_ID_LEN
                )))
            } else {
                Ok(())
            }
        };
        let text = |t: &Text| {
            if t.more.len() > MAX_TEXT_LANGUAGES {
                return Err(Refusal::Invalid(say!(
                    "a text in more than {0} languages",
                    MAX_TEXT_LANGUAGES
                )));
            }
            if t.each().any(|(_, t)| too_long(t, MAX_TEXT_LEN)) {
                Err(Refusal::Invalid(say!(
                    "a text longer than {0} bytes",
                    MAX_TEXT_LEN
                )))
            } else {
                Ok(())
            }
        };
        let act = match cmd {
            Command::Seat { seat, act, by } => {
                id(seat)?;
                if by.as_ref().is_some_and(|b| too_long(b, MAX_NAME_LEN)) {
                    return Err(Refusal::Invalid(say!(
                        "a name longer than {0} bytes",
                        MAX_NAME_LEN
                    )));
                }
                act
            }
            Command::Control(ControlAct::Inject { inject }) => return id(inject),
            Command::Control(ControlAct::WriteInject {
                title,
                body,
                audience,
            }) => {
                text(title)?;
                text(body)?;
                if let Audience::Actors(list) = audience {
                    list.iter().try_for_each(|a| id(a))?;
                }
                return Ok(());
            }
            Command::Control(ControlAct::Advance | ControlAct::End) => return Ok(()),
        };
        match act {
            SeatAct::Table {
                institution,
                proposal,
            } => {
                id(institution)?;
                id(proposal.incident())?;
                if let Proposal::Listing { targets, .. } = proposal {
                    if targets.len() > MAX_ORDERS {
                        return Err(Refusal::Invalid(say!(
                            "a listing may name at most {0} persons or entities",
                            MAX_ORDERS
                        )));
                    }
                    targets.iter().try_for_each(|t| id(t))?;
                }
            }
            SeatAct::Orders { .. } | SeatAct::PostNow { .. } => {
                let orders: &[Order] = match act {
                    SeatAct::Orders { orders } => orders,
                    SeatAct::PostNow { statement } => std::slice::from_ref(statement),
                    _ => &[],
                };
                if orders.len() > MAX_ORDERS {
                    return Err(Refusal::Invalid(say!(
                        "at most {0} orders per turn",
                        MAX_ORDERS
                    )));
                }
                for o in orders {
                    o.named_actors().into_iter().try_for_each(id)?;
                    o.incident().map_or(Ok(()), id)?;
                    match o {
                        Order::ShareEvidence { evidence, .. } => id(evidence)?,
                        Order::Sanctions { target } => id(target)?,
                        Order::PublicStatement {
                            language, topic, ..
                        } => {
                            language.as_deref().map_or(Ok(()), id)?;
                            topic.as_deref().map_or(Ok(()), id)?;
                        }
                        Order::Prebunk { topic } => topic.as_deref().map_or(Ok(()), id)?,
                        Order::TableProposal { .. } => {
                            return Err(Refusal::Invalid(say!(
                                "proposals are tabled in the negotiation phase"
                            )));
                        }
                        _ => {}
                    }
                }
            }
            SeatAct::Ready => {}
            SeatAct::Acknowledge { to, .. } => id(to)?,
            SeatAct::Ask { to, ask } => {
                id(to)?;
                match ask {
                    super::channels::Ask::SupportProposal { .. } => {}
                    super::channels::Ask::ShareEvidence { incident }
                    | super::channels::Ask::ProvideAssistance { incident }
                    | super::channels::Ask::JoinAttribution { incident } => id(incident)?,
                }
            }
            SeatAct::Answer { .. } => {}
            SeatAct::Say {
                channel,
                text: message,
            } => {
                if message.len() > super::channels::MAX_MESSAGE_LEN {
                    return Err(Refusal::Invalid(say!(
                        "a message longer than {0} bytes",
                        super::channels::MAX_MESSAGE_LEN
                    )));
                }
                match channel {
                    super::channels::Channel::Seats(list) => list.iter().try_for_each(|s| id(s))?,
                    super::channels::Channel::Institution(i) => id(i)?,
                    super::channels::Channel::Delegation | super::channels::Channel::Meeting(_) => {
                    }
                }
            }
            SeatAct::Convene { with, agenda, .. } => {
                if with.is_empty() || with.len() > super::meetings::MAX_INVITED {
                    return Err(Refusal::Invalid(say!(
                        "invite one to {0} states",
                        super::meetings::MAX_INVITED
                    )));
                }
                with.iter().try_for_each(|s| id(s))?;
                agenda.as_deref().map_or(Ok(()), id)?;
            }
        }
        Ok(())
    }

    /// Checks a seat's orders against what it knows and can afford; names the first problem.
    pub fn check_orders(&self, actor: ActorId, orders: &[Order]) -> Result<(), Refusal> {
        let world = self.world();
        let c = self.catalog();
        let bad = |i: usize, o: &Order, why: Phrase| {
            Refusal::Invalid(say!(
                "order {0} ({1}): {2}",
                i + 1,
                Arg::term(o.kind().term()),
                why
            ))
        };
        let vars = world
            .get::<super::actors::ActorVars>(
                world.resource::<super::actors::ActorIndex>().0[actor.0 as usize],
            )
            .map(|v| v.0)
            .unwrap_or_default();
        let (mut capital, mut capacity) = (0, 0);
        let index = world.resource::<IncidentIndex>();
        // Whether the seat holds an item on the incident that passes `pick`.
        let holds = |incident: &str, pick: &dyn Fn(&Evidence) -> bool| {
            let seq = index
                .get(incident)
                .and_then(|e| world.get::<Incident>(e))
                .map(|inc| inc.seq);
            index.evidence_order.iter().any(|ev| {
                world
                    .get::<Evidence>(*ev)
                    .is_some_and(|x| Some(x.incident) == seq && pick(x))
                    && world
                        .get::<KnownBy>(*ev)
                        .is_some_and(|k| k.0.contains(actor))
            })
        };
        for (i, o) in orders.iter().enumerate() {
            let Some((cap, tec)) = c.order_cost(actor, o) else {
                return Err(bad(
                    i,
                    o,
                    say!("not available to this seat in this scenario"),
                ));
            };
            capital += cap;
            capacity += tec;
            if o.kind() == OrderKind::TableProposal {
                return Err(bad(
                    i,
                    o,
                    say!("proposals are tabled in the negotiation phase"),
                ));
            }
            for a in o.named_actors() {
                match c.actor(a) {
                    None => return Err(bad(i, o, say!("unknown actor \"{0}\"", Arg::id(a)))),
                    Some(x) if x == actor => {
                        return Err(bad(i, o, say!("cannot be aimed at oneself")));
                    }
                    Some(_) => {}
                }
            }
            if let Some(key) = o.incident() {
                let known = index
                    .get(key)
                    .and_then(|e| world.get::<Incident>(e))
                    .is_some_and(|inc| inc.seen_by.contains(actor));
                if !known {
                    return Err(bad(i, o, say!("no known incident \"{0}\"", Arg::id(key))));
                }
            }
            // A denial answers what others know: denying an incident nobody has discovered
            // would tell the world of it.
            if let Order::Deny { incident } = o
                && index
                    .get(incident)
                    .and_then(|e| world.get::<Incident>(e))
                    .is_some_and(|inc| !inc.discovered)
            {
                return Err(bad(
                    i,
                    o,
                    say!("nobody has discovered it yet: there is nothing to deny"),
                ));
            }
            if let Order::PublicStatement {
                language,
                topic,
                incident,
                ..
            } = o
            {
                if let Some(l) = language
                    && (l.is_empty()
                        || l.len() > 8
                        || !l.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'))
                {
                    return Err(bad(
                        i,
                        o,
                        say!(
                            "\"{0}\" is not a language code; expected one like \"ar\" or \"en\"",
                            Arg::id(l)
                        ),
                    ));
                }
                if let Some(t) = topic {
                    if !c.scenario.topics.iter().any(|x| &x.id == t) {
                        return Err(bad(
                            i,
                            o,
                            say!("no topic \"{0}\" in this scenario", Arg::id(t)),
                        ));
                    }
                    if incident.is_some() {
                        return Err(bad(
                            i,
                            o,
                            say!("a statement concerns an incident or a topic, not both"),
                        ));
                    }
                }
            }
            // Without diplomatic relations there is no mission and no ambassador (Vienna
            // Convention Art. 45); a protest can still go through a protecting power.
            let severed = world.resource::<super::diplomacy::Severed>();
            let broken = |other: &str| c.actor(other).and_then(|o| severed.between(actor, o));
            let who = |other: &str| {
                c.actor(other)
                    .map(|o| c.named(o))
                    .unwrap_or_else(|| Arg::id(other))
            };
            let cut = match o {
                Order::Demarche { to, .. } => broken(to)
                    .filter(|b| b.protecting(actor).is_none())
                    .map(|_| say!("relations with {0} are severed: there is no mission to deliver a protest, unless you named a protecting power (Vienna Convention Art. 45(c))", who(to))),
                Order::SummonAmbassador { of, .. } => broken(of).map(|_| {
                    say!("relations with {0} are severed: there is no ambassador to summon", who(of))
                }),
                Order::ExpelDiplomats { of, .. } => broken(of).map(|_| {
                    say!("relations with {0} are severed: its diplomats have already left", who(of))
                }),
                Order::SeverRelations {
                    with,
                    protecting_power,
                } => {
                    if broken(with).is_some() {
                        Some(say!("relations with {0} are already severed", who(with)))
                    } else if protecting_power.as_deref() == Some(with.as_str()) {
                        Some(say!("the protecting power must be a third state"))
                    } else {
                        None
                    }
                }
                Order::RestoreRelations { with } => broken(with)
                    .is_none()
                    .then(|| say!("relations with {0} are not severed", who(with))),
                _ => None,
            };
            if let Some(why) = cut {
                return Err(bad(i, o, why));
            }
            // Restrictions answer the spread of a leak or disinformation in the seat's own
            // territory.
            if let Order::Restrict { incident, .. } = o {
                let fits = index
                    .get(incident)
                    .and_then(|e| world.get::<Incident>(e))
                    .is_some_and(|inc| inc.target == actor && inc.kind.spreads());
                if !fits {
                    return Err(bad(
                        i,
                        o,
                        say!(
                            "only the spread of a disinformation campaign or a hack and leak against your own state can be restricted"
                        ),
                    ));
                }
            }
            // A campaign or a leak is answered while it runs, once everyone can see it.
            if let Order::Debunk { incident, .. } | Order::AskPlatform { incident, .. } = o {
                let fits = index
                    .get(incident)
                    .and_then(|e| world.get::<Incident>(e))
                    .is_some_and(|inc| {
                        inc.kind.spreads()
                            && inc.public
                            && inc.discovered
                            && inc.status == super::incidents::IncidentStatus::Active
                    });
                if !fits {
                    return Err(bad(
                        i,
                        o,
                        say!(
                            "only a disinformation campaign or a hack and leak that is public and still spreading can be answered this way"
                        ),
                    ));
                }
            }
            if let Order::Debunk {
                incident,
                release: true,
            } = o
                && !holds(incident, &|_| true)
            {
                return Err(bad(
                    i,
                    o,
                    say!(
                        "you hold no evidence on it to release; debunk without releasing, or investigate first"
                    ),
                ));
            }
            if let Order::Prebunk { topic: Some(t) } = o
                && !c.scenario.topics.iter().any(|x| &x.id == t)
            {
                return Err(bad(
                    i,
                    o,
                    say!("no topic \"{0}\" in this scenario", Arg::id(t)),
                ));
            }
            // The 24/7 network joins the parties to the Budapest Convention (Art. 35).
            if let Order::Preserve { from, .. } = o {
                let party = |a: ActorId| c.scenario.actors[a.0 as usize].budapest_party;
                if let Some(s) = [Some(actor), c.actor(from)]
                    .into_iter()
                    .flatten()
                    .find(|a| !party(*a) || !c.is_state(*a))
                {
                    return Err(bad(
                        i,
                        o,
                        say!(
                            "{0} is not a state party to the Budapest Convention: its 24/7 network (Art. 35) joins the parties only; ask for legal assistance under a treaty instead",
                            c.named(s)
                        ),
                    ));
                }
            }
            // Reporting a vulnerability needs technical evidence on the incident: the
            // indicators that show the weakness.
            if let Order::ReportVulnerability { incident, .. } = o
                && !holds(incident, &|x| x.layer == crate::scenario::Layer::Technical)
            {
                return Err(bad(
                    i,
                    o,
                    say!(
                        "you hold no technical evidence on that incident: there is no weakness to report"
                    ),
                ));
            }
            // An indictment rests on the indicting state's own evidence: each person must
            // have taken part in the incident, and the state must hold evidence on it pointing
            // to the organ or group the person serves.
            if let Order::Indict { incident, persons } = o {
                if persons.is_empty() {
                    return Err(bad(
                        i,
                        o,
                        say!("an indictment names at least one person or entity"),
                    ));
                }
                for p in persons {
                    let Some(e) = c.entity(p) else {
                        return Err(bad(
                            i,
                            o,
                            say!("unknown person or entity \"{0}\"", Arg::id(p)),
                        ));
                    };
                    let def = &c.scenario.entities[e];
                    if !def.incidents.iter().any(|x| x == incident) {
                        return Err(bad(
                            i,
                            o,
                            say!(
                                "nothing links {0} to that incident",
                                Arg::Name(def.name.clone())
                            ),
                        ));
                    }
                    let serves = def.affiliation.as_deref().and_then(|a| c.actor(a));
                    if !holds(incident, &|x| Some(x.points_to) == serves) {
                        return Err(bad(
                            i,
                            o,
                            say!(
                                "you hold no evidence on the incident pointing to those {0} serves: an indictment rests on your own evidence",
                                Arg::Name(def.name.clone())
                            ),
                        ));
                    }
                }
            }
            match o {
                Order::ShareEvidence { evidence, .. } => {
                    let held = index
                        .evidence(evidence)
                        .and_then(|e| world.get::<KnownBy>(e))
                        .is_some_and(|k| k.0.contains(actor));
                    if !held
                        || world
                            .get::<Evidence>(
                                index.evidence(evidence).unwrap_or(Entity::PLACEHOLDER),
                            )
                            .is_none()
                    {
                        return Err(bad(
                            i,
                            o,
                            say!("does not hold evidence \"{0}\"", Arg::id(evidence)),
                        ));
                    }
                }
                Order::Vote { proposal, .. } => {
                    let t = world
                        .resource::<ProposalIndex>()
                        .0
                        .get(*proposal as usize)
                        .and_then(|e| world.get::<Tabled>(*e));
                    match t {
                        Some(t)
                            if t.status == ProposalStatus::Open
                                && c.is_member(t.institution, actor) => {}
                        _ => {
                            return Err(bad(
                                i,
                                o,
                                say!("proposal {0} is not open to this seat's vote", *proposal),
                            ));
                        }
                    }
                }
                Order::Align { proposal } => {
                    let t = world
                        .resource::<ProposalIndex>()
                        .0
                        .get(*proposal as usize)
                        .and_then(|e| world.get::<Tabled>(*e));
                    if let Err(why) = t
                        .map_or(Err(say!("there is no proposal {0}", *proposal)), |t| {
                            super::institutions::may_align(c, t, actor).map_err(|u| u.phrase())
                        })
                    {
                        return Err(bad(i, o, why));
                    }
                }
                Order::Attribute { to, claim, .. }
                    if c.actor(to)
                        .is_some_and(|a| !super::attribution::fits(c, *claim, a)) =>
                {
                    return Err(bad(i, o, super::attribution::misfit(*claim)));
                }
                Order::Attribute {
                    public: false,
                    release: true,
                    ..
                } => {
                    return Err(bad(
                        i,
                        o,
                        say!("only a public attribution releases the evidence behind it"),
                    ));
                }
                Order::Sanctions { target }
                    if c.actor(target).is_none() && c.entity(target).is_none() =>
                {
                    return Err(bad(i, o, say!("unknown target \"{0}\"", Arg::id(target))));
                }
                Order::Sanctions { target }
                    if c.actor(target).is_some_and(|t| c.is_state(t))
                        && let Some(inst) = c.trade_competence(actor) =>
                {
                    return Err(bad(
                        i,
                        o,
                        say!(
                            "trade measures against a state are the exclusive competence of {0} (Arts. 3(1)(e) and 207 TFEU): propose restrictive measures there (Art. 29 TEU, Art. 215 TFEU); measures against persons and entities stay national",
                            &c.scenario.institutions[inst].name
                        ),
                    ));
                }
                _ => {}
            }
        }
        if capital > vars.diplomatic_capital || capacity > vars.technical_capacity {
            return Err(Refusal::Invalid(say!(
                "these orders cost {0} capital and {1} capacity; the seat has {2} and {3}",
                capital,
                capacity,
                vars.diplomatic_capital,
                vars.technical_capacity
            )));
        }
        Ok(())
    }

    /// Would this proposal be accepted if tabled now? (For bots and the client.)
    pub fn can_table(&self, seat: &str, institution: &str, proposal: &Proposal) -> bool {
        self.seat_actor(seat)
            .is_ok_and(|a| check_proposal(self.world(), a, institution, proposal).is_ok())
    }

    /// The state hash: FNV-1a over the canonical serialisation of the whole state.
    pub fn state_hash(&self) -> String {
        super::journal::state_hash(self.world())
    }
}
