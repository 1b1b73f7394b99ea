//! The instructors' edition of the after-action report: what the students' edition has, and
//! the facilitator notes of the injects that fired, the expected actions met or missed by
//! each seat, the evaluators' observations on the timeline, each key decision with what the
//! deciding seat held at that moment beside the truth, and the improvement plan.
//!
//! Only the control cell receives it (the hub builds it for `ControlAction::Debrief`); the
//! students' edition is the same [`Debrief`](super::Debrief) without it.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Phrase};
use crate::observation::{Kind, Observation, PlanRow, Tie};
use crate::say;
use crate::scenario::OrderKind;
use crate::scenario::{Claim, Confidence, Layer, Level, Reliability, Text};
use crate::sim::catalog::ActorId;
use crate::sim::clock::Phase;
use crate::sim::exercise::{Command, ControlAct, Exercise, SeatAct};
use crate::sim::injects::{ExpectationLine, ExpectedStatus};
use crate::sim::names::InWorld;
use crate::sim::orders::{Order, Stance};
use crate::sim::record::Resolved;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instructors {
    /// The scenario's injects that fired, in the order they fired, with their notes.
    pub injects: Vec<InjectNote>,
    /// The titles of the injects that never fired.
    pub unfired: Vec<Text>,
    pub expected: Vec<ExpectationLine>,
    pub observations: Vec<ObservationLine>,
    pub decisions: Vec<KeyDecision>,
    /// The plan as the instructor saved it; none until then (the report shows the draft).
    pub plan: Option<Vec<PlanRow>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InjectNote {
    pub id: String,
    pub turn: u32,
    pub title: Text,
    pub notes: Option<Text>,
}

/// An observation with what it names, in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObservationLine {
    pub note: Observation,
    /// The state of the seat it is about (none: the whole exercise).
    pub about: Option<Text>,
    /// The objective, learning objective or inject it is tied to.
    pub tie: Option<Text>,
}

/// A decision that judged an incident (an attribution, a statement of the seat's reading,
/// a countermeasure, force in self-defence, an indictment), with what the seat held when
/// it gave the order and what was true.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyDecision {
    pub turn: u32,
    pub seat: String,
    pub actor: Text,
    /// The member who sent the seat's orders that turn, if a person did.
    pub sent_by: Option<String>,
    pub summary: Phrase,
    pub resolved: Resolved,
    pub incident: Phrase,
    /// The seat's evidence on the incident when it gave the order.
    pub held: Vec<HeldEvidence>,
    /// What that evidence supported, per claim and accused, as its Evidence screen showed it.
    pub supported: Vec<(Claim, Text, Confidence)>,
    /// The truth: who carried the incident out, and the engine's rung for it.
    pub author: Text,
    pub level: Level,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldEvidence {
    pub text: Phrase,
    pub points_to: Text,
    pub reliability: Reliability,
    pub layer: Layer,
    /// Planted to mislead (the seat could not know).
    pub false_flag: bool,
}

/// What only replaying the journal tells: when each inject fired, and what each deciding
/// seat held at the moment of its key decisions. The hub keeps it for a journal's length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replayed {
    pub fired: Vec<(usize, u32)>,
    pub decisions: Vec<KeyDecision>,
}

/// The orders that judge an incident: an attribution, a statement that condemns a named
/// state or states the seat's reading (not one of mere concern or solidarity), a countermeasure,
/// force in self-defence, an indictment.
fn judges(order: &Order) -> bool {
    match order {
        Order::PublicStatement {
            stance,
            about,
            reading,
            ..
        } => reading.is_some() || (*stance == Stance::Condemn && about.is_some()),
        o => matches!(
            o.kind(),
            OrderKind::Attribute
                | OrderKind::Countermeasure
                | OrderKind::SelfDefence
                | OrderKind::Indict
        ),
    }
}

