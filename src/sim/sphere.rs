//! The public sphere: a news wire and a social feed, and the publics that answer them.
//!
//! Every public act (statements, attributions, denials, expulsions, sanctions, institutions'
//! texts, leaks, a campaign's posts) becomes a post on the feed or an article on the wire,
//! and each audience answers it by the rules its scenario sets: how much it resents foreign
//! criticism of its own state (`pride`), what it cares about (`cares`), and how the states
//! already stand with it. How each state stands with each audience is state every seat sees
//! and objectives test. Everything here follows from public acts and observable facts, so
//! nothing in it depends on hidden truth.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{ActorId, Catalog};
use super::clock::Clock;
use super::incidents::{Incident, IncidentStatus};
use super::institutions::{ProposalStatus, Tabled};
use super::orders::{Ballot, Order, Proposal, Stance, Via};
use super::record::{Chronicle, Decisions, Resolved, Visibility};
use super::{Resolve, ResolveStep};
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario::{Claim, Effect, IncidentKind, PostDef, Scenario, Text};

/// A language's name, from its code (the code itself for a language the game does not
/// name).
pub fn language(code: &str) -> Arg {
    match code {
        "en" => Arg::term("English"),
        "ar" => Arg::term("Arabic"),
        "fr" => Arg::term("French"),
        "ru" => Arg::term("Russian"),
        "zh" => Arg::term("Chinese"),
        "es" => Arg::term("Spanish"),
        "de" => Arg::term("German"),
        "el" => Arg::term("Greek"),
        "et" => Arg::term("Estonian"),
        "sq" => Arg::term("Albanian"),
        "fa" => Arg::term("Persian"),
        _ => Arg::id(code),
    }
}

/// The id of a state's domestic public when the scenario names no audiences.
pub fn public_id(actor: &str) -> String {
    format!("public_{actor}")
}

/// The id of the international media when the scenario names no audiences.
pub const MEDIA: &str = "media";

/// An audience as the rules use it (from the scenario, or the defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct AudienceInfo {
    pub id: String,
    pub name: Text,
    pub home: Option<ActorId>,
    pub languages: Vec<String>,
    pub pride: i32,
    /// What it cares about: a topic's or an incident's id, and how much (0 to 100).
    pub cares: Vec<(String, i32)>,
    pub media: bool,
    /// How each actor stands with it at the start (indexed by `ActorId`).
    pub start: Vec<i32>,
}

impl AudienceInfo {
    fn care(&self, subject: Option<&str>) -> i32 {
        subject
            .and_then(|s| self.cares.iter().find(|(k, _)| k == s))
            .map_or(50, |(_, c)| *c)
    }
    fn reads(&self, language: Option<&str>) -> bool {
        language.is_some_and(|l| self.languages.iter().any(|x| x == l))
    }
}

/// The audiences of a scenario: those it names, or each state's domestic public and the
/// international media, with standing drawn from the starting relations.
pub fn audiences(sc: &Scenario, actor: impl Fn(&str) -> Option<ActorId>) -> Vec<AudienceInfo> {
    let n = sc.actors.len();
    if !sc.audiences.is_empty() {
        return sc
            .audiences
            .iter()
            .map(|a| {
                let mut start = vec![50; n];
                for (k, v) in &a.standing {
                    if let Some(x) = actor(k) {
                        start[x.0 as usize] = (*v).clamp(0, 100);
                    }
                }
                AudienceInfo {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    home: a.home.as_deref().and_then(&actor),
                    languages: a.languages.clone(),
                    pride: a.pride.clamp(0, 100),
                    cares: a.cares.clone(),
                    media: a.media,
                    start,
                }
            })
            .collect();
    }
    let relation = |a: &str, b: &str| {
        sc.relations
            .iter()
            .find(|r| (r.a == a && r.b == b) || (r.a == b && r.b == a))
            .map_or(
                (super::actors::NEUTRAL_TRUST, super::actors::NEUTRAL_TENSION),
                |r| (r.trust, r.tension),
            )
    };
    let states: Vec<_> = sc
        .actors
        .iter()
        .filter(|a| a.kind == crate::scenario::ActorKind::State)
        .collect();
    let mut out: Vec<AudienceInfo> = states
        .iter()
        .map(|home| {
            let start = sc
                .actors
                .iter()
                .map(|other| {
                    if other.id == home.id {
                        55
                    } else {
                        let (trust, tension) = relation(&home.id, &other.id);
                        (50 + (trust - 40) / 2 - (tension - 20) / 2).clamp(10, 90)
                    }
                })
                .collect();
            let mut name = Text::new(format!("Public in {}", home.name.en));
            name = name.with("ar", format!("الرأي العام في {}", home.name.get("ar")));
            AudienceInfo {
                id: public_id(&home.id),
                name,
                home: actor(&home.id),
                languages: Vec::new(),
                pride: 50,
                cares: Vec::new(),
                media: false,
                start,
            }
        })
        .collect();
    out.push(AudienceInfo {
        id: MEDIA.into(),
        name: Text::new("International media").with("ar", "وسائل الإعلام الدولية"),
        home: None,
        languages: Vec::new(),
        pride: 0,
        cares: Vec::new(),
        media: true,
        start: sc.actors.iter().map(|a| a.start.reputation).collect(),
    });
    out
}

