//! Properties of the importer and the generator, checked on the vendored pages of DCS and ELB,
//! on the HTML pages of the test corpus, and on mutations of them (proptest; each property runs
//! a bounded number of cases, so the suite stays fast):
//!
//! - import and generation are deterministic: the same files give byte-identical output, in
//!   whatever order they are given to `import_source_folder`;
//! - the importer never panics on a page mutated at the doc-model level (cells deleted, tables
//!   truncated or moved, captions changed, links retargeted, sections dropped) or at the text
//!   level (ranges deleted or repeated, markup inserted, the page cut short);
//! - every error it returns names its file (the location's file name is the page's and the
//!   message starts with it) and, for a problem in a table row, the table and the row.
//!
//! The real pages are read from `spec/sources/` and `generator/tests/html_corpus/` of the
//! project (never from outside it). The ELB reference in `spec/sources/` is RST now, so the
//! 2022 ELB and ECS references in HTML (the generated and the older hand-written format) keep
//! the HTML front end under mutation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use otc_codegen::doc_model::{DocBlock, DocCell, DocLine, DocLink, DocPage, DocTable};
use otc_codegen::front_end::html::parse_html_page;
use otc_codegen::front_end::rst::parse_rst_page;
use otc_codegen::import::overrides::Overrides;
use otc_codegen::import::page_kind::{classify_page, PageKind};
use otc_codegen::import::{import_service, ImportError, ImportInput, ImportOutcome};
use otc_codegen::service_catalog::{CatalogService, ServiceCatalog};
use otc_codegen::source_folder::{import_source_folder, spec_yaml, SourceFile};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

/// The services whose vendored pages the properties use.
const SERVICE_IDS: [&str; 2] = ["dcs", "elb"];

/// Cases per property: enough to cover many pages and mutations, few enough that each property
/// takes about a second in a debug build.
fn cases(count: u32) -> ProptestConfig {
    ProptestConfig {
        cases: count,
        // Shrinking a failure re-imports many variants; it is worth its time only on failure,
        // and a bounded number of steps keeps even that quick.
        max_shrink_iters: 256,
        // No seed files written into the source tree: a failure's minimal input is printed,
        // and the finding goes into a plain test.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

struct VendoredService {
    config: CatalogService,
    /// Every file of the source folder, in file name order.
    files: Vec<SourceFile>,
    overrides: String,
}

fn spec_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn vendored(service_id: &str) -> &'static VendoredService {
    static SERVICES: OnceLock<BTreeMap<String, VendoredService>> = OnceLock::new();
    let services = SERVICES.get_or_init(|| {
        let config = ServiceCatalog::from_toml(&read_text(&spec_folder().join("services.toml")))
            .expect("spec/services.toml is valid");
        config
            .service
            .into_iter()
            .filter(|service| SERVICE_IDS.contains(&service.id.as_str()))
            .map(|service| {
                let folder = spec_folder().join(&service.sources);
                let mut files = Vec::new();
                collect_files(&folder, &folder, &mut files);
                files.sort_by(|left, right| left.relative_path.cmp(&right.relative_path));
                let overrides = read_text(&spec_folder().join(&service.overrides));
                (
                    service.id.clone(),
                    VendoredService {
                        config: service,
                        files,
                        overrides,
                    },
                )
            })
            .collect()
    });
    &services[service_id]
}

fn collect_files(root: &Path, folder: &Path, files: &mut Vec<SourceFile>) {
    let entries =
        std::fs::read_dir(folder).unwrap_or_else(|error| panic!("{}: {error}", folder.display()));
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        if path.is_dir() {
            collect_files(root, &path, files);
        } else {
            let relative_path = path
                .strip_prefix(root)
                .expect("inside the folder")
                .components()
                .map(|component| component.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let bytes =
                std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            files.push(SourceFile {
                relative_path,
                bytes,
            });
        }
    }
}

/// The folders of the HTML test corpus the mutation properties use, relative to this crate.
const HTML_CORPUS_FOLDERS: [&str; 2] = ["tests/html_corpus/elb-2022", "tests/html_corpus/ecs-2022"];

/// The HTML pages of the test corpus, each named by its path relative to its folder, in file
/// name order.
fn html_corpus_pages() -> &'static [SourceFile] {
    static PAGES: OnceLock<Vec<SourceFile>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut pages = Vec::new();
        for folder in HTML_CORPUS_FOLDERS {
            let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
            let mut files = Vec::new();
            collect_files(&folder, &folder, &mut files);
            files.retain(|file| file.relative_path.ends_with(".html"));
            files.sort_by(|left, right| left.relative_path.cmp(&right.relative_path));
            pages.extend(files);
        }
        pages
    })
}

