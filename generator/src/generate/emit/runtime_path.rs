//! How the one runtime is named in generated code: `::otc_client_runtime` as tokens, and
//! `otc_client_runtime` in rustdoc links.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::generate::ir::RUNTIME_CRATE_NAME;

/// The runtime crate as a path in generated code (`::otc_client_runtime`).
pub fn runtime_tokens() -> TokenStream {
    let crate_name = format_ident!("{}", RUNTIME_CRATE_NAME);
    quote! { ::#crate_name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_is_one_absolute_crate_path() {
        assert_eq!(
            runtime_tokens().to_string(),
            quote! { ::otc_client_runtime }.to_string()
        );
    }
}
