//! The command line read into words, the command line's own options and the operation's flags,
//! without knowing the operation yet: `otc vpc create-vpc --vpc.name web -o json` is the
//! words `vpc create-vpc`, the option `output = json` and the flag `vpc.name = web`. The
//! options are a table too ([`OPTIONS`]); their names are `otc_cli_table::GLOBAL_FLAG_NAMES`,
//! which no operation flag takes, so options may stand anywhere, before or after the words.

use otc_cli_table::GLOBAL_FLAG_NAMES;

use crate::failure::CliError;

/// One option of the command line itself.
#[derive(Debug)]
pub struct OptionDefinition {
    pub name: &'static str,
    pub short: Option<char>,
    /// The placeholder of its value; `None` for a switch.
    pub value: Option<&'static str>,
    pub help: &'static str,
    /// Only meaningful on an operation (shown in an operation's help, not the top level's).
    pub operation_only: bool,
}

const fn option(
    name: &'static str,
    short: Option<char>,
    value: Option<&'static str>,
    help: &'static str,
    operation_only: bool,
) -> OptionDefinition {
    OptionDefinition {
        name,
        short,
        value,
        help,
        operation_only,
    }
}

/// Every option, in the order help lists them.
pub const OPTIONS: &[OptionDefinition] = &[
    option("output", Some('o'), Some("FORMAT"), "json, yaml, table, wide, tsv, csv, value or ndjson (default: json)", false),
    option("column", Some('c'), Some("NAME"), "a column of table, wide, tsv, csv and value output (repeatable; a dotted path or a JMESPath expression)", false),
    option("query", None, Some("JMESPATH"), "a JMESPath expression applied to the whole result (after every page)", false),
    option("os-cloud", None, Some("NAME"), "the clouds.yaml entry to use (default: OS_CLOUD, else the OS_* variables)", false),
    option("region", None, Some("REGION"), "the region, instead of the configuration's", false),
    option("endpoint", None, Some("URL"), "the service's base URL, instead of the one the region gives", false),
    option("timeout", None, Some("SECONDS"), "the timeout of each HTTP attempt (default 60)", false),
    option("verbose", Some('v'), None, "tell on stderr what is sent and received (secrets replaced)", false),
    option("debug", None, None, "the same as --verbose", false),
    option("help", Some('h'), None, "show help", false),
    option("version", Some('V'), None, "show the version", false),
    option("body", None, Some("JSON|YAML|@FILE|-"), "the whole request body; flags given beside it win", true),
    option("body-template", None, None, "print a skeleton of the body (required fields, allowed values, the page's example) and send nothing", true),
    option("null", None, Some("FLAG"), "send null for this body field (its flag without dashes, repeatable)", true),
    option("dry-run", None, None, "print the request that would be sent (secrets replaced) and send nothing", true),
    option("no-validate", None, None, "send even if the input does not fit the spec (the docs can be wrong)", true),
    option("all", None, None, "every page of a paginated list", true),
    option("max-items", None, Some("N"), "at most N items of a paginated list (across pages)", true),
    option("page-size", None, Some("N"), "items per page of a paginated list", true),
    option("wait-for", None, Some("JMESPATH"), "repeat the command until this expression holds on its result", true),
    option("wait-timeout", None, Some("SECONDS"), "give up waiting after this long (default 600)", true),
    option("wait-interval", None, Some("SECONDS"), "wait this long between tries (default 5)", true),
];

/// The option with this long name.
pub fn find_option(name: &str) -> Option<&'static OptionDefinition> {
    OPTIONS.iter().find(|option| option.name == name)
}

