//! Snapshot tests: the imported spec and the generated Rust of the seed page, and small
//! hand-written pages for edge cases (nested tables, arrays of objects, a broken table).

use otc_codegen::import::ImportOutcome;
use otc_codegen::service_catalog::CatalogService;
use otc_codegen::source_folder::{import_source_folder, spec_yaml, SourceFile};

fn test_service() -> CatalogService {
    otc_codegen::service_catalog::ServiceCatalog::from_toml(
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
    let text =
        std::fs::read_to_string(&full_path).unwrap_or_else(|error| panic!("{full_path}: {error}"));
    SourceFile::from_text(path.rsplit('/').next().unwrap_or(path), &text)
}

/// The text of a source file (the test pages are all text).
fn text_of(file: &SourceFile) -> &str {
    file.text().expect("a text page")
}

fn import_outcome(pages: &[&str]) -> ImportOutcome {
    let files: Vec<SourceFile> = pages.iter().map(|page| read_page(page)).collect();
    import_source_folder(&test_service(), &files, "")
}

/// Imports pages, every one of which must import, and returns the spec YAML.
fn import(pages: &[&str]) -> String {
    let outcome = import_outcome(pages);
    assert!(outcome.is_complete(), "{:#?}", outcome.all_errors());
    spec_yaml(&test_service(), &outcome.document).expect("serializable")
}

/// Every problem of an import, one a line.
fn error_report(outcome: &ImportOutcome) -> String {
    outcome
        .all_errors()
        .iter()
        .map(|error| format!("{error}\n"))
        .collect()
}

fn failed_page_names(outcome: &ImportOutcome) -> Vec<&str> {
    outcome
        .summary
        .failed_pages
        .iter()
        .map(|failed| failed.file_name.as_str())
        .collect()
}

fn generate(pages: &[&str]) -> String {
    let outcome = import_outcome(pages);
    assert!(outcome.is_complete(), "{:#?}", outcome.all_errors());
    otc_codegen::generate::generate_service_module(&outcome.document, "test")
        .expect("the spec generates")
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

/// A broken page is a failed page with every problem found on it, each naming file, table and
/// row; the other pages of the folder still import.
#[test]
fn broken_table_errors_name_file_table_and_row() {
    let outcome = import_outcome(&[
        "tests/pages/BrokenTable.html",
        "tests/pages/NestedObjects.html",
    ]);
    assert_eq!(failed_page_names(&outcome), ["BrokenTable.html"]);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(
        outcome.summary.operations,
        [("NestedObjects".to_owned(), "NestedObjects.html".to_owned())]
    );
    assert_eq!(outcome.document.paths.paths.len(), 1);
    assert!(outcome
        .document
        .paths
        .paths
        .contains_key("/v1/{project_id}/widgets"));
    insta::assert_snapshot!(error_report(&outcome));
}

#[test]
fn import_is_deterministic() {
    let pages = [SEED_PAGE, "tests/pages/NestedObjects.html"];
    assert_eq!(import(&pages), import(&pages));
}

fn nested_page_with_name(relative_path: &str, text: &str) -> SourceFile {
    SourceFile::from_text(relative_path, text)
}

#[test]
fn a_duplicate_page_that_agrees_is_merged() {
    let page = read_page("tests/pages/NestedObjects.html");
    let copy = nested_page_with_name("NestedObjects1.html", text_of(&page));
    let outcome = import_source_folder(&test_service(), &[page, copy], "");
    assert!(outcome.is_complete(), "{:?}", outcome.all_errors());
    assert_eq!(
        outcome.summary.merged_duplicates,
        [(
            "NestedObjects.html".to_owned(),
            "NestedObjects1.html".to_owned()
        )]
    );
    assert_eq!(outcome.summary.operations.len(), 1);
    let yaml = spec_yaml(&test_service(), &outcome.document).expect("yaml");
    assert!(
        yaml.contains("x-duplicate-source-pages:\n      - NestedObjects1.html"),
        "{yaml}"
    );
}

/// A second page of the same operation that differs from the first is another variant of it
/// (as an OpenStack `…/action` request or a public and a private zone are): the spec lists one
/// operation, whose response is either page's, with each page's own operation a variant
/// (`x-operation-variants`), and the differing tables as a schema conflict; the client has a
/// method per page, each with its own page's response.
#[test]
fn a_duplicate_page_that_differs_is_combined_as_another_variant() {
    let page = read_page("tests/pages/NestedObjects.html");
    // The copy documents `total` as int32 instead of Long.
    let changed = text_of(&page).replace("<p>Long</p>", "<p>int32</p>");
    assert_ne!(changed, text_of(&page));
    let copy = nested_page_with_name("NestedObjects1.html", &changed);
    let outcome = import_source_folder(&test_service(), &[page, copy], "");
    assert!(outcome.is_complete(), "{:?}", outcome.all_errors());
    assert!(outcome.summary.merged_duplicates.is_empty());
    assert_eq!(
        outcome.summary.combined_pages,
        [(
            "NestedObjects.html".to_owned(),
            "NestedObjects1.html".to_owned(),
            "GET /v1/{project_id}/widgets".to_owned()
        )]
    );
    assert_eq!(
        outcome.summary.operations,
        [
            ("NestedObjects".to_owned(), "NestedObjects.html".to_owned()),
            (
                "NestedObjects1".to_owned(),
                "NestedObjects1.html".to_owned()
            )
        ]
    );
    assert_eq!(
        outcome.summary.schema_conflicts,
        ["ListWidgetsResponse: 2 different tables share this name, kept as ListWidgetsResponse (used by NestedObjects); NestedObjects1ListWidgetsResponse (used by NestedObjects1)"]
    );
    let yaml = spec_yaml(&test_service(), &outcome.document).expect("yaml");
    // The 200 response is either page's body.
    for alternative in ["ListWidgetsResponse", "NestedObjects1ListWidgetsResponse"] {
        assert!(
            yaml.contains(&format!(
                "                - $ref: '#/components/schemas/{alternative}'\n"
            )),
            "{yaml}"
        );
    }
    assert!(
        yaml.contains("Another variant of this operation: Listing Widgets (NestedObjects1.html)")
    );
    // Each page's operation is a variant, told apart by nothing the pages record (the copy
    // differs only in a response field's type).
    assert_eq!(
        yaml.matches("\n      - told-apart-by:\n          in: not-recorded\n")
            .count(),
        2,
        "{yaml}"
    );
    for (operation_id, page) in [
        ("NestedObjects", "NestedObjects.html"),
        ("NestedObjects1", "NestedObjects1.html"),
    ] {
        assert!(
            yaml.contains(&format!("\n          operationId: {operation_id}\n")),
            "{yaml}"
        );
        assert!(
            yaml.contains(&format!("\n          x-source-page: {page}\n")),
            "{yaml}"
        );
    }
    let module = otc_codegen::generate::ir::build_service_module(&outcome.document, "test")
        .expect("the client of the spec");
    let operations: Vec<(&str, &str, Option<String>)> = module
        .operations
        .iter()
        .map(|operation| {
            let ok_body = operation
                .responses
                .iter()
                .find_map(|response| response.body.as_ref())
                .map(|(rust_type, _)| format!("{rust_type:?}"));
            (
                operation.method_name.as_str(),
                operation.source_page.as_deref().unwrap_or_default(),
                ok_body,
            )
        })
        .collect();
    assert_eq!(
        operations,
        [
            (
                "nested_objects",
                "NestedObjects.html",
                Some("Named(\"ListWidgetsResponse\")".to_owned())
            ),
            (
                "nested_objects1",
                "NestedObjects1.html",
                Some("Named(\"NestedObjects1ListWidgetsResponse\")".to_owned())
            ),
        ]
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
    let messages: Vec<String> = outcome
        .all_errors()
        .iter()
        .map(ToString::to_string)
        .collect();
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
    assert!(outcome.is_complete(), "{:?}", outcome.all_errors());
    let yaml = spec_yaml(&test_service(), &outcome.document).expect("yaml");
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
    assert!(outcome.is_complete(), "{:?}", outcome.all_errors());
    assert_eq!(
        outcome.summary.overrides_applied,
        ["NestedObjects.html, table \"Query Parameters\", row 2 (limit): removed (test)"]
    );
    let yaml = spec_yaml(&test_service(), &outcome.document).expect("yaml");
    assert!(!yaml.contains("name: limit"), "{yaml}");
    // The row is named and numbered: a row that moved makes the override fail.
    let stale = removing.replace("row_number = 2", "row_number = 1");
    let outcome = import_source_folder(&test_service(), &[page], &stale);
    assert!(outcome.summary.failed_pages.is_empty());
    let messages: Vec<String> = outcome
        .all_errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages,
        ["NestedObjects.html, table \"Query Parameters\", row 1 (limit): remove_row override does not apply: no table of that name has a row 1 named \"limit\""]
    );
}
