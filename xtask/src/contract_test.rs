//! `cargo xtask contract-test --prism <PATH>`: contract tests of the generated client against
//! Prism. For every checked-in spec, Prism serves a mock of the spec on a free loopback port
//! and validates every request against it, and the generated contract driver (the
//! `prism_contract` example of `otc-client`) calls every operation once per documented status.
//!
//! Prism is not a Rust dependency: CI installs the pinned version with npm (`.ci/run`), and a
//! missing Prism is an error that says how to install it, never a skipped test.
//!
//! Zero failures only mean something if the checks can fail, so every run ends with a canary:
//! the smallest selected spec is broken in two known places (a path parameter only one value
//! satisfies, a response example of the wrong type) and served again, and the driver must
//! report exactly those calls as failures.

use std::fs;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use otc_codegen::generate::contract_tests::{variant_view, variant_view_count};

use crate::cargo_command::cargo_command;
use crate::check_any_spec::target_directory;
use crate::codegen::{load_services, workspace_root};

/// The Prism version CI installs (`.ci/run`); another version only gets a warning.
pub const PINNED_PRISM_VERSION: &str = "5.16.0";

/// How the install is described when Prism is missing.
const INSTALL_HINT: &str = "install it outside the work tree with `npm install --prefix \"${TMPDIR:-/tmp}/otc-openapi-ci-prism\" @stoplight/prism-cli@5.16.0` and pass `--prism \"${TMPDIR:-/tmp}/otc-openapi-ci-prism/node_modules/.bin/prism\"` (as .ci/run does)";

/// How long Prism may take to read a spec and listen (the DCS spec takes about 10 s on two
/// busy cores).
const PRISM_START_LIMIT: Duration = Duration::from_secs(120);

/// The pause between two attempts to connect to a starting Prism.
const PRISM_START_POLL: Duration = Duration::from_millis(200);

/// What `contract-test` was asked to do.
#[derive(Debug, PartialEq)]
pub struct ContractTestOptions {
    pub prism: PathBuf,
    /// Only these services (all when empty).
    pub services: Vec<String>,
}

/// `--prism <PATH> [--service <ID>]...`; without `--prism`, `prism` on the `PATH`.
pub fn parse_options(arguments: &[&str]) -> anyhow::Result<ContractTestOptions> {
    let mut prism = None;
    let mut services = Vec::new();
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match (*argument, rest.next()) {
            ("--prism", Some(path)) => prism = Some(PathBuf::from(path)),
            ("--service", Some(service)) => services.push((*service).to_owned()),
            (other, _) => bail!(
                "unexpected argument {other:?}: contract-test takes --prism <PATH> and any number of --service <ID>"
            ),
        }
    }
    Ok(ContractTestOptions {
        prism: prism.unwrap_or_else(|| PathBuf::from("prism")),
        services,
    })
}

