//! The page-style recognisers: each reads the doc model of one style of page and yields the
//! same `PageImport`, so naming, overrides, the spec and the generator never see the style.
//!
//! - `generated`: the doc-exports generated format ("Request Parameters", "Response
//!   Parameters", a "Status Codes" table, "Status code: N" before each response table).
//! - `hand_written`: the older hand-written formats and their variants ("Request",
//!   "Response", statuses in a table, a list, a "Normal response" line or only a reference to
//!   the service's general status code page).
//! - `status_code_page`: the general status code pages the older format refers to.

#[cfg(test)]
mod fidelity_tests;
pub mod generated;
pub mod hand_written;
pub mod status_code_page;

use crate::doc_model::{DocBlock, DocPage};
use crate::import::error_codes::error_code_tables;
use crate::import::page_index::PageIndex;
use crate::import::request_line::{parse_request_line, section_request_lines, RequestLine};
use crate::import::sections::{section_role, SectionRole};
use crate::import::styles::status_code_page::StatusCodePages;
use crate::import::table_reader::TableReader;

/// An operation page and what the recognisers need besides it.
#[derive(Debug, Clone, Copy)]
pub struct OperationPage<'pages> {
    pub page: &'pages DocPage,
    pub index: &'pages PageIndex<'pages>,
    /// The request lines of its URI section, one operation each.
    pub request_lines: &'pages [RequestLine],
    /// The operation id of each request line.
    pub operation_ids: &'pages [String],
    /// The folder's general status code pages.
    pub status_code_pages: &'pages StatusCodePages,
}

