//! What only the wire carries: the constraints, defaults, allowed values and formats of the
//! schemas, and the media types of bodies. The Rust types these schemas become are compared on
//! the intermediate form (`rust_api`); this walk follows the schemas to the same field paths
//! and reports what no Rust type shows but the service checks.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use openapiv3::{
    AdditionalProperties, ArrayType, IntegerFormat, MediaType, NumberFormat, ObjectType, OpenAPI,
    Operation, Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr, RequestBody,
    Response, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::extensions::{Extension, OperationVariants, SourcePage};
use crate::openapi_refs::{resolve_component, unescape_pointer, MAX_REFERENCE_HOPS};

use super::classify::{make_change, ClassificationContext};
use super::report::{Change, ChangeKind, Direction};
use super::rust_api::{child_path, operation_key, unique_keys, LocationBase, OperationKey};
use super::MAX_NESTING;

/// An operation with the parameters its path item gives every operation of the path.
pub(super) struct OperationEntry<'document> {
    pub(super) operation: &'document Operation,
    path_item_parameters: &'document [ReferenceOr<Parameter>],
}

/// The variants of each operation that lists them (`x-operation-variants`), by (path,
/// upper-case method): read once, so the operations of [`collect_operations`] can borrow them.
/// An extension that does not read is left out here: the generator reports it.
pub(super) fn read_variants(document: &OpenAPI) -> BTreeMap<(String, String), Vec<Operation>> {
    let mut variants = BTreeMap::new();
    for (path, item) in &document.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            if let Some(Ok(OperationVariants(listed))) =
                OperationVariants::read(&operation.extensions)
            {
                variants.insert(
                    (path.clone(), method.to_ascii_uppercase()),
                    listed
                        .into_iter()
                        .map(|variant| variant.operation)
                        .collect(),
                );
            }
        }
    }
    variants
}

/// Operations by the key of the intermediate form's operations ([`operation_key`]): an
/// operation with variants by its variants. Path item references are not followed: OpenAPI 3.0
/// has nowhere local for them to point, [`super::parse_spec`] rejects them and so does the
/// generator.
pub(super) fn collect_operations<'document>(
    document: &'document OpenAPI,
    variants: &'document BTreeMap<(String, String), Vec<Operation>>,
    routes_with_variants: &BTreeSet<(String, String)>,
) -> BTreeMap<OperationKey, OperationEntry<'document>> {
    let mut operations = Vec::new();
    for (path, item) in &document.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let method = method.to_ascii_uppercase();
            let own_operations = match variants.get(&(path.clone(), method.clone())) {
                Some(listed) => listed.iter().collect(),
                None => vec![operation],
            };
            for own_operation in own_operations {
                let operation_id = own_operation
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{method} {path}"));
                let key = operation_key(
                    path,
                    &method,
                    SourcePage::of(&own_operation.extensions).as_deref(),
                    &operation_id,
                    routes_with_variants,
                );
                operations.push((
                    key,
                    operation_id,
                    OperationEntry {
                        operation: own_operation,
                        path_item_parameters: &item.parameters,
                    },
                ));
            }
        }
    }
    unique_keys(operations)
}

/// The wire-level changes of an operation present in both specs: the schemas of its
/// parameters, the media types and schemas of its request body and of each response.
pub(super) fn diff_operation_wire(
    old_document: &OpenAPI,
    new_document: &OpenAPI,
    old: &OperationEntry<'_>,
    new: &OperationEntry<'_>,
    request_context: ClassificationContext,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_parameters = effective_parameters(old_document, old);
    let new_parameters = effective_parameters(new_document, new);
    for (key, old_parameter) in &old_parameters {
        let Some(new_parameter) = new_parameters.get(key) else {
            continue;
        };
        let (place, name) = key;
        let location = LocationBase::Parameter {
            place: place.clone(),
            name: name.clone(),
        };
        let mut comparison =
            SchemaComparison::new(old_document, new_document, location, request_context);
        comparison.compare(
            String::new(),
            parameter_schema(&old_parameter.format),
            parameter_schema(&new_parameter.format),
            0,
        );
        changes.extend(comparison.changes);
    }
    if let (Some(old_body), Some(new_body)) = (
        resolve_request_body(old_document, old.operation),
        resolve_request_body(new_document, new.operation),
    ) {
        changes.extend(compare_content(
            old_document,
            new_document,
            &old_body.content,
            &new_body.content,
            LocationBase::RequestBody,
            request_context,
        ));
    }
    let response_context = ClassificationContext {
        direction: Direction::Response,
        ..request_context
    };
    let new_responses = collect_responses(new_document, new.operation);
    for (status, old_response) in collect_responses(old_document, old.operation) {
        let Some(new_response) = new_responses.get(&status) else {
            continue;
        };
        changes.extend(compare_content(
            old_document,
            new_document,
            &old_response.content,
            &new_response.content,
            LocationBase::Response { status },
            response_context,
        ));
    }
    changes
}

