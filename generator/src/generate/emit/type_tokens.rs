//! How a [`RustType`] is written where it appears: in the `types` module or beside the client
//! (`types::` prefix), with the prelude's names unqualified or fully qualified.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::generate::ir::{GenerateSettings, RustType};

/// Where a type is written: in the `types` module or beside the client (named types need the
/// `types::` prefix), and whether the prelude's names (`Option`, `String`, `Vec`, `Box`) can be
/// used unqualified: in a standalone crate they can, because no generated type takes those
/// names; `otc-client` keeps its fully qualified paths.
#[derive(Debug, Clone, Copy)]
pub(super) struct TypePlace {
    in_types_module: bool,
    prelude: bool,
}

impl TypePlace {
    pub(super) fn models(settings: &GenerateSettings) -> TypePlace {
        TypePlace {
            in_types_module: true,
            prelude: settings.prelude_names,
        }
    }

    pub(super) fn client(settings: &GenerateSettings) -> TypePlace {
        TypePlace {
            in_types_module: false,
            prelude: settings.prelude_names,
        }
    }

    pub(super) fn option(self, inner: TokenStream) -> TokenStream {
        if self.prelude {
            quote! { Option<#inner> }
        } else {
            quote! { ::std::option::Option<#inner> }
        }
    }
}

/// The Rust type of a field.
pub(super) fn type_tokens(rust_type: &RustType, place: TypePlace) -> TokenStream {
    let in_types_module = place.in_types_module;
    match rust_type {
        RustType::String if place.prelude => quote! { String },
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
        RustType::Bytes => quote! { ::bytes::Bytes },
        RustType::Vec(element) if place.prelude => {
            let element = type_tokens(element, place);
            quote! { Vec<#element> }
        }
        RustType::Vec(element) => {
            let element = type_tokens(element, place);
            quote! { ::std::vec::Vec<#element> }
        }
        RustType::Map(value) if place.prelude => {
            let value = type_tokens(value, place);
            quote! { ::std::collections::BTreeMap<String, #value> }
        }
        RustType::Map(value) => {
            let value = type_tokens(value, place);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
        RustType::Boxed(inner) if place.prelude => {
            let inner = type_tokens(inner, place);
            quote! { Box<#inner> }
        }
        RustType::Boxed(inner) => {
            let inner = type_tokens(inner, place);
            quote! { ::std::boxed::Box<#inner> }
        }
        RustType::Named(name) => {
            let name = format_ident!("{}", name);
            if in_types_module {
                quote! { #name }
            } else {
                quote! { types::#name }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(rust_type: RustType, place: TypePlace, expected: TokenStream) {
        assert_eq!(
            type_tokens(&rust_type, place).to_string(),
            expected.to_string()
        );
    }

    fn nested() -> RustType {
        RustType::Map(Box::new(RustType::Vec(Box::new(RustType::Boxed(
            Box::new(RustType::Named("Pet".to_owned())),
        )))))
    }

    #[test]
    fn otc_client_writes_full_paths_and_names_models_from_beside_the_client() {
        let settings = GenerateSettings {
            prelude_names: false,
            ..GenerateSettings::otc_service("test")
        };
        check(
            nested(),
            TypePlace::client(&settings),
            quote! {
                ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::boxed::Box<types::Pet> > >
            },
        );
        check(
            nested(),
            TypePlace::models(&settings),
            quote! {
                ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::boxed::Box<Pet> > >
            },
        );
        assert_eq!(
            TypePlace::models(&settings)
                .option(quote! { i32 })
                .to_string(),
            quote! { ::std::option::Option<i32> }.to_string()
        );
    }

    #[test]
    fn a_standalone_crate_writes_the_prelude_names_unqualified() {
        let settings = GenerateSettings::standalone();
        check(
            nested(),
            TypePlace::models(&settings),
            quote! { ::std::collections::BTreeMap<String, Vec<Box<Pet> > > },
        );
        check(
            RustType::JsonObject,
            TypePlace::models(&settings),
            quote! { ::serde_json::Map<::std::string::String, ::serde_json::Value> },
        );
        check(
            RustType::Bytes,
            TypePlace::client(&settings),
            quote! { ::bytes::Bytes },
        );
        assert_eq!(
            TypePlace::client(&settings)
                .option(quote! { String })
                .to_string(),
            quote! { Option<String> }.to_string()
        );
    }
}
