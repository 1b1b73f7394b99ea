//! Institutions: proposals, ballots and decision rules. `decide` is the whole of each rule;
//! the casebook (tests/suite/casebook.rs) holds a named case for each.

use bevy::ecs::system::SystemState;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::attribution::{
    Attribution, AttributionIndex, Knowledges, claim_true, vote_row, why_13b,
};
use super::catalog::{ActorId, ActorSet, Catalog};
use super::incidents::{Authorship, Evidence, Incident, IncidentIndex};
use super::law::Unmet;
use super::names::{InWorld, Named, Names};
use super::orders::{Accepted, Ballot, Order, OrdersUsed, Proposal};
use super::record::{EventKind, LedgerSource, Recorder, Resolution, Visibility};
use super::{Resolve, ResolveStep};
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario::{Claim, DecisionRule, OrderKind, Var};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProposalStatus {
    Open,
    Passed,
    Failed,
}

/// A proposal tabled in an institution, with its ballots and, once decided, the reason.
#[derive(Component, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Tabled {
    pub id: u32,
    pub institution: usize,
    pub by: ActorId,
    pub proposal: Proposal,
    /// What it asks, things named as they were when it was tabled.
    pub what: Phrase,
    pub turn: u32,
    pub status: ProposalStatus,
    pub reason: Phrase,
    pub ballots: Vec<(ActorId, Ballot)>,
    /// States outside the institution that aligned themselves with the adopted text.
    #[serde(default)]
    pub aligned: Vec<ActorId>,
}

/// Proposal entities by id.
#[derive(Resource, Clone, Debug, Default)]
pub(crate) struct ProposalIndex(pub Vec<Entity>);

/// Persons and entities listed by an institution (and national sanctions).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Listings {
    pub listed: Vec<String>,
    /// National sanctions: (the state imposing them, the state, person or entity).
    pub national: Vec<(ActorId, String)>,
    /// Persons and entities a state has indicted: (the state, the person or entity).
    #[serde(default)]
    pub indicted: Vec<(ActorId, String)>,
}

/// A member and its population (millions), for the rules that weigh it.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub actor: ActorId,
    pub population: f32,
    pub permanent: bool,
}

/// A silence procedure (a NAC statement, a High Representative's declaration on behalf of the
/// EU): the text passes unless a member breaks silence by voting against it; a member that
/// casts no ballot, or abstains, keeps silence.
pub fn silence_procedure(
    members: &[Member],
    ballots: &[(ActorId, Ballot)],
    name: &dyn Fn(ActorId) -> Option<Arg>,
) -> (bool, Phrase) {
    let broke: Vec<ActorId> = members
        .iter()
        .map(|m| m.actor)
        .filter(|a| ballots.contains(&(*a, Ballot::No)))
        .collect();
    if broke.is_empty() {
        return (
            true,
            say!("adopted under the silence procedure: no member broke silence"),
        );
    }
    let who: Arg = if broke.iter().any(|a| name(*a).is_none()) {
        match broke.len() {
            1 => say!("a member").into(),
            k => say!("{0} members", k).into(),
        }
    } else {
        Arg::list(broke.iter().filter_map(|a| name(*a)))
    };
    (false, say!("not adopted: {0} broke silence", who))
}

/// UN Charter Art. 27(3): in decisions under Chapter VI (pacific settlement) a party to a
/// dispute abstains. Returns the ballots with the parties' replaced by abstentions, and the
/// parties that are members.
pub fn parties_abstain(
    members: &[Member],
    ballots: &[(ActorId, Ballot)],
    parties: &[ActorId],
) -> (Vec<(ActorId, Ballot)>, Vec<ActorId>) {
    let bound: Vec<ActorId> = members
        .iter()
        .map(|m| m.actor)
        .filter(|a| parties.contains(a))
        .collect();
    let mut out: Vec<(ActorId, Ballot)> = ballots
        .iter()
        .filter(|(a, _)| !bound.contains(a))
        .copied()
        .collect();
    out.extend(bound.iter().map(|a| (*a, Ballot::Abstain)));
    (out, bound)
}

