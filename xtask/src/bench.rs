//! `cargo xtask bench`: our generator side by side with progenitor and openapi-generator on
//! real specs: generation time and peak memory, lines of Rust, build time of the generated
//! crate, errors and warnings; plus `cargo xtask codegen` end to end and the in-process import
//! of every vendored page. Writes `BENCHMARKS.md`.
//!
//! A benchmark, not a test: the targets are read from the table, never asserted.
//!
//! The comparison tools and the specs come from package registries by name and version, into
//! a cache outside the repository (`$OTC_BENCH_CACHE`, else `~/.cache/otc-openapi-bench`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::cargo_command::cargo_command;
use crate::check_any_spec::target_directory;
use crate::codegen::{import_all_services, workspace_root};
use crate::files::{ensure_file_contents, Mode};

const PROGENITOR_VERSION: &str = "0.15.1";
const OPENAPI_GENERATOR_VERSION: &str = "7.26.0";

/// Where a spec comes from.
enum SpecSource {
    /// A file in this repository.
    Workspace(&'static str),
    /// A file inside an npm package (`npm pack` of that exact version).
    Npm {
        package: &'static str,
        version: &'static str,
        file: &'static str,
    },
}

struct BenchSpec {
    name: &'static str,
    source: SpecSource,
    /// Generation runs per tool (fewer for the huge spec).
    runs: usize,
}

const SPECS: [BenchSpec; 6] = [
    BenchSpec {
        name: "tiny",
        source: SpecSource::Workspace("xtask/bench/tiny.openapi.yaml"),
        runs: 5,
    },
    BenchSpec {
        name: "petstore",
        source: SpecSource::Npm {
            package: "@readme/oas-examples",
            version: "8.2.2",
            file: "3.0/json/petstore.json",
        },
        runs: 5,
    },
    BenchSpec {
        name: "dcs",
        source: SpecSource::Workspace("spec/dcs.openapi.yaml"),
        runs: 5,
    },
    BenchSpec {
        name: "elb",
        source: SpecSource::Workspace("spec/elb.openapi.yaml"),
        runs: 5,
    },
    BenchSpec {
        name: "blockfrost",
        source: SpecSource::Npm {
            package: "@blockfrost/openapi",
            version: "0.1.93",
            file: "openapi.yaml",
        },
        runs: 5,
    },
    BenchSpec {
        name: "github",
        source: SpecSource::Npm {
            package: "@octokit/openapi",
            version: "23.0.2",
            file: "generated/api.github.com.json",
        },
        runs: 3,
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    Ours,
    Progenitor,
    OpenApiGenerator,
}

impl Tool {
    const ALL: [Tool; 3] = [Tool::Ours, Tool::Progenitor, Tool::OpenApiGenerator];

    fn name(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
            Tool::OpenApiGenerator => "openapi-generator",
        }
    }
}

/// The command line options of `cargo xtask bench`.
#[derive(Debug, Default)]
pub struct BenchOptions {
    /// Only these specs (by name).
    pub specs: Vec<String>,
    /// Skip building the generated crates.
    pub no_build: bool,
    /// Only time the import of every vendored page (many runs, printed, BENCHMARKS.md left as
    /// it is): the quick check while working on the importer's speed.
    pub import_only: bool,
    /// Only the budgets of the client crates (`bench_client`), written into their section of
    /// BENCHMARKS.md.
    pub client_only: bool,
    /// `--cli`: only the command line's budgets (`bench_cli.rs`).
    pub cli_only: bool,
}

/// `cargo xtask bench`: builds the release generator, then runs the benchmark with it (so the
/// in-process import is timed in a release build too).
pub fn bench(arguments: &[&str]) -> anyhow::Result<()> {
    let root = workspace_root();
    eprintln!("building the release generator (cargo build --release -p xtask)");
    run_checked(
        cargo_command()
            .args(["build", "--release", "-p", "xtask"])
            .current_dir(&root),
        "cargo build --release -p xtask",
    )?;
    let binary = target_directory(&root).join("release/xtask");
    let status = Command::new(&binary)
        .arg("bench-run")
        .args(arguments)
        .status()
        .with_context(|| format!("running {}", binary.display()))?;
    if !status.success() {
        bail!("the benchmark failed");
    }
    Ok(())
}

pub fn parse_options(arguments: &[&str]) -> anyhow::Result<BenchOptions> {
    let mut options = BenchOptions::default();
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match *argument {
            "--no-build" => options.no_build = true,
            "--import-only" => options.import_only = true,
            "--client" => options.client_only = true,
            "--cli" => options.cli_only = true,
            "--specs" => {
                let list = rest
                    .next()
                    .context("--specs needs a comma-separated list")?;
                options.specs = list.split(',').map(str::to_owned).collect();
            }
            other => bail!(
                "unknown bench option {other:?} (--specs a,b --no-build --import-only --client --cli)"
            ),
        }
    }
    Ok(options)
}

