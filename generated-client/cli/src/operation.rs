//! `otc <service> <operation> …`: the one engine every command of every service runs. It
//! reads the operation's line of the table, assembles and checks the input, then prints a
//! help, a body template or a dry run, or sends the request (one page, every page, or until
//! `--wait-for` holds) and renders the result.

use std::io::Write;
use std::time::{Duration, Instant};

use otc_client_runtime::ServiceClient;
use serde_json::Value;

use crate::command_line::CommandLine;
use crate::failure::{CliError, ExitStatus};
use crate::flags::OperationFlags;
use crate::input::request_values;
use crate::output::{Format, Query, Rendering};
use crate::request::{
    documented_shape, prepare, response_value, send_once, walk_pages, PageWalk, PreparedRequest,
};
use crate::table::LoadedService;
use crate::validate::{check_request, check_response};
use crate::{dry_run, help, Terminal};

/// Runs `operation` of `service`, with its path arguments in path order.
pub fn run(
    terminal: &mut Terminal,
    command_line: &CommandLine,
    service: &LoadedService,
    operation: &otc_cli_table::Operation<'static>,
    positional: &[String],
) -> Result<(), CliError> {
    let flags = OperationFlags::new(service, operation);
    let format = Format::parse(command_line.value("output"))?;
    if command_line.switch("body-template") {
        return print_body_template(terminal, &flags, command_line);
    }
    let values = request_values(&flags, command_line, positional)?;
    if let Some(body) = &values.body {
        terminal.secret_values = dry_run::secret_field_values(&flags, body);
    }
    if !command_line.switch("no-validate") {
        let problems = check_request(&flags, &values);
        if !problems.is_empty() {
            return Err(CliError::usage(format!(
                "the input does not fit {} {} (--no-validate sends it anyway):\n  {}",
                service.table.id,
                operation.command,
                problems.join("\n  ")
            )));
        }
    }
    let query = command_line
        .value("query")
        .map(|text| Query::compile(text, "--query"))
        .transpose()?;
    let wait_for = command_line
        .value("wait-for")
        .map(|text| Query::compile(text, "--wait-for"))
        .transpose()?;
    let columns = command_line.values("column");
    let items_path = operation
        .pagination
        .as_ref()
        .map(|pagination| pagination.items().to_owned());
    let rendering = Rendering::new(
        format,
        &columns,
        if query.is_some() { None } else { items_path },
    )?;
    let walk = page_walk(command_line, operation)?;
    let config = crate::configuration::load(command_line, &service.index.service_id)?;
    terminal.redaction = Some(config.clone());
    let client = ServiceClient::from_config(
        &config,
        &service.index.service_id,
        &service.index.server_url_template,
    )
    .map_err(|error| CliError::from_runtime(&error))?;
    let prepared = prepare(&client, &flags, &values)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| CliError::failure(format!("cannot start the async runtime: {error}")))?;
    if command_line.switch("dry-run") {
        let preview = runtime
            .block_on(client.preview(&prepared.operation_request()))
            .map_err(|error| CliError::from_runtime(&error))?;
        // Text unless a structured format is asked for.
        let structured = command_line.value("output").map(|_| format);
        let text = dry_run::describe(&preview, &flags, values.body.as_ref(), structured);
        let text = terminal.redact(&text);
        return terminal.data(text.as_bytes());
    }
    let verbose = command_line.switch("verbose") || command_line.switch("debug");
    let result = runtime.block_on(async {
        match &wait_for {
            None => fetch(terminal, &client, &flags, &prepared, walk, verbose).await,
            Some(condition) => {
                wait(
                    terminal,
                    &client,
                    &flags,
                    &prepared,
                    condition,
                    command_line,
                    verbose,
                )
                .await
            }
        }
    })?;
    let Some(result) = result else {
        return Ok(());
    };
    let result = match &query {
        Some(query) => query.search(&result)?,
        None => result,
    };
    let mut rendered = Vec::new();
    rendering
        .render(&result, &mut rendered)
        .map_err(|error| CliError::failure(format!("rendering the result: {error}")))?;
    terminal.data(&rendered)
}

fn page_walk(
    command_line: &CommandLine,
    operation: &otc_cli_table::Operation<'static>,
) -> Result<Option<PageWalk>, CliError> {
    let number = |name: &str| -> Result<Option<u64>, CliError> {
        command_line
            .value(name)
            .map(|text| {
                text.parse::<u64>()
                    .ok()
                    .filter(|number| *number > 0)
                    .ok_or_else(|| {
                        CliError::usage(format!("--{name} {text}: not a positive number"))
                    })
            })
            .transpose()
    };
    // The page options are declared on paginated operations only (`command_tree.rs`).
    if operation.pagination.is_none() {
        return Ok(None);
    }
    let max_items = number("max-items")?;
    let page_size = number("page-size")?;
    let all = command_line.switch("all");
    if !(all || max_items.is_some() || page_size.is_some()) {
        return Ok(None);
    }
    Ok(Some(PageWalk {
        max_items: max_items.map(|count| count as usize),
        page_size,
    }))
}

