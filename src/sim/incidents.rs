//! Incidents with their hidden authors, the evidence investigation reveals, and the ladder.

use std::collections::HashMap;

use bevy::prelude::*;
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::catalog::{ActorId, ActorSet, Catalog};
use super::effects::apply_effect;
use super::law::Unmet;
use super::norms::{self, LadderFacts};
use super::orders::{Accepted, Order};
use super::record::{EventKind, LedgerSource, NormMark, Recorder, Resolution, Visibility};
use super::stakes::{INVESTIGATE_13B, SHARE_13A};
use super::{Briefing, BriefingStep, Resolve, ResolveStep, SimRng};
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario::{
    Confidence, Effect, IncidentKind, Layer, Level, OrderKind, Reliability, Var,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IncidentStatus {
    Pending,
    Active,
    Over,
}

/// An incident: what is known of it publicly or to some actors. Its author is kept apart,
/// in `Authorship`.
#[derive(Component, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Incident {
    pub key: String,
    pub seq: u16,
    pub name: Phrase,
    pub description: Phrase,
    pub kind: IncidentKind,
    pub target: ActorId,
    pub severity: u32,
    pub deaths: u32,
    pub lasting_damage: bool,
    /// It struck critical infrastructure serving the public (norm 13f).
    pub infrastructure: bool,
    /// It harmed the target's emergency response teams (norm 13k).
    #[serde(default)]
    pub cert: bool,
    pub duration: u32,
    pub effects: Vec<Effect>,
    pub public: bool,
    pub status: IncidentStatus,
    pub started: Option<u32>,
    /// Who knows this incident happened.
    pub seen_by: ActorSet,
    pub level: Level,
    pub level_reason: Phrase,
    /// Actors that publicly denied responsibility.
    pub denied_by: ActorSet,
    /// When it began, in the story, if before the exercise.
    #[serde(default)]
    pub began: Option<Phrase>,
    /// The persona or group that claimed it in public.
    #[serde(default)]
    pub claimed_by: Option<ActorId>,
    /// The turn its target discovers it, if later than it starts.
    #[serde(default)]
    pub discover_at: Option<u32>,
    /// Its target (everyone, if public) knows of it.
    #[serde(default = "yes")]
    pub discovered: bool,
}

fn yes() -> bool {
    true
}

/// The hidden truth: who carried out an incident.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Authorship {
    pub author: ActorId,
}

/// An evidence item about an incident.
#[derive(Component, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub key: String,
    pub seq: u16,
    pub incident: u16,
    pub text: Phrase,
    pub points_to: ActorId,
    pub reliability: Reliability,
    pub layer: Layer,
    pub false_flag: bool,
    pub difficulty: u32,
    pub via_legal_assistance: bool,
    /// Holders when the incident starts.
    pub initially_known: ActorSet,
    /// From a sensitive source: the chance (percent) that sharing it in full burns the source.
    pub sensitive: Option<u32>,
    /// The source was burnt: what it had not yet yielded can no longer be found.
    pub burnt: bool,
    /// The company holding the records: legal assistance from its state reveals the item.
    #[serde(default)]
    pub held_by: Option<ActorId>,
    /// The last turn its holder keeps the records (a retention period), if it deletes them.
    #[serde(default)]
    pub kept_until: Option<u32>,
    /// States whose request for preservation keeps the records past `kept_until` for them.
    #[serde(default)]
    pub preserved_for: ActorSet,
}

impl Evidence {
    /// The state its records lie in: a company's state if a company holds them, else the
    /// state the item points to (or the state a group works from).
    pub fn lies_in(&self, c: &Catalog) -> Option<ActorId> {
        c.host_state(self.held_by.unwrap_or(self.points_to))
    }

    /// Whether a granted legal-assistance request from `to` in `turn` still finds the records.
    pub fn kept_for(&self, to: ActorId, turn: u32) -> bool {
        self.kept_until.is_none_or(|t| turn <= t) || self.preserved_for.contains(to)
    }
}

/// Which actors hold an evidence item.
#[derive(Component, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct KnownBy(pub ActorSet);