/// The media types of a body: added and removed ones, and the schemas of those both have.
fn compare_content<'document>(
    old_document: &'document OpenAPI,
    new_document: &'document OpenAPI,
    old_content: &'document indexmap::IndexMap<String, MediaType>,
    new_content: &'document indexmap::IndexMap<String, MediaType>,
    location: LocationBase,
    context: ClassificationContext,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let media_types: BTreeSet<&String> = old_content.keys().chain(new_content.keys()).collect();
    for media_type in media_types {
        match (old_content.get(media_type), new_content.get(media_type)) {
            (Some(_), None) => changes.push(make_change(
                location.at(""),
                ChangeKind::MediaTypeRemoved {
                    media_type: media_type.clone(),
                },
                context,
            )),
            (None, Some(_)) => changes.push(make_change(
                location.at(""),
                ChangeKind::MediaTypeAdded {
                    media_type: media_type.clone(),
                },
                context,
            )),
            _ => {}
        }
    }
    for (media_type, old_media) in old_content {
        let Some(new_media) = new_content.get(media_type) else {
            continue;
        };
        let mut comparison =
            SchemaComparison::new(old_document, new_document, location.clone(), context);
        comparison.compare(
            String::new(),
            SchemaRef::of_optional(old_media.schema.as_ref()),
            SchemaRef::of_optional(new_media.schema.as_ref()),
            0,
        );
        changes.extend(comparison.changes);
    }
    changes
}

/// The parameters of an operation by (place, name): the path item's, overridden by the
/// operation's own, as OpenAPI defines. Unresolvable references are left out ([`super::parse_spec`]
/// rejects them).
fn effective_parameters<'document>(
    document: &'document OpenAPI,
    entry: &OperationEntry<'document>,
) -> BTreeMap<(String, String), &'document ParameterData> {
    let mut parameters = BTreeMap::new();
    for parameter in entry
        .path_item_parameters
        .iter()
        .chain(entry.operation.parameters.iter())
    {
        let Some(parameter) = resolve_component(
            document,
            parameter,
            "#/components/parameters/",
            |components, name| components.parameters.get_key_value(name),
        ) else {
            continue;
        };
        let place = match parameter {
            Parameter::Query { .. } => "query",
            Parameter::Header { .. } => "header",
            Parameter::Path { .. } => "path",
            Parameter::Cookie { .. } => "cookie",
        };
        let data = parameter.parameter_data_ref();
        parameters.insert((place.to_owned(), data.name.clone()), data);
    }
    parameters
}

fn parameter_schema(format: &ParameterSchemaOrContent) -> SchemaRef<'_> {
    match format {
        ParameterSchemaOrContent::Schema(schema) => SchemaRef::of(schema),
        ParameterSchemaOrContent::Content(content) => SchemaRef::of_optional(
            content
                .get("application/json")
                .or_else(|| content.values().next())
                .and_then(|media| media.schema.as_ref()),
        ),
    }
}

fn resolve_request_body<'document>(
    document: &'document OpenAPI,
    operation: &'document Operation,
) -> Option<&'document RequestBody> {
    resolve_component(
        document,
        operation.request_body.as_ref()?,
        "#/components/requestBodies/",
        |components, name| components.request_bodies.get_key_value(name),
    )
}