fn cache_directory() -> PathBuf {
    if let Some(directory) = std::env::var_os("OTC_BENCH_CACHE") {
        return PathBuf::from(directory);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("otc-openapi-bench")
}

pub(crate) fn run_checked(command: &mut Command, what: &str) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("running {what}"))?;
    if !status.success() {
        bail!("{what} failed with {status}");
    }
    Ok(())
}

/// The comparison tools, installed by package name into the cache when missing.
struct Tools {
    progenitor: PathBuf,
    java: String,
    openapi_generator_jar: PathBuf,
    time: PathBuf,
}

fn install_tools(cache: &Path) -> anyhow::Result<Tools> {
    let progenitor_root = cache.join("progenitor");
    let progenitor = progenitor_root.join("bin/cargo-progenitor");
    if !progenitor.exists() {
        eprintln!("installing cargo-progenitor {PROGENITOR_VERSION}");
        run_checked(
            cargo_command()
                .args([
                    "install",
                    "cargo-progenitor",
                    "--version",
                    PROGENITOR_VERSION,
                    "--locked",
                    "--root",
                ])
                .arg(&progenitor_root)
                .arg("--target-dir")
                .arg(cache.join("progenitor-target")),
            "cargo install cargo-progenitor",
        )?;
    }
    let venv = cache.join("venv");
    let find_jar = || -> Option<PathBuf> {
        let lib = venv.join("lib");
        fs::read_dir(&lib).ok()?.find_map(|entry| {
            let jar = entry
                .ok()?
                .path()
                .join("site-packages/openapi_generator_cli/openapi-generator.jar");
            jar.exists().then_some(jar)
        })
    };
    let openapi_generator_jar = match find_jar() {
        Some(jar) => jar,
        None => {
            eprintln!(
                "installing openapi-generator-cli {OPENAPI_GENERATOR_VERSION} (pip, ships the jar)"
            );
            run_checked(
                Command::new("python3").args(["-m", "venv"]).arg(&venv),
                "python3 -m venv",
            )?;
            run_checked(
                Command::new(venv.join("bin/pip")).args([
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    &format!("openapi-generator-cli=={OPENAPI_GENERATOR_VERSION}"),
                ]),
                "pip install openapi-generator-cli",
            )?;
            find_jar().context("the openapi-generator-cli package has no jar")?
        }
    };
    let time = PathBuf::from("/usr/bin/time");
    if !time.exists() {
        eprintln!("installing Debian's time package (for peak memory)");
        run_checked(
            Command::new("apt-get").args(["update", "-qq"]),
            "apt-get update",
        )?;
        run_checked(
            Command::new("apt-get").args(["install", "-y", "-qq", "time"]),
            "apt-get install time",
        )?;
    }
    Ok(Tools {
        progenitor,
        java: "java".to_owned(),
        openapi_generator_jar,
        time,
    })
}