/// Incident and evidence entities by key, in creation order.
#[derive(Resource, Clone, Debug, Default)]
pub(crate) struct IncidentIndex {
    incidents: HashMap<String, Entity>,
    pub incident_order: Vec<Entity>,
    evidence: HashMap<String, Entity>,
    pub evidence_order: Vec<Entity>,
}

impl IncidentIndex {
    pub fn get(&self, key: &str) -> Option<Entity> {
        self.incidents.get(key).copied()
    }
    pub fn evidence(&self, key: &str) -> Option<Entity> {
        self.evidence.get(key).copied()
    }
    pub fn by_seq(&self, seq: u16) -> Option<Entity> {
        self.incident_order.get(seq as usize).copied()
    }
}

/// What a new incident is made of (from the scenario or a covert operation).
pub struct NewIncident {
    pub key: String,
    pub name: Phrase,
    pub description: Phrase,
    pub kind: IncidentKind,
    pub author: ActorId,
    pub target: ActorId,
    pub severity: u32,
    pub deaths: u32,
    pub lasting_damage: bool,
    pub infrastructure: bool,
    pub cert: bool,
    pub duration: u32,
    pub effects: Vec<Effect>,
    pub public: bool,
    pub began: Option<Phrase>,
    pub claimed_by: Option<ActorId>,
    pub discover_at: Option<u32>,
    pub evidence: Vec<NewEvidence>,
}

pub struct NewEvidence {
    pub key: String,
    pub text: Phrase,
    pub points_to: ActorId,
    pub reliability: Reliability,
    pub layer: Layer,
    pub false_flag: bool,
    pub difficulty: u32,
    pub via_legal_assistance: bool,
    pub known_to: ActorSet,
    pub sensitive: Option<u32>,
    pub held_by: Option<ActorId>,
    pub kept_until: Option<u32>,
}

/// Spawns an incident (pending) with its evidence; returns its entity.
pub fn spawn_incident(world: &mut World, new: NewIncident) -> Entity {
    let seq = world.resource::<IncidentIndex>().incident_order.len() as u16;
    let entity = world
        .spawn((
            Incident {
                key: new.key.clone(),
                seq,
                name: new.name,
                description: new.description,
                kind: new.kind,
                target: new.target,
                severity: new.severity,
                deaths: new.deaths,
                lasting_damage: new.lasting_damage,
                infrastructure: new.infrastructure
                    || new.kind == IncidentKind::CriticalInfrastructure,
                cert: new.cert,
                duration: new.duration.max(1),
                effects: new.effects,
                public: new.public,
                status: IncidentStatus::Pending,
                started: None,
                seen_by: ActorSet::default(),
                level: Level::BelowThreshold,
                level_reason: Phrase::default(),
                denied_by: ActorSet::default(),
                began: new.began,
                claimed_by: new.claimed_by,
                discover_at: new.discover_at,
                discovered: true,
            },
            Authorship { author: new.author },
        ))
        .id();
    let mut ev_entities = Vec::new();
    for e in new.evidence {
        let eseq = world.resource::<IncidentIndex>().evidence_order.len() as u16
            + ev_entities.len() as u16;
        let key = e.key.clone();
        let id = world
            .spawn((
                Evidence {
                    key: e.key,
                    seq: eseq,
                    incident: seq,
                    text: e.text,
                    points_to: e.points_to,
                    reliability: e.reliability,
                    layer: e.layer,
                    false_flag: e.false_flag,
                    difficulty: e.difficulty,
                    via_legal_assistance: e.via_legal_assistance,
                    initially_known: e.known_to,
                    sensitive: e.sensitive,
                    burnt: false,
                    held_by: e.held_by,
                    kept_until: e.kept_until,
                    preserved_for: ActorSet::default(),
                },
                KnownBy::default(),
            ))
            .id();
        ev_entities.push((key, id));
    }
    let mut index = world.resource_mut::<IncidentIndex>();
    index.incidents.insert(new.key, entity);
    index.incident_order.push(entity);
    for (k, e) in ev_entities {
        index.evidence.insert(k, e);
        index.evidence_order.push(e);
    }
    entity
}

