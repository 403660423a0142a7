//! `cargo xtask generate <SPEC> --out <DIR> [--name <crate-name>]`: a standalone client crate
//! from any OpenAPI 3.0 document, with the generator that builds `otc-client`, and its
//! completeness report.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use otc_codegen::generate::{
    completeness_markdown, generate_standalone_crate, GenerateSettings, STANDALONE_HEADER,
};
use otc_codegen::openapi_text::parse_openapi_text;

use crate::codegen::workspace_root;

/// The dependencies of a generated crate, at the versions of the workspace's `Cargo.lock` so
/// it builds offline with what the workspace already downloaded.
struct Dependency {
    name: &'static str,
    default_features: bool,
    features: &'static [&'static str],
}

const DEPENDENCIES: [Dependency; 4] = [
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
    quiet: bool,
) -> anyhow::Result<GenerateSummary> {
    let started = Instant::now();
    let document = read_spec(spec)?;
    let parsed = started.elapsed();
    let settings = GenerateSettings::standalone();
    let generated = generate_standalone_crate(&document, &settings).map_err(|errors| {
        anyhow::anyhow!(
            "generation failed:\n{}",
            errors
                .iter()
                .map(|error| format!("  {error}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    })?;
    let generated_at = started.elapsed();
    let crate_name = match name {
        Some(name) => name.to_owned(),
        None => crate_name_from(spec),
    };
    let root = workspace_root();
    let manifest = manifest(&crate_name, &root)?;
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

/// The generated crate's manifest: a path dependency on the runtime and the workspace's locked
/// versions of everything else.
fn manifest(crate_name: &str, root: &Path) -> anyhow::Result<String> {
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
    let mut runtime = toml::Table::new();
    runtime.insert(
        "path".to_owned(),
        root.join("client-runtime").display().to_string().into(),
    );
    dependencies.insert("otc-client-runtime".to_owned(), runtime.into());
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
    let header = STANDALONE_HEADER.replacen("//!", "#", 1);
    Ok(format!("{header}\n{text}"))
}
