//! Coverage: the operations a folder of RST pages documents, counted the way the corpus counts
//! them (every distinct method and path of the request lines in "URI" sections), and which of
//! them a spec has.
//!
//! The count reads the page text line by line, not the doc model, because that is how the
//! documented totals were counted (`PROVENANCE.tsv`): a "URI" section runs from its title to
//! the next title of any level; each line `METHOD url` (methods GET, POST, PUT, DELETE, PATCH,
//! HEAD; a leading `- ` allowed) and each `PATH: url` followed by `Method: METHOD` is a
//! request line; the url is the first word after the method, without query, scheme and host,
//! with `{variables}` compared by position and no trailing slash, and a url that then does not
//! start with `/` is none. A page without a "URI" section contributes the first request line
//! of the whole page.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;

use crate::extensions::{DuplicateSourcePages, Extension, OperationVariants, SourcePage};
use crate::import::summary::ImportSummary;

/// The methods the count knows (OPTIONS is not counted, as in the corpus).
const COUNTED_METHODS: [&str; 6] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];

/// One documented operation: its method and normalized path, and the first page naming it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocumentedOperation {
    /// Upper-case method.
    pub method: String,
    /// The path with `{…}` as `{}` and no trailing slash.
    pub path: String,
}

/// The documented operations of a folder's RST pages, each with the first page (in file name
/// order) that documents it.
pub fn documented_operations<'text>(
    pages: impl IntoIterator<Item = (&'text str, &'text str)>,
) -> BTreeMap<DocumentedOperation, String> {
    let mut pages: Vec<(&str, &str)> = pages.into_iter().collect();
    pages.sort();
    let mut operations = BTreeMap::new();
    for (file_name, text) in pages {
        for operation in page_operations(text) {
            operations
                .entry(operation)
                .or_insert_with(|| file_name.to_owned());
        }
    }
    operations
}

/// The documented operations of one page's text.
pub fn page_operations(text: &str) -> Vec<DocumentedOperation> {
    let lines: Vec<&str> = text.split('\n').collect();
    let titles: Vec<(usize, &str)> = (1..lines.len())
        .filter(|&index| is_title(lines[index - 1], lines[index]))
        .map(|index| (index - 1, lines[index - 1].trim()))
        .collect();
    let mut operations = Vec::new();
    let mut has_uri_section = false;
    for (position, (title_line, title)) in titles.iter().enumerate() {
        if *title != "URI" {
            continue;
        }
        has_uri_section = true;
        let end = titles
            .get(position + 1)
            .map_or(lines.len(), |(next_title_line, _)| *next_title_line);
        let start = (title_line + 2).min(end);
        for operation in request_lines(&lines[start..end]).into_iter().flatten() {
            operations.push(operation);
        }
    }
    if !has_uri_section {
        if let Some(first) = request_lines(&lines).into_iter().flatten().next() {
            operations.push(first);
        }
    }
    operations
}

/// docutils' section title: a non-blank, unindented line underlined by one punctuation
/// character repeated at least twice, as long as the title.
fn is_title(text: &str, underline: &str) -> bool {
    is_adornment(underline)
        && !text.trim().is_empty()
        && !is_adornment(text)
        && !text.starts_with(char::is_whitespace)
        && underline.trim_end().chars().count() >= text.trim_end().chars().count()
}

fn is_adornment(line: &str) -> bool {
    let line = line.trim_end();
    let mut characters = line.chars();
    let Some(first) = characters.next() else {
        return false;
    };
    "=-~^\"'`#*+<>:._".contains(first)
        && line.chars().count() >= 2
        && characters.all(|c| c == first)
}

/// The request lines of some page lines, in order: `Some` for each one the count keeps, `None`
/// for a line whose url is not a path.
fn request_lines(lines: &[&str]) -> Vec<Option<DocumentedOperation>> {
    let mut found = Vec::new();
    let mut pending_path: Option<Option<String>> = None;
    for line in lines {
        let text = without_bullet(line.trim_start());
        if let Some((method, token)) = method_and_token(text) {
            found.push(normalized_url(token).map(|path| DocumentedOperation {
                method: method.to_owned(),
                path,
            }));
            continue;
        }
        if let Some(rest) = text.strip_prefix("PATH:") {
            if let Some(token) = rest.split_whitespace().next() {
                pending_path = Some(normalized_url(token));
            }
            continue;
        }
        if let Some(rest) = text.strip_prefix("Method:") {
            let method = rest.trim_start();
            let word: String = method
                .chars()
                .take_while(|character| character.is_alphanumeric() || *character == '_')
                .collect();
            if COUNTED_METHODS.contains(&word.as_str()) {
                if let Some(path) = pending_path.take() {
                    found.push(path.map(|path| DocumentedOperation { method: word, path }));
                }
            }
        }
    }
    found
}

