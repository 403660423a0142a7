//! Pagination, end to end in the engine: the service config's rules → `x-pagination` on the
//! operations they fit (and every mistake reported with its location), and `x-pagination` →
//! the generated `…_stream` methods (and every invalid extension an error with its pointer).

use openapiv3::{OpenAPI, ReferenceOr};
use otc_codegen::generate::{generate_service_module, generate_standalone_crate, GenerateSettings};
use otc_codegen::import::pagination::apply_pagination_rules;
use otc_codegen::service_catalog::{PaginationRule, ServiceCatalog};

fn read_spec(name: &str) -> OpenAPI {
    let path = format!("{}/tests/pagination/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    otc_codegen::openapi_text::parse_openapi_text(&text)
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The `[[service.pagination]]` entries of a service declared with these rules.
fn rules(rules_toml: &str) -> Vec<PaginationRule> {
    let config = format!(
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
        url = "https://test.example.com"
        {rules_toml}
        "#
    );
    ServiceCatalog::from_toml(&config)
        .expect("valid config")
        .service
        .remove(0)
        .pagination
}

/// Applies the rules and describes the outcome: each operation's `x-pagination` (or none),
/// the summary lines and the errors.
fn check_rules(spec: &str, rules_toml: &str) -> String {
    let mut document = read_spec(spec);
    let report = apply_pagination_rules(&mut document, "test", &rules(rules_toml));
    let mut text = String::from("operations:\n");
    for (path, item) in &document.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let extension = operation
                .extensions
                .get("x-pagination")
                .map_or_else(|| "none".to_owned(), |value| value.to_string());
            text.push_str(&format!("  {method} {path}: {extension}\n"));
        }
    }
    text.push_str("summary:\n");
    for line in &report.applied {
        text.push_str(&format!("  {line}\n"));
    }
    text.push_str("errors:\n");
    for error in &report.errors {
        text.push_str(&format!("  {error}\n"));
    }
    text
}

const LIST_OPERATION_RULES: &str = r#"
    [[service.pagination]]
    style = "marker"
    marker = "marker"
    limit = "limit"
    next_marker = "page_info.next_marker"

    [[service.pagination]]
    style = "offset"
    offset = "offset"
    limit = "limit"
    total = ["other_count"]

    [[service.pagination]]
    style = "offset"
    offset = "offset"
    limit = "limit"
    total = "result.total"
    items = "result.entries"
"#;

/// The list operations with their `x-pagination`, as the importer leaves them.
fn paginated_document() -> OpenAPI {
    let mut document = read_spec("list_operations.yaml");
    let report = apply_pagination_rules(&mut document, "test", &rules(LIST_OPERATION_RULES));
    assert_eq!(report.errors, []);
    document
}

#[test]
fn rules_write_x_pagination_on_every_operation_they_fit() {
    insta::assert_snapshot!(check_rules("list_operations.yaml", LIST_OPERATION_RULES));
}

#[test]
fn rules_that_fit_partly_or_not_at_all_are_reported_with_their_location() {
    insta::assert_snapshot!(check_rules(
        "mistakes.yaml",
        r#"
        [[service.pagination]]
        style = "marker"
        marker = "marker"
        limit = "limit"
        next_marker = "page_info.next_marker"

        [[service.pagination]]
        style = "offset"
        offset = "offset"
        limit = "limit"
        total = "count"

        [[service.pagination]]
        style = "offset"
        offset = "offset"
        limit = "limit"
        total = ["count", "never_used"]
        items = "instances"

        [[service.pagination]]
        style = "marker"
        marker = "marker"
        limit = "limit"
        total = "count"
        "#
    ));
}

#[test]
fn an_operation_two_rules_fit_is_an_error() {
    insta::assert_snapshot!(check_rules(
        "list_operations.yaml",
        r#"
        [[service.pagination]]
        style = "marker"
        marker = "marker"
        limit = "limit"
        next_marker = "page_info.next_marker"

        [[service.pagination]]
        style = "marker"
        marker = "marker"
        limit = "limit"
        next_marker = "page_info.next_marker"
        items = "things"
        "#
    ));
}

#[test]
fn paginated_operations_get_stream_methods() {
    let source = generate_service_module(&paginated_document(), "test").expect("it generates");
    insta::assert_snapshot!(source);
}

/// Sets one key of an operation's `x-pagination` (`None` removes it).
fn set_pagination_key(document: &mut OpenAPI, path: &str, key: &str, value: Option<&str>) {
    let Some(ReferenceOr::Item(item)) = document.paths.paths.get_mut(path) else {
        panic!("no path {path}");
    };
    let operation = item.get.as_mut().expect("a GET operation");
    let extension = operation
        .extensions
        .get_mut("x-pagination")
        .and_then(serde_json::Value::as_object_mut)
        .expect("an x-pagination object");
    match value {
        Some(value) => extension.insert(key.to_owned(), value.into()),
        None => extension.remove(key),
    };
}

#[test]
fn invalid_x_pagination_is_an_error_with_its_pointer() {
    let mut document = paginated_document();
    set_pagination_key(
        &mut document,
        "/v1/{project_id}/things",
        "items",
        Some("page_info"),
    );
    set_pagination_key(
        &mut document,
        "/v1/{project_id}/things",
        "next_marker",
        Some("page_info.current_count"),
    );
    set_pagination_key(
        &mut document,
        "/v1/{project_id}/others",
        "limit",
        Some("page_size"),
    );
    set_pagination_key(&mut document, "/v1/{project_id}/others", "total", None);
    set_pagination_key(
        &mut document,
        "/v1/{project_id}/nested",
        "style",
        Some("cursor"),
    );
    set_pagination_key(
        &mut document,
        "/v1/{project_id}/nested",
        "reverse",
        Some("true"),
    );
    let errors = generate_service_module(&document, "test").expect_err("invalid x-pagination");
    let text: String = errors.iter().map(|error| format!("{error}\n")).collect();
    insta::assert_snapshot!(text);
}

#[test]
fn a_standalone_crate_gets_the_item_streams_too() {
    // One runtime for every crate: a crate from any spec walks pages as the service crates do.
    let generated =
        generate_standalone_crate(&paginated_document(), &GenerateSettings::standalone())
            .expect("it generates");
    assert_eq!(generated.report, Vec::new());
    for stream in [
        "pub fn list_things_stream(",
        "pub fn list_others_stream(",
        "pub fn list_nested_stream(",
    ] {
        assert!(generated.lib_rs.contains(stream), "{stream} missing");
    }
    assert!(generated
        .lib_rs
        .contains("::otc_client_runtime::marker_items("));
    assert!(generated
        .lib_rs
        .contains("::otc_client_runtime::offset_items("));
}
