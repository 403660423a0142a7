//! Pagination rules (`[[service.pagination]]` in `spec/services.toml`) → an `x-pagination`
//! extension on every list operation a rule fits, so reviewers see in the spec which operations
//! page and how, and the generator reads only the spec.
//!
//! A rule is tried on every operation that has its query parameters (the marker or offset, and
//! the limit). It fits when the operation's 200 JSON body has the rule's response fields; the
//! operation then gets, for example:
//!
//! ```yaml
//! x-pagination:
//!   style: marker
//!   marker: marker
//!   limit: limit
//!   next_marker: page_info.next_marker
//!   items: loadbalancers
//! ```
//!
//! Nothing is decided silently: an operation that has a rule's query parameters but that no
//! rule fits, an operation that two rules fit, a rule that fits no operation and a total field
//! that no operation uses are errors, each naming the page or the rule.

use indexmap::IndexMap;
use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, StatusCode, Type,
};

use crate::doc_model::SourceLocation;
use crate::extensions::{Extension, Pagination, SourcePage};
use crate::import::ImportError;
use crate::openapi_refs::{follow_reference, resolve_component, MAX_REFERENCE_HOPS};
use crate::service_catalog::{PaginationRule, PaginationStyle};

/// Where rules are declared, as errors about a rule name it.
pub const SERVICES_FILE: &str = "spec/services.toml";

/// What applying the rules did: one line per paginated operation, and every problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaginationReport {
    /// `ListInstances: offset (offset, limit), total instance_num, items instances`, in path
    /// order.
    pub applied: Vec<String>,
    pub errors: Vec<ImportError>,
}

