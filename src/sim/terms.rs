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
            Resolved::Done => "carried out",
            Resolved::NoEffect => "no effect",
            Resolved::Refused => "refused",
        }
    }
}

impl Stance {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Stance::Calm => "calm",
            Stance::Concern => "concern",
            Stance::Condemn => "condemnation",
            Stance::Solidarity => "solidarity",
            Stance::Demand => "a demand to act at once",
        }
    }
}

impl super::orders::MissionMeasure {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        use super::orders::MissionMeasure::*;
        match self {
            Encryption => "encrypting cables and archives",
            PhishingTraining => "training diplomats against phishing",
            SeparateNetworks => "separate networks for classified traffic",
        }
    }
}

impl super::orders::PlatformAsk {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        use super::orders::PlatformAsk::*;
        match self {
            InauthenticAccounts => "the network of inauthentic accounts",
            Posts => "the posts themselves, as false",
        }
    }
}

impl super::orders::Via {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        use super::orders::Via::*;
        match self {
            Communique => "a formal communiqué",
            Briefing => "the spokesperson's briefing",
            Post => "a post on social media",
        }
    }
}

impl super::orders::CounterKind {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        use super::orders::CounterKind::*;
        match self {
            Economic => "suspending trade or financial obligations",
            Cyber => "a cyber operation against its systems",
            SuspendTreaty => "suspending a treaty obligation",
            Force => "armed force",
            AgainstPersons => "measures against people's fundamental rights",
            AgainstDiplomats => "measures against its diplomats, premises or archives",
        }
    }
}

impl Cbm {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Cbm::Hotline => "hotline",
            Cbm::PointsOfContact => "points of contact",
            Cbm::Consultations => "consultations",
        }
    }
}

impl CovertKind {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            CovertKind::Espionage => "espionage",
            CovertKind::Disruption => "disruption",
            CovertKind::Destructive => "destructive",
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
