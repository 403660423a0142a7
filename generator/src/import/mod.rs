//! The importer: doc model pages → one OpenAPI 3.0 document per service, plus a summary that
//! accounts for every page (imported, merged, skipped with reason, failed with every problem).
//!
//! Pages are imported one by one: a page that cannot be understood is reported and left out,
//! and everything else is written.
//!
//! - `page_kind` decides what a page is; `request_line` reads its request lines and
//!   `operation_name` names its operations.
//! - The recognisers in `styles` read an operation page of their style into a
//!   `page_operation::PageImport`, with the shared readers: `sections` (what a section or table
//!   is for), `table_reader` (rows, nested tables), `row_schema`, `type_words`, `constraints`,
//!   `parameters`, `statuses`, `examples`, and `page_index` for links between pages.
//! - `components` names the schemas globally, `assemble` builds the document, `overrides`,
//!   `example_evidence`, `pagination` and `error_codes` add what they add, and `summary`
//!   reports it.

pub mod assemble;
pub mod components;
pub mod constraints;
pub mod coverage;
pub mod error_codes;
pub mod example_check;
pub mod example_evidence;
pub mod examples;
pub mod ledger;
pub mod operation_name;
pub mod operation_variants;
pub mod overrides;
pub mod page_index;
pub mod page_kind;
pub mod page_operation;
pub mod page_tree;
pub mod pagination;
pub mod parameters;
pub mod request_line;
pub mod row_schema;
pub mod sections;
pub mod statuses;
pub mod styles;
pub mod success_status;
pub mod summary;
pub mod table_reader;
pub mod type_words;
pub mod unreferenced_tables;

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{
    APIKeyLocation, Components, OpenAPI, Operation, PathItem, Paths, ReferenceOr, SecurityScheme,
};

use crate::doc_model::{DocPage, SourceLocation};
use crate::extensions::{DuplicateSourcePages, ErrorCodeEntry, ErrorCodes, Extension, SourcePage};
use crate::import::assemble::{build_operation, combine_operations, new_document, without_source};
use crate::import::components::{build_components, name_components};
use crate::import::operation_name::{assign_operation_ids, NameSource, Vocabulary};
use crate::import::overrides::Overrides;
use crate::import::page_index::PageIndex;
use crate::import::page_kind::{classify_page, PageKind, PageStyle};
use crate::import::page_operation::{PageImport, IAM_TOKEN_HEADER};
use crate::import::request_line::RequestLine;
use crate::import::styles::status_code_page::{read_status_code_page, StatusCodePages};
use crate::import::styles::OperationPage;
pub use crate::import::summary::{FailedPage, ImportSummary};
use crate::service_catalog::CatalogService;

/// The name of the security scheme for the IAM token header.
pub const IAM_TOKEN_SCHEME: &str = "iam_token";

/// A problem in the input, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ImportError {
    pub location: SourceLocation,
    pub message: String,
}

/// What the importer needs: the pages (already read by a front end) and their context.
#[derive(Debug, Clone)]
pub struct ImportInput<'a> {
    pub service: &'a CatalogService,
    /// Every page of the source folder the front ends could read, in file name order.
    pub pages: Vec<DocPage>,
    /// Pages a front end could not read at all: each one's problems.
    pub unreadable_pages: Vec<FailedPage>,
    /// Section title per page file name (from `CLASS.TXT.json`), used as the operation's tag.
    pub section_titles: BTreeMap<String, String>,
    pub overrides: Overrides,
    /// Pages whose operations are outdated (such as the DCS v1 APIs): marked `deprecated`.
    pub deprecated_pages: BTreeSet<String>,
}

/// The result of an import: the document of every page that imported, the summary (with the
/// pages that did not), and the problems that are no single page's (overrides that do not
/// apply, pagination rules that fit nothing).
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    pub document: OpenAPI,
    pub summary: ImportSummary,
    pub errors: Vec<ImportError>,
}

impl ImportOutcome {
    /// Whether every page imported and nothing else went wrong.
    pub fn is_complete(&self) -> bool {
        self.errors.is_empty() && self.summary.failed_pages.is_empty()
    }

