//! The OpenAPI document from the imported pages: the document and its servers, one operation
//! per imported request line with references to the named components, and the tags.

use indexmap::IndexMap;
use openapiv3::{
    Example, Info, MediaType, OpenAPI, Operation, ReferenceOr, RequestBody, Response, Responses,
    SecurityRequirement, StatusCode,
};

use crate::extensions::{Extension, SourcePage};
use crate::import::components::{self, component_reference, rewrite_reference};
use crate::import::example_evidence;
use crate::import::page_operation::{PageExample, PageOperation, JSON_MEDIA_TYPE};
use crate::import::IAM_TOKEN_SCHEME;
use crate::service_catalog::CatalogService;

/// The operation as far as a duplicate page must agree with it: where it came from and which
/// section lists it (a duplicate page is often missing from the page tree) do not count.
pub fn without_source(operation: &Operation) -> Operation {
    let mut operation = operation.clone();
    operation.extensions.shift_remove(SourcePage::NAME);
    operation.operation_id = None;
    operation.tags.clear();
    operation
}

pub fn new_document(service: &CatalogService) -> OpenAPI {
    OpenAPI {
        openapi: "3.0.3".to_owned(),
        info: Info {
            title: service.title.clone(),
            description: service.description.clone(),
            version: service.version.clone(),
            license: Some(openapiv3::License {
                name: "Apache-2.0".to_owned(),
                url: Some("https://www.apache.org/licenses/LICENSE-2.0".to_owned()),
                extensions: IndexMap::new(),
            }),
            ..Info::default()
        },
        servers: service.openapi_servers(),
        ..OpenAPI::default()
    }
}

pub fn build_operation(
    page_operation: &PageOperation,
    tag: Option<String>,
    name_for_key: &std::collections::HashMap<String, String>,
    deprecated: bool,
) -> Operation {
    let schema_for = |key: &str| -> ReferenceOr<openapiv3::Schema> {
        match name_for_key.get(key) {
            Some(name) => component_reference(name),
            None => ReferenceOr::Reference {
                reference: rewrite_reference(key, name_for_key),
            },
        }
    };
    // A body the page shows only by example gets the schema its examples show (every member
    // optional), and says so.
    let media = |media_type: &str,
                 key: Option<&str>,
                 examples: &[PageExample]|
     -> IndexMap<String, MediaType> {
        let schema = match key {
            Some(key) => schema_for(key),
            None => {
                let values: Vec<&serde_json::Value> =
                    examples.iter().map(|example| &example.value).collect();
                let mut inferred = example_evidence::schema_from_examples(&values);
                inferred["description"] = serde_json::json!(
                    "The page documents this body by example only: its schema is inferred from the example."
                );
                match serde_json::from_value(inferred) {
                    Ok(schema) => ReferenceOr::Item(schema),
                    Err(_) => ReferenceOr::Item(openapiv3::Schema {
                        schema_data: openapiv3::SchemaData::default(),
                        schema_kind: openapiv3::SchemaKind::Any(openapiv3::AnySchema::default()),
                    }),
                }
            }
        };
        let mut media = MediaType {
            schema: Some(schema),
            ..MediaType::default()
        };
        for (index, example) in examples.iter().enumerate() {
            media.examples.insert(
                format!("example_{}", index + 1),
                ReferenceOr::Item(Example {
                    summary: example.summary.clone(),
                    description: None,
                    value: Some(example.value.clone()),
                    external_value: None,
                    extensions: IndexMap::new(),
                }),
            );
        }
        IndexMap::from([(media_type.to_owned(), media)])
    };
    let parameters = page_operation
        .parameters
        .iter()
        .cloned()
        .map(|mut parameter| {
            let data = parameter_data_mut(&mut parameter);
            if let openapiv3::ParameterSchemaOrContent::Schema(schema) = &mut data.format {
                rewrite_schema_references(schema, name_for_key);
            }
            ReferenceOr::Item(parameter)
        })
        .collect();
    let request_body = page_operation.request_body.as_ref().map(|body| {
        ReferenceOr::Item(RequestBody {
            description: None,
            content: media(&body.media_type, body.schema_key.as_deref(), &body.examples),
            required: body.required,
            extensions: IndexMap::new(),
        })
    });
    let mut responses = Responses::default();
    for (status_code, response) in &page_operation.responses {
        let mut headers = IndexMap::new();
        for (name, header) in &response.headers {
            let mut header = header.clone();
            if let openapiv3::ParameterSchemaOrContent::Schema(schema) = &mut header.format {
                rewrite_schema_references(schema, name_for_key);
            }
            headers.insert(name.clone(), ReferenceOr::Item(header));
        }
        let response_item = ReferenceOr::Item(Response {
            description: response.description.clone(),
            headers,
            content: if response.body_schema_key.is_some() || !response.examples.is_empty() {
                media(
                    JSON_MEDIA_TYPE,
                    response.body_schema_key.as_deref(),
                    &response.examples,
                )
            } else {
                IndexMap::new()
            },
            links: IndexMap::new(),
            extensions: IndexMap::new(),
        });
        match *status_code {
            crate::import::statuses::DEFAULT_RESPONSE => responses.default = Some(response_item),
            // A single-digit key is a range of statuses by its first digit (`2XX`).
            range if range < 10 => {
                responses
                    .responses
                    .insert(StatusCode::Range(range), response_item);
            }
            code => {
                responses
                    .responses
                    .insert(StatusCode::Code(code), response_item);
            }
        }
    }
    let mut extensions = IndexMap::new();
    SourcePage(page_operation.file_name.clone()).write(&mut extensions);
    Operation {
        tags: tag.into_iter().collect(),
        summary: Some(page_operation.summary.clone()),
        description: page_operation.description.clone(),
        external_docs: None,
        operation_id: Some(page_operation.operation_id.clone()),
        parameters,
        request_body,
        responses,
        deprecated,
        security: page_operation.uses_iam_token.then(|| {
            let requirement: SecurityRequirement =
                IndexMap::from([(IAM_TOKEN_SCHEME.to_owned(), Vec::new())]);
            vec![requirement]
        }),
        servers: Vec::new(),
        extensions,
        callbacks: IndexMap::new(),
    }
}

