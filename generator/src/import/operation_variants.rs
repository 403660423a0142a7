//! Variants of one operation: pages that document requests of the same method and path (an
//! OpenStack `…/action` request documented once per action, batch start, stop and reboot, a
//! public and a private zone), each page's operation kept whole in `x-operation-variants` on the
//! combined operation, with what its request sends that the others' do not.
//!
//! How a variant is told apart is read from what the pages record, in this order, the first
//! that holds deciding: a member of its JSON body that no other variant's body has (the action
//! key: `reboot`, `os-start`); a body member the variants share whose value, in each page's
//! examples or as the one allowed value, differs (`"action": "create"`); the same one level
//! down, and two (`resize.flavorRef` beside `resize.volume`); a query parameter, then a header,
//! likewise. When none holds, the variant is told apart by nothing its page
//! records (`not-recorded`): the request is the same as far as the tables and examples go.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Operation, Parameter, PathItem, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use crate::extensions::{Extension, OperationVariant, OperationVariants, VariantDiscriminator};
use crate::import::example_check::leave_out_contradicting_examples;
use crate::import::example_evidence::widen_schemas_to_examples;
use crate::import::page_operation::ImportNote;
use crate::import::ImportError;

/// Nesting of `allOf` and references followed to find an object's members.
const MAX_COMPOSITION_DEPTH: usize = 8;

/// How deep into the body's objects a member that tells variants apart is looked for:
/// `resize.flavorRef` beside `resize.volume` (two pages changing a DB instance's flavor and its
/// volume), `routetable.subnets.associate` beside `routetable.subnets.disassociate`.
const MAX_MEMBER_PATH_LENGTH: usize = 3;

/// Records the variants on their combined operation: each page's own operation, in page order,
/// with how its request is told apart.
pub fn record_variants(
    combined: &mut Operation,
    variants: Vec<Operation>,
    components: &BTreeMap<String, Schema>,
) {
    let discriminators = told_apart_by(&variants, components);
    OperationVariants(
        variants
            .into_iter()
            .zip(discriminators)
            .map(|(operation, told_apart_by)| OperationVariant {
                told_apart_by,
                operation,
            })
            .collect(),
    )
    .write(&mut combined.extensions);
}

/// The discriminator of each variant, in order.
pub fn told_apart_by(
    variants: &[Operation],
    components: &BTreeMap<String, Schema>,
) -> Vec<VariantDiscriminator> {
    let requests: Vec<VariantRequest> = variants
        .iter()
        .map(|operation| VariantRequest::of(operation, components))
        .collect();
    (0..requests.len())
        .map(|index| discriminator_of(index, &requests))
        .collect()
}

/// What one variant's request is made of, as far as telling it apart goes: the members of its
/// JSON body (to [`MAX_MEMBER_PATH_LENGTH`] levels), its query parameters and its headers.
struct VariantRequest {
    members: Vec<RequestMember>,
}

/// A member of a request: where it goes (`body`, `query`, `header`), its name (for a body
/// member inside another, the path joined with `.`), how deep it is (1 for a top-level body
/// member and every parameter), whether the request must send it, and the scalar values its
/// page shows for it (its examples' values, or the one value it allows).
struct RequestMember {
    place: &'static str,
    name: String,
    depth: usize,
    required: bool,
    values: Vec<Value>,
}

impl VariantRequest {
    fn of(operation: &Operation, components: &BTreeMap<String, Schema>) -> VariantRequest {
        let mut members: Vec<RequestMember> = Vec::new();
        if let Some(ReferenceOr::Item(body)) = &operation.request_body {
            if let Some(media) = body.content.get("application/json") {
                let examples: Vec<&Value> = media
                    .examples
                    .values()
                    .filter_map(|example| match example {
                        ReferenceOr::Item(example) => example.value.as_ref(),
                        ReferenceOr::Reference { .. } => None,
                    })
                    .collect();
                let mut schema_members = Vec::new();
                if let Some(schema) = &media.schema {
                    collect_members(schema, components, &[], true, &mut schema_members, 0);
                }
                for (path, required, allowed, description) in schema_members {
                    let name = path.join(".");
                    if members.iter().any(|member| member.name == name) {
                        continue;
                    }
                    let shown = examples.iter().filter_map(|example| {
                        path.iter()
                            .try_fold(*example, |value, key| value.get(key))
                            .cloned()
                    });
                    let values = documented_values(shown, &allowed, description.as_deref());
                    members.push(RequestMember {
                        place: "body",
                        name,
                        depth: path.len(),
                        required,
                        values,
                    });
                }
            }
        }
        for parameter in &operation.parameters {
            let ReferenceOr::Item(parameter) = parameter else {
                continue;
            };
            let place = match parameter {
                Parameter::Query { .. } => "query",
                Parameter::Header { .. } => "header",
                Parameter::Path { .. } | Parameter::Cookie { .. } => continue,
            };
            let data = parameter.parameter_data_ref();
            let shown = data
                .example
                .iter()
                .cloned()
                .chain(data.examples.values().filter_map(|example| match example {
                    ReferenceOr::Item(example) => example.value.clone(),
                    ReferenceOr::Reference { .. } => None,
                }));
            let allowed = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
                    allowed_values(schema)
                }
                _ => Vec::new(),
            };
            let values = documented_values(shown, &allowed, data.description.as_deref());
            members.push(RequestMember {
                place,
                name: data.name.clone(),
                depth: 1,
                required: data.required,
                values,
            });
        }
        VariantRequest { members }
    }

    /// The values this request shows for a member, when it has the member.
    fn values_of(&self, place: &str, name: &str) -> Option<&[Value]> {
        self.members
            .iter()
            .find(|member| member.place == place && member.name == name)
            .map(|member| member.values.as_slice())
    }
}