/// Responses by status text (`200`, `4XX`, `default`), references resolved.
fn collect_responses<'document>(
    document: &'document OpenAPI,
    operation: &'document Operation,
) -> BTreeMap<String, &'document Response> {
    let mut responses = BTreeMap::new();
    for (status, response) in &operation.responses.responses {
        if let Some(response) = resolve_component(
            document,
            response,
            "#/components/responses/",
            |components, name| components.responses.get_key_value(name),
        ) {
            responses.insert(status.to_string(), response);
        }
    }
    if let Some(response) = operation.responses.default.as_ref().and_then(|response| {
        resolve_component(
            document,
            response,
            "#/components/responses/",
            |components, name| components.responses.get_key_value(name),
        )
    }) {
        responses.insert("default".to_owned(), response);
    }
    responses
}

/// A schema where it is used: a reference, an inline schema, or none at all (a body or array
/// without a schema, which the generator maps to `serde_json::Value`).
#[derive(Clone, Copy)]
enum SchemaRef<'document> {
    Reference(&'document str),
    Item(&'document Schema),
    Missing,
}

impl<'document> SchemaRef<'document> {
    fn of(schema: &'document ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }

    fn of_boxed(schema: &'document ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }

    fn of_optional(schema: Option<&'document ReferenceOr<Schema>>) -> Self {
        schema.map_or(SchemaRef::Missing, SchemaRef::of)
    }
}

/// What a use of a schema resolves to.
#[derive(Clone, Copy)]
enum Target<'document> {
    Schema(&'document Schema),
    Unresolved,
    Missing,
}

struct ResolvedSchema<'document> {
    /// The schema as written where it is used (the `allOf` wrapper of a described reference),
    /// which carries `nullable` and `default` for the field; `None` for a bare reference.
    outer: Option<&'document Schema>,
    target: Target<'document>,
    /// The first component reached: the generated Rust type is named after it.
    component: Option<&'document str>,
}

/// Follows references and single-element `allOf` wrappers, as `generate::ir` does.
fn resolve<'document>(
    document: &'document OpenAPI,
    start: SchemaRef<'document>,
) -> ResolvedSchema<'document> {
    let outer = match start {
        SchemaRef::Item(schema) => Some(schema),
        _ => None,
    };
    let mut component = None;
    let mut current = start;
    for _ in 0..MAX_REFERENCE_HOPS {
        match current {
            SchemaRef::Missing => {
                return ResolvedSchema {
                    outer,
                    target: Target::Missing,
                    component,
                }
            }
            SchemaRef::Reference(reference) => {
                // The name is a JSON pointer token: `~1` and `~0` stand for `/` and `~`.
                let found = reference
                    .strip_prefix("#/components/schemas/")
                    .and_then(|name| {
                        let (name, schema) = document
                            .components
                            .as_ref()?
                            .schemas
                            .get_key_value(unescape_pointer(name).as_str())?;
                        Some((name.as_str(), schema))
                    });
                let Some((name, schema)) = found else {
                    return ResolvedSchema {
                        outer,
                        target: Target::Unresolved,
                        component,
                    };
                };
                component = component.or(Some(name));
                current = SchemaRef::of(schema);
            }
            SchemaRef::Item(schema) => {
                // A one-element `allOf` is how a described reference is written.
                let wrapped = match &schema.schema_kind {
                    SchemaKind::AllOf { all_of } => match all_of.as_slice() {
                        [only] => Some(only),
                        _ => None,
                    },
                    _ => None,
                };
                let Some(wrapped) = wrapped else {
                    return ResolvedSchema {
                        outer,
                        target: Target::Schema(schema),
                        component,
                    };
                };
                current = SchemaRef::of(wrapped);
            }
        }
    }
    ResolvedSchema {
        outer,
        target: Target::Unresolved,
        component,
    }
}

