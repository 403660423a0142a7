//! The importer: doc model pages → one OpenAPI 3.0 document per service, plus a summary that
//! accounts for every page (imported, merged, skipped with reason) and every problem found.

pub mod components;
pub mod constraints;
pub mod error_codes;
pub mod legacy_operation;
pub mod nullable_from_examples;
pub mod operation;
pub mod overrides;
pub mod page_tree;
pub mod pagination;
pub mod type_words;

use std::collections::BTreeMap;
use std::fmt;

use indexmap::IndexMap;
use openapiv3::{
    APIKeyLocation, Components, Example, Info, MediaType, OpenAPI, Operation, PathItem, Paths,
    ReferenceOr, RequestBody, Response, Responses, SecurityRequirement, SecurityScheme, Server,
    ServerVariable, StatusCode,
};

use crate::config::ServiceConfig;
use crate::doc_model::{DocPage, SourceLocation};
use crate::import::components::{
    build_components, component_reference, name_components, rewrite_reference,
};
use crate::import::legacy_operation::import_legacy_operation_page;
use crate::import::operation::{classify_page, import_operation_page, PageKind, PageOperation};
use crate::import::overrides::Overrides;

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
    pub service: &'a ServiceConfig,
    /// Every page of the source folder, in file name order.
    pub pages: Vec<DocPage>,
    /// Section title per page file name (from `CLASS.TXT.json`), used as the operation's tag.
    pub section_titles: BTreeMap<String, String>,
    pub overrides: Overrides,
    /// Pages whose operations are outdated (such as the DCS v1 APIs): marked `deprecated`.
    pub deprecated_pages: std::collections::BTreeSet<String>,
    /// Pages whose service declares them importable in the older hand-written format
    /// (`legacy_pages` in `spec/services.toml`); other pages of that format are skipped.
    pub legacy_pages: std::collections::BTreeSet<String>,
}

/// The result of an import: the document (when there were no errors) and the summary.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    pub document: Option<OpenAPI>,
    pub summary: ImportSummary,
    pub errors: Vec<ImportError>,
}

/// Accounts for every page and every decision the importer made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub pages_read: usize,
    /// `(operation id, file name)` in path order.
    pub operations: Vec<(String, String)>,
    /// Pages read in the older hand-written format (`legacy_pages`), in file name order.
    pub legacy_format_pages: Vec<String>,
    /// `(kept file, merged duplicate file)`.
    pub merged_duplicates: Vec<(String, String)>,
    /// `(file, reason)`.
    pub skipped_pages: Vec<(String, String)>,
    pub schema_conflicts: Vec<String>,
    pub description_differences: Vec<String>,
    pub overrides_applied: Vec<String>,
    /// Files of the source folder that are not documentation pages.
    pub other_files: Vec<String>,
    /// Properties made nullable because an example on the page shows them as `null`.
    pub nullable_from_examples: Vec<String>,
    /// Error code pages, imported as data (`x-error-codes`), with their number of codes.
    pub error_code_pages: Vec<(String, usize)>,
    /// Operations a pagination rule fits (`x-pagination`), with how they page.
    pub paginated_operations: Vec<String>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(formatter, "pages read: {}", self.pages_read)?;
        writeln!(formatter, "operations imported: {}", self.operations.len())?;
        writeln!(
            formatter,
            "  of which from pages in the older hand-written format: {}",
            self.legacy_format_pages.len()
        )?;
        writeln!(
            formatter,
            "merged duplicate pages: {}",
            self.merged_duplicates.len()
        )?;
        for (kept, merged) in &self.merged_duplicates {
            writeln!(
                formatter,
                "  merged: {merged} describes the same operation as {kept}"
            )?;
        }
        writeln!(
            formatter,
            "error code pages (imported as x-error-codes): {}",
            self.error_code_pages.len()
        )?;
        for (file_name, code_count) in &self.error_code_pages {
            writeln!(formatter, "  error codes: {file_name}: {code_count} codes")?;
        }
        writeln!(formatter, "skipped pages: {}", self.skipped_pages.len())?;
        for (file_name, reason) in &self.skipped_pages {
            writeln!(formatter, "  skipped: {file_name}: {reason}")?;
        }
        writeln!(
            formatter,
            "schema name conflicts: {}",
            self.schema_conflicts.len()
        )?;
        for conflict in &self.schema_conflicts {
            writeln!(formatter, "  conflict: {conflict}")?;
        }
        writeln!(
            formatter,
            "description differences: {}",
            self.description_differences.len()
        )?;
        for difference in &self.description_differences {
            writeln!(formatter, "  description: {difference}")?;
        }
        writeln!(
            formatter,
            "properties nullable because an example shows null: {}",
            self.nullable_from_examples.len()
        )?;
        for property in &self.nullable_from_examples {
            writeln!(formatter, "  nullable: {property}")?;
        }
        writeln!(
            formatter,
            "paginated operations: {}",
            self.paginated_operations.len()
        )?;
        for operation in &self.paginated_operations {
            writeln!(formatter, "  paginated: {operation}")?;
        }
        if !self.other_files.is_empty() {
            writeln!(
                formatter,
                "other files (not pages): {}",
                self.other_files.join(", ")
            )?;
        }
        writeln!(
            formatter,
            "overrides applied: {}",
            self.overrides_applied.len()
        )?;
        for applied in &self.overrides_applied {
            writeln!(formatter, "  override: {applied}")?;
        }
        Ok(())
    }
}

