//! Project automation: `cargo xtask codegen`.
#![forbid(unsafe_code)]
fn main() {}