/// The spec's file, fetched from its npm package when needed.
fn fetch_spec(cache: &Path, root: &Path, spec: &BenchSpec) -> anyhow::Result<PathBuf> {
    let (package, version, file) = match &spec.source {
        SpecSource::Workspace(path) => return Ok(root.join(path)),
        SpecSource::Npm {
            package,
            version,
            file,
        } => (package, version, file),
    };
    let extension = Path::new(file)
        .extension()
        .map(|extension| extension.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = cache
        .join("specs")
        .join(format!("{}.{extension}", spec.name));
    if target.exists() {
        return Ok(target);
    }
    let scratch = cache.join("npm").join(spec.name);
    if scratch.exists() {
        fs::remove_dir_all(&scratch)?;
    }
    fs::create_dir_all(&scratch)?;
    eprintln!("fetching {package}@{version} (npm pack)");
    let output = Command::new("npm")
        .args(["pack", "--silent", &format!("{package}@{version}")])
        .current_dir(&scratch)
        .output()
        .context("running npm pack")?;
    if !output.status.success() {
        bail!(
            "npm pack {package}@{version} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let tarball = String::from_utf8_lossy(&output.stdout)
        .trim()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    run_checked(
        Command::new("tar")
            .args(["xzf", &tarball, &format!("package/{file}")])
            .current_dir(&scratch),
        "tar",
    )?;
    fs::create_dir_all(target.parent().unwrap_or(cache))?;
    fs::copy(scratch.join("package").join(file), &target)?;
    Ok(target)
}

/// One timed run of a command.
pub(crate) struct Run {
    pub(crate) seconds: f64,
    pub(crate) peak_kilobytes: u64,
    pub(crate) success: bool,
    /// The line of the command's error output that says what went wrong.
    pub(crate) error: String,
}

/// Runs a command under `time` (GNU time, `/usr/bin/time`) for its peak memory (the largest
/// process, for cargo the rustc it runs), timing the wall clock. The command's folder and
/// environment variables are kept.
pub(crate) fn timed_run(time: &Path, command: Command) -> anyhow::Result<Run> {
    let memory_file = std::env::temp_dir().join(format!("otc-bench-time-{}", std::process::id()));
    let program = command.get_program().to_owned();
    let arguments: Vec<_> = command.get_args().map(ToOwned::to_owned).collect();
    let mut wrapped = Command::new(time);
    for (name, value) in command.get_envs() {
        match value {
            Some(value) => wrapped.env(name, value),
            None => wrapped.env_remove(name),
        };
    }
    wrapped
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&memory_file)
        .arg(program)
        .args(arguments)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(directory) = command.get_current_dir() {
        wrapped.current_dir(directory);
    }
    let started = Instant::now();
    let output = wrapped.output().with_context(|| {
        format!(
            "running {} under {}",
            Path::new(command.get_program()).display(),
            time.display()
        )
    })?;
    let seconds = started.elapsed().as_secs_f64();
    let peak_kilobytes = fs::read_to_string(&memory_file)
        .ok()
        .and_then(|text| {
            text.lines()
                .last()
                .and_then(|line| line.trim().parse().ok())
        })
        .unwrap_or(0);
    let stderr = String::from_utf8_lossy(&output.stderr);
    Ok(Run {
        seconds,
        peak_kilobytes,
        success: output.status.success(),
        error: first_error_line(&stderr),
    })
}

/// The line of a tool's output that says what went wrong (a panic message, an error line).
fn first_error_line(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let interesting = lines
        .iter()
        .position(|line| line.contains("panicked at"))
        .map(|index| {
            let message = lines.get(index + 1).copied().unwrap_or_default();
            format!("{} {message}", lines[index])
        })
        .or_else(|| {
            lines
                .iter()
                .find(|line| {
                    let lower = line.to_ascii_lowercase();
                    lower.starts_with("error") || lower.contains("exception")
                })
                .map(|line| (*line).to_owned())
        })
        .or_else(|| lines.last().map(|line| (*line).to_owned()))
        .unwrap_or_default();
    // Paths into the local registry cache say nothing about the failure; the crate and file
    // that follow do.
    let interesting = match interesting.find("/registry/src/") {
        Some(start) => {
            let after = &interesting[start + "/registry/src/".len()..];
            let crate_path = after.split_once('/').map(|(_, rest)| rest).unwrap_or(after);
            let prefix_start = interesting[..start]
                .rfind(' ')
                .map(|space| space + 1)
                .unwrap_or(0);
            format!("{}{crate_path}", &interesting[..prefix_start])
        }
        None => interesting,
    };
    let mut text: String = interesting.chars().take(220).collect();
    if interesting.chars().count() > 220 {
        text.push('…');
    }
    text.replace('|', "\\|")
}

fn generation_command(
    tools: &Tools,
    root: &Path,
    tool: Tool,
    spec: &Path,
    output: &Path,
) -> Command {
    let crate_name = "bench-client";
    match tool {
        // The command users type, cargo's freshness check included (the release binary the
        // alias runs is the one this benchmark runs in, so it is fresh).
        Tool::Ours => {
            let mut command = cargo_command();
            command
                .args(["xtask", "generate"])
                .arg(spec)
                .arg("--out")
                .arg(output)
                .args(["--name", crate_name])
                .current_dir(root);
            command
        }
        Tool::Progenitor => {
            let mut command = Command::new(&tools.progenitor);
            command
                .arg("progenitor")
                .arg("-i")
                .arg(spec)
                .arg("-o")
                .arg(output)
                .args(["-n", crate_name, "-v", "0.1.0"]);
            command
        }
        Tool::OpenApiGenerator => {
            let mut command = Command::new(&tools.java);
            command
                .arg("-jar")
                .arg(&tools.openapi_generator_jar)
                .arg("generate")
                .arg("-i")
                .arg(spec)
                .args(["-g", "rust", "-o"])
                .arg(output)
                .args(["--package-name", "bench_client"])
                // As progenitor's `-v 0.1.0`: the spec's `info.version` is a date in the
                // service specs, which is no crate version.
                .arg("--additional-properties=packageVersion=0.1.0");
            command
        }
    }
}

/// What one tool did with one spec.
struct Outcome {
    tool: Tool,
    runs: Vec<Run>,
    lines_of_rust: usize,
    build: Option<BuildOutcome>,
}

impl Outcome {
    fn succeeded(&self) -> bool {
        !self.runs.is_empty() && self.runs.iter().all(|run| run.success)
    }

    fn seconds(&self) -> Vec<f64> {
        self.runs.iter().map(|run| run.seconds).collect()
    }

    fn median_seconds(&self) -> f64 {
        median(&self.seconds())
    }
}

struct BuildOutcome {
    /// The build after touching the sources, dependencies already built.
    seconds: f64,
    errors: usize,
    warnings: usize,
    /// Why there is no number (did not finish, …).
    note: Option<String>,
}

fn count_rust_lines(directory: &Path) -> usize {
    let mut total = 0;
    let mut pending = vec![directory.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name != "target") {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                total += fs::read_to_string(&path)
                    .map(|text| text.lines().count())
                    .unwrap_or(0);
            }
        }
    }
    total
}