/// Spawns every scenario incident, pending until its start turn or inject.
pub fn spawn_scenario_incidents(world: &mut World) {
    let catalog = world.resource::<Catalog>().clone();
    let id = |s: &str| catalog.actor(s).unwrap_or(ActorId(0));
    for def in &catalog.scenario.incidents {
        let evidence = def
            .evidence
            .iter()
            .map(|e| NewEvidence {
                key: e.id.clone(),
                text: Phrase::of(e.text.clone()),
                points_to: id(&e.points_to),
                reliability: e.reliability,
                layer: e.layer,
                false_flag: e.false_flag,
                difficulty: e.difficulty,
                via_legal_assistance: e.via_legal_assistance,
                sensitive: e.sensitive,
                held_by: e.held_by.as_deref().and_then(|h| catalog.actor(h)),
                kept_until: e.kept_until,
                known_to: e
                    .known_to
                    .iter()
                    .fold(ActorSet::default(), |s, a| s.with(id(a))),
            })
            .collect();
        spawn_incident(
            world,
            NewIncident {
                key: def.id.clone(),
                name: Phrase::of(def.name.clone()),
                description: Phrase::of(def.description.clone()),
                kind: def.kind,
                author: id(&def.author),
                target: id(&def.target),
                severity: def.severity,
                deaths: def.deaths,
                lasting_damage: def.lasting_damage,
                infrastructure: def.infrastructure,
                cert: def.cert,
                duration: def.duration,
                effects: def.effects.clone(),
                public: def.public,
                began: def.began.clone().map(Phrase::of),
                claimed_by: def.claimed_by.as_deref().and_then(|c| catalog.actor(c)),
                discover_at: def.discovered,
                evidence,
            },
        );
    }
}

/// Who knows of an incident: its author (and the state the author works from) while it
/// is undiscovered; then its target too, or everyone if it is public.
fn knowers(catalog: &Catalog, inc: &Incident, author: ActorId) -> ActorSet {
    let mut seen = ActorSet::one(author);
    if let Some(host) = catalog.host_state(author) {
        seen.insert(host);
    }
    if !inc.discovered {
        return seen;
    }
    if inc.public {
        return ActorSet(u64::MAX >> (64 - catalog.actor_count().max(1)));
    }
    seen.with(inc.target)
}

/// Hands out the evidence held from the start to those of its first holders who know of
/// the incident (the rest receive it when it is discovered).
fn hand_out_initial_evidence(world: &mut World, seq: u16, seen: ActorSet) {
    let evidence: Vec<Entity> = world.resource::<IncidentIndex>().evidence_order.clone();
    for e in evidence {
        let Some(ev) = world.get::<Evidence>(e) else {
            continue;
        };
        if ev.incident != seq {
            continue;
        }
        let init = ev.initially_known;
        if let Some(mut k) = world.get_mut::<KnownBy>(e) {
            k.0.0 |= init.0 & seen.0;
        }
    }
}

