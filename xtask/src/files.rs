//! The one function through which every generated file is written (or checked).

use std::fs;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// Writes `contents` to `path`, or in check mode fails when the file on disk differs.
///
/// Line endings are normalized so a checkout with CRLF endings is not reported as stale.
pub fn ensure_file_contents(mode: Mode, path: &Path, contents: &str) -> anyhow::Result<()> {
    let contents = contents.replace("\r\n", "\n");
    let current = fs::read_to_string(path)
        .ok()
        .map(|text| text.replace("\r\n", "\n"));
    if current.as_deref() == Some(contents.as_str()) {
        return Ok(());
    }
    match mode {
        Mode::Check => anyhow::bail!(
            "{} is not up to date: run `cargo xtask codegen` and commit the result",
            path.display()
        ),
        Mode::Write => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(path, contents)?;
            eprintln!("updated {}", path.display());
            Ok(())
        }
    }
}
