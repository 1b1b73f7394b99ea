//! Coercive measures: national sanctions (retorsion), countermeasures under the ILC
//! conditions, and covert cyber operations (which become incidents of their own).

use bevy::ecs::system::SystemState;
use bevy::prelude::*;

use super::actors::Actors;
use super::catalog::{ActorSet, Catalog};
use super::diplomacy::{CallsToComply, Notices, Reparations};
use super::incidents::{
    Authorship, Incident, IncidentIndex, IncidentStatus, NewEvidence, NewIncident, spawn_incident,
    start_incident,
};
use super::institutions::Listings;
use super::law::Unmet;
use super::orders::{Accepted, CounterKind, CovertKind, Order};
use super::record::{LedgerSource, Recorder, Resolution, Visibility};
use super::stakes::{
    COUNTERMEASURE_13A_BREACHED, COUNTERMEASURE_13A_STRAINED, COUNTERMEASURE_13E,
    COUNTERMEASURE_ART_50, COUNTERMEASURE_LAW, COUNTERMEASURE_URGENT, COVERT_13A, COVERT_13F,
    INDICT_13D, INDICT_OFFENCES, SANCTIONS_RETORSION, SANCTIONS_TREATY, SELF_DEFENCE_2_4,
    SELF_DEFENCE_13A, SELF_DEFENCE_51, SELF_DEFENCE_HIDDEN,
};
use super::{Resolve, ResolveStep};
use crate::i18n::Arg;
use crate::say;
use crate::scenario::{Effect, IncidentKind, Layer, Level, OrderKind, Reading, Reliability, Var};

pub(crate) fn sanctions(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    mut listings: ResMut<Listings>,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in accepted.of(OrderKind::Sanctions) {
        let Order::Sanctions { target } = &order else {
            continue;
        };
        let name = catalog.named(actor);
        if let Some(state) = catalog.actor(target).filter(|t| *t != actor) {
            actors.add(state, Var::Economy, -4);
            actors.add(actor, Var::Economy, -1);
            actors.relations.add_tension(actor, state, 8);
            actors.add(actor, Var::DomesticPressure, -4);
            listings.national.push((actor, target.clone()));
            // What the measure is decides what it needs: retorsion, unless a treaty
            // protects the trade it restricts.
            let r = if catalog.trade_treaty(actor, state) {
                actors.add(actor, Var::Reputation, -3);
                actors.relations.add_tension(actor, state, 4);
                Resolution::done(
                    say!("economic measures restricting trade that a treaty between them protects: a breach of that treaty unless justified, as a countermeasure (ILC Arts. 49–52) or under a security exception whose reach is contested"),
                    Visibility::Public,
                )
                .law(SANCTIONS_TREATY)
            } else {
                Resolution::done(say!("economic measures against a state: retorsion, unfriendly but lawful; needs no prior wrongful act"), Visibility::Public).law(SANCTIONS_RETORSION)
            };
            rec.order(
                actor,
                &order,
                r,
                say!(
                    "{0} imposes national sanctions on {1}",
                    name,
                    catalog.named(state)
                ),
            );
        } else if catalog.entity(target).is_some() {
            listings.national.push((actor, target.clone()));
            let r = Resolution::done(
                say!("travel ban and asset freeze under national law"),
                Visibility::Public,
            );
            rec.order(
                actor,
                &order,
                r,
                say!(
                    "{0} imposes national sanctions on {1}",
                    name,
                    catalog
                        .entity(target)
                        .map(|e| Arg::Name(catalog.scenario.entities[e].name.clone()))
                        .unwrap_or_else(|| Arg::id(target))
                ),
            );
        } else {
            rec.order(
                actor,
                &order,
                Resolution::refused(
                    Unmet::UnknownTarget,
                    Visibility::Actors(ActorSet::one(actor)),
                ),
                say!("{0}'s sanctions named no known target", name),
            );
        }
    }
}

