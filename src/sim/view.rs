//! A seat's view: the only door through which state leaves the simulation for a player.
//! It holds exactly what that seat may see: never another seat's evidence, private
//! messages, secret ballots or orders, nor a hidden author. Secrecy is non-interference:
//! nothing here, derived values included, depends on hidden truth the seat was not given
//! (tests/suite/scenarios.rs plays variants that differ only in who is behind an incident and
//! compares the views byte for byte). The engine's own legal assessment of an incident is
//! not here either: what an incident is in law is the seat's judgement.

use serde::{Deserialize, Serialize};

use super::actors::{ActorIndex, ActorVars, Relations};
use super::assistance::{Request, RequestIndex, RequestKind};
use super::attribution::{Attribution, AttributionIndex, Knowledge};
use super::catalog::{ActorId, Catalog};
use super::clock::{Clock, Phase};
use super::diplomacy::{Agreement, Offers, Severed};
use super::exercise::Exercise;
use super::incidents::{Authorship, Evidence, Incident, IncidentIndex, IncidentStatus, KnownBy};
use super::institutions::{Listings, ProposalIndex, ProposalStatus, Tabled};
use super::names::InWorld;
use super::norms::ReadingCheck;
use super::orders::{Ballot, Order, Proposal, Submitted};
use super::outcome::Outcome;
use super::readings::Readings;
use super::record::{Chronicle, Decisions, NormLedger, Resolved, Verdict};
use crate::i18n::Phrase;
use crate::scenario::{
    Claim, Confidence, DecisionRule, Effect, IncidentKind, Layer, OrderKind, Reading, Reliability,
    Text, Var, Vars,
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeatView {
    pub seat: String,
    pub actor: String,
    pub role: Text,
    pub briefing: Text,
    pub turn: u32,
    pub turns: u32,
    pub phase: Phase,
    pub me: Vars,
    pub ready: bool,
    /// Who in the seat's delegation declared it ready in this phase, and who sent its
    /// orders this turn (none: nobody has, or the seat acted as a whole).
    #[serde(default)]
    pub ready_by: Option<String>,
    #[serde(default)]
    pub sent_by: Option<String>,
    pub actors: Vec<ActorCard>,
    pub relations: Vec<RelationLine>,
    pub incidents: Vec<IncidentCard>,
    pub evidence: Vec<EvidenceCard>,
    pub attributions: Vec<AttributionCard>,
    /// Legal readings this seat may know of: its own (with their check), those stated
    /// publicly, and those stated to it (a private attribution or a countermeasure).
    pub readings: Vec<ReadingCard>,
    pub proposals: Vec<ProposalCard>,
    pub requests: Vec<RequestCard>,
    /// Agreements (confidence-building measures, restored relations) offered to or by this
    /// seat's state and not yet agreed.
    #[serde(default)]
    pub offers: Vec<OfferCard>,
    pub listed: Vec<String>,
    /// Persons and entities the seat's evidence ties to an incident (candidates for listing).
    pub entities: Vec<EntityCard>,
    pub ledger: Vec<LedgerLine>,
    pub news: Vec<NewsLine>,
    /// Messages in the channels this seat belongs to.
    pub messages: Vec<MessageLine>,
    /// The meetings and summits this seat's state is a member of.
    #[serde(default)]
    pub meetings: Vec<MeetingCard>,
    pub results: Vec<ResultLine>,
    pub my_orders: Vec<Order>,
    /// The actors computer players play (the host knows; the server fills this in).
    #[serde(default)]
    pub computers: Vec<String>,
    /// The seat's orders in preparation as the host keeps them (the rules know nothing of
    /// drafts: the server fills this in).
    #[serde(default)]
    pub drafts: Vec<Order>,
    /// Whether drafts not sent go in when the orders phase ends (the instructor's choice;
    /// the server fills this in).
    #[serde(default)]
    pub drafts_go_in: bool,
    /// Who added each draft (in the order of `drafts`; the server fills this in).
    #[serde(default)]
    pub draft_authors: Vec<String>,
    /// The delegation's latest changes to its drafts, oldest first (the server fills this in).
    #[serde(default)]
    pub draft_log: Vec<crate::conductor::DraftNote>,
    /// The people who hold the seat together: its delegation (the server fills this in).
    #[serde(default)]
    pub members: Vec<Member>,
    /// The parts the seat's delegation may play (names only), and the reader's own with the
    /// note only its holder is given (the server fills these in).
    #[serde(default)]
    pub roles: Vec<RoleName>,
    #[serde(default)]
    pub my_role: Option<crate::scenario::RoleDef>,
    pub available: Vec<(OrderKind, i32, i32)>,
    pub objectives: Vec<ObjectiveCard>,
    /// The seat's own doctrine (what its computer player follows).
    pub doctrine: crate::scenario::Doctrine,
    /// Every institution: members, rule and powers are public.
    pub institutions: Vec<crate::scenario::InstitutionDef>,
    /// The scenario's public questions that are not incidents (names and tags are public).
    #[serde(default)]
    pub topics: Vec<crate::scenario::TopicDef>,
    /// The public sphere: the latest posts and articles, oldest first (at most `FEED_LEN`).
    #[serde(default)]
    pub feed: Vec<PostCard>,
    /// How each state stands with each audience.
    #[serde(default)]
    pub audiences: Vec<AudienceCard>,
    /// What trends in the latest turn resolved, most reached first.
    #[serde(default)]
    pub trending: Vec<TrendLine>,
}

/// How many posts and articles a view carries (the report has them all).
pub const FEED_LEN: usize = 80;

/// A post on the feed or an article on the wire, as every seat reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostCard {
    pub turn: u32,
    /// Who speaks: a government's account, another actor's, an institution, an account
    /// named as the scenario names it, or the wire.
    pub voice: Phrase,
    /// The actor whose own account it is, if any.
    pub by: Option<String>,
    /// The state the public takes an account's post to speak for.
    #[serde(default)]
    pub speaks_for: Option<String>,
    /// An article on the wire (otherwise a post on the feed).
    pub wire: bool,
    pub via: Option<super::orders::Via>,
    pub language: Option<String>,
    pub text: Phrase,
    pub about: Option<String>,
    /// The topic or incident it concerns (its id).
    pub subject: Option<String>,
    /// How hard it hits the state it names: -2 (warm) to 3.
    pub force: i32,
    pub tags: Vec<Phrase>,
    /// Thousands of people reached.
    pub reach: u32,
    /// Posted by accounts that hide who runs them.
    pub inauthentic: bool,
    pub reactions: Vec<ReactionLine>,
}

