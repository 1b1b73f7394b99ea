//! Instructor accounts: names and salted Argon2id password hashes (RustCrypto's `argon2`),
//! in the same SQLite file as the exercises, so `threshold instructor …` works on a data dir
//! while the server runs (SQLite's log lets both write).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now_ms};

/// Characters of generated passwords: no look-alikes (0/O, 1/l/I), so one read off a
/// terminal is typed right.
const PASSWORD_ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
/// 20 characters of 56: about 116 bits.
const PASSWORD_LENGTH: usize = 20;

/// An instructor as listed (never the hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instructor {
    pub name: String,
    /// Milliseconds since the Unix epoch.
    pub created_ms: u64,
    /// Exercises on the server created by this instructor.
    pub exercises: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "an instructor called \"{0}\" already exists (`threshold instructor reset {0}` gives a new password)"
    )]
    Exists(String),
    #[error("no instructor is called \"{0}\" (`threshold instructor list` shows who is)")]
    Unknown(String),
    #[error(
        "\"{0}\" is not an instructor name: 1 to 40 letters, digits, dots, dashes, underscores or @"
    )]
    BadName(String),
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("the system's random source failed: {0}")]
    Random(String),
}

impl From<rusqlite::Error> for AccountError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

/// Fills `buf` from the operating system's random source.
pub fn random_bytes(buf: &mut [u8]) -> Result<(), AccountError> {
    getrandom_04::fill(buf).map_err(|e| AccountError::Random(e.to_string()))
}

/// `len` characters drawn uniformly from `alphabet` with the system's random source
/// (rejection sampling: no character is likelier than another).
pub fn random_string(alphabet: &[u8], len: usize) -> Result<String, AccountError> {
    let limit = 256 - 256 % alphabet.len();
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        random_bytes(&mut buf)?;
        for &b in &buf {
            if (b as usize) < limit && out.len() < len {
                out.push(alphabet[b as usize % alphabet.len()] as char);
            }
        }
    }
    Ok(out)
}

/// A new random password.
pub fn new_password() -> Result<String, AccountError> {
    random_string(PASSWORD_ALPHABET, PASSWORD_LENGTH)
}

/// A salted Argon2id hash of `password` in the PHC string format (salt and parameters in it).
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    let mut salt = [0u8; 16];
    random_bytes(&mut salt)?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AccountError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

/// Whether `password` matches a stored hash (a hash that does not parse matches nothing).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Instructor names: what a login form and a command line both take without quoting.
pub fn valid_name(name: &str) -> bool {
    (1..=40).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
}

impl Store {
    /// Adds an instructor with a new random password, which is returned (and stored only
    /// as its hash).
    pub fn add_instructor(&self, name: &str) -> Result<String, AccountError> {
        if !valid_name(name) {
            return Err(AccountError::BadName(name.to_string()));
        }
        let password = new_password()?;
        let hash = hash_password(&password)?;
        let added = self.conn.execute(
            "INSERT INTO instructors (name, hash, created) VALUES (?1, ?2, ?3) ON CONFLICT(name) DO NOTHING",
            params![name, hash, now_ms() as i64],
        )?;
        if added == 0 {
            return Err(AccountError::Exists(name.to_string()));
        }
        Ok(password)
    }

    /// Gives an instructor a new random password (the old one stops working at once).
    pub fn reset_instructor(&self, name: &str) -> Result<String, AccountError> {
        let password = new_password()?;
        let hash = hash_password(&password)?;
        let changed = self.conn.execute(
            "UPDATE instructors SET hash = ?2 WHERE name = ?1",
            params![name, hash],
        )?;
        if changed == 0 {
            return Err(AccountError::Unknown(name.to_string()));
        }
        Ok(password)
    }

    /// Removes an instructor. Their exercises stay (with their instructor key).
    pub fn remove_instructor(&self, name: &str) -> Result<(), AccountError> {
        let removed = self
            .conn
            .execute("DELETE FROM instructors WHERE name = ?1", params![name])?;
        if removed == 0 {
            return Err(AccountError::Unknown(name.to_string()));
        }
        Ok(())
    }

    /// Every instructor, by name.
    pub fn instructors(&self) -> Result<Vec<Instructor>, AccountError> {
        let mut q = self.conn.prepare(
            "SELECT i.name, i.created, (SELECT COUNT(*) FROM exercises e WHERE e.instructor = i.name)
             FROM instructors i ORDER BY i.name",
        )?;
        let rows = q.query_map([], |r| {
            Ok(Instructor {
                name: r.get(0)?,
                created_ms: r.get::<_, i64>(1)? as u64,
                exercises: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether `name` and `password` are an instructor's. Names are matched exactly. An
    /// unknown name costs as much time as a wrong password (a hash is checked either way),
    /// so timing does not tell which names exist.
    pub fn check_instructor(&self, name: &str, password: &str) -> Result<bool, AccountError> {
        let hash: Option<String> = self
            .conn
            .query_row(
                "SELECT hash FROM instructors WHERE name = ?1",
                params![name],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match hash {
            Some(h) => verify_password(password, &h),
            None => {
                let _ = verify_password(password, &DUMMY_HASH);
                false
            }
        })
    }
}

/// The hash of a password nobody has, checked for unknown names (made once, at the first
/// sign-in with an unknown name).
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("no instructor has this").unwrap_or_default());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_stored_only_as_salted_hashes_and_checked_against_them() {
        let store = Store::in_memory().unwrap();
        let pw = store.add_instructor("amira").unwrap();
        assert_eq!(pw.len(), PASSWORD_LENGTH);
        assert!(matches!(
            store.add_instructor("amira"),
            Err(AccountError::Exists(_))
        ));
        assert!(matches!(
            store.add_instructor("bad name"),
            Err(AccountError::BadName(_))
        ));
        let stored: String = store
            .conn
            .query_row("SELECT hash FROM instructors", [], |r| r.get(0))
            .unwrap();
        assert!(stored.starts_with("$argon2id$") && !stored.contains(&pw));
        assert!(store.check_instructor("amira", &pw).unwrap());
        assert!(!store.check_instructor("amira", "guess").unwrap());
        assert!(!store.check_instructor("Amira", &pw).unwrap());
        assert!(!store.check_instructor("nobody", &pw).unwrap());
        // The same password twice gives two hashes (a salt each).
        assert_ne!(hash_password(&pw).unwrap(), hash_password(&pw).unwrap());
        let new = store.reset_instructor("amira").unwrap();
        assert_ne!(new, pw);
        assert!(!store.check_instructor("amira", &pw).unwrap());
        assert!(store.check_instructor("amira", &new).unwrap());
        assert_eq!(store.instructors().unwrap()[0].name, "amira");
        store.remove_instructor("amira").unwrap();
        assert!(!store.check_instructor("amira", &new).unwrap());
        assert!(matches!(
            store.remove_instructor("amira"),
            Err(AccountError::Unknown(_))
        ));
    }

    #[test]
    fn random_strings_use_the_whole_alphabet_and_only_it() {
        let s = random_string(b"ab", 2000).unwrap();
        assert!(s.chars().all(|c| c == 'a' || c == 'b'));
        let a = s.chars().filter(|&c| c == 'a').count();
        assert!((800..1200).contains(&a), "{a} of 2000");
        assert_ne!(new_password().unwrap(), new_password().unwrap());
    }
}