fn is_scalar(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

/// The values a page shows for a member that its table documents as values: an example's
/// scalar value that the member allows (`enum`) or that its description names as a word
/// ("create indicates the creation operation"); a value that is only an example's (a name, an
/// ID) tells nothing apart. Without such a value, the one value the member allows, if it
/// allows one.
fn documented_values(
    shown: impl Iterator<Item = Value>,
    allowed: &[Value],
    description: Option<&str>,
) -> Vec<Value> {
    let description_words: Vec<&str> = description
        .unwrap_or_default()
        .split(|character: char| {
            !(character.is_alphanumeric() || character == '_' || character == '-')
        })
        .collect();
    let mut values: Vec<Value> = Vec::new();
    for value in shown.filter(is_scalar) {
        let text = match &value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let documented = allowed.contains(&value) || description_words.contains(&text.as_str());
        if documented && !values.contains(&value) {
            values.push(value);
        }
    }
    if values.is_empty() {
        if let [only] = allowed {
            values.push(only.clone());
        }
    }
    values
}

/// The decision for the variant at `index`, against every other variant: in the body (its
/// top-level members, then those one level down, …), then the query, then the headers; at each
/// level required members before optional ones (a member the request may leave out tells it
/// apart only when sent), and for each kind a member only this variant has before a shared
/// member with a value of its own.
fn discriminator_of(index: usize, requests: &[VariantRequest]) -> VariantDiscriminator {
    let own = &requests[index];
    let others: Vec<&VariantRequest> = requests
        .iter()
        .enumerate()
        .filter(|(other_index, _)| *other_index != index)
        .map(|(_, request)| request)
        .collect();
    let levels = ["body"]
        .into_iter()
        .flat_map(|place| (1..=MAX_MEMBER_PATH_LENGTH).map(move |depth| (place, depth)))
        .chain([("query", 1), ("header", 1)]);
    for (place, depth) in levels {
        for required in [true, false] {
            let candidates = own.members.iter().filter(|member| {
                member.place == place && member.depth == depth && member.required == required
            });
            for member in candidates.clone() {
                if others
                    .iter()
                    .all(|other| other.values_of(place, &member.name).is_none())
                {
                    return discriminator(place, &member.name, None);
                }
            }
            for member in candidates {
                let other_values = others
                    .iter()
                    .map(|other| other.values_of(place, &member.name));
                if let Some(value) = distinct_value(&member.values, other_values) {
                    return discriminator(place, &member.name, Some(value));
                }
            }
        }
    }
    VariantDiscriminator::NotRecorded
}

/// The one value a variant shows for a member or parameter, when every other variant that has
/// it shows values, none of them this one.
fn distinct_value<'values>(
    own_values: &[Value],
    other_values: impl Iterator<Item = Option<&'values [Value]>>,
) -> Option<Value> {
    let [own_value] = own_values else {
        return None;
    };
    let mut shared_with_any = false;
    for values in other_values.flatten() {
        shared_with_any = true;
        if values.is_empty() || values.contains(own_value) {
            return None;
        }
    }
    shared_with_any.then(|| own_value.clone())
}

fn discriminator(place: &str, name: &str, value: Option<Value>) -> VariantDiscriminator {
    let name = name.to_owned();
    match place {
        "body" => VariantDiscriminator::Body {
            property: name,
            value,
        },
        "query" => VariantDiscriminator::Query { name, value },
        _ => VariantDiscriminator::Header { name, value },
    }
}

