//! The intermediate form between OpenAPI and tokens: a type registry and a list of operations,
//! with every name, Rust type and status variant decided, so emitters only print.
//!
//! Any OpenAPI 3.0 document goes in. What the generator does not support becomes a
//! [`CompletenessItem`] (JSON pointer, reason, the lossless type used instead); in strict mode
//! (`otc-client`, whose specs we import ourselves) the same items are errors.
//!
//! [`build_module`] runs the stages in order: every component schema named first (so no name
//! depends on the order types are met), the component types built (`types`, `objects`,
//! `unions`, on the shapes of `shapes`), the operations with their parameters and bodies
//! (`operations`, `bodies`; an operation with `x-operation-variants` as its variants, each an
//! operation of its own with a [`VariantDefinition`]), the error codes (`error_codes`), recursive types boxed
//! (`recursion`), then `x-pagination` read against the finished types. The data it returns
//! is in `model`; names are decided in `names`, doc lines in `documentation`.

mod bodies;
mod builder;
mod documentation;
mod error_codes;
mod model;
mod names;
mod objects;
mod operations;
mod recursion;
mod servers;
mod settings;
mod shapes;
mod types;
mod unions;

use std::collections::{BTreeMap, HashSet};

use openapiv3::{Components, OpenAPI, ReferenceOr};

use crate::extensions::{Extension, OperationVariants, Pagination};
use crate::generate::pagination::pagination_definition;
use crate::openapi_refs::escape_pointer;
use builder::Builder;
use names::OperationNaming;
use recursion::box_recursive_types;

pub use model::{
    AdditionalPropertiesField, BodyDecoding, BodyDefinition, BodyEncoding, CompletenessItem,
    EnumValue, ErrorCodeDefinition, ExampleDefinition, FieldDefinition, GenerateError,
    MultipartField, MultipartKind, OperationDefinition, ParameterDefinition, ParameterPlace,
    ResponseStatus, ResponseVariant, RustType, ServiceModule, TypeDefinition, TypeKind,
    UnionVariant, ValueConstraints, VariantDefinition,
};
pub use names::{field_name, pascal_case_type_name, type_name};
pub use settings::{ClientConstructor, GenerateSettings, RUNTIME_CRATE_NAME, RUNTIME_PACKAGE_NAME};

/// Builds the intermediate form with the settings of an `otc-client` service crate.
pub fn build_service_module(
    document: &OpenAPI,
    service_id: &str,
) -> Result<ServiceModule, Vec<GenerateError>> {
    build_module(document, &GenerateSettings::otc_service(service_id))
}

