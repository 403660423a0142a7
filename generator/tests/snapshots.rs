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

fn nested_page_with_name(relative_path: &str, text: String) -> SourceFile {
    SourceFile {
        relative_path: relative_path.to_owned(),
        text,
    }
}

#[test]
fn a_duplicate_page_that_agrees_is_merged() {
    let page = read_page("tests/pages/NestedObjects.html");
    let copy = nested_page_with_name("NestedObjects1.html", page.text.clone());
    let outcome = import_source_folder(&test_service(), &[page, copy], "");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(
        outcome.summary.merged_duplicates,
        [(
            "NestedObjects.html".to_owned(),
            "NestedObjects1.html".to_owned()
        )]
    );
    assert_eq!(outcome.summary.operations.len(), 1);
    let yaml = spec_yaml(&test_service(), &outcome.document.expect("imported")).expect("yaml");
    assert!(
        yaml.contains("x-duplicate-source-pages:\n      - NestedObjects1.html"),
        "{yaml}"
    );
}

#[test]
fn a_duplicate_page_that_differs_is_a_conflict() {
    let page = read_page("tests/pages/NestedObjects.html");
    // The copy documents `total` as Integer instead of Long.
    let changed = page.text.replace("<p>Long</p>", "<p>Integer</p>");
    assert_ne!(changed, page.text);
    let copy = nested_page_with_name("NestedObjects1.html", changed);
    let outcome = import_source_folder(&test_service(), &[page, copy], "");
    assert!(outcome.document.is_none());
    let messages: Vec<String> = outcome.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["NestedObjects1.html: GET /v1/{project_id}/widgets is also documented by NestedObjects.html, and the two pages differ: correct one of them in the overrides file"]
    );
}

#[test]
fn overrides_apply_and_stale_overrides_are_errors() {
    let page = read_page("tests/pages/NestedObjects.html");
    let overrides = r#"
        [[cell]]
        page = "NestedObjects.html"
        table = "Widget"
        row = "size"
        column = "Type"
        expected = "Double"
        replacement = "Float"
        reason = "test"

        [[cell]]
        page = "NestedObjects.html"
        table = "Widget"
        row = "id"
        column = "Type"
        expected = "Integer"
        replacement = "Long"
        reason = "stale: the page says String"

        [[schema_rename]]
        from = "Owner"
        to = "WidgetOwner"
        reason = "test"
    "#;
    let outcome = import_source_folder(&test_service(), &[page], overrides);
    let messages: Vec<String> = outcome.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["NestedObjects.html, table \"Widget\" (id): cell override does not apply: the cell says \"String\", the override expects \"Integer\""]
    );
    assert_eq!(outcome.summary.overrides_applied.len(), 2);
}

#[test]
fn overrides_change_the_spec() {
    let page = read_page("tests/pages/NestedObjects.html");
    let overrides = r#"
        [[schema_rename]]
        from = "Owner"
        to = "WidgetOwner"
        reason = "test"
    "#;
    let outcome = import_source_folder(&test_service(), &[page], overrides);
    let yaml = spec_yaml(&test_service(), &outcome.document.expect("imported")).expect("yaml");
    assert!(yaml.contains("$ref: '#/components/schemas/WidgetOwner'"));
    assert!(!yaml.contains("schemas/Owner'"));
}

#[test]
fn remove_row_overrides_apply_and_stale_ones_are_errors() {
    let page = read_page("tests/pages/NestedObjects.html");
    let removing = r#"
        [[remove_row]]
        page = "NestedObjects.html"
        table = "Query Parameters"
        row = "limit"
        row_number = 2
        reason = "test"
    "#;
    let outcome = import_source_folder(&test_service(), std::slice::from_ref(&page), removing);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(
        outcome.summary.overrides_applied,
        ["NestedObjects.html, table \"Query Parameters\", row 2 (limit): removed (test)"]
    );
    let yaml = spec_yaml(&test_service(), &outcome.document.expect("imported")).expect("yaml");
    assert!(!yaml.contains("name: limit"), "{yaml}");
    // The row is named and numbered: a row that moved makes the override fail.
    let stale = removing.replace("row_number = 2", "row_number = 1");
    let outcome = import_source_folder(&test_service(), &[page], &stale);
    let messages: Vec<String> = outcome.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["NestedObjects.html, table \"Query Parameters\", row 1 (limit): remove_row override does not apply: no table of that name has a row 1 named \"limit\""]
    );
}