/// Replays the exercise's journal on a fresh world. The orders phase of turn T is where
/// the seat's orders were given: its view just before that phase resolves is what it held
/// (nothing a seat holds changes between its orders and the resolution).
pub fn replay(ex: &Exercise) -> Replayed {
    let c = ex.catalog();
    let sc = c.scenario.clone();
    let truth = ex.truth();
    let name = |a: ActorId| sc.actors[a.0 as usize].name.clone();
    let names = InWorld(ex.world());
    // The key decisions as they were resolved, each waiting for its moment.
    let mut pending: Vec<(usize, KeyDecision, String)> = Vec::new();
    for d in truth.decisions() {
        let Some(incident) = d.order.incident().map(str::to_string) else {
            continue;
        };
        if !judges(&d.order) {
            continue;
        }
        let Some(seat) = (0..sc.seats.len()).find(|&i| c.seat_actor(i) == d.actor) else {
            continue;
        };
        let Some(it) = truth.incident(&incident) else {
            continue;
        };
        pending.push((
            seat,
            KeyDecision {
                turn: d.turn,
                seat: sc.seats[seat].id.clone(),
                actor: name(d.actor),
                sent_by: None,
                summary: d.order.summary(&names),
                resolved: d.resolved,
                incident: it.incident.name.clone(),
                held: Vec::new(),
                supported: Vec::new(),
                author: name(it.author),
                level: it.incident.level,
            },
            incident,
        ));
    }
    let mut again = Exercise::new(sc.clone(), ex.seed());
    let mut out = Replayed::default();
    let mut fired = 0;
    let mut sent_by: Vec<Option<String>> = vec![None; sc.seats.len()];
    let note_fired = |again: &Exercise, fired: &mut usize, out: &mut Replayed| {
        let now = again
            .world()
            .resource::<crate::sim::injects::FiredInjects>();
        for &i in &now.0[*fired..] {
            out.fired.push((i, again.clock().turn));
        }
        *fired = now.0.len();
    };
    note_fired(&again, &mut fired, &mut out);
    for cmd in ex.journal() {
        let m = again.moment();
        if let Command::Seat {
            seat,
            act: SeatAct::Orders { .. },
            by,
        } = cmd
            && let Some(i) = c.seat(seat)
        {
            sent_by[i] = by.clone();
        }
        if *cmd == Command::Control(ControlAct::Advance) && m.phase == Phase::Orders {
            for (seat, decision, incident) in pending.iter_mut().filter(|p| p.1.turn == m.turn) {
                let Some(view) = crate::sim::view::view(&again, &sc.seats[*seat].id) else {
                    continue;
                };
                decision.sent_by = sent_by[*seat].clone();
                decision.held = view
                    .evidence
                    .iter()
                    .filter(|e| e.incident == *incident)
                    .map(|e| HeldEvidence {
                        text: e.text.clone(),
                        points_to: c
                            .actor(&e.points_to)
                            .map(name)
                            .unwrap_or_else(|| Text::new(&e.points_to)),
                        reliability: e.reliability,
                        layer: e.layer,
                        false_flag: truth
                            .evidence_item(&e.id)
                            .is_some_and(|t| t.evidence.false_flag),
                    })
                    .collect();
                decision.supported = view
                    .incidents
                    .iter()
                    .filter(|i| i.id == *incident)
                    .flat_map(|i| i.claims.iter())
                    .map(|k| {
                        let against = c
                            .actor(&k.against)
                            .map(name)
                            .unwrap_or_else(|| Text::new(&k.against));
                        (k.claim, against, k.confidence)
                    })
                    .collect();
            }
            sent_by = vec![None; sc.seats.len()];
        }
        // The journal was applied once already: a refusal here would be a bug in the rules'
        // determinism, which the replay tests catch; the report shows what it has.
        let _ = again.apply(cmd.clone());
        note_fired(&again, &mut fired, &mut out);
    }
    out.decisions = pending.into_iter().map(|(_, d, _)| d).collect();
    out
}