/// Builds the intermediate form. Every problem is collected; none is skipped silently.
pub fn build_module(
    document: &OpenAPI,
    settings: &GenerateSettings,
) -> Result<ServiceModule, Vec<GenerateError>> {
    let empty_components = Components::default();
    let components = document.components.as_ref().unwrap_or(&empty_components);
    // The variants of the operations that list them (`x-operation-variants`), read before the
    // builder borrows them: each becomes an operation of its own.
    let variants_by_operation: BTreeMap<
        (&str, &str),
        Result<OperationVariants, serde_json::Error>,
    > = document
        .paths
        .paths
        .iter()
        .filter_map(|(path, item)| match item {
            ReferenceOr::Item(item) => Some((path, item)),
            ReferenceOr::Reference { .. } => None,
        })
        .flat_map(|(path, item)| {
            item.iter().filter_map(move |(method, operation)| {
                Some((
                    (path.as_str(), method),
                    OperationVariants::read(&operation.extensions)?,
                ))
            })
        })
        .collect();
    let mut builder = Builder::new(components, settings);
    // Every component gets its name before any type is built, so a reference never depends on
    // the order in which types are met.
    for name in components.schemas.keys() {
        let rust_name = builder.allocate_type_name(name);
        builder.component_type_names.insert(name.clone(), rust_name);
    }
    let multipart_components = multipart_body_components(document);
    for (name, schema) in &components.schemas {
        let pointer = format!("#/components/schemas/{}", escape_pointer(name));
        let rust_name = builder.component_type_names[name].clone();
        let definition = match schema {
            ReferenceOr::Item(schema) => {
                // A multipart body's members of `format: binary` are files (bytes), as in an
                // inline multipart schema; anywhere else such a string is text.
                builder.binary_strings = multipart_components.contains(name.as_str());
                let definition = builder.type_definition(&rust_name, schema, &pointer);
                builder.binary_strings = false;
                definition
            }
            ReferenceOr::Reference { reference } => {
                let target = builder.reference_type(reference, &pointer);
                TypeDefinition {
                    name: rust_name.clone(),
                    description: None,
                    kind: TypeKind::Alias(target),
                }
            }
        };
        builder.types.insert(rust_name, definition);
    }
    let mut operations = Vec::new();
    let mut taken_operation_names: HashSet<String> =
        ["new", "from_service_client", "service_client"]
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
    let mut taken_operation_types: HashSet<String> = HashSet::new();
    // `x-pagination` extensions, read once every type is built: (operation index, extension,
    // its pointer).
    let mut paginated: Vec<(usize, Result<Pagination, serde_json::Error>, String)> = Vec::new();
    for (path, item) in &document.paths.paths {
        let path_pointer = format!("#/paths/{}", escape_pointer(path));
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => {
                builder.unsupported(
                    &path_pointer,
                    format!("path item reference {reference}"),
                    "the path's operations are not generated",
                );
                continue;
            }
        };
        for (method, operation) in item.iter() {
            let pointer = format!("{path_pointer}/{method}");
            // An operation with variants is generated as its variants, each an operation of its
            // own; the combination the spec lists for other tools is not.
            let own_operations: Vec<(&openapiv3::Operation, String, Option<VariantDefinition>)> =
                match variants_by_operation.get(&(path.as_str(), method)) {
                    None => vec![(operation, pointer.clone(), None)],
                    Some(Err(error)) => {
                        builder.errors.push(GenerateError {
                            pointer: format!(
                                "{pointer}/{}",
                                escape_pointer(OperationVariants::NAME)
                            ),
                            message: format!(
                                "{} does not fit its type: {error}",
                                OperationVariants::NAME
                            ),
                        });
                        Vec::new()
                    }
                    Some(Ok(OperationVariants(variants))) => {
                        let combined_operation_id = operation
                            .operation_id
                            .clone()
                            .unwrap_or_else(|| format!("{} {path}", method.to_ascii_uppercase()));
                        variants
                            .iter()
                            .enumerate()
                            .map(|(index, variant)| {
                                (
                                    &variant.operation,
                                    format!(
                                        "{pointer}/{}/{index}/operation",
                                        escape_pointer(OperationVariants::NAME)
                                    ),
                                    Some(VariantDefinition {
                                        combined_operation_id: combined_operation_id.clone(),
                                        index,
                                        variant_count: variants.len(),
                                        told_apart_by: variant.told_apart_by.clone(),
                                    }),
                                )
                            })
                            .collect()
                    }
                };
            for (own_operation, own_pointer, variant) in own_operations {
                let naming = OperationNaming::new(
                    own_operation.operation_id.as_deref(),
                    method,
                    path,
                    &mut taken_operation_names,
                    &mut taken_operation_types,
                );
                if let Some(mut definition) =
                    builder.operation(path, method, item, own_operation, &own_pointer, naming)
                {
                    definition.variant = variant;
                    if let Some(extension) = Pagination::read(&own_operation.extensions) {
                        paginated.push((
                            operations.len(),
                            extension,
                            format!("{own_pointer}/{}", Pagination::NAME),
                        ));
                    }
                    operations.push(definition);
                }
            }
        }
    }
    let error_codes = builder.error_codes(document);
    box_recursive_types(&mut builder.types);
    for (index, extension, pointer) in paginated {
        let extension = match extension {
            Ok(extension) => extension,
            Err(error) => {
                builder.errors.push(GenerateError {
                    pointer,
                    message: format!("{} does not fit its type: {error}", Pagination::NAME),
                });
                continue;
            }
        };
        let operation = &operations[index];
        let mut unique_method_name = |base: String| {
            let mut name = base;
            while !taken_operation_names.insert(name.clone()) {
                name.push('_');
            }
            name
        };
        let stream_method_name = unique_method_name(format!("{}_stream", operation.method_name));
        let send_method_name = unique_method_name(format!("send_{}", operation.method_name));
        match pagination_definition(
            &extension,
            &pointer,
            operation,
            &builder.types,
            stream_method_name,
            send_method_name,
        ) {
            Ok(definition) => operations[index].pagination = Some(definition),
            Err(errors) => builder.errors.extend(errors),
        }
    }
    if !builder.errors.is_empty() {
        return Err(builder.errors);
    }
    let mut report = builder.report;
    report.sort();
    report.dedup();
    let first_server = document.servers.first();
    let region_endpoints = servers::region_endpoints(&document.servers);
    Ok(ServiceModule {
        error_codes,
        title: document.info.title.clone(),
        server_url_template: first_server
            .map(|server| server.url.clone())
            .unwrap_or_default(),
        default_server_url: first_server.map(|server| {
            let mut url = server.url.clone();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            url
        }),
        regions: region_endpoints
            .iter()
            .map(|(region, _)| region.clone())
            .collect(),
        region_endpoints,
        types: builder.types,
        operations,
        report,
    })
}

