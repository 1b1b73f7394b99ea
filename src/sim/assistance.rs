//! Requests for help: technical assistance (norm 13h) and mutual legal assistance
//! (Budapest Convention Arts. 25 and 27, or a bilateral treaty).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::attribution::Knowledges;
use super::catalog::{ActorId, ActorSet};
use super::incidents::{Evidence, Incident, IncidentIndex, KnownBy};
use super::law::Unmet;
use super::orders::{Accepted, Order};
use super::record::{LedgerSource, Recorder, Resolution, Visibility};
use super::stakes::{
    LEGAL_ANSWER_BUDAPEST_25, LEGAL_ANSWER_BUDAPEST_27, LEGAL_ANSWER_TREATY, LEGAL_GRANTED_13D,
    LEGAL_GRANTED_13H, LEGAL_REFUSED_13C, LEGAL_REFUSED_13D, LEGAL_REQUEST_13D,
    LEGAL_REQUEST_BUDAPEST_25, LEGAL_REQUEST_BUDAPEST_27, LEGAL_REQUEST_TREATY,
    LEGAL_REQUEST_UNANSWERED_13H, PRESERVE_13D, PRESERVE_BUDAPEST_29, PRESERVE_BUDAPEST_30,
    PRESERVE_BUDAPEST_35, PROVIDE_13A, PROVIDE_13H, REQUEST_UNANSWERED_13H, Stake,
};
use super::{Resolve, ResolveStep};
use crate::i18n::Arg;
use crate::say;
use crate::scenario::{Claim, OrderKind, Var};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestKind {
    Technical,
    Legal,
}

/// A request for help from one state to another about an incident.
#[derive(Component, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Request {
    pub kind: RequestKind,
    pub from: ActorId,
    pub to: ActorId,
    pub incident: u16,
    pub turn: u32,
    /// `Some(true)` granted, `Some(false)` refused, `None` open.
    pub answer: Option<bool>,
    /// Set once an unanswered request has been entered in the ledger.
    pub lapsed: bool,
}

#[derive(Resource, Clone, Debug, Default)]
pub(crate) struct RequestIndex(pub Vec<Entity>);

/// Actors that have received technical assistance.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Assisted(pub ActorSet);

/// Infrastructure recovered and resilience gained from one act of assistance.
pub const ASSISTANCE_RECOVERY: i32 = 8;

/// The law a legal-assistance request or answer engages: between two parties to the
/// Budapest Convention, Art. 25 with a formal request between central authorities (Art. 27);
/// otherwise a bilateral treaty. The rows are the request's or the answer's (`answer`).
fn legal_basis(actors: &Actors, a: ActorId, b: ActorId, answer: bool) -> Vec<Stake> {
    let party = |x: ActorId| actors.catalog.scenario.actors[x.0 as usize].budapest_party;
    match (party(a) && party(b), answer) {
        (true, false) => vec![LEGAL_REQUEST_BUDAPEST_25, LEGAL_REQUEST_BUDAPEST_27],
        (true, true) => vec![LEGAL_ANSWER_BUDAPEST_25, LEGAL_ANSWER_BUDAPEST_27],
        (false, false) => vec![LEGAL_REQUEST_TREATY],
        (false, true) => vec![LEGAL_ANSWER_TREATY],
    }
}

impl Resolution {
    fn laws(self, rows: Vec<Stake>) -> Self {
        rows.into_iter().fold(self, Resolution::law)
    }
}