/// Builds a generated crate once to build its dependencies, touches its sources, and times
/// the second build, counting the crate's own errors and warnings.
fn build_crate(
    crate_directory: &Path,
    target: &Path,
    offline: bool,
    limit: Duration,
) -> anyhow::Result<BuildOutcome> {
    let build = |message_format: bool| -> anyhow::Result<(f64, String, String, bool)> {
        let mut command = cargo_command();
        command
            .arg("build")
            .current_dir(crate_directory)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS");
        if offline {
            command.arg("--offline");
        }
        if message_format {
            command.arg("--message-format=json");
        }
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let started = Instant::now();
        let mut child = command.spawn().context("running cargo build")?;
        // Reads stdout on a thread so a chatty build never blocks on a full pipe.
        let mut stdout = child.stdout.take().context("cargo's stdout")?;
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut stdout, &mut text).ok();
            text
        });
        let mut stderr = child.stderr.take().context("cargo's stderr")?;
        let error_reader = std::thread::spawn(move || {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut stderr, &mut text).ok();
            text
        });
        loop {
            if let Some(status) = child.try_wait()? {
                let seconds = started.elapsed().as_secs_f64();
                let text = reader.join().unwrap_or_default();
                let errors = error_reader.join().unwrap_or_default();
                if !status.success() && !message_format {
                    eprintln!(
                        "{}",
                        errors.lines().rev().take(5).collect::<Vec<_>>().join("\n")
                    );
                }
                return Ok((seconds, text, errors, status.success()));
            }
            if started.elapsed() > limit {
                child.kill().ok();
                child.wait().ok();
                bail!("did not finish within {} s", limit.as_secs());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    match build(false) {
        Ok(_) => {}
        Err(error) => {
            return Ok(BuildOutcome {
                seconds: f64::NAN,
                errors: 0,
                warnings: 0,
                note: Some(format!("first build {error}")),
            })
        }
    }
    let mut pending = vec![crate_directory.join("src")];
    while let Some(directory) = pending.pop() {
        for entry in fs::read_dir(&directory)?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                // Rewriting the same bytes moves the modification time: cargo rebuilds.
                let bytes = fs::read(&path)?;
                fs::write(&path, bytes)?;
            }
        }
    }
    let (seconds, messages, cargo_errors, succeeded) = match build(true) {
        Ok(result) => result,
        Err(error) => {
            return Ok(BuildOutcome {
                seconds: f64::NAN,
                errors: 0,
                warnings: 0,
                note: Some(format!("timed build {error}")),
            })
        }
    };
    let crate_directory_text = crate_directory.to_string_lossy().into_owned();
    let (mut errors, mut warnings) = (0, 0);
    for line in messages.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let in_crate = message["target"]["src_path"]
            .as_str()
            .is_some_and(|path| path.starts_with(&crate_directory_text));
        // Summary lines ("3 warnings emitted") have no span.
        let has_span = message["message"]["spans"]
            .as_array()
            .is_some_and(|spans| !spans.is_empty());
        if !in_crate || !has_span {
            continue;
        }
        match message["message"]["level"].as_str() {
            Some("error") => errors += 1,
            Some("warning") => warnings += 1,
            _ => {}
        }
    }
    // A build that fails without a compiler error of the crate failed before compiling it (a
    // manifest cargo rejects, a dependency that does not resolve): no build time to report.
    let note = (!succeeded && errors == 0).then(|| {
        let last_lines: Vec<&str> = cargo_errors.lines().rev().take(3).collect();
        format!(
            "cargo build failed before compiling the crate: {}",
            last_lines.into_iter().rev().collect::<Vec<_>>().join(" ")
        )
    });
    Ok(BuildOutcome {
        seconds,
        errors,
        warnings,
        note,
    })
}

