//! Request bodies on the wire: a runtime `Body` in the body's encoding (JSON, form, multipart
//! parts, text, bytes).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::generate::ir::{BodyDefinition, BodyEncoding, MultipartKind};

/// The request body: a `Body` in the body's encoding.
pub(super) fn request_body(body: Option<&BodyDefinition>, runtime: &TokenStream) -> TokenStream {
    let Some(body) = body else {
        return quote! { ::std::option::Option::None };
    };
    let content_type = &body.content_type;
    let encode = match &body.encoding {
        BodyEncoding::Json => quote! { #runtime::Body::json(body)? },
        BodyEncoding::Form => quote! { #runtime::Body::form(body)? },
        BodyEncoding::Text => {
            quote! { #runtime::Body::text(#content_type, ::std::clone::Clone::clone(body)) }
        }
        BodyEncoding::Binary => {
            quote! { #runtime::Body::bytes(#content_type, ::std::clone::Clone::clone(body)) }
        }
        BodyEncoding::Multipart(fields) => {
            let parts = fields.iter().map(|field| {
                let wire_name = &field.wire_name;
                let rust_name = format_ident!("{}", field.rust_name);
                let add = match field.kind {
                    MultipartKind::Text => {
                        quote! { form.text(#wire_name, ::std::string::ToString::to_string(value)); }
                    }
                    MultipartKind::Bytes => {
                        quote! { form.bytes(#wire_name, ::std::clone::Clone::clone(value)); }
                    }
                    MultipartKind::Json => quote! { form.json(#wire_name, value)?; },
                };
                match (field.optional, field.repeated) {
                    (false, false) => quote! { { let value = &body.#rust_name; #add } },
                    (true, false) => quote! { if let Some(value) = &body.#rust_name { #add } },
                    (false, true) => quote! { for value in &body.#rust_name { #add } },
                    (true, true) => quote! {
                        for value in body.#rust_name.iter().flatten() { #add }
                    },
                }
            });
            quote! {
                {
                    let mut form = #runtime::Multipart::new();
                    #(#parts)*
                    form.into_body()
                }
            }
        }
    };
    if body.optional {
        quote! {
            match &request.body {
                ::std::option::Option::Some(body) => ::std::option::Option::Some(#encode),
                ::std::option::Option::None => ::std::option::Option::None,
            }
        }
    } else {
        quote! {
            {
                let body = &request.body;
                ::std::option::Option::Some(#encode)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::format::format_items;
    use crate::generate::ir::{MultipartField, RustType};

    fn body(encoding: BodyEncoding, optional: bool) -> BodyDefinition {
        BodyDefinition {
            rust_type: RustType::Named("UploadBody".to_owned()),
            optional,
            content_type: "multipart/form-data".to_owned(),
            encoding,
            examples: Vec::new(),
        }
    }

    fn assert_expression(tokens: TokenStream, expected: &str) {
        let source = format_items(quote! { fn body() { #tokens } }).expect("tokens parse");
        assert!(
            source == expected,
            "emitted:\n{source}\nexpected:\n{expected}"
        );
    }

    #[test]
    fn a_multipart_body_is_one_part_per_field_and_per_element() {
        let field = |wire_name: &str, kind, optional, repeated| MultipartField {
            wire_name: wire_name.to_owned(),
            rust_name: wire_name.to_owned(),
            kind,
            optional,
            repeated,
        };
        let encoding = BodyEncoding::Multipart(vec![
            field("name", MultipartKind::Text, false, false),
            field("file", MultipartKind::Bytes, true, false),
            field("labels", MultipartKind::Text, true, true),
            field("metadata", MultipartKind::Json, false, false),
        ]);
        assert_expression(
            request_body(
                Some(&body(encoding, false)),
                &quote! { ::otc_client_runtime },
            ),
            r#"fn body() {
    {
        let body = &request.body;
        ::std::option::Option::Some({
            let mut form = ::otc_client_runtime::Multipart::new();
            {
                let value = &body.name;
                form.text("name", ::std::string::ToString::to_string(value));
            }
            if let Some(value) = &body.file {
                form.bytes("file", ::std::clone::Clone::clone(value));
            }
            for value in body.labels.iter().flatten() {
                form.text("labels", ::std::string::ToString::to_string(value));
            }
            {
                let value = &body.metadata;
                form.json("metadata", value)?;
            }
            form.into_body()
        })
    }
}
"#,
        );
    }

    #[test]
    fn an_optional_body_is_sent_only_when_set() {
        assert_expression(
            request_body(
                Some(&body(BodyEncoding::Json, true)),
                &quote! { ::otc_client_runtime },
            ),
            r#"fn body() {
    match &request.body {
        ::std::option::Option::Some(body) => {
            ::std::option::Option::Some(::otc_client_runtime::Body::json(body)?)
        }
        ::std::option::Option::None => ::std::option::Option::None,
    }
}
"#,
        );
        assert_eq!(
            request_body(None, &quote! { ::otc_client_runtime }).to_string(),
            quote! { ::std::option::Option::None }.to_string()
        );
    }
}
