//! Following local `$ref`s (`#/components/<kind>/<name>`) to the item they stand for, for every
//! pass that reads a spec (the intermediate form, which reports each failure, spec review, the
//! importer's pagination rules, the contract driver's value synthesis on the spec as JSON), and
//! visiting the `$ref`s a schema holds (the importer's renaming).

use openapiv3::{AdditionalProperties, Components, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

/// How many references in a row are followed before a chain counts as a cycle.
pub const MAX_REFERENCE_HOPS: usize = 32;

/// Follows `#/components/<kind>/<name>` references (`prefix` is `#/components/<kind>/`) to an
/// item, up to [`MAX_REFERENCE_HOPS`]; `None` when a reference does not resolve.
pub fn resolve_component<'document, T>(
    document: &'document OpenAPI,
    start: &'document ReferenceOr<T>,
    prefix: &str,
    lookup: impl Fn(
        &'document Components,
        &str,
    ) -> Option<(&'document String, &'document ReferenceOr<T>)>,
) -> Option<&'document T> {
    let components = document.components.as_ref();
    follow_references(start, prefix, |name| lookup(components?, name))
        .ok()
        .map(|(item, _)| item)
}

/// Why a chain of references did not end at an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceFailure<'document> {
    /// `reference` is not `<prefix><name>` of an existing component. `in_component` is the
    /// component that holds it, `None` when it is the first reference of the chain.
    NotAComponent {
        reference: &'document str,
        in_component: Option<&'document String>,
    },
    /// More than [`MAX_REFERENCE_HOPS`] references in a row: a cycle.
    Cycle,
}

/// Follows `start` through references of the form `<prefix><name>` (the name a JSON pointer
/// token, `~1` and `~0` unescaped) to an item: the item, and the key of the component the
/// chain ended in (`None` when `start` is an item).
pub fn follow_references<'document, T>(
    start: &'document ReferenceOr<T>,
    prefix: &str,
    lookup: impl Fn(&str) -> Option<(&'document String, &'document ReferenceOr<T>)>,
) -> Result<(&'document T, Option<&'document String>), ReferenceFailure<'document>> {
    match start {
        ReferenceOr::Item(item) => Ok((item, None)),
        ReferenceOr::Reference { reference } => {
            follow_reference(reference, prefix, lookup).map(|(item, key)| (item, Some(key)))
        }
    }
}

/// [`follow_references`] from a `$ref` string: the item and the key of its component.
pub fn follow_reference<'document, T>(
    reference: &'document str,
    prefix: &str,
    lookup: impl Fn(&str) -> Option<(&'document String, &'document ReferenceOr<T>)>,
) -> Result<(&'document T, &'document String), ReferenceFailure<'document>> {
    let mut reference = reference;
    let mut in_component = None;
    for _ in 0..MAX_REFERENCE_HOPS {
        let target = reference
            .strip_prefix(prefix)
            .and_then(|name| lookup(&unescape_pointer(name)));
        let Some((key, target)) = target else {
            return Err(ReferenceFailure::NotAComponent {
                reference,
                in_component,
            });
        };
        match target {
            ReferenceOr::Item(item) => return Ok((item, key)),
            ReferenceOr::Reference {
                reference: next_reference,
            } => {
                reference = next_reference;
                in_component = Some(key);
            }
        }
    }
    Err(ReferenceFailure::Cycle)
}

/// Follows `$ref`s in a document read as JSON (to anywhere in it: `#/components/…` or any other
/// local pointer) to the value they name, up to [`MAX_REFERENCE_HOPS`]; the last value
/// reached when a reference does not resolve or the chain is a cycle (the contract driver
/// synthesizes from what it finds, and a schema it cannot follow gives a placeholder).
pub fn follow_json_references<'document>(
    start: &'document serde_json::Value,
    document: &'document serde_json::Value,
) -> &'document serde_json::Value {
    let mut current = start;
    for _ in 0..MAX_REFERENCE_HOPS {
        let target = current
            .get("$ref")
            .and_then(serde_json::Value::as_str)
            .and_then(|reference| reference.strip_prefix('#'))
            .and_then(|pointer| document.pointer(pointer));
        match target {
            Some(target) => current = target,
            None => return current,
        }
    }
    current
}

/// A JSON pointer token: `~` → `~0`, `/` → `~1`.
pub fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A JSON pointer token read back: `~1` → `/`, then `~0` → `~`.
pub fn unescape_pointer(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
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

    /// Chains are followed to their item through escaped names; a dangling reference names the
    /// component that holds it, and a loop is a cycle rather than a hang.
    #[test]
    fn reference_chains_end_at_their_item_or_say_where_they_break() {
        let components: indexmap::IndexMap<String, ReferenceOr<String>> = [
            ("a/b", ReferenceOr::ref_("#/components/x/c~0d")),
            ("c~d", ReferenceOr::Item("the item".to_owned())),
            ("dangling", ReferenceOr::ref_("#/components/x/missing")),
            ("loop", ReferenceOr::ref_("#/components/x/loop")),
        ]
        .into_iter()
        .map(|(name, item)| (name.to_owned(), item))
        .collect();
        let lookup = |name: &str| components.get_key_value(name);
        let prefix = "#/components/x/";

        let (item, key) =
            follow_reference("#/components/x/a~1b", prefix, lookup).expect("the chain resolves");
        assert_eq!((item.as_str(), key.as_str()), ("the item", "c~d"));

        let start = ReferenceOr::Item("inline".to_owned());
        let (item, key) = follow_references(&start, prefix, lookup).expect("an item");
        assert_eq!((item.as_str(), key), ("inline", None));

        assert_eq!(
            follow_reference("#/components/x/dangling", prefix, lookup),
            Err(ReferenceFailure::NotAComponent {
                reference: "#/components/x/missing",
                in_component: Some(&"dangling".to_owned()),
            })
        );
        assert_eq!(
            follow_reference("#/components/other/a~1b", prefix, lookup),
            Err(ReferenceFailure::NotAComponent {
                reference: "#/components/other/a~1b",
                in_component: None,
            })
        );
        assert_eq!(
            follow_reference("#/components/x/loop", prefix, lookup),
            Err(ReferenceFailure::Cycle)
        );
    }
}
