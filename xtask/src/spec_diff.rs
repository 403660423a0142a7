//! `cargo xtask spec-diff [--allow-breaking] [--standalone] <OLD> <NEW>`: prints what changed in
//! the API between two specs and fails on a breaking change unless it is expected.
//!
//! The API is `otc-client`'s service module (the client fills `project_id`), or with
//! `--standalone` the crate `cargo xtask generate` writes from any spec.
//!
//! Each argument is a file path, or `REV:PATH` for the spec at a git revision (read with
//! `git show`). The engine is `otc_codegen::spec_diff`; this file only reads the two texts.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context};
use otc_codegen::generate::ir::GenerateSettings;
use otc_codegen::spec_diff::{diff_specs, parse_spec};

const USAGE: &str = "cargo xtask spec-diff [--allow-breaking] [--standalone] <OLD> <NEW>, each a spec file or REV:PATH";

/// Where a spec comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SpecSource {
    File(String),
    GitRevision { revision: String, path: String },
}

impl SpecSource {
    /// An existing file wins, so a file name with a colon still works; otherwise `REV:PATH`
    /// with a non-empty revision is a git revision.
    fn parse(argument: &str) -> SpecSource {
        if !Path::new(argument).exists() {
            if let Some((revision, path)) = argument.split_once(':') {
                if !revision.is_empty() && !path.is_empty() {
                    return SpecSource::GitRevision {
                        revision: revision.to_owned(),
                        path: path.to_owned(),
                    };
                }
            }
        }
        SpecSource::File(argument.to_owned())
    }
}

/// A spec's text, or `None` when the path does not exist at an existing git revision: the spec
/// is new (or deleted) and the other side's operations all count as added (or removed).
fn read_spec_text(source: &SpecSource) -> anyhow::Result<Option<String>> {
    match source {
        SpecSource::File(path) => std::fs::read_to_string(path)
            .map(Some)
            .with_context(|| format!("reading {path}")),
        SpecSource::GitRevision { revision, path } => {
            crate::git::text_at_revision(None, revision, path)
        }
    }
}

/// Reads and parses one spec. `notes` collects what the reader should know about it.
fn load(argument: &str, notes: &mut String) -> anyhow::Result<openapiv3::OpenAPI> {
    let source = SpecSource::parse(argument);
    match read_spec_text(&source)? {
        Some(text) => parse_spec(&text).with_context(|| format!("parsing {argument}")),
        None => {
            notes.push_str(&format!(
                "{argument}: no such file at that revision, read as a spec without operations\n"
            ));
            Ok(openapiv3::OpenAPI::default())
        }
    }
}

/// Runs the command with the arguments after `spec-diff`.
pub fn run(arguments: &[&str]) -> anyhow::Result<()> {
    let allow_breaking = arguments.contains(&"--allow-breaking");
    let settings = if arguments.contains(&"--standalone") {
        GenerateSettings::standalone()
    } else {
        // The service id only names the constructor's endpoint key, which spec-diff does not
        // compare.
        GenerateSettings::otc_service("spec")
    };
    let specs: Vec<&str> = arguments
        .iter()
        .copied()
        .filter(|argument| !["--allow-breaking", "--standalone"].contains(argument))
        .collect();
    if let Some(option) = specs.iter().find(|argument| argument.starts_with("--")) {
        bail!("unknown option {option}\nusage: {USAGE}");
    }
    let [old_argument, new_argument] = specs.as_slice() else {
        bail!("expected two specs, got {specs:?}\nusage: {USAGE}");
    };
    let mut report = String::new();
    let old = load(old_argument, &mut report)?;
    let new = load(new_argument, &mut report)?;
    let diff = diff_specs(&old, &new, &settings)
        .with_context(|| format!("comparing {old_argument} with {new_argument}"))?;
    report.push_str(&format!(
        "API changes from {old_argument} to {new_argument}:\n\n{diff}"
    ));
    let breaking = diff.count(otc_codegen::spec_diff::Impact::Breaking);
    if breaking > 0 && allow_breaking {
        report.push_str("Breaking changes are expected (--allow-breaking).\n");
    }
    // Written in one piece with the error returned, not `print!`, which panics when the reader
    // has gone away (`| head`).
    let mut standard_output = std::io::stdout().lock();
    standard_output
        .write_all(report.as_bytes())
        .and_then(|()| standard_output.flush())
        .context("writing the report")?;
    if breaking > 0 && !allow_breaking {
        bail!(
            "{breaking} breaking change(s) from {old_argument} to {new_argument}; when intended, pass --allow-breaking (in CI: a line `Breaking-Change: expected` in a commit message, see README)"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::SpecSource;

    #[test]
    fn an_argument_is_a_file_unless_it_names_a_revision() {
        assert_eq!(
            SpecSource::parse("Cargo.toml"),
            SpecSource::File("Cargo.toml".to_owned())
        );
        assert_eq!(
            SpecSource::parse("HEAD~1:spec/elb.openapi.yaml"),
            SpecSource::GitRevision {
                revision: "HEAD~1".to_owned(),
                path: "spec/elb.openapi.yaml".to_owned()
            }
        );
        assert_eq!(
            SpecSource::parse(":spec/elb.openapi.yaml"),
            SpecSource::File(":spec/elb.openapi.yaml".to_owned())
        );
    }
}
