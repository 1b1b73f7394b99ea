//! Conditions: the one evaluator of the scenario's tests on the world (injects, objectives,
//! endings, learning objectives).

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::actors::{ActorIndex, ActorVars, Relations};
use super::assistance::Assisted;
use super::attribution::{Attribution, AttributionIndex};
use super::catalog::{ActorId, Catalog};
use super::clock::Clock;
use super::diplomacy::Severed;
use super::incidents::{Evidence, Incident, IncidentIndex, IncidentStatus, KnownBy};
use super::injects::FiredInjects;
use super::institutions::{Listings, ProposalIndex, ProposalStatus, Tabled};
use super::norms::Norm;
use super::orders::OrdersUsed;
use super::orders::Proposal;
use super::readings::{Readings, of_proposal};
use super::record::NormLedger;
use crate::scenario::{Condition, validate::MAX_CONDITION_DEPTH};

/// Read-only access to everything a condition can test.
#[derive(SystemParam)]
pub struct Facts<'w, 's> {
    pub catalog: Res<'w, Catalog>,
    pub clock: Res<'w, Clock>,
    actor_index: Res<'w, ActorIndex>,
    vars: Query<'w, 's, &'static ActorVars>,
    relations: Res<'w, Relations>,
    incident_index: Res<'w, IncidentIndex>,
    incidents: Query<'w, 's, &'static Incident>,
    evidence: Query<'w, 's, (&'static Evidence, &'static KnownBy)>,
    attribution_index: Res<'w, AttributionIndex>,
    attributions: Query<'w, 's, &'static Attribution>,
    proposal_index: Res<'w, ProposalIndex>,
    proposals: Query<'w, 's, &'static Tabled>,
    listings: Res<'w, Listings>,
    fired: Res<'w, FiredInjects>,
    used: Res<'w, OrdersUsed>,
    ledger: Res<'w, NormLedger>,
    assisted: Res<'w, Assisted>,
    severed: Res<'w, Severed>,
    readings: Res<'w, Readings>,
    sphere: Res<'w, super::sphere::Sphere>,
}

fn within(v: i32, lo: Option<i32>, hi: Option<i32>) -> bool {
    lo.is_none_or(|l| v >= l) && hi.is_none_or(|h| v <= h)
}

impl Facts<'_, '_> {
    pub fn holds(&self, c: &Condition) -> bool {
        self.eval(c, 0, false)
    }

    /// Whether the condition would hold if the exercise ended now (a turn it waits for
    /// counts as reached): an objective judged at the end is on track.
    pub fn holds_at_end(&self, c: &Condition) -> bool {
        self.eval(c, 0, true)
    }

