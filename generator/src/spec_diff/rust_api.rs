//! What changes in the generated Rust API: the generator's own intermediate form of both specs
//! ([`crate::generate::ir`]) compared item by item (client methods, request fields, response
//! variants and their payloads, struct fields, enum variants, union variants, item streams,
//! public types), so the review cannot drift from the code that generates the crate.

use std::collections::{BTreeMap, BTreeSet};

use crate::generate::ir::{
    FieldDefinition, OperationDefinition, ParameterDefinition, ResponseStatus, ResponseVariant,
    RustType, ServiceModule, TypeDefinition, TypeKind,
};
use crate::generate::pagination::{PageWalk, PaginationDefinition};

use super::classify::{make_change, ClassificationContext};
use super::report::{Change, ChangeKind, ChangeLocation, Direction, Presence};
use super::MAX_NESTING;

/// An operation's identity: (path template, upper-case method, variant). The variant is `None`
/// for the one operation of a method and path; where either spec has several operations for
/// them (the variants of `x-operation-variants`), each is told by its source page (else its
/// operationId), so a variant keeps its identity when renamed and an operation that becomes a
/// variant is compared with the variant of its page.
pub(super) type OperationKey = (String, String, Option<String>);

/// The (path template, upper-case method) pairs with more than one operation, or a variant, in
/// either intermediate form.
pub(super) fn routes_with_variants(
    old: &ServiceModule,
    new: &ServiceModule,
) -> BTreeSet<(String, String)> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut routes = BTreeSet::new();
    for module in [old, new] {
        let mut module_counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for operation in &module.operations {
            let route = (
                operation.path_template.clone(),
                operation.http_method.clone(),
            );
            if operation.variant.is_some() {
                routes.insert(route.clone());
            }
            *module_counts.entry(route).or_default() += 1;
        }
        for (route, count) in module_counts {
            let most = counts.entry(route).or_default();
            *most = (*most).max(count);
        }
    }
    routes.extend(
        counts
            .into_iter()
            .filter(|(_, count)| *count > 1)
            .map(|(route, _)| route),
    );
    routes
}

/// The operations of one spec by key: where two variants of one method and path share a source
/// page (a page with two request lines that became one path), each is known by its page and
/// its operationId, so neither is left uncompared.
pub(super) fn unique_keys<T>(entries: Vec<(OperationKey, String, T)>) -> BTreeMap<OperationKey, T> {
    let mut counts: BTreeMap<&OperationKey, usize> = BTreeMap::new();
    for (key, _, _) in &entries {
        *counts.entry(key).or_default() += 1;
    }
    let shared: BTreeSet<OperationKey> = counts
        .into_iter()
        .filter(|(_, count)| *count > 1)
        .map(|(key, _)| key.clone())
        .collect();
    entries
        .into_iter()
        .map(|(key, operation_id, item)| {
            if !shared.contains(&key) {
                return (key, item);
            }
            let (path, method, variant) = key;
            let variant = variant.map(|variant| format!("{variant} ({operation_id})"));
            ((path, method, variant), item)
        })
        .collect()
}

/// The key of an operation at `path` and `method` (upper case), with its source page and
/// operationId, given the routes that have variants.
pub(super) fn operation_key(
    path: &str,
    method: &str,
    source_page: Option<&str>,
    operation_id: &str,
    routes_with_variants: &BTreeSet<(String, String)>,
) -> OperationKey {
    let route = (path.to_owned(), method.to_owned());
    let variant = routes_with_variants
        .contains(&route)
        .then(|| source_page.unwrap_or(operation_id).to_owned());
    (route.0, route.1, variant)
}

/// The Rust API changes of one operation present in either form.
pub(super) struct OperationChanges {
    /// The new form's operationId, or the old one's when the operation was removed.
    pub(super) operation_id: String,
    /// The context the operation's changes are classified in: whether the old method took a
    /// request argument.
    pub(super) request_context: ClassificationContext,
    /// An added or removed operation has exactly its `OperationAdded`/`OperationRemoved`.
    pub(super) changes: Vec<Change>,
}

