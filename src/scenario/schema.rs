//! The scenario format: plain serde types read from RON. `docs/scenario-format.md` documents
//! every field for instructors; keep the two in step.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A text in the languages a scenario gives, keyed by language code: `(en: "…", ar: "…")`.
/// English is the reference every text has; any other language may be given (the checker
/// lists the texts a language lacks), and a text it lacks shows in English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Text {
    pub en: String,
    /// The other languages, by code.
    pub more: BTreeMap<String, String>,
}

impl Text {
    /// A text in English alone.
    pub fn new(en: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            more: BTreeMap::new(),
        }
    }

    /// The text with its translation into the language `code`.
    pub fn with(mut self, code: &str, text: impl Into<String>) -> Self {
        self.more.insert(code.to_string(), text.into());
        self
    }

    /// The text in a language, English if it has none there.
    pub fn get(&self, code: &str) -> &str {
        match self.more.get(code) {
            Some(t) if !t.is_empty() && code != "en" => t,
            _ => &self.en,
        }
    }

    /// Whether the text is given in a language.
    pub fn has(&self, code: &str) -> bool {
        code == "en" || self.more.get(code).is_some_and(|t| !t.is_empty())
    }

    /// Every language the text is given in, English first, with its text.
    pub fn each(&self) -> impl Iterator<Item = (&str, &str)> {
        std::iter::once(("en", self.en.as_str()))
            .chain(self.more.iter().map(|(c, t)| (c.as_str(), t.as_str())))
    }

    /// The same text with `f` applied in every language.
    pub fn map(&self, mut f: impl FnMut(&str) -> String) -> Text {
        Text {
            en: f(&self.en),
            more: self.more.iter().map(|(c, t)| (c.clone(), f(t))).collect(),
        }
    }
}

/// Written as a map, English first: `{"en": …, "ar": …}`.
impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1 + self.more.len()))?;
        for (code, text) in self.each() {
            m.serialize_entry(code, text)?;
        }
        m.end()
    }
}

/// Read from a RON struct (`(en: "…", ar: "…")`) or a JSON object, any language code as a
/// field; English is required, a language given twice is an error.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text by language code, (en: \"…\", ar: \"…\")")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut m: M) -> Result<Text, M::Error> {
                use serde::de::Error;
                let mut en = None;
                let mut more = BTreeMap::new();
                while let Some((code, text)) = m.next_entry::<String, String>()? {
                    if code.is_empty() || !code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    {
                        return Err(M::Error::custom(format!(
                            "`{code}` is not a language code (lower-case letters, like en or ar)"
                        )));
                    }
                    let twice = if code == "en" {
                        en.replace(text).is_some()
                    } else {
                        more.insert(code.clone(), text).is_some()
                    };
                    if twice {
                        return Err(M::Error::custom(format!("`{code}` is given twice")));
                    }
                }
                let en = en.ok_or_else(|| M::Error::missing_field("en"))?;
                Ok(Text { en, more })
            }
        }
        d.deserialize_struct("Text", &["en", "ar"], Visit)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    pub briefing: Text,
    /// The real (or hypothetical) period the exercise covers, e.g. "27 April – 18 May 2007".
    pub period: Text,
    /// How much crisis time one turn stands for, e.g. "about four days".
    pub turn_span: Text,
    /// Turns that stand for a different span of time (a crisis that moves from days to
    /// months): from its turn on, each entry's span replaces `turn_span` and scales the
    /// income states regain at each briefing.
    #[serde(default)]
    pub spans: Vec<SpanDef>,
    /// Number of turns; the exercise ends after the last one or at an early ending.
    pub turns: u32,
    #[serde(default)]
    pub deadlines: Deadlines,
    pub actors: Vec<ActorDef>,
    /// Persons, entities and bodies that institutions may list (never states).
    #[serde(default)]
    pub entities: Vec<EntityDef>,
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    #[serde(default)]
    pub institutions: Vec<InstitutionDef>,
    pub seats: Vec<SeatDef>,
    #[serde(default)]
    pub incidents: Vec<IncidentDef>,
    #[serde(default)]
    pub injects: Vec<InjectDef>,
    /// Which orders exist and what they cost. Empty: every order at its standard cost.
    #[serde(default)]
    pub orders: Vec<OrderCostDef>,
    #[serde(default)]
    pub endings: Vec<EndingDef>,
    #[serde(default)]
    pub learning_objectives: Vec<LearningObjectiveDef>,
    /// The publics the exercise's public sphere holds (domestic publics, foreign publics,
    /// the international media). None given: each state's domestic public and the
    /// international media, with standing drawn from the relations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<AudienceDef>,
    /// Public questions that are not incidents (a human-rights case, a trade dispute):
    /// statements and posts may concern one, and audiences care about them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicDef>,
}

