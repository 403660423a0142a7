//! `cargo xtask bench --cli`: the budgets of the `otc` command line: its cold release build
//! (the installed profile, `cli-release`, in a fresh target directory), the stripped binary's
//! size, and the start-up of `otc --version`, `otc <service> --help` and
//! `otc <service> <operation> --help` beside python-openstackclient with the otcextensions
//! plugin (pinned, installed from PyPI into a virtual environment in the bench cache), measured
//! in the same run, with the ratio. Written into BENCHMARKS.md between its own markers.
//!
//! A benchmark, not a test: the budgets are printed beside the measurements, never asserted.
//! On a shared two-core machine single runs vary: each command runs many times, alternating
//! between the two tools, and the median counts.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context};

use crate::bench::{median, run_checked};
use crate::bench_client::{section_between, with_section_between};
use crate::cargo_command::cargo_command;
use crate::check_any_spec::target_directory;
use crate::files::{ensure_file_contents, Mode};

/// The markers around the command line's section of BENCHMARKS.md.
pub const SECTION_START: &str = "<!-- command line benchmark: cargo xtask bench --cli -->";
pub const SECTION_END: &str = "<!-- end of the command line benchmark -->";

/// The Python command line and plugin it is compared with, pinned.
const OPENSTACKCLIENT: &str = "python-openstackclient==10.5.0";
const OTCEXTENSIONS: &str = "otcextensions==0.34.8";

/// Runs of each `otc` command, and of each python-openstackclient command (about a second
/// each).
const OTC_RUNS: usize = 101;
const OPENSTACK_RUNS: usize = 11;

/// The budgets of the issue, printed beside the measurements.
const START_UP_BUDGET_MILLISECONDS: f64 = 10.0;
const SIZE_BUDGET_MEGABYTES: f64 = 64.0;
const BUILD_BUDGET_MINUTES: f64 = 15.0;

/// One pair of comparable commands.
struct StartUp {
    what: &'static str,
    otc: &'static [&'static str],
    openstack: &'static [&'static str],
}

const START_UPS: [StartUp; 3] = [
    StartUp {
        what: "version",
        otc: &["--version"],
        openstack: &["--version"],
    },
    StartUp {
        what: "a service's help (its commands)",
        otc: &["ecs", "--help"],
        openstack: &["--help"],
    },
    StartUp {
        what: "an operation's help (every flag)",
        otc: &["ecs", "create-ecs-instances", "--help"],
        openstack: &["server", "create", "--help"],
    },
];

/// Where the bench keeps what it installs (the generator benchmark's cache).
fn cache_directory() -> PathBuf {
    if let Some(directory) = std::env::var_os("OTC_BENCH_CACHE") {
        return PathBuf::from(directory);
    }
    std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache"))
        .unwrap_or_else(std::env::temp_dir)
        .join("otc-openapi-bench")
}

/// The `openstack` of a virtual environment with the pinned client and plugin, installed on
/// first use.
fn openstack_command() -> anyhow::Result<PathBuf> {
    let environment = cache_directory().join("osc-venv");
    let openstack = environment.join("bin/openstack");
    let pip = environment.join("bin/pip");
    if !pip.exists() {
        eprintln!("creating {}", environment.display());
        run_checked(
            Command::new("python3")
                .args(["-m", "venv"])
                .arg(&environment),
            "python3 -m venv",
        )?;
    }
    eprintln!("installing {OPENSTACKCLIENT} {OTCEXTENSIONS} (pip)");
    run_checked(
        Command::new(&pip).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            OPENSTACKCLIENT,
            OTCEXTENSIONS,
        ]),
        "pip install python-openstackclient otcextensions",
    )?;
    Ok(openstack)
}

/// Wall-clock seconds of one run, output discarded; the command must succeed.
fn time_once(program: &Path, arguments: &[&str]) -> anyhow::Result<f64> {
    let started = Instant::now();
    let status = Command::new(program)
        .args(arguments)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running {}", program.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!(
            "{} {} failed with {status}",
            program.display(),
            arguments.join(" ")
        );
    }
    Ok(seconds)
}

