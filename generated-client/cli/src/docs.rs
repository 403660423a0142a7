//! `otc docs [--json] [SERVICE]`: the whole command tree (every service, operation, argument
//! and flag with its place, type and limits), as text or JSON. Its text is checked in per
//! service (`generated-client/cli/tests/snapshots/`), so a change to the CLI shows in review.

use std::fmt::Write as _;

use otc_cli_table::ParameterPlace;
use serde::Serialize;

use crate::failure::CliError;
use crate::flags::{FlagListing, OperationFlags};
use crate::table::LoadedService;

/// One command of the tree.
#[derive(Debug, Serialize)]
pub struct CommandDocumentation {
    pub command: String,
    pub method: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_page: Option<String>,
    pub arguments: Vec<String>,
    pub flags: Vec<FlagListing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    pub paginated: bool,
}

/// One service's commands.
#[derive(Debug, Serialize)]
pub struct ServiceDocumentation {
    pub service: String,
    pub title: String,
    pub commands: Vec<CommandDocumentation>,
}

pub fn service_documentation(service: &LoadedService) -> Result<ServiceDocumentation, CliError> {
    let mut commands = Vec::new();
    for position in 0..service.index.operations.len() {
        let operation = service.operation(position)?;
        let flags = OperationFlags::new(service, &operation);
        commands.push(CommandDocumentation {
            command: operation.command.to_string(),
            method: operation.method.to_string(),
            path: operation.path.to_string(),
            summary: operation.summary.as_deref().map(str::to_owned),
            source_page: operation.source_page.as_deref().map(str::to_owned),
            arguments: operation
                .parameters
                .iter()
                .filter(|parameter| parameter.place == ParameterPlace::Path)
                .map(|parameter| parameter.flag.to_string())
                .collect(),
            flags: flags.list(),
            body: operation
                .body
                .as_ref()
                .map(|body| body.content_type.to_string()),
            paginated: operation.pagination.is_some(),
        });
    }
    Ok(ServiceDocumentation {
        service: service.index.service_id.to_string(),
        title: service.index.title.to_string(),
        commands,
    })
}

/// The text form: a line per command, a line per argument and flag.
pub fn service_text(documentation: &ServiceDocumentation) -> String {
    let mut text = format!("# otc {}: {}\n", documentation.service, documentation.title);
    for command in &documentation.commands {
        let _ = write!(
            text,
            "\n{} {}  {} {}",
            documentation.service, command.command, command.method, command.path
        );
        if command.paginated {
            text.push_str("  [pages]");
        }
        text.push('\n');
        if let Some(page) = &command.source_page {
            let _ = writeln!(text, "  page {page}");
        }
        for argument in &command.arguments {
            let _ = writeln!(text, "  <{argument}>  path");
        }
        if let Some(body) = &command.body {
            let _ = writeln!(text, "  --body  {body}");
        }
        for flag in &command.flags {
            let mut facts = vec![flag.place.to_owned(), flag.type_text.clone()];
            if flag.required {
                facts.push("required".to_owned());
            }
            if flag.secret {
                facts.push("secret".to_owned());
            }
            if !flag.allowed_values.is_empty() {
                facts.push(format!("one of {}", flag.allowed_values.join("|")));
            }
            if let Some(default) = &flag.default {
                facts.push(format!("default {default}"));
            }
            if let Some(limits) = &flag.limits {
                facts.push(limits.clone());
            }
            let _ = writeln!(text, "  --{}  {}", flag.flag, facts.join("; "));
        }
    }
    text
}
