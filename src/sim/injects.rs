//! Injects: scheduled and triggered events from the scenario, and those the control cell sends.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{ActorSet, Catalog};
use super::effects::apply_effect;
use super::facts::Facts;
use super::record::{EventKind, Visibility, tell};
use super::{Briefing, BriefingStep};
use crate::scenario::{Audience, Effect, Text, Trigger};

/// Indices of the scenario injects that have fired.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct FiredInjects(pub Vec<usize>);

/// The player actions the fired injects are meant to draw, and how each stands: one per
/// expected action of each fired inject, in the order they fired.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Expectations(pub Vec<Expectation>);

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Expectation {
    /// The inject's and the action's places in the scenario.
    pub inject: usize,
    pub action: usize,
    /// The turn the inject fired, and the last turn the action may come in.
    pub fired: u32,
    pub due: u32,
    /// The turn its condition first held (by the due turn's resolution).
    pub met: Option<u32>,
    /// The due turn resolved without it.
    pub missed: bool,
}

/// How an expected action stands, for the control cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpectedStatus {
    /// Not yet, and its due turn has not resolved.
    Open,
    /// Met in this turn.
    Met(u32),
    /// Its due turn resolved without it.
    Missed,
}

/// An expected action as the control cell reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpectationLine {
    pub inject: String,
    pub id: String,
    pub seat: String,
    pub text: Text,
    pub fired: u32,
    pub due: u32,
    pub status: ExpectedStatus,
}

/// After each resolution: an expected action whose condition holds now, by its due turn,
/// is met; one still unmet when its due turn resolves is missed.
pub(crate) fn check_expectations(facts: Facts, mut expectations: ResMut<Expectations>) {
    let turn = facts.clock.turn;
    let injects = &facts.catalog.scenario.injects;
    for x in expectations.0.iter_mut() {
        if x.met.is_some() || x.missed {
            continue;
        }
        let Some(action) = injects.get(x.inject).and_then(|i| i.expected.get(x.action)) else {
            continue;
        };
        if facts.holds(&action.condition) {
            x.met = Some(turn);
        } else if turn >= x.due {
            x.missed = true;
        }
    }
}

/// Injects due at this briefing, chosen before any of them is applied.
#[derive(Resource, Clone, Debug, Default)]
pub(crate) struct InjectsDue(pub Vec<usize>);

pub(crate) fn select_injects(facts: Facts, mut due: ResMut<InjectsDue>) {
    let turn = facts.clock.turn;
    for (i, inj) in facts.catalog.scenario.injects.iter().enumerate() {
        if facts.holds(&crate::scenario::Condition::InjectFired(inj.id.clone())) {
            continue;
        }
        let now = match &inj.trigger {
            Trigger::At(t) => *t == turn,
            Trigger::When(c) => facts.holds(c),
        };
        if now {
            due.0.push(i);
        }
    }
}

pub fn fire_due_injects(world: &mut World) {
    let due = std::mem::take(&mut world.resource_mut::<InjectsDue>().0);
    for i in due {
        fire_inject(world, i);
    }
}

/// Fires a scenario inject now (at a briefing, or when the control cell sends it).
pub fn fire_inject(world: &mut World, index: usize) {
    let catalog = world.resource::<Catalog>().clone();
    let Some(inj) = catalog.scenario.injects.get(index) else {
        return;
    };
    if world.resource::<FiredInjects>().0.contains(&index) {
        return;
    }
    world.resource_mut::<FiredInjects>().0.push(index);
    let fired = world.resource::<super::clock::Clock>().turn;
    world
        .resource_mut::<Expectations>()
        .0
        .extend(
            inj.expected
                .iter()
                .enumerate()
                .map(|(action, x)| Expectation {
                    inject: index,
                    action,
                    fired,
                    due: fired + x.within,
                    met: None,
                    missed: false,
                }),
        );
    let visibility = match &inj.audience {
        Audience::All => Visibility::Public,
        Audience::Actors(list) => Visibility::Actors(
            list.iter()
                .filter_map(|a| catalog.actor(a))
                .fold(ActorSet::default(), |s, a| s.with(a)),
        ),
    };
    announce(world, &inj.title, &inj.body, visibility);
    for effect in &inj.effects {
        apply_effect(world, effect);
    }
}

