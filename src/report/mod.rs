//! The after-action report: timeline, each seat's decisions with the norms and law they
//! touched, escalation, tension and trust over the turns (SVG), and which objectives and
//! learning objectives were met, with the reason. One document ([`Document`]) laid out as
//! Markdown, a self-contained HTML page and the debrief screen.
//!
//! The chart is a few lines of SVG written here: a plotting crate would add build time and
//! font handling for three polylines.

use std::fmt::Write as _;

mod document;
mod instructors;

pub use document::{Anchor, Block, Document, Section, Tone};
pub use instructors::{
    HeldEvidence, InjectNote, Instructors, KeyDecision, ObservationLine, Replayed, plan_csv, replay,
};
use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Lang, Phrase};
use crate::say;
use crate::scenario::{
    Claim, Condition, Confidence, IncidentKind, Level, Reading, Text, role_beside_name,
};
use crate::sim::attribution::{verdict_13b, verdict_vote};
use crate::sim::catalog::{ActorId, Catalog};
use crate::sim::exercise::Exercise;
use crate::sim::incidents::{Evidence, IncidentStatus};
use crate::sim::law::Law;
use crate::sim::names::{InWorld, Named, Names};
use crate::sim::norms::{Norm, ReadingCheck};
use crate::sim::outcome::TurnSample;
use crate::sim::record::{Resolved, Verdict, Visibility};
use crate::sim::truth::{IncidentTruth, Truth};

/// Everything the report shows, gathered once from the exercise (the whole truth: the
/// debrief reveals hidden authors). Names and texts are in both languages and the engine's
/// sentences are phrases, so one report renders in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    pub title: Text,
    pub period: Text,
    pub seed: u64,
    pub turn: u32,
    pub turns: u32,
    pub ended: bool,
    pub ending: Option<(Text, Text)>,
    pub timeline: Vec<(u32, Phrase, Seen)>,
    pub seats: Vec<SeatReport>,
    pub incidents: Vec<IncidentReport>,
    pub history: Vec<TurnSample>,
    /// The public sphere: its key moments and each audience's course.
    #[serde(default)]
    pub sphere: SphereReport,
    pub learning: Vec<(Text, bool, Phrase)>,
    pub state_hash: String,
    /// The instructors' edition's own parts: only the control cell receives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructors: Option<Box<Instructors>>,
}

/// The public sphere in the report: the posts and articles that moved the publics most,
/// and how the states stood with each audience turn by turn.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SphereReport {
    /// The key moments, in the order they appeared.
    pub moments: Vec<Moment>,
    /// Each audience's course.
    pub courses: Vec<Course>,
}

/// A post or an article that moved the publics, with its largest answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Moment {
    pub turn: u32,
    pub voice: Phrase,
    pub text: Phrase,
    pub via: Option<crate::sim::orders::Via>,
    pub language: Option<String>,
    pub wire: bool,
    /// Thousands of people reached.
    pub reach: u32,
    /// (audience, state, change), largest first.
    pub moved: Vec<(Text, Text, i32)>,
}

/// How states stood with one audience: at the start (turn 0) and after each turn resolved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub audience: Text,
    pub turns: Vec<u32>,
    pub lines: Vec<(Text, Vec<i32>)>,
}

/// How many key moments the report keeps.
const MOMENTS: usize = 8;

impl SphereReport {
    pub fn of(ex: &Exercise) -> Self {
        let world = ex.world();
        let c = ex.catalog();
        let sc = &c.scenario;
        let sphere = world.resource::<crate::sim::sphere::Sphere>();
        let name = |a: ActorId| sc.actors[a.0 as usize].name.clone();
        let weight = |p: &crate::sim::sphere::Post| -> i32 {
            p.reactions.iter().map(|r| r.delta.abs()).sum()
        };
        let mut ranked: Vec<usize> = (0..sphere.posts.len())
            .filter(|i| weight(&sphere.posts[*i]) > 0)
            .collect();
        ranked.sort_by_key(|i| (std::cmp::Reverse(weight(&sphere.posts[*i])), *i));
        ranked.truncate(MOMENTS);
        ranked.sort();
        let moments = ranked
            .into_iter()
            .map(|i| {
                let p = &sphere.posts[i];
                let mut moved: Vec<(Text, Text, i32)> = p
                    .reactions
                    .iter()
                    .map(|r| {
                        (
                            c.audiences[r.audience as usize].name.clone(),
                            name(r.actor),
                            r.delta,
                        )
                    })
                    .collect();
                moved.sort_by_key(|m| std::cmp::Reverse(m.2.abs()));
                moved.truncate(4);
                Moment {
                    turn: p.turn,
                    voice: crate::sim::sphere::voice_name(c, p),
                    text: p.text.clone(),
                    via: p.via,
                    language: p.language.clone(),
                    wire: p.wire,
                    reach: p.reach,
                    moved,
                }
            })
            .collect();
        let mut turns = vec![0];
        turns.extend(sphere.history.iter().map(|(t, _)| *t));
        let seated: Vec<ActorId> = sc.seats.iter().filter_map(|s| c.actor(&s.actor)).collect();
        let courses =
            c.audiences
                .iter()
                .enumerate()
                .map(|(k, a)| {
                    let lines =
                        c.actor_ids()
                            .filter(|s| c.is_state(*s))
                            .map(|s| {
                                let mut line = vec![a.start[s.0 as usize]];
                                line.extend(
                                    sphere.history.iter().map(|(_, rows)| {
                                        rows.get(k).map_or(50, |r| r[s.0 as usize])
                                    }),
                                );
                                (s, line)
                            })
                            // The states the exercise is about: its seats and the audience's home,
                            // and any other that moved with it.
                            .filter(|(s, line)| {
                                a.home == Some(*s)
                                    || seated.contains(s)
                                    || line.iter().any(|v| *v != line[0])
                            })
                            .take(8)
                            .map(|(s, line)| (name(s), line))
                            .collect();
                    Course {
                        audience: a.name.clone(),
                        turns: turns.clone(),
                        lines,
                    }
                })
                .collect();
        SphereReport { moments, courses }
    }
}

