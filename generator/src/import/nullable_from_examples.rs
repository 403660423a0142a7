//! Properties that the page's own examples show as `null` are nullable.
//!
//! The tables rarely say so (only some descriptions say "is set to null"), but an example is
//! the docs showing what the API sends, so a `null` there is evidence, not a mistake. Each
//! property made nullable this way is listed in the import summary.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr, Schema};
use serde_json::Value;

use super::ImportError;
use crate::doc_model::SourceLocation;
use crate::openapi_refs::unescape_pointer;

/// Walks every example of every operation against its schema and marks the component
/// properties that an example shows as `null`. Returns `component.property (example place)`
/// for the summary, and an error for each schema that could not be carried through JSON (the
/// walk reads schemas as JSON; such a schema is left as it was, and the import fails).
pub fn mark_nullable_from_examples(
    document: &OpenAPI,
    components: &mut BTreeMap<String, Schema>,
) -> (Vec<String>, Vec<ImportError>) {
    let mut errors = Vec::new();
    // The walk reads schemas as JSON; a schema that does not get there and back is an error
    // where it is: a component, or an operation's body.
    let json_error = |place: String, message: &str, error: serde_json::Error| ImportError {
        location: SourceLocation {
            file_name: place,
            ..SourceLocation::default()
        },
        message: format!("{message}: {error}"),
    };
    const NOT_WRITTEN: &str = "schema cannot be written as JSON to check it against the examples";
    let mut component_values: BTreeMap<String, Value> = BTreeMap::new();
    for (name, schema) in components.iter() {
        match serde_json::to_value(schema) {
            Ok(value) => {
                component_values.insert(name.clone(), value);
            }
            Err(error) => errors.push(json_error(
                format!("components/schemas/{name}"),
                NOT_WRITTEN,
                error,
            )),
        }
    }
    let mut marked = Vec::new();
    for (path, item) in &document.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let place = format!("{} {path}", method.to_ascii_uppercase());
            let mut media_types = Vec::new();
            if let Some(ReferenceOr::Item(body)) = &operation.request_body {
                media_types.extend(
                    body.content
                        .values()
                        .map(|media| (format!("{place} request"), media)),
                );
            }
            for (status, response) in &operation.responses.responses {
                if let ReferenceOr::Item(response) = response {
                    media_types.extend(
                        response
                            .content
                            .values()
                            .map(|media| (format!("{place} response {status}"), media)),
                    );
                }
            }
            for (where_shown, media) in media_types {
                let Some(schema) = &media.schema else {
                    continue;
                };
                let schema = match serde_json::to_value(schema) {
                    Ok(schema) => schema,
                    Err(error) => {
                        errors.push(json_error(where_shown.clone(), NOT_WRITTEN, error));
                        continue;
                    }
                };
                for example in media.examples.values() {
                    if let ReferenceOr::Item(example) = example {
                        if let Some(value) = &example.value {
                            walk(
                                &schema,
                                value,
                                &mut component_values,
                                &where_shown,
                                &mut marked,
                                0,
                            );
                        }
                    }
                }
            }
        }
    }
    // Only the components marked here changed: reading a schema back from JSON is slow, and
    // most components have no `null` in any example.
    let changed: BTreeSet<&str> = marked.iter().map(|(name, _)| name.as_str()).collect();
    for name in changed {
        let Some(value) = component_values.get(name) else {
            continue;
        };
        match serde_json::from_value(value.clone()) {
            Ok(schema) => {
                components.insert(name.to_owned(), schema);
            }
            Err(error) => errors.push(json_error(
                format!("components/schemas/{name}"),
                "schema made nullable from the examples does not read back",
                error,
            )),
        }
    }
    let mut marked: Vec<String> = marked.into_iter().map(|(_, text)| text).collect();
    marked.sort();
    marked.dedup();
    (marked, errors)
}

/// The deepest nesting followed; the docs never nest this deep, and it bounds recursive
/// schemas.
const MAX_EXAMPLE_DEPTH: usize = 64;