/// `-  GET /x` → `GET /x`.
fn without_bullet(text: &str) -> &str {
    match text.strip_prefix('-') {
        Some(rest) if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => text,
    }
}

/// `GET /v1/x HTTP/1.1` → (`GET`, `/v1/x`).
fn method_and_token(text: &str) -> Option<(&str, &str)> {
    let (method, rest) = text.split_once(char::is_whitespace)?;
    if !COUNTED_METHODS.contains(&method) {
        return None;
    }
    let token = rest.split_whitespace().next()?;
    Some((method, token))
}

/// The url of a request line as the count compares it: no query, no scheme and host, each
/// `{…}` as `{}`, no trailing slash; `None` when it is then no path.
fn normalized_url(token: &str) -> Option<String> {
    let without_query = token.split('?').next().unwrap_or(token);
    let without_host = ["https://", "http://"]
        .iter()
        .find_map(|scheme| without_query.strip_prefix(scheme))
        .map(|rest| rest.find('/').map_or("", |slash| &rest[slash..]))
        .unwrap_or(without_query);
    if !without_host.starts_with('/') {
        return None;
    }
    let mut path = String::with_capacity(without_host.len());
    let mut rest = without_host;
    while let Some(open) = rest.find('{') {
        match rest[open..].find('}') {
            Some(close) => {
                path.push_str(&rest[..open]);
                path.push_str("{}");
                rest = &rest[open + close + 1..];
            }
            None => break,
        }
    }
    path.push_str(rest);
    Some(path.trim_end_matches('/').to_owned())
}

/// The key a documented operation and a spec operation are matched by: the count's path with
/// RST markup the doc model drops (`*` emphasis, `\` escapes) and a dangling `{` of a URI
/// template query (`/v3/endpoints{?…}`) left out.
pub fn matching_key(method: &str, path: &str) -> (String, String) {
    let mut path: String = path.chars().filter(|c| *c != '*' && *c != '\\').collect();
    if path.ends_with('{') {
        path.pop();
    }
    let normalized = normalized_url(&path).unwrap_or(path);
    (method.to_ascii_uppercase(), normalized)
}

/// The operations of a spec, by matching key.
pub fn spec_operation_keys(document: &OpenAPI) -> BTreeSet<(String, String)> {
    document
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            let methods: Vec<&str> = match item {
                openapiv3::ReferenceOr::Item(item) => {
                    item.iter().map(|(method, _)| method).collect()
                }
                openapiv3::ReferenceOr::Reference { .. } => Vec::new(),
            };
            methods
                .into_iter()
                .map(move |method| matching_key(method, path))
        })
        .collect()
}

/// The pages the generated client has a method for: the source page (and the duplicate pages
/// merged into it) of every operation, and of every variant of an operation that has variants,
/// which the client has instead of the operation.
pub fn source_pages_of_methods(document: &OpenAPI) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    let mut add = |operation: &openapiv3::Operation| {
        pages.extend(SourcePage::of(&operation.extensions));
        if let Some(Ok(DuplicateSourcePages(duplicates))) =
            DuplicateSourcePages::read(&operation.extensions)
        {
            pages.extend(duplicates);
        }
    };
    for item in document.paths.paths.values() {
        let openapiv3::ReferenceOr::Item(item) = item else {
            continue;
        };
        for (_, operation) in item.iter() {
            match OperationVariants::read(&operation.extensions) {
                Some(Ok(OperationVariants(variants))) => {
                    for variant in &variants {
                        add(&variant.operation);
                    }
                }
                _ => add(operation),
            }
        }
    }
    pages
}

/// How much of one service's documented operations its spec has, and why the others are not
/// in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceCoverage {
    pub id: String,
    pub title: String,
    pub documented: usize,
    pub imported: usize,
    /// Pages that document an operation (a request line the count keeps).
    pub operation_pages: usize,
    /// Of those, the pages whose operation the client has a method for: the source page of an
    /// operation or of a variant (`x-operation-variants`) of the spec, or a page merged into one
    /// as its duplicate.
    pub operation_pages_with_method: usize,
    pub failed_pages: usize,
    pub pages_skipped_by_override: usize,
    /// Why the service is not imported at all, when it is not.
    pub excluded: Option<String>,
    /// `(method, path, first page, reason)` of each documented operation not in the spec.
    pub missing: Vec<(String, String, String, String)>,
    /// The tables, rows and code blocks of the imported operation pages, taken or reported.
    pub conservation: crate::import::ledger::ConservationCounts,
    /// The summary's notes of success statuses assumed from the method (the page and the
    /// service say nothing of them).
    pub assumed_statuses: Vec<String>,
    /// The summary's notes of examples left out because they contradict their tables.
    pub contradicting_examples: Vec<String>,
}