/// The Rust API changes of two intermediate forms.
pub(super) struct RustApiChanges {
    pub(super) operations: BTreeMap<OperationKey, OperationChanges>,
    /// Public types added or removed, and changes inside the types no operation reaches.
    pub(super) types: Vec<Change>,
}

pub(super) fn diff_rust_api(
    old: &ServiceModule,
    new: &ServiceModule,
    routes_with_variants: &BTreeSet<(String, String)>,
) -> RustApiChanges {
    let key = |operation: &OperationDefinition| {
        operation_key(
            &operation.path_template,
            &operation.http_method,
            operation.source_page.as_deref(),
            &operation.operation_id,
            routes_with_variants,
        )
    };
    let old_operations: BTreeMap<OperationKey, &OperationDefinition> = unique_keys(
        old.operations
            .iter()
            .map(|operation| (key(operation), operation.operation_id.clone(), operation))
            .collect(),
    );
    let new_operations: BTreeMap<OperationKey, &OperationDefinition> = unique_keys(
        new.operations
            .iter()
            .map(|operation| (key(operation), operation.operation_id.clone(), operation))
            .collect(),
    );
    let mut compared_type_pairs = BTreeSet::new();
    let mut operations = BTreeMap::new();
    let keys: BTreeSet<&OperationKey> =
        old_operations.keys().chain(new_operations.keys()).collect();
    for key in keys {
        let entry = match (old_operations.get(key), new_operations.get(key)) {
            (Some(old_operation), Some(new_operation)) => {
                let request_context = ClassificationContext {
                    old_method_has_request_argument: old_operation.takes_request_argument(),
                    ..ClassificationContext::request()
                };
                OperationChanges {
                    operation_id: new_operation.operation_id.clone(),
                    request_context,
                    changes: diff_operation(
                        old,
                        new,
                        old_operation,
                        new_operation,
                        request_context,
                        &mut compared_type_pairs,
                    ),
                }
            }
            (Some(old_operation), None) => OperationChanges {
                operation_id: old_operation.operation_id.clone(),
                request_context: ClassificationContext::request(),
                changes: vec![make_change(
                    ChangeLocation::Operation,
                    ChangeKind::OperationRemoved,
                    ClassificationContext::request(),
                )],
            },
            (None, Some(new_operation)) => OperationChanges {
                operation_id: new_operation.operation_id.clone(),
                request_context: ClassificationContext::request(),
                changes: vec![make_change(
                    ChangeLocation::Operation,
                    ChangeKind::OperationAdded,
                    ClassificationContext::request(),
                )],
            },
            (None, None) => continue,
        };
        operations.insert(key.clone(), entry);
    }
    let types = diff_types(old, new, &compared_type_pairs);
    RustApiChanges { operations, types }
}

/// Types added and removed by Rust name, then the types present in both that no operation's
/// comparison reached (they are public all the same).
fn diff_types(
    old: &ServiceModule,
    new: &ServiceModule,
    compared_type_pairs: &BTreeSet<(String, String)>,
) -> Vec<Change> {
    let context = ClassificationContext::response();
    let location = |name: &str| ChangeLocation::ComponentType {
        name: name.to_owned(),
        field_path: String::new(),
    };
    let mut changes = Vec::new();
    for name in old.types.keys() {
        if !new.types.contains_key(name) {
            changes.push(make_change(
                location(name),
                ChangeKind::ComponentTypeRemoved,
                context,
            ));
        }
    }
    for name in new.types.keys() {
        if !old.types.contains_key(name) {
            changes.push(make_change(
                location(name),
                ChangeKind::ComponentTypeAdded,
                context,
            ));
        }
    }
    for (name, old_definition) in &old.types {
        let Some(new_definition) = new.types.get(name) else {
            continue;
        };
        if compared_type_pairs.contains(&(name.clone(), name.clone())) {
            continue;
        }
        let mut comparison = TypeComparison::new(
            old,
            new,
            LocationBase::ComponentType { name: name.clone() },
            context,
        );
        comparison.compare_definitions("", old_definition, new_definition, 0);
        changes.extend(comparison.changes);
    }
    changes.sort();
    changes
}

