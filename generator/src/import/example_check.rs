//! Examples that contradict their page's tables are left out of the spec, each with a note.
//!
//! An example shows what the API sends; a field the tables do not document, a missing mandatory
//! field, a string where the table says Integer or a value outside a documented enumeration
//! means the example and the tables disagree. The spec states the tables, so such an example
//! cannot illustrate it: it is left out and the summary says where and why (the correction, if
//! any, belongs in the overrides file).

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, Schema};
use serde_json::Value;

use crate::doc_model::SourceLocation;
use crate::extensions::SourcePage;
use crate::import::page_operation::ImportNote;
use crate::openapi_refs::unescape_pointer;

/// Nesting deeper than this is not followed (recursive schemas).
const MAX_DEPTH: usize = 64;

/// Removes every example of the document that contradicts its schema; returns a note for each.
pub fn leave_out_contradicting_examples(
    document: &mut OpenAPI,
    components: &BTreeMap<String, Schema>,
) -> Vec<ImportNote> {
    let component_values: BTreeMap<&str, Value> = components
        .iter()
        .filter_map(|(name, schema)| Some((name.as_str(), serde_json::to_value(schema).ok()?)))
        .collect();
    let mut notes = Vec::new();
    for (path, item) in document.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let methods = [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("options", &mut item.options),
            ("head", &mut item.head),
            ("patch", &mut item.patch),
            ("trace", &mut item.trace),
        ];
        for (method, operation) in methods {
            let Some(operation) = operation.as_mut() else {
                continue;
            };
            let page = SourcePage::of(&operation.extensions).unwrap_or_default();
            let place = format!("{} {path}", method.to_ascii_uppercase());
            let mut media_types = Vec::new();
            if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
                for media in body.content.values_mut() {
                    media_types.push((format!("{place} request"), media));
                }
            }
            for (status, response) in operation.responses.responses.iter_mut() {
                if let ReferenceOr::Item(response) = response {
                    for media in response.content.values_mut() {
                        media_types.push((format!("{place} response {status}"), media));
                    }
                }
            }
            for (where_shown, media) in media_types {
                let Some(schema) = media
                    .schema
                    .as_ref()
                    .and_then(|schema| serde_json::to_value(schema).ok())
                else {
                    continue;
                };
                let mut kept = indexmap::IndexMap::new();
                for (name, example) in std::mem::take(&mut media.examples) {
                    let problem = match &example {
                        ReferenceOr::Item(item) => item.value.as_ref().and_then(|value| {
                            contradiction(&schema, value, &component_values, "", 0)
                        }),
                        ReferenceOr::Reference { .. } => None,
                    };
                    match problem {
                        Some(problem) => notes.push(ImportNote {
                            location: SourceLocation::page(&page),
                            message: format!(
                                "example {name} of {where_shown} left out: it contradicts the tables: {problem}"
                            ),
                        }),
                        None => {
                            kept.insert(name, example);
                        }
                    }
                }
                // The examples keep their names' numbering order; renumbered so the names
                // stay example_1, example_2, ….
                media.examples = kept
                    .into_iter()
                    .enumerate()
                    .map(|(index, (_, example))| (format!("example_{}", index + 1), example))
                    .collect();
            }
        }
    }
    notes
}

/// The first way `value` contradicts `schema`, as "at <path>: <what>", or `None`.
fn contradiction(
    schema: &Value,
    value: &Value,
    components: &BTreeMap<&str, Value>,
    at: &str,
    depth: usize,
) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    let place = if at.is_empty() {
        "/".to_owned()
    } else {
        at.to_owned()
    };
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = unescape_pointer(reference.trim_start_matches("#/components/schemas/"));
        let name: &str = &name;
        return match components.get(name) {
            Some(component) => contradiction(component, value, components, at, depth + 1),
            None => None,
        };
    }
    let has_alternatives = schema.get("anyOf").is_some() || schema.get("oneOf").is_some();
    if value.is_null() && !has_alternatives {
        // A one-part `allOf` (a described reference): null must fit the part, which is where
        // a null shown by an example makes the schema nullable.
        if let (None, Some(Value::Array(parts))) = (schema.get("type"), schema.get("allOf")) {
            if let [part] = parts.as_slice() {
                return contradiction(part, value, components, at, depth + 1);
            }
        }
        // OpenAPI 3.0.3: `nullable` allows null for the schema's own type, not for what its
        // `allOf` refers to (null must fit those too), and an `enum` must list null.
        let nullable = schema.get("nullable").and_then(Value::as_bool) == Some(true)
            && schema.get("allOf").is_none()
            && schema
                .get("enum")
                .and_then(Value::as_array)
                .is_none_or(|values| values.contains(&Value::Null));
        let untyped = schema.get("type").is_none()
            && schema.get("allOf").is_none()
            && schema.get("oneOf").is_none()
            && schema.get("anyOf").is_none();
        return (!nullable && !untyped)
            .then(|| format!("at {place}: null, and the field is not nullable"));
    }
    if let Some(Value::Array(all_of)) = schema.get("allOf") {
        for part in all_of {
            if let Some(problem) = contradiction(part, value, components, at, depth + 1) {
                return Some(problem);
            }
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(alternatives)) = schema.get(key) {
            let problems: Vec<String> = alternatives
                .iter()
                .filter_map(|alternative| {
                    contradiction(alternative, value, components, at, depth + 1)
                })
                .collect();
            if problems.len() == alternatives.len() && !alternatives.is_empty() {
                return Some(format!(
                    "at {place}: none of the alternatives fits ({})",
                    problems.join("; ")
                ));
            }
        }
    }
    let kind = schema.get("type").and_then(Value::as_str)?;
    let fits = match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    };
    if !fits {
        return Some(format!(
            "at {place}: {} where the table says {kind}",
            json_kind(value)
        ));
    }
    if let Some(problem) = out_of_bounds(schema, value) {
        return Some(format!("at {place}: {problem}"));
    }
    if let Some(Value::Array(enumeration)) = schema.get("enum") {
        if !enumeration.is_empty() && !enumeration.contains(value) {
            return Some(format!(
                "at {place}: {value} is not one of the documented values"
            ));
        }
    }
    match value {
        Value::Array(items) => {
            let item_schema = schema.get("items")?;
            items.iter().enumerate().find_map(|(index, item)| {
                contradiction(
                    item_schema,
                    item,
                    components,
                    &format!("{at}/{index}"),
                    depth + 1,
                )
            })
        }
        Value::Object(members) => {
            let properties = schema.get("properties").and_then(Value::as_object);
            let additional = schema.get("additionalProperties");
            if let Some(Value::Array(required)) = schema.get("required") {
                for name in required.iter().filter_map(Value::as_str) {
                    if !members.contains_key(name) {
                        return Some(format!("at {place}: the mandatory field {name} is missing"));
                    }
                }
            }
            for (name, member) in members {
                let member_at = format!("{at}/{name}");
                match properties.and_then(|properties| properties.get(name)) {
                    Some(property) => {
                        if let Some(problem) =
                            contradiction(property, member, components, &member_at, depth + 1)
                        {
                            return Some(problem);
                        }
                    }
                    None => match additional {
                        Some(Value::Bool(true)) => {}
                        Some(additional @ Value::Object(_)) => {
                            if let Some(problem) =
                                contradiction(additional, member, components, &member_at, depth + 1)
                            {
                                return Some(problem);
                            }
                        }
                        _ => {
                            return Some(format!(
                                "at {member_at}: the tables document no such field"
                            ))
                        }
                    },
                }
            }
            None
        }
        _ => None,
    }
}