/// A line chart on one 0–100 scale: what it shows, the turns along it, each named series
/// (one value a turn) and, for each turn, a note the screen shows under the pointer.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    pub turns: Vec<u32>,
    pub series: Vec<(String, Vec<f64>)>,
    pub notes: Vec<String>,
}

impl Chart {
    /// Escalation, mean tension and mean trust over the turns.
    pub fn of_history(history: &[TurnSample], l: Lang) -> Chart {
        Chart {
            title: l.t("Escalation, tension and trust by turn").to_string(),
            turns: history.iter().map(|s| s.turn).collect(),
            series: CHART_SERIES
                .iter()
                .map(|(key, f)| (l.t(key).to_string(), history.iter().map(f).collect()))
                .collect(),
            notes: history
                .iter()
                .map(|s| {
                    format!(
                        "{}: {}",
                        l.t("ladder"),
                        l.t(Level::of_rank(s.escalation).term())
                    )
                })
                .collect(),
        }
    }

    /// How the states stood with one audience.
    pub fn of_course(c: &Course, l: Lang) -> Chart {
        let code = l.code();
        Chart {
            title: l.f(
                "How states stood with {0}, by turn",
                &[c.audience.get(code)],
            ),
            turns: c.turns.clone(),
            series: c
                .lines
                .iter()
                .map(|(name, v)| {
                    (
                        name.get(code).to_string(),
                        v.iter().map(|x| *x as f64).collect(),
                    )
                })
                .collect(),
            notes: Vec::new(),
        }
    }
}

/// The colours of a chart's series, in order (HTML).
const SERIES_COLORS: [&str; 8] = [
    "#c0392b", "#e67e22", "#2471a3", "#27ae60", "#8e44ad", "#16a085", "#7f8c8d", "#d35400",
];

/// Who saw a line of the timeline during the exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Seen {
    Public,
    Actors(Vec<Text>),
    Control,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeatReport {
    pub seat: String,
    pub actor: Text,
    pub role: Text,
    pub decisions: Vec<DecisionLine>,
    pub objectives: Vec<(Text, bool, Phrase)>,
    /// (norm, upheld, strained, breached)
    pub norms: Vec<(Norm, usize, usize, usize)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionLine {
    pub turn: u32,
    /// The order as its seat gave it, things named.
    pub summary: Phrase,
    pub resolved: Resolved,
    pub reason: Phrase,
    pub norms: Vec<(Norm, Verdict, Phrase)>,
    pub law: Vec<Law>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncidentReport {
    pub name: Phrase,
    pub kind: IncidentKind,
    pub target: Text,
    pub author: Text,
    /// The engine's own assessment, which no seat saw during the exercise.
    pub level: Level,
    pub reason: Phrase,
    pub started: Option<u32>,
    /// Every claim made about it, one line per party, beside the truth.
    pub claims: Vec<ClaimReport>,
    /// Every legal reading a seat stated, beside the engine's assessment.
    pub readings: Vec<ReadingReport>,
}

/// Which of the four cases a claim was: whether the claimant's evidence carried it, and
/// whether it was true.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimCase {
    SupportedAndTrue,
    SupportedButWrong,
    OverreachingButTrue,
    OverreachingAndWrong,
}

impl ClaimCase {
    pub fn of(verdict: Verdict, true_claim: bool) -> ClaimCase {
        match (verdict == Verdict::Upheld, true_claim) {
            (true, true) => ClaimCase::SupportedAndTrue,
            (true, false) => ClaimCase::SupportedButWrong,
            (false, true) => ClaimCase::OverreachingButTrue,
            (false, false) => ClaimCase::OverreachingAndWrong,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            ClaimCase::SupportedAndTrue => "supported and true",
            ClaimCase::SupportedButWrong => "supported but wrong",
            ClaimCase::OverreachingButTrue => "overreaching but true",
            ClaimCase::OverreachingAndWrong => "overreaching and wrong",
        }
    }

    /// How the case reads at a glance.
    pub fn tone(self) -> Tone {
        match self {
            ClaimCase::SupportedAndTrue => Tone::Good,
            ClaimCase::SupportedButWrong | ClaimCase::OverreachingButTrue => Tone::Warn,
            ClaimCase::OverreachingAndWrong => Tone::Bad,
        }
    }
}

/// One party's claim about an incident, judged twice: on what it held (13b) and on the truth.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimReport {
    pub turn: u32,
    pub by: Text,
    /// The institution whose statement it voted for, if any.
    pub institution: Option<Text>,
    pub claim: Claim,
    pub accused: Text,
    pub confidence: Confidence,
    pub public: bool,
    /// What its own evidence supported for the claim.
    pub support: Option<Confidence>,
    pub case: ClaimCase,
    /// What would have changed it.
    pub lesson: Phrase,
}