/// Indictments of persons or entities over an incident: national criminal law. An
/// indictment names people, not a state: it is not an attribution to any state.
pub(crate) fn indictments(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    mut listings: ResMut<Listings>,
    index: Res<IncidentIndex>,
    incidents: Query<&Incident>,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in accepted.of(OrderKind::Indict) {
        let Order::Indict { incident, persons } = &order else {
            continue;
        };
        let Some(Ok(inc)) = index.get(incident).map(|e| incidents.get(e)) else {
            continue;
        };
        let mut named = Vec::new();
        for p in persons {
            let Some(e) = catalog.entity(p) else { continue };
            if !listings.indicted.iter().any(|(a, x)| *a == actor && x == p) {
                listings.indicted.push((actor, p.clone()));
            }
            named.push(Arg::Name(catalog.scenario.entities[e].name.clone()));
            // The state the person's organ or group is linked to takes it as a public charge
            // (the public link, never whether that state in fact directs the group).
            if let Some(state) = catalog.scenario.entities[e]
                .affiliation
                .as_deref()
                .and_then(|a| catalog.actor(a))
                .and_then(|a| catalog.host_state(a))
                .filter(|s| *s != actor)
            {
                actors.relations.add_tension(actor, state, 4);
            }
        }
        actors.add(actor, Var::DomesticPressure, -3);
        let who = Arg::list(named);
        let r = Resolution::done(
            say!(
                "{0} indicted over {1}: it names persons, not a state, and is no attribution to any state",
                who.clone(),
                super::names::incident(inc)
            ),
            Visibility::Public,
        )
        .law(INDICT_OFFENCES)
        .norm(
            INDICT_13D,
            say!("prosecutes criminal use of ICTs"),
        );
        rec.order(
            actor,
            &order,
            r,
            say!(
                "{0} indicts {1} over {2}",
                catalog.named(actor),
                who,
                &inc.name
            ),
        );
    }
}

/// Self-defence (UN Charter Art. 51): force against the state the seat holds responsible for
/// an armed attack, by the victim or at its request, within the attack's severity, reported to
/// the Security Council. A lawful response is not a covert operation and marks no norm.
#[allow(clippy::too_many_arguments)]
pub(crate) fn self_defence(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    index: Res<IncidentIndex>,
    incidents: Query<(&Incident, &Authorship)>,
    requests: Query<&super::assistance::Request>,
    tabled: Query<&super::institutions::Tabled>,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in accepted.of(OrderKind::SelfDefence) {
        let Order::SelfDefence {
            against,
            incident,
            on_behalf_of,
            intensity,
            reading,
        } = &order
        else {
            continue;
        };
        let (Some(target), Some(Ok((inc, auth)))) = (
            catalog.actor(against).filter(|t| *t != actor),
            index.get(incident).map(|e| incidents.get(e)),
        ) else {
            continue;
        };
        let intensity = (*intensity).clamp(1, 5);
        let victim = inc.target;
        let mut failed = Vec::new();
        if reading.is_none_or(|r| r != Reading::ArmedAttack) {
            failed.push(Unmet::NoArmedAttack { reading: *reading });
        }
        // Collective self-defence: the victim asked this state for help over the incident,
        // or an institution both belong to agreed the attack was an armed attack (Art. 5).
        let requested = requests
            .iter()
            .any(|r| r.from == victim && r.to == actor && r.incident == inc.seq)
            || tabled.iter().any(|t| {
                t.status == super::institutions::ProposalStatus::Passed
                    && matches!(&t.proposal, super::orders::Proposal::CollectiveDefence { incident: i, .. } if *i == inc.key)
                    && catalog.is_member(t.institution, actor)
                    && catalog.is_member(t.institution, victim)
            });
        let for_victim = on_behalf_of.as_deref().and_then(|b| catalog.actor(b)) == Some(victim);
        if !(victim == actor || (for_victim && requested)) {
            failed.push(Unmet::NoRequest);
        }
        if intensity > inc.severity {
            failed.push(Unmet::Disproportionate {
                intensity,
                severity: inc.severity,
            });
        }
        actors.add(target, Var::Infrastructure, -3 * intensity as i32);
        actors.add(target, Var::Economy, -2 * intensity as i32);
        actors
            .relations
            .add_tension(actor, target, 5 * intensity as i32);
        let public = Visibility::Public;
        let r = if failed.is_empty() {
            Resolution::done(
                say!(
                    "force used in self-defence, necessary and proportionate to the armed attack, and reported to the Security Council"
                ),
                public,
            )
            .law(SELF_DEFENCE_51)
        } else {
            actors.add(actor, Var::Reputation, -12);
            Resolution::done(
                say!(
                    "not self-defence: {0}; a use of force contrary to Art. 2(4)",
                    Arg::list(failed.iter().map(|u| u.phrase()))
                ),
                public,
            )
            .law(SELF_DEFENCE_51)
            .law(SELF_DEFENCE_2_4)
            .norm(
                SELF_DEFENCE_13A,
                say!("force outside the law of self-defence"),
            )
            .unmet(failed)
        };
        rec.order(
            actor,
            &order,
            r,
            say!(
                "{0} uses force in self-defence (intensity {1}) against {2} over {3}",
                catalog.named(actor),
                intensity,
                catalog.named(target),
                &inc.name
            ),
        );
        // Taken at its own risk: whether the target did it, and whether it was in fact an
        // armed attack, stays hidden until the debrief.
        if !answers_for(&catalog, auth, inc, target, Level::ArmedAttack) {
            let reason = say!(
                "force against {0}, who is not responsible for an armed attack in {1}",
                catalog.named(target),
                super::names::incident(inc)
            );
            rec.mark(
                actor,
                SELF_DEFENCE_HIDDEN,
                reason,
                LedgerSource::Omission,
                Visibility::Control,
            );
        }
    }
}