    /// Every problem: the failed pages' and the others, in order.
    pub fn all_errors(&self) -> Vec<ImportError> {
        let mut errors: Vec<ImportError> = self
            .summary
            .failed_pages
            .iter()
            .flat_map(|failed| failed.errors.iter().cloned())
            .chain(self.errors.iter().cloned())
            .collect();
        errors.sort();
        errors
    }
}

/// An operation page waiting to be read: its kind and the ids of its operations.
struct PendingPage<'pages> {
    page: &'pages DocPage,
    style: PageStyle,
    request_lines: Vec<RequestLine>,
    operation_ids: Vec<String>,
}

/// Imports a service's pages into one OpenAPI document, page by page.
pub fn import_service(input: ImportInput<'_>) -> ImportOutcome {
    let mut errors = Vec::new();
    let mut summary = ImportSummary {
        pages_read: input.pages.len() + input.unreadable_pages.len(),
        ..ImportSummary::default()
    };
    let mut pages = input.pages;
    pages.sort_by(|left, right| left.file_name.cmp(&right.file_name));
    let overrides_report = input.overrides.apply(&mut pages, &input.unreadable_pages);
    for page in &mut pages {
        summary.notes.extend(examples::join_split_code_blocks(page));
    }
    errors.extend(overrides_report.errors);
    summary.overrides_applied = overrides_report.applied;
    for unreadable in input.unreadable_pages {
        match overrides_report.skipped_pages.get(&unreadable.file_name) {
            Some(reason) => summary.skipped_pages.push((
                unreadable.file_name.clone(),
                format!("{}{reason}", coverage::SKIPPED_BY_OVERRIDE),
            )),
            None => summary.failed_pages.push(unreadable),
        }
    }

    let index = PageIndex::new(&pages);
    let mut status_code_pages = StatusCodePages::default();
    let mut error_code_entries: Vec<ErrorCodeEntry> = Vec::new();
    let mut pending: Vec<PendingPage<'_>> = Vec::new();
    let mut skipped_by_override: Vec<&DocPage> = Vec::new();
    for page in &pages {
        if let Some(reason) = overrides_report.skipped_pages.get(&page.file_name) {
            summary.skipped_pages.push((
                page.file_name.clone(),
                format!("{}{reason}", coverage::SKIPPED_BY_OVERRIDE),
            ));
            skipped_by_override.push(page);
            continue;
        }
        let kind = classify_page(page);
        let error_tables = error_codes::error_code_tables(page);
        if !error_tables.is_empty() {
            let mut page_errors = Vec::new();
            let mut entries = Vec::new();
            for table in error_tables {
                entries.extend(error_codes::read_error_code_table(
                    &page.file_name,
                    table,
                    &mut page_errors,
                    &mut summary.notes,
                ));
            }
            if page_errors.is_empty() {
                summary
                    .error_code_pages
                    .push((page.file_name.clone(), entries.len()));
                error_code_entries.extend(entries);
            } else {
                page_errors.sort();
                summary.failed_pages.push(FailedPage {
                    file_name: page.file_name.clone(),
                    errors: page_errors,
                });
                continue;
            }
        }
        match kind {
            PageKind::NotAnOperation { reason } => {
                summary.skipped_pages.push((page.file_name.clone(), reason));
            }
            // A page of error codes may list the general statuses too ("Normal codes" beside
            // "Error codes").
            PageKind::ErrorCodes => {
                if styles::status_code_page::is_status_code_page(page) {
                    let (status_page, notes) = read_status_code_page(page);
                    summary.notes.extend(notes);
                    summary.status_code_pages.push(page.file_name.clone());
                    status_code_pages
                        .pages
                        .insert(page.file_name.clone(), status_page);
                }
            }
            PageKind::StatusCodes => {
                let (status_page, notes) = read_status_code_page(page);
                summary.notes.extend(notes);
                summary.status_code_pages.push(page.file_name.clone());
                status_code_pages
                    .pages
                    .insert(page.file_name.clone(), status_page);
            }
            PageKind::Operation {
                style,
                request_lines,
                example_lines,
            } => {
                for example in &example_lines {
                    summary.notes.push(page_operation::ImportNote {
                        location: SourceLocation {
                            table: Some("URI section".to_owned()),
                            ..SourceLocation::page(&page.file_name)
                        },
                        message: format!(
                            "request line {} {} is an example of the page's template, not an operation of its own",
                            example.method.to_ascii_uppercase(),
                            example.path
                        ),
                    });
                }
                pending.push(PendingPage {
                    page,
                    style,
                    request_lines,
                    operation_ids: Vec::new(),
                });
            }
        }
    }
    let vocabulary = Vocabulary::of_pages(&pages);
    assign_ids(&mut pending, &vocabulary);
    errors.extend(pages_that_import_despite_skip(
        &skipped_by_override,
        &index,
        &status_code_pages,
        &vocabulary,
    ));

    let mut imported: Vec<PageImport> = Vec::new();
    for pending_page in &pending {
        let operation_page = OperationPage {
            page: pending_page.page,
            index: &index,
            request_lines: &pending_page.request_lines,
            operation_ids: &pending_page.operation_ids,
            status_code_pages: &status_code_pages,
        };
        let result = match pending_page.style {
            PageStyle::Generated => styles::generated::read_generated_page(operation_page),
            PageStyle::HandWritten => styles::hand_written::read_hand_written_page(operation_page),
        };
        match result {
            Ok(page_import) => {
                let page_import = page_import.without_head_response_bodies();
                summary.conservation += page_import.conservation;
                if pending_page.style == PageStyle::HandWritten {
                    summary
                        .hand_written_pages
                        .push(pending_page.page.file_name.clone());
                }
                imported.push(page_import);
            }
            Err(mut page_errors) => {
                page_errors.sort();
                page_errors.dedup();
                summary.failed_pages.push(FailedPage {
                    file_name: pending_page.page.file_name.clone(),
                    errors: page_errors,
                });
            }
        }
    }

    let document_parts = assemble_operations(
        &imported,
        &input.section_titles,
        &input.deprecated_pages,
        &input.overrides,
    );
    let AssembledOperations {
        declared,
        merged_duplicates,
        combined_pages,
        component_schemas,
        schema_conflicts,
        description_differences,
        overrides_applied,
        override_errors,
        uses_iam_token,
    } = document_parts;
    summary.merged_duplicates = merged_duplicates;
    summary.combined_pages = combined_pages;
    summary.schema_conflicts = schema_conflicts;
    summary.description_differences = description_differences;
    summary.overrides_applied.extend(overrides_applied);
    errors.extend(override_errors);
    for page_import in &imported {
        summary.notes.extend(page_import.notes.iter().cloned());
    }

    let mut document = new_document(input.service);
    let mut paths: BTreeMap<String, PathItem> = BTreeMap::new();
    for ((path, method), declared_operation) in declared {
        let DeclaredOperation {
            mut operation,
            variants,
            ..
        } = declared_operation;
        let own_operations = if variants.is_empty() {
            std::slice::from_ref(&operation)
        } else {
            &variants[..]
        };
        for own_operation in own_operations {
            summary.operations.push((
                own_operation.operation_id.clone().unwrap_or_default(),
                SourcePage::of(&own_operation.extensions).unwrap_or_default(),
            ));
        }
        if !variants.is_empty() {
            operation_variants::record_variants(&mut operation, variants, &component_schemas);
        }
        *operation_variants::operation_slot(paths.entry(path).or_default(), &method) =
            Some(operation);
    }
    // Every tag used is declared once, in name order, so tools can group operations.
    let mut tag_names: Vec<String> = paths
        .values()
        .flat_map(|item| {
            item.iter()
                .flat_map(|(_, operation)| operation.tags.clone())
        })
        .collect();
    tag_names.sort();
    tag_names.dedup();
    document.tags = tag_names
        .into_iter()
        .map(|name| openapiv3::Tag {
            name,
            description: None,
            external_docs: None,
            extensions: IndexMap::new(),
        })
        .collect();
    document.paths = Paths {
        paths: paths
            .into_iter()
            .map(|(path, item)| (path, ReferenceOr::Item(item)))
            .collect(),
        extensions: IndexMap::new(),
    };
    let mut component_schemas = component_schemas;
    // The variants first, each against its own tables (the combined operation's examples meet
    // the combination of the variants' schemas, where a value may not reach the field it
    // belongs to); the components they widen are then what every operation sees.
    let (widened, widening_errors) = operation_variants::widen_variant_schemas_to_examples(
        &mut document,
        &mut component_schemas,
    );
    summary.example_evidence = widened;
    errors.extend(widening_errors);
    let (widened, widening_errors) =
        example_evidence::widen_schemas_to_examples(&mut document, &mut component_schemas);
    summary.example_evidence.extend(widened);
    summary.example_evidence.sort();
    summary.example_evidence.dedup();
    errors.extend(widening_errors);
    errors.extend(example_evidence::strip_component_markers(
        &mut component_schemas,
    ));
    summary
        .notes
        .extend(example_check::leave_out_contradicting_examples(
            &mut document,
            &component_schemas,
        ));
    summary.notes.extend(
        operation_variants::leave_out_contradicting_variant_examples(
            &mut document,
            &component_schemas,
        ),
    );
    let mut components = Components::default();
    for (name, schema) in component_schemas {
        components.schemas.insert(name, ReferenceOr::Item(schema));
    }
    if uses_iam_token {
        components.security_schemes.insert(
            IAM_TOKEN_SCHEME.to_owned(),
            ReferenceOr::Item(SecurityScheme::APIKey {
                location: APIKeyLocation::Header,
                name: IAM_TOKEN_HEADER.to_owned(),
                description: Some(
                    "IAM token obtained from the Identity and Access Management service."
                        .to_owned(),
                ),
                extensions: IndexMap::new(),
            }),
        );
    }
    document.components = Some(components);
    let pagination_report = pagination::apply_pagination_rules(
        &mut document,
        &input.service.id,
        &input.service.pagination,
    );
    summary.paginated_operations = pagination_report.applied;
    errors.extend(pagination_report.errors);
    if !error_code_entries.is_empty() {
        ErrorCodes(error_code_entries).write(&mut document.extensions);
    }

    summary.failed_pages.sort();
    summary.skipped_pages.sort();
    summary.notes.sort();
    summary.notes.dedup();
    errors.sort();
    errors.dedup();
    ImportOutcome {
        document,
        summary,
        errors,
    }
}

