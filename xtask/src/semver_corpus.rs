//! `cargo xtask semver-corpus [--cases a,b]`: checks spec-diff's classification against
//! cargo-semver-checks, an independent judge of a crate's public API (what smithy-rs runs on
//! the AWS SDK). For every case of `generator/tests/spec_diff/` (a pair of specs), both
//! standalone crates are generated as `cargo xtask generate` writes them, cargo-semver-checks
//! compares their public APIs, and spec-diff (with the same generator settings) reviews the
//! specs. The two must agree:
//!
//! - cargo-semver-checks finds a major change ⇒ spec-diff reports a breaking change;
//! - spec-diff reports a breaking change of the Rust API ⇒ cargo-semver-checks finds a major
//!   change, unless the change is of a kind cargo-semver-checks has no lint for (listed in
//!   [`not_seen_by_cargo_semver_checks`] with the reason);
//! - a breaking change on the wire alone (a request value no longer accepted, a newly required
//!   field) leaves the Rust API as it was: cargo-semver-checks rightly finds nothing.
//!
//! cargo-semver-checks is a cargo subcommand (`cargo install cargo-semver-checks --locked`;
//! `.ci/run` installs it). The crates share one target directory, so after the first case each
//! check rebuilds only the two small generated crates.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context};
use otc_codegen::generate::ir::GenerateSettings;
use otc_codegen::spec_diff::{diff_specs, parse_spec, Basis, ChangeKind, Impact, SpecDiff};

use crate::bench::run_checked;
use crate::cargo_command::cargo_command;
use crate::codegen::workspace_root;
use crate::generate::{generate_crate, RuntimeDependency, RUNTIME_CRATE_DIRECTORY};

/// Why cargo-semver-checks (0.51) cannot see a breaking Rust API change of this kind, for the
/// kinds it has no lint for. A case that spec-diff calls breaking for these alone may pass
/// cargo-semver-checks; any other disagreement fails the corpus.
fn not_seen_by_cargo_semver_checks(kind: &ChangeKind) -> Option<&'static str> {
    match kind {
        ChangeKind::TypeChanged { .. } => Some(
            "cargo-semver-checks does not compare the types of struct fields and enum payloads",
        ),
        ChangeKind::ParameterPresenceChanged { .. }
        | ChangeKind::FieldPresenceChanged { .. }
        | ChangeKind::RequestBodyPresenceChanged { .. } => Some(
            "T <-> Option<T> is a change of a field's type, which cargo-semver-checks does not compare",
        ),
        _ => None,
    }
}

/// The generated crates' name: the same for every case, so the target directory is reused.
const CASE_CRATE_NAME: &str = "semver-corpus-case";

pub fn run(arguments: &[&str]) -> anyhow::Result<()> {
    let root = workspace_root();
    let cases_directory = root.join("generator/tests/spec_diff");
    let selected: Option<Vec<&str>> = match arguments {
        [] => None,
        ["--cases", list] => Some(list.split(',').collect()),
        other => bail!("usage: cargo xtask semver-corpus [--cases a,b]; got {other:?}"),
    };
    let mut cases: Vec<String> = fs::read_dir(&cases_directory)
        .with_context(|| format!("reading {}", cases_directory.display()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("old.yaml").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            selected
                .as_ref()
                .is_none_or(|selected| selected.contains(&name.as_str()))
        })
        .collect();
    cases.sort();
    if let Some(selected) = &selected {
        for name in selected {
            if !cases.iter().any(|case| case == name) {
                bail!("no case {name} in {}", cases_directory.display());
            }
        }
    }
    check_cargo_semver_checks()?;
    fetch_every_platforms_packages(&root)?;
    let work = crate::check_any_spec::target_directory(&root).join("semver-corpus");
    let mut failures = Vec::new();
    println!(
        "{:<46} {:<28} {:<10} agreement",
        "case", "spec-diff", "cargo-semver-checks"
    );
    for case in &cases {
        let verdict = check_case(&cases_directory.join(case), &work)
            .with_context(|| format!("case {case}"))?;
        println!(
            "{:<46} {:<28} {:<10} {}",
            case,
            verdict.spec_diff_summary,
            if verdict.major { "major" } else { "not major" },
            verdict.agreement
        );
        if let Some(failure) = verdict.failure {
            failures.push(format!("{case}: {failure}"));
        }
    }
    if !failures.is_empty() {
        bail!(
            "spec-diff and cargo-semver-checks disagree on {} of {} case(s):\n  {}",
            failures.len(),
            cases.len(),
            failures.join("\n  ")
        );
    }
    println!(
        "spec-diff agrees with cargo-semver-checks on all {} case(s)",
        cases.len()
    );
    Ok(())
}