/// A service for pages imported on their own, outside any real service.
fn test_service() -> CatalogService {
    ServiceCatalog::from_toml(
        r#"
        [[service]]
        id = "test"
        title = "Test Service"
        version = "v1"
        sources = "sources/test"
        spec = "test.openapi.yaml"
        overrides = "overrides/test.toml"
        module = "test"
        [service.server]
        url = "https://test.example.com"
        "#,
    )
    .expect("valid config")
    .service
    .remove(0)
}

/// Everything an import produces, as text: the spec, every problem and the summary.
fn outcome_text(service: &CatalogService, outcome: &ImportOutcome) -> String {
    let spec = spec_yaml(service, &outcome.document).expect("the spec serializes");
    let errors: Vec<String> = outcome
        .all_errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    format!(
        "{spec}\n--- errors\n{}\n--- summary\n{}",
        errors.join("\n"),
        outcome.summary
    )
}

/// Every error names a file, and where it names a row it names the table as well.
fn check_error_locations(
    errors: &[ImportError],
    expected_file_name: &str,
) -> Result<(), TestCaseError> {
    for error in errors {
        let text = error.to_string();
        prop_assert_eq!(&error.location.file_name, expected_file_name, "{}", text);
        prop_assert!(
            text.starts_with(expected_file_name),
            "the error does not start with its file name: {}",
            text
        );
        if let Some(table) = &error.location.table {
            prop_assert!(
                text.contains(&format!("table \"{table}\"")),
                "the error does not name its table: {}",
                text
            );
        }
        if let Some(row_number) = error.location.row_number {
            prop_assert!(
                error.location.table.is_some(),
                "the error names a row but not its table: {}",
                text
            );
            prop_assert!(
                text.contains(&format!(", row {row_number}")),
                "the error does not name its row: {}",
                text
            );
        }
    }
    Ok(())
}

// --- Determinism -------------------------------------------------------------------------

/// Up to `count` pages of one service and any of its other files (page tree, license,
/// provenance notes), in file name order and shuffled.
fn service_files_in_two_orders(
    count: usize,
) -> impl Strategy<Value = (&'static str, Vec<SourceFile>, Vec<SourceFile>)> {
    select(SERVICE_IDS.to_vec()).prop_flat_map(move |service_id| {
        let files = &vendored(service_id).files;
        let (pages, other_files): (Vec<usize>, Vec<usize>) = (0..files.len()).partition(|index| {
            let name = &files[*index].relative_path;
            name.ends_with(".html") || name.ends_with(".rst")
        });
        let other_file_count = other_files.len();
        (
            subsequence(pages, 1..=count),
            subsequence(other_files, 0..=other_file_count),
        )
            .prop_flat_map(move |(chosen_pages, chosen_other_files)| {
                let mut chosen = chosen_pages;
                chosen.extend(chosen_other_files);
                chosen.sort_unstable();
                let in_order: Vec<SourceFile> =
                    chosen.iter().map(|index| files[*index].clone()).collect();
                (
                    Just(service_id),
                    Just(in_order.clone()),
                    Just(in_order).prop_shuffle(),
                )
            })
    })
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn import_is_the_same_in_any_file_order(
        (service_id, in_order, shuffled) in service_files_in_two_orders(6)
    ) {
        let service = vendored(service_id);
        let first = import_source_folder(&service.config, &in_order, &service.overrides);
        let second = import_source_folder(&service.config, &shuffled, &service.overrides);
        prop_assert_eq!(
            outcome_text(&service.config, &first),
            outcome_text(&service.config, &second)
        );
    }

    #[test]
    fn generation_is_the_same_every_time_and_from_the_written_spec(
        (service_id, files, _) in service_files_in_two_orders(4)
    ) {
        let service = vendored(service_id);
        // Without the overrides, which name pages the subset may not have.
        let outcome = import_source_folder(&service.config, &files, "");
        let document = outcome.document;
        let module = otc_codegen::generate::generate_service_module(&document, "service");
        let again = otc_codegen::generate::generate_service_module(&document, "service");
        prop_assert_eq!(&module, &again);
        let tests = otc_codegen::generate::generate_example_tests(&document, "service", "service");
        let tests_again =
            otc_codegen::generate::generate_example_tests(&document, "service", "service");
        prop_assert_eq!(&tests, &tests_again);
        // The spec as written to disk and read back generates the same code.
        let written = spec_yaml(&service.config, &document).expect("the spec serializes");
        let read_back = otc_codegen::openapi_text::parse_openapi_text(&written)
            .expect("a written spec reads back");
        prop_assert_eq!(
            module,
            otc_codegen::generate::generate_service_module(&read_back, "service")
        );
    }
}

