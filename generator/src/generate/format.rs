//! Tokens → formatted Rust source, with `syn` + `prettyplease` (pinned by Cargo.lock, never the
//! system rustfmt, so every machine produces the same bytes).

use proc_macro2::TokenStream;

use crate::generate::ir::GenerateError;

/// Formats a file's tokens, preceded by the generated-file header and the given `//!` lines.
pub fn format_file(
    header: &str,
    tokens: TokenStream,
    module_doc_lines: &[&str],
) -> Result<String, GenerateError> {
    let mut source = String::from(header);
    source.push('\n');
    for line in module_doc_lines {
        source.push_str(line);
        source.push('\n');
    }
    source.push('\n');
    source.push_str(&format_items(tokens)?);
    Ok(source)
}

/// Formats items (a whole file or a run of items of one) without any header.
pub fn format_items(tokens: TokenStream) -> Result<String, GenerateError> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| GenerateError {
        pointer: "#".to_owned(),
        message: format!("generated tokens do not parse as Rust (a generator bug): {error}"),
    })?;
    Ok(prettyplease::unparse(&file))
}