    fn eval(&self, c: &Condition, depth: usize, at_end: bool) -> bool {
        if depth > MAX_CONDITION_DEPTH {
            return false;
        }
        let cat = &self.catalog;
        let incident = |key: &str| {
            self.incident_index
                .get(key)
                .and_then(|e| self.incidents.get(e).ok())
        };
        match c {
            Condition::Always => true,
            Condition::TurnAtLeast(t) => at_end || self.clock.turn >= *t,
            Condition::All(list) => list.iter().all(|x| self.eval(x, depth + 1, at_end)),
            Condition::Any(list) => list.iter().any(|x| self.eval(x, depth + 1, at_end)),
            Condition::Not(x) => !self.eval(x, depth + 1, at_end),
            Condition::Var {
                actor,
                var,
                at_least,
                at_most,
            } => cat
                .actor(actor)
                .and_then(|a| self.actor_index.0.get(a.0 as usize))
                .and_then(|e| self.vars.get(*e).ok())
                .is_some_and(|v| within(v.0.get(*var), *at_least, *at_most)),
            Condition::Tension {
                a,
                b,
                at_least,
                at_most,
            } => match (cat.actor(a), cat.actor(b)) {
                (Some(a), Some(b)) => within(self.relations.tension(a, b), *at_least, *at_most),
                _ => false,
            },
            Condition::Trust {
                a,
                b,
                at_least,
                at_most,
            } => match (cat.actor(a), cat.actor(b)) {
                (Some(a), Some(b)) => within(self.relations.trust(a, b), *at_least, *at_most),
                _ => false,
            },
            Condition::Standing {
                audience,
                actor,
                at_least,
                at_most,
            } => match (
                cat.audiences.iter().position(|x| &x.id == audience),
                cat.actor(actor),
            ) {
                (Some(k), Some(a)) => within(self.sphere.standing(cat, k, a), *at_least, *at_most),
                _ => false,
            },
            Condition::RelationsSevered { a, b } => match (cat.actor(a), cat.actor(b)) {
                (Some(a), Some(b)) => self.severed.between(a, b).is_some(),
                _ => false,
            },
            Condition::IncidentStarted(key) => {
                incident(key).is_some_and(|i| i.status != IncidentStatus::Pending)
            }
            Condition::InjectFired(key) => {
                cat.inject(key).is_some_and(|i| self.fired.0.contains(&i))
            }
            Condition::Attributed {
                incident: key,
                by,
                to,
                public,
                min_confidence,
                claim,
            } => {
                let Some(inc) = incident(key) else {
                    return false;
                };
                let by = by.as_deref().map(|b| cat.actor(b));
                let to = to.as_deref().map(|t| cat.actor(t));
                self.attributions().any(|a| {
                    a.incident == inc.seq
                        && (!public || a.public)
                        && a.confidence >= *min_confidence
                        && claim.is_none_or(|c| a.claim == c)
                        && by.is_none_or(|b| {
                            b.is_some_and(|b| {
                                a.made_by == b || (a.institution.is_some() && a.by.contains(&b))
                            })
                        })
                        && to.is_none_or(|t| t == Some(a.to))
                })
            }
            Condition::JointAttribution {
                incident: key,
                partners,
            } => {
                let Some(inc) = incident(key) else {
                    return false;
                };
                self.attributions()
                    .any(|a| a.incident == inc.seq && a.public && a.by.len() >= *partners as usize)
            }
            Condition::ProposalPassed { institution, kind }
            | Condition::ProposalFailed { institution, kind } => {
                let want = if matches!(c, Condition::ProposalPassed { .. }) {
                    ProposalStatus::Passed
                } else {
                    ProposalStatus::Failed
                };
                let Some(inst) = cat.institution(institution) else {
                    return false;
                };
                self.proposals().any(|t| {
                    t.institution == inst && t.proposal.kind() == *kind && t.status == want
                })
            }
            Condition::Listed(entity) => self.listings.listed.iter().any(|e| e == entity),
            Condition::Indicted(entity) => self.listings.indicted.iter().any(|(_, e)| e == entity),
            Condition::Sanctioned { target, by } => {
                let by = by.as_deref().map(|b| cat.actor(b));
                self.listings
                    .national
                    .iter()
                    .any(|(a, t)| t == target && by.is_none_or(|b| b == Some(*a)))
            }
            Condition::ReadingAdopted {
                incident: key,
                at_least,
                by,
                institution,
            } => {
                let Some(inc) = incident(key) else {
                    return false;
                };
                let by = by.as_deref().map(|b| cat.actor(b));
                let inst = institution.as_deref().map(|i| cat.institution(i));
                let stated = inst.is_none()
                    && self.readings.0.iter().any(|r| {
                        r.incident == inc.seq
                            && r.reading.level() >= *at_least
                            && by.is_none_or(|b| b == Some(r.actor))
                    });
                let adopted = by.is_none()
                    && self.proposals().any(|t| {
                        t.status == ProposalStatus::Passed
                            && t.proposal.incident() == inc.key
                            && inst.is_none_or(|i| i == Some(t.institution))
                            // A request for consultations is the requester's reading,
                            // not the Council's.
                            && !matches!(t.proposal, Proposal::Consultation { .. })
                            && of_proposal(&t.proposal).is_some_and(|r| r.level() >= *at_least)
                    });
                stated || adopted
            }
            Condition::OrderUsed { by, order } => {
                let by = by.as_deref().map(|b| cat.actor(b));
                self.used
                    .0
                    .iter()
                    .any(|(a, k)| k == order && by.is_none_or(|b| b == Some(*a)))
            }
            Condition::Ladder {
                incident: key,
                at_least,
            } => incident(key)
                .is_some_and(|i| i.status != IncidentStatus::Pending && i.level >= *at_least),
            Condition::NormUpheld { actor, norm } | Condition::NormBreached { actor, norm } => {
                let upheld = matches!(c, Condition::NormUpheld { .. });
                match (cat.actor(actor), Norm::parse(norm)) {
                    (Some(a), Some(n)) => self.ledger.has(a, n, upheld),
                    _ => false,
                }
            }
            Condition::EvidenceHeld { actor, evidence } => {
                let (Some(a), Some(e)) = (cat.actor(actor), self.incident_index.evidence(evidence))
                else {
                    return false;
                };
                self.evidence.get(e).is_ok_and(|(_, k)| k.0.contains(a))
            }
            Condition::Assisted { actor } => cat
                .actor(actor)
                .is_some_and(|a| self.assisted.0.contains(a)),
        }
    }

