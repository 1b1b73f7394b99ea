//! Protecting networks: hardening one's own (13g), building others' capacity (13a),
//! reporting vulnerabilities with their remedies (13j); and answering a leak or
//! disinformation: debunking it, asking a platform to act, warning the public ahead, or
//! restricting online access at home (13e).

use bevy::prelude::*;

use super::actors::Actors;
use super::catalog::ActorSet;
use super::incidents::{Incident, IncidentIndex, IncidentStatus};
use super::orders::PlatformAsk;
use super::orders::{Accepted, Order};
use super::record::{Recorder, Resolution, Visibility};
use super::sphere::{Counter, PREBUNK_TURNS, Sphere};
use super::stakes::{
    CAPACITY_13A, DEBUNK_13E, DEBUNK_2017, HARDEN_13G, MISSIONS_VIENNA_24_27,
    PLATFORM_13E_STRAINED, PLATFORM_ICCPR_19, PREBUNK_13E, PREBUNK_2017, REPORT_13J,
    RESTRICT_13E_BREACHED, RESTRICT_13E_STRAINED, RESTRICT_ICCPR_19,
};
use super::{Resolve, ResolveStep};
use crate::say;
use crate::scenario::Var;

/// Reputation lost by blocking sites and accounts, and by shutting down internet access.
pub const BLOCK_COST: i32 = 2;
pub const SHUTDOWN_COST: i32 = 6;

/// A running leak or campaign subsides at the start of the turn `started + duration`: now
/// brought forward by a turn, or to the next turn (`at_once`), never earlier.
fn subside_sooner(inc: &mut Incident, turn: u32, at_once: bool) {
    let end = inc.started.unwrap_or(turn).saturating_add(inc.duration);
    let sooner = if at_once {
        turn + 1
    } else {
        end.saturating_sub(1).max(turn + 1)
    };
    if inc.status == IncidentStatus::Active && sooner < end {
        inc.duration = sooner - inc.started.unwrap_or(turn);
    }
}