/// Applies a decision rule to the ballots cast; members without a ballot did not vote.
/// Returns whether the proposal passes and why. `name` names a member, or gives `None`
/// when ballots are secret (the reason then says how many, never who).
pub fn decide(
    rule: DecisionRule,
    members: &[Member],
    ballots: &[(ActorId, Ballot)],
    name: &dyn Fn(ActorId) -> Option<Arg>,
) -> (bool, Phrase) {
    let ballot = |a: ActorId| ballots.iter().find(|(b, _)| *b == a).map(|(_, v)| *v);
    let n = members.len();
    let yes: Vec<&Member> = members
        .iter()
        .filter(|m| ballot(m.actor) == Some(Ballot::Yes))
        .collect();
    let no: Vec<&Member> = members
        .iter()
        .filter(|m| ballot(m.actor) == Some(Ballot::No))
        .collect();
    let abstain: Vec<&Member> = members
        .iter()
        .filter(|m| matches!(ballot(m.actor), Some(Ballot::Abstain) | None))
        .collect();
    // Formal abstentions (a cast `Abstain`), as opposed to members who did not vote.
    let formal: Vec<&Member> = members
        .iter()
        .filter(|m| ballot(m.actor) == Some(Ballot::Abstain))
        .collect();
    let silent: Vec<&Member> = members
        .iter()
        .filter(|m| ballot(m.actor).is_none())
        .collect();
    let secret = |list: &[&Member]| list.iter().any(|m| name(m.actor).is_none());
    let names = |list: &[&Member]| -> Arg {
        if secret(list) {
            match list.len() {
                1 => say!("a member").into(),
                k => say!("{0} members", k).into(),
            }
        } else {
            Arg::list(list.iter().filter_map(|m| name(m.actor)))
        }
    };
    let pop = |list: &[&Member]| list.iter().map(|m| m.population as f64).sum::<f64>();
    let total_pop: f64 = members.iter().map(|m| m.population as f64).sum();
    let tally = say!(
        "{0} yes, {1} no, {2} abstaining or not voting",
        yes.len(),
        no.len(),
        abstain.len()
    );
    match rule {
        DecisionRule::Unanimity => {
            if !no.is_empty() {
                return (
                    false,
                    say!(
                        "unanimity required: blocked by {0} ({1})",
                        names(&no),
                        tally
                    ),
                );
            }
            // An act needing unanimity needs each member's explicit vote: silence is not
            // abstention (Art. 238(4) TFEU counts abstentions of members present, not absence).
            if !silent.is_empty() {
                return (
                    false,
                    say!(
                        "unanimity needs every member's explicit vote, and {0} cast none: silence is not abstention ({1})",
                        names(&silent),
                        tally
                    ),
                );
            }
            if yes.is_empty() {
                return (
                    false,
                    say!("unanimity required: no member voted in favour ({0})", tally),
                );
            }
            let third_members = formal.len() * 3 >= n;
            let third_pop = total_pop <= 0.0 || pop(&formal) * 3.0 >= total_pop;
            if !formal.is_empty() && third_members && third_pop {
                return (
                    false,
                    say!(
                        "abstentions by {0} reach a third of the members and of the population, so the decision is not adopted (Art. 31(1) TEU, second subparagraph) ({1})",
                        names(&formal),
                        tally
                    ),
                );
            }
            if formal.is_empty() {
                (true, say!("adopted unanimously ({0})", tally))
            } else {
                (
                    true,
                    say!(
                        "adopted: no member objected; {0} abstained, which does not block unanimity (constructive abstention, Art. 31(1) TEU, second subparagraph) ({1})",
                        names(&formal),
                        tally
                    ),
                )
            }
        }
        DecisionRule::Consensus => {
            if !no.is_empty() {
                (
                    false,
                    say!("no consensus: {0} objected ({1})", names(&no), tally),
                )
            } else if yes.is_empty() {
                (
                    false,
                    say!("no consensus: no member supported it ({0})", tally),
                )
            } else {
                (
                    true,
                    say!("agreed by consensus: no member objected ({0})", tally),
                )
            }
        }
        DecisionRule::SimpleMajority => {
            if yes.len() > no.len() {
                (true, say!("adopted by simple majority ({0})", tally))
            } else {
                (false, say!("no majority of members voting ({0})", tally))
            }
        }
        DecisionRule::QualifiedMajority {
            members_pct,
            population_pct,
            blocking_minority,
        } => {
            let members_ok = yes.len() * 100 >= members_pct as usize * n;
            let pop_ok = total_pop <= 0.0 || pop(&yes) * 100.0 >= population_pct as f64 * total_pop;
            let non_yes = n - yes.len();
            let share = if total_pop > 0.0 {
                pop(&yes) * 100.0 / total_pop
            } else {
                100.0
            };
            let share = share.round() as i64;
            if !members_ok {
                (
                    false,
                    say!(
                        "qualified majority not reached: {0} of {1} members in favour, {2}% needed ({3})",
                        yes.len(),
                        n,
                        members_pct,
                        tally
                    ),
                )
            } else if pop_ok {
                (
                    true,
                    say!(
                        "qualified majority: {0} of {1} members and {2}% of the population in favour ({3})",
                        yes.len(),
                        n,
                        share,
                        tally
                    ),
                )
            } else if (non_yes as u32) < blocking_minority {
                (
                    true,
                    say!(
                        "qualified majority deemed reached: only {0}% of the population in favour, but a blocking minority needs at least {1} members ({2})",
                        share,
                        blocking_minority,
                        tally
                    ),
                )
            } else {
                (
                    false,
                    say!(
                        "qualified majority not reached: {0}% of the population in favour, {1}% needed ({2})",
                        share,
                        population_pct,
                        tally
                    ),
                )
            }
        }
        DecisionRule::SecurityCouncil { votes_needed } => {
            let vetoes: Vec<&Member> = no.iter().copied().filter(|m| m.permanent).collect();
            if !vetoes.is_empty() {
                let who = match (secret(&vetoes), vetoes.len()) {
                    (true, 1) => say!("a permanent member"),
                    (true, k) => say!("{0} permanent members", k),
                    (false, 1) => say!("permanent member {0}", names(&vetoes)),
                    (false, _) => say!("permanent members {0}", names(&vetoes)),
                };
                (
                    false,
                    say!("vetoed by {0} (Art. 27(3) UN Charter) ({1})", who, tally),
                )
            } else if yes.len() < votes_needed as usize {
                (
                    false,
                    say!(
                        "{0} affirmative votes, {1} needed ({2})",
                        yes.len(),
                        votes_needed,
                        tally
                    ),
                )
            } else {
                (
                    true,
                    say!(
                        "adopted with {0} affirmative votes and no veto ({1})",
                        yes.len(),
                        tally
                    ),
                )
            }
        }
    }
}