/// How one audience answered a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionLine {
    pub audience: String,
    pub actor: String,
    pub delta: i32,
}

/// An audience and how the states stand with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AudienceCard {
    pub id: String,
    pub name: Text,
    /// The state whose domestic public it is.
    pub home: Option<String>,
    pub media: bool,
    pub languages: Vec<String>,
    /// Its dispositions, as the scenario sets them: how much it resents foreign criticism
    /// of its own state, and what it cares about (0 to 100).
    pub pride: i32,
    pub cares: Vec<(String, i32)>,
    pub standing: Vec<StandingLine>,
}

/// A state's standing with an audience now, and how it moved in the latest turn resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandingLine {
    pub actor: String,
    pub now: i32,
    pub change: i32,
    /// Its standing after each turn resolved so far, from the start (for a chart).
    pub course: Vec<i32>,
}

/// A tag that trends, and the thousands its posts reached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendLine {
    pub tag: Phrase,
    pub reach: u32,
}

/// A role of the seat's delegation, without its note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleName {
    pub id: String,
    pub name: Text,
}

/// One person in a seat's delegation, as its members see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    /// Whether their connection is open now.
    pub connected: bool,
    /// Whether this is the person the view is for.
    pub me: bool,
    /// Their role in the delegation (one of the seat's roles), if they have one.
    #[serde(default)]
    pub role: Option<String>,
}