/// One seat's legal reading, beside the engine's assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadingReport {
    pub turn: u32,
    pub by: Text,
    pub reading: Reading,
    pub check: ReadingCheck,
    pub reason: Phrase,
}

impl DecisionLine {
    /// "13b upheld: reason" for each norm the decision touched.
    pub fn norm_lines(&self, l: Lang) -> Vec<String> {
        self.norms
            .iter()
            .map(|(n, v, why)| {
                l.say(&say!(
                    "{0} {1}: {2}",
                    *n,
                    Arg::term((*v).term()),
                    why.clone()
                ))
            })
            .collect()
    }

    pub fn law_lines(&self, l: Lang) -> Vec<&str> {
        self.law.iter().map(|k| l.t(k.cite())).collect()
    }
}

impl Seen {
    /// Empty for public lines, else who saw it.
    pub fn label(&self, l: Lang) -> String {
        match self {
            Seen::Public => String::new(),
            Seen::Control => l.t("control cell only").to_string(),
            Seen::Actors(names) => l.say(&say!(
                "seen by {0}",
                Arg::list(names.iter().cloned().map(Arg::Name))
            )),
        }
    }
}

impl Debrief {
    /// Period, seed and progress, as both formats print them under the title.
    pub fn byline(&self, l: Lang) -> String {
        let p = if self.ended {
            say!(
                "{0} · seed {1} · turn {2} of {3} · ended",
                &self.period,
                self.seed,
                self.turn,
                self.turns
            )
        } else {
            say!(
                "{0} · seed {1} · turn {2} of {3} · in progress",
                &self.period,
                self.seed,
                self.turn,
                self.turns
            )
        };
        l.say(&p)
    }

    pub fn of(ex: &Exercise) -> Self {
        let truth = ex.truth();
        let c = ex.catalog();
        let sc = &c.scenario;
        let outcome = ex.outcome();
        let decisions = truth.decisions();
        let names = InWorld(ex.world());
        let ledger = truth.ledger();
        let name = |a: crate::sim::catalog::ActorId| sc.actors[a.0 as usize].name.clone();
        let timeline = truth
            .news()
            .iter()
            .map(|e| {
                let seen = match e.visibility {
                    Visibility::Public => Seen::Public,
                    Visibility::Actors(set) => Seen::Actors(set.iter().map(name).collect()),
                    Visibility::Control => Seen::Control,
                };
                (e.turn, e.text.clone(), seen)
            })
            .collect();
        let holds = |cond: &Condition, ok: bool| {
            if ok {
                say!("{0} — holds", describe(cond, c))
            } else {
                say!("{0} — does not hold", describe(cond, c))
            }
        };
        let seats = sc
            .seats
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let a = c.seat_actor(i);
                let decisions = decisions
                    .iter()
                    .filter(|d| d.actor == a)
                    .map(|d| DecisionLine {
                        turn: d.turn,
                        summary: d.order.summary(&names),
                        resolved: d.resolved,
                        reason: d.reason.clone(),
                        norms: d
                            .norms
                            .iter()
                            .map(|m| (m.norm, m.verdict, m.reason.clone()))
                            .collect(),
                        law: d.law.clone(),
                    })
                    .collect();
                let met = outcome.objectives.get(i).cloned().unwrap_or_default();
                let objectives = s
                    .objectives
                    .iter()
                    .enumerate()
                    .map(|(k, o)| {
                        let ok = met.get(k).copied().unwrap_or(false);
                        (o.text.clone(), ok, holds(&o.condition, ok))
                    })
                    .collect();
                let norms = Norm::all()
                    .filter_map(|n| {
                        let of = |v: Verdict| {
                            ledger
                                .iter()
                                .filter(|e| e.actor == a && e.mark.norm == n && e.mark.verdict == v)
                                .count()
                        };
                        let t = (
                            n,
                            of(Verdict::Upheld),
                            of(Verdict::Strained),
                            of(Verdict::Breached),
                        );
                        (t.1 + t.2 + t.3 > 0).then_some(t)
                    })
                    .collect();
                SeatReport {
                    seat: s.id.clone(),
                    actor: name(a),
                    role: s.role.clone(),
                    decisions,
                    objectives,
                    norms,
                }
            })
            .collect();
        let mut incidents: Vec<IncidentReport> = truth
            .incidents()
            .into_iter()
            .filter(|t| t.incident.status != IncidentStatus::Pending)
            .map(
                |IncidentTruth {
                     incident: i,
                     author,
                 }| IncidentReport {
                    name: i.name.clone(),
                    kind: i.kind,
                    target: name(i.target),
                    author: name(author),
                    level: i.level,
                    reason: i.level_reason.clone(),
                    started: i.started,
                    claims: claims_on(truth, c, i.seq, author),
                    readings: truth
                        .readings()
                        .iter()
                        .filter(|r| r.incident == i.seq)
                        .map(|r| ReadingReport {
                            turn: r.turn,
                            by: name(r.actor),
                            reading: r.reading,
                            check: r.check,
                            reason: r.reason.clone(),
                        })
                        .collect(),
                },
            )
            .collect();
        incidents.sort_by_key(|i| i.started);
        let learning = sc
            .learning_objectives
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let ok = outcome.learning.get(i).copied().unwrap_or(false);
                // Whose conduct it grades: one state's, several states' together, or
                // the institutions' and the exercise's as a whole.
                let who = l.condition.actors();
                let whose = match who.as_slice() {
                    [] => say!(
                        "Collective: decided by the institutions and the course of the exercise"
                    ),
                    [one] => say!("Whose conduct counts: {0}", c.call(Named::Actor(one))),
                    many => say!(
                        "Collective: the conduct of {0} counts together",
                        Arg::list(many.iter().map(|a| c.call(Named::Actor(a))))
                    ),
                };
                (
                    l.text.clone(),
                    ok,
                    say!("{0}. {1}", holds(&l.condition, ok), whose),
                )
            })
            .collect();
        let clock = ex.clock();
        Debrief {
            title: sc.title.clone(),
            period: sc.period.clone(),
            seed: ex.seed(),
            turn: clock.turn,
            turns: clock.turns,
            ended: ex.ended(),
            ending: outcome
                .ending
                .and_then(|i| sc.endings.get(i))
                .map(|e| (e.title.clone(), e.text.clone())),
            timeline,
            seats,
            incidents,
            history: truth.history().to_vec(),
            sphere: SphereReport::of(ex),
            learning,
            state_hash: ex.state_hash(),
            instructors: None,
        }
    }

    /// The instructors' edition: `replayed` is [`replay`] of the same exercise, the
    /// observations and the saved plan come from its host.
    pub fn for_instructors(
        ex: &Exercise,
        replayed: &Replayed,
        observations: &[crate::observation::Observation],
        plan: Option<Vec<crate::observation::PlanRow>>,
    ) -> Self {
        Debrief {
            instructors: Some(Box::new(Instructors::of(ex, replayed, observations, plan))),
            ..Debrief::of(ex)
        }
    }

    /// The students' edition of this report.
    pub fn for_students(&self) -> Debrief {
        Debrief {
            instructors: None,
            ..self.clone()
        }
    }
}