/// Measures everything and writes the section into BENCHMARKS.md.
pub fn bench_cli(root: &Path) -> anyhow::Result<()> {
    let target = target_directory(root).join("bench-cli-cold");
    if target.exists() {
        fs::remove_dir_all(&target).with_context(|| format!("removing {}", target.display()))?;
    }
    eprintln!(
        "cold release build of otc (profile cli-release, {})",
        target.display()
    );
    let started = Instant::now();
    run_checked(
        cargo_command()
            .args([
                "build",
                "--locked",
                "--profile",
                "cli-release",
                "-p",
                "otc-cli",
                "--bin",
                "otc",
            ])
            .current_dir(root)
            .env("CARGO_TARGET_DIR", &target)
            .stdout(Stdio::null()),
        "cargo build --profile cli-release -p otc-cli",
    )?;
    let build_minutes = started.elapsed().as_secs_f64() / 60.0;
    let otc = target.join("cli-release/otc");
    let size_megabytes = fs::metadata(&otc)
        .with_context(|| format!("reading {}", otc.display()))?
        .len() as f64
        / (1024.0 * 1024.0);
    let openstack = openstack_command()?;
    let openstack_version = Command::new(&openstack)
        .arg("--version")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for start_up in &START_UPS {
        eprintln!("start-up: {}", start_up.what);
        // Alternating, so that both tools see the same load of the shared machine.
        let mut otc_seconds = Vec::new();
        let mut openstack_seconds = Vec::new();
        for run in 0..OTC_RUNS {
            otc_seconds.push(time_once(&otc, start_up.otc)?);
            if run % (OTC_RUNS / OPENSTACK_RUNS) == 0 && openstack_seconds.len() < OPENSTACK_RUNS {
                openstack_seconds.push(time_once(&openstack, start_up.openstack)?);
            }
        }
        rows.push((start_up, median(&otc_seconds), median(&openstack_seconds)));
    }
    let mut section = format!(
        "{SECTION_START}\n## The command line\n\n\
         `cargo xtask bench --cli`: `otc` built with `cargo build --profile cli-release` (fat LTO, one codegen unit, stripped) in a fresh target directory; \
         python-openstackclient with otcextensions ({OPENSTACKCLIENT}, {OTCEXTENSIONS}; `openstack --version`: {openstack_version}) installed from PyPI in the same run. \
         Start-up is the median wall time of {OTC_RUNS} runs of `otc` and {OPENSTACK_RUNS} of `openstack`, alternating, output discarded.\n\n\
         | measure | otc | budget |\n| --- | ---: | ---: |\n\
         | cold release build (2 cores) | {build_minutes:.1} min | < {BUILD_BUDGET_MINUTES} min |\n\
         | stripped binary | {size_megabytes:.1} MiB | < {SIZE_BUDGET_MEGABYTES} MiB |\n\n\
         | start-up | otc | openstack | openstack / otc | budget (otc) |\n| --- | --- | --- | ---: | ---: |\n"
    );
    for (start_up, otc_median, openstack_median) in rows {
        section.push_str(&format!(
            "| {} (`otc {}` / `openstack {}`) | {:.1} ms | {:.0} ms | {:.0}x | < {START_UP_BUDGET_MILLISECONDS} ms |\n",
            start_up.what,
            start_up.otc.join(" "),
            start_up.openstack.join(" "),
            otc_median * 1000.0,
            openstack_median * 1000.0,
            openstack_median / otc_median,
        ));
    }
    section.push_str(&format!("\n{SECTION_END}"));
    let path = root.join("BENCHMARKS.md");
    let current = fs::read_to_string(&path).unwrap_or_default();
    ensure_file_contents(
        Mode::Write,
        &path,
        &with_section_between(&current, &section, SECTION_START, SECTION_END),
    )?;
    println!("{section}");
    fs::remove_dir_all(&target).with_context(|| format!("removing {}", target.display()))?;
    Ok(())
}

/// The command line's section of `text`, markers included, if it has one.
pub fn section_of(text: &str) -> Option<&str> {
    section_between(text, SECTION_START, SECTION_END)
}
