//! The command line as clap `Command`s, built at run time from the command tables: the options,
//! the built-in commands, every service as a subcommand, and, only for the service and
//! operation named on the command line, that service's operations and that operation's
//! arguments (path parameters positional in path order, then one `Arg` per listed query,
//! header and body flag with its help, its allowed values as `PossibleValue`s, repeatable). So
//! `otc --version` builds 49 empty service commands, and `otc ecs create-ecs-instances --help` the
//! operations of ECS and the flags of one.
//!
//! Body flags are declared as help lists them (`--server.nics.<N>.subnet-id`). The spellings
//! that cannot be declared because there are unboundedly many of them (an index,
//! `--server.nics.3.subnet-id`; a map key, `--metadata.env`; JSON on an intermediate field,
//! `--server.nics '[…]'`; a wire name, `--server.subnet_id`; `--body.<path>`; fields deeper than
//! help lists) reach clap through one hidden argument ([`DYNAMIC_FLAG_ID`]) that
//! `command_line.rs` rewrites them to after the body-flag engine (`flags.rs`) resolved them.
//! For completion ([`FlagNames::Typeable`]) the same flags are declared as one types them: the
//! first element (`--server.nics.0.subnet-id`) and the indices and keys already on the line.

use std::collections::HashSet;
use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Arg, ArgAction, Command};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use otc_cli_table::{Operation, OperationIndexEntry, ParameterPlace};

use crate::flags::{FlagListing, OperationFlags};
use crate::help;
use crate::output::Format;
use crate::table::{services, LoadedService};

/// The program's name, as usage lines and completion scripts write it.
pub const PROGRAM: &str = "otc";

/// The hidden argument every undeclared flag spelling is rewritten to: two values, the flag's
/// name as typed (without dashes) and its value. Its long name has a space, which no flag of a
/// table has, so it never meets one.
pub const DYNAMIC_FLAG_ID: &str = "dynamic flag";

/// The id of a path parameter's positional argument (the parameter's placeholder may equal a
/// query parameter's flag).
pub fn path_argument_id(placeholder: &str) -> String {
    format!("path {placeholder}")
}

/// Headings of an operation's help, in this order.
const FLAGS_HEADING: &str = "Flags";
const OPERATION_OPTIONS_HEADING: &str = "Operation options";
const OPTIONS_HEADING: &str = "Options";

/// The HTTP methods `otc api` completes (any method is accepted).
const HTTP_METHODS: [&str; 6] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/// How an operation's body flags are named in its `Command`.
#[derive(Debug, Clone, Copy)]
pub enum FlagNames<'w> {
    /// As help lists them (`--server.nics.<N>.subnet-id`): for parsing and help.
    Patterns,
    /// As one types them, for completion: `<N>` as `0`, a map's entries on the map's flag, and
    /// as visible aliases the indices and keys the flags on the line (`words`) have, so that
    /// `--server.nics.3.sub` completes and `--server.nics.3.ip-type <TAB>` offers its values.
    Typeable { words: &'w [String] },
}

/// A value that takes any text: allowed values are declared for help and completion
/// (`PossibleValue`s), and checked with every other problem of the input in `validate.rs`, which
/// names the flag and reports all problems together, and lets `--no-validate` send a value the
/// docs do not list (docs can be wrong). clap's `PossibleValuesParser` would stop at the first
/// unlisted value, even with `--no-validate`.
#[derive(Debug, Clone)]
struct DocumentedValues {
    values: Vec<String>,
}

impl TypedValueParser for DocumentedValues {
    type Value = String;

    fn parse_ref(
        &self,
        command: &Command,
        _argument: Option<&Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_owned)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(command))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        if self.values.is_empty() {
            return None;
        }
        Some(Box::new(
            self.values
                .iter()
                .map(|value| PossibleValue::new(value.clone())),
        ))
    }
}