/// Who speaks in a post or an article.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Voice {
    /// A government's own account (its foreign ministry, minister or spokesperson).
    State(ActorId),
    /// Another actor's account: a persona, a company, a group.
    Actor(ActorId),
    /// An institution's published text (its index in the scenario).
    Institution(usize),
    /// An account that is no actor's own, named as the scenario names it.
    Account(Text),
    /// The news wire's own reporting.
    Wire,
}

/// What a post is about, for what audiences care about and for what trends.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Topic(String),
    Incident(String),
}

impl Subject {
    fn key(&self) -> &str {
        match self {
            Subject::Topic(k) | Subject::Incident(k) => k,
        }
    }
}

/// What kind of act a post reports, where audiences answer it apart from its wording.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Deed {
    /// Words, or a measure against the state it names: answered by their force.
    #[default]
    Words,
    /// A denial of any part in an incident.
    Denial,
    /// Acknowledging responsibility and offering reparation.
    Concession,
    /// An attribution that releases the evidence behind it.
    Release,
    /// Blocking the sites and accounts that spread a campaign (`false`), or cutting
    /// internet access (`true`): measures against the freedom of expression.
    Restriction(bool),
    /// Setting out the facts against a campaign or a leak, releasing the evidence held on
    /// it (`true`) or not.
    Debunk(bool),
    /// Warning the public ahead of the campaigns expected.
    Prebunk,
}

/// How a campaign or a leak was answered: each answer takes force from its posts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Counter {
    /// Debunked in public, with the evidence released or not.
    Debunked { release: bool },
    /// A platform asked to act on the inauthentic accounts, or on the posts.
    Platform(super::orders::PlatformAsk),
}

/// Campaigns against a state carry this much less while its public is forewarned.
pub const PREBUNK_TURNS: u32 = 3;

/// One audience's answer to a post: how a state's standing with it moved.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reaction {
    pub audience: u16,
    pub actor: ActorId,
    pub delta: i32,
}

/// A post on the feed or an article on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Post {
    pub turn: u32,
    pub voice: Voice,
    /// An article on the wire (otherwise a post on the feed).
    pub wire: bool,
    /// How a state spoke, for a state's statement.
    pub via: Option<Via>,
    pub language: Option<String>,
    pub text: Phrase,
    /// The state it names.
    pub about: Option<ActorId>,
    /// The victim of the incident it concerns, if any.
    pub victim: Option<ActorId>,
    pub subject: Option<Subject>,
    /// How hard it hits the state it names: -2 (warm) to 3.
    pub force: i32,
    pub deed: Deed,
    /// Posted by accounts that hide who runs them.
    pub inauthentic: bool,
    /// The state the public takes an account's post to speak for.
    #[serde(default)]
    pub speaks_for: Option<ActorId>,
    /// How far it spread, in thousands of people reached.
    pub reach: u32,
    pub reactions: Vec<Reaction>,
    /// The order resolution it reports (index into `Decisions`).
    pub decision: Option<usize>,
}

impl Post {
    /// A post of this turn by this voice, naming no one, of no force, not yet answered.
    fn new(turn: u32, voice: Voice, text: Phrase) -> Post {
        Post {
            turn,
            voice,
            wire: false,
            via: None,
            language: None,
            text,
            about: None,
            victim: None,
            subject: None,
            force: 0,
            deed: Deed::Words,
            inauthentic: false,
            speaks_for: None,
            reach: 0,
            reactions: Vec::new(),
            decision: None,
        }
    }
}

/// What trends: a topic, an incident or a state.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tag {
    Subject(Subject),
    Actor(ActorId),
}

/// The public sphere's state: every post and article, how each actor stands with each
/// audience, its course turn by turn, and what trends this turn.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sphere {
    pub posts: Vec<Post>,
    /// `standing[audience][actor]`, 0 to 100; empty until the first post or resolution.
    pub standing: Vec<Vec<i32>>,
    /// The standing after each turn's resolution, for the report's chart.
    pub history: Vec<(u32, Vec<Vec<i32>>)>,
    /// This turn's trending tags and the thousands of people their posts reached.
    pub trending: Vec<(Tag, u32)>,
    /// Answers to campaigns and leaks: the incident, the turn and how (the asker is not
    /// kept: a request to a platform is not public).
    #[serde(default)]
    pub counters: Vec<(String, u32, Counter)>,
    /// States whose public was warned ahead, and the turn the warning wears off.
    #[serde(default)]
    pub prebunked: Vec<(ActorId, u32)>,
    /// Posts before this index have been answered.
    answered: usize,
    /// Decisions before this index have been looked at.
    decisions_seen: usize,
}

impl Sphere {
    fn ensure(&mut self, catalog: &Catalog) {
        if self.standing.is_empty() {
            self.standing = catalog.audiences.iter().map(|a| a.start.clone()).collect();
        }
    }

    /// How `actor` stands with the audience at index `audience` now.
    pub fn standing(&self, catalog: &Catalog, audience: usize, actor: ActorId) -> i32 {
        self.standing
            .get(audience)
            .or_else(|| catalog.audiences.get(audience).map(|a| &a.start))
            .and_then(|row| row.get(actor.0 as usize))
            .copied()
            .unwrap_or(50)
    }

    /// Adds a post to be answered at this turn's resolution.
    fn push(&mut self, post: Post) {
        self.posts.push(post);
    }