/// Every claim made about an incident, one line per party, with its case and lesson.
fn claims_on(truth: Truth, c: &Catalog, incident: u16, author: ActorId) -> Vec<ClaimReport> {
    let sc = &c.scenario;
    let name = |a: ActorId| sc.actors[a.0 as usize].name.clone();
    let planted: Vec<&Evidence> = truth
        .evidence()
        .into_iter()
        .map(|e| e.evidence)
        .filter(|e| e.incident == incident && e.false_flag)
        .collect();
    let mut out = Vec::new();
    for a in truth
        .attributions()
        .into_iter()
        .filter(|a| a.incident == incident)
    {
        for (party, support) in &a.support {
            let verdict = if a.institution.is_some() {
                verdict_vote(*support, a.confidence)
            } else {
                verdict_13b(*support, a.confidence)
            };
            let case = ClaimCase::of(verdict, a.true_claim);
            let lesson = match case {
                ClaimCase::SupportedAndTrue => {
                    say!("its evidence carried the claim, and the claim was true")
                }
                ClaimCase::SupportedButWrong => {
                    match planted.iter().find(|e| e.points_to == a.to) {
                        Some(e) => say!(
                            "its evidence carried the claim, but the claim was wrong: {0} was planted to mislead (a false flag); a source at another layer would have shown it",
                            &e.text
                        ),
                        None => say!(
                            "its evidence carried the claim, but the claim was wrong: the truth was {0}; more sources, at other layers, would have shown it",
                            name(author)
                        ),
                    }
                }
                ClaimCase::OverreachingButTrue => say!(
                    "the claim was true, but its evidence did not carry it: it needed {0}",
                    needs(a.claim)
                ),
                ClaimCase::OverreachingAndWrong => say!(
                    "the claim went beyond its evidence and was wrong: the truth was {0}",
                    name(author)
                ),
            };
            out.push(ClaimReport {
                turn: a.turn,
                by: name(*party),
                institution: a.institution.map(|i| sc.institutions[i].name.clone()),
                claim: a.claim,
                accused: name(a.to),
                confidence: a.confidence,
                public: a.public,
                support: *support,
                case,
                lesson,
            });
        }
    }
    out
}

/// What evidence a claim needs, in a phrase.
fn needs(claim: Claim) -> Phrase {
    match claim {
        Claim::Infrastructure => say!("technical evidence of infrastructure in that state"),
        Claim::Operator => say!("traces of the group itself (tools, infrastructure, people)"),
        Claim::Responsibility => say!(
            "operational or strategic evidence pointing to the state itself: addresses show only infrastructure, and a group on its territory only its due diligence"
        ),
        Claim::DueDiligence => say!(
            "evidence of a group operating from its territory, and notice to the state (a démarche or a request) before the claim"
        ),
    }
}