/// Applies every rule of a service to every operation of its document.
pub fn apply_pagination_rules(
    document: &mut OpenAPI,
    service_id: &str,
    rules: &[PaginationRule],
) -> PaginationReport {
    let mut report = PaginationReport::default();
    // Rules are named by their place among the service's `[[service.pagination]]` entries.
    let rule_error = |rule_index: usize, message: String| ImportError {
        location: SourceLocation::page(SERVICES_FILE),
        message: format!(
            "service {service_id}, pagination rule {} (style {}): {message}",
            rule_index + 1,
            rules[rule_index].style.name()
        ),
    };
    let mut valid_rules = Vec::new();
    for (rule_index, rule) in rules.iter().enumerate() {
        match validate_rule(rule) {
            Ok(page_parameter) => valid_rules.push((rule_index, rule, page_parameter)),
            Err(message) => report.errors.push(rule_error(rule_index, message)),
        }
    }
    let mut operations_per_rule = vec![0usize; rules.len()];
    let mut total_fields_used: Vec<Vec<bool>> = rules
        .iter()
        .map(|rule| vec![false; rule.total.as_ref().map_or(0, |total| total.paths().len())])
        .collect();
    let mut extensions: Vec<(String, String, Pagination)> = Vec::new();
    for (path, item) in &document.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let query_parameters = query_parameter_types(document, &item.parameters, operation);
            let operation_name = format!(
                "{} {path} ({})",
                method.to_ascii_uppercase(),
                operation
                    .operation_id
                    .as_deref()
                    .unwrap_or("no operationId")
            );
            let source_page = SourcePage::of(&operation.extensions);
            let location = SourceLocation::page(source_page.as_deref().unwrap_or(SERVICES_FILE));
            let mut fits = Vec::new();
            let mut misses = Vec::new();
            for (rule_index, rule, page_parameter) in &valid_rules {
                let has_parameters = [page_parameter.as_str(), rule.limit.as_str()]
                    .iter()
                    .all(|name| query_parameters.iter().any(|(query, _)| query == name));
                let path_is_ruled = rule.paths.is_empty()
                    || rule
                        .paths
                        .iter()
                        .any(|prefix| path.starts_with(prefix.as_str()));
                if !has_parameters || !path_is_ruled {
                    continue;
                }
                match fit_rule(document, rule, page_parameter, &query_parameters, operation) {
                    Ok(fit) => fits.push((*rule_index, fit)),
                    Err(reason) => misses.push(format!("rule {}: {reason}", rule_index + 1)),
                }
            }
            match fits.as_slice() {
                [] if misses.is_empty() => {}
                [] => report.errors.push(ImportError {
                    location,
                    message: format!(
                        "{operation_name} has the query parameters of a pagination rule in {SERVICES_FILE} but no rule fits it ({})",
                        misses.join("; ")
                    ),
                }),
                [(rule_index, fit)] => {
                    operations_per_rule[*rule_index] += 1;
                    if let Some(total_index) = fit.total_index {
                        total_fields_used[*rule_index][total_index] = true;
                    }
                    report.applied.push(format!(
                        "{}: {}",
                        operation.operation_id.as_deref().unwrap_or(&operation_name),
                        fit.summary
                    ));
                    extensions.push((path.clone(), method.to_owned(), fit.extension.clone()));
                }
                several => {
                    // Each of them fits an operation: only the ambiguity is reported.
                    for (rule_index, _) in several {
                        operations_per_rule[*rule_index] += 1;
                    }
                    let rule_numbers: Vec<String> = several
                        .iter()
                        .map(|(rule_index, _)| (rule_index + 1).to_string())
                        .collect();
                    report.errors.push(ImportError {
                        location,
                        message: format!(
                            "{operation_name} fits pagination rules {} in {SERVICES_FILE}: make them specific enough (items, total) that one fits",
                            rule_numbers.join(" and ")
                        ),
                    });
                }
            }
        }
    }
    for (rule_index, rule, _) in &valid_rules {
        if operations_per_rule[*rule_index] == 0 {
            report.errors.push(rule_error(
                *rule_index,
                "fits no operation: remove it or correct it".to_owned(),
            ));
            continue;
        }
        let unused: Vec<&str> = rule
            .total
            .iter()
            .flat_map(|total| total.paths())
            .zip(&total_fields_used[*rule_index])
            .filter(|(_, used)| !**used)
            .map(|(path, _)| path.as_str())
            .collect();
        if !unused.is_empty() {
            report.errors.push(rule_error(
                *rule_index,
                format!(
                    "no operation takes its total count from {}: remove it from `total`",
                    unused.join(", ")
                ),
            ));
        }
    }
    for (path, method, extension) in extensions {
        let Some(ReferenceOr::Item(item)) = document.paths.paths.get_mut(&path) else {
            continue;
        };
        let slot = match method.as_str() {
            "get" => &mut item.get,
            "put" => &mut item.put,
            "post" => &mut item.post,
            "delete" => &mut item.delete,
            "patch" => &mut item.patch,
            "head" => &mut item.head,
            "options" => &mut item.options,
            _ => &mut item.trace,
        };
        if let Some(operation) = slot {
            extension.write(&mut operation.extensions);
        }
    }
    report
}

/// The rule's page parameter (marker or offset), or what is wrong with the rule.
fn validate_rule(rule: &PaginationRule) -> Result<String, String> {
    let style = rule.style.name();
    let misplaced = |field: &str| format!("`{field}` is not a setting of style {style}");
    match rule.style {
        PaginationStyle::Marker => {
            if rule.offset.is_some() {
                return Err(misplaced("offset"));
            }
            if rule.total.is_some() {
                return Err(misplaced("total"));
            }
            if rule.next_marker.is_none() {
                return Err("style marker needs `next_marker`".to_owned());
            }
            rule.marker
                .clone()
                .ok_or_else(|| "style marker needs `marker`".to_owned())
        }
        PaginationStyle::Offset => {
            if rule.marker.is_some() {
                return Err(misplaced("marker"));
            }
            if rule.next_marker.is_some() {
                return Err(misplaced("next_marker"));
            }
            if rule
                .total
                .as_ref()
                .is_none_or(|total| total.paths().is_empty())
            {
                return Err("style offset needs `total`".to_owned());
            }
            rule.offset
                .clone()
                .ok_or_else(|| "style offset needs `offset`".to_owned())
        }
    }
}

/// What a rule makes of one operation it fits.
struct RuleFit {
    extension: Pagination,
    summary: String,
    /// Which of the rule's total paths the body has.
    total_index: Option<usize>,
}