fn check_cargo_semver_checks() -> anyhow::Result<()> {
    let output = cargo_command()
        .args(["semver-checks", "--version"])
        .output()
        .context("running cargo semver-checks --version")?;
    if !output.status.success() {
        bail!(
            "cargo-semver-checks is not installed: cargo install cargo-semver-checks --locked ({})",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// Downloads every package of the workspace's lock file, for every platform. cargo-semver-checks
/// runs `cargo metadata`, which needs the packages of every target platform (wasm-bindgen's
/// among them, through reqwest), while `cargo build` and `cargo test` download only the host's:
/// on a fresh machine the offline checks below would fail for want of a package no build
/// needed. Fetching once, online, keeps every case offline (no index update per case).
fn fetch_every_platforms_packages(root: &Path) -> anyhow::Result<()> {
    run_checked(
        cargo_command()
            .args(["fetch", "--locked", "--manifest-path"])
            .arg(root.join("Cargo.toml")),
        "cargo fetch --locked",
    )
}

struct CaseVerdict {
    spec_diff_summary: String,
    /// cargo-semver-checks requires a new major version.
    major: bool,
    agreement: String,
    failure: Option<String>,
}

fn check_case(case: &Path, work: &Path) -> anyhow::Result<CaseVerdict> {
    let settings = GenerateSettings::standalone();
    let read = |side: &str| -> anyhow::Result<openapiv3::OpenAPI> {
        let path = case.join(format!("{side}.yaml"));
        let text =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        parse_spec(&text).with_context(|| format!("parsing {}", path.display()))
    };
    let diff = diff_specs(&read("old")?, &read("new")?, &settings)?;
    let old_crate = work.join("old");
    let new_crate = work.join("new");
    // Both crates on the workspace's runtime: one runtime build for every case.
    let runtime = RuntimeDependency::Path(workspace_root().join(RUNTIME_CRATE_DIRECTORY));
    generate_crate(
        &case.join("old.yaml"),
        &old_crate,
        Some(CASE_CRATE_NAME),
        &runtime,
        true,
    )?;
    generate_crate(
        &case.join("new.yaml"),
        &new_crate,
        Some(CASE_CRATE_NAME),
        &runtime,
        true,
    )?;
    let semver = run_cargo_semver_checks(&old_crate, &new_crate, &work.join("target"))?;
    Ok(judge(&diff, &semver))
}

/// What cargo-semver-checks said: whether a major version is required, and the lints that
/// failed.
struct SemverChecksResult {
    major: bool,
    failed_lints: Vec<String>,
}

fn run_cargo_semver_checks(
    old_crate: &Path,
    new_crate: &Path,
    target_directory: &Path,
) -> anyhow::Result<SemverChecksResult> {
    let output = cargo_command()
        .args(["semver-checks", "check-release", "--manifest-path"])
        .arg(new_crate.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(old_crate)
        .env("CARGO_TARGET_DIR", target_directory)
        .env("CARGO_NET_OFFLINE", "true")
        .output()
        .context("running cargo semver-checks")?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let failed_lints: Vec<String> = text
        .lines()
        .filter_map(|line| line.strip_prefix("--- failure "))
        .filter_map(|rest| rest.split(':').next())
        .map(str::to_owned)
        .collect();
    let major = text.contains("semver requires new major version");
    if !output.status.success() && !major {
        bail!("cargo semver-checks failed without a verdict:\n{text}");
    }
    Ok(SemverChecksResult {
        major,
        failed_lints,
    })
}

fn judge(diff: &SpecDiff, semver: &SemverChecksResult) -> CaseVerdict {
    let breaking: Vec<_> = diff
        .changes()
        .filter(|change| change.impact == Impact::Breaking)
        .collect();
    let rust_breaking: Vec<_> = breaking
        .iter()
        .filter(|change| change.basis == Basis::RustApi)
        .collect();
    let spec_diff_summary = match (breaking.len(), rust_breaking.len()) {
        (0, _) => format!("{}", diff.semver_bump()),
        (_, 0) => format!("breaking on the wire ({})", breaking.len()),
        (_, rust) => format!("breaking ({rust} Rust API)"),
    };
    let lints = semver.failed_lints.join(", ");
    let (agreement, failure) = if semver.major && breaking.is_empty() {
        (
            "NO".to_owned(),
            Some(format!(
                "cargo-semver-checks finds a major change ({lints}), spec-diff none:\n{diff}"
            )),
        )
    } else if semver.major {
        (format!("yes ({lints})"), None)
    } else if rust_breaking.is_empty() {
        let agreement = if breaking.is_empty() {
            "yes".to_owned()
        } else {
            "yes: the Rust API is unchanged, the service rejects calls it took".to_owned()
        };
        (agreement, None)
    } else {
        let unseen: Vec<&str> = rust_breaking
            .iter()
            .filter_map(|change| not_seen_by_cargo_semver_checks(&change.kind))
            .collect();
        if unseen.len() == rust_breaking.len() {
            let mut reasons = unseen;
            reasons.dedup();
            (format!("yes: {}", reasons.join("; ")), None)
        } else {
            (
                "NO".to_owned(),
                Some(format!(
                    "spec-diff reports a breaking change of the Rust API that cargo-semver-checks does not find and no stated reason covers:\n{diff}"
                )),
            )
        }
    };
    CaseVerdict {
        spec_diff_summary,
        major: semver.major,
        agreement,
        failure,
    }
}
