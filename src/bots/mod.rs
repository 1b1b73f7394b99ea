//! Computer players. A bot sees only its seat's view (plus its own doctrine and the public
//! make-up of institutions) and issues the same commands a human would.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::scenario::{
    Claim, Confidence, Doctrine, EntityKind, InstitutionDef, Level, OrderKind, Power, Reading,
    Reliability,
};
use crate::sim::assistance::RequestKind;
use crate::sim::channels::{Ask, Because};
use crate::sim::clock::Phase;
use crate::sim::diplomacy::Agreement;
use crate::sim::exercise::{Command, Exercise, SeatAct};
use crate::sim::institutions::ProposalStatus;
use crate::sim::journal::fnv1a;
use crate::sim::norms::{Observed, supportable};
use crate::sim::orders::{Ballot, Cbm, CounterKind, CovertKind, Order, Proposal, Stance, Via};
use crate::sim::view::{Detail, SeatView, view_with};

/// A computer player for one seat.
pub struct Bot {
    pub seat: String,
    doctrine: Doctrine,
    institutions: Vec<InstitutionDef>,
    seed: u64,
}

impl Bot {
    pub fn new(ex: &Exercise, seat: &str) -> Option<Self> {
        Self::for_scenario(ex.scenario(), seat, ex.seed())
    }

    /// A bot for a seat of a scenario; `seed` varies its choices between games.
    pub fn for_scenario(sc: &crate::scenario::Scenario, seat: &str, seed: u64) -> Option<Self> {
        let seat_def = sc.seats.iter().find(|s| s.id == seat)?;
        let actor = sc.actors.iter().find(|a| a.id == seat_def.actor)?;
        Some(Self {
            seat: seat.to_string(),
            doctrine: actor.doctrine,
            institutions: sc.institutions.clone(),
            seed,
        })
    }

    /// A bot for the seat a view belongs to (a networked bot has no scenario file).
    pub fn from_view(v: &SeatView, seed: u64) -> Self {
        Self {
            seat: v.seat.clone(),
            doctrine: v.doctrine,
            institutions: v.institutions.clone(),
            seed,
        }
    }

    fn rng(&self, v: &SeatView) -> ChaCha8Rng {
        let key = format!("{}/{}/{}/{:?}", self.seed, self.seat, v.turn, v.phase);
        ChaCha8Rng::seed_from_u64(fnv1a(key.as_bytes()))
    }

    /// The commands this bot issues in the current phase (none in phases without choices).
    pub fn act(&self, ex: &Exercise) -> Vec<Command> {
        if !matches!(ex.clock().phase, Phase::Negotiation | Phase::Orders) {
            return Vec::new();
        }
        let Some(v) = view_with(ex, &self.seat, Detail::FactsOnly) else {
            return Vec::new();
        };
        self.decide(&v)
            .into_iter()
            .map(|act| Command::seat(self.seat.clone(), act))
            .collect()
    }

    /// The answer to a request made in a channel (unanswered, addressed to this seat), from
    /// the seat's view and its doctrine: yes or no, and the reason it gives.
    pub fn answer(&self, ex: &Exercise, message: u32) -> Option<SeatAct> {
        let v = view_with(ex, &self.seat, Detail::FactsOnly)?;
        let line = v
            .messages
            .iter()
            .find_map(|m| m.ask.as_ref().filter(|a| a.message == message))?;
        if line.answer.is_some() || line.to != v.actor {
            return None;
        }
        let from = &v
            .messages
            .iter()
            .find(|m| m.ask.as_ref() == Some(line))?
            .from;
        let (accept, because) = self.judge(&v, from, &line.ask);
        Some(SeatAct::Answer {
            message,
            accept,
            because: Some(because),
        })
    }

    fn judge(&self, v: &SeatView, from: &str, ask: &Ask) -> (bool, Because) {
        let d = &self.doctrine;
        let trust = self.trust(v, from);
        match ask {
            Ask::SupportProposal { proposal } => {
                let Some(p) = v.proposals.iter().find(|p| p.id == *proposal) else {
                    return (false, Because::Caution);
                };
                if !p.member {
                    return (false, Because::NoMeans);
                }
                let mut rng = self.rng(v);
                match self.ballot(v, p, &mut rng) {
                    Ballot::Yes if d.alliance_loyalty >= d.norm_respect => {
                        (true, Because::Partners)
                    }
                    Ballot::Yes => (true, Because::Norms),
                    Ballot::No => (false, Because::Accused),
                    Ballot::Abstain => (false, Because::Caution),
                }
            }
            Ask::ShareEvidence { incident } => {
                if !v.evidence.iter().any(|e| &e.incident == incident) {
                    (false, Because::NoEvidence)
                } else if d.norm_respect + trust / 2 >= 60 {
                    (true, Because::Norms)
                } else {
                    (false, Because::Caution)
                }
            }
            Ask::ProvideAssistance { .. } => {
                let affordable =
                    self.cost(v, OrderKind::ProvideAssistance)
                        .is_some_and(|(a, b)| {
                            a <= v.me.diplomatic_capital && b <= v.me.technical_capacity
                        });
                if !affordable {
                    (false, Because::NoMeans)
                } else if d.norm_respect + trust / 2 >= 70 {
                    (true, Because::Norms)
                } else if d.alliance_loyalty >= 60 && self.friend(v, from) {
                    (true, Because::Partners)
                } else {
                    (false, Because::Caution)
                }
            }
            // A computer player attributes on its own evidence alone (norm 13b).
            Ask::JoinAttribution { .. } => (false, Because::OwnEvidence),
        }
    }

