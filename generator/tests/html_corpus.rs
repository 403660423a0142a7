//! The HTML front end on whole references: the 2022 ECS reference (older hand-written format)
//! imports through the same page-style recognisers as the RST pages, and the 2022 ELB
//! reference agrees with the current RST reference wherever both describe an operation.

use std::collections::BTreeSet;
use std::path::Path;

use otc_codegen::import::ImportOutcome;
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

/// Every file under a folder of this crate's repository, relative to it.
fn folder(relative_to_workspace: &str) -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative_to_workspace);
    let mut files = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory)
            .unwrap_or_else(|error| panic!("{}: {error}", directory.display()))
        {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative_path = path
                .strip_prefix(&root)
                .expect("under the folder")
                .to_string_lossy()
                .replace('\\', "/");
            files.push(SourceFile {
                relative_path,
                bytes: std::fs::read(&path).expect("readable"),
            });
        }
    }
    files
}

fn import(relative_to_workspace: &str, id: &str) -> ImportOutcome {
    import_source_folder(&service(id), &folder(relative_to_workspace), "")
}

#[test]
fn the_2022_ecs_reference_in_html_imports() {
    let outcome = import("generator/tests/html_corpus/ecs-2022", "ecs");
    let summary = &outcome.summary;
    // Every page is accounted for: imported, skipped with a reason, failed with its problems,
    // a general status code page or an error code page.
    let imported_pages: BTreeSet<&str> = summary
        .operations
        .iter()
        .map(|(_, file_name)| file_name.as_str())
        .chain(
            summary
                .merged_duplicates
                .iter()
                .map(|(_, merged)| merged.as_str()),
        )
        .chain(
            summary
                .combined_pages
                .iter()
                .map(|(_, other, _)| other.as_str()),
        )
        .collect();
    let accounted = imported_pages.len()
        + summary.skipped_pages.len()
        + summary.failed_pages.len()
        + summary.status_code_pages.len()
        + summary
            .error_code_pages
            .iter()
            .filter(|(file_name, _)| !imported_pages.contains(file_name.as_str()))
            .count();
    let html_pages = folder("generator/tests/html_corpus/ecs-2022")
        .iter()
        .filter(|file| file.relative_path.ends_with(".html"))
        .count();
    assert_eq!(summary.pages_read, html_pages);
    assert_eq!(accounted, html_pages, "{summary}");
    // The operation pages are those in the older format: imported or failed.
    let operation_pages = summary.hand_written_pages.len() + summary.failed_pages.len();
    assert_eq!(operation_pages, 132, "{summary}");
    assert!(
        summary.hand_written_pages.len() * 100 >= operation_pages * 95,
        "{} of {operation_pages} operation pages imported",
        summary.hand_written_pages.len()
    );
    // The pages that fail, each for a problem of the page itself.
    let failed: Vec<String> = summary
        .failed_pages
        .iter()
        .map(|failed| {
            format!(
                "{}: {}",
                failed.file_name,
                failed
                    .errors
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            )
        })
        .collect();
    insta::assert_yaml_snapshot!(failed);
    // Statuses come from the general status code page the pages refer to.
    assert!(
        !summary.status_code_pages.is_empty(),
        "the ECS reference has a general status code page"
    );
}

/// The operations of a document by `(METHOD, path)`, as JSON.
fn operations(outcome: &ImportOutcome) -> Vec<(String, String, Value, Value)> {
    let document = serde_json::to_value(&outcome.document).expect("json");
    let components = document["components"]["schemas"].clone();
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            found.push((
                method.to_ascii_uppercase(),
                path.clone(),
                operation.clone(),
                components.clone(),
            ));
        }
    }
    found
}

/// The schema a value is, with one-element `allOf` wrappers and `$ref`s followed.
fn resolve<'a>(mut schema: &'a Value, components: &'a Value) -> &'a Value {
    for _ in 0..32 {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            schema = &components[reference.trim_start_matches("#/components/schemas/")];
        } else if let Some([only]) = schema
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            schema = only;
        } else {
            break;
        }
    }
    schema
}

/// The dotted names of every field of a schema, nested objects and array elements included.
fn field_paths(
    schema: &Value,
    components: &Value,
    prefix: &str,
    depth: usize,
    found: &mut BTreeSet<String>,
) {
    let schema = resolve(schema, components);
    if depth > 8 {
        return;
    }
    let schema = match schema.get("items") {
        Some(items) if schema["type"] == "array" => resolve(items, components),
        _ => schema,
    };
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, property) in properties {
        let path = format!("{prefix}{name}");
        found.insert(path.clone());
        field_paths(property, components, &format!("{path}."), depth + 1, found);
    }
}

fn body_fields(body: Option<&Value>, components: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    if let Some(schema) = body.and_then(|body| body.pointer("/content/application~1json/schema")) {
        field_paths(schema, components, "", 0, &mut found);
    }
    found
}

/// The operations the 2022 ELB HTML pages and the current RST pages both describe agree: the
/// same path parameters, a request body on both or neither, the same successful statuses,
/// and every request and response field of 2022 still documented today. (Error statuses
/// differ: they come from the general status code page, to which the current reference adds
/// 405–407 and 501–504.)
#[test]
fn the_2022_elb_html_pages_agree_with_the_current_rst_pages() {
    let html = import("generator/tests/html_corpus/elb-2022", "elb");
    let rst_files = folder("spec/sources/elb");
    let rst = import_source_folder(&service("elb"), &rst_files, "");
    let current = operations(&rst);
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for (method, path, old, old_components) in operations(&html) {
        let Some((_, _, new, new_components)) =
            current.iter().find(|(other_method, other_path, _, _)| {
                *other_method == method && *other_path == path
            })
        else {
            continue;
        };
        compared += 1;
        let path_parameters = |operation: &Value| -> Vec<String> {
            let mut names: Vec<String> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|parameter| parameter["in"] == "path")
                .filter_map(|parameter| parameter["name"].as_str().map(str::to_owned))
                .collect();
            names.sort();
            names
        };
        if path_parameters(&old) != path_parameters(new) {
            disagreements.push(format!("{method} {path}: path parameters differ"));
        }
        if old.get("requestBody").is_some() != new.get("requestBody").is_some() {
            disagreements.push(format!("{method} {path}: a request body on one side only"));
        }
        let successes = |operation: &Value| -> BTreeSet<String> {
            operation["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(status, _)| status.clone())
                .filter(|status| status.starts_with('2'))
                .collect()
        };
        if successes(&old) != successes(new) {
            disagreements.push(format!("{method} {path}: successful statuses differ"));
        }
        let old_request = body_fields(old.get("requestBody"), &old_components);
        let new_request = body_fields(new.get("requestBody"), new_components);
        for missing in old_request.difference(&new_request) {
            disagreements.push(format!(
                "{method} {path}: request field {missing} no longer documented"
            ));
        }
        for status in successes(&old) {
            let old_response = body_fields(old["responses"].get(&status), &old_components);
            let new_response = body_fields(new["responses"].get(&status), new_components);
            for missing in old_response.difference(&new_response) {
                disagreements.push(format!(
                    "{method} {path}: response {status} field {missing} no longer documented"
                ));
            }
        }
    }
    assert!(
        compared >= 90,
        "only {compared} operations in both references"
    );
    // The one difference the references really have: the current API version page
    // (querying_versions.rst) says its response is "None" and shows the versions only in its
    // example, where the 2022 page documented them in a table.
    insta::assert_yaml_snapshot!(disagreements);
}
