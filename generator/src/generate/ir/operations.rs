//! Operations: each path item's operations → method, request and response names, the
//! parameters (path-level ones replaced by the operation's own, the path template's
//! undeclared variables added), the request body and one response variant per status.

use std::collections::HashSet;

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, Response, StatusCode};

use super::builder::Builder;
use super::documentation::{constraint_lines, value_constraints};
use super::model::{
    OperationDefinition, ParameterDefinition, ParameterPlace, ResponseStatus, ResponseVariant,
    RustType, ValueConstraints,
};
use super::names::{field_name, range_name, type_name, OperationNaming};
use super::shapes::SchemaRef;
use crate::extensions::SourcePage;
use crate::naming::{pascal_case, path_template_variables, snake_case, status_name};
use crate::openapi_refs::{escape_pointer, follow_references, ReferenceFailure};

impl<'a> Builder<'a> {
    /// Follows a parameter, request body or response reference to its component: the item,
    /// its pointer and its component name.
    fn resolve_component<T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        pointer: &str,
        kind: &str,
        components: &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(&'a T, String, Option<String>)> {
        let component_pointer =
            |key: &String| format!("#/components/{kind}/{}", escape_pointer(key));
        match follow_references(item, &format!("#/components/{kind}/"), |name| {
            components.get_key_value(name)
        }) {
            Ok((item, None)) => Some((item, pointer.to_owned(), None)),
            Ok((item, Some(key))) => Some((item, component_pointer(key), Some(key.clone()))),
            Err(ReferenceFailure::NotAComponent {
                reference,
                in_component,
            }) => {
                // Reported where the reference is written: the item, or the component that
                // holds it.
                let place = in_component.map_or_else(|| pointer.to_owned(), component_pointer);
                self.unsupported(
                    &place,
                    format!("reference {reference} (not a component of this document)"),
                    "left out",
                );
                None
            }
            Err(ReferenceFailure::Cycle) => {
                self.unsupported(pointer, "a reference cycle", "left out");
                None
            }
        }
    }

