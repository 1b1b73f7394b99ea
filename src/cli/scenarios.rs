//! Scenarios: `scenario check` and `scenario balance`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

use super::emit;
use super::play::load;
use threshold::play::{balance as play_balance, balance_report};
use threshold::scenario;

#[derive(Subcommand)]
pub enum ScenarioCmd {
    /// Validate scenario files: prints FILE:LINE:COLUMN: message for each problem, and warns
    /// of texts a language lacks.
    Check(CheckArgs),
    /// Play many seeded bot games and report endings, objectives and unused content.
    Balance(BalanceArgs),
}

/// `scenario …`.
pub fn run(command: ScenarioCmd) -> Result<ExitCode> {
    match command {
        ScenarioCmd::Check(args) => check(args),
        ScenarioCmd::Balance(args) => balance(args),
    }
}

#[derive(clap::Args)]
pub struct CheckArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn check(args: CheckArgs) -> Result<ExitCode> {
    let CheckArgs { files } = args;
    let mut failed = false;
    for f in &files {
        match scenario::load_file(f) {
            Ok(sc) => {
                emit(&format!(
                    "{}: ok ({} actors, {} seats, {} incidents, {} injects)\n",
                    f.display(),
                    sc.actors.len(),
                    sc.seats.len(),
                    sc.incidents.len(),
                    sc.injects.len()
                ));
                // Missing translations are warnings: the scenario plays, in English there.
                for (code, paths) in scenario::validate::missing_translations(&sc) {
                    emit(&format!("{}\n", missing_warning(&code, &paths)));
                }
            }
            Err(errors) => {
                failed = true;
                for d in errors.0 {
                    emit(&format!("{d}\n"));
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `warning: 3 texts have no Arabic (ar); they show in English: title, …`, naming at most
/// five of the texts.
fn missing_warning(code: &str, paths: &[String]) -> String {
    const SHOWN: usize = 5;
    let language = match code {
        "ar" => "Arabic (ar)".to_string(),
        _ => format!("{code} translation"),
    };
    let (count, verb, pronoun) = match paths.len() {
        1 => ("1 text".to_string(), "has", "it shows"),
        n => (format!("{n} texts"), "have", "they show"),
    };
    let mut list = paths
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOWN {
        list.push_str(&format!(" and {} more", paths.len() - SHOWN));
    }
    format!("warning: {count} {verb} no {language}; {pronoun} in English: {list}")
}

#[derive(clap::Args)]
pub struct BalanceArgs {
    pub scenario: PathBuf,
    #[arg(long, default_value_t = 1000)]
    pub runs: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn balance(args: BalanceArgs) -> Result<ExitCode> {
    let BalanceArgs {
        scenario,
        runs,
        seed,
    } = args;
    let (sc, _) = load(&scenario)?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(runs as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} games {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let start = std::time::Instant::now();
    let games = play_balance(sc.clone(), runs, seed, &|n| {
        if let Some(b) = &bar {
            b.set_position(n as u64);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    emit(&balance_report(&sc, &games));
    emit(&format!(
        "\n{} games in {:.2} s\n",
        games.len(),
        start.elapsed().as_secs_f64()
    ));
    Ok(ExitCode::SUCCESS)
}