/// Fires an inject the control cell wrote during the exercise.
pub fn fire_custom_inject(
    world: &mut World,
    title: &Text,
    body: &Text,
    visibility: Visibility,
    effects: &[Effect],
) {
    announce(world, title, body, visibility);
    for effect in effects {
        apply_effect(world, effect);
    }
}

fn announce(world: &mut World, title: &Text, body: &Text, visibility: Visibility) {
    tell(
        world,
        EventKind::Inject,
        visibility,
        crate::say!("{0}: {1}", title, headless(title, body)),
    );
}

/// The body without the label it shares with its title: scenarios mark both title and
/// body "Exercise: …" or "Record: …" (in Arabic too), and the news line carries the label
/// once, on the title.
fn headless(title: &Text, body: &Text) -> Text {
    fn strip(title: &str, body: &str) -> String {
        // A label is a few words ending in a colon, at the start of the title.
        let label = title
            .split_once(':')
            .map(|(label, _)| label)
            .filter(|l| !l.is_empty() && l.chars().count() <= 32);
        match label.and_then(|l| body.strip_prefix(l)?.strip_prefix(':')) {
            Some(rest) => rest.trim_start().to_string(),
            None => body.to_string(),
        }
    }
    let mut out = Text::new(strip(&title.en, &body.en));
    for (code, text) in &body.more {
        out.more.insert(code.clone(), strip(title.get(code), text));
    }
    out
}

pub(super) fn plugin(app: &mut App) {
    super::state::<FiredInjects>(app);
    super::state::<Expectations>(app);
    app.add_systems(
        super::Resolve,
        check_expectations
            .after(super::outcome::evaluate_outcome)
            .in_set(super::ResolveStep::Outcome),
    );
    super::scratch::<InjectsDue>(app);
    app.add_systems(
        Briefing,
        (select_injects, fire_due_injects)
            .chain()
            .in_set(BriefingStep::Injects),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(en: &str, ar: &str) -> Text {
        Text::new(en).with("ar", ar)
    }

    /// "Exercise: the Kremlin denies: Exercise: Moscow denies …" reads with its label once,
    /// in both languages.
    #[test]
    fn a_news_line_carries_its_label_once() {
        let title = text(
            "Exercise: the Kremlin denies",
            "عنصر من التمرين: الكرملين ينفي",
        );
        let body = text(
            "Exercise: Moscow denies any involvement. Record: the Kremlin said so.",
            "عنصر من التمرين: تنفي موسكو أي تورط. من الوقائع الموثقة: قال الكرملين ذلك.",
        );
        let line = crate::say!("{0}: {1}", &title, headless(&title, &body));
        let en = crate::i18n::Lang::EN.say(&line);
        let ar = crate::i18n::Lang::AR.say(&line);
        assert_eq!(
            en,
            "Exercise: the Kremlin denies: Moscow denies any involvement. Record: the Kremlin said so."
        );
        assert_eq!(en.matches("Exercise:").count(), 1, "{en}");
        assert_eq!(ar.matches("عنصر من التمرين:").count(), 1, "{ar}");
        assert!(ar.contains("من الوقائع الموثقة: قال الكرملين"), "{ar}");
        // A body with another label, or none, is left whole.
        let other = text("Record: on 1 May …", "من الوقائع الموثقة: في 1 أيار/مايو …");
        assert_eq!(headless(&title, &other), other);
        let flash = text("Flash", "");
        let plain = text("Hansabank's online banking is down", "");
        assert_eq!(headless(&flash, &plain), plain);
    }
}