    /// How much force the answers take from a campaign's or a leak's posts at `turn`: a
    /// debunk 1 (2 with the evidence released), a platform's action 1, a forewarned target 1.
    pub fn weakening(&self, incident: &str, target: ActorId, turn: u32) -> i32 {
        let answered: i32 = self
            .counters
            .iter()
            .filter(|(i, t, _)| i == incident && *t <= turn)
            .map(|(_, _, c)| match c {
                Counter::Debunked { release: true } => 2,
                _ => 1,
            })
            .sum();
        let warned = self
            .prebunked
            .iter()
            .any(|(a, until)| *a == target && turn < *until);
        answered + i32::from(warned)
    }
}

/// How much of an audience's attention a post reaches (percent), and how hot it runs
/// (percent): the channel table of `docs/rules.md`.
fn reach(post: &Post, a: &AudienceInfo, speaker: Option<ActorId>) -> (i32, i32) {
    let home = a.home.is_some() && a.home == speaker;
    // The public of the state it names, or of the victim of the incident it concerns,
    // follows it closely.
    let named = a.home.is_some() && (a.home == post.about || a.home == post.victim);
    let aimed = !home && a.reads(post.language.as_deref());
    let post_like = !post.wire && post.via.is_none_or(|v| v == Via::Post);
    // A post in a language its own public does not read reaches it through others' words.
    let foreign_at_home = home
        && post.language.is_some()
        && !a.languages.is_empty()
        && !a.reads(post.language.as_deref());
    let share = if foreign_at_home {
        50
    } else if home || a.media || aimed {
        100
    } else if post_like {
        if named { 100 } else { 70 }
    } else {
        match (post.via, named) {
            (Some(Via::Briefing), true) => 40,
            (Some(Via::Briefing), false) => 25,
            (_, true) => 60,
            (_, false) => 40,
        }
    };
    let heat = if post_like { 150 } else { 100 } + if aimed { 50 } else { 0 };
    (share, heat)
}

/// An audience's answer to a post before its reach: how each actor's standing moves.
fn answer(
    a: &AudienceInfo,
    standing: &[i32],
    post: &Post,
    speaker: Option<ActorId>,
    affronted: bool,
) -> Vec<(ActorId, i32)> {
    let f = post.force;
    let care = a.care(post.subject.as_ref().map(Subject::key));
    let proud = a.pride / 25;
    let mut out = Vec::new();
    let Some(s) = speaker else {
        // Nobody's government speaks: a post against a state is believed abroad and
        // rallies its own public.
        if let Some(t) = post.about
            && f > 0
        {
            if a.home == Some(t) {
                out.push((t, f * a.pride / 100));
            } else if !a.media || !post.inauthentic {
                out.push((t, -f));
            }
        }
        return out;
    };
    let mut to_speaker = 0;
    if a.media {
        to_speaker = match post.deed {
            Deed::Release | Deed::Debunk(true) => 3,
            Deed::Debunk(false) | Deed::Prebunk => 1,
            Deed::Restriction(shutdown) => {
                if shutdown {
                    -6
                } else {
                    -3
                }
            }
            _ if f >= 3 && post.via == Some(Via::Post) => -2,
            // A measure (an expulsion, sanctions, a break) rather than words.
            _ if f >= 3 && post.via.is_none() => -1,
            _ if f < 0 => 1,
            _ => 0,
        };
    } else if a.home == Some(s) {
        to_speaker = match post.deed {
            Deed::Restriction(shutdown) => {
                if shutdown {
                    -6
                } else {
                    -2
                }
            }
            Deed::Denial | Deed::Prebunk => 1,
            // Standing up for the facts, the more so for its own state.
            Deed::Debunk(_) => 1 + i32::from(post.victim == Some(s)),
            Deed::Concession => -proud.max(1),
            _ if f > 0 => f * (care - 25) / 25 + if affronted { f * a.pride / 50 } else { 0 },
            _ if f < 0 && affronted => -proud.max(1),
            _ => 1,
        };
    } else if a.home.is_some() && a.home == post.about {
        let home = post.about.unwrap_or(s);
        if f > 0 {
            to_speaker = -f * (1 + proud);
            out.push((home, f * a.pride / 50));
        } else {
            to_speaker = if f < 0 { -2 * f } else { 3 };
        }
    } else if post.deed == Deed::Denial {
        // A denial reassures only at home; its victim's public does not take it on trust.
        to_speaker = if a.home.is_some() && a.home == post.victim {
            -1
        } else {
            0
        };
    } else if a.home.is_some() && a.home == post.victim {
        to_speaker = match f {
            f if f < 0 => -1,
            0 => 3,
            f => 2 + if post.about.is_some() { f } else { 0 },
        };
    } else {
        // Any other public: a foreign one, a regional one with no home state.
        if let Deed::Restriction(_) = post.deed {
            to_speaker = -1;
        } else if f != 0 {
            to_speaker = f * (care - 50) / 25;
            if let Some(t) = post.about {
                let them = standing.get(t.0 as usize).copied().unwrap_or(50);
                to_speaker -= f * (them - 50) / 15;
            }
        }
    }
    // The facts win back some of what a campaign took from its target, except at home,
    // where the campaign was not believed.
    if let Deed::Debunk(release) = post.deed
        && let Some(v) = post.victim
        && a.home != Some(v)
    {
        let back = if release { 2 } else { 1 };
        if v == s {
            to_speaker += back;
        } else {
            out.push((v, back));
        }
    }
    out.insert(0, (s, to_speaker));
    out
}

