//! What the fuzz targets run, in one place: one page through a front end and the importer, or
//! one spec through the code generator, each checking what must hold for any input.
//!
//! A panic, a hang (libFuzzer's `-timeout`) or unbounded memory (`-rss_limit_mb`) is a finding.
//! Errors are not: the importer and the generator answer bad input with errors, and those must
//! say where the problem is. Every finding becomes a file under
//! `generator/tests/fuzz_regressions/<target>/`, which `cargo test` replays through the same
//! calls (`generator/tests/fuzz_regressions.rs`).

use generator::config::{ServerConfig, ServiceConfig};
use generator::source_folder::{import_source_folder, spec_yaml, SourceFile};

/// The file name the fuzzed HTML page is imported under.
pub const FUZZED_HTML_FILE_NAME: &str = "FuzzedPage.html";
/// The file name the fuzzed RST page is imported under.
pub const FUZZED_RST_FILE_NAME: &str = "fuzzed_page.rst";

/// A service like the real ones, for pages that are not part of any.
pub fn fuzzed_service() -> ServiceConfig {
    ServiceConfig {
        id: "fuzzed".to_owned(),
        title: "Fuzzed Service".to_owned(),
        description: None,
        version: "v1".to_owned(),
        sources: "sources/fuzzed".to_owned(),
        spec: "fuzzed.openapi.yaml".to_owned(),
        overrides: "overrides/fuzzed.toml".to_owned(),
        module: "fuzzed".to_owned(),
        deprecated_sources: Vec::new(),
        // Both fuzzed pages are declared legacy pages, so input that looks like the older
        // hand-written format goes through that reader too instead of being skipped.
        legacy_pages: vec![
            FUZZED_HTML_FILE_NAME.to_owned(),
            FUZZED_RST_FILE_NAME.to_owned(),
        ],
        pagination: Vec::new(),
        server: ServerConfig {
            url: "https://fuzzed.example.com".to_owned(),
            variables: Default::default(),
        },
    }
}

/// Imports one page (through the front end its file name selects) as a source folder of its
/// own; when the import succeeds, writes the spec and generates code from it, so the importer's
/// output is fuzzed through the generator too.
///
/// Panics when an import error does not start with the page's file name: every problem the
/// importer reports must say where it is.
pub fn import_one_page(file_name: &str, page_bytes: &[u8]) {
    let service = fuzzed_service();
    let files = [SourceFile {
        relative_path: file_name.to_owned(),
        text: String::from_utf8_lossy(page_bytes).into_owned(),
    }];
    let outcome = import_source_folder(&service, &files, "");
    for error in &outcome.errors {
        assert_eq!(error.location.file_name, file_name, "{error}");
        assert!(
            error.to_string().starts_with(file_name),
            "the error does not start with the file name: {error}"
        );
    }
    if let Some(document) = outcome.document {
        spec_yaml(&service, &document).expect("an imported document serializes");
        // Generation may reject what the importer made of a mangled page, with errors; it must
        // not panic.
        let _ = generator::generate::generate_service_module(&document, &service.id);
        let _ = generator::generate::generate_example_tests(&document, &service.id, "fuzzed");
    }
}

/// Reads the bytes as an OpenAPI document (YAML or JSON, as `cargo xtask spec-diff` reads
/// specs) and, when they are one, generates the service module and the example tests from it.
pub fn generate_from_spec(spec_bytes: &[u8]) {
    let Ok(spec_text) = std::str::from_utf8(spec_bytes) else {
        return;
    };
    let Ok(document) = generator::openapi_text::parse_openapi_text(spec_text) else {
        return;
    };
    let _ = generator::generate::generate_service_module(&document, "fuzzed");
    let _ = generator::generate::generate_example_tests(&document, "fuzzed", "fuzzed");
}
