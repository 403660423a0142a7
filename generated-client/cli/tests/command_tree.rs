//! The command tree against the specs: every operation of every checked-in spec is a command
//! and every command an operation (both ways), every table line reads, every command's
//! `--help` runs and shows its `METHOD /path` (clap checks each command it builds in a debug
//! build), every command's completion tree is a valid clap command too, the options clap
//! declares are the names no flag may take, and the whole tree is pinned per service by a
//! snapshot (`otc docs <service>`), so a change to the CLI shows in review.

mod support;

use std::collections::BTreeSet;

use otc_cli::failure::ExitStatus;
use otc_cli::table::{services, LoadedService};
use support::{run, workspace_root};

fn arguments(words: &[&str]) -> Vec<String> {
    words.iter().map(|word| (*word).to_owned()).collect()
}

/// `(service, METHOD, path)` of every operation of the checked-in specs.
fn spec_operations() -> BTreeSet<(String, String, String)> {
    let root = workspace_root();
    let catalog: toml::Value = toml::from_str(
        &std::fs::read_to_string(root.join("spec/services.toml")).expect("services.toml"),
    )
    .expect("TOML");
    let mut operations = BTreeSet::new();
    for service in catalog["service"].as_array().expect("services") {
        if service.get("excluded").is_some() {
            continue;
        }
        let id = service["id"].as_str().expect("an id");
        let spec_name = service
            .get("spec")
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{id}.openapi.yaml"));
        let spec_path = root.join("spec").join(spec_name);
        let spec: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&spec_path).expect("a spec"))
                .expect("YAML");
        for (path, item) in spec["paths"].as_mapping().expect("paths") {
            for (method, _) in item.as_mapping().expect("a path item") {
                let method = method.as_str().expect("a method");
                if [
                    "get", "put", "post", "delete", "options", "head", "patch", "trace",
                ]
                .contains(&method)
                {
                    operations.insert((
                        id.to_owned(),
                        method.to_ascii_uppercase(),
                        path.as_str().expect("a path").to_owned(),
                    ));
                }
            }
        }
    }
    operations
}

#[test]
fn every_operation_is_a_command_and_every_command_an_operation() {
    let mut commands = BTreeSet::new();
    let mut names = BTreeSet::new();
    for table in services() {
        let service = LoadedService::load(table).expect("the table reads");
        service.check_every_line().expect("every line reads");
        for operation in &service.index.operations {
            commands.insert((
                table.id.to_owned(),
                operation.method.to_string(),
                operation.path.to_string(),
            ));
            assert!(
                names.insert((table.id, operation.command.to_string())),
                "{} {} twice",
                table.id,
                operation.command
            );
        }
    }
    let specs = spec_operations();
    let missing: Vec<_> = specs.difference(&commands).collect();
    let extra: Vec<_> = commands.difference(&specs).collect();
    assert!(
        missing.is_empty(),
        "operations without a command: {missing:#?}"
    );
    assert!(
        extra.is_empty(),
        "commands without an operation: {extra:#?}"
    );
    assert!(specs.len() > 2000, "{} operations", specs.len());
}

#[test]
fn every_command_has_help_with_its_method_and_path() {
    let mut checked = 0;
    for table in services() {
        let service = LoadedService::load(table).expect("the table reads");
        let outcome = run(&arguments(&[table.id, "--help"]));
        assert_eq!(
            outcome.status,
            ExitStatus::Success,
            "{}: {}",
            table.id,
            outcome.stderr
        );
        for operation in &service.index.operations {
            let outcome = run(&arguments(&[table.id, &operation.command, "--help"]));
            assert_eq!(
                outcome.status,
                ExitStatus::Success,
                "{} {}: {}",
                table.id,
                operation.command,
                outcome.stderr
            );
            let request_line = format!("\n{} {}\n", operation.method, operation.path);
            assert!(
                outcome.stdout.contains(&request_line),
                "{} {}: {}",
                table.id,
                operation.command,
                outcome.stdout
            );
            checked += 1;
        }
    }
    assert!(checked > 2000, "{checked} commands");
}

#[test]
fn the_command_tree_is_pinned_per_service() {
    for table in services() {
        let outcome = run(&arguments(&["docs", table.id]));
        assert_eq!(outcome.status, ExitStatus::Success, "{}", outcome.stderr);
        insta::assert_snapshot!(format!("command_tree_{}", table.id), outcome.stdout);
    }
}

#[test]
fn the_tree_as_json_names_every_flag_with_its_place_and_type() {
    let outcome = run(&arguments(&["docs", "vpc", "-o", "json"]));
    assert_eq!(outcome.status, ExitStatus::Success, "{}", outcome.stderr);
    let tree: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let create = tree[0]["commands"]
        .as_array()
        .expect("commands")
        .iter()
        .find(|command| command["command"] == "create-vpc")
        .expect("create-vpc");
    assert_eq!(create["method"], "POST");
    let name = create["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .find(|flag| flag["flag"] == "vpc.name")
        .expect("--vpc.name");
    assert_eq!(name["place"], "body");
    assert_eq!(name["type"], "string");
}

#[test]
fn every_listed_flag_is_unique_no_global_flag_and_resolves() {
    use otc_cli::flags::OperationFlags;
    let mut flags_checked = 0;
    for table in services() {
        let service = LoadedService::load(table).expect("the table reads");
        for position in 0..service.index.operations.len() {
            let operation = service.operation(position).expect("an operation");
            let flags = OperationFlags::new(&service, &operation);
            let mut seen = BTreeSet::new();
            for listing in flags.list() {
                let name = &listing.flag;
                // A body that is not an object is listed as `--body` itself.
                if listing.place == "body" && name == "body" {
                    continue;
                }
                assert!(
                    seen.insert(name.clone()),
                    "{} {}: --{name} twice",
                    table.id,
                    operation.command
                );
                assert!(
                    !otc_cli_table::GLOBAL_FLAG_NAMES.contains(&name.as_str()),
                    "{} {}: --{name} is a global flag",
                    table.id,
                    operation.command
                );
                // A map's entries are `key=value` on the map's own flag.
                let typed: String = name
                    .split('.')
                    .take_while(|segment| *segment != "<KEY>")
                    .map(|segment| if segment == "<N>" { "0" } else { segment })
                    .collect::<Vec<_>>()
                    .join(".");
                flags.resolve(&typed).unwrap_or_else(|error| {
                    panic!("{} {}: --{typed}: {error}", table.id, operation.command)
                });
                flags_checked += 1;
            }
        }
    }
    assert!(flags_checked > 10_000, "{flags_checked} flags");
}

#[test]
fn the_options_clap_declares_are_the_names_no_flag_may_take() {
    let mut declared: Vec<String> = otc_cli::command_tree::every_option_name();
    declared.sort();
    let mut reserved: Vec<String> = otc_cli_table::GLOBAL_FLAG_NAMES
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    reserved.sort();
    assert_eq!(declared, reserved);
}

#[test]
fn every_command_completes_with_a_valid_command_tree() {
    let mut checked = 0;
    for table in services() {
        let service = LoadedService::load(table).expect("the table reads");
        for operation in &service.index.operations {
            let words = arguments(&["otc", table.id, &operation.command, "--"]);
            // clap's own checks (unique names, valid settings) of the tree built to complete.
            otc_cli::completion::completion_command(&words).debug_assert();
            checked += 1;
        }
    }
    assert!(checked > 2000, "{checked} commands");
}