/// A move in standing, smaller as the standing nears the end it moves towards: a public
/// already won over (or lost) moves less. Full at 50 and beyond it, a fifth at 90 (or 10).
fn diminished(delta: i32, standing: i32) -> i32 {
    let room = if delta > 0 { 100 - standing } else { standing };
    if room >= 50 {
        delta
    } else {
        let d = delta * room.max(0) / 50;
        if d == 0 && room > 0 {
            delta.signum()
        } else {
            d
        }
    }
}

/// Rounds `x / 10000` half away from zero.
fn scaled(x: i32) -> i32 {
    (x + x.signum() * 5000) / 10000
}

/// The actors whose standing a post's voice moves, with the weight (percent) of each.
fn speakers(post: &Post, votes: &[(usize, Vec<ActorId>)]) -> Vec<(Option<ActorId>, i32)> {
    match &post.voice {
        Voice::Account(_) | Voice::Actor(_) if post.speaks_for.is_some() => {
            vec![(post.speaks_for, 100)]
        }
        Voice::State(a) => vec![(Some(*a), 100)],
        // A persona's, a company's or a group's account is no government's voice: what it
        // says against a state counts against that state.
        Voice::Actor(_) => vec![(None, 100)],
        Voice::Institution(i) => votes
            .iter()
            .find(|(x, _)| x == i)
            .map(|(_, yes)| yes.iter().map(|a| (Some(*a), 50)).collect())
            .unwrap_or_default(),
        Voice::Account(_) | Voice::Wire => vec![(None, 100)],
    }
}

/// Answers every post not yet answered: each audience's reactions, applied to the standing.
fn answer_posts(
    sphere: &mut Sphere,
    catalog: &Catalog,
    turn: u32,
    votes: &[(usize, Vec<ActorId>)],
) {
    sphere.ensure(catalog);
    let start = sphere.answered;
    for i in start..sphere.posts.len() {
        let post = sphere.posts[i].clone();
        // Has the state this post's speaker names affronted the speaker's public lately
        // (a firm word or measure against it, this turn or the last)?
        let affronted = |home: ActorId, by: Option<ActorId>| {
            by.is_some_and(|by| {
                sphere.posts[..i].iter().any(|p| {
                    p.turn + 1 >= turn
                        && p.force >= 2
                        && p.about == Some(home)
                        && matches!(p.voice, Voice::State(x) if x == by)
                })
            })
        };
        let mut reactions = Vec::new();
        let mut reached = 0i64;
        for (k, a) in catalog.audiences.iter().enumerate() {
            for (speaker, weight) in speakers(&post, votes) {
                let (share, heat) = reach(&post, a, speaker);
                reached += (share * heat) as i64;
                let wronged = a.home.is_some_and(|h| affronted(h, post.about));
                for (actor, base) in answer(a, &sphere.standing[k], &post, speaker, wronged) {
                    let row = &mut sphere.standing[k];
                    let before = row[actor.0 as usize];
                    let delta = diminished(scaled(base * share * heat / 100 * weight), before);
                    if delta == 0 {
                        continue;
                    }
                    row[actor.0 as usize] = (before + delta).clamp(0, 100);
                    let applied = row[actor.0 as usize] - before;
                    if applied != 0 {
                        reactions.push(Reaction {
                            audience: k as u16,
                            actor,
                            delta: applied,
                        });
                    }
                }
            }
        }
        let p = &mut sphere.posts[i];
        p.reactions = reactions;
        // Thousands reached: the attention it drew, with a spread of its own that depends
        // only on its place in the feed.
        p.reach = (reached / 40 + (i as i64 * 37 % 23)).max(1) as u32;
    }
    sphere.answered = sphere.posts.len();
}

/// The tags this turn's posts trend under, most reached first (at most three).
fn trending(sphere: &Sphere, turn: u32) -> Vec<(Tag, u32)> {
    let mut score: Vec<(Tag, u32)> = Vec::new();
    let mut add = |tag: Tag, reach: u32| match score.iter_mut().find(|(t, _)| *t == tag) {
        Some((_, r)) => *r += reach,
        None => score.push((tag, reach)),
    };
    for p in sphere.posts.iter().filter(|p| p.turn == turn) {
        if let Some(s) = &p.subject {
            add(Tag::Subject(s.clone()), p.reach);
        }
        if let Some(a) = p.about {
            add(Tag::Actor(a), p.reach);
        }
    }
    score.sort_by_key(|s| std::cmp::Reverse(s.1));
    score.truncate(3);
    score
}

/// A statement's words as they read on the feed or the wire.
fn statement_text(
    catalog: &Catalog,
    speaker: ActorId,
    stance: Stance,
    about: Option<ActorId>,
    on: Phrase,
) -> Phrase {
    let s = catalog.named(speaker);
    match (stance, about) {
        (Stance::Calm, Some(t)) => say!(
            "{0} calls on {1} and all concerned for calm and restraint{2}",
            s,
            catalog.named(t),
            on
        ),
        (Stance::Calm, None) => say!("{0} calls for calm and restraint{1}", s, on),
        (Stance::Concern, Some(t)) => say!(
            "{0} is gravely concerned{1} and raises it with {2}",
            s,
            on,
            catalog.named(t)
        ),
        (Stance::Concern, None) => say!("{0} is gravely concerned{1}", s, on),
        (Stance::Condemn, Some(t)) => say!("{0} condemns {1}{2}", s, catalog.named(t), on),
        (Stance::Condemn, None) => say!("{0} condemns what happened{1}", s, on),
        (Stance::Demand, Some(t)) => say!(
            "{0} urges {1} to act immediately{2}",
            s,
            catalog.named(t),
            on
        ),
        (Stance::Demand, None) => say!("{0} demands immediate action{1}", s, on),
        (Stance::Solidarity, Some(t)) => say!("{0} stands with {1}{2}", s, catalog.named(t), on),
        (Stance::Solidarity, None) => say!("{0} expresses its solidarity{1}", s, on),
    }
}