/// The first finding of the file order property: the summary listed the files that are not
/// pages in the order they were given.
#[test]
fn other_files_are_listed_in_file_name_order_whatever_the_order_given() {
    let service = vendored("dcs");
    let other_file = |name: &str| SourceFile::from_text(name, "");
    let listed = |files: &[SourceFile]| {
        import_source_folder(&service.config, files, "")
            .summary
            .other_files
    };
    let expected = ["LICENSE-doc-exports", "README.md"];
    assert_eq!(
        listed(&[other_file("README.md"), other_file("LICENSE-doc-exports")]),
        expected
    );
    assert_eq!(
        listed(&[other_file("LICENSE-doc-exports"), other_file("README.md")]),
        expected
    );
}

/// Whole folders in reverse file name order give the checked-in specs byte for byte (the
/// checked-in specs are imported in file name order).
#[test]
fn whole_folders_in_reverse_order_give_the_checked_in_specs() {
    for service_id in SERVICE_IDS {
        let service = vendored(service_id);
        let checked_in = read_text(&spec_folder().join(&service.config.spec));
        let reversed: Vec<SourceFile> = service.files.iter().rev().cloned().collect();
        let outcome = import_source_folder(&service.config, &reversed, &service.overrides);
        assert!(outcome.is_complete(), "{:?}", outcome.all_errors());
        assert!(
            spec_yaml(&service.config, &outcome.document).expect("yaml") == checked_in,
            "{service_id}: importing the files in reverse order gives another spec"
        );
    }
}

// --- Mutated doc models --------------------------------------------------------------------

/// The operation pages of both services and of the HTML test corpus, read by their front ends
/// once.
fn operation_pages() -> &'static [DocPage] {
    static PAGES: OnceLock<Vec<DocPage>> = OnceLock::new();
    PAGES.get_or_init(|| {
        SERVICE_IDS
            .iter()
            .flat_map(|service_id| &vendored(service_id).files)
            .chain(html_corpus_pages())
            .filter_map(|file| {
                if file.relative_path.ends_with(".html") {
                    Some(parse_html_page(&file.relative_path, file.text()?))
                } else if file.relative_path.ends_with(".rst") {
                    parse_rst_page(&file.relative_path, file.text()?).ok()
                } else {
                    None
                }
            })
            .filter(|page| matches!(classify_page(page), PageKind::Operation { .. }))
            .collect()
    })
}

/// Cell texts the importer must cope with: type words, mandatory values and constraint lines,
/// good and bad.
const CELL_TEXTS: [&str; 16] = [
    "",
    "Strnig",
    "String",
    "Integer",
    "Object",
    "Array of Missing objects",
    "Map<String,Missing>",
    "Array<Array<Array<String>>>",
    "Yes",
    "Maybe",
    "has space",
    "project_id",
    "X-Auth-Token",
    "Minimum: 5\nMaximum: 1",
    "Default: not-a-number",
    "Enumeration values:",
];

const CAPTIONS: [Option<&str>; 8] = [
    None,
    Some(""),
    Some("Path Parameters"),
    Some("Query Parameters"),
    Some("Request header parameters"),
    Some("Request body parameters"),
    Some("Response body parameters"),
    Some("Status Codes"),
];

const SECTION_TITLES: [&str; 8] = [
    "",
    "URI",
    "Function",
    "Request Parameters",
    "Response Parameters",
    "Example Requests",
    "Example Responses",
    "Status Codes",
];