/// `xtask bench-run` (the release binary): the whole benchmark.
pub fn bench_run(options: &BenchOptions) -> anyhow::Result<()> {
    let root = workspace_root();
    if options.import_only {
        let (pages, seconds) = time_import(&root, 31)?;
        println!(
            "import of every vendored page ({pages} pages, in process, release; reading files included): median {} over {} runs",
            median_and_range_text(&seconds),
            seconds.len()
        );
        return Ok(());
    }
    if options.client_only {
        return crate::bench_client::bench_client(&root);
    }
    if options.cli_only {
        return crate::bench_cli::bench_cli(&root);
    }
    let cache = cache_directory();
    fs::create_dir_all(&cache)?;
    let tools = install_tools(&cache)?;
    let mut report = Report::default();
    for spec in SPECS.iter().filter(|spec| {
        options.specs.is_empty() || options.specs.iter().any(|name| name == spec.name)
    }) {
        let path = fetch_spec(&cache, &root, spec)?;
        let mut outcomes = Vec::new();
        for tool in Tool::ALL {
            eprintln!(
                "{}: generating with {} ({} runs)",
                spec.name,
                tool.name(),
                spec.runs
            );
            let output = cache.join("out").join(spec.name).join(tool.name());
            let mut runs = Vec::new();
            for _ in 0..spec.runs {
                if output.exists() {
                    fs::remove_dir_all(&output)?;
                }
                let run = timed_run(
                    &tools.time,
                    generation_command(&tools, &root, tool, &path, &output),
                )?;
                let failed = !run.success;
                runs.push(run);
                if failed {
                    // A tool that fails fails every time; one run says so.
                    break;
                }
            }
            let mut outcome = Outcome {
                tool,
                runs,
                lines_of_rust: count_rust_lines(&output),
                build: None,
            };
            if outcome.succeeded() && !options.no_build {
                eprintln!(
                    "{}: building the crate generated by {}",
                    spec.name,
                    tool.name()
                );
                let build_directory = cache.join("build").join(tool.name());
                let crate_directory = build_directory.join(spec.name);
                if crate_directory.exists() {
                    fs::remove_dir_all(&crate_directory)?;
                }
                copy_directory(&output, &crate_directory)?;
                outcome.build = Some(build_crate(
                    &crate_directory,
                    &build_directory.join("target"),
                    tool == Tool::Ours,
                    Duration::from_secs(40 * 60),
                )?);
            }
            outcomes.push(outcome);
        }
        let operation_count = count_operations(&path);
        report.specs.push((
            spec.name,
            operation_count,
            fs::metadata(&path)?.len(),
            outcomes,
        ));
    }
    eprintln!("timing cargo xtask codegen and the import");
    report.codegen = time_codegen(&root)?;
    report.import = time_import(&root, 7)?;
    let markdown = report.markdown(&tools);
    // The client section is measured by `--client` alone; a full run keeps it.
    let current = fs::read_to_string(root.join("BENCHMARKS.md")).unwrap_or_default();
    let markdown = match crate::bench_client::section_of(&current) {
        Some(section) => crate::bench_client::with_section(&markdown, section),
        None => markdown,
    };
    // So is the command line's section, by `--cli`.
    let markdown = match crate::bench_cli::section_of(&current) {
        Some(section) => crate::bench_client::with_section_between(
            &markdown,
            section,
            crate::bench_cli::SECTION_START,
            crate::bench_cli::SECTION_END,
        ),
        None => markdown,
    };
    ensure_file_contents(Mode::Write, &root.join("BENCHMARKS.md"), &markdown)?;
    println!("{markdown}");
    Ok(())
}

