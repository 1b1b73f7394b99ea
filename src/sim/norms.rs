//! The eleven GGE norms (A/70/174, para. 13) and the escalation ladder.

use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Lang, Phrase};
use crate::say;
use crate::scenario::{Confidence, IncidentKind, Level, Reading};

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
    /// "13b", or as `lang`'s text of A/70/174 letters it ("13(ب)").
    pub fn id_in(self, lang: Lang) -> &'static str {
        lang.paragraph_13(self.0)
    }
    /// The short name in `lang`.
    pub fn short_in(self, lang: Lang) -> &'static str {
        lang.t_any(self.short())
    }
    /// The substance in `lang`.
    pub fn text_in(self, lang: Lang) -> &'static str {
        lang.t_any(self.text())
    }
}

impl From<Norm> for Arg {
    fn from(n: Norm) -> Self {
        Arg::Norm(n.0)
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

/// Summed severity at which cumulative activity may be read as an armed attack.
pub const CUMULATIVE_ARMED_ATTACK: u32 = 12;

/// Places an incident on the ladder by its scale and effects and by who is answerable for
/// it, with the reason: the engine's own assessment, for the control cell and the debrief.
pub fn assess(f: &LadderFacts) -> (Level, Phrase) {
    let (level, reason) = assess_alone(f);
    // Cumulative activity is a reading the North Atlantic Council may adopt, never a label
    // the engine sets; its assessment says that the reading is open.
    if level < Level::ArmedAttack
        && f.state_responsible
        && f.severity >= 4
        && f.cumulative_severity >= CUMULATIVE_ARMED_ATTACK
    {
        let note = say!(
            "{0}; activity by the same state against the same target totals severity {1}: the North Atlantic Council may read it as a cumulative armed attack (NATO Brussels Summit 2021, para. 32)",
            reason,
            f.cumulative_severity
        );
        return (level, note);
    }
    (level, reason)
}

fn assess_alone(f: &LadderFacts) -> (Level, Phrase) {
    let o = Observed {
        kind: f.kind,
        severity: f.severity,
        deaths: f.deaths,
        lasting_damage: f.lasting_damage,
    };
    if o.effects_rung() == Level::ArmedAttack {
        return (
            Level::ArmedAttack,
            if !f.state_responsible {
                say!(
                    "{0} deaths with lasting damage or at severity 5: scale and effects comparable to an armed attack (UN Charter Art. 51), though no state directs the author; whether a non-state group's attack is an armed attack allowing self-defence is contested",
                    f.deaths
                )
            } else if f.lasting_damage {
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
    if o.effects_rung() == Level::UseOfForce {
        return (
            Level::UseOfForce,
            say!(
                "physical damage or destruction: a use of force (UN Charter Art. 2(4)), short of an armed attack without deaths"
            ),
        );
    }
    if o.espionage() {
        return (
            Level::BelowThreshold,
            if o.kind == IncidentKind::EmbassyBreach {
                say!(
                    "a low-level breach of a mission's communications for intelligence: a mission's archives and official correspondence are inviolable (Vienna Convention on Diplomatic Relations, Arts. 24 and 27), a duty that binds the receiving state; whether peacetime espionage by another state against them is internationally wrongful is contested (Tallinn Manual 2.0, Rule 32; some states hold it breaches their sovereignty)"
                )
            } else {
                say!(
                    "low-level intrusion for intelligence: espionage is not in itself a breach of international law, though some states hold that intrusions into their networks breach their sovereignty (contested)"
                )
            },
        );
    }
    if f.state_responsible && o.kind == IncidentKind::EmbassyBreach {
        return (
            Level::WrongfulAct,
            say!(
                "a state's theft of a diplomatic network's traffic on this scale: a breach of the victim's sovereignty, an internationally wrongful act (ILC Art. 2) on the view most states take; the inviolability of archives and correspondence (Vienna Convention, Arts. 24 and 27) binds the receiving state, and whether espionage by another state breaches it is contested"
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

/// What any seat that knows of an incident can see of it: what was hit and how, never who
/// did it. Readings are checked against these facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Observed {
    pub kind: IncidentKind,
    pub severity: u32,
    pub deaths: u32,
    pub lasting_damage: bool,
}

impl Observed {
    pub fn of(i: &super::incidents::Incident) -> Observed {
        Observed {
            kind: i.kind,
            severity: i.severity,
            deaths: i.deaths,
            lasting_damage: i.lasting_damage,
        }
    }
    /// Destroyed data or equipment (wipers, attacks on critical infrastructure).
    pub fn destructive(&self) -> bool {
        matches!(
            self.kind,
            IncidentKind::Wiper | IncidentKind::CriticalInfrastructure
        )
    }
    /// A low-level intrusion for intelligence.
    pub fn espionage(&self) -> bool {
        matches!(
            self.kind,
            IncidentKind::Intrusion | IncidentKind::EmbassyBreach
        ) && self.severity <= 2
    }
    /// The rung scale and effects alone reach, whoever did it: an armed attack (deaths with
    /// lasting damage or at the highest severity), a use of force (physical damage or
    /// destruction), or neither (`BelowThreshold`).
    pub fn effects_rung(&self) -> Level {
        if self.deaths > 0 && (self.lasting_damage || self.severity >= 5) {
            Level::ArmedAttack
        } else if self.lasting_damage || (self.severity >= 4 && self.destructive()) {
            Level::UseOfForce
        } else {
            Level::BelowThreshold
        }
    }
}

/// One incident as a seat's knowledge has it, for cumulative activity: its target, its
/// severity, and each state its evidence holds responsible, with the confidence.
pub type Row<A> = (A, u32, Vec<(A, Confidence)>);

/// Confidence at which a seat's evidence ties a state to an incident firmly enough to read
/// it as that state's act (a wrongful act and above).
pub const READING_NEEDS: Confidence = Confidence::Moderate;

/// The highest reading a seat's own knowledge supports, with the reason. `own` is what its
/// evidence supports for state responsibility for this incident (per state); `rows` the same
/// for every incident it knows of (target, severity, supports), for cumulative activity.
///
/// Actors are named by any key (ids in the engine, their string keys in a bot's view).
pub fn supportable<A: Copy + Ord>(
    o: &Observed,
    target: A,
    own: &[(A, Confidence)],
    rows: &[Row<A>],
) -> (Reading, Phrase) {
    let state = own
        .iter()
        .filter(|(_, c)| *c >= READING_NEEDS)
        .max_by_key(|(a, c)| (*c, std::cmp::Reverse(*a)))
        .map(|(a, _)| *a);
    let Some(state) = state else {
        return if o.effects_rung() == Level::ArmedAttack {
            (
                Reading::Crime,
                say!(
                    "deaths and lasting damage, but its evidence ties no state to them: a crime on this evidence; whether an attack by a non-state group can be an armed attack that allows self-defence is contested"
                ),
            )
        } else if o.espionage() {
            (
                Reading::BelowThreshold,
                say!(
                    "an intrusion for intelligence that its evidence does not tie to a state: below the threshold"
                ),
            )
        } else {
            (
                Reading::Crime,
                say!(
                    "its evidence does not tie a state to the incident at moderate confidence or more: a crime at most, engaging the host state's due diligence (norm {0})",
                    N13C
                ),
            )
        };
    };
    let cumulative: u32 = rows
        .iter()
        .filter(|(t, _, s)| {
            *t == target && s.iter().any(|(a, c)| *a == state && *c >= READING_NEEDS)
        })
        .map(|(_, sev, _)| *sev)
        .sum();
    match o.effects_rung() {
        Level::ArmedAttack => (
            Reading::ArmedAttack,
            say!(
                "deaths with lasting damage or at the highest severity, tied by its evidence to a state: scale and effects comparable to an armed attack (UN Charter Art. 51)"
            ),
        ),
        _ if o.severity >= 4 && cumulative >= CUMULATIVE_ARMED_ATTACK => (
            Reading::CumulativeArmedAttack,
            say!(
                "activity its evidence ties to the same state against the same target adds up to severity {0}: it may be read as a cumulative armed attack (NATO Brussels Summit 2021, para. 32), a contested reading",
                cumulative
            ),
        ),
        Level::UseOfForce => (
            Reading::UseOfForce,
            say!(
                "physical damage or destruction, tied by its evidence to a state: a use of force (UN Charter Art. 2(4)); short of an armed attack without deaths"
            ),
        ),
        _ if o.espionage() && o.kind == IncidentKind::EmbassyBreach => (
            Reading::WrongfulAct,
            say!(
                "a breach of a mission's communications its evidence ties to a state: archives and correspondence are inviolable (Vienna Convention, Arts. 24 and 27), a duty of the receiving state; whether espionage by another state against them is wrongful is contested, so it may be read as an internationally wrongful act at most (ILC Art. 2)"
            ),
        ),
        _ if o.espionage() => (
            Reading::WrongfulAct,
            say!(
                "an intrusion its evidence ties to a state: whether espionage breaches sovereignty is contested, so it may be read as an internationally wrongful act at most (ILC Art. 2)"
            ),
        ),
        _ => (
            Reading::WrongfulAct,
            say!(
                "its evidence ties a state to the incident: a breach of sovereignty or non-intervention, an internationally wrongful act (ILC Art. 2)"
            ),
        ),
    }
}

/// How a reading compares with what the seat could know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReadingCheck {
    /// The seat's facts and evidence carry the reading.
    Supported,
    /// The reading goes further than the seat's facts and evidence carry.
    Overreaches,
    /// The reading stops short of what they would carry (lawful; states often do).
    Understates,
}

/// Checks a reading against the highest one the seat's knowledge supports.
pub fn check_reading(reading: Reading, supportable: Reading) -> ReadingCheck {
    use std::cmp::Ordering::*;
    if reading == Reading::CumulativeArmedAttack || supportable == Reading::CumulativeArmedAttack {
        return match (reading, supportable) {
            (a, b) if a == b => ReadingCheck::Supported,
            (Reading::CumulativeArmedAttack, Reading::ArmedAttack) => ReadingCheck::Supported,
            (Reading::CumulativeArmedAttack, _) | (Reading::ArmedAttack, _) => {
                ReadingCheck::Overreaches
            }
            _ => ReadingCheck::Understates,
        };
    }
    match reading.level().cmp(&supportable.level()) {
        Greater => ReadingCheck::Overreaches,
        Less => ReadingCheck::Understates,
        Equal => ReadingCheck::Supported,
    }
}

/// The reason beside a reading's check (the reading and the check are shown beside it).
pub fn reading_reason(check: ReadingCheck, supportable: (Reading, Phrase)) -> Phrase {
    // The reading itself and its check are shown beside the reason; the reason says why.
    let (most, why) = supportable;
    match check {
        ReadingCheck::Supported => why,
        ReadingCheck::Overreaches | ReadingCheck::Understates => say!(
            "its facts and evidence carry {0}: {1}",
            Arg::term(most.term()),
            why
        ),
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