fn diff_operation(
    old_module: &ServiceModule,
    new_module: &ServiceModule,
    old: &OperationDefinition,
    new: &OperationDefinition,
    request_context: ClassificationContext,
    compared_type_pairs: &mut BTreeSet<(String, String)>,
) -> Vec<Change> {
    let response_context = ClassificationContext {
        direction: Direction::Response,
        ..request_context
    };
    let mut changes = Vec::new();
    let operation_change = |kind: ChangeKind, changes: &mut Vec<Change>| {
        changes.push(make_change(
            ChangeLocation::Operation,
            kind,
            request_context,
        ));
    };
    if old.method_name != new.method_name {
        operation_change(
            ChangeKind::MethodRenamed {
                old: old.method_name.clone(),
                new: new.method_name.clone(),
            },
            &mut changes,
        );
    }
    let told_apart_by = |operation: &OperationDefinition| {
        operation
            .variant
            .as_ref()
            .map(|variant| variant.told_apart_by.describe())
    };
    if told_apart_by(old) != told_apart_by(new) {
        operation_change(
            ChangeKind::VariantChanged {
                old: told_apart_by(old),
                new: told_apart_by(new),
            },
            &mut changes,
        );
    }
    if old.deprecated != new.deprecated {
        operation_change(
            ChangeKind::DeprecationChanged {
                deprecated: new.deprecated,
            },
            &mut changes,
        );
    }
    if old.pagination != new.pagination {
        let describe = |pagination: &PaginationDefinition, module: &ServiceModule| {
            let walk = match &pagination.walk {
                PageWalk::Marker { .. } => "by marker",
                PageWalk::Offset { .. } => "by offset",
            };
            (
                format!(
                    "{} yields {}",
                    pagination.stream_method_name,
                    rust_type_label(module, &pagination.item_type)
                ),
                walk,
            )
        };
        let old_description = old
            .pagination
            .as_ref()
            .map(|pagination| describe(pagination, old_module));
        let new_description = new
            .pagination
            .as_ref()
            .map(|pagination| describe(pagination, new_module));
        let items_changed = matches!((&old_description, &new_description),
            (Some((old_items, _)), Some((new_items, _))) if old_items != new_items);
        let text = |description: Option<(String, &str)>| {
            description.map(|(items, walk)| format!("`{items}` ({walk})"))
        };
        operation_change(
            ChangeKind::PaginationChanged {
                old: text(old_description),
                new: text(new_description),
                items_changed,
            },
            &mut changes,
        );
    }

    // Parameters, by place and wire name.
    let parameter_key = |parameter: &ParameterDefinition| {
        (parameter.place.spec_name(), parameter.wire_name.clone())
    };
    let old_parameters: BTreeMap<(&str, String), &ParameterDefinition> = old
        .parameters
        .iter()
        .map(|parameter| (parameter_key(parameter), parameter))
        .collect();
    let new_parameters: BTreeMap<(&str, String), &ParameterDefinition> = new
        .parameters
        .iter()
        .map(|parameter| (parameter_key(parameter), parameter))
        .collect();
    let parameter_presence = |parameter: &ParameterDefinition| Presence {
        required: !parameter.optional,
        rust_option: parameter.is_rust_option(),
    };
    let keys: BTreeSet<&(&str, String)> =
        old_parameters.keys().chain(new_parameters.keys()).collect();
    for key in keys {
        let (place, name) = key;
        let base = LocationBase::Parameter {
            place: (*place).to_owned(),
            name: name.clone(),
        };
        match (old_parameters.get(key), new_parameters.get(key)) {
            (Some(_), None) => changes.push(make_change(
                base.at(""),
                ChangeKind::ParameterRemoved,
                request_context,
            )),
            (None, Some(parameter)) => changes.push(make_change(
                base.at(""),
                ChangeKind::ParameterAdded {
                    presence: parameter_presence(parameter),
                },
                request_context,
            )),
            (Some(old_parameter), Some(new_parameter)) => {
                if old_parameter.rust_name != new_parameter.rust_name {
                    changes.push(make_change(
                        base.at(""),
                        ChangeKind::FieldRenamed {
                            old: old_parameter.rust_name.clone(),
                            new: new_parameter.rust_name.clone(),
                        },
                        request_context,
                    ));
                }
                let (old_presence, new_presence) = (
                    parameter_presence(old_parameter),
                    parameter_presence(new_parameter),
                );
                if old_presence != new_presence {
                    changes.push(make_change(
                        base.at(""),
                        ChangeKind::ParameterPresenceChanged {
                            old: old_presence,
                            new: new_presence,
                        },
                        request_context,
                    ));
                }
                let mut comparison =
                    TypeComparison::new(old_module, new_module, base, request_context);
                comparison.compare("", &old_parameter.rust_type, &new_parameter.rust_type, 0);
                compared_type_pairs.extend(comparison.compared_type_pairs);
                changes.extend(comparison.changes);
            }
            (None, None) => {}
        }
    }

    // The request body: the request struct's `body` field.
    let body_presence = |optional: bool| Presence {
        required: !optional,
        rust_option: optional,
    };
    let body_base = LocationBase::RequestBody;
    match (&old.body, &new.body) {
        (Some(_), None) => changes.push(make_change(
            body_base.at(""),
            ChangeKind::RequestBodyRemoved,
            request_context,
        )),
        (None, Some(body)) => changes.push(make_change(
            body_base.at(""),
            ChangeKind::RequestBodyAdded {
                presence: body_presence(body.optional),
            },
            request_context,
        )),
        (Some(old_body), Some(new_body)) => {
            if old_body.optional != new_body.optional {
                changes.push(make_change(
                    body_base.at(""),
                    ChangeKind::RequestBodyPresenceChanged {
                        old: body_presence(old_body.optional),
                        new: body_presence(new_body.optional),
                    },
                    request_context,
                ));
            }
            let mut comparison =
                TypeComparison::new(old_module, new_module, body_base, request_context);
            comparison.compare("", &old_body.rust_type, &new_body.rust_type, 0);
            compared_type_pairs.extend(comparison.compared_type_pairs);
            changes.extend(comparison.changes);
        }
        (None, None) => {}
    }

    // Responses: the variants of the response enum.
    fn responses(operation: &OperationDefinition) -> BTreeMap<String, &ResponseVariant> {
        operation
            .responses
            .iter()
            .map(|response| (response.status.spec_key(), response))
            .collect()
    }
    let old_responses = responses(old);
    let new_responses = responses(new);
    let statuses: BTreeSet<&String> = old_responses.keys().chain(new_responses.keys()).collect();
    for status in statuses {
        let base = LocationBase::Response {
            status: status.clone(),
        };
        let kind = match (old_responses.get(status), new_responses.get(status)) {
            (Some(_), None) => ChangeKind::StatusRemoved,
            (None, Some(response)) if response.status == ResponseStatus::Default => {
                ChangeKind::DefaultResponseAdded
            }
            (None, Some(_)) => ChangeKind::StatusAdded,
            (Some(old_response), Some(new_response)) => {
                match (&old_response.body, &new_response.body) {
                    (None, Some(_)) => ChangeKind::ResponseBodyAdded,
                    (Some(_), None) => ChangeKind::ResponseBodyRemoved,
                    (Some((old_type, _)), Some((new_type, _))) => {
                        let mut comparison =
                            TypeComparison::new(old_module, new_module, base, response_context);
                        comparison.compare("", old_type, new_type, 0);
                        compared_type_pairs.extend(comparison.compared_type_pairs);
                        changes.extend(comparison.changes);
                        continue;
                    }
                    (None, None) => continue,
                }
            }
            (None, None) => continue,
        };
        changes.push(make_change(base.at(""), kind, response_context));
    }
    changes
}

