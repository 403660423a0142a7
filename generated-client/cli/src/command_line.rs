//! The command line read by clap: the words that name the service and operation are found
//! first (skipping the options and their values), the command tree is built for them
//! (`command_tree.rs`), the flag spellings clap cannot know in advance are rewritten to the one
//! hidden argument that carries them, and clap parses the result into the command to run and
//! its [`CommandLine`]: the options and the operation's flags in the order given.
//!
//! The rewriting is the one step clap cannot do itself: clap accepts only declared arguments,
//! and an operation's flags include spellings without bound (`--server.nics.3.subnet-id`,
//! `--metadata.env`, JSON on any intermediate field). Each of them is given to the body-flag
//! engine (`OperationFlags::resolve`); what it resolves goes to clap as `--<dynamic flag> NAME
//! VALUE`, what it does not is left for clap to refuse with its own message and suggestions.

use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{Arg, ArgMatches};
use otc_cli_table::{Operation, ParameterPlace, GLOBAL_FLAG_NAMES};

use crate::command_tree::{
    general_options, path_argument_id, root_command, FlagNames, Selection, DYNAMIC_FLAG_ID, PROGRAM,
};
use crate::failure::CliError;
use crate::flags::OperationFlags;
use crate::table::{find_service, LoadedService};

/// The command line's options and an operation's flags, as the engine reads them.
#[derive(Debug, Default)]
pub struct CommandLine {
    /// The options given, by long name, in order (a repeated option appears repeatedly).
    pub options: Vec<(&'static str, Option<String>)>,
    /// The operation's flags (name without dashes, value), in the order given.
    pub flags: Vec<(String, String)>,
}

impl CommandLine {
    /// Whether a switch was given.
    pub fn switch(&self, name: &str) -> bool {
        self.options.iter().any(|(option, _)| *option == name)
    }

    /// The last value of an option.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(option, _)| *option == name)
            .and_then(|(_, value)| value.as_deref())
    }

    /// Every value of a repeatable option, in order.
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.options
            .iter()
            .filter(|(option, _)| *option == name)
            .filter_map(|(_, value)| value.as_deref())
            .collect()
    }
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Parsed {
    /// Help or the version: text for stdout.
    Show(String),
    Run(Box<Invocation>),
}

/// A command to run, with its options and flags.
#[derive(Debug)]
pub struct Invocation {
    pub target: Target,
    pub command_line: CommandLine,
}

/// The command to run.
#[derive(Debug)]
pub enum Target {
    /// `otc <service> <operation> [ARGUMENTS]`.
    Operation {
        service: LoadedService,
        operation: Box<Operation<'static>>,
        /// The path arguments, in path order.
        positional: Vec<String>,
    },
    /// `otc api <service> <METHOD> <PATH>`.
    Api {
        service_id: String,
        method: String,
        path: String,
    },
    /// `otc auth show`.
    AuthShow,
    /// `otc completion <shell>`.
    Completion { shell: String },
    /// `otc docs [SERVICE]`.
    Docs { service_id: Option<String> },
}

/// Whether an option takes a value (and so the next word, unless attached with `=`).
fn takes_value(option: &Arg) -> bool {
    option.get_action().takes_values()
}

/// Whether a word of short options (`-v`, `-o`, `-vo`, `-ojson`) ends with one that takes the
/// next word as its value.
fn short_options_take_the_next_word<'a>(
    argument: &str,
    options: impl Iterator<Item = &'a Arg> + Clone,
) -> bool {
    for (offset, short) in argument[1..].char_indices() {
        let Some(option) = options
            .clone()
            .find(|option| option.get_short() == Some(short))
        else {
            return false;
        };
        if takes_value(option) {
            return argument.len() == 1 + offset + short.len_utf8();
        }
    }
    false
}

