//! `cargo xtask bench --client`: the budgets of the client crates (issue "the whole cloud in the
//! client"): generated lines per operation of every service, the debug build of every service
//! crate alone (time and peak rustc memory, dependencies built), `cargo build -p otc-client`
//! with its default features, the whole workspace with every service, and the client's own CPU
//! cost per call against raw reqwest. Written into BENCHMARKS.md between markers.
//!
//! A benchmark, not a test: the budgets are printed beside the measurements, never asserted.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{bail, Context};

use crate::bench::{median, run_checked, timed_run};
use crate::cargo_command::cargo_command;
use crate::check_any_spec::target_directory;
use crate::client_crates::SERVICE_CRATES_DIRECTORY;
use crate::codegen::load_services;
use crate::files::{ensure_file_contents, Mode};
use crate::generate::read_spec;
use crate::process_tree_memory::run_sampling_tree_memory;
use otc_codegen::generate::module_lists::service_crate_name;
use otc_codegen::generate::RUNTIME_PACKAGE_NAME;

/// The markers around the client section of BENCHMARKS.md.
pub const SECTION_START: &str = "<!-- client benchmark: cargo xtask bench --client -->";
pub const SECTION_END: &str = "<!-- end of the client benchmark -->";

/// One timed cargo build.
struct Build {
    seconds: f64,
    peak_megabytes: f64,
}

/// One service's crate: size and build.
struct ServiceRow {
    id: String,
    operations: usize,
    generated_lines: usize,
    build: Build,
}

/// The GNU time that measures peak memory.
const TIME: &str = "/usr/bin/time";

/// `cargo <arguments>` in the workspace, in the benchmark's own target directory.
fn workspace_cargo(root: &Path, target: &Path, arguments: &[&str]) -> Command {
    let mut command = cargo_command();
    command
        .args(arguments)
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target);
    command
}

/// Runs `cargo <arguments>` under GNU time: wall clock and peak memory of the largest process
/// (rustc).
fn timed_cargo(root: &Path, target: &Path, arguments: &[&str]) -> anyhow::Result<Build> {
    let run = timed_run(Path::new(TIME), workspace_cargo(root, target, arguments))?;
    if !run.success {
        bail!("cargo {} failed: {}", arguments.join(" "), run.error);
    }
    Ok(Build {
        seconds: run.seconds,
        peak_megabytes: run.peak_kilobytes as f64 / 1024.0,
    })
}

fn run_cargo(root: &Path, target: &Path, arguments: &[&str]) -> anyhow::Result<()> {
    run_checked(
        workspace_cargo(root, target, arguments).stdout(Stdio::null()),
        &format!("cargo {}", arguments.join(" ")),
    )
}