    pub(super) fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &str,
        naming: OperationNaming,
    ) -> Option<OperationDefinition> {
        let type_prefix = naming.type_prefix.clone();
        let path_pointer = pointer
            .rsplit_once('/')
            .map(|(path, _)| path)
            .unwrap_or(pointer)
            .to_owned();
        // Path-level parameters first; an operation's parameter replaces the path-level one
        // with the same name and place.
        let mut resolved: Vec<(&'a Parameter, String, Option<String>)> = Vec::new();
        let listed = item
            .parameters
            .iter()
            .enumerate()
            .map(|(index, parameter)| (parameter, format!("{path_pointer}/parameters/{index}")))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(index, parameter)| (parameter, format!("{pointer}/parameters/{index}"))),
            )
            .collect::<Vec<_>>();
        for (parameter, parameter_pointer) in listed {
            let Some((parameter, parameter_pointer, component)) = self.resolve_component(
                parameter,
                &parameter_pointer,
                "parameters",
                &self.components.parameters,
            ) else {
                continue;
            };
            let same = |existing: &&'a Parameter| {
                existing.parameter_data_ref().name == parameter.parameter_data_ref().name
                    && std::mem::discriminant(*existing) == std::mem::discriminant(parameter)
            };
            match resolved.iter().position(|(existing, ..)| same(existing)) {
                Some(position) => resolved[position] = (parameter, parameter_pointer, component),
                None => resolved.push((parameter, parameter_pointer, component)),
            }
        }
        let mut taken_field_names: HashSet<String> = ["body".to_owned()].into();
        let mut parameters = Vec::new();
        for (parameter, parameter_pointer, component) in resolved {
            if let Some(definition) = self.parameter(
                parameter,
                &parameter_pointer,
                component.as_deref(),
                &type_prefix,
                &mut taken_field_names,
            ) {
                parameters.push(definition);
            }
        }
        // A variable of the path template that no parameter declares (a mistake in the spec)
        // still needs a value, or every call would fail.
        for variable in path_template_variables(path).into_iter().map(str::to_owned) {
            let declared = parameters.iter().any(|parameter: &ParameterDefinition| {
                parameter.place == ParameterPlace::Path && parameter.wire_name == variable
            }) || self.settings.client_path_parameters.contains(&variable);
            if declared {
                continue;
            }
            self.unsupported(
                pointer,
                "a path template variable that no parameter declares",
                "a String field, sent as given",
            );
            let mut rust_name = field_name(&variable);
            while taken_field_names.contains(&rust_name) {
                rust_name.push('_');
            }
            taken_field_names.insert(rust_name.clone());
            parameters.push(ParameterDefinition {
                documentation: vec![
                    "Not declared in the API description; it fills the path template.".to_owned(),
                ],
                wire_name: variable,
                rust_name,
                place: ParameterPlace::Path,
                rust_type: RustType::String,
                optional: false,
                comma_separated: false,
                description: None,
                constraints: ValueConstraints::default(),
            });
        }
        let body = match &operation.request_body {
            None => None,
            Some(body) => {
                let body_pointer = format!("{pointer}/requestBody");
                self.resolve_component(
                    body,
                    &body_pointer,
                    "requestBodies",
                    &self.components.request_bodies,
                )
                .and_then(|(body, body_pointer, component)| {
                    let hint = match &component {
                        Some(component) => format!("{}Body", type_name(component)),
                        None => format!("{type_prefix}RequestBody"),
                    };
                    self.request_body(body, &body_pointer, &hint)
                })
            }
        };
        let mut responses = Vec::new();
        let mut listed_responses: Vec<(ResponseStatus, &'a ReferenceOr<Response>, String)> =
            Vec::new();
        for (status, response) in &operation.responses.responses {
            let (status, key) = match status {
                StatusCode::Code(code) => (ResponseStatus::Code(*code), code.to_string()),
                StatusCode::Range(digit) => (ResponseStatus::Range(*digit), format!("{digit}XX")),
            };
            listed_responses.push((status, response, format!("{pointer}/responses/{key}")));
        }
        if let Some(default) = &operation.responses.default {
            listed_responses.push((
                ResponseStatus::Default,
                default,
                format!("{pointer}/responses/default"),
            ));
        }
        for (status, response, response_pointer) in listed_responses {
            let Some((response, response_pointer, component)) = self.resolve_component(
                response,
                &response_pointer,
                "responses",
                &self.components.responses,
            ) else {
                continue;
            };
            let variant_name = match status {
                ResponseStatus::Code(code) => status_name(code),
                ResponseStatus::Range(digit) => range_name(digit),
                ResponseStatus::Default => "Default".to_owned(),
            };
            let hint = match &component {
                Some(component) => format!("{}Body", type_name(component)),
                None => format!("{type_prefix}{variant_name}Body"),
            };
            let (body, examples) = self.response_body(response, &response_pointer, &hint);
            let success_accessor_name = match status {
                ResponseStatus::Code(200..=299) => {
                    Some(format!("into_{}", snake_case(&variant_name)))
                }
                _ => None,
            };
            responses.push(ResponseVariant {
                status,
                variant_name,
                success_accessor_name,
                description: response.description.clone(),
                body,
                examples,
            });
        }
        if !operation.callbacks.is_empty() {
            self.unsupported(
                &format!("{pointer}/callbacks"),
                "callbacks (requests the server sends)",
                "not generated: the client only sends requests",
            );
        }
        Some(OperationDefinition {
            method_name: naming.method_name,
            request_type_name: format!("{type_prefix}Request"),
            response_type_name: format!("{type_prefix}Response"),
            operation_id: naming.operation_id,
            http_method: method.to_ascii_uppercase(),
            path_template: path.to_owned(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            tags: operation.tags.clone(),
            deprecated: operation.deprecated,
            source_page: SourcePage::of(&operation.extensions),
            parameters,
            body,
            responses,
            pagination: None,
            variant: None,
        })
    }

    fn parameter(
        &mut self,
        parameter: &'a Parameter,
        pointer: &str,
        component: Option<&str>,
        type_prefix: &str,
        taken_field_names: &mut HashSet<String>,
    ) -> Option<ParameterDefinition> {
        let (place, data, style_supported, explode_default) = match parameter {
            Parameter::Path {
                parameter_data,
                style,
            } => (
                ParameterPlace::Path,
                parameter_data,
                matches!(style, openapiv3::PathStyle::Simple),
                false,
            ),
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => (
                ParameterPlace::Query,
                parameter_data,
                matches!(style, openapiv3::QueryStyle::Form),
                true,
            ),
            Parameter::Header { parameter_data, .. } => {
                (ParameterPlace::Header, parameter_data, true, false)
            }
            Parameter::Cookie { parameter_data, .. } => {
                (ParameterPlace::Cookie, parameter_data, true, true)
            }
        };
        if place == ParameterPlace::Path
            && self.settings.client_path_parameters.contains(&data.name)
        {
            return None;
        }
        let hint = match component {
            Some(component) => type_name(component),
            None => format!("{type_prefix}{}", pascal_case(&data.name)),
        };
        let mut rust_type = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.rust_type(SchemaRef::of(schema), &hint, &format!("{pointer}/schema"))
            }
            ParameterSchemaOrContent::Content(_) => {
                self.unsupported(
                    &format!("{pointer}/content"),
                    "a parameter with content (a serialized value)",
                    "String, sent as given",
                );
                RustType::String
            }
        };
        let supported = match &rust_type {
            RustType::Vec(element) => {
                self.is_parameter_scalar(element, 0) && place != ParameterPlace::Cookie
            }
            other => self.is_parameter_scalar(other, 0),
        };
        if !supported || !style_supported {
            self.unsupported(
                pointer,
                format!(
                    "a {} parameter that is not a scalar or an array of scalars, or not in its default style",
                    place.spec_name()
                ),
                "String, sent as given",
            );
            rust_type = RustType::String;
        }
        let mut documentation: Vec<String> = data
            .description
            .iter()
            .flat_map(|text| text.lines().map(str::to_owned))
            .collect();
        let mut constraints = ValueConstraints::default();
        if let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = &data.format {
            documentation.extend(constraint_lines(schema));
            constraints = value_constraints(schema);
        }
        let mut rust_name = field_name(&data.name);
        while taken_field_names.contains(&rust_name) {
            rust_name.push('_');
        }
        taken_field_names.insert(rust_name.clone());
        let explode = data.explode.unwrap_or(explode_default);
        Some(ParameterDefinition {
            comma_separated: matches!(rust_type, RustType::Vec(_)) && !explode,
            wire_name: data.name.clone(),
            rust_name,
            place,
            rust_type,
            optional: !data.required && place != ParameterPlace::Path,
            documentation,
            description: data.description.clone(),
            constraints,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use openapiv3::OpenAPI;
    use serde_json::json;

    use super::*;
    use crate::generate::ir::model::BodyDecoding;
    use crate::generate::ir::settings::GenerateSettings;

    /// (wire name, Rust name, place, Rust type, optional, comma-separated)
    type ParameterSummary = (String, String, ParameterPlace, RustType, bool, bool);

    /// (status, variant name, success accessor, body)
    type ResponseSummary<'a> = (
        ResponseStatus,
        &'a str,
        Option<&'a str>,
        Option<&'a (RustType, BodyDecoding)>,
    );

    #[test]
    fn parameters_are_the_path_items_replaced_by_the_operations_own_plus_undeclared_variables() {
        let path = "/projects/{project_id}/pets/{pet_id}/{undeclared}";
        let document: OpenAPI = serde_json::from_value(json!({
            "openapi": "3.0.3",
            "info": {"title": "Operations", "version": "1"},
            "paths": {path: {
                "parameters": [
                    {"name": "pet_id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                ],
                "get": {
                    "operationId": "ShowPet",
                    "parameters": [
                        {"name": "limit", "in": "query", "description": "Page size.",
                         "schema": {"type": "integer", "format": "int32", "maximum": 100}},
                        {"name": "tags", "in": "query", "explode": false,
                         "schema": {"type": "array", "items": {"type": "string"}}},
                        {"name": "type", "in": "header", "required": true, "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {"description": "The pet.", "content": {"application/json": {
                            "schema": {"type": "object", "properties": {"name": {"type": "string"}}},
                        }}},
                        "4XX": {"description": "Client error."},
                        "default": {"description": "Anything else."},
                    },
                },
            }},
        }))
        .expect("a document");
        let components = openapiv3::Components::default();
        let settings = GenerateSettings {
            client_path_parameters: vec!["project_id".to_owned()],
            ..GenerateSettings::standalone()
        };
        let mut builder = Builder::new(&components, &settings);
        let ReferenceOr::Item(item) = &document.paths.paths[path] else {
            panic!("the path item is written out");
        };
        let operation = item.get.as_ref().expect("a get operation");
        let naming = OperationNaming::new(
            operation.operation_id.as_deref(),
            "get",
            path,
            &mut HashSet::new(),
            &mut HashSet::new(),
        );
        let definition = builder
            .operation(path, "get", item, operation, "#/paths/x/get", naming)
            .expect("an operation");
        let parameters: Vec<ParameterSummary> = definition
            .parameters
            .iter()
            .map(|parameter| {
                (
                    parameter.wire_name.clone(),
                    parameter.rust_name.clone(),
                    parameter.place,
                    parameter.rust_type.clone(),
                    parameter.optional,
                    parameter.comma_separated,
                )
            })
            .collect();
        let parameter = |wire_name: &str, rust_name: &str, place, rust_type, optional, comma| {
            (
                wire_name.to_owned(),
                rust_name.to_owned(),
                place,
                rust_type,
                optional,
                comma,
            )
        };
        let strings = RustType::Vec(Box::new(RustType::String));
        assert_eq!(
            parameters,
            [
                parameter(
                    "pet_id",
                    "pet_id",
                    ParameterPlace::Path,
                    RustType::String,
                    false,
                    false
                ),
                parameter(
                    "limit",
                    "limit",
                    ParameterPlace::Query,
                    RustType::I32,
                    true,
                    false
                ),
                parameter("tags", "tags", ParameterPlace::Query, strings, true, true),
                parameter(
                    "type",
                    "type_",
                    ParameterPlace::Header,
                    RustType::String,
                    false,
                    false
                ),
                parameter(
                    "undeclared",
                    "undeclared",
                    ParameterPlace::Path,
                    RustType::String,
                    false,
                    false
                ),
            ]
        );
        assert_eq!(
            definition.parameters[1].documentation,
            ["Page size.", "", "Maximum: 100"]
        );
        let responses: Vec<ResponseSummary> = definition
            .responses
            .iter()
            .map(|response| {
                (
                    response.status,
                    response.variant_name.as_str(),
                    response.success_accessor_name.as_deref(),
                    response.body.as_ref(),
                )
            })
            .collect();
        let ok_body = (
            RustType::Named("ShowPetOkBody".to_owned()),
            BodyDecoding::Json,
        );
        assert_eq!(
            responses,
            [
                (
                    ResponseStatus::Code(200),
                    "Ok",
                    Some("into_ok"),
                    Some(&ok_body)
                ),
                (ResponseStatus::Range(4), "ClientError", None, None),
                (ResponseStatus::Default, "Default", None, None),
            ]
        );
        assert_eq!(
            (
                definition.method_name.as_str(),
                definition.request_type_name.as_str(),
                definition.response_type_name.as_str(),
                definition.http_method.as_str(),
            ),
            ("show_pet", "ShowPetRequest", "ShowPetResponse", "GET")
        );
        let reasons: Vec<&str> = builder
            .report
            .iter()
            .map(|item| item.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            ["a path template variable that no parameter declares"]
        );
    }
}