/// The members of an institution as `decide` needs them.
pub fn members_of(catalog: &Catalog, institution: usize) -> Vec<Member> {
    let def = &catalog.scenario.institutions[institution];
    def.members
        .iter()
        .filter_map(|m| catalog.actor(m))
        .map(|a| Member {
            actor: a,
            population: catalog.scenario.actors[a.0 as usize].population,
            permanent: def.permanent.iter().any(|p| p == catalog.actor_key(a)),
        })
        .collect()
}

/// Why a proposal may not be tabled, if it may not.
pub fn check_proposal(
    world: &World,
    actor: ActorId,
    institution: &str,
    proposal: &Proposal,
) -> Result<usize, Phrase> {
    let catalog = world.resource::<Catalog>();
    let Some(inst) = catalog.institution(institution) else {
        return Err(say!("unknown institution \"{0}\"", Arg::id(institution)));
    };
    let def = &catalog.scenario.institutions[inst];
    if !catalog.is_member(inst, actor) {
        return Err(say!(
            "{0} is not a member of {1}",
            catalog.named(actor),
            &def.name
        ));
    }
    let power = crate::scenario::power_for(proposal.kind());
    if !def.powers.contains(&power) {
        return Err(say!(
            "{0} has no power to decide on {1}",
            &def.name,
            Arg::term(proposal.kind().term())
        ));
    }
    let index = world.resource::<IncidentIndex>();
    let Some(inc) = index
        .get(proposal.incident())
        .and_then(|e| world.get::<Incident>(e))
    else {
        return Err(say!(
            "unknown incident \"{0}\"",
            Arg::id(proposal.incident())
        ));
    };
    if !inc.seen_by.contains(actor) {
        return Err(say!("the incident is not known to this actor"));
    }
    match proposal {
        Proposal::Listing { targets, .. } => {
            if targets.is_empty() {
                return Err(say!("a listing must name at least one person or entity"));
            }
            for t in targets {
                if catalog.actor(t).is_some() {
                    return Err(say!(
                        "{0} is an actor, not a person or entity: restrictive measures list natural or legal persons, entities and bodies, never a state (Decision (CFSP) 2019/797)",
                        catalog.call(Named::Actor(t))
                    ));
                }
                let Some(e) = catalog.entity(t) else {
                    return Err(say!("unknown person or entity \"{0}\"", Arg::id(t)));
                };
                if !catalog.scenario.entities[e]
                    .incidents
                    .iter()
                    .any(|i| i == &inc.key)
                {
                    return Err(say!(
                        "nothing links {0} to {1}: a listing must rest on the person's or entity's part in the cyber-attack",
                        catalog.call(Named::Entity(t)),
                        Arg::Phrase(inc.name.clone())
                    ));
                }
            }
        }
        Proposal::AttributionStatement { accused, claim, .. } => {
            let Some(a) = catalog.actor(accused) else {
                return Err(say!("unknown actor \"{0}\"", Arg::id(accused)));
            };
            if !super::attribution::fits(catalog, *claim, a) {
                return Err(super::attribution::misfit(*claim));
            }
        }
        Proposal::Resolution {
            accused: Some(accused),
            ..
        } => {
            if catalog.actor(accused).is_none() {
                return Err(say!("unknown actor \"{0}\"", Arg::id(accused)));
            }
        }
        Proposal::CollectiveDefence { .. } => {
            if !catalog.is_member(inst, inc.target) {
                return Err(say!(
                    "Art. 5 concerns an armed attack against a member; {0} is not one",
                    catalog.named(inc.target)
                ));
            }
        }
        Proposal::Consultation { .. }
        | Proposal::Condemnation { .. }
        | Proposal::Solidarity { .. }
        | Proposal::Agenda { .. }
        | Proposal::Resolution { accused: None, .. } => {}
    }
    Ok(inst)
}

