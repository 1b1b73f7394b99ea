//! Checks every reference and range in a parsed scenario. Serde gives positions only for
//! syntax errors, so semantic problems are located by finding the item's `id` and the
//! offending value in the source text.

use std::collections::{BTreeMap, BTreeSet};

use super::load::line_col;
use super::schema::*;

/// Deepest condition nesting the engine evaluates.
pub const MAX_CONDITION_DEPTH: usize = 32;
pub const MAX_ACTORS: usize = 64;
pub const MAX_TURNS: u32 = 200;
pub const NORM_IDS: [&str; 11] = [
    "13a", "13b", "13c", "13d", "13e", "13f", "13g", "13h", "13i", "13j", "13k",
];

pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Where a problem sits: a top-level section, optionally an item by id (the nth with that
/// id, for duplicates) and a quoted value inside it.
#[derive(Clone, Default)]
struct Place<'a> {
    section: &'a str,
    item: Option<(&'a str, usize)>,
    value: Option<&'a str>,
}

struct Checker<'a> {
    src: &'a str,
    sc: &'a Scenario,
    problems: Vec<Problem>,
    actors: BTreeMap<&'a str, &'a ActorDef>,
    incidents: BTreeMap<&'a str, &'a IncidentDef>,
    evidence: BTreeMap<&'a str, &'a str>,
    injects: BTreeMap<&'a str, &'a InjectDef>,
    institutions: BTreeMap<&'a str, &'a InstitutionDef>,
    entities: BTreeSet<&'a str>,
}

pub fn validate(sc: &Scenario, src: &str) -> Vec<Problem> {
    let mut c = Checker {
        src,
        sc,
        problems: Vec::new(),
        actors: sc.actors.iter().map(|a| (a.id.as_str(), a)).collect(),
        incidents: sc.incidents.iter().map(|i| (i.id.as_str(), i)).collect(),
        evidence: sc
            .incidents
            .iter()
            .flat_map(|i| {
                i.evidence
                    .iter()
                    .map(move |e| (e.id.as_str(), i.id.as_str()))
            })
            .collect(),
        injects: sc.injects.iter().map(|i| (i.id.as_str(), i)).collect(),
        institutions: sc.institutions.iter().map(|i| (i.id.as_str(), i)).collect(),
        entities: sc.entities.iter().map(|e| e.id.as_str()).collect(),
    };
    c.check_all();
    c.problems.sort_by_key(|p| (p.line, p.column));
    c.problems
}

impl<'a> Checker<'a> {
    fn at(&mut self, place: Place<'_>, message: String) {
        let offset = self.locate(&place);
        let (line, column) = line_col(self.src, offset);
        self.problems.push(Problem {
            line,
            column,
            message,
        });
    }

    fn locate(&self, place: &Place<'_>) -> usize {
        let src = self.src;
        let mut pos = find_key(src, 0, place.section).unwrap_or(0);
        if let Some((id, nth)) = place.item {
            let mut from = pos;
            let mut found = None;
            for _ in 0..=nth {
                match find_id(src, from, id) {
                    Some(p) => {
                        found = Some(p);
                        from = p + 1;
                    }
                    None => break,
                }
            }
            if let Some(p) = found {
                pos = p;
            }
        }
        if let Some(value) = place.value {
            let quoted = format!("\"{value}\"");
            if let Some(p) = src[pos..].find(&quoted) {
                pos += p;
            } else if let Some(p) = find_word(src, pos, value) {
                pos = p;
            }
        }
        pos
    }

    fn check_all(&mut self) {
        let sc = self.sc;
        if sc.id.trim().is_empty() {
            self.at(
                place("id", None, None),
                "expected a non-empty scenario id".into(),
            );
        }
        if sc.turns == 0 || sc.turns > MAX_TURNS {
            self.at(
                place("turns", None, None),
                format!(
                    "expected turns between 1 and {MAX_TURNS}, found {}",
                    sc.turns
                ),
            );
        }
        self.check_ids();
        self.check_actors();
        self.check_entities();
        self.check_relations();
        self.check_institutions();
        self.check_seats();
        self.check_incidents();
        self.check_injects();
        self.check_orders();
        self.check_endings();
    }