/// The words that choose the command tree: `(position, word)` of the service (or built-in
/// command) and of the operation, skipping the options before them and their values. `otc help
/// <service> <operation>` names them after `help`. A flag no option has ends the search: it
/// belongs to an operation (clap refuses it where it stands before one).
pub fn command_words<'a>(arguments: &'a [String], options: &[Arg]) -> Vec<(usize, &'a str)> {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut wanted = 2;
    let mut position = 0;
    while position < arguments.len() && words.len() < wanted {
        let argument = arguments[position].as_str();
        position += 1;
        if argument == "--" {
            break;
        }
        if let Some(long) = argument.strip_prefix("--") {
            let (name, attached) = match long.split_once('=') {
                Some((name, _)) => (name, true),
                None => (long, false),
            };
            match options
                .iter()
                .find(|option| option.get_long() == Some(name))
            {
                Some(option) if takes_value(option) && !attached => position += 1,
                Some(_) => {}
                None => break,
            }
        } else if argument.len() > 1 && argument.starts_with('-') {
            if short_options_take_the_next_word(argument, options.iter()) {
                position += 1;
            }
        } else {
            if words.is_empty() && argument == "help" {
                wanted = 3;
            }
            words.push((position - 1, argument));
        }
    }
    if words.first().is_some_and(|(_, word)| *word == "help") {
        words.remove(0);
    }
    words
}

/// The arguments after the operation's word with every flag spelling the operation's command
/// does not declare but the body-flag engine resolves rewritten to `--<dynamic flag> NAME
/// VALUE`.
fn rewrite_undeclared_flags(
    arguments: &[String],
    operation_position: usize,
    declared: &[&Arg],
    flags: &OperationFlags<'_>,
) -> Result<Vec<String>, CliError> {
    let mut rewritten: Vec<String> = arguments[..=operation_position].to_vec();
    let mut position = operation_position + 1;
    while position < arguments.len() {
        let argument = &arguments[position];
        position += 1;
        if argument == "--" {
            rewritten.extend(arguments[position - 1..].iter().cloned());
            break;
        }
        let Some(long) = argument.strip_prefix("--") else {
            rewritten.push(argument.clone());
            if argument.len() > 1
                && argument.starts_with('-')
                && short_options_take_the_next_word(argument, declared.iter().copied())
            {
                if let Some(value) = arguments.get(position) {
                    rewritten.push(value.clone());
                    position += 1;
                }
            }
            continue;
        };
        let (name, attached) = match long.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (long, None),
        };
        if let Some(option) = declared
            .iter()
            .find(|option| option.get_long() == Some(name))
        {
            rewritten.push(argument.clone());
            if takes_value(option) && attached.is_none() {
                if let Some(value) = arguments.get(position) {
                    rewritten.push(value.clone());
                    position += 1;
                }
            }
            continue;
        }
        if flags.resolve(name).is_err() {
            // Not a flag of this operation: clap says so, with its suggestions.
            rewritten.push(argument.clone());
            continue;
        }
        let value = match attached {
            Some(value) => value.to_owned(),
            None => {
                let value = arguments
                    .get(position)
                    .ok_or_else(|| CliError::usage(format!("--{name} needs a value")))?;
                position += 1;
                value.clone()
            }
        };
        rewritten.extend([format!("--{DYNAMIC_FLAG_ID}"), name.to_owned(), value]);
    }
    Ok(rewritten)
}

/// The service and operation the words name, loaded (either may be unknown: clap says so).
#[derive(Debug, Default)]
pub struct Named {
    /// The first word, when it names no service (a built-in command, or a mistake).
    pub other_word: Option<String>,
    pub service: Option<LoadedService>,
    /// The operation's word's position among the arguments, and the operation.
    pub operation: Option<(usize, Operation<'static>)>,
}

impl Named {
    pub fn load(words: &[(usize, &str)]) -> Result<Named, CliError> {
        let Some((_, first)) = words.first() else {
            return Ok(Named::default());
        };
        let Some(table) = find_service(first) else {
            return Ok(Named {
                other_word: Some((*first).to_owned()),
                ..Named::default()
            });
        };
        let service = LoadedService::load(table)?;
        let operation = match words.get(1) {
            Some((position, command)) => match service.operation_position(command) {
                Some(index) => Some((*position, service.operation(index)?)),
                None => None,
            },
            None => None,
        };
        Ok(Named {
            other_word: None,
            service: Some(service),
            operation,
        })
    }

