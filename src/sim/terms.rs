//! The translation table's key for each of the engine's named values (verdicts, stances,
//! ballots…), shared by the engine's phrases, the report and the screens.

use super::norms::ReadingCheck;
use super::orders::{Ballot, Cbm, CovertKind, Stance};
use super::record::{Resolved, Verdict};

impl ReadingCheck {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        use crate::sim::norms::ReadingCheck::*;
        match self {
            Supported => "supported by what it knew",
            Overreaches => "further than what it knew carries",
            Understates => "short of what it knew carries",
        }
    }
}

impl Verdict {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Verdict::Upheld => "upheld",
            Verdict::Strained => "strained",
            Verdict::Breached => "breached",
        }
    }
}

impl Resolved {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Resolved::Done => "resolved.done",
            Resolved::NoEffect => "resolved.no_effect",
            Resolved::Refused => "resolved.refused",
        }
    }
}

impl Stance {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Stance::Calm => "stance.calm",
            Stance::Concern => "stance.concern",
            Stance::Condemn => "stance.condemn",
            Stance::Solidarity => "stance.solidarity",
        }
    }
}

impl Cbm {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Cbm::Hotline => "cbm.hotline",
            Cbm::PointsOfContact => "cbm.contacts",
            Cbm::Consultations => "cbm.consultations",
        }
    }
}

impl CovertKind {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            CovertKind::Espionage => "covert.espionage",
            CovertKind::Disruption => "covert.disruption",
            CovertKind::Destructive => "covert.destructive",
        }
    }
}

impl Ballot {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Ballot::Yes => "yes",
            Ballot::No => "no",
            Ballot::Abstain => "abstain",
        }
    }
}