    fn check_ids(&mut self) {
        let sc = self.sc;
        let lists: Vec<(&str, &str, Vec<&str>)> = vec![
            (
                "actors",
                "actor",
                sc.actors.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "entities",
                "entity",
                sc.entities.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "institutions",
                "institution",
                sc.institutions.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "seats",
                "seat",
                sc.seats.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "incidents",
                "incident",
                sc.incidents.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "incidents",
                "evidence",
                sc.incidents
                    .iter()
                    .flat_map(|i| i.evidence.iter().map(|e| e.id.as_str()))
                    .collect(),
            ),
            (
                "injects",
                "inject",
                sc.injects.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "endings",
                "ending",
                sc.endings.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "learning_objectives",
                "learning objective",
                sc.learning_objectives
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect(),
            ),
        ];
        for (section, what, ids) in lists {
            let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
            for id in ids {
                if id.trim().is_empty() {
                    self.at(
                        place(section, None, None),
                        format!("expected a non-empty {what} id"),
                    );
                    continue;
                }
                let n = seen.entry(id).or_insert(0);
                *n += 1;
                if *n == 2 {
                    self.at(
                        Place {
                            section,
                            item: Some((id, 1)),
                            value: None,
                        },
                        format!(
                            "duplicate {what} id \"{id}\"; expected every {what} id to be unique"
                        ),
                    );
                }
            }
        }
        if sc.actors.len() > MAX_ACTORS {
            self.at(
                place("actors", None, None),
                format!(
                    "expected at most {MAX_ACTORS} actors, found {}",
                    sc.actors.len()
                ),
            );
        }
    }

    fn actor_ref(&mut self, section: &str, item: &str, id: &str, what: &str) -> bool {
        if self.actors.contains_key(id) {
            return true;
        }
        self.at(
            place(section, Some(item), Some(id)),
            format!(
                "unknown actor \"{id}\" in {what}; expected one of: {}",
                self.known_actors()
            ),
        );
        false
    }

    fn known_actors(&self) -> String {
        let mut s: Vec<&str> = self.actors.keys().copied().collect();
        s.truncate(12);
        s.join(", ")
    }

    fn state_ref(&mut self, section: &str, item: &str, id: &str, what: &str) {
        if self.actor_ref(section, item, id, what)
            && self
                .actors
                .get(id)
                .is_some_and(|a| a.kind != ActorKind::State)
        {
            self.at(
                place(section, Some(item), Some(id)),
                format!("\"{id}\" in {what} is not a state; expected a state actor"),
            );
        }
    }

    fn range(&mut self, section: &str, item: &str, field: &str, v: i32) {
        if !(0..=100).contains(&v) {
            self.at(
                place(section, Some(item), Some(field)),
                format!("{field} of \"{item}\" is {v}; expected a value from 0 to 100"),
            );
        }
    }

    fn check_actors(&mut self) {
        for a in &self.sc.actors {
            for var in Var::ALL {
                let v = a.start.get(var);
                let field = format!("{var:?}");
                let field = snake(&field);
                self.range("actors", &a.id, &field, v);
            }
            self.range("actors", &a.id, "risk_appetite", a.doctrine.risk_appetite);
            self.range(
                "actors",
                &a.id,
                "alliance_loyalty",
                a.doctrine.alliance_loyalty,
            );
            self.range("actors", &a.id, "norm_respect", a.doctrine.norm_respect);
            if !(a.population.is_finite() && a.population >= 0.0) {
                self.at(
                    place("actors", Some(&a.id), Some("population")),
                    "expected a population (millions) of 0 or more".into(),
                );
            }
            if let Some(problem) = a.place.as_ref().and_then(|p| p.problem()) {
                self.at(place("actors", Some(&a.id), Some("place")), problem);
            }
            match (&a.kind, &a.sponsor) {
                (ActorKind::State, Some(s)) => self.at(
                    place("actors", Some(&a.id), Some(s)),
                    format!("state \"{}\" has a sponsor; expected sponsor only on proxies and criminal groups", a.id),
                ),
                (_, Some(s)) => {
                    let s = s.clone();
                    self.state_ref("actors", &a.id, &s, "sponsor");
                }
                _ => {}
            }
        }
    }

    fn check_entities(&mut self) {
        for e in &self.sc.entities {
            if let Some(a) = &e.affiliation {
                self.actor_ref("entities", &e.id, a, "affiliation");
            }
            for i in &e.incidents {
                self.incident_ref("entities", &e.id, i);
            }
        }
    }

