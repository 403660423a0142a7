//! Help text, written from the tables: the top level (services, commands, options, exit
//! codes), a service (its operations), and an operation (summary, `METHOD /path`, source page,
//! arguments, and per flag its place, type, whether required, allowed values, default and
//! limits); and `--body-template`'s skeleton of a body.

use std::fmt::Write as _;

use otc_cli_table::{Operation, ParameterPlace, Shape, TypeKind};
use serde_json::Value;

use crate::command_line::OPTIONS;
use crate::failure::ExitStatus;
use crate::flags::{FlagListing, OperationFlags};
use crate::table::{services, LoadedService};

/// The first paragraph of a description, on one line.
pub fn first_paragraph(text: &str) -> String {
    text.split("\n\n")
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn options_text(operation_options: bool) -> String {
    let mut text = String::new();
    for option in OPTIONS
        .iter()
        .filter(|option| option.operation_only == operation_options)
    {
        let short = option
            .short
            .map(|short| format!("-{short}, "))
            .unwrap_or_default();
        let value = option
            .value
            .map(|value| format!(" <{value}>"))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "  {short}--{}{value}\n      {}",
            option.name, option.help
        );
    }
    text
}

/// `otc --help`.
pub fn top_level() -> String {
    let mut text = String::from(
        "otc: every operation of every Open Telekom Cloud service, generated from the API reference.\n\n\
         Usage: otc [OPTIONS] <SERVICE> <OPERATION> [ARGUMENTS] [FLAGS]\n       \
         otc <SERVICE> --help\n       \
         otc <SERVICE> <OPERATION> --help\n       \
         otc api <SERVICE> <METHOD> <PATH> [--body …] [-o …]\n       \
         otc auth show\n       \
         otc completion bash|zsh|fish|powershell\n       \
         otc docs [--json] [SERVICE]\n\nServices:\n",
    );
    let width = services()
        .iter()
        .map(|service| service.id.len())
        .max()
        .unwrap_or(0);
    for service in services() {
        let _ = writeln!(text, "  {:width$}  {}", service.id, service.title);
    }
    text.push_str("\nOptions:\n");
    text.push_str(&options_text(false));
    text.push_str(
        "\nConfiguration: --os-cloud, else the clouds.yaml entry OS_CLOUD names, else the OS_* variables\n\
         (AK/SK: OS_ACCESS_KEY, OS_SECRET_KEY; token: OS_TOKEN; password: OS_USERNAME, OS_PASSWORD,\n\
         OS_USER_DOMAIN_NAME), with OS_PROJECT_ID and OS_REGION_NAME.\n\nExit codes:\n",
    );
    for (status, meaning) in ExitStatus::DOCUMENTED {
        let _ = writeln!(text, "  {}  {meaning}", status.code());
    }
    text
}

/// The widest command the operation list aligns to.
const MAX_ALIGNED_COMMAND_WIDTH: usize = 36;

/// `otc <service> --help`.
pub fn service(service: &LoadedService) -> String {
    let index = &service.index;
    let mut text = format!(
        "otc {}: {}\n\nUsage: otc {} <OPERATION> [ARGUMENTS] [FLAGS]\n       otc {} <OPERATION> --help\n\nOperations:\n",
        index.service_id, index.title, index.service_id, index.service_id
    );
    // Aligned, except the few long names, which would push every summary off the screen.
    let width = index
        .operations
        .iter()
        .map(|operation| operation.command.len())
        .max()
        .unwrap_or(0)
        .min(MAX_ALIGNED_COMMAND_WIDTH);
    for operation in &index.operations {
        let summary = operation.summary.as_deref().unwrap_or_default();
        let _ = writeln!(
            text,
            "  {:width$}  {} {}  {summary}",
            operation.command, operation.method, operation.path
        );
    }
    text
}

/// One flag's line of help: `--vpc.name <string>  body, required, length ..=64`.
fn flag_text(listing: &FlagListing) -> String {
    let mut facts = vec![listing.place.to_owned(), listing.type_text.clone()];
    if listing.required {
        facts.push("required".to_owned());
    }
    if listing.repeatable {
        facts.push("repeatable".to_owned());
    }
    if listing.secret {
        facts.push("secret".to_owned());
    }
    if !listing.allowed_values.is_empty() {
        facts.push(format!("one of: {}", listing.allowed_values.join(", ")));
    }
    if let Some(default) = &listing.default {
        facts.push(format!("default: {default}"));
    }
    if let Some(limits) = &listing.limits {
        facts.push(limits.clone());
    }
    let mut text = format!("  --{}\n      {}\n", listing.flag, facts.join("; "));
    if let Some(description) = &listing.description {
        let _ = writeln!(text, "      {}", first_paragraph(description));
    }
    text
}

