//! Fuzz target: one doc-exports HTML page through the HTML front end and the importer (and,
//! when it imports, through the generator).

#![no_main]

libfuzzer_sys::fuzz_target!(|page_bytes: &[u8]| {
    otc_codegen_fuzz::import_one_page(otc_codegen_fuzz::FUZZED_HTML_FILE_NAME, page_bytes);
});