impl OperationPage<'_> {
    /// The id that names the page's unnamed schemas: its first operation's.
    pub fn first_operation_id(&self) -> &str {
        self.operation_ids
            .first()
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// What every style reads the same way, recorded in the page's ledger, then the conservation
/// check: error code tables (imported as `x-error-codes` by the service), the code blocks of the
/// URI section that hold its request lines, and the code blocks of the Function and
/// Constraints sections (part of the operation's description).
pub fn check_page_conservation(reader: &mut TableReader<'_>, page: &DocPage) {
    for table in error_code_tables(page) {
        reader.take_table(page, table);
    }
    for section in &page.sections {
        let role = section_role(&section.title);
        for block in &section.blocks {
            let DocBlock::Preformatted(text) = block else {
                continue;
            };
            let holds_request_line = role == SectionRole::Uri
                && (text
                    .lines()
                    .any(|line| parse_request_line(line.trim()).is_some())
                    || !section_request_lines(&crate::doc_model::DocSection {
                        title: String::new(),
                        blocks: vec![block.clone()],
                    })
                    .is_empty());
            let is_description = matches!(role, SectionRole::Function | SectionRole::Constraints);
            if holds_request_line || is_description {
                reader.take_code_block(page, block);
            }
        }
    }
    report_code_blocks_without_examples(reader, page);
    reader.attach_dotted_path_tables();
    reader.attach_tables_the_examples_place();
    crate::import::unreferenced_tables::report_unreferenced_tables(reader, page);
    reader.check_conservation();
}

/// Code blocks no reader takes that hold nothing to take: an empty block, or an example URL of
/// the request line in the URI section (a path or URL without a method), each reported.
fn report_code_blocks_without_examples(reader: &mut TableReader<'_>, page: &DocPage) {
    for section in &page.sections {
        for (block_index, block) in section.blocks.iter().enumerate() {
            let DocBlock::Preformatted(text) = block else {
                continue;
            };
            if reader.is_code_block_accounted(page, block) {
                continue;
            }
            let location = crate::doc_model::SourceLocation {
                table: Some(format!(
                    "{} section, code block {}",
                    section.title,
                    crate::import::ledger::code_block_number(section, block_index)
                )),
                ..crate::doc_model::SourceLocation::page(&page.file_name)
            };
            let trimmed = text.trim();
            if trimmed.is_empty() {
                reader.report_code_block(page, block, location, "code block left out: it is empty");
            } else if section_role(&section.title) == SectionRole::Uri
                && !trimmed.contains('\n')
                && (trimmed.starts_with('/') || trimmed.starts_with("http"))
            {
                reader.report_code_block(
                    page,
                    block,
                    location,
                    format!("an example URL of the request line, not in the spec: {trimmed:?}"),
                );
            }
        }
    }
}

/// Helpers of the recognisers' tests: pages imported as a folder, as a service would be.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::import::ImportOutcome;
    use crate::service_catalog::ServiceCatalog;
    use crate::source_folder::{import_source_folder, SourceFile};

    /// Imports RST pages given as `(file name, text)`.
    pub fn import_rst(pages: &[(&str, &str)]) -> ImportOutcome {
        let service = ServiceCatalog::from_toml(
            r#"
            [[service]]
            id = "test"
            title = "Test"
            version = "1"
            [service.server]
            url = "https://test.example.com"
            "#,
        )
        .expect("valid config")
        .service
        .remove(0);
        let files: Vec<SourceFile> = pages
            .iter()
            .map(|(name, text)| SourceFile::from_text(name, text))
            .collect();
        import_source_folder(&service, &files, "")
    }

    /// One RST page read into the doc model.
    pub fn parse_page(file_name: &str, text: &str) -> crate::doc_model::DocPage {
        crate::front_end::rst::parse_rst_page(file_name, text).expect("a readable RST page")
    }

    /// The one operation of an import, as JSON.
    pub fn only_operation(outcome: &ImportOutcome) -> serde_json::Value {
        let document = serde_json::to_value(&outcome.document).expect("json");
        let paths = document["paths"].as_object().expect("paths");
        assert_eq!(paths.len(), 1, "{}", outcome.summary);
        let item = paths
            .values()
            .next()
            .expect("a path")
            .as_object()
            .expect("an item");
        assert_eq!(item.len(), 1, "{}", outcome.summary);
        item.values().next().expect("an operation").clone()
    }

    /// Every problem of an import, as text.
    pub fn problems(outcome: &ImportOutcome) -> Vec<String> {
        outcome
            .all_errors()
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}

/// No page makes the importer panic, and every problem of a damaged page names that page: a
/// sample of the vendored pages of every style, cut off and with lines left out.
#[cfg(test)]
mod damaged_pages {
    use crate::import::styles::test_support::import_rst;

    /// Every 97th RST page under `spec/sources/` (a spread over services and styles), as
    /// (path, text).
    fn sampled_pages() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/sources");
        let mut pages = Vec::new();
        let mut pending = vec![root.clone()];
        while let Some(directory) = pending.pop() {
            let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(&directory)
                .unwrap_or_else(|error| panic!("{}: {error}", directory.display()))
                .map(|entry| entry.expect("a directory entry").path())
                .collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|extension| extension == "rst") {
                    pages.push(path);
                }
            }
        }
        pages.sort();
        pages
            .into_iter()
            .step_by(97)
            .map(|path| {
                let relative = path
                    .strip_prefix(&root)
                    .expect("under the sources")
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(&path).expect("a readable page");
                (relative, text)
            })
            .collect()
    }

    #[test]
    fn damaged_pages_never_panic_and_their_errors_name_the_page() {
        let pages = sampled_pages();
        assert!(pages.len() >= 40, "{} pages sampled", pages.len());
        let mut failed_variants = 0;
        for (relative_path, text) in &pages {
            let lines: Vec<&str> = text.lines().collect();
            let stride = (lines.len() / 6).max(1);
            for cut in (0..lines.len()).step_by(stride) {
                let variants = [
                    lines[..cut].join("\n"),
                    [&lines[..cut], &lines[cut + 1..]].concat().join("\n"),
                ];
                for variant in variants {
                    let outcome = import_rst(&[(relative_path.as_str(), variant.as_str())]);
                    for error in outcome.all_errors() {
                        assert_eq!(error.location.file_name, *relative_path, "{error}");
                    }
                    failed_variants += usize::from(!outcome.is_complete());
                }
            }
        }
        assert!(failed_variants > 0, "some damaged pages must fail");
    }
}