/// Paths that differ only in their parameters' names (`/domains/{domain_set_id}` on one page,
/// `/domains/{set_id}` on another) are one path to OpenAPI: every operation gets the spelling
/// most of them use (the first in order on a tie), its path parameters renamed by position;
/// two operations that then share method and path are combined, each page's own operation a
/// variant.
fn with_one_spelling_per_path(
    declared: BTreeMap<(String, String), DeclaredOperation>,
    combined_pages: &mut Vec<(String, String, String)>,
) -> BTreeMap<(String, String), DeclaredOperation> {
    use crate::import::request_line::normalized_path;
    let mut spellings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (path, _) in declared.keys() {
        *spellings
            .entry(normalized_path(path))
            .or_default()
            .entry(path.clone())
            .or_default() += 1;
    }
    let canonical = |path: &str| -> String {
        let counts = &spellings[&normalized_path(path)];
        let mut best: Option<(&String, usize)> = None;
        for (spelling, count) in counts {
            if best.is_none_or(|(_, best_count)| *count > best_count) {
                best = Some((spelling, *count));
            }
        }
        best.map_or_else(|| path.to_owned(), |(spelling, _)| spelling.clone())
    };
    let mut respelled: BTreeMap<(String, String), DeclaredOperation> = BTreeMap::new();
    for ((path, method), mut declared_operation) in declared {
        let target = canonical(&path);
        if target != path {
            rename_path_parameters(&mut declared_operation.operation, &path, &target);
            for variant in &mut declared_operation.variants {
                rename_path_parameters(variant, &path, &target);
            }
        }
        match respelled.get_mut(&(target.clone(), method.clone())) {
            Some(first) => {
                let DeclaredOperation {
                    file_name,
                    operation,
                    variants,
                } = declared_operation;
                first.add_variants(operation.clone(), variants);
                combine_operations(&mut first.operation, operation, &file_name);
                combined_pages.push((
                    first.file_name.clone(),
                    file_name,
                    format!("{} {target}", method.to_ascii_uppercase()),
                ));
            }
            None => {
                respelled.insert((target, method), declared_operation);
            }
        }
    }
    respelled
}