    fn incident_ref(&mut self, section: &str, item: &str, id: &str) -> bool {
        if self.incidents.contains_key(id) {
            return true;
        }
        let known: Vec<&str> = self.incidents.keys().copied().take(12).collect();
        self.at(
            place(section, Some(item), Some(id)),
            format!(
                "unknown incident \"{id}\"; expected one of: {}",
                known.join(", ")
            ),
        );
        false
    }

    fn check_relations(&mut self) {
        let mut seen = BTreeSet::new();
        for r in &self.sc.relations {
            let item = r.a.as_str();
            let ok = self.actor_ref("relations", item, &r.a, "relation")
                & self.actor_ref("relations", item, &r.b, "relation");
            if ok && r.a == r.b {
                self.at(
                    place("relations", None, Some(&r.b)),
                    format!(
                        "relation of \"{}\" with itself; expected two different actors",
                        r.a
                    ),
                );
            }
            let key = if r.a < r.b {
                (&r.a, &r.b)
            } else {
                (&r.b, &r.a)
            };
            if !seen.insert(key) {
                self.at(
                    place("relations", None, Some(&r.b)),
                    format!(
                        "relation {} – {} given twice; expected each pair once",
                        r.a, r.b
                    ),
                );
            }
            for (f, v) in [("trust", r.trust), ("tension", r.tension)] {
                if !(0..=100).contains(&v) {
                    self.at(
                        place("relations", None, Some(&r.b)),
                        format!("{f} between {} and {} is {v}; expected 0 to 100", r.a, r.b),
                    );
                }
            }
        }
    }

    fn check_institutions(&mut self) {
        for inst in &self.sc.institutions {
            let id = inst.id.as_str();
            if inst.members.is_empty() {
                self.at(
                    place("institutions", Some(id), None),
                    format!("institution \"{id}\" has no members; expected at least one"),
                );
            }
            let mut seen = BTreeSet::new();
            for m in &inst.members {
                self.state_ref("institutions", id, m, "members");
                if !seen.insert(m) {
                    self.at(
                        place("institutions", Some(id), Some(m)),
                        format!("member \"{m}\" listed twice in \"{id}\""),
                    );
                }
            }
            for p in &inst.permanent {
                if !inst.members.contains(p) {
                    self.at(
                        place("institutions", Some(id), Some(p)),
                        format!("permanent member \"{p}\" of \"{id}\" is not among its members; expected a member"),
                    );
                }
            }
            if !inst.permanent.is_empty()
                && !matches!(inst.rule, DecisionRule::SecurityCouncil { .. })
            {
                self.at(
                    place("institutions", Some(id), Some("permanent")),
                    format!("\"{id}\" names permanent members but its rule is not SecurityCouncil; a veto exists only under that rule"),
                );
            }
            if inst.powers.is_empty() {
                self.at(place("institutions", Some(id), Some("powers")), format!("\"{id}\" has no powers; expected at least one (Listing, AttributionStatement, Statement, Consultation, CollectiveDefence, Resolution)"));
            }
            for rule in std::iter::once(&inst.rule).chain(inst.implementing_rule.iter()) {
                match *rule {
                    DecisionRule::QualifiedMajority {
                        members_pct,
                        population_pct,
                        ..
                    } if members_pct == 0 || members_pct > 100 || population_pct > 100 => {
                        self.at(
                            place("institutions", Some(id), Some("QualifiedMajority")),
                            "expected percentages from 1 to 100".into(),
                        );
                    }
                    DecisionRule::SecurityCouncil { votes_needed }
                        if votes_needed == 0 || votes_needed as usize > inst.members.len() =>
                    {
                        self.at(
                            place("institutions", Some(id), Some("votes_needed")),
                            format!("votes_needed is {votes_needed} but \"{id}\" has {} members; expected 1 to the number of members", inst.members.len()),
                        );
                    }
                    _ => {}
                }
            }
            if inst.implementing_rule.is_some() && !inst.powers.contains(&Power::Listing) {
                self.at(place("institutions", Some(id), Some("implementing_rule")), format!("\"{id}\" has an implementing_rule but no Listing power; the implementing rule applies only to listings"));
            }
        }
    }

