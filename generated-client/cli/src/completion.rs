//! Shell completion for bash, zsh, fish and PowerShell. Each shell's script (`otc completion
//! <shell>`) hands the words typed so far to `otc __complete`, which answers from the tables
//! (services, operations, every body flag, allowed values, output formats, and the cloud
//! names of `clouds.yaml` for `--os-cloud`): one engine for every shell, reading only the table
//! of the service on the line.

use otc_cli_table::BUILT_IN_COMMANDS;

use crate::command_line::{find_option, OPTIONS};
use crate::flags::OperationFlags;
use crate::output::Format;
use crate::table::{find_service, services, LoadedService};

/// The shells with a script.
pub const SHELLS: [&str; 4] = ["bash", "zsh", "fish", "powershell"];

/// The completion script of a shell.
pub fn script(shell: &str) -> Option<&'static str> {
    Some(match shell {
        "bash" => {
            "# otc completion for bash: eval \"$(otc completion bash)\"\n\
_otc_complete() {\n\
    local IFS=$'\\n'\n\
    local candidates\n\
    candidates=$(otc __complete \"${COMP_WORDS[@]:1:COMP_CWORD}\" 2>/dev/null)\n\
    COMPREPLY=($(compgen -W \"$candidates\" -- \"${COMP_WORDS[COMP_CWORD]}\"))\n\
}\n\
complete -o default -F _otc_complete otc\n"
        }
        "zsh" => {
            "#compdef otc\n# otc completion for zsh: eval \"$(otc completion zsh)\" (after compinit)\n\
_otc() {\n\
  local -a candidates\n\
  candidates=(\"${(@f)$(otc __complete \"${(@)words[2,CURRENT]}\" 2>/dev/null)}\")\n\
  compadd -a candidates\n\
}\n\
compdef _otc otc\n"
        }
        "fish" => {
            "# otc completion for fish: otc completion fish | source\n\
function __otc_complete\n\
    set -l words (commandline -opc) (commandline -ct)\n\
    otc __complete $words[2..-1] 2>/dev/null\n\
end\n\
complete -c otc -f -a '(__otc_complete)'\n"
        }
        "powershell" => {
            "# otc completion for PowerShell: otc completion powershell | Out-String | Invoke-Expression\n\
Register-ArgumentCompleter -Native -CommandName otc -ScriptBlock {\n\
    param($wordToComplete, $commandAst, $cursorPosition)\n\
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })\n\
    if ($wordToComplete -eq '') { $words += '\"\"' }\n\
    otc __complete @words 2>$null | ForEach-Object {\n\
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n\
    }\n\
}\n"
        }
        _ => return None,
    })
}