fn parameter_data_mut(parameter: &mut openapiv3::Parameter) -> &mut openapiv3::ParameterData {
    match parameter {
        openapiv3::Parameter::Query { parameter_data, .. }
        | openapiv3::Parameter::Header { parameter_data, .. }
        | openapiv3::Parameter::Path { parameter_data, .. }
        | openapiv3::Parameter::Cookie { parameter_data, .. } => parameter_data,
    }
}

fn rewrite_schema_references(
    schema: &mut ReferenceOr<openapiv3::Schema>,
    name_for_key: &std::collections::HashMap<String, String>,
) {
    match schema {
        ReferenceOr::Reference { reference } => {
            *reference = rewrite_reference(reference, name_for_key)
        }
        ReferenceOr::Item(schema) => components::rewrite_local_references(schema, name_for_key),
    }
}

/// Combines another page's variant of an operation (same method and path) into the first: its
/// parameters join (required only where both pages require them), request bodies and response
/// bodies that differ become an `anyOf` of both, statuses join, and the description tells the
/// variants apart. The first page keeps the operation id; each page's own operation is recorded
/// in `x-operation-variants` once every page is combined (`operation_variants`).
pub fn combine_operations(first: &mut Operation, other: Operation, other_file: &str) {
    let other_names: Vec<(String, String)> =
        other.parameters.iter().filter_map(parameter_key).collect();
    for parameter in &mut first.parameters {
        let Some(key) = parameter_key(parameter) else {
            continue;
        };
        if !other_names.contains(&key) {
            if let ReferenceOr::Item(parameter) = parameter {
                if !matches!(parameter, openapiv3::Parameter::Path { .. }) {
                    parameter_data_mut(parameter).required = false;
                }
            }
        }
    }
    let first_names: Vec<(String, String)> =
        first.parameters.iter().filter_map(parameter_key).collect();
    for mut parameter in other.parameters {
        let Some(key) = parameter_key(&parameter) else {
            continue;
        };
        if first_names.contains(&key) {
            continue;
        }
        if let ReferenceOr::Item(item) = &mut parameter {
            if !matches!(item, openapiv3::Parameter::Path { .. }) {
                parameter_data_mut(item).required = false;
            }
        }
        first.parameters.push(parameter);
    }
    first.request_body = match (first.request_body.take(), other.request_body) {
        (None, None) => None,
        (Some(ReferenceOr::Item(mut body)), None) | (None, Some(ReferenceOr::Item(mut body))) => {
            body.required = false;
            Some(ReferenceOr::Item(body))
        }
        (Some(ReferenceOr::Item(mut body)), Some(ReferenceOr::Item(other_body))) => {
            body.required = body.required && other_body.required;
            combine_content(&mut body.content, other_body.content);
            Some(ReferenceOr::Item(body))
        }
        (first_body, _) => first_body,
    };
    for (status, response) in other.responses.responses {
        match first.responses.responses.get_mut(&status) {
            None => {
                first.responses.responses.insert(status, response);
            }
            Some(ReferenceOr::Item(existing)) => {
                if let ReferenceOr::Item(response) = response {
                    combine_content(&mut existing.content, response.content);
                    for (name, header) in response.headers {
                        existing.headers.entry(name).or_insert(header);
                    }
                }
            }
            Some(ReferenceOr::Reference { .. }) => {}
        }
    }
    for tag in other.tags {
        if !first.tags.contains(&tag) {
            first.tags.push(tag);
        }
    }
    first.deprecated = first.deprecated && other.deprecated;
    if first.security.is_none() {
        first.security = other.security;
    }
    let variant = format!(
        "{} ({other_file}){}",
        other.summary.unwrap_or_default(),
        other
            .description
            .map(|description| format!(": {description}"))
            .unwrap_or_default()
    );
    first.description = Some(match first.description.take() {
        Some(description) => {
            format!("{description}\n\nAnother variant of this operation: {variant}")
        }
        None => format!("Another variant of this operation: {variant}"),
    });
}