/// A condition in words, for the report's reasons; actors by their names.
pub fn describe(c: &Condition, catalog: &Catalog) -> Phrase {
    // The whole condition needs no brackets; the parts of a part do.
    match c {
        Condition::All(l) => joined(parts(l, catalog), true),
        Condition::Any(l) => match one_of(l, catalog) {
            Some(p) => p,
            None => joined(parts(l, catalog), false),
        },
        _ => part(c, catalog),
    }
}

fn parts(l: &[Condition], catalog: &Catalog) -> Vec<Arg> {
    l.iter().map(|x| Arg::from(part(x, catalog))).collect()
}

/// Attributions of one of several incidents alike in all else, said once: "Estonia
/// attributed one of A, B or C publicly at low confidence or more".
fn one_of(l: &[Condition], catalog: &Catalog) -> Option<Phrase> {
    let mut incidents = Vec::new();
    let mut shape = None;
    for c in l {
        let Condition::Attributed {
            incident,
            by,
            to,
            public,
            min_confidence,
            claim,
        } = c
        else {
            return None;
        };
        let this = (by, to, public, min_confidence, claim);
        if shape.is_some_and(|s| s != this) {
            return None;
        }
        shape = Some(this);
        incidents.push(catalog.call(Named::Incident(incident)));
    }
    let (by, to, public, min_confidence, claim) = shape?;
    if incidents.len() < 2 {
        return None;
    }
    let who = |id: &String| catalog.call(Named::Actor(id));
    let by = by
        .as_ref()
        .map(who)
        .unwrap_or_else(|| Arg::Phrase(say!("some state")));
    let (to, public, what) = attribution_terms(catalog, to, *public, claim);
    Some(say!(
        "{0} attributed one of these incidents{1}{2} at {3} confidence or more{4}: {5}",
        by,
        to,
        public,
        Arg::term((*min_confidence).term()),
        what,
        Arg::list(incidents)
    ))
}

/// Breaches of one norm by several actors: the norm and the actors.
fn breaches_of_one_norm(l: &[Condition]) -> Option<(&String, Vec<&String>)> {
    let mut norm = None;
    let mut actors = Vec::new();
    for c in l {
        let Condition::NormBreached { actor, norm: n } = c else {
            return None;
        };
        if norm.is_some_and(|m| m != n) {
            return None;
        }
        norm = Some(n);
        actors.push(actor);
    }
    Some((norm?, actors))
}

/// The parts an attribution condition may add: " to X", " publicly", " (claim)".
fn attribution_terms(
    catalog: &Catalog,
    to: &Option<String>,
    public: bool,
    claim: &Option<crate::scenario::Claim>,
) -> (Phrase, Phrase, Phrase) {
    let to = match to {
        Some(t) => say!(" to {0}", catalog.call(Named::Actor(t))),
        None => Phrase::default(),
    };
    let public = if public {
        say!(" publicly")
    } else {
        Phrase::default()
    };
    let what = match claim {
        Some(c) => say!(" ({0})", Arg::term((*c).term())),
        None => Phrase::default(),
    };
    (to, public, what)
}