/// A public that reads the news wire and the social feed and answers what states say and
/// do in public: how each state stands with it (0 to 100) is state every seat sees.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudienceDef {
    pub id: String,
    pub name: Text,
    /// The state whose domestic public it is (its standing there is its support at home);
    /// none for a foreign or international audience.
    #[serde(default)]
    pub home: Option<String>,
    /// The languages it reads (codes: "en", "ar", "fr"): a post in one of them that is not
    /// its home state's speaks to it directly.
    #[serde(default)]
    pub languages: Vec<String>,
    /// How states stand with it at the start, 0 to 100 (a state not listed: 50).
    #[serde(default)]
    pub standing: Vec<(String, i32)>,
    /// How much it resents foreign criticism of its own state and rallies round its
    /// government, 0 to 100.
    #[serde(default = "fifty")]
    pub pride: i32,
    /// The topics (or incidents) it cares about, 0 to 100: above 50 it approves a firm
    /// public stand on one, below 50 it resents one as meddling.
    #[serde(default)]
    pub cares: Vec<(String, i32)>,
    /// The international media: it reports every public act and prizes measured words and
    /// released evidence.
    #[serde(default)]
    pub media: bool,
}

fn fifty() -> i32 {
    50
}

/// A public question that is not an incident, with the tag it trends under.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicDef {
    pub id: String,
    pub name: Text,
    /// The hashtag, without its '#' (e.g. "FreeSamar").
    pub tag: Text,
    /// The state whose conduct it concerns (the detaining state), if any: computer players
    /// whose public cares about the topic speak to that state about it.
    #[serde(default)]
    pub about: Option<String>,
}

/// From turn `from` on, one turn stands for `span`, and states regain `income` percent of
/// the standard income (diplomatic capital and technical capacity) at each briefing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanDef {
    pub from: u32,
    pub span: Text,
    #[serde(default = "hundred")]
    pub income: u32,
}

fn hundred() -> u32 {
    100
}

impl Scenario {
    /// The span of time turn `turn` stands for, and the income percentage it brings.
    pub fn span(&self, turn: u32) -> (&Text, u32) {
        self.spans
            .iter()
            .filter(|s| s.from <= turn)
            .max_by_key(|s| s.from)
            .map_or((&self.turn_span, 100), |s| (&s.span, s.income))
    }
}

/// Default phase lengths for networked play, in seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    pub negotiation_secs: u32,
    pub orders_secs: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            negotiation_secs: 600,
            orders_secs: 300,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActorKind {
    #[default]
    State,
    /// A group acting for a state (hacktivists, a front company, a contractor).
    Proxy,
    CriminalGroup,
    /// A name that claims operations in public (a self-styled hacktivist group, a leak
    /// site) for the actor behind it, its `sponsor`: a group or a state. The public sees the
    /// persona; the link to who is behind it is for evidence to show.
    Persona,
    /// A private company (a security firm, a cloud or telecoms provider) established in its
    /// `sponsor` state: it publishes reports (`Effect::Publish`) and holds records that a
    /// request for legal assistance to that state can reach (`held_by`).
    Company,
}

/// How a non-state actor is tied to its `sponsor` state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Control {
    /// Acts on the state's instructions or under its direction or control (ILC Art. 8):
    /// its conduct is attributable to the state.
    #[default]
    Directed,
    /// Operates from the state's territory without direction: the state's duty is due
    /// diligence (norm 13c), not responsibility for the act.
    Harboured,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorDef {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub kind: ActorKind,
    /// For proxies and criminal groups: the state they act for or operate from; for a
    /// persona: the group or state behind it; for a company: the state it is established in.
    #[serde(default)]
    pub sponsor: Option<String>,
    /// Where it is on the map (a state's country code, a seat); groups without one are
    /// shown with the state they operate from, fictional states as a diagram.
    #[serde(default)]
    pub place: Option<super::places::Place>,
    #[serde(default)]
    pub control: Control,
    /// Population in millions (used by qualified-majority voting).
    #[serde(default)]
    pub population: f32,
    /// Party to the Budapest Convention on Cybercrime.
    #[serde(default)]
    pub budapest_party: bool,
    #[serde(default)]
    pub start: Vars,
    #[serde(default)]
    pub doctrine: Doctrine,
}

/// An actor's state variables, each from 0 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Vars {
    pub diplomatic_capital: i32,
    pub technical_capacity: i32,
    pub cyber_resilience: i32,
    pub reputation: i32,
    pub domestic_pressure: i32,
    pub infrastructure: i32,
    pub economy: i32,
}

