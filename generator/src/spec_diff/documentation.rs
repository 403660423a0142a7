//! What changed in documentation only (counted, not listed), and the differences no rule
//! classifies (listed by JSON pointer, so none is dropped silently).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::extensions::{Extension, SourcePage};
use crate::openapi_refs::escape_pointer;

use super::report::DocumentationChanges;

/// The parts of a document the structural diff compares, as JSON pointer prefixes.
const COMPARED_PARTS: [&str; 5] = [
    "/paths/",
    "/components/schemas/",
    "/components/parameters/",
    "/components/requestBodies/",
    "/components/responses/",
];

pub(super) fn is_in_compared_parts(pointer: &str) -> bool {
    COMPARED_PARTS
        .iter()
        .any(|prefix| pointer.starts_with(prefix))
}

/// Maps whose keys are names (a property called `description` is a field, not documentation).
pub(super) const NAME_MAPS: [&str; 13] = [
    "properties",
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "variables",
    "paths",
    "content",
    "encoding",
];

enum DocumentationField {
    Description,
    Example,
    Other,
}

fn documentation_field(key: &str, in_name_map: bool) -> Option<DocumentationField> {
    if in_name_map {
        return None;
    }
    match key {
        "description" | "summary" | "title" => Some(DocumentationField::Description),
        "example" | "examples" => Some(DocumentationField::Example),
        "tags" | "externalDocs" => Some(DocumentationField::Other),
        key if key == SourcePage::NAME => Some(DocumentationField::Other),
        _ => None,
    }
}

/// Walks both documents as JSON: a differing documentation field is counted and not walked
/// further; any other differing leaf is an unclassified difference, by JSON pointer.
/// `in_name_map` says that the keys of the values are names (see [`NAME_MAPS`]), not fields.
pub(super) fn compare_json(
    old: &Value,
    new: &Value,
    pointer: &str,
    in_name_map: bool,
    documentation: &mut DocumentationChanges,
    unclassified: &mut Vec<String>,
) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(old_map), Value::Object(new_map)) => {
            let keys: BTreeSet<&String> = old_map.keys().chain(new_map.keys()).collect();
            // A spec without `components` gaining one (a first schema) is reported as the
            // component types added, so the document's top-level containers are walked into
            // even when one side lacks them; anything deeper that is added or removed whole is
            // one difference, not one per leaf.
            let empty_object = Value::Object(serde_json::Map::new());
            let absent = if pointer.is_empty() || pointer == "/components" {
                &empty_object
            } else {
                &Value::Null
            };
            for key in keys {
                let old_child = old_map.get(key.as_str()).unwrap_or(absent);
                let new_child = new_map.get(key.as_str()).unwrap_or(absent);
                if old_child == new_child {
                    continue;
                }
                match documentation_field(key, in_name_map) {
                    Some(DocumentationField::Description) => documentation.descriptions += 1,
                    Some(DocumentationField::Example) => documentation.examples += 1,
                    Some(DocumentationField::Other) => documentation.other += 1,
                    None => compare_json(
                        old_child,
                        new_child,
                        &format!("{pointer}/{}", escape_pointer(key)),
                        !in_name_map && NAME_MAPS.contains(&key.as_str()),
                        documentation,
                        unclassified,
                    ),
                }
            }
        }
        (Value::Array(old_items), Value::Array(new_items)) => {
            for index in 0..old_items.len().max(new_items.len()) {
                compare_json(
                    old_items.get(index).unwrap_or(&Value::Null),
                    new_items.get(index).unwrap_or(&Value::Null),
                    &format!("{pointer}/{index}"),
                    false,
                    documentation,
                    unclassified,
                );
            }
        }
        _ => unclassified.push(if pointer.is_empty() {
            "/".to_owned()
        } else {
            pointer.to_owned()
        }),
    }
}