    /// The requests this seat accepted in this turn, with who asked.
    fn accepted<'a>(&self, v: &'a SeatView) -> Vec<(&'a str, &'a Ask)> {
        v.messages
            .iter()
            .filter(|m| m.turn == v.turn)
            .filter_map(|m| {
                m.ask
                    .as_ref()
                    .filter(|a| a.to == v.actor && a.answer == Some(true))
                    .map(|a| (m.from.as_str(), &a.ask))
            })
            .collect()
    }

    /// What the bot does, given its seat's view (from the engine, or from the server).
    pub fn decide(&self, view: &SeatView) -> Vec<SeatAct> {
        let v = view;
        let mut rng = self.rng(v);
        match v.phase {
            Phase::Negotiation => self
                .table(v, &mut rng)
                .into_iter()
                .map(|(institution, proposal)| SeatAct::Table {
                    institution,
                    proposal,
                })
                .collect(),
            Phase::Orders => vec![
                SeatAct::Orders {
                    orders: self.orders(v, &mut rng),
                },
                SeatAct::Ready,
            ],
            _ => Vec::new(),
        }
    }

    fn cost(&self, v: &SeatView, kind: OrderKind) -> Option<(i32, i32)> {
        v.available
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map(|(_, a, b)| (*a, *b))
    }

    fn is_state(&self, v: &SeatView, id: &str) -> bool {
        v.actors.iter().any(|a| a.id == id && a.is_state)
    }

    /// The state an actor answers to, as far as this seat knows (itself, or the state a
    /// proxy is known to operate from).
    fn state_of<'a>(&self, v: &'a SeatView, id: &'a str) -> &'a str {
        v.actors
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.linked_state.as_deref())
            .unwrap_or(id)
    }

    fn trust(&self, v: &SeatView, other: &str) -> i32 {
        if other == v.actor {
            return 100;
        }
        v.relations
            .iter()
            .find(|r| (r.a == v.actor && r.b == other) || (r.b == v.actor && r.a == other))
            .map(|r| r.trust)
            .unwrap_or(40)
    }

    fn tension(&self, v: &SeatView, other: &str) -> i32 {
        v.relations
            .iter()
            .find(|r| (r.a == v.actor && r.b == other) || (r.b == v.actor && r.a == other))
            .map(|r| r.tension)
            .unwrap_or(20)
    }

    /// A friend this seat would shield: trusted, not at odds.
    fn friend(&self, v: &SeatView, other: &str) -> bool {
        self.trust(v, other) >= 60 && self.tension(v, other) < 45
    }

    /// The strongest claim against a state that this seat's evidence supports on an
    /// incident, as its view shows it: the state, the claim and the confidence. A state's
    /// responsibility comes first when the evidence carries it at moderate confidence or
    /// more; otherwise the best supported claim (due diligence, then infrastructure).
    fn case(&self, v: &SeatView, incident: &str) -> Option<(String, Claim, Confidence)> {
        let inc = v.incidents.iter().find(|i| i.id == incident)?;
        let rank = |c: Claim| match c {
            Claim::Responsibility => 3,
            Claim::DueDiligence => 2,
            Claim::Infrastructure => 1,
            Claim::Operator => 0,
        };
        inc.claims
            .iter()
            .filter(|c| c.claim.names_a_state() && c.against != v.actor)
            .max_by_key(|c| {
                let firm = c.claim == Claim::Responsibility && c.confidence >= Confidence::Moderate;
                (
                    firm,
                    c.confidence,
                    rank(c.claim),
                    std::cmp::Reverse(c.against.clone()),
                )
            })
            .map(|c| (c.against.clone(), c.claim, c.confidence))
    }

    /// The state this seat has named in public as responsible for attacks on it that are
    /// grave (severity 4 or more) or add up (severity 5 or more in all, each tied to the
    /// state at moderate confidence), with one tied at high confidence.
    fn grave_case(&self, v: &SeatView) -> Option<String> {
        let mut states: Vec<String> = v
            .attributions
            .iter()
            .filter(|a| a.by.contains(&v.actor) && a.public && a.to != v.actor)
            .map(|a| a.to.clone())
            .collect();
        states.sort();
        states.dedup();
        states.into_iter().find(|state| {
            let cases: Vec<(u32, Confidence)> = v
                .incidents
                .iter()
                .filter(|i| i.target == v.actor)
                .filter_map(|i| {
                    self.case(v, &i.id)
                        .filter(|(who, c, conf)| {
                            who == state
                                && *c == Claim::Responsibility
                                && *conf >= Confidence::Moderate
                        })
                        .map(|(.., conf)| (i.severity, conf))
                })
                .collect();
            let total: u32 = cases.iter().map(|(s, _)| s).sum();
            let worst = cases.iter().map(|(s, _)| *s).max().unwrap_or(0);
            (worst >= 4 || total >= 5) && cases.iter().any(|(_, c)| *c >= Confidence::High)
        })
    }

    /// The accused state and confidence of the strongest case.
    fn suspicion(&self, v: &SeatView, incident: &str) -> Option<(String, Confidence)> {
        self.case(v, incident).map(|(w, _, c)| (w, c))
    }

    /// What this seat's own evidence supports for one claim.
    fn support(
        &self,
        v: &SeatView,
        incident: &str,
        claim: Claim,
        against: &str,
    ) -> Option<Confidence> {
        v.support(incident, claim, against)
    }

    /// The highest reading of an incident the seat's knowledge supports (the same rule the
    /// engine checks readings with).
    fn reading(&self, v: &SeatView, incident: &str) -> Option<Reading> {
        fn responsibility(i: &crate::sim::view::IncidentCard) -> Vec<(&str, Confidence)> {
            i.claims
                .iter()
                .filter(|c| c.claim == Claim::Responsibility)
                .map(|c| (c.against.as_str(), c.confidence))
                .collect()
        }
        let inc = v.incidents.iter().find(|i| i.id == incident)?;
        let rows: Vec<crate::sim::norms::Row<&str>> = v
            .incidents
            .iter()
            .map(|i| (i.target.as_str(), i.severity, responsibility(i)))
            .collect();
        let observed = Observed {
            kind: inc.kind,
            severity: inc.severity,
            deaths: inc.deaths,
            lasting_damage: inc.physical_damage,
        };
        Some(supportable(&observed, inc.target.as_str(), &responsibility(inc), &rows).0)
    }

    /// How often, in percent, this seat claims more than its evidence carries: one step of
    /// confidence, or a state's responsibility where it holds evidence only of its territory.
    fn overreach(&self) -> i32 {
        (self.doctrine.risk_appetite - self.doctrine.norm_respect + 20).clamp(0, 60)
    }

    fn my_institutions<'a>(
        &'a self,
        v: &'a SeatView,
        power: Power,
    ) -> impl Iterator<Item = &'a InstitutionDef> + 'a {
        self.institutions
            .iter()
            .filter(move |i| i.powers.contains(&power) && i.members.contains(&v.actor))
    }

    /// Is a proposal of this kind on this incident open, adopted, or rejected too recently to
    /// try again (a failed one may be tabled again two turns later)?
    fn tabled_before(
        &self,
        v: &SeatView,
        institution: &str,
        kind: crate::scenario::ProposalKind,
        incident: &str,
    ) -> bool {
        v.proposals.iter().any(|p| {
            p.institution == institution
                && p.proposal.kind() == kind
                && p.proposal.incident() == incident
                && (p.status != ProposalStatus::Failed || v.turn < self.tabled_turn(v, p.id) + 2)
        })
    }

    fn tabled_turn(&self, v: &SeatView, id: u32) -> u32 {
        v.results
            .iter()
            .find_map(|r| {
                matches!(&r.order, Order::Vote { proposal, .. } if *proposal == id)
                    .then_some(r.turn)
            })
            .unwrap_or(v.turn)
    }

    /// Negotiation: proposals to table.
    fn table(&self, v: &SeatView, rng: &mut ChaCha8Rng) -> Vec<(String, Proposal)> {
        use crate::scenario::ProposalKind as K;
        let d = &self.doctrine;
        let Some((capital, _)) = self.cost(v, OrderKind::TableProposal) else {
            return Vec::new();
        };
        let mut budget = v.me.diplomatic_capital - 20;
        let mut out = Vec::new();
        let mut push = |inst: &str, p: Proposal, out: &mut Vec<(String, Proposal)>| {
            if budget >= capital && out.len() < 2 {
                budget -= capital;
                out.push((inst.to_string(), p));
            }
        };
        for inc in &v.incidents {
            let victim = inc.target == v.actor;
            let partner_victim = v.actors.iter().any(|a| a.id == inc.target && a.partner)
                && self.trust(v, &inc.target) >= 55;
            if !(victim || partner_victim) || inc.author.is_some() {
                continue;
            }
            let reading = self.reading(v, &inc.id);
            let state_act = reading.is_some_and(|r| r.level() >= Level::WrongfulAct);
            if victim && (state_act || inc.severity >= 3) {
                for i in self.my_institutions(v, Power::Consultation) {
                    if !self.tabled_before(v, &i.id, K::Consultation, &inc.id) {
                        push(
                            &i.id,
                            Proposal::Consultation {
                                incident: inc.id.clone(),
                                reading,
                            },
                            &mut out,
                        );
                    }
                }
            }
            // Art. 5 when its own facts and evidence read as an armed attack; a reckless
            // seat sometimes asks on a use of force.
            let armed = matches!(
                reading,
                Some(Reading::ArmedAttack | Reading::CumulativeArmedAttack)
            ) || (reading == Some(Reading::UseOfForce)
                && rng.random_range(0..100) < self.overreach());
            if victim && armed && d.risk_appetite + rng.random_range(0..40) >= 40 {
                for i in self.my_institutions(v, Power::CollectiveDefence) {
                    if !self.tabled_before(v, &i.id, K::CollectiveDefence, &inc.id) {
                        push(
                            &i.id,
                            Proposal::CollectiveDefence {
                                incident: inc.id.clone(),
                                cumulative: reading == Some(Reading::CumulativeArmedAttack),
                            },
                            &mut out,
                        );
                    }
                }
            }
            let case = self.case(v, &inc.id);
            let firm = case.as_ref().is_some_and(|(_, claim, c)| {
                *claim == Claim::Responsibility && *c >= Confidence::Moderate
            });
            // Without evidence that carries a state's responsibility, condemn without naming.
            if !firm {
                for i in self.my_institutions(v, Power::Statement) {
                    if (victim || inc.severity >= 3)
                        && !self.tabled_before(v, &i.id, K::Condemnation, &inc.id)
                        && rng.random_range(0..100) < 30 + d.norm_respect / 2
                    {
                        push(
                            &i.id,
                            Proposal::Condemnation {
                                incident: inc.id.clone(),
                            },
                            &mut out,
                        );
                    }
                }
            }
            let Some((accused, claim, confidence)) = case else {
                continue;
            };
            let reckless = rng.random_range(0..100) < self.overreach();
            if confidence >= Confidence::Moderate && (firm || reckless) {
                for i in self.my_institutions(v, Power::AttributionStatement) {
                    if !i.members.contains(&accused)
                        && !self.tabled_before(v, &i.id, K::AttributionStatement, &inc.id)
                        && rng.random_range(0..100) < 40 + d.norm_respect / 2
                    {
                        push(
                            &i.id,
                            Proposal::AttributionStatement {
                                incident: inc.id.clone(),
                                accused: accused.clone(),
                                claim: if reckless {
                                    Claim::Responsibility
                                } else {
                                    claim
                                },
                                confidence,
                            },
                            &mut out,
                        );
                    }
                }
                let targets: Vec<String> = v
                    .entities
                    .iter()
                    .filter(|e| e.incidents.contains(&inc.id) && !v.listed.contains(&e.id))
                    .map(|e| e.id.clone())
                    .collect();
                if !targets.is_empty() {
                    for i in self.my_institutions(v, Power::Listing) {
                        if !self.tabled_before(v, &i.id, K::Listing, &inc.id) {
                            push(
                                &i.id,
                                Proposal::Listing {
                                    incident: inc.id.clone(),
                                    targets: targets.clone(),
                                },
                                &mut out,
                            );
                        }
                    }
                }
            }
        }
        out
    }

    fn ballot(
        &self,
        v: &SeatView,
        p: &crate::sim::view::ProposalCard,
        rng: &mut ChaCha8Rng,
    ) -> Ballot {
        let d = &self.doctrine;
        let accused: Option<String> = match &p.proposal {
            Proposal::Listing { targets, .. } => targets
                .iter()
                .find_map(|t| {
                    v.entities
                        .iter()
                        .find(|e| &e.id == t)
                        .and_then(|e| e.affiliation.clone())
                })
                .map(|a| self.state_of(v, &a).to_string()),
            Proposal::AttributionStatement { accused, .. } => Some(accused.clone()),
            Proposal::Resolution { accused, .. } => accused.clone(),
            _ => None,
        };
        let incident = v.incidents.iter().find(|i| i.id == p.proposal.incident());
        let mine = incident.is_some_and(|i| i.author.is_some());
        if accused.as_deref() == Some(v.actor.as_str()) || mine {
            return Ballot::No;
        }
        if let Some(acc) = &accused
            && self.friend(v, acc)
        {
            // Shield a friend: block outright if loyal, else step aside (constructive abstention).
            return if d.alliance_loyalty + rng.random_range(0..30) >= 60 {
                Ballot::No
            } else {
                Ballot::Abstain
            };
        }
        let supports_proposer = self.trust(v, &p.by) >= 50;
        match &p.proposal {
            Proposal::Consultation { .. }
            | Proposal::Condemnation { .. }
            | Proposal::Solidarity { .. } => Ballot::Yes,
            Proposal::CollectiveDefence { cumulative, .. } => {
                // Its own reading of the facts it holds, not the tabler's.
                let own = self.reading(v, p.proposal.incident());
                let armed = match own {
                    Some(Reading::ArmedAttack) => true,
                    Some(Reading::CumulativeArmedAttack) => *cumulative,
                    _ => false,
                };
                if armed && (d.risk_appetite >= 25 || d.alliance_loyalty >= 60) {
                    Ballot::Yes
                } else {
                    Ballot::No
                }
            }
            Proposal::AttributionStatement {
                incident,
                accused,
                claim,
                confidence,
            } => {
                // Votes on its own evidence; a loyal ally sometimes votes with the proposer
                // without it (and strains 13b for it).
                let held = self
                    .support(v, incident, *claim, accused)
                    .is_some_and(|c| c >= *confidence);
                if held
                    || (supports_proposer
                        && d.alliance_loyalty >= 50
                        && rng.random_range(0..100) < self.overreach() + d.alliance_loyalty / 2)
                {
                    Ballot::Yes
                } else {
                    Ballot::Abstain
                }
            }
            _ => {
                let evidence = accused.as_ref().is_some_and(|acc| {
                    self.suspicion(v, p.proposal.incident())
                        .is_some_and(|(a, _)| &a == acc)
                });
                if evidence || (supports_proposer && d.alliance_loyalty >= 50) {
                    Ballot::Yes
                } else {
                    Ballot::Abstain
                }
            }
        }
    }

    /// Orders phase: votes first, then the seat's priorities while the budget lasts.
    fn orders(&self, v: &SeatView, rng: &mut ChaCha8Rng) -> Vec<Order> {
        let d = self.doctrine;
        let mut plan = Plan {
            capital: v.me.diplomatic_capital,
            capacity: v.me.technical_capacity,
            orders: Vec::new(),
        };
        let cost = |k| self.cost(v, k);
        for p in v
            .proposals
            .iter()
            .filter(|p| p.status == ProposalStatus::Open && p.member)
        {
            if p.ballots.iter().any(|(a, _)| *a == v.actor) {
                continue;
            }
            // A yes it promised in a channel is kept.
            let promised = self
                .accepted(v)
                .iter()
                .any(|(_, a)| matches!(a, Ask::SupportProposal { proposal } if *proposal == p.id));
            let ballot = if promised {
                Ballot::Yes
            } else {
                self.ballot(v, p, rng)
            };
            plan.add(
                cost(OrderKind::Vote),
                Order::Vote {
                    proposal: p.id,
                    ballot,
                },
            );
        }
        let did = |kind: OrderKind, incident: &str| {
            v.results.iter().any(|r| {
                r.actor == v.actor && r.order.kind() == kind && r.order.incident() == Some(incident)
            })
        };
        let partners: Vec<&str> = {
            let mut p: Vec<(&str, i32)> = v
                .actors
                .iter()
                .filter(|a| a.is_state && a.id != v.actor)
                .map(|a| (a.id.as_str(), self.trust(v, &a.id)))
                .filter(|(_, t)| *t >= 55)
                .collect();
            p.sort_by_key(|(id, t)| (std::cmp::Reverse(*t), *id));
            p.into_iter().map(|(id, _)| id).collect()
        };
        // Keep what it agreed to in a channel this turn.
        for (from, ask) in self.accepted(v) {
            match ask {
                Ask::ShareEvidence { incident } => {
                    for e in v
                        .evidence
                        .iter()
                        .filter(|e| &e.incident == incident)
                        .take(2)
                    {
                        plan.add(
                            cost(OrderKind::ShareEvidence),
                            Order::ShareEvidence {
                                evidence: e.id.clone(),
                                with: from.to_string(),
                                sanitised: e.sensitive.is_some(),
                            },
                        );
                    }
                }
                Ask::ProvideAssistance { incident } => plan.add(
                    cost(OrderKind::ProvideAssistance),
                    Order::ProvideAssistance {
                        to: from.to_string(),
                        incident: incident.clone(),
                    },
                ),
                Ask::SupportProposal { .. } | Ask::JoinAttribution { .. } => {}
            }
        }
        // Answer requests addressed to this seat.
        for r in v
            .requests
            .iter()
            .filter(|r| r.to == v.actor && r.answer.is_none())
        {
            let answered = v.results.iter().any(|x| {
                x.actor == v.actor
                    && x.turn == v.turn
                    && x.order.incident() == Some(r.incident.as_str())
            });
            if answered {
                continue;
            }
            let willing =
                d.norm_respect + self.trust(v, &r.from) / 2 + rng.random_range(0..20) >= 70;
            match r.kind {
                RequestKind::Technical if willing => plan.add(
                    cost(OrderKind::ProvideAssistance),
                    Order::ProvideAssistance {
                        to: r.from.clone(),
                        incident: r.incident.clone(),
                    },
                ),
                RequestKind::Legal => plan.add(
                    cost(OrderKind::AnswerLegalAssistance),
                    Order::AnswerLegalAssistance {
                        to: r.from.clone(),
                        incident: r.incident.clone(),
                        grant: willing,
                    },
                ),
                _ => {}
            }
        }
        // A partner outside an institution aligns itself with the declarations it adopted
        // when loyal to its partners and on good terms with the victim; with an attribution
        // statement only where its own evidence carries the claim (13b).
        if d.alliance_loyalty >= 60 {
            for p in v.proposals.iter().filter(|p| v.may_align(p)) {
                let ok = match &p.proposal {
                    Proposal::Condemnation { incident } | Proposal::Solidarity { incident } => v
                        .incidents
                        .iter()
                        .find(|i| i.id == *incident)
                        .is_some_and(|i| i.author.is_none() && self.trust(v, &i.target) >= 55),
                    Proposal::AttributionStatement {
                        incident,
                        accused,
                        claim,
                        confidence,
                    } => v
                        .incidents
                        .iter()
                        .find(|i| i.id == *incident)
                        .is_some_and(|i| {
                            i.author.is_none()
                                && i.claims.iter().any(|c| {
                                    c.claim == *claim
                                        && c.against == *accused
                                        && c.confidence >= *confidence
                                })
                        }),
                    _ => false,
                };
                if ok {
                    plan.add(cost(OrderKind::Align), Order::Align { proposal: p.id });
                }
            }
        }
        // National sanctions (retorsion) on a state it has named in public as responsible for
        // a serious attack (severity 3 or more) on it or a partner, or on the organs and
        // persons tied to the attack, as the United States designated Iran's intelligence
        // ministry and its minister in September 2022: by bold states, once per target. A
        // member of a union that holds its trade policy (the EU) leaves trade measures
        // against a state to the union.
        if d.risk_appetite >= 50 {
            let union = v.in_trade_union();
            let done = |t: &str| {
                v.results
                    .iter()
                    .any(|r| matches!(&r.order, Order::Sanctions { target } if target == t))
            };
            let mut chosen: Vec<String> = Vec::new();
            for a in v.attributions.iter().filter(|a| {
                a.by.contains(&v.actor)
                    && a.public
                    && a.claim == Claim::Responsibility
                    && a.confidence >= Confidence::Moderate
                    && a.to != v.actor
                    && !self.friend(v, &a.to)
            }) {
                let Some(inc) = v.incidents.iter().find(|i| i.id == a.incident) else {
                    continue;
                };
                if inc.severity < 3
                    || !(inc.target == v.actor || partners.contains(&inc.target.as_str()))
                {
                    continue;
                }
                let tied: Vec<&str> = v
                    .entities
                    .iter()
                    .filter(|e| e.incidents.contains(&inc.id))
                    .map(|e| e.id.as_str())
                    .collect();
                let targets = match (tied.is_empty(), union) {
                    (false, _) => tied,
                    (true, false) => vec![a.to.as_str()],
                    (true, true) => Vec::new(),
                };
                if let Some(t) = targets
                    .into_iter()
                    .find(|t| !done(t) && !chosen.iter().any(|c| c == t))
                    && rng.random_range(0..100) < d.risk_appetite
                {
                    chosen.push(t.to_string());
                    plan.add(
                        cost(OrderKind::Sanctions),
                        Order::Sanctions {
                            target: t.to_string(),
                        },
                    );
                }
            }
        }
        // Before anything else this turn: relations with a state it has named in public
        // for a grave attack, or for attacks that add up, on its evidence of the state's
        // responsibility at high confidence, may end (as Albania cut them with Iran on 7
        // September 2022 after attacks of moderate severity each), when its doctrine is
        // bold; a partner protects its interests.
        if d.risk_appetite >= 60
            && let Some(with) = self.grave_case(v)
            && !v.severed_with(&with)
            && rng.random_range(0..100) < d.risk_appetite / 2
        {
            plan.add(
                cost(OrderKind::SeverRelations),
                Order::SeverRelations {
                    protecting_power: partners
                        .iter()
                        .find(|p| **p != with.as_str())
                        .map(|p| p.to_string()),
                    with,
                },
            );
        }
        for inc in v
            .incidents
            .iter()
            .filter(|i| i.active || v.turn <= i.started.unwrap_or(0) + 2)
        {
            let victim = inc.target == v.actor;
            if let Some(_author) = &inc.author {
                // Our own operation (or our proxies'): deny it once it is public (denying a
                // secret operation would only draw attention to it).
                if inc.public
                    && inc.discovered
                    && !inc.denied_by.contains(&v.actor)
                    && d.norm_respect < 75
                {
                    plan.add(
                        cost(OrderKind::Deny),
                        Order::Deny {
                            incident: inc.id.clone(),
                        },
                    );
                }
                continue;
            }
            let suspicion = self.suspicion(v, &inc.id);
            if victim {
                let want = if d.norm_respect >= 60 {
                    Confidence::High
                } else {
                    Confidence::Moderate
                };
                if suspicion.as_ref().is_none_or(|(_, c)| *c < want) {
                    plan.add(
                        cost(OrderKind::Investigate),
                        Order::Investigate {
                            incident: inc.id.clone(),
                        },
                    );
                }
                if inc.active
                    && v.me.infrastructure < 80
                    && !did(OrderKind::RequestAssistance, &inc.id)
                    && let Some(p) = partners.first()
                {
                    plan.add(
                        cost(OrderKind::RequestAssistance),
                        Order::RequestAssistance {
                            from: p.to_string(),
                            incident: inc.id.clone(),
                        },
                    );
                }
                for e in v
                    .evidence
                    .iter()
                    .filter(|e| e.incident == inc.id && e.reliability >= Reliability::Moderate)
                {
                    for p in partners.iter().take(2) {
                        let shared = v.results.iter().any(|x| matches!(&x.order, Order::ShareEvidence { evidence, with, .. } if *evidence == e.id && with == p));
                        if !shared && rng.random_range(0..100) < 30 + d.alliance_loyalty / 2 {
                            plan.add(
                                cost(OrderKind::ShareEvidence),
                                // A sensitive source is protected: a sanitised copy.
                                Order::ShareEvidence {
                                    evidence: e.id.clone(),
                                    with: p.to_string(),
                                    sanitised: e.sensitive.is_some(),
                                },
                            );
                        }
                    }
                }
            } else if partners.contains(&inc.target.as_str())
                && !did(OrderKind::PublicStatement, &inc.id)
                && rng.random_range(0..100) < d.alliance_loyalty
            {
                plan.add(
                    cost(OrderKind::PublicStatement),
                    communique(Stance::Solidarity, &inc.target, Some(inc.id.clone())),
                );
            }
            // Records a provider keeps only for a while are frozen at once through the 24/7
            // network, in the states where companies or groups are established, before a formal
            // request can reach them (Budapest Convention Arts. 29 and 35).
            if victim
                && d.norm_respect >= 50
                && !did(OrderKind::Preserve, &inc.id)
                && let Some(s) = v.preservers().into_iter().find(|s| v.hosts_someone(s))
            {
                plan.add(
                    cost(OrderKind::Preserve),
                    Order::Preserve {
                        from: s.to_string(),
                        incident: inc.id.clone(),
                    },
                );
            }
            if victim && !did(OrderKind::RequestLegalAssistance, &inc.id) {
                let hosts: Vec<String> = v
                    .evidence
                    .iter()
                    .filter(|e| e.incident == inc.id && !self.is_state(v, &e.points_to))
                    .filter_map(|e| {
                        v.actors
                            .iter()
                            .find(|a| a.id == e.points_to)
                            .and_then(|a| a.linked_state.clone())
                    })
                    .filter(|h| *h != v.actor && self.trust(v, h) >= 45)
                    .collect();
                if let Some(host) = hosts.first() {
                    plan.add(
                        cost(OrderKind::RequestLegalAssistance),
                        Order::RequestLegalAssistance {
                            from: host.clone(),
                            incident: inc.id.clone(),
                        },
                    );
                }
            }
            let Some((accused, confidence)) = suspicion else {
                // Nothing ties a state to it: the victim may still name the group its
                // evidence points to (the operational layer).
                let group = inc
                    .claims
                    .iter()
                    .filter(|c| c.claim == Claim::Operator && c.confidence >= Confidence::Moderate)
                    .max_by_key(|c| (c.confidence, std::cmp::Reverse(c.against.clone())));
                let attributed = v
                    .attributions
                    .iter()
                    .any(|a| a.incident == inc.id && a.by.contains(&v.actor) && a.public);
                if let Some(g) = group
                    && victim
                    && !attributed
                    && rng.random_range(0..100) < 30 + d.risk_appetite / 2
                {
                    plan.add(
                        cost(OrderKind::Attribute),
                        Order::Attribute {
                            incident: inc.id.clone(),
                            to: g.against.clone(),
                            claim: Claim::Operator,
                            confidence: g.confidence,
                            public: true,
                            joint: false,
                            reading: None,
                            release: false,
                        },
                    );
                }
                continue;
            };
            if self.friend(v, &accused) {
                continue;
            }
            let involved = victim || partners.contains(&inc.target.as_str());
            if !involved {
                continue;
            }
            // Without relations there is no mission to protest to or diplomats to expel.
            let cut_off = v.severed_with(&accused);
            if victim
                && !cut_off
                && !did(OrderKind::Demarche, &inc.id)
                && !did(OrderKind::SummonAmbassador, &inc.id)
            {
                if d.risk_appetite >= 50 {
                    plan.add(
                        cost(OrderKind::SummonAmbassador),
                        Order::SummonAmbassador {
                            of: accused.clone(),
                            incident: Some(inc.id.clone()),
                        },
                    );
                }
                // The protest; a state ready to take countermeasures also notifies its
                // decision and offers to negotiate (ILC Art. 52(1)(b)).
                plan.add(
                    cost(OrderKind::Demarche),
                    Order::Demarche {
                        to: accused.clone(),
                        incident: Some(inc.id.clone()),
                        notice: d.risk_appetite >= 45,
                    },
                );
            }
            if victim
                && !did(OrderKind::RequestLegalAssistance, &inc.id)
                && rng.random_range(0..100) < d.norm_respect
            {
                plan.add(
                    cost(OrderKind::RequestLegalAssistance),
                    Order::RequestLegalAssistance {
                        from: accused.clone(),
                        incident: inc.id.clone(),
                    },
                );
            }
            // Reporting the weakness an attack used, with its remedies, to a partner (13j).
            if victim
                && d.norm_respect >= 60
                && !did(OrderKind::ReportVulnerability, &inc.id)
                && v.evidence
                    .iter()
                    .any(|e| e.incident == inc.id && e.layer == crate::scenario::Layer::Technical)
                && let Some(p) = partners.first()
            {
                plan.add(
                    cost(OrderKind::ReportVulnerability),
                    Order::ReportVulnerability {
                        incident: inc.id.clone(),
                        to: p.to_string(),
                    },
                );
            }
            // Persons its evidence ties to the attack are indicted, as the United States
            // indicted GRU officers in October 2018, by states that keep the norms (never a
            // state's organ: a ministry is sanctioned, not charged).
            let suspects: Vec<String> = v
                .entities
                .iter()
                .filter(|e| e.kind == EntityKind::Person && e.incidents.contains(&inc.id))
                .map(|e| e.id.clone())
                .collect();
            if victim
                && !suspects.is_empty()
                && d.norm_respect >= 50
                && !did(OrderKind::Indict, &inc.id)
            {
                plan.add(
                    cost(OrderKind::Indict),
                    Order::Indict {
                        incident: inc.id.clone(),
                        persons: suspects,
                    },
                );
            }
            let Some((_, claim, _)) = self.case(v, &inc.id) else {
                continue;
            };
            let attributed = v
                .attributions
                .iter()
                .any(|a| a.incident == inc.id && a.by.contains(&v.actor) && a.public);
            let threshold = if d.norm_respect >= 60 {
                Confidence::Moderate
            } else {
                Confidence::Low
            };
            if !attributed
                && confidence >= threshold
                && rng.random_range(0..100) < 35 + d.risk_appetite / 2 + if victim { 20 } else { 0 }
            {
                // Claims what the evidence supports, at its layer; how often it claims more
                // (a state's responsibility on evidence of its territory only, or one step of
                // confidence) comes from its doctrine.
                let overreach = rng.random_range(0..100) < self.overreach();
                let (claim, claimed) = match (overreach, claim) {
                    (true, Claim::DueDiligence | Claim::Infrastructure) => {
                        (Claim::Responsibility, confidence)
                    }
                    (true, _) => (claim, step_up(confidence)),
                    (false, _) => (claim, confidence),
                };
                let reading = (claim == Claim::Responsibility)
                    .then(|| self.reading(v, &inc.id))
                    .flatten();
                plan.add(
                    cost(OrderKind::Attribute),
                    Order::Attribute {
                        incident: inc.id.clone(),
                        to: accused.clone(),
                        claim,
                        confidence: claimed,
                        public: true,
                        joint: true,
                        reading,
                        release: false,
                    },
                );
            }
            // Force in self-defence answers only what the seat itself reads as an armed
            // attack by the state it has publicly named (UN Charter Art. 51): the victim, or an
            // ally once their council has agreed the attack was one (Art. 5), proportionate
            // to the attack, and never by a state that shuns risk.
            let art5 = v.proposals.iter().any(|p| {
                p.member
                    && p.status == ProposalStatus::Passed
                    && matches!(&p.proposal, Proposal::CollectiveDefence { incident, .. } if *incident == inc.id)
            });
            if (victim || art5)
                && attributed
                && d.risk_appetite >= 35
                && !did(OrderKind::SelfDefence, &inc.id)
                && self.reading(v, &inc.id) == Some(Reading::ArmedAttack)
            {
                plan.add(
                    cost(OrderKind::SelfDefence),
                    Order::SelfDefence {
                        against: accused.clone(),
                        incident: inc.id.clone(),
                        on_behalf_of: (!victim).then(|| inc.target.clone()),
                        intensity: inc.severity.min(if d.norm_respect >= 50 { 3 } else { 5 }),
                        reading: Some(Reading::ArmedAttack),
                    },
                );
                continue;
            }
            if victim && attributed && d.risk_appetite >= 45 {
                let called = v.results.iter().any(|r| r.turn < v.turn && matches!(&r.order, Order::Demarche { to, .. } | Order::SummonAmbassador { of: to, .. } if *to == accused));
                let noticed = v.results.iter().any(|r| {
                    r.turn < v.turn
                        && matches!(&r.order, Order::Demarche { to, notice: true, .. } if *to == accused)
                });
                // A countermeasure answers a wrongful act: careful states take one only when
                // their own facts and evidence read as one.
                let reading = self
                    .reading(v, &inc.id)
                    .filter(|r| r.level() >= Level::WrongfulAct)
                    .or((d.norm_respect < 50).then_some(Reading::WrongfulAct));
                if called
                    && noticed
                    && let Some(reading) = reading
                    && !did(OrderKind::Countermeasure, &inc.id)
                    && rng.random_range(0..100) < d.risk_appetite
                {
                    let intensity = inc.severity.min(if d.norm_respect >= 50 {
                        inc.severity
                    } else {
                        5
                    });
                    plan.add(
                        cost(OrderKind::Countermeasure),
                        Order::Countermeasure {
                            against: accused.clone(),
                            incident: inc.id.clone(),
                            intensity,
                            reversible: d.norm_respect >= 40,
                            reading: Some(reading),
                            kind: if d.norm_respect < 30 {
                                CounterKind::Cyber
                            } else {
                                CounterKind::Economic
                            },
                            urgent: false,
                        },
                    );
                } else if !cut_off && rng.random_range(0..100) < d.risk_appetite / 2 {
                    plan.add(
                        cost(OrderKind::ExpelDiplomats),
                        Order::ExpelDiplomats {
                            of: accused.clone(),
                            count: 2 + (d.risk_appetite as u32) / 20,
                        },
                    );
                }
            }
        }
        // A measure offered to it is agreed when its doctrine keeps the norms, unless it has
        // just accused the state that offers it; it offers none to a state it has just accused
        // or already offered one.
        let accused = |who: &str| {
            v.attributions
                .iter()
                .any(|a| a.by.contains(&v.actor) && a.to == who && a.turn + 1 >= v.turn)
        };
        for o in v.offers.iter().filter(|o| o.to == v.actor) {
            match o.what {
                Agreement::Measure(measure) if d.norm_respect >= 40 && !accused(&o.from) => {
                    plan.add(
                        cost(OrderKind::ConfidenceBuilding),
                        Order::ConfidenceBuilding {
                            with: o.from.clone(),
                            measure,
                        },
                    );
                }
                // Relations are restored once the tension has eased.
                Agreement::Relations if self.tension(v, &o.from) < 60 => {
                    plan.add(
                        cost(OrderKind::RestoreRelations),
                        Order::RestoreRelations {
                            with: o.from.clone(),
                        },
                    );
                }
                _ => {}
            }
        }
        let offered = |to: &str| {
            v.offers
                .iter()
                .any(|o| o.from == v.actor && o.to == to && matches!(o.what, Agreement::Measure(_)))
        };
        // The public sphere: answer what a state said or did against us in public last turn,
        // by temperament, and speak on the topics our own public cares about.
        let mut critics: Vec<(&str, i32, Option<&str>)> = Vec::new();
        for p in v.feed.iter().filter(|p| {
            p.turn + 1 >= v.turn && p.force >= 2 && p.about.as_deref() == Some(v.actor.as_str())
        }) {
            let Some(by) = p.by.as_deref().or(p.speaks_for.as_deref()) else {
                continue;
            };
            if by == v.actor || !self.is_state(v, by) {
                continue;
            }
            match critics.iter_mut().find(|(c, _, _)| *c == by) {
                Some(c) => c.1 = c.1.max(p.force),
                None => critics.push((by, p.force, p.subject.as_deref())),
            }
        }
        let said = |about: &str, topic: Option<&str>| {
            v.feed.iter().any(|p| {
                p.turn + 1 >= v.turn
                    && p.by.as_deref() == Some(v.actor.as_str())
                    && p.about.as_deref() == Some(about)
                    && (topic.is_none() || p.subject.as_deref() == topic)
            })
        };
        for (critic, force, subject) in critics {
            if force >= 3
                && d.risk_appetite >= 60
                && rng.random_range(0..100) < d.risk_appetite - d.norm_respect / 2
            {
                plan.add(
                    cost(OrderKind::ExpelDiplomats),
                    Order::ExpelDiplomats {
                        of: critic.to_string(),
                        count: 1,
                    },
                );
            }
            if force >= 3
                && d.risk_appetite >= 60
                && rng.random_range(0..100) < d.risk_appetite - d.norm_respect
            {
                plan.add(
                    cost(OrderKind::Sanctions),
                    Order::Sanctions {
                        target: critic.to_string(),
                    },
                );
            }
            if !said(critic, None) && rng.random_range(0..100) < 40 + d.risk_appetite / 2 {
                let topic = subject
                    .filter(|s| v.topics.iter().any(|t| t.id == *s))
                    .map(str::to_string);
                plan.add(
                    cost(OrderKind::PublicStatement),
                    spoken(rng, &d, Stance::Condemn, critic, topic),
                );
            }
        }
        // A close partner criticised in public: a loyal temperament stands with it.
        let mut befriended: Vec<&str> = Vec::new();
        for p in v
            .feed
            .iter()
            .filter(|p| p.turn + 1 >= v.turn && p.force >= 2)
        {
            let (Some(friend), Some(critic)) = (
                p.about.as_deref(),
                p.by.as_deref().or(p.speaks_for.as_deref()),
            ) else {
                continue;
            };
            if friend == v.actor
                || critic == v.actor
                || befriended.contains(&friend)
                || !self.is_state(v, friend)
                || self.trust(v, friend) < 70
                || said(friend, None)
                || rng.random_range(0..100) >= d.alliance_loyalty
            {
                continue;
            }
            befriended.push(friend);
            plan.add(
                cost(OrderKind::PublicStatement),
                communique(Stance::Solidarity, friend, None),
            );
        }
        if let Some(home) = v
            .audiences
            .iter()
            .find(|a| a.home.as_deref() == Some(v.actor.as_str()))
        {
            for t in &v.topics {
                let care = home
                    .cares
                    .iter()
                    .find(|(k, _)| *k == t.id)
                    .map_or(50, |(_, c)| *c);
                let Some(about) = t.about.as_deref().filter(|a| *a != v.actor) else {
                    continue;
                };
                if care >= 65 && !said(about, Some(&t.id)) && rng.random_range(0..100) < care - 10 {
                    plan.add(
                        cost(OrderKind::PublicStatement),
                        spoken(rng, &d, Stance::Demand, about, Some(t.id.clone())),
                    );
                }
            }
        }
        // Escalate or calm, by temperament.
        let rivals: Vec<(&str, i32)> = v
            .actors
            .iter()
            .filter(|a| a.is_state && a.id != v.actor)
            .map(|a| (a.id.as_str(), self.tension(v, &a.id)))
            .filter(|(_, t)| *t >= 60)
            .collect();
        for (rival, tension) in rivals {
            if d.risk_appetite >= 70
                && tension >= 70
                && rng.random_range(0..100) < d.risk_appetite - d.norm_respect
            {
                plan.add(
                    cost(OrderKind::CovertOperation),
                    Order::CovertOperation {
                        target: rival.to_string(),
                        kind: CovertKind::Disruption,
                        against_infrastructure: false,
                    },
                );
            } else if d.norm_respect >= 55
                && !accused(rival)
                && !offered(rival)
                && rng.random_range(0..100) < d.norm_respect - d.risk_appetite / 2
            {
                plan.add(
                    cost(OrderKind::ConfidenceBuilding),
                    Order::ConfidenceBuilding {
                        with: rival.to_string(),
                        measure: Cbm::Hotline,
                    },
                );
            } else if d.norm_respect >= 50 && rng.random_range(0..100) < 30 {
                plan.add(
                    cost(OrderKind::PublicStatement),
                    communique(Stance::Calm, rival, None),
                );
            }
        }
        // A breach of our missions' communications still running: close the door.
        if v.incidents.iter().any(|i| {
            i.active
                && i.target == v.actor
                && i.kind == crate::scenario::IncidentKind::EmbassyBreach
        }) {
            plan.add(
                cost(OrderKind::SecureMissions),
                Order::SecureMissions {
                    measure: crate::sim::orders::MissionMeasure::PhishingTraining,
                },
            );
        }
        // A campaign or a leak spreading against us or a close partner: ask the platforms to
        // act on its inauthentic accounts (against us) and set out the facts, releasing what
        // we hold on it; a campaign against another state warns a careful temperament to
        // forewarn its own public.
        let mine = |r: &&crate::sim::view::ResultLine| r.actor == v.actor;
        for i in v
            .incidents
            .iter()
            .filter(|i| i.active && i.public && i.discovered && i.kind.spreads())
        {
            let close = i.target == v.actor
                || (self.is_state(v, &i.target) && self.trust(v, &i.target) >= 70);
            let done = |k: OrderKind| {
                v.results
                    .iter()
                    .filter(mine)
                    .any(|r| r.order.kind() == k && r.order.incident() == Some(i.id.as_str()))
            };
            if i.target == v.actor && !done(OrderKind::AskPlatform) {
                plan.add(
                    cost(OrderKind::AskPlatform),
                    Order::AskPlatform {
                        incident: i.id.clone(),
                        act_on: crate::sim::orders::PlatformAsk::InauthenticAccounts,
                    },
                );
            }
            if close && !done(OrderKind::Debunk) && d.norm_respect >= 40 {
                plan.add(
                    cost(OrderKind::Debunk),
                    Order::Debunk {
                        incident: i.id.clone(),
                        release: v.evidence.iter().any(|e| e.incident == i.id),
                    },
                );
            }
            let warned = v.results.iter().filter(mine).any(|r| {
                r.order.kind() == OrderKind::Prebunk
                    && r.turn + crate::sim::sphere::PREBUNK_TURNS > v.turn
            });
            if !close && !warned && d.norm_respect >= 60 {
                plan.add(cost(OrderKind::Prebunk), Order::Prebunk { topic: None });
            }
        }
        if v.me.cyber_resilience < 70 && plan.capacity >= 30 {
            plan.add(cost(OrderKind::Harden), Order::Harden);
        }
        if plan.capital >= 40
            && plan.capacity >= 30
            && d.norm_respect >= 60
            && let Some(weak) = v
                .actors
                .iter()
                .find(|a| a.partner && a.is_state && a.reputation < 45)
        {
            plan.add(
                cost(OrderKind::CapacityBuilding),
                Order::CapacityBuilding {
                    to: weak.id.clone(),
                },
            );
        }
        plan.orders
    }
}