fn count_operations(spec: &Path) -> usize {
    crate::generate::read_spec(spec)
        .map(|document| document.operations().count())
        .unwrap_or(0)
}

fn copy_directory(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)?.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_directory(&path, &target)?;
        } else {
            fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

/// `cargo xtask codegen --check` end to end as a developer and CI run it (debug build, cargo's
/// freshness check included), after one warm-up run; and the release binary alone.
fn time_codegen(root: &Path) -> anyhow::Result<Vec<(String, Vec<f64>)>> {
    let mut results = Vec::new();
    let commands: [(&str, Command); 2] = [
        (
            "`cargo xtask codegen --check` (via cargo, which runs it in the release profile)",
            {
                let mut command = cargo_command();
                command
                    .args(["xtask", "codegen", "--check"])
                    .current_dir(root);
                command
            },
        ),
        ("`xtask codegen --check` (release binary)", {
            let mut command = Command::new(std::env::current_exe()?);
            command.args(["codegen", "--check"]).current_dir(root);
            command
        }),
    ];
    for (label, mut command) in commands {
        command.stdout(Stdio::null()).stderr(Stdio::null());
        let mut seconds = Vec::new();
        for run in 0..6 {
            let started = Instant::now();
            let status = command.status()?;
            if !status.success() {
                bail!("{label} failed");
            }
            if run > 0 {
                seconds.push(started.elapsed().as_secs_f64());
            }
        }
        results.push((label.to_owned(), seconds));
    }
    Ok(results)
}

/// The import of every vendored page, in process: reading the folders and importing.
fn time_import(root: &Path, runs: usize) -> anyhow::Result<(usize, Vec<f64>)> {
    let mut seconds = Vec::new();
    let mut pages = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let documents = import_all_services(root)?;
        seconds.push(started.elapsed().as_secs_f64());
        pages = documents.iter().map(|(_, pages, _)| pages).sum();
    }
    Ok((pages, seconds))
}