fn value_option(name: &'static str, value_name: &'static str, help: &'static str) -> Arg {
    // The next word is the value even when it starts with a dash (`--query -x`), as
    // `command_line.rs` reads it when it looks for the words before clap.
    Arg::new(name)
        .long(name)
        .value_name(value_name)
        .help(help)
        .action(ArgAction::Set)
        .allow_hyphen_values(true)
}

fn switch(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .help(help)
        .action(ArgAction::SetTrue)
}

fn candidates(values: Vec<String>) -> ArgValueCandidates {
    ArgValueCandidates::new(move || {
        values
            .iter()
            .map(|value| CompletionCandidate::new(value.clone()))
            .collect::<Vec<_>>()
    })
}

/// The options of every command, `--help` and `--version` among them. They are given to the
/// commands on the way to the one named (the root, the service, the operation) and to the
/// built-in commands, not declared `global`: clap would copy them into every subcommand, the
/// empty ones of the 48 other services and of the service's other operations too, and those
/// thousands of copies took more time than everything else `otc ecs --help` does.
pub fn general_options() -> Vec<Arg> {
    [
        value_option(
            "output",
            "FORMAT",
            "the output format (default: json)",
        )
        .short('o')
        .value_parser(Format::NAMES),
        value_option(
            "column",
            "NAME",
            "a column of table, wide, tsv, csv and value output (repeatable; a dotted path or a JMESPath expression)",
        )
        .short('c')
        .action(ArgAction::Append),
        value_option(
            "query",
            "JMESPATH",
            "a JMESPath expression applied to the whole result (after every page)",
        ),
        value_option(
            "os-cloud",
            "NAME",
            "the clouds.yaml entry to use (default: OS_CLOUD, else the OS_* variables)",
        )
        // Read only when completing the value, never when running a command.
        .add(ArgValueCandidates::new(|| {
            crate::configuration::cloud_names()
                .into_iter()
                .map(CompletionCandidate::new)
                .collect::<Vec<_>>()
        })),
        value_option("region", "REGION", "the region, instead of the configuration's"),
        value_option(
            "endpoint",
            "URL",
            "the service's base URL, instead of the one the region gives",
        ),
        value_option(
            "timeout",
            "SECONDS",
            "the timeout of each HTTP attempt (default 60)",
        ),
        switch(
            "verbose",
            "tell on stderr what is sent and received (secrets replaced)",
        )
        .short('v'),
        switch("debug", "the same as --verbose"),
        Arg::new("help")
            .short('h')
            .long("help")
            .help("show help (-h: a summary)")
            .action(ArgAction::Help),
        Arg::new("version")
            .short('V')
            .long("version")
            .help("show the version")
            .action(ArgAction::Version),
    ]
    .into_iter()
    .map(|option| option.help_heading(OPTIONS_HEADING))
    .collect()
}

/// The options of an operation: the body's (where it has one), the dry run and the checks, the
/// pages' (where it pages), and waiting. `body_listing` is the listing of a body that is no
/// object (given whole with `--body`).
fn operation_options(
    has_body: bool,
    paginated: bool,
    body_listing: Option<&FlagListing>,
) -> Vec<Arg> {
    let mut options = Vec::new();
    if has_body {
        let mut body_help = String::from("the whole request body; flags given beside it win");
        if let Some(listing) = body_listing {
            body_help = format!("{}; {body_help}", help::flag_facts(listing));
        }
        options.extend([
            value_option("body", "JSON|YAML|@FILE|-", "").help(body_help),
            switch(
                "body-template",
                "print a skeleton of the body (required fields, allowed values, the page's example) and send nothing",
            ),
            value_option(
                "null",
                "FLAG",
                "send null for this body field (its flag without dashes, repeatable)",
            )
            .action(ArgAction::Append),
        ]);
    }
    options.extend([
        switch(
            "dry-run",
            "print the request that would be sent (secrets replaced) and send nothing",
        ),
        switch(
            "no-validate",
            "send even if the input does not fit the spec (the docs can be wrong)",
        ),
    ]);
    if paginated {
        options.extend([
            switch("all", "every page of a paginated list"),
            value_option(
                "max-items",
                "N",
                "at most N items of a paginated list (across pages)",
            ),
            value_option("page-size", "N", "items per page of a paginated list"),
        ]);
    }
    options.extend([
        value_option(
            "wait-for",
            "JMESPATH",
            "repeat the command until this expression holds on its result",
        ),
        value_option(
            "wait-timeout",
            "SECONDS",
            "give up waiting after this long (default 600)",
        ),
        value_option(
            "wait-interval",
            "SECONDS",
            "wait this long between tries (default 5)",
        ),
    ]);
    options
        .into_iter()
        .map(|option| option.help_heading(OPERATION_OPTIONS_HEADING))
        .collect()
}