/// Imports a service's pages into one OpenAPI document.
///
/// Every problem on every page is collected; the document is only produced when there are
/// none, so no partial spec is ever written.
pub fn import_service(input: ImportInput<'_>) -> ImportOutcome {
    let mut errors = Vec::new();
    let mut summary = ImportSummary {
        pages_read: input.pages.len(),
        ..ImportSummary::default()
    };
    let mut pages = input.pages;
    pages.sort_by(|left, right| left.file_name.cmp(&right.file_name));
    let overrides_report = input.overrides.apply(&mut pages);
    errors.extend(overrides_report.errors);
    summary.overrides_applied = overrides_report.applied;

    let mut operations: Vec<PageOperation> = Vec::new();
    let mut error_code_entries: Vec<serde_json::Value> = Vec::new();
    for page in &pages {
        if let Some(reason) = overrides_report.skipped_pages.get(&page.file_name) {
            summary.skipped_pages.push((
                page.file_name.clone(),
                format!("skipped by override: {reason}"),
            ));
            continue;
        }
        let error_tables = error_codes::error_code_tables(page);
        if !error_tables.is_empty() {
            let before = error_code_entries.len();
            for table in error_tables {
                error_code_entries.extend(error_codes::read_error_code_table(
                    &page.file_name,
                    table,
                    &mut errors,
                ));
            }
            summary
                .error_code_pages
                .push((page.file_name.clone(), error_code_entries.len() - before));
            continue;
        }
        let imported = match classify_page(page) {
            PageKind::Skipped { reason } => {
                summary.skipped_pages.push((page.file_name.clone(), reason));
                continue;
            }
            PageKind::LegacyOperation { skip_reason } => {
                if !input.legacy_pages.contains(&page.file_name) {
                    summary
                        .skipped_pages
                        .push((page.file_name.clone(), skip_reason));
                    continue;
                }
                summary.legacy_format_pages.push(page.file_name.clone());
                import_legacy_operation_page(page, input.deprecated_pages.contains(&page.file_name))
            }
            PageKind::Operation => import_operation_page(page),
        };
        match imported {
            Ok(operation) => operations.push(operation),
            Err(page_errors) => errors.extend(page_errors),
        }
    }

    let local_schemas: Vec<(String, operation::LocalSchema)> = operations
        .iter()
        .flat_map(|operation| {
            operation
                .schemas
                .iter()
                .map(|schema| (operation.operation_id.clone(), schema.clone()))
        })
        .collect();
    let mut naming = name_components(&local_schemas);
    let (applied, rename_errors) = input
        .overrides
        .apply_schema_renames(&mut naming.name_for_key);
    summary.overrides_applied.extend(applied);
    errors.extend(rename_errors);
    build_components(&local_schemas, &mut naming);
    summary.schema_conflicts = naming.conflicts.clone();
    summary.description_differences = naming.description_differences.clone();

    let mut document = new_document(input.service);
    let mut uses_iam_token = false;
    let mut seen_operation_ids: BTreeMap<String, String> = BTreeMap::new();
    // (path, method) → (file, operation) of the first page that declared it.
    let mut declared: BTreeMap<(String, String), (String, Operation)> = BTreeMap::new();
    for page_operation in &operations {
        let tag = input
            .section_titles
            .get(&page_operation.file_name)
            .cloned()
            .or_else(|| page_operation.parent_topic.clone());
        let operation = build_operation(
            page_operation,
            tag,
            &naming.name_for_key,
            input.deprecated_pages.contains(&page_operation.file_name),
        );
        let route = (page_operation.path.clone(), page_operation.method.clone());
        if let Some((first_file, first_operation)) = declared.get(&route) {
            if without_source(first_operation) == without_source(&operation) {
                summary
                    .merged_duplicates
                    .push((first_file.clone(), page_operation.file_name.clone()));
            } else {
                errors.push(ImportError {
                    location: SourceLocation::page(&page_operation.file_name),
                    message: format!(
                        "{} {} is also documented by {first_file}, and the two pages differ: correct one of them in the overrides file",
                        page_operation.method.to_ascii_uppercase(),
                        page_operation.path
                    ),
                });
            }
            continue;
        }
        if let Some(first_file) = seen_operation_ids.insert(
            page_operation.operation_id.clone(),
            page_operation.file_name.clone(),
        ) {
            errors.push(ImportError {
                location: SourceLocation::page(&page_operation.file_name),
                message: format!(
                    "operation id {} is also used by {first_file}",
                    page_operation.operation_id
                ),
            });
            continue;
        }
        uses_iam_token |= page_operation.uses_iam_token;
        declared.insert(route, (page_operation.file_name.clone(), operation));
    }
    // Record merged duplicates on the operation they were merged into, for traceability.
    for (kept, merged) in &summary.merged_duplicates {
        if let Some((_, operation)) = declared.values_mut().find(|(file, _)| file == kept) {
            let entry = operation
                .extensions
                .entry("x-duplicate-source-pages".to_owned())
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let serde_json::Value::Array(files) = entry {
                files.push(serde_json::Value::String(merged.clone()));
            }
        }
    }
    let mut paths: BTreeMap<String, PathItem> = BTreeMap::new();
    for ((path, method), (_, operation)) in declared {
        summary.operations.push((
            operation.operation_id.clone().unwrap_or_default(),
            operation
                .extensions
                .get("x-source-page")
                .and_then(|value| value.as_str())
                .unwrap_or_default()
                .to_owned(),
        ));
        let item = paths.entry(path).or_default();
        let slot = match method.as_str() {
            "get" => &mut item.get,
            "put" => &mut item.put,
            "post" => &mut item.post,
            "delete" => &mut item.delete,
            "patch" => &mut item.patch,
            "head" => &mut item.head,
            "options" => &mut item.options,
            _ => &mut item.trace,
        };
        *slot = Some(operation);
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
    let mut component_schemas = naming.components;
    let (applied, override_errors) = input.overrides.apply_to_components(&mut component_schemas);
    summary.overrides_applied.extend(applied);
    errors.extend(override_errors);
    let (nullable, nullable_errors) =
        nullable_from_examples::mark_nullable_from_examples(&document, &mut component_schemas);
    summary.nullable_from_examples = nullable;
    errors.extend(nullable_errors);
    let mut components = Components::default();
    for (name, schema) in component_schemas {
        components.schemas.insert(name, ReferenceOr::Item(schema));
    }
    if uses_iam_token {
        components.security_schemes.insert(
            IAM_TOKEN_SCHEME.to_owned(),
            ReferenceOr::Item(SecurityScheme::APIKey {
                location: APIKeyLocation::Header,
                name: operation::IAM_TOKEN_HEADER.to_owned(),
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
        document.extensions.insert(
            error_codes::ERROR_CODES_EXTENSION.to_owned(),
            serde_json::Value::Array(error_code_entries),
        );
    }

    errors.sort();
    errors.dedup();
    ImportOutcome {
        document: errors.is_empty().then_some(document),
        summary,
        errors,
    }
}

/// The operation as far as a duplicate page must agree with it: where it came from and which
/// section lists it (a duplicate page is often missing from the page tree) do not count.
fn without_source(operation: &Operation) -> Operation {
    let mut operation = operation.clone();
    operation.extensions.shift_remove("x-source-page");
    operation.operation_id = None;
    operation.tags.clear();
    operation
}

fn new_document(service: &ServiceConfig) -> OpenAPI {
    OpenAPI {
        openapi: "3.0.3".to_owned(),
        info: Info {
            title: service.title.clone(),
            description: service.description.clone(),
            version: service.version.clone(),
            license: Some(openapiv3::License {
                name: "Apache-2.0".to_owned(),
                url: Some("https://www.apache.org/licenses/LICENSE-2.0".to_owned()),
                extensions: IndexMap::new(),
            }),
            ..Info::default()
        },
        servers: vec![Server {
            url: service.server.url.clone(),
            description: None,
            variables: Some(
                service
                    .server
                    .variables
                    .iter()
                    .map(|(name, variable)| {
                        (
                            name.clone(),
                            ServerVariable {
                                enumeration: variable.values.clone(),
                                default: variable.default.clone(),
                                description: variable.description.clone(),
                                extensions: IndexMap::new(),
                            },
                        )
                    })
                    .collect(),
            ),
            extensions: IndexMap::new(),
        }],
        ..OpenAPI::default()
    }
}

fn build_operation(
    page_operation: &PageOperation,
    tag: Option<String>,
    name_for_key: &std::collections::HashMap<String, String>,
    deprecated: bool,
) -> Operation {
    let schema_for = |key: &str| -> ReferenceOr<openapiv3::Schema> {
        match name_for_key.get(key) {
            Some(name) => component_reference(name),
            None => ReferenceOr::Reference {
                reference: rewrite_reference(key, name_for_key),
            },
        }
    };
    let json_media =
        |key: &str, examples: &[operation::PageExample]| -> IndexMap<String, MediaType> {
            let mut media = MediaType {
                schema: Some(schema_for(key)),
                ..MediaType::default()
            };
            for (index, example) in examples.iter().enumerate() {
                media.examples.insert(
                    format!("example_{}", index + 1),
                    ReferenceOr::Item(Example {
                        summary: example.summary.clone(),
                        description: None,
                        value: Some(example.value.clone()),
                        external_value: None,
                        extensions: IndexMap::new(),
                    }),
                );
            }
            IndexMap::from([("application/json".to_owned(), media)])
        };
    let parameters = page_operation
        .parameters
        .iter()
        .cloned()
        .map(|mut parameter| {
            let data = parameter_data_mut(&mut parameter);
            if let openapiv3::ParameterSchemaOrContent::Schema(schema) = &mut data.format {
                rewrite_schema_references(schema, name_for_key);
            }
            ReferenceOr::Item(parameter)
        })
        .collect();
    let request_body = page_operation.request_body.as_ref().map(|body| {
        ReferenceOr::Item(RequestBody {
            description: None,
            content: json_media(&body.schema_key, &body.examples),
            required: body.required,
            extensions: IndexMap::new(),
        })
    });
    let mut responses = Responses::default();
    for (status_code, response) in &page_operation.responses {
        let mut headers = IndexMap::new();
        for (name, header) in &response.headers {
            let mut header = header.clone();
            if let openapiv3::ParameterSchemaOrContent::Schema(schema) = &mut header.format {
                rewrite_schema_references(schema, name_for_key);
            }
            headers.insert(name.clone(), ReferenceOr::Item(header));
        }
        responses.responses.insert(
            StatusCode::Code(*status_code),
            ReferenceOr::Item(Response {
                description: response.description.clone(),
                headers,
                content: response
                    .body_schema_key
                    .as_deref()
                    .map(|key| json_media(key, &response.examples))
                    .unwrap_or_default(),
                links: IndexMap::new(),
                extensions: IndexMap::new(),
            }),
        );
    }
    let mut extensions = IndexMap::new();
    extensions.insert(
        "x-source-page".to_owned(),
        serde_json::Value::String(page_operation.file_name.clone()),
    );
    Operation {
        tags: tag.into_iter().collect(),
        summary: Some(page_operation.summary.clone()),
        description: page_operation.description.clone(),
        external_docs: None,
        operation_id: Some(page_operation.operation_id.clone()),
        parameters,
        request_body,
        responses,
        deprecated,
        security: page_operation.uses_iam_token.then(|| {
            let requirement: SecurityRequirement =
                IndexMap::from([(IAM_TOKEN_SCHEME.to_owned(), Vec::new())]);
            vec![requirement]
        }),
        servers: Vec::new(),
        extensions,
        callbacks: IndexMap::new(),
    }
}

fn parameter_data_mut(parameter: &mut openapiv3::Parameter) -> &mut openapiv3::ParameterData {
    match parameter {
        openapiv3::Parameter::Query { parameter_data, .. }
        | openapiv3::Parameter::Header { parameter_data, .. }
        | openapiv3::Parameter::Path { parameter_data, .. }
        | openapiv3::Parameter::Cookie { parameter_data, .. } => parameter_data,
    }
}

fn rewrite_schema_references(
    schema: &mut ReferenceOr<openapiv3::Schema>,
    name_for_key: &std::collections::HashMap<String, String>,
) {
    match schema {
        ReferenceOr::Reference { reference } => {
            *reference = rewrite_reference(reference, name_for_key)
        }
        ReferenceOr::Item(schema) => components::rewrite_local_references(schema, name_for_key),
    }
}
