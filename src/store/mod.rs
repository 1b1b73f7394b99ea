//! Where exercises live: SQLite (built in), one file in the data directory. Every accepted
//! command is appended in a transaction before the server acknowledges it; on start the
//! server replays each exercise's commands and is back at the same state hash.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::sim::exercise::Command;

pub mod accounts;
pub use accounts::{AccountError, Instructor};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("storage: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("storage: a stored command does not decode: {0}")]
    Decode(#[from] serde_json::Error),
    #[error("storage: cannot create the data directory: {0}")]
    Io(#[from] std::io::Error),
}

/// How far an accepted command has gone when the server acknowledges it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Durability {
    /// Into SQLite's write-ahead log (SQLite's `synchronous=NORMAL`): the command survives
    /// the server being killed at any moment; a power cut or a crash of the machine itself
    /// may lose what was acknowledged since the last checkpoint (at most about
    /// `CHECKPOINT_EVERY`), because the log is synced to the disk by the checkpoints only.
    #[default]
    Normal,
    /// Onto the disk (`synchronous=FULL`): every commit waits for the disk's sync, and under
    /// load one slow sync holds up every reply of its loop turn.
    Full,
}

/// An exercise as stored (its state is rebuilt from the commands).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExerciseRecord {
    pub code: String,
    pub key: String,
    pub scenario_file: String,
    pub scenario_source: String,
    pub seed: u64,
    /// The exercise's timing (started, paused, the phase's deadline), so it resumes exactly.
    pub conductor: crate::conductor::Conductor,
    /// The instructor who created it (none on an open server).
    pub instructor: Option<String>,
    /// When it was created, in milliseconds since the Unix epoch (0: before this was kept).
    pub created_ms: u64,
    /// Whether it has ended (the store notes when it first saw it ended: `--retain-days`).
    pub ended: bool,
    /// What "My exercises" shows of it, kept up to date with every save, so a server lists an
    /// exercise it has not loaded without replaying it (none: a row from before this was
    /// kept).
    pub summary: Option<crate::net::protocol::ExerciseSummary>,
}

/// What the store tells a starting server of each exercise, without its journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogued {
    pub code: String,
    pub instructor: Option<String>,
    /// Started, not paused, not ended: its deadlines run, so a server keeps it loaded.
    pub running: bool,
    pub summary: Option<crate::net::protocol::ExerciseSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantRecord {
    pub token: String,
    pub name: String,
    pub seat: Option<String>,
}

/// Everything needed to bring one exercise back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredExercise {
    pub exercise: ExerciseRecord,
    pub participants: Vec<ParticipantRecord>,
    pub commands: Vec<Command>,
}

pub struct Store {
    conn: Connection,
    /// Copies the write-ahead log into the database file beside the server loop (file stores).
    _checkpointer: Option<Checkpointer>,
    /// Inside `begin_batch` … `commit_batch`: saves join one transaction (group commit).
    batch: bool,
    /// What is known to be in the database for each exercise this store wrote: a save then
    /// writes only what changed (its commands; flags and participants rarely). Rewriting the
    /// exercise row on every command would rewrite its whole scenario text with it.
    written: HashMap<String, Written>,
}

struct Written {
    conductor: crate::conductor::Conductor,
    ended: bool,
    summary: Option<crate::net::protocol::ExerciseSummary>,
    participants: Vec<ParticipantRecord>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS exercises (
    code TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    scenario_file TEXT NOT NULL,
    scenario_source TEXT NOT NULL,
    seed INTEGER NOT NULL,
    started INTEGER NOT NULL,
    paused INTEGER NOT NULL,
    timing TEXT,
    instructor TEXT,
    created INTEGER,
    ended INTEGER,
    summary TEXT
);
CREATE TABLE IF NOT EXISTS instructors (
    name TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
    token TEXT PRIMARY KEY,
    code TEXT NOT NULL REFERENCES exercises(code),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    seat TEXT
);
CREATE TABLE IF NOT EXISTS commands (
    code TEXT NOT NULL REFERENCES exercises(code),
    seq INTEGER NOT NULL,
    command TEXT NOT NULL,
    PRIMARY KEY (code, seq)
);
";

impl Store {
    /// Opens (or creates) `threshold.db` in `dir`, with the default `Durability`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        Self::open_with(dir, Durability::default())
    }

