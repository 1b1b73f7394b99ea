//! Observers and evaluators: people who join an exercise with a code of their own, see any
//! seat's view and the channels the control cell opens to them, act on nothing, and write
//! observations tied to the exercise's objectives and injects, which the control cell reads
//! as they come in and the instructors' report places on the timeline.

use serde::{Deserialize, Serialize};

use crate::sim::clock::Phase;

/// Characters after the join code that make the observers' code.
pub const KEY_LENGTH: usize = 4;
/// The longest observation, in bytes.
pub const MAX_TEXT: usize = 2000;
/// Observations one exercise keeps, and observers it takes.
pub const MAX_OBSERVATIONS: usize = 1000;
pub const MAX_OBSERVERS: usize = 20;

/// What an observation is, as exercise evaluation guides sort them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    Strength,
    AreaForImprovement,
    Risk,
    Recommendation,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Strength,
        Kind::AreaForImprovement,
        Kind::Risk,
        Kind::Recommendation,
    ];

    /// Its name, a key of the translation tables.
    pub fn term(self) -> &'static str {
        match self {
            Kind::Strength => "strength",
            Kind::AreaForImprovement => "area for improvement",
            Kind::Risk => "risk",
            Kind::Recommendation => "recommendation",
        }
    }
}

/// What an observation is tied to: a learning objective, a seat's objective or an inject
/// (by id), or nothing in particular.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tie {
    #[default]
    Nothing,
    LearningObjective(String),
    Objective {
        seat: String,
        id: String,
    },
    Inject(String),
}

/// An observation as its author writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The seat it is about (none: the whole exercise).
    pub about: Option<String>,
    pub tie: Tie,
    pub kind: Kind,
    pub text: String,
}

/// An observation as the exercise keeps it: who wrote it and when (turn, phase, and the
/// server's clock).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub by: String,
    pub turn: u32,
    pub phase: Phase,
    /// Milliseconds since the Unix epoch, by the server's clock.
    pub at_ms: u64,
    #[serde(flatten)]
    pub draft: Draft,
}

/// One exercise's observers: their code, what the control cell lets them read, who they
/// are, and what they wrote. Kept with the exercise's host state (the store keeps it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observers {
    /// The characters after the join code in the observers' code (none: not made yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Whether they may read every channel (the control cell's choice).
    #[serde(default)]
    pub read_channels: bool,
    /// (name, token) of each observer, in the order they joined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Observation>,
    /// The improvement plan as the instructor last saved it (none: not yet written, and the
    /// report shows the draft it draws from the observations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Vec<PlanRow>>,
}

impl Observers {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The name of the observer with `token`.
    pub fn name_of(&self, token: &str) -> Option<&str> {
        self.people
            .iter()
            .find(|(_, t)| t == token)
            .map(|(n, _)| n.as_str())
    }
}

/// The most rows an improvement plan keeps, and the longest of its cells, in bytes: a whole
/// plan fits in one message from the browser.
pub const MAX_PLAN_ROWS: usize = 30;
pub const MAX_PLAN_TEXT: usize = 600;
pub const MAX_PLAN_SHORT: usize = 120;

/// A row of the improvement plan: what to improve, how, who owns it and by when (the
/// columns exercise evaluation guides give it). The instructor writes it in the debrief,
/// starting from a draft the report draws from the observations and the missed actions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub issue: String,
    pub recommendation: String,
    pub who: String,
    pub by_when: String,
}

impl PlanRow {
    fn is_blank(&self) -> bool {
        [&self.issue, &self.recommendation, &self.who, &self.by_when]
            .iter()
            .all(|c| c.trim().is_empty())
    }
}

/// A plan as the instructor sends it, checked: cells trimmed, blank rows dropped; too many
/// rows or too long a cell is refused, naming the row.
pub fn checked_plan(rows: Vec<PlanRow>) -> Result<Vec<PlanRow>, crate::i18n::Phrase> {
    let rows: Vec<PlanRow> = rows
        .into_iter()
        .map(|r| PlanRow {
            issue: r.issue.trim().to_string(),
            recommendation: r.recommendation.trim().to_string(),
            who: r.who.trim().to_string(),
            by_when: r.by_when.trim().to_string(),
        })
        .filter(|r| !r.is_blank())
        .collect();
    if rows.len() > MAX_PLAN_ROWS {
        return Err(crate::say!(
            "an improvement plan has at most {0} rows",
            MAX_PLAN_ROWS as u32
        ));
    }
    for (i, r) in rows.iter().enumerate() {
        let long = r.issue.len() > MAX_PLAN_TEXT
            || r.recommendation.len() > MAX_PLAN_TEXT
            || r.who.len() > MAX_PLAN_SHORT
            || r.by_when.len() > MAX_PLAN_SHORT;
        if long {
            return Err(crate::say!(
                "row {0} of the plan is too long: an issue or a recommendation takes {1} bytes, who and by when {2}",
                i as u32 + 1,
                MAX_PLAN_TEXT as u32,
                MAX_PLAN_SHORT as u32
            ));
        }
    }
    Ok(rows)
}
