//! The table's key for each of the engine's named values (order kinds, levels, verdicts…),
//! shared by the engine's phrases, the report and the screens.

use crate::scenario::{
    Claim, Confidence, DecisionRule, IncidentKind, Layer, Level, OrderKind, ProposalKind, Reading,
    Reliability, Var,
};
use crate::sim::orders::{Ballot, Cbm, CovertKind, Stance};
use crate::sim::record::{Resolved, Verdict};

pub fn order_key(k: OrderKind) -> &'static str {
    match k {
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

pub fn level_key(level: Level) -> &'static str {
    match level {
        Level::BelowThreshold => "level.below",
        Level::WrongfulAct => "level.wrongful",
        Level::UseOfForce => "level.force",
        Level::ArmedAttack => "level.armed",
    }
}

pub fn claim_key(c: Claim) -> &'static str {
    match c {
        Claim::Infrastructure => "claim.infrastructure",
        Claim::Operator => "claim.operator",
        Claim::Responsibility => "claim.responsibility",
        Claim::DueDiligence => "claim.due_diligence",
    }
}

pub fn reading_key(r: Reading) -> &'static str {
    match r {
        Reading::BelowThreshold => "reading.below",
        Reading::Crime => "reading.crime",
        Reading::WrongfulAct => "reading.wrongful",
        Reading::UseOfForce => "reading.force",
        Reading::ArmedAttack => "reading.armed",
        Reading::CumulativeArmedAttack => "reading.cumulative",
    }
}

pub fn reading_check_key(c: crate::sim::norms::ReadingCheck) -> &'static str {
    use crate::sim::norms::ReadingCheck::*;
    match c {
        Supported => "supported by what it knew",
        Overreaches => "further than what it knew carries",
        Understates => "short of what it knew carries",
    }
}

pub fn reliability_key(r: Reliability) -> &'static str {
    match r {
        Reliability::Low => "low",
        Reliability::Moderate => "moderate",
        Reliability::High => "high",
    }
}

/// The layer of the incident an evidence item belongs to.
pub fn layer_key(l: Layer) -> &'static str {
    match l {
        Layer::Technical => "technical",
        Layer::Operational => "operational",
        Layer::Strategic => "strategic",
    }
}

pub fn confidence_key(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "low",
        Confidence::Moderate => "moderate",
        Confidence::High => "high",
    }
}

pub fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Upheld => "upheld",
        Verdict::Strained => "strained",
        Verdict::Breached => "breached",
    }
}

pub fn resolved_key(r: Resolved) -> &'static str {
    match r {
        Resolved::Done => "resolved.done",
        Resolved::NoEffect => "resolved.no_effect",
        Resolved::Refused => "resolved.refused",
    }
}

pub fn stance_key(s: Stance) -> &'static str {
    match s {
        Stance::Calm => "stance.calm",
        Stance::Concern => "stance.concern",
        Stance::Condemn => "stance.condemn",
        Stance::Solidarity => "stance.solidarity",
    }
}

pub fn cbm_key(m: Cbm) -> &'static str {
    match m {
        Cbm::Hotline => "cbm.hotline",
        Cbm::PointsOfContact => "cbm.contacts",
        Cbm::Consultations => "cbm.consultations",
    }
}

pub fn covert_key(k: CovertKind) -> &'static str {
    match k {
        CovertKind::Espionage => "covert.espionage",
        CovertKind::Disruption => "covert.disruption",
        CovertKind::Destructive => "covert.destructive",
    }
}

pub fn ballot_key(b: Ballot) -> &'static str {
    match b {
        Ballot::Yes => "yes",
        Ballot::No => "no",
        Ballot::Abstain => "abstain",
    }
}

pub fn incident_kind_key(k: IncidentKind) -> &'static str {
    match k {
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

pub fn var_key(v: Var) -> &'static str {
    match v {
        Var::DiplomaticCapital => "var.capital",
        Var::TechnicalCapacity => "var.capacity",
        Var::CyberResilience => "var.resilience",
        Var::Reputation => "var.reputation",
        Var::DomesticPressure => "var.pressure",
        Var::Infrastructure => "var.infrastructure",
        Var::Economy => "var.economy",
    }
}

pub fn proposal_kind_key(k: ProposalKind) -> &'static str {
    match k {
        ProposalKind::Listing => "proposal.listing",
        ProposalKind::AttributionStatement => "proposal.attribution",
        ProposalKind::Condemnation => "proposal.condemnation",
        ProposalKind::Solidarity => "proposal.solidarity",
        ProposalKind::Consultation => "proposal.consultation",
        ProposalKind::CollectiveDefence => "proposal.defence",
        ProposalKind::Resolution => "proposal.resolution",
    }
}

pub fn rule_key(r: DecisionRule) -> &'static str {
    match r {
        DecisionRule::Unanimity => "rule.unanimity",
        DecisionRule::Consensus => "rule.consensus",
        DecisionRule::SimpleMajority => "rule.simple_majority",
        DecisionRule::QualifiedMajority { .. } => "rule.qualified_majority",
        DecisionRule::SecurityCouncil { .. } => "rule.security_council",
    }
}