    /// Opens (or creates) `threshold.db` in `dir`; a commit returns once it is as safe as
    /// `sync` says.
    pub fn open_with(dir: &Path, sync: Durability) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("threshold.db");
        let conn = Connection::open(&path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let level = match sync {
            Durability::Normal => "NORMAL",
            Durability::Full => "FULL",
        };
        conn.pragma_update(None, "synchronous", level)?;
        let mut store = Self::with(conn)?;
        // SQLite would copy the log back into the database inside whichever commit fills it
        // (1,000 pages), and that commit, with every reply of its loop turn, would wait for
        // the copy and its sync: 40–200 ms, measured under load. A thread of its own does it.
        if let Ok(checkpointer) = Checkpointer::start(&path) {
            store.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
            store._checkpointer = Some(checkpointer);
        }
        Ok(store)
    }

    /// Opens an existing Threshold database file (a backup) without changing it: an error if
    /// the file is missing or is not one.
    pub fn open_file(path: &Path) -> Result<Self, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} does not exist", path.display()),
            )));
        }
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let ours: bool = conn
            .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exercises'")?
            .exists([])?;
        if !ours {
            return Err(StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} holds no Threshold exercises table", path.display()),
            )));
        }
        Ok(Self {
            conn,
            _checkpointer: None,
            batch: false,
            written: HashMap::new(),
        })
    }

    /// How many exercises are stored.
    pub fn exercise_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM exercises", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Replaces this database's contents with a backup's (SQLite's backup API, page by page),
    /// then brings its schema up to date.
    pub fn restore_from(&mut self, backup: &Path) -> Result<(), StoreError> {
        self.conn.restore(
            rusqlite::MAIN_DB,
            backup,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        self.written.clear();
        migrate(&self.conn)
    }

    /// A store that lives in memory (tests, local games).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with(Connection::open_in_memory()?)
    }

    fn with(conn: Connection) -> Result<Self, StoreError> {
        migrate(&conn)?;
        Ok(Self {
            conn,
            _checkpointer: None,
            batch: false,
            written: HashMap::new(),
        })
    }

    /// Saves an exercise's record, its participants, and the commands from `from_seq` on, in
    /// one transaction.
    pub fn save(
        &mut self,
        e: &ExerciseRecord,
        participants: &[ParticipantRecord],
        from_seq: usize,
        commands: &[Command],
    ) -> Result<(), StoreError> {
        // Forgotten until this save succeeds: after a failure the next save writes it all.
        let before = self.written.remove(&e.code);
        if self.batch {
            // A savepoint inside the batch: a failed save leaves the others intact.
            let sp = self.conn.savepoint()?;
            write(&sp, e, before.as_ref(), participants, from_seq, commands)?;
            sp.commit()?;
        } else {
            let tx = self.conn.transaction()?;
            write(&tx, e, before.as_ref(), participants, from_seq, commands)?;
            tx.commit()?;
        }
        self.written.insert(
            e.code.clone(),
            Written {
                conductor: e.conductor.clone(),
                ended: e.ended,
                summary: e.summary.clone(),
                participants: participants.to_vec(),
            },
        );
        Ok(())
    }

    /// Opens one transaction for many saves (a server loop turn): one disk sync for all.
    pub fn begin_batch(&mut self) -> Result<(), StoreError> {
        if !self.batch {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.batch = true;
        }
        Ok(())
    }

    /// Commits the batch: on return every save since `begin_batch` is stored (see `Durability`).
    pub fn commit_batch(&mut self) -> Result<(), StoreError> {
        if self.batch {
            self.batch = false;
            if let Err(e) = self.conn.execute_batch("COMMIT") {
                self.written.clear();
                return Err(e.into());
            }
        }
        Ok(())
    }

    /// Deletes an exercise: its row, its participants (names and tokens) and its journal.
    /// Returns whether there was one.
    pub fn delete_exercise(&mut self, code: &str) -> Result<bool, StoreError> {
        self.written.remove(code);
        let sp = self.conn.savepoint()?;
        sp.execute("DELETE FROM commands WHERE code = ?1", [code])?;
        sp.execute("DELETE FROM participants WHERE code = ?1", [code])?;
        let n = sp.execute("DELETE FROM exercises WHERE code = ?1", [code])?;
        sp.commit()?;
        Ok(n > 0)
    }

    /// The exercises that ended before `cutoff_ms` (milliseconds since the Unix epoch).
    pub fn ended_before(&self, cutoff_ms: u64) -> Result<Vec<String>, StoreError> {
        let mut q = self.conn.prepare(
            "SELECT code FROM exercises WHERE ended IS NOT NULL AND ended < ?1 ORDER BY code",
        )?;
        let codes = q.query_map([cutoff_ms as i64], |r| r.get(0))?;
        Ok(codes.collect::<Result<_, _>>()?)
    }

    /// A consistent copy of the whole database into `out` (SQLite's online backup: safe
    /// while a server writes to it; it copies in steps and starts again if a write lands).
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        self.conn.backup(rusqlite::MAIN_DB, out, None)?;
        Ok(())
    }

    /// Every stored exercise, with its participants and commands in order.
    pub fn load_all(&mut self) -> Result<Vec<StoredExercise>, StoreError> {
        let mut out = Vec::new();
        for c in self.catalogue()? {
            out.extend(self.load(&c.code)?);
        }
        Ok(out)
    }

    /// What a starting server needs of every exercise, without replaying any: the journals
    /// stay on disk until `load` asks for one.
    pub fn catalogue(&self) -> Result<Vec<Catalogued>, StoreError> {
        let mut q = self.conn.prepare(
            "SELECT code, instructor, started, paused, ended, summary FROM exercises ORDER BY code",
        )?;
        let rows = q.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, bool>(2)?
                    && !r.get::<_, bool>(3)?
                    && r.get::<_, Option<i64>>(4)?.is_none(),
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (code, instructor, running, summary) = row?;
            out.push(Catalogued {
                code,
                instructor,
                running,
                // A summary that does not decode is made again from the exercise.
                summary: summary.and_then(|t| serde_json::from_str(&t).ok()),
            });
        }
        Ok(out)
    }

    /// The exercise a participant's token belongs to.
    pub fn code_of_token(&self, token: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT code FROM participants WHERE token = ?1")?
            .query_row([token], |r| r.get(0))
            .optional()?)
    }

    /// One stored exercise, with its participants and commands in order. The store then
    /// knows what is written of it (a later save writes only what changed).
    pub fn load(&mut self, code: &str) -> Result<Option<StoredExercise>, StoreError> {
        let record = self
            .conn
            .prepare_cached("SELECT code, key, scenario_file, scenario_source, seed, started, paused, timing, instructor, created, ended, summary FROM exercises WHERE code = ?1")?
            .query_row([code], |r| {
                Ok(ExerciseRecord {
                    code: r.get(0)?,
                    key: r.get(1)?,
                    scenario_file: r.get(2)?,
                    scenario_source: r.get(3)?,
                    seed: r.get::<_, i64>(4)? as u64,
                    // A row from before the timing was kept has only its flags.
                    conductor: r
                        .get::<_, Option<String>>(7)?
                        .and_then(|t| serde_json::from_str(&t).ok())
                        .unwrap_or_else(|| {
                            crate::conductor::Conductor::with_flags(
                                r.get(5).unwrap_or(false),
                                r.get(6).unwrap_or(false),
                            )
                        }),
                    instructor: r.get(8)?,
                    created_ms: r.get::<_, Option<i64>>(9)?.unwrap_or(0) as u64,
                    ended: r.get::<_, Option<i64>>(10)?.is_some(),
                    summary: r
                        .get::<_, Option<String>>(11)?
                        .and_then(|t| serde_json::from_str(&t).ok()),
                })
            })
            .optional()?;
        let Some(exercise) = record else {
            return Ok(None);
        };
        let participants = self
            .conn
            .prepare_cached(
                "SELECT token, name, seat FROM participants WHERE code = ?1 ORDER BY position",
            )?
            .query_map([code], |r| {
                Ok(ParticipantRecord {
                    token: r.get(0)?,
                    name: r.get(1)?,
                    seat: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let texts = self
            .conn
            .prepare_cached("SELECT command FROM commands WHERE code = ?1 ORDER BY seq")?
            .query_map([code], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let commands = texts
            .iter()
            .map(|t| crate::sim::journal::decode_command(t))
            .collect::<Result<Vec<_>, _>>()?;
        self.written.insert(
            code.to_string(),
            Written {
                conductor: exercise.conductor.clone(),
                ended: exercise.ended,
                summary: exercise.summary.clone(),
                participants: participants.clone(),
            },
        );
        Ok(Some(StoredExercise {
            exercise,
            participants,
            commands,
        }))
    }
}

/// Creates the tables a new store lacks and the columns an older one lacks.
fn migrate(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(SCHEMA)?;
    // Stores written before these were kept have no column for them.
    for (column, kind) in [
        ("timing", "TEXT"),
        ("instructor", "TEXT"),
        ("created", "INTEGER"),
        ("ended", "INTEGER"),
        ("summary", "TEXT"),
    ] {
        let has: bool = conn
            .prepare("SELECT 1 FROM pragma_table_info('exercises') WHERE name = ?1")?
            .exists([column])?;
        if !has {
            conn.execute_batch(&format!("ALTER TABLE exercises ADD COLUMN {column} {kind}"))?;
        }
    }
    Ok(())
}

/// Milliseconds since the Unix epoch, by the wall clock.
pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis() as u64
}

fn write(
    conn: &Connection,
    e: &ExerciseRecord,
    before: Option<&Written>,
    participants: &[ParticipantRecord],
    from_seq: usize,
    commands: &[Command],
) -> Result<(), StoreError> {
    // The scenario text is written once; later saves only touch the timing, when it changes,
    // and the moment the exercise was first seen ended.
    let timing_stored = before.is_some_and(|b| {
        b.conductor == e.conductor && b.ended == e.ended && b.summary == e.summary
    });
    let c = &e.conductor;
    let timing = serde_json::to_string(c)?;
    let summary = e.summary.as_ref().map(serde_json::to_string).transpose()?;
    let updated = if timing_stored {
        1
    } else {
        conn.prepare_cached(
            "UPDATE exercises SET started = ?2, paused = ?3, timing = ?4,
             ended = CASE WHEN ?5 THEN COALESCE(ended, ?6) END, summary = ?7 WHERE code = ?1",
        )?
        .execute(params![
            e.code,
            c.started,
            c.paused,
            timing,
            e.ended,
            now_ms() as i64,
            summary
        ])?
    };
    if updated == 0 {
        conn.prepare_cached(
            "INSERT INTO exercises (code, key, scenario_file, scenario_source, seed, started, paused, timing, instructor, created, ended, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CASE WHEN ?11 THEN ?12 END, ?13)",
        )?
        .execute(params![e.code, e.key, e.scenario_file, e.scenario_source, e.seed as i64, c.started, c.paused, timing, e.instructor, e.created_ms as i64, e.ended, now_ms() as i64, summary])?;
    }
    for (i, p) in participants.iter().enumerate() {
        if before.is_some_and(|b| b.participants.get(i) == Some(p)) {
            continue;
        }
        conn.prepare_cached(
            "INSERT INTO participants (token, code, position, name, seat) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(token) DO UPDATE SET seat = excluded.seat",
        )?
        .execute(params![p.token, e.code, i as i64, p.name, p.seat])?;
    }
    for (i, c) in commands.iter().enumerate() {
        conn.prepare_cached("INSERT INTO commands (code, seq, command) VALUES (?1, ?2, ?3)")?
            .execute(params![
                e.code,
                (from_seq + i) as i64,
                serde_json::to_string(c)?
            ])?;
    }
    Ok(())
}

/// A thread with its own connection that checkpoints the write-ahead log every
/// `CHECKPOINT_EVERY` (PASSIVE: it never holds up the writer), until its store is dropped.
struct Checkpointer {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

impl Checkpointer {
    fn start(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(1))?;
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("threshold-checkpoint".into())
            .spawn(move || {
                use std::sync::mpsc::RecvTimeoutError;
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(CHECKPOINT_EVERY) {
                    // A failed checkpoint leaves the log as it is (it is tried again); the
                    // commands are in the log either way.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })?;
        Ok(Self {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(started: bool, paused: bool) -> ExerciseRecord {
        ExerciseRecord {
            code: "ABCDEF".into(),
            key: "k".into(),
            scenario_file: "s.ron".into(),
            scenario_source: "(…)".into(),
            seed: 7,
            conductor: crate::conductor::Conductor::with_flags(started, paused),
            instructor: None,
            created_ms: 1,
            ended: false,
            summary: None,
        }
    }

    fn seat(token: &str, seat: Option<&str>) -> ParticipantRecord {
        ParticipantRecord {
            token: token.into(),
            name: format!("student {token}"),
            seat: seat.map(str::to_string),
        }
    }

    #[test]
    fn saves_that_skip_unchanged_rows_still_store_every_change() {
        let mut store = Store::in_memory().unwrap();
        store
            .save(&record(false, false), &[seat("a", None)], 0, &[])
            .unwrap();
        store.begin_batch().unwrap();
        store
            .save(
                &record(true, false),
                &[seat("a", Some("estonia")), seat("b", None)],
                0,
                &[],
            )
            .unwrap();
        // Nothing changed: nothing to write, nothing lost.
        store
            .save(
                &record(true, false),
                &[seat("a", Some("estonia")), seat("b", None)],
                0,
                &[],
            )
            .unwrap();
        store
            .save(
                &record(true, true),
                &[seat("a", Some("estonia")), seat("b", Some("russia"))],
                0,
                &[],
            )
            .unwrap();
        store.commit_batch().unwrap();
        let stored = store.load_all().unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].exercise, record(true, true));
        assert_eq!(
            stored[0].participants,
            vec![seat("a", Some("estonia")), seat("b", Some("russia"))]
        );
        // A store that knows nothing of earlier saves (a restarted server) writes the flags.
        store.written.clear();
        store
            .save(&record(true, false), &stored[0].participants, 0, &[])
            .unwrap();
        assert_eq!(store.load_all().unwrap()[0].exercise, record(true, false));
    }
    #[test]
    fn the_log_reaches_the_database_file_beside_the_writer_at_either_sync() {
        for sync in [Durability::Normal, Durability::Full] {
            let dir = std::env::temp_dir().join(format!(
                "threshold-store-checkpoint-{sync:?}-{}",
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            let mut store = Store::open_with(&dir, sync).unwrap();
            let level: i64 = store
                .conn
                .query_row("PRAGMA synchronous", [], |r| r.get(0))
                .unwrap();
            assert_eq!(level, if sync == Durability::Full { 2 } else { 1 });
            // SQLite itself never copies the log back (the checkpointer thread does).
            let auto: i64 = store
                .conn
                .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
                .unwrap();
            assert_eq!(auto, 0);
            let db = dir.join("threshold.db");
            let before = std::fs::metadata(&db).unwrap().len();
            let mut big = record(false, false);
            big.scenario_source = "x".repeat(200_000);
            store.begin_batch().unwrap();
            store.save(&big, &[seat("a", None)], 0, &[]).unwrap();
            store.commit_batch().unwrap();
            // The commit is in the log; the checkpointer copies it into the file soon after.
            let waited = std::time::Instant::now();
            while std::fs::metadata(&db).unwrap().len() < before + 200_000 {
                assert!(
                    waited.elapsed() < std::time::Duration::from_secs(30),
                    "no checkpoint copied the log into the database"
                );
                std::thread::sleep(CHECKPOINT_EVERY / 5);
            }
            drop(store);
            let mut again = Store::open_with(&dir, sync).unwrap();
            assert_eq!(again.load_all().unwrap()[0].exercise, big);
            drop(again);
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