/// Starts an incident: it becomes known to its target, author (and the author's sponsor),
/// or everyone if public (only to its author's side while it is undiscovered); initial
/// evidence is handed out; it is placed on the ladder and checked against the norms in its
/// author's (hidden) ledger.
pub fn start_incident(world: &mut World, entity: Entity) {
    let turn = world.resource::<super::clock::Clock>().turn;
    let catalog = world.resource::<Catalog>().clone();
    let Some(author) = world.get::<Authorship>(entity).map(|a| a.author) else {
        return;
    };
    let (seq, target, public, discovered) = {
        let Some(mut inc) = world.get_mut::<Incident>(entity) else {
            return;
        };
        if inc.status != IncidentStatus::Pending {
            return;
        }
        inc.status = IncidentStatus::Active;
        inc.started = Some(turn);
        inc.discovered = inc.discover_at.is_none_or(|t| t <= turn);
        let seen = knowers(&catalog, &inc, author);
        inc.seen_by.0 |= seen.0;
        (inc.seq, inc.target, inc.public, inc.discovered)
    };
    let seen = world
        .get::<Incident>(entity)
        .map(|i| i.seen_by)
        .unwrap_or_default();
    hand_out_initial_evidence(world, seq, seen);
    reassess_ladder(world);
    // The first turn's harm lands as the incident starts.
    let effects = world
        .get::<Incident>(entity)
        .map(|i| i.effects.clone())
        .unwrap_or_default();
    for effect in &effects {
        apply_effect(world, effect);
    }
    let (name, kind, level, infrastructure, cert) = {
        let inc = world.get::<Incident>(entity).expect("incident exists");
        (
            inc.name.clone(),
            inc.kind,
            inc.level,
            inc.infrastructure,
            inc.cert,
        )
    };
    let vis = if !discovered {
        Visibility::Actors(seen)
    } else if public {
        Visibility::Public
    } else {
        Visibility::Actors(ActorSet::one(target).with(author))
    };
    // What was hit and how, never what it is in law: that is for each seat to judge.
    let text = say!(
        "Incident: {0} ({1}) against {2}",
        &name,
        Arg::term(kind.term()),
        catalog.named(target)
    );
    super::record::tell(world, EventKind::Incident, vis, text);
    if discovered {
        tell_claim(world, entity);
    }
    // The engine's own assessment, for the control cell and the debrief.
    super::record::tell(
        world,
        EventKind::Ladder,
        Visibility::Control,
        say!("{0} assessed as {1}", &name, Arg::term(level.term())),
    );
    // The incident against the norms, in the ledger of whoever is answerable (hidden).
    let marks = incident_norms(&catalog, author, kind, infrastructure, cert, target);
    for (actor, mark) in marks {
        world
            .resource_mut::<super::record::NormLedger>()
            .0
            .push(super::record::LedgerEntry {
                turn,
                actor,
                mark,
                source: LedgerSource::Incident(seq),
                visibility: Visibility::Control,
            });
    }
}

/// The claim of responsibility a persona or group made, told to those who know of the
/// incident as they learn of it.
fn tell_claim(world: &mut World, entity: Entity) {
    let catalog = world.resource::<Catalog>().clone();
    let Some(inc) = world.get::<Incident>(entity) else {
        return;
    };
    let Some(by) = inc.claimed_by else {
        return;
    };
    let vis = if inc.public {
        Visibility::Public
    } else {
        Visibility::Actors(inc.seen_by)
    };
    let text = say!("{0} claims {1}", catalog.named(by), &inc.name);
    super::record::tell(world, EventKind::Incident, vis, text);
}

/// An incident under way is discovered: its target (everyone, if public) learns of it,
/// with when it began, and receives the evidence it held from the start.
pub fn discover_incident(world: &mut World, entity: Entity) {
    let turn = world.resource::<super::clock::Clock>().turn;
    let catalog = world.resource::<Catalog>().clone();
    let Some(author) = world.get::<Authorship>(entity).map(|a| a.author) else {
        return;
    };
    let (seq, seen, name, kind, target, began, public, since) = {
        let Some(mut inc) = world.get_mut::<Incident>(entity) else {
            return;
        };
        if inc.discovered || inc.status == IncidentStatus::Pending {
            return;
        }
        inc.discovered = true;
        let seen = knowers(&catalog, &inc, author);
        inc.seen_by.0 |= seen.0;
        (
            inc.seq,
            inc.seen_by,
            inc.name.clone(),
            inc.kind,
            inc.target,
            inc.began.clone(),
            inc.public,
            inc.started.unwrap_or(turn),
        )
    };
    hand_out_initial_evidence(world, seq, seen);
    let vis = if public {
        Visibility::Public
    } else {
        Visibility::Actors(seen)
    };
    let text = match began {
        Some(when) => say!(
            "Discovered: {0} ({1}) against {2}, under way since {3}",
            &name,
            Arg::term(kind.term()),
            catalog.named(target),
            when
        ),
        None => say!(
            "Discovered: {0} ({1}) against {2}, under way since turn {3}",
            &name,
            Arg::term(kind.term()),
            catalog.named(target),
            since
        ),
    };
    super::record::tell(world, EventKind::Incident, vis, text);
    tell_claim(world, entity);
}