/// One step more confidence (high stays high).
/// A public word to `about`, firm (`firm`) or concerned and on social media or in a
/// communiqué as the temperament has it: bolder temperaments speak harder and post more.
fn spoken(
    rng: &mut ChaCha8Rng,
    d: &crate::scenario::Doctrine,
    firm: Stance,
    about: &str,
    topic: Option<String>,
) -> Order {
    let stance = if rng.random_range(0..100) < d.risk_appetite {
        firm
    } else {
        Stance::Concern
    };
    let via = if rng.random_range(0..100) < d.risk_appetite {
        Via::Post
    } else {
        Via::Communique
    };
    let mut o = communique(stance, about, None);
    if let Order::PublicStatement {
        via: v, topic: t, ..
    } = &mut o
    {
        (*v, *t) = (via, topic);
    }
    o
}

/// A communiqué with this stance naming `about`, on an incident or none, and no topic.
fn communique(stance: Stance, about: &str, incident: Option<String>) -> Order {
    Order::PublicStatement {
        stance,
        incident,
        about: Some(about.to_string()),
        reading: None,
        via: Via::Communique,
        language: None,
        topic: None,
    }
}

fn step_up(c: Confidence) -> Confidence {
    match c {
        Confidence::Low => Confidence::Moderate,
        _ => Confidence::High,
    }
}

/// Orders being chosen within the budget.
struct Plan {
    capital: i32,
    capacity: i32,
    orders: Vec<Order>,
}

impl Plan {
    fn add(&mut self, cost: Option<(i32, i32)>, order: Order) {
        let Some((a, b)) = cost else { return };
        if self.orders.len() >= crate::sim::exercise::MAX_ORDERS
            || a > self.capital
            || b > self.capacity
            || self.orders.contains(&order)
        {
            return;
        }
        self.capital -= a;
        self.capacity -= b;
        self.orders.push(order);
    }
}