fn walk(
    schema: &Value,
    value: &Value,
    components: &mut BTreeMap<String, Value>,
    where_shown: &str,
    marked: &mut Vec<(String, String)>,
    depth: usize,
) {
    if depth > MAX_EXAMPLE_DEPTH {
        return;
    }
    if let Some(name) = component_name(schema) {
        let Some(component) = components.get(&name).cloned() else {
            return;
        };
        walk_component(
            &name,
            &component,
            value,
            components,
            where_shown,
            marked,
            depth,
        );
        return;
    }
    match value {
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items {
                    walk(
                        item_schema,
                        item,
                        components,
                        where_shown,
                        marked,
                        depth + 1,
                    );
                }
            }
        }
        Value::Object(_) => {
            if let Some(Value::Array(all_of)) = schema.get("allOf") {
                if let [only] = all_of.as_slice() {
                    walk(only, value, components, where_shown, marked, depth + 1);
                }
            }
            if let Some(Value::Object(_)) = schema.get("additionalProperties") {
                if let (Some(value_schema), Value::Object(members)) =
                    (schema.get("additionalProperties"), value)
                {
                    for member in members.values() {
                        walk(
                            value_schema,
                            member,
                            components,
                            where_shown,
                            marked,
                            depth + 1,
                        );
                    }
                }
            }
        }
        _ => {}
    }
}

fn walk_component(
    name: &str,
    component: &Value,
    value: &Value,
    components: &mut BTreeMap<String, Value>,
    where_shown: &str,
    marked: &mut Vec<(String, String)>,
    depth: usize,
) {
    let Value::Object(members) = value else {
        return;
    };
    for (member_name, member_value) in members {
        let Some(property) = component
            .get("properties")
            .and_then(|properties| properties.get(member_name))
        else {
            continue;
        };
        if member_value.is_null() {
            if property.get("nullable") != Some(&Value::Bool(true)) {
                make_nullable(components, name, member_name);
                marked.push((
                    name.to_owned(),
                    format!("{name}.{member_name} ({where_shown})"),
                ));
            }
            continue;
        }
        walk(
            property,
            member_value,
            components,
            where_shown,
            marked,
            depth + 1,
        );
    }
}

fn make_nullable(components: &mut BTreeMap<String, Value>, name: &str, property_name: &str) {
    let Some(property) = components
        .get_mut(name)
        .and_then(|component| component.get_mut("properties"))
        .and_then(|properties| properties.get_mut(property_name))
    else {
        return;
    };
    // A bare `$ref` cannot carry `nullable`; wrap it the way described references are.
    if let Some(reference) = property.get("$ref").cloned() {
        *property = serde_json::json!({ "allOf": [{ "$ref": reference }] });
    }
    if let Value::Object(object) = property {
        // OpenAPI 3.0.3 only honours `nullable` next to `type`; components are objects.
        if object.contains_key("allOf") && !object.contains_key("type") {
            object.insert("type".to_owned(), Value::String("object".to_owned()));
        }
        object.insert("nullable".to_owned(), Value::Bool(true));
        // OpenAPI 3.0.3: `nullable` does not widen an `enum`; null must be one of its values.
        if let Some(Value::Array(values)) = object.get_mut("enum") {
            if !values.contains(&Value::Null) {
                values.push(Value::Null);
            }
        }
    }
}

/// The component a schema's `$ref` names (a JSON pointer token, unescaped).
fn component_name(schema: &Value) -> Option<String> {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.strip_prefix("#/components/schemas/"))
        .map(unescape_pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `null` in an example marks the property nullable in the component the schema refers
    /// to, also when the component's name holds a `/` (`~1` in the reference).
    #[test]
    fn null_in_an_example_marks_the_referred_component_even_with_an_escaped_name() {
        let document: OpenAPI = serde_yaml::from_str(
            "openapi: 3.0.3
info: {title: T, version: v1}
paths:
  /things:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Page~1Item'
              examples:
                response:
                  value: {name: null}
components:
  schemas:
    Page/Item:
      type: object
      properties:
        name:
          type: string
",
        )
        .expect("a valid document");
        let mut components: BTreeMap<String, Schema> = document
            .components
            .iter()
            .flat_map(|components| &components.schemas)
            .filter_map(|(name, schema)| Some((name.clone(), schema.as_item()?.clone())))
            .collect();
        let (marked, errors) = mark_nullable_from_examples(&document, &mut components);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(marked.len(), 1, "{marked:?}");
        let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) =
            &components["Page/Item"].schema_kind
        else {
            panic!("Page/Item is no longer an object");
        };
        let name = object.properties["name"]
            .as_item()
            .expect("an inline schema");
        assert!(name.schema_data.nullable);
    }
}