/// Renames an operation's path parameters from the names of `path` to those of `target`, by
/// position.
fn rename_path_parameters(operation: &mut Operation, path: &str, target: &str) {
    let names = crate::naming::path_template_variables(path);
    let new_names = crate::naming::path_template_variables(target);
    for parameter in &mut operation.parameters {
        if let ReferenceOr::Item(openapiv3::Parameter::Path { parameter_data, .. }) = parameter {
            if let Some(position) = names.iter().position(|name| *name == parameter_data.name) {
                if let Some(new_name) = new_names.get(position) {
                    parameter_data.name = (*new_name).to_owned();
                }
            }
        }
    }
}

/// A `[[skip_page]]` override for a page that imports is stale (the page was corrected
/// upstream): an error, so the override is reviewed and removed.
fn pages_that_import_despite_skip(
    skipped: &[&DocPage],
    index: &PageIndex<'_>,
    status_code_pages: &StatusCodePages,
    vocabulary: &Vocabulary,
) -> Vec<ImportError> {
    let mut stale = Vec::new();
    for page in skipped {
        let PageKind::Operation {
            style,
            request_lines,
            ..
        } = classify_page(page)
        else {
            continue;
        };
        let mut pending = [PendingPage {
            page,
            style,
            request_lines,
            operation_ids: Vec::new(),
        }];
        assign_ids(&mut pending, vocabulary);
        let [pending_page] = &pending;
        let operation_page = OperationPage {
            page: pending_page.page,
            index,
            request_lines: &pending_page.request_lines,
            operation_ids: &pending_page.operation_ids,
            status_code_pages,
        };
        let imports = match pending_page.style {
            PageStyle::Generated => styles::generated::read_generated_page(operation_page).is_ok(),
            PageStyle::HandWritten => {
                styles::hand_written::read_hand_written_page(operation_page).is_ok()
            }
        };
        if imports {
            stale.push(ImportError {
                location: SourceLocation::page(&page.file_name),
                message: "a skip_page override leaves out a page that imports: remove the override"
                    .to_owned(),
            });
        }
    }
    stale
}