/// One call, or every page; `None` for a response without body.
async fn fetch(
    terminal: &mut Terminal,
    client: &ServiceClient,
    flags: &OperationFlags<'_>,
    prepared: &PreparedRequest,
    walk: Option<PageWalk>,
    verbose: bool,
) -> Result<Option<Value>, CliError> {
    let operation = flags.operation;
    if let (Some(walk), Some(pagination)) = (walk, &operation.pagination) {
        if verbose {
            terminal.talk(&format!(
                "> {} {} (every page)",
                prepared.method, prepared.path
            ));
        }
        return walk_pages(client, prepared, pagination, walk)
            .await
            .map(Some);
    }
    if verbose {
        terminal.talk(&format!("> {} {}", prepared.method, prepared.path));
    }
    let started = Instant::now();
    let response = send_once(client, prepared.operation_request()).await?;
    if verbose {
        terminal.talk(&format!(
            "< {} in {} ms{}",
            response.status,
            started.elapsed().as_millis(),
            response
                .request_id()
                .map(|request_id| format!(" (request id {request_id})"))
                .unwrap_or_default()
        ));
    }
    let value = response_value(&response);
    if let (Some(value), Some(shape)) = (&value, documented_shape(operation, response.status)) {
        if let Some(difference) = check_response(flags, shape, value) {
            terminal.talk(&format!(
                "warning: the response differs from the documented body ({difference}); printed as received"
            ));
        }
    }
    Ok(value)
}

/// The operation repeated until `condition` holds on its result.
async fn wait(
    terminal: &mut Terminal,
    client: &ServiceClient,
    flags: &OperationFlags<'_>,
    prepared: &PreparedRequest,
    condition: &Query,
    command_line: &CommandLine,
    verbose: bool,
) -> Result<Option<Value>, CliError> {
    let seconds = |name: &str, default: f64| -> Result<Duration, CliError> {
        match command_line.value(name) {
            None => Ok(Duration::from_secs_f64(default)),
            Some(text) => text
                .parse::<f64>()
                .ok()
                .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
                .map(Duration::from_secs_f64)
                .ok_or_else(|| {
                    CliError::usage(format!("--{name} {text}: not a number of seconds"))
                }),
        }
    };
    let timeout = seconds("wait-timeout", 600.0)?;
    let interval = seconds("wait-interval", 5.0)?;
    let started = Instant::now();
    let mut tries = 0;
    loop {
        tries += 1;
        let value = fetch(terminal, client, flags, prepared, None, verbose).await?;
        let value = value.unwrap_or(Value::Null);
        if condition.holds(&value)? {
            return Ok(Some(value));
        }
        if started.elapsed() + interval > timeout {
            return Err(CliError::new(
                ExitStatus::WaitTimeout,
                format!(
                    "--wait-for did not hold after {tries} tries in {} s",
                    started.elapsed().as_secs()
                ),
            ));
        }
        if verbose {
            terminal.talk(&format!(
                "waiting: try {tries} did not hold; next in {} s",
                interval.as_secs_f64()
            ));
        }
        tokio::time::sleep(interval).await;
    }
}

fn print_body_template(
    terminal: &mut Terminal,
    flags: &OperationFlags<'_>,
    command_line: &CommandLine,
) -> Result<(), CliError> {
    if flags.operation.body.is_none() {
        return Err(CliError::usage(format!(
            "{} takes no body",
            flags.operation.command
        )));
    }
    let (skeleton, example) = help::body_template(flags);
    let text = match command_line.value("output") {
        Some("json") => {
            let document = serde_json::json!({"skeleton": skeleton, "example": example});
            format!(
                "{}\n",
                serde_json::to_string_pretty(&document).unwrap_or_default()
            )
        }
        _ => {
            let mut text = format!(
                "# otc {} {}: the body's required fields; `<…>` says what goes there.\n",
                flags.service.index.service_id, flags.operation.command
            );
            text.push_str(&serde_yaml::to_string(&skeleton).unwrap_or_default());
            if let Some(example) = example {
                text.push_str("# The API reference's example:\n");
                for line in serde_yaml::to_string(&example).unwrap_or_default().lines() {
                    text.push_str(&format!("# {line}\n"));
                }
            }
            text
        }
    };
    terminal.data(text.as_bytes())
}

impl Terminal {
    /// Writes data to stdout; a closed pipe ends the command quietly.
    pub fn data(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        match self
            .stdout
            .write_all(bytes)
            .and_then(|()| self.stdout.flush())
        {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(error) => Err(CliError::failure(format!("writing the output: {error}"))),
        }
    }
}