#[derive(Default)]
struct Report {
    specs: Vec<(&'static str, usize, u64, Vec<Outcome>)>,
    codegen: Vec<(String, Vec<f64>)>,
    import: (usize, Vec<f64>),
}

pub(crate) fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

/// `median (min–max)` of timed runs, as every timing in the report is written.
fn median_and_range_text(seconds: &[f64]) -> String {
    let (minimum, maximum) = min_max(seconds);
    format!(
        "{} ({}–{})",
        seconds_text(median(seconds)),
        seconds_text(minimum),
        seconds_text(maximum)
    )
}

fn seconds_text(seconds: f64) -> String {
    if seconds.is_nan() {
        "–".to_owned()
    } else if seconds < 1.0 {
        format!("{:.0} ms", seconds * 1000.0)
    } else {
        format!("{seconds:.2} s")
    }
}

fn command_output(program: &str, arguments: &[&str]) -> String {
    Command::new(program)
        .args(arguments)
        .output()
        .map(|output| {
            let text = if output.stdout.is_empty() {
                output.stderr
            } else {
                output.stdout
            };
            String::from_utf8_lossy(&text)
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .unwrap_or_default()
}

impl Report {
    fn markdown(&self, tools: &Tools) -> String {
        let cpu = fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|line| line.starts_with("model name"))
                    .and_then(|line| line.split(':').nth(1))
                    .map(|model| model.trim().to_owned())
            })
            .unwrap_or_default();
        let memory = fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|line| line.starts_with("MemTotal"))
                    .and_then(|line| line.split_whitespace().nth(1))
                    .and_then(|kilobytes| kilobytes.parse::<f64>().ok())
            })
            .map(|kilobytes| format!("{:.1} GiB", kilobytes / 1024.0 / 1024.0))
            .unwrap_or_default();
        let mut text = String::from("# Benchmarks\n\nWritten by `cargo xtask bench` (see README.md); numbers from one run on the machine below, not asserted anywhere.\n\n");
        text.push_str(&format!(
            "- Date: {}\n- Machine: {} cores (`nproc`), {memory} memory, {cpu}\n- Tools: ours (`cargo xtask generate`, the command users type: the release profile, cargo's freshness check included), cargo-progenitor {PROGENITOR_VERSION}, openapi-generator {OPENAPI_GENERATOR_VERSION} `-g rust` on {}; {}\n",
            command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
            command_output("nproc", &[]),
            command_output(&tools.java, &["-version"]),
            command_output("rustc", &["--version"]),
        ));
        text.push_str("- Generation: wall time of the whole command (process start to exit, writing the crate), median (min–max) of the runs; a tool that fails is run once. Peak memory: maximum resident set size (`/usr/bin/time`).\n");
        text.push_str("- Build: `cargo build` (dev profile) of the generated crate after a first build of it and its dependencies, with its sources touched, so the time is the crate alone. Errors and warnings are the crate's own (`--message-format=json`).\n\n");
        text.push_str("| spec | tool | generates? | generation median (min–max) | ours ÷ theirs | peak memory | lines of Rust | build | ours ÷ theirs | compiles? | warnings |\n");
        text.push_str(
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n",
        );
        for (name, operations, size, outcomes) in &self.specs {
            let ours = outcomes.iter().find(|outcome| outcome.tool == Tool::Ours);
            for outcome in outcomes {
                let spec_cell = if outcome.tool == Tool::Ours {
                    format!("{name} ({operations} ops, {:.0} KB)", *size as f64 / 1024.0)
                } else {
                    String::new()
                };
                let generates = if outcome.succeeded() {
                    "yes".to_owned()
                } else {
                    format!(
                        "**no**: {}",
                        outcome
                            .runs
                            .last()
                            .map(|run| run.error.as_str())
                            .unwrap_or_default()
                    )
                };
                let generation = if outcome.succeeded() {
                    median_and_range_text(&outcome.seconds())
                } else {
                    format!(
                        "({} until it failed)",
                        seconds_text(outcome.median_seconds())
                    )
                };
                let ratio = |ours_value: f64, theirs: f64| {
                    if outcome.tool == Tool::Ours || ours_value.is_nan() || theirs.is_nan() {
                        String::new()
                    } else {
                        format!("{:.3}", ours_value / theirs)
                    }
                };
                let generation_ratio = match ours {
                    Some(ours) if outcome.succeeded() && ours.succeeded() => {
                        ratio(ours.median_seconds(), outcome.median_seconds())
                    }
                    _ => String::new(),
                };
                let peak = outcome
                    .runs
                    .iter()
                    .map(|run| run.peak_kilobytes)
                    .max()
                    .unwrap_or(0);
                let (build, build_ratio, compiles, warnings) = match &outcome.build {
                    None => (
                        "–".to_owned(),
                        String::new(),
                        "–".to_owned(),
                        "–".to_owned(),
                    ),
                    Some(build) => {
                        let ours_build = ours
                            .and_then(|ours| ours.build.as_ref())
                            .filter(|build| build.errors == 0 && build.note.is_none())
                            .map(|build| build.seconds)
                            .unwrap_or(f64::NAN);
                        let compiles = match &build.note {
                            Some(note) => format!("**unknown**: {note}"),
                            None if build.errors == 0 => "yes, 0 errors".to_owned(),
                            None => format!("**no**, {} errors", build.errors),
                        };
                        (
                            seconds_text(build.seconds),
                            if build.errors == 0 {
                                ratio(ours_build, build.seconds)
                            } else {
                                String::new()
                            },
                            compiles,
                            build.warnings.to_string(),
                        )
                    }
                };
                text.push_str(&format!(
                    "| {spec_cell} | {} | {generates} | {generation} | {generation_ratio} | {:.0} MB | {} | {build} | {build_ratio} | {compiles} | {warnings} |\n",
                    outcome.tool.name(),
                    peak as f64 / 1024.0,
                    outcome.lines_of_rust,
                ));
            }
        }
        text.push_str(&self.targets());
        text.push_str(
            "\n## This project's own pipeline\n\n| what | median (min–max) |\n| --- | ---: |\n",
        );
        for (label, seconds) in &self.codegen {
            text.push_str(&format!(
                "| {label}, all services, warm (import + generate + compare/write) | {} |\n",
                median_and_range_text(seconds)
            ));
        }
        let (pages, seconds) = &self.import;
        text.push_str(&format!(
            "| import of every vendored page ({pages} pages, in process, release; reading files included) | {} |\n",
            median_and_range_text(seconds)
        ));
        text
    }
}

