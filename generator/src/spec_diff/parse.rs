//! Reading a spec for review: the guarded reader, then every `$ref` the diff could follow
//! checked, so a malformed spec is an error and not a misleading report.

use openapiv3::{OpenAPI, ReferenceOr};
use serde_json::Value;

use crate::openapi_refs::escape_pointer;
use crate::openapi_text::parse_openapi_text;

use super::documentation::NAME_MAPS;
use super::SpecDiffError;

/// Parses a spec (YAML or JSON: YAML is a superset) and checks that every reference the diff
/// could follow resolves, so a malformed spec is an error here and not a misleading report.
pub fn parse_spec(text: &str) -> Result<OpenAPI, SpecDiffError> {
    let document = parse_openapi_text(text).map_err(SpecDiffError::NotOpenApi)?;
    if let Some((path, _)) = document
        .paths
        .paths
        .iter()
        .find(|(_, item)| matches!(item, ReferenceOr::Reference { .. }))
    {
        return Err(SpecDiffError::PathItemReference { path: path.clone() });
    }
    let value = serde_json::to_value(&document).map_err(SpecDiffError::NotJson)?;
    check_references(&value, &value, "", false)?;
    Ok(document)
}

/// Walks the JSON form of a document and checks every `$ref`. Examples, defaults, enum values
/// and extensions are free JSON that may hold a `$ref` key of their own, so they are not walked.
/// `in_name_map` says that the keys of `value` are names (see [`NAME_MAPS`]), not fields.
fn check_references(
    root: &Value,
    value: &Value,
    pointer: &str,
    in_name_map: bool,
) -> Result<(), SpecDiffError> {
    match value {
        Value::Object(map) => {
            if let (false, Some(Value::String(reference))) = (in_name_map, map.get("$ref")) {
                let Some(target) = reference.strip_prefix('#') else {
                    return Err(SpecDiffError::ExternalReference {
                        pointer: pointer.to_owned(),
                        reference: reference.clone(),
                    });
                };
                if root.pointer(target).is_none() {
                    return Err(SpecDiffError::UnresolvedReference {
                        pointer: pointer.to_owned(),
                        reference: reference.clone(),
                    });
                }
            }
            for (key, child) in map {
                let free_json = !in_name_map
                    && (FREE_JSON_KEYS.contains(&key.as_str()) || key.starts_with("x-"));
                if free_json {
                    continue;
                }
                let child_pointer = format!("{pointer}/{}", escape_pointer(key));
                let child_is_name_map = !in_name_map && NAME_MAPS.contains(&key.as_str());
                check_references(root, child, &child_pointer, child_is_name_map)?;
            }
            Ok(())
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                check_references(root, child, &format!("{pointer}/{index}"), false)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Keys whose values are JSON of the API's own, not OpenAPI.
const FREE_JSON_KEYS: [&str; 4] = ["example", "examples", "default", "enum"];