/// The post a public order makes, if it makes one.
fn post_of(
    catalog: &Catalog,
    index: usize,
    decision: &super::record::Decision,
    story: Option<&Phrase>,
    victim: &dyn Fn(&str) -> Option<ActorId>,
    incident_name: &dyn Fn(&str) -> Arg,
) -> Option<Post> {
    if decision.resolved != Resolved::Done || decision.visibility != Visibility::Public {
        return None;
    }
    let s = decision.actor;
    let named = |id: &str| catalog.actor(id).filter(|x| *x != s);
    let mut post = Post {
        wire: true,
        subject: decision
            .order
            .incident()
            .map(|i| Subject::Incident(i.to_string())),
        decision: Some(index),
        ..Post::new(
            decision.turn,
            Voice::State(s),
            story.cloned().unwrap_or_default(),
        )
    };
    post.victim = decision.order.incident().and_then(victim);
    match &decision.order {
        Order::PublicStatement {
            stance,
            incident,
            about,
            via,
            language,
            topic,
            ..
        } => {
            let about = about.as_deref().and_then(named);
            let on = match (incident, topic) {
                (Some(i), _) => say!(" over {0}", incident_name(i)),
                (None, Some(t)) => match catalog.scenario.topics.iter().find(|x| &x.id == t) {
                    Some(t) => say!(" over {0}", Arg::Name(t.name.clone())),
                    None => Phrase::default(),
                },
                (None, None) => Phrase::default(),
            };
            post.text = statement_text(catalog, s, *stance, about, on);
            post.about = about;
            post.force = stance.force();
            post.via = Some(*via);
            post.wire = *via != Via::Post;
            post.language = language.clone();
            if incident.is_none() {
                post.subject = topic.clone().map(Subject::Topic);
            }
        }
        Order::Attribute {
            to, claim, release, ..
        } => {
            post.about = named(to).filter(|t| catalog.is_state(*t));
            post.force = match claim {
                Claim::Responsibility | Claim::DueDiligence => 2,
                Claim::Infrastructure => 1,
                Claim::Operator => 0,
            };
            if *release {
                post.deed = Deed::Release;
            }
        }
        Order::Deny { .. } => post.deed = Deed::Denial,
        Order::ExpelDiplomats { of, .. } => {
            post.about = named(of);
            post.force = 3;
        }
        Order::SummonAmbassador { of, .. } => {
            post.about = named(of);
            post.force = 2;
        }
        Order::Sanctions { target } => {
            post.about = named(target).filter(|t| catalog.is_state(*t));
            post.force = if post.about.is_some() { 3 } else { 1 };
        }
        Order::SeverRelations { with, .. } => {
            post.about = named(with);
            post.force = 3;
        }
        Order::RestoreRelations { with } => {
            post.about = named(with);
            post.force = -2;
        }
        Order::Reparation { to, .. } => {
            post.about = named(to);
            post.force = -2;
            post.deed = Deed::Concession;
        }
        Order::Countermeasure { against, .. } | Order::SelfDefence { against, .. } => {
            post.about = named(against);
            post.force = 3;
        }
        Order::Restrict { shutdown, .. } => post.deed = Deed::Restriction(*shutdown),
        Order::Debunk { release, .. } => post.deed = Deed::Debunk(*release),
        Order::Prebunk { topic } => {
            post.deed = Deed::Prebunk;
            post.subject = topic.clone().map(Subject::Topic);
        }
        Order::Indict { .. } | Order::Align { .. } => post.force = 1,
        _ => return None,
    }
    Some(post)
}

/// The post an inject or a running incident's effect makes.
fn post_of_effect(catalog: &Catalog, turn: u32, def: &PostDef) -> Post {
    let by = def.by.as_deref().and_then(|b| catalog.actor(b));
    let voice = match (by, &def.account) {
        (_, Some(name)) => Voice::Account(name.clone()),
        (Some(a), None) if catalog.is_state(a) => Voice::State(a),
        (Some(a), None) => Voice::Actor(a),
        (None, None) => Voice::Wire,
    };
    let subject = def.topic.as_ref().map(|t| {
        if catalog.scenario.topics.iter().any(|x| &x.id == t) {
            Subject::Topic(t.clone())
        } else {
            Subject::Incident(t.clone())
        }
    });
    Post {
        wire: def.wire,
        language: def.language.clone(),
        about: def.about.as_deref().and_then(|a| catalog.actor(a)),
        subject,
        force: def.force.clamp(-2, 3),
        inauthentic: def.inauthentic,
        speaks_for: def.speaks_for.as_deref().and_then(|a| catalog.actor(a)),
        ..Post::new(turn, voice, Phrase::of(def.text.clone()))
    }
}

/// Puts an effect's post into the sphere (answered at this turn's resolution).
pub fn publish(world: &mut World, def: &PostDef) {
    let catalog = world.resource::<Catalog>().clone();
    let turn = world.resource::<Clock>().turn;
    let post = post_of_effect(&catalog, turn, def);
    world.resource_mut::<Sphere>().push(post);
}