impl Default for Vars {
    fn default() -> Self {
        Self {
            diplomatic_capital: 50,
            technical_capacity: 50,
            cyber_resilience: 50,
            reputation: 50,
            domestic_pressure: 30,
            infrastructure: 90,
            economy: 70,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Var {
    DiplomaticCapital,
    TechnicalCapacity,
    CyberResilience,
    Reputation,
    DomesticPressure,
    Infrastructure,
    Economy,
}

impl Var {
    pub const ALL: [Var; 7] = [
        Var::DiplomaticCapital,
        Var::TechnicalCapacity,
        Var::CyberResilience,
        Var::Reputation,
        Var::DomesticPressure,
        Var::Infrastructure,
        Var::Economy,
    ];
}

impl Vars {
    pub fn get(&self, var: Var) -> i32 {
        match var {
            Var::DiplomaticCapital => self.diplomatic_capital,
            Var::TechnicalCapacity => self.technical_capacity,
            Var::CyberResilience => self.cyber_resilience,
            Var::Reputation => self.reputation,
            Var::DomesticPressure => self.domestic_pressure,
            Var::Infrastructure => self.infrastructure,
            Var::Economy => self.economy,
        }
    }

    /// Adds `delta` and keeps the variable within 0..=100; returns the applied change.
    pub fn add(&mut self, var: Var, delta: i32) -> i32 {
        let slot = match var {
            Var::DiplomaticCapital => &mut self.diplomatic_capital,
            Var::TechnicalCapacity => &mut self.technical_capacity,
            Var::CyberResilience => &mut self.cyber_resilience,
            Var::Reputation => &mut self.reputation,
            Var::DomesticPressure => &mut self.domestic_pressure,
            Var::Infrastructure => &mut self.infrastructure,
            Var::Economy => &mut self.economy,
        };
        let before = *slot;
        *slot = (before.saturating_add(delta)).clamp(0, 100);
        *slot - before
    }
}

/// How a computer player behaves for this actor; each from 0 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Doctrine {
    /// Willingness to take risks: escalate, attribute early, act covertly.
    pub risk_appetite: i32,
    /// Weight given to allies and friends: join their statements, shield them from listings.
    pub alliance_loyalty: i32,
    /// Respect for the GGE norms and international law.
    pub norm_respect: i32,
}

impl Default for Doctrine {
    fn default() -> Self {
        Self {
            risk_appetite: 40,
            alliance_loyalty: 60,
            norm_respect: 60,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntityKind {
    #[default]
    Person,
    Entity,
    Body,
}

/// A natural or legal person, entity or body that can be listed under a sanctions regime.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub kind: EntityKind,
    /// The actor (usually a state organ or proxy) this person or entity belongs to.
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Incidents this person or entity took part in (a listing must cite one of them).
    #[serde(default)]
    pub incidents: Vec<String>,
}

/// Starting trust and tension between two actors (symmetric), each 0..=100.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDef {
    pub a: String,
    pub b: String,
    pub trust: i32,
    pub tension: i32,
    /// A trade or investment treaty binds the two states (a free-trade or investment
    /// agreement, both in the WTO): national sanctions restricting trade between them breach
    /// it unless justified.
    #[serde(default)]
    pub trade_treaty: bool,
}

/// How an institution decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum DecisionRule {
    /// Every member votes and none against; a formal abstention does not block
    /// (constructive abstention, Art. 31(1) TEU, second subparagraph), unless abstainers are a
    /// third of the members representing a third of the population. A member that casts no
    /// ballot blocks: silence is not abstention.
    Unanimity,
    /// No member objects (NATO's North Atlantic Council, OSCE).
    Consensus,
    /// More yes than no among members voting.
    SimpleMajority,
    /// EU qualified majority (Art. 16(4) TEU): `members_pct` of members representing
    /// `population_pct` of the population; a blocking minority needs `blocking_minority` members.
    QualifiedMajority {
        members_pct: u32,
        population_pct: u32,
        blocking_minority: u32,
    },
    /// UN Security Council (Art. 27(3) UN Charter): `votes_needed` yes votes and no veto by a
    /// permanent member (an abstaining permanent member does not veto). In a resolution under
    /// Chapter VI (no `measures`) the parties to the dispute abstain.
    SecurityCouncil { votes_needed: u32 },
}

/// What an institution can decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Power {
    /// List persons and entities under a sanctions regime (EU Decision (CFSP) 2019/797).
    Listing,
    /// A joint attribution statement naming who is behind an incident.
    AttributionStatement,
    /// Statements that name nobody: condemning an incident, or solidarity with its victim
    /// (the Council of the EU condemned WannaCry and NotPetya on 16 April 2018 without
    /// naming a state).
    Statement,
    /// Consultations when a member is threatened (NATO Art. 4).
    Consultation,
    /// Collective defence against an armed attack (NATO Art. 5).
    CollectiveDefence,
    /// A resolution (UN Security Council).
    Resolution,
    /// Placing an incident on the agenda and meeting on it in public: a procedural decision
    /// (UN Charter Art. 27(2): in the Security Council, nine votes and no veto).
    Agenda,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionDef {
    pub id: String,
    pub name: Text,
    pub members: Vec<String>,
    pub rule: DecisionRule,
    /// Permanent members with a veto (Security Council rule only).
    #[serde(default)]
    pub permanent: Vec<String>,
    pub powers: Vec<Power>,
    /// Whether each member's vote is published to everyone (else only the result is).
    #[serde(default)]
    pub votes_public: bool,
    /// A second vote a listing needs after the decision itself (the EU's implementing
    /// regulation under Art. 215 TFEU, by qualified majority).
    #[serde(default)]
    pub implementing_rule: Option<DecisionRule>,
    /// Kinds of text adopted by a silence procedure (NAC statements; the High
    /// Representative's declarations on behalf of the EU): a text passes unless a member
    /// breaks silence by voting against it.
    #[serde(default)]
    pub silence: Vec<ProposalKind>,
    /// The institution holds its members' trade policy (the EU: Arts. 3(1)(e) and 207 TFEU):
    /// a member may not impose national trade sanctions on a state; restrictive measures
    /// are the institution's (Art. 29 TEU, Art. 215 TFEU). Measures against persons and
    /// entities stay national.
    #[serde(default)]
    pub trade_competence: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatDef {
    pub id: String,
    pub actor: String,
    pub role: Text,
    pub briefing: Text,
    #[serde(default)]
    pub objectives: Vec<ObjectiveDef>,
    /// Whether a human may take this seat (otherwise always a computer player).
    #[serde(default = "yes")]
    pub playable: bool,
    /// How many people may hold it together, as a delegation (the control cell may
    /// change it for the exercise). One by default.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub delegation: u32,
    /// Parts the members of a delegation may play (head, legal adviser, technical lead,
    /// spokesperson…), each with a note only its holder is given. A role decides nothing
    /// the rules check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleDef>,
}

/// A part in a seat's delegation: its name, and the note its holder reads beside the
/// seat's briefing (a legal adviser's memo, a CERT's technical annex). Like the briefing,
/// it tells what the seat may know, never the hidden truth.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub id: String,
    pub name: Text,
    pub note: Text,
}

fn yes() -> bool {
    true
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveDef {
    pub id: String,
    pub text: Text,
    pub condition: Condition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IncidentKind {
    Ddos,
    Intrusion,
    Ransomware,
    Wiper,
    SupplyChain,
    Disinformation,
    CriticalInfrastructure,
    EmbassyBreach,
    /// Data stolen and published to embarrass or influence (a leak site, a persona).
    HackAndLeak,
    /// Spyware or interception aimed at people (journalists, dissidents, officials' private
    /// lives): the right to privacy (norm 13e).
    Surveillance,
}

impl IncidentKind {
    /// A campaign that spreads online (disinformation, a hack and leak): what restricting
    /// online access can answer.
    pub fn spreads(self) -> bool {
        matches!(
            self,
            IncidentKind::Disinformation | IncidentKind::HackAndLeak
        )
    }

    pub const ALL: [IncidentKind; 10] = [
        IncidentKind::Ddos,
        IncidentKind::Intrusion,
        IncidentKind::Ransomware,
        IncidentKind::Wiper,
        IncidentKind::SupplyChain,
        IncidentKind::Disinformation,
        IncidentKind::CriticalInfrastructure,
        IncidentKind::EmbassyBreach,
        IncidentKind::HackAndLeak,
        IncidentKind::Surveillance,
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentDef {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub kind: IncidentKind,
    /// The true author, hidden from every seat but the author's own (and its sponsor's).
    pub author: String,
    pub target: String,
    /// 1 (nuisance) to 5 (national emergency).
    pub severity: u32,
    #[serde(default)]
    pub deaths: u32,
    /// Physical damage or destruction that outlasts the operation.
    #[serde(default)]
    pub lasting_damage: bool,
    /// It struck critical infrastructure serving the public (norm 13f); always so for a
    /// `CriticalInfrastructure` incident, and said of a wiper or ransomware that hit it.
    #[serde(default)]
    pub infrastructure: bool,
    /// It harmed the target's authorized emergency response teams (a CERT's systems or
    /// work), which norm 13k protects.
    #[serde(default)]
    pub cert: bool,
    /// The turn it starts on; `None` when an inject starts it.
    #[serde(default)]
    pub start_turn: Option<u32>,
    /// It began before the exercise, at this time in the story (e.g. "May 2021"): it is
    /// under way from the first turn, and its target learns when it began once it is
    /// discovered.
    #[serde(default)]
    pub began: Option<Text>,
    /// The turn its target discovers it (everyone, if public); until then only its author
    /// (and the state it works from) knows of it. An inject can discover it sooner
    /// (`DiscoverIncident`). Unset: discovered as it starts.
    #[serde(default)]
    pub discovered: Option<u32>,
    /// The persona or group that claims it in public; every seat that knows of the incident
    /// sees the claim, not who is behind it.
    #[serde(default)]
    pub claimed_by: Option<String>,
    /// How many turns its effects last.
    #[serde(default = "one")]
    pub duration: u32,
    /// Applied at each briefing while the incident lasts.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Known to everyone as soon as it starts (otherwise only to its target and author).
    #[serde(default = "yes")]
    pub public: bool,
    #[serde(default)]
    pub evidence: Vec<EvidenceDef>,
}

fn one() -> u32 {
    1
}

impl IncidentDef {
    /// The turn it starts on: its `start_turn`, or the first turn if it `began` before the
    /// exercise; `None` when an inject starts it.
    pub fn starts_at(&self) -> Option<u32> {
        self.start_turn.or(self.began.as_ref().map(|_| 1))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Reliability {
    Low,
    Moderate,
    High,
}

/// The three layers of attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Layer {
    Technical,
    Operational,
    Strategic,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDef {
    pub id: String,
    pub text: Text,
    /// The actor this item implicates.
    pub points_to: String,
    pub reliability: Reliability,
    pub layer: Layer,
    /// Planted to mislead: it implicates someone who is not responsible.
    #[serde(default)]
    pub false_flag: bool,
    /// Actors who hold it as soon as the incident starts.
    #[serde(default)]
    pub known_to: Vec<String>,
    /// 0..=100: how hard investigation finds it (compared with technical capacity).
    #[serde(default = "forty")]
    pub difficulty: u32,
    /// Only a granted mutual legal assistance request reveals it (not investigation).
    #[serde(default)]
    pub via_legal_assistance: bool,
    /// From a sensitive source (signals intelligence, a human source): sharing the item in
    /// full burns the source with this chance, in percent; a sanitised copy does not.
    #[serde(default)]
    pub sensitive: Option<u32>,
    /// A company that holds the records (a cloud or mail provider): a granted request for
    /// legal assistance to the state it is established in reveals the item, wherever the
    /// item points.
    #[serde(default)]
    pub held_by: Option<String>,
    /// The holder deletes the records after this turn (a provider's retention period),
    /// unless a state asked for their preservation before then (Budapest Convention Art. 29,
    /// through the 24/7 network of Art. 35). Only with `via_legal_assistance`.
    #[serde(default)]
    pub kept_until: Option<u32>,
}

fn forty() -> u32 {
    40
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectDef {
    pub id: String,
    pub title: Text,
    pub body: Text,
    pub trigger: Trigger,
    #[serde(default)]
    pub audience: Audience,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// For the control cell only: what to watch for, questions to put to the players, what
    /// happened in reality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<Text>,
    /// What the inject is meant to draw from the players: who should do what, within how
    /// many turns. The engine checks each as the exercise runs; only the control cell and
    /// the instructors' report see them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expected: Vec<ExpectedAction>,
}

/// A player action an inject is meant to draw: `seat` should make `condition` hold within
/// `within` turns of the inject (0: in the turn it fires).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedAction {
    pub id: String,
    pub seat: String,
    pub within: u32,
    pub text: Text,
    pub condition: Condition,
}

/// When an inject fires (each inject fires at most once, at a briefing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At the briefing of this turn.
    At(u32),
    /// At the first briefing where the condition holds.
    When(Condition),
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Audience {
    #[default]
    All,
    Actors(Vec<String>),
}

/// A change to the world, applied by an inject or by an incident each turn.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Effect {
    StartIncident(String),
    EndIncident(String),
    RevealEvidence {
        evidence: String,
        to: Vec<String>,
    },
    Var {
        actor: String,
        var: Var,
        delta: i32,
    },
    Trust {
        a: String,
        b: String,
        delta: i32,
    },
    Tension {
        a: String,
        b: String,
        delta: i32,
    },
    /// The incident's target (everyone, if it is public) discovers an incident under way.
    DiscoverIncident(String),
    /// An actor (a security firm, a government) publishes a report: every actor holds the
    /// items from then on, and the news says who published.
    Publish {
        by: String,
        evidence: Vec<String>,
    },
    /// A post on the social feed, or an article on the wire (`wire: true`), that the
    /// audiences answer as they answer a state's statement.
    Post(PostDef),
    /// Moves how a state stands with an audience.
    Standing {
        audience: String,
        actor: String,
        delta: i32,
    },
}

/// A post or article an inject or a running incident puts into the public sphere.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostDef {
    /// The actor whose account it is (a government, a persona, a company), if any.
    #[serde(default)]
    pub by: Option<String>,
    /// The account's name when it is not an actor's own ("an account said to be tied to
    /// the Royal Court", "a network of new accounts").
    #[serde(default)]
    pub account: Option<Text>,
    pub text: Text,
    /// The state it names or aims at.
    #[serde(default)]
    pub about: Option<String>,
    /// How hard it hits the state it names: -2 (warm) to 3 (a threat or an ultimatum).
    #[serde(default)]
    pub force: i32,
    /// The topic or incident it concerns.
    #[serde(default)]
    pub topic: Option<String>,
    /// The language it is written in (a code), when it aims at a public that reads it.
    #[serde(default)]
    pub language: Option<String>,
    /// An article on the news wire rather than a post on the feed.
    #[serde(default)]
    pub wire: bool,
    /// Inauthentic: posted by accounts that hide who runs them (a disinformation campaign).
    /// Audiences answer it; a platform may take the accounts down.
    #[serde(default)]
    pub inauthentic: bool,
    /// The state the public takes the account to speak for (an embassy's account, an
    /// account said to be close to a government): audiences answer as if that state spoke.
    /// A public perception, written in the post's own words; never a hidden sponsor.
    #[serde(default)]
    pub speaks_for: Option<String>,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Confidence {
    #[default]
    Low,
    Moderate,
    High,
}

/// What an attribution claims: one of the three layers of attribution, or the separate
/// claim that a state failed its due diligence (norm 13c).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Claim {
    /// Technical layer: infrastructure in this state was used (addresses, servers).
    Infrastructure,
    /// Operational layer: this group carried it out.
    Operator,
    /// Strategic layer: this state is responsible, through its own organs or a group acting
    /// on its instructions or under its direction or control (ILC Arts. 4 and 8).
    #[default]
    Responsibility,
    /// This state knowingly allowed its territory to be used (norm 13c).
    DueDiligence,
}

impl Claim {
    pub const ALL: [Claim; 4] = [
        Claim::Infrastructure,
        Claim::Operator,
        Claim::Responsibility,
        Claim::DueDiligence,
    ];
    /// Whether the claim is made against a state (all but `Operator`, which names a group).
    pub fn names_a_state(self) -> bool {
        self != Claim::Operator
    }
}

/// A seat's own legal reading of an incident: what it says the incident is in law.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Reading {
    /// Below the threshold of a wrongful act (espionage, a nuisance).
    BelowThreshold,
    /// A crime under domestic law, not an act of a state.
    Crime,
    /// An internationally wrongful act of a state (ILC Art. 2).
    WrongfulAct,
    /// A use of force (UN Charter Art. 2(4)).
    UseOfForce,
    /// An armed attack (UN Charter Art. 51).
    ArmedAttack,
    /// Cumulative malicious activity amounting to an armed attack (NATO Brussels Summit
    /// communiqué 2021, para. 32): a reading a seat or the North Atlantic Council adopts.
    CumulativeArmedAttack,
}

impl Reading {
    pub const ALL: [Reading; 6] = [
        Reading::BelowThreshold,
        Reading::Crime,
        Reading::WrongfulAct,
        Reading::UseOfForce,
        Reading::ArmedAttack,
        Reading::CumulativeArmedAttack,
    ];
    /// The rung of the ladder the reading stands on (a crime and espionage share the
    /// lowest: neither is a state's wrongful act).
    pub fn level(self) -> Level {
        match self {
            Reading::BelowThreshold | Reading::Crime => Level::BelowThreshold,
            Reading::WrongfulAct => Level::WrongfulAct,
            Reading::UseOfForce => Level::UseOfForce,
            Reading::ArmedAttack | Reading::CumulativeArmedAttack => Level::ArmedAttack,
        }
    }
}

/// The rungs of the escalation ladder, judged by scale and effects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    /// Below the threshold of a wrongful act (crime, espionage, nuisance).
    BelowThreshold,
    /// An internationally wrongful act (ILC Art. 2): allows lawful countermeasures.
    WrongfulAct,
    /// A use of force (UN Charter Art. 2(4)).
    UseOfForce,
    /// An armed attack (UN Charter Art. 51; NATO Art. 5).
    ArmedAttack,
}

/// The kind of a proposal, used in conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProposalKind {
    Listing,
    AttributionStatement,
    Condemnation,
    Solidarity,
    Consultation,
    CollectiveDefence,
    Resolution,
    Agenda,
}

/// A test on the state of the world, used by triggered injects, objectives, endings and
/// learning objectives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    Always,
    /// The current turn is at least this.
    TurnAtLeast(u32),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Var {
        actor: String,
        var: Var,
        #[serde(default)]
        at_least: Option<i32>,
        #[serde(default)]
        at_most: Option<i32>,
    },
    Tension {
        a: String,
        b: String,
        #[serde(default)]
        at_least: Option<i32>,
        #[serde(default)]
        at_most: Option<i32>,
    },
    Trust {
        a: String,
        b: String,
        #[serde(default)]
        at_least: Option<i32>,
        #[serde(default)]
        at_most: Option<i32>,
    },
    IncidentStarted(String),
    InjectFired(String),
    /// Someone attributed the incident (optionally: who, to whom, publicly, at what confidence).
    Attributed {
        incident: String,
        #[serde(default)]
        by: Option<String>,
        #[serde(default)]
        to: Option<String>,
        #[serde(default)]
        public: bool,
        #[serde(default)]
        min_confidence: Confidence,
        /// Only attributions making this claim (any claim if unset).
        #[serde(default)]
        claim: Option<Claim>,
    },
    /// An attribution of this incident was made jointly by at least `partners` actors.
    JointAttribution {
        incident: String,
        partners: u32,
    },
    ProposalPassed {
        institution: String,
        kind: ProposalKind,
    },
    ProposalFailed {
        institution: String,
        kind: ProposalKind,
    },
    Listed(String),
    /// A state has indicted the person or entity.
    Indicted(String),
    /// A state (or `by`) imposed national sanctions on this state, person or entity.
    Sanctioned {
        target: String,
        #[serde(default)]
        by: Option<String>,
    },
    /// A reading of the incident at least this high was stated by an actor (`by`, any if
    /// unset) in an order or a proposal it tabled, or adopted by an institution in a
    /// decision that passed (`institution`): collective defence (an armed attack) or a
    /// resolution that states a reading. Give at most one of `by` and `institution`.
    ReadingAdopted {
        incident: String,
        at_least: Level,
        #[serde(default)]
        by: Option<String>,
        #[serde(default)]
        institution: Option<String>,
    },
    /// Diplomatic relations between the two states are severed (now).
    RelationsSevered {
        a: String,
        b: String,
    },
    /// Some actor (or `by`) used an order of this kind.
    OrderUsed {
        #[serde(default)]
        by: Option<String>,
        order: OrderKind,
    },
    /// The engine's own assessment placed the incident at least on this rung. It is hidden
    /// from the players, so the checker allows it only in learning objectives.
    Ladder {
        incident: String,
        at_least: Level,
    },
    /// The actor's ledger records this norm (e.g. "13h") as upheld.
    NormUpheld {
        actor: String,
        norm: String,
    },
    /// The actor's ledger records this norm as strained or breached.
    NormBreached {
        actor: String,
        norm: String,
    },
    EvidenceHeld {
        actor: String,
        evidence: String,
    },
    /// The actor has received technical assistance.
    Assisted {
        actor: String,
    },
    /// How a state stands with an audience (0 to 100): its support at home when the
    /// audience is its domestic public.
    Standing {
        audience: String,
        actor: String,
        #[serde(default)]
        at_least: Option<i32>,
        #[serde(default)]
        at_most: Option<i32>,
    },
}

impl Condition {
    /// Whether the condition, once it holds, holds for good: it records that something
    /// happened (an attribution, a decision, a turn reached). Conditions on how things stand
    /// (a variable, a tension, "never…") can stop holding, so they are judged at the end.
    pub fn lasting(&self) -> bool {
        match self {
            Condition::Always
            | Condition::TurnAtLeast(_)
            | Condition::IncidentStarted(_)
            | Condition::InjectFired(_)
            | Condition::Attributed { .. }
            | Condition::JointAttribution { .. }
            | Condition::ProposalPassed { .. }
            | Condition::ProposalFailed { .. }
            | Condition::Listed(_)
            | Condition::Indicted(_)
            | Condition::Sanctioned { .. }
            | Condition::ReadingAdopted { .. }
            | Condition::OrderUsed { .. }
            | Condition::NormUpheld { .. }
            | Condition::EvidenceHeld { .. }
            | Condition::Assisted { .. } => true,
            Condition::All(l) | Condition::Any(l) => l.iter().all(Condition::lasting),
            Condition::Not(_)
            | Condition::Var { .. }
            | Condition::Tension { .. }
            | Condition::Trust { .. }
            | Condition::Standing { .. }
            | Condition::RelationsSevered { .. }
            | Condition::Ladder { .. }
            | Condition::NormBreached { .. } => false,
        }
    }

    /// The actors the condition names (as who acts, or whose state counts), each once, in
    /// the order it names them.
    pub fn actors(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        fn walk<'a>(c: &'a Condition, out: &mut Vec<&'a str>) {
            let mut push = |a: &'a str| {
                if !out.contains(&a) {
                    out.push(a);
                }
            };
            match c {
                Condition::All(l) | Condition::Any(l) => {
                    for x in l {
                        walk(x, out);
                    }
                }
                Condition::Not(x) => walk(x, out),
                Condition::Var { actor, .. }
                | Condition::NormUpheld { actor, .. }
                | Condition::NormBreached { actor, .. }
                | Condition::EvidenceHeld { actor, .. }
                | Condition::Assisted { actor }
                | Condition::Standing { actor, .. } => push(actor),
                Condition::Tension { a, b, .. }
                | Condition::Trust { a, b, .. }
                | Condition::RelationsSevered { a, b } => {
                    push(a);
                    push(b);
                }
                Condition::Attributed { by: Some(by), .. }
                | Condition::OrderUsed { by: Some(by), .. }
                | Condition::Sanctioned { by: Some(by), .. }
                | Condition::ReadingAdopted { by: Some(by), .. } => push(by),
                _ => {}
            }
        }
        walk(self, &mut out);
        out
    }