/// The norms an incident engages (the incident rows of `stakes`): for the state answerable
/// for it (its author, or the state directing the author, ILC Art. 8), and for the state a
/// group it does not direct operates from (13c).
fn incident_norms(
    c: &Catalog,
    author: ActorId,
    kind: IncidentKind,
    infrastructure: bool,
    cert: bool,
    target: ActorId,
) -> Vec<(ActorId, NormMark)> {
    use super::stakes::{
        INCIDENT_13A, INCIDENT_13C, INCIDENT_13E, INCIDENT_13F_BREACHED, INCIDENT_13F_STRAINED,
        INCIDENT_13I, INCIDENT_13K,
    };
    let mut out = Vec::new();
    let tname = c.named(target);
    if let Some(state) = c.responsible_state(author) {
        let via = if state == author {
            Phrase::default()
        } else {
            say!(
                " through {0}, whose conduct it directs (ILC Art. 8)",
                c.named(author)
            )
        };
        let cert_mark = cert.then(|| {
            INCIDENT_13K.mark(say!(
                "harmed the emergency response teams of {0}{1}",
                tname.clone(),
                via.clone()
            ))
        });
        let (row, reason) = match kind {
            IncidentKind::CriticalInfrastructure | IncidentKind::Wiper if infrastructure => (
                INCIDENT_13F_BREACHED,
                say!(
                    "intentionally damaged critical infrastructure serving the public in {0}{1}, contrary to its obligations under international law",
                    tname.clone(),
                    via
                ),
            ),
            IncidentKind::SupplyChain => (
                INCIDENT_13I,
                say!(
                    "compromised a supply chain with a hidden harmful function{0}",
                    via
                ),
            ),
            IncidentKind::Ransomware => (
                INCIDENT_13F_STRAINED,
                say!(
                    "ransomware impaired services to the public in {0}{1}",
                    tname.clone(),
                    via
                ),
            ),
            IncidentKind::Surveillance => (
                INCIDENT_13E,
                say!(
                    "surveillance of people in {0}{1} interferes with their privacy",
                    tname.clone(),
                    via
                ),
            ),
            IncidentKind::Ddos => (
                INCIDENT_13A,
                say!(
                    "denial-of-service attacks on {0}{1} harm stability",
                    tname.clone(),
                    via
                ),
            ),
            _ => (
                INCIDENT_13A,
                say!(
                    "a {0} against {1}{2} erodes trust",
                    Arg::term(kind.term()),
                    tname.clone(),
                    via
                ),
            ),
        };
        out.push((state, row.mark(reason)));
        if let Some(mark) = cert_mark {
            out.push((state, mark));
        }
    } else if let Some(state) = c.host_state(author) {
        out.push((
            state,
            INCIDENT_13C.mark(say!(
                "{0} operates from its territory against {1}",
                c.named(author),
                tname
            )),
        ));
    }
    out
}

/// Places every started incident on the ladder (cumulative activity counts).
pub fn reassess_ladder(world: &mut World) {
    let catalog = world.resource::<Catalog>().clone();
    let order = world.resource::<IncidentIndex>().incident_order.clone();
    let mut facts = Vec::new();
    for e in &order {
        let (Some(inc), Some(auth)) = (world.get::<Incident>(*e), world.get::<Authorship>(*e))
        else {
            continue;
        };
        if inc.status == IncidentStatus::Pending {
            continue;
        }
        facts.push((
            *e,
            catalog.responsible_state(auth.author),
            inc.target,
            inc.severity,
        ));
    }
    for (e, resp, target, _) in facts.clone() {
        let cumulative: u32 = facts
            .iter()
            .filter(|f| resp.is_some() && f.1 == resp && f.2 == target)
            .map(|f| f.3)
            .sum();
        let Some(mut inc) = world.get_mut::<Incident>(e) else {
            continue;
        };
        let (level, reason) = norms::assess(&LadderFacts {
            kind: inc.kind,
            severity: inc.severity,
            deaths: inc.deaths,
            lasting_damage: inc.lasting_damage,
            state_responsible: resp.is_some(),
            cumulative_severity: cumulative,
        });
        if level != inc.level || inc.level_reason != reason {
            let raised = level > inc.level && !inc.level_reason.is_empty();
            inc.level = level;
            inc.level_reason = reason.clone();
            if raised {
                let text = say!(
                    "{0} now assessed as {1}: {2}",
                    &inc.name,
                    Arg::term(level.term()),
                    reason
                );
                super::record::tell(world, EventKind::Ladder, Visibility::Control, text);
            }
        }
    }
}