/// The long names of every option a command may have (the general options, an operation's
/// with a body and pages, `otc api`'s): what `otc_cli_table::GLOBAL_FLAG_NAMES` must list.
pub fn every_option_name() -> Vec<String> {
    general_options()
        .iter()
        .chain(operation_options(true, true, None).iter())
        .filter_map(|option| option.get_long().map(str::to_owned))
        .collect()
}

/// The service and operation (or the built-in command) the command tree is built for.
#[derive(Debug, Default, Clone, Copy)]
pub struct Selection<'s> {
    /// The first word, if it names a built-in command.
    pub built_in: Option<&'s str>,
    pub service: Option<&'s LoadedService>,
    pub operation: Option<&'s OperationFlags<'s>>,
}

/// `otc`: the options, every service (the selected one with its operations, the selected
/// operation with its arguments and flags) and the built-in commands.
pub fn root_command(selection: Selection<'_>, names: FlagNames<'_>) -> Command {
    let mut root = Command::new(PROGRAM)
        .bin_name(PROGRAM)
        .version(env!("CARGO_PKG_VERSION"))
        .propagate_version(true)
        .about(help::TOP_LEVEL_ABOUT)
        .after_help(help::top_level_after_help())
        .disable_help_flag(true)
        .disable_version_flag(true)
        .args_override_self(true)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand_value_name("SERVICE")
        .subcommand_help_heading("Services and commands")
        .args(general_options());
    for table in services() {
        let service = match selection.service {
            Some(service) if service.table.id == table.id => {
                service_command(service, selection.operation, names)
            }
            _ => Command::new(table.id).about(table.title),
        };
        root = root.subcommand(service);
    }
    root.subcommands(built_in_commands(selection.built_in))
}

/// What a built-in command adds to its `Command`: its arguments.
type BuiltInArguments = fn(Command) -> Command;

/// The built-in commands (`otc_cli_table::BUILT_IN_COMMANDS` but `help`, which is clap's):
/// name, summary, and the command's arguments.
const BUILT_INS: [(&str, &str, BuiltInArguments); 4] = [
    (
        "api",
        "any request to a service, with the same configuration, endpoint and signing",
        api_arguments,
    ),
    ("auth", "the effective configuration", auth_arguments),
    (
        "completion",
        "the completion script of a shell",
        completion_arguments,
    ),
    ("docs", "the command tree (-o json as JSON)", docs_arguments),
];

/// The built-in commands: the one named (`selected`) whole, the others as their names and
/// summaries (for the top level's help).
fn built_in_commands(selected: Option<&str>) -> Vec<Command> {
    BUILT_INS
        .iter()
        .map(|(name, summary, arguments)| {
            let command = Command::new(*name).about(*summary);
            if selected == Some(*name) {
                arguments(command)
                    .args(general_options())
                    .args_override_self(true)
            } else {
                command
            }
        })
        .collect()
}

fn service_ids() -> Vec<String> {
    services()
        .iter()
        .map(|service| service.id.to_owned())
        .collect()
}