    fn check_seats(&mut self) {
        if self.sc.seats.is_empty() {
            self.at(
                place("seats", None, None),
                "expected at least one seat".into(),
            );
        }
        let mut used = BTreeMap::new();
        for s in &self.sc.seats {
            self.state_ref("seats", &s.id, &s.actor, "seat actor");
            if let Some(other) = used.insert(s.actor.as_str(), s.id.as_str()) {
                self.at(
                    place("seats", Some(&s.id), Some(&s.actor)),
                    format!(
                        "actor \"{}\" already has seat \"{other}\"; expected one seat per actor",
                        s.actor
                    ),
                );
            }
            let mut ids = BTreeSet::new();
            for o in &s.objectives {
                if !ids.insert(o.id.as_str()) {
                    self.at(
                        place("seats", Some(&o.id), None),
                        format!("duplicate objective id \"{}\" in seat \"{}\"", o.id, s.id),
                    );
                }
                self.condition("seats", &o.id, &o.condition, 0);
                if !self.can_hold(&o.condition, &mut Vec::new()) {
                    self.at(
                        place("seats", Some(&o.id), None),
                        format!("objective \"{}\" can never be met", o.id),
                    );
                }
            }
        }
    }

    fn check_incidents(&mut self) {
        let turns = self.sc.turns;
        for inc in &self.sc.incidents {
            let id = inc.id.as_str();
            self.actor_ref("incidents", id, &inc.author, "author");
            self.actor_ref("incidents", id, &inc.target, "target");
            if inc.author == inc.target {
                self.at(
                    place("incidents", Some(id), Some(&inc.target)),
                    format!("incident \"{id}\" has the same author and target"),
                );
            }
            if !(1..=5).contains(&inc.severity) {
                self.at(
                    place("incidents", Some(id), Some("severity")),
                    format!("severity of \"{id}\" is {}; expected 1 to 5", inc.severity),
                );
            }
            if inc.duration > MAX_TURNS {
                self.at(
                    place("incidents", Some(id), Some("duration")),
                    format!(
                        "duration of \"{id}\" is {}; expected at most {MAX_TURNS} turns",
                        inc.duration
                    ),
                );
            }
            if inc.duration == 0 {
                self.at(
                    place("incidents", Some(id), Some("duration")),
                    format!("duration of \"{id}\" is 0; expected at least 1 turn"),
                );
            }
            match inc.start_turn {
                Some(t) if t == 0 || t > turns => self.at(
                    place("incidents", Some(id), Some("start_turn")),
                    format!("incident \"{id}\" starts at turn {t}; expected a turn from 1 to {turns}"),
                ),
                None if !self.started_by_inject(id) => self.at(
                    place("incidents", Some(id), None),
                    format!("incident \"{id}\" never starts: expected a start_turn or an inject with StartIncident(\"{id}\")"),
                ),
                _ => {}
            }
            for e in &inc.effects {
                self.effect("incidents", id, e);
            }
            for ev in &inc.evidence {
                self.actor_ref("incidents", &ev.id, &ev.points_to, "points_to");
                for k in &ev.known_to {
                    self.actor_ref("incidents", &ev.id, k, "known_to");
                }
                if ev.difficulty > 100 {
                    self.at(
                        place("incidents", Some(&ev.id), Some("difficulty")),
                        format!(
                            "difficulty of \"{}\" is {}; expected 0 to 100",
                            ev.id, ev.difficulty
                        ),
                    );
                }
            }
        }
    }

    fn started_by_inject(&self, incident: &str) -> bool {
        self.sc.injects.iter().any(|i| {
            i.effects
                .iter()
                .any(|e| matches!(e, Effect::StartIncident(x) if x == incident))
        })
    }

    fn check_injects(&mut self) {
        let turns = self.sc.turns;
        for inj in &self.sc.injects {
            let id = inj.id.as_str();
            match &inj.trigger {
                Trigger::At(t) => {
                    if *t == 0 || *t > turns {
                        self.at(
                            place("injects", Some(id), Some("At")),
                            format!("inject \"{id}\" can never fire: At({t}) is outside turns 1 to {turns}"),
                        );
                    }
                }
                Trigger::When(c) => {
                    self.condition("injects", id, c, 0);
                    if !self.can_hold(c, &mut vec![id]) {
                        self.at(
                            place("injects", Some(id), Some("When")),
                            format!("inject \"{id}\" can never fire: its condition can never hold"),
                        );
                    }
                }
            }
            if let Audience::Actors(list) = &inj.audience {
                for a in list {
                    self.actor_ref("injects", id, a, "audience");
                }
            }
            for e in &inj.effects {
                self.effect("injects", id, e);
            }
        }
    }