/// A Rust type as the generated crate spells it, for the report.
fn rust_type_label(module: &ServiceModule, rust_type: &RustType) -> String {
    match rust_type {
        RustType::String => "String".to_owned(),
        RustType::I32 => "i32".to_owned(),
        RustType::I64 => "i64".to_owned(),
        RustType::F32 => "f32".to_owned(),
        RustType::F64 => "f64".to_owned(),
        RustType::Bool => "bool".to_owned(),
        RustType::JsonValue => "serde_json::Value".to_owned(),
        RustType::JsonObject => "serde_json::Map<String, serde_json::Value>".to_owned(),
        RustType::Bytes => "bytes::Bytes".to_owned(),
        RustType::Vec(item) => format!("Vec<{}>", rust_type_label(module, item)),
        RustType::Map(value) => format!("BTreeMap<String, {}>", rust_type_label(module, value)),
        RustType::Boxed(inner) => format!("Box<{}>", rust_type_label(module, inner)),
        RustType::Named(name) => match module.types.get(name).map(|definition| &definition.kind) {
            Some(TypeKind::Struct { .. }) => format!("struct {name}"),
            Some(TypeKind::StringEnum { .. }) | Some(TypeKind::Union { .. }) => {
                format!("enum {name}")
            }
            Some(TypeKind::Newtype(_)) => format!("newtype {name}"),
            Some(TypeKind::Alias(_)) | None => name.clone(),
        },
    }
}

