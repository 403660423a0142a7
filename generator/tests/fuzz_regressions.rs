//! Fuzzing findings, replayed: every input under `tests/fuzz_regressions/<target>/` goes through
//! the same calls as the fuzz target of that name (`fuzz_pipelines` below, the calls of the fuzz
//! crate's `src/lib.rs`), so a fixed panic, hang or blow-up stays fixed without nightly or
//! cargo-fuzz. Inputs the fuzzers would need long to build (deep nesting, huge spans) are made
//! here and run through the same calls.

#[path = "../../fuzz/src/lib.rs"]
mod fuzz_pipelines;

use std::path::PathBuf;

use fuzz_pipelines::{
    generate_from_spec, generate_standalone_from_spec, import_one_page, FUZZED_HTML_FILE_NAME,
    FUZZED_RST_FILE_NAME,
};

/// The regression inputs of one fuzz target, in file name order.
fn regression_inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    // A target without findings has no folder (git keeps no empty folders).
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable folder entry").path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes =
                std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            (path, bytes)
        })
        .collect()
}

fn replay(target: &str, run: impl Fn(&[u8])) {
    for (path, bytes) in regression_inputs(target) {
        // Printed before the run, so a panic's output says which input it was.
        eprintln!("replaying {}", path.display());
        run(&bytes);
    }
}

#[test]
fn html_page_import_findings_stay_fixed() {
    replay("html_page_import", |bytes| {
        import_one_page(FUZZED_HTML_FILE_NAME, bytes)
    });
}

#[test]
fn rst_page_import_findings_stay_fixed() {
    replay("rst_page_import", |bytes| {
        import_one_page(FUZZED_RST_FILE_NAME, bytes)
    });
}

#[test]
fn spec_generate_findings_stay_fixed() {
    replay("spec_generate", generate_from_spec);
}

/// The standalone path replays the `spec_generate` findings too: they are specs, and the
/// reader and the type builders are the same.
#[test]
fn spec_generate_standalone_findings_stay_fixed() {
    replay("spec_generate_standalone", generate_standalone_from_spec);
    replay("spec_generate", generate_standalone_from_spec);
}

/// Nesting far deeper than any page (about 15 levels): deep enough to overflow a test thread's
/// 2 MiB stack with one frame per level, as the HTML front end had. (html5ever's own scope
/// checks take time quadratic in the depth, as the HTML standard's algorithm does, which is
/// why this is not deeper.)
const HTML_NESTING_DEPTH: usize = 2_000;

#[test]
fn deeply_nested_html_imports_without_overflowing_the_stack() {
    for (open, close) in [
        ("<div>", "</div>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<ul><li>", "</li></ul>"),
        ("<span>", "</span>"),
    ] {
        let page = format!(
            "<h4 class=\"sectiontitle\">URI</h4>{}text{}",
            open.repeat(HTML_NESTING_DEPTH),
            close.repeat(HTML_NESTING_DEPTH)
        );
        import_one_page(FUZZED_HTML_FILE_NAME, page.as_bytes());
    }
}

/// Past the RST front end's nesting limit (32), with an input that stays small: nesting by
/// indentation makes the text grow with the square of the depth.
const RST_NESTING_DEPTH: usize = 200;

#[test]
fn deeply_nested_rst_imports_without_overflowing_the_stack() {
    // Block quotes, list items and directive bodies, each nested by indentation.
    let block_quotes: String = (0..RST_NESTING_DEPTH)
        .map(|depth| format!("{}text\n\n", " ".repeat(depth)))
        .collect();
    let list_items: String = (0..RST_NESTING_DEPTH)
        .map(|depth| format!("{}- item\n\n", "  ".repeat(depth)))
        .collect();
    let notes: String = (0..RST_NESTING_DEPTH)
        .map(|depth| format!("{}.. note::\n\n", "   ".repeat(depth)))
        .collect();
    for page in [block_quotes, list_items, notes] {
        import_one_page(
            FUZZED_RST_FILE_NAME,
            format!("Title\n=====\n\n{page}").as_bytes(),
        );
    }
}

