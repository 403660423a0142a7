//! Emits the contract driver of a service: for every operation, a request built from the
//! spec's examples (or from the schemas where the spec has none), and one call through the
//! generated client method per documented status, each checked for the variant of that status.
//!
//! The driver runs against a mock server that answers with the status the request prefers
//! (Prism, `cargo xtask contract-test`); the harness it calls (`ContractHarness`, `CallOutcome`,
//! `ArgumentError`, `decode_argument`) is written by hand beside it.

use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Map, Value};

use crate::extensions::{Extension, OperationVariants};
use crate::generate::ir::{
    OperationDefinition, ParameterDefinition, ParameterPlace, ResponseStatus, ServiceModule,
};
use crate::openapi_refs::follow_json_references;

/// How deep a synthesized value nests: deeper objects are empty and deeper arrays have no
/// items, so a recursive schema ends.
const MAX_SYNTHESIS_DEPTH: usize = 16;

/// The text a string placeholder is made of, cut or repeated to its length bounds.
const STRING_PLACEHOLDER: &str = "example";

/// The driver of one service, for example:
///
/// ```text
/// pub async fn call_every_operation(harness: &mut ContractHarness) {
///     delete_background_task(harness).await;
/// }
///
/// fn delete_background_task_request() -> Result<dcs::DeleteBackgroundTaskRequest, ArgumentError> {
///     let mut request = dcs::DeleteBackgroundTaskRequest::default();
///     request.instance_id = decode_argument("instance_id", r#""example""#)?;
///     request.task_id = decode_argument("task_id", r#""example""#)?;
///     Ok(request)
/// }
///
/// /// `DELETE /v2/{project_id}/instances/{instance_id}/tasks/{task_id}`
/// async fn delete_background_task(harness: &mut ContractHarness) {
///     const OPERATION_ID: &str = "DeleteBackgroundTask";
///     let request = match delete_background_task_request() {
///         Ok(request) => request,
///         Err(error) => return harness.argument_failed(OPERATION_ID, error),
///     };
///     for (status, documented_variant) in [(200, "Ok"), (204, "NoContent")] {
///         let Some(client) = harness.client(OPERATION_ID, status, dcs::Client::new) else {
///             continue;
///         };
///         let outcome = match client.delete_background_task(&request).await {
///             Ok(dcs::DeleteBackgroundTaskResponse::Ok(_)) => CallOutcome::Documented("Ok", 200),
///             Ok(dcs::DeleteBackgroundTaskResponse::NoContent) => CallOutcome::Documented("NoContent", 204),
///             Ok(dcs::DeleteBackgroundTaskResponse::Unexpected(raw)) => CallOutcome::Unexpected(raw),
///             Ok(other) => CallOutcome::NotListed(other.status()),
///             Err(error) => CallOutcome::Failed(error),
///         };
///         harness.check(OPERATION_ID, status, documented_variant, outcome);
///     }
/// }
/// ```
///
/// `document` is the spec as JSON: parameter examples and schemas are read from it, since the
/// intermediate form keeps only their Rust types.
pub fn emit_contract_driver(
    module: &ServiceModule,
    document: &Value,
    module_name: &str,
) -> TokenStream {
    let module_ident = format_ident!("{}", module_name);
    let view_count = module
        .operations
        .iter()
        .map(|operation| variant_view_of(operation) + 1)
        .max()
        .unwrap_or(1);
    let views = (0..view_count).map(|view| {
        let in_view: Vec<&OperationDefinition> = module
            .operations
            .iter()
            .filter(|operation| variant_view_of(operation) == view)
            .collect();
        let calls: Vec<TokenStream> = in_view
            .iter()
            .map(|operation| {
                let function = format_ident!("{}", operation.method_name);
                quote! { #function(harness).await; }
            })
            .collect();
        let view = Literal::usize_unsuffixed(view);
        let operation_count = Literal::usize_unsuffixed(in_view.len());
        let status_count = Literal::usize_unsuffixed(
            in_view
                .iter()
                .map(|operation| operation.responses.len())
                .sum(),
        );
        (
            quote! { #view => { #(#calls)* } },
            quote! { #(#calls)* },
            operation_count,
            status_count,
        )
    });
    let ((view_arms, view_calls), (operation_counts, status_counts)): (
        (Vec<_>, Vec<_>),
        (Vec<_>, Vec<_>),
    ) = views
        .map(|(arm, calls, operations, statuses)| ((arm, calls), (operations, statuses)))
        .unzip();
    // A spec without variants has one view: an `if`, as clippy would have it, not a `match`
    // of one arm.
    let calls_of_the_view = match view_calls.as_slice() {
        [only_view] => quote! {
            if harness.view() == 0 {
                #only_view
            }
        },
        _ => quote! {
            match harness.view() {
                #(#view_arms)*
                _ => {}
            }
        },
    };
    let operations = module
        .operations
        .iter()
        .map(|operation| emit_operation(operation, document, &module_ident));
    quote! {
        use otc_client::#module_ident;

        use crate::harness::{decode_argument, ArgumentError, CallOutcome, ContractHarness};

        /// The operations of each view of the spec (the operations that are no variant and the
        /// first variants; the second variants; …), each called once per documented status.
        pub const OPERATION_COUNTS: &[usize] = &[#(#operation_counts),*];

        /// The documented statuses of the operations of each view together.
        pub const DOCUMENTED_STATUS_COUNTS: &[usize] = &[#(#status_counts),*];

        /// Calls every operation of the harness's view, in the order of the spec, once for each
        /// documented status.
        pub async fn call_every_operation(harness: &mut ContractHarness) {
            #calls_of_the_view
        }

        #(#operations)*
    }
}

/// The request builder and the calling function of one operation.
fn emit_operation(
    operation: &OperationDefinition,
    document: &Value,
    module_ident: &proc_macro2::Ident,
) -> TokenStream {
    let operation_id = &operation.operation_id;
    let method = format_ident!("{}", operation.method_name);
    let request_function = format_ident!("{}_request", operation.method_name);
    let response_type = format_ident!("{}", operation.response_type_name);
    let spec_operation = find_operation(document, operation);
    let has_request = operation.takes_request_argument();
    let (request_builder, request_statement, call) = if has_request {
        let request_type = format_ident!("{}", operation.request_type_name);
        let fields = operation.parameters.iter().map(|parameter| {
            let field = format_ident!("{}", parameter.rust_name);
            let wire_name = &parameter.wire_name;
            let json = value_text(&parameter_value(parameter, spec_operation, document));
            quote! { request.#field = decode_argument(#wire_name, #json)?; }
        });
        let body = operation.body.as_ref().map(|body| {
            let value = match body.examples.first() {
                Some(example) => example.value.clone(),
                None => request_body_schema(spec_operation, &body.content_type, document)
                    .map(|schema| synthesize(schema, document, 0))
                    .unwrap_or(Value::Null),
            };
            let json = value_text(&value);
            quote! { request.body = decode_argument("body", #json)?; }
        });
        let documentation = format!(
            " The request of `{operation_id}`: parameters and body from the spec's examples, or values that satisfy their schemas."
        );
        let builder = quote! {
            #[doc = #documentation]
            fn #request_function() -> ::std::result::Result<#module_ident::#request_type, ArgumentError> {
                // The request struct is `#[non_exhaustive]`: built from its default.
                let mut request = #module_ident::#request_type::default();
                #(#fields)*
                #body
                Ok(request)
            }
        };
        let statement = quote! {
            let request = match #request_function() {
                Ok(request) => request,
                Err(error) => return harness.argument_failed(OPERATION_ID, error),
            };
        };
        (
            builder,
            statement,
            quote! { client.#method(&request).await },
        )
    } else {
        (quote! {}, quote! {}, quote! { client.#method().await })
    };
    let mut called_statuses = Vec::new();
    let mut exclusions = Vec::new();
    for response in &operation.responses {
        let variant = &response.variant_name;
        match response.status {
            ResponseStatus::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                called_statuses.push(quote! { (#code, #variant) });
            }
            // A range (`2XX`, a page that says "a 2xx status code is returned") is asked for
            // by its first status, which Prism serves from the range's response.
            ResponseStatus::Range(first_digit) => {
                // The range's first status that the operation does not document on its own.
                let documented: Vec<u16> = operation
                    .responses
                    .iter()
                    .filter_map(|other| match other.status {
                        ResponseStatus::Code(code) => Some(code),
                        _ => None,
                    })
                    .collect();
                let Some(code) = (first_digit * 100..first_digit * 100 + 100)
                    .find(|code| !documented.contains(code))
                else {
                    continue;
                };
                let code = Literal::u16_unsuffixed(code);
                called_statuses.push(quote! { (#code, #variant) });
            }
            ResponseStatus::Default => {
                exclusions.push(quote! {
                    harness.exclude(OPERATION_ID, "default", "the `default` response: Prism's `Prefer: code=` asks for one exact status");
                });
            }
        }
    }
    let arms = operation.responses.iter().map(|response| {
        let variant = format_ident!("{}", response.variant_name);
        let variant_name = &response.variant_name;
        match (response.status, &response.body) {
            (ResponseStatus::Code(code), body) => {
                let code = Literal::u16_unsuffixed(code);
                let pattern = if body.is_some() {
                    quote! { #module_ident::#response_type::#variant(_) }
                } else {
                    quote! { #module_ident::#response_type::#variant }
                };
                quote! { Ok(#pattern) => CallOutcome::Documented(#variant_name, #code), }
            }
            _ => quote! {
                Ok(#module_ident::#response_type::#variant { status, .. }) => CallOutcome::Documented(#variant_name, status),
            },
        }
    });
    // An operation with a `default` response has no `Unexpected` variant: `default` covers
    // every status.
    let has_default = operation.has_default_response();
    let unexpected_arm = (!has_default).then(|| {
        quote! {
            Ok(#module_ident::#response_type::Unexpected(raw)) => CallOutcome::Unexpected(raw),
        }
    });
    let outdated_note = if operation.deprecated {
        " Outdated (deprecated), and still part of the documented contract."
    } else {
        ""
    };
    let documentation = format!(
        " `{} {}` (`{operation_id}`), once for each documented status.{outdated_note}",
        operation.http_method, operation.path_template
    );
    let deprecated = operation
        .deprecated
        .then(|| quote! { #[allow(deprecated)] });
    let calls = if called_statuses.is_empty() {
        quote! {}
    } else {
        quote! {
            for (status, documented_variant) in [#(#called_statuses),*] {
                let Some(client) = harness.client(OPERATION_ID, status, #module_ident::Client::new) else {
                    continue;
                };
                let outcome = match #call {
                    #(#arms)*
                    #unexpected_arm
                    // The enums are `#[non_exhaustive]`: every variant is listed above, and a
                    // newer crate's variant is a failure of this driver, not a silent pass.
                    Ok(other) => CallOutcome::NotListed(other.status()),
                    Err(error) => CallOutcome::Failed(error),
                };
                harness.check(OPERATION_ID, status, documented_variant, outcome);
            }
        }
    };
    quote! {
        #request_builder

        #[doc = #documentation]
        #deprecated
        async fn #method(harness: &mut ContractHarness) {
            const OPERATION_ID: &str = #operation_id;
            #(#exclusions)*
            #request_statement
            #calls
        }
    }
}

/// The view of the spec an operation is called in: its place among the variants of its method
/// and path, 0 for an operation that is no variant. Prism serves one operation per method and
/// path, so each variant is called against a view of the spec in which its method and path
/// are that variant ([`variant_view`]).
pub fn variant_view_of(operation: &OperationDefinition) -> usize {
    operation
        .variant
        .as_ref()
        .map_or(0, |variant| variant.index)
}

/// How many views of the spec the contract test serves: one more than the largest place of a
/// variant, 1 for a spec without variants.
pub fn variant_view_count(document: &OpenAPI) -> usize {
    let mut count = 1;
    for item in document.paths.paths.values() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (_, operation) in item.iter() {
            if let Some(Ok(OperationVariants(variants))) =
                OperationVariants::read(&operation.extensions)
            {
                count = count.max(variants.len());
            }
        }
    }
    count
}

/// The spec as Prism serves it for the calls of view `view`: each operation with variants
/// (`x-operation-variants`) replaced by its variant at that place, so Prism checks the
/// variant's request against its own page's tables and answers with its own page's
/// responses; an operation with fewer variants, and one without, stays as it is (it is called
/// in another view).
pub fn variant_view(document: &OpenAPI, view: usize) -> OpenAPI {
    let mut view_document = document.clone();
    for item in view_document.paths.paths.values_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for slot in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ] {
            let Some(operation) = slot else {
                continue;
            };
            if let Some(Ok(OperationVariants(mut variants))) =
                OperationVariants::read(&operation.extensions)
            {
                if view < variants.len() {
                    *slot = Some(variants.swap_remove(view).operation);
                }
            }
        }
    }
    view_document
}

/// The JSON text of a value, as the driver decodes it.
fn value_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// The operation object of the spec that the intermediate form's operation came from: by
/// `operationId`, or by `METHOD /path` for an operation without one; a variant's among the
/// `x-operation-variants` of the operation at its method and path.
pub fn find_operation<'a>(
    document: &'a Value,
    operation: &OperationDefinition,
) -> Option<&'a Value> {
    if operation.variant.is_some() {
        let combined = combined_operation(document, operation)?;
        return combined
            .get(OperationVariants::NAME)?
            .as_array()?
            .iter()
            .filter_map(|variant| variant.get("operation"))
            .find(|candidate| {
                candidate.get("operationId").and_then(Value::as_str)
                    == Some(operation.operation_id.as_str())
            });
    }
    let paths = document.get("paths")?.as_object()?;
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, candidate) in item {
            let identifier = match candidate.get("operationId").and_then(Value::as_str) {
                Some(operation_id) => operation_id.to_owned(),
                None => format!("{} {path}", method.to_ascii_uppercase()),
            };
            if identifier == operation.operation_id
                && method.eq_ignore_ascii_case(&operation.http_method)
            {
                return Some(candidate);
            }
        }
    }
    None
}

/// The operation object at an operation's method and path: for a variant, the combination of
/// the variants that lists it.
fn combined_operation<'a>(
    document: &'a Value,
    operation: &OperationDefinition,
) -> Option<&'a Value> {
    document
        .get("paths")?
        .get(&operation.path_template)?
        .get(operation.http_method.to_ascii_lowercase())
}

/// The value sent for a parameter: its example, else one from its schema (also the command
/// line's contract test, `otc-cli`'s `cli_contract` example).
pub fn parameter_value(
    parameter: &ParameterDefinition,
    spec_operation: Option<&Value>,
    document: &Value,
) -> Value {
    let place = match parameter.place {
        ParameterPlace::Path => "path",
        ParameterPlace::Query => "query",
        ParameterPlace::Header => "header",
        ParameterPlace::Cookie => "cookie",
    };
    let spec_parameter = spec_operation
        .and_then(|operation| operation.get("parameters"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|candidate| follow_json_references(candidate, document))
        .find(|candidate| {
            candidate.get("name").and_then(Value::as_str) == Some(parameter.wire_name.as_str())
                && candidate.get("in").and_then(Value::as_str) == Some(place)
        });
    let Some(spec_parameter) = spec_parameter else {
        return Value::String(STRING_PLACEHOLDER.to_owned());
    };
    if let Some(example) = spec_parameter.get("example") {
        return example.clone();
    }
    if let Some(example) = first_named_example(spec_parameter, document) {
        return example;
    }
    // A header that names a media type takes one: a made-up string there is no request a
    // server could answer (Prism stops on an `Accept` it cannot parse).
    if parameter.place == ParameterPlace::Header {
        if parameter.wire_name.eq_ignore_ascii_case("accept") {
            return Value::String("*/*".to_owned());
        }
        if parameter.wire_name.eq_ignore_ascii_case("content-type") {
            return Value::String("application/json".to_owned());
        }
    }
    match spec_parameter.get("schema") {
        Some(schema) => synthesize(schema, document, 0),
        None => Value::String(STRING_PLACEHOLDER.to_owned()),
    }
}

/// The value of the first entry of an `examples` map.
fn first_named_example(holder: &Value, document: &Value) -> Option<Value> {
    let examples = holder.get("examples")?.as_object()?;
    examples.values().find_map(|example| {
        follow_json_references(example, document)
            .get("value")
            .cloned()
    })
}

/// The schema of an operation's request body in the given media type.
fn request_body_schema<'a>(
    spec_operation: Option<&'a Value>,
    content_type: &str,
    document: &'a Value,
) -> Option<&'a Value> {
    let body = follow_json_references(spec_operation?.get("requestBody")?, document);
    body.get("content")?.get(content_type)?.get("schema")
}

/// A value that satisfies `schema`: its `example`, `default` or first `enum` value where it
/// has one, otherwise one built from its type and constraints (lengths, bounds, formats,
/// required properties). Read-only properties are left out, since requests must not send them.
pub fn synthesize(schema: &Value, document: &Value, depth: usize) -> Value {
    let schema = follow_json_references(schema, document);
    // Compositions nest without objects or arrays between them; a cycle of them ends here.
    if depth > 2 * MAX_SYNTHESIS_DEPTH {
        return Value::Null;
    }
    for keyword in ["example", "default"] {
        if let Some(value) = schema.get(keyword) {
            return value.clone();
        }
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|values| values.first())
    {
        return first.clone();
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        let mut last_non_object = None;
        for part in parts {
            match synthesize(part, document, depth + 1) {
                Value::Object(members) => merged.extend(members),
                other => last_non_object = Some(other),
            }
        }
        if let Some(Value::Object(own)) = object_value(schema, document, depth) {
            merged.extend(own);
        }
        return match (merged.is_empty(), last_non_object) {
            (true, Some(value)) => value,
            _ => Value::Object(merged),
        };
    }
    for keyword in ["oneOf", "anyOf"] {
        if let Some(first) = schema
            .get(keyword)
            .and_then(Value::as_array)
            .and_then(|choices| choices.first())
        {
            return synthesize(first, document, depth + 1);
        }
    }
    if let Some(object) = object_value(schema, document, depth) {
        return object;
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") if depth >= MAX_SYNTHESIS_DEPTH => Value::Array(Vec::new()),
        Some("array") => {
            let count = schema
                .get("minItems")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .max(1);
            let item = schema
                .get("items")
                .map(|items| synthesize(items, document, depth + 1))
                .unwrap_or(Value::Null);
            Value::Array((0..count).map(|_| item.clone()).collect())
        }
        Some("integer") => Value::from(integer_value(schema)),
        Some("number") => Value::from(integer_value(schema) as f64),
        Some("boolean") => Value::Bool(true),
        _ => Value::String(string_value(schema)),
    }
}

/// An object schema's value: every property that is not read-only. `None` for a schema that
/// is not an object.
fn object_value(schema: &Value, document: &Value, depth: usize) -> Option<Value> {
    let properties = schema.get("properties").and_then(Value::as_object);
    if properties.is_none() && schema.get("type").and_then(Value::as_str) != Some("object") {
        return None;
    }
    let mut members = Map::new();
    if depth >= MAX_SYNTHESIS_DEPTH {
        return Some(Value::Object(members));
    }
    for (name, property) in properties.into_iter().flatten() {
        let resolved = follow_json_references(property, document);
        if resolved.get("readOnly").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        members.insert(name.clone(), synthesize(property, document, depth + 1));
    }
    Some(Value::Object(members))
}

/// 1, moved into `[minimum, maximum]` (exclusive bounds one step inside).
fn integer_value(schema: &Value) -> i64 {
    let bound = |keyword: &str| schema.get(keyword).and_then(Value::as_f64);
    let exclusive = |keyword: &str| schema.get(keyword).and_then(Value::as_bool) == Some(true);
    let mut value: i64 = 1;
    if let Some(minimum) = bound("minimum") {
        let lowest = if exclusive("exclusiveMinimum") {
            minimum.floor() as i64 + 1
        } else {
            minimum.ceil() as i64
        };
        value = value.max(lowest);
    }
    if let Some(maximum) = bound("maximum") {
        let highest = if exclusive("exclusiveMaximum") {
            maximum.ceil() as i64 - 1
        } else {
            maximum.floor() as i64
        };
        value = value.min(highest);
    }
    value
}

/// A string of the schema's format, or the placeholder cut or repeated to its length bounds.
fn string_value(schema: &Value) -> String {
    let formatted = match schema.get("format").and_then(Value::as_str) {
        Some("uuid") => Some("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        Some("date-time") => Some("2024-01-01T00:00:00Z"),
        Some("date") => Some("2024-01-01"),
        Some("email") => Some("user@example.com"),
        Some("uri" | "url") => Some("https://example.com"),
        Some("ipv4") => Some("192.0.2.1"),
        Some("ipv6") => Some("2001:db8::1"),
        Some("hostname") => Some("example.com"),
        _ => None,
    };
    if let Some(formatted) = formatted {
        return formatted.to_owned();
    }
    let length = |keyword: &str| {
        schema
            .get(keyword)
            .and_then(Value::as_u64)
            .map(|length| length as usize)
    };
    let minimum = length("minLength").unwrap_or(1);
    let maximum = length("maxLength").unwrap_or(usize::MAX).max(minimum);
    let wanted = STRING_PLACEHOLDER.len().clamp(minimum, maximum);
    STRING_PLACEHOLDER.chars().cycle().take(wanted).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::synthesize;

    fn check(schema: serde_json::Value, expected: serde_json::Value) {
        let document = json!({
            "components": { "schemas": {
                "Name": { "type": "string", "minLength": 10 },
                "Tree": { "type": "object", "properties": { "children": {
                    "type": "array", "items": { "$ref": "#/components/schemas/Tree" } } } }
            } }
        });
        assert_eq!(synthesize(&schema, &document, 0), expected);
    }

    #[test]
    fn examples_defaults_and_enums_come_first() {
        check(
            json!({ "type": "string", "example": "given" }),
            json!("given"),
        );
        check(json!({ "type": "integer", "default": 5 }), json!(5));
        check(
            json!({ "type": "string", "enum": ["redis", "memcached"] }),
            json!("redis"),
        );
    }

    #[test]
    fn strings_follow_formats_and_length_bounds() {
        check(json!({ "type": "string" }), json!("example"));
        check(json!({ "type": "string", "maxLength": 3 }), json!("exa"));
        check(
            json!({ "$ref": "#/components/schemas/Name" }),
            json!("exampleexa"),
        );
        check(
            json!({ "type": "string", "format": "uuid" }),
            json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        );
    }

    #[test]
    fn numbers_stay_within_their_bounds() {
        check(json!({ "type": "integer" }), json!(1));
        check(
            json!({ "type": "integer", "minimum": 10, "maximum": 20 }),
            json!(10),
        );
        check(json!({ "type": "integer", "maximum": 0 }), json!(0));
        check(
            json!({ "type": "integer", "minimum": 0, "exclusiveMinimum": true }),
            json!(1),
        );
        check(json!({ "type": "number", "minimum": 2.5 }), json!(3.0));
    }

    #[test]
    fn objects_arrays_and_compositions() {
        check(
            json!({ "type": "object", "required": ["a"], "properties": {
                "a": { "type": "boolean" },
                "b": { "type": "array", "items": { "type": "integer" }, "minItems": 2 },
                "id": { "type": "string", "readOnly": true } } }),
            json!({ "a": true, "b": [1, 1] }),
        );
        check(
            json!({ "allOf": [
                { "type": "object", "properties": { "a": { "type": "integer" } } },
                { "type": "object", "properties": { "b": { "type": "string" } } } ] }),
            json!({ "a": 1, "b": "example" }),
        );
        check(
            json!({ "oneOf": [{ "type": "boolean" }, { "type": "string" }] }),
            json!(true),
        );
    }

    #[test]
    fn a_recursive_schema_ends_at_the_nesting_bound() {
        let document = json!({ "components": { "schemas": { "Tree": { "type": "object",
            "properties": { "children": { "type": "array",
                "items": { "$ref": "#/components/schemas/Tree" } } } } } } });
        let mut tree = synthesize(
            &json!({ "$ref": "#/components/schemas/Tree" }),
            &document,
            0,
        );
        let mut levels = 0;
        while let Some(child) = tree.pointer("/children/0").cloned() {
            tree = child;
            levels += 1;
        }
        assert_eq!(levels, super::MAX_SYNTHESIS_DEPTH / 2);
        assert!(
            tree == json!({}) || tree == json!({ "children": [] }),
            "{tree}"
        );
    }
}
