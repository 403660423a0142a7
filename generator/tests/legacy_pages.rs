//! Snapshot and behaviour tests of operation pages in the older hand-written format: a vendored
//! DCS v1 page, a hand-written edge case, a broken page, and the per-service decision whether
//! such pages are imported at all.

use generator::config::ServiceConfig;
use generator::source_folder::{import_source_folder, spec_yaml, SourceFile};

/// A service that imports the legacy pages under `legacy_prefix` and marks them deprecated.
fn service_with_legacy_pages(legacy_prefix: Option<&str>) -> ServiceConfig {
    let mut service = generator::config::ServicesConfig::from_toml(
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
    .remove(0);
    if let Some(prefix) = legacy_prefix {
        service.legacy_pages = vec![prefix.to_owned()];
        service.deprecated_sources = vec![prefix.to_owned()];
    }
    service
}

/// Reads a file of this crate as a source file at `relative_path` of the source folder.
fn source_file(crate_path: &str, relative_path: &str) -> SourceFile {
    let full_path = format!("{}/{crate_path}", env!("CARGO_MANIFEST_DIR"));
    SourceFile {
        relative_path: relative_path.to_owned(),
        text: std::fs::read_to_string(&full_path)
            .unwrap_or_else(|error| panic!("{full_path}: {error}")),
    }
}

/// The spec YAML, or the error report when the import fails.
fn import(service: &ServiceConfig, files: &[SourceFile]) -> String {
    let outcome = import_source_folder(service, files, "");
    match outcome.document {
        Some(document) => spec_yaml(service, &document).expect("serializable"),
        None => outcome
            .errors
            .iter()
            .map(|error| format!("{error}\n"))
            .collect(),
    }
}

const BATCH_DELETION_PAGE: &str =
    "../spec/sources/dcs/outdated_apis_v1/lifecycle_management_apis/batch_deleting_dcs_instances.rst";
const EDGE_CASE_PAGE: &str = "tests/pages/legacy/creating_a_gadget.rst";
const BROKEN_PAGE: &str = "tests/pages/legacy/broken_widget_page.rst";

/// A vendored v1 page: query parameter from the URI line, request body with a bare Array, a
/// response body with an Array linked to its table, 200 and 204 (the body goes to 200).
#[test]
fn vendored_legacy_page_spec() {
    let service = service_with_legacy_pages(Some("outdated_apis_v1/"));
    let page = source_file(
        BATCH_DELETION_PAGE,
        "outdated_apis_v1/lifecycle_management_apis/batch_deleting_dcs_instances.rst",
    );
    insta::assert_snapshot!(import(&service, &[page]));
}

#[test]
fn legacy_edge_cases_spec() {
    let service = service_with_legacy_pages(Some("legacy/"));
    let page = source_file(EDGE_CASE_PAGE, "legacy/creating_a_gadget.rst");
    insta::assert_snapshot!(import(&service, &[page]));
}

#[test]
fn legacy_edge_cases_rust() {
    let service = service_with_legacy_pages(Some("legacy/"));
    let page = source_file(EDGE_CASE_PAGE, "legacy/creating_a_gadget.rst");
    let outcome = import_source_folder(&service, &[page], "");
    let document = outcome.document.expect("the page imports");
    insta::assert_snapshot!(
        generator::generate::generate_service_module(&document, "test")
            .expect("the spec generates")
    );
}

#[test]
fn broken_legacy_page_errors_name_file_table_and_row() {
    let service = service_with_legacy_pages(Some("legacy/"));
    let page = source_file(BROKEN_PAGE, "legacy/broken_widget_page.rst");
    insta::assert_snapshot!(import(&service, &[page]));
}

/// Importing legacy pages is declared per service: without `legacy_pages` (as for ELB, whose
/// older pages are out of scope) a legacy page is skipped with the reason it always had.
#[test]
fn legacy_pages_outside_the_declared_prefixes_stay_skipped() {
    let page = source_file(EDGE_CASE_PAGE, "legacy/creating_a_gadget.rst");
    for service in [
        service_with_legacy_pages(None),
        service_with_legacy_pages(Some("other/")),
    ] {
        let outcome = import_source_folder(&service, std::slice::from_ref(&page), "");
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        assert!(outcome.summary.operations.is_empty());
        assert!(outcome.summary.legacy_format_pages.is_empty());
        assert_eq!(
            outcome.summary.skipped_pages,
            [(
                "legacy/creating_a_gadget.rst".to_owned(),
                "no \"Status Codes\" table: older hand-written page format, not imported"
                    .to_owned()
            )]
        );
    }
}

/// Two legacy pages with one title get one operation id: an error, never a silent rename.
#[test]
fn legacy_operation_id_collisions_are_errors() {
    let service = service_with_legacy_pages(Some("legacy/"));
    let page = source_file(EDGE_CASE_PAGE, "legacy/creating_a_gadget.rst");
    let other_path = SourceFile {
        relative_path: "legacy/creating_a_gadget_again.rst".to_owned(),
        text: page.text.replace("/gadgets?", "/other-gadgets?"),
    };
    let outcome = import_source_folder(&service, &[page, other_path], "");
    let messages: Vec<String> = outcome.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["legacy/creating_a_gadget_again.rst: operation id CreatingAGadgetV1 is also used by legacy/creating_a_gadget.rst"]
    );
}
