//! What the fuzz targets run, in one place: one page through a front end and the importer, or
//! one spec through the code generator, each checking what must hold for any input.
//!
//! A panic, a hang (libFuzzer's `-timeout`) or unbounded memory (`-rss_limit_mb`) is a finding.
//! Errors are not: the importer and the generator answer bad input with errors, and those must
//! say where the problem is. Every finding becomes a file under
//! `generator/tests/fuzz_regressions/<target>/`, which `cargo test` replays through the same
//! calls (`generator/tests/fuzz_regressions.rs`).

use otc_codegen::service_catalog::{CatalogServer, CatalogService};
use otc_codegen::source_folder::{import_source_folder, spec_yaml, SourceFile};

/// The file name the fuzzed HTML page is imported under.
pub const FUZZED_HTML_FILE_NAME: &str = "FuzzedPage.html";
/// The file name the fuzzed RST page is imported under.
pub const FUZZED_RST_FILE_NAME: &str = "fuzzed_page.rst";

/// A service like the real ones, for pages that are not part of any. Every page style is
/// imported without configuration, so input that looks like the older hand-written format
/// goes through that recogniser too.
pub fn fuzzed_service() -> CatalogService {
    let mut service = CatalogService {
        id: "fuzzed".to_owned(),
        title: "Fuzzed Service".to_owned(),
        description: None,
        version: "v1".to_owned(),
        upstream: None,
        sources: String::new(),
        spec: String::new(),
        overrides: String::new(),
        module: String::new(),
        excluded: None,
        deprecated_sources: Vec::new(),
        pagination: Vec::new(),
        server: CatalogServer {
            url: "https://fuzzed.example.com".to_owned(),
            variables: Default::default(),
        },
        documented_in: Vec::new(),
    };
    service.fill_in_defaults();
    service
}

/// Imports one page (through the front end its file name selects) as a source folder of
/// its own, writes the spec and generates code from it, so the importer's output is fuzzed
/// through the generator too.
///
/// Panics when a problem the import reports (a failed page's or another) does not start
/// with the page's file name: every problem must say where it is.
pub fn import_one_page(file_name: &str, page_bytes: &[u8]) {
    let service = fuzzed_service();
    let files = [SourceFile::from_text(
        file_name,
        &String::from_utf8_lossy(page_bytes),
    )];
    let outcome = import_source_folder(&service, &files, "");
    for error in outcome.all_errors() {
        assert_eq!(error.location.file_name, file_name, "{error}");
        assert!(
            error.to_string().starts_with(file_name),
            "the error does not start with the file name: {error}"
        );
    }
    spec_yaml(&service, &outcome.document).expect("an imported document serializes");
    // Generation may reject what the importer made of a mangled page, with errors; it must
    // not panic.
    let _ = otc_codegen::generate::generate_service_module(&outcome.document, &service.id);
    let _ = otc_codegen::generate::generate_example_tests(&outcome.document, &service.id, "fuzzed");
}

/// Reads the bytes as an OpenAPI document (YAML or JSON, as `cargo xtask spec-diff` reads
/// specs) and, when they are one, generates the service module and the example tests from
/// it.
pub fn generate_from_spec(spec_bytes: &[u8]) {
    let Ok(spec_text) = std::str::from_utf8(spec_bytes) else {
        return;
    };
    let Ok(document) = otc_codegen::openapi_text::parse_openapi_text(spec_text) else {
        return;
    };
    let _ = otc_codegen::generate::generate_service_module(&document, "fuzzed");
    let _ = otc_codegen::generate::generate_example_tests(&document, "fuzzed", "fuzzed");
}

/// Reads the bytes as an OpenAPI document, as `cargo xtask generate` reads a spec, and
/// generates a standalone crate from it with that command's settings: the path users take
/// with specs nobody here wrote, whose unsupported constructs become fallbacks instead of
/// errors.
pub fn generate_standalone_from_spec(spec_bytes: &[u8]) {
    let Ok(spec_text) = std::str::from_utf8(spec_bytes) else {
        return;
    };
    let Ok(document) = otc_codegen::openapi_text::parse_openapi_text(spec_text) else {
        return;
    };
    let settings = otc_codegen::generate::GenerateSettings::standalone();
    let _ = otc_codegen::generate::generate_standalone_crate(&document, &settings);
}