impl ServiceCoverage {
    /// Measures a service: its documented operations (from the RST pages), the operations of
    /// its spec, and why each documented operation the spec lacks is missing, from the import
    /// summary.
    pub fn measure<'text>(
        id: &str,
        title: &str,
        pages: impl IntoIterator<Item = (&'text str, &'text str)>,
        imported: Option<(&OpenAPI, &ImportSummary)>,
        excluded: Option<&str>,
    ) -> ServiceCoverage {
        let pages: Vec<(&str, &str)> = pages.into_iter().collect();
        let operation_page_names: BTreeSet<&str> = pages
            .iter()
            .filter(|(_, text)| !page_operations(text).is_empty())
            .map(|(file_name, _)| *file_name)
            .collect();
        let documented = documented_operations(pages.iter().copied());
        let mut coverage = ServiceCoverage {
            id: id.to_owned(),
            title: title.to_owned(),
            documented: documented.len(),
            imported: 0,
            operation_pages: operation_page_names.len(),
            operation_pages_with_method: 0,
            failed_pages: 0,
            pages_skipped_by_override: 0,
            excluded: excluded.map(str::to_owned),
            missing: Vec::new(),
            conservation: Default::default(),
            assumed_statuses: Vec::new(),
            contradicting_examples: Vec::new(),
        };
        let Some((document, summary)) = imported else {
            for (operation, file_name) in documented {
                coverage.missing.push((
                    operation.method,
                    operation.path,
                    file_name,
                    "the service is not imported".to_owned(),
                ));
            }
            return coverage;
        };
        coverage.failed_pages = summary.failed_pages.len();
        coverage.conservation = summary.conservation;
        for note in &summary.notes {
            if note.message.contains(ASSUMED_FROM_THE_METHOD) {
                coverage
                    .assumed_statuses
                    .push(format!("{}: {}", note.location, note.message));
            }
            if note.message.contains(CONTRADICTS_THE_TABLES) {
                coverage
                    .contradicting_examples
                    .push(format!("{}: {}", note.location, note.message));
            }
        }
        coverage.pages_skipped_by_override = summary
            .skipped_pages
            .iter()
            .filter(|(_, reason)| reason.starts_with(SKIPPED_BY_OVERRIDE))
            .count();
        let pages_with_method = source_pages_of_methods(document);
        coverage.operation_pages_with_method = operation_page_names
            .iter()
            .filter(|file_name| pages_with_method.contains(**file_name))
            .count();
        let in_spec = spec_operation_keys(document);
        for (operation, file_name) in documented {
            if in_spec.contains(&matching_key(&operation.method, &operation.path)) {
                coverage.imported += 1;
                continue;
            }
            let reason = missing_reason(summary, &file_name, &operation);
            coverage
                .missing
                .push((operation.method, operation.path, file_name, reason));
        }
        coverage
    }
}

/// What the summary's note of a success status assumed from the method says.
pub const ASSUMED_FROM_THE_METHOD: &str = "assumed from the method";

/// What the summary's note of an example left out for contradicting its tables says.
pub const CONTRADICTS_THE_TABLES: &str = "it contradicts the tables";

/// The reason the summary gives for a skipped page that an override left out.
pub const SKIPPED_BY_OVERRIDE: &str = "skipped by override: ";

/// Why a documented operation is not in the spec, from what the summary says of its page.
fn missing_reason(
    summary: &ImportSummary,
    file_name: &str,
    operation: &DocumentedOperation,
) -> String {
    if let Some(failed) = summary
        .failed_pages
        .iter()
        .find(|failed| failed.file_name == file_name)
    {
        let first = failed
            .errors
            .first()
            .map(|error| error.message.clone())
            .unwrap_or_default();
        return format!("the page failed: {first}");
    }
    if let Some((_, reason)) = summary
        .skipped_pages
        .iter()
        .find(|(skipped, _)| skipped == file_name)
    {
        return format!("the page is skipped: {reason}");
    }
    let has_literal_segment = operation.path.split('/').any(|segment| {
        segment.len() >= 16
            && segment
                .chars()
                .all(|character| character.is_ascii_hexdigit())
    });
    if has_literal_segment {
        return "an example request line with literal values, not a path template".to_owned();
    }
    "not found in the spec, though its page was imported".to_owned()
}

