//! `otc api <service> <METHOD> <path>`: any request to a service, for what no spec describes,
//! with the same configuration, endpoint, authentication, signing, retries, dry run and output
//! as the generated commands. The path is relative to the service's endpoint; `{project_id}`
//! is filled as in every operation; a query goes after `?`; `--body` is sent as JSON.

use otc_client_runtime::{Body, OperationRequest, ServiceClient};

use crate::command_line::CommandLine;
use crate::failure::CliError;
use crate::input::{parse_structured, read_body_argument};
use crate::output::{Format, Query, Rendering};
use crate::request::{response_value, send_once, static_name};
use crate::table::LoadedService;
use crate::Terminal;

pub fn run(
    terminal: &mut Terminal,
    command_line: &CommandLine,
    service: &LoadedService,
    method: &str,
    path: &str,
) -> Result<(), CliError> {
    let method = reqwest::Method::from_bytes(method.to_ascii_uppercase().as_bytes())
        .map_err(|_| CliError::usage(format!("{method:?} is not an HTTP method")))?;
    let format = Format::parse(command_line.value("output"))?;
    let query = command_line
        .value("query")
        .map(|text| Query::compile(text, "--query"))
        .transpose()?;
    let rendering = Rendering::new(format, &command_line.values("column"), None)?;
    let (path, query_text) = match path.split_once('?') {
        Some((path, query_text)) => (path, Some(query_text)),
        None => (path, None),
    };
    if !path.starts_with('/') {
        return Err(CliError::usage(format!(
            "the path {path:?} must start with /"
        )));
    }
    let query_pairs: Vec<(&'static str, String)> = query_text
        .map(|text| {
            reqwest::Url::parse(&format!("http://query.invalid/?{text}"))
                .map(|url| {
                    url.query_pairs()
                        .map(|(name, value)| (static_name(&name), value.into_owned()))
                        .collect()
                })
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let body = match command_line.value("body") {
        Some(argument) => {
            let value = parse_structured(&read_body_argument(argument)?, "--body")?;
            Some(Body::json(&value).map_err(|error| CliError::from_runtime(&error))?)
        }
        None => None,
    };
    let config = crate::configuration::load(command_line, &service.index.service_id)?;
    terminal.redaction = Some(config.clone());
    let client = ServiceClient::from_config(
        &config,
        &service.index.service_id,
        &service.index.server_url_template,
    )
    .map_err(|error| CliError::from_runtime(&error))?;
    let expanded = client
        .expand_path(path, &[])
        .map_err(|error| CliError::from_runtime(&error))?;
    let request = OperationRequest {
        operation_id: "api",
        method,
        path: expanded,
        query: query_pairs,
        headers: Vec::new(),
        body,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| CliError::failure(format!("cannot start the async runtime: {error}")))?;
    if command_line.switch("dry-run") {
        let preview = runtime
            .block_on(client.preview(&request))
            .map_err(|error| CliError::from_runtime(&error))?;
        let mut text = format!("{} {}\n", preview.method, preview.url);
        for (name, value) in &preview.headers {
            text.push_str(&format!("{name}: {value}\n"));
        }
        if let Some(body) = &preview.body {
            text.push('\n');
            text.push_str(&String::from_utf8_lossy(body));
            text.push('\n');
        }
        return terminal.data(config.redact(&text).as_bytes());
    }
    let response = runtime.block_on(send_once(&client, request))?;
    let Some(result) = response_value(&response) else {
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
