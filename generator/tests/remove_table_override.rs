//! The `[[remove_table]]` override on the page it was made for: ECS "Creating ECSs" documents a
//! `security_options` table that no row of the page refers to and no example shows. The page
//! imports as published, the table reported with that reason; with the override the table is
//! removed instead, and a stale override (the table's rows changed) is an error naming the
//! table.

use std::path::Path;

use otc_codegen::service_catalog::{CatalogService, ServiceCatalog};
use otc_codegen::source_folder::{import_source_folder, spec_yaml, SourceFile};

const PAGE: &str = "apis_recommended/lifecycle_management/creating_ecss.rst";
const TABLE: &str = "security_options field description";

fn service() -> CatalogService {
    ServiceCatalog::from_toml(
        r#"
        [[service]]
        id = "ecs"
        title = "ecs"
        version = "test"
        [service.server]
        url = "https://ecs.example.com"
        "#,
    )
    .expect("valid config")
    .service
    .remove(0)
}

fn page() -> SourceFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec/sources/ecs")
        .join(PAGE);
    SourceFile {
        relative_path: PAGE.to_owned(),
        bytes: std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display())),
    }
}

fn removing(rows: &str) -> String {
    format!(
        r#"
        [[remove_table]]
        page = "{PAGE}"
        table = "{TABLE}"
        rows = [{rows}]
        reason = "test"
        "#
    )
}

#[test]
fn the_orphan_table_is_reported_with_its_reason() {
    let outcome = import_source_folder(&service(), &[page()], "");
    assert!(outcome.is_complete(), "{:#?}", outcome.all_errors());
    let notes: Vec<String> = outcome
        .summary
        .notes
        .iter()
        .filter(|note| note.location.table.as_deref() == Some(TABLE))
        .map(|note| note.message.clone())
        .collect();
    assert_eq!(
        notes,
        ["documents a field \"security_options\" that no row of the page lists and no example shows (a leftover of another version of the page): not in the spec"]
    );
}

#[test]
fn removing_the_orphan_table_imports_the_rest_of_the_page() {
    let outcome = import_source_folder(&service(), &[page()], &removing("\"tpm_enabled\""));
    assert!(outcome.is_complete(), "{:#?}", outcome.all_errors());
    assert_eq!(
        outcome.summary.overrides_applied,
        [format!("{PAGE}, table \"{TABLE}\": removed (test)")]
    );
    let yaml = spec_yaml(&service(), &outcome.document).expect("yaml");
    assert!(yaml.contains("/v1/{project_id}/cloudservers:"), "{yaml}");
    assert!(!yaml.contains("tpm_enabled"), "{yaml}");
}

#[test]
fn a_stale_remove_table_override_is_an_error() {
    let outcome = import_source_folder(
        &service(),
        &[page()],
        &removing("\"tpm_enabled\", \"vtpm_enabled\""),
    );
    let messages: Vec<String> = outcome
        .all_errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        messages.contains(&format!(
            "{PAGE}, table \"{TABLE}\": remove_table override does not apply: the table's rows are [\"tpm_enabled\"] now"
        )),
        "{messages:#?}"
    );
}