/// A member of a body's schema: its path, whether it is required, the values it allows and its
/// description.
type SchemaMember = (Vec<String>, bool, Vec<Value>, Option<String>);

/// The members of an object schema (through component references and `allOf` parts) and of
/// the objects in it, to [`MAX_MEMBER_PATH_LENGTH`] levels: `(path, required, allowed values,
/// description)`, in schema order, a member before those inside it. A member inside another is
/// required when it and every member it is inside are.
fn collect_members(
    schema: &ReferenceOr<Schema>,
    components: &BTreeMap<String, Schema>,
    prefix: &[String],
    prefix_required: bool,
    members: &mut Vec<SchemaMember>,
    depth: usize,
) {
    if depth > MAX_COMPOSITION_DEPTH || prefix.len() >= MAX_MEMBER_PATH_LENGTH {
        return;
    }
    let Some(schema) = resolve(schema, components) else {
        return;
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            for (name, property) in &object.properties {
                let property = match property {
                    ReferenceOr::Item(property) => ReferenceOr::Item((**property).clone()),
                    ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                        reference: reference.clone(),
                    },
                };
                let resolved = resolve(&property, components);
                let allowed = resolved.map(allowed_values).unwrap_or_default();
                let description =
                    resolved.and_then(|schema| schema.schema_data.description.clone());
                let mut path = prefix.to_vec();
                path.push(name.clone());
                let required = prefix_required && object.required.contains(name);
                members.push((path.clone(), required, allowed, description));
                collect_members(&property, components, &path, required, members, depth + 1);
            }
        }
        SchemaKind::AllOf { all_of } => {
            for part in all_of {
                collect_members(
                    part,
                    components,
                    prefix,
                    prefix_required,
                    members,
                    depth + 1,
                );
            }
        }
        _ => {}
    }
}

/// A schema, or the component schema it refers to.
fn resolve<'schema>(
    schema: &'schema ReferenceOr<Schema>,
    components: &'schema BTreeMap<String, Schema>,
) -> Option<&'schema Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { reference } => reference
            .strip_prefix("#/components/schemas/")
            .and_then(|name| components.get(name)),
    }
}

/// The values a scalar schema allows, when it lists them (`enum`).
fn allowed_values(schema: &Schema) -> Vec<Value> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string
            .enumeration
            .iter()
            .flatten()
            .map(|value| Value::String(value.clone()))
            .collect(),
        SchemaKind::Type(Type::Integer(integer)) => integer
            .enumeration
            .iter()
            .flatten()
            .map(|value| Value::from(*value))
            .collect(),
        _ => Vec::new(),
    }
}

/// Widens the schemas that a variant's own examples contradict, as `example_evidence` does for
/// every operation (which sees the combined operation's examples against the combination of the
/// variants' schemas, where a value may not reach the field it belongs to). Returns the
/// decisions as summary lines and the schemas it could not carry.
pub fn widen_variant_schemas_to_examples(
    document: &mut OpenAPI,
    components: &mut BTreeMap<String, Schema>,
) -> (Vec<String>, Vec<ImportError>) {
    let mut decisions = Vec::new();
    let mut errors = Vec::new();
    run_on_variants(document, |variants_document| {
        let (more_decisions, more_errors) =
            widen_schemas_to_examples(variants_document, components);
        decisions.extend(more_decisions);
        errors.extend(more_errors);
    });
    decisions.sort();
    decisions.dedup();
    (decisions, errors)
}

/// Leaves out of each variant the examples that contradict its own tables, as
/// `example_check` does for every operation (the combined operation's examples are checked
/// against the combination of the variants' schemas, which any variant's example may fit).
/// Returns a note for each, at the variant's page.
pub fn leave_out_contradicting_variant_examples(
    document: &mut OpenAPI,
    components: &BTreeMap<String, Schema>,
) -> Vec<ImportNote> {
    let mut notes = Vec::new();
    run_on_variants(document, |variants_document| {
        notes.extend(leave_out_contradicting_examples(
            variants_document,
            components,
        ));
    });
    notes
}