    /// Who met a condition that records something public happening: the states that made
    /// the public attribution it asks for, or the institution whose decision it asks for.
    /// Nothing for what happened out of sight (a private attribution names nobody here).
    pub fn met_by(&self, c: &Condition) -> Option<crate::i18n::Phrase> {
        let cat = &self.catalog;
        let named =
            |actors: &[ActorId]| crate::i18n::Arg::list(actors.iter().map(|a| cat.named(*a)));
        match c {
            Condition::All(l) | Condition::Any(l) => l
                .iter()
                .filter(|x| self.holds(x))
                .find_map(|x| self.met_by(x)),
            Condition::Attributed { .. } | Condition::JointAttribution { .. } => {
                let key = match c {
                    Condition::Attributed { incident, .. }
                    | Condition::JointAttribution { incident, .. } => incident,
                    _ => return None,
                };
                let inc = self
                    .incident_index
                    .get(key)
                    .and_then(|e| self.incidents.get(e).ok())?;
                // The first public attribution of the incident that meets the condition on
                // its own.
                let a = self.attributions().find(|a| {
                    a.incident == inc.seq
                        && a.public
                        && match c {
                            Condition::Attributed {
                                by,
                                to,
                                min_confidence,
                                claim,
                                ..
                            } => {
                                let by = by.as_deref().map(|b| cat.actor(b));
                                let to = to.as_deref().map(|t| cat.actor(t));
                                a.confidence >= *min_confidence
                                    && claim.is_none_or(|k| a.claim == k)
                                    && by.is_none_or(|b| {
                                        b.is_some_and(|b| a.made_by == b || a.by.contains(&b))
                                    })
                                    && to.is_none_or(|t| t == Some(a.to))
                            }
                            Condition::JointAttribution { partners, .. } => {
                                a.by.len() >= *partners as usize
                            }
                            _ => false,
                        }
                })?;
                let makers: Vec<ActorId> = if a.by.is_empty() {
                    vec![a.made_by]
                } else {
                    a.by.clone()
                };
                Some(crate::say!("the public attribution by {0}", named(&makers)))
            }
            Condition::ProposalPassed { institution, .. } => cat
                .institution(institution)
                .map(|i| crate::say!("a decision of {0}", &cat.scenario.institutions[i].name)),
            _ => None,
        }
    }

    fn attributions(&self) -> impl Iterator<Item = &Attribution> {
        self.attribution_index
            .0
            .iter()
            .filter_map(|e| self.attributions.get(*e).ok())
    }

    fn proposals(&self) -> impl Iterator<Item = &Tabled> {
        self.proposal_index
            .0
            .iter()
            .filter_map(|e| self.proposals.get(*e).ok())
    }
}
