//! The scenario library: every scenario in `scenarios/` and in any folder the user opens,
//! each either loaded (with its briefing) or broken (with the checker's errors).

use std::path::Path;
use std::sync::Arc;

use bevy::prelude::Resource;

use crate::scenario::{self, Diagnostic, Scenario};

/// The scenarios that ship with Threshold, built in so the client works from anywhere
/// (and in the browser, which has no files).
pub use crate::scenario::SHIPPED as BUILT_IN;

/// One scenario file.
#[derive(Clone, Debug)]
pub struct Entry {
    pub file: String,
    pub source: String,
    pub loaded: Result<Arc<Scenario>, Vec<Diagnostic>>,
}

impl Entry {
    pub fn read(file: &str, source: String) -> Self {
        let loaded = scenario::parse(&source, file)
            .map(Arc::new)
            .map_err(|e| e.0);
        Entry {
            file: file.to_string(),
            source,
            loaded,
        }
    }

    pub fn scenario(&self) -> Option<&Arc<Scenario>> {
        self.loaded.as_ref().ok()
    }
}

#[derive(Resource, Clone, Debug, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// Folders opened besides the default one.
    pub folders: Vec<String>,
}

impl Library {
    /// The scenarios of a folder, or the built-in ones where it cannot be read.
    pub fn scan(folder: &Path) -> Self {
        let mut library = Library::default();
        if library.open(folder).is_err() || library.entries.is_empty() {
            library.entries = BUILT_IN
                .iter()
                .map(|(file, source)| Entry::read(file, source.to_string()))
                .collect();
        }
        library.folders.clear();
        library
    }

    /// Adds every `.ron` file of a folder (replacing entries of the same file).
    pub fn open(&mut self, folder: &Path) -> std::io::Result<usize> {
        let mut files: Vec<_> = std::fs::read_dir(folder)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        let count = files.len();
        for path in files {
            let file = path.display().to_string();
            let entry = match std::fs::read_to_string(&path) {
                Ok(source) => Entry::read(&file, source),
                Err(e) => Entry {
                    file: file.clone(),
                    source: String::new(),
                    loaded: Err(vec![Diagnostic {
                        file: file.clone(),
                        line: 1,
                        column: 1,
                        message: crate::say!(
                            "cannot read the file: {0}",
                            crate::i18n::Arg::id(e.to_string())
                        ),
                    }]),
                },
            };
            self.entries.retain(|e| e.file != entry.file);
            self.entries.push(entry);
        }
        self.folders.push(folder.display().to_string());
        Ok(count)
    }

    /// The scenarios that load (the ones a game can start from).
    pub fn playable(&self) -> impl Iterator<Item = (usize, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.loaded.is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_scenarios_all_load() {
        for (file, source) in BUILT_IN {
            let e = Entry::read(file, source.to_string());
            assert!(e.loaded.is_ok(), "{file}: {:?}", e.loaded.err());
        }
    }

    #[test]
    fn a_broken_file_is_listed_with_its_errors_and_the_rest_still_load() {
        let dir = std::env::temp_dir().join(format!("threshold-lib-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a_good.ron"), BUILT_IN[0].1).unwrap();
        std::fs::write(dir.join("b_broken.ron"), "(id: \"x\", title: ").unwrap();
        let mut lib = Library::default();
        assert_eq!(lib.open(&dir).unwrap(), 2);
        assert!(lib.entries[0].loaded.is_ok());
        let errors = lib.entries[1].loaded.as_ref().unwrap_err();
        assert!(errors[0].file.ends_with("b_broken.ron"));
        assert_eq!(errors[0].line, 1);
        assert_eq!(lib.playable().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_folder_falls_back_to_the_built_in_scenarios() {
        let lib = Library::scan(Path::new("/nonexistent/threshold"));
        assert_eq!(lib.entries.len(), BUILT_IN.len());
    }
}