impl Report {
    /// The targets, read from the numbers above.
    fn targets(&self) -> String {
        let yes_no = |met: bool| if met { "met" } else { "**missed**" };
        let mut rows: Vec<(String, String, bool)> = Vec::new();
        let clean: Vec<String> = self
            .specs
            .iter()
            .filter_map(|(name, _, _, outcomes)| {
                let ours = ours_of(outcomes)?;
                let build_clean = ours.build.as_ref().is_some_and(|build| {
                    build.note.is_none() && build.errors == 0 && build.warnings == 0
                });
                (!(ours.succeeded() && build_clean)).then(|| (*name).to_owned())
            })
            .collect();
        rows.push((
            "every spec generates and compiles with 0 errors and 0 warnings".to_owned(),
            if clean.is_empty() {
                "all do".to_owned()
            } else {
                format!("not: {}", clean.join(", "))
            },
            clean.is_empty(),
        ));
        for (name, _, _, outcomes) in &self.specs {
            let Some(ours) = ours_of(outcomes) else {
                continue;
            };
            if *name == "github" {
                let seconds = ours.median_seconds();
                rows.push((
                    "GitHub's spec generates in under 1 s".to_owned(),
                    seconds_text(seconds),
                    seconds < 1.0,
                ));
            }
            for theirs in outcomes
                .iter()
                .filter(|outcome| outcome.tool != Tool::Ours && outcome.succeeded())
            {
                let ratio = theirs.median_seconds() / ours.median_seconds();
                let (target, met) = match theirs.tool {
                    Tool::OpenApiGenerator => {
                        ("≥ 10× faster than openapi-generator", ratio >= 10.0)
                    }
                    _ => ("faster than progenitor", ratio > 1.0),
                };
                rows.push((
                    format!("{name}: {target}"),
                    format!("{ratio:.1}×"),
                    met && ours.succeeded(),
                ));
            }
            if *name == "github" {
                let build_of = |tool: Tool| {
                    outcomes
                        .iter()
                        .find(|outcome| outcome.tool == tool)
                        .and_then(|outcome| outcome.build.as_ref())
                        .filter(|build| build.note.is_none() && build.errors == 0)
                        .map(|build| build.seconds)
                };
                if let (Some(ours_build), Some(theirs_build)) =
                    (build_of(Tool::Ours), build_of(Tool::OpenApiGenerator))
                {
                    rows.push((
                        "the generated GitHub client builds no slower than openapi-generator's"
                            .to_owned(),
                        format!(
                            "{} vs {}",
                            seconds_text(ours_build),
                            seconds_text(theirs_build)
                        ),
                        ours_build <= theirs_build,
                    ));
                }
            }
        }
        if let Some((_, seconds)) = self.codegen.first() {
            let value = median(seconds);
            rows.push((
                "`cargo xtask codegen --check`, every service, warm, under 10 s".to_owned(),
                seconds_text(value),
                value < 10.0,
            ));
        }
        let value = median(&self.import.1);
        rows.push((
            format!(
                "import of every vendored page ({} pages), release build, under 2 s",
                self.import.0
            ),
            seconds_text(value),
            value < 2.0,
        ));
        let mut text =
            String::from("\n## Targets\n\n| target | measured | |\n| --- | ---: | --- |\n");
        for (target, measured, met) in rows {
            text.push_str(&format!("| {target} | {measured} | {} |\n", yes_no(met)));
        }
        text
    }
}

fn ours_of(outcomes: &[Outcome]) -> Option<&Outcome> {
    outcomes.iter().find(|outcome| outcome.tool == Tool::Ours)
}

fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, 0.0_f64), |(low, high), value| {
            (low.min(*value), high.max(*value))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_options_are_read_and_unknown_ones_refused() {
        let options = parse_options(&["--specs", "dcs,elb", "--no-build", "--import-only"])
            .expect("valid options");
        assert_eq!(options.specs, ["dcs", "elb"]);
        assert!(options.no_build);
        assert!(options.import_only);
        let defaults = parse_options(&[]).expect("no options");
        assert!(defaults.specs.is_empty() && !defaults.no_build && !defaults.import_only);
        let error = parse_options(&["--fast"]).expect_err("unknown option");
        assert!(error.to_string().contains("--fast"), "{error}");
        parse_options(&["--specs"]).expect_err("--specs without its list");
    }

    #[test]
    fn timings_read_as_median_and_range() {
        assert_eq!(
            median_and_range_text(&[0.3, 0.1, 0.2]),
            "200 ms (100 ms–300 ms)"
        );
        assert_eq!(median_and_range_text(&[1.5]), "1.50 s (1.50 s–1.50 s)");
    }
}
