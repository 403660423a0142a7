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
///     assert_round_trip::<otc_client::dcs::types::DeleteBackgroundTaskResp>(
///         "DeleteBackgroundTask.html", "response 200", r#"{"message":""}"#);
/// }
/// ```
pub fn emit_example_tests(module: &ServiceModule, module_name: &str) -> TokenStream {
    let module_ident = format_ident!("{}", module_name);
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
            if let Some(body) = &response.body {
                for example in &response.examples {
                    cases.push((format!("response {}", response.status_code), body, example));
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
            let rust_type = type_path(rust_type, &module_ident);
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
    quote! {
        /// Decodes `json` into `T` and encodes it back; the two JSON values must be equal, field
        /// order aside. Members whose value is `null` count as absent, because an optional
        /// field that is `null` and one that is missing mean the same in these APIs.
        fn assert_round_trip<T>(source_page: &str, what: &str, json: &str)
        where
            T: ::serde::de::DeserializeOwned + ::serde::Serialize,
        {
            let expected: ::serde_json::Value = ::serde_json::from_str(json).expect("the spec holds valid JSON");
            let decoded: T = match ::serde_json::from_value(expected.clone()) {
                Ok(decoded) => decoded,
                Err(error) => panic!("{source_page}, {what}: example does not decode: {error}"),
            };
            let encoded = ::serde_json::to_value(&decoded).expect("generated types always encode");
            assert_eq!(
                without_nulls(encoded),
                without_nulls(expected),
                "{source_page}, {what}: example does not encode back to the same JSON"
            );
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

fn type_path(rust_type: &RustType, module_ident: &proc_macro2::Ident) -> TokenStream {
    match rust_type {
        RustType::Named(name) => {
            let name = format_ident!("{}", name);
            quote! { ::otc_client::#module_ident::types::#name }
        }
        RustType::Vec(element) => {
            let element = type_path(element, module_ident);
            quote! { ::std::vec::Vec<#element> }
        }
        RustType::Map(value) => {
            let value = type_path(value, module_ident);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
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