/// Runs the contract tests of every selected service; fails when Prism is missing, a spec's
/// mock does not start, or any call fails.
pub fn contract_test(options: &ContractTestOptions) -> anyhow::Result<()> {
    let version = prism_version(&options.prism)?;
    eprintln!("Prism {version} ({})", options.prism.display());
    if version != PINNED_PRISM_VERSION {
        eprintln!("warning: CI pins Prism {PINNED_PRISM_VERSION}; results may differ");
    }
    let root = workspace_root();
    let services = load_services(&root)?;
    for wanted in &options.services {
        if !services
            .imported_services()
            .any(|service| &service.id == wanted)
        {
            bail!("no service {wanted:?} with client code in spec/services.toml");
        }
    }
    let (driver, cli_driver) = build_driver(&root)?;
    let (mut cli_operations, mut cli_runs, mut cli_failures) = (0, 0, 0);
    let log_directory = target_directory(&root).join("contract-test");
    fs::create_dir_all(&log_directory)
        .with_context(|| format!("creating {}", log_directory.display()))?;
    let mut totals = ContractSummary::default();
    let mut failed_services = Vec::new();
    // Every imported service: the driver calls the methods of its crate.
    for service in services.imported_services() {
        if !options.services.is_empty() && !options.services.contains(&service.id) {
            continue;
        }
        let spec = root.join("spec").join(&service.spec);
        for (view, served_spec) in spec_views(&spec, &service.id, &log_directory)? {
            let log = log_directory.join(match view {
                0 => format!("prism-{}.log", service.id),
                view => format!("prism-{}-variants-{view}.log", service.id),
            });
            eprintln!(
                "=== contract test of {} (Prism log: {})",
                served_spec.display(),
                log.display()
            );
            let prism = PrismServer::start(&options.prism, &served_spec, &log)?;
            let view_text = view.to_string();
            let output = Command::new(&driver)
                .args(["--service", &service.id, "--base-url", &prism.base_url])
                .args(["--view", &view_text])
                .stderr(Stdio::inherit())
                .output()
                .with_context(|| format!("running the contract driver {}", driver.display()))?;
            let cli_outcome =
                run_cli_driver(&cli_driver, &service.id, &spec, view, &prism.base_url);
            drop(prism);
            let report = String::from_utf8_lossy(&output.stdout);
            print!("{report}");
            match cli_outcome {
                Ok((operations, runs, failures, passed)) => {
                    cli_operations += operations;
                    cli_runs += runs;
                    cli_failures += failures;
                    if !passed {
                        failed_services.push(format!("{} (command line, view {view})", service.id));
                    }
                }
                Err(error) => {
                    eprintln!("{error:#}");
                    failed_services.push(format!("{} (command line, view {view})", service.id));
                }
            }
            match ContractSummary::from_report(&report) {
                Some(summary) if output.status.success() && summary.passed() => {
                    totals.add(&summary)
                }
                Some(summary) => {
                    totals.add(&summary);
                    failed_services.push(service.id.clone());
                }
                None => {
                    failed_services.push(service.id.clone());
                    eprintln!(
                        "the contract driver of {} (view {view}) ended ({}) without its summary",
                        service.id, output.status
                    );
                }
            }
        }
    }
    // The canary breaks the smallest selected spec that has what it breaks (an operation with
    // a path parameter of its own, another with a JSON response example).
    let mut candidates: Vec<&otc_codegen::service_catalog::CatalogService> = services
        .imported_services()
        .filter(|service| options.services.is_empty() || options.services.contains(&service.id))
        .collect();
    candidates.sort_by_key(|service| {
        fs::metadata(root.join("spec").join(&service.spec))
            .map(|metadata| metadata.len())
            .unwrap_or(u64::MAX)
    });
    let canary_spec = candidates
        .into_iter()
        .find_map(|service| broken_spec(&root, service).ok());
    match canary_spec {
        Some(broken) => {
            if let Err(error) = canary(options, &driver, &root, &broken, &log_directory) {
                eprintln!("canary: {error:#}");
                failed_services.push(format!("the canary of {}", broken.service.id));
            }
        }
        None => {
            eprintln!("canary: no selected spec has an operation with a path parameter of its own and another with a JSON response example");
            failed_services.push("the canary (no spec to break)".to_owned());
        }
    }
    println!(
        "contract test: {} operations called of {}, {} statuses exercised of {} documented, {} failures, {} exclusions",
        totals.operations_called,
        totals.operations,
        totals.statuses_exercised,
        totals.statuses_documented,
        totals.failures,
        totals.exclusions
    );
    println!(
        "command line contract test: {cli_operations} operations with a request example, {cli_runs} runs (flags and --body, -o json and -o yaml), {cli_failures} failures"
    );
    println!(
        "{} passed, {} failed",
        totals.statuses_exercised.saturating_sub(totals.failures)
            + cli_runs.saturating_sub(cli_failures),
        totals.failures + cli_failures
    );
    if !failed_services.is_empty() {
        bail!("contract test failed for {}", failed_services.join(", "));
    }
    Ok(())
}