fn api_arguments(command: Command) -> Command {
    command
        .arg(
            Arg::new("service")
                .value_name("SERVICE")
                .required(true)
                .value_parser(service_ids()),
        )
        .arg(
            Arg::new("method")
                .value_name("METHOD")
                .required(true)
                .value_parser(DocumentedValues {
                    values: HTTP_METHODS.map(str::to_owned).to_vec(),
                }),
        )
        .arg(
            Arg::new("path")
                .value_name("PATH")
                .required(true)
                .help("relative to the service's endpoint, {project_id} filled, a query after ?"),
        )
        .args(
            operation_options(true, false, None)
                .into_iter()
                .filter(|option| ["body", "dry-run"].contains(&option.get_id().as_str())),
        )
}

fn auth_arguments(command: Command) -> Command {
    command
        .subcommand_required(true)
        .disable_help_subcommand(true)
        .subcommand(
            Command::new("show")
                .about("the effective configuration, secrets masked")
                .args(general_options())
                .args_override_self(true),
        )
}

fn completion_arguments(command: Command) -> Command {
    command.arg(
        Arg::new("shell")
            .value_name("SHELL")
            .required(true)
            .value_parser(crate::completion::shell_names()),
    )
}

fn docs_arguments(command: Command) -> Command {
    command.arg(
        Arg::new("service")
            .value_name("SERVICE")
            .value_parser(service_ids()),
    )
}

/// `otc <service>`: its operations, the selected one built whole.
fn service_command(
    service: &LoadedService,
    operation: Option<&OperationFlags<'_>>,
    names: FlagNames<'_>,
) -> Command {
    let index = &service.index;
    let mut command = Command::new(index.service_id.to_string())
        .about(index.title.to_string())
        .long_about(help::service_about(&index.service_id, &index.title))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .disable_help_subcommand(true)
        .subcommand_value_name("OPERATION")
        .subcommand_help_heading("Operations")
        .display_name(PROGRAM)
        .args(general_options())
        .args_override_self(true);
    for entry in &index.operations {
        command = command.subcommand(match operation {
            Some(flags) if flags.operation.command == entry.command => {
                operation_command(flags, entry, names)
            }
            _ => Command::new(entry.command.to_string()).about(help::operation_list_entry(entry)),
        });
    }
    command
}

/// `otc <service> <operation>`: its path arguments, flags and options.
fn operation_command(
    flags: &OperationFlags<'_>,
    entry: &OperationIndexEntry<'_>,
    names: FlagNames<'_>,
) -> Command {
    let operation: &Operation<'static> = flags.operation;
    let mut command = Command::new(operation.command.to_string())
        .about(help::operation_list_entry(entry))
        .long_about(help::operation_about(
            &flags.service.index.service_id,
            operation,
        ))
        .display_name(PROGRAM)
        .args_override_self(true);
    if let Some(after_help) = help::operation_after_help(operation) {
        command = command.after_help(after_help);
    }
    for parameter in operation
        .parameters
        .iter()
        .filter(|parameter| parameter.place == ParameterPlace::Path)
    {
        let argument = Arg::new(path_argument_id(&parameter.flag))
            .value_name(parameter.flag.to_string())
            .help(help::path_argument_help(flags, parameter))
            .long_help(help::path_argument_long_help(flags, parameter));
        command = command.arg(if operation.body.is_some() {
            // A body's skeleton needs no resource.
            argument.required_unless_present("body-template")
        } else {
            argument.required(true)
        });
    }
    let listings = flags.list();
    let mut body_listing = None;
    // The options' names are no flag's (`GLOBAL_FLAG_NAMES`); taken from the start all the
    // same, so that no completion name can meet one.
    let mut taken: HashSet<String> = every_option_name().into_iter().collect();
    let mut body_flags = Vec::new();
    for listing in &listings {
        if listing.place == "body" && listing.flag == "body" {
            // A body that is no object: `--body` itself, whose help says so.
            body_listing = Some(listing);
            continue;
        }
        let Some((long, aliases)) = flag_names(&listing.flag, names, &mut taken) else {
            continue;
        };
        if listing.place == "body" {
            body_flags.push(long.clone());
        }
        command = command.arg(
            Arg::new(listing.flag.clone())
                .long(long)
                .visible_aliases(aliases)
                .value_name(value_name(&listing.type_text))
                .help(help::flag_facts(listing))
                .long_help(help::flag_long_help(listing))
                // Every flag takes a value, even one that starts with a dash (`--offset -1`),
                // and may be repeated; the body-flag engine decides what a repetition means.
                .action(ArgAction::Append)
                .allow_hyphen_values(true)
                .value_parser(DocumentedValues {
                    values: listing.allowed_values.clone(),
                })
                .help_heading(FLAGS_HEADING),
        );
    }
    let mut options = operation_options(
        operation.body.is_some(),
        operation.pagination.is_some(),
        body_listing,
    );
    if matches!(names, FlagNames::Typeable { .. }) {
        for option in &mut options {
            if option.get_id() == "null" {
                *option = option.clone().add(candidates(body_flags.clone()));
            }
        }
    }
    command = command.args(options).args(general_options());
    if matches!(names, FlagNames::Patterns) {
        command = command.arg(
            Arg::new(DYNAMIC_FLAG_ID)
                .long(DYNAMIC_FLAG_ID)
                .num_args(2)
                .value_names(["FLAG", "VALUE"])
                .action(ArgAction::Append)
                .allow_hyphen_values(true)
                .hide(true),
        );
    }
    command
}

