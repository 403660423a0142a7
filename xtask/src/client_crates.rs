//! The crates of the client: one generated crate per service (`generated-client/services/<id>`,
//! package `otc-<id>`) and the manifest of the façade `otc-client`, which has a cargo feature
//! per service and re-exports its crate. Every file written here is generated; the façade's
//! hand-written parts (dev-dependencies, examples) are the template below.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use anyhow::Context;
use otc_codegen::generate::cli_table::{cli_services_list, CLI_TABLES_DIRECTORY};
use otc_codegen::generate::module_lists::{
    contract_drivers_list, service_crate_name, service_reexports_list, ClientService,
};
use otc_codegen::generate::{generate_service_crate, GENERATED_HEADER, RUNTIME_PACKAGE_NAME};
use otc_codegen::service_catalog::CatalogService;

use crate::crate_versions::{CrateVersions, Version};
use crate::files::{ensure_file_contents, manifest_header, Mode};
use crate::generate::{indented_lines, DEPENDENCIES};

/// Where the service crates live, under the workspace root.
pub const SERVICE_CRATES_DIRECTORY: &str = "generated-client/services";

/// Where the generated contract drivers live, under `generated-client/`: beside the
/// hand-written harness of the `prism_contract` example (`cargo xtask contract-test`).
pub const CONTRACT_DRIVER_DIRECTORY: &str = "examples/prism_contract/generated";

/// The command line's crate, under the workspace root: its tables (`tables/<module>.jsonl`)
/// and its list of services (`src/services.rs`) are generated.
pub const CLI_CRATE_DIRECTORY: &str = "generated-client/cli";

/// The services the README's first example needs: the façade's default features.
const DEFAULT_SERVICES: &[&str] = &["dcs"];

/// The crates.io categories of every published crate of the client.
const CATEGORIES: &str = r#"["api-bindings", "web-programming::http-client"]"#;

/// The versions a generated manifest names: its own (from `generated-client/versions.toml`)
/// and the runtime's (from the runtime's manifest), for versioned path dependencies that
/// `cargo publish` turns into registry dependencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestVersions {
    pub crates: CrateVersions,
    pub runtime: Version,
}

impl ManifestVersions {
    pub fn load(root: &Path) -> anyhow::Result<ManifestVersions> {
        Ok(ManifestVersions {
            crates: CrateVersions::load(root)?,
            runtime: crate::crate_versions::runtime_version(root)?,
        })
    }
}

/// Writes one service's crate: manifest, crate root, generated module, example tests, and its
/// contract driver in the façade's `prism_contract` example.
pub fn write_service_crate(
    root: &Path,
    service: &CatalogService,
    document: &openapiv3::OpenAPI,
    versions: &ManifestVersions,
    mode: Mode,
) -> anyhow::Result<()> {
    let crate_name = service_crate_name(&service.module);
    let crate_directory = root.join(SERVICE_CRATES_DIRECTORY).join(&service.module);
    write_service_manifest(root, service, versions, mode)?;
    let sources = generate_service_crate(document, &service.id, &service.module)
        .map_err(|errors| anyhow::anyhow!("{}", indented_lines(&errors)))?;
    let contract_driver = root.join("generated-client").join(format!(
        "{CONTRACT_DRIVER_DIRECTORY}/contract_{}.rs",
        service.module
    ));
    let files = [
        (
            crate_directory.join("README.md"),
            service_crate_readme(service, &crate_name, document),
        ),
        (crate_directory.join("src/lib.rs"), sources.crate_root),
        (crate_directory.join("src/generated.rs"), sources.module),
        // The test target is a folder whose main.rs declares the generated round trips
        // `#[rustfmt::skip]`.
        (
            crate_directory.join("tests/examples/main.rs"),
            sources.example_tests_root,
        ),
        (
            crate_directory.join("tests/examples/round_trips.rs"),
            sources.example_tests,
        ),
        (contract_driver, sources.contract_driver),
        (
            root.join(CLI_CRATE_DIRECTORY)
                .join(CLI_TABLES_DIRECTORY)
                .join(format!("{}.jsonl", service.module)),
            sources.cli_table,
        ),
    ];
    for (path, contents) in &files {
        ensure_file_contents(mode, path, contents)?;
    }
    Ok(())
}

