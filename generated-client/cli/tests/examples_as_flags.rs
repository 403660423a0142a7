//! Every documented request example, given as flags (each leaf its own flag, arrays indexed,
//! map entries by key, `null`s through `--null`), makes exactly the example's JSON: the
//! flags reach every field the docs show, at any depth.

use otc_cli::command_line::CommandLine;
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
                let mut command_line = CommandLine::default();
                for (flag, value) in flags.flags_for_body(example) {
                    if flag == "null" {
                        command_line.options.push(("null", Some(value)));
                    } else {
                        if flag == "body" || value.starts_with('{') || value.starts_with('[') {
                            whole_values += 1;
                        } else {
                            leaves_as_flags += 1;
                        }
                        command_line.flags.push((flag, value));
                    }
                }
                // The path arguments do not matter for the body.
                let positional: Vec<String> = operation
                    .parameters
                    .iter()
                    .filter(|parameter| parameter.place == ParameterPlace::Path)
                    .map(|_| "x".to_owned())
                    .collect();
                let body_flag = command_line
                    .flags
                    .iter()
                    .position(|(flag, _)| flag == "body");
                if let Some(index) = body_flag {
                    // The body's root given whole (an empty object, or members only JSON
                    // carries): that is `--body`.
                    let (_, value) = command_line.flags.remove(index);
                    command_line.options.push(("body", Some(value)));
                }
                match request_values(&flags, &command_line, &positional) {
                    Ok(values) if values.body.as_ref() == Some(example) => {}
                    Ok(values) => failures.push(format!(
                        "{} {}: {:?} made {}",
                        table.id,
                        operation.command,
                        command_line.flags,
                        values.body.map(|body| body.to_string()).unwrap_or_default()
                    )),
                    Err(error) => failures.push(format!(
                        "{} {}: {:?}: {}",
                        table.id, operation.command, command_line.flags, error.message
                    )),
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