    /// The named operation's flags.
    pub fn flags(&self) -> Option<OperationFlags<'_>> {
        match (&self.service, &self.operation) {
            (Some(service), Some((_, operation))) => Some(OperationFlags::new(service, operation)),
            _ => None,
        }
    }

    /// What the command tree is built for.
    pub fn selection<'s>(&'s self, flags: Option<&'s OperationFlags<'s>>) -> Selection<'s> {
        Selection {
            built_in: self.other_word.as_deref(),
            service: self.service.as_ref(),
            operation: flags,
        }
    }
}

/// Reads the arguments after the program name.
pub fn parse(arguments: &[String]) -> Result<Parsed, CliError> {
    let options = general_options();
    let words = command_words(arguments, &options);
    let named = Named::load(&words)?;
    let flags = named.flags();
    let command = root_command(named.selection(flags.as_ref()), FlagNames::Patterns);
    let arguments = match (&flags, &named.operation) {
        (Some(flags), Some((position, _))) => {
            let operation_command = command
                .find_subcommand(flags.service.index.service_id.as_ref())
                .and_then(|service| service.find_subcommand(flags.operation.command.as_ref()))
                .ok_or_else(|| CliError::failure("the operation's command was not built"))?;
            let declared: Vec<&Arg> = operation_command
                .get_arguments()
                .chain(options.iter())
                .collect();
            rewrite_undeclared_flags(arguments, *position, &declared, flags)?
        }
        _ => arguments.to_vec(),
    };
    drop(flags);
    let Named {
        service, operation, ..
    } = named;
    let missing = match &service {
        Some(service) => format!("an operation of {} is missing", service.table.id),
        None => "a service or command is missing".to_owned(),
    };
    let matches =
        match command.try_get_matches_from(std::iter::once(PROGRAM.to_owned()).chain(arguments)) {
            Ok(matches) => matches,
            Err(error) => return clap_outcome(&error, &missing),
        };
    // Each command on the way has its own options: those given before the service or command,
    // before the operation, after it, in this order.
    let mut options = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let mut leaf = &matches;
    loop {
        options.extend(given_options(leaf));
        match leaf.subcommand() {
            Some((name, matches)) => {
                names.push(name);
                leaf = matches;
            }
            None => break,
        }
    }
    let target = match names.as_slice() {
        ["api"] => Target::Api {
            service_id: one(leaf, "service"),
            method: one(leaf, "method"),
            path: one(leaf, "path"),
        },
        ["auth", "show"] => Target::AuthShow,
        ["completion"] => Target::Completion {
            shell: one(leaf, "shell"),
        },
        ["docs"] => Target::Docs {
            service_id: leaf.get_one::<String>("service").cloned(),
        },
        [_, _] => {
            let (Some(service), Some((_, operation))) = (service, operation) else {
                return Err(CliError::failure(format!(
                    "{}: clap found an operation the command line did not name",
                    names.join(" ")
                )));
            };
            let positional = operation
                .parameters
                .iter()
                .filter(|parameter| parameter.place == ParameterPlace::Path)
                .filter_map(|parameter| {
                    leaf.get_one::<String>(&path_argument_id(&parameter.flag))
                        .cloned()
                })
                .collect();
            Target::Operation {
                service,
                operation: Box::new(operation),
                positional,
            }
        }
        _ => return Err(CliError::usage(missing)),
    };
    let command_line = CommandLine {
        options,
        flags: match target {
            Target::Operation { .. } => given_flags(leaf),
            _ => Vec::new(),
        },
    };
    Ok(Parsed::Run(Box::new(Invocation {
        target,
        command_line,
    })))
}