    fn check_orders(&mut self) {
        let mut seen: BTreeSet<(OrderKind, &str)> = BTreeSet::new();
        for o in &self.sc.orders {
            let item = format!("{:?}", o.order);
            for a in &o.actors {
                self.actor_ref("orders", &item, a, "orders");
            }
            let keys: Vec<&str> = if o.actors.is_empty() {
                vec![""]
            } else {
                o.actors.iter().map(|s| s.as_str()).collect()
            };
            for k in keys {
                if !seen.insert((o.order, k)) {
                    self.at(
                        place("orders", None, Some(&item)),
                        format!(
                            "order {item} has two costs for {}; expected one",
                            if k.is_empty() { "everyone" } else { k }
                        ),
                    );
                }
            }
            if !(0..=100).contains(&o.capital) || !(0..=100).contains(&o.capacity) {
                self.at(
                    place("orders", None, Some(&item)),
                    format!("cost of {item} must be 0 to 100"),
                );
            }
        }
    }

    fn check_endings(&mut self) {
        if self.sc.endings.is_empty() {
            self.at(
                place("endings", None, None),
                "expected at least one ending".into(),
            );
        }
        for e in &self.sc.endings {
            self.condition("endings", &e.id, &e.condition, 0);
        }
        for lo in &self.sc.learning_objectives {
            self.condition("learning_objectives", &lo.id, &lo.condition, 0);
        }
    }

    fn effect(&mut self, section: &str, item: &str, e: &Effect) {
        if let Effect::Var { delta, .. }
        | Effect::Trust { delta, .. }
        | Effect::Tension { delta, .. } = e
            && !(-100..=100).contains(delta)
        {
            self.at(
                place(section, Some(item), Some("delta")),
                format!("delta {delta} in \"{item}\"; expected a change from -100 to 100"),
            );
        }
        match e {
            Effect::StartIncident(i) | Effect::EndIncident(i) => {
                self.incident_ref(section, item, i);
            }
            Effect::RevealEvidence { evidence, to } => {
                if !self.evidence.contains_key(evidence.as_str()) {
                    self.at(place(section, Some(item), Some(evidence)), format!("unknown evidence \"{evidence}\"; expected an evidence id from an incident"));
                }
                for a in to {
                    self.actor_ref(section, item, a, "RevealEvidence");
                }
            }
            Effect::Var { actor, .. } => {
                self.actor_ref(section, item, actor, "Var");
            }
            Effect::Trust { a, b, .. } | Effect::Tension { a, b, .. } => {
                self.actor_ref(section, item, a, "relation effect");
                self.actor_ref(section, item, b, "relation effect");
            }
        }
    }