/// The specs Prism serves for one service, each with the view of the driver's calls it is
/// for: the spec itself when it has no operation variants; otherwise one view per place of a
/// variant (`otc_codegen::generate::contract_tests::variant_view`: each operation with variants
/// served as its variant at that place), written beside the Prism logs.
fn spec_views(
    spec: &Path,
    service_id: &str,
    directory: &Path,
) -> anyhow::Result<Vec<(usize, PathBuf)>> {
    let text = fs::read_to_string(spec).with_context(|| format!("reading {}", spec.display()))?;
    let document = otc_codegen::openapi_text::parse_openapi_text(&text)
        .with_context(|| format!("reading {}", spec.display()))?;
    let view_count = variant_view_count(&document);
    if view_count == 1 {
        return Ok(vec![(0, spec.to_owned())]);
    }
    let mut views = Vec::new();
    for view in 0..view_count {
        let path = directory.join(format!("{service_id}-variants-{view}.json"));
        let json = serde_json::to_string(&variant_view(&document, view))
            .context("writing a view of the spec as JSON")?;
        fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
        views.push((view, path));
    }
    Ok(views)
}

/// The value the canary's path parameter accepts; the driver never sends it.
const CANARY_VALUE: &str = "contract-test-canary";

/// A service's spec broken in two known places, and where.
struct BrokenSpec<'a> {
    service: &'a otc_codegen::service_catalog::CatalogService,
    spec: serde_yaml::Value,
    breakage: Breakage,
}

/// `service`'s spec with the canary's two breakages, if it has what they break.
fn broken_spec<'a>(
    root: &Path,
    service: &'a otc_codegen::service_catalog::CatalogService,
) -> anyhow::Result<BrokenSpec<'a>> {
    let spec_path = root.join("spec").join(&service.spec);
    let text = fs::read_to_string(&spec_path)
        .with_context(|| format!("reading {}", spec_path.display()))?;
    let mut spec: serde_yaml::Value =
        serde_yaml::from_str(&text).with_context(|| format!("parsing {}", spec_path.display()))?;
    let breakage = break_spec(&mut spec)?;
    Ok(BrokenSpec {
        service,
        spec,
        breakage,
    })
}

/// Serves the broken copy of a service's spec and checks that the driver reports exactly the
/// calls its two breakages break, with Prism's verdicts.
fn canary(
    options: &ContractTestOptions,
    driver: &Path,
    root: &Path,
    broken: &BrokenSpec<'_>,
    log_directory: &Path,
) -> anyhow::Result<()> {
    let BrokenSpec {
        service,
        spec,
        breakage,
    } = broken;
    let spec_path = root.join("spec").join(&service.spec);
    let canary_spec = log_directory.join(format!("canary-{}.openapi.yaml", service.id));
    fs::write(&canary_spec, serde_yaml::to_string(spec)?)
        .with_context(|| format!("writing {}", canary_spec.display()))?;
    let log = log_directory.join(format!("prism-canary-{}.log", service.id));
    eprintln!(
        "=== canary: {} broken at {} (path parameter {}) and {} {} (response example)",
        spec_path.display(),
        breakage.request_operation,
        breakage.path_parameter,
        breakage.response_operation,
        breakage.response_status
    );
    let prism = PrismServer::start(&options.prism, &canary_spec, &log)?;
    let output = Command::new(driver)
        .args(["--service", &service.id, "--base-url", &prism.base_url])
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running the contract driver {}", driver.display()))?;
    drop(prism);
    let report = String::from_utf8_lossy(&output.stdout);
    let failed_calls = failed_calls(&report);
    let mut expected_calls: Vec<String> = breakage
        .request_statuses
        .iter()
        .map(|status| format!("{} {status}", breakage.request_operation))
        .collect();
    expected_calls.push(format!(
        "{} {}",
        breakage.response_operation, breakage.response_status
    ));
    expected_calls.sort();
    // Prism's message, in its `sl-violations` header or in its own 422 answer where the
    // operation documents no validation status.
    let request_verdict = format!(
        "Request path parameter {} must be equal to one of the allowed values",
        breakage.path_parameter
    );
    let response_verdict = "Prism's response breaks the spec";
    let response_decoding = format!(
        "the body of status {} does not decode",
        breakage.response_status
    );
    let mut problems = Vec::new();
    if output.status.success() {
        problems.push("the driver passed a broken spec".to_owned());
    }
    if failed_calls != expected_calls {
        problems.push(format!(
            "failed calls {failed_calls:?}, expected exactly {expected_calls:?}"
        ));
    }
    for verdict in [
        request_verdict.as_str(),
        response_verdict,
        &response_decoding,
    ] {
        if !report.contains(verdict) {
            problems.push(format!("the report lacks {verdict:?}"));
        }
    }
    if !problems.is_empty() {
        bail!(
            "the checks did not catch the broken spec {}:
  {}
the driver's report:
{report}",
            canary_spec.display(),
            problems.join("\n  ")
        );
    }
    println!(
        "canary: the driver caught all {} broken calls of {} and no others",
        expected_calls.len(),
        canary_spec.display()
    );
    Ok(())
}

