//! The translation table's key for each of the scenario's named values (order kinds,
//! levels, claims…), shared by the engine's phrases, the report and the screens.

use super::schema::*;

impl OrderKind {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            OrderKind::Investigate => "order.investigate",
            OrderKind::ShareEvidence => "order.share_evidence",
            OrderKind::RequestAssistance => "order.request_assistance",
            OrderKind::ProvideAssistance => "order.provide_assistance",
            OrderKind::RequestLegalAssistance => "order.request_legal",
            OrderKind::AnswerLegalAssistance => "order.answer_legal",
            OrderKind::Demarche => "order.demarche",
            OrderKind::SummonAmbassador => "order.summon",
            OrderKind::PublicStatement => "order.statement",
            OrderKind::Attribute => "order.attribute",
            OrderKind::Deny => "order.deny",
            OrderKind::ExpelDiplomats => "order.expel",
            OrderKind::TableProposal => "order.table",
            OrderKind::Vote => "order.vote",
            OrderKind::Sanctions => "order.sanctions",
            OrderKind::Countermeasure => "order.countermeasure",
            OrderKind::CovertOperation => "order.covert",
            OrderKind::Harden => "order.harden",
            OrderKind::CapacityBuilding => "order.capacity",
            OrderKind::ConfidenceBuilding => "order.cbm",
        }
    }
}

impl Level {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Level::BelowThreshold => "level.below",
            Level::WrongfulAct => "level.wrongful",
            Level::UseOfForce => "level.force",
            Level::ArmedAttack => "level.armed",
        }
    }
}

impl Claim {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Claim::Infrastructure => "claim.infrastructure",
            Claim::Operator => "claim.operator",
            Claim::Responsibility => "claim.responsibility",
            Claim::DueDiligence => "claim.due_diligence",
        }
    }
}

impl Reading {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Reading::BelowThreshold => "reading.below",
            Reading::Crime => "reading.crime",
            Reading::WrongfulAct => "reading.wrongful",
            Reading::UseOfForce => "reading.force",
            Reading::ArmedAttack => "reading.armed",
            Reading::CumulativeArmedAttack => "reading.cumulative",
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
            IncidentKind::Ddos => "kind.ddos",
            IncidentKind::Intrusion => "kind.intrusion",
            IncidentKind::Ransomware => "kind.ransomware",
            IncidentKind::Wiper => "kind.wiper",
            IncidentKind::SupplyChain => "kind.supply_chain",
            IncidentKind::Disinformation => "kind.disinformation",
            IncidentKind::CriticalInfrastructure => "kind.critical_infrastructure",
            IncidentKind::EmbassyBreach => "kind.embassy_breach",
        }
    }
}

impl Var {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            Var::DiplomaticCapital => "var.capital",
            Var::TechnicalCapacity => "var.capacity",
            Var::CyberResilience => "var.resilience",
            Var::Reputation => "var.reputation",
            Var::DomesticPressure => "var.pressure",
            Var::Infrastructure => "var.infrastructure",
            Var::Economy => "var.economy",
        }
    }
}

impl ProposalKind {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            ProposalKind::Listing => "proposal.listing",
            ProposalKind::AttributionStatement => "proposal.attribution",
            ProposalKind::Condemnation => "proposal.condemnation",
            ProposalKind::Solidarity => "proposal.solidarity",
            ProposalKind::Consultation => "proposal.consultation",
            ProposalKind::CollectiveDefence => "proposal.defence",
            ProposalKind::Resolution => "proposal.resolution",
        }
    }
}

impl DecisionRule {
    /// The translation table's key for this value.
    pub fn term(self) -> &'static str {
        match self {
            DecisionRule::Unanimity => "rule.unanimity",
            DecisionRule::Consensus => "rule.consensus",
            DecisionRule::SimpleMajority => "rule.simple_majority",
            DecisionRule::QualifiedMajority { .. } => "rule.qualified_majority",
            DecisionRule::SecurityCouncil { .. } => "rule.security_council",
        }
    }
}
