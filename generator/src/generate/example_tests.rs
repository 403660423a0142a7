//! Emits the example round-trip test of a service: every example body in the spec decodes into
//! the generated type of its operation and status, and encodes back to equivalent JSON.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::generate::ir::{ExampleDefinition, RustType, ServiceModule};
use crate::naming::snake_case;

/// One `#[test]` per example, named for operation, status and example, for example:
///
/// ```text
/// #[test]
/// fn delete_background_task_response_200_example_1() {
///     assert_round_trip::<otc_dcs::types::DeleteBackgroundTaskResp>(
///         "DeleteBackgroundTask.html", "response 200", r#"{"message":""}"#);
/// }
/// ```
pub fn emit_example_tests(module: &ServiceModule, crate_name: &str) -> TokenStream {
    let crate_ident = format_ident!("{}", crate_name);
    let mut tests = Vec::new();
    for operation in &module.operations {
        let source_page = operation
            .source_page
            .clone()
            .unwrap_or_else(|| operation.operation_id.clone());
        let mut cases: Vec<(String, &RustType, &ExampleDefinition)> = Vec::new();
        if let Some(body) = &operation.body {
            for example in &body.examples {
                cases.push(("request".to_owned(), &body.rust_type, example));
            }
        }
        for response in &operation.responses {
            if let Some((body, _)) = &response.body {
                let status = response.status.spec_key();
                for example in &response.examples {
                    cases.push((format!("response {status}"), body, example));
                }
            }
        }
        for (place, rust_type, example) in cases {
            let test_name = format_ident!(
                "{}_{}_{}",
                operation.method_name,
                snake_case(&place),
                snake_case(&example.name)
            );
            let rust_type = type_path(rust_type, &crate_ident);
            let json = serde_json::to_string_pretty(&example.value).unwrap_or_default();
            let what = format!("{place}, {}", example.name);
            tests.push(quote! {
                #[test]
                fn #test_name() {
                    assert_round_trip::<#rust_type>(#source_page, #what, #json);
                }
            });
        }
    }
    if tests.is_empty() {
        // A spec without example bodies has nothing to round-trip: the file says so instead of
        // holding helpers no test calls.
        return quote! {
            #![doc = " The spec of this service has no example bodies: nothing to round-trip."]
        };
    }
    quote! {
        /// Decodes `json` into `T` and encodes it back; the two JSON values must be equal, field
        /// order aside. Members whose value is `null` count as absent, because an optional
        /// field that is `null` and one that is missing mean the same in these APIs.
        fn assert_round_trip<T>(source_page: &str, what: &str, json: &str)
        where
            T: ::serde::de::DeserializeOwned + ::serde::Serialize,
        {
            let expected: ::serde_json::Value = ::serde_json::from_str(json).expect("the spec holds valid JSON");
            let decoded: T = match ::serde_path_to_error::deserialize(&expected) {
                Ok(decoded) => decoded,
                Err(error) => panic!("{source_page}, {what}: example does not decode at /{}: {}", error.path(), error.inner()),
            };
            let encoded = ::serde_json::to_value(&decoded).expect("generated types always encode");
            if let Some(difference) = first_difference(&without_nulls(expected), &without_nulls(encoded), "") {
                panic!("{source_page}, {what}: example does not encode back to the same JSON: {difference}");
            }
        }

        /// Where two JSON values first differ, as a JSON pointer and what each side has there.
        fn first_difference(expected: &::serde_json::Value, actual: &::serde_json::Value, pointer: &str) -> ::std::option::Option<::std::string::String> {
            match (expected, actual) {
                (::serde_json::Value::Object(expected), ::serde_json::Value::Object(actual)) => {
                    for (key, expected_value) in expected {
                        let nested = format!("{pointer}/{key}");
                        match actual.get(key) {
                            Some(actual_value) => {
                                if let Some(difference) = first_difference(expected_value, actual_value, &nested) {
                                    return Some(difference);
                                }
                            }
                            None => return Some(format!("{nested} is lost: the generated type has no such field")),
                        }
                    }
                    actual.keys().find(|key| !expected.contains_key(*key)).map(|key| format!("{pointer}/{key} appears in the encoding but not in the example"))
                }
                (::serde_json::Value::Array(expected), ::serde_json::Value::Array(actual)) if expected.len() == actual.len() => expected
                    .iter()
                    .zip(actual)
                    .enumerate()
                    .find_map(|(index, (expected, actual))| first_difference(expected, actual, &format!("{pointer}/{index}"))),
                // JSON has one number type: 1 and 1.0 are the same value (a Float field
                // encodes 1 as 1.0).
                (::serde_json::Value::Number(expected_number), ::serde_json::Value::Number(actual_number))
                    if expected_number.as_f64() == actual_number.as_f64() => None,
                _ if expected == actual => None,
                _ => Some(format!("{pointer}: example has {expected}, encoding has {actual}")),
            }
        }

        fn without_nulls(value: ::serde_json::Value) -> ::serde_json::Value {
            match value {
                ::serde_json::Value::Object(object) => ::serde_json::Value::Object(
                    object
                        .into_iter()
                        .filter(|(_, value)| !value.is_null())
                        .map(|(key, value)| (key, without_nulls(value)))
                        .collect(),
                ),
                ::serde_json::Value::Array(items) => ::serde_json::Value::Array(items.into_iter().map(without_nulls).collect()),
                other => other,
            }
        }

        #(#tests)*
    }
}

fn type_path(rust_type: &RustType, crate_ident: &proc_macro2::Ident) -> TokenStream {
    match rust_type {
        RustType::Named(name) => {
            let name = format_ident!("{}", name);
            quote! { ::#crate_ident::types::#name }
        }
        RustType::Vec(element) => {
            let element = type_path(element, crate_ident);
            quote! { ::std::vec::Vec<#element> }
        }
        RustType::Map(value) => {
            let value = type_path(value, crate_ident);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
        RustType::Boxed(inner) => {
            let inner = type_path(inner, crate_ident);
            quote! { ::std::boxed::Box<#inner> }
        }
        RustType::Bytes => quote! { ::bytes::Bytes },
        RustType::String => quote! { ::std::string::String },
        RustType::I32 => quote! { i32 },
        RustType::I64 => quote! { i64 },
        RustType::F32 => quote! { f32 },
        RustType::F64 => quote! { f64 },
        RustType::Bool => quote! { bool },
        RustType::JsonValue => quote! { ::serde_json::Value },
        RustType::JsonObject => {
            quote! { ::serde_json::Map<::std::string::String, ::serde_json::Value> }
        }
    }
}