/// The candidates for the last of `words` (the words after `otc`, the last being the one the
/// cursor is in, maybe empty), filtered by what it starts with.
pub fn candidates(words: &[String]) -> Vec<String> {
    let Some((current, before)) = words.split_last() else {
        return Vec::new();
    };
    // An empty word from PowerShell arrives quoted.
    let current = if current == "\"\"" {
        ""
    } else {
        current.as_str()
    };
    // The positional words typed so far, and whether the word before the cursor wants a
    // value (an option with a value, or an operation flag).
    let mut positional: Vec<&str> = Vec::new();
    let mut wants_value: Option<&str> = None;
    let mut index = 0;
    while index < before.len() {
        let word = before[index].as_str();
        index += 1;
        if let Some(long) = word.strip_prefix("--") {
            if long.contains('=') {
                continue;
            }
            let takes_value = find_option(long).is_none_or(|option| option.value.is_some());
            if takes_value {
                if index == before.len() {
                    wants_value = Some(long);
                }
                index += 1;
            }
        } else if let Some(short) = word.strip_prefix('-').filter(|short| short.len() == 1) {
            let short = short.chars().next();
            let option = OPTIONS.iter().find(|option| option.short == short);
            if let Some(option) = option.filter(|option| option.value.is_some()) {
                if index == before.len() {
                    wants_value = Some(option.name);
                }
                index += 1;
            }
        } else {
            positional.push(word);
        }
    }
    let loaded = positional
        .first()
        .and_then(|service_id| find_service(service_id))
        .and_then(|table| LoadedService::load(table).ok());
    let operation = match (&loaded, positional.get(1)) {
        (Some(service), Some(command)) => service
            .operation_position(command)
            .and_then(|position| service.operation(position).ok()),
        _ => None,
    };
    let mut found: Vec<String> = match wants_value {
        Some("output") => Format::NAMES
            .iter()
            .map(|name| (*name).to_owned())
            .collect(),
        Some("os-cloud") => crate::configuration::cloud_names(),
        Some(name) => match (&loaded, &operation) {
            (Some(service), Some(operation)) => {
                let flags = OperationFlags::new(service, operation);
                if name == "null" {
                    flags
                        .list()
                        .into_iter()
                        .filter(|listing| listing.place == "body")
                        .map(|listing| concrete(&listing.flag))
                        .collect()
                } else {
                    flags
                        .list()
                        .into_iter()
                        .find(|listing| concrete(&listing.flag) == name || listing.flag == name)
                        .map(|listing| listing.allowed_values)
                        .unwrap_or_default()
                }
            }
            _ => Vec::new(),
        },
        None if current.starts_with('-') => {
            let mut flags: Vec<String> = Vec::new();
            if let (Some(service), Some(operation)) = (&loaded, &operation) {
                let operation_flags = OperationFlags::new(service, operation);
                flags.extend(
                    operation_flags
                        .list()
                        .into_iter()
                        .map(|listing| format!("--{}", concrete(&listing.flag))),
                );
            }
            flags.extend(
                OPTIONS
                    .iter()
                    .filter(|option| operation.is_some() || !option.operation_only)
                    .map(|option| format!("--{}", option.name)),
            );
            flags
        }
        None => match positional.as_slice() {
            [] => services()
                .iter()
                .map(|service| service.id.to_owned())
                .chain(
                    BUILT_IN_COMMANDS
                        .iter()
                        .filter(|command| **command != "help")
                        .map(|command| (*command).to_owned()),
                )
                .collect(),
            ["completion"] => SHELLS.iter().map(|shell| (*shell).to_owned()).collect(),
            ["auth"] => vec!["show".to_owned()],
            ["docs"] | ["api"] => services()
                .iter()
                .map(|service| service.id.to_owned())
                .collect(),
            ["api", _] => ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]
                .iter()
                .map(|method| (*method).to_owned())
                .collect(),
            [_] => loaded
                .as_ref()
                .map(|service| {
                    service
                        .index
                        .operations
                        .iter()
                        .map(|operation| operation.command.to_string())
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        },
    };
    found.retain(|candidate| candidate.starts_with(current));
    found.dedup();
    found
}

/// A listed flag as one can type it: the first array element for `<N>`; a map's flag itself
/// for `<KEY>` (its value is `key=value`).
fn concrete(flag: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in flag.split('.') {
        match segment {
            "<N>" => segments.push("0"),
            "<KEY>" => break,
            other => segments.push(other),
        }
    }
    segments.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn the_positions_complete_services_operations_and_values() {
        assert!(candidates(&words("vp")).contains(&"vpc".to_owned()));
        assert!(candidates(&words("")).contains(&"completion".to_owned()));
        assert_eq!(candidates(&words("completion f")), ["fish"]);
        assert_eq!(candidates(&words("-o t")), ["table", "tsv"]);
        assert!(candidates(&words("vpc list-vp"))
            .iter()
            .all(|command| command.starts_with("list-vp")));
        assert!(!candidates(&words("vpc list-vp")).is_empty());
    }

    #[test]
    fn flags_are_concrete() {
        assert_eq!(
            concrete("server.nics.<N>.subnet-id"),
            "server.nics.0.subnet-id"
        );
        assert_eq!(concrete("metadata.<KEY>.value"), "metadata");
    }
}
