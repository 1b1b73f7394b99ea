//! The one scenario loader: reads RON, then validates every reference. Errors name the file,
//! line and column, and say what was expected.

use std::fmt;
use std::path::Path;

use ron::extensions::Extensions;

use super::schema::Scenario;
use super::validate;
use crate::i18n::{Arg, Lang, Phrase};
use crate::say;

/// Scenario files larger than this are refused before parsing.
pub const MAX_SCENARIO_BYTES: usize = 4 * 1024 * 1024;
/// Nesting deeper than this is refused by the parser (conditions, lists).
pub const MAX_NESTING: usize = 64;

/// One problem in a scenario file, at a line and column (both from 1). The message is a
/// phrase, so the client shows it in its language; the command line writes it in English.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: Phrase,
}

impl Diagnostic {
    /// `file:line:column: message`, the message in a language.
    pub fn say(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            lang.say(&self.message)
        )
    }
}

/// In English: `file:line:column: message`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::EN))
    }
}

/// Every problem found in one scenario file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct ScenarioErrors(pub Vec<Diagnostic>);

impl ScenarioErrors {
    fn render(&self) -> String {
        self.0
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Reads and validates a scenario file.
pub fn load_file(path: &Path) -> Result<Scenario, ScenarioErrors> {
    let file = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Err(ScenarioErrors(vec![Diagnostic {
                file,
                line: 1,
                column: 1,
                message: say!("cannot read the file: {0}", Arg::id(e.to_string())),
            }]));
        }
    };
    match String::from_utf8(bytes) {
        Ok(source) => parse(&source, &file),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let (line, column) = line_col(&text, text.len());
            Err(ScenarioErrors(vec![Diagnostic {
                file,
                line,
                column,
                message: say!("expected UTF-8 text; found bytes that are not UTF-8"),
            }]))
        }
    }
}

/// Parses and validates scenario source text; `file` names it in messages.
pub fn parse(source: &str, file: &str) -> Result<Scenario, ScenarioErrors> {
    let scenario = parse_only(source, file)?;
    let problems = validate::validate(&scenario, source);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(ScenarioErrors(
            problems
                .into_iter()
                .map(|p| Diagnostic {
                    file: file.to_string(),
                    line: p.line,
                    column: p.column,
                    message: p.message,
                })
                .collect(),
        ))
    }
}

fn parse_only(source: &str, file: &str) -> Result<Scenario, ScenarioErrors> {
    let single = |line, column, message: Phrase| {
        ScenarioErrors(vec![Diagnostic {
            file: file.to_string(),
            line,
            column,
            message,
        }])
    };
    if source.len() > MAX_SCENARIO_BYTES {
        return Err(single(
            1,
            1,
            say!(
                "expected a scenario of at most {0} bytes; this file has {1}",
                MAX_SCENARIO_BYTES,
                source.len()
            ),
        ));
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING);
    // The parser is not ours: a panic inside it must still become an error, never a crash.
    let parsed = std::panic::catch_unwind(|| options.from_str::<Scenario>(source));
    match parsed {
        Ok(Ok(scenario)) => Ok(scenario),
        Ok(Err(e)) => {
            // The parser's span may start at the blank before the offending value.
            let (line, column) =
                skip_blanks(source, e.span.start.line.max(1), e.span.start.col.max(1));
            Err(single(line, column, explain_ron_error(&e.code)))
        }
        Err(_) => Err(single(1, 1, say!("the RON parser failed on this file"))),
    }
}

/// The parser's own words are English and not ours: they stay as they are, in a sentence
/// of ours that each language frames.
fn explain_ron_error(code: &ron::Error) -> Phrase {
    match code {
        ron::Error::ExceededRecursionLimit => say!(
            "nesting deeper than {0} levels; expected a flatter structure",
            MAX_NESTING
        ),
        ron::Error::Eof => say!("unexpected end of file; expected the rest of the scenario"),
        _ => {
            let mut t = code.to_string();
            if let Some(first) = t.get(0..1) {
                let lower = first.to_lowercase();
                t.replace_range(0..1, &lower);
            }
            say!("the file does not parse: {0}", Arg::id(t))
        }
    }
}

/// Moves a (line, column) position past spaces and tabs on its line.
fn skip_blanks(source: &str, line: usize, column: usize) -> (usize, usize) {
    let Some(text) = source.lines().nth(line - 1) else {
        return (line, column);
    };
    let rest = text.chars().skip(column - 1);
    let blanks = rest.take_while(|c| *c == ' ' || *c == '\t').count();
    if column - 1 + blanks < text.chars().count() {
        (line, column + blanks)
    } else {
        (line, column)
    }
}

/// Line and column (from 1, in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