/// A condition inside another, in brackets when it has parts of its own.
fn part(c: &Condition, catalog: &Catalog) -> Phrase {
    let who = |id: &String| catalog.call(Named::Actor(id));
    let range = |lo: &Option<i32>, hi: &Option<i32>| match (lo, hi) {
        (Some(l), Some(h)) => say!("between {0} and {1}", *l, *h),
        (Some(l), None) => say!("at least {0}", *l),
        (None, Some(h)) => say!("at most {0}", *h),
        (None, None) => say!("any value"),
    };
    let norm = |n: &String| Norm::parse(n).map(Arg::from).unwrap_or_else(|| Arg::id(n));
    // Things are named as the scenario names them, never by their ids.
    let incident = |id: &String| catalog.call(Named::Incident(id));
    let inject = |id: &String| catalog.call(Named::Inject(id));
    // A listed person or entity, or a state under national sanctions.
    let listed = |id: &String| catalog.name(Named::Entity(id)).unwrap_or_else(|| who(id));
    match c {
        Condition::Always => say!("always"),
        Condition::TurnAtLeast(t) => say!("turn {0} reached", *t),
        Condition::All(_) | Condition::Any(_) => say!("({0})", describe(c, catalog)),
        Condition::Not(x) => {
            let one_norm = match &**x {
                Condition::Any(l) => breaches_of_one_norm(l),
                _ => None,
            };
            if let Some((n, actors)) = one_norm {
                return say!(
                    "none of {0} strained or breached norm {1}",
                    Arg::list(actors.into_iter().map(who)),
                    norm(n)
                );
            }
            match &**x {
                Condition::NormBreached { actor, norm: n } => {
                    say!(
                        "{0} never strained or breached norm {1}",
                        who(actor),
                        norm(n)
                    )
                }
                Condition::ProposalPassed { institution, kind } => say!(
                    "no {0} adopted in {1}",
                    Arg::term((*kind).term()),
                    catalog.call(Named::Institution(institution))
                ),
                other => say!("not {0}", part(other, catalog)),
            }
        }
        Condition::Var {
            actor,
            var,
            at_least,
            at_most,
        } => say!(
            "{0}'s {1} {2}",
            who(actor),
            Arg::term((*var).term()),
            range(at_least, at_most)
        ),
        Condition::RelationsSevered { a, b } => {
            say!("relations between {0} and {1} severed", who(a), who(b))
        }
        Condition::Tension {
            a,
            b,
            at_least,
            at_most,
        } => say!(
            "tension {0}–{1} {2}",
            who(a),
            who(b),
            range(at_least, at_most)
        ),
        Condition::Trust {
            a,
            b,
            at_least,
            at_most,
        } => say!(
            "trust {0}–{1} {2}",
            who(a),
            who(b),
            range(at_least, at_most)
        ),
        Condition::Standing {
            audience,
            actor,
            at_least,
            at_most,
        } => say!(
            "{0}'s standing with {1} {2}",
            who(actor),
            catalog
                .audiences
                .iter()
                .find(|a| &a.id == audience)
                .map(|a| Arg::Name(a.name.clone()))
                .unwrap_or_else(|| Arg::id(audience.clone())),
            range(at_least, at_most)
        ),
        Condition::IncidentStarted(i) => say!("incident {0} started", incident(i)),
        Condition::InjectFired(i) => say!("inject {0} fired", inject(i)),
        Condition::Attributed {
            incident: i,
            by,
            to,
            public,
            min_confidence,
            claim,
        } => {
            let by = match by {
                Some(b) => say!(" by {0}", who(b)),
                None => Phrase::default(),
            };
            let (to, public, what) = attribution_terms(catalog, to, *public, claim);
            say!(
                "{0} attributed{1}{2}{3} at {4} confidence or more{5}",
                incident(i),
                by,
                to,
                public,
                Arg::term((*min_confidence).term()),
                what
            )
        }
        Condition::JointAttribution {
            incident: i,
            partners,
        } => say!(
            "{0} attributed jointly by {1} or more",
            incident(i),
            *partners
        ),
        Condition::ProposalPassed { institution, kind } => say!(
            "{0} adopted in {1}",
            Arg::term((*kind).term()),
            catalog.call(Named::Institution(institution))
        ),
        Condition::ProposalFailed { institution, kind } => say!(
            "{0} rejected in {1}",
            Arg::term((*kind).term()),
            catalog.call(Named::Institution(institution))
        ),
        Condition::Listed(e) => say!("{0} listed", listed(e)),
        Condition::Indicted(e) => say!("{0} indicted", listed(e)),
        Condition::Sanctioned { target, by } => match by {
            Some(b) => say!(
                "{0} under national sanctions by {1}",
                listed(target),
                who(b)
            ),
            None => say!("{0} under national sanctions", listed(target)),
        },
        Condition::ReadingAdopted {
            incident: i,
            at_least,
            by,
            institution,
        } => {
            let who = match (by, institution) {
                (Some(b), _) => who(b),
                (None, Some(inst)) => catalog.call(Named::Institution(inst)),
                (None, None) => Arg::from(say!("a seat or an institution")),
            };
            say!(
                "{0} read {1} as {2} or above",
                who,
                incident(i),
                Arg::term((*at_least).term())
            )
        }
        Condition::OrderUsed { by, order } => match by {
            Some(b) => say!(
                "{0} gave the order: {1}",
                who(b),
                Arg::term((*order).term())
            ),
            None => say!("a seat gave the order: {0}", Arg::term((*order).term())),
        },
        Condition::Ladder {
            incident: i,
            at_least,
        } => say!(
            "{0} assessed as {1} or above",
            incident(i),
            Arg::term((*at_least).term())
        ),
        Condition::NormUpheld { actor, norm: n } => {
            say!("{0} upheld norm {1}", who(actor), norm(n))
        }
        Condition::NormBreached { actor, norm: n } => {
            say!("{0} strained or breached norm {1}", who(actor), norm(n))
        }
        Condition::EvidenceHeld { actor, evidence } => {
            say!(
                "{0} holds {1}",
                who(actor),
                catalog.call(Named::Evidence(evidence))
            )
        }
        Condition::Assisted { actor } => say!("{0} received assistance", who(actor)),
    }
}

/// Conditions joined by "and" or "or", left to right.
fn joined(items: Vec<Arg>, all: bool) -> Phrase {
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        return Phrase::default();
    };
    items.fold(say!("{0}", first), |acc, next| {
        if all {
            say!("{0} and {1}", acc, next)
        } else {
            say!("{0} or {1}", acc, next)
        }
    })
}

/// One series' value for a turn.
pub type ChartValue = fn(&TurnSample) -> f64;

/// What the report's charts draw of each turn, on one 0–100 scale: a translation key and
/// the value (escalation's rungs 0–3 at thirds of it). The HTML report and the client's
/// debrief both draw these.
pub const CHART_SERIES: [(&str, ChartValue); 3] = [
    ("escalation (ladder, 0–3 × 33)", |s| {
        s.escalation as f64 * 100.0 / 3.0
    }),
    ("mean tension", |s| s.mean_tension as f64),
    ("mean trust", |s| s.mean_trust as f64),
];

