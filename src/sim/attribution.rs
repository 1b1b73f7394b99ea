//! Attribution: claims at a layer (technical, operational, strategic) or of a failure of
//! due diligence, at low / moderate / high confidence, private or public, alone or joint,
//! weighed against the evidence each claimant holds (norm 13b); and denial.
//!
//! Everything a seat is told about its claims (the support its evidence gives, the 13b
//! verdict, the effects) follows from what it holds. Whether a claim is true is recorded
//! for the debrief only.

use bevy::prelude::*;
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::assistance::{Request, RequestIndex};
use super::catalog::{ActorId, ActorSet, Catalog, CatalogData};
use super::diplomacy::CallsToComply;
use super::incidents::{
    Authorship, Evidence, Incident, IncidentIndex, IncidentStatus, KnownBy, confidence_of,
};
use super::law::Unmet;
use super::norms::{self, Observed};
use super::orders::{Accepted, Order};
use super::record::{Recorder, Resolution, Verdict, Visibility};
use super::stakes::{ATTRIBUTE_13B_BREACHED, ATTRIBUTE_13B_STRAINED, ATTRIBUTE_13B_UPHELD};
use super::{Resolve, ResolveStep, SimRng};
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario::{Claim, Confidence, Layer, OrderKind, Reading, Reliability, Var};

/// An attribution made by one or several actors (several: a joint attribution or an
/// institution's statement).
#[derive(Component, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attribution {
    pub incident: u16,
    /// Who made this attribution (who tabled it, for an institution's statement).
    pub made_by: ActorId,
    /// Everyone who made it together (the maker alone unless joint).
    pub by: Vec<ActorId>,
    pub to: ActorId,
    pub claim: Claim,
    pub confidence: Confidence,
    pub public: bool,
    pub turn: u32,
    /// Set when an institution's statement made it.
    pub institution: Option<usize>,
    /// What each party's own evidence supported for this claim when it was made.
    pub support: Vec<(ActorId, Option<Confidence>)>,
    /// Hidden: whether the claim is true. Never in a seat's view; the debrief reads it.
    pub true_claim: bool,
}

impl Attribution {
    /// Who may know of it: everyone if public, else the attributors and the accused.
    pub fn visible_to(&self, a: ActorId) -> bool {
        self.public || self.to == a || self.by.contains(&a)
    }
    /// What one party's evidence supported, if it is a party.
    pub fn support_of(&self, a: ActorId) -> Option<Confidence> {
        self.support
            .iter()
            .find(|(x, _)| *x == a)
            .and_then(|(_, c)| *c)
    }
}

/// Attribution entities in the order made.
#[derive(Resource, Clone, Debug, Default)]
pub(crate) struct AttributionIndex(pub Vec<Entity>);

/// One evidence item as a claim weighs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub points_to: ActorId,
    pub reliability: Reliability,
    pub layer: Layer,
}

/// Does an item count towards a claim against `accused`? The rules of the layers:
/// addresses and servers (technical items pointing to a state) show only that
/// infrastructure there was used; a group's own traces show the group; a state's
/// responsibility needs operational or strategic items pointing to the state itself, so
/// evidence against a group that merely operates from a state supports the due-diligence
/// claim (norm 13c), not responsibility.
pub fn counts(c: &CatalogData, item: &Item, claim: Claim, accused: ActorId) -> bool {
    match claim {
        Claim::Infrastructure => item.layer == Layer::Technical && item.points_to == accused,
        Claim::Operator => item.points_to == accused,
        Claim::Responsibility => item.layer != Layer::Technical && item.points_to == accused,
        Claim::DueDiligence => {
            (item.layer == Layer::Technical && item.points_to == accused)
                || (!c.is_state(item.points_to) && c.host_state(item.points_to) == Some(accused))
        }
    }
}

/// Can this claim be made against this actor? `Operator` names a group, the others a state.
pub fn fits(c: &CatalogData, claim: Claim, accused: ActorId) -> bool {
    claim.names_a_state() == c.is_state(accused)
}

/// The confidence held items support for a claim. "Knowingly" in norm 13c needs the
/// accused state to have been told: without notice (a demarche, or a request for assistance
/// or legal assistance, in an earlier turn) the due-diligence claim stays at low confidence.
pub fn claim_support(
    c: &CatalogData,
    items: &[Item],
    claim: Claim,
    accused: ActorId,
    notified: bool,
) -> Option<Confidence> {
    if !fits(c, claim, accused) {
        return None;
    }
    let relevant: Vec<Reliability> = items
        .iter()
        .filter(|i| counts(c, i, claim, accused))
        .map(|i| i.reliability)
        .collect();
    let level = confidence_of(&relevant)?;
    Some(if claim == Claim::DueDiligence && !notified {
        Confidence::Low
    } else {
        level
    })
}

