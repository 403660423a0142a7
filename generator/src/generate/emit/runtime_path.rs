//! How the runtime is named in generated code: the settings' runtime path as tokens
//! (`::otc_client_runtime`) and as rustdoc links write it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::generate::ir::GenerateSettings;

/// The runtime path of the settings as tokens (`::otc_client_runtime`).
pub fn runtime_tokens(settings: &GenerateSettings) -> TokenStream {
    settings
        .runtime_path
        .parse()
        .unwrap_or_else(|_| quote! { ::otc_client_runtime })
}

/// The runtime path as rustdoc links it (`crate::runtime`, `otc_client_runtime`).
pub(super) fn runtime_doc_path(runtime: &TokenStream) -> String {
    runtime
        .to_string()
        .replace(' ', "")
        .trim_start_matches("::")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_path_is_tokens_and_a_rustdoc_path() {
        let standalone = runtime_tokens(&GenerateSettings::standalone());
        assert_eq!(
            standalone.to_string(),
            quote! { ::otc_client_runtime }.to_string()
        );
        assert_eq!(runtime_doc_path(&standalone), "otc_client_runtime");
        let otc_service = runtime_tokens(&GenerateSettings::otc_service("dcs"));
        assert_eq!(otc_service.to_string(), standalone.to_string());
    }

    #[test]
    fn a_runtime_path_that_is_no_rust_falls_back_to_the_runtime_crate() {
        let settings = GenerateSettings {
            runtime_path: "not a \"path".to_owned(),
            ..GenerateSettings::standalone()
        };
        assert_eq!(
            runtime_tokens(&settings).to_string(),
            quote! { ::otc_client_runtime }.to_string()
        );
    }
}
