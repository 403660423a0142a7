//! Project automation: `cargo xtask codegen [--check]`, `cargo xtask import <DIR> --out <FILE>`,
//! `cargo xtask spec-diff`, `cargo xtask generate <SPEC> --out <DIR>`, `cargo xtask check-any-spec`,
//! `cargo xtask semver-corpus`, `cargo xtask contract-test`, `cargo xtask bench`, `cargo xtask release`
//! and `cargo xtask sync`.
//!
//! The engine lives in the generator crate; this binary parses arguments, reads and writes
//! files, and reports.

#![forbid(unsafe_code)]

/// mimalloc: the generator's many small allocations are most of its time under glibc malloc.
#[global_allocator]
static GLOBAL_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod bench_cli;
mod bench_client;
mod cargo_command;
mod check_any_spec;
mod client_crates;
mod codegen;
mod contract_test;
mod crate_versions;
mod files;
mod generate;
mod git;
mod process_tree_memory;
mod release;
#[cfg(test)]
mod rust_version;
mod semver_corpus;
mod spec_diff;
mod sync;
#[cfg(test)]
mod tidy;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage:
  cargo xtask codegen [--check]          import every service and regenerate the client
  cargo xtask import <DIR> --out <FILE>  import a folder of doc-exports pages into one spec
  cargo xtask spec-diff [--allow-breaking] [--standalone] <OLD> <NEW>
                                         what changed in the API, by operation, classified as
                                         breaking or compatible; fails on a breaking change
                                         unless --allow-breaking. OLD and NEW are spec files
                                         or REV:PATH (a spec at a git revision); --standalone:
                                         the crate `generate` writes, not otc-client's module
  cargo xtask semver-corpus [--cases a,b]
                                         spec-diff against cargo-semver-checks on every case
                                         of generator/tests/spec_diff (needs
                                         cargo-semver-checks installed)
  cargo xtask generate <SPEC> --out <DIR> [--name <crate-name>]
                     [--runtime-version <V> | --runtime-path <DIR>]
                                         a standalone client crate from any OpenAPI 3.0 spec;
                                         it carries a copy of the runtime unless told to
                                         depend on a runtime version or folder
  cargo xtask bench [--specs a,b] [--no-build] [--import-only] [--client] [--cli]
                                         ours vs progenitor and openapi-generator: BENCHMARKS.md
                                         (--import-only: time the import alone, print it;
                                         --client: the client crates' build and per-call
                                         budgets alone, into their section)
  cargo xtask release                    the next version of every published crate: each
                                         service crate bumped by spec-diff's verdict on its
                                         spec since the last tag otc-client-v<version>, the
                                         façade by the largest; writes versions.toml, the
                                         manifests and each CHANGELOG.md (git is only read)
  cargo xtask sync <service> --from <git repository URL or path> [--rev <commit>]
                                         re-vendor a service's pages from its doc repository
                                         at that commit (default: its HEAD), record the
                                         provenance, regenerate, print spec-diff's report
  cargo xtask check-any-spec             generate and compile (offline, -D warnings) a crate
                                         from every spec in generator/tests/any_spec
  cargo xtask contract-test [--prism <PATH>] [--service <ID>]...
                                         serve every checked-in spec with Prism (npm
                                         @stoplight/prism-cli, `prism` on the PATH by default)
                                         and call every operation of the generated client
                                         once per documented status; fails on any request
                                         Prism rejects or response that is not the documented
                                         variant";