/// Whether a claim is true (hidden; for the debrief).
pub fn claim_true(
    c: &CatalogData,
    author: ActorId,
    evidence: &[&Evidence],
    claim: Claim,
    accused: ActorId,
) -> bool {
    match claim {
        Claim::Infrastructure => {
            c.host_state(author) == Some(accused)
                || evidence
                    .iter()
                    .any(|e| e.layer == Layer::Technical && e.points_to == accused && !e.false_flag)
        }
        // A persona is a name its sponsor operates under: naming it names the operator.
        Claim::Operator => author == accused || c.fronts_for(accused) == Some(author),
        Claim::Responsibility => c.responsible_state(author) == Some(accused),
        Claim::DueDiligence => !c.is_state(author) && c.host_state(author) == Some(accused),
    }
}

/// The 13b verdict on claiming `claimed` confidence where the evidence supports `support`.
pub fn verdict_13b(support: Option<Confidence>, claimed: Confidence) -> Verdict {
    match support {
        None => Verdict::Breached,
        Some(s) if s < claimed => Verdict::Strained,
        Some(_) => Verdict::Upheld,
    }
}

/// The 13b verdict on a vote for an institution's attribution statement. A member that
/// joins the statement with no evidence of its own leans on its partners' case: that
/// strains 13b (it did not consider the information itself) rather than breaching it.
pub fn verdict_vote(support: Option<Confidence>, claimed: Confidence) -> Verdict {
    vote_row(support, claimed).norm.expect("a norm row").1
}

/// The row of the stakes table a vote for an adopted attribution statement writes.
pub fn vote_row(support: Option<Confidence>, claimed: Confidence) -> super::stakes::Stake {
    match verdict_13b(support, claimed) {
        Verdict::Upheld => super::stakes::VOTE_13B_UPHELD,
        _ => super::stakes::VOTE_13B_STRAINED,
    }
}

/// The 13b row of aligning with an attribution statement, by the aligning state's own support.
pub fn align_row(support: Option<Confidence>, claimed: Confidence) -> super::stakes::Stake {
    match verdict_13b(support, claimed) {
        Verdict::Upheld => super::stakes::ALIGN_13B_UPHELD,
        _ => super::stakes::ALIGN_13B_STRAINED,
    }
}

/// What the evidence one seat holds supports for one claim against one actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Support {
    pub claim: Claim,
    pub against: ActorId,
    pub confidence: Confidence,
}

/// What one actor knows about the incidents it has seen, and so what its claims and
/// readings can rest on. Built from the world by `Knowledge::of`, which reads only the
/// actor's own evidence, its own requests and démarches and the incidents' observable facts;
/// the view, the resolution and the readings all use it, so they cannot disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Knowledge {
    pub actor: ActorId,
    /// Per incident seen (by sequence): its target, its observable facts and what the
    /// actor's evidence supports.
    pub incidents: Vec<(u16, ActorId, Observed, Vec<Support>)>,
}

impl Knowledge {
    /// What `actor` knows now, in `turn`.
    pub fn of(world: &World, actor: ActorId, turn: u32) -> Knowledge {
        let c = world.resource::<Catalog>();
        let index = world.resource::<IncidentIndex>();
        let calls = world.resource::<CallsToComply>();
        let requests: Vec<&Request> = world
            .resource::<RequestIndex>()
            .0
            .iter()
            .filter_map(|e| world.get::<Request>(*e))
            .collect();
        let held: Vec<(u16, Item)> = index
            .evidence_order
            .iter()
            .filter_map(|e| Some((world.get::<Evidence>(*e)?, world.get::<KnownBy>(*e)?)))
            .filter(|(_, k)| k.0.contains(actor))
            .map(|(ev, _)| {
                (
                    ev.incident,
                    Item {
                        points_to: ev.points_to,
                        reliability: ev.reliability,
                        layer: ev.layer,
                    },
                )
            })
            .collect();
        let mut incidents = Vec::new();
        for e in &index.incident_order {
            let Some(inc) = world.get::<Incident>(*e) else {
                continue;
            };
            if inc.status == IncidentStatus::Pending || !inc.seen_by.contains(actor) {
                continue;
            }
            let items: Vec<Item> = held
                .iter()
                .filter(|(i, _)| *i == inc.seq)
                .map(|(_, it)| *it)
                .collect();
            let notified = |to: ActorId| {
                calls.notice(actor, to, &inc.key, turn)
                    || requests.iter().any(|r| {
                        r.from == actor && r.to == to && r.incident == inc.seq && r.turn < turn
                    })
            };
            // Only whom an item points to, or the state that actor operates from, can be
            // the object of a supported claim.
            let mut candidates: Vec<ActorId> = items
                .iter()
                .flat_map(|it| [Some(it.points_to), c.host_state(it.points_to)])
                .flatten()
                .filter(|a| *a != actor)
                .collect();
            candidates.sort();
            candidates.dedup();
            let mut supports = Vec::new();
            for claim in Claim::ALL {
                for against in candidates.iter().copied() {
                    if let Some(confidence) =
                        claim_support(c, &items, claim, against, notified(against))
                    {
                        supports.push(Support {
                            claim,
                            against,
                            confidence,
                        });
                    }
                }
            }
            incidents.push((inc.seq, inc.target, Observed::of(inc), supports));
        }
        Knowledge { actor, incidents }
    }

