//! Conservation over every vendored service: each imported operation page accounts for every
//! table, table row and code block (taken into the spec or reported with a reason), no page
//! fails, no page is left out by a `[[skip_page]]` override, and every example of the spec is
//! accepted by its schema (none left out for contradicting its tables).

use std::path::{Path, PathBuf};

use otc_codegen::service_catalog::ServiceCatalog;
use otc_codegen::source_folder::{import_source_folder, SourceFile};

fn spec_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// Every file under `folder`, as the importer reads a source folder.
fn source_files(folder: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let entries = std::fs::read_dir(&directory)
            .unwrap_or_else(|error| panic!("{}: {error}", directory.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative_path = path
                .strip_prefix(folder)
                .expect("under the folder")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes =
                std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            files.push(SourceFile {
                relative_path,
                bytes,
            });
        }
    }
    files.sort_by(|left, right| left.relative_path.cmp(&right.relative_path));
    files
}

#[test]
fn every_table_row_and_code_block_of_every_service_is_accounted_for() {
    let catalog_text =
        std::fs::read_to_string(spec_folder().join("services.toml")).expect("services.toml");
    let catalog = ServiceCatalog::from_toml(&catalog_text).expect("a valid catalog");
    let mut services = 0;
    let mut tables = 0;
    let mut rows = 0;
    let mut code_blocks = 0;
    for service in catalog.imported_services() {
        let files = source_files(&spec_folder().join(&service.sources));
        let overrides =
            std::fs::read_to_string(spec_folder().join(&service.overrides)).unwrap_or_default();
        let outcome = import_source_folder(service, &files, &overrides);
        assert!(
            outcome.is_complete(),
            "{}: {:#?}",
            service.id,
            outcome.all_errors()
        );
        let skipped_by_override: Vec<&(String, String)> = outcome
            .summary
            .skipped_pages
            .iter()
            .filter(|(_, reason)| {
                reason.starts_with(otc_codegen::import::coverage::SKIPPED_BY_OVERRIDE)
            })
            .collect();
        assert!(
            skipped_by_override.is_empty(),
            "{}: {skipped_by_override:#?}",
            service.id
        );
        let contradicting: Vec<&str> = outcome
            .summary
            .notes
            .iter()
            .map(|note| note.message.as_str())
            .filter(|message| {
                message.contains(otc_codegen::import::coverage::CONTRADICTS_THE_TABLES)
            })
            .collect();
        assert!(
            contradicting.is_empty(),
            "{}: {contradicting:#?}",
            service.id
        );
        let counts = outcome.summary.conservation;
        assert!(counts.tables_taken > 0, "{}: no table taken", service.id);
        services += 1;
        tables += counts.tables_taken + counts.tables_reported;
        rows += counts.rows_taken + counts.rows_reported;
        code_blocks += counts.code_blocks_taken + counts.code_blocks_reported;
    }
    assert_eq!(services, 49);
    eprintln!("{services} services: {tables} tables, {rows} rows, {code_blocks} code blocks accounted for");
}
