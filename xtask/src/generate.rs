//! `cargo xtask generate <SPEC> --out <DIR> [--name <crate-name>] [--runtime-version <V> |
//! --runtime-path <DIR>]`: a standalone client crate from any OpenAPI 3.0 document, with the
//! generator that builds `otc-client`, and its completeness report.
//!
//! The crate builds anywhere: by default it carries a copy of the runtime it calls
//! (`otc-client-runtime/` beside its `src/`, as progenitor's `--include-client` carries its
//! client), since the runtime is not published; `--runtime-version` depends on the runtime by
//! name and version instead (once it is published), `--runtime-path` on a local checkout of it.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use otc_codegen::generate::{
    completeness_markdown, generate_standalone_crate, GenerateSettings, RUNTIME_PACKAGE_NAME,
    STANDALONE_HEADER,
};
use otc_codegen::openapi_text::parse_openapi_text;

use crate::codegen::workspace_root;
use crate::files::manifest_header;

/// A crate the generated code names directly, besides the runtime. A standalone crate depends
/// on it at the version of the workspace's `Cargo.lock` (so it builds offline with what the
/// workspace already downloaded), a service crate through the workspace's dependency table.
pub(crate) struct Dependency {
    pub(crate) name: &'static str,
    default_features: bool,
    features: &'static [&'static str],
}

pub(crate) const DEPENDENCIES: [Dependency; 4] = [
    Dependency {
        name: "bytes",
        default_features: true,
        features: &["serde"],
    },
    Dependency {
        name: "reqwest",
        default_features: false,
        features: &["rustls-tls", "json"],
    },
    Dependency {
        name: "serde",
        default_features: true,
        features: &["derive"],
    },
    Dependency {
        name: "serde_json",
        default_features: true,
        features: &["preserve_order"],
    },
];

/// How a generated crate depends on the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A copy of the runtime in the crate's `otc-client-runtime/` folder (the default).
    Vendored,
    /// The published runtime of this version requirement.
    Version(String),
    /// The runtime crate in this folder.
    Path(PathBuf),
}

/// The folder of the runtime crate, relative to the workspace root.
pub const RUNTIME_CRATE_DIRECTORY: &str = "generated-client/runtime";

/// The folder a vendored runtime goes to, inside the generated crate.
const VENDORED_RUNTIME_DIRECTORY: &str = RUNTIME_PACKAGE_NAME;