/// The components a `multipart/form-data` request body refers to as its schema, in the
/// operations and their variants (`x-operation-variants`).
fn multipart_body_components(document: &OpenAPI) -> HashSet<String> {
    fn add_from(operation: &openapiv3::Operation, names: &mut HashSet<String>) {
        let Some(ReferenceOr::Item(body)) = &operation.request_body else {
            return;
        };
        for (content_type, media) in &body.content {
            if !content_type.starts_with("multipart/form-data") {
                continue;
            }
            if let Some(ReferenceOr::Reference { reference }) = &media.schema {
                if let Some(name) = reference.strip_prefix("#/components/schemas/") {
                    names.insert(crate::openapi_refs::unescape_pointer(name));
                }
            }
        }
    }
    let mut names = HashSet::new();
    for item in document.paths.paths.values() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (_, operation) in item.iter() {
            add_from(operation, &mut names);
            if let Some(Ok(OperationVariants(variants))) =
                OperationVariants::read(&operation.extensions)
            {
                for variant in &variants {
                    add_from(&variant.operation, &mut names);
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_has_the_default_server_url_and_reports_what_it_leaves_out() {
        let document: OpenAPI = serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "Pets", "version": "1"},
            "servers": [{
                "url": "https://{region}.example.com/{version}",
                "variables": {
                    "region": {"default": "eu-de", "enum": ["eu-de", "eu-nl"]},
                    "version": {"default": "v1"},
                },
            }],
            "paths": {
                "/elsewhere": {"$ref": "#/paths/~1pets"},
                "/pets": {"get": {
                    "operationId": "new",
                    "responses": {"204": {"description": "Nothing."}},
                }},
            },
        }))
        .expect("a document");
        let module =
            build_module(&document, &GenerateSettings::standalone()).expect("a service module");
        assert_eq!(module.title, "Pets");
        assert_eq!(
            module.server_url_template,
            "https://{region}.example.com/{version}"
        );
        assert_eq!(
            module.default_server_url.as_deref(),
            Some("https://eu-de.example.com/v1")
        );
        assert_eq!(module.regions, ["eu-de", "eu-nl"]);
        // `new` is the client's constructor, so the operation is numbered.
        let method_names: Vec<&str> = module
            .operations
            .iter()
            .map(|operation| operation.method_name.as_str())
            .collect();
        assert_eq!(method_names, ["new_2"]);
        let report: Vec<(&str, &str)> = module
            .report
            .iter()
            .map(|item| (item.pointer.as_str(), item.reason.as_str()))
            .collect();
        assert_eq!(
            report,
            [("#/paths/~1elsewhere", "path item reference #/paths/~1pets")]
        );
    }

    #[test]
    fn in_strict_mode_what_is_not_supported_fails_the_module() {
        let document: OpenAPI = serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "Pets", "version": "1"},
            "paths": {},
            "components": {"schemas": {"Never": {"not": {}}}},
        }))
        .expect("a document");
        assert_eq!(
            build_service_module(&document, "test"),
            Err(vec![GenerateError {
                pointer: "#/components/schemas/Never".to_owned(),
                message: "a `not` schema is not supported".to_owned(),
            }])
        );
    }
}
