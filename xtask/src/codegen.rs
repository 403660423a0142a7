//! `cargo xtask codegen`: every service's pages → spec → service crate (and the façade that
//! re-exports them all), and
//! `cargo xtask import`: any folder of pages → one spec.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use otc_codegen::import::coverage::ServiceCoverage;
use otc_codegen::import::ImportOutcome;
use otc_codegen::service_catalog::{CatalogService, ServiceCatalog};
use otc_codegen::source_folder::{import_source_folder, spec_yaml, SourceFile};

use crate::client_crates::{write_facade, write_service_crate, ManifestVersions};
use crate::files::{ensure_file_contents, Mode};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

pub fn load_services(root: &Path) -> anyhow::Result<ServiceCatalog> {
    let path = root.join("spec/services.toml");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    ServiceCatalog::from_toml(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Imports and generates every configured service, and writes `spec/COVERAGE.md`.
pub fn generate(mode: Mode) -> anyhow::Result<()> {
    generate_in(&workspace_root(), mode)
}

/// [`generate`] in the checkout at `root` (`cargo xtask sync`'s test runs it in a repository of
/// its own making).
pub fn generate_in(root: &Path, mode: Mode) -> anyhow::Result<()> {
    let services = load_services(root)?;
    let versions = ManifestVersions::load(root)?;
    let mut failures = Vec::new();
    let results = map_services_in_parallel(&services.service, |service| {
        generate_service(root, service, &versions, mode)
    });
    let mut coverages = Vec::new();
    for (service, result) in services.service.iter().zip(results) {
        match result {
            Ok((counts, coverage)) => {
                println!("{counts}");
                coverages.push(coverage);
            }
            Err(error) => failures.push(format!("{}: {error:#}", service.id)),
        }
    }
    if failures.is_empty() {
        let coverage = otc_codegen::import::coverage::coverage_markdown(&coverages);
        if let Err(error) = ensure_file_contents(mode, &root.join("spec/COVERAGE.md"), &coverage) {
            failures.push(format!("{error:#}"));
        }
    }
    let client_services: Vec<&CatalogService> = services.imported_services().collect();
    if let Err(error) = write_facade(root, &client_services, &versions, mode) {
        failures.push(format!("{error:#}"));
    }
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    Ok(())
}

/// Runs `work` for every service and returns the results in the services' order, on as many
/// threads as the machine has cores (each import parses its pages on every core too, then
/// builds its document on one, so side by side the services keep a small machine busy).
pub fn map_services_in_parallel<T: Send>(
    services: &[CatalogService],
    work: impl Fn(&CatalogService) -> T + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map(|count| count.get())
        .unwrap_or(1)
        .clamp(1, services.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<T>> = Vec::new();
    results.resize_with(services.len(), || None);
    std::thread::scope(|scope| {
        let (work, next) = (&work, &next);
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(service) = services.get(index) else {
                            break;
                        };
                        done.push((index, work(service)));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (index, result) in done {
                results[index] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|result| result.expect("every service was worked on"))
        .collect()
}

/// A service's overrides file, or none when it has no file.
fn read_overrides(spec_directory: &Path, service: &CatalogService) -> anyhow::Result<String> {
    let overrides_path = spec_directory.join(&service.overrides);
    match fs::read_to_string(&overrides_path) {
        Ok(text) => Ok(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(error) => Err(error).with_context(|| format!("reading {}", overrides_path.display())),
    }
}

/// The RST pages of a folder as `(relative path, text)`, for the coverage count.
fn rst_texts(files: &[SourceFile]) -> Vec<(&str, &str)> {
    files
        .iter()
        .filter(|file| file.page_format() == Some(otc_codegen::source_folder::PageFormat::Rst))
        .filter_map(|file| Some((file.relative_path.as_str(), file.text()?)))
        .collect()
}

/// Imports and generates one service; returns the line of counts to print and its coverage.
fn generate_service(
    root: &Path,
    service: &CatalogService,
    versions: &ManifestVersions,
    mode: Mode,
) -> anyhow::Result<(String, ServiceCoverage)> {
    let spec_directory = root.join("spec");
    let files = read_source_folder(&spec_directory.join(&service.sources))?;
    if let Some(reason) = &service.excluded {
        let coverage = ServiceCoverage::measure(
            &service.id,
            &service.title,
            rst_texts(&files),
            None,
            Some(reason),
        );
        return Ok((format!("{}: not imported: {reason}", service.id), coverage));
    }
    let overrides_text = read_overrides(&spec_directory, service)?;
    let outcome = import_source_folder(service, &files, &overrides_text);
    // The summary accounts for every page (imported, merged, error codes, skipped with the
    // reason, failed) and every override applied; checked in beside the spec, so a pull
    // request shows a page that stopped importing as plainly as a changed operation.
    let summary = format!(
        "# Import summary of `{}`, written by `cargo xtask codegen`; do not edit by hand.\n{}",
        service.id, outcome.summary
    );
    let coverage = ServiceCoverage::measure(
        &service.id,
        &service.title,
        rst_texts(&files),
        Some((&outcome.document, &outcome.summary)),
        None,
    );
    let counts = format!(
        "{}: {} pages read, {} operations ({} of {} documented), {} skipped pages, {} overrides applied (see {})",
        service.id,
        outcome.summary.pages_read,
        outcome.summary.operations.len(),
        coverage.imported,
        coverage.documented,
        outcome.summary.skipped_pages.len(),
        outcome.summary.overrides_applied.len(),
        import_summary_path(Path::new("spec"), service).display()
    );
    let document = require_document(outcome)?;
    let yaml = spec_yaml(service, &document)?;
    ensure_file_contents(mode, &spec_directory.join(&service.spec), &yaml)?;
    ensure_file_contents(
        mode,
        &import_summary_path(&spec_directory, service),
        &summary,
    )?;
    write_service_crate(root, service, &document, versions, mode)?;
    Ok((counts, coverage))
}

/// `spec/<service>.import-summary.txt`, beside the spec.
fn import_summary_path(spec_directory: &Path, service: &CatalogService) -> PathBuf {
    spec_directory.join(format!("{}.import-summary.txt", service.id))
}

/// Imports every configured service's vendored pages into its OpenAPI document, in process
/// (the library call the benchmark times): reading the pages and overrides, and importing.
pub fn import_all_services(
    root: &Path,
) -> anyhow::Result<Vec<(CatalogService, usize, openapiv3::OpenAPI)>> {
    let services = load_services(root)?;
    let spec_directory = root.join("spec");
    let imported: Vec<CatalogService> = services.imported_services().cloned().collect();
    let results = map_services_in_parallel(&imported, |service| {
        let files = read_source_folder(&spec_directory.join(&service.sources))?;
        let overrides_text = read_overrides(&spec_directory, service)?;
        let outcome = import_source_folder(service, &files, &overrides_text);
        let document = require_document(outcome)?;
        let page_count = files
            .iter()
            .filter(|file| file.page_format().is_some())
            .count();
        anyhow::Ok((page_count, document))
    });
    imported
        .into_iter()
        .zip(results)
        .map(|(service, result)| {
            let (page_count, document) = result?;
            Ok((service, page_count, document))
        })
        .collect()
}

/// The document of a checked-in service, which must import whole: a page that fails is an
/// error until an override (a correction, or `[[skip_page]]` with its reason) accounts for it.
fn require_document(outcome: ImportOutcome) -> anyhow::Result<openapiv3::OpenAPI> {
    if outcome.is_complete() {
        return Ok(outcome.document);
    }
    let errors = outcome.all_errors();
    let mut report = format!(
        "import failed: {} page(s) failed, {} problem(s):\n",
        outcome.summary.failed_pages.len(),
        errors.len()
    );
    for error in &errors {
        report.push_str(&format!("  {error}\n"));
    }
    report.push_str("correct the pages in the service's overrides file, or leave them out with [[skip_page]] and the reason");
    bail!("{report}")
}

/// Reads every file under `folder`, sorted by relative path so the order never depends on the
/// file system.
pub fn read_source_folder(folder: &Path) -> anyhow::Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let entries =
            fs::read_dir(&directory).with_context(|| format!("reading {}", directory.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative_path = path
                .strip_prefix(folder)?
                .components()
                .map(|component| component.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            files.push(SourceFile {
                relative_path,
                bytes,
            });
        }
    }
    files.sort_by(|left, right| left.relative_path.cmp(&right.relative_path));
    Ok(files)
}

/// `cargo xtask import <DIR> --out <FILE>`: prints the summary and writes the spec only when
/// every page could be read.
///
/// When the folder holds the same pages as a configured service's sources, that service's
/// config and overrides are used, so importing the upstream folder gives the checked-in spec.
pub fn import_folder(folder: &Path, output: &Path) -> anyhow::Result<()> {
    let root = workspace_root();
    let services = load_services(&root)?;
    let files = read_source_folder(folder)?;
    let page_names = |files: &[SourceFile]| -> Vec<String> {
        files
            .iter()
            .filter(|file| file.page_format().is_some())
            .map(|file| file.relative_path.clone())
            .collect()
    };
    let names = page_names(&files);
    let mut matching_service = None;
    for service in &services.service {
        let service_files = read_source_folder(&root.join("spec").join(&service.sources))?;
        if !names.is_empty() && page_names(&service_files) == names {
            matching_service = Some(service.clone());
        }
    }
    let (service, overrides_text) = match matching_service {
        Some(service) => {
            eprintln!(
                "the pages are those of service {:?}: using its config and {}",
                service.id, service.overrides
            );
            let overrides_text = read_overrides(&root.join("spec"), &service)?;
            (service, overrides_text)
        }
        None => {
            let name = folder
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            eprintln!(
                "the pages match no configured service: using a generic config without overrides"
            );
            (generic_service(&name), String::new())
        }
    };
    let outcome = import_source_folder(&service, &files, &overrides_text);
    print!("{}", outcome.summary);
    for error in &outcome.errors {
        println!("problem: {error}");
    }
    ensure_file_contents(
        Mode::Write,
        output,
        &spec_yaml(&service, &outcome.document)?,
    )
    .with_context(|| format!("writing {}", output.display()))?;
    let coverage = folder_coverage(&files, &outcome.document);
    println!(
        "wrote {} ({} operations); coverage: {} of the {} documented operations are in the spec",
        output.display(),
        outcome.summary.operations.len(),
        coverage.imported,
        coverage.documented
    );
    for (method, path, file_name) in &coverage.missing {
        println!("  not in the spec: {method} {path} ({file_name})");
    }
    if !outcome.is_complete() {
        bail!(
            "{} page(s) failed to import and {} other problem(s) were found (see the summary above); the spec holds everything else",
            outcome.summary.failed_pages.len(),
            outcome.errors.len()
        );
    }
    Ok(())
}

/// How many of the operations a folder's pages document are in its spec.
pub struct FolderCoverage {
    pub documented: usize,
    pub imported: usize,
    /// `(method, path, first page)` of each documented operation not in the spec.
    pub missing: Vec<(String, String, String)>,
}

pub fn folder_coverage(files: &[SourceFile], document: &openapiv3::OpenAPI) -> FolderCoverage {
    use otc_codegen::import::coverage;
    let texts: Vec<(&str, &str)> = files
        .iter()
        .filter(|file| file.page_format() == Some(otc_codegen::source_folder::PageFormat::Rst))
        .filter_map(|file| Some((file.relative_path.as_str(), file.text()?)))
        .collect();
    let documented = coverage::documented_operations(texts);
    let in_spec = coverage::spec_operation_keys(document);
    let mut missing = Vec::new();
    let mut imported = 0;
    for (operation, file_name) in &documented {
        if in_spec.contains(&coverage::matching_key(&operation.method, &operation.path)) {
            imported += 1;
        } else {
            missing.push((
                operation.method.clone(),
                operation.path.clone(),
                file_name.clone(),
            ));
        }
    }
    FolderCoverage {
        documented: documented.len(),
        imported,
        missing,
    }
}

fn generic_service(name: &str) -> CatalogService {
    CatalogService {
        id: name.to_owned(),
        title: name.to_owned(),
        description: None,
        version: "unknown".to_owned(),
        sources: name.to_owned(),
        spec: format!("{name}.openapi.yaml"),
        overrides: "(none)".to_owned(),
        module: name.to_owned(),
        upstream: None,
        excluded: None,
        deprecated_sources: Vec::new(),
        // Pagination rules too: an unknown folder's list operations get no `x-pagination`.
        pagination: Vec::new(),
        server: otc_codegen::service_catalog::CatalogServer {
            url: "https://{endpoint}".to_owned(),
            variables: [(
                "endpoint".to_owned(),
                otc_codegen::service_catalog::CatalogServerVariable {
                    default: "localhost".to_owned(),
                    values: Vec::new(),
                    description: Some("The service endpoint host".to_owned()),
                },
            )]
            .into(),
        },
        documented_in: Vec::new(),
    }
}