/// A chart as an SVG line chart.
pub fn svg_chart(chart: &Chart, l: Lang) -> String {
    let rows = chart.series.len().max(3) as f64;
    let (w, h, left, bottom, top, right) = (
        720.0,
        (280.0f64).max(40.0 + rows * 18.0 + 36.0),
        48.0,
        36.0,
        16.0,
        230.0,
    );
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let max_turn = chart.turns.iter().copied().max().unwrap_or(1).max(1) as f64;
    let x = |t: u32| left + plot_w * t as f64 / max_turn;
    let y = |v: f64| top + plot_h * (1.0 - v.clamp(0.0, 100.0) / 100.0);
    let mut s = String::new();
    // The chart keeps its left-to-right axes in a right-to-left page.
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{}" font-family="sans-serif" font-size="11" direction="ltr">"#,
        esc(&chart.title)
    );
    let _ = write!(
        s,
        r##"<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#999"/>"##
    );
    for v in [0, 25, 50, 75, 100] {
        let yy = y(v as f64);
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{yy}" x2="{}" y2="{yy}" stroke="#ddd"/><text x="{}" y="{}" text-anchor="end">{v}</text>"##,
            left + plot_w,
            left - 6.0,
            yy + 4.0
        );
    }
    for t in 0..=max_turn as u32 {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle">{t}</text>"#,
            x(t),
            h - bottom + 16.0
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
        left + plot_w / 2.0,
        h - 4.0,
        esc(l.t("turn"))
    );
    for (i, ((name, values), color)) in chart.series.iter().zip(SERIES_COLORS).enumerate() {
        let points: Vec<(u32, f64)> = chart
            .turns
            .iter()
            .copied()
            .zip(values.iter().copied())
            .collect();
        let pts: Vec<String> = points
            .iter()
            .map(|(t, v)| format!("{:.1},{:.1}", x(*t), y(*v)))
            .collect();
        let _ = write!(
            s,
            r#"<polyline fill="none" stroke="{color}" stroke-width="2" points="{}"/>"#,
            pts.join(" ")
        );
        for (t, v) in &points {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{color}"/>"#,
                x(*t),
                y(*v)
            );
        }
        let ly = top + 14.0 + i as f64 * 18.0;
        let _ = write!(
            s,
            r#"<line x1="{}" y1="{ly}" x2="{}" y2="{ly}" stroke="{color}" stroke-width="3"/><text x="{}" y="{}">{}</text>"#,
            w - right + 10.0,
            w - right + 28.0,
            w - right + 32.0,
            ly + 4.0,
            esc(name)
        );
    }
    s.push_str("</svg>");
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn mark(ok: bool, l: Lang) -> &'static str {
    l.t(if ok { "met" } else { "not met" })
}