/// Moves a state's standing with an audience (an inject's `Standing` effect).
pub fn shift(world: &mut World, audience: &str, actor: &str, delta: i32) {
    let catalog = world.resource::<Catalog>().clone();
    let (Some(k), Some(a)) = (
        catalog.audiences.iter().position(|x| x.id == audience),
        catalog.actor(actor),
    ) else {
        return;
    };
    let mut sphere = world.resource_mut::<Sphere>();
    sphere.ensure(&catalog);
    let v = &mut sphere.standing[k][a.0 as usize];
    *v = (*v + delta).clamp(0, 100);
}

/// Posts the public orders decided since the sphere last looked, in the order they resolved.
fn post_decisions(
    sphere: &mut Sphere,
    catalog: &Catalog,
    decisions: &Decisions,
    chronicle: &Chronicle,
    incidents: &Query<&Incident>,
) {
    let victim = |key: &str| incidents.iter().find(|i| i.key == key).map(|i| i.target);
    let incident_name = |key: &str| {
        incidents
            .iter()
            .find(|i| i.key == key)
            .map(super::names::incident)
            .unwrap_or_else(|| Arg::id(key))
    };
    for index in sphere.decisions_seen..decisions.0.len() {
        let story = chronicle
            .0
            .iter()
            .find(|e| e.decision == Some(index))
            .map(|e| &e.text);
        if let Some(post) = post_of(
            catalog,
            index,
            &decisions.0[index],
            story,
            &victim,
            &incident_name,
        ) {
            sphere.push(post);
        }
    }
    sphere.decisions_seen = decisions.0.len();
}

/// A minister's post sent at once, mid-phase (`SeatAct::PostNow`): it lands in every feed
/// now and the audiences answer it now, before anyone's orders.
pub(crate) fn post_now(
    mut sphere: ResMut<Sphere>,
    catalog: Res<Catalog>,
    clock: Res<Clock>,
    decisions: Res<Decisions>,
    chronicle: Res<Chronicle>,
    incidents: Query<&Incident>,
) {
    sphere.ensure(&catalog);
    post_decisions(&mut sphere, &catalog, &decisions, &chronicle, &incidents);
    answer_posts(&mut sphere, &catalog, clock.turn, &[]);
    sphere.trending = trending(&sphere, clock.turn);
}

/// The public sphere's step of resolution: this turn's public acts, institutions' texts,
/// leaks and campaigns become posts and articles; the audiences answer them; what trends
/// is counted and the standing recorded for the report.
#[allow(clippy::too_many_arguments)]
pub(crate) fn public_sphere(
    mut sphere: ResMut<Sphere>,
    catalog: Res<Catalog>,
    clock: Res<Clock>,
    decisions: Res<Decisions>,
    chronicle: Res<Chronicle>,
    incidents: Query<&Incident>,
    tabled: Query<&Tabled>,
) {
    let turn = clock.turn;
    sphere.ensure(&catalog);
    let victim = |key: &str| incidents.iter().find(|i| i.key == key).map(|i| i.target);
    post_decisions(&mut sphere, &catalog, &decisions, &chronicle, &incidents);
    // Institutions' texts adopted this turn, with the members that voted for them.
    let mut adopted: Vec<&Tabled> = tabled
        .iter()
        .filter(|t| t.turn == turn && t.status == ProposalStatus::Passed)
        .collect();
    adopted.sort_by_key(|t| t.id);
    let mut votes: Vec<(usize, Vec<ActorId>)> = Vec::new();
    for t in adopted {
        let (about, force) = match &t.proposal {
            Proposal::AttributionStatement { accused, .. } => (catalog.actor(accused), 2),
            Proposal::Resolution {
                accused: Some(a), ..
            } => (catalog.actor(a), 2),
            Proposal::Condemnation { .. } | Proposal::Listing { .. } => (None, 1),
            _ => (None, 0),
        };
        let yes: Vec<ActorId> = t
            .ballots
            .iter()
            .filter(|(_, b)| *b == Ballot::Yes)
            .map(|(a, _)| *a)
            .collect();
        match votes.iter_mut().find(|(i, _)| *i == t.institution) {
            Some((_, v)) => v.extend(yes),
            None => votes.push((t.institution, yes)),
        }
        let institution = &catalog.scenario.institutions[t.institution];
        let text = say!(
            "{0} adopts: {1}",
            Arg::Name(institution.name.clone()),
            t.what.clone()
        );
        sphere.push(Post {
            wire: true,
            about,
            victim: victim(t.proposal.incident()),
            subject: Some(Subject::Incident(t.proposal.incident().to_string())),
            force,
            ..Post::new(turn, Voice::Institution(t.institution), text)
        });
    }
    // Leaks published and campaigns spreading, from what everyone can see of them.
    let mut running: Vec<&Incident> = incidents
        .iter()
        .filter(|i| {
            i.public && i.discovered && i.status == IncidentStatus::Active && i.kind.spreads()
        })
        .collect();
    running.sort_by_key(|i| i.seq);
    // What the platforms did this turn, as the wire reports it (not who asked).
    let taken: Vec<(String, super::orders::PlatformAsk)> = sphere
        .counters
        .iter()
        .filter(|(_, t, _)| *t == turn)
        .filter_map(|(i, _, c)| match c {
            Counter::Platform(ask) => Some((i.clone(), *ask)),
            Counter::Debunked { .. } => None,
        })
        .collect();
    for (key, ask) in taken {
        let Some(inc) = incidents.iter().find(|i| i.key == key) else {
            continue;
        };
        let text = match ask {
            super::orders::PlatformAsk::InauthenticAccounts => say!(
                "A platform removes a network of inauthentic accounts spreading {0}",
                super::names::incident(inc)
            ),
            super::orders::PlatformAsk::Posts => say!(
                "Posts spreading {0} are removed at a government's request",
                super::names::incident(inc)
            ),
        };
        sphere.push(Post {
            wire: true,
            victim: Some(inc.target),
            subject: Some(Subject::Incident(inc.key.clone())),
            ..Post::new(turn, Voice::Wire, text)
        });
    }
    for inc in running {
        let age = turn.saturating_sub(inc.started.unwrap_or(turn));
        let weakened = sphere.weakening(&inc.key, inc.target, turn);
        let force = (inc.severity as i32).min(3) + (age as i32).min(2) - 1 - weakened;
        let voice = match inc.claimed_by {
            Some(p) => Voice::Actor(p),
            None => Voice::Account(Text::new("Anonymous accounts").with("ar", "حسابات مجهولة")),
        };
        let text = match (inc.kind, age) {
            _ if weakened > 0 && force <= 0 => say!(
                "Few believe what is said against {0} any more: {1}",
                catalog.named(inc.target),
                super::names::incident(inc)
            ),
            (IncidentKind::HackAndLeak, 0) => say!(
                "Documents said to come from {0} are published: {1}",
                catalog.named(inc.target),
                super::names::incident(inc)
            ),
            (IncidentKind::HackAndLeak, _) => say!(
                "More is shared from the documents of {0}",
                super::names::incident(inc)
            ),
            (_, 0) => say!(
                "Posts against {0} spread: {1}",
                catalog.named(inc.target),
                super::names::incident(inc)
            ),
            _ => say!(
                "The campaign against {0} spreads further: {1}",
                catalog.named(inc.target),
                super::names::incident(inc)
            ),
        };
        sphere.push(Post {
            about: Some(inc.target),
            victim: Some(inc.target),
            subject: Some(Subject::Incident(inc.key.clone())),
            force: force.max(0),
            inauthentic: inc.kind == IncidentKind::Disinformation,
            ..Post::new(turn, voice, text)
        });
    }
    answer_posts(&mut sphere, &catalog, turn, &votes);
    sphere.trending = trending(&sphere, turn);
    let now = sphere.standing.clone();
    sphere.history.retain(|(t, _)| *t != turn);
    sphere.history.push((turn, now));
}