/// What a type comparison starts from: field paths below it make the [`ChangeLocation`].
#[derive(Debug, Clone)]
pub(super) enum LocationBase {
    Parameter { place: String, name: String },
    RequestBody,
    Response { status: String },
    ComponentType { name: String },
}

impl LocationBase {
    pub(super) fn at(&self, field_path: &str) -> ChangeLocation {
        let field_path = field_path.to_owned();
        match self {
            LocationBase::Parameter { place, name } => ChangeLocation::Parameter {
                place: place.clone(),
                name: name.clone(),
                field_path,
            },
            LocationBase::RequestBody => ChangeLocation::RequestBody { field_path },
            LocationBase::Response { status } => ChangeLocation::Response {
                status: status.clone(),
                field_path,
            },
            LocationBase::ComponentType { name } => ChangeLocation::ComponentType {
                name: name.clone(),
                field_path,
            },
        }
    }
}

/// `a` then `b` is `a.b`; the report's field paths are wire names, as the docs have them.
pub(super) fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Compares the Rust types of one parameter, body, response payload or public type,
/// recursively through the named types, and collects the changes.
struct TypeComparison<'module> {
    old: &'module ServiceModule,
    new: &'module ServiceModule,
    location: LocationBase,
    context: ClassificationContext,
    /// The (old, new) named types being compared on the way down: meeting a pair again is a
    /// recursive type, not descended into twice.
    in_progress: Vec<(String, String)>,
    /// Every (old, new) pair of named types compared.
    compared_type_pairs: BTreeSet<(String, String)>,
    changes: Vec<Change>,
}

impl<'module> TypeComparison<'module> {
    fn new(
        old: &'module ServiceModule,
        new: &'module ServiceModule,
        location: LocationBase,
        context: ClassificationContext,
    ) -> Self {
        TypeComparison {
            old,
            new,
            location,
            context,
            in_progress: Vec::new(),
            compared_type_pairs: BTreeSet::new(),
            changes: Vec::new(),
        }
    }

    fn record(&mut self, field_path: &str, kind: ChangeKind) {
        let change = make_change(self.location.at(field_path), kind, self.context);
        self.changes.push(change);
    }

    /// A type alias is the type it names: code written against one compiles against the other.
    fn without_aliases<'a>(module: &'a ServiceModule, mut rust_type: &'a RustType) -> &'a RustType {
        // Aliases of aliases are rare and never cyclic (a cyclic alias is a newtype), but the
        // walk is bounded all the same.
        for _ in 0..MAX_NESTING {
            let RustType::Named(name) = rust_type else {
                break;
            };
            match module.types.get(name).map(|definition| &definition.kind) {
                Some(TypeKind::Alias(target)) => rust_type = target,
                _ => break,
            }
        }
        rust_type
    }