    /// Whether the condition names `actor` anywhere (as who acts, or whose state counts):
    /// one that does not is met or missed by what others do.
    pub fn names(&self, actor: &str) -> bool {
        self.actors().contains(&actor)
    }
}

/// The tag of every order (used for costs and conditions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrderKind {
    Investigate,
    ShareEvidence,
    RequestAssistance,
    ProvideAssistance,
    RequestLegalAssistance,
    AnswerLegalAssistance,
    /// Expedited preservation of records through the 24/7 network (Budapest Arts. 29, 35).
    Preserve,
    Demarche,
    SummonAmbassador,
    PublicStatement,
    Attribute,
    Deny,
    ExpelDiplomats,
    TableProposal,
    Vote,
    /// A state outside an institution aligns itself with a declaration it adopted (partner
    /// and candidate states with the EU's declarations).
    Align,
    Sanctions,
    Countermeasure,
    CovertOperation,
    Harden,
    CapacityBuilding,
    ConfidenceBuilding,
    SeverRelations,
    RestoreRelations,
    Indict,
    ReportVulnerability,
    SelfDefence,
    /// Blocking the sites and accounts that spread a leak or disinformation at home, or
    /// shutting down internet access: measures that touch freedom of expression (13e).
    Restrict,
    /// Acknowledging responsibility for an incident and offering reparation (ILC Arts.
    /// 30–31, 34–37): once the act has ceased, countermeasures must end (Art. 53).
    Reparation,
    /// Securing the state's missions' and foreign ministry's communications (encryption,
    /// phishing training, separate classified networks).
    SecureMissions,
    /// Answering a disinformation campaign or a leak in public with the facts (13e).
    Debunk,
    /// Asking the platforms to act against a campaign's or a leak's spread.
    AskPlatform,
    /// Warning the public ahead of the campaigns a state expects (prebunking).
    Prebunk,
}

