//! Documented error codes: the `error_codes` module (a constant per code, every entry, and
//! lookups) and the `documented_error` method of every model with an `error_code` field.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::doc_comments::doc_lines;
use crate::generate::ir::{RustType, ServiceModule, TypeKind};

/// The `error_codes` module: every documented error code, a constant per code for matching,
/// and lookups, for example:
///
/// ```text
/// pub mod error_codes {
///     pub const DCS_4001: &str = "DCS.4001";
///     pub const ALL: &[crate::runtime::DocumentedErrorCode] = &[ … ];
///     pub fn find(error_code: &str) -> Option<&'static crate::runtime::DocumentedErrorCode> { … }
/// }
/// ```
pub(super) fn emit_error_codes(module: &ServiceModule, runtime: &TokenStream) -> TokenStream {
    if module.error_codes.is_empty() {
        return TokenStream::new();
    }
    let optional = |text: &Option<String>| match text {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    };
    let entries = module.error_codes.iter().map(|error_code| {
        let status_code = match error_code.status_code {
            Some(status_code) => {
                let status_code = Literal::u16_unsuffixed(status_code);
                quote! { Some(#status_code) }
            }
            None => quote! { None },
        };
        let code = &error_code.error_code;
        let message = optional(&error_code.message);
        let description = optional(&error_code.description);
        let solution = optional(&error_code.solution);
        let other = error_code
            .other
            .iter()
            .map(|(column, text)| quote! { (#column, #text), });
        quote! {
            #runtime::DocumentedErrorCode {
                status_code: #status_code,
                error_code: #code,
                message: #message,
                description: #description,
                solution: #solution,
                other: &[#(#other)*],
            },
        }
    });
    // One constant per distinct code (a code listed for several statuses is one constant);
    // the names are decided, collisions included, in the intermediate form.
    let mut constants = Vec::new();
    for error_code in module
        .error_codes
        .iter()
        .filter(|error_code| error_code.first_of_its_code)
    {
        let ident = format_ident!("{}", error_code.constant_name);
        let code = &error_code.error_code;
        let documentation =
            doc_lines(&[error_code.message.clone().unwrap_or_else(|| code.clone())]);
        constants.push(quote! { #documentation pub const #ident: &str = #code; });
    }
    quote! {
        /// The error codes documented in the API reference: match a response's `error_code`
        /// against the constants, or look up what a code means.
        pub mod error_codes {
            #(#constants)*

            /// Every documented error code, in the order of the docs' table.
            pub const ALL: &[#runtime::DocumentedErrorCode] = &[#(#entries)*];

            /// The first documented entry for an error code.
            pub fn find(error_code: &str) -> ::std::option::Option<&'static #runtime::DocumentedErrorCode> {
                ALL.iter().find(|entry| entry.error_code == error_code)
            }

            /// Every documented entry for an error code (some codes are listed once per status).
            pub fn find_all(error_code: &str) -> impl Iterator<Item = &'static #runtime::DocumentedErrorCode> + '_ {
                ALL.iter().filter(move |entry| entry.error_code == error_code)
            }
        }
    }
}

/// For every model with a string `error_code` field, a method that looks the code up in the
/// documented error codes, for example:
///
/// ```text
/// impl ErrorResponse {
///     pub fn documented_error(&self) -> Option<&'static crate::runtime::DocumentedErrorCode> { … }
/// }
/// ```
pub(super) fn emit_documented_error_impls(
    module: &ServiceModule,
    runtime: &TokenStream,
) -> TokenStream {
    if module.error_codes.is_empty() {
        return TokenStream::new();
    }
    let impls = module.types.values().filter_map(|type_definition| {
        let TypeKind::Struct { fields, .. } = &type_definition.kind else {
            return None;
        };
        let field = fields
            .iter()
            .find(|field| field.json_name == "error_code" && field.rust_type == RustType::String)?;
        let name = format_ident!("{}", type_definition.name);
        let rust_name = format_ident!("{}", field.rust_name);
        let code = if field.optional {
            quote! { self.#rust_name.as_deref()? }
        } else {
            quote! { self.#rust_name.as_str() }
        };
        Some(quote! {
            impl #name {
                /// What the API reference says about this error code, if it documents it.
                pub fn documented_error(&self) -> ::std::option::Option<&'static #runtime::DocumentedErrorCode> {
                    super::error_codes::find(#code)
                }
            }
        })
    });
    quote! { #(#impls)* }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::format::format_items;
    use crate::generate::ir::{ErrorCodeDefinition, FieldDefinition, TypeDefinition};

    fn error_code(
        status_code: Option<u16>,
        error_code: &str,
        constant_name: &str,
        first_of_its_code: bool,
    ) -> ErrorCodeDefinition {
        ErrorCodeDefinition {
            status_code,
            error_code: error_code.to_owned(),
            constant_name: constant_name.to_owned(),
            first_of_its_code,
            message: Some(format!("{error_code} happened.")),
            description: None,
            solution: Some("Retry.".to_owned()),
            other: vec![("level".to_owned(), "warning".to_owned())],
        }
    }

    fn module(error_codes: Vec<ErrorCodeDefinition>) -> ServiceModule {
        let error_response = TypeDefinition {
            name: "ErrorResponse".to_owned(),
            description: None,
            kind: TypeKind::Struct {
                fields: vec![FieldDefinition {
                    json_name: "error_code".to_owned(),
                    rust_name: "error_code".to_owned(),
                    rust_type: RustType::String,
                    required: false,
                    optional: true,
                    documentation: Vec::new(),
                    is_secret: false,
                    description: None,
                    constraints: Default::default(),
                }],
                additional_properties: None,
            },
        };
        ServiceModule {
            title: "Pets".to_owned(),
            server_url_template: String::new(),
            default_server_url: None,
            regions: Vec::new(),
            region_endpoints: Vec::new(),
            types: [("ErrorResponse".to_owned(), error_response)].into(),
            operations: Vec::new(),
            error_codes,
            report: Vec::new(),
        }
    }

    fn assert_source(emitted: &str, expected: &str) {
        assert!(
            emitted == expected,
            "emitted:\n{emitted}\nexpected:\n{expected}"
        );
    }

    #[test]
    fn a_code_listed_for_two_statuses_is_two_entries_and_one_constant() {
        let module = module(vec![
            error_code(Some(400), "DCS.4001", "DCS_4001", true),
            error_code(Some(404), "DCS.4001", "DCS_4001", false),
            error_code(None, "DCS_4001", "DCS_4001_2", true),
        ]);
        let tokens = emit_error_codes(&module, &quote! { crate::runtime });
        assert_source(
            &format_items(tokens).expect("tokens parse"),
            r#"/// The error codes documented in the API reference: match a response's `error_code`
/// against the constants, or look up what a code means.
pub mod error_codes {
    /// DCS.4001 happened.
    pub const DCS_4001: &str = "DCS.4001";
    /// DCS_4001 happened.
    pub const DCS_4001_2: &str = "DCS_4001";
    /// Every documented error code, in the order of the docs' table.
    pub const ALL: &[crate::runtime::DocumentedErrorCode] = &[
        crate::runtime::DocumentedErrorCode {
            status_code: Some(400),
            error_code: "DCS.4001",
            message: Some("DCS.4001 happened."),
            description: None,
            solution: Some("Retry."),
            other: &[("level", "warning")],
        },
        crate::runtime::DocumentedErrorCode {
            status_code: Some(404),
            error_code: "DCS.4001",
            message: Some("DCS.4001 happened."),
            description: None,
            solution: Some("Retry."),
            other: &[("level", "warning")],
        },
        crate::runtime::DocumentedErrorCode {
            status_code: None,
            error_code: "DCS_4001",
            message: Some("DCS_4001 happened."),
            description: None,
            solution: Some("Retry."),
            other: &[("level", "warning")],
        },
    ];
    /// The first documented entry for an error code.
    pub fn find(
        error_code: &str,
    ) -> ::std::option::Option<&'static crate::runtime::DocumentedErrorCode> {
        ALL.iter().find(|entry| entry.error_code == error_code)
    }
    /// Every documented entry for an error code (some codes are listed once per status).
    pub fn find_all(
        error_code: &str,
    ) -> impl Iterator<Item = &'static crate::runtime::DocumentedErrorCode> + '_ {
        ALL.iter().filter(move |entry| entry.error_code == error_code)
    }
}
"#,
        );
    }

    #[test]
    fn models_with_an_error_code_field_look_their_code_up() {
        let module = module(vec![error_code(Some(400), "DCS.4001", "DCS_4001", true)]);
        let tokens = emit_documented_error_impls(&module, &quote! { ::otc_client_runtime });
        assert_source(
            &format_items(tokens).expect("tokens parse"),
            r#"impl ErrorResponse {
    /// What the API reference says about this error code, if it documents it.
    pub fn documented_error(
        &self,
    ) -> ::std::option::Option<&'static ::otc_client_runtime::DocumentedErrorCode> {
        super::error_codes::find(self.error_code.as_deref()?)
    }
}
"#,
        );
    }

    #[test]
    fn a_module_without_error_codes_has_neither_the_module_nor_the_lookups() {
        let module = module(Vec::new());
        assert!(emit_error_codes(&module, &quote! { crate::runtime }).is_empty());
        assert!(emit_documented_error_impls(&module, &quote! { crate::runtime }).is_empty());
    }
}