/// A meeting or summit the seat's state is a member of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingCard {
    pub id: u32,
    /// Its channel's name, as messages carry it.
    pub channel: String,
    pub host: String,
    /// The host and the states invited.
    pub members: Vec<String>,
    pub online: bool,
    /// The turn it sits: its channel is open to its members then.
    pub sits: u32,
    pub agenda: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorCard {
    pub id: String,
    pub name: Text,
    pub is_state: bool,
    pub reputation: i32,
    /// Institutions this actor and the viewer share.
    pub partner: bool,
    /// For proxies and criminal groups: the state they are known to operate from.
    pub linked_state: Option<String>,
    /// Where it is on the map, as the scenario says (none: not on the map by itself).
    #[serde(default)]
    pub place: Option<crate::scenario::Place>,
    /// A party to the Budapest Convention (public).
    #[serde(default)]
    pub budapest_party: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityCard {
    pub id: String,
    pub name: Text,
    /// A person, an entity (a company, a group) or a body (a state organ).
    #[serde(default)]
    pub kind: crate::scenario::EntityKind,
    pub affiliation: Option<String>,
    pub incidents: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationLine {
    pub a: String,
    pub b: String,
    pub trust: i32,
    pub tension: i32,
    /// Diplomatic relations are severed (public).
    #[serde(default)]
    pub severed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncidentCard {
    pub id: String,
    pub name: Phrase,
    pub description: Phrase,
    pub kind: IncidentKind,
    pub target: String,
    /// Scale, 1 (nuisance) to 5 (national crisis).
    pub severity: u32,
    pub active: bool,
    pub started: Option<u32>,
    /// How many turns it lasts.
    pub duration: u32,
    pub deaths: u32,
    /// Lasting physical damage.
    pub physical_damage: bool,
    /// Data or systems destroyed (a wiper).
    pub data_destroyed: bool,
    /// It hit the target's emergency response teams (its CERT).
    #[serde(default)]
    pub cert: bool,
    /// Infrastructure health the target loses each turn it goes on (its outage).
    pub outage: i32,
    /// Economy points the target loses each turn it goes on.
    pub economic_loss: i32,
    /// Only when the viewer is the author or its host state.
    pub author: Option<String>,
    pub denied_by: Vec<String>,
    /// Whether everyone knows of it.
    #[serde(default)]
    pub public: bool,
    /// When it began, in the story, if before the exercise.
    #[serde(default)]
    pub began: Option<Phrase>,
    /// Whether it is known to have been discovered: a public incident everyone has learnt
    /// of, or one against this seat's own state that it discovered. Its author is not told
    /// that its target found a secret operation.
    #[serde(default)]
    pub discovered: bool,
    /// The persona or group that claimed it in public (not who is behind it).
    #[serde(default)]
    pub claimed_by: Option<String>,
    /// What this seat's own evidence supports, per claim and accused (before it commits).
    pub claims: Vec<ClaimCard>,
}

/// The confidence a seat's evidence supports for one claim against one actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimCard {
    pub claim: Claim,
    pub against: String,
    pub confidence: Confidence,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadingCard {
    pub turn: u32,
    pub actor: String,
    pub incident: String,
    pub reading: Reading,
    pub public: bool,
    /// Own readings only: how the reading compared with what the seat knew, the highest
    /// reading its knowledge supported, and why.
    pub check: Option<ReadingCheck>,
    pub most: Option<Reading>,
    pub reason: Phrase,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceCard {
    pub id: String,
    pub incident: String,
    pub text: Phrase,
    pub points_to: String,
    pub reliability: Reliability,
    pub layer: Layer,
    /// From a sensitive source: the chance (percent) that sharing it in full burns the source.
    #[serde(default)]
    pub sensitive: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributionCard {
    pub incident: String,
    pub made_by: String,
    pub by: Vec<String>,
    pub to: String,
    pub claim: Claim,
    pub confidence: Confidence,
    pub public: bool,
    pub turn: u32,
    /// When the viewer is a party: what its own evidence supported for the claim.
    pub my_support: Option<Confidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalCard {
    pub id: u32,
    pub institution: String,
    pub rule: DecisionRule,
    pub by: String,
    pub proposal: Proposal,
    /// What it asks, in words (things named as the tabler named them).
    pub what: Phrase,
    pub status: ProposalStatus,
    pub reason: Phrase,
    /// Ballots the viewer may see: all if the body publishes votes, else its own.
    pub ballots: Vec<(String, Ballot)>,
    pub member: bool,
    /// States outside the institution that aligned themselves with the adopted text.
    #[serde(default)]
    pub aligned: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestCard {
    pub kind: RequestKind,
    pub from: String,
    pub to: String,
    pub incident: String,
    pub turn: u32,
    pub answer: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferCard {
    pub from: String,
    pub to: String,
    pub what: Agreement,
    pub turn: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub turn: u32,
    pub actor: String,
    pub norm: String,
    pub verdict: Verdict,
    pub reason: Phrase,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageLine {
    pub turn: u32,
    pub from: String,
    pub channel: String,
    pub text: String,
    /// A computer player's answer, in every language (`text` is then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Phrase>,
    /// A request the message makes of one seat, and its answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<AskLine>,
    /// The delegation member who wrote it, when a person did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A request in a channel as a reader sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AskLine {
    /// Its place among the exercise's messages (what an answer names).
    pub message: u32,
    pub ask: super::channels::Ask,
    /// The actor asked.
    pub to: String,
    pub answer: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsLine {
    pub turn: u32,
    pub text: Phrase,
}

/// One of the seat's objectives as it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveCard {
    pub text: Text,
    pub status: ObjectiveStatus,
    /// It does not name the seat's own state: others' acts meet or miss it too.
    pub shared: bool,
    /// Whose public act met it (a shared objective met by someone's act).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met_by: Option<Phrase>,
}

/// Where an objective stands. One that records something happening is met for good when
/// it happens; one about how things stand is judged at the end, and until then is on track
/// or at risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ObjectiveStatus {
    /// Met for good, in this turn.
    Met(u32),
    /// Not met yet.
    Open,
    /// Judged at the end; it holds now.
    OnTrack,
    /// Judged at the end; it does not hold now.
    AtRisk,
    /// The exercise ended without it.
    Missed,
}

impl ObjectiveStatus {
    /// Whether the objective is met, or would be if the exercise ended now.
    pub fn holds(self) -> bool {
        matches!(self, ObjectiveStatus::Met(_) | ObjectiveStatus::OnTrack)
    }

    /// Where an objective stands from whether it holds now, whether it would if the
    /// exercise ended now, whether it lasts once met, the turn it first held and whether
    /// the exercise has ended.
    pub fn of(holds: bool, at_end: bool, lasting: bool, first: Option<u32>, ended: bool) -> Self {
        match (holds, lasting || ended) {
            (true, true) => ObjectiveStatus::Met(first.unwrap_or_default()),
            (false, _) if ended => ObjectiveStatus::Missed,
            (false, true) => ObjectiveStatus::Open,
            _ if at_end => ObjectiveStatus::OnTrack,
            _ => ObjectiveStatus::AtRisk,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultLine {
    pub turn: u32,
    pub actor: String,
    pub order: Order,
    /// The order in words, things named as the record names them.
    pub summary: Phrase,
    pub resolved: Resolved,
    pub reason: Phrase,
}

/// How much a view carries. Computer players decide on the facts alone, so their views
/// leave out prose (briefings, descriptions, news, reasons), other seats' results and
/// relations between third parties; nothing in them is beyond what the seat may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    Full,
    FactsOnly,
}

impl SeatView {
    /// Whether the seat may align itself with a proposal: a declaration (a condemnation, a
    /// declaration of solidarity, an attribution statement) adopted by an institution it is
    /// not a member of, that it has not yet aligned with.
    pub fn may_align(&self, p: &ProposalCard) -> bool {
        matches!(
            p.proposal,
            Proposal::Condemnation { .. }
                | Proposal::Solidarity { .. }
                | Proposal::AttributionStatement { .. }
        ) && p.status == ProposalStatus::Passed
            && !p.member
            && !p.aligned.contains(&self.actor)
    }

    /// Whether the seat sits in an institution that holds its trade policy (the EU).
    pub fn in_trade_union(&self) -> bool {
        self.institutions
            .iter()
            .any(|i| i.trade_competence && i.members.contains(&self.actor))
    }

    /// The states this seat may ask to preserve records through the 24/7 network (both must
    /// be parties to the Budapest Convention): first those where a company or a group is
    /// established, whose records a request would reach.
    pub fn preservers(&self) -> Vec<&str> {
        let party = |id: &str| self.actors.iter().any(|a| a.id == id && a.budapest_party);
        if !party(&self.actor) {
            return Vec::new();
        }
        let mut states: Vec<&str> = self
            .actors
            .iter()
            .filter(|a| a.is_state && a.budapest_party && a.id != self.actor)
            .map(|a| a.id.as_str())
            .collect();
        states.sort_by_key(|s| !self.hosts_someone(s));
        states
    }

    /// Whether a company or a group is established in the state `id` (public).
    pub fn hosts_someone(&self, id: &str) -> bool {
        self.actors
            .iter()
            .any(|a| !a.is_state && a.linked_state.as_deref() == Some(id))
    }

    /// What an order costs the seat (capital, capacity); `None` when it is not available.
    pub fn order_cost(&self, o: &Order) -> Option<(i32, i32)> {
        let (_, a, b) = self.available.iter().find(|(k, _, _)| *k == o.kind())?;
        Some(o.priced((*a, *b)))
    }

    /// Whether this seat's state and `other` have severed diplomatic relations.
    pub fn severed_with(&self, other: &str) -> bool {
        self.relations.iter().any(|r| {
            r.severed
                && ((r.a == self.actor && r.b == other) || (r.b == self.actor && r.a == other))
        })
    }

    /// What the seat's own evidence supports for a claim against an actor about an incident
    /// (`None`: nothing, and 13b is breached by the claim).
    pub fn support(&self, incident: &str, claim: Claim, against: &str) -> Option<Confidence> {
        self.incidents
            .iter()
            .find(|i| i.id == incident)?
            .claims
            .iter()
            .find(|c| c.claim == claim && c.against == against)
            .map(|c| c.confidence)
    }
}

fn message_line(
    i: usize,
    m: &super::channels::Message,
    key: &dyn Fn(ActorId) -> String,
) -> MessageLine {
    MessageLine {
        turn: m.turn,
        from: key(m.from),
        channel: m.channel.clone(),
        text: m.text.clone(),
        said: m.said.clone(),
        ask: m.ask.as_ref().map(|a| AskLine {
            message: i as u32,
            ask: a.ask.clone(),
            to: key(a.to),
            answer: a.answer,
        }),
        by: m.by.clone(),
    }
}

/// The control cell's view of the channels: every message, with the actors who could read
/// it.
pub fn every_message(ex: &Exercise) -> Vec<(MessageLine, Vec<String>)> {
    let catalog = ex.catalog();
    ex.world()
        .resource::<super::channels::Channels>()
        .0
        .iter()
        .map(|m| {
            let line = MessageLine {
                turn: m.turn,
                from: catalog.actor_key(m.from).to_string(),
                channel: m.channel.clone(),
                text: m.text.clone(),
                said: m.said.clone(),
                ask: None,
                by: m.by.clone(),
            };
            let readers = m
                .audience
                .iter()
                .map(|a| catalog.actor_key(a).to_string())
                .collect();
            (line, readers)
        })
        .collect()
}

/// Projects the world for one seat.
pub fn view(ex: &Exercise, seat: &str) -> Option<SeatView> {
    view_with(ex, seat, Detail::Full)
}

/// Projects the world for one seat, with or without its prose.
pub fn view_with(ex: &Exercise, seat: &str, detail: Detail) -> Option<SeatView> {
    let full = detail == Detail::Full;
    let text = |t: &Text| if full { t.clone() } else { Text::default() };
    let prose = |p: &Phrase| if full { p.clone() } else { Phrase::default() };
    let world = ex.world();
    let c = world.resource::<Catalog>();
    let seat_index = c.seat(seat)?;
    let seat_def = &c.scenario.seats[seat_index];
    let me = c.seat_actor(seat_index);
    let key = |a: ActorId| c.actor_key(a).to_string();
    let clock = world.resource::<Clock>();
    let vars = |a: ActorId| {
        world
            .resource::<ActorIndex>()
            .0
            .get(a.0 as usize)
            .and_then(|e| world.get::<ActorVars>(*e))
            .map(|v| v.0)
            .unwrap_or_default()
    };
    let rel = world.resource::<Relations>();
    let actors = c
        .actor_ids()
        .map(|a| ActorCard {
            id: key(a),
            name: text(&c.scenario.actors[a.0 as usize].name),
            is_state: c.is_state(a),
            reputation: vars(a).reputation,
            partner: a != me && c.share_institution(a, me),
            // Where a group works from is public; who is behind a persona is for evidence.
            linked_state: c.host_state(a).filter(|s| *s != a).map(key),
            place: c.scenario.actors[a.0 as usize].place.clone(),
            budapest_party: c.scenario.actors[a.0 as usize].budapest_party,
        })
        .collect();
    let mut relations = Vec::new();
    let severed = world.resource::<Severed>();
    let states: Vec<ActorId> = c.actor_ids().filter(|a| c.is_state(*a)).collect();
    for (i, a) in states.iter().enumerate() {
        for b in &states[i + 1..] {
            if !full && *a != me && *b != me {
                continue;
            }
            relations.push(RelationLine {
                a: key(*a),
                b: key(*b),
                trust: rel.trust(*a, *b),
                tension: rel.tension(*a, *b),
                severed: severed.between(*a, *b).is_some(),
            });
        }
    }
    let index = world.resource::<IncidentIndex>();
    let knowledge = Knowledge::of(world, me, clock.turn);
    let per_turn = |inc: &Incident, var: Var| -> i32 {
        inc.effects
            .iter()
            .map(|e| match e {
                Effect::Var {
                    actor,
                    var: v,
                    delta,
                } if *v == var && *delta < 0 && c.actor(actor) == Some(inc.target) => -delta,
                _ => 0,
            })
            .sum()
    };
    let mut incidents = Vec::new();
    for e in &index.incident_order {
        let (Some(inc), Some(auth)) = (world.get::<Incident>(*e), world.get::<Authorship>(*e))
        else {
            continue;
        };
        if inc.status == IncidentStatus::Pending || !inc.seen_by.contains(me) {
            continue;
        }
        let knows_author = auth.author == me || c.host_state(auth.author) == Some(me);
        incidents.push(IncidentCard {
            id: inc.key.clone(),
            name: prose(&inc.name),
            description: prose(&inc.description),
            kind: inc.kind,
            target: key(inc.target),
            severity: inc.severity,
            active: inc.status == IncidentStatus::Active,
            started: inc.started,
            duration: inc.duration,
            deaths: inc.deaths,
            physical_damage: inc.lasting_damage,
            data_destroyed: inc.kind == IncidentKind::Wiper,
            cert: inc.cert,
            outage: per_turn(inc, Var::Infrastructure),
            economic_loss: per_turn(inc, Var::Economy),
            author: knows_author.then(|| key(auth.author)),
            denied_by: inc.denied_by.iter().map(key).collect(),
            public: inc.public,
            began: inc.began.as_ref().map(prose),
            discovered: inc.discovered && (inc.public || inc.target == me),
            claimed_by: inc.claimed_by.map(key),
            claims: knowledge
                .incidents
                .iter()
                .find(|(seq, ..)| *seq == inc.seq)
                .map(|(.., s)| {
                    s.iter()
                        .map(|x| ClaimCard {
                            claim: x.claim,
                            against: key(x.against),
                            confidence: x.confidence,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    let incident_key = |seq: u16| {
        index
            .by_seq(seq)
            .and_then(|e| world.get::<Incident>(e))
            .map(|i| i.key.clone())
            .unwrap_or_default()
    };
    let evidence = index
        .evidence_order
        .iter()
        .filter_map(|e| Some((world.get::<Evidence>(*e)?, world.get::<KnownBy>(*e)?)))
        .filter(|(_, k)| k.0.contains(me))
        .map(|(ev, _)| EvidenceCard {
            id: ev.key.clone(),
            incident: incident_key(ev.incident),
            text: prose(&ev.text),
            points_to: key(ev.points_to),
            reliability: ev.reliability,
            layer: ev.layer,
            sensitive: ev.sensitive.filter(|_| !ev.burnt),
        })
        .collect();
    let evidence: Vec<EvidenceCard> = evidence;
    let entities = c
        .scenario
        .entities
        .iter()
        .filter(|d| {
            d.incidents.iter().any(|i| {
                evidence
                    .iter()
                    .any(|e| &e.incident == i && Some(&e.points_to) == d.affiliation.as_ref())
            })
        })
        .map(|d| EntityCard {
            id: d.id.clone(),
            kind: d.kind,
            name: text(&d.name),
            affiliation: d.affiliation.clone(),
            incidents: d.incidents.clone(),
        })
        .collect();
    let attributions = world
        .resource::<AttributionIndex>()
        .0
        .iter()
        .filter_map(|e| world.get::<Attribution>(*e))
        .filter(|a| a.visible_to(me))
        .map(|a| AttributionCard {
            incident: incident_key(a.incident),
            made_by: key(a.made_by),
            by: a.by.iter().map(|x| key(*x)).collect(),
            to: key(a.to),
            claim: a.claim,
            confidence: a.confidence,
            public: a.public,
            turn: a.turn,
            my_support: a.support_of(me),
        })
        .collect();
    let readings = world
        .resource::<Readings>()
        .0
        .iter()
        .filter(|r| r.actor == me || r.heard_by.shows(me))
        .map(|r| {
            let mine = r.actor == me;
            ReadingCard {
                turn: r.turn,
                actor: key(r.actor),
                incident: incident_key(r.incident),
                reading: r.reading,
                public: r.heard_by == super::record::Visibility::Public,
                check: mine.then_some(r.check),
                most: mine.then_some(r.most),
                reason: if mine {
                    prose(&r.reason)
                } else {
                    Phrase::default()
                },
            }
        })
        .collect();
    let proposals = world
        .resource::<ProposalIndex>()
        .0
        .iter()
        .filter_map(|e| world.get::<Tabled>(*e))
        .filter_map(|t| {
            let def = &c.scenario.institutions[t.institution];
            let member = c.is_member(t.institution, me);
            if !member && t.status == ProposalStatus::Open {
                return None;
            }
            let ballots = t
                .ballots
                .iter()
                .filter(|(a, _)| def.votes_public || *a == me)
                .map(|(a, b)| (key(*a), *b))
                .collect();
            Some(ProposalCard {
                id: t.id,
                institution: def.id.clone(),
                rule: def.rule,
                by: key(t.by),
                proposal: t.proposal.clone(),
                what: prose(&t.what),
                status: t.status,
                reason: prose(&t.reason),
                ballots,
                member,
                aligned: t.aligned.iter().map(|a| key(*a)).collect(),
            })
        })
        .collect();
    let requests = world
        .resource::<RequestIndex>()
        .0
        .iter()
        .filter_map(|e| world.get::<Request>(*e))
        .filter(|r| r.from == me || r.to == me)
        .map(|r| RequestCard {
            kind: r.kind,
            from: key(r.from),
            to: key(r.to),
            incident: incident_key(r.incident),
            turn: r.turn,
            answer: r.answer,
        })
        .collect();
    let offers = world
        .resource::<Offers>()
        .0
        .iter()
        .filter(|(f, t, _, _)| *f == me || *t == me)
        .map(|(f, t, what, turn)| OfferCard {
            from: key(*f),
            to: key(*t),
            what: *what,
            turn: *turn,
        })
        .collect();
    let ledger = if !full {
        Vec::new()
    } else {
        world
            .resource::<NormLedger>()
            .0
            .iter()
            .filter(|e| e.visibility.shows(me))
            .map(|e| LedgerLine {
                turn: e.turn,
                actor: key(e.actor),
                norm: e.mark.norm.id().to_string(),
                verdict: e.mark.verdict,
                reason: e.mark.reason.clone(),
            })
            .collect()
    };
    let news = if full {
        world
            .resource::<Chronicle>()
            .0
            .iter()
            .filter(|e| e.visibility.shows(me))
            .map(|e| NewsLine {
                turn: e.turn,
                text: e.text.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let messages = if full {
        world
            .resource::<super::channels::Channels>()
            .0
            .iter()
            .enumerate()
            .filter(|(_, m)| m.audience.contains(me))
            .map(|(i, m)| message_line(i, m, &key))
            .collect()
    } else {
        // A computer player reads no prose, only the requests made of it.
        world
            .resource::<super::channels::Channels>()
            .0
            .iter()
            .enumerate()
            .filter(|(_, m)| m.ask.as_ref().is_some_and(|a| a.to == me))
            .map(|(i, m)| MessageLine {
                said: None,
                ..message_line(i, m, &key)
            })
            .collect()
    };
    let meetings = world
        .resource::<super::meetings::Meetings>()
        .0
        .iter()
        .filter(|m| m.members.contains(me))
        .map(|m| MeetingCard {
            id: m.id,
            channel: m.channel(),
            host: key(m.host),
            members: m.members.iter().map(key).collect(),
            online: m.online,
            sits: m.sits,
            agenda: m.agenda.clone(),
        })
        .collect();
    let results = world
        .resource::<Decisions>()
        .0
        .iter()
        .filter(|d| d.actor == me || (full && d.visibility.shows(me)))
        .map(|d| ResultLine {
            turn: d.turn,
            actor: key(d.actor),
            order: d.order.clone(),
            summary: if full {
                d.order.summary(&InWorld(world))
            } else {
                Phrase::default()
            },
            resolved: d.resolved,
            reason: prose(&d.reason),
        })
        .collect();
    let submitted = world.resource::<Submitted>();
    let outcome = world.resource::<Outcome>();
    let ended = world.resource::<Clock>().phase == Phase::Ended || outcome.ending.is_some();
    let objectives = seat_def
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let holds = outcome
                .objectives
                .get(seat_index)
                .and_then(|v| v.get(i))
                .copied()
                .unwrap_or(false);
            let first = outcome
                .first_met
                .get(seat_index)
                .and_then(|v| v.get(i))
                .copied()
                .flatten();
            let at_end = outcome
                .on_track
                .get(seat_index)
                .and_then(|v| v.get(i))
                .copied()
                .unwrap_or(holds);
            ObjectiveCard {
                text: text(&o.text),
                status: ObjectiveStatus::of(holds, at_end, o.condition.lasting(), first, ended),
                shared: !o.condition.names(&seat_def.actor),
                met_by: outcome
                    .met_by
                    .get(seat_index)
                    .and_then(|v| v.get(i))
                    .cloned()
                    .flatten()
                    .filter(|_| full && !o.condition.names(&seat_def.actor)),
            }
        })
        .collect();
    let who = |by: &[(ActorId, String)]| {
        by.iter()
            .find(|(a, _)| *a == me)
            .map(|(_, person)| person.clone())
    };
    Some(SeatView {
        seat: seat.to_string(),
        actor: key(me),
        role: text(&seat_def.role),
        briefing: text(&seat_def.briefing),
        turn: clock.turn,
        turns: clock.turns,
        phase: clock.phase,
        me: vars(me),
        ready: submitted.ready.contains(me),
        ready_by: who(&submitted.ready_by),
        sent_by: who(&submitted.sent_by),
        actors,
        relations,
        incidents,
        evidence,
        attributions,
        readings,
        proposals,
        requests,
        offers,
        listed: world.resource::<Listings>().listed.clone(),
        entities,
        ledger,
        news,
        messages,
        meetings,
        results,
        my_orders: submitted.of(me).to_vec(),
        drafts: Vec::new(),
        drafts_go_in: false,
        computers: Vec::new(),
        draft_authors: Vec::new(),
        draft_log: Vec::new(),
        members: Vec::new(),
        roles: Vec::new(),
        my_role: None,
        available: OrderKind::ALL
            .iter()
            .filter_map(|k| c.cost(me, *k).map(|(a, b)| (*k, a, b)))
            .collect(),
        objectives,
        doctrine: c.scenario.actors[me.0 as usize].doctrine,
        institutions: if full {
            c.scenario.institutions.clone()
        } else {
            Vec::new()
        },
        topics: c.scenario.topics.clone(),
        // A computer player reads who said what to whom, not the words.
        feed: super::sphere::feed(world, FEED_LEN, full),
        audiences: super::sphere::audience_cards(world),
        trending: if full {
            super::sphere::trend_lines(world)
        } else {
            Vec::new()
        },
    })
}

/// For tests: the first playable seat of Estonia 2007 (seed 7) and its view at the start.
#[cfg(test)]
pub fn sample_view() -> (String, SeatView) {
    let source = include_str!("../../scenarios/estonia_2007.ron");
    let sc = crate::scenario::parse(source, "scenarios/estonia_2007.ron").unwrap();
    let ex = Exercise::new(std::sync::Arc::new(sc), 7);
    let seat = ex
        .scenario()
        .seats
        .iter()
        .find(|s| s.playable)
        .unwrap()
        .id
        .clone();
    let v = view(&ex, &seat).unwrap();
    (seat, v)
}