/// A required positional argument's value.
fn one(matches: &ArgMatches, id: &str) -> String {
    matches.get_one::<String>(id).cloned().unwrap_or_default()
}

/// Help and the version are output; a missing command shows the help of where it is missing
/// (as a usage error); any other mistake is clap's message without its `error: ` prefix.
fn clap_outcome(error: &clap::Error, missing: &str) -> Result<Parsed, CliError> {
    let text = error.render().to_string();
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Ok(Parsed::Show(text)),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Err(CliError::usage(format!("{missing}\n\n{text}")))
        }
        _ => {
            let message = text.strip_prefix("error: ").unwrap_or(&text);
            Err(CliError::usage(message.trim_end()))
        }
    }
}

/// The options given on the command line (not their defaults), by their static names.
fn given_options(matches: &ArgMatches) -> Vec<(&'static str, Option<String>)> {
    let mut options = Vec::new();
    for name in GLOBAL_FLAG_NAMES {
        if !matches!(matches.try_get_raw(name), Ok(Some(_)))
            || matches.value_source(name) != Some(ValueSource::CommandLine)
        {
            continue;
        }
        if let Ok(Some(switch)) = matches.try_get_one::<bool>(name) {
            if *switch {
                options.push((*name, None));
            }
        } else if let Ok(Some(values)) = matches.try_get_many::<String>(name) {
            options.extend(values.map(|value| (*name, Some(value.clone()))));
        }
    }
    options
}