impl Instructors {
    /// The instructors' part of the report: `replayed` from [`replay`] of the same exercise.
    pub fn of(
        ex: &Exercise,
        replayed: &Replayed,
        observations: &[Observation],
        plan: Option<Vec<PlanRow>>,
    ) -> Self {
        let sc = &ex.catalog().scenario;
        let c = ex.catalog();
        let injects = replayed
            .fired
            .iter()
            .filter_map(|&(i, turn)| {
                let inj = sc.injects.get(i)?;
                Some(InjectNote {
                    id: inj.id.clone(),
                    turn,
                    title: inj.title.clone(),
                    notes: inj.facilitator.clone(),
                })
            })
            .collect();
        let unfired = sc
            .injects
            .iter()
            .enumerate()
            .filter(|(i, _)| !replayed.fired.iter().any(|(f, _)| f == i))
            .map(|(_, inj)| inj.title.clone())
            .collect();
        let seat_name = |seat: &str| {
            c.seat(seat)
                .map(|i| sc.actors[c.seat_actor(i).0 as usize].name.clone())
        };
        let observations = observations
            .iter()
            .map(|o| ObservationLine {
                note: o.clone(),
                about: o.draft.about.as_deref().and_then(seat_name),
                tie: match &o.draft.tie {
                    Tie::Nothing => None,
                    Tie::LearningObjective(id) => sc
                        .learning_objectives
                        .iter()
                        .find(|l| l.id == *id)
                        .map(|l| l.text.clone()),
                    Tie::Objective { seat, id } => sc
                        .seats
                        .iter()
                        .find(|s| s.id == *seat)
                        .and_then(|s| s.objectives.iter().find(|o| o.id == *id))
                        .map(|o| o.text.clone()),
                    Tie::Inject(id) => sc
                        .injects
                        .iter()
                        .find(|i| i.id == *id)
                        .map(|i| i.title.clone()),
                },
            })
            .collect();
        Instructors {
            injects,
            unfired,
            expected: ex.expectations(),
            observations,
            decisions: replayed.decisions.clone(),
            plan,
        }
    }

    /// The plan the report shows: the saved one, or else the draft drawn from the
    /// observations that call for change and from the expected actions missed.
    pub fn plan_rows(&self, seats: &[super::SeatReport], l: Lang) -> Vec<PlanRow> {
        if let Some(plan) = &self.plan {
            return plan.clone();
        }
        let code = l.code();
        let actor = |seat: &str| {
            seats
                .iter()
                .find(|s| s.seat == seat)
                .map(|s| s.actor.get(code).to_string())
                .unwrap_or_default()
        };
        let from_notes = self
            .observations
            .iter()
            .filter(|o| o.note.draft.kind != Kind::Strength)
            .map(|o| {
                let who = o
                    .about
                    .as_ref()
                    .map(|t| t.get(code).to_string())
                    .unwrap_or_default();
                let text = o.note.draft.text.clone();
                if o.note.draft.kind == Kind::Recommendation {
                    PlanRow {
                        issue: o
                            .tie
                            .as_ref()
                            .map(|t| t.get(code).to_string())
                            .unwrap_or_default(),
                        recommendation: text,
                        who,
                        by_when: String::new(),
                    }
                } else {
                    PlanRow {
                        issue: text,
                        recommendation: String::new(),
                        who,
                        by_when: String::new(),
                    }
                }
            });
        let missed = self
            .expected
            .iter()
            .filter(|x| x.status == ExpectedStatus::Missed)
            .map(|x| PlanRow {
                issue: l.say(&say!(
                    "expected and missed by turn {0}: {1}",
                    x.due,
                    &x.text
                )),
                recommendation: String::new(),
                who: actor(&x.seat),
                by_when: String::new(),
            });
        from_notes.chain(missed).collect()
    }
}

/// The improvement plan as CSV (RFC 4180), with a byte-order mark so spreadsheet programs
/// read the Arabic as UTF-8, and a cell that a spreadsheet would take for a formula
/// (`=`, `+`, `-`, `@`) led by an apostrophe. Written here rather than with a CSV crate:
/// quoting four columns is a few lines, and the browser build pays for every crate.
pub fn plan_csv(rows: &[PlanRow], l: Lang) -> String {
    fn cell(s: &str) -> String {
        let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    }
    let mut out = String::from('\u{feff}');
    let head = ["issue", "recommendation", "who", "by when"].map(|k| cell(l.t(k)));
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for r in rows {
        let line = [&r.issue, &r.recommendation, &r.who, &r.by_when].map(|c| cell(c));
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// When an observation was written, as the report prints it: the turn, the phase and the
/// server's clock (UTC).
pub fn stamp(o: &Observation, l: Lang) -> String {
    let secs = o.at_ms / 1000 % 86_400;
    l.say(&say!(
        "turn {0}, {1} phase, {2} UTC",
        o.turn,
        crate::i18n::Arg::Term(o.phase.name().into()),
        crate::i18n::Arg::id(format!("{:02}:{:02}", secs / 3600, secs / 60 % 60))
    ))
}