/// Writes a service crate's manifest (the one file of the crate that names versions, so
/// `cargo xtask release` rewrites it alone).
pub fn write_service_manifest(
    root: &Path,
    service: &CatalogService,
    versions: &ManifestVersions,
    mode: Mode,
) -> anyhow::Result<()> {
    let crate_name = service_crate_name(&service.module);
    let path = root
        .join(SERVICE_CRATES_DIRECTORY)
        .join(&service.module)
        .join("Cargo.toml");
    ensure_file_contents(
        mode,
        &path,
        &service_crate_manifest(service, &crate_name, versions),
    )
}

/// The keywords of a crate on crates.io (at most five), the crate's own last.
fn keywords(own: &str) -> String {
    let mut keywords = vec!["open-telekom-cloud", "otc", "openapi", "api-client"];
    if !keywords.contains(&own) {
        keywords.push(own);
    }
    let quoted: Vec<String> = keywords
        .iter()
        .map(|keyword| format!("{keyword:?}"))
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// A service crate's manifest: the runtime and what the generated code names directly, and
/// what crates.io and docs.rs show.
fn service_crate_manifest(
    service: &CatalogService,
    crate_name: &str,
    versions: &ManifestVersions,
) -> String {
    let header = manifest_header(GENERATED_HEADER);
    let description = format!(
        "Rust client for the {} API of Open Telekom Cloud, generated from its API reference",
        service.title
    );
    let mut dependencies: Vec<String> = DEPENDENCIES
        .iter()
        .map(|dependency| format!("{}.workspace = true\n", dependency.name))
        .collect();
    dependencies.push(format!(
        "{RUNTIME_PACKAGE_NAME} = {{ path = \"../../runtime\", version = \"{}\" }}\n",
        versions.runtime
    ));
    dependencies.sort();
    let dependencies = dependencies.concat();
    let version = versions.crates.service(&service.id);
    let keywords = keywords(&service.id);
    format!(
        r#"{header}
[package]
name = "{crate_name}"
description = {description:?}
version = "{version}"
edition.workspace = true
license.workspace = true
rust-version.workspace = true
repository.workspace = true
documentation = "https://docs.rs/{crate_name}"
readme = "README.md"
keywords = {keywords}
categories = {CATEGORIES}

[package.metadata.docs.rs]
all-features = true

# The descriptions come from the API reference: documentation, not Rust examples to run. The
# generated code has no unit tests; its tests are tests/examples/ (a lib test target would
# compile the whole service a second time to run nothing).
[lib]
doctest = false
test = false

[dependencies]
{dependencies}
[dev-dependencies]
serde_path_to_error.workspace = true

[lints]
workspace = true
"#
    )
}

/// A service crate's README (what crates.io shows): what the crate is, its regions and how to
/// start.
fn service_crate_readme(
    service: &CatalogService,
    crate_name: &str,
    document: &openapiv3::OpenAPI,
) -> String {
    let operations: usize = document
        .paths
        .paths
        .values()
        .filter_map(|path_item| path_item.as_item())
        .map(|path_item| path_item.iter().count())
        .sum();
    let crate_identifier = crate_name.replace('-', "_");
    let regions: Vec<String> = service
        .regions()
        .iter()
        .map(|region| format!("`{region}`"))
        .collect();
    format!(
        r#"<!-- Generated by `cargo xtask codegen`, do not edit by hand. -->
# {crate_name}

Rust client for the {title} API of Open Telekom Cloud, generated from its API reference: an
async method per operation ({operations} operations), a request struct and a response enum with a
variant per documented status for each, on the one runtime of these crates,
[`otc-client-runtime`](https://crates.io/crates/otc-client-runtime) (IAM tokens, passwords or
AK/SK signing, retries, item streams of list operations, one error type).

Regions: {regions} (`{crate_identifier}::REGIONS`; each with its endpoint in
`{crate_identifier}::REGION_ENDPOINTS`).

```sh
cargo add {crate_name} otc-client-runtime
cargo add tokio --features macros,rt-multi-thread
```

```rust,ignore
use otc_client_runtime::Config;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {{
    // Credentials and region from `clouds.yaml` (the cloud named by OS_CLOUD) or the OS_*
    // variables, as the OpenStack command line reads them.
    let config = Config::from_openstack_defaults()?;
    let client = {crate_identifier}::Client::new(&config)?;
    // One method per operation: see the crate's documentation.
    let _ = client;
    Ok(())
}}
```

Every service of Open Telekom Cloud is also a feature of
[`otc-client`](https://crates.io/crates/otc-client), which re-exports this crate as
`otc_client::{module}`.
"#,
        title = service.title,
        regions = regions.join(", "),
        module = service.module,
    )
}

/// Writes the façade's manifest, its list of re-exported services and the list of contract
/// drivers; in write mode removes the crate of a service no longer in the catalog (in check
/// mode it is an error).
pub fn write_facade(
    root: &Path,
    services: &[&CatalogService],
    versions: &ManifestVersions,
    mode: Mode,
) -> anyhow::Result<()> {
    let client_services: Vec<ClientService<'_>> = services
        .iter()
        .map(|service| ClientService {
            id: &service.id,
            module: &service.module,
            title: &service.title,
        })
        .collect();
    let client_directory = root.join("generated-client");
    write_facade_manifest(root, services, versions, mode)?;
    let reexports =
        service_reexports_list(&client_services).map_err(|error| anyhow::anyhow!("{error}"))?;
    ensure_file_contents(mode, &client_directory.join("src/services.rs"), &reexports)?;
    let drivers =
        contract_drivers_list(&client_services).map_err(|error| anyhow::anyhow!("{error}"))?;
    ensure_file_contents(
        mode,
        &client_directory.join(format!("{CONTRACT_DRIVER_DIRECTORY}/mod.rs")),
        &drivers,
    )?;
    let cli_services = cli_services_list(&client_services)
        .map_err(|errors| anyhow::anyhow!("{}", indented_lines(&errors)))?;
    ensure_file_contents(
        mode,
        &root.join(CLI_CRATE_DIRECTORY).join("src/services.rs"),
        &cli_services,
    )?;
    remove_stale_service_crates(root, services, mode)
}

/// A folder under `services/` (or a contract driver) of a service the catalog no longer has
/// is removed in write mode and an error in check mode, so nothing stale is left compiling.
fn remove_stale_service_crates(
    root: &Path,
    services: &[&CatalogService],
    mode: Mode,
) -> anyhow::Result<()> {
    let modules: BTreeSet<&str> = services
        .iter()
        .map(|service| service.module.as_str())
        .collect();
    let crates_directory = root.join(SERVICE_CRATES_DIRECTORY);
    let mut stale = Vec::new();
    if let Ok(entries) = fs::read_dir(&crates_directory) {
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !modules.contains(name.as_str()) {
                stale.push(entry.path());
            }
        }
    }
    let drivers_directory = root
        .join("generated-client")
        .join(CONTRACT_DRIVER_DIRECTORY);
    if let Ok(entries) = fs::read_dir(&drivers_directory) {
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let module = name
                .strip_prefix("contract_")
                .and_then(|rest| rest.strip_suffix(".rs"));
            if module.is_some_and(|module| !modules.contains(module)) {
                stale.push(entry.path());
            }
        }
    }
    let tables_directory = root.join(CLI_CRATE_DIRECTORY).join(CLI_TABLES_DIRECTORY);
    if let Ok(entries) = fs::read_dir(&tables_directory) {
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let module = name.strip_suffix(".jsonl");
            if !module.is_some_and(|module| modules.contains(module)) {
                stale.push(entry.path());
            }
        }
    }
    stale.sort();
    for path in &stale {
        match mode {
            Mode::Check => anyhow::bail!(
                "{} belongs to no service of spec/services.toml: run `cargo xtask codegen` and commit the result",
                path.display()
            ),
            Mode::Write if path.is_dir() => fs::remove_dir_all(path)
                .with_context(|| format!("removing {}", path.display()))?,
            Mode::Write => {
                fs::remove_file(path).with_context(|| format!("removing {}", path.display()))?
            }
        }
    }
    Ok(())
}