/// Whether the rule fits the operation (which has its query parameters): the parameters have
/// the right types and the 200 body has the rule's fields.
fn fit_rule(
    document: &OpenAPI,
    rule: &PaginationRule,
    page_parameter: &str,
    query_parameters: &[(String, Option<&Schema>)],
    operation: &openapiv3::Operation,
) -> Result<RuleFit, String> {
    let parameter_type = |name: &str| {
        query_parameters
            .iter()
            .find(|(query, _)| query == name)
            .and_then(|(_, schema)| *schema)
            .map(|schema| &schema.schema_kind)
    };
    let is_integer =
        |kind: Option<&SchemaKind>| matches!(kind, Some(SchemaKind::Type(Type::Integer(_))));
    let is_string =
        |kind: Option<&SchemaKind>| matches!(kind, Some(SchemaKind::Type(Type::String(_))));
    if !is_integer(parameter_type(&rule.limit)) {
        return Err(format!(
            "the query parameter {} is not an integer",
            rule.limit
        ));
    }
    let page_parameter_fits = match rule.style {
        PaginationStyle::Marker => is_string(parameter_type(page_parameter)),
        PaginationStyle::Offset => is_integer(parameter_type(page_parameter)),
    };
    if !page_parameter_fits {
        let expected = match rule.style {
            PaginationStyle::Marker => "a string",
            PaginationStyle::Offset => "an integer",
        };
        return Err(format!(
            "the query parameter {page_parameter} is not {expected}"
        ));
    }
    let body = success_body(document, operation)
        .ok_or_else(|| "there is no 200 response with a JSON object body".to_owned())?;
    let items = match &rule.items {
        Some(items) => {
            let schema = field_at_path(document, body, items)
                .ok_or_else(|| format!("the 200 body has no field {items}"))?;
            if !matches!(schema.schema_kind, SchemaKind::Type(Type::Array(_))) {
                return Err(format!("the field {items} of the 200 body is not an array"));
            }
            items.clone()
        }
        None => {
            let arrays: Vec<&str> = object_properties(body)
                .into_iter()
                .flat_map(|properties| properties.iter())
                .filter(|(_, property)| {
                    resolve_boxed(document, property).is_some_and(|schema| {
                        matches!(schema.schema_kind, SchemaKind::Type(Type::Array(_)))
                    })
                })
                .map(|(name, _)| name.as_str())
                .collect();
            match arrays.as_slice() {
                [only] => (*only).to_owned(),
                [] => return Err("the 200 body has no array field".to_owned()),
                several => {
                    return Err(format!(
                        "the 200 body has several array fields ({}): name the items with `items`",
                        several.join(", ")
                    ))
                }
            }
        }
    };
    let (extension, summary, total_index) = match rule.style {
        PaginationStyle::Marker => {
            let next_marker = rule.next_marker.clone().unwrap_or_default();
            let schema = field_at_path(document, body, &next_marker)
                .ok_or_else(|| format!("the 200 body has no field {next_marker}"))?;
            if !matches!(schema.schema_kind, SchemaKind::Type(Type::String(_))) {
                return Err(format!(
                    "the field {next_marker} of the 200 body is not a string"
                ));
            }
            (
                Pagination::Marker {
                    marker: page_parameter.to_owned(),
                    limit: rule.limit.clone(),
                    next_marker: next_marker.clone(),
                    items: items.clone(),
                },
                format!(
                    "marker ({page_parameter}, {}), next marker {next_marker}, items {items}",
                    rule.limit
                ),
                None,
            )
        }
        PaginationStyle::Offset => {
            let candidates = rule.total.iter().flat_map(|total| total.paths());
            let mut found = None;
            for (index, total) in candidates.enumerate() {
                if let Some(schema) = field_at_path(document, body, total) {
                    found = Some((index, total, schema));
                    break;
                }
            }
            let Some((index, total, schema)) = found else {
                return Err(format!(
                    "the 200 body has none of the total count fields {}",
                    rule.total
                        .iter()
                        .flat_map(|total| total.paths())
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            };
            // Some services document their count as a string of digits (DCS's task_count);
            // the generated code parses it.
            if !matches!(
                schema.schema_kind,
                SchemaKind::Type(Type::Integer(_) | Type::String(_))
            ) {
                return Err(format!(
                    "the total count field {total} of the 200 body is neither an integer nor a string"
                ));
            }
            (
                Pagination::Offset {
                    offset: page_parameter.to_owned(),
                    limit: rule.limit.clone(),
                    total: total.clone(),
                    items: items.clone(),
                },
                format!(
                    "offset ({page_parameter}, {}), total {total}, items {items}",
                    rule.limit
                ),
                Some(index),
            )
        }
    };
    Ok(RuleFit {
        extension,
        summary,
        total_index,
    })
}

/// The query parameters of an operation (path-level ones included) with their schemas.
fn query_parameter_types<'d>(
    document: &'d OpenAPI,
    path_parameters: &'d [ReferenceOr<Parameter>],
    operation: &'d openapiv3::Operation,
) -> Vec<(String, Option<&'d Schema>)> {
    path_parameters
        .iter()
        .chain(&operation.parameters)
        .filter_map(|parameter| resolve_parameter(document, parameter))
        .filter_map(|parameter| match parameter {
            Parameter::Query { parameter_data, .. } => {
                let schema = match &parameter_data.format {
                    ParameterSchemaOrContent::Schema(schema) => resolve_schema(document, schema),
                    ParameterSchemaOrContent::Content(_) => None,
                };
                Some((parameter_data.name.clone(), schema))
            }
            _ => None,
        })
        .collect()
}

fn resolve_parameter<'d>(
    document: &'d OpenAPI,
    parameter: &'d ReferenceOr<Parameter>,
) -> Option<&'d Parameter> {
    resolve_component(
        document,
        parameter,
        "#/components/parameters/",
        |components, name| components.parameters.get_key_value(name),
    )
}