/// Runs one of the importer's passes over documents on the variants: for each place of a
/// variant, a document that holds, at each method and path with a variant at that place, that
/// variant (and nothing else), so the pass finds each variant where OpenAPI puts an operation
/// and names its place as any operation's; the variants then go back into their extensions as
/// the pass left them. One document per place, not per variant: a pass reads every component
/// once per document.
fn run_on_variants(document: &mut OpenAPI, mut pass: impl FnMut(&mut OpenAPI)) {
    let mut listed: Vec<(String, &'static str, Vec<OperationVariant>)> = Vec::new();
    for (path, item) in document.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in path_item_operations_mut(item) {
            if let Some(Ok(OperationVariants(variants))) =
                OperationVariants::read(&operation.extensions)
            {
                listed.push((path.clone(), method, variants));
            }
        }
    }
    let places = listed
        .iter()
        .map(|(_, _, variants)| variants.len())
        .max()
        .unwrap_or(0);
    for place in 0..places {
        let mut variants_document = OpenAPI::default();
        for (path, method, variants) in &mut listed {
            let Some(variant) = variants.get_mut(place) else {
                continue;
            };
            let item = variants_document
                .paths
                .paths
                .entry(path.clone())
                .or_insert_with(|| ReferenceOr::Item(PathItem::default()));
            if let ReferenceOr::Item(item) = item {
                *operation_slot(item, method) = Some(std::mem::take(&mut variant.operation));
            }
        }
        pass(&mut variants_document);
        for (path, method, variants) in &mut listed {
            let Some(variant) = variants.get_mut(place) else {
                continue;
            };
            if let Some(ReferenceOr::Item(item)) =
                variants_document.paths.paths.get_mut(path.as_str())
            {
                if let Some(operation) = operation_slot(item, method).take() {
                    variant.operation = operation;
                }
            }
        }
    }
    for (path, method, variants) in listed {
        if let Some(ReferenceOr::Item(item)) = document.paths.paths.get_mut(&path) {
            if let Some(operation) = operation_slot(item, method).as_mut() {
                OperationVariants(variants).write(&mut operation.extensions);
            }
        }
    }
}

/// The operations of a path item with their lower-case methods.
fn path_item_operations_mut(item: &mut PathItem) -> Vec<(&'static str, &mut Operation)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ]
    .into_iter()
    .filter_map(|(method, operation)| Some((method, operation.as_mut()?)))
    .collect()
}