    /// The confidence this actor's evidence supports for a claim about an incident.
    pub fn support(&self, incident: u16, claim: Claim, against: ActorId) -> Option<Confidence> {
        self.incidents
            .iter()
            .find(|(i, ..)| *i == incident)
            .and_then(|(.., s)| {
                s.iter()
                    .find(|x| x.claim == claim && x.against == against)
                    .map(|x| x.confidence)
            })
    }

    /// The highest reading of an incident this actor's knowledge supports, with why.
    pub fn supportable(&self, incident: u16) -> Option<(Reading, Phrase)> {
        let (_, target, observed, supports) =
            self.incidents.iter().find(|(i, ..)| *i == incident)?;
        let rows: Vec<norms::Row<ActorId>> = self
            .incidents
            .iter()
            .map(|(_, t, o, s)| {
                (
                    *t,
                    o.severity,
                    s.iter()
                        .filter(|x| x.claim == Claim::Responsibility)
                        .map(|x| (x.against, x.confidence))
                        .collect(),
                )
            })
            .collect();
        let own: Vec<(ActorId, Confidence)> = supports
            .iter()
            .filter(|x| x.claim == Claim::Responsibility)
            .map(|x| (x.against, x.confidence))
            .collect();
        Some(norms::supportable(observed, *target, &own, &rows))
    }
}

/// Each actor's knowledge as the resolution step that uses it begins (rebuilt before the
/// votes and again before attributions, after this turn's investigations and sharing).
#[derive(Resource, Clone, Debug, Default)]
pub(crate) struct Knowledges(pub Vec<Knowledge>);

impl Knowledges {
    pub fn of(&self, a: ActorId) -> Option<&Knowledge> {
        self.0.get(a.0 as usize)
    }
    pub fn support(
        &self,
        a: ActorId,
        incident: u16,
        claim: Claim,
        against: ActorId,
    ) -> Option<Confidence> {
        self.of(a).and_then(|k| k.support(incident, claim, against))
    }
}

/// Takes every actor's knowledge as it stands.
pub fn snapshot_knowledge(world: &mut World) {
    let turn = world.resource::<super::clock::Clock>().turn;
    let ids: Vec<ActorId> = world.resource::<Catalog>().actor_ids().collect();
    // Only states attribute, vote and ask for help; groups know nothing that is weighed.
    let all = ids
        .into_iter()
        .map(|a| {
            if world.resource::<Catalog>().is_state(a) {
                Knowledge::of(world, a, turn)
            } else {
                Knowledge {
                    actor: a,
                    incidents: Vec::new(),
                }
            }
        })
        .collect();
    world.insert_resource(Knowledges(all));
}

