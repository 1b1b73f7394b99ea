//! The journal (every accepted command, with the scenario and seed) and the state hash.
//! Replaying a journal rebuilds the exercise exactly.

use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::exercise::{Command, ControlAct, Exercise, SeatAct};
use crate::scenario;

/// FNV-1a, 64 bits: small, stable across platforms and versions.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The hash of the whole state: every piece registered with `sim::state`, `sim::entities`
/// or `sim::hashed`, in the order registered.
pub fn state_hash(world: &World) -> String {
    let mut bytes = Vec::new();
    if let Some(parts) = world.get_resource::<super::StateParts>() {
        for part in &parts.0 {
            part(world, &mut bytes);
        }
    }
    format!("{:016x}", fnv1a(&bytes))
}

/// A journal file: the scenario text, the seed, and every accepted command.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Journal {
    pub format: u32,
    pub scenario_file: String,
    pub scenario_source: String,
    pub seed: u64,
    pub commands: Vec<Command>,
}

/// Format 2: a command is `Seat { seat, act }` or `Control(act)`. Format 1 (the seat inside
/// each kind of command) is still read.
pub const JOURNAL_FORMAT: u32 = 2;

/// Reads one journaled command, in today's shape or in format 1's.
pub fn decode_command(text: &str) -> serde_json::Result<Command> {
    serde_json::from_str::<Command>(text).or_else(|e| {
        serde_json::from_str::<Format1>(text)
            .map(Command::from)
            .map_err(|_| e)
    })
}

/// A command as journals of format 1 (and stores written by them) wrote it.
#[derive(Deserialize)]
enum Format1 {
    Table {
        seat: String,
        institution: String,
        proposal: super::orders::Proposal,
    },
    Orders {
        seat: String,
        orders: Vec<super::orders::Order>,
    },
    Ready {
        seat: String,
    },
    Advance,
    Inject {
        inject: String,
    },
    Say {
        seat: String,
        channel: super::channels::Channel,
        text: String,
    },
    End,
    CustomInject {
        title: scenario::Text,
        body: scenario::Text,
        audience: scenario::Audience,
    },
}

impl From<Format1> for Command {
    fn from(c: Format1) -> Self {
        match c {
            Format1::Table {
                seat,
                institution,
                proposal,
            } => Command::seat(
                seat,
                SeatAct::Table {
                    institution,
                    proposal,
                },
            ),
            Format1::Orders { seat, orders } => Command::seat(seat, SeatAct::Orders { orders }),
            Format1::Ready { seat } => Command::seat(seat, SeatAct::Ready),
            Format1::Say {
                seat,
                channel,
                text,
            } => Command::seat(seat, SeatAct::Say { channel, text }),
            Format1::Advance => Command::Control(ControlAct::Advance),
            Format1::Inject { inject } => Command::Control(ControlAct::Inject { inject }),
            Format1::End => Command::Control(ControlAct::End),
            Format1::CustomInject {
                title,
                body,
                audience,
            } => Command::Control(ControlAct::WriteInject {
                title,
                body,
                audience,
            }),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("journal is not valid: {0}")]
    Format(String),
    #[error("the journal's scenario does not load:\n{0}")]
    Scenario(#[from] scenario::ScenarioErrors),
    #[error(
        "command {index} was refused on replay ({refusal}); the journal does not match this version of the rules"
    )]
    Diverged {
        index: usize,
        refusal: super::exercise::Refusal,
    },
}

impl Journal {
    pub fn of(ex: &Exercise, scenario_file: &str, scenario_source: &str) -> Self {
        Self {
            format: JOURNAL_FORMAT,
            scenario_file: scenario_file.to_string(),
            scenario_source: scenario_source.to_string(),
            seed: ex.seed(),
            commands: ex.journal().to_vec(),
        }
    }

    /// JSON Lines: a header line, then one command per line.
    pub fn to_jsonl(&self) -> String {
        #[derive(Serialize)]
        struct Header<'a> {
            format: u32,
            scenario_file: &'a str,
            scenario_source: &'a str,
            seed: u64,
        }
        let mut out = serde_json::to_string(&Header {
            format: self.format,
            scenario_file: &self.scenario_file,
            scenario_source: &self.scenario_source,
            seed: self.seed,
        })
        .unwrap_or_default();
        out.push('\n');
        for c in &self.commands {
            out.push_str(&serde_json::to_string(c).unwrap_or_default());
            out.push('\n');
        }
        out
    }

    pub fn from_jsonl(text: &str) -> Result<Self, ReplayError> {
        #[derive(Deserialize)]
        struct Header {
            format: u32,
            scenario_file: String,
            scenario_source: String,
            seed: u64,
        }
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let (_, head) = lines
            .next()
            .ok_or_else(|| ReplayError::Format("empty journal".into()))?;
        let h: Header =
            serde_json::from_str(head).map_err(|e| ReplayError::Format(format!("line 1: {e}")))?;
        if !(1..=JOURNAL_FORMAT).contains(&h.format) {
            return Err(ReplayError::Format(format!(
                "journal format {} is not supported (this version reads formats 1 to {JOURNAL_FORMAT})",
                h.format
            )));
        }
        let mut commands = Vec::new();
        for (n, line) in lines {
            commands.push(
                decode_command(line)
                    .map_err(|e| ReplayError::Format(format!("line {}: {e}", n + 1)))?,
            );
        }
        Ok(Self {
            format: JOURNAL_FORMAT,
            scenario_file: h.scenario_file,
            scenario_source: h.scenario_source,
            seed: h.seed,
            commands,
        })
    }

    /// Rebuilds the exercise by applying every command again.
    pub fn replay(&self) -> Result<Exercise, ReplayError> {
        let sc = scenario::parse(&self.scenario_source, &self.scenario_file)?;
        let mut ex = Exercise::new(Arc::new(sc), self.seed);
        for (index, c) in self.commands.iter().enumerate() {
            ex.apply(c.clone())
                .map_err(|refusal| ReplayError::Diverged { index, refusal })?;
        }
        Ok(ex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::channels::Channel;

    /// Commands as journals of format 1 wrote them (the seat inside each kind) read as
    /// today's, so an old journal still replays; today's shape reads as itself.
    #[test]
    fn format_1_commands_read_as_todays() {
        let old = [
            (r#""Advance""#, Command::ADVANCE),
            (r#""End""#, Command::Control(ControlAct::End)),
            (
                r#"{"Ready":{"seat":"tallinn"}}"#,
                Command::seat("tallinn", SeatAct::Ready),
            ),
            (
                r#"{"Orders":{"seat":"tallinn","orders":["Harden"]}}"#,
                Command::seat(
                    "tallinn",
                    SeatAct::Orders {
                        orders: vec![crate::sim::orders::Order::Harden],
                    },
                ),
            ),
            (
                r#"{"Say":{"seat":"tallinn","channel":{"Seats":["helsinki"]},"text":"hi"}}"#,
                Command::seat(
                    "tallinn",
                    SeatAct::Say {
                        channel: Channel::Seats(vec!["helsinki".into()]),
                        text: "hi".into(),
                    },
                ),
            ),
            (
                r#"{"Inject":{"inject":"inj_x"}}"#,
                Command::Control(ControlAct::Inject {
                    inject: "inj_x".into(),
                }),
            ),
        ];
        for (text, expected) in old {
            assert_eq!(decode_command(text).expect(text), expected, "{text}");
            let today = serde_json::to_string(&expected).unwrap();
            assert_eq!(decode_command(&today).unwrap(), expected);
        }
        assert!(decode_command(r#"{"Orders":{"orders":[]}}"#).is_err());
    }
}