impl OrderKind {
    pub const ALL: [OrderKind; 33] = [
        OrderKind::Investigate,
        OrderKind::ShareEvidence,
        OrderKind::RequestAssistance,
        OrderKind::ProvideAssistance,
        OrderKind::RequestLegalAssistance,
        OrderKind::AnswerLegalAssistance,
        OrderKind::Preserve,
        OrderKind::Demarche,
        OrderKind::SummonAmbassador,
        OrderKind::PublicStatement,
        OrderKind::Attribute,
        OrderKind::Deny,
        OrderKind::ExpelDiplomats,
        OrderKind::TableProposal,
        OrderKind::Vote,
        OrderKind::Align,
        OrderKind::Sanctions,
        OrderKind::Countermeasure,
        OrderKind::CovertOperation,
        OrderKind::Harden,
        OrderKind::CapacityBuilding,
        OrderKind::ConfidenceBuilding,
        OrderKind::SeverRelations,
        OrderKind::RestoreRelations,
        OrderKind::Indict,
        OrderKind::ReportVulnerability,
        OrderKind::SelfDefence,
        OrderKind::Restrict,
        OrderKind::Reparation,
        OrderKind::SecureMissions,
        OrderKind::Debunk,
        OrderKind::AskPlatform,
        OrderKind::Prebunk,
    ];