/// `(location, name)` of a parameter.
fn parameter_key(parameter: &ReferenceOr<openapiv3::Parameter>) -> Option<(String, String)> {
    let ReferenceOr::Item(parameter) = parameter else {
        return None;
    };
    let location = match parameter {
        openapiv3::Parameter::Query { .. } => "query",
        openapiv3::Parameter::Header { .. } => "header",
        openapiv3::Parameter::Path { .. } => "path",
        openapiv3::Parameter::Cookie { .. } => "cookie",
    };
    Some((
        location.to_owned(),
        parameter.parameter_data_ref().name.clone(),
    ))
}

/// Joins the media types of two bodies: a schema both have stays, different ones become an
/// `anyOf` of both (flattened, each alternative once); examples of both are kept.
fn combine_content(content: &mut IndexMap<String, MediaType>, other: IndexMap<String, MediaType>) {
    for (media_type, other_media) in other {
        let Some(media) = content.get_mut(&media_type) else {
            content.insert(media_type, other_media);
            continue;
        };
        if let Some(other_schema) = other_media.schema {
            media.schema = Some(match media.schema.take() {
                None => other_schema,
                Some(schema) if schema == other_schema => schema,
                Some(schema) => {
                    let mut alternatives = one_of_alternatives(schema);
                    for alternative in one_of_alternatives(other_schema) {
                        if !alternatives.contains(&alternative) {
                            alternatives.push(alternative);
                        }
                    }
                    // `anyOf`, not `oneOf`: the variants of two pages may share every field.
                    ReferenceOr::Item(openapiv3::Schema {
                        schema_data: Default::default(),
                        schema_kind: openapiv3::SchemaKind::AnyOf {
                            any_of: alternatives,
                        },
                    })
                }
            });
        }
        let offset = media.examples.len();
        for (index, (_, example)) in other_media.examples.into_iter().enumerate() {
            media
                .examples
                .insert(format!("example_{}", offset + index + 1), example);
        }
    }
}

fn one_of_alternatives(
    schema: ReferenceOr<openapiv3::Schema>,
) -> Vec<ReferenceOr<openapiv3::Schema>> {
    match schema {
        ReferenceOr::Item(openapiv3::Schema {
            schema_kind: openapiv3::SchemaKind::AnyOf { any_of },
            schema_data,
        }) if schema_data == openapiv3::SchemaData::default() => any_of,
        other => vec![other],
    }
}