/// Measures everything and writes the section into BENCHMARKS.md.
pub fn bench_client(root: &Path) -> anyhow::Result<()> {
    let catalog = load_services(root)?;
    let services: Vec<_> = catalog.imported_services().collect();
    let target = target_directory(root).join("bench-client");
    eprintln!(
        "building the dependencies of every crate once (target {})",
        target.display()
    );
    run_cargo(root, &target, &["build", "-p", RUNTIME_PACKAGE_NAME])?;
    run_cargo(root, &target, &["build", "-p", "otc-client"])?;
    let mut rows = Vec::new();
    for service in &services {
        let crate_name = service_crate_name(&service.module);
        let generated = root
            .join(SERVICE_CRATES_DIRECTORY)
            .join(&service.module)
            .join("src/generated.rs");
        let generated_lines = fs::read_to_string(&generated)
            .with_context(|| format!("reading {}", generated.display()))?
            .lines()
            .count();
        let spec = read_spec(&root.join("spec").join(&service.spec))?;
        let operations = spec.operations().count();
        run_cargo(root, &target, &["clean", "-p", &crate_name])?;
        eprintln!("building {crate_name} alone");
        let build = timed_cargo(root, &target, &["build", "-p", &crate_name])?;
        rows.push(ServiceRow {
            id: service.id.clone(),
            operations,
            generated_lines,
            build,
        });
    }
    eprintln!("building otc-client with its default features");
    run_cargo(root, &target, &["clean", "-p", "otc-client"])?;
    run_cargo(root, &target, &["clean", "-p", "otc-dcs"])?;
    let facade = timed_cargo(root, &target, &["build", "-p", "otc-client"])?;
    eprintln!("building the whole workspace with every service");
    run_cargo(
        root,
        &target,
        &["build", "--workspace", "--all-features", "--all-targets"],
    )?;
    for service in &services {
        run_cargo(
            root,
            &target,
            &["clean", "-p", &service_crate_name(&service.module)],
        )?;
    }
    run_cargo(root, &target, &["clean", "-p", "otc-client"])?;
    // Every target (libraries, tests, examples, the contract driver among them): what the
    // README's test command builds, the largest build of the workspace. Its memory is that of
    // every process of the build together, rustc running in parallel.
    let workspace_arguments = ["build", "--workspace", "--all-features", "--all-targets"];
    let workspace_run = run_sampling_tree_memory(
        workspace_cargo(root, &target, &workspace_arguments),
        &format!("cargo {}", workspace_arguments.join(" ")),
    )?;
    let workspace = Build {
        seconds: workspace_run.seconds,
        peak_megabytes: workspace_run.peak_kilobytes as f64 / 1024.0,
    };
    eprintln!("measuring the cost per call (release)");
    let overhead = call_overhead(root, &target)?;
    let section = section_markdown(&rows, &facade, &workspace, &overhead);
    let path = root.join("BENCHMARKS.md");
    let current = fs::read_to_string(&path).unwrap_or_default();
    ensure_file_contents(Mode::Write, &path, &with_section(&current, &section))?;
    println!("{section}");
    Ok(())
}

/// Where the section between `start` and `end` of `text` is, markers included.
fn section_range(text: &str, start: &str, end: &str) -> Option<std::ops::Range<usize>> {
    let start_index = text.find(start)?;
    let end_index = text[start_index..].find(end)? + start_index + end.len();
    Some(start_index..end_index)
}

/// The client section of `text`, markers included, if it has one.
pub fn section_of(text: &str) -> Option<&str> {
    section_between(text, SECTION_START, SECTION_END)
}

/// The section of `text` between two markers, markers included, if it has one (the client's
/// here, the command line's in `bench_cli.rs`).
pub fn section_between<'t>(text: &'t str, start: &str, end: &str) -> Option<&'t str> {
    section_range(text, start, end).map(|range| &text[range])
}

/// `current` with its client section replaced by `section` (or `section` appended).
pub fn with_section(current: &str, section: &str) -> String {
    with_section_between(current, section, SECTION_START, SECTION_END)
}

/// `current` with the section between `start` and `end` replaced by `section` (or `section`
/// appended).
pub fn with_section_between(current: &str, section: &str, start: &str, end: &str) -> String {
    match section_range(current, start, end) {
        Some(range) => format!(
            "{}{section}{}",
            &current[..range.start],
            &current[range.end..]
        ),
        None => format!("{}\n{section}\n", current.trim_end()),
    }
}

/// The summary line of the `call_overhead` example.
struct CallOverhead {
    line: String,
    overhead_percent: f64,
}

fn call_overhead(root: &Path, target: &Path) -> anyhow::Result<CallOverhead> {
    let output = workspace_cargo(
        root,
        target,
        &[
            "run",
            "--release",
            "-p",
            "otc-client",
            "--example",
            "call_overhead",
            "--",
            "--calls",
            "2000",
            "--rounds",
            "31",
        ],
    )
    .stderr(Stdio::inherit())
    .output()
    .context("running the call_overhead example")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("the call_overhead example failed:\n{stdout}");
    }
    let line = stdout
        .lines()
        .find(|line| line.starts_with("call-overhead "))
        .context("the call_overhead example printed no summary")?
        .to_owned();
    let overhead_percent = line
        .split_whitespace()
        .find_map(|field| field.strip_prefix("overhead_percent="))
        .and_then(|value| value.parse().ok())
        .context("no overhead_percent in the summary")?;
    Ok(CallOverhead {
        line,
        overhead_percent,
    })
}

