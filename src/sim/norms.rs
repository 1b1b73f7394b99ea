//! The eleven GGE norms (A/70/174, para. 13) and the escalation ladder.

use serde::{Deserialize, Serialize};

use crate::i18n::Phrase;
use crate::say;
use crate::scenario::{IncidentKind, Level};

/// One of the eleven voluntary norms of responsible state behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Norm(pub u8);

pub const N13A: Norm = Norm(0);
pub const N13B: Norm = Norm(1);
pub const N13C: Norm = Norm(2);
pub const N13D: Norm = Norm(3);
pub const N13E: Norm = Norm(4);
pub const N13F: Norm = Norm(5);
pub const N13G: Norm = Norm(6);
pub const N13H: Norm = Norm(7);
pub const N13I: Norm = Norm(8);
pub const N13J: Norm = Norm(9);
pub const N13K: Norm = Norm(10);

/// (id, short name, substance) of each norm, in order.
pub const NORMS: [(&str, &str, &str); 11] = [
    (
        "13a",
        "cooperate for stability",
        "Cooperate to increase stability and security in the use of ICTs and to prevent harmful ICT practices.",
    ),
    (
        "13b",
        "consider all information",
        "In case of ICT incidents, consider all relevant information, including the larger context, the challenges of attribution and the nature and extent of the consequences.",
    ),
    (
        "13c",
        "no use of territory",
        "Do not knowingly allow your territory to be used for internationally wrongful acts using ICTs.",
    ),
    (
        "13d",
        "cooperate against crime and terrorism",
        "Exchange information, assist each other and prosecute terrorist and criminal use of ICTs.",
    ),
    (
        "13e",
        "human rights and privacy",
        "Respect human rights online, including the right to privacy in the digital age.",
    ),
    (
        "13f",
        "do not damage critical infrastructure",
        "Do not conduct or knowingly support ICT activity that intentionally damages critical infrastructure or otherwise impairs its use and operation to provide services to the public.",
    ),
    (
        "13g",
        "protect your critical infrastructure",
        "Take appropriate measures to protect your critical infrastructure from ICT threats.",
    ),
    (
        "13h",
        "answer requests for assistance",
        "Respond to appropriate requests for assistance by another state whose critical infrastructure is subject to malicious ICT acts, and to requests to mitigate malicious ICT activity aimed at another state's critical infrastructure emanating from your territory.",
    ),
    (
        "13i",
        "supply-chain integrity",
        "Take reasonable steps to ensure the integrity of the supply chain and prevent the proliferation of malicious ICT tools and techniques and hidden harmful functions.",
    ),
    (
        "13j",
        "report vulnerabilities",
        "Encourage responsible reporting of ICT vulnerabilities and share associated information on available remedies.",
    ),
    (
        "13k",
        "do not harm CERTs",
        "Do not conduct or knowingly support activity to harm the information systems of another state's emergency response teams; do not use authorized emergency response teams to engage in malicious international activity.",
    ),
];

impl Norm {
    pub fn id(self) -> &'static str {
        NORMS[self.0 as usize].0
    }
    pub fn short(self) -> &'static str {
        NORMS[self.0 as usize].1
    }
    pub fn text(self) -> &'static str {
        NORMS[self.0 as usize].2
    }
    pub fn parse(id: &str) -> Option<Norm> {
        NORMS.iter().position(|n| n.0 == id).map(|i| Norm(i as u8))
    }
    pub fn all() -> impl Iterator<Item = Norm> {
        (0..11).map(Norm)
    }
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::BelowThreshold => "below the threshold of a wrongful act",
            Level::WrongfulAct => "internationally wrongful act",
            Level::UseOfForce => "use of force",
            Level::ArmedAttack => "armed attack",
        }
    }
    pub fn rank(self) -> i32 {
        match self {
            Level::BelowThreshold => 0,
            Level::WrongfulAct => 1,
            Level::UseOfForce => 2,
            Level::ArmedAttack => 3,
        }
    }

    /// The rung of a rank (`rank`'s inverse; below 0 is below the threshold, above 3 an
    /// armed attack).
    pub fn of_rank(rank: i32) -> Level {
        match rank {
            i32::MIN..=0 => Level::BelowThreshold,
            1 => Level::WrongfulAct,
            2 => Level::UseOfForce,
            _ => Level::ArmedAttack,
        }
    }
}

/// What the ladder needs to know about an incident.
pub struct LadderFacts {
    pub kind: IncidentKind,
    pub severity: u32,
    pub deaths: u32,
    pub lasting_damage: bool,
    /// Whether a state is answerable (the author is a state or a proxy it directs).
    pub state_responsible: bool,
    /// Summed severity of incidents by the same responsible state against the same target.
    pub cumulative_severity: u32,
}

/// Summed severity at which cumulative activity may amount to an armed attack.
pub const CUMULATIVE_ARMED_ATTACK: u32 = 12;

/// Places an incident on the ladder by its scale and effects, with the reason.
pub fn assess(f: &LadderFacts) -> (Level, Phrase) {
    let destructive = matches!(
        f.kind,
        IncidentKind::Wiper | IncidentKind::CriticalInfrastructure
    );
    if f.deaths > 0 && (f.lasting_damage || f.severity >= 5) {
        return (
            Level::ArmedAttack,
            if f.lasting_damage {
                say!(
                    "{0} deaths and lasting physical damage: scale and effects comparable to an armed attack (UN Charter Art. 51)",
                    f.deaths
                )
            } else {
                say!(
                    "{0} deaths and severity 5: scale and effects comparable to an armed attack (UN Charter Art. 51)",
                    f.deaths
                )
            },
        );
    }
    if f.state_responsible && f.severity >= 4 && f.cumulative_severity >= CUMULATIVE_ARMED_ATTACK {
        return (
            Level::ArmedAttack,
            say!(
                "cumulative activity by the same state against the same target (total severity {0}): significant malicious cumulative cyber activities may amount to an armed attack (NATO Brussels Summit 2021, para. 32)",
                f.cumulative_severity
            ),
        );
    }
    if f.lasting_damage || (f.severity >= 4 && destructive) {
        return (
            Level::UseOfForce,
            say!(
                "physical damage or destruction: a use of force (UN Charter Art. 2(4)), short of an armed attack without deaths"
            ),
        );
    }
    let espionage = matches!(
        f.kind,
        IncidentKind::Intrusion | IncidentKind::EmbassyBreach
    );
    if espionage && f.severity <= 2 {
        return (
            Level::BelowThreshold,
            say!(
                "low-level intrusion for intelligence: espionage is not in itself a breach of international law"
            ),
        );
    }
    if f.state_responsible {
        (
            Level::WrongfulAct,
            say!(
                "conduct attributable to a state that breaches its obligations (sovereignty, non-intervention): an internationally wrongful act (ILC Art. 2), which allows lawful countermeasures"
            ),
        )
    } else {
        (
            Level::BelowThreshold,
            say!(
                "no state directs the author: a crime, engaging the host state's due diligence (norm {0}) but not a wrongful act by a state",
                N13C
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rank_gives_back_its_rung_and_out_of_range_ranks_stay_on_the_ladder() {
        for level in [
            Level::BelowThreshold,
            Level::WrongfulAct,
            Level::UseOfForce,
            Level::ArmedAttack,
        ] {
            assert_eq!(Level::of_rank(level.rank()), level);
        }
        assert_eq!(Level::of_rank(-1), Level::BelowThreshold);
        assert_eq!(Level::of_rank(7), Level::ArmedAttack);
    }
}