    /// Standard cost (diplomatic capital, technical capacity) when the scenario sets none.
    pub fn standard_cost(self) -> (i32, i32) {
        match self {
            OrderKind::Investigate => (0, 10),
            OrderKind::ShareEvidence => (3, 2),
            OrderKind::RequestAssistance => (3, 0),
            OrderKind::ProvideAssistance => (2, 10),
            OrderKind::RequestLegalAssistance => (4, 0),
            OrderKind::Preserve => (1, 1),
            OrderKind::AnswerLegalAssistance => (2, 3),
            OrderKind::Demarche => (3, 0),
            OrderKind::SummonAmbassador => (5, 0),
            OrderKind::PublicStatement => (4, 0),
            OrderKind::Attribute => (8, 0),
            OrderKind::Deny => (3, 0),
            OrderKind::ExpelDiplomats => (10, 0),
            OrderKind::TableProposal => (8, 0),
            OrderKind::Vote => (0, 0),
            OrderKind::Align => (2, 0),
            OrderKind::Sanctions => (12, 0),
            OrderKind::Countermeasure => (8, 12),
            OrderKind::CovertOperation => (4, 18),
            OrderKind::Harden => (0, 12),
            OrderKind::CapacityBuilding => (5, 8),
            OrderKind::ConfidenceBuilding => (6, 2),
            OrderKind::SeverRelations => (12, 0),
            OrderKind::RestoreRelations => (6, 0),
            OrderKind::Indict => (6, 4),
            OrderKind::ReportVulnerability => (2, 4),
            OrderKind::SelfDefence => (10, 20),
            OrderKind::Restrict => (3, 4),
            OrderKind::Reparation => (6, 0),
            OrderKind::SecureMissions => (2, 8),
            OrderKind::Debunk => (2, 3),
            OrderKind::AskPlatform => (1, 0),
            OrderKind::Prebunk => (2, 1),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            OrderKind::Investigate => "investigate",
            OrderKind::ShareEvidence => "share evidence",
            OrderKind::RequestAssistance => "request assistance",
            OrderKind::ProvideAssistance => "provide assistance",
            OrderKind::RequestLegalAssistance => "request legal assistance",
            OrderKind::Preserve => "request preservation",
            OrderKind::AnswerLegalAssistance => "answer legal assistance",
            OrderKind::Demarche => "private demarche",
            OrderKind::SummonAmbassador => "summon ambassador",
            OrderKind::PublicStatement => "public statement",
            OrderKind::Attribute => "attribute",
            OrderKind::Deny => "deny",
            OrderKind::ExpelDiplomats => "expel diplomats",
            OrderKind::TableProposal => "table proposal",
            OrderKind::Vote => "vote",
            OrderKind::Align => "align with a declaration",
            OrderKind::Sanctions => "national sanctions",
            OrderKind::Countermeasure => "countermeasure",
            OrderKind::CovertOperation => "covert cyber operation",
            OrderKind::Harden => "harden networks",
            OrderKind::CapacityBuilding => "capacity-building aid",
            OrderKind::ConfidenceBuilding => "confidence-building measure",
            OrderKind::SeverRelations => "sever diplomatic relations",
            OrderKind::RestoreRelations => "restore diplomatic relations",
            OrderKind::Indict => "indict",
            OrderKind::ReportVulnerability => "report a vulnerability",
            OrderKind::SelfDefence => "self-defence",
            OrderKind::Restrict => "restrict online access",
            OrderKind::Reparation => "offer reparation",
            OrderKind::SecureMissions => "secure the missions' communications",
            OrderKind::Debunk => "debunk",
            OrderKind::AskPlatform => "ask a platform to act",
            OrderKind::Prebunk => "prebunk",
        }
    }
}

/// Which orders exist and their cost. An actor's cost for an order is the entry that names
/// it in `actors`, else the entry with no `actors`; with neither, the order is unavailable to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderCostDef {
    pub order: OrderKind,
    pub capital: i32,
    pub capacity: i32,
    #[serde(default)]
    pub actors: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndingDef {
    pub id: String,
    pub title: Text,
    pub text: Text,
    pub condition: Condition,
    /// Ends the exercise as soon as the condition holds after a resolution; otherwise the
    /// ending is only considered after the last turn (first matching ending wins).
    #[serde(default)]
    pub early: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningObjectiveDef {
    pub id: String,
    pub text: Text,
    pub condition: Condition,
}