/// Resolution: requests are filed first, then answered, so a partner can answer in the same turn.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assistance(
    accepted: Res<Accepted>,
    mut actors: Actors,
    mut rec: Recorder,
    index: Res<IncidentIndex>,
    mut incidents: Query<&mut Incident>,
    knowledge: Res<Knowledges>,
    mut evidence: Query<(&mut Evidence, &mut KnownBy)>,
    mut requests: Query<&mut Request>,
    mut request_index: ResMut<RequestIndex>,
    mut assisted: ResMut<Assisted>,
    mut commands: Commands,
) {
    let catalog = actors.catalog.clone();
    let mut new_requests: Vec<Request> = Vec::new();
    // Whom each request told of its incident.
    let mut told = Vec::new();
    for (actor, order) in accepted.0.iter().filter(|(_, o)| {
        matches!(
            o.kind(),
            OrderKind::RequestAssistance | OrderKind::RequestLegalAssistance | OrderKind::Preserve
        )
    }) {
        let (actor, name) = (*actor, catalog.named(*actor));
        let (Order::RequestAssistance { from, incident }
        | Order::RequestLegalAssistance { from, incident }
        | Order::Preserve { from, incident }) = order
        else {
            continue;
        };
        let (Some(to), Some(Ok(inc))) = (
            catalog.actor(from),
            index.get(incident).map(|e| incidents.get(e)),
        ) else {
            continue;
        };
        let parties = Visibility::Actors(ActorSet::one(actor).with(to));
        if !inc.seen_by.contains(actor) || to == actor {
            rec.order(
                actor,
                order,
                Resolution::refused(Unmet::BadRequest, Visibility::Actors(ActorSet::one(actor))),
                say!("{0}'s request was not sent", name),
            );
            continue;
        }
        if order.kind() == OrderKind::Preserve {
            // The records on the incident that lie in the state asked (a company's there, or
            // the state's own) are kept for the requester until its formal request. What
            // they say is not told: that takes a formal request.
            let (mut preserved, mut elsewhere) = (false, Vec::new());
            for e in &index.evidence_order {
                if let Ok((mut ev, _)) = evidence.get_mut(*e)
                    && ev.incident == inc.seq
                    && ev.via_legal_assistance
                {
                    match ev.lies_in(&catalog) {
                        Some(s) if s == to => {
                            ev.preserved_for.insert(actor);
                            preserved = true;
                        }
                        Some(s) if s != actor && !elsewhere.contains(&s) => elsewhere.push(s),
                        _ => {}
                    }
                }
            }
            // Art. 30: preserved traffic that passed through a provider in another state is
            // disclosed far enough to identify the provider and the path.
            let path = preserved && !elsewhere.is_empty();
            let mut r = Resolution::done(
                if path {
                    say!(
                        "{0} preserves the records on the incident in its territory until a formal request for them, and discloses that the traffic passed through providers in {1} (Art. 30)",
                        catalog.named(to),
                        Arg::list(elsewhere.iter().map(|s| catalog.named(*s)))
                    )
                } else {
                    say!(
                        "{0} preserves any records on the incident in its territory until a formal request for them",
                        catalog.named(to)
                    )
                },
                parties,
            )
            .law(PRESERVE_BUDAPEST_29);
            if path {
                r = r.law(PRESERVE_BUDAPEST_30);
            }
            let r = r.law(PRESERVE_BUDAPEST_35).norm(
                PRESERVE_13D,
                say!("seeks cooperation against criminal use of ICTs"),
            );
            rec.order(
                actor,
                order,
                r,
                say!(
                    "{0} asks {1} through the 24/7 network to preserve records on {2}",
                    name,
                    catalog.named(to),
                    &inc.name
                ),
            );
            told.push((inc.seq, to));
            continue;
        }
        let legal = order.kind() == OrderKind::RequestLegalAssistance;
        let r = if legal {
            Resolution::done(say!("legal-assistance request sent"), parties)
                .laws(legal_basis(&actors, actor, to, false))
                .norm(
                    LEGAL_REQUEST_13D,
                    say!("seeks cooperation against criminal use of ICTs"),
                )
        } else {
            Resolution::done(say!("request for assistance sent"), parties)
        };
        rec.order(
            actor,
            order,
            r,
            if legal {
                say!(
                    "{0} asks {1} for mutual legal assistance over {2}",
                    name,
                    catalog.named(to),
                    &inc.name
                )
            } else {
                say!(
                    "{0} asks {1} for technical assistance over {2}",
                    name,
                    catalog.named(to),
                    &inc.name
                )
            },
        );
        told.push((inc.seq, to));
        new_requests.push(Request {
            kind: if legal {
                RequestKind::Legal
            } else {
                RequestKind::Technical
            },
            from: actor,
            to,
            incident: inc.seq,
            turn: rec.turn(),
            answer: None,
            lapsed: false,
        });
    }
    // A request describes its incident: the state asked learns of it.
    for (seq, to) in told {
        if let Some(Ok(mut inc)) = index.by_seq(seq).map(|e| incidents.get_mut(e)) {
            inc.seen_by.insert(to);
        }
    }
    let mut all: Vec<(Option<Entity>, Request)> = request_index
        .0
        .iter()
        .filter_map(|e| requests.get(*e).ok().map(|r| (Some(*e), r.clone())))
        .collect();
    all.extend(new_requests.into_iter().map(|r| (None, r)));

    for (actor, order) in accepted.0.iter().filter(|(_, o)| {
        matches!(
            o.kind(),
            OrderKind::ProvideAssistance | OrderKind::AnswerLegalAssistance
        )
    }) {
        let (actor, name) = (*actor, catalog.named(*actor));
        let (Order::ProvideAssistance { to, incident }
        | Order::AnswerLegalAssistance { to, incident, .. }) = order
        else {
            continue;
        };
        let (Some(to), Some(Ok(inc))) = (
            catalog.actor(to),
            index.get(incident).map(|e| incidents.get(e)),
        ) else {
            continue;
        };
        let parties = Visibility::Actors(ActorSet::one(actor).with(to));
        let legal = order.kind() == OrderKind::AnswerLegalAssistance;
        let kind = if legal {
            RequestKind::Legal
        } else {
            RequestKind::Technical
        };
        let open = all.iter_mut().find(|(_, r)| {
            r.kind == kind
                && r.from == to
                && r.to == actor
                && r.incident == inc.seq
                && r.answer.is_none()
        });
        if legal {
            let Some((_, req)) = open else {
                rec.order(
                    actor,
                    order,
                    Resolution::refused(
                        Unmet::NoOpenRequest,
                        Visibility::Actors(ActorSet::one(actor)),
                    ),
                    say!("{0} had no request to answer", name),
                );
                continue;
            };
            let grant = matches!(order, Order::AnswerLegalAssistance { grant: true, .. });
            req.answer = Some(grant);
            let basis = legal_basis(&actors, actor, to, true);
            if grant {
                let (mut found, mut deleted) = (Vec::new(), false);
                let turn = rec.turn();
                for e in &index.evidence_order {
                    if let Ok((ev, mut known)) = evidence.get_mut(*e)
                        && ev.incident == inc.seq
                        && ev.via_legal_assistance
                        && ev.lies_in(&catalog) == Some(actor)
                        && !known.0.contains(to)
                    {
                        // Past their retention period, unless preserved for the requester.
                        if ev.kept_for(to, turn) {
                            known.0.insert(to);
                            found.push(ev.text.clone());
                        } else {
                            deleted = true;
                        }
                    }
                }
                actors.relations.add_trust(actor, to, 6);
                let r = Resolution::done(
                    if deleted && found.is_empty() {
                        say!(
                            "granted; records past their holder's retention period had been deleted: {0} had not asked for their preservation in time",
                            catalog.named(to)
                        )
                    } else if deleted {
                        say!(
                            "granted; {0} received {1}; records past their holder's retention period had been deleted: {0} had not asked for their preservation in time",
                            catalog.named(to),
                            Arg::list(found.iter().map(Arg::from))
                        )
                    } else if found.is_empty() {
                        say!("granted; the files held nothing new")
                    } else {
                        say!(
                            "granted; {0} received {1}",
                            catalog.named(to),
                            Arg::list(found.iter().map(Arg::from))
                        )
                    },
                    parties,
                )
                .laws(basis)
                .norm(
                    LEGAL_GRANTED_13D,
                    say!("assists the investigation and prosecution of criminal use of ICTs"),
                )
                .norm(
                    LEGAL_GRANTED_13H,
                    say!("answers a request about activity from its territory"),
                );
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} grants {1}'s legal-assistance request over {2}",
                        name,
                        catalog.named(to),
                        &inc.name
                    ),
                );
            } else {
                actors.relations.add_tension(actor, to, 5);
                let mut r = Resolution::done(say!("refused"), parties).laws(basis).norm(
                    LEGAL_REFUSED_13D,
                    say!("refuses to cooperate against criminal use of ICTs"),
                );
                // Judged on what the request showed, not on who really did it: the
                // requester's evidence ties the activity to this state's territory.
                if knowledge
                    .support(to, inc.seq, Claim::DueDiligence, actor)
                    .is_some()
                {
                    r = r.norm(
                        LEGAL_REFUSED_13C,
                        say!(
                            "refuses help over activity that the request's evidence ties to its territory"
                        ),
                    );
                }
                rec.order(
                    actor,
                    order,
                    r,
                    say!(
                        "{0} refuses {1}'s legal-assistance request over {2}",
                        name,
                        catalog.named(to),
                        &inc.name
                    ),
                );
            }
            continue;
        }
        let answered = open.is_some();
        if let Some((_, req)) = open {
            req.answer = Some(true);
        }
        let recovered = actors.add(to, Var::Infrastructure, ASSISTANCE_RECOVERY);
        actors.add(to, Var::CyberResilience, 3);
        actors.relations.add_trust(actor, to, 6);
        assisted.0.insert(to);
        let mut r = Resolution::done(
            say!(
                "{0} recovers {1} points of infrastructure health",
                catalog.named(to),
                recovered
            ),
            parties,
        )
        .norm(PROVIDE_13A, say!("helps a partner restore stability"));
        if answered {
            r = r.norm(PROVIDE_13H, say!("answers a request for assistance"));
        }
        rec.order(
            actor,
            order,
            r,
            say!(
                "{0} sends technical assistance to {1} over {2}",
                name,
                catalog.named(to),
                &inc.name
            ),
        );
    }

    // Requests left unanswered for a full turn by the state the activity came from.
    let turn = rec.turn();
    for (entity, req) in all.iter_mut() {
        if req.answer.is_none() && !req.lapsed && req.turn < turn {
            // The requester's evidence ties the activity to the requested state's territory.
            if knowledge
                .support(req.from, req.incident, Claim::DueDiligence, req.to)
                .is_some()
            {
                req.lapsed = true;
                let reason = say!(
                    "left unanswered {0}'s request about activity its evidence ties to this territory",
                    catalog.named(req.from)
                );
                let row = match req.kind {
                    RequestKind::Technical => REQUEST_UNANSWERED_13H,
                    RequestKind::Legal => LEGAL_REQUEST_UNANSWERED_13H,
                };
                rec.mark(
                    req.to,
                    row,
                    reason,
                    LedgerSource::Omission,
                    Visibility::Actors(ActorSet::one(req.to).with(req.from)),
                );
            }
        }
        match entity {
            Some(e) => {
                if let Ok(mut r) = requests.get_mut(*e) {
                    *r = req.clone();
                }
            }
            None => {
                let e = commands.spawn(req.clone()).id();
                request_index.0.push(e);
            }
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    super::scratch::<RequestIndex>(app);
    super::entities::<Request>(app, |w, out| {
        let order = w.get_resource::<RequestIndex>().map(|i| i.0.as_slice());
        super::write(out, &super::listed::<Request>(w, order.unwrap_or_default()))
    });
    super::state::<Assisted>(app);
    app.add_systems(Resolve, assistance.in_set(ResolveStep::Assistance));
}