fn run(arguments: Vec<String>) -> anyhow::Result<()> {
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    match arguments.as_slice() {
        ["codegen"] => codegen::generate(files::Mode::Write),
        ["codegen", "--check"] => codegen::generate(files::Mode::Check),
        ["import", folder, "--out", output] | ["import", "--out", output, folder] => {
            codegen::import_folder(&PathBuf::from(folder), &PathBuf::from(output))
        }
        ["spec-diff", rest @ ..] => spec_diff::run(rest),
        ["bench", rest @ ..] => {
            bench::parse_options(rest)?;
            bench::bench(rest)
        }
        ["bench-run", rest @ ..] => bench::bench_run(&bench::parse_options(rest)?),
        ["check-any-spec"] => check_any_spec::check_any_spec(),
        ["semver-corpus", rest @ ..] => semver_corpus::run(rest),
        ["release", rest @ ..] => release::run(rest),
        ["sync", rest @ ..] => sync::run(rest),
        ["contract-test", rest @ ..] => {
            contract_test::contract_test(&contract_test::parse_options(rest)?)
        }
        ["generate", rest @ ..] => {
            let arguments = generate_arguments(rest)?;
            generate::generate_crate(
                &arguments.spec,
                &arguments.output,
                arguments.name.as_deref(),
                &arguments.runtime,
                false,
            )
            .map(|_| ())
        }
        _ => anyhow::bail!("unknown arguments {arguments:?}\n{USAGE}"),
    }
}

/// The arguments of `generate`.
struct GenerateArguments {
    spec: PathBuf,
    output: PathBuf,
    name: Option<String>,
    runtime: generate::RuntimeDependency,
}

/// `<SPEC> --out <DIR> [--name <NAME>] [--runtime-version <V> | --runtime-path <DIR>]`, options
/// in any order.
fn generate_arguments(arguments: &[&str]) -> anyhow::Result<GenerateArguments> {
    let mut spec = None;
    let mut output = None;
    let mut name = None;
    let mut runtime = generate::RuntimeDependency::Vendored;
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match *argument {
            "--out" => output = rest.next().map(PathBuf::from),
            "--name" => name = rest.next().map(|name| (*name).to_owned()),
            "--runtime-version" | "--runtime-path"
                if runtime != generate::RuntimeDependency::Vendored =>
            {
                anyhow::bail!("give one of --runtime-version and --runtime-path\n{USAGE}")
            }
            "--runtime-version" => match rest.next() {
                Some(version) => {
                    runtime = generate::RuntimeDependency::Version((*version).to_owned())
                }
                None => anyhow::bail!("--runtime-version needs a version\n{USAGE}"),
            },
            "--runtime-path" => match rest.next() {
                Some(path) => runtime = generate::RuntimeDependency::Path(PathBuf::from(path)),
                None => anyhow::bail!("--runtime-path needs a folder\n{USAGE}"),
            },
            other if spec.is_none() && !other.starts_with("--") => {
                spec = Some(PathBuf::from(other))
            }
            other => anyhow::bail!("unexpected argument {other:?}\n{USAGE}"),
        }
    }
    match (spec, output) {
        (Some(spec), Some(output)) => Ok(GenerateArguments {
            spec,
            output,
            name,
            runtime,
        }),
        _ => anyhow::bail!("generate needs a spec and --out <DIR>\n{USAGE}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::files::{ensure_file_contents, Mode};

    /// `cargo test` alone fails when a checked-in spec or generated file is stale.
    #[test]
    fn generated_files_are_fresh() {
        if let Err(error) = crate::codegen::generate(Mode::Check) {
            panic!("{error:#}");
        }
    }

    #[test]
    fn check_mode_reports_a_hand_edited_file() {
        let directory = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        let path = directory.join("generated.rs");
        ensure_file_contents(Mode::Write, &path, "fn generated() {}\n").expect("written");
        ensure_file_contents(Mode::Check, &path, "fn generated() {}\r\n")
            .expect("line endings do not count");
        std::fs::write(&path, "fn generated() { /* edited */ }\n").expect("edited");
        let error =
            ensure_file_contents(Mode::Check, &path, "fn generated() {}\n").expect_err("stale");
        assert_eq!(
            error.to_string(),
            format!(
                "{} is not up to date: run `cargo xtask codegen` and commit the result",
                path.display()
            )
        );
        std::fs::remove_dir_all(&directory).expect("cleaned up");
    }
}
