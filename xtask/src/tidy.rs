//! Checks of the source tree itself, run by `cargo test` (as rust-analyzer's `tidy`): every Rust
//! file opens with the `//!` line that says what it is for, and every module of a crate's `src/`
//! is named in ARCHITECTURE.md, so the map of the code cannot silently fall behind it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::codegen::workspace_root;

/// The folders whose Rust files are checked, relative to the workspace root.
const RUST_FOLDERS: [&str; 15] = [
    "generator/src",
    "generator/tests",
    "generated-client/src",
    "generated-client/tests",
    "generated-client/examples",
    "generated-client/cli/src",
    "generated-client/cli/tests",
    "generated-client/cli/examples",
    "generated-client/cli-table/src",
    "generated-client/cli-table/tests",
    "generated-client/runtime/src",
    "generated-client/runtime/tests",
    "xtask/src",
    "fuzz/src",
    "fuzz/fuzz_targets",
];

/// Every `.rs` file under the folder (none when it does not exist), in path order.
fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(folder) else {
        return files;
    };
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn every_rust_file_opens_with_its_purpose() {
    let root = workspace_root();
    let mut without_purpose = Vec::new();
    for folder in RUST_FOLDERS {
        for path in rust_files(&root.join(folder)) {
            let text = fs::read_to_string(&path).expect("a readable Rust file");
            if !text.starts_with("//!") {
                without_purpose.push(relative(&root, &path));
            }
        }
    }
    assert!(
        without_purpose.is_empty(),
        "these files do not start with a `//!` line saying what they are for: {without_purpose:#?}"
    );
}

/// A module is named when ARCHITECTURE.md gives its path, or gives its file name in the entry
/// of a folder that holds it (`generator/src/import/` … `components.rs`, nested entries being
/// part of their parent's).
#[test]
fn every_module_is_named_in_architecture_md() {
    let root = workspace_root();
    let architecture =
        fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md is readable");
    let entries: Vec<&str> = architecture.split("\n- ").collect();
    let mut unnamed = Vec::new();
    for folder in RUST_FOLDERS
        .iter()
        .filter(|folder| folder.ends_with("/src") || folder.starts_with("fuzz/"))
    {
        for path in rust_files(&root.join(folder)) {
            let path = relative(&root, &path);
            let file_name = path.rsplit('/').next().unwrap_or(&path);
            // The folders from the crate's `src/` down to the file's.
            let folders_below_src: Vec<&str> = path
                .match_indices('/')
                .map(|(end, _)| &path[..end])
                .filter(|ancestor| ancestor.len() >= folder.len())
                .collect();
            let named = architecture.contains(&format!("`{path}`"))
                || entries.iter().any(|entry| {
                    entry.contains(&format!("`{file_name}`"))
                        && folders_below_src
                            .iter()
                            .any(|ancestor| entry.contains(&format!("`{ancestor}/`")))
                });
            if !named {
                unnamed.push(path);
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "ARCHITECTURE.md does not name these modules (give the path, or the file name in its folder's entry): {unnamed:#?}"
    );
}
