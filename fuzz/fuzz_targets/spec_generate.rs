//! Fuzz target: any OpenAPI document the openapiv3 crate accepts (JSON or YAML) through the code
//! generator: the service module and the example tests.

#![no_main]

libfuzzer_sys::fuzz_target!(|spec_bytes: &[u8]| {
    otc_codegen_fuzz::generate_from_spec(spec_bytes);
});
