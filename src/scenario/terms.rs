//! The translation table's key for each of the scenario's named values (order kinds,
//! levels, claims…), shared by the engine's phrases, the report and the screens.

use super::schema::*;

impl OrderKind {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            OrderKind::Investigate => "Investigate",
            OrderKind::ShareEvidence => "Share evidence",
            OrderKind::RequestAssistance => "Request assistance",
            OrderKind::ProvideAssistance => "Provide assistance",
            OrderKind::RequestLegalAssistance => "Request legal assistance",
            OrderKind::Preserve => "Request preservation (24/7 network)",
            OrderKind::AnswerLegalAssistance => "Answer a legal-assistance request",
            OrderKind::Demarche => "Démarche",
            OrderKind::SummonAmbassador => "Summon the ambassador",
            OrderKind::PublicStatement => "Public statement",
            OrderKind::Attribute => "Attribute the incident",
            OrderKind::Deny => "Deny responsibility",
            OrderKind::ExpelDiplomats => "Expel diplomats",
            OrderKind::TableProposal => "Table a proposal",
            OrderKind::Vote => "Vote",
            OrderKind::Align => "Align with a declaration",
            OrderKind::Sanctions => "Sanctions",
            OrderKind::Countermeasure => "Countermeasure",
            OrderKind::CovertOperation => "Covert operation",
            OrderKind::Harden => "Harden own networks",
            OrderKind::CapacityBuilding => "Capacity building",
            OrderKind::ConfidenceBuilding => "Confidence-building measure",
            OrderKind::SeverRelations => "Sever diplomatic relations",
            OrderKind::RestoreRelations => "Restore diplomatic relations",
            OrderKind::Indict => "Indict persons",
            OrderKind::ReportVulnerability => "Report a vulnerability",
            OrderKind::SelfDefence => "Self-defence (Art. 51)",
            OrderKind::Restrict => "Restrict online access",
            OrderKind::Reparation => "Acknowledge and offer reparation",
            OrderKind::SecureMissions => "Secure the missions' communications",
            OrderKind::Debunk => "Debunk with the facts",
            OrderKind::AskPlatform => "Ask a platform to act",
            OrderKind::Prebunk => "Prebunk: warn the public ahead",
        }
    }
}

impl Level {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Level::BelowThreshold => "below the threshold of a wrongful act",
            Level::WrongfulAct => "internationally wrongful act",
            Level::UseOfForce => "use of force (Art. 2(4) UN Charter)",
            Level::ArmedAttack => "armed attack (Art. 51 UN Charter)",
        }
    }
}

impl Claim {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Claim::Infrastructure => "technical: infrastructure there was used",
            Claim::Operator => "operational: this group did it",
            Claim::Responsibility => "strategic: the state is responsible (ILC Arts. 4 and 8)",
            Claim::DueDiligence => {
                "due diligence: knowingly allowed its territory to be used (norm 13c)"
            }
        }
    }
}

impl Claim {
    /// Each claim worded as what is claimed, for the selectors that ask for one.
    pub const ASKED: [(Claim, &'static str); 4] = [
        (
            Claim::Infrastructure,
            "infrastructure in this state was used",
        ),
        (Claim::Operator, "this group did it"),
        (
            Claim::Responsibility,
            "this state is responsible (ILC Arts. 4 and 8)",
        ),
        (
            Claim::DueDiligence,
            "this state knowingly allowed its territory to be used (13c)",
        ),
    ];
}

impl Reading {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Reading::BelowThreshold => "below the threshold (e.g. espionage)",
            Reading::Crime => "a crime, not an act of a state",
            Reading::WrongfulAct => "internationally wrongful act (ILC Art. 2)",
            Reading::UseOfForce => "use of force (UN Charter Art. 2(4))",
            Reading::ArmedAttack => "armed attack (UN Charter Art. 51)",
            Reading::CumulativeArmedAttack => {
                "armed attack by cumulative activity (Brussels 2021, para. 32)"
            }
        }
    }
}

impl Reliability {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Reliability::Low => "low",
            Reliability::Moderate => "moderate",
            Reliability::High => "high",
        }
    }
}

impl Layer {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Layer::Technical => "technical",
            Layer::Operational => "operational",
            Layer::Strategic => "strategic",
        }
    }
}

impl Confidence {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Moderate => "moderate",
            Confidence::High => "high",
        }
    }
}

impl IncidentKind {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            IncidentKind::Ddos => "DDoS",
            IncidentKind::Intrusion => "intrusion/espionage",
            IncidentKind::Ransomware => "ransomware",
            IncidentKind::Wiper => "wiper",
            IncidentKind::SupplyChain => "supply-chain compromise",
            IncidentKind::Disinformation => "disinformation",
            IncidentKind::CriticalInfrastructure => "attack on critical infrastructure",
            IncidentKind::EmbassyBreach => "embassy breach",
            IncidentKind::HackAndLeak => "hack and leak",
            IncidentKind::Surveillance => "surveillance of people",
        }
    }
}

impl Var {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Var::DiplomaticCapital => "diplomatic capital",
            Var::TechnicalCapacity => "technical capacity",
            Var::CyberResilience => "cyber resilience",
            Var::Reputation => "reputation",
            Var::DomesticPressure => "domestic pressure",
            Var::Infrastructure => "infrastructure health",
            Var::Economy => "economy",
        }
    }
}

impl ProposalKind {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            ProposalKind::Listing => "listing",
            ProposalKind::AttributionStatement => "joint attribution statement",
            ProposalKind::Condemnation => "statement condemning the incident (naming no one)",
            ProposalKind::Solidarity => "declaration of solidarity",
            ProposalKind::Consultation => "consultations (Art. 4)",
            ProposalKind::CollectiveDefence => "collective defence (Art. 5)",
            ProposalKind::Resolution => "draft resolution",
            ProposalKind::Agenda => "placing the incident on the agenda (procedural)",
        }
    }
}

impl DecisionRule {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            DecisionRule::Unanimity => "unanimity",
            DecisionRule::Consensus => "consensus",
            DecisionRule::SimpleMajority => "simple majority",
            DecisionRule::QualifiedMajority { .. } => "qualified majority",
            DecisionRule::SecurityCouncil { .. } => "nine votes and no veto",
        }
    }
}