/// Briefing: incidents scheduled for this turn start; active ones hit their targets.
pub fn incidents_at_briefing(world: &mut World) {
    let turn = world.resource::<super::clock::Clock>().turn;
    let catalog = world.resource::<Catalog>().clone();
    let order = world.resource::<IncidentIndex>().incident_order.clone();
    for e in &order {
        let Some(inc) = world.get::<Incident>(*e) else {
            continue;
        };
        let def = catalog
            .scenario
            .incidents
            .get(inc.seq as usize)
            .filter(|d| d.id == inc.key);
        if inc.status == IncidentStatus::Pending && def.and_then(|d| d.starts_at()) == Some(turn) {
            start_incident(world, *e);
        } else if !inc.discovered && inc.discover_at.is_some_and(|t| t <= turn) {
            discover_incident(world, *e);
        }
    }
    for e in &order {
        let Some(inc) = world.get::<Incident>(*e) else {
            continue;
        };
        if inc.status != IncidentStatus::Active {
            continue;
        }
        let started = inc.started.unwrap_or(turn);
        if started == turn {
            continue;
        }
        if turn >= started.saturating_add(inc.duration) {
            let name = inc.name.clone();
            let vis = if inc.public {
                Visibility::Public
            } else {
                Visibility::Actors(inc.seen_by)
            };
            if let Some(mut inc) = world.get_mut::<Incident>(*e) {
                inc.status = IncidentStatus::Over;
            }
            super::record::tell(
                world,
                EventKind::Incident,
                vis,
                say!("{0} has subsided", name),
            );
            continue;
        }
        let effects = inc.effects.clone();
        for effect in effects {
            apply_effect(world, &effect);
        }
    }
}

/// Chance (percent) that one investigation finds an item of this difficulty.
pub fn find_chance(technical_capacity: i32, difficulty: u32) -> u32 {
    (55 + technical_capacity / 2 - difficulty as i32).clamp(15, 95) as u32
}

/// Resolution: investigations reveal the easiest hidden evidence item, by chance.
pub(crate) fn investigate(
    accepted: Res<Accepted>,
    mut rng: ResMut<SimRng>,
    actors: Actors,
    mut rec: Recorder,
    index: Res<IncidentIndex>,
    incidents: Query<&Incident>,
    mut evidence: Query<(&Evidence, &mut KnownBy)>,
) {
    for (actor, order) in accepted.of(OrderKind::Investigate) {
        let Order::Investigate { incident } = &order else {
            continue;
        };
        let me = Visibility::Actors(ActorSet::one(actor));
        let name = actors.catalog.named(actor);
        let Some(inc) = index.get(incident).and_then(|e| incidents.get(e).ok()) else {
            continue;
        };
        if !inc.seen_by.contains(actor) {
            rec.order(
                actor,
                &order,
                Resolution::refused(Unmet::IncidentNotKnown, me),
                say!(
                    "{0} cannot investigate an incident it does not know of",
                    name
                ),
            );
            continue;
        }
        let mut candidates: Vec<(u32, u16, Entity)> = index
            .evidence_order
            .iter()
            .filter_map(|e| evidence.get(*e).ok().map(|(ev, k)| (ev, k, *e)))
            .filter(|(ev, k, _)| {
                ev.incident == inc.seq
                    && !ev.via_legal_assistance
                    && !ev.burnt
                    && !k.0.contains(actor)
            })
            .map(|(ev, _, e)| (ev.difficulty, ev.seq, e))
            .collect();
        candidates.sort();
        let upheld = |r: Resolution| {
            r.norm(
                INVESTIGATE_13B,
                say!("gathers information before drawing conclusions"),
            )
        };
        let Some((difficulty, _, found)) = candidates.first().copied() else {
            rec.order(
                actor,
                &order,
                upheld(Resolution::no_effect(Unmet::NothingToFind, me)),
                say!(
                    "{0} investigates {1}: nothing more to find",
                    name,
                    &inc.name
                ),
            );
            continue;
        };
        let chance = find_chance(actors.vars(actor).technical_capacity, difficulty);
        let roll = rng.0.random_range(0..100u32);
        if roll < chance {
            if let Ok((ev, mut known)) = evidence.get_mut(found) {
                known.0.insert(actor);
                let r = upheld(Resolution::done(
                    say!(
                        "found evidence: {0} (reliability {1}; chance {2}%, rolled {3})",
                        Arg::Phrase(ev.text.clone()),
                        Arg::term(ev.reliability.term()),
                        chance,
                        roll
                    ),
                    me,
                ));
                rec.order(
                    actor,
                    &order,
                    r,
                    say!(
                        "{0} investigates {1} and finds: {2}",
                        name,
                        &inc.name,
                        &ev.text
                    ),
                );
            }
        } else {
            let r = upheld(Resolution::no_effect(Unmet::NotFound { chance, roll }, me));
            rec.order(
                actor,
                &order,
                r,
                say!("{0} investigates {1}: nothing new yet", name, &inc.name),
            );
        }
    }
}