/// Names every operation of the pending pages, in file order, unique within the service, with
/// the words of the service's pages as the evidence of verbs' forms.
fn assign_ids(pending: &mut [PendingPage<'_>], vocabulary: &Vocabulary) {
    let sources: Vec<NameSource<'_>> = pending
        .iter()
        .flat_map(|pending_page| {
            pending_page
                .request_lines
                .iter()
                .map(move |request_line| NameSource {
                    file_name: &pending_page.page.file_name,
                    original_name: pending_page.page.original_name.as_deref(),
                    title: &pending_page.page.title,
                    request_line,
                })
        })
        .collect();
    let mut ids = assign_operation_ids(&sources, vocabulary).into_iter();
    for pending_page in pending.iter_mut() {
        pending_page.operation_ids = ids
            .by_ref()
            .take(pending_page.request_lines.len())
            .collect();
    }
}

/// An operation of the document: the first page that declares its method and path, the
/// operation (the combination of every variant when several pages document variants of it),
/// and each page's own operation when there are several.
struct DeclaredOperation {
    file_name: String,
    operation: Operation,
    /// Each page's own operation, the first page's first; empty while one page documents it.
    variants: Vec<Operation>,
}

impl DeclaredOperation {
    /// Adds another page's operation (and the variants it already combines) to the variants.
    fn add_variants(&mut self, other: Operation, other_variants: Vec<Operation>) {
        if self.variants.is_empty() {
            self.variants.push(self.operation.clone());
        }
        if other_variants.is_empty() {
            self.variants.push(other);
        } else {
            self.variants.extend(other_variants);
        }
    }
}

/// The operations of the imported pages, with their components named.
struct AssembledOperations {
    /// (path, method) → the operation.
    declared: BTreeMap<(String, String), DeclaredOperation>,
    merged_duplicates: Vec<(String, String)>,
    /// `(first file, other file, "METHOD path")`: pages documenting another variant of an
    /// operation, combined with it.
    combined_pages: Vec<(String, String, String)>,
    component_schemas: BTreeMap<String, openapiv3::Schema>,
    schema_conflicts: Vec<String>,
    description_differences: Vec<String>,
    overrides_applied: Vec<String>,
    override_errors: Vec<ImportError>,
    uses_iam_token: bool,
}

fn assemble_operations(
    imported: &[PageImport],
    section_titles: &BTreeMap<String, String>,
    deprecated_pages: &BTreeSet<String>,
    overrides: &Overrides,
) -> AssembledOperations {
    let local_schemas: Vec<(String, page_operation::LocalSchema)> = imported
        .iter()
        .flat_map(|page_import| {
            page_import
                .schemas
                .iter()
                .map(|schema| (schema.operation_id.clone(), schema.clone()))
        })
        .collect();
    let mut naming = name_components(&local_schemas);
    let (mut overrides_applied, mut override_errors) =
        overrides.apply_schema_renames(&mut naming.name_for_key);
    build_components(&local_schemas, &mut naming);
    let mut uses_iam_token = false;
    let mut declared: BTreeMap<(String, String), DeclaredOperation> = BTreeMap::new();
    let mut merged_duplicates = Vec::new();
    let mut combined_pages: Vec<(String, String, String)> = Vec::new();
    for page_operation in imported
        .iter()
        .flat_map(|page_import| &page_import.operations)
    {
        let tag = section_titles
            .get(&page_operation.file_name)
            .cloned()
            .or_else(|| page_operation.parent_topic.clone());
        let operation = build_operation(
            page_operation,
            tag,
            &naming.name_for_key,
            deprecated_pages.contains(&page_operation.file_name),
        );
        let route = (page_operation.path.clone(), page_operation.method.clone());
        if let Some(first) = declared.get_mut(&route) {
            if first.file_name == page_operation.file_name {
                continue;
            }
            // A page that documents one of the variants identically is a duplicate of it.
            let own_operations = if first.variants.is_empty() {
                std::slice::from_ref(&first.operation)
            } else {
                &first.variants[..]
            };
            let operation_without_source = without_source(&operation);
            let same = own_operations
                .iter()
                .find(|own| without_source(own) == operation_without_source);
            if let Some(same) = same {
                merged_duplicates.push((
                    SourcePage::of(&same.extensions).unwrap_or_default(),
                    page_operation.file_name.clone(),
                ));
            } else {
                // Another page documents another variant of the same method and path (an
                // OpenStack `…/action` request, a public and a private zone): each page's
                // operation is a variant, and the operation the spec lists combines them.
                first.add_variants(operation.clone(), Vec::new());
                combine_operations(&mut first.operation, operation, &page_operation.file_name);
                uses_iam_token |= page_operation.uses_iam_token;
                combined_pages.push((
                    first.file_name.clone(),
                    page_operation.file_name.clone(),
                    format!(
                        "{} {}",
                        page_operation.method.to_ascii_uppercase(),
                        page_operation.path
                    ),
                ));
            }
            continue;
        }
        uses_iam_token |= page_operation.uses_iam_token;
        declared.insert(
            route,
            DeclaredOperation {
                file_name: page_operation.file_name.clone(),
                operation,
                variants: Vec::new(),
            },
        );
    }
    let mut declared = with_one_spelling_per_path(declared, &mut combined_pages);
    // Record merged duplicates on the operation they were merged into (and on the variant, when
    // the page documents one), for traceability.
    for (kept, merged) in &merged_duplicates {
        for declared_operation in declared.values_mut() {
            let DeclaredOperation {
                operation,
                variants,
                ..
            } = declared_operation;
            for operation in std::iter::once(operation).chain(variants.iter_mut()) {
                if SourcePage::of(&operation.extensions).as_ref() != Some(kept) {
                    continue;
                }
                let mut duplicates = DuplicateSourcePages::read(&operation.extensions)
                    .and_then(Result::ok)
                    .unwrap_or_default();
                if !duplicates.0.contains(merged) {
                    duplicates.0.push(merged.clone());
                }
                duplicates.write(&mut operation.extensions);
            }
        }
    }
    merged_duplicates.sort();
    merged_duplicates.dedup();
    let mut component_schemas = naming.components;
    let (applied, errors) = overrides.apply_to_components(&mut component_schemas);
    overrides_applied.extend(applied);
    override_errors.extend(errors);
    AssembledOperations {
        declared,
        merged_duplicates,
        component_schemas,
        schema_conflicts: naming.conflicts,
        description_differences: naming.description_differences,
        overrides_applied,
        override_errors,
        uses_iam_token,
        combined_pages,
    }
}