/// Who speaks in a post, in words.
pub fn voice_name(catalog: &Catalog, post: &Post) -> Phrase {
    match &post.voice {
        Voice::State(a) => match post.via {
            Some(Via::Post) => say!("{0}'s foreign minister", catalog.named(*a)),
            Some(Via::Briefing) => say!("{0}'s foreign ministry spokesperson", catalog.named(*a)),
            _ => say!("{0}'s ministry of foreign affairs", catalog.named(*a)),
        },
        Voice::Actor(a) => say!("{0}", catalog.named(*a)),
        Voice::Institution(i) => say!(
            "{0}",
            Arg::Name(catalog.scenario.institutions[*i].name.clone())
        ),
        Voice::Account(name) => say!("{0}", Arg::Name(name.clone())),
        Voice::Wire => say!("the wire"),
    }
}

/// What a tag reads as.
fn tag_name(catalog: &Catalog, world: &World, tag: &Tag) -> Phrase {
    let arg = match tag {
        Tag::Actor(a) => catalog.named(*a),
        Tag::Subject(Subject::Topic(t)) => catalog
            .scenario
            .topics
            .iter()
            .find(|x| &x.id == t)
            .map(|x| Arg::Name(x.tag.clone()))
            .unwrap_or_else(|| Arg::id(t.clone())),
        Tag::Subject(Subject::Incident(i)) => {
            use super::names::Names;
            super::names::InWorld(world).call(super::names::Named::Incident(i))
        }
    };
    say!("{0}", arg)
}