/// `spec/COVERAGE.md`: per service, documented operations, those in the spec, and why the
/// others are not; totals first.
pub fn coverage_markdown(services: &[ServiceCoverage]) -> String {
    let documented: usize = services.iter().map(|service| service.documented).sum();
    let imported: usize = services.iter().map(|service| service.imported).sum();
    let operation_pages: usize = services.iter().map(|service| service.operation_pages).sum();
    let operation_pages_with_method: usize = services
        .iter()
        .map(|service| service.operation_pages_with_method)
        .sum();
    let mut text = String::new();
    text.push_str("# Coverage of the API reference\n\n");
    text.push_str("Written by `cargo xtask codegen`; do not edit by hand.\n\n");
    text.push_str("A documented operation is a distinct method and path of a request line in a page's \"URI\" section (`POST /v1/{project_id}/cloudservers`, `GET https://{endpoint}/v3/…`, `PATH: /…` then `Method: GET`; path parameters compared by position, query string and trailing slash ignored), or the first request line of a page without one. It is imported when the service's spec has an operation of that method and path.\n\n");
    text.push_str("Several pages may document one method and path (an OpenStack `…/action` request, one page per action): an operation page has a method of its own in the client when it is the source page of an operation or of a variant (`x-operation-variants`), or a duplicate merged into one.\n\n");
    text.push_str(&format!(
        "**Total: {imported} of {documented} documented operations imported ({}); {operation_pages_with_method} of {operation_pages} operation pages have a method ({}).**\n\n",
        percent(imported, documented),
        percent(operation_pages_with_method, operation_pages)
    ));
    text.push_str("| service | documented | imported | coverage | operation pages | with a method | failed pages | pages skipped by override |\n");
    text.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for service in services {
        text.push_str(&format!(
            "| {} ({}) | {} | {} | {} | {} | {} | {} | {} |\n",
            service.title,
            service.id,
            service.documented,
            service.imported,
            percent(service.imported, service.documented),
            service.operation_pages,
            service.operation_pages_with_method,
            service.failed_pages,
            service.pages_skipped_by_override
        ));
    }
    text.push_str("\n## Everything on the operation pages, accounted for\n\n");
    text.push_str("Every table, table row and code block of an imported operation page is taken into the spec or reported in the service's import summary with its reason; a page with anything else fails (none does). Rows are those of the taken parameter and object tables (a reported table's rows go with it). Statuses assumed: operations whose successful status neither the page nor the service's status code page gives. Examples contradicting: examples left out because the spec, widened to what the examples show, still does not accept them.\n\n");
    text.push_str("| service | tables taken | tables reported | rows taken | rows reported | code blocks taken | code blocks reported | unaccounted | statuses assumed | examples contradicting |\n");
    text.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut total = crate::import::ledger::ConservationCounts::default();
    for service in services.iter().filter(|service| service.excluded.is_none()) {
        let counts = service.conservation;
        total += counts;
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            service.id,
            counts.tables_taken,
            counts.tables_reported,
            counts.rows_taken,
            counts.rows_reported,
            counts.code_blocks_taken,
            counts.code_blocks_reported,
            service.failed_pages,
            service.assumed_statuses.len(),
            service.contradicting_examples.len()
        ));
    }
    let assumed: usize = services
        .iter()
        .map(|service| service.assumed_statuses.len())
        .sum();
    let contradicting: usize = services
        .iter()
        .map(|service| service.contradicting_examples.len())
        .sum();
    let unaccounted: usize = services.iter().map(|service| service.failed_pages).sum();
    text.push_str(&format!(
        "| **all** | {} | {} | {} | {} | {} | {} | {unaccounted} | {assumed} | {contradicting} |\n",
        total.tables_taken,
        total.tables_reported,
        total.rows_taken,
        total.rows_reported,
        total.code_blocks_taken,
        total.code_blocks_reported
    ));
    let listed: Vec<&String> = services
        .iter()
        .flat_map(|service| {
            service
                .assumed_statuses
                .iter()
                .chain(&service.contradicting_examples)
        })
        .collect();
    if !listed.is_empty() {
        text.push_str("\nStatuses assumed and examples contradicting, each:\n\n");
        for note in listed {
            text.push_str(&format!("- {note}\n"));
        }
    }
    text.push_str("\n## Operations not imported\n");
    for service in services
        .iter()
        .filter(|service| !service.missing.is_empty())
    {
        text.push_str(&format!(
            "\n### {} ({}): {} of {}\n\n",
            service.title,
            service.id,
            service.missing.len(),
            service.documented
        ));
        if let Some(reason) = &service.excluded {
            text.push_str(&format!("Not imported: {reason}.\n\n"));
        }
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, _, _, reason) in &service.missing {
            *reasons.entry(reason_kind(reason)).or_default() += 1;
        }
        let tally: Vec<String> = reasons
            .iter()
            .map(|(kind, count)| format!("{count} {kind}"))
            .collect();
        text.push_str(&format!("By reason: {}.\n\n", tally.join("; ")));
        for (method, path, file_name, reason) in &service.missing {
            text.push_str(&format!("- `{method} {path}` ({file_name}): {reason}\n"));
        }
    }
    text
}