/// Whether `target` is in fact the state responsible for the incident, and the incident in
/// fact at least `level`: the hidden truth a response is taken at its own risk against.
fn answers_for(
    catalog: &Catalog,
    auth: &Authorship,
    inc: &Incident,
    target: super::catalog::ActorId,
    level: Level,
) -> bool {
    catalog.responsible_state(auth.author) == Some(target) && inc.level >= level
}

/// Checks a countermeasure against ILC Arts. 49–53 and applies it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn countermeasures(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    calls: Res<CallsToComply>,
    notices: Res<Notices>,
    reparations: Res<Reparations>,
    index: Res<IncidentIndex>,
    incidents: Query<(&Incident, &Authorship)>,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in accepted.of(OrderKind::Countermeasure) {
        let Order::Countermeasure {
            against,
            incident,
            intensity,
            reversible,
            reading,
            kind,
            urgent,
        } = &order
        else {
            continue;
        };
        let name = catalog.named(actor);
        let (Some(target), Some(Ok((inc, auth)))) = (
            catalog.actor(against).filter(|t| *t != actor),
            index.get(incident).map(|e| incidents.get(e)),
        ) else {
            continue;
        };
        let parties = Visibility::Actors(ActorSet::one(actor).with(target));
        let intensity = (*intensity).clamp(1, 5);
        let called = calls.before(actor, target, rec.turn());
        let proportionate = intensity <= inc.severity;
        let injured = inc.target == actor;
        let mut failed = Vec::new();
        if !injured {
            failed.push(Unmet::NotInjured);
        }
        if !called {
            failed.push(Unmet::NoPriorCall);
        }
        // Notice and an offer to negotiate come first, unless the measure is urgent.
        let noticed = notices.before(actor, target, rec.turn());
        if !noticed && !urgent {
            failed.push(Unmet::NoNotice);
        }
        if kind.prohibited() {
            failed.push(Unmet::Prohibited { kind: *kind });
        }
        if !proportionate {
            failed.push(Unmet::Disproportionate {
                intensity,
                severity: inc.severity,
            });
        }
        if !reversible {
            failed.push(Unmet::Irreversible);
        }
        // Once the responsible state has ceased the act and offered reparation,
        // countermeasures must end (Art. 53).
        if inc.status != IncidentStatus::Active
            && reparations.before(target, actor, &inc.key, rec.turn())
        {
            failed.push(Unmet::Complied);
        }
        // A countermeasure answers another state's wrongful act (Art. 49): the seat must
        // read the incident as one. Whether it was is checked against what it knew, apart.
        if reading.is_none_or(|r| r.level() < Level::WrongfulAct) {
            failed.push(Unmet::NoWrongfulAct { reading: *reading });
        }
        actors.add(target, Var::Economy, -(2 * intensity as i32));
        actors
            .relations
            .add_tension(actor, target, 3 * intensity as i32);
        actors.add(actor, Var::DomesticPressure, -5);
        let checks = say!(
            "call to comply: {0}; notice and offer to negotiate: {1}; proportionate: {2}; reversible: {3}; taken at its own risk: lawful only if {4} is in fact responsible (Art. 49)",
            yes(called),
            if *urgent && !noticed {
                Arg::term("urgent")
            } else {
                yes(noticed)
            },
            yes(proportionate),
            yes(*reversible),
            catalog.named(target)
        );
        let mut r = if failed.is_empty() {
            Resolution::done(
                say!(
                    "countermeasure meets the procedural conditions ({0})",
                    checks
                ),
                parties,
            )
            .law(COUNTERMEASURE_LAW)
        } else {
            actors.add(actor, Var::Reputation, -8);
            Resolution::done(
                say!(
                    "not a lawful countermeasure: {0} ({1})",
                    Arg::list(failed.iter().map(|u| u.phrase())),
                    checks
                ),
                parties,
            )
            .unmet(failed)
            .law(COUNTERMEASURE_LAW)
            .norm(
                COUNTERMEASURE_13A_STRAINED,
                say!("a response outside the law escalates the crisis"),
            )
        };
        if *urgent && !noticed {
            r = r.law(COUNTERMEASURE_URGENT);
        }
        if kind.prohibited() {
            r = r.law(COUNTERMEASURE_ART_50);
        }
        if *kind == CounterKind::AgainstPersons {
            r = r.norm(
                COUNTERMEASURE_13E,
                say!("a measure aimed at people's fundamental rights"),
            );
        }
        rec.order(
            actor,
            &order,
            r,
            say!(
                "{0} takes a countermeasure (intensity {1}) against {2} over {3}",
                name,
                intensity,
                catalog.named(target),
                &inc.name
            ),
        );
        // Whether the target really is responsible, and the incident a wrongful act, stays hidden.
        if !answers_for(&catalog, auth, inc, target, Level::WrongfulAct) {
            let reason = say!(
                "countermeasure against {0}, who is not responsible for a wrongful act in {1}",
                catalog.named(target),
                super::names::incident(inc)
            );
            rec.mark(
                actor,
                COUNTERMEASURE_13A_BREACHED,
                reason,
                LedgerSource::Omission,
                Visibility::Control,
            );
        }
    }
}

