//! Global naming of the page-local schemas: one component per distinct (name, shape), stable
//! distinct names when same-named tables differ, and page-local references rewritten.

use std::collections::{BTreeMap, HashMap};

use openapiv3::{ReferenceOr, Schema};

use crate::import::page_operation::{LocalSchema, LOCAL_REFERENCE_PREFIX};
use crate::naming::pascal_case;
use crate::openapi_refs::for_each_schema_reference_mut;

/// The components chosen for a set of local schemas.
#[derive(Debug, Clone, Default)]
pub struct ComponentNaming {
    /// Local schema key → component name.
    pub name_for_key: HashMap<String, String>,
    /// Component name → its schema (references already rewritten), in name order.
    pub components: BTreeMap<String, Schema>,
    /// Same-named tables whose shapes differ, explained for the import summary.
    pub conflicts: Vec<String>,
    /// Same-shaped tables whose descriptions differ, for the import summary.
    pub description_differences: Vec<String>,
}

/// One shape of a schema name: its canonical text and its users (operation id, local key).
type ShapeVariant<'a> = (String, Vec<(&'a str, &'a str)>);

/// Groups local schemas by the name the docs give them and their shape.
///
/// The shape is the schema without its descriptions, with every nested reference replaced by
/// the shape it points to, so two `LoadBalancer` tables agree only if everything they contain
/// agrees. When same-named shapes differ, the shape used by the most tables keeps the plain
/// name and each other gets the name of the first operation that uses it as a prefix
/// (`CreateLoadBalancerTag`), which is stable across imports and says where it comes from.
pub fn name_components(local_schemas: &[(String, LocalSchema)]) -> ComponentNaming {
    let by_key: HashMap<&str, &LocalSchema> = local_schemas
        .iter()
        .map(|(_, local)| (local.key.as_str(), local))
        .collect();
    let mut shape_cache = HashMap::new();
    // name → shapes in order of first appearance, each with its users (operation id, key).
    let mut variants_by_name: BTreeMap<&str, Vec<ShapeVariant<'_>>> = BTreeMap::new();
    for (operation_id, local) in local_schemas {
        let shape = shape_of(&local.key, &by_key, &mut shape_cache, &mut Vec::new());
        let variants = variants_by_name.entry(local.name.as_str()).or_default();
        match variants.iter_mut().find(|(existing, _)| *existing == shape) {
            Some((_, users)) => users.push((operation_id, &local.key)),
            None => variants.push((shape, vec![(operation_id, &local.key)])),
        }
    }
    let mut naming = ComponentNaming::default();
    let mut taken_names: Vec<String> = variants_by_name
        .keys()
        .map(|name| name.to_string())
        .collect();
    for (name, mut variants) in variants_by_name {
        // Most used first; ties keep their order of first appearance (stable sort).
        variants.sort_by_key(|(_, users)| std::cmp::Reverse(users.len()));
        let mut chosen_names = Vec::new();
        for (position, (_, users)) in variants.iter().enumerate() {
            let component_name = if position == 0 {
                name.to_owned()
            } else {
                // The operation id and the name as one PascalCase word: `public_ip` of
                // `CreateAsConfiguration` is `CreateAsConfigurationPublicIp`.
                let prefixed = format!("{}{}", users[0].0, pascal_case(name));
                let mut candidate = prefixed.clone();
                let mut counter = 2;
                while taken_names.contains(&candidate) {
                    candidate = format!("{prefixed}{counter}");
                    counter += 1;
                }
                taken_names.push(candidate.clone());
                candidate
            };
            for (_, key) in users {
                naming
                    .name_for_key
                    .insert((*key).to_owned(), component_name.clone());
            }
            chosen_names.push((component_name, users));
        }
        if chosen_names.len() > 1 {
            let explained: Vec<String> = chosen_names
                .iter()
                .map(|(component_name, users)| {
                    let operations: Vec<&str> =
                        dedup_in_order(users.iter().map(|(operation_id, _)| *operation_id));
                    format!("{component_name} (used by {})", operations.join(", "))
                })
                .collect();
            naming.conflicts.push(format!(
                "{name}: {} different tables share this name, kept as {}",
                chosen_names.len(),
                explained.join("; ")
            ));
        }
    }
    naming
}

/// Builds each component from the first table of its (name, shape), with references rewritten,
/// and notes tables of the same shape whose descriptions differ.
pub fn build_components(local_schemas: &[(String, LocalSchema)], naming: &mut ComponentNaming) {
    for (_, local) in local_schemas {
        let component_name = naming.name_for_key[&local.key].clone();
        let mut schema = local.schema.clone();
        rewrite_local_references(&mut schema, &naming.name_for_key);
        match naming.components.get(&component_name) {
            None => {
                naming.components.insert(component_name, schema);
            }
            Some(existing) if *existing != schema => {
                let message = format!(
                    "{component_name}: descriptions in {} differ from the first table of this shape; the first table's are kept",
                    local.location
                );
                if !naming.description_differences.contains(&message) {
                    naming.description_differences.push(message);
                }
            }
            Some(_) => {}
        }
    }
}