#[test]
fn huge_html_spans_stay_bounded() {
    // Every cell claims more rows than a browser honours (such a span counts as one) and the
    // most columns one honours: the table grows with the cells there are times the honoured
    // span, no more.
    let row = "<tr><td rowspan=\"65534\" colspan=\"1000\">a</td><td colspan=\"1000\">b</td></tr>";
    let page = format!(
        "<h4 class=\"sectiontitle\">Request Parameters</h4><table><caption>Table 1 Request body</caption>\
         <thead><tr><th>Parameter</th><th>Type</th></tr></thead>{}</table>",
        row.repeat(200)
    );
    import_one_page(FUZZED_HTML_FILE_NAME, page.as_bytes());
}

#[test]
fn recursive_references_in_a_spec_generate_without_looping() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        next: {$ref: '#/components/schemas/Node'}\n        loop: {$ref: '#/components/schemas/Loop'}\n        wrapped: {allOf: [{$ref: '#/components/schemas/Node'}]}\n    Loop:\n      $ref: '#/components/schemas/Loop'\n";
    generate_from_spec(spec.as_bytes());
}

#[test]
fn names_that_make_no_rust_identifiers_become_distinct_identifiers() {
    // Found by fuzzing when such names panicked in `format_ident!`. The generator names types
    // and methods through its own identifier rules now (keywords get a suffix, names starting
    // with a digit or made of punctuation get a prefix), so these generate valid, distinct
    // Rust instead of failing.
    let path = format!(
        "{}/tests/fuzz_regressions/spec_generate/names_that_make_no_rust_identifiers.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let document = otc_codegen::openapi_text::parse_openapi_text(&text).expect("a spec");
    let source = otc_codegen::generate::generate_service_module(&document, "fuzzed")
        .unwrap_or_else(|errors| panic!("{errors:#?}"));
    syn::parse_file(&source).expect("the generated module is Rust");
    for expected in [
        "pub struct Type1Thing",
        "pub struct SelfType",
        "pub async fn type_(",
        "pub async fn self_(",
        "pub enum SelfTypeResponse",
    ] {
        assert!(
            source.contains(expected),
            "{expected:?} missing in:\n{source}"
        );
    }
}

/// A small operation page (`tests/pages/NestedObjects.html`) with its response body table's
/// rows replaced: the place where type words and object tables are read.
fn operation_page_with_response_rows(rows_and_tables: &str) -> String {
    let page = std::fs::read_to_string(format!(
        "{}/tests/pages/NestedObjects.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the test page");
    let body_start = page
        .find("<tbody><tr><td><p>widgets</p>")
        .expect("the response body rows");
    let body_end = body_start + page[body_start..].find("</table>").expect("its end");
    format!(
        "{}<tbody>{rows_and_tables}{}",
        &page[..body_start],
        &page[body_end..]
    )
}

#[test]
fn deeply_nested_type_words_are_errors_not_stack_overflows() {
    for (open, close) in [
        ("Array of ", "strings"),
        ("Map<String,", ">"),
        ("List<", ">"),
    ] {
        let type_word = if close == "strings" {
            format!("{}{close}", open.repeat(5_000))
        } else {
            format!("{}String{}", open.repeat(5_000), close.repeat(5_000))
        };
        let rows = format!("<tr><td><p>deep</p></td><td><p>{type_word}</p></td><td><p>Deep.</p></td></tr></tbody></table>");
        let page = operation_page_with_response_rows(&rows);
        import_one_page(FUZZED_HTML_FILE_NAME, page.as_bytes());
        let errors = import_errors(&page);
        assert!(
            errors[0].starts_with(
                "FuzzedPage.html, table \"Response body parameters\", row 1 (deep): unknown type"
            ),
            "{errors:?}"
        );
    }
}

#[test]
fn long_chains_of_object_tables_are_read_without_deep_recursion() {
    // Table N has one row of type "ObjectN+1 object", linking to table N+1.
    const CHAIN_LENGTH: usize = 3_000;
    let mut rows = String::from("<tr><td><p>first</p></td><td><p><a href=\"#chain1\">Object1</a> object</p></td><td><p>Start.</p></td></tr></tbody></table>");
    for index in 1..=CHAIN_LENGTH {
        rows.push_str(&format!(
            "<table id=\"chain{index}\"><caption>Table {index} Object{index}</caption><thead><tr><th>Parameter</th><th>Type</th><th>Description</th></tr></thead><tbody><tr><td>next</td><td><a href=\"#chain{next}\">Object{next}</a> object</td><td>Next.</td></tr></tbody></table>",
            next = index + 1
        ));
    }
    rows.push_str(&format!(
        "<table id=\"chain{last}\"><caption>Table {last} Object{last}</caption><thead><tr><th>Parameter</th><th>Type</th><th>Description</th></tr></thead><tbody><tr><td>end</td><td>String</td><td>End.</td></tr></tbody>",
        last = CHAIN_LENGTH + 1
    ));
    let page = operation_page_with_response_rows(&rows);
    import_one_page(FUZZED_HTML_FILE_NAME, page.as_bytes());
    assert_eq!(
        import_errors(&page),
        ["FuzzedPage.html, table \"Object31\", row 1 (next): type \"Object32\" nests objects more than 32 deep"]
    );
}

/// Every problem of importing the page on its own: it is a failed page (with these errors) or
/// it imports (without any).
fn import_errors(html_page: &str) -> Vec<String> {
    let outcome = otc_codegen::source_folder::import_source_folder(
        &fuzz_pipelines::fuzzed_service(),
        &[otc_codegen::source_folder::SourceFile::from_text(
            FUZZED_HTML_FILE_NAME,
            html_page,
        )],
        "",
    );
    let errors = outcome.all_errors();
    let failed: Vec<&str> = outcome
        .summary
        .failed_pages
        .iter()
        .map(|failed| failed.file_name.as_str())
        .collect();
    if errors.is_empty() {
        assert!(failed.is_empty(), "{failed:?}");
    } else {
        assert_eq!(failed, [FUZZED_HTML_FILE_NAME]);
    }
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn schemas_nested_as_deep_as_the_parser_allows_generate() {
    // serde_yaml refuses nesting past 128 levels, which the outermost levels of the document
    // leave 117 arrays; both the deepest spec that parses and the first that does not
    // are tried.
    for depth in [117, 118] {
        let mut schema = String::from("{type: string}");
        for _ in 0..depth {
            schema = format!("{{type: array, items: {schema}}}");
        }
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: v}}\npaths:\n  /deep:\n    get:\n      operationId: ShowDeep\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {{type: object, properties: {{deep: {schema}}}}}\n              example: {{deep: []}}\n"
        );
        // A debug build of serde's deserializers for openapiv3's untagged enums takes tens of
        // KiB of stack per level, more than a test thread's 2 MiB at this depth; the tools
        // run on the main thread, whose stack is 8 MiB.
        let parsed = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                let parsed = otc_codegen::openapi_text::parse_openapi_text(&spec).is_ok();
                generate_from_spec(spec.as_bytes());
                parsed
            })
            .expect("a thread")
            .join()
            .expect("no panic");
        assert_eq!(parsed, depth == 117, "depth {depth}");
    }
}