/// Writes the façade's manifest (release rewrites it alone).
pub fn write_facade_manifest(
    root: &Path,
    services: &[&CatalogService],
    versions: &ManifestVersions,
    mode: Mode,
) -> anyhow::Result<()> {
    let client_services: Vec<ClientService<'_>> = services
        .iter()
        .map(|service| ClientService {
            id: &service.id,
            module: &service.module,
            title: &service.title,
        })
        .collect();
    ensure_file_contents(
        mode,
        &root.join("generated-client/Cargo.toml"),
        &facade_manifest(&client_services, versions),
    )
}

/// The façade's manifest: a feature and an optional dependency per service, `full` for all.
fn facade_manifest(services: &[ClientService<'_>], versions: &ManifestVersions) -> String {
    let header = manifest_header(GENERATED_HEADER);
    let quoted = |names: &mut dyn Iterator<Item = String>| {
        names
            .map(|name| format!("{name:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let default_features = quoted(&mut DEFAULT_SERVICES.iter().map(|id| (*id).to_owned()));
    let mut features = String::new();
    let mut dependencies = String::new();
    for service in services {
        let crate_name = service.crate_name();
        features.push_str(&format!("{} = [\"dep:{crate_name}\"]\n", service.id));
        dependencies.push_str(&format!(
            "{crate_name} = {{ path = \"services/{}\", version = \"{}\", optional = true }}\n",
            service.module,
            versions.crates.service(service.id)
        ));
    }
    let full = services
        .iter()
        .map(|service| format!("  {:?},\n", service.id))
        .collect::<String>();
    let facade_version = versions.crates.facade;
    let runtime_version = versions.runtime;
    let keywords = keywords("cloud");
    format!(
        r#"{header}
# (xtask/src/client_crates.rs: a feature per service of spec/services.toml.)
[package]
name = "otc-client"
description = "Rust client for Open Telekom Cloud APIs, generated from the API reference: a feature per service"
version = "{facade_version}"
edition.workspace = true
license.workspace = true
rust-version.workspace = true
repository.workspace = true
documentation = "https://docs.rs/otc-client"
readme = "../README.md"
keywords = {keywords}
categories = {CATEGORIES}

# docs.rs documents every service.
[package.metadata.docs.rs]
features = ["full"]

[features]
default = [{default_features}]
# Every service.
full = [
{full}]
{features}
[dependencies]
{RUNTIME_PACKAGE_NAME} = {{ path = "runtime", version = "{runtime_version}" }}
{dependencies}
[dev-dependencies]
bytes.workspace = true
futures.workspace = true
reqwest.workspace = true
serde.workspace = true
serde_json.workspace = true
serde_path_to_error.workspace = true
tempfile.workspace = true
# `net` and `io-util` for the raw TCP servers of the fault tests.
tokio = {{ workspace = true, features = ["io-util", "net", "time"] }}
# The regions test reads spec/services.toml's clouds.
toml.workspace = true
tracing.workspace = true
tracing-subscriber.workspace = true
wiremock.workspace = true

[[example]]
name = "list_dcs_instances"
required-features = ["dcs"]

[[example]]
name = "list_vpcs"
required-features = ["vpc"]

# The client's own cost per call against raw reqwest (`cargo xtask bench --client`).
[[example]]
name = "call_overhead"
required-features = ["dcs"]

# Calls every operation of every service (`cargo xtask contract-test`).
[[example]]
name = "prism_contract"
required-features = ["full"]

[lints]
workspace = true
"#
    )
}