fn section_markdown(
    rows: &[ServiceRow],
    facade: &Build,
    workspace: &Build,
    overhead: &CallOverhead,
) -> String {
    let seconds: Vec<f64> = rows.iter().map(|row| row.build.seconds).collect();
    let median_seconds = median(&seconds);
    let largest = rows.iter().max_by(|left, right| {
        left.build
            .peak_megabytes
            .total_cmp(&right.build.peak_megabytes)
    });
    let operations: usize = rows.iter().map(|row| row.operations).sum();
    let lines: usize = rows.iter().map(|row| row.generated_lines).sum();
    let verdict = |met: bool| if met { "met" } else { "**missed**" };
    let mut text = format!("{SECTION_START}\n## The client crates\n\n");
    text.push_str(&format!(
        "`cargo xtask bench --client` on this machine ({} cores): debug builds with the dependencies built, in a target directory of its own.\n\n",
        std::thread::available_parallelism().map(|count| count.get()).unwrap_or(1)
    ));
    text.push_str("| budget | measured | verdict |\n|---|---|---|\n");
    if let Some(largest) = largest {
        text.push_str(&format!(
            "| peak rustc memory of the largest service crate < 2 GB | {:.0} MB (`{}`) | {} |\n",
            largest.build.peak_megabytes,
            largest.id,
            verdict(largest.build.peak_megabytes < 2048.0)
        ));
    }
    text.push_str(&format!(
        "| peak memory of the largest workspace build, `cargo build --workspace --all-features --all-targets` (every process together) < 8 GB | {:.0} MB | {} |\n",
        workspace.peak_megabytes,
        verdict(workspace.peak_megabytes < 8192.0)
    ));
    text.push_str(&format!(
        "| `cargo build -p otc-client` (default features) < 20 s | {:.1} s | {} |\n",
        facade.seconds,
        verdict(facade.seconds < 20.0)
    ));
    text.push_str(&format!(
        "| one service crate alone, median service < 10 s | {median_seconds:.1} s | {} |\n",
        verdict(median_seconds < 10.0)
    ));
    text.push_str(&format!(
        "| the whole workspace, every service and target, debug (recorded) | {:.0} s, {:.0} MB peak | recorded |\n",
        workspace.seconds, workspace.peak_megabytes
    ));
    text.push_str(&format!(
        "| CPU per call, generated vs raw reqwest < 5% more | {:+.1}% (`{}`) | {} |\n",
        overhead.overhead_percent,
        overhead.line,
        verdict(overhead.overhead_percent < 5.0)
    ));
    text.push_str(&format!(
        "\nGenerated lines per operation: {:.0} over all services ({lines} lines, {operations} operations).\n\n",
        lines as f64 / operations.max(1) as f64
    ));
    text.push_str("| service | operations | generated lines | lines per operation | build alone | peak rustc memory |\n|---|---:|---:|---:|---:|---:|\n");
    for row in rows {
        text.push_str(&format!(
            "| {} | {} | {} | {:.0} | {:.1} s | {:.0} MB |\n",
            row.id,
            row.operations,
            row.generated_lines,
            row.generated_lines as f64 / row.operations.max(1) as f64,
            row.build.seconds,
            row.build.peak_megabytes
        ));
    }
    text.push_str(SECTION_END);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_replaces_its_previous_version_only() {
        let current =
            format!("# Benchmarks\n\nbefore\n{SECTION_START}\nold\n{SECTION_END}\nafter\n");
        let section = format!("{SECTION_START}\nnew\n{SECTION_END}");
        assert_eq!(
            with_section(&current, &section),
            format!("# Benchmarks\n\nbefore\n{section}\nafter\n")
        );
        assert_eq!(
            with_section("# Benchmarks\n", &section),
            format!("# Benchmarks\n{section}\n")
        );
        assert_eq!(
            section_of(&current),
            Some(format!("{SECTION_START}\nold\n{SECTION_END}").as_str())
        );
        assert_eq!(section_of("# Benchmarks\n"), None);
    }
}
