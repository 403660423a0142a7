//! Value lists and references to other pages, on the vendored DCS and ELB pages they were found
//! on: each field's list of values is an enum in the spec, and a row that points to tables of
//! another page refers to the schema read from that page instead of a bare object.

use std::path::Path;

use otc_codegen::service_catalog::{CatalogService, ServiceCatalog};
use otc_codegen::source_folder::{import_source_folder, SourceFile};
use serde_json::Value;

fn service(id: &str) -> CatalogService {
    ServiceCatalog::from_toml(&format!(
        r#"
        [[service]]
        id = "{id}"
        title = "{id}"
        version = "test"
        [service.server]
        url = "https://{id}.example.com"
        "#
    ))
    .expect("valid config")
    .service
    .remove(0)
}

/// The named pages of a vendored service (`spec/sources/<id>/`), imported on their own, as
/// JSON.
fn import_pages(id: &str, pages: &[&str]) -> Value {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec/sources")
        .join(id);
    let files: Vec<SourceFile> = pages
        .iter()
        .map(|page| SourceFile {
            relative_path: (*page).to_owned(),
            bytes: std::fs::read(sources.join(page))
                .unwrap_or_else(|error| panic!("{page}: {error}")),
        })
        .collect();
    let outcome = import_source_folder(&service(id), &files, "");
    assert!(outcome.is_complete(), "{:#?}", outcome.all_errors());
    serde_json::to_value(&outcome.document).expect("serializable")
}

/// Every `(schema name, property)` of the document's components with the property `name`.
fn properties_named<'a>(document: &'a Value, name: &str) -> Vec<(&'a str, &'a Value)> {
    document["components"]["schemas"]
        .as_object()
        .expect("components")
        .iter()
        .filter_map(|(schema_name, schema)| {
            schema["properties"]
                .get(name)
                .map(|property| (schema_name.as_str(), property))
        })
        .collect()
}

/// Asserts that the property is an enum of `values` in at least one schema, and that no schema
/// has it as a plain string.
fn assert_enum_everywhere(document: &Value, name: &str, values: &[&str]) {
    let properties = properties_named(document, name);
    assert!(!properties.is_empty(), "no property {name}");
    for (schema_name, property) in properties {
        let listed: Vec<&str> = property["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{schema_name}.{name} is no enum: {property}"))
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(listed, values, "{schema_name}.{name}");
    }
}

/// "…incremental migration starts.Options:" at the end of a list item, then the bold values.
#[test]
fn dcs_migration_method_options_after_a_list_item() {
    let document = import_pages(
        "dcs",
        &["apis_v2_recommended/data_migration/configuring_an_online_data_migration_task.rst"],
    );
    assert_enum_everywhere(
        &document,
        "migration_method",
        &["full_amount_migration", "incremental_migration"],
    );
}

/// "Analysis method. Value range:" then the values.
#[test]
fn dcs_scan_type_value_range() {
    let document = import_pages(
        "dcs",
        &["apis_v2_recommended/cache_analysis/creating_a_hot_key_analysis_task.rst"],
    );
    assert_enum_everywhere(&document, "scan_type", &["manual", "auto"]);
}

/// "Backup type." then a bullet list of bold values, introduced by nothing.
#[test]
fn dcs_backup_type_bold_values_after_the_description() {
    let document = import_pages(
        "dcs",
        &["apis_v2_recommended/backup_and_restoration/listing_dcs_instance_backup_records.rst"],
    );
    assert_enum_everywhere(&document, "backup_type", &["manual", "auto"]);
}

/// "Specifies the bandwidth type." then the bold values and a note.
#[test]
fn elb_share_type_bold_values_then_a_note() {
    let document = import_pages(
        "elb",
        &["apis_v3/load_balancer/creating_a_load_balancer.rst"],
    );
    assert_enum_everywhere(&document, "share_type", &["PER", "WHOLE"]);
}

/// "Backup policy. … For details, see Table 3 and Table 4." where both tables are on the page
/// that creates an instance: the property refers to the schema read from those tables.
#[test]
fn dcs_backup_policy_refers_to_the_tables_of_another_page() {
    let modify =
        "outdated_apis_v1/lifecycle_management_apis/modifying_information_about_a_dcs_instance.rst";
    let create = "outdated_apis_v1/lifecycle_management_apis/creating_a_dcs_instance.rst";
    let document = import_pages("dcs", &[modify, create]);
    let operation = &document["paths"]["/v1.0/{project_id}/instances/{instance_id}"]["put"];
    assert_eq!(operation["x-source-page"], modify, "{operation}");
    let body_reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        .as_str()
        .expect("a body schema");
    let body_name = body_reference.trim_start_matches("#/components/schemas/");
    let policy =
        &document["components"]["schemas"][body_name]["properties"]["instance_backup_policy"];
    let policy_reference = policy["allOf"][0]["$ref"]
        .as_str()
        .unwrap_or_else(|| panic!("a bare object: {policy}"));
    let policy_schema = &document["components"]["schemas"]
        [policy_reference.trim_start_matches("#/components/schemas/")];
    // Table 3's fields, with Table 4 (the backup plan) nested.
    let properties = policy_schema["properties"]
        .as_object()
        .expect("the fields of Table 3");
    assert!(properties.contains_key("backup_type"), "{policy_schema}");
    assert!(properties.contains_key("save_days"), "{policy_schema}");
    let plan = &properties["periodical_backup_plan"];
    assert!(
        plan.get("allOf").is_some() || plan.get("$ref").is_some(),
        "{plan}"
    );
}