/// One change to a page's doc model. Indices are taken modulo what the page has, so every
/// mutation applies to every page.
#[derive(Debug, Clone)]
enum DocMutation {
    DeleteCell {
        table: usize,
        row: usize,
        cell: usize,
    },
    DeleteHeaderCell {
        table: usize,
        cell: usize,
    },
    TruncateRows {
        table: usize,
        keep: usize,
    },
    DuplicateRow {
        table: usize,
        row: usize,
    },
    ReplaceCellText {
        table: usize,
        row: usize,
        cell: usize,
        text: &'static str,
    },
    ChangeCaption {
        table: usize,
        caption: Option<&'static str>,
    },
    CopyCaption {
        from: usize,
        to: usize,
    },
    /// Points a cell's link at another table (or the table itself, making an object contain
    /// itself).
    RetargetLink {
        table: usize,
        row: usize,
        cell: usize,
        target_table: usize,
    },
    DropLinks {
        table: usize,
        row: usize,
        cell: usize,
    },
    RemoveAnchor {
        table: usize,
    },
    DeleteTable {
        table: usize,
    },
    /// Moves a table to another section, breaking the nesting of sections and tables.
    MoveTable {
        table: usize,
        section: usize,
    },
    DropSection {
        section: usize,
    },
    RenameSection {
        section: usize,
        title: &'static str,
    },
    TruncatePreformatted {
        block: usize,
        keep: usize,
    },
    ChangePageAnchor {
        anchor: Option<&'static str>,
    },
}

fn doc_mutation() -> impl Strategy<Value = DocMutation> {
    let index = || any::<usize>();
    prop_oneof![
        (index(), index(), index()).prop_map(|(table, row, cell)| DocMutation::DeleteCell {
            table,
            row,
            cell
        }),
        (index(), index()).prop_map(|(table, cell)| DocMutation::DeleteHeaderCell { table, cell }),
        (index(), 0..4usize).prop_map(|(table, keep)| DocMutation::TruncateRows { table, keep }),
        (index(), index()).prop_map(|(table, row)| DocMutation::DuplicateRow { table, row }),
        (index(), index(), index(), select(CELL_TEXTS.to_vec())).prop_map(
            |(table, row, cell, text)| DocMutation::ReplaceCellText {
                table,
                row,
                cell,
                text
            }
        ),
        (index(), select(CAPTIONS.to_vec()))
            .prop_map(|(table, caption)| DocMutation::ChangeCaption { table, caption }),
        (index(), index()).prop_map(|(from, to)| DocMutation::CopyCaption { from, to }),
        (index(), index(), index(), index()).prop_map(|(table, row, cell, target_table)| {
            DocMutation::RetargetLink {
                table,
                row,
                cell,
                target_table,
            }
        }),
        (index(), index(), index()).prop_map(|(table, row, cell)| DocMutation::DropLinks {
            table,
            row,
            cell
        }),
        index().prop_map(|table| DocMutation::RemoveAnchor { table }),
        index().prop_map(|table| DocMutation::DeleteTable { table }),
        (index(), index()).prop_map(|(table, section)| DocMutation::MoveTable { table, section }),
        index().prop_map(|section| DocMutation::DropSection { section }),
        (index(), select(SECTION_TITLES.to_vec()))
            .prop_map(|(section, title)| DocMutation::RenameSection { section, title }),
        (index(), index())
            .prop_map(|(block, keep)| DocMutation::TruncatePreformatted { block, keep }),
        select(vec![None, Some(""), Some("1Bad"), Some("Renamed")])
            .prop_map(|anchor| DocMutation::ChangePageAnchor { anchor }),
    ]
}

/// Where each table of the page is: (section index, block index).
fn table_positions(page: &DocPage) -> Vec<(usize, usize)> {
    page.sections
        .iter()
        .enumerate()
        .flat_map(|(section_index, section)| {
            section
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, block)| matches!(block, DocBlock::Table(_)))
                .map(move |(block_index, _)| (section_index, block_index))
        })
        .collect()
}

fn nth_table(page: &mut DocPage, index: usize) -> Option<&mut DocTable> {
    let positions = table_positions(page);
    let (section, block) = *positions.get(index % positions.len().max(1))?;
    match &mut page.sections[section].blocks[block] {
        DocBlock::Table(table) => Some(table),
        _ => None,
    }
}

