//! `otc`: a command line for every operation of every service whose spec this repository
//! holds, built from the command tables `cargo xtask codegen` writes from the same intermediate
//! form as the client crates (`tables/<service>.jsonl`, embedded), and sending through the same
//! runtime (configuration, IAM tokens, AK/SK signing, endpoints, retries, pagination).
//!
//! Commands are data read by one engine: nothing here knows a particular operation. Only the
//! table of the service named on the command line is read, and of it only the lines a
//! command needs, so `otc --version` and every `--help` start without I/O in a few
//! milliseconds.

#![forbid(unsafe_code)]

pub mod api;
pub mod auth_show;
pub mod command_line;
pub mod completion;
pub mod configuration;
pub mod docs;
pub mod dry_run;
pub mod failure;
pub mod flags;
pub mod help;
pub mod input;
pub mod operation;
pub mod output;
pub mod request;
mod services;
pub mod table;
pub mod validate;

use std::io::Write;

use command_line::CommandLine;
use failure::{CliError, ExitStatus};
use output::{Format, Query, Rendering};
use table::{find_service, services, LoadedService};

/// Where a command writes: data to stdout, talk to stderr, every line of talk through the
/// configuration's redaction once a configuration is loaded.
pub struct Terminal {
    pub stdout: Box<dyn Write>,
    pub stderr: Box<dyn Write>,
    /// The configuration whose secrets are replaced in everything said on stderr.
    pub redaction: Option<otc_client_runtime::Config>,
    /// Secret values of the request (its body's `format: password` fields), replaced too.
    pub secret_values: Vec<String>,
    /// stdout was closed by its reader (`| head`): nothing more is written, and that is fine.
    pub closed: bool,
}

impl std::fmt::Debug for Terminal {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Terminal")
            .field("closed", &self.closed)
            .finish_non_exhaustive()
    }
}

impl Terminal {
    /// The process's stdout and stderr.
    pub fn standard() -> Terminal {
        Terminal::new(
            Box::new(std::io::BufWriter::new(std::io::stdout())),
            Box::new(std::io::stderr()),
        )
    }

    /// Data to `stdout`, talk to `stderr` (tests pass buffers).
    pub fn new(stdout: Box<dyn Write>, stderr: Box<dyn Write>) -> Terminal {
        Terminal {
            stdout,
            stderr,
            redaction: None,
            secret_values: Vec::new(),
            closed: false,
        }
    }

    /// `text` with every secret of the configuration and of the request replaced.
    pub fn redact(&self, text: &str) -> String {
        let mut text = match &self.redaction {
            Some(config) => config.redact(text),
            None => text.to_owned(),
        };
        for secret in &self.secret_values {
            // Values as short as a few characters would blank out ordinary words.
            if secret.len() >= 4 {
                text = text.replace(secret.as_str(), otc_client_runtime::REDACTED_PLACEHOLDER);
            }
        }
        text
    }

    /// A line on stderr, secrets replaced.
    pub fn talk(&mut self, text: &str) {
        let text = self.redact(text);
        // stderr that cannot be written to has nowhere to report that either.
        let _ = writeln!(self.stderr, "{text}");
    }
}

/// The version `otc --version` prints.
pub const VERSION: &str = concat!("otc ", env!("CARGO_PKG_VERSION"));

/// Runs a command line (the arguments after the program name) and returns its exit status.
pub fn run(arguments: &[String], terminal: &mut Terminal) -> ExitStatus {
    match dispatch(arguments, terminal) {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            terminal.talk(&format!("otc: {}", error.message));
            error.status
        }
    }
}

