//! Checks every reference and range in a parsed scenario. Serde gives positions only for
//! syntax errors, so semantic problems are located by finding the item's `id` and the
//! offending value in the source text.

use std::collections::{BTreeMap, BTreeSet};

use super::load::line_col;
use super::schema::*;
use crate::i18n::{Arg, Phrase};
use crate::say;

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
    pub message: Phrase,
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
    fn at(&mut self, place: Place<'_>, message: Phrase) {
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
                say!("expected a non-empty scenario id"),
            );
        }
        if sc.turns == 0 || sc.turns > MAX_TURNS {
            self.at(
                place("turns", None, None),
                say!(
                    "expected turns between 1 and {0}, found {1}",
                    MAX_TURNS,
                    sc.turns
                ),
            );
        }
        self.check_ids();
        self.check_spans();
        self.check_actors();
        self.check_entities();
        self.check_relations();
        self.check_institutions();
        self.check_seats();
        self.check_incidents();
        self.check_injects();
        self.check_orders();
        self.check_endings();
        self.check_audiences();
    }

    /// The audiences' ids: the scenario's, or the defaults (`public_<state>`, `media`).
    fn audience_ids(&self) -> Vec<String> {
        crate::sim::sphere::audiences(self.sc, |_| None)
            .into_iter()
            .map(|a| a.id)
            .collect()
    }

    fn audience_ref(&mut self, section: &str, item: &str, id: &str) {
        let known = self.audience_ids();
        if !known.iter().any(|k| k == id) {
            self.at(
                place(section, Some(item), Some(id)),
                say!(
                    "unknown audience \"{0}\"; expected one of: {1}",
                    Arg::id(id),
                    Arg::list(known.into_iter().take(12).map(Arg::id))
                ),
            );
        }
    }

    /// A topic or an incident: what a statement, a post or an audience's care concerns.
    fn subject_ref(&mut self, section: &str, item: &str, id: &str) {
        if !self.sc.topics.iter().any(|t| t.id == id) && !self.incidents.contains_key(id) {
            self.at(
                place(section, Some(item), Some(id)),
                say!(
                    "unknown topic \"{0}\"; expected a topic id or an incident id",
                    Arg::id(id)
                ),
            );
        }
    }

    fn check_audiences(&mut self) {
        let sc = self.sc;
        for a in &sc.audiences {
            if let Some(h) = &a.home {
                self.state_ref("audiences", &a.id, h, Arg::id("home"));
            }
            self.range("audiences", &a.id, "pride", a.pride);
            for (actor, v) in &a.standing {
                self.actor_ref("audiences", &a.id, actor, Arg::id("standing"));
                self.range("audiences", &a.id, "standing", *v);
            }
            for (topic, v) in &a.cares {
                self.subject_ref("audiences", &a.id, topic);
                self.range("audiences", &a.id, "cares", *v);
            }
        }
        for t in &sc.topics {
            if let Some(a) = &t.about {
                self.state_ref("topics", &t.id, a, Arg::id("about"));
            }
            if t.tag.en.trim().is_empty() || t.tag.en.contains(char::is_whitespace) {
                self.at(
                    place("topics", Some(&t.id), Some("tag")),
                    say!(
                        "the tag of \"{0}\" is empty or has spaces; expected one word, without '#'",
                        Arg::id(&t.id)
                    ),
                );
            }
        }
    }

    fn check_spans(&mut self) {
        let turns = self.sc.turns;
        let mut last = 0;
        for s in &self.sc.spans {
            if s.from == 0 || s.from > turns || s.from <= last {
                self.at(
                    place("spans", None, Some("from")),
                    say!(
                        "a span from turn {0}; expected turns from 1 to {1}, each span after the one before",
                        s.from,
                        turns
                    ),
                );
            }
            last = last.max(s.from);
            if s.income > 400 {
                self.at(
                    place("spans", None, Some("income")),
                    say!(
                        "income of {0} percent; expected 0 to 400 percent of the standard income",
                        s.income
                    ),
                );
            }
        }
    }

    fn check_ids(&mut self) {
        let sc = self.sc;
        // What each list holds, as a word of the sentence.
        let lists: Vec<(&str, Phrase, Vec<&str>)> = vec![
            (
                "actors",
                say!("actor"),
                sc.actors.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "entities",
                say!("entity"),
                sc.entities.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "institutions",
                say!("institution"),
                sc.institutions.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "seats",
                say!("seat"),
                sc.seats.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "incidents",
                say!("incident"),
                sc.incidents.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "incidents",
                say!("evidence"),
                sc.incidents
                    .iter()
                    .flat_map(|i| i.evidence.iter().map(|e| e.id.as_str()))
                    .collect(),
            ),
            (
                "injects",
                say!("inject"),
                sc.injects.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "audiences",
                say!("audience"),
                sc.audiences.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "topics",
                say!("topic"),
                sc.topics.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "endings",
                say!("ending"),
                sc.endings.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "learning_objectives",
                say!("learning objective"),
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
                        say!("expected a non-empty {0} id", &what),
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
                        say!(
                            "duplicate {0} id \"{1}\"; expected every {0} id to be unique",
                            &what,
                            Arg::id(id)
                        ),
                    );
                }
            }
        }
        if sc.actors.len() > MAX_ACTORS {
            self.at(
                place("actors", None, None),
                say!(
                    "expected at most {0} actors, found {1}",
                    MAX_ACTORS,
                    sc.actors.len()
                ),
            );
        }
    }

    /// `what` says where the reference is: a field or form of the file as it is written
    /// (`Arg::id("sponsor")`), or a word (`say!("condition")`).
    fn actor_ref(&mut self, section: &str, item: &str, id: &str, what: impl Into<Arg>) -> bool {
        if self.actors.contains_key(id) {
            return true;
        }
        let known = self.known_actors();
        self.at(
            place(section, Some(item), Some(id)),
            say!(
                "unknown actor \"{0}\" in {1}; expected one of: {2}",
                Arg::id(id),
                what,
                known
            ),
        );
        false
    }

    fn known_actors(&self) -> Arg {
        Arg::list(self.actors.keys().take(12).map(|a| Arg::id(*a)))
    }

    fn state_ref(&mut self, section: &str, item: &str, id: &str, what: impl Into<Arg>) {
        let what = what.into();
        if self.actor_ref(section, item, id, what.clone())
            && self
                .actors
                .get(id)
                .is_some_and(|a| a.kind != ActorKind::State)
        {
            self.at(
                place(section, Some(item), Some(id)),
                say!(
                    "\"{0}\" in {1} is not a state; expected a state actor",
                    Arg::id(id),
                    what
                ),
            );
        }
    }

    fn range(&mut self, section: &str, item: &str, field: &str, v: i32) {
        if !(0..=100).contains(&v) {
            self.at(
                place(section, Some(item), Some(field)),
                say!(
                    "{0} of \"{1}\" is {2}; expected a value from 0 to 100",
                    Arg::id(field),
                    Arg::id(item),
                    v
                ),
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
                    say!("expected a population (millions) of 0 or more"),
                );
            }
            if let Some(problem) = a.place.as_ref().and_then(|p| p.problem()) {
                self.at(place("actors", Some(&a.id), Some("place")), problem);
            }
            match (&a.kind, &a.sponsor) {
                (ActorKind::State, Some(s)) => self.at(
                    place("actors", Some(&a.id), Some(s)),
                    say!(
                        "state \"{0}\" has a sponsor; expected sponsor only on proxies, criminal groups, personas and companies",
                        Arg::id(&a.id)
                    ),
                ),
                (ActorKind::Persona, None) => self.at(
                    place("actors", Some(&a.id), Some("Persona")),
                    say!(
                        "persona \"{0}\" has no sponsor; expected the group or state behind it",
                        Arg::id(&a.id)
                    ),
                ),
                (ActorKind::Persona, Some(s))
                    if self.actor_ref("actors", &a.id, s, Arg::id("sponsor"))
                        && self.actors.get(s.as_str()).is_some_and(|x| {
                            matches!(x.kind, ActorKind::Persona | ActorKind::Company)
                        }) =>
                {
                    self.at(
                        place("actors", Some(&a.id), Some(s)),
                        say!(
                            "persona \"{0}\" fronts for \"{1}\", which is not a group or a state; expected the group or state behind it",
                            Arg::id(&a.id),
                            Arg::id(s)
                        ),
                    );
                }
                (ActorKind::Persona, Some(_)) => {}
                (_, Some(s)) => {
                    let s = s.clone();
                    self.state_ref("actors", &a.id, &s, Arg::id("sponsor"));
                }
                _ => {}
            }
        }
    }

    fn check_entities(&mut self) {
        for e in &self.sc.entities {
            if let Some(a) = &e.affiliation {
                self.actor_ref("entities", &e.id, a, Arg::id("affiliation"));
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
        let known = Arg::list(self.incidents.keys().take(12).map(|i| Arg::id(*i)));
        self.at(
            place(section, Some(item), Some(id)),
            say!(
                "unknown incident \"{0}\"; expected one of: {1}",
                Arg::id(id),
                known
            ),
        );
        false
    }

    fn check_relations(&mut self) {
        let mut seen = BTreeSet::new();
        for r in &self.sc.relations {
            let item = r.a.as_str();
            let ok = self.actor_ref("relations", item, &r.a, say!("relation"))
                & self.actor_ref("relations", item, &r.b, say!("relation"));
            if ok && r.a == r.b {
                self.at(
                    place("relations", None, Some(&r.b)),
                    say!(
                        "relation of \"{0}\" with itself; expected two different actors",
                        Arg::id(&r.a)
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
                    say!(
                        "relation {0} – {1} given twice; expected each pair once",
                        Arg::id(&r.a),
                        Arg::id(&r.b)
                    ),
                );
            }
            for (f, v) in [("trust", r.trust), ("tension", r.tension)] {
                if !(0..=100).contains(&v) {
                    self.at(
                        place("relations", None, Some(&r.b)),
                        say!(
                            "{0} between {1} and {2} is {3}; expected 0 to 100",
                            Arg::id(f),
                            Arg::id(&r.a),
                            Arg::id(&r.b),
                            v
                        ),
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
                    say!(
                        "institution \"{0}\" has no members; expected at least one",
                        Arg::id(id)
                    ),
                );
            }
            let mut seen = BTreeSet::new();
            for m in &inst.members {
                self.state_ref("institutions", id, m, Arg::id("members"));
                if !seen.insert(m) {
                    self.at(
                        place("institutions", Some(id), Some(m)),
                        say!(
                            "member \"{0}\" listed twice in \"{1}\"",
                            Arg::id(m),
                            Arg::id(id)
                        ),
                    );
                }
            }
            for p in &inst.permanent {
                if !inst.members.contains(p) {
                    self.at(
                        place("institutions", Some(id), Some(p)),
                        say!(
                            "permanent member \"{0}\" of \"{1}\" is not among its members; expected a member",
                            Arg::id(p),
                            Arg::id(id)
                        ),
                    );
                }
            }
            if !inst.permanent.is_empty()
                && !matches!(inst.rule, DecisionRule::SecurityCouncil { .. })
            {
                self.at(
                    place("institutions", Some(id), Some("permanent")),
                    say!(
                        "\"{0}\" names permanent members but its rule is not SecurityCouncil; a veto exists only under that rule",
                        Arg::id(id)
                    ),
                );
            }
            if inst.powers.is_empty() {
                self.at(
                    place("institutions", Some(id), Some("powers")),
                    say!(
                        "\"{0}\" has no powers; expected at least one (Listing, AttributionStatement, Statement, Consultation, CollectiveDefence, Resolution, Agenda)",
                        Arg::id(id)
                    ),
                );
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
                            say!("expected percentages from 1 to 100"),
                        );
                    }
                    DecisionRule::SecurityCouncil { votes_needed }
                        if votes_needed == 0 || votes_needed as usize > inst.members.len() =>
                    {
                        self.at(
                            place("institutions", Some(id), Some("votes_needed")),
                            say!(
                                "votes_needed is {0} but \"{1}\" has {2} members; expected 1 to the number of members",
                                votes_needed,
                                Arg::id(id),
                                inst.members.len()
                            ),
                        );
                    }
                    _ => {}
                }
            }
            if inst.implementing_rule.is_some() && !inst.powers.contains(&Power::Listing) {
                self.at(
                    place("institutions", Some(id), Some("implementing_rule")),
                    say!(
                        "\"{0}\" has an implementing_rule but no Listing power; the implementing rule applies only to listings",
                        Arg::id(id)
                    ),
                );
            }
        }
    }

    fn check_seats(&mut self) {
        if self.sc.seats.is_empty() {
            self.at(
                place("seats", None, None),
                say!("expected at least one seat"),
            );
        }
        let mut used = BTreeMap::new();
        for s in &self.sc.seats {
            self.state_ref("seats", &s.id, &s.actor, say!("seat actor"));
            if let Some(other) = used.insert(s.actor.as_str(), s.id.as_str()) {
                self.at(
                    place("seats", Some(&s.id), Some(&s.actor)),
                    say!(
                        "actor \"{0}\" already has seat \"{1}\"; expected one seat per actor",
                        Arg::id(&s.actor),
                        Arg::id(other)
                    ),
                );
            }
            if !(1..=crate::conductor::MAX_DELEGATION).contains(&s.delegation) {
                self.at(
                    place("seats", Some(&s.id), None),
                    say!(
                        "a delegation of {0}: expected 1 to {1} people per seat",
                        s.delegation,
                        crate::conductor::MAX_DELEGATION
                    ),
                );
            }
            let mut roles = BTreeSet::new();
            for r in &s.roles {
                if !roles.insert(r.id.as_str()) {
                    self.at(
                        place("seats", Some(&r.id), None),
                        say!(
                            "duplicate role id \"{0}\" in seat \"{1}\"",
                            Arg::id(&r.id),
                            Arg::id(&s.id)
                        ),
                    );
                }
            }
            let mut ids = BTreeSet::new();
            for o in &s.objectives {
                if !ids.insert(o.id.as_str()) {
                    self.at(
                        place("seats", Some(&o.id), None),
                        say!(
                            "duplicate objective id \"{0}\" in seat \"{1}\"",
                            Arg::id(&o.id),
                            Arg::id(&s.id)
                        ),
                    );
                }
                self.condition("seats", &o.id, &o.condition, 0);
                if !self.can_hold(&o.condition, &mut Vec::new()) {
                    self.at(
                        place("seats", Some(&o.id), None),
                        say!("objective \"{0}\" can never be met", Arg::id(&o.id)),
                    );
                }
            }
        }
    }

    fn check_incidents(&mut self) {
        let turns = self.sc.turns;
        for inc in &self.sc.incidents {
            let id = inc.id.as_str();
            self.actor_ref("incidents", id, &inc.author, Arg::id("author"));
            self.actor_ref("incidents", id, &inc.target, Arg::id("target"));
            let kind_of = |a: &str| self.actors.get(a).map(|x| x.kind);
            let (author_kind, target_kind) = (kind_of(&inc.author), kind_of(&inc.target));
            let claimant_kind = inc.claimed_by.as_deref().and_then(kind_of);
            if let Some(k @ (ActorKind::Persona | ActorKind::Company)) = author_kind {
                self.at(
                    place("incidents", Some(id), Some(&inc.author)),
                    if k == ActorKind::Persona {
                        say!(
                            "the author of \"{0}\" is a persona; expected the group or state behind it as author, and the persona in claimed_by",
                            Arg::id(id)
                        )
                    } else {
                        say!(
                            "the author of \"{0}\" is a company; expected a state or a group as author",
                            Arg::id(id)
                        )
                    },
                );
            }
            if target_kind == Some(ActorKind::Persona) {
                self.at(
                    place("incidents", Some(id), Some(&inc.target)),
                    say!(
                        "the target of \"{0}\" is a persona, a name with nothing to strike; expected a state, a group or a company",
                        Arg::id(id)
                    ),
                );
            }
            if let Some(c) = &inc.claimed_by
                && self.actor_ref("incidents", id, c, Arg::id("claimed_by"))
                && matches!(claimant_kind, Some(ActorKind::State | ActorKind::Company))
            {
                self.at(
                    place("incidents", Some(id), Some(c)),
                    say!(
                        "\"{0}\" is claimed by \"{1}\"; expected a persona or a group (a state's claim is an order, not a fact of the scenario)",
                        Arg::id(id),
                        Arg::id(c)
                    ),
                );
            }
            if inc.began.is_some() && inc.start_turn.is_some_and(|t| t != 1) {
                self.at(
                    place("incidents", Some(id), Some("start_turn")),
                    say!(
                        "incident \"{0}\" began before the exercise but starts at turn {1}; expected no start_turn (it is under way from turn 1)",
                        Arg::id(id),
                        inc.start_turn.unwrap_or_default()
                    ),
                );
            }
            if let Some(d) = inc.discovered {
                let start = inc.starts_at().unwrap_or(1);
                if d <= start || d > turns {
                    self.at(
                        place("incidents", Some(id), Some("discovered")),
                        say!(
                            "incident \"{0}\" is discovered at turn {1}; expected a turn after it starts (turn {2}) and at most {3}",
                            Arg::id(id),
                            d,
                            start,
                            turns
                        ),
                    );
                }
            }
            if inc.author == inc.target {
                self.at(
                    place("incidents", Some(id), Some(&inc.target)),
                    say!(
                        "incident \"{0}\" has the same author and target",
                        Arg::id(id)
                    ),
                );
            }
            if !(1..=5).contains(&inc.severity) {
                self.at(
                    place("incidents", Some(id), Some("severity")),
                    say!(
                        "severity of \"{0}\" is {1}; expected 1 to 5",
                        Arg::id(id),
                        inc.severity
                    ),
                );
            }
            if inc.duration > MAX_TURNS {
                self.at(
                    place("incidents", Some(id), Some("duration")),
                    say!(
                        "duration of \"{0}\" is {1}; expected at most {2} turns",
                        Arg::id(id),
                        inc.duration,
                        MAX_TURNS
                    ),
                );
            }
            if inc.duration == 0 {
                self.at(
                    place("incidents", Some(id), Some("duration")),
                    say!(
                        "duration of \"{0}\" is 0; expected at least 1 turn",
                        Arg::id(id)
                    ),
                );
            }
            match inc.starts_at() {
                Some(t) if t == 0 || t > turns => self.at(
                    place("incidents", Some(id), Some("start_turn")),
                    say!(
                        "incident \"{0}\" starts at turn {1}; expected a turn from 1 to {2}",
                        Arg::id(id),
                        t,
                        turns
                    ),
                ),
                None if !self.started_by_inject(id) => self.at(
                    place("incidents", Some(id), None),
                    say!(
                        "incident \"{0}\" never starts: expected a start_turn or an inject with StartIncident(\"{0}\")",
                        Arg::id(id)
                    ),
                ),
                _ => {}
            }
            for e in &inc.effects {
                self.effect("incidents", id, e);
            }
            for ev in &inc.evidence {
                self.actor_ref("incidents", &ev.id, &ev.points_to, Arg::id("points_to"));
                for k in &ev.known_to {
                    self.actor_ref("incidents", &ev.id, k, Arg::id("known_to"));
                }
                if let Some(h) = &ev.held_by
                    && self.actor_ref("incidents", &ev.id, h, Arg::id("held_by"))
                {
                    let company = self
                        .actors
                        .get(h.as_str())
                        .is_some_and(|a| a.kind == ActorKind::Company && a.sponsor.is_some());
                    if !company || !ev.via_legal_assistance {
                        self.at(
                            place("incidents", Some(&ev.id), Some(h)),
                            say!(
                                "\"{0}\" is held_by \"{1}\"; expected a company with a sponsor (the state it is established in) and via_legal_assistance: true",
                                Arg::id(&ev.id),
                                Arg::id(h)
                            ),
                        );
                    }
                }
                if let Some(t) = ev.kept_until
                    && (!ev.via_legal_assistance || t == 0 || t > self.sc.turns)
                {
                    self.at(
                        place("incidents", Some(&ev.id), Some("kept_until")),
                        say!(
                            "\"{0}\" has kept_until: Some({1}); expected records that only legal assistance reveals (via_legal_assistance: true), kept until a turn from 1 to {2}",
                            Arg::id(&ev.id),
                            t,
                            self.sc.turns
                        ),
                    );
                }
                if ev.difficulty > 100 {
                    self.at(
                        place("incidents", Some(&ev.id), Some("difficulty")),
                        say!(
                            "difficulty of \"{0}\" is {1}; expected 0 to 100",
                            Arg::id(&ev.id),
                            ev.difficulty
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
                            say!(
                                "inject \"{0}\" can never fire: At({1}) is outside turns 1 to {2}",
                                Arg::id(id),
                                *t,
                                turns
                            ),
                        );
                    }
                }
                Trigger::When(c) => {
                    self.condition("injects", id, c, 0);
                    if !self.can_hold(c, &mut vec![id]) {
                        self.at(
                            place("injects", Some(id), Some("When")),
                            say!(
                                "inject \"{0}\" can never fire: its condition can never hold",
                                Arg::id(id)
                            ),
                        );
                    }
                }
            }
            if let Audience::Actors(list) = &inj.audience {
                for a in list {
                    self.actor_ref("injects", id, a, Arg::id("audience"));
                }
            }
            for e in &inj.effects {
                self.effect("injects", id, e);
            }
            let mut ids = BTreeSet::new();
            for x in &inj.expected {
                if !ids.insert(x.id.as_str()) {
                    self.at(
                        place("injects", Some(&x.id), None),
                        say!(
                            "duplicate expected action \"{0}\" in inject \"{1}\"",
                            Arg::id(&x.id),
                            Arg::id(id)
                        ),
                    );
                }
                if !self.sc.seats.iter().any(|s| s.id == x.seat) {
                    self.at(
                        place("injects", Some(&x.id), Some(&x.seat)),
                        say!(
                            "expected action \"{0}\": no seat \"{1}\"",
                            Arg::id(&x.id),
                            Arg::id(&x.seat)
                        ),
                    );
                }
                self.condition("injects", &x.id, &x.condition, 0);
                if !self.can_hold(&x.condition, &mut vec![id]) {
                    self.at(
                        place("injects", Some(&x.id), None),
                        say!("expected action \"{0}\" can never be met", Arg::id(&x.id)),
                    );
                }
            }
        }
    }

    fn check_orders(&mut self) {
        let mut seen: BTreeSet<(OrderKind, &str)> = BTreeSet::new();
        for o in &self.sc.orders {
            let item = format!("{:?}", o.order);
            for a in &o.actors {
                self.actor_ref("orders", &item, a, Arg::id("orders"));
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
                        if k.is_empty() {
                            say!(
                                "order {0} has two costs for everyone; expected one",
                                Arg::id(&item)
                            )
                        } else {
                            say!(
                                "order {0} has two costs for {1}; expected one",
                                Arg::id(&item),
                                Arg::id(k)
                            )
                        },
                    );
                }
            }
            if !(0..=100).contains(&o.capital) || !(0..=100).contains(&o.capacity) {
                self.at(
                    place("orders", None, Some(&item)),
                    say!("cost of {0} must be 0 to 100", Arg::id(&item)),
                );
            }
        }
    }

    fn check_endings(&mut self) {
        if self.sc.endings.is_empty() {
            self.at(
                place("endings", None, None),
                say!("expected at least one ending"),
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
                say!(
                    "delta {0} in \"{1}\"; expected a change from -100 to 100",
                    *delta,
                    Arg::id(item)
                ),
            );
        }
        match e {
            Effect::StartIncident(i) | Effect::EndIncident(i) | Effect::DiscoverIncident(i) => {
                self.incident_ref(section, item, i);
            }
            Effect::Publish { by, evidence } => {
                self.actor_ref(section, item, by, Arg::id("Publish"));
                for e in evidence {
                    if !self.evidence.contains_key(e.as_str()) {
                        self.at(
                            place(section, Some(item), Some(e)),
                            say!(
                                "unknown evidence \"{0}\"; expected an evidence id from an incident",
                                Arg::id(e)
                            ),
                        );
                    }
                }
            }
            Effect::RevealEvidence { evidence, to } => {
                if !self.evidence.contains_key(evidence.as_str()) {
                    self.at(
                        place(section, Some(item), Some(evidence)),
                        say!(
                            "unknown evidence \"{0}\"; expected an evidence id from an incident",
                            Arg::id(evidence)
                        ),
                    );
                }
                for a in to {
                    self.actor_ref(section, item, a, Arg::id("RevealEvidence"));
                }
            }
            Effect::Var { actor, .. } => {
                self.actor_ref(section, item, actor, Arg::id("Var"));
            }
            Effect::Standing {
                audience, actor, ..
            } => {
                self.audience_ref(section, item, audience);
                self.actor_ref(section, item, actor, Arg::id("Standing"));
            }
            Effect::Post(p) => {
                for a in p.by.iter().chain(&p.about).chain(&p.speaks_for) {
                    self.actor_ref(section, item, a, Arg::id("Post"));
                }
                if let Some(t) = &p.topic {
                    self.subject_ref(section, item, t);
                }
                if !(-2..=3).contains(&p.force) {
                    self.at(
                        place(section, Some(item), Some("force")),
                        say!(
                            "force {0} in \"{1}\"; expected a value from -2 to 3",
                            p.force,
                            Arg::id(item)
                        ),
                    );
                }
            }
            Effect::Trust { a, b, .. } | Effect::Tension { a, b, .. } => {
                self.actor_ref(section, item, a, say!("relation effect"));
                self.actor_ref(section, item, b, say!("relation effect"));
            }
        }
    }

    fn condition(&mut self, section: &str, item: &str, c: &Condition, depth: usize) {
        if depth > MAX_CONDITION_DEPTH {
            self.at(
                place(section, Some(item), None),
                say!(
                    "condition nested deeper than {0}; expected a flatter condition",
                    MAX_CONDITION_DEPTH
                ),
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
                self.actor_ref(section, item, actor, say!("condition"));
            }
            Condition::Standing {
                audience, actor, ..
            } => {
                self.audience_ref(section, item, audience);
                self.actor_ref(section, item, actor, say!("condition"));
            }
            Condition::Tension { a, b, .. }
            | Condition::Trust { a, b, .. }
            | Condition::RelationsSevered { a, b } => {
                self.actor_ref(section, item, a, say!("condition"));
                self.actor_ref(section, item, b, say!("condition"));
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
                        say!(
                            "Ladder tests the engine's own legal assessment, which the players never see; expected it only in learning_objectives (test what the seats did instead, e.g. Attributed or ProposalPassed)"
                        ),
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
                        say!("unknown inject \"{0}\"; expected an inject id", Arg::id(i)),
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
                    self.actor_ref(section, item, a, Arg::id("Attributed"));
                }
                // A claim names a state, except the operational one, which names a group:
                // a condition asking for another pairing could never hold.
                if let (Some(claim), Some(to)) = (claim, to)
                    && let Some(a) = self.actors.get(to.as_str())
                    && claim.names_a_state() != (a.kind == ActorKind::State)
                {
                    self.at(
                        place(section, Some(item), Some(to)),
                        say!(
                            "Attributed names \"{0}\" with the claim {1}, which no attribution can make; expected a state for Infrastructure, Responsibility or DueDiligence, a group for Operator",
                            Arg::id(to),
                            Arg::id(format!("{claim:?}"))
                        ),
                    );
                }
            }
            Condition::ProposalPassed { institution, .. }
            | Condition::ProposalFailed { institution, .. } => {
                if !self.institutions.contains_key(institution.as_str()) {
                    self.at(
                        place(section, Some(item), Some(institution)),
                        say!(
                            "unknown institution \"{0}\"; expected an institution id",
                            Arg::id(institution)
                        ),
                    );
                }
            }
            Condition::Listed(e) | Condition::Indicted(e) => {
                if !self.entities.contains(e.as_str()) {
                    self.at(
                        place(section, Some(item), Some(e)),
                        say!(
                            "unknown entity \"{0}\"; expected an id from `entities`",
                            Arg::id(e)
                        ),
                    );
                }
            }
            Condition::OrderUsed { by, .. } => {
                if let Some(a) = by {
                    self.actor_ref(section, item, a, Arg::id("OrderUsed"));
                }
            }
            Condition::Sanctioned { target, by } => {
                if let Some(a) = by {
                    self.state_ref(section, item, a, Arg::id("Sanctioned"));
                }
                if !self.entities.contains(target.as_str()) {
                    self.state_ref(section, item, target, Arg::id("Sanctioned"));
                }
            }
            Condition::ReadingAdopted {
                incident,
                by,
                institution,
                ..
            } => {
                self.incident_ref(section, item, incident);
                if let Some(a) = by {
                    self.state_ref(section, item, a, Arg::id("ReadingAdopted"));
                }
                if let Some(i) = institution
                    && !self.institutions.contains_key(i.as_str())
                {
                    self.at(
                        place(section, Some(item), Some(i)),
                        say!(
                            "unknown institution \"{0}\"; expected an institution id",
                            Arg::id(i)
                        ),
                    );
                }
                if by.is_some() && institution.is_some() {
                    self.at(
                        place(section, Some(item), Some("ReadingAdopted")),
                        say!(
                            "ReadingAdopted names both a state and an institution; expected at most one of by and institution"
                        ),
                    );
                }
            }
            Condition::NormUpheld { actor, norm } | Condition::NormBreached { actor, norm } => {
                self.actor_ref(section, item, actor, say!("norm condition"));
                if !NORM_IDS.contains(&norm.as_str()) {
                    self.at(
                        place(section, Some(item), Some(norm)),
                        say!(
                            "unknown norm \"{0}\"; expected one of 13a to 13k",
                            Arg::id(norm)
                        ),
                    );
                }
            }
            Condition::EvidenceHeld { actor, evidence } => {
                self.actor_ref(section, item, actor, Arg::id("EvidenceHeld"));
                if !self.evidence.contains_key(evidence.as_str()) {
                    self.at(
                        place(section, Some(item), Some(evidence)),
                        say!(
                            "unknown evidence \"{0}\"; expected an evidence id",
                            Arg::id(evidence)
                        ),
                    );
                }
            }
            Condition::Assisted { actor } => {
                self.actor_ref(section, item, actor, Arg::id("Assisted"));
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
            }
            | Condition::Standing {
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
            | Condition::Indicted(_)
            | Condition::Assisted { .. } => true,
            // A member of a union that holds its trade policy imposes no national trade
            // sanctions on a state.
            Condition::Sanctioned { target, by } => !by.as_deref().is_some_and(|b| {
                self.actors
                    .get(target.as_str())
                    .is_some_and(|t| t.kind == ActorKind::State)
                    && sc
                        .institutions
                        .iter()
                        .any(|i| i.trade_competence && i.members.iter().any(|m| m == b))
            }),
            // An institution adopts a reading by a decision that states one (Art. 5, a resolution).
            Condition::ReadingAdopted {
                incident,
                institution,
                ..
            } => {
                self.incident_can_start(incident, firing)
                    && institution.as_deref().is_none_or(|i| {
                        self.institutions.get(i).is_some_and(|i| {
                            i.powers
                                .iter()
                                .any(|p| matches!(p, Power::CollectiveDefence | Power::Resolution))
                        })
                    })
            }
            // Two different states can sever relations.
            Condition::RelationsSevered { a, b } => a != b,
        }
    }

    fn incident_can_start(&self, incident: &str, firing: &mut Vec<&'a str>) -> bool {
        let Some(inc) = self.incidents.get(incident) else {
            return false;
        };
        if inc
            .starts_at()
            .is_some_and(|t| t >= 1 && t <= self.sc.turns)
        {
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

/// The texts a scenario gives in English but not in another language, which show in English
/// there: for each language code any text of the scenario is written in, and for Arabic,
/// which the program ships, the paths of the texts that lack it or leave it empty
/// (`title`, `actors[russia].name`, `incidents[inc_first_wave].description`). A warning,
/// not an error: the scenario plays. Languages no text lacks are left out; codes and paths
/// are sorted. Texts with no English (an optional text left out) are not counted.
pub fn missing_translations(sc: &Scenario) -> Vec<(String, Vec<String>)> {
    let Ok(tree) = serde_json::to_value(sc) else {
        return Vec::new();
    };
    let mut texts = Vec::new();
    collect_texts(&tree, String::new(), &mut texts);
    let mut codes: BTreeSet<&str> = texts
        .iter()
        .flat_map(|(_, t)| t.keys().map(String::as_str))
        .filter(|c| *c != "en")
        .collect();
    codes.insert("ar");
    codes
        .into_iter()
        .filter_map(|code| {
            let mut paths: Vec<String> = texts
                .iter()
                .filter(|(_, t)| {
                    t.get(code)
                        .and_then(|v| v.as_str())
                        .is_none_or(str::is_empty)
                })
                .map(|(path, _)| path.clone())
                .collect();
            paths.sort();
            (!paths.is_empty()).then(|| (code.to_string(), paths))
        })
        .collect()
}

type JsonMap = serde_json::Map<String, serde_json::Value>;

/// A `Text` as it serializes: an object of strings keyed by language codes, `en` among them.
fn as_text(v: &serde_json::Value) -> Option<&JsonMap> {
    let m = v.as_object()?;
    let is_code = |c: &str| !c.is_empty() && c.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    (m.contains_key("en") && m.iter().all(|(k, v)| is_code(k) && v.is_string())).then_some(m)
}

/// Every text under `v` that has English, with its path: fields joined by dots, list items
/// by their `id` where they have one (`actors[russia]`), else by their place (`relations[0]`).
fn collect_texts<'v>(v: &'v serde_json::Value, path: String, out: &mut Vec<(String, &'v JsonMap)>) {
    use serde_json::Value;
    if let Some(text) = as_text(v) {
        if text["en"].as_str().is_some_and(|en| !en.is_empty()) {
            out.push((path, text));
        }
        return;
    }
    match v {
        Value::Object(fields) => {
            for (k, x) in fields {
                let at = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                collect_texts(x, at, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let name = x
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or_else(|| i.to_string(), str::to_string);
                collect_texts(x, format!("{path}[{name}]"), out);
            }
        }
        _ => {}
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
        ProposalKind::Agenda => Power::Agenda,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const ESTONIA: &str = include_str!("../../scenarios/estonia_2007.ron");

    fn estonia() -> Scenario {
        super::super::load::parse(ESTONIA, "estonia_2007.ron").expect("the shipped scenario loads")
    }

    /// A shipped scenario lacks no Arabic; a text without its Arabic is named by its path,
    /// and a language one text uses is missing from every other.
    #[test]
    fn missing_translations_are_listed_by_path() {
        let mut sc = estonia();
        assert_eq!(missing_translations(&sc), Vec::new());

        let russia = sc
            .actors
            .iter_mut()
            .find(|a| a.id == "russia")
            .expect("russia");
        russia.name.more.remove("ar");
        sc.title.more.insert(
            "fr".into(),
            "Estonie 2007 : la nuit du Soldat de bronze".into(),
        );
        let missing = missing_translations(&sc);
        let codes: Vec<&str> = missing.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["ar", "fr"]);
        assert_eq!(missing[0].1, ["actors[russia].name"]);

        // Every text of the file (each is written `(en: "…", ar: "…")`) but the title.
        let texts = ESTONIA
            .match_indices("en:")
            .filter(|(i, _)| {
                let before = ESTONIA.as_bytes()[i - 1];
                !before.is_ascii_alphanumeric() && before != b'_'
            })
            .count();
        let fr = &missing[1].1;
        assert_eq!(fr.len(), texts - 1, "{fr:#?}");
        assert!(!fr.iter().any(|p| p == "title"));
        for path in [
            "actors[russia].name",
            "summary",
            "incidents[inc_first_wave].description",
        ] {
            assert!(fr.iter().any(|p| p == path), "{path} not in {fr:#?}");
        }
        let mut sorted = fr.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(&sorted, fr);

        // An empty Arabic text counts as missing.
        sc.summary.more.insert("ar".into(), String::new());
        assert_eq!(
            missing_translations(&sc)[0].1,
            ["actors[russia].name", "summary"]
        );
    }

    /// A diagnostic reads as it always has in English and in Arabic with the ids as typed.
    #[test]
    fn a_diagnostic_is_a_phrase_in_each_language() {
        let seat = ESTONIA.find("seats: [").expect("seats");
        let bad = format!(
            "{}{}",
            &ESTONIA[..seat],
            ESTONIA[seat..].replacen(r#"actor: "estonia""#, r#"actor: "estonix""#, 1)
        );
        let errors = super::super::load::parse(&bad, "bad.ron").expect_err("an unknown actor");
        let d = &errors.0[0];
        assert_eq!(
            d.message.en(),
            r#"unknown actor "estonix" in seat actor; expected one of: botnet_operators, estonia, finland, germany, hacktivists, latvia, russia, usa"#
        );
        assert!(d.to_string().starts_with("bad.ron:"), "{d}");
        let ar = d.say(Lang::AR);
        assert!(ar.contains("«estonix»") && ar.contains("، "), "{ar}");
        assert!(!ar.contains("unknown"), "{ar}");
    }
}