/// The value's placeholder in help: the element of a repeatable array, `KEY=VALUE` for a map,
/// `JSON` for what is given as JSON.
fn value_name(type_text: &str) -> String {
    if let Some(element) = type_text.strip_prefix("array of ") {
        return value_name(element);
    }
    if type_text.starts_with("map of ") {
        return "KEY=VALUE".to_owned();
    }
    if type_text.contains("JSON") {
        return "JSON".to_owned();
    }
    type_text.to_owned()
}

/// A flag's long name and visible aliases, or `None` where completion already has a flag of
/// that name (several fields of a map's entries complete as the map's one flag).
fn flag_names(
    pattern: &str,
    names: FlagNames<'_>,
    taken: &mut HashSet<String>,
) -> Option<(String, Vec<String>)> {
    let FlagNames::Typeable { words } = names else {
        return Some((pattern.to_owned(), Vec::new()));
    };
    let mut candidates = vec![typeable_default(pattern)];
    for word in words {
        let Some(typed) = word.strip_prefix("--") else {
            continue;
        };
        let typed = typed.split('=').next().unwrap_or_default();
        if let Some(name) = typed_within(pattern, typed) {
            candidates.push(name);
        }
    }
    let mut free = candidates
        .into_iter()
        .filter(|name| taken.insert(name.clone()));
    let long = free.next()?;
    Some((long, free.collect()))
}

/// The pattern as one types it first: `<N>` as `0`; a map's entries on the map's own flag.
fn typeable_default(pattern: &str) -> String {
    let mut segments = Vec::new();
    for segment in pattern.split('.') {
        match segment {
            "<N>" => segments.push("0"),
            "<KEY>" => break,
            other => segments.push(other),
        }
    }
    segments.join(".")
}