fn nth_cell(page: &mut DocPage, table: usize, row: usize, cell: usize) -> Option<&mut DocCell> {
    let table = nth_table(page, table)?;
    let row_count = table.rows.len();
    let row = table.rows.get_mut(row % row_count.max(1))?;
    let cell_count = row.cells.len();
    row.cells.get_mut(cell % cell_count.max(1))
}

fn apply_doc_mutation(page: &mut DocPage, mutation: &DocMutation) {
    match *mutation {
        DocMutation::DeleteCell { table, row, cell } => {
            if let Some(table) = nth_table(page, table) {
                let row_count = table.rows.len();
                if let Some(row) = table.rows.get_mut(row % row_count.max(1)) {
                    if !row.cells.is_empty() {
                        let cell_count = row.cells.len();
                        row.cells.remove(cell % cell_count);
                    }
                }
            }
        }
        DocMutation::DeleteHeaderCell { table, cell } => {
            if let Some(table) = nth_table(page, table) {
                if !table.header.is_empty() {
                    let count = table.header.len();
                    table.header.remove(cell % count);
                }
            }
        }
        DocMutation::TruncateRows { table, keep } => {
            if let Some(table) = nth_table(page, table) {
                table.rows.truncate(keep);
            }
        }
        DocMutation::DuplicateRow { table, row } => {
            if let Some(table) = nth_table(page, table) {
                if !table.rows.is_empty() {
                    let index = row % table.rows.len();
                    let copy = table.rows[index].clone();
                    table.rows.insert(index + 1, copy);
                }
            }
        }
        DocMutation::ReplaceCellText {
            table,
            row,
            cell,
            text,
        } => {
            if let Some(cell) = nth_cell(page, table, row, cell) {
                // The new text keeps the cell's links.
                let links: Vec<DocLink> = cell.links().cloned().collect();
                *cell = DocCell::from_text(text);
                set_links(cell, links);
            }
        }
        DocMutation::ChangeCaption { table, caption } => {
            if let Some(table) = nth_table(page, table) {
                table.caption = caption.map(str::to_owned);
            }
        }
        DocMutation::CopyCaption { from, to } => {
            let caption = nth_table(page, from).and_then(|table| table.caption.clone());
            if let Some(table) = nth_table(page, to) {
                table.caption = caption;
            }
        }
        DocMutation::RetargetLink {
            table,
            row,
            cell,
            target_table,
        } => {
            let anchor = nth_table(page, target_table)
                .and_then(|table| table.anchor.clone())
                .unwrap_or_else(|| "missing".to_owned());
            if let Some(cell) = nth_cell(page, table, row, cell) {
                let text = cell.text();
                set_links(
                    cell,
                    vec![DocLink {
                        target: format!("#{anchor}"),
                        text,
                    }],
                );
            }
        }
        DocMutation::DropLinks { table, row, cell } => {
            if let Some(cell) = nth_cell(page, table, row, cell) {
                set_links(cell, Vec::new());
            }
        }
        DocMutation::RemoveAnchor { table } => {
            if let Some(table) = nth_table(page, table) {
                table.anchor = None;
            }
        }
        DocMutation::DeleteTable { table } => {
            let positions = table_positions(page);
            if let Some((section, block)) = positions.get(table % positions.len().max(1)) {
                page.sections[*section].blocks.remove(*block);
            }
        }
        DocMutation::MoveTable { table, section } => {
            let positions = table_positions(page);
            if let Some((from_section, block)) = positions.get(table % positions.len().max(1)) {
                let moved = page.sections[*from_section].blocks.remove(*block);
                let to_section = section % page.sections.len();
                page.sections[to_section].blocks.push(moved);
            }
        }
        DocMutation::DropSection { section } => {
            if !page.sections.is_empty() {
                let count = page.sections.len();
                page.sections.remove(section % count);
            }
        }
        DocMutation::RenameSection { section, title } => {
            if !page.sections.is_empty() {
                let count = page.sections.len();
                page.sections[section % count].title = title.to_owned();
            }
        }
        DocMutation::TruncatePreformatted { block, keep } => {
            let mut preformatted: Vec<&mut String> = page
                .sections
                .iter_mut()
                .flat_map(|section| &mut section.blocks)
                .filter_map(|block| match block {
                    DocBlock::Preformatted(text) => Some(text),
                    _ => None,
                })
                .collect();
            let count = preformatted.len();
            if let Some(text) = preformatted.get_mut(block % count.max(1)) {
                let character_count = text.chars().count();
                let kept: String = text.chars().take(keep % (character_count + 1)).collect();
                **text = kept;
            }
        }
        DocMutation::ChangePageAnchor { anchor } => page.anchor = anchor.map(str::to_owned),
    }
}