/// Resolution: evidence passed to another seat (13a cooperation).
#[allow(clippy::too_many_arguments)]
pub(crate) fn share_evidence(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    mut index: ResMut<IncidentIndex>,
    mut evidence: Query<(&mut Evidence, &mut KnownBy)>,
    mut incidents: Query<&mut Incident>,
    mut rng: ResMut<SimRng>,
    mut commands: Commands,
) {
    for (actor, order) in accepted.of(OrderKind::ShareEvidence) {
        let Order::ShareEvidence {
            evidence: key,
            with,
            sanitised,
        } = &order
        else {
            continue;
        };
        let Some(to) = actors.catalog.actor(with) else {
            continue;
        };
        let parties = Visibility::Actors(ActorSet::one(actor).with(to));
        let name = actors.catalog.named(actor);
        let Some(e) = index.evidence(key) else {
            continue;
        };
        let Ok((ev, known)) = evidence.get(e) else {
            continue;
        };
        if !known.0.contains(actor) {
            rec.order(
                actor,
                &order,
                Resolution::refused(
                    Unmet::EvidenceNotHeld,
                    Visibility::Actors(ActorSet::one(actor)),
                ),
                say!("{0} tried to share evidence it does not hold", name),
            );
            continue;
        }
        let ev = ev.clone();
        // Evidence about an incident tells the recipient the incident happened.
        if let Some(Ok(mut inc)) = index.by_seq(ev.incident).map(|e| incidents.get_mut(e)) {
            inc.seen_by.insert(to);
        }
        actors.relations.add_trust(actor, to, 4);
        let reason = if *sanitised {
            // A sanitised copy: a new item, one step less reliable, held by the recipient.
            let copy_key = format!("{}~{}", ev.key, actors.catalog.actor_key(to));
            if index.evidence(&copy_key).is_none() {
                let seq = index.evidence_order.len() as u16;
                let copy = commands
                    .spawn((
                        Evidence {
                            key: copy_key.clone(),
                            seq,
                            incident: ev.incident,
                            text: say!("sanitised: {0}", Arg::Phrase(ev.text.clone())),
                            points_to: ev.points_to,
                            reliability: match ev.reliability {
                                Reliability::High => Reliability::Moderate,
                                _ => Reliability::Low,
                            },
                            layer: ev.layer,
                            false_flag: ev.false_flag,
                            difficulty: 100,
                            via_legal_assistance: false,
                            initially_known: ActorSet::default(),
                            sensitive: None,
                            burnt: false,
                            held_by: None,
                            kept_until: None,
                            preserved_for: ActorSet::default(),
                        },
                        KnownBy(ActorSet::one(to)),
                    ))
                    .id();
                index.evidence.insert(copy_key, copy);
                index.evidence_order.push(copy);
            }
            say!(
                "{0} now holds a sanitised copy, less reliable: {1}",
                actors.catalog.named(to),
                Arg::Phrase(ev.text.clone())
            )
        } else {
            if let Ok((_, mut known)) = evidence.get_mut(e) {
                known.0.insert(to);
            }
            // Sharing a sensitive item in full may burn its source: what it has not yet
            // yielded on this incident can no longer be found.
            let burnt = ev
                .sensitive
                .is_some_and(|risk| rng.0.random_range(0..100) < risk.min(100));
            if burnt {
                for &x in &index.evidence_order {
                    if let Ok((mut other, k)) = evidence.get_mut(x)
                        && other.incident == ev.incident
                        && (x == e || (other.sensitive.is_some() && !k.0.contains(actor)))
                    {
                        other.burnt = true;
                    }
                }
                say!(
                    "{0} now holds this evidence: {1}; the source was burnt: what it had not yet yielded is lost",
                    actors.catalog.named(to),
                    Arg::Phrase(ev.text.clone())
                )
            } else {
                say!(
                    "{0} now holds this evidence: {1}",
                    actors.catalog.named(to),
                    Arg::Phrase(ev.text.clone())
                )
            }
        };
        // Sharing indicators is cooperation (13a); 13j is about reporting vulnerabilities.
        let r = Resolution::done(reason, parties).norm(
            SHARE_13A,
            say!("shares information to help a partner understand an incident"),
        );
        rec.order(
            actor,
            &order,
            r,
            say!(
                "{0} shares evidence with {1}: {2}",
                name,
                actors.catalog.named(to),
                &ev.text
            ),
        );
    }
}