/// Errors one per line, indented under the line that names what failed.
pub fn indented_lines<T: std::fmt::Display>(errors: &[T]) -> String {
    errors
        .iter()
        .map(|error| format!("  {error}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `generate` did, for the report and the benchmark.
#[derive(Debug)]
pub struct GenerateSummary {
    pub operation_count: usize,
    pub type_count: usize,
    pub unsupported_count: usize,
    pub lines_of_rust: usize,
}

/// Reads a spec through the engine's guarded reader (duplicate keys and versions other than
/// 3.0 are errors).
pub fn read_spec(path: &Path) -> anyhow::Result<openapiv3::OpenAPI> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    parse_openapi_text(&text)
        .with_context(|| format!("{} is not an OpenAPI 3.0 document", path.display()))
}

pub fn generate_crate(
    spec: &Path,
    output: &Path,
    name: Option<&str>,
    runtime: &RuntimeDependency,
    quiet: bool,
) -> anyhow::Result<GenerateSummary> {
    let started = Instant::now();
    let document = read_spec(spec)?;
    let parsed = started.elapsed();
    let settings = GenerateSettings::standalone();
    let generated = generate_standalone_crate(&document, &settings)
        .map_err(|errors| anyhow::anyhow!("generation failed:\n{}", indented_lines(&errors)))?;
    let generated_at = started.elapsed();
    let crate_name = match name {
        Some(name) => name.to_owned(),
        None => crate_name_from(spec),
    };
    let root = workspace_root();
    let manifest = manifest(&crate_name, &root, runtime)?;
    fs::create_dir_all(output.join("src"))
        .with_context(|| format!("creating {}", output.display()))?;
    let spec_name = spec
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let report = completeness_markdown(&generated, &spec_name);
    let files: [(PathBuf, &str); 5] = [
        (output.join("Cargo.toml"), &manifest),
        (output.join("src/lib.rs"), &generated.lib_rs),
        (output.join("src/types.rs"), &generated.types_rs),
        (output.join("COMPLETENESS.md"), &report),
        (output.join(".gitignore"), "/target\n"),
    ];
    for (path, contents) in &files {
        fs::write(path, contents).with_context(|| format!("writing {}", path.display()))?;
    }
    if *runtime == RuntimeDependency::Vendored {
        vendor_runtime(&root, &output.join(VENDORED_RUNTIME_DIRECTORY))?;
    }
    // The workspace's lock file: the generated crate resolves to exactly the versions the
    // workspace uses, which are in the local registry cache, so `cargo build --offline` works.
    fs::copy(root.join("Cargo.lock"), output.join("Cargo.lock"))
        .with_context(|| format!("copying Cargo.lock to {}", output.display()))?;
    let summary = GenerateSummary {
        operation_count: generated.operation_count,
        type_count: generated.type_count,
        unsupported_count: generated.report.len(),
        lines_of_rust: generated.lib_rs.lines().count() + generated.types_rs.lines().count(),
    };
    if !quiet {
        print_report(&generated, &report);
        eprintln!(
            "wrote crate {crate_name} to {}: {} operations, {} types, {} lines of Rust, {} unsupported construct(s) (see COMPLETENESS.md); parse {:.0} ms, generate {:.0} ms, total {:.0} ms",
            output.display(),
            summary.operation_count,
            summary.type_count,
            summary.lines_of_rust,
            summary.unsupported_count,
            parsed.as_secs_f64() * 1000.0,
            (generated_at - parsed).as_secs_f64() * 1000.0,
            started.elapsed().as_secs_f64() * 1000.0,
        );
    }
    Ok(summary)
}

/// The report on the terminal: the summary table of COMPLETENESS.md, not every pointer (a huge
/// spec has thousands; they are in the file).
fn print_report(generated: &otc_codegen::generate::GeneratedCrate, report: &str) {
    if generated.report.is_empty() {
        println!("completeness: everything in the spec is supported");
        return;
    }
    let summary: Vec<&str> = report
        .lines()
        .skip_while(|line| !line.starts_with("| count"))
        .take_while(|line| line.starts_with('|'))
        .collect();
    println!(
        "completeness: {} construct(s) fell back to a lossless type:",
        generated.report.len()
    );
    for line in summary {
        println!("{line}");
    }
}

/// `petstore.json` → `petstore-client`.
fn crate_name_from(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.split('.').next().unwrap_or_default();
    let mut name: String = stem
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if !name.starts_with(|character: char| character.is_ascii_alphabetic()) {
        name = format!("api-{name}");
    }
    format!("{}-client", name.trim_end_matches('-'))
}

/// The generated crate's manifest: the runtime as `runtime` says, and the workspace's locked
/// versions of everything else.
fn manifest(crate_name: &str, root: &Path, runtime: &RuntimeDependency) -> anyhow::Result<String> {
    let lock_path = root.join("Cargo.lock");
    let lock_text = fs::read_to_string(&lock_path)
        .with_context(|| format!("reading {}", lock_path.display()))?;
    let lock: toml::Table =
        toml::from_str(&lock_text).with_context(|| format!("parsing {}", lock_path.display()))?;
    let packages = lock
        .get("package")
        .and_then(toml::Value::as_array)
        .context("Cargo.lock has no packages")?;
    let mut dependencies = toml::Table::new();
    let runtime_entry: toml::Value = match runtime {
        RuntimeDependency::Vendored => {
            toml::Table::from_iter([("path".to_owned(), VENDORED_RUNTIME_DIRECTORY.into())]).into()
        }
        RuntimeDependency::Version(version) => version.as_str().into(),
        RuntimeDependency::Path(path) => {
            toml::Table::from_iter([("path".to_owned(), path.display().to_string().into())]).into()
        }
    };
    dependencies.insert(RUNTIME_PACKAGE_NAME.to_owned(), runtime_entry);
    for dependency in DEPENDENCIES {
        let versions: Vec<&str> = packages
            .iter()
            .filter(|package| {
                package.get("name").and_then(toml::Value::as_str) == Some(dependency.name)
            })
            .filter_map(|package| package.get("version").and_then(toml::Value::as_str))
            .collect();
        let [version] = versions.as_slice() else {
            bail!(
                "Cargo.lock has {} versions of {}; expected exactly one",
                versions.len(),
                dependency.name
            );
        };
        let mut entry = toml::Table::new();
        entry.insert("version".to_owned(), format!("={version}").into());
        if !dependency.default_features {
            entry.insert("default-features".to_owned(), false.into());
        }
        entry.insert(
            "features".to_owned(),
            toml::Value::Array(
                dependency
                    .features
                    .iter()
                    .map(|&feature| feature.into())
                    .collect(),
            ),
        );
        dependencies.insert(dependency.name.to_owned(), entry.into());
    }
    let mut package = toml::Table::new();
    package.insert("name".to_owned(), crate_name.into());
    package.insert("version".to_owned(), "0.1.0".into());
    package.insert("edition".to_owned(), "2021".into());
    package.insert("publish".to_owned(), false.into());
    // The descriptions of the API are documentation, not Rust examples to run.
    let mut library = toml::Table::new();
    library.insert("doctest".to_owned(), false.into());
    let mut manifest = toml::Table::new();
    manifest.insert("package".to_owned(), package.into());
    manifest.insert("lib".to_owned(), library.into());
    manifest.insert("dependencies".to_owned(), dependencies.into());
    // Standalone: not a member of any workspace around the output folder.
    manifest.insert("workspace".to_owned(), toml::Table::new().into());
    let text = toml::to_string(&manifest).context("writing the manifest as TOML")?;
    // The same header as the generated Rust files, as a TOML comment.
    let header = manifest_header(STANDALONE_HEADER);
    Ok(format!("{header}\n{text}"))
}

/// Copies the runtime crate (its `src/`, and a manifest without the workspace's inherited
/// settings) into `destination`, so the generated crate builds outside this checkout.
fn vendor_runtime(root: &Path, destination: &Path) -> anyhow::Result<()> {
    let runtime_directory = root.join(RUNTIME_CRATE_DIRECTORY);
    let workspace_path = root.join("Cargo.toml");
    let workspace: toml::Table = fs::read_to_string(&workspace_path)
        .with_context(|| format!("reading {}", workspace_path.display()))?
        .parse()
        .with_context(|| format!("parsing {}", workspace_path.display()))?;
    let runtime_manifest_path = runtime_directory.join("Cargo.toml");
    let runtime_manifest: toml::Table = fs::read_to_string(&runtime_manifest_path)
        .with_context(|| format!("reading {}", runtime_manifest_path.display()))?
        .parse()
        .with_context(|| format!("parsing {}", runtime_manifest_path.display()))?;
    let manifest = standalone_runtime_manifest(&workspace, &runtime_manifest)
        .with_context(|| format!("resolving {}", runtime_manifest_path.display()))?;
    if destination.exists() {
        fs::remove_dir_all(destination)
            .with_context(|| format!("removing {}", destination.display()))?;
    }
    let source_directory = runtime_directory.join("src");
    fs::create_dir_all(destination.join("src"))
        .with_context(|| format!("creating {}", destination.display()))?;
    let mut sources: Vec<PathBuf> = fs::read_dir(&source_directory)
        .with_context(|| format!("reading {}", source_directory.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    sources.sort();
    for source in sources {
        if source.is_dir() {
            bail!(
                "{} is a folder: the vendored runtime copies the files of src/ only",
                source.display()
            );
        }
        let Some(file_name) = source.file_name() else {
            continue;
        };
        fs::copy(&source, destination.join("src").join(file_name))
            .with_context(|| format!("copying {}", source.display()))?;
    }
    let header = "# A copy of otc-client-runtime, vendored by `cargo xtask generate`.";
    fs::write(
        destination.join("Cargo.toml"),
        format!("{header}\n{manifest}"),
    )
    .with_context(|| format!("writing the manifest in {}", destination.display()))?;
    Ok(())
}

/// The runtime's manifest on its own: `workspace = true` settings and dependencies replaced by
/// the workspace's values, no dev-dependencies (its tests stay in the checkout) and no
/// workspace lints.
fn standalone_runtime_manifest(
    workspace: &toml::Table,
    runtime: &toml::Table,
) -> anyhow::Result<String> {
    let workspace_section = workspace
        .get("workspace")
        .and_then(toml::Value::as_table)
        .context("the workspace manifest has no [workspace]")?;
    let workspace_package = workspace_section
        .get("package")
        .and_then(toml::Value::as_table)
        .context("the workspace manifest has no [workspace.package]")?;
    let workspace_dependencies = workspace_section
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .context("the workspace manifest has no [workspace.dependencies]")?;
    let mut package = runtime
        .get("package")
        .and_then(toml::Value::as_table)
        .cloned()
        .context("the runtime manifest has no [package]")?;
    for (key, value) in package.iter_mut() {
        let inherits = value
            .as_table()
            .and_then(|table| table.get("workspace"))
            .and_then(toml::Value::as_bool)
            == Some(true);
        if inherits {
            *value = workspace_package
                .get(key)
                .cloned()
                .with_context(|| format!("[workspace.package] has no {key}"))?;
        }
    }
    let mut dependencies = toml::Table::new();
    let runtime_dependencies = runtime
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .context("the runtime manifest has no [dependencies]")?;
    for (name, value) in runtime_dependencies {
        let mut entry = value.as_table().cloned().unwrap_or_default();
        if entry.remove("workspace").and_then(|value| value.as_bool()) == Some(true) {
            let inherited = workspace_dependencies
                .get(name)
                .with_context(|| format!("[workspace.dependencies] has no {name}"))?;
            let mut resolved = match inherited {
                toml::Value::String(version) => {
                    toml::Table::from_iter([("version".to_owned(), version.as_str().into())])
                }
                toml::Value::Table(table) => table.clone(),
                other => {
                    bail!("[workspace.dependencies] {name} is {other}, not a version or table")
                }
            };
            // The member's features add to the workspace's.
            if let Some(toml::Value::Array(extra)) = entry.remove("features") {
                let mut features = resolved
                    .get("features")
                    .and_then(toml::Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                features.extend(extra);
                resolved.insert("features".to_owned(), features.into());
            }
            resolved.extend(entry);
            entry = resolved;
        } else if let toml::Value::String(version) = value {
            entry.insert("version".to_owned(), version.as_str().into());
        }
        dependencies.insert(name.clone(), entry.into());
    }
    let mut manifest = toml::Table::new();
    manifest.insert("package".to_owned(), package.into());
    manifest.insert("dependencies".to_owned(), dependencies.into());
    toml::to_string(&manifest).context("writing the runtime manifest as TOML")
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::cargo_command::cargo_command;
    use crate::check_any_spec::target_directory;

    /// Every file under `from`, copied to `to`.
    fn copy_folder(from: &Path, to: &Path) {
        fs::create_dir_all(to).expect("a destination folder");
        for entry in fs::read_dir(from).expect("a readable folder") {
            let path = entry.expect("a folder entry").path();
            let target = to.join(path.file_name().expect("a file name"));
            if path.is_dir() {
                copy_folder(&path, &target);
            } else {
                fs::copy(&path, &target).expect("a copied file");
            }
        }
    }

    #[test]
    fn generated_crates_build_outside_the_checkout() {
        let root = workspace_root();
        let temporary = tempfile::tempdir().expect("a temporary folder");
        let generated = temporary.path().join("generated");
        generate_crate(
            &root.join("generator/tests/any_spec/operations.yaml"),
            &generated,
            Some("portable-client"),
            &RuntimeDependency::Vendored,
            true,
        )
        .expect("the crate is generated");
        // Moved after generation: nothing in it may point to where it was written, nor into
        // this checkout.
        let moved = temporary.path().join("elsewhere/portable-client");
        copy_folder(&generated, &moved);
        fs::remove_dir_all(&generated).expect("the first copy removed");
        for manifest in ["Cargo.toml", "otc-client-runtime/Cargo.toml"] {
            let text = fs::read_to_string(moved.join(manifest)).expect("a manifest");
            assert!(
                !text.contains(&root.display().to_string()) && !text.contains("workspace = true"),
                "{manifest} depends on the checkout:\n{text}"
            );
        }
        let output = cargo_command()
            .args(["check", "--offline", "--quiet", "--all-targets"])
            .current_dir(&moved)
            .env(
                "CARGO_TARGET_DIR",
                target_directory(&root).join("portable-crate-check"),
            )
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "the moved crate does not build offline:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    #[test]
    fn the_manifest_names_the_runtime_as_asked() {
        let root = workspace_root();
        let runtime_entry = |runtime: &RuntimeDependency| -> toml::Value {
            let text = manifest("pets", &root, runtime).expect("a manifest");
            let manifest: toml::Table = text.parse().expect("TOML");
            manifest["dependencies"]["otc-client-runtime"].clone()
        };
        assert_eq!(
            runtime_entry(&RuntimeDependency::Vendored).to_string(),
            r#"{ path = "otc-client-runtime" }"#
        );
        assert_eq!(
            runtime_entry(&RuntimeDependency::Version("0.2".to_owned())).to_string(),
            r#""0.2""#
        );
        assert_eq!(
            runtime_entry(&RuntimeDependency::Path(PathBuf::from(
                "/opt/otc-client-runtime"
            )))
            .to_string(),
            r#"{ path = "/opt/otc-client-runtime" }"#
        );
    }
}
