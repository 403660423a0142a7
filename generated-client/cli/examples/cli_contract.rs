//! The command line's contract test against Prism (`cargo xtask contract-test` runs it per
//! service, against the same mock as the client's driver): every operation with a documented
//! request example is run through `otc`, its path and query arguments from the spec's
//! examples or values satisfying their schemas (as the client's driver has them), its body
//! once as flags and once as `--body`, each with `-o json` and `-o yaml`. Each run must exit
//! 0 (Prism answers a request that breaks the spec with 4xx, which exits 4) and print JSON
//! or YAML that parses. The last line is the summary xtask reads.
//!
//! Usage: `cli_contract --service <id> --spec <path> [--view <n>] --base-url <url>`, with
//! `OS_TOKEN` and `OS_PROJECT_ID` set (xtask sets them). `--view` names the view of the spec
//! the mock serves (as for the client's driver): only the operations of that view are run, a
//! variant of an operation (`x-operation-variants`) in the view of its place, against its own
//! page's tables.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use otc_cli::failure::ExitStatus;
use otc_cli::flags::OperationFlags;
use otc_cli::table::{find_service, LoadedService};
use otc_cli::Terminal;
use otc_cli_table::ParameterPlace;
use otc_codegen::generate::contract_tests::{find_operation, parameter_value, variant_view_of};
use otc_codegen::generate::ir::build_service_module;

#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run(arguments: &[String]) -> (ExitStatus, String, String) {
    let (stdout, stderr) = (Captured::default(), Captured::default());
    let mut terminal = Terminal::new(Box::new(stdout.clone()), Box::new(stderr.clone()));
    let status = otc_cli::run(arguments, &mut terminal);
    drop(terminal);
    let text = |captured: &Captured| String::from_utf8_lossy(&captured.0.borrow()).into_owned();
    (status, text(&stdout), text(&stderr))
}

fn argument(arguments: &[String], name: &str) -> String {
    arguments
        .iter()
        .position(|argument| argument == name)
        .and_then(|position| arguments.get(position + 1))
        .cloned()
        .unwrap_or_else(|| {
            panic!("{name} is missing: cli_contract --service <id> --spec <path> --base-url <url>")
        })
}

fn main() -> std::process::ExitCode {
    let arguments: Vec<String> = std::env::args().collect();
    let service_id = argument(&arguments, "--service");
    let spec_path = argument(&arguments, "--spec");
    let base_url = argument(&arguments, "--base-url");
    let view: usize = match arguments.iter().position(|argument| argument == "--view") {
        Some(_) => argument(&arguments, "--view")
            .parse()
            .expect("--view is a number"),
        None => 0,
    };
    let text = std::fs::read_to_string(&spec_path).expect("the spec reads");
    let document: openapiv3::OpenAPI = serde_yaml::from_str(&text).expect("the spec parses");
    let document_json = serde_json::to_value(&document).expect("the spec as JSON");
    let module = build_service_module(&document, &service_id).expect("the intermediate form");
    let table = find_service(&service_id).expect("the service has a table");
    let service = LoadedService::load(table).expect("the table reads");
    let (mut operations_run, mut runs, mut failures) = (0, 0, 0);
    // The canary: the first example without one of its required members, sent with
    // --no-validate, must be refused by the mock (exit 4): a clean run means something.
    let mut canary_done = false;
    for definition in &module.operations {
        if variant_view_of(definition) != view {
            continue;
        }
        let Some(body) = &definition.body else {
            continue;
        };
        let Some(example) = body.examples.first() else {
            continue;
        };
        let command = otc_cli_table::command_name(&definition.method_name);
        let position = service
            .operation_position(&command)
            .expect("every operation has a command");
        let operation = service.operation(position).expect("the operation reads");
        let flags = OperationFlags::new(&service, &operation);
        let spec_operation = find_operation(&document_json, definition);
        let mut base = vec![service_id.clone(), command.clone()];
        let mut parameter_flags = Vec::new();
        for parameter in &operation.parameters {
            let Some(ir_parameter) = definition
                .parameters
                .iter()
                .find(|candidate| candidate.wire_name == parameter.name.as_ref())
            else {
                continue;
            };
            let value = parameter_value(ir_parameter, spec_operation, &document_json);
            let texts: Vec<String> = match &value {
                serde_json::Value::Array(elements) => {
                    elements.iter().map(otc_cli::request::wire_text).collect()
                }
                other => vec![otc_cli::request::wire_text(other)],
            };
            match parameter.place {
                ParameterPlace::Path => base.push(texts.join(",")),
                ParameterPlace::Query | ParameterPlace::Header => {
                    for text in texts {
                        parameter_flags.push(format!("--{}", parameter.flag));
                        parameter_flags.push(text);
                    }
                }
            }
        }
        base.extend(parameter_flags);
        base.extend(["--endpoint".to_owned(), base_url.clone()]);
        let mut as_flags = base.clone();
        for (flag, value) in flags.flags_for_body(&example.value) {
            as_flags.push(format!("--{flag}"));
            as_flags.push(value);
        }
        let mut as_body = base.clone();
        as_body.extend(["--body".to_owned(), example.value.to_string()]);
        let required_member = flags
            .fields_of(&operation.body.as_ref().expect("a body").shape)
            .and_then(|fields| {
                fields
                    .into_iter()
                    .find(|field| {
                        field.required && example.value.get(field.name.as_ref()).is_some()
                    })
                    .map(|field| field.name.to_string())
            });
        if let (false, Some(member)) = (canary_done, required_member) {
            canary_done = true;
            let mut broken = example.value.clone();
            if let Some(members) = broken.as_object_mut() {
                members.remove(&member);
            }
            let mut arguments = base.clone();
            arguments.extend([
                "--body".to_owned(),
                broken.to_string(),
                "--no-validate".to_owned(),
            ]);
            runs += 1;
            let (status, _, stderr) = run(&arguments);
            if status == ExitStatus::ClientError {
                println!("canary: {service_id} {command} without its required `{member}` was refused by the mock (exit 4)");
            } else {
                failures += 1;
                println!(
                    "FAIL canary {service_id} {command} without its required `{member}`: exit {} instead of 4\n  {}",
                    status.code(),
                    stderr.trim()
                );
            }
        }
        operations_run += 1;
        for (input, arguments) in [("flags", &as_flags), ("--body", &as_body)] {
            for format in ["json", "yaml"] {
                let mut arguments = arguments.clone();
                arguments.extend(["-o".to_owned(), format.to_owned()]);
                runs += 1;
                let (status, stdout, stderr) = run(&arguments);
                let parses = stdout.is_empty()
                    || match format {
                        "json" => serde_json::from_str::<serde_json::Value>(&stdout).is_ok(),
                        _ => serde_yaml::from_str::<serde_yaml::Value>(&stdout).is_ok(),
                    };
                if status != ExitStatus::Success || !parses {
                    failures += 1;
                    println!(
                        "FAIL {service_id} {command} ({input}, -o {format}): exit {}{}\n  otc {}\n  {}",
                        status.code(),
                        if parses { "" } else { ", output does not parse" },
                        arguments.join(" "),
                        stderr.trim().replace('\n', "\n  ")
                    );
                }
            }
        }
    }
    println!(
        "cli-contract-summary service={service_id} operations={operations_run} runs={runs} failures={failures}"
    );
    if failures == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