fn dedup_in_order<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut result: Vec<&str> = Vec::new();
    for item in items {
        if !result.contains(&item) {
            result.push(item);
        }
    }
    result
}

/// The canonical text of a schema's shape (see [`name_components`]).
fn shape_of(
    key: &str,
    by_key: &HashMap<&str, &LocalSchema>,
    cache: &mut HashMap<String, String>,
    in_progress: &mut Vec<String>,
) -> String {
    if let Some(shape) = cache.get(key) {
        return shape.clone();
    }
    let Some(local) = by_key.get(key) else {
        return format!("missing:{key}");
    };
    if in_progress.iter().any(|progress| progress == key) {
        return format!("recursive:{}", local.name);
    }
    in_progress.push(key.to_owned());
    let mut value = serde_json::to_value(&local.schema).unwrap_or_default();
    canonicalize_shape(&mut value, by_key, cache, in_progress);
    in_progress.pop();
    let shape = value.to_string();
    cache.insert(key.to_owned(), shape.clone());
    shape
}

fn canonicalize_shape(
    value: &mut serde_json::Value,
    by_key: &HashMap<&str, &LocalSchema>,
    cache: &mut HashMap<String, String>,
    in_progress: &mut Vec<String>,
) {
    match value {
        serde_json::Value::Object(object) => {
            object.remove("description");
            object.remove("example");
            if let Some(serde_json::Value::String(reference)) = object.get("$ref") {
                if let Some(key) = reference.strip_prefix(LOCAL_REFERENCE_PREFIX) {
                    let name = by_key
                        .get(key)
                        .map(|local| local.name.clone())
                        .unwrap_or_default();
                    let shape = shape_of(key, by_key, cache, in_progress);
                    object.insert(
                        "$ref".to_owned(),
                        serde_json::Value::String(format!("{name}={shape}")),
                    );
                }
            }
            for nested in object.values_mut() {
                canonicalize_shape(nested, by_key, cache, in_progress);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                canonicalize_shape(item, by_key, cache, in_progress);
            }
        }
        _ => {}
    }
}

/// Rewrites `local:<key>` references to `#/components/schemas/<name>`.
pub fn rewrite_local_references(schema: &mut Schema, name_for_key: &HashMap<String, String>) {
    for_each_schema_reference_mut(schema, &mut |reference| {
        *reference = rewrite_reference(reference, name_for_key);
    });
}

pub fn rewrite_reference(reference: &str, name_for_key: &HashMap<String, String>) -> String {
    match reference
        .strip_prefix(LOCAL_REFERENCE_PREFIX)
        .and_then(|key| name_for_key.get(key))
    {
        Some(name) => format!("#/components/schemas/{name}"),
        None => reference.to_owned(),
    }
}

/// A reference to a component schema.
pub fn component_reference(name: &str) -> ReferenceOr<Schema> {
    ReferenceOr::Reference {
        reference: format!("#/components/schemas/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use openapiv3::{SchemaData, SchemaKind, Type};

    use super::*;
    use crate::doc_model::SourceLocation;

    fn local_schema(key: &str, operation_id: &str, schema_type: Type) -> (String, LocalSchema) {
        let schema = LocalSchema {
            key: key.to_owned(),
            name: "public_ip".to_owned(),
            operation_id: operation_id.to_owned(),
            schema: Schema {
                schema_data: SchemaData::default(),
                schema_kind: SchemaKind::Type(schema_type),
            },
            location: SourceLocation::page(key),
        };
        (operation_id.to_owned(), schema)
    }

    #[test]
    fn a_second_shape_of_a_name_is_prefixed_with_its_operation_in_one_pascal_case_word() {
        let naming = name_components(&[
            local_schema(
                "a.rst#1",
                "CreateAsConfiguration",
                Type::Object(Default::default()),
            ),
            local_schema(
                "b.rst#1",
                "ShowAsConfiguration",
                Type::Boolean(Default::default()),
            ),
            local_schema(
                "c.rst#1",
                "ListAsConfigurations",
                Type::Boolean(Default::default()),
            ),
        ]);
        assert_eq!(naming.name_for_key["b.rst#1"], "public_ip");
        assert_eq!(naming.name_for_key["c.rst#1"], "public_ip");
        assert_eq!(
            naming.name_for_key["a.rst#1"],
            "CreateAsConfigurationPublicIp"
        );
        assert_eq!(naming.conflicts.len(), 1, "{:?}", naming.conflicts);
    }
}
