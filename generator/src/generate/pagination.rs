//! `x-pagination` on an operation → how its generated `…_stream` method walks the pages: which
//! request fields take the marker or offset, and the Rust field paths of the next marker, the
//! total count and the items in the 200 body.
//!
//! The extension is the only input (the importer writes it from the service config's rules;
//! any spec may carry it), read into the one type both sides share
//! ([`crate::extensions::Pagination`]): the generator knows no service. An extension that does
//! not have that type, or does not fit the operation, is an error with the JSON pointer of the
//! extension or of the offending key.

use std::collections::BTreeMap;

use crate::extensions::Pagination;
use crate::generate::ir::{
    BodyDecoding, GenerateError, OperationDefinition, ParameterPlace, ResponseStatus, RustType,
    TypeDefinition, TypeKind,
};

/// How deep aliases are followed (the importer writes none; the bound keeps a malformed spec
/// from looping).
const MAX_ALIAS_DEPTH: usize = 32;

/// How one operation's pages are walked, with every Rust name decided.
#[derive(Debug, Clone, PartialEq)]
pub struct PaginationDefinition {
    /// `list_instances_stream`: the public method that yields the items.
    pub stream_method_name: String,
    /// `send_list_instances`: the private method that sends one page request and returns the
    /// raw response (the stream needs the status and body of a failed page).
    pub send_method_name: String,
    pub walk: PageWalk,
    /// The type of the 200 body, which each page is decoded into.
    pub page_body_type: RustType,
    /// Where the items are in the 200 body.
    pub items: FieldPath,
    /// The type of one item.
    pub item_type: RustType,
}

/// The style of pagination and its request fields and response paths.
#[derive(Debug, Clone, PartialEq)]
pub enum PageWalk {
    Marker {
        /// The request field of the marker (an optional string).
        marker: PageParameter,
        next_marker: FieldPath,
    },
    Offset {
        /// The request field of the item offset (an integer).
        offset: PageParameter,
        /// The request field of the page size (an integer): a shorter page is the last.
        limit: PageParameter,
        total: FieldPath,
        /// The total count is documented as a string of digits, which is parsed.
        total_is_text: bool,
    },
}

/// A query parameter of the request struct that the walk reads or sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageParameter {
    pub wire_name: String,
    pub rust_name: String,
    pub optional: bool,
}

/// A dotted path in the 200 body (`page_info.next_marker`) as Rust fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    pub wire_path: String,
    pub steps: Vec<FieldStep>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldStep {
    pub rust_name: String,
    /// The field is an `Option`.
    pub optional: bool,
}

impl FieldPath {
    /// Whether any step is an `Option`, so the value at the end may be missing.
    pub fn may_be_missing(&self) -> bool {
        self.steps.iter().any(|step| step.optional)
    }
}

