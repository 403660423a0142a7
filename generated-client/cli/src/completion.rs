//! Shell completion by clap_complete's dynamic engine (`clap_complete::env`, behind its
//! `unstable-dynamic` feature; the version is pinned by Cargo.lock). `otc completion <shell>`
//! prints clap_complete's registration script for bash, elvish, fish, PowerShell or zsh; the
//! script runs `OTC_COMPLETE=<shell> otc -- <words>` at each TAB, and [`complete_from_environment`]
//! answers from the command tree built for those words (the service and operation on the line
//! only), with every flag named as one types it ([`FlagNames::Typeable`]): services, operations,
//! options, every flag of the operation at any depth, allowed values, and the cloud names of
//! `clouds.yaml` for `--os-cloud`.
//!
//! The variable is `OTC_COMPLETE` rather than clap_complete's default `COMPLETE`, a name
//! common enough to be set for something else, which would make `otc` print completions instead
//! of running.

use clap::Command;
use clap_complete::env::{EnvCompleter, Shells};
use clap_complete::CompleteEnv;

use crate::command_line::{command_words, Named};
use crate::command_tree::{general_options, root_command, FlagNames, PROGRAM};
use crate::failure::CliError;

/// The environment variable that makes `otc` complete instead of run.
pub const COMPLETE_VARIABLE: &str = "OTC_COMPLETE";

/// clap_complete's shells.
const SHELLS: Shells<'static> = Shells::builtins();

fn shell(name: &str) -> Option<&'static dyn EnvCompleter> {
    SHELLS.completer(name)
}

/// The shells `otc completion` writes a script for.
pub fn shell_names() -> Vec<&'static str> {
    SHELLS.names().collect()
}

/// The registration script of a shell (`otc completion <shell>`).
pub fn script(shell_name: &str) -> Result<String, CliError> {
    let shell = shell(shell_name)
        .ok_or_else(|| CliError::usage(format!("{shell_name:?} is not a shell otc completes")))?;
    let mut script = Vec::new();
    shell
        .write_registration(COMPLETE_VARIABLE, PROGRAM, PROGRAM, PROGRAM, &mut script)
        .map_err(|error| CliError::failure(format!("writing the script: {error}")))?;
    String::from_utf8(script).map_err(|error| CliError::failure(error.to_string()))
}

/// The command tree completion works on for `words` (the words on the line, `otc` first):
/// the service and operation they name, flags as one types them.
pub fn completion_command(words: &[String]) -> Command {
    let options = general_options();
    let after_program = words.get(1..).unwrap_or_default();
    // A table that does not read completes as if its service were unknown.
    let named = Named::load(&command_words(after_program, &options)).unwrap_or_default();
    let flags = named.flags();
    root_command(
        named.selection(flags.as_ref()),
        FlagNames::Typeable { words },
    )
}

/// Completes and exits when the shell's script asks (`OTC_COMPLETE` is set); returns at once
/// otherwise.
pub fn complete_from_environment() {
    CompleteEnv::with_factory(|| {
        // The words after `--`: what the script passes.
        let arguments: Vec<String> = std::env::args_os()
            .map(|argument| argument.to_string_lossy().into_owned())
            .collect();
        let words = match arguments.iter().position(|argument| argument == "--") {
            Some(position) => arguments[position + 1..].to_vec(),
            None => Vec::new(),
        };
        completion_command(&words)
    })
    .var(COMPLETE_VARIABLE)
    .bin(PROGRAM)
    .completer(PROGRAM)
    .complete();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidates for the last word of `line`.
    fn complete(line: &str) -> Vec<String> {
        let words: Vec<String> = line.split(' ').map(str::to_owned).collect();
        let mut command = completion_command(&words);
        let index = words.len() - 1;
        clap_complete::engine::complete(
            &mut command,
            words.iter().map(Into::into).collect(),
            index,
            None,
        )
        .expect("candidates")
        .into_iter()
        .map(|candidate| candidate.get_value().to_string_lossy().into_owned())
        .collect()
    }

    #[test]
    fn services_operations_flags_and_values_complete() {
        assert!(complete("otc vp").contains(&"vpc".to_owned()));
        assert!(complete("otc ").contains(&"completion".to_owned()));
        assert_eq!(complete("otc completion f"), ["fish"]);
        assert_eq!(complete("otc -o t"), ["table", "tsv"]);
        let operations = complete("otc vpc list-vp");
        assert!(!operations.is_empty());
        assert!(operations
            .iter()
            .all(|command| command.starts_with("list-vp")));
        assert_eq!(complete("otc vpc create-vpc --vpc.ci"), ["--vpc.cidr"]);
        assert_eq!(
            complete("otc vpc create-vpc-flow-log --flow-log.resource-type "),
            ["port", "vpc", "network"]
        );
    }

    #[test]
    fn indexed_flags_complete_at_the_index_typed() {
        assert_eq!(
            complete("otc ecs create-ecs-instances --server.nics.0.sub"),
            ["--server.nics.0.subnet-id"]
        );
        assert_eq!(
            complete("otc ecs create-ecs-instances --server.nics.3.sub"),
            ["--server.nics.3.subnet-id"]
        );
    }

    #[test]
    fn every_shell_has_a_script_that_calls_otc() {
        for shell in shell_names() {
            let script = script(shell).expect("a script");
            assert!(script.contains(COMPLETE_VARIABLE), "{shell}: {script}");
        }
        assert!(script("tcsh").is_err());
    }
}
