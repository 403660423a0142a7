//! Fuzz target: any OpenAPI document through `cargo xtask generate`'s path: the guarded reader,
//! then a standalone crate (its `lib.rs`, `types.rs` and completeness report).

#![no_main]

libfuzzer_sys::fuzz_target!(|spec_bytes: &[u8]| {
    otc_codegen_fuzz::generate_standalone_from_spec(spec_bytes);
});