/// The schema of the operation's 200 `application/json` body, resolved to an object schema.
fn success_body<'d>(
    document: &'d OpenAPI,
    operation: &'d openapiv3::Operation,
) -> Option<&'d Schema> {
    let response = operation.responses.responses.get(&StatusCode::Code(200))?;
    let ReferenceOr::Item(response) = response else {
        return None;
    };
    let schema = response.content.get("application/json")?.schema.as_ref()?;
    let body = resolve_schema(document, schema)?;
    object_properties(body).map(|_| body)
}

/// A schema with `$ref`s and one-element `allOf` wrappers (the importer's way of describing a
/// reference) followed.
fn resolve_schema<'d>(
    document: &'d OpenAPI,
    schema: &'d ReferenceOr<Schema>,
) -> Option<&'d Schema> {
    let mut current = schema;
    for _ in 0..MAX_REFERENCE_HOPS {
        let schema = match current {
            ReferenceOr::Reference { reference } => component_schema(document, reference)?,
            ReferenceOr::Item(schema) => schema,
        };
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => current = &all_of[0],
            _ => return Some(schema),
        }
    }
    None
}

/// The component schema a `$ref` chain ends at.
fn component_schema<'d>(document: &'d OpenAPI, reference: &'d str) -> Option<&'d Schema> {
    let schemas = &document.components.as_ref()?.schemas;
    follow_reference(reference, "#/components/schemas/", |name| {
        schemas.get_key_value(name)
    })
    .ok()
    .map(|(schema, _)| schema)
}

fn resolve_boxed<'d>(
    document: &'d OpenAPI,
    schema: &'d ReferenceOr<Box<Schema>>,
) -> Option<&'d Schema> {
    let schema = match schema {
        ReferenceOr::Item(schema) => schema.as_ref(),
        ReferenceOr::Reference { reference } => component_schema(document, reference)?,
    };
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } if all_of.len() == 1 => resolve_schema(document, &all_of[0]),
        _ => Some(schema),
    }
}

fn object_properties(schema: &Schema) -> Option<&IndexMap<String, ReferenceOr<Box<Schema>>>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(&object.properties),
        _ => None,
    }
}

/// The schema of a dotted field path (`page_info.next_marker`) in an object schema.
fn field_at_path<'d>(document: &'d OpenAPI, body: &'d Schema, path: &str) -> Option<&'d Schema> {
    let mut current = body;
    for name in path.split('.') {
        let property = object_properties(current)?.get(name)?;
        current = resolve_boxed(document, property)?;
    }
    Some(current)
}
