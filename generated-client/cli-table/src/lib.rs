//! The command tables of `otc`: one table per service, written by the generator
//! (`otc_codegen::generate::cli_table`) from the intermediate form and read by the command line
//! (`otc-cli`), and the naming rules both sides apply. The one definition of the data both
//! stages agree on, so the writer and the reader cannot drift apart.
//!
//! A table is text, one JSON document per line: the [`ServiceIndex`] first, then one
//! [`Operation`] per line in the index's order, then one [`TypeEntry`] per line in
//! [`ServiceIndex::type_names`] order. The command line decodes only the lines a command needs
//! (the index for `otc <service> --help`, one operation and the types it reaches for a call),
//! so start-up does not grow with the size of a service.

#![forbid(unsafe_code)]

pub mod model;
pub mod names;

pub use model::*;
pub use names::*;
