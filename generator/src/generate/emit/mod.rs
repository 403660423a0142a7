//! Emitters: the intermediate form → tokens of one service module (types, request structs,
//! response enums, client methods). Nothing here decides a name or a type; `ir` did.
//!
//! One module per part of the output: `client` (the client and its methods), `requests`,
//! `bodies`, `responses`, `streams` (pagination), `models` (the `types` module) and
//! `error_codes`; they share how types are written (`type_tokens`), doc comments
//! (`doc_comments`) and the runtime's path (`runtime_path`).

mod bodies;
mod client;
mod doc_comments;
mod error_codes;
mod models;
mod requests;
mod responses;
mod runtime_path;
mod streams;
mod type_tokens;

pub use client::{emit_client_items, emit_operations, emit_service_module};
pub use models::{
    emit_string_enum_macro, emit_type_list, emit_types, emit_types_epilogue, emit_types_prelude,
};
pub use runtime_path::runtime_tokens;
