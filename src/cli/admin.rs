//! What an academy's IT staff run on the server's machine: `instructor` (accounts),
//! `backup` and `restore`. They open the data dir's SQLite file directly, so they work while
//! the server runs (restore excepted: stop the server first).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use super::emit;
use threshold::store::Store;

#[derive(Subcommand)]
pub enum InstructorCmd {
    /// Add an instructor: prints `password: …` once (the server keeps only a salted hash).
    Add(InstructorArgs),
    /// List the instructors, when each was added and how many exercises each holds.
    List(DataDirArgs),
    /// Remove an instructor: they can no longer sign in (their exercises stay).
    Remove(InstructorArgs),
    /// Give an instructor a new password: prints `password: …` once; the old one stops working.
    Reset(InstructorArgs),
}

#[derive(clap::Args)]
pub struct InstructorArgs {
    pub name: String,
    #[command(flatten)]
    pub data: DataDirArgs,
}

#[derive(clap::Args)]
pub struct DataDirArgs {
    /// The server's data dir (as given to `threshold serve`).
    #[arg(long, default_value = "threshold-data")]
    pub data_dir: PathBuf,
}

pub fn instructor(command: InstructorCmd) -> Result<ExitCode> {
    match command {
        InstructorCmd::Add(a) => {
            let password = Store::open(&a.data.data_dir)?.add_instructor(&a.name)?;
            emit(&format!(
                "instructor: {}\npassword: {password}\n(shown once: the server keeps only its hash)\n",
                a.name
            ));
        }
        InstructorCmd::Reset(a) => {
            let password = existing(&a.data)?.reset_instructor(&a.name)?;
            emit(&format!("instructor: {}\npassword: {password}\n", a.name));
        }
        InstructorCmd::Remove(a) => {
            existing(&a.data)?.remove_instructor(&a.name)?;
            emit(&format!("removed: {}\n", a.name));
        }
        InstructorCmd::List(d) => {
            let list = existing(&d)?.instructors()?;
            if list.is_empty() {
                emit("no instructors (add one with `threshold instructor add NAME`)\n");
            }
            for i in list {
                emit(&format!(
                    "{}\tadded {}\t{} exercises\n",
                    i.name,
                    date(i.created_ms),
                    i.exercises
                ));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The store of a data dir that exists (listing or changing accounts in a mistyped dir
/// would otherwise create an empty one).
fn existing(d: &DataDirArgs) -> Result<Store> {
    let db = d.data_dir.join("threshold.db");
    if !db.is_file() {
        bail!(
            "{} holds no Threshold data (no threshold.db): is --data-dir the server's?",
            d.data_dir.display()
        );
    }
    Ok(Store::open(&d.data_dir)?)
}

/// A UTC date and time from milliseconds since the Unix epoch.
pub fn date(ms: u64) -> String {
    threshold::i18n::utc_date(ms)
}

#[derive(clap::Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub data: DataDirArgs,
    /// The backup file to write (a SQLite database).
    #[arg(long)]
    pub out: PathBuf,
}

/// `backup`: SQLite's online backup, consistent while the server writes.
pub fn backup(args: BackupArgs) -> Result<ExitCode> {
    if args.out.exists() {
        bail!(
            "{} exists: give a new file (a backup never overwrites one)",
            args.out.display()
        );
    }
    let store = existing(&args.data)?;
    store
        .backup_to(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let copy = Store::open_file(&args.out)?;
    emit(&format!(
        "backed up {} exercises and {} instructors to {}\n",
        copy.exercise_count()?,
        copy.instructors()?.len(),
        args.out.display()
    ));
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// A file `threshold backup` wrote.
    pub backup: PathBuf,
    #[command(flatten)]
    pub data: DataDirArgs,
    /// Replace the data dir's exercises and instructors (stop the server first).
    #[arg(long)]
    pub force: bool,
}

/// `restore`: the data dir's database becomes the backup's.
pub fn restore(args: RestoreArgs) -> Result<ExitCode> {
    let copy = Store::open_file(&args.backup)
        .with_context(|| format!("{} is not a Threshold backup", args.backup.display()))?;
    let exercises = copy.exercise_count()?;
    drop(copy);
    let db = args.data.data_dir.join("threshold.db");
    if db.exists() && !args.force {
        bail!(
            "{} already holds a database: stop its server, then run this again with --force to replace it",
            args.data.data_dir.display()
        );
    }
    Store::open(&args.data.data_dir)?.restore_from(&args.backup)?;
    emit(&format!(
        "restored {exercises} exercises into {}\n",
        args.data.data_dir.display()
    ));
    Ok(ExitCode::SUCCESS)
}
