//! The texts of help, written from the tables and handed to clap, which lays them out
//! (`command_tree.rs`): the top level's introduction, configuration and exit codes; a service's
//! title; an operation's summary, `METHOD /path`, source page and description, its notes on the
//! body and on pages; per flag its place, type, whether required, default and limits (clap adds
//! the allowed values from the flag's `PossibleValue`s); and `--body-template`'s skeleton of a
//! body.

use std::fmt::Write as _;

use otc_cli_table::{Operation, OperationIndexEntry, Pagination, Parameter, Shape, TypeKind};
use serde_json::Value;

use crate::failure::ExitStatus;
use crate::flags::{FlagListing, OperationFlags};

/// The first paragraph of a description, on one line.
pub fn first_paragraph(text: &str) -> String {
    text.split("\n\n")
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `otc --help` says first.
pub const TOP_LEVEL_ABOUT: &str =
    "otc: every operation of every Open Telekom Cloud service, generated from the API reference.";

/// What `otc --help` says after the options: where the configuration comes from, and the exit
/// codes.
pub fn top_level_after_help() -> String {
    let mut text = String::from(
        "Operations: otc <SERVICE> --help lists a service's operations, otc <SERVICE> <OPERATION> --help\n\
         an operation's arguments and flags.\n\n\
         Configuration: --os-cloud, else the clouds.yaml entry OS_CLOUD names, else the OS_* variables\n\
         (AK/SK: OS_ACCESS_KEY, OS_SECRET_KEY; token: OS_TOKEN; password: OS_USERNAME, OS_PASSWORD,\n\
         OS_USER_DOMAIN_NAME), with OS_PROJECT_ID and OS_REGION_NAME.\n\nExit codes:\n",
    );
    for (status, meaning) in ExitStatus::DOCUMENTED {
        let _ = writeln!(text, "  {}  {meaning}", status.code());
    }
    text
}

/// The first line of `otc <service> --help`.
pub fn service_about(service_id: &str, title: &str) -> String {
    format!("otc {service_id}: {title}")
}

/// An operation's line in its service's list: `METHOD /path  summary`.
pub fn operation_list_entry(entry: &OperationIndexEntry<'_>) -> String {
    let mut text = format!("{} {}", entry.method, entry.path);
    if let Some(summary) = &entry.summary {
        let _ = write!(text, "  {summary}");
    }
    text
}

/// The head of `otc <service> <operation> --help`: the command and its summary, `METHOD
/// /path`, the source page, and the description's first paragraph.
pub fn operation_about(service_id: &str, operation: &Operation<'_>) -> String {
    let mut text = format!(
        "otc {service_id} {}: {}\n{} {}",
        operation.command,
        operation.summary.as_deref().unwrap_or_default(),
        operation.method,
        operation.path
    );
    if let Some(page) = &operation.source_page {
        let _ = write!(text, "\nSource page: {page}");
    }
    if operation.deprecated {
        text.push_str("\nDeprecated: the API reference recommends a newer version.");
    }
    if let Some(description) = &operation.description {
        let _ = write!(text, "\n\n{}", first_paragraph(description));
    }
    text
}

/// What an operation's help says after its flags: how a body is given, and how pages are
/// walked.
pub fn operation_after_help(operation: &Operation<'_>) -> Option<String> {
    let mut notes = Vec::new();
    if let Some(body) = &operation.body {
        notes.push(format!(
            "Body: {}{}. Give it whole with --body (JSON or YAML, @FILE, - for stdin); flags win over it.\n\
             `<N>` is an array index (or leave it out: each repetition is the next element), `<KEY>` a map key.\n\
             Any flag also takes JSON for its whole value; --null FLAG sends null. --body-template prints a skeleton.",
            body.content_type,
            if body.required { ", required" } else { "" }
        ));
    }
    if let Some(pagination) = &operation.pagination {
        let style = match pagination {
            Pagination::Marker { .. } => "marker",
            Pagination::Offset { .. } => "offset",
        };
        notes.push(format!(
            "Pages ({style}): --all for every page, --max-items N, --page-size N; --query sees every page's items."
        ));
    }
    (!notes.is_empty()).then(|| notes.join("\n\n"))
}

/// One flag's facts, on one line: `body; string; required; length ..=64`. Allowed values are
/// not among them: clap lists the flag's possible values itself.
pub fn flag_facts(listing: &FlagListing) -> String {
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
    // Shown, never applied: the service applies its own defaults, and a flag left out is not
    // sent.
    if let Some(default) = &listing.default {
        facts.push(format!("default: {default}"));
    }
    if let Some(limits) = &listing.limits {
        facts.push(limits.clone());
    }
    facts.join("; ")
}

/// The facts, then the description's first paragraph (`--help`; `-h` shows the facts only).
pub fn flag_long_help(listing: &FlagListing) -> String {
    let mut text = flag_facts(listing);
    if let Some(description) = &listing.description {
        let _ = write!(text, "\n{}", first_paragraph(description));
    }
    text
}

/// The help of a path parameter's positional argument.
pub fn path_argument_help(flags: &OperationFlags<'_>, parameter: &Parameter<'_>) -> String {
    format!("path; {}; required", flags.type_text(&parameter.shape))
}

/// The path parameter's facts and description (`--help`).
pub fn path_argument_long_help(flags: &OperationFlags<'_>, parameter: &Parameter<'_>) -> String {
    let mut text = path_argument_help(flags, parameter);
    if let Some(description) = &parameter.description {
        let _ = write!(text, "\n{}", first_paragraph(description));
    }
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