    fn condition(&mut self, section: &str, item: &str, c: &Condition, depth: usize) {
        if depth > MAX_CONDITION_DEPTH {
            self.at(
                place(section, Some(item), None),
                format!("condition nested deeper than {MAX_CONDITION_DEPTH}; expected a flatter condition"),
            );
            return;
        }
        match c {
            Condition::Always | Condition::TurnAtLeast(_) => {}
            Condition::All(list) | Condition::Any(list) => {
                for x in list {
                    self.condition(section, item, x, depth + 1);
                }
            }
            Condition::Not(x) => self.condition(section, item, x, depth + 1),
            Condition::Var { actor, .. } => {
                self.actor_ref(section, item, actor, "condition");
            }
            Condition::Tension { a, b, .. } | Condition::Trust { a, b, .. } => {
                self.actor_ref(section, item, a, "condition");
                self.actor_ref(section, item, b, "condition");
            }
            Condition::IncidentStarted(i) => {
                self.incident_ref(section, item, i);
            }
            Condition::Ladder { incident: i, .. } => {
                self.incident_ref(section, item, i);
                // The engine's assessment is hidden from the players: anything they can see
                // (an inject, an objective, an ending) must not turn on it.
                if section != "learning_objectives" {
                    self.at(
                        place(section, Some(item), None),
                        "Ladder tests the engine's own legal assessment, which the players never see; expected it only in learning_objectives (test what the seats did instead, e.g. Attributed or ProposalPassed)".to_string(),
                    );
                }
            }
            Condition::JointAttribution { incident, .. } => {
                self.incident_ref(section, item, incident);
            }
            Condition::InjectFired(i) => {
                if !self.injects.contains_key(i.as_str()) {
                    self.at(
                        place(section, Some(item), Some(i)),
                        format!("unknown inject \"{i}\"; expected an inject id"),
                    );
                }
            }
            Condition::Attributed {
                incident,
                by,
                to,
                claim,
                ..
            } => {
                self.incident_ref(section, item, incident);
                for a in by.iter().chain(to.iter()) {
                    self.actor_ref(section, item, a, "Attributed");
                }
                // A claim names a state, except the operational one, which names a group:
                // a condition asking for another pairing could never hold.
                if let (Some(claim), Some(to)) = (claim, to)
                    && let Some(a) = self.actors.get(to.as_str())
                    && claim.names_a_state() != (a.kind == ActorKind::State)
                {
                    self.at(
                        place(section, Some(item), Some(to)),
                        format!(
                            "Attributed names \"{to}\" with the claim {claim:?}, which no attribution can make; expected a state for Infrastructure, Responsibility or DueDiligence, a group for Operator"
                        ),
                    );
                }
            }
            Condition::ProposalPassed { institution, .. }
            | Condition::ProposalFailed { institution, .. } => {
                if !self.institutions.contains_key(institution.as_str()) {
                    self.at(
                        place(section, Some(item), Some(institution)),
                        format!(
                            "unknown institution \"{institution}\"; expected an institution id"
                        ),
                    );
                }
            }
            Condition::Listed(e) => {
                if !self.entities.contains(e.as_str()) {
                    self.at(
                        place(section, Some(item), Some(e)),
                        format!("unknown entity \"{e}\"; expected an id from `entities`"),
                    );
                }
            }
            Condition::OrderUsed { by, .. } => {
                if let Some(a) = by {
                    self.actor_ref(section, item, a, "OrderUsed");
                }
            }
            Condition::NormUpheld { actor, norm } | Condition::NormBreached { actor, norm } => {
                self.actor_ref(section, item, actor, "norm condition");
                if !NORM_IDS.contains(&norm.as_str()) {
                    self.at(
                        place(section, Some(item), Some(norm)),
                        format!("unknown norm \"{norm}\"; expected one of 13a to 13k"),
                    );
                }
            }
            Condition::EvidenceHeld { actor, evidence } => {
                self.actor_ref(section, item, actor, "EvidenceHeld");
                if !self.evidence.contains_key(evidence.as_str()) {
                    self.at(
                        place(section, Some(item), Some(evidence)),
                        format!("unknown evidence \"{evidence}\"; expected an evidence id"),
                    );
                }
            }
            Condition::Assisted { actor } => {
                self.actor_ref(section, item, actor, "Assisted");
            }
        }
    }

    /// Could this condition ever hold? Conservative: false only when it certainly cannot.
    /// `firing` holds the injects being asked about, so that cycles count as never.
    fn can_hold(&self, c: &Condition, firing: &mut Vec<&'a str>) -> bool {
        let sc = self.sc;
        let range_ok = |lo: &Option<i32>, hi: &Option<i32>| {
            lo.is_none_or(|l| l <= 100)
                && hi.is_none_or(|h| h >= 0)
                && match (lo, hi) {
                    (Some(l), Some(h)) => l <= h,
                    _ => true,
                }
        };
        if firing.len() > MAX_CONDITION_DEPTH {
            return true;
        }
        match c {
            Condition::Always => true,
            Condition::TurnAtLeast(t) => *t <= sc.turns,
            Condition::All(list) => list.iter().all(|x| self.can_hold(x, firing)),
            Condition::Any(list) => list.iter().any(|x| self.can_hold(x, firing)),
            Condition::Not(x) => !matches!(**x, Condition::Always),
            Condition::Var {
                at_least, at_most, ..
            }
            | Condition::Tension {
                at_least, at_most, ..
            }
            | Condition::Trust {
                at_least, at_most, ..
            } => range_ok(at_least, at_most),
            Condition::IncidentStarted(i) => self.incident_can_start(i, firing),
            Condition::InjectFired(i) => {
                let Some((&key, inj)) = self.injects.get_key_value(i.as_str()) else {
                    return false;
                };
                if firing.contains(&key) {
                    return false;
                }
                match &inj.trigger {
                    Trigger::At(t) => *t >= 1 && *t <= sc.turns,
                    Trigger::When(c) => {
                        firing.push(key);
                        let ok = self.can_hold(c, firing);
                        firing.pop();
                        ok
                    }
                }
            }
            Condition::Attributed { incident, .. } | Condition::Ladder { incident, .. } => {
                self.incident_can_start(incident, firing)
            }
            Condition::JointAttribution { incident, partners } => {
                let states = sc
                    .actors
                    .iter()
                    .filter(|a| a.kind == ActorKind::State)
                    .count();
                (*partners as usize) <= states && self.incident_can_start(incident, firing)
            }
            Condition::ProposalPassed { institution, kind }
            | Condition::ProposalFailed { institution, kind } => self
                .institutions
                .get(institution.as_str())
                .is_some_and(|i| i.powers.contains(&power_for(*kind))),
            Condition::Listed(_) => sc
                .institutions
                .iter()
                .any(|i| i.powers.contains(&Power::Listing)),
            Condition::OrderUsed { .. }
            | Condition::NormUpheld { .. }
            | Condition::NormBreached { .. }
            | Condition::EvidenceHeld { .. }
            | Condition::Assisted { .. } => true,
        }
    }