/// Replaces the links of a cell: they all go on its first line (a cell without lines gets an
/// empty one to hold them).
fn set_links(cell: &mut DocCell, links: Vec<DocLink>) {
    for line in &mut cell.lines {
        line.links.clear();
    }
    if links.is_empty() {
        return;
    }
    match cell.lines.first_mut() {
        Some(first) => first.links = links,
        None => cell.lines.push(DocLine {
            links,
            ..DocLine::default()
        }),
    }
}

/// Imports one page on its own. Every page style is imported without configuration, so a
/// mutation that makes a page look like the older hand-written format exercises that
/// recogniser too.
fn import_doc_page(page: DocPage) -> ImportOutcome {
    import_service(ImportInput {
        service: &test_service(),
        pages: vec![page],
        unreadable_pages: Vec::new(),
        section_titles: BTreeMap::new(),
        overrides: Overrides::default(),
        deprecated_pages: BTreeSet::new(),
    })
}

/// An operation page and one of its table rows whose table has "Parameter" and "Type" columns:
/// (page, table, row) indices.
fn page_with_parameter_row() -> impl Strategy<Value = (usize, usize, usize)> {
    let candidates: Vec<(usize, usize, usize)> = operation_pages()
        .iter()
        .enumerate()
        .flat_map(|(page_index, page)| {
            page.tables()
                .map(|(_, table)| table)
                .enumerate()
                .filter(|(_, table)| table.column("Parameter").is_some())
                .filter(|(_, table)| table.column("Type").is_some())
                .flat_map(move |(table_index, table)| {
                    (0..table.rows.len()).map(move |row| (page_index, table_index, row))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    select(candidates)
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn mutated_doc_models_import_without_panicking_and_errors_name_their_place(
        page_index in any::<usize>(),
        mutations in proptest::collection::vec(doc_mutation(), 1..5)
    ) {
        let pages = operation_pages();
        let mut page = pages[page_index % pages.len()].clone();
        let file_name = page.file_name.clone();
        for mutation in &mutations {
            apply_doc_mutation(&mut page, mutation);
        }
        let outcome = import_doc_page(page);
        check_error_locations(&outcome.all_errors(), &file_name)?;
    }

}

proptest! {
    // Fewer cases: each imports its page twice.
    #![proptest_config(cases(32))]

    #[test]
    fn an_unknown_type_word_is_an_error_naming_file_table_and_row(
        (page_index, table_index, row_index) in page_with_parameter_row()
    ) {
        let mut page = operation_pages()[page_index].clone();
        let file_name = page.file_name.clone();
        // Pages that need their overrides to import are left out: their errors are expected.
        prop_assume!(import_doc_page(page.clone()).is_complete());
        let table = page
            .sections
            .iter_mut()
            .flat_map(|section| &mut section.blocks)
            .filter_map(|block| match block {
                DocBlock::Table(table) => Some(table),
                _ => None,
            })
            .nth(table_index)
            .expect("the table");
        let type_column = table.column("Type").expect("a type column");
        let table_name = table.display_name();
        let header_length = table.header.len();
        let row = &mut table.rows[row_index];
        let row_number = row.row_number;
        prop_assume!(row.cells.len() == header_length);
        // A word that can be no type: a capitalised unknown word ("Strnig") reads as the bare
        // name of an object, whose table is the one the row links to or that is captioned for
        // it (so a problem would be that table's, or none at all).
        row.cells[type_column] = DocCell::from_text("strnig");
        let outcome = import_doc_page(page);
        let errors = outcome.all_errors();
        check_error_locations(&errors, &file_name)?;
        // A table the importer does not read (an example's table) may hold anything; any
        // table it reads must report the row, and the page is then a failed page.
        if !errors.is_empty() {
            prop_assert!(
                outcome.summary.failed_pages.iter().any(|failed| failed.file_name == file_name),
                "errors but no failed page: {:#?}",
                errors
            );
            let expected_start = format!("{file_name}, table \"{table_name}\", row {row_number}");
            prop_assert!(
                errors.iter().any(|error| {
                    error.to_string().starts_with(&expected_start)
                        && error.message.contains("unknown type \"strnig\"")
                }),
                "no error starts with {:?}: {:#?}",
                expected_start,
                errors
            );
        }
    }
}

// --- Mutated page text ---------------------------------------------------------------------

/// Markup the text mutations insert: the pieces pages are made of, in both formats.
const MARKUP: [&str; 16] = [
    "<table>",
    "</table>",
    "<tr><td>",
    "</td></tr>",
    "<caption>Table 9 Path Parameters</caption>",
    "<h4 class=\"sectiontitle\">URI</h4>",
    "<a href=\"#",
    "<td rowspan=\"999\" colspan=\"999\">",
    "\n.. table:: **Table 9** Response body parameters\n\n",
    "\n+-----+-----+\n| a   | b   |\n+=====+=====+\n",
    "\n=====  =====\n",
    "\n   ",
    "**",
    "`",
    ":ref:`",
    "\n\n",
];

#[derive(Debug, Clone)]
enum TextMutation {
    DeleteRange { start: usize, length: usize },
    RepeatRange { start: usize, length: usize },
    Insert { at: usize, markup: &'static str },
    CutAt { at: usize },
}

fn text_mutation() -> impl Strategy<Value = TextMutation> {
    prop_oneof![
        (any::<usize>(), 0..2000usize)
            .prop_map(|(start, length)| TextMutation::DeleteRange { start, length }),
        (any::<usize>(), 0..200usize)
            .prop_map(|(start, length)| TextMutation::RepeatRange { start, length }),
        (any::<usize>(), select(MARKUP.to_vec()))
            .prop_map(|(at, markup)| TextMutation::Insert { at, markup }),
        any::<usize>().prop_map(|at| TextMutation::CutAt { at }),
    ]
}

/// The byte offset of the character boundary at or before `position` (taken modulo the length).
fn boundary(text: &str, position: usize) -> usize {
    let mut offset = position % (text.len() + 1);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn apply_text_mutation(text: &mut String, mutation: &TextMutation) {
    match *mutation {
        TextMutation::DeleteRange { start, length } => {
            let start = boundary(text, start);
            let end = boundary(text, start.saturating_add(length).min(text.len()));
            text.replace_range(start..end.max(start), "");
        }
        TextMutation::RepeatRange { start, length } => {
            let start = boundary(text, start);
            let end = boundary(text, start.saturating_add(length).min(text.len()));
            let repeated = text[start..end.max(start)].repeat(3);
            text.insert_str(start, &repeated);
        }
        TextMutation::Insert { at, markup } => {
            let at = boundary(text, at);
            text.insert_str(at, markup);
        }
        TextMutation::CutAt { at } => {
            let at = boundary(text, at);
            text.truncate(at);
        }
    }
}

/// The vendored pages of both services, HTML and RST, and the HTML pages of the test corpus.
fn vendored_pages() -> Vec<&'static SourceFile> {
    SERVICE_IDS
        .iter()
        .flat_map(|service_id| &vendored(service_id).files)
        .chain(html_corpus_pages())
        .filter(|file| {
            file.relative_path.ends_with(".html") || file.relative_path.ends_with(".rst")
        })
        .collect()
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn mutated_page_text_imports_without_panicking_and_errors_name_their_file(
        page_index in any::<usize>(),
        mutations in proptest::collection::vec(text_mutation(), 1..6)
    ) {
        let pages = vendored_pages();
        let page = pages[page_index % pages.len()];
        let mut text = page.text().expect("a text page").to_owned();
        for mutation in &mutations {
            apply_text_mutation(&mut text, mutation);
        }
        let file = SourceFile::from_text(&page.relative_path, &text);
        let outcome = import_source_folder(&test_service(), &[file], "");
        check_error_locations(&outcome.all_errors(), &page.relative_path)?;
    }
}
