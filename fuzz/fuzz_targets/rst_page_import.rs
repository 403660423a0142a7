//! Fuzz target: one doc-exports RST page through the RST front end and the importer (and, when
//! it imports, through the generator).

#![no_main]

libfuzzer_sys::fuzz_target!(|page_bytes: &[u8]| {
    otc_codegen_fuzz::import_one_page(otc_codegen_fuzz::FUZZED_RST_FILE_NAME, page_bytes);
});
