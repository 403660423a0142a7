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
pub mod command_tree;
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

use command_line::{CommandLine, Parsed, Target};
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
    let invocation = match command_line::parse(arguments)? {
        Parsed::Show(text) => return terminal.data(text.as_bytes()),
        Parsed::Run(invocation) => *invocation,
    };
    let command_line = &invocation.command_line;
    match invocation.target {
        Target::Operation {
            service,
            operation,
            positional,
        } => operation::run(terminal, command_line, &service, &operation, &positional),
        Target::Api {
            service_id,
            method,
            path,
        } => {
            let service = load_service(&service_id)?;
            api::run(terminal, command_line, &service, &method, &path)
        }
        Target::AuthShow => {
            let (value, config) = auth_show::effective_configuration(command_line)?;
            terminal.redaction = Some(config);
            render(terminal, command_line, &value)
        }
        Target::Completion { shell } => {
            let script = completion::script(&shell)?;
            terminal.data(script.as_bytes())
        }
        Target::Docs { service_id } => run_docs(terminal, command_line, service_id.as_deref()),
    }
}

fn load_service(service_id: &str) -> Result<LoadedService, CliError> {
    let table = find_service(service_id)
        .ok_or_else(|| CliError::usage(format!("{service_id:?} is not a service of otc")))?;
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

fn run_docs(
    terminal: &mut Terminal,
    command_line: &CommandLine,
    service_id: Option<&str>,
) -> Result<(), CliError> {
    let json = command_line.value("output") == Some("json");
    let selected: Vec<&'static table::ServiceTable> = match service_id {
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