pub(crate) fn defence(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    index: Res<IncidentIndex>,
    mut incidents: Query<&mut Incident>,
    mut sphere: ResMut<Sphere>,
) {
    let catalog = actors.catalog.clone();
    for (actor, order) in &accepted.0 {
        let actor = *actor;
        let name = catalog.named(actor);
        match order {
            Order::Harden => {
                let gained = actors.add(actor, Var::CyberResilience, 6);
                actors.add(actor, Var::Infrastructure, 2);
                let r = Resolution::done(say!("cyber resilience +{0}: encryption, intrusion detection, multi-factor authentication, staff training", gained), Visibility::Actors(ActorSet::one(actor)))
                    .norm(HARDEN_13G, say!("protects its own critical infrastructure"));
                rec.order(actor, order, r, say!("{0} hardens its networks", name));
            }
            Order::SecureMissions { measure } => {
                // The door is closed: a breach of the state's missions' communications that it
                // knows of and that still runs ends now.
                let mut ended = Vec::new();
                for e in index.incident_order.iter() {
                    if let Ok(mut inc) = incidents.get_mut(*e)
                        && inc.kind == crate::scenario::IncidentKind::EmbassyBreach
                        && inc.target == actor
                        && inc.status == IncidentStatus::Active
                        && inc.seen_by.contains(actor)
                    {
                        inc.status = IncidentStatus::Over;
                        ended.push(super::names::incident(&inc));
                    }
                }
                let gained = actors.add(actor, Var::CyberResilience, 3);
                let reason = if ended.is_empty() {
                    say!(
                        "{0}: cyber resilience +{1}; the missions' archives and correspondence are inviolable in law, and now harder to reach in fact",
                        crate::i18n::Arg::term(measure.term()),
                        gained
                    )
                } else {
                    say!(
                        "{0}: cyber resilience +{1}; the breach ends: {2}",
                        crate::i18n::Arg::term(measure.term()),
                        gained,
                        crate::i18n::Arg::list(ended)
                    )
                };
                let r = Resolution::done(reason, Visibility::Actors(ActorSet::one(actor)))
                    .law(MISSIONS_VIENNA_24_27);
                rec.order(
                    actor,
                    order,
                    r,
                    say!("{0} secures its missions' communications", name),
                );
            }
            Order::ReportVulnerability { to, .. } => {
                let Some(to) = catalog.actor(to).filter(|t| *t != actor) else {
                    continue;
                };
                let gained = actors.add(to, Var::CyberResilience, 3);
                actors.relations.add_trust(actor, to, 3);
                let r = Resolution::done(
                    say!(
                        "{0} learns of the weakness and its remedies: cyber resilience +{1}",
                        catalog.named(to),
                        gained
                    ),
                    Visibility::Actors(ActorSet::one(actor).with(to)),
                )
                .norm(
                    REPORT_13J,
                    say!("reports a vulnerability and shares its remedies"),
                );
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} reports a vulnerability to {1}",
                        name,
                        catalog.named(to)
                    ),
                );
            }
            Order::Restrict { incident, shutdown } => {
                // Checked when sent: a leak or disinformation against the seat.
                let Some(Ok(mut inc)) = index.get(incident).map(|e| incidents.get_mut(e)) else {
                    continue;
                };
                // A shutdown stops the spread now; blocking sites and accounts shortens it by
                // a turn.
                subside_sooner(&mut inc, rec.turn(), *shutdown);
                let r = if *shutdown {
                    actors.add(actor, Var::Economy, -SHUTDOWN_COST);
                    actors.add(actor, Var::Reputation, -SHUTDOWN_COST);
                    Resolution::done(
                        say!(
                            "internet access cut: {0} stops spreading; economy and reputation −{1}",
                            &inc.name,
                            SHUTDOWN_COST
                        ),
                        Visibility::Public,
                    )
                    .law(RESTRICT_ICCPR_19)
                    .norm(
                        RESTRICT_13E_BREACHED,
                        say!("shuts down internet access, cutting everyone off from information"),
                    )
                } else {
                    actors.add(actor, Var::Reputation, -BLOCK_COST);
                    Resolution::done(
                        say!(
                            "sites and accounts spreading {0} blocked: it subsides sooner; reputation −{1}",
                            &inc.name,
                            BLOCK_COST
                        ),
                        Visibility::Public,
                    )
                    .law(RESTRICT_ICCPR_19)
                    .norm(
                        RESTRICT_13E_STRAINED,
                        say!("blocks content online: lawful only if provided by law, necessary and proportionate"),
                    )
                };
                let story = if *shutdown {
                    say!("{0} shuts down internet access over {1}", name, &inc.name)
                } else {
                    say!(
                        "{0} blocks the sites and accounts spreading {1}",
                        name,
                        &inc.name
                    )
                };
                rec.order(actor, order, r, story);
            }
            Order::Debunk { incident, release } => {
                // Checked when sent: a public campaign or leak still spreading; evidence held
                // if it is to be released.
                let Some(Ok(inc)) = index.get(incident).map(|e| incidents.get(e)) else {
                    continue;
                };
                let turn = rec.turn();
                sphere.counters.push((
                    inc.key.clone(),
                    turn,
                    Counter::Debunked { release: *release },
                ));
                let reason = if *release {
                    say!(
                        "the facts set out against {0}, with the evidence it holds on the accounts behind it: its posts carry much less from now on",
                        &inc.name
                    )
                } else {
                    say!(
                        "the facts set out against {0}: its posts carry less from now on",
                        &inc.name
                    )
                };
                let r = Resolution::done(reason, Visibility::Public)
                    .law(DEBUNK_2017)
                    .norm(
                        DEBUNK_13E,
                        say!("answers falsehood with facts and restricts nobody's speech"),
                    );
                let story = say!("{0} debunks {1}", name, &inc.name);
                rec.order(actor, order, r, story);
            }
            Order::AskPlatform { incident, act_on } => {
                let Some(Ok(mut inc)) = index.get(incident).map(|e| incidents.get_mut(e)) else {
                    continue;
                };
                let turn = rec.turn();
                sphere
                    .counters
                    .push((inc.key.clone(), turn, Counter::Platform(*act_on)));
                // Removing the network of a disinformation campaign, or the posts of either
                // kind, shortens the spread by a turn; a leak spreads through real accounts
                // too, so removing inauthentic ones only weakens it.
                let shortens = *act_on == PlatformAsk::Posts
                    || inc.kind == crate::scenario::IncidentKind::Disinformation;
                if shortens {
                    subside_sooner(&mut inc, turn, false);
                }
                let parties = Visibility::Actors(ActorSet::one(actor));
                let r = match act_on {
                    PlatformAsk::InauthenticAccounts => Resolution::done(
                        if shortens {
                            say!(
                                "the platform removes the network of inauthentic accounts spreading {0} under its own rules: it subsides sooner and carries less",
                                &inc.name
                            )
                        } else {
                            say!(
                                "the platform removes the inauthentic accounts among those spreading {0}: real accounts share it still, so it only carries less",
                                &inc.name
                            )
                        },
                        parties,
                    )
                    .law(PLATFORM_ICCPR_19),
                    PlatformAsk::Posts => {
                        actors.add(actor, Var::Reputation, -1);
                        Resolution::done(
                            say!(
                                "the platform removes posts spreading {0} as false: it subsides sooner; reputation −1",
                                &inc.name
                            ),
                            parties,
                        )
                        .law(PLATFORM_ICCPR_19)
                        .norm(
                            PLATFORM_13E_STRAINED,
                            say!("asks for speech to be removed as false: lawful only if provided by law, necessary and proportionate"),
                        )
                    }
                };
                let story = say!("{0} asks a platform to act against {1}", name, &inc.name);
                rec.order(actor, order, r, story);
            }
            Order::Prebunk { topic } => {
                let turn = rec.turn();
                let until = turn + PREBUNK_TURNS;
                sphere.prebunked.retain(|(a, _)| *a != actor);
                sphere.prebunked.push((actor, until));
                let on = topic
                    .as_deref()
                    .and_then(|t| catalog.scenario.topics.iter().find(|x| x.id == t))
                    .map(|t| say!(" on {0}", crate::i18n::Arg::Name(t.name.clone())))
                    .unwrap_or_default();
                let r = Resolution::done(
                    say!(
                        "the public is warned of the campaigns to expect{0} and how to check what they say: campaigns against {1} carry less to the end of turn {2}",
                        on,
                        name.clone(),
                        until - 1
                    ),
                    Visibility::Public,
                )
                .law(PREBUNK_2017)
                .norm(
                    PREBUNK_13E,
                    say!("informs the public ahead of a campaign and restricts nobody's speech"),
                );
                rec.order(
                    actor,
                    order,
                    r,
                    say!("{0} warns its public ahead of disinformation", name),
                );
            }
            Order::CapacityBuilding { to } => {
                let Some(to) = catalog.actor(to).filter(|t| *t != actor) else {
                    continue;
                };
                actors.add(to, Var::CyberResilience, 5);
                actors.add(to, Var::TechnicalCapacity, 5);
                actors.relations.add_trust(actor, to, 5);
                let r = Resolution::done(
                    say!(
                        "{0} gains resilience and technical capacity",
                        catalog.named(to)
                    ),
                    Visibility::Actors(ActorSet::one(actor).with(to)),
                )
                .norm(
                    CAPACITY_13A,
                    say!("builds a weaker partner's capacity, closing a weak link"),
                );
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} funds capacity building in {1}",
                        name,
                        catalog.named(to)
                    ),
                );
            }
            _ => {}
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Resolve, defence.in_set(ResolveStep::Defence));
}