/// The slot of a path item for a lower-case method.
pub fn operation_slot<'item>(
    item: &'item mut PathItem,
    method: &str,
) -> &'item mut Option<Operation> {
    match method {
        "get" => &mut item.get,
        "put" => &mut item.put,
        "post" => &mut item.post,
        "delete" => &mut item.delete,
        "patch" => &mut item.patch,
        "head" => &mut item.head,
        "options" => &mut item.options,
        _ => &mut item.trace,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// An operation from its JSON (parameters, request body with examples).
    fn operation(value: Value) -> Operation {
        serde_json::from_value(value).expect("an operation")
    }

    fn json_body(schema: Value, examples: &[Value]) -> Value {
        let examples: serde_json::Map<String, Value> = examples
            .iter()
            .enumerate()
            .map(|(index, value)| (format!("example_{}", index + 1), json!({"value": value})))
            .collect();
        json!({"content": {"application/json": {"schema": schema, "examples": examples}}})
    }

    fn components() -> BTreeMap<String, Schema> {
        let schema = |value: Value| -> Schema { serde_json::from_value(value).expect("a schema") };
        BTreeMap::from([
            (
                "RebootBody".to_owned(),
                schema(json!({"type": "object", "required": ["reboot"],
                    "properties": {"reboot": {"type": "object"}}})),
            ),
            (
                "StartBody".to_owned(),
                schema(json!({"type": "object", "required": ["os-start"],
                    "properties": {"os-start": {}}})),
            ),
            (
                "TagsBody".to_owned(),
                schema(json!({"type": "object", "required": ["action", "tags"],
                    "properties": {
                        "action": {"type": "string", "description":
                            "The operation: create adds the tags, delete removes them."},
                        "name": {"type": "string", "description": "A name for the tags."},
                        "tags": {"type": "array", "items": {}}}})),
            ),
            (
                "SysTagsBody".to_owned(),
                schema(json!({"allOf": [{"$ref": "#/components/schemas/TagsBody"},
                    {"type": "object", "properties": {"sys_tags": {"type": "array", "items": {}}}}]})),
            ),
        ])
    }

    #[test]
    fn an_action_key_only_one_body_has_tells_a_variant_apart() {
        let reboot = operation(json!({"requestBody": json_body(
            json!({"$ref": "#/components/schemas/RebootBody"}), &[json!({"reboot": {"type": "SOFT"}})]),
            "responses": {}}));
        let start = operation(json!({"requestBody": json_body(
            json!({"$ref": "#/components/schemas/StartBody"}), &[json!({"os-start": {}})]),
            "responses": {}}));
        assert_eq!(
            told_apart_by(&[reboot, start], &components()),
            [
                VariantDiscriminator::Body {
                    property: "reboot".to_owned(),
                    value: None
                },
                VariantDiscriminator::Body {
                    property: "os-start".to_owned(),
                    value: None
                },
            ]
        );
    }

    #[test]
    fn a_shared_member_tells_variants_apart_by_the_values_their_examples_show() {
        let create = operation(json!({"requestBody": json_body(
            json!({"$ref": "#/components/schemas/SysTagsBody"}),
            &[json!({"action": "create", "tags": []})]), "responses": {}}));
        let delete = operation(json!({"requestBody": json_body(
            json!({"$ref": "#/components/schemas/TagsBody"}),
            &[json!({"action": "delete", "tags": []})]), "responses": {}}));
        // `sys_tags` is only in the first body, but optional: the required `action` decides.
        assert_eq!(
            told_apart_by(&[create, delete], &components()),
            [
                VariantDiscriminator::Body {
                    property: "action".to_owned(),
                    value: Some(json!("create"))
                },
                VariantDiscriminator::Body {
                    property: "action".to_owned(),
                    value: Some(json!("delete"))
                },
            ]
        );
    }

    #[test]
    fn query_parameters_and_headers_decide_when_the_body_does_not_and_else_nothing_is_recorded() {
        let query = |name: &str, required: bool| json!({"in": "query", "name": name, "required": required, "schema": {"type": "string"}});
        let header = json!({"in": "header", "name": "x-bucket-type", "schema": {"type": "string", "enum": ["SFS"]}});
        let acl = operation(json!({"parameters": [query("acl", false)], "responses": {}}));
        let list = operation(json!({"parameters": [header], "responses": {}}));
        let versions = operation(json!({"responses": {}}));
        let same_as_versions = operation(json!({"responses": {}}));
        assert_eq!(
            told_apart_by(&[acl, list, versions, same_as_versions], &components()),
            [
                VariantDiscriminator::Query {
                    name: "acl".to_owned(),
                    value: None
                },
                VariantDiscriminator::Header {
                    name: "x-bucket-type".to_owned(),
                    value: None
                },
                VariantDiscriminator::NotRecorded,
                VariantDiscriminator::NotRecorded,
            ]
        );
    }

    #[test]
    fn a_member_inside_a_shared_one_tells_variants_apart_when_the_top_level_does_not() {
        let schema = |inner: Value| {
            json!({"type": "object", "required": ["resize"], "properties": {"resize": {
                "description": "The change.", "allOf": [inner]}}})
        };
        let flavor = operation(json!({"requestBody": json_body(
            schema(json!({"type": "object", "required": ["flavorRef"],
                "properties": {"flavorRef": {"type": "string"}}})),
            &[json!({"resize": {"flavorRef": "s3.large.2"}})]), "responses": {}}));
        let volume = operation(json!({"requestBody": json_body(
            schema(json!({"type": "object", "required": ["volume"],
                "properties": {"volume": {"type": "object"}}})),
            &[json!({"resize": {"volume": {"size": 400}}})]), "responses": {}}));
        assert_eq!(
            told_apart_by(&[flavor, volume], &components()),
            [
                VariantDiscriminator::Body {
                    property: "resize.flavorRef".to_owned(),
                    value: None
                },
                VariantDiscriminator::Body {
                    property: "resize.volume".to_owned(),
                    value: None
                },
            ]
        );
    }

    #[test]
    fn a_value_only_an_example_shows_tells_nothing_apart() {
        // Two pages' examples name their tags differently, and `name` is documented as a
        // name, not by its values.
        let body = |name: &str| {
            operation(json!({"requestBody": json_body(
                json!({"$ref": "#/components/schemas/TagsBody"}),
                &[json!({"action": "create", "name": name, "tags": []})]), "responses": {}}))
        };
        assert_eq!(
            told_apart_by(&[body("first"), body("second")], &components()),
            [
                VariantDiscriminator::NotRecorded,
                VariantDiscriminator::NotRecorded
            ]
        );
    }

    #[test]
    fn a_value_shared_by_two_variants_tells_neither_apart() {
        let body = |action: &str| {
            operation(json!({"requestBody": json_body(
                json!({"$ref": "#/components/schemas/TagsBody"}),
                &[json!({"action": action, "tags": []})]), "responses": {}}))
        };
        assert_eq!(
            told_apart_by(
                &[body("create"), body("create"), body("delete")],
                &components()
            ),
            [
                VariantDiscriminator::NotRecorded,
                VariantDiscriminator::NotRecorded,
                VariantDiscriminator::Body {
                    property: "action".to_owned(),
                    value: Some(json!("delete"))
                },
            ]
        );
    }
}
