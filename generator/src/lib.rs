//! The engine: imports doc-exports API reference pages into OpenAPI 3.0 and generates Rust
//! client code from OpenAPI.
//!
//! The pipeline, stage by stage (see ARCHITECTURE.md):
//! pages → [`front_end`] → [`doc_model`] → [`import`] → OpenAPI → [`generate::ir`] → tokens →
//! [`generate::format`] → files. The command line (`xtask`) only reads and writes files.

#![forbid(unsafe_code)]

pub mod doc_model;
pub mod extensions;
pub mod front_end;
pub mod generate;
pub mod import;
pub mod naming;
pub mod openapi_error_location;
pub mod openapi_refs;
pub mod openapi_text;
pub mod service_catalog;
pub mod source_folder;
pub mod spec_diff;