/// The kind of a reason, for the per-service tally.
fn reason_kind(reason: &str) -> &'static str {
    if reason.starts_with("the page failed") {
        "on pages that failed"
    } else if reason.contains(SKIPPED_BY_OVERRIDE) {
        "on pages left out by an override"
    } else if reason.starts_with("the page is skipped") {
        "on pages that are no operation pages"
    } else if reason.starts_with("an example request line") {
        "example request lines with literal values"
    } else if reason.starts_with("the service is not imported") {
        "of a service that is not imported"
    } else {
        "not found in the spec"
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".to_owned();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operations(text: &str) -> Vec<(String, String)> {
        page_operations(text)
            .into_iter()
            .map(|operation| (operation.method, operation.path))
            .collect()
    }

    #[test]
    fn request_lines_of_uri_sections() {
        let page = "Title\n=====\n\nURI\n---\n\nGET /v1/{project_id}/servers/{id}/\n\n-  URI format\n\n   POST https://{Endpoint}/v2/{project_id}/x?a=b\n\nRequest\n-------\n\nGET /v9/elsewhere\n";
        assert_eq!(
            operations(page),
            [
                ("GET".to_owned(), "/v1/{}/servers/{}".to_owned()),
                ("POST".to_owned(), "/v2/{}/x".to_owned())
            ]
        );
    }

    #[test]
    fn the_two_line_form_and_rejected_urls() {
        let page = "T\n=\n\nURI\n---\n\n-  PATH: /v1.0/{project_id}/instances\n\n-  Method: POST\n\nGET https://{Cloud Eye endpoint}/V1.0/x\n\nGET/{api_version}\n";
        assert_eq!(
            operations(page),
            [("POST".to_owned(), "/v1.0/{}/instances".to_owned())]
        );
    }

    #[test]
    fn a_page_without_uri_section_gives_its_first_request_line() {
        let page = "T\n=\n\nRequest Syntax\n--------------\n\n.. code-block::\n\n   POST https://{{IAM endpoint}}/x\n   PUT /?acl HTTP/1.1\n   GET /other\n";
        assert_eq!(operations(page), [("PUT".to_owned(), "".to_owned())]);
    }

    #[test]
    fn pages_with_a_method_are_those_of_operations_and_of_variants_instead_of_their_combination() {
        let document: OpenAPI = serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "paths": {
                "/servers/{id}/action": {"post": {
                    "operationId": "Reboot",
                    "x-source-page": "reboot.rst",
                    "responses": {},
                    "x-operation-variants": [
                        {"told-apart-by": {"in": "body", "property": "reboot"},
                         "operation": {"operationId": "Reboot", "x-source-page": "reboot.rst",
                                       "responses": {}}},
                        {"told-apart-by": {"in": "body", "property": "os-start"},
                         "operation": {"operationId": "Start", "x-source-page": "start.rst",
                                       "x-duplicate-source-pages": ["start_copy.rst"],
                                       "responses": {}}},
                    ],
                }},
                "/servers": {"get": {
                    "operationId": "ListServers",
                    "x-source-page": "list.rst",
                    "responses": {},
                }},
            },
        }))
        .expect("a document");
        assert_eq!(
            source_pages_of_methods(&document),
            ["list.rst", "reboot.rst", "start.rst", "start_copy.rst"]
                .into_iter()
                .map(str::to_owned)
                .collect()
        );
    }

    #[test]
    fn matching_keys_drop_markup() {
        assert_eq!(
            matching_key("get", "/v2/*{project_id}*/instances"),
            ("GET".to_owned(), "/v2/{}/instances".to_owned())
        );
        assert_eq!(
            matching_key("GET", "/v3/endpoints{"),
            ("GET".to_owned(), "/v3/endpoints".to_owned())
        );
    }
}