/// The norm ledger line of a seat.
fn ledger_line(seat: &SeatReport, l: Lang) -> String {
    seat.norms
        .iter()
        .map(|(n, u, st, b)| {
            l.say(&say!(
                "{0}: {1} upheld, {2} strained, {3} breached",
                *n,
                *u,
                *st,
                *b
            ))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A claim in a line: who claimed what, on what support, and which case it was.
pub fn claim_line(c: &ClaimReport, l: Lang) -> String {
    let support = match c.support {
        Some(s) => Arg::term(s.term()),
        None => Arg::term("none"),
    };
    let who = match &c.institution {
        Some(i) => say!("{0} (voting for {1}'s statement)", &c.by, i),
        None => say!("{0}", &c.by),
    };
    l.say(&say!(
        "turn {0}: {1} claimed {2} against {3} at {4} confidence; its evidence supported {5}: {6}; {7}",
        c.turn,
        who,
        Arg::term(c.claim.term()),
        &c.accused,
        Arg::term(c.confidence.term()),
        support,
        Arg::term(c.case.key()),
        c.lesson.clone()
    ))
}

/// A reading in a line: who read the incident how, and how that compared with what it knew.
pub fn reading_line(r: &ReadingReport, l: Lang) -> String {
    l.say(&say!(
        "turn {0}: {1} read it as {2} ({3}): {4}",
        r.turn,
        &r.by,
        Arg::term(r.reading.term()),
        Arg::term(r.check.term()),
        r.reason.clone()
    ))
}

fn incident_line(i: &IncidentReport, l: Lang) -> String {
    l.say(&say!(
        "{0} ({1}), turn {2}: against {3}, carried out by {4}",
        &i.name,
        Arg::term(i.kind.term()),
        i.started.unwrap_or(0),
        &i.target,
        &i.author
    ))
}

/// The report as Markdown.
pub fn markdown(d: &Debrief, l: Lang) -> String {
    Document::of(d, l).markdown()
}

/// The report as a self-contained web page.
pub fn html(d: &Debrief, l: Lang) -> String {
    Document::of(d, l).html()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::play::{BotSeats, play};

    const SCENARIOS: [(&str, &str); 4] = crate::scenario::SHIPPED;

    fn played(seed: u64) -> Vec<Debrief> {
        SCENARIOS
            .iter()
            .map(|(name, src)| {
                let sc = crate::scenario::parse(src, name).expect("a built-in scenario loads");
                // The instructors' edition: the students' one and the parts only it has.
                let ex = play(Arc::new(sc), seed, &BotSeats::All);
                Debrief::for_instructors(&ex, &replay(&ex), &[], None)
            })
            .collect()
    }

    #[test]
    fn the_byline_shows_the_whole_seed_that_replays_the_game() {
        let (name, src) = SCENARIOS[0];
        let sc = crate::scenario::parse(src, name).expect("a built-in scenario loads");
        // Above i64's range, as a quick exercise's random seed often is.
        let seed = u64::MAX - 5;
        let d = Debrief::of(&play(Arc::new(sc), seed, &BotSeats::All));
        for l in [Lang::EN, Lang::AR] {
            let line = d.byline(l);
            assert!(line.contains("18446744073709551610"), "{line}");
            assert!(!line.contains('-'), "{line}");
        }
    }

    fn phrases(d: &Debrief) -> Vec<&Phrase> {
        let mut out: Vec<&Phrase> = d.timeline.iter().map(|(_, p, _)| p).collect();
        out.extend(d.incidents.iter().map(|i| &i.reason));
        out.extend(d.learning.iter().map(|(_, _, p)| p));
        for k in d.instructors.iter().flat_map(|i| &i.decisions) {
            out.extend([&k.summary, &k.incident]);
            out.extend(k.held.iter().map(|e| &e.text));
        }
        for s in &d.seats {
            out.extend(s.objectives.iter().map(|(_, _, p)| p));
            for dl in &s.decisions {
                out.push(&dl.reason);
                out.extend(dl.norms.iter().map(|(_, _, p)| p));
            }
        }
        out
    }

    /// The fixed words of an English pattern long enough to be a sentence of its own.
    fn english_fragments() -> Vec<String> {
        let mut out = Vec::new();
        for (file, src) in [
            ("report", include_str!("mod.rs")),
            ("document", include_str!("document.rs")),
            ("instructors", include_str!("instructors.rs")),
            ("institutions", include_str!("../sim/institutions.rs")),
            ("incidents", include_str!("../sim/incidents.rs")),
            ("measures", include_str!("../sim/measures.rs")),
            ("assistance", include_str!("../sim/assistance.rs")),
            ("attribution", include_str!("../sim/attribution.rs")),
            ("diplomacy", include_str!("../sim/diplomacy.rs")),
            ("norms", include_str!("../sim/norms.rs")),
        ] {
            let src = src.split("#[cfg(test)]").next().unwrap_or(src);
            for part in src.split("say!(").skip(1) {
                let Some(lit) = part.trim_start().strip_prefix('"') else {
                    continue;
                };
                let Some(end) = lit.find('"') else { continue };
                for piece in lit[..end].split(['{', '}']) {
                    let words = piece.split_whitespace().count();
                    if words >= 4 && piece.is_ascii() {
                        out.push(piece.trim().to_string());
                    }
                }
            }
            assert!(!out.is_empty(), "{file}: no patterns found");
        }
        out
    }

    /// Played through by computer players, every sentence in the report has Arabic, and the
    /// Arabic report and page hold none of the English sentences.
    #[test]
    fn a_report_in_arabic_has_no_english_sentence() {
        let fragments = english_fragments();
        for d in played(3) {
            for p in phrases(&d) {
                for key in p.keys() {
                    assert!(Lang::AR.has(key), "no Arabic for `{key}`");
                }
            }
            for text in [markdown(&d, Lang::AR), html(&d, Lang::AR)] {
                for f in &fragments {
                    assert!(
                        !text.contains(f.as_str()),
                        "English in the Arabic report: {f}"
                    );
                }
            }
            let en = markdown(&d, Lang::EN);
            for heading in [
                "## Timeline",
                "## Key decisions beside the truth",
                "## Improvement plan",
            ] {
                assert!(en.contains(heading), "the English report lost {heading}");
            }
            assert!(html(&d, Lang::AR).contains(r#"<html lang="ar" dir="rtl">"#));
        }
    }

    /// Objectives and learning objectives say their conditions as sentences that name
    /// incidents, injects and listed entities as the scenario names them, never by their ids
    /// (students read these lines in the debrief), in both languages.
    #[test]
    fn conditions_name_things_not_ids() {
        let word = |text: &str, id: &str| {
            text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == id)
        };
        for (name, src) in SCENARIOS {
            let sc = crate::scenario::parse(src, name).expect("a built-in scenario loads");
            let ids: Vec<String> = sc
                .incidents
                .iter()
                .map(|i| i.id.clone())
                .chain(sc.injects.iter().map(|i| i.id.clone()))
                .chain(sc.entities.iter().map(|e| e.id.clone()))
                .collect();
            for seed in 1..=3 {
                let d = Debrief::of(&play(Arc::new(sc.clone()), seed, &BotSeats::All));
                let whys = d.learning.iter().map(|(_, _, why)| why).chain(
                    d.seats
                        .iter()
                        .flat_map(|s| s.objectives.iter().map(|(_, _, w)| w)),
                );
                for why in whys {
                    for l in [Lang::EN, Lang::AR] {
                        let text = l.say(why);
                        for id in &ids {
                            assert!(!word(&text, id), "{name}: `{id}` in “{text}”");
                        }
                    }
                }
            }
        }
    }

    /// The same exercise renders to the same English report whatever language was read
    /// before: rendering is a pure function of the recorded phrases.
    #[test]
    fn rendering_does_not_change_the_record() {
        let a = played(5);
        for d in &a {
            markdown(d, Lang::AR);
        }
        let b = played(5);
        assert_eq!(a, b);
        assert_eq!(
            a.iter().map(|d| markdown(d, Lang::EN)).collect::<Vec<_>>(),
            b.iter().map(|d| markdown(d, Lang::EN)).collect::<Vec<_>>()
        );
    }
}