/// Confidence from the reliabilities of the items behind a case: low with any item,
/// moderate with a moderate item or two items, high with a high item and another.
pub fn confidence_of(items: &[Reliability]) -> Option<Confidence> {
    let highs = items.iter().filter(|r| **r == Reliability::High).count();
    let moderate_plus = items
        .iter()
        .filter(|r| **r >= Reliability::Moderate)
        .count();
    if highs >= 1 && items.len() >= 2 {
        Some(Confidence::High)
    } else if moderate_plus >= 1 || items.len() >= 2 {
        Some(Confidence::Moderate)
    } else if !items.is_empty() {
        Some(Confidence::Low)
    } else {
        None
    }
}

/// Scale a harmful change to infrastructure or economy by the target's resilience.
pub fn cushioned(delta: i32, resilience: i32) -> i32 {
    if delta >= 0 {
        delta
    } else {
        let scaled = delta as i64 * (150 - resilience.clamp(0, 100) as i64) / 100;
        scaled.clamp(i32::MIN as i64, 0) as i32
    }
}

pub fn harm_var(var: Var) -> bool {
    matches!(var, Var::Infrastructure | Var::Economy)
}

pub(super) fn plugin(app: &mut App) {
    super::scratch::<IncidentIndex>(app);
    super::entities::<Incident>(app, |w, out| {
        let order = w
            .get_resource::<IncidentIndex>()
            .map(|i| i.incident_order.as_slice());
        let both: Vec<_> = order
            .unwrap_or_default()
            .iter()
            .filter_map(|e| Some((w.get::<Incident>(*e)?, w.get::<Authorship>(*e)?)))
            .collect();
        super::write(out, &both)
    });
    super::entities::<Evidence>(app, |w, out| {
        let order = w
            .get_resource::<IncidentIndex>()
            .map(|i| i.evidence_order.as_slice());
        let both: Vec<_> = order
            .unwrap_or_default()
            .iter()
            .filter_map(|e| Some((w.get::<Evidence>(*e)?, w.get::<KnownBy>(*e)?)))
            .collect();
        super::write(out, &both)
    });
    app.add_systems(
        Briefing,
        incidents_at_briefing.in_set(BriefingStep::Incidents),
    );
    app.add_systems(
        Resolve,
        (investigate, share_evidence)
            .chain()
            .in_set(ResolveStep::Evidence),
    );
}