    fn type_changed(&mut self, field_path: &str, old: &RustType, new: &RustType) {
        let kind = ChangeKind::TypeChanged {
            old: rust_type_label(self.old, old),
            new: rust_type_label(self.new, new),
        };
        self.record(field_path, kind);
    }

    fn compare(&mut self, field_path: &str, old: &RustType, new: &RustType, depth: usize) {
        if depth > MAX_NESTING {
            self.record(field_path, ChangeKind::NotComparedTooDeep);
            return;
        }
        let old = Self::without_aliases(self.old, old);
        let new = Self::without_aliases(self.new, new);
        match (old, new) {
            (RustType::Vec(old_item), RustType::Vec(new_item)) => {
                self.compare(&format!("{field_path}[]"), old_item, new_item, depth + 1);
            }
            (RustType::Map(old_value), RustType::Map(new_value)) => {
                self.compare(
                    &format!("{field_path}{{}}"),
                    old_value,
                    new_value,
                    depth + 1,
                );
            }
            (RustType::Boxed(old_inner), RustType::Boxed(new_inner)) => {
                self.compare(field_path, old_inner, new_inner, depth + 1);
            }
            (RustType::Named(old_name), RustType::Named(new_name)) => {
                let (Some(old_definition), Some(new_definition)) =
                    (self.old.types.get(old_name), self.new.types.get(new_name))
                else {
                    if old_name != new_name {
                        self.type_changed(field_path, old, new);
                    }
                    return;
                };
                let same_kind = std::mem::discriminant(&old_definition.kind)
                    == std::mem::discriminant(&new_definition.kind);
                if old_name != new_name || !same_kind {
                    self.type_changed(field_path, old, new);
                }
                if same_kind {
                    self.compare_definitions(field_path, old_definition, new_definition, depth);
                }
            }
            (old, new) if old != new => self.type_changed(field_path, old, new),
            _ => {}
        }
    }