/// The operation's flags given, declared and rewritten alike, in the order given (clap's
/// indices): every argument of the operation's command but its options and path arguments.
fn given_flags(matches: &ArgMatches) -> Vec<(String, String)> {
    let mut flags: Vec<(usize, String, String)> = Vec::new();
    for id in matches.ids() {
        let id = id.as_str();
        if GLOBAL_FLAG_NAMES.contains(&id) || id.starts_with(&path_argument_id("")) {
            continue;
        }
        let (Ok(Some(values)), Some(indices)) =
            (matches.try_get_many::<String>(id), matches.indices_of(id))
        else {
            continue;
        };
        let given = indices.zip(values);
        if id == DYNAMIC_FLAG_ID {
            // Name and value, two values per occurrence.
            let pairs: Vec<(usize, &String)> = given.collect();
            for pair in pairs.chunks(2) {
                if let [(index, name), (_, value)] = pair {
                    flags.push((*index, (*name).clone(), (*value).clone()));
                }
            }
        } else {
            flags.extend(given.map(|(index, value)| (index, id.to_owned(), value.clone())));
        }
    }
    flags.sort_by_key(|(index, _, _)| *index);
    flags
        .into_iter()
        .map(|(_, name, value)| (name, value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    fn invocation(text: &str) -> Invocation {
        match parse(&arguments(text)).expect("valid") {
            Parsed::Run(invocation) => *invocation,
            Parsed::Show(text) => panic!("help instead of a command: {text}"),
        }
    }

    #[test]
    fn the_words_skip_options_and_their_values() {
        let options = general_options();
        let line = arguments("-o table --query x -v vpc create-vpc --vpc.name web");
        assert_eq!(
            command_words(&line, &options),
            [(5, "vpc"), (6, "create-vpc")]
        );
        let line = arguments("-otable --region=eu-de help vpc show-vpc");
        assert_eq!(
            command_words(&line, &options),
            [(3, "vpc"), (4, "show-vpc")]
        );
        let line = arguments("-vo table vpc list-vpcs -c id");
        assert_eq!(
            command_words(&line, &options),
            [(2, "vpc"), (3, "list-vpcs")]
        );
        // An operation's flag before the operation ends the search.
        let line = arguments("vpc --vpc.name web create-vpc");
        assert_eq!(command_words(&line, &options), [(0, "vpc")]);
    }

    #[test]
    fn options_stand_anywhere_and_flags_keep_their_order() {
        let invocation = invocation(
            "-o table vpc create-vpc --vpc.name web --vpc.cidr=10.0.0.0/16 -c id -cname --dry-run --vpc.description -x",
        );
        let command_line = invocation.command_line;
        assert!(matches!(invocation.target, Target::Operation { .. }));
        assert_eq!(command_line.value("output"), Some("table"));
        assert_eq!(command_line.values("column"), ["id", "name"]);
        assert!(command_line.switch("dry-run"));
        assert_eq!(
            command_line.flags,
            [
                ("vpc.name".to_owned(), "web".to_owned()),
                ("vpc.cidr".to_owned(), "10.0.0.0/16".to_owned()),
                ("vpc.description".to_owned(), "-x".to_owned()),
            ]
        );
    }

    #[test]
    fn options_of_every_command_on_the_way_count_in_order() {
        let auth = invocation("-o yaml auth -c a show -v -o json");
        assert!(matches!(auth.target, Target::AuthShow));
        let command_line = auth.command_line;
        assert_eq!(command_line.values("output"), ["yaml", "json"]);
        assert_eq!(command_line.value("output"), Some("json"));
        assert_eq!(command_line.values("column"), ["a"]);
        assert!(command_line.switch("verbose"));
        let list = invocation("--region eu-nl vpc --query x list-vpcs --limit 5");
        assert_eq!(list.command_line.value("region"), Some("eu-nl"));
        assert_eq!(list.command_line.value("query"), Some("x"));
        assert_eq!(
            list.command_line.flags,
            [("limit".to_owned(), "5".to_owned())]
        );
    }

    #[test]
    fn undeclared_spellings_reach_the_engine_in_order() {
        let invocation = invocation(
            "cce create-node c-1 --spec.data-volumes.1.size 5 --kind Node --spec.data-volumes.0.size=4 --spec.root-volume.extend-param.x.max-pods 3 --spec.az -1",
        );
        assert_eq!(
            invocation.command_line.flags,
            [
                ("spec.data-volumes.1.size".to_owned(), "5".to_owned()),
                ("kind".to_owned(), "Node".to_owned()),
                ("spec.data-volumes.0.size".to_owned(), "4".to_owned()),
                (
                    "spec.root-volume.extend-param.x.max-pods".to_owned(),
                    "3".to_owned()
                ),
                ("spec.az".to_owned(), "-1".to_owned()),
            ]
        );
        let Target::Operation { positional, .. } = invocation.target else {
            panic!("an operation");
        };
        assert_eq!(positional, ["c-1"]);
    }

    #[test]
    fn mistakes_are_usage_errors_from_clap() {
        let error = |text: &str| parse(&arguments(text)).expect_err("a mistake").message;
        assert!(
            error("vpc list-vpcs --limit").contains("a value is required for '--limit"),
            "{}",
            error("vpc list-vpcs --limit")
        );
        assert!(error("vpc list-vpcs --dry-run=yes").contains("--dry-run"));
        assert!(error("-x").contains("unexpected argument '-x'"));
        assert!(error("vpc list-vpcz").contains("unrecognized subcommand 'list-vpcz'"));
        assert!(error("vpc list-vpcs --no-such-flag 1")
            .contains("unexpected argument '--no-such-flag'"));
        assert!(error("vpc").starts_with("an operation of vpc is missing\n\n"));
    }

    #[test]
    fn after_a_double_dash_everything_is_positional() {
        let invocation = invocation("vpc show-vpc -- -odd-id");
        let Target::Operation { positional, .. } = invocation.target else {
            panic!("an operation");
        };
        assert_eq!(positional, ["-odd-id"]);
    }
}