/// The command line read, the operation's flags not yet resolved.
#[derive(Debug, Default)]
pub struct CommandLine {
    /// The words in order: service (or built-in command), operation, positional arguments.
    pub words: Vec<String>,
    /// The options given, by long name, in order (a repeated option appears repeatedly).
    pub options: Vec<(&'static str, Option<String>)>,
    /// The operation's flags (name without dashes, value), in order.
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

    pub fn wants_help(&self) -> bool {
        self.switch("help")
    }
}

/// Reads the arguments after the program name.
pub fn parse(arguments: &[String]) -> Result<CommandLine, CliError> {
    debug_assert!(OPTIONS
        .iter()
        .all(|option| GLOBAL_FLAG_NAMES.contains(&option.name)));
    let mut command_line = CommandLine::default();
    let mut position = 0;
    let mut only_words = false;
    while position < arguments.len() {
        let argument = &arguments[position];
        position += 1;
        if only_words || argument == "-" || !argument.starts_with('-') {
            command_line.words.push(argument.clone());
            continue;
        }
        if argument == "--" {
            only_words = true;
            continue;
        }
        let mut take_value = |name: &str, attached: Option<&str>| -> Result<String, CliError> {
            if let Some(attached) = attached {
                return Ok(attached.to_owned());
            }
            let value = arguments
                .get(position)
                .ok_or_else(|| CliError::usage(format!("--{name} needs a value")))?;
            position += 1;
            Ok(value.clone())
        };
        if let Some(long) = argument.strip_prefix("--") {
            let (name, attached) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (long, None),
            };
            match find_option(name) {
                Some(option) => {
                    let value = match option.value {
                        Some(_) => Some(take_value(name, attached)?),
                        None if attached.is_some() => {
                            return Err(CliError::usage(format!("--{name} takes no value")))
                        }
                        None => None,
                    };
                    command_line.options.push((option.name, value));
                }
                None => {
                    // Every flag of an operation takes a value (`--enabled false`), so a value
                    // that starts with a dash (`--offset -1`) is read as the value.
                    let value = take_value(name, attached)?;
                    command_line.flags.push((name.to_owned(), value));
                }
            }
            continue;
        }
        // Short options: `-o json`, `-ojson`, `-vh`.
        for (offset, short) in argument[1..].char_indices() {
            let option = OPTIONS
                .iter()
                .find(|option| option.short == Some(short))
                .ok_or_else(|| CliError::usage(format!("unknown option -{short}")))?;
            if option.value.is_some() {
                let rest = &argument[1 + offset + short.len_utf8()..];
                let attached = rest.strip_prefix('=').unwrap_or(rest);
                let value = take_value(option.name, (!attached.is_empty()).then_some(attached))?;
                command_line.options.push((option.name, Some(value)));
                break;
            }
            command_line.options.push((option.name, None));
        }
    }
    Ok(command_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn options_stand_anywhere_and_flags_take_values() {
        let command_line = parse(&arguments(
            "-o table vpc create-vpc --vpc.name web --vpc.cidr=10.0.0.0/16 --offset -1 -c id -cname --dry-run",
        ))
        .expect("valid");
        assert_eq!(command_line.words, ["vpc", "create-vpc"]);
        assert_eq!(command_line.value("output"), Some("table"));
        assert_eq!(command_line.values("column"), ["id", "name"]);
        assert!(command_line.switch("dry-run"));
        assert_eq!(
            command_line.flags,
            [
                ("vpc.name".to_owned(), "web".to_owned()),
                ("vpc.cidr".to_owned(), "10.0.0.0/16".to_owned()),
                ("offset".to_owned(), "-1".to_owned()),
            ]
        );
    }

    #[test]
    fn mistakes_are_usage_errors() {
        assert_eq!(
            parse(&arguments("vpc list-vpcs --limit"))
                .expect_err("no value")
                .message,
            "--limit needs a value"
        );
        assert_eq!(
            parse(&arguments("--dry-run=yes"))
                .expect_err("a switch")
                .message,
            "--dry-run takes no value"
        );
        assert_eq!(
            parse(&arguments("-x")).expect_err("unknown").message,
            "unknown option -x"
        );
    }

    #[test]
    fn after_a_double_dash_everything_is_a_word() {
        let command_line = parse(&arguments("vpc show-vpc -- -odd-id")).expect("valid");
        assert_eq!(command_line.words, ["vpc", "show-vpc", "-odd-id"]);
    }
}