/// Reads an operation's `x-pagination` (at `pointer`, already read into its type) against the
/// finished types. `stream_method_name` and `send_method_name` are already unique in the
/// client.
pub fn pagination_definition(
    extension: &Pagination,
    pointer: &str,
    operation: &OperationDefinition,
    types: &BTreeMap<String, TypeDefinition>,
    stream_method_name: String,
    send_method_name: String,
) -> Result<PaginationDefinition, Vec<GenerateError>> {
    let mut errors = Vec::new();
    let error = |errors: &mut Vec<GenerateError>, key: &str, message: String| {
        let pointer = if key.is_empty() {
            pointer.to_owned()
        } else {
            format!("{pointer}/{key}")
        };
        errors.push(GenerateError { pointer, message });
    };
    let query_parameter = |errors: &mut Vec<GenerateError>, key: &str, name: &str| {
        let parameter = operation.parameters.iter().find(|parameter| {
            parameter.place == ParameterPlace::Query && parameter.wire_name == name
        });
        match parameter {
            Some(parameter) => Some(parameter),
            None => {
                error(
                    errors,
                    key,
                    format!("the operation has no query parameter {name}"),
                );
                None
            }
        }
    };
    let integer_parameter = |errors: &mut Vec<GenerateError>, key: &str, name: &str| {
        let parameter = query_parameter(errors, key, name)?;
        if !matches!(
            resolve(&parameter.rust_type, types),
            RustType::I32 | RustType::I64
        ) {
            error(
                errors,
                key,
                format!("the query parameter {name} is not an integer"),
            );
            return None;
        }
        Some(PageParameter {
            wire_name: parameter.wire_name.clone(),
            rust_name: parameter.rust_name.clone(),
            optional: parameter.optional,
        })
    };
    let limit = integer_parameter(&mut errors, "limit", extension.limit());
    let page_body =
        operation
            .responses
            .iter()
            .find_map(|response| match (&response.status, &response.body) {
                (ResponseStatus::Code(200), Some((rust_type, BodyDecoding::Json))) => {
                    Some(rust_type)
                }
                _ => None,
            });
    let Some(page_body_type) = page_body else {
        error(
            &mut errors,
            "",
            "the operation has no 200 response with a JSON body to read the pages from".to_owned(),
        );
        return Err(errors);
    };
    let body_path = |errors: &mut Vec<GenerateError>, key: &str, path: &str| match field_path(
        page_body_type,
        path,
        types,
    ) {
        Ok(found) => Some(found),
        Err(message) => {
            error(errors, key, message);
            None
        }
    };
    let items_path = extension.items();
    let items = body_path(&mut errors, "items", items_path).and_then(|(items, items_type)| {
        match resolve(&items_type, types) {
            RustType::Vec(item_type) => Some((items, *item_type)),
            _ => {
                error(
                    &mut errors,
                    "items",
                    format!("the field {items_path} of the 200 body is not an array"),
                );
                None
            }
        }
    });
    let walk = match extension {
        Pagination::Marker {
            marker: marker_name,
            next_marker: next_marker_path,
            ..
        } => {
            let marker = query_parameter(&mut errors, "marker", marker_name).and_then(|parameter| {
                if resolve(&parameter.rust_type, types) != RustType::String || !parameter.optional
                {
                    error(
                        &mut errors,
                        "marker",
                        format!(
                            "the query parameter {marker_name} is not an optional string (the first page is requested without marker)"
                        ),
                    );
                    return None;
                }
                Some(PageParameter {
                    wire_name: parameter.wire_name.clone(),
                    rust_name: parameter.rust_name.clone(),
                    optional: parameter.optional,
                })
            });
            let next_marker = body_path(&mut errors, "next_marker", next_marker_path).and_then(
                |(next_marker, next_marker_type)| {
                    if resolve(&next_marker_type, types) != RustType::String {
                        error(
                            &mut errors,
                            "next_marker",
                            format!("the field {next_marker_path} of the 200 body is not a string"),
                        );
                        return None;
                    }
                    Some(next_marker)
                },
            );
            marker
                .zip(next_marker)
                .map(|(marker, next_marker)| PageWalk::Marker {
                    marker,
                    next_marker,
                })
        }
        Pagination::Offset {
            offset: offset_name,
            total: total_path,
            ..
        } => {
            let offset = integer_parameter(&mut errors, "offset", offset_name);
            let total = body_path(&mut errors, "total", total_path).and_then(
                |(total, total_type)| match resolve(&total_type, types) {
                    RustType::I32 | RustType::I64 => Some((total, false)),
                    RustType::String => Some((total, true)),
                    _ => {
                        error(
                            &mut errors,
                            "total",
                            format!("the field {total_path} of the 200 body is neither an integer nor a string"),
                        );
                        None
                    }
                },
            );
            match (offset, total, limit.clone()) {
                (Some(offset), Some((total, total_is_text)), Some(limit)) => {
                    Some(PageWalk::Offset {
                        offset,
                        limit,
                        total,
                        total_is_text,
                    })
                }
                _ => None,
            }
        }
    };
    match (walk, items, limit) {
        (Some(walk), Some((items, item_type)), Some(_)) if errors.is_empty() => {
            Ok(PaginationDefinition {
                stream_method_name,
                send_method_name,
                walk,
                page_body_type: page_body_type.clone(),
                items,
                item_type,
            })
        }
        _ => Err(errors),
    }
}

/// A type with aliases and boxes looked through.
fn resolve(rust_type: &RustType, types: &BTreeMap<String, TypeDefinition>) -> RustType {
    let mut current = rust_type;
    for _ in 0..MAX_ALIAS_DEPTH {
        match current {
            RustType::Boxed(inner) => current = inner,
            RustType::Named(name) => match types.get(name).map(|definition| &definition.kind) {
                Some(TypeKind::Alias(target) | TypeKind::Newtype(target)) => current = target,
                _ => return current.clone(),
            },
            _ => return current.clone(),
        }
    }
    current.clone()
}

/// The Rust fields of a dotted path in a body type, and the type at its end.
fn field_path(
    body_type: &RustType,
    path: &str,
    types: &BTreeMap<String, TypeDefinition>,
) -> Result<(FieldPath, RustType), String> {
    let mut current = body_type.clone();
    let mut steps = Vec::new();
    let mut walked = Vec::new();
    for name in path.split('.') {
        let fields = match resolve(&current, types) {
            RustType::Named(type_name) => match types
                .get(&type_name)
                .map(|type_definition| &type_definition.kind)
            {
                Some(TypeKind::Struct { fields, .. }) => Some(fields),
                _ => None,
            },
            _ => None,
        };
        let Some(fields) = fields else {
            return Err(if walked.is_empty() {
                format!("the 200 body is not an object, so it has no field {path}")
            } else {
                format!(
                    "the field {} of the 200 body is not an object, so it has no field {path}",
                    walked.join(".")
                )
            });
        };
        let Some(field) = fields.iter().find(|field| field.json_name == name) else {
            return Err(format!("the 200 body has no field {path}"));
        };
        walked.push(name);
        steps.push(FieldStep {
            rust_name: field.rust_name.clone(),
            optional: field.optional,
        });
        current = field.rust_type.clone();
    }
    Ok((
        FieldPath {
            wire_path: path.to_owned(),
            steps,
        },
        current,
    ))
}