#[allow(clippy::too_many_arguments)]
/// Resolution: attributions are weighed against the evidence each attributor holds (13b);
/// public ones with `joint` on the same incident, accused and claim are made together.
pub(crate) fn attribute(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    knowledge: Res<Knowledges>,
    index: Res<IncidentIndex>,
    mut incidents: Query<(&mut Incident, &Authorship)>,
    mut evidence: Query<(&mut Evidence, &mut KnownBy)>,
    mut attributions: ResMut<AttributionIndex>,
    mut commands: Commands,
    mut rng: ResMut<SimRng>,
) {
    let catalog = actors.catalog.clone();
    let orders = accepted.of(OrderKind::Attribute);
    // Partners in each joint public attribution: same incident, accused and claim.
    let partners = |incident: &str, to: &str, claim: Claim| -> Vec<ActorId> {
        orders
            .iter()
            .filter(|(_, o)| matches!(o, Order::Attribute { incident: i, to: t, claim: c, public: true, joint: true, .. } if i == incident && t == to && *c == claim))
            .map(|(a, _)| *a)
            .collect()
    };
    for (actor, order) in &orders {
        let Order::Attribute {
            incident,
            to,
            claim,
            confidence,
            public,
            joint,
            release,
            ..
        } = order
        else {
            continue;
        };
        let (actor, name, claim) = (*actor, catalog.named(*actor), *claim);
        let me = Visibility::Actors(ActorSet::one(actor));
        let (Some(accused), Some(e)) = (catalog.actor(to), index.get(incident)) else {
            continue;
        };
        let Ok((mut inc, auth)) = incidents.get_mut(e) else {
            continue;
        };
        if !inc.seen_by.contains(actor) {
            rec.order(
                actor,
                order,
                Resolution::refused(Unmet::IncidentNotKnown, me),
                say!("{0} cannot attribute an incident it does not know of", name),
            );
            continue;
        }
        if !fits(&catalog, claim, accused) {
            rec.order(
                actor,
                order,
                Resolution::refused(Unmet::ClaimMisfit { claim }, me),
                say!("{0} made a claim that does not fit whom it names", name),
            );
            continue;
        }
        let backing = knowledge.support(actor, inc.seq, claim, accused);
        let true_claim = {
            let all: Vec<&Evidence> = index
                .evidence_order
                .iter()
                .filter_map(|x| evidence.get(*x).ok().map(|(ev, _)| ev))
                .filter(|ev| ev.incident == inc.seq)
                .collect();
            claim_true(&catalog, auth.author, &all, claim, accused)
        };
        // Releasing the evidence with a public attribution: every state holds what the
        // attributor held on the incident; a sensitive source may burn.
        let mut burnt = false;
        if *public && *release {
            let everyone = catalog
                .actor_ids()
                .fold(ActorSet::default(), |s, a| s.with(a));
            inc.seen_by = everyone;
            for x in &index.evidence_order {
                if let Ok((mut ev, mut known)) = evidence.get_mut(*x)
                    && ev.incident == inc.seq
                    && known.0.contains(actor)
                    && !ev.burnt
                {
                    known.0 = everyone;
                    if ev
                        .sensitive
                        .is_some_and(|risk| rng.0.random_range(0..100) < risk.min(100))
                    {
                        ev.burnt = true;
                        burnt = true;
                    }
                }
            }
        }
        let group = if *public && *joint {
            partners(incident, to, claim)
        } else {
            vec![actor]
        };
        let together = group.len() > 1;
        let mut parties = ActorSet::one(accused);
        for a in &group {
            parties.insert(*a);
        }
        let vis = if *public {
            Visibility::Public
        } else {
            Visibility::Actors(parties)
        };
        let verdict = verdict_13b(backing, *confidence);
        let why = why_13b(&catalog, backing, claim, *confidence, accused);
        let row = match verdict {
            Verdict::Upheld => ATTRIBUTE_13B_UPHELD,
            Verdict::Strained => ATTRIBUTE_13B_STRAINED,
            Verdict::Breached => ATTRIBUTE_13B_BREACHED,
        };
        let mut r = Resolution::done(Phrase::default(), vis).norm(row, why);
        let company = if together {
            let others = group
                .iter()
                .filter(|a| **a != actor)
                .map(|a| catalog.named(*a));
            say!("jointly with {0}", Arg::list(others))
        } else if *public {
            say!("alone: no partner joined")
        } else {
            say!("privately, through diplomatic channels")
        };
        // Effects follow what was claimed and what the claimant could show, never whether
        // the claim is true: that stays hidden until the debrief.
        let against_state = catalog.is_state(accused);
        if *public {
            let tension = match claim {
                Claim::Responsibility => 12,
                Claim::DueDiligence => 8,
                Claim::Infrastructure => 4,
                Claim::Operator => 0,
            };
            if against_state {
                actors.relations.add_tension(
                    actor,
                    accused,
                    if together { tension * 2 / 3 } else { tension },
                );
            }
            if inc.target == actor {
                let relief = if claim == Claim::Responsibility { 8 } else { 4 };
                actors.add(actor, Var::DomesticPressure, -relief);
            }
            let named = match claim {
                Claim::Responsibility => 3 + 2 * *confidence as i32,
                Claim::DueDiligence => 1 + *confidence as i32,
                _ => 0,
            };
            if named > 0 {
                actors.add(accused, Var::Reputation, -named);
            }
            // Other states' analysts contest a public claim its evidence cannot carry.
            match verdict {
                Verdict::Breached => actors.add(actor, Var::Reputation, -8),
                Verdict::Strained => actors.add(actor, Var::Reputation, -4),
                Verdict::Upheld => 0,
            };
        } else if against_state {
            actors.relations.add_tension(actor, accused, 4);
            actors.relations.add_trust(actor, accused, -3);
        }
        let level = Arg::term((*confidence).term());
        let what = Arg::term(claim.term());
        r.reason = if *public && *release {
            say!(
                "{0}, {1} confidence, public, {2}; the evidence released to all{3}",
                what.clone(),
                level.clone(),
                company.clone(),
                if burnt {
                    say!(", and a sensitive source burnt")
                } else {
                    Phrase::default()
                }
            )
        } else if *public {
            say!(
                "{0}, {1} confidence, public, {2}",
                what.clone(),
                level.clone(),
                company.clone()
            )
        } else {
            say!(
                "{0}, {1} confidence, private, {2}",
                what.clone(),
                level.clone(),
                company.clone()
            )
        };
        rec.order(
            actor,
            order,
            r,
            say!(
                "{0} attributes {1} to {2} ({3}; {4} confidence, {5})",
                name,
                &inc.name,
                catalog.named(accused),
                what,
                level,
                company
            ),
        );
        let e = commands
            .spawn(Attribution {
                incident: inc.seq,
                made_by: actor,
                by: group,
                to: accused,
                claim,
                confidence: *confidence,
                public: *public,
                turn: rec.turn(),
                institution: None,
                support: vec![(actor, backing)],
                true_claim,
            })
            .id();
        attributions.0.push(e);
    }
}