#[test]
fn a_thousand_cells_spanning_rows_take_linear_time() {
    // Each of the 1,000 cells of the first row spans the 999 rows below it; placing each later
    // row's cells looked each column up in a list of every pending span (2,500 such cells, a
    // 64 KiB page, took 15 s in the fuzz build).
    let first_row = format!("<tr>{}</tr>", "<td rowspan=\"1000\">x</td>".repeat(1_000));
    let page = format!(
        "<h4 class=\"sectiontitle\">URI</h4><table><caption>Table 1 Path Parameters</caption>\
         <thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody>{first_row}{}</tbody></table>",
        "<tr>".repeat(999)
    );
    import_one_page(FUZZED_HTML_FILE_NAME, page.as_bytes());
}

#[test]
fn long_paragraphs_of_unclosed_rst_markup_take_linear_time() {
    // Each start-string searched the rest of the paragraph for its end-string again: 60 KB of
    // "*a " took 8 s in the fuzz build.
    for unclosed in ["*a ", "**a ", "`a ", "``a ", ":r:`a "] {
        let page = format!("Title\n=====\n\n{}\n", unclosed.repeat(5_000));
        import_one_page(FUZZED_RST_FILE_NAME, page.as_bytes());
    }
}

#[test]
fn explicit_markup_lines_of_thousands_of_double_colons_take_linear_time() {
    // Each `::` checked the whole name before it again: 60 KB of them took 18 s in the fuzz
    // build.
    for markup in [
        format!(".. a{}", "::".repeat(10_000)),
        format!(".. {}", "a::".repeat(7_000)),
    ] {
        let page = format!("Title\n=====\n\n{markup}\n");
        import_one_page(FUZZED_RST_FILE_NAME, page.as_bytes());
    }
}