/// A value outside its format's range (`int32`), its minimum or maximum, or its string length
/// limits.
fn out_of_bounds(schema: &Value, value: &Value) -> Option<String> {
    if let (Some("int32"), Some(number)) =
        (schema.get("format").and_then(Value::as_str), value.as_i64())
    {
        if i32::try_from(number).is_err() {
            return Some(format!("{number} does not fit the table's 32-bit integer"));
        }
    }
    if let Some(number) = value.as_f64() {
        if let Some(minimum) = schema.get("minimum").and_then(Value::as_f64) {
            if number < minimum {
                return Some(format!("{number} is below the minimum {minimum}"));
            }
        }
        if let Some(maximum) = schema.get("maximum").and_then(Value::as_f64) {
            if number > maximum {
                return Some(format!("{number} is above the maximum {maximum}"));
            }
        }
    }
    if let Some(items) = value.as_array() {
        let count = items.len() as u64;
        if let Some(minimum) = schema.get("minItems").and_then(Value::as_u64) {
            if count < minimum {
                return Some(format!("{count} items, fewer than the minimum {minimum}"));
            }
        }
        if let Some(maximum) = schema.get("maxItems").and_then(Value::as_u64) {
            if count > maximum {
                return Some(format!("{count} items, more than the maximum {maximum}"));
            }
        }
    }
    if let Some(text) = value.as_str() {
        let length = text.chars().count() as u64;
        if let Some(minimum) = schema.get("minLength").and_then(Value::as_u64) {
            if length < minimum {
                return Some(format!(
                    "{length} characters, fewer than the minimum {minimum}"
                ));
            }
        }
        if let Some(maximum) = schema.get("maxLength").and_then(Value::as_u64) {
            if length > maximum {
                return Some(format!(
                    "{length} characters, more than the maximum {maximum}"
                ));
            }
        }
    }
    None
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_f64() => "a decimal number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(schema: Value, value: Value) -> Option<String> {
        contradiction(&schema, &value, &BTreeMap::new(), "", 0)
    }

    #[test]
    fn fields_types_and_values_are_checked() {
        let schema = json!({
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "count": {"type": "integer"},
                "state": {"type": "string", "enum": ["ACTIVE", "DOWN"]},
            }
        });
        assert_eq!(
            check(
                schema.clone(),
                json!({"id": "a", "count": 2, "state": "DOWN"})
            ),
            None
        );
        assert_eq!(
            check(schema.clone(), json!({"id": "a", "extra": 1})),
            Some("at /extra: the tables document no such field".to_owned())
        );
        assert_eq!(
            check(schema.clone(), json!({"count": 1})),
            Some("at /: the mandatory field id is missing".to_owned())
        );
        assert_eq!(
            check(schema.clone(), json!({"id": "a", "count": "2"})),
            Some("at /count: a string where the table says integer".to_owned())
        );
        assert_eq!(
            check(schema, json!({"id": "a", "state": "UP"})),
            Some("at /state: \"UP\" is not one of the documented values".to_owned())
        );
    }

    #[test]
    fn free_form_objects_and_alternatives() {
        assert_eq!(
            check(
                json!({"type": "object", "additionalProperties": true}),
                json!({"a": 1})
            ),
            None
        );
        let alternatives = json!({"oneOf": [{"type": "string"}, {"type": "integer"}]});
        assert_eq!(check(alternatives.clone(), json!(3)), None);
        assert!(check(alternatives, json!(true)).is_some());
    }
}
