//! `cargo xtask check-any-spec`: generates a crate from every hand-written spec in
//! `generator/tests/any_spec/` and checks that it compiles offline with zero warnings; where a
//! spec has a test file beside it (`one_of.rs` for `one_of.yaml`), that file becomes the
//! crate's `tests/behaviour.rs` and the crate's tests run.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::cargo_command::cargo_command;
use crate::codegen::workspace_root;
use crate::generate::{generate_crate, RuntimeDependency, RUNTIME_CRATE_DIRECTORY};

/// The target directory of the workspace (`CARGO_TARGET_DIR` or `target/`).
pub fn target_directory(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

pub fn check_any_spec() -> anyhow::Result<()> {
    let root = workspace_root();
    let spec_folder = root.join("generator/tests/any_spec");
    let work = target_directory(&root).join("any-spec-check");
    let mut specs: Vec<PathBuf> = fs::read_dir(&spec_folder)
        .with_context(|| format!("reading {}", spec_folder.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    specs.sort();
    let mut failures = Vec::new();
    for spec in &specs {
        let name = spec
            .file_stem()
            .map(|stem| stem.to_string_lossy().replace('_', "-"))
            .unwrap_or_default();
        let output = work.join(&name);
        if output.exists() {
            fs::remove_dir_all(&output)?;
        }
        // On the workspace's runtime: one runtime build for every spec (the vendored copy is
        // checked by `generated_crates_build_outside_the_checkout`).
        let runtime = RuntimeDependency::Path(root.join(RUNTIME_CRATE_DIRECTORY));
        if let Err(error) = generate_crate(
            spec,
            &output,
            Some(&format!("{name}-client")),
            &runtime,
            true,
        ) {
            failures.push(format!("{}: {error:#}", spec.display()));
            continue;
        }
        let behaviour = spec.with_extension("rs");
        let cargo_arguments: &[&str] = if behaviour.exists() {
            fs::create_dir_all(output.join("tests"))?;
            fs::copy(&behaviour, output.join("tests/behaviour.rs"))?;
            &["test", "--offline", "--quiet"]
        } else {
            &["check", "--offline", "--quiet", "--all-targets"]
        };
        // One target directory for all, so the dependencies are built once.
        let status = cargo_command()
            .args(cargo_arguments)
            .current_dir(&output)
            .env("CARGO_TARGET_DIR", work.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .status()
            .with_context(|| format!("running cargo check in {}", output.display()))?;
        if status.success() {
            eprintln!(
                "ok: {} compiles with zero warnings{}",
                spec.display(),
                if behaviour.exists() {
                    " and its behaviour tests pass"
                } else {
                    ""
                }
            );
        } else {
            failures.push(format!(
                "{}: the generated crate in {} does not compile without warnings, or its tests fail",
                spec.display(),
                output.display()
            ));
        }
    }
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    eprintln!(
        "{} generated crates compile with zero warnings",
        specs.len()
    );
    Ok(())
}
