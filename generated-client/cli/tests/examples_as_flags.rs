//! Every documented request example, given as flags (each leaf its own flag, arrays indexed,
//! map entries by key, `null`s through `--null`) on a command line read as `otc` reads it
//! (clap, with the indexed and keyed spellings through the body-flag engine), makes exactly
//! the example's JSON: the flags reach every field the docs show, at any depth.

use otc_cli::command_line::{parse, Parsed, Target};
use otc_cli::flags::OperationFlags;
use otc_cli::input::request_values;
use otc_cli::table::{services, LoadedService};
use otc_cli_table::ParameterPlace;

#[test]
fn every_request_example_given_as_flags_makes_the_same_json() {
    let mut examples = 0;
    let mut leaves_as_flags = 0;
    let mut whole_values = 0;
    let mut failures = Vec::new();
    for table in services() {
        let service = LoadedService::load(table).expect("the table reads");
        for position in 0..service.index.operations.len() {
            let operation = service.operation(position).expect("an operation");
            let Some(body) = &operation.body else {
                continue;
            };
            let flags = OperationFlags::new(&service, &operation);
            for example in &body.examples {
                examples += 1;
                // The command line a person would type: the path arguments (any value will
                // do for the body), then each flag and its value, read by clap as `otc` reads
                // it.
                let mut arguments = vec![table.id.to_owned(), operation.command.to_string()];
                arguments.extend(
                    operation
                        .parameters
                        .iter()
                        .filter(|parameter| parameter.place == ParameterPlace::Path)
                        .map(|_| "x".to_owned()),
                );
                for (flag, value) in flags.flags_for_body(example) {
                    // `null` is `--null FLAG`, the body's root given whole `--body VALUE`.
                    if flag != "null" {
                        if flag == "body" || value.starts_with('{') || value.starts_with('[') {
                            whole_values += 1;
                        } else {
                            leaves_as_flags += 1;
                        }
                    }
                    arguments.push(format!("--{flag}"));
                    arguments.push(value);
                }
                let invocation = match parse(&arguments) {
                    Ok(Parsed::Run(invocation)) => invocation,
                    Ok(Parsed::Show(text)) => {
                        failures.push(format!(
                            "{}: help instead of a command: {text}",
                            arguments.join(" ")
                        ));
                        continue;
                    }
                    Err(error) => {
                        failures.push(format!("{}: {}", arguments.join(" "), error.message));
                        continue;
                    }
                };
                let Target::Operation { positional, .. } = &invocation.target else {
                    failures.push(format!("{}: not an operation", arguments.join(" ")));
                    continue;
                };
                match request_values(&flags, &invocation.command_line, positional) {
                    Ok(values) if values.body.as_ref() == Some(example) => {}
                    Ok(values) => failures.push(format!(
                        "{}: made {}",
                        arguments.join(" "),
                        values.body.map(|body| body.to_string()).unwrap_or_default()
                    )),
                    Err(error) => {
                        failures.push(format!("{}: {}", arguments.join(" "), error.message))
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {examples} examples differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(examples > 800, "{examples} examples");
    println!("{examples} examples: {leaves_as_flags} leaf flags, {whole_values} values given as JSON on their flag");
}