/// `otc <service> <operation> --help`.
pub fn operation(flags: &OperationFlags<'_>) -> String {
    let operation: &Operation<'static> = flags.operation;
    let service_id = &flags.service.index.service_id;
    let mut text = format!(
        "otc {service_id} {}: {}\n{} {}\n",
        operation.command,
        operation.summary.as_deref().unwrap_or_default(),
        operation.method,
        operation.path
    );
    if let Some(page) = &operation.source_page {
        let _ = writeln!(text, "Source page: {page}");
    }
    if operation.deprecated {
        text.push_str("Deprecated: the API reference recommends a newer version.\n");
    }
    if let Some(description) = &operation.description {
        let _ = writeln!(text, "\n{}", first_paragraph(description));
    }
    let path_parameters: Vec<_> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.place == ParameterPlace::Path)
        .collect();
    let arguments: String = path_parameters
        .iter()
        .map(|parameter| format!(" <{}>", parameter.flag))
        .collect();
    let _ = writeln!(
        text,
        "\nUsage: otc {service_id} {}{arguments} [FLAGS]",
        operation.command
    );
    if !path_parameters.is_empty() {
        text.push_str("\nArguments:\n");
        for parameter in &path_parameters {
            let _ = writeln!(
                text,
                "  <{}>\n      path, {}, required{}",
                parameter.flag,
                flags.type_text(&parameter.shape),
                parameter
                    .description
                    .as_deref()
                    .map(|description| format!("\n      {}", first_paragraph(description)))
                    .unwrap_or_default()
            );
        }
    }
    let listings = flags.list();
    if !listings.is_empty() {
        text.push_str("\nFlags:\n");
        for listing in &listings {
            text.push_str(&flag_text(listing));
        }
    }
    if let Some(body) = &operation.body {
        let _ = writeln!(
            text,
            "\nBody: {}{}. Give it whole with --body (JSON or YAML, @FILE, - for stdin); flags win over it.\n\
             `<N>` is an array index (or leave it out: each repetition is the next element), `<KEY>` a map key.\n\
             Any flag also takes JSON for its whole value; --null FLAG sends null. --body-template prints a skeleton.",
            body.content_type,
            if body.required { ", required" } else { "" }
        );
    }
    if let Some(pagination) = &operation.pagination {
        let style = match pagination {
            otc_cli_table::Pagination::Marker { .. } => "marker",
            otc_cli_table::Pagination::Offset { .. } => "offset",
        };
        let _ = writeln!(
            text,
            "\nPages ({style}): --all for every page, --max-items N, --page-size N; --query sees every page's items."
        );
    }
    text.push_str("\nOperation options:\n");
    text.push_str(&options_text(true));
    text.push_str("\nOptions: see otc --help (-o, -c, --query, --os-cloud, --region, --endpoint, --dry-run, …)\n");
    text
}

/// `--body-template`: the required fields with placeholders saying type and allowed values
/// (YAML), followed by the page's example as comments, so the file is valid as it is and
/// `--body @file` reads it.
pub fn body_template(flags: &OperationFlags<'_>) -> (Value, Option<Value>) {
    let Some(body) = &flags.operation.body else {
        return (Value::Null, None);
    };
    let skeleton = skeleton(flags, &body.shape, 0);
    (skeleton, body.examples.first().cloned())
}

fn skeleton(flags: &OperationFlags<'_>, shape: &Shape, depth: usize) -> Value {
    if depth > 16 {
        return Value::String("<JSON>".to_owned());
    }
    let service = flags.service;
    match service.resolve(shape) {
        Shape::Array(item) => Value::Array(vec![skeleton(flags, item, depth + 1)]),
        Shape::Map(value) => {
            let mut map = serde_json::Map::new();
            map.insert("<KEY>".to_owned(), skeleton(flags, value, depth + 1));
            Value::Object(map)
        }
        Shape::Type(index) => match &service.type_entry(*index).kind {
            TypeKind::Struct { fields, .. } => {
                let mut members = serde_json::Map::new();
                for field in fields.iter().filter(|field| field.required) {
                    let mut value = skeleton(flags, &field.shape, depth + 1);
                    let allowed = flags.allowed_values(&field.shape, &field.constraints);
                    if !allowed.is_empty() && value.is_string() {
                        value = Value::String(format!("<one of: {}>", allowed.join(", ")));
                    }
                    members.insert(field.name.to_string(), value);
                }
                Value::Object(members)
            }
            TypeKind::Enum { values } => Value::String(format!(
                "<one of: {}>",
                values
                    .iter()
                    .map(|value| value.as_ref())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            TypeKind::Union { variants, .. } => match variants.first() {
                Some(first) => skeleton(flags, first, depth + 1),
                None => Value::String("<JSON>".to_owned()),
            },
            TypeKind::Alias(_) => Value::String("<JSON>".to_owned()),
        },
        other => Value::String(format!("<{}>", flags.type_text(other))),
    }
}
