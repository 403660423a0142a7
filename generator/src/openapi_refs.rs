//! Following local `$ref`s (`#/components/<kind>/<name>`) to the item they stand for, for the
//! passes that read a spec without building the intermediate form (spec review, the importer's
//! pagination rules), and visiting the `$ref`s a schema holds (the importer's renaming).
//! `generate::ir` follows them itself, as it also reports each failure.

use openapiv3::{AdditionalProperties, Components, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

/// How many references in a row are followed before a chain counts as a cycle.
pub const MAXIMUM_REFERENCE_HOPS: usize = 32;

/// Follows `#/components/<kind>/<name>` references (`prefix` is `#/components/<kind>/`) to an
/// item, up to [`MAXIMUM_REFERENCE_HOPS`]; `None` when a reference does not resolve.
pub fn resolve_component<'document, T>(
    document: &'document OpenAPI,
    start: &'document ReferenceOr<T>,
    prefix: &str,
    lookup: impl Fn(&'document Components, &str) -> Option<&'document ReferenceOr<T>>,
) -> Option<&'document T> {
    let mut current = start;
    for _ in 0..MAXIMUM_REFERENCE_HOPS {
        match current {
            ReferenceOr::Item(item) => return Some(item),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix(prefix)?;
                current = lookup(document.components.as_ref()?, name)?;
            }
        }
    }
    None
}

/// Calls `visit` with every schema `$ref` inside `schema`, at any depth (properties,
/// additional properties, items, `oneOf`/`allOf`/`anyOf`/`not`), each once, in document order.
/// Typed rather than through `serde_json::Value`: the importer rewrites the references of
/// every schema it builds, and a round trip through JSON was a tenth of the import's time.
pub fn for_each_schema_reference_mut(schema: &mut Schema, visit: &mut impl FnMut(&mut String)) {
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            for property in object.properties.values_mut() {
                visit_boxed(property, visit);
            }
            visit_additional_properties(&mut object.additional_properties, visit);
        }
        SchemaKind::Type(Type::Array(array)) => {
            if let Some(items) = &mut array.items {
                visit_boxed(items, visit);
            }
        }
        SchemaKind::Type(_) => {}
        SchemaKind::OneOf { one_of: schemas }
        | SchemaKind::AllOf { all_of: schemas }
        | SchemaKind::AnyOf { any_of: schemas } => {
            for nested in schemas {
                visit_unboxed(nested, visit);
            }
        }
        SchemaKind::Not { not } => visit_unboxed(not, visit),
        SchemaKind::Any(any) => {
            for property in any.properties.values_mut() {
                visit_boxed(property, visit);
            }
            visit_additional_properties(&mut any.additional_properties, visit);
            if let Some(items) = &mut any.items {
                visit_boxed(items, visit);
            }
            for nested in any
                .one_of
                .iter_mut()
                .chain(&mut any.all_of)
                .chain(&mut any.any_of)
            {
                visit_unboxed(nested, visit);
            }
            if let Some(not) = &mut any.not {
                visit_unboxed(not, visit);
            }
        }
    }
}

fn visit_boxed(schema: &mut ReferenceOr<Box<Schema>>, visit: &mut impl FnMut(&mut String)) {
    match schema {
        ReferenceOr::Reference { reference } => visit(reference),
        ReferenceOr::Item(schema) => for_each_schema_reference_mut(schema, visit),
    }
}

fn visit_unboxed(schema: &mut ReferenceOr<Schema>, visit: &mut impl FnMut(&mut String)) {
    match schema {
        ReferenceOr::Reference { reference } => visit(reference),
        ReferenceOr::Item(schema) => for_each_schema_reference_mut(schema, visit),
    }
}

fn visit_additional_properties(
    additional: &mut Option<AdditionalProperties>,
    visit: &mut impl FnMut(&mut String),
) {
    if let Some(AdditionalProperties::Schema(schema)) = additional {
        visit_unboxed(schema, visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every place a schema can hold a `$ref` is visited, nested ones included, and nothing
    /// else (the `$ref`-like text in the example is data, not a reference).
    #[test]
    fn every_schema_reference_is_visited_in_document_order() {
        let mut schema: Schema = serde_json::from_value(serde_json::json!({
            "type": "object",
            "properties": {
                "direct": { "$ref": "#/a" },
                "list": { "type": "array", "items": { "$ref": "#/b" } },
                "map": { "type": "object", "additionalProperties": { "$ref": "#/c" } },
                "choice": { "oneOf": [ { "$ref": "#/d" }, { "type": "string" } ] },
                "merged": { "allOf": [ { "$ref": "#/e" } ], "nullable": true },
                "loose": {
                    "properties": { "inner": { "$ref": "#/f" } },
                    "anyOf": [ { "$ref": "#/g" } ],
                    "not": { "$ref": "#/h" }
                },
                "negated": { "not": { "$ref": "#/i" } }
            },
            "example": { "$ref": "#/not-a-reference" }
        }))
        .expect("a valid schema");
        let mut seen = Vec::new();
        for_each_schema_reference_mut(&mut schema, &mut |reference| {
            seen.push(reference.clone());
            reference.push_str("-renamed");
        });
        assert_eq!(
            seen,
            ["#/a", "#/b", "#/c", "#/d", "#/e", "#/f", "#/g", "#/h", "#/i"]
        );
        let text = serde_json::to_string(&schema).expect("serializable");
        assert_eq!(text.matches("-renamed").count(), 9, "{text}");
        assert!(text.contains("\"#/not-a-reference\""), "{text}");
    }
}