/// Where the canary broke a spec.
#[derive(Debug, PartialEq)]
struct Breakage {
    request_operation: String,
    path_parameter: String,
    request_statuses: Vec<String>,
    response_operation: String,
    response_status: String,
}

/// Breaks a spec in two places: the first operation with a string path parameter of its own
/// (not `project_id`, which the client fills) accepts only [`CANARY_VALUE`] there; the first
/// other operation with a JSON response example gets a string as that example, which no
/// object schema allows.
fn break_spec(spec: &mut serde_yaml::Value) -> anyhow::Result<Breakage> {
    use serde_yaml::Value;
    let mut request_breakage: Option<(String, String, Vec<String>)> = None;
    let mut response_breakage: Option<(String, String)> = None;
    let paths = spec
        .get_mut("paths")
        .and_then(Value::as_mapping_mut)
        .context("the spec has no paths")?;
    for (_, item) in paths.iter_mut() {
        let Some(item) = item.as_mapping_mut() else {
            continue;
        };
        for (_, operation) in item.iter_mut() {
            let Some(operation_id) = operation
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned)
            else {
                continue;
            };
            let statuses: Vec<String> = operation
                .get("responses")
                .and_then(Value::as_mapping)
                .into_iter()
                .flatten()
                .filter_map(|(status, _)| status.as_str().map(str::to_owned))
                .collect();
            if request_breakage.is_none() {
                let parameter = operation
                    .get_mut("parameters")
                    .and_then(Value::as_sequence_mut)
                    .into_iter()
                    .flatten()
                    .find(|parameter| {
                        parameter.get("in").and_then(Value::as_str) == Some("path")
                            && parameter.get("name").and_then(Value::as_str) != Some("project_id")
                            && parameter
                                .get("schema")
                                .and_then(|schema| schema.get("type"))
                                .and_then(Value::as_str)
                                == Some("string")
                    });
                if let Some(parameter) = parameter {
                    let name = parameter
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    if let Some(schema) =
                        parameter.get_mut("schema").and_then(Value::as_mapping_mut)
                    {
                        schema.insert(
                            Value::from("enum"),
                            Value::Sequence(vec![Value::from(CANARY_VALUE)]),
                        );
                        request_breakage = Some((operation_id, name, statuses));
                        continue;
                    }
                }
            }
            if response_breakage.is_none() {
                let responses = operation
                    .get_mut("responses")
                    .and_then(Value::as_mapping_mut)
                    .into_iter()
                    .flatten();
                for (status, response) in responses {
                    let Some(media) = response
                        .get_mut("content")
                        .and_then(|content| content.get_mut("application/json"))
                        .and_then(Value::as_mapping_mut)
                    else {
                        continue;
                    };
                    if media.contains_key("example") || media.contains_key("examples") {
                        media.remove("examples");
                        media.insert(Value::from("example"), Value::from(CANARY_VALUE));
                        response_breakage = Some((
                            operation_id.clone(),
                            status.as_str().unwrap_or_default().to_owned(),
                        ));
                        break;
                    }
                }
            }
        }
    }
    match (request_breakage, response_breakage) {
        (
            Some((request_operation, path_parameter, request_statuses)),
            Some((response_operation, response_status)),
        ) => Ok(Breakage {
            request_operation,
            path_parameter,
            request_statuses,
            response_operation,
            response_status,
        }),
        _ => bail!(
            "the spec has no operation with a path parameter of its own, or no other operation with a JSON response example, to break"
        ),
    }
}

