//! What a sentence calls the things it names: the scenario's names in every language it
//! gives, never its ids. The engine names things as it records a sentence (from the
//! scenario and the incidents it knows); the client names them from the seat's view (the
//! names the seat has been given, and no others); the report from the exercise.

use bevy::prelude::World;

use super::catalog::CatalogData;
use super::incidents::{Evidence, Incident, IncidentIndex};
use super::institutions::{ProposalIndex, Tabled};
use super::view::SeatView;
use crate::i18n::Arg;

/// A thing a sentence names, by its id.
#[derive(Clone, Copy, Debug)]
pub enum Named<'a> {
    Actor(&'a str),
    Incident(&'a str),
    Evidence(&'a str),
    Institution(&'a str),
    /// A person or entity an institution may list.
    Entity(&'a str),
    Inject(&'a str),
    Proposal(u32),
    /// A public question of the scenario (not an incident).
    Topic(&'a str),
}

/// Where names come from.
pub trait Names {
    /// The thing's name, if this source knows it.
    fn name(&self, thing: Named) -> Option<Arg>;

    /// The thing's name; its id only when nothing names it (an id the player typed that
    /// names nothing: the refusal quotes it back).
    fn call(&self, thing: Named) -> Arg {
        self.name(thing).unwrap_or_else(|| match thing {
            Named::Actor(s)
            | Named::Incident(s)
            | Named::Evidence(s)
            | Named::Institution(s)
            | Named::Entity(s)
            | Named::Inject(s)
            | Named::Topic(s) => Arg::id(s),
            Named::Proposal(n) => Arg::from(n),
        })
    }
}

/// The scenario's own names (actors, institutions, entities, the incidents and evidence it
/// writes), with no running exercise behind them.
impl Names for CatalogData {
    fn name(&self, thing: Named) -> Option<Arg> {
        let sc = &self.scenario;
        match thing {
            Named::Actor(id) => self.actor(id).map(|a| self.named(a)),
            Named::Institution(id) => self
                .institution(id)
                .map(|i| Arg::Name(sc.institutions[i].name.clone())),
            Named::Entity(id) => self
                .entity(id)
                .map(|e| Arg::Name(sc.entities[e].name.clone())),
            Named::Incident(id) => sc
                .incidents
                .iter()
                .find(|i| i.id == id)
                .map(|i| Arg::Name(i.name.clone())),
            Named::Evidence(id) => sc
                .incidents
                .iter()
                .flat_map(|i| &i.evidence)
                .find(|e| e.id == id)
                .map(|e| Arg::Name(e.text.clone())),
            Named::Inject(id) => sc
                .injects
                .iter()
                .find(|i| i.id == id)
                .map(|i| Arg::Name(i.title.clone())),
            Named::Proposal(_) => None,
            Named::Topic(id) => sc
                .topics
                .iter()
                .find(|t| t.id == id)
                .map(|t| Arg::Name(t.name.clone())),
        }
    }
}

/// The names in a running exercise: the scenario's, the incidents and evidence the engine
/// made (covert operations), and tabled proposals by what they ask.
pub struct InWorld<'w>(pub &'w World);

impl Names for InWorld<'_> {
    fn name(&self, thing: Named) -> Option<Arg> {
        let world = self.0;
        let catalog = world.resource::<super::catalog::Catalog>();
        let index = world.resource::<IncidentIndex>();
        match thing {
            Named::Incident(id) => index
                .get(id)
                .and_then(|e| world.get::<Incident>(e))
                .map(|i| Arg::Phrase(i.name.clone())),
            Named::Evidence(id) => index
                .evidence(id)
                .and_then(|e| world.get::<Evidence>(e))
                .map(|e| Arg::Phrase(e.text.clone())),
            Named::Proposal(n) => world
                .resource::<ProposalIndex>()
                .0
                .get(n as usize)
                .and_then(|e| world.get::<Tabled>(*e))
                .map(|t| Arg::Phrase(t.proposal.describe(self))),
            _ => catalog.name(thing),
        }
    }
}

/// What a seat has been given: nothing it has not seen.
impl Names for SeatView {
    fn name(&self, thing: Named) -> Option<Arg> {
        match thing {
            Named::Actor(id) => self
                .actors
                .iter()
                .find(|a| a.id == id)
                .map(|a| Arg::Name(a.name.clone())),
            Named::Incident(id) => self
                .incidents
                .iter()
                .find(|i| i.id == id)
                .map(|i| Arg::Phrase(i.name.clone())),
            Named::Evidence(id) => self
                .evidence
                .iter()
                .find(|e| e.id == id)
                .map(|e| Arg::Phrase(e.text.clone())),
            Named::Institution(id) => self
                .institutions
                .iter()
                .find(|i| i.id == id)
                .map(|i| Arg::Name(i.name.clone())),
            Named::Entity(id) => self
                .entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| Arg::Name(e.name.clone())),
            Named::Inject(_) => None,
            Named::Topic(id) => self
                .topics
                .iter()
                .find(|t| t.id == id)
                .map(|t| Arg::Name(t.name.clone())),
            Named::Proposal(n) => self
                .proposals
                .iter()
                .find(|p| p.id == n)
                .map(|p| Arg::Phrase(p.what.clone())),
        }
    }
}

/// A phrase naming an incident the engine holds.
pub fn incident(i: &Incident) -> Arg {
    Arg::Phrase(i.name.clone())
}