/// The latest `len` posts and articles as every seat reads them, oldest first.
pub fn feed(world: &World, len: usize, words: bool) -> Vec<super::view::PostCard> {
    let catalog = world.resource::<Catalog>();
    let sphere = world.resource::<Sphere>();
    let key = |a: ActorId| catalog.actor_key(a).to_string();
    let from = sphere.posts.len().saturating_sub(len);
    sphere.posts[from..]
        .iter()
        .map(|p| {
            let mut tags = Vec::new();
            if let Some(s) = &p.subject
                && words
            {
                tags.push(tag_name(catalog, world, &Tag::Subject(s.clone())));
            }
            super::view::PostCard {
                turn: p.turn,
                voice: if words {
                    voice_name(catalog, p)
                } else {
                    Phrase::default()
                },
                by: match p.voice {
                    Voice::State(a) | Voice::Actor(a) => Some(key(a)),
                    _ => None,
                },
                speaks_for: p.speaks_for.map(key),
                wire: p.wire,
                via: p.via,
                language: p.language.clone(),
                text: if words {
                    p.text.clone()
                } else {
                    Phrase::default()
                },
                about: p.about.map(key),
                subject: p.subject.as_ref().map(|s| s.key().to_string()),
                force: p.force,
                tags,
                reach: p.reach,
                inauthentic: p.inauthentic,
                reactions: p
                    .reactions
                    .iter()
                    .map(|r| super::view::ReactionLine {
                        audience: catalog.audiences[r.audience as usize].id.clone(),
                        actor: key(r.actor),
                        delta: r.delta,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Every audience with how each state stands with it, its change in the latest turn
/// resolved, and its course since the start.
pub fn audience_cards(world: &World) -> Vec<super::view::AudienceCard> {
    let catalog = world.resource::<Catalog>();
    let sphere = world.resource::<Sphere>();
    let states: Vec<ActorId> = catalog
        .actor_ids()
        .filter(|a| catalog.is_state(*a))
        .collect();
    catalog
        .audiences
        .iter()
        .enumerate()
        .map(|(k, a)| super::view::AudienceCard {
            id: a.id.clone(),
            name: a.name.clone(),
            home: a.home.map(|h| catalog.actor_key(h).to_string()),
            media: a.media,
            languages: a.languages.clone(),
            pride: a.pride,
            cares: a.cares.clone(),
            standing: states
                .iter()
                .map(|s| {
                    let mut course = vec![a.start[s.0 as usize]];
                    course.extend(
                        sphere
                            .history
                            .iter()
                            .filter_map(|(_, rows)| rows.get(k)?.get(s.0 as usize).copied()),
                    );
                    let now = sphere.standing(catalog, k, *s);
                    let before = course.len().checked_sub(2).map_or(now, |i| course[i]);
                    super::view::StandingLine {
                        actor: catalog.actor_key(*s).to_string(),
                        now,
                        change: now - before,
                        course,
                    }
                })
                .collect(),
        })
        .collect()
}

/// What trends, in words.
pub fn trend_lines(world: &World) -> Vec<super::view::TrendLine> {
    let catalog = world.resource::<Catalog>();
    world
        .resource::<Sphere>()
        .trending
        .iter()
        .map(|(tag, reach)| super::view::TrendLine {
            tag: tag_name(catalog, world, tag),
            reach: *reach,
        })
        .collect()
}

/// Applies the sphere's effects (posts and standing) for `effects.rs`.
pub fn apply(world: &mut World, effect: &Effect) {
    match effect {
        Effect::Post(def) => publish(world, def),
        Effect::Standing {
            audience,
            actor,
            delta,
        } => shift(world, audience, actor, *delta),
        _ => {}
    }
}

pub(super) fn plugin(app: &mut App) {
    super::state::<Sphere>(app);
    app.add_systems(Resolve, public_sphere.in_set(ResolveStep::Public));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audience(
        home: Option<u8>,
        pride: i32,
        cares: &[(&str, i32)],
        languages: &[&str],
    ) -> AudienceInfo {
        AudienceInfo {
            id: "a".into(),
            name: Text::new("a"),
            home: home.map(ActorId),
            languages: languages.iter().map(|s| s.to_string()).collect(),
            pride,
            cares: cares.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            media: false,
            start: vec![50; 3],
        }
    }

    fn demand(via: Via, language: Option<&str>) -> Post {
        Post {
            wire: via != Via::Post,
            via: Some(via),
            language: language.map(str::to_string),
            about: Some(ActorId(1)),
            subject: Some(Subject::Topic("rights".into())),
            force: Stance::Demand.force(),
            ..Post::new(1, Voice::State(ActorId(0)), Phrase::default())
        }
    }

    fn moved(a: &AudienceInfo, p: &Post, actor: u8) -> i32 {
        let (share, heat) = reach(p, a, Some(ActorId(0)));
        answer(a, &a.start, p, Some(ActorId(0)), false)
            .into_iter()
            .filter(|(x, _)| *x == ActorId(actor))
            .map(|(_, d)| scaled(d * share * heat))
            .sum()
    }

    #[test]
    fn a_post_in_the_named_publics_language_angers_it_more_than_a_communique() {
        let proud = audience(Some(1), 80, &[("rights", 20)], &["ar"]);
        let communique = moved(&proud, &demand(Via::Communique, None), 0);
        let post = moved(&proud, &demand(Via::Post, None), 0);
        let aimed = moved(&proud, &demand(Via::Post, Some("ar")), 0);
        assert!(communique < 0, "{communique}");
        assert!(post < communique, "{post} {communique}");
        assert!(aimed < post, "{aimed} {post}");
        // And the named public rallies round its own government.
        assert!(moved(&proud, &demand(Via::Post, Some("ar")), 1) > 0);
    }

    #[test]
    fn a_public_that_cares_about_the_topic_rewards_its_government_and_one_that_resents_meddling_does_not()
     {
        let home_caring = audience(Some(0), 40, &[("rights", 90)], &["en"]);
        let third_caring = audience(Some(2), 40, &[("rights", 90)], &["en"]);
        let third_wary = audience(Some(2), 40, &[("rights", 10)], &["en"]);
        let p = demand(Via::Communique, None);
        assert!(moved(&home_caring, &p, 0) > 0);
        assert!(moved(&third_caring, &p, 0) > 0);
        assert!(moved(&third_wary, &p, 0) < 0);
    }

    #[test]
    fn a_calm_word_from_a_government_its_public_saw_affronted_costs_it_at_home() {
        let home = audience(Some(0), 75, &[], &[]);
        let mut calm = demand(Via::Communique, None);
        calm.force = Stance::Calm.force();
        let backed_down = answer(&home, &home.start, &calm, Some(ActorId(0)), true);
        let at_peace = answer(&home, &home.start, &calm, Some(ActorId(0)), false);
        assert!(backed_down[0].1 < 0 && at_peace[0].1 > 0);
    }
}
