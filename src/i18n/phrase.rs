//! What the engine says, as data: a sentence pattern from the translation table and its
//! arguments (numbers, names the scenario gives in both languages, identifiers, terms,
//! norms, nested phrases). The simulation records phrases; each language renders them.
//!
//! The pattern's English text is its key (as for the interface's strings), so English
//! renders even for a key the table lacks; a test rules that out for every key the engine
//! uses, so Arabic never falls back to English.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Lang;
use crate::scenario::Text;

/// A sentence the engine recorded: a pattern with `{0}`, `{1}`… and what fills them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Phrase {
    pub key: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
}

/// What fills a slot of a phrase.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Arg {
    Num(i64),
    /// A name or text the scenario gives in both languages (actors, incidents, institutions).
    Name(Text),
    /// An identifier shown as it is (an incident's or evidence item's key, a seat id).
    Id(String),
    /// A term of the translation table (an order kind, a stance, a level of the ladder).
    Term(Cow<'static, str>),
    /// A norm of A/70/174 para. 13, by its place in the paragraph (0 is 13a).
    Norm(u8),
    Phrase(Phrase),
    /// Items joined with the language's comma.
    List(Vec<Arg>),
}

impl Phrase {
    pub fn new(key: &'static str) -> Self {
        Phrase {
            key: Cow::Borrowed(key),
            args: Vec::new(),
        }
    }

    pub fn with(mut self, arg: impl Into<Arg>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// No sentence (prose left out of a computer player's view).
    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }

    /// The phrase in English (logs, the command line, tests).
    pub fn en(&self) -> String {
        Lang::EN.say(self)
    }

    /// A text the scenario gives, in every language it has, as a phrase (so an incident's
    /// name is a phrase whether the scenario wrote it or the engine made it).
    pub fn of(text: Text) -> Self {
        Phrase::new("{0}").with(text)
    }

    /// Every pattern key in this phrase and the phrases and terms inside it.
    pub fn keys(&self) -> Vec<&str> {
        fn walk<'a>(a: &'a Arg, out: &mut Vec<&'a str>) {
            match a {
                Arg::Term(k) => out.push(k),
                Arg::Phrase(p) => out.extend(p.keys()),
                Arg::List(l) => l.iter().for_each(|a| walk(a, out)),
                _ => {}
            }
        }
        let mut out = vec![self.key.as_ref()];
        self.args.iter().for_each(|a| walk(a, &mut out));
        out.retain(|k| !k.is_empty());
        out
    }
}

impl std::fmt::Display for Phrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

impl Arg {
    pub fn id(s: impl Into<String>) -> Self {
        Arg::Id(s.into())
    }
    pub fn term(key: &'static str) -> Self {
        Arg::Term(Cow::Borrowed(key))
    }
    pub fn list<A: Into<Arg>>(items: impl IntoIterator<Item = A>) -> Self {
        Arg::List(items.into_iter().map(Into::into).collect())
    }
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(n as i64)
            }
        }
    )*};
}
num_arg!(i32, u32, i64, u16, u8);

/// Unsigned numbers beyond i64 (a random seed, say) keep their digits instead of wrapping
/// into negatives.
macro_rules! wide_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                match i64::try_from(n) {
                    Ok(n) => Arg::Num(n),
                    Err(_) => Arg::Id(n.to_string()),
                }
            }
        }
    )*};
}
wide_arg!(u64, usize);

impl From<&Text> for Arg {
    fn from(t: &Text) -> Self {
        Arg::Name(t.clone())
    }
}
impl From<Text> for Arg {
    fn from(t: Text) -> Self {
        Arg::Name(t)
    }
}
impl From<Phrase> for Arg {
    fn from(p: Phrase) -> Self {
        Arg::Phrase(p)
    }
}
impl From<&Phrase> for Arg {
    fn from(p: &Phrase) -> Self {
        Arg::Phrase(p.clone())
    }
}

/// A phrase: `say!("pattern {0} and {1}", a, b)`. The pattern must be a literal, so a test
/// finds every one in the source and checks the table translates it.
#[macro_export]
macro_rules! say {
    ($key:literal $(, $arg:expr)* $(,)?) => {
        $crate::i18n::Phrase::new($key)$(.with($arg))*
    };
}

impl Lang {
    /// A phrase in this language.
    pub fn say(self, p: &Phrase) -> String {
        if p.is_empty() {
            return String::new();
        }
        fill(self.t_any(&p.key), |i| p.args.get(i).map(|a| self.arg(a)))
    }

    fn arg(self, a: &Arg) -> String {
        match a {
            Arg::Num(n) => n.to_string(),
            Arg::Name(t) => t.get(self.code()).to_string(),
            Arg::Id(s) => s.clone(),
            Arg::Term(k) => self.t_any(k).to_string(),
            Arg::Norm(n) => self.paragraph_13(*n).to_string(),
            Arg::Phrase(p) => self.say(p),
            Arg::List(items) => items
                .iter()
                .map(|a| self.arg(a))
                .collect::<Vec<_>>()
                .join(self.comma()),
        }
    }

    /// The separator of a list.
    pub fn comma(self) -> &'static str {
        self.t(", ")
    }
}

/// Replaces `{0}`, `{1}`… in one pass, so a filled-in value is never read as a slot.
pub(super) fn fill(pattern: &str, arg: impl Fn(usize) -> Option<String>) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let slot = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match slot.and_then(|(i, close)| Some((arg(i)?, close))) {
            Some((value, close)) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