/// Tables a proposal (negotiation phase): pays its cost and opens it for votes this turn.
pub fn table(
    world: &mut World,
    actor: ActorId,
    institution: &str,
    proposal: Proposal,
) -> Result<u32, Phrase> {
    let inst = check_proposal(world, actor, institution, &proposal)?;
    let catalog = world.resource::<Catalog>().clone();
    let (capital, capacity) = catalog
        .cost(actor, OrderKind::TableProposal)
        .ok_or_else(|| say!("tabling proposals is not available to this actor"))?;
    let open_same = world
        .resource::<ProposalIndex>()
        .0
        .iter()
        .filter_map(|e| world.get::<Tabled>(*e))
        .any(|t| {
            t.status == ProposalStatus::Open && t.institution == inst && t.proposal == proposal
        });
    if open_same {
        return Err(say!("the same proposal is already open"));
    }
    let what = proposal.describe(&InWorld(world));
    let mut state: SystemState<(Actors, Recorder, ResMut<OrdersUsed>)> = SystemState::new(world);
    let Ok((mut actors, mut rec, mut used)) = state.get_mut(world) else {
        return Err(say!("the exercise is not ready"));
    };
    if !actors.pay(actor, capital, capacity) {
        return Err(say!("cannot afford to table: needs {0} capital", capital));
    }
    if !used.0.contains(&(actor, OrderKind::TableProposal)) {
        used.0.push((actor, OrderKind::TableProposal));
    }
    let def = &catalog.scenario.institutions[inst];
    let members = members_of(&catalog, inst)
        .iter()
        .fold(ActorSet::default(), |s, m| s.with(m.actor));
    let order = Order::TableProposal {
        institution: institution.to_string(),
        proposal: proposal.clone(),
    };
    let r = Resolution::done(
        say!("tabled in {0} ({1})", &def.name, Arg::term(def.rule.term())),
        Visibility::Actors(members),
    );
    rec.order(
        actor,
        &order,
        r,
        say!(
            "{0} tables in {1}: {2}",
            catalog.named(actor),
            &def.name,
            what.clone()
        ),
    );
    let turn = rec.turn();
    state.apply(world);
    let id = world.resource::<ProposalIndex>().0.len() as u32;
    let e = world
        .spawn(Tabled {
            id,
            institution: inst,
            by: actor,
            proposal,
            what,
            turn,
            status: ProposalStatus::Open,
            reason: Phrase::default(),
            ballots: vec![(actor, Ballot::Yes)],
            aligned: Vec::new(),
        })
        .id();
    world.resource_mut::<ProposalIndex>().0.push(e);
    Ok(id)
}

