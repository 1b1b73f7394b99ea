//! Headless play: `play`, `view` and `replay`.

use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use super::{emit, parse_lang};
use threshold::i18n::Lang;
use threshold::play::{BotSeats, play as play_game, play_to, story};
use threshold::report;
use threshold::scenario;
use threshold::sim::clock::Phase;
use threshold::sim::journal::Journal;

#[derive(clap::Args)]
pub struct PlayArgs {
    pub scenario: PathBuf,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Seats played by computer players: `all`, or a comma-separated list of seat ids
    /// (the other seats stay passive).
    #[arg(long, default_value = "all")]
    pub bots: String,
    /// Write the journal (JSON Lines) here.
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// Write the after-action report here (`.md` for Markdown, `.html` for a web page).
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// The report's language: `en` or `ar`.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub report_lang: Lang,
    /// Write the instructors' edition: the facilitator notes, the expected actions met or
    /// missed, each key decision beside the truth, and a draft improvement plan (the
    /// evaluators' observations and the saved plan live with the exercise on its server).
    #[arg(long)]
    pub instructors: bool,
}

pub fn play(args: PlayArgs) -> Result<ExitCode> {
    let PlayArgs {
        scenario,
        seed,
        bots,
        journal,
        report,
        report_lang,
        instructors,
    } = args;
    let (sc, source) = load(&scenario)?;
    let ex = play_game(sc, seed, &BotSeats::parse(&bots));
    if let Some(path) = journal {
        let j = Journal::of(&ex, &scenario.display().to_string(), &source);
        std::fs::write(&path, j.to_jsonl())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = report {
        write_report(&ex, &path, report_lang, instructors)?;
    }
    emit(&story(&ex));
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ViewArgs {
    pub scenario: PathBuf,
    /// The seat whose view to print (its id in the scenario).
    #[arg(long)]
    pub seat: String,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The turn, from 1 to the scenario's last.
    #[arg(long, default_value_t = 1)]
    pub turn: u32,
    /// The phase of that turn, at its start.
    #[arg(long, value_enum, default_value = "negotiation")]
    pub phase: ViewPhase,
}

pub fn view(args: ViewArgs) -> Result<ExitCode> {
    let ViewArgs {
        scenario,
        seat,
        seed,
        turn,
        phase,
    } = args;
    let (sc, _) = load(&scenario)?;
    if !sc.seats.iter().any(|s| s.id == seat) {
        let seats: Vec<&str> = sc.seats.iter().map(|s| s.id.as_str()).collect();
        bail!(
            "{} has no seat \"{seat}\"; its seats are: {}",
            scenario.display(),
            seats.join(", ")
        );
    }
    let ex = play_to(sc, seed, turn, phase.into())?;
    let Some(view) = threshold::sim::view::view(&ex, &seat) else {
        bail!("seat \"{seat}\" has no view");
    };
    let json = serde_json::to_string_pretty(&view).context("cannot write the view as JSON")?;
    emit(&format!("{json}\n"));
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ReplayArgs {
    pub journal: PathBuf,
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// The report's language: `en` or `ar`.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub report_lang: Lang,
    /// Write the instructors' edition: the facilitator notes, the expected actions met or
    /// missed, each key decision beside the truth, and a draft improvement plan (the
    /// evaluators' observations and the saved plan live with the exercise on its server).
    #[arg(long)]
    pub instructors: bool,
}

pub fn replay(args: ReplayArgs) -> Result<ExitCode> {
    let ReplayArgs {
        journal,
        report,
        report_lang,
        instructors,
    } = args;
    let text = std::fs::read_to_string(&journal)
        .with_context(|| format!("cannot read {}", journal.display()))?;
    let ex = Journal::from_jsonl(&text)?.replay()?;
    if let Some(path) = report {
        write_report(&ex, &path, report_lang, instructors)?;
    }
    emit(&story(&ex));
    Ok(ExitCode::SUCCESS)
}

/// The phases `view` stops at (resolution happens as the orders phase ends).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ViewPhase {
    Briefing,
    Negotiation,
    Orders,
    Press,
}

impl From<ViewPhase> for Phase {
    fn from(p: ViewPhase) -> Self {
        match p {
            ViewPhase::Briefing => Phase::Briefing,
            ViewPhase::Negotiation => Phase::Negotiation,
            ViewPhase::Orders => Phase::Orders,
            ViewPhase::Press => Phase::Press,
        }
    }
}

pub(super) fn load(path: &Path) -> Result<(Arc<scenario::Scenario>, String)> {
    let source =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    match scenario::parse(&source, &path.display().to_string()) {
        Ok(sc) => Ok((Arc::new(sc), source)),
        Err(e) => bail!("{} does not load:\n{e}", path.display()),
    }
}

fn write_report(
    ex: &threshold::sim::Exercise,
    path: &Path,
    lang: Lang,
    instructors: bool,
) -> Result<()> {
    let debrief = if instructors {
        report::Debrief::for_instructors(ex, &report::replay(ex), &[], None)
    } else {
        report::Debrief::of(ex)
    };
    let text = match path.extension().and_then(|e| e.to_str()) {
        Some("html") | Some("htm") => report::html(&debrief, lang),
        Some("md") => report::markdown(&debrief, lang),
        _ => bail!("report must end in .md or .html: {}", path.display()),
    };
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
