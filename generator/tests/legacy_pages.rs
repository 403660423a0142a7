//! Snapshot and behaviour tests of operation pages in the older hand-written format: a vendored
//! DCS v1 page, a hand-written edge case and a broken page. Such pages are imported like any
//! other, without any configuration of the service; a page that cannot be imported is a failed
//! page with every problem on it, and the other pages still import.

use otc_codegen::import::ImportOutcome;
use otc_codegen::service_catalog::CatalogService;
use otc_codegen::source_folder::{import_source_folder, spec_yaml, SourceFile};

/// A service with nothing but its id, title, version and server; `deprecated_prefix` marks the
/// pages under it deprecated (as the DCS v1 pages are).
fn test_service(deprecated_prefix: Option<&str>) -> CatalogService {
    let mut service = otc_codegen::service_catalog::ServiceCatalog::from_toml(
        r#"
        [[service]]
        id = "test"
        title = "Test Service"
        version = "v1"
        [service.server]
        url = "https://test.{region}.example.com"
        [service.server.variables.region]
        default = "eu-de"
        "#,
    )
    .expect("valid config")
    .service
    .remove(0);
    if let Some(prefix) = deprecated_prefix {
        service.deprecated_sources = vec![prefix.to_owned()];
    }
    service
}

/// Reads a file of this crate as a source file at `relative_path` of the source folder.
fn source_file(crate_path: &str, relative_path: &str) -> SourceFile {
    let full_path = format!("{}/{crate_path}", env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(&full_path).unwrap_or_else(|error| panic!("{full_path}: {error}"));
    SourceFile::from_text(relative_path, &text)
}

/// The spec YAML of pages that must all import, each as a page of the older format.
fn import(service: &CatalogService, files: &[SourceFile]) -> String {
    let outcome = import_source_folder(service, files, "");
    assert!(outcome.is_complete(), "{:#?}", outcome.all_errors());
    let mut hand_written: Vec<&str> = files
        .iter()
        .map(|file| file.relative_path.as_str())
        .collect();
    hand_written.sort_unstable();
    assert_eq!(outcome.summary.hand_written_pages, hand_written);
    spec_yaml(service, &outcome.document).expect("serializable")
}

fn failed_page_names(outcome: &ImportOutcome) -> Vec<&str> {
    outcome
        .summary
        .failed_pages
        .iter()
        .map(|failed| failed.file_name.as_str())
        .collect()
}

const BATCH_DELETION_PAGE: &str =
    "../spec/sources/dcs/outdated_apis_v1/lifecycle_management_apis/batch_deleting_dcs_instances.rst";
const EDGE_CASE_PAGE: &str = "tests/pages/legacy/creating_a_gadget.rst";
const BROKEN_PAGE: &str = "tests/pages/legacy/broken_widget_page.rst";

/// A vendored v1 page: query parameter from the URI line, request body with a bare Array, a
/// response body with an Array linked to its table, 200 and 204 (the body goes to 200).
#[test]
fn vendored_legacy_page_spec() {
    let service = test_service(Some("outdated_apis_v1/"));
    let page = source_file(
        BATCH_DELETION_PAGE,
        "outdated_apis_v1/lifecycle_management_apis/batch_deleting_dcs_instances.rst",
    );
    let yaml = import(&service, &[page]);
    // "**false** or other values: …" opens the list of `allFailure`: its values are examples,
    // no enumeration, and the line stays as written.
    assert!(
        yaml.contains("- false or other values: The DCS instances"),
        "{yaml}"
    );
    insta::assert_snapshot!(yaml);
}

#[test]
fn legacy_edge_cases_spec() {
    let service = test_service(Some("legacy/"));
    let page = source_file(EDGE_CASE_PAGE, "legacy/creating_a_gadget.rst");
    insta::assert_snapshot!(import(&service, &[page]));
}

#[test]
fn legacy_edge_cases_rust() {
    let service = test_service(Some("legacy/"));
    let page = source_file(EDGE_CASE_PAGE, "legacy/creating_a_gadget.rst");
    let outcome = import_source_folder(&service, &[page], "");
    assert!(outcome.is_complete(), "{:#?}", outcome.all_errors());
    insta::assert_snapshot!(otc_codegen::generate::generate_service_module(
        &outcome.document,
        "test"
    )
    .expect("the spec generates"));
}

/// A broken page of the older format is a failed page, with every problem found on it naming
/// its file (and table and row where it has them); the good page beside it still imports.
#[test]
fn broken_legacy_page_errors_name_file_table_and_row() {
    let service = test_service(None);
    let broken = source_file(BROKEN_PAGE, "legacy/broken_widget_page.rst");
    let good = source_file(EDGE_CASE_PAGE, "legacy/creating_a_gadget.rst");
    let outcome = import_source_folder(&service, &[broken, good], "");
    assert_eq!(
        failed_page_names(&outcome),
        ["legacy/broken_widget_page.rst"]
    );
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(
        outcome.summary.hand_written_pages,
        ["legacy/creating_a_gadget.rst"]
    );
    assert_eq!(
        outcome.summary.operations,
        [(
            "CreateGadget".to_owned(),
            "legacy/creating_a_gadget.rst".to_owned()
        )]
    );
    let errors = outcome.all_errors();
    assert!(errors
        .iter()
        .all(|error| error.location.file_name == "legacy/broken_widget_page.rst"));
    assert!(
        errors
            .iter()
            .any(|error| error.location.table.is_some() && error.location.row_number.is_some()),
        "{errors:#?}"
    );
    let report: String = errors.iter().map(|error| format!("{error}\n")).collect();
    insta::assert_snapshot!(report);
}

/// What stopped the old importer but no longer fails a page is noted instead: a path or query
/// parameter of the URI line without a row, a request example without a request body table.
/// (The broken page above, with the problems that fail it corrected.)
#[test]
fn problems_that_do_not_fail_a_page_are_notes() {
    let broken = source_file(BROKEN_PAGE, "legacy/broken_widget_page.rst");
    let mut text = broken
        .text()
        .expect("a text page")
        .replace(
            "count     Str#ng Item count.",
            "count     String Item count.",
        )
        .replace("204         No content.", "200         OK.");
    let orphan_start = text
        .find(".. table:: **Table 3** orphan")
        .expect("the orphan table");
    let orphan_end = text.find("**Example response**").expect("the example");
    text.replace_range(orphan_start..orphan_end, "");
    let page = SourceFile::from_text("legacy/widget_page.rst", &text);
    let outcome = import_source_folder(&test_service(None), &[page], "");
    assert!(outcome.is_complete(), "{:#?}", outcome.all_errors());
    assert_eq!(
        outcome.summary.hand_written_pages,
        ["legacy/widget_page.rst"]
    );
    let notes: Vec<String> = outcome
        .summary
        .notes
        .iter()
        .map(|note| format!("{}: {}", note.location, note.message))
        .collect();
    assert_eq!(
        notes,
        [
            "legacy/widget_page.rst: path parameter {widget_id} of /v1.0/{project_id}/widgets/{widget_id} has no row in the URI parameter table: imported as a string without description",
            "legacy/widget_page.rst: query parameter \"offset\" of the URI line has no row in a parameter table: imported as a string without description",
            "legacy/widget_page.rst, table \"Request section, code block 1\": the page documents no request body table but its example sends a JSON body: the body's schema is inferred from the example",
            "legacy/widget_page.rst, table \"Response section, code block 2\": code block left out: neither a request line nor a JSON body: \"Some prose that is neither a request line nor JSON.\"",
        ]
    );
    let yaml = spec_yaml(&test_service(None), &outcome.document).expect("serializable");
    assert!(yaml.contains("name: widget_id"), "{yaml}");
    assert!(yaml.contains("name: offset"), "{yaml}");
}

/// Pages of the older format need no configuration: wherever they are in the source folder,
/// they are imported (not skipped), and listed as hand-written pages.
#[test]
fn older_format_pages_are_imported_without_configuration() {
    for relative_path in [
        "legacy/creating_a_gadget.rst",
        "other/creating_a_gadget.rst",
        "creating_a_gadget.rst",
    ] {
        let page = source_file(EDGE_CASE_PAGE, relative_path);
        let outcome = import_source_folder(&test_service(None), &[page], "");
        assert!(outcome.is_complete(), "{:?}", outcome.all_errors());
        assert!(outcome.summary.skipped_pages.is_empty(), "{relative_path}");
        assert_eq!(outcome.summary.hand_written_pages, [relative_path]);
        assert_eq!(
            outcome.summary.operations,
            [("CreateGadget".to_owned(), relative_path.to_owned())]
        );
        assert!(outcome
            .document
            .paths
            .paths
            .contains_key("/v1.0/{project_id}/gadgets"));
    }
}

/// Two pages with one title are named apart, never silently merged: the first in file order
/// keeps the name, the other gets its path's API version.
#[test]
fn legacy_operation_id_collisions_get_the_path_version() {
    let service = test_service(None);
    let page = source_file(EDGE_CASE_PAGE, "legacy/creating_a_gadget.rst");
    let other_text = page
        .text()
        .expect("a text page")
        .replace("/gadgets?", "/other-gadgets?");
    let other_path = SourceFile::from_text("legacy/creating_a_gadget_again.rst", &other_text);
    let outcome = import_source_folder(&service, &[page, other_path], "");
    assert!(outcome.is_complete(), "{:?}", outcome.all_errors());
    let mut operations = outcome.summary.operations.clone();
    operations.sort();
    assert_eq!(
        operations,
        [
            (
                "CreateGadget".to_owned(),
                "legacy/creating_a_gadget.rst".to_owned()
            ),
            (
                "CreateGadgetV1".to_owned(),
                "legacy/creating_a_gadget_again.rst".to_owned()
            ),
        ]
    );
}