/// Resolution: ballots are counted and every open proposal is decided by its body's rule.
#[allow(clippy::too_many_arguments)]
pub(crate) fn count_votes(
    accepted: Res<Accepted>,
    index: Res<ProposalIndex>,
    mut tabled: Query<&mut Tabled>,
    mut actors: Actors,
    mut rec: Recorder,
    mut listings: ResMut<Listings>,
    incidents_index: Res<IncidentIndex>,
    incidents: Query<(&Incident, &Authorship)>,
    evidence: Query<&Evidence>,
    knowledge: Res<Knowledges>,
    mut attributions: ResMut<AttributionIndex>,
    mut commands: Commands,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in accepted.of(OrderKind::Vote) {
        let Order::Vote { proposal, ballot } = &order else {
            continue;
        };
        let me = Visibility::Actors(ActorSet::one(actor));
        let Some(mut t) = index
            .0
            .get(*proposal as usize)
            .and_then(|e| tabled.get_mut(*e).ok())
        else {
            rec.order(
                actor,
                &order,
                Resolution::refused(Unmet::NoSuchProposal, me),
                say!("{0} voted on an unknown proposal", catalog.named(actor)),
            );
            continue;
        };
        let def = &catalog.scenario.institutions[t.institution];
        if t.status != ProposalStatus::Open || !catalog.is_member(t.institution, actor) {
            rec.order(
                actor,
                &order,
                Resolution::refused(Unmet::NotVoter, me),
                say!(
                    "{0} cannot vote on proposal {1}",
                    catalog.named(actor),
                    *proposal
                ),
            );
            continue;
        }
        t.ballots.retain(|(a, _)| *a != actor);
        t.ballots.push((actor, *ballot));
        let vis = if def.votes_public {
            Visibility::Public
        } else {
            me
        };
        rec.order(
            actor,
            &order,
            Resolution::done(
                say!("{0} on {1}", Arg::term((*ballot).term()), t.what.clone()),
                vis,
            ),
            say!(
                "{0} votes {1} in {2} on {3}",
                catalog.named(actor),
                Arg::term((*ballot).term()),
                &def.name,
                t.what.clone()
            ),
        );
    }
    for e in &index.0 {
        let Ok(mut t) = tabled.get_mut(*e) else {
            continue;
        };
        if t.status != ProposalStatus::Open {
            continue;
        }
        let def = &catalog.scenario.institutions[t.institution];
        let members = members_of(&catalog, t.institution);
        // Secret ballots: the decision says how many objected, never who.
        let public = def.votes_public;
        let name = |a: ActorId| public.then(|| catalog.named(a));
        let inc = incidents_index
            .get(t.proposal.incident())
            .and_then(|e| incidents.get(e).ok());
        let (mut passed, mut reason) = if def.silence.contains(&t.proposal.kind()) {
            silence_procedure(&members, &t.ballots, &name)
        } else if let (
            DecisionRule::SecurityCouncil { .. },
            Proposal::Resolution {
                accused,
                measures: false,
                ..
            },
            Some((inc, _)),
        ) = (def.rule, &t.proposal, inc)
        {
            // A resolution recommending pacific settlement (Chapter VI): the victim and the
            // state it names are parties to the dispute and abstain (Art. 27(3)).
            let mut parties = vec![inc.target];
            parties.extend(accused.as_deref().and_then(|a| catalog.actor(a)));
            let (ballots, bound) = parties_abstain(&members, &t.ballots, &parties);
            let (ok, why) = decide(def.rule, &members, &ballots, &name);
            if bound.is_empty() {
                (ok, why)
            } else {
                (
                    ok,
                    say!(
                        "{0}; {1}, party to the dispute, abstained as Art. 27(3) requires in decisions under Chapter VI",
                        why,
                        Arg::list(bound.iter().map(|a| catalog.named(*a)))
                    ),
                )
            }
        } else if let (DecisionRule::SecurityCouncil { .. }, Proposal::Agenda { .. }) =
            (def.rule, &t.proposal)
        {
            // A procedural matter (Art. 27(2)): the affirmative votes of nine members, and
            // no permanent member's vote against is a veto.
            let plain: Vec<Member> = members
                .iter()
                .map(|m| Member {
                    permanent: false,
                    ..*m
                })
                .collect();
            let (ok, why) = decide(def.rule, &plain, &t.ballots, &name);
            (
                ok,
                say!(
                    "a procedural decision (Art. 27(2)): affirmative votes are counted and no permanent member can veto it; {0}",
                    why
                ),
            )
        } else {
            decide(def.rule, &members, &t.ballots, &name)
        };
        // North Atlantic Treaty Art. 4: the parties consult "whenever, in the opinion of any
        // of them", a party's security is threatened. The request convenes them; no vote does.
        if matches!(t.proposal, Proposal::Consultation { .. }) {
            passed = true;
            reason = say!(
                "convened at the request of {0}: under Art. 4 any ally's request convenes consultations, and no vote blocks them",
                catalog.named(t.by)
            );
        }
        if passed
            && let (Proposal::Listing { .. }, Some(rule)) = (&t.proposal, def.implementing_rule)
        {
            let (ok, why) = decide(rule, &members, &t.ballots, &name);
            reason = say!(
                "decision: {0}; implementing regulation (Art. 215 TFEU): {1}",
                reason,
                why
            );
            passed = ok;
        }
        t.status = if passed {
            ProposalStatus::Passed
        } else {
            ProposalStatus::Failed
        };
        let mut consequence = None;
        if passed && let Some((inc, auth)) = inc {
            consequence = Some(match &t.proposal {
                Proposal::Listing { targets, .. } => {
                    for x in targets {
                        if !listings.listed.contains(x) {
                            listings.listed.push(x.clone());
                        }
                    }
                    for m in &members {
                        actors.add(m.actor, Var::Reputation, 1);
                    }
                    say!(
                        "travel ban and asset freeze apply to those listed; the listing is not an attribution to any state, which remains each member's sovereign decision"
                    )
                }
                Proposal::AttributionStatement {
                    accused,
                    claim,
                    confidence,
                    ..
                } => {
                    let by: Vec<ActorId> = t
                        .ballots
                        .iter()
                        .filter(|(_, b)| *b == Ballot::Yes)
                        .map(|(a, _)| *a)
                        .collect();
                    let Some(acc) = catalog.actor(accused) else {
                        continue;
                    };
                    if catalog.is_state(acc) {
                        for a in &by {
                            actors.relations.add_tension(*a, acc, 6);
                        }
                    }
                    if matches!(claim, Claim::Responsibility | Claim::DueDiligence) {
                        actors.add(acc, Var::Reputation, -6);
                    }
                    // Each member in favour answers for the statement on its own evidence.
                    let mut support = Vec::new();
                    for a in &by {
                        let s = knowledge.support(*a, inc.seq, *claim, acc);
                        support.push((*a, s));
                        let reason = say!(
                            "voted for {0}: {1}",
                            &def.name,
                            why_13b(&catalog, s, *claim, *confidence, acc)
                        );
                        rec.mark(
                            *a,
                            vote_row(s, *confidence),
                            reason,
                            LedgerSource::Statement(t.id),
                            Visibility::Actors(ActorSet::one(*a)),
                        );
                    }
                    let all: Vec<&Evidence> = incidents_index
                        .evidence_order
                        .iter()
                        .filter_map(|x| evidence.get(*x).ok())
                        .filter(|ev| ev.incident == inc.seq)
                        .collect();
                    let e = commands
                        .spawn(Attribution {
                            incident: inc.seq,
                            made_by: t.by,
                            by: by.clone(),
                            to: acc,
                            claim: *claim,
                            confidence: *confidence,
                            public: true,
                            turn: rec.turn(),
                            institution: Some(t.institution),
                            support,
                            true_claim: claim_true(&catalog, auth.author, &all, *claim, acc),
                        })
                        .id();
                    attributions.0.push(e);
                    say!(
                        "the statement names {0} on behalf of the members in favour, each on its own evidence",
                        catalog.named(acc)
                    )
                }
                Proposal::Condemnation { .. } => {
                    for m in &members {
                        actors.relations.add_trust(m.actor, inc.target, 2);
                    }
                    actors.add(inc.target, Var::DomesticPressure, -3);
                    say!(
                        "the statement condemns the incident without naming anyone: attribution remains each member's sovereign decision"
                    )
                }
                Proposal::Solidarity { .. } => {
                    for m in &members {
                        actors.relations.add_trust(m.actor, inc.target, 3);
                    }
                    actors.add(inc.target, Var::DomesticPressure, -4);
                    say!(
                        "the members declare their solidarity with {0}",
                        catalog.named(inc.target)
                    )
                }
                Proposal::Consultation { .. } => {
                    for m in &members {
                        actors.relations.add_trust(m.actor, inc.target, 3);
                    }
                    actors.add(inc.target, Var::DomesticPressure, -5);
                    say!("consultations held; consultation is not a decision to act")
                }
                Proposal::CollectiveDefence { .. } => {
                    // Agreeing that an armed attack occurred repairs nothing by itself: what
                    // the allies then do is each ally's own order.
                    actors.add(inc.target, Var::DomesticPressure, -10);
                    for m in &members {
                        actors.relations.add_trust(m.actor, inc.target, 5);
                    }
                    // The Council's judgement is its own; the engine's assessment stays with
                    // the control cell and the debrief.
                    if matches!(
                        t.proposal,
                        Proposal::CollectiveDefence {
                            cumulative: true,
                            ..
                        }
                    ) {
                        say!(
                            "the Council agreed that the activity, taken cumulatively, amounts to an armed attack: each ally will assist with such action as it deems necessary"
                        )
                    } else {
                        say!(
                            "the Council agreed that an armed attack occurred: each ally will assist with such action as it deems necessary"
                        )
                    }
                }
                Proposal::Resolution { accused, .. } => {
                    if let Some(acc) = accused.as_deref().and_then(|a| catalog.actor(a)) {
                        actors.add(acc, Var::Reputation, -5);
                    }
                    say!("resolution adopted")
                }
                Proposal::Agenda { .. } => {
                    for m in &members {
                        actors.relations.add_trust(m.actor, inc.target, 1);
                    }
                    actors.add(inc.target, Var::DomesticPressure, -2);
                    say!(
                        "the body meets in public on {0}; the meeting decides nothing by itself",
                        t.what.clone()
                    )
                }
            });
        } else if !passed
            && let (Proposal::CollectiveDefence { .. }, Some((inc, _))) = (&t.proposal, inc)
        {
            actors.add(inc.target, Var::DomesticPressure, 6);
            consequence = Some(say!(
                "Art. 5 not invoked: without consensus the Council has not agreed that an armed attack occurred"
            ));
        }
        let text = match (passed, consequence) {
            (true, None) => say!("{0} adopts {1}: {2}", &def.name, t.what.clone(), reason),
            (false, None) => say!("{0} rejects {1}: {2}", &def.name, t.what.clone(), reason),
            (true, Some(c)) => say!(
                "{0} adopts {1}: {2}. {3}",
                &def.name,
                t.what.clone(),
                reason,
                c
            ),
            (false, Some(c)) => say!(
                "{0} rejects {1}: {2}. {3}",
                &def.name,
                t.what.clone(),
                reason,
                c
            ),
        };
        t.reason = text.clone();
        rec.event(EventKind::Decision, Some(t.by), Visibility::Public, text);
    }
}