/// `<operation> <status>` of every `FAIL` line of a driver's report, sorted.
fn failed_calls(report: &str) -> Vec<String> {
    let mut calls: Vec<String> = report
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("FAIL "))
        .map(|call| call.trim_end_matches(':').to_owned())
        .collect();
    calls.sort();
    calls
}

/// `prism --version`, or an error that says how to install Prism.
fn prism_version(prism: &Path) -> anyhow::Result<String> {
    let output = match Command::new(prism).arg("--version").output() {
        Ok(output) => output,
        Err(error) => bail!(
            "Prism not found at {} ({error}): {INSTALL_HINT}",
            prism.display()
        ),
    };
    if !output.status.success() {
        bail!(
            "{} --version failed ({}): {}\n{INSTALL_HINT}",
            prism.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Builds the `prism_contract` example with every service and returns its executable.
fn build_driver(root: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    let output = cargo_command()
        .args([
            "build",
            // The whole workspace's feature set, the one `cargo test --workspace --all-features`
            // builds with: the dependencies are reused rather than built (and stored) again.
            "--workspace",
            "--all-features",
            "--example",
            "prism_contract",
            // The command line's driver, against the same mocks (otc-cli's example).
            "--example",
            "cli_contract",
            "--message-format=json-render-diagnostics",
        ])
        .current_dir(root)
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo build of the contract drivers")?;
    if !output.status.success() {
        bail!("the contract drivers (examples prism_contract of otc-client, cli_contract of otc-cli) do not build");
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let executable = |name: &str| {
        stdout
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|message| {
                message.get("reason").and_then(serde_json::Value::as_str)
                    == Some("compiler-artifact")
                    && message
                        .pointer("/target/name")
                        .and_then(serde_json::Value::as_str)
                        == Some(name)
            })
            .find_map(|message| {
                message
                    .get("executable")
                    .and_then(serde_json::Value::as_str)
                    .map(PathBuf::from)
            })
            .with_context(|| format!("cargo built {name} but named no executable"))
    };
    Ok((executable("prism_contract")?, executable("cli_contract")?))
}

/// The command line's contract run of one service against a running mock: its summary
/// (`cli-contract-summary service=… operations=… runs=… failures=…`) and whether it passed.
fn run_cli_driver(
    cli_driver: &Path,
    service_id: &str,
    spec: &Path,
    view: usize,
    base_url: &str,
) -> anyhow::Result<(usize, usize, usize, bool)> {
    let output = Command::new(cli_driver)
        .args(["--service", service_id, "--spec"])
        .arg(spec)
        .args(["--view", &view.to_string()])
        .args(["--base-url", base_url])
        // A token and a project for the mock, which checks only that the header is there;
        // no configuration of the machine's is read.
        .env("OS_TOKEN", "contract-test-token")
        .env("OS_PROJECT_ID", "0123456789abcdef0123456789abcdef")
        .env("OS_REGION_NAME", "eu-de")
        .env_remove("OS_CLOUD")
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| {
            format!(
                "running the command line's contract driver {}",
                cli_driver.display()
            )
        })?;
    let report = String::from_utf8_lossy(&output.stdout);
    print!("{report}");
    let summary = report
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("cli-contract-summary "))
        .with_context(|| {
            format!(
                "the command line's driver of {service_id} ended ({}) without its summary",
                output.status
            )
        })?;
    let field = |key: &str| -> usize {
        summary
            .split_whitespace()
            .find_map(|field| field.strip_prefix(&format!("{key}=")))
            .and_then(|value| value.parse().ok())
            .unwrap_or_default()
    };
    let failures = field("failures");
    Ok((
        field("operations"),
        field("runs"),
        failures,
        output.status.success() && failures == 0,
    ))
}

/// A running `prism mock`, stopped when dropped.
struct PrismServer {
    child: Child,
    base_url: String,
}

impl PrismServer {
    /// Starts Prism on a free loopback port and waits until it accepts connections.
    fn start(prism: &Path, spec: &Path, log: &Path) -> anyhow::Result<PrismServer> {
        let port = free_loopback_port()?;
        let log_file =
            fs::File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let child = Command::new(prism)
            .arg("mock")
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .stdin(Stdio::null())
            .stdout(Stdio::from(log_file.try_clone()?))
            .stderr(Stdio::from(log_file))
            .spawn()
            .with_context(|| format!("starting {} mock", prism.display()))?;
        let mut server = PrismServer {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        let address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
        loop {
            if let Some(status) = server.child.try_wait()? {
                bail!(
                    "Prism stopped ({status}) before it listened on port {port}; its log:\n{}",
                    log_tail(log)
                );
            }
            if TcpStream::connect_timeout(&address.into(), PRISM_START_POLL).is_ok() {
                return Ok(server);
            }
            if started.elapsed() > PRISM_START_LIMIT {
                bail!(
                    "Prism did not listen on port {port} within {} s; its log:\n{}",
                    PRISM_START_LIMIT.as_secs(),
                    log_tail(log)
                );
            }
            std::thread::sleep(PRISM_START_POLL);
        }
    }
}

impl Drop for PrismServer {
    fn drop(&mut self) {
        // Only the process this harness started, by its handle.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now. Another process could take it before Prism does; Prism then
/// stops with "address in use", which is reported with its log.
fn free_loopback_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))
        .context("finding a free loopback port")?;
    Ok(listener.local_addr()?.port())
}

/// The last lines of a log, for an error message.
fn log_tail(log: &Path) -> String {
    let text = fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// The counts of a driver's `contract-summary` line.
#[derive(Debug, Default, PartialEq)]
pub struct ContractSummary {
    pub operations_called: usize,
    pub operations: usize,
    pub statuses_exercised: usize,
    pub statuses_documented: usize,
    pub failures: usize,
    pub exclusions: usize,
}

impl ContractSummary {
    /// Reads `contract-summary service=dcs operations=98/98 statuses=362/362 failures=0
    /// exclusions=0`, the last line of a driver's report.
    pub fn from_report(report: &str) -> Option<ContractSummary> {
        let line = report
            .lines()
            .rev()
            .find_map(|line| line.strip_prefix("contract-summary "))?;
        let mut summary = ContractSummary::default();
        for field in line.split_whitespace() {
            let (key, value) = field.split_once('=')?;
            let pair = |value: &str| -> Option<(usize, usize)> {
                let (done, all) = value.split_once('/')?;
                Some((done.parse().ok()?, all.parse().ok()?))
            };
            match key {
                "service" => {}
                "operations" => {
                    (summary.operations_called, summary.operations) = pair(value)?;
                }
                "statuses" => {
                    (summary.statuses_exercised, summary.statuses_documented) = pair(value)?;
                }
                "failures" => summary.failures = value.parse().ok()?,
                "exclusions" => summary.exclusions = value.parse().ok()?,
                _ => return None,
            }
        }
        Some(summary)
    }

    /// Every operation called, every documented status exercised or excluded, nothing failed.
    pub fn passed(&self) -> bool {
        self.failures == 0
            && self.operations_called == self.operations
            && self.statuses_exercised + self.exclusions == self.statuses_documented
    }

    fn add(&mut self, other: &ContractSummary) {
        self.operations_called += other.operations_called;
        self.operations += other.operations;
        self.statuses_exercised += other.statuses_exercised;
        self.statuses_documented += other.statuses_documented;
        self.failures += other.failures;
        self.exclusions += other.exclusions;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_prism_is_an_error_that_says_how_to_install_it() {
        let error = prism_version(Path::new("/nonexistent/prism")).expect_err("no prism there");
        let message = error.to_string();
        assert!(
            message.starts_with("Prism not found at /nonexistent/prism ("),
            "{message}"
        );
        assert!(message.contains("@stoplight/prism-cli@5.16.0"), "{message}");
        assert!(INSTALL_HINT.contains(PINNED_PRISM_VERSION));
    }

    #[test]
    fn options_name_prism_and_services() {
        assert_eq!(
            parse_options(&["--prism", "/opt/prism", "--service", "elb"]).expect("valid"),
            ContractTestOptions {
                prism: PathBuf::from("/opt/prism"),
                services: vec!["elb".to_owned()],
            }
        );
        assert_eq!(
            parse_options(&[]).expect("valid").prism,
            PathBuf::from("prism")
        );
        assert!(parse_options(&["--prism"]).is_err());
        assert!(parse_options(&["--check"]).is_err());
    }

    #[test]
    fn the_canary_breaks_one_path_parameter_and_one_response_example() {
        let mut spec: serde_yaml::Value = serde_yaml::from_str(
            r#"
paths:
  /v1/{project_id}/things:
    get:
      operationId: ListThings
      parameters:
      - { in: path, name: project_id, required: true, schema: { type: string } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object }
              examples:
                first: { value: { things: [] } }
  /v1/{project_id}/things/{thing_id}:
    get:
      operationId: ShowThing
      parameters:
      - { in: path, name: project_id, required: true, schema: { type: string } }
      - { in: path, name: thing_id, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: {} } } }
        '404': { description: gone }
"#,
        )
        .expect("valid YAML");
        let breakage = break_spec(&mut spec).expect("something to break");
        assert_eq!(
            breakage,
            Breakage {
                request_operation: "ShowThing".to_owned(),
                path_parameter: "thing_id".to_owned(),
                request_statuses: vec!["200".to_owned(), "404".to_owned()],
                response_operation: "ListThings".to_owned(),
                response_status: "200".to_owned(),
            }
        );
        let media = &spec["paths"]["/v1/{project_id}/things"]["get"]["responses"]["200"]["content"]
            ["application/json"];
        assert_eq!(media["example"], serde_yaml::Value::from(CANARY_VALUE));
        assert!(media.get("examples").is_none());
        assert_eq!(
            spec["paths"]["/v1/{project_id}/things/{thing_id}"]["get"]["parameters"][1]["schema"]
                ["enum"][0],
            serde_yaml::Value::from(CANARY_VALUE)
        );
    }

    #[test]
    fn failed_calls_come_from_the_fail_lines() {
        let report = "  failures:           2\n    FAIL ShowThing 404:\n      decoded as X\n    FAIL ListThings 200:\n";
        assert_eq!(failed_calls(report), ["ListThings 200", "ShowThing 404"]);
    }

    #[test]
    fn the_summary_line_is_read_from_the_end_of_the_report() {
        let report = "contract test of `dcs` against http://127.0.0.1:4010\n  failures: 1\n    FAIL X 200:\n      decoded as BadRequest\ncontract-summary service=dcs operations=98/98 statuses=362/362 failures=1 exclusions=0\n";
        let summary = ContractSummary::from_report(report).expect("a summary");
        assert_eq!(
            summary,
            ContractSummary {
                operations_called: 98,
                operations: 98,
                statuses_exercised: 362,
                statuses_documented: 362,
                failures: 1,
                exclusions: 0,
            }
        );
        assert!(!summary.passed());
        let passed = ContractSummary {
            failures: 0,
            ..summary
        };
        assert!(passed.passed());
        let uncalled = ContractSummary {
            operations_called: 97,
            ..ContractSummary::from_report(report).expect("a summary")
        };
        assert!(!uncalled.passed());
        assert_eq!(ContractSummary::from_report("no summary here"), None);
        assert_eq!(
            ContractSummary::from_report("contract-summary operations=x/1"),
            None
        );
    }
}