/// The shape of a schema as the generator sees it: which Rust type it becomes.
enum Shape<'document> {
    String(&'document openapiv3::StringType),
    Integer(&'document openapiv3::IntegerType),
    Number(&'document openapiv3::NumberType),
    Boolean(&'document openapiv3::BooleanType),
    Array(&'document ArrayType),
    /// An object with properties: a struct.
    Struct(&'document ObjectType),
    /// An object without properties whose values have a schema: a map.
    Map(&'document ReferenceOr<Schema>),
    /// Any other object: a JSON object.
    FreeFormObject,
    /// Anything the generator maps to `serde_json::Value`.
    Untyped(Option<&'document SchemaKind>),
    Unresolved,
}

fn shape_of(target: Target<'_>) -> Shape<'_> {
    let schema = match target {
        Target::Schema(schema) => schema,
        Target::Unresolved => return Shape::Unresolved,
        Target::Missing => return Shape::Untyped(None),
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => Shape::String(string),
        SchemaKind::Type(Type::Integer(integer)) => Shape::Integer(integer),
        SchemaKind::Type(Type::Number(number)) => Shape::Number(number),
        SchemaKind::Type(Type::Boolean(boolean)) => Shape::Boolean(boolean),
        SchemaKind::Type(Type::Array(array)) => Shape::Array(array),
        SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
            Shape::Struct(object)
        }
        SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
            Some(AdditionalProperties::Schema(values)) => Shape::Map(values.as_ref()),
            _ => Shape::FreeFormObject,
        },
        other => Shape::Untyped(Some(other)),
    }
}

fn format_label<T>(
    format: &VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> String {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => known(item).to_owned(),
        VariantOrUnknownOrEmpty::Unknown(text) => text.clone(),
        VariantOrUnknownOrEmpty::Empty => "none".to_owned(),
    }
}

fn integer_format_name(format: &IntegerFormat) -> &'static str {
    match format {
        IntegerFormat::Int32 => "int32",
        IntegerFormat::Int64 => "int64",
    }
}

fn number_format_name(format: &NumberFormat) -> &'static str {
    match format {
        NumberFormat::Float => "float",
        NumberFormat::Double => "double",
    }
}

fn string_format_name(format: &StringFormat) -> &'static str {
    match format {
        StringFormat::Date => "date",
        StringFormat::DateTime => "date-time",
        StringFormat::Password => "password",
        StringFormat::Byte => "byte",
        StringFormat::Binary => "binary",
    }
}

/// Enum values as JSON text, `null` for a null entry.
fn enum_values<T: fmt::Display>(values: &[Option<T>], quote: bool) -> BTreeSet<String> {
    values
        .iter()
        .map(|value| match value {
            None => "null".to_owned(),
            Some(value) if quote => Value::String(value.to_string()).to_string(),
            Some(value) => value.to_string(),
        })
        .collect()
}

/// The numeric constraints of an integer or number schema, integers widened to `f64` (only to
/// compare them and print them).
#[derive(Debug, Clone, Copy)]
struct NumericRange {
    minimum: Option<f64>,
    maximum: Option<f64>,
    multiple_of: Option<f64>,
    exclusive_minimum: bool,
    exclusive_maximum: bool,
}

/// Which way a numeric constraint restricts values.
#[derive(Clone, Copy)]
enum Bound {
    /// `maximum`, `maxLength`, `maxItems`: a smaller value is tighter.
    Upper,
    /// `minimum`, `minLength`, `minItems`: a larger value is tighter.
    Lower,
    /// `multipleOf`: any new or changed value may reject values valid before.
    Other,
}

/// Compares the schemas of one field, parameter or body, recursively, and collects the changes.
struct SchemaComparison<'document> {
    old_document: &'document OpenAPI,
    new_document: &'document OpenAPI,
    location: LocationBase,
    context: ClassificationContext,
    /// The (old, new) component pairs being compared on the way down: meeting one again is a
    /// cycle (a recursive type) and is not descended into twice.
    components_in_progress: Vec<(Option<&'document str>, Option<&'document str>)>,
    changes: Vec<Change>,
}

impl<'document> SchemaComparison<'document> {
    fn new(
        old_document: &'document OpenAPI,
        new_document: &'document OpenAPI,
        location: LocationBase,
        context: ClassificationContext,
    ) -> Self {
        SchemaComparison {
            old_document,
            new_document,
            location,
            context,
            components_in_progress: Vec::new(),
            changes: Vec::new(),
        }
    }

    fn record(&mut self, field_path: &str, kind: ChangeKind) {
        let change = make_change(self.location.at(field_path), kind, self.context);
        self.changes.push(change);
    }

    fn compare(
        &mut self,
        field_path: String,
        old: SchemaRef<'document>,
        new: SchemaRef<'document>,
        depth: usize,
    ) {
        if depth > MAX_NESTING {
            self.record(&field_path, ChangeKind::NotComparedTooDeep);
            return;
        }
        let old = resolve(self.old_document, old);
        let new = resolve(self.new_document, new);
        self.compare_default(&field_path, &old, &new);
        let old_shape = shape_of(old.target);
        let new_shape = shape_of(new.target);
        if std::mem::discriminant(&old_shape) != std::mem::discriminant(&new_shape) {
            // Another kind of value: the Rust type changes (`rust_api` reports it) and the
            // constraints of one kind say nothing about the other's.
            return;
        }
        match (&old_shape, &new_shape) {
            (Shape::String(old_string), Shape::String(new_string)) => {
                if old_string.format != new_string.format {
                    self.record(
                        &field_path,
                        ChangeKind::FormatChanged {
                            old: format_label(&old_string.format, string_format_name),
                            new: format_label(&new_string.format, string_format_name),
                        },
                    );
                }
                self.compare_enumeration(
                    &field_path,
                    enum_values(&old_string.enumeration, true),
                    enum_values(&new_string.enumeration, true),
                );
                self.compare_bound(
                    &field_path,
                    "minLength",
                    old_string.min_length.map(|value| value as f64),
                    new_string.min_length.map(|value| value as f64),
                    Bound::Lower,
                );
                self.compare_bound(
                    &field_path,
                    "maxLength",
                    old_string.max_length.map(|value| value as f64),
                    new_string.max_length.map(|value| value as f64),
                    Bound::Upper,
                );
                if old_string.pattern != new_string.pattern {
                    self.record(
                        &field_path,
                        ChangeKind::ConstraintChanged {
                            constraint: "pattern".to_owned(),
                            old: old_string
                                .pattern
                                .as_ref()
                                .map(|pattern| format!("{pattern:?}")),
                            new: new_string
                                .pattern
                                .as_ref()
                                .map(|pattern| format!("{pattern:?}")),
                            // A new or different pattern may reject what the old one took.
                            tightened: new_string.pattern.is_some(),
                        },
                    );
                }
            }
            (Shape::Integer(old_integer), Shape::Integer(new_integer)) => {
                if old_integer.format != new_integer.format {
                    self.record(
                        &field_path,
                        ChangeKind::FormatChanged {
                            old: format_label(&old_integer.format, integer_format_name),
                            new: format_label(&new_integer.format, integer_format_name),
                        },
                    );
                }
                self.compare_enumeration(
                    &field_path,
                    enum_values(&old_integer.enumeration, false),
                    enum_values(&new_integer.enumeration, false),
                );
                let range = |integer: &openapiv3::IntegerType| NumericRange {
                    minimum: integer.minimum.map(|value| value as f64),
                    maximum: integer.maximum.map(|value| value as f64),
                    multiple_of: integer.multiple_of.map(|value| value as f64),
                    exclusive_minimum: integer.exclusive_minimum,
                    exclusive_maximum: integer.exclusive_maximum,
                };
                self.compare_numeric_range(&field_path, range(old_integer), range(new_integer));
            }
            (Shape::Number(old_number), Shape::Number(new_number)) => {
                if old_number.format != new_number.format {
                    self.record(
                        &field_path,
                        ChangeKind::FormatChanged {
                            old: format_label(&old_number.format, number_format_name),
                            new: format_label(&new_number.format, number_format_name),
                        },
                    );
                }
                self.compare_enumeration(
                    &field_path,
                    enum_values(&old_number.enumeration, false),
                    enum_values(&new_number.enumeration, false),
                );
                let range = |number: &openapiv3::NumberType| NumericRange {
                    minimum: number.minimum,
                    maximum: number.maximum,
                    multiple_of: number.multiple_of,
                    exclusive_minimum: number.exclusive_minimum,
                    exclusive_maximum: number.exclusive_maximum,
                };
                self.compare_numeric_range(&field_path, range(old_number), range(new_number));
            }
            (Shape::Boolean(old_boolean), Shape::Boolean(new_boolean)) => {
                self.compare_enumeration(
                    &field_path,
                    enum_values(&old_boolean.enumeration, false),
                    enum_values(&new_boolean.enumeration, false),
                );
            }
            (Shape::Array(old_array), Shape::Array(new_array)) => {
                self.compare_bound(
                    &field_path,
                    "minItems",
                    old_array.min_items.map(|value| value as f64),
                    new_array.min_items.map(|value| value as f64),
                    Bound::Lower,
                );
                self.compare_bound(
                    &field_path,
                    "maxItems",
                    old_array.max_items.map(|value| value as f64),
                    new_array.max_items.map(|value| value as f64),
                    Bound::Upper,
                );
                self.compare_flag(
                    &field_path,
                    "uniqueItems",
                    old_array.unique_items,
                    new_array.unique_items,
                );
                let items = |array: &'document ArrayType| {
                    array
                        .items
                        .as_ref()
                        .map_or(SchemaRef::Missing, SchemaRef::of_boxed)
                };
                self.compare(
                    format!("{field_path}[]"),
                    items(old_array),
                    items(new_array),
                    depth + 1,
                );
            }
            (Shape::Struct(old_object), Shape::Struct(new_object)) => {
                let pair = (old.component, new.component);
                let is_component = pair.0.is_some() || pair.1.is_some();
                if is_component && self.components_in_progress.contains(&pair) {
                    return;
                }
                if is_component {
                    self.components_in_progress.push(pair);
                }
                self.compare_properties(&field_path, old_object, new_object, depth);
                if is_component {
                    self.components_in_progress.pop();
                }
            }
            (Shape::Map(old_values), Shape::Map(new_values)) => {
                self.compare(
                    format!("{field_path}{{}}"),
                    SchemaRef::of(old_values),
                    SchemaRef::of(new_values),
                    depth + 1,
                );
            }
            (Shape::Untyped(old_kind), Shape::Untyped(new_kind)) if old_kind != new_kind => {
                self.compare_composite(&field_path, *old_kind, *new_kind, depth);
            }
            // Free-form objects have nothing more to compare, equal untyped schemas and
            // unresolved references neither.
            _ => {}
        }
    }

    /// The properties both objects have (added, removed and optional fields are Rust fields,
    /// compared by `rust_api`).
    fn compare_properties(
        &mut self,
        field_path: &str,
        old_object: &'document ObjectType,
        new_object: &'document ObjectType,
        depth: usize,
    ) {
        for (name, old_property) in &old_object.properties {
            if let Some(new_property) = new_object.properties.get(name) {
                self.compare(
                    child_path(field_path, name),
                    SchemaRef::of_boxed(old_property),
                    SchemaRef::of_boxed(new_property),
                    depth + 1,
                );
            }
        }
    }

    /// `allOf`, `oneOf` and `anyOf` parts compared in order when both schemas have the same
    /// composition and number of parts (the Rust types they make are compared by `rust_api`);
    /// a changed `not` or untyped schema stays `serde_json::Value`, which is reported.
    fn compare_composite(
        &mut self,
        field_path: &str,
        old_kind: Option<&'document SchemaKind>,
        new_kind: Option<&'document SchemaKind>,
        depth: usize,
    ) {
        let parts = |kind: Option<&'document SchemaKind>| match kind {
            Some(SchemaKind::AllOf { all_of }) => Some((0, all_of)),
            Some(SchemaKind::OneOf { one_of }) => Some((1, one_of)),
            Some(SchemaKind::AnyOf { any_of }) => Some((2, any_of)),
            _ => None,
        };
        match (parts(old_kind), parts(new_kind)) {
            (Some((old_composition, old_parts)), Some((new_composition, new_parts)))
                if old_composition == new_composition && old_parts.len() == new_parts.len() =>
            {
                for (old_part, new_part) in old_parts.iter().zip(new_parts) {
                    self.compare(
                        field_path.to_owned(),
                        SchemaRef::of(old_part),
                        SchemaRef::of(new_part),
                        depth + 1,
                    );
                }
            }
            (Some(_), _) | (_, Some(_)) => {}
            (None, None) => self.record(field_path, ChangeKind::UntypedSchemaChanged),
        }
    }

    fn compare_default(
        &mut self,
        field_path: &str,
        old: &ResolvedSchema<'_>,
        new: &ResolvedSchema<'_>,
    ) {
        let default = |resolved: &ResolvedSchema<'_>| {
            let target = match resolved.target {
                Target::Schema(schema) => schema.schema_data.default.as_ref(),
                _ => None,
            };
            resolved
                .outer
                .and_then(|outer| outer.schema_data.default.as_ref())
                .or(target)
                .map(Value::to_string)
        };
        let (old_default, new_default) = (default(old), default(new));
        if old_default != new_default {
            self.record(
                field_path,
                ChangeKind::DefaultChanged {
                    old: old_default,
                    new: new_default,
                },
            );
        }
    }

    fn compare_enumeration(
        &mut self,
        field_path: &str,
        old_values: BTreeSet<String>,
        new_values: BTreeSet<String>,
    ) {
        if old_values == new_values {
            return;
        }
        // No enum means any value: going from any to some, or back, is one change, not a
        // value-by-value list.
        if old_values.is_empty() {
            self.record(
                field_path,
                ChangeKind::EnumRestrictionAdded {
                    values: new_values.into_iter().collect(),
                },
            );
            return;
        }
        if new_values.is_empty() {
            self.record(field_path, ChangeKind::EnumRestrictionRemoved);
            return;
        }
        for value in old_values.difference(&new_values) {
            self.record(
                field_path,
                ChangeKind::EnumValueRemoved {
                    value: value.clone(),
                },
            );
        }
        for value in new_values.difference(&old_values) {
            self.record(
                field_path,
                ChangeKind::EnumValueAdded {
                    value: value.clone(),
                },
            );
        }
    }

    fn compare_numeric_range(&mut self, field_path: &str, old: NumericRange, new: NumericRange) {
        self.compare_bound(
            field_path,
            "minimum",
            old.minimum,
            new.minimum,
            Bound::Lower,
        );
        self.compare_bound(
            field_path,
            "maximum",
            old.maximum,
            new.maximum,
            Bound::Upper,
        );
        self.compare_bound(
            field_path,
            "multipleOf",
            old.multiple_of,
            new.multiple_of,
            Bound::Other,
        );
        self.compare_flag(
            field_path,
            "exclusiveMinimum",
            old.exclusive_minimum,
            new.exclusive_minimum,
        );
        self.compare_flag(
            field_path,
            "exclusiveMaximum",
            old.exclusive_maximum,
            new.exclusive_maximum,
        );
    }

    fn compare_bound(
        &mut self,
        field_path: &str,
        constraint: &str,
        old: Option<f64>,
        new: Option<f64>,
        bound: Bound,
    ) {
        // Compared as text so that NaN (which YAML can spell) is equal to itself.
        let text = |value: Option<f64>| value.map(|value| value.to_string());
        if text(old) == text(new) {
            return;
        }
        let tightened = match (old, new, bound) {
            (_, None, _) => false,
            (None, Some(_), _) => true,
            (Some(old), Some(new), Bound::Upper) => new < old,
            (Some(old), Some(new), Bound::Lower) => new > old,
            (Some(_), Some(_), Bound::Other) => true,
        };
        self.record(
            field_path,
            ChangeKind::ConstraintChanged {
                constraint: constraint.to_owned(),
                old: text(old),
                new: text(new),
                tightened,
            },
        );
    }

    fn compare_flag(&mut self, field_path: &str, constraint: &str, old: bool, new: bool) {
        if old != new {
            self.record(
                field_path,
                ChangeKind::ConstraintChanged {
                    constraint: constraint.to_owned(),
                    old: Some(old.to_string()),
                    new: Some(new.to_string()),
                    tightened: new,
                },
            );
        }
    }
}