/// Whether a state may align itself with a text: a declaration the institution adopted (a
/// condemnation, a declaration of solidarity, an attribution statement), by a state outside
/// it, once. Otherwise, why not.
pub(crate) fn may_align(c: &Catalog, t: &Tabled, actor: ActorId) -> Result<(), Unmet> {
    let declaration = matches!(
        t.proposal,
        Proposal::Condemnation { .. }
            | Proposal::Solidarity { .. }
            | Proposal::AttributionStatement { .. }
    );
    if !declaration {
        Err(Unmet::NotADeclaration)
    } else if t.status != ProposalStatus::Passed {
        Err(Unmet::NotAdopted)
    } else if !c.is_state(actor) || c.is_member(t.institution, actor) {
        Err(Unmet::MemberOrNotState)
    } else if t.aligned.contains(&actor) {
        Err(Unmet::AlreadyAligned)
    } else {
        Ok(())
    }
}

/// Resolution, after the votes: states outside an institution align themselves with the
/// declarations it adopted (as candidate and partner states align with the EU's). Aligning
/// with an attribution statement joins it: the state answers for the claim on its own
/// evidence (13b), as a member voting for it does.
#[allow(clippy::too_many_arguments)]
pub(crate) fn align(
    accepted: Res<Accepted>,
    index: Res<ProposalIndex>,
    mut tabled: Query<&mut Tabled>,
    mut actors: Actors,
    mut rec: Recorder,
    incidents_index: Res<IncidentIndex>,
    incidents: Query<(&Incident, &Authorship)>,
    knowledge: Res<Knowledges>,
    attribution_index: Res<AttributionIndex>,
    mut attributions: Query<&mut Attribution>,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in accepted.of(OrderKind::Align) {
        let Order::Align { proposal } = &order else {
            continue;
        };
        let me = Visibility::Actors(ActorSet::one(actor));
        let Some(mut t) = index
            .0
            .get(*proposal as usize)
            .and_then(|e| tabled.get_mut(*e).ok())
        else {
            continue;
        };
        if let Err(why) = may_align(&catalog, &t, actor) {
            rec.order(
                actor,
                &order,
                Resolution::refused(why, me),
                say!("{0} could not align itself", catalog.named(actor)),
            );
            continue;
        }
        let Some((inc, _)) = incidents_index
            .get(t.proposal.incident())
            .and_then(|e| incidents.get(e).ok())
        else {
            continue;
        };
        t.aligned.push(actor);
        let def = &catalog.scenario.institutions[t.institution];
        let mut r = Resolution::done(
            say!("aligned with {0} of {1}", t.what.clone(), &def.name),
            Visibility::Public,
        );
        if let Proposal::AttributionStatement {
            accused,
            claim,
            confidence,
            ..
        } = &t.proposal
            && let Some(acc) = catalog.actor(accused)
        {
            let s = knowledge.support(actor, inc.seq, *claim, acc);
            r = r.norm(
                super::attribution::align_row(s, *confidence),
                say!(
                    "aligned with {0}: {1}",
                    &def.name,
                    why_13b(&catalog, s, *claim, *confidence, acc)
                ),
            );
            if catalog.is_state(acc) {
                actors.relations.add_tension(actor, acc, 6);
            }
            for e in &attribution_index.0 {
                if let Ok(mut a) = attributions.get_mut(*e)
                    && a.institution == Some(t.institution)
                    && a.incident == inc.seq
                    && a.to == acc
                    && a.made_by == t.by
                    && !a.by.contains(&actor)
                {
                    a.by.push(actor);
                    a.support.push((actor, s));
                }
            }
        } else {
            actors.relations.add_trust(actor, inc.target, 2);
        }
        for m in members_of(&catalog, t.institution) {
            actors.relations.add_trust(actor, m.actor, 2);
        }
        rec.order(
            actor,
            &order,
            r,
            say!(
                "{0} aligns itself with {1} of {2}",
                catalog.named(actor),
                t.what.clone(),
                &def.name
            ),
        );
    }
}

pub(super) fn plugin(app: &mut App) {
    super::scratch::<ProposalIndex>(app);
    super::entities::<Tabled>(app, |w, out| {
        let order = w.get_resource::<ProposalIndex>().map(|i| i.0.as_slice());
        super::write(out, &super::listed::<Tabled>(w, order.unwrap_or_default()))
    });
    super::state::<Listings>(app);
    app.add_systems(Resolve, count_votes.in_set(ResolveStep::Votes));
    app.add_systems(Resolve, align.after(count_votes).in_set(ResolveStep::Votes));
}