fn yes(b: bool) -> Arg {
    Arg::term(if b { "yes" } else { "no" })
}

/// Covert operations become new incidents with the operator as their hidden author.
pub fn covert_operations(world: &mut World) {
    let orders = world.resource::<Accepted>().of(OrderKind::CovertOperation);
    if orders.is_empty() {
        return;
    }
    let catalog = world.resource::<Catalog>().clone();
    for (actor, order) in orders {
        let Order::CovertOperation {
            target,
            kind,
            against_infrastructure,
        } = &order
        else {
            continue;
        };
        let Some(target) = catalog.actor(target).filter(|t| *t != actor) else {
            continue;
        };
        let turn = world.resource::<super::clock::Clock>().turn;
        let (ikind, severity, lasting, public) = match (kind, against_infrastructure) {
            (CovertKind::Espionage, _) => (IncidentKind::Intrusion, 2, false, false),
            (CovertKind::Disruption, false) => (IncidentKind::Ddos, 3, false, true),
            (CovertKind::Disruption, true) => {
                (IncidentKind::CriticalInfrastructure, 3, false, true)
            }
            (CovertKind::Destructive, false) => (IncidentKind::Wiper, 4, true, true),
            (CovertKind::Destructive, true) => {
                (IncidentKind::CriticalInfrastructure, 4, true, true)
            }
        };
        // The id must not give the operator away.
        let seq = world.resource::<IncidentIndex>().incident_order.len();
        let key = format!("incident-t{turn}-{seq}");
        let tname = catalog.named(target);
        let tkey = catalog.actor_key(target).to_string();
        let harm = -(severity as i32) * 3;
        let effects = vec![
            Effect::Var {
                actor: tkey.clone(),
                var: Var::Infrastructure,
                delta: if public { harm } else { 0 },
            },
            Effect::Var {
                actor: tkey,
                var: Var::Economy,
                delta: -(severity as i32),
            },
        ];
        let label = say!("{0} in {1}", Arg::term(ikind.term()), tname.clone());
        let entity = spawn_incident(
            world,
            NewIncident {
                key: key.clone(),
                name: label.clone(),
                description: label.clone(),
                kind: ikind,
                author: actor,
                target,
                severity,
                deaths: 0,
                lasting_damage: lasting,
                infrastructure: *against_infrastructure && *kind != CovertKind::Espionage,
                cert: false,
                duration: 1,
                effects,
                public,
                began: None,
                claimed_by: None,
                discover_at: None,
                evidence: vec![NewEvidence {
                    key: format!("{key}-traces"),
                    text: say!(
                        "Tooling and infrastructure reused from earlier operations attributed to {0}",
                        catalog.named(actor)
                    ),
                    points_to: actor,
                    reliability: Reliability::Moderate,
                    layer: Layer::Technical,
                    false_flag: false,
                    difficulty: if public { 40 } else { 60 },
                    via_legal_assistance: false,
                    known_to: ActorSet::default(),
                    sensitive: None,
                    held_by: None,
                    kept_until: None,
                }],
            },
        );
        start_incident(world, entity);
        let mut state: SystemState<Recorder> = SystemState::new(world);
        let Ok(mut rec) = state.get_mut(world) else {
            return;
        };
        let mut r = Resolution::done(
            say!("operation carried out: {0}", label),
            Visibility::Actors(ActorSet::one(actor)),
        );
        match (kind, against_infrastructure) {
            (CovertKind::Espionage, _) => {}
            (_, true) => {
                r = r.norm(
                    COVERT_13F,
                    say!("intentionally damages critical infrastructure that serves the public"),
                );
            }
            (_, false) => {
                r = r.norm(
                    COVERT_13A,
                    say!("a disruptive or destructive operation against another state"),
                );
            }
        }
        rec.order(
            actor,
            &order,
            r,
            say!(
                "{0} runs a covert operation ({1}) against {2}",
                catalog.named(actor),
                Arg::term((*kind).term()),
                tname
            ),
        );
        state.apply(world);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Resolve,
        (
            sanctions,
            indictments,
            countermeasures,
            self_defence,
            covert_operations,
        )
            .chain()
            .in_set(ResolveStep::Measures),
    );
}