/// The pattern with the indices and keys of `typed` (a flag name as typed, maybe in part) in
/// its placeholders, where `typed` follows the pattern and fills at least one; `None`
/// otherwise. An index being typed counts (`server.nics.3`), a key only when a dot follows it.
fn typed_within(pattern: &str, typed: &str) -> Option<String> {
    let typed_segments: Vec<&str> = typed.split('.').collect();
    let last = typed_segments.len() - 1;
    let mut segments: Vec<&str> = Vec::new();
    let mut filled = false;
    for (position, segment) in pattern.split('.').enumerate() {
        let Some(&typed_segment) = typed_segments.get(position) else {
            // Past what is typed: the rest as first typed.
            match segment {
                "<N>" => segments.push("0"),
                "<KEY>" => break,
                other => segments.push(other),
            }
            continue;
        };
        let complete = position < last;
        match segment {
            "<N>"
                if !typed_segment.is_empty()
                    && typed_segment.bytes().all(|byte| byte.is_ascii_digit()) =>
            {
                segments.push(typed_segment);
                filled = true;
            }
            "<KEY>" if complete && !typed_segment.is_empty() => {
                segments.push(typed_segment);
                filled = true;
            }
            "<N>" if !complete && typed_segment.is_empty() => segments.push("0"),
            "<KEY>" if !complete && typed_segment.is_empty() => break,
            "<N>" | "<KEY>" => return None,
            _ if complete && segment == typed_segment => segments.push(segment),
            _ if !complete && segment.starts_with(typed_segment) => segments.push(segment),
            _ => return None,
        }
    }
    filled.then(|| segments.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_indices_and_keys_fill_the_pattern() {
        let pattern = "server.nics.<N>.subnet-id";
        assert_eq!(typeable_default(pattern), "server.nics.0.subnet-id");
        assert_eq!(
            typed_within(pattern, "server.nics.3.sub").as_deref(),
            Some("server.nics.3.subnet-id")
        );
        assert_eq!(
            typed_within(pattern, "server.nics.12").as_deref(),
            Some("server.nics.12.subnet-id")
        );
        // Nothing filled, another path, or the next-element spelling: no alias.
        assert_eq!(typed_within(pattern, "server.ni"), None);
        assert_eq!(typed_within(pattern, "server.name"), None);
        assert_eq!(typed_within(pattern, "server.nics.subnet-id"), None);
        let map = "metadata.<KEY>.value";
        assert_eq!(typeable_default(map), "metadata");
        assert_eq!(
            typed_within(map, "metadata.env.va").as_deref(),
            Some("metadata.env.value")
        );
        // A key still being typed is not a key yet.
        assert_eq!(typed_within(map, "metadata.en"), None);
    }

    #[test]
    fn completion_names_are_unique_and_fall_back_to_an_alias() {
        let words = ["otc".to_owned(), "--tags.env.key".to_owned()];
        let names = FlagNames::Typeable { words: &words };
        let mut taken = HashSet::new();
        assert_eq!(
            flag_names("tags.<KEY>.value", names, &mut taken),
            Some(("tags".to_owned(), Vec::new()))
        );
        // `tags` is taken: the spelling on the line is the long name.
        assert_eq!(
            flag_names("tags.<KEY>.key", names, &mut taken),
            Some(("tags.env.key".to_owned(), Vec::new()))
        );
        assert_eq!(flag_names("tags.<KEY>.other", names, &mut taken), None);
    }

    #[test]
    fn the_built_in_commands_are_the_names_no_service_may_take() {
        let mut names: Vec<&str> = BUILT_INS.iter().map(|(name, _, _)| *name).collect();
        // clap's own.
        names.push("help");
        names.sort_unstable();
        let mut reserved = otc_cli_table::BUILT_IN_COMMANDS.to_vec();
        reserved.sort_unstable();
        assert_eq!(names, reserved);
    }

    #[test]
    fn value_names_are_short() {
        assert_eq!(value_name("array of string"), "string");
        assert_eq!(value_name("map of integer (key=value)"), "KEY=VALUE");
        assert_eq!(value_name("object (JSON)"), "JSON");
        assert_eq!(value_name("integer"), "integer");
    }

    #[test]
    fn documented_values_take_any_text_and_list_the_allowed() {
        let parser = DocumentedValues {
            values: vec!["port".to_owned(), "vpc".to_owned()],
        };
        let command = Command::new("test");
        assert_eq!(
            parser
                .parse_ref(&command, None, OsStr::new("bogus"))
                .expect("any text"),
            "bogus"
        );
        let names: Vec<String> = parser
            .possible_values()
            .expect("listed")
            .map(|value| value.get_name().to_owned())
            .collect();
        assert_eq!(names, ["port", "vpc"]);
    }
}