    fn incident_can_start(&self, incident: &str, firing: &mut Vec<&'a str>) -> bool {
        let Some(inc) = self.incidents.get(incident) else {
            return false;
        };
        if inc.start_turn.is_some_and(|t| t >= 1 && t <= self.sc.turns) {
            return true;
        }
        let starters: Vec<&'a str> = self
            .sc
            .injects
            .iter()
            .filter(|i| {
                i.effects
                    .iter()
                    .any(|e| matches!(e, Effect::StartIncident(x) if x == incident))
            })
            .map(|i| i.id.as_str())
            .collect();
        starters
            .into_iter()
            .any(|id| self.can_hold(&Condition::InjectFired(id.to_string()), firing))
    }
}

/// The power an institution needs to decide a proposal of this kind.
pub fn power_for(kind: ProposalKind) -> Power {
    match kind {
        ProposalKind::Listing => Power::Listing,
        ProposalKind::AttributionStatement => Power::AttributionStatement,
        ProposalKind::Condemnation | ProposalKind::Solidarity => Power::Statement,
        ProposalKind::Consultation => Power::Consultation,
        ProposalKind::CollectiveDefence => Power::CollectiveDefence,
        ProposalKind::Resolution => Power::Resolution,
    }
}

fn place<'p>(section: &'p str, item: Option<&'p str>, value: Option<&'p str>) -> Place<'p> {
    Place {
        section,
        item: item.map(|i| (i, 0)),
        value,
    }
}

fn snake(camel: &str) -> String {
    let mut out = String::new();
    for (i, ch) in camel.chars().enumerate() {
        if ch.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(ch.to_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Finds `key:` as a whole word from `from`.
fn find_key(src: &str, from: usize, key: &str) -> Option<usize> {
    let mut start = from;
    while let Some(p) = src.get(start..)?.find(key) {
        let at = start + p;
        let before_ok = at == 0 || !is_ident(src.as_bytes()[at - 1]);
        let rest = &src[at + key.len()..];
        if before_ok && rest.trim_start().starts_with(':') {
            return Some(at);
        }
        start = at + key.len();
    }
    None
}

/// Finds `id: "value"` from `from`.
fn find_id(src: &str, from: usize, id: &str) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    let mut start = from;
    loop {
        let at = find_key(src, start, "id")?;
        let rest = src[at + 2..].trim_start();
        let rest = rest.strip_prefix(':')?.trim_start();
        if rest.starts_with(&quoted) {
            return Some(at);
        }
        start = at + 2;
    }
}

fn find_word(src: &str, from: usize, word: &str) -> Option<usize> {
    let mut start = from;
    while let Some(p) = src.get(start..)?.find(word) {
        let at = start + p;
        let end = at + word.len();
        let before_ok = at == 0 || !is_ident(src.as_bytes()[at - 1]);
        let after_ok = end >= src.len() || !is_ident(src.as_bytes()[end]);
        if before_ok && after_ok {
            return Some(at);
        }
        start = end;
    }
    None
}