fn dispatch(arguments: &[String], terminal: &mut Terminal) -> Result<(), CliError> {
    // Completion answers from the words as typed, before they are read as a command.
    if arguments.first().map(String::as_str) == Some("__complete") {
        let candidates = completion::candidates(&arguments[1..]);
        let mut text = candidates.join("\n");
        text.push('\n');
        return terminal.data(text.as_bytes());
    }
    let command_line = command_line::parse(arguments)?;
    if command_line.switch("version") {
        return terminal.data(format!("{VERSION}\n").as_bytes());
    }
    let words = &command_line.words;
    let Some(first) = words.first() else {
        if command_line.wants_help() {
            return terminal.data(help::top_level().as_bytes());
        }
        return Err(CliError::usage(format!(
            "a service or command is missing\n\n{}",
            help::top_level()
        )));
    };
    match first.as_str() {
        "help" => terminal.data(help::top_level().as_bytes()),
        "completion" => {
            let shell = words.get(1).map(String::as_str).unwrap_or_default();
            let script = completion::script(shell).ok_or_else(|| {
                CliError::usage(format!(
                    "otc completion {}: the shells are {}",
                    shell,
                    completion::SHELLS.join(", ")
                ))
            })?;
            terminal.data(script.as_bytes())
        }
        "docs" => run_docs(terminal, &command_line),
        "auth" => match words.get(1).map(String::as_str) {
            Some("show") => {
                let (value, config) = auth_show::effective_configuration(&command_line)?;
                terminal.redaction = Some(config);
                render(terminal, &command_line, &value)
            }
            _ => Err(CliError::usage(
                "otc auth show: the effective configuration, secrets masked",
            )),
        },
        "api" => {
            let [_, service_id, method, path] = words.as_slice() else {
                return Err(CliError::usage(
                    "usage: otc api <SERVICE> <METHOD> <PATH> [--body …]",
                ));
            };
            let service = load_service(service_id)?;
            api::run(terminal, &command_line, &service, method, path)
        }
        service_id => {
            let service = load_service(service_id)?;
            match words.get(1) {
                None => {
                    let text = help::service(&service);
                    if command_line.wants_help() {
                        terminal.data(text.as_bytes())
                    } else {
                        Err(CliError::usage(format!(
                            "an operation of {service_id} is missing\n\n{text}"
                        )))
                    }
                }
                Some(command) => {
                    operation::run(terminal, &command_line, &service, command, &words[2..])
                }
            }
        }
    }
}

fn load_service(service_id: &str) -> Result<LoadedService, CliError> {
    let table = find_service(service_id).ok_or_else(|| {
        CliError::usage(format!(
            "{service_id:?} is not a service or command of otc (see otc --help)"
        ))
    })?;
    Ok(LoadedService::load(table)?)
}

fn render(
    terminal: &mut Terminal,
    command_line: &CommandLine,
    value: &serde_json::Value,
) -> Result<(), CliError> {
    let format = Format::parse(command_line.value("output"))?;
    let value = match command_line.value("query") {
        Some(text) => Query::compile(text, "--query")?.search(value)?,
        None => value.clone(),
    };
    let rendering = Rendering::new(format, &command_line.values("column"), None)?;
    let mut rendered = Vec::new();
    rendering
        .render(&value, &mut rendered)
        .map_err(|error| CliError::failure(format!("rendering the result: {error}")))?;
    terminal.data(&rendered)
}

fn run_docs(terminal: &mut Terminal, command_line: &CommandLine) -> Result<(), CliError> {
    let json = command_line.value("output") == Some("json");
    let selected: Vec<&'static table::ServiceTable> = match command_line.words.get(1) {
        Some(service_id) => vec![find_service(service_id)
            .ok_or_else(|| CliError::usage(format!("{service_id:?} is not a service")))?],
        None => services().iter().collect(),
    };
    let mut documentation = Vec::new();
    for table in selected {
        documentation.push(docs::service_documentation(&LoadedService::load(table)?)?);
    }
    if json {
        let text = serde_json::to_string_pretty(&documentation)
            .map_err(|error| CliError::failure(error.to_string()))?;
        terminal.data(format!("{text}\n").as_bytes())
    } else {
        let text: String = documentation
            .iter()
            .map(docs::service_text)
            .collect::<Vec<_>>()
            .join("\n");
        terminal.data(text.as_bytes())
    }
}