/// Why a claim does not fit whom it names.
pub fn misfit(claim: Claim) -> Phrase {
    if claim.names_a_state() {
        say!("this claim names a state; a group is named by the operational claim")
    } else {
        say!("the operational claim names a group; a state is named by the other claims")
    }
}

/// The reason beside a 13b verdict: what the claimant's evidence supports for its claim.
pub fn why_13b(
    c: &CatalogData,
    support: Option<Confidence>,
    claim: Claim,
    claimed: Confidence,
    accused: ActorId,
) -> Phrase {
    match support {
        None => say!(
            "claims {0} against {1} without holding evidence that supports it",
            Arg::term(claim.term()),
            c.named(accused)
        ),
        Some(s) if s < claimed => say!(
            "claims {0} confidence where its evidence supports only {1} for this claim",
            Arg::term(claimed.term()),
            Arg::term(s.term())
        ),
        Some(s) => say!(
            "the claim rests on evidence it holds (supports {0} confidence)",
            Arg::term(s.term())
        ),
    }
}

/// Resolution: public denials. A denial by whoever is answerable strains 13c in the hidden ledger.
pub(crate) fn deny(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    index: Res<IncidentIndex>,
    mut incidents: Query<&mut Incident>,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in accepted.of(OrderKind::Deny) {
        let Order::Deny { incident } = &order else {
            continue;
        };
        let Some(Ok(mut inc)) = index.get(incident).map(|e| incidents.get_mut(e)) else {
            continue;
        };
        if !inc.seen_by.contains(actor) {
            rec.order(
                actor,
                &order,
                Resolution::refused(
                    Unmet::IncidentNotKnown,
                    Visibility::Actors(ActorSet::one(actor)),
                ),
                say!(
                    "{0} cannot deny an incident it does not know of",
                    catalog.named(actor)
                ),
            );
            continue;
        }
        inc.denied_by.insert(actor);
        actors.add(actor, Var::DomesticPressure, -3);
        rec.order(
            actor,
            &order,
            Resolution::done(say!("denied any involvement"), Visibility::Public),
            say!(
                "{0} denies any involvement in {1}",
                catalog.named(actor),
                &inc.name
            ),
        );
        // A denial is not itself a breach of any norm: a state that lets its territory be
        // used answers for that under 13c, and a state that directs a group for what the group
        // did (ILC Art. 8), whatever it says.
    }
}

pub(super) fn plugin(app: &mut App) {
    super::scratch::<AttributionIndex>(app);
    super::entities::<Attribution>(app, |w, out| {
        let order = w.get_resource::<AttributionIndex>().map(|i| i.0.as_slice());
        super::write(
            out,
            &super::listed::<Attribution>(w, order.unwrap_or_default()),
        )
    });
    super::scratch::<Knowledges>(app);
    app.add_systems(
        Resolve,
        snapshot_knowledge
            .before(super::institutions::count_votes)
            .in_set(ResolveStep::Votes),
    );
    app.add_systems(
        Resolve,
        (snapshot_knowledge, attribute, deny)
            .chain()
            .in_set(ResolveStep::Attribution),
    );
}
