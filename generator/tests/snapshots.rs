//! Snapshot tests: the imported spec and the generated Rust of the seed page, and small
//! hand-written pages for edge cases (nested tables, arrays of objects, a broken table).

use generator::config::ServiceConfig;
use generator::source_folder::{import_source_folder, spec_yaml, SourceFile};

fn test_service() -> ServiceConfig {
    generator::config::ServicesConfig::from_toml(
        r#"
        [[service]]
        id = "test"
        title = "Test Service"
        version = "v1"
        sources = "sources/test"
        spec = "test.openapi.yaml"
        overrides = "overrides/test.toml"
        module = "test"
        [service.server]
        url = "https://test.{region}.example.com"
        [service.server.variables.region]
        default = "eu-de"
        "#,
    )
    .expect("valid config")
    .service
    .remove(0)
}

fn read_page(path: &str) -> SourceFile {
    let full_path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    SourceFile {
        relative_path: path.rsplit('/').next().unwrap_or(path).to_owned(),
        text: std::fs::read_to_string(&full_path)
            .unwrap_or_else(|error| panic!("{full_path}: {error}")),
    }
}

/// Imports pages and returns the spec YAML, or the error report when the import fails.
fn import(pages: &[&str]) -> String {
    let files: Vec<SourceFile> = pages.iter().map(|page| read_page(page)).collect();
    let service = test_service();
    let outcome = import_source_folder(&service, &files, "");
    match outcome.document {
        Some(document) => spec_yaml(&service, &document).expect("serializable"),
        None => outcome
            .errors
            .iter()
            .map(|error| format!("{error}\n"))
            .collect(),
    }
}

fn generate(pages: &[&str]) -> String {
    let files: Vec<SourceFile> = pages.iter().map(|page| read_page(page)).collect();
    let outcome = import_source_folder(&test_service(), &files, "");
    let document = outcome.document.expect("the page imports");
    generator::generate::generate_service_module(&document, "test").expect("the spec generates")
}

const SEED_PAGE: &str = "../spec/sources/dcs/DeleteBackgroundTask.html";

#[test]
fn seed_page_spec() {
    insta::assert_snapshot!(import(&[SEED_PAGE]));
}

#[test]
fn seed_page_rust() {
    insta::assert_snapshot!(generate(&[SEED_PAGE]));
}

#[test]
fn nested_object_tables_and_arrays_of_objects_spec() {
    insta::assert_snapshot!(import(&["tests/pages/NestedObjects.html"]));
}

#[test]
fn nested_object_tables_and_arrays_of_objects_rust() {
    insta::assert_snapshot!(generate(&["tests/pages/NestedObjects.html"]));
}

#[test]
fn broken_table_errors_name_file_table_and_row() {
    insta::assert_snapshot!(import(&["tests/pages/BrokenTable.html"]));
}

#[test]
fn import_is_deterministic() {
    let pages = [SEED_PAGE, "tests/pages/NestedObjects.html"];
    assert_eq!(import(&pages), import(&pages));
}