    /// Two named types of the same kind, compared member by member.
    fn compare_definitions(
        &mut self,
        field_path: &str,
        old: &TypeDefinition,
        new: &TypeDefinition,
        depth: usize,
    ) {
        let pair = (old.name.clone(), new.name.clone());
        if self.in_progress.contains(&pair) {
            return;
        }
        self.compared_type_pairs.insert(pair.clone());
        self.in_progress.push(pair);
        match (&old.kind, &new.kind) {
            (
                TypeKind::Struct {
                    fields: old_fields,
                    additional_properties: old_additional,
                },
                TypeKind::Struct {
                    fields: new_fields,
                    additional_properties: new_additional,
                },
            ) => {
                self.compare_fields(field_path, old_fields, new_fields, depth);
                let map_path = format!("{field_path}{{}}");
                let map_presence = Presence {
                    required: false,
                    rust_option: false,
                };
                match (old_additional, new_additional) {
                    (Some(_), None) => self.record(&map_path, ChangeKind::FieldRemoved),
                    (None, Some(_)) => self.record(
                        &map_path,
                        ChangeKind::FieldAdded {
                            presence: map_presence,
                        },
                    ),
                    (Some(old_map), Some(new_map)) => {
                        if old_map.rust_name != new_map.rust_name {
                            self.record(
                                &map_path,
                                ChangeKind::FieldRenamed {
                                    old: old_map.rust_name.clone(),
                                    new: new_map.rust_name.clone(),
                                },
                            );
                        }
                        self.compare(
                            &map_path,
                            &old_map.value_type,
                            &new_map.value_type,
                            depth + 1,
                        );
                    }
                    (None, None) => {}
                }
            }
            (
                TypeKind::StringEnum { values: old_values },
                TypeKind::StringEnum { values: new_values },
            ) => {
                for old_value in old_values {
                    if !new_values.contains(old_value) {
                        self.record(
                            field_path,
                            ChangeKind::EnumVariantRemoved {
                                variant: old_value.rust_name.clone(),
                            },
                        );
                    }
                }
                for new_value in new_values {
                    if !old_values.contains(new_value) {
                        self.record(
                            field_path,
                            ChangeKind::EnumVariantAdded {
                                variant: new_value.rust_name.clone(),
                            },
                        );
                    }
                }
            }
            (
                TypeKind::Union {
                    variants: old_variants,
                    discriminator: old_discriminator,
                },
                TypeKind::Union {
                    variants: new_variants,
                    discriminator: new_discriminator,
                },
            ) => {
                if old_discriminator != new_discriminator {
                    self.record(
                        field_path,
                        ChangeKind::UnionDiscriminatorChanged {
                            old: old_discriminator.clone(),
                            new: new_discriminator.clone(),
                        },
                    );
                }
                for old_variant in old_variants {
                    let Some(new_variant) = new_variants
                        .iter()
                        .find(|new_variant| new_variant.rust_name == old_variant.rust_name)
                    else {
                        self.record(
                            field_path,
                            ChangeKind::UnionVariantRemoved {
                                variant: old_variant.rust_name.clone(),
                            },
                        );
                        continue;
                    };
                    if old_variant.tags != new_variant.tags {
                        self.record(
                            field_path,
                            ChangeKind::UnionVariantChanged {
                                variant: old_variant.rust_name.clone(),
                            },
                        );
                    }
                    self.compare(
                        &format!("{field_path}({})", old_variant.rust_name),
                        &old_variant.rust_type,
                        &new_variant.rust_type,
                        depth + 1,
                    );
                }
                for new_variant in new_variants {
                    if !old_variants
                        .iter()
                        .any(|old_variant| old_variant.rust_name == new_variant.rust_name)
                    {
                        self.record(
                            field_path,
                            ChangeKind::UnionVariantAdded {
                                variant: new_variant.rust_name.clone(),
                            },
                        );
                    }
                }
            }
            (TypeKind::Newtype(old_inner), TypeKind::Newtype(new_inner))
            | (TypeKind::Alias(old_inner), TypeKind::Alias(new_inner)) => {
                self.compare(field_path, old_inner, new_inner, depth + 1);
            }
            // Different kinds are a different Rust type, reported by the caller.
            _ => {}
        }
        self.in_progress.pop();
    }

    fn compare_fields(
        &mut self,
        field_path: &str,
        old_fields: &[FieldDefinition],
        new_fields: &[FieldDefinition],
        depth: usize,
    ) {
        let presence = |field: &FieldDefinition| Presence {
            required: field.required,
            rust_option: field.optional,
        };
        for old_field in old_fields {
            let path = child_path(field_path, &old_field.json_name);
            let Some(new_field) = new_fields
                .iter()
                .find(|new_field| new_field.json_name == old_field.json_name)
            else {
                self.record(&path, ChangeKind::FieldRemoved);
                continue;
            };
            if old_field.rust_name != new_field.rust_name {
                self.record(
                    &path,
                    ChangeKind::FieldRenamed {
                        old: old_field.rust_name.clone(),
                        new: new_field.rust_name.clone(),
                    },
                );
            }
            let (old_presence, new_presence) = (presence(old_field), presence(new_field));
            if old_presence != new_presence {
                self.record(
                    &path,
                    ChangeKind::FieldPresenceChanged {
                        old: old_presence,
                        new: new_presence,
                    },
                );
            }
            self.compare(&path, &old_field.rust_type, &new_field.rust_type, depth + 1);
        }
        for new_field in new_fields {
            if !old_fields
                .iter()
                .any(|old_field| old_field.json_name == new_field.json_name)
            {
                self.record(
                    &child_path(field_path, &new_field.json_name),
                    ChangeKind::FieldAdded {
                        presence: presence(new_field),
                    },
                );
            }
        }
    }
}
