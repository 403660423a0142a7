//! The request lines of a page's URI section: `METHOD /path`, `METHOD https://{endpoint}/path`
//! and the older two-line `PATH: /path` + `Method: GET`, in every block kind they are written in.
//!
//! The same reader serves the importer (which operations a page documents) and the coverage
//! count (`coverage`), so the two can never disagree about what a request line is.

use crate::doc_model::{DocBlock, DocPage, DocSection};

/// The HTTP methods a request line can start with.
pub const HTTP_METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// One request line: `METHOD /path?query`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RequestLine {
    /// Lower-case HTTP method.
    pub method: String,
    /// The path as documented, without host and query.
    pub path: String,
    /// The query template after `?` (`start={start}&limit={limit}`), when the line has one.
    pub query: Option<String>,
}

impl RequestLine {
    /// The key two request lines are the same operation by: method, and the path with every
    /// `{variable}` replaced by `{}` (variables compare by position) and without a trailing
    /// slash.
    pub fn operation_key(&self) -> (String, String) {
        (self.method.clone(), normalized_path(&self.path))
    }
}

/// A path with every `{variable}` as `{}` and no trailing slash: `/v1/{id}/` → `/v1/{}`.
pub fn normalized_path(path: &str) -> String {
    let mut normalized = String::with_capacity(path.len());
    let mut in_variable = false;
    for character in path.chars() {
        match character {
            '{' if !in_variable => {
                in_variable = true;
                normalized.push('{');
            }
            '}' if in_variable => {
                in_variable = false;
                normalized.push('}');
            }
            _ if in_variable => {}
            _ => normalized.push(character),
        }
    }
    while normalized.len() > 1 && normalized.ends_with('/') {
        normalized.pop();
    }
    normalized
}

/// The sections a page writes its request line in: "URI", and the variants older pages use
/// ("URI format", "Request URI", "URL").
pub fn is_uri_section_title(title: &str) -> bool {
    let title = title.trim().trim_end_matches(':').trim();
    ["URI", "URI format", "Request URI", "URL", "URI Format"]
        .iter()
        .any(|known| title.eq_ignore_ascii_case(known))
}

/// The page's URI section, if it has one.
pub fn uri_section(page: &DocPage) -> Option<&DocSection> {
    page.sections
        .iter()
        .find(|section| is_uri_section_title(&section.title))
}

/// Every request line of a section, in page order, each once.
pub fn section_request_lines(section: &DocSection) -> Vec<RequestLine> {
    let mut texts: Vec<&str> = Vec::new();
    for block in &section.blocks {
        match block {
            DocBlock::Paragraph(line) => texts.push(&line.text),
            DocBlock::Preformatted(text) => texts.extend(text.lines()),
            DocBlock::Table(_) => {}
        }
    }
    let mut lines: Vec<RequestLine> = Vec::new();
    let mut pending_path: Option<String> = None;
    let mut pending_method: Option<String> = None;
    for text in texts {
        let text = text.trim();
        if let Some(line) = parse_request_line(text) {
            push_once(&mut lines, line);
            continue;
        }
        // The two-line form: `PATH: /v1.0/{project_id}/instances` and `Method: POST`, in either
        // order.
        if let Some(path) = labelled(text, "PATH") {
            if let Some(url) = url_path(path) {
                match pending_method.take() {
                    Some(method) => push_once(&mut lines, request_line(&method, url)),
                    None => pending_path = Some(url.to_owned()),
                }
            }
        } else if let Some(method) = labelled(text, "Method") {
            let method = method.trim().to_ascii_uppercase();
            if HTTP_METHODS.contains(&method.as_str()) {
                match pending_path.take() {
                    Some(path) => push_once(&mut lines, request_line(&method, &path)),
                    None => pending_method = Some(method),
                }
            }
        }
    }
    lines
}

/// The request lines of the page's URI section (none when it has no such section).
pub fn page_request_lines(page: &DocPage) -> Vec<RequestLine> {
    uri_section(page)
        .map(section_request_lines)
        .unwrap_or_default()
}

fn push_once(lines: &mut Vec<RequestLine>, line: RequestLine) {
    if !lines.contains(&line) {
        lines.push(line);
    }
}

/// `Label: value` → `value`, the label compared case-insensitively.
fn labelled<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let (head, value) = text.split_once(':')?;
    head.trim()
        .eq_ignore_ascii_case(label)
        .then_some(value.trim())
}

/// `GET /v1/{project_id}/servers`, `GET https://{endpoint}/v1/…` → the request line.
///
/// The url is the first word after the method (a `{…}` with spaces in it, as in
/// `{Cloud Eye endpoint}`, counts as part of the word). What follows it is allowed where it
/// cannot be prose: the rest of a query (`/v3/endpoints{?interface, service_id}`) or the HTTP
/// version (`GET /?acl HTTP/1.1`).
pub fn parse_request_line(text: &str) -> Option<RequestLine> {
    let (method, rest) = text.trim().split_once(char::is_whitespace)?;
    if !HTTP_METHODS.contains(&method) {
        return None;
    }
    let rest = rest.trim();
    let url_length = url_word_length(rest);
    let (url, after) = rest.split_at(url_length);
    let after = after.trim();
    let has_query = url.contains('?');
    if !after.is_empty() && !has_query && !after.starts_with("HTTP/") {
        return None;
    }
    let url = url_path(url)?;
    let line = request_line(method, url);
    (!line.path.contains(char::is_whitespace)).then_some(line)
}

/// The length of the url word at the start of a text: up to the first whitespace outside
/// braces.
fn url_word_length(text: &str) -> usize {
    let mut depth = 0usize;
    for (index, character) in text.char_indices() {
        match character {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if character.is_whitespace() && depth == 0 => return index,
            _ => {}
        }
    }
    text.len()
}

fn request_line(method: &str, url: &str) -> RequestLine {
    let url = url.trim();
    // A URI template's query (`/flavors/detail{?minDisk,minRam}`) starts at `{?`.
    let (path, query) = match url.split_once("{?") {
        Some((path, query)) => (
            path,
            Some(query.strip_suffix('}').unwrap_or(query).to_owned()),
        ),
        None => match url.split_once('?') {
            Some((path, query)) => (path, Some(query.to_owned())),
            None => (url, None),
        },
    };
    // A trailing slash (`GET /v2/`) is no part of the resource's path: the same operation is
    // written with and without it, and OpenAPI tools expect paths without one.
    let path = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    RequestLine {
        method: method.to_ascii_lowercase(),
        path: path.to_owned(),
        query,
    }
}

/// The path (and query) of a request line's URL: the URL itself when it starts with `/`, else
/// what follows the host of `https://host/…`, `http://host/…` or `{endpoint}/…`. A URL with a
/// space in it is prose, not a request line.
fn url_path(url: &str) -> Option<&str> {
    if url.is_empty() {
        return None;
    }
    if url.starts_with('/') {
        return Some(url);
    }
    let after_scheme = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let is_host_template = after_scheme.starts_with('{') || url.len() != after_scheme.len();
    if !is_host_template {
        return None;
    }
    let slash = after_scheme.find('/')?;
    Some(&after_scheme[slash..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc_model::DocLine;

    fn paragraph(text: &str) -> DocBlock {
        DocBlock::Paragraph(DocLine {
            text: text.to_owned(),
            ..DocLine::default()
        })
    }

    fn check(blocks: Vec<DocBlock>, expected: &[(&str, &str, Option<&str>)]) {
        let section = DocSection {
            title: "URI".to_owned(),
            blocks,
        };
        let lines: Vec<(String, String, Option<String>)> = section_request_lines(&section)
            .into_iter()
            .map(|line| (line.method, line.path, line.query))
            .collect();
        let expected: Vec<(String, String, Option<String>)> = expected
            .iter()
            .map(|(method, path, query)| {
                (
                    (*method).to_owned(),
                    (*path).to_owned(),
                    query.map(str::to_owned),
                )
            })
            .collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn plain_request_lines() {
        check(
            vec![paragraph("POST /v1/{project_id}/cloudservers/delete")],
            &[("post", "/v1/{project_id}/cloudservers/delete", None)],
        );
        check(
            vec![paragraph(
                "GET /v1.0/{project_id}/instances?start={start}&limit={limit}",
            )],
            &[(
                "get",
                "/v1.0/{project_id}/instances",
                Some("start={start}&limit={limit}"),
            )],
        );
    }

    #[test]
    fn hosts_are_left_out() {
        check(
            vec![paragraph(
                "GET https://{endpoint}/v3/{project_id}/instances",
            )],
            &[("get", "/v3/{project_id}/instances", None)],
        );
        check(
            vec![DocBlock::Preformatted(
                "DELETE https://{Endpoint}/v3/{project_id}/jobs/{id}\n".to_owned(),
            )],
            &[("delete", "/v3/{project_id}/jobs/{id}", None)],
        );
        check(
            vec![paragraph("GET {endpoint}/v2/{project_id}/alarms")],
            &[("get", "/v2/{project_id}/alarms", None)],
        );
    }

    #[test]
    fn uri_template_queries_are_no_part_of_the_path() {
        check(
            vec![paragraph("GET /v3/endpoints{?interface, service_id}")],
            &[("get", "/v3/endpoints", Some("interface, service_id"))],
        );
        check(
            vec![paragraph(
                "GET /v2.1/{project_id}/flavors/detail{?minDisk={minDisk}&minRam={minRam}}",
            )],
            &[(
                "get",
                "/v2.1/{project_id}/flavors/detail",
                Some("minDisk={minDisk}&minRam={minRam}"),
            )],
        );
    }

    #[test]
    fn the_two_line_form() {
        check(
            vec![
                paragraph("URI format"),
                paragraph("PATH: /v1.0/{project_id}/instances/{instanceId}/action"),
                paragraph("Method: POST"),
            ],
            &[(
                "post",
                "/v1.0/{project_id}/instances/{instanceId}/action",
                None,
            )],
        );
    }

    #[test]
    fn prose_is_no_request_line() {
        check(
            vec![
                paragraph("GET requests are answered from the cache."),
                paragraph("GET /v1/servers is used to list servers."),
                paragraph("Table 1 describes the parameters."),
                paragraph("POST"),
            ],
            &[],
        );
    }

    #[test]
    fn operation_keys_compare_variables_by_position() {
        let first = parse_request_line("GET /v1/{project_id}/servers/{server_id}/").unwrap();
        let second = parse_request_line("GET /v1/{tenant}/servers/{id}").unwrap();
        assert_eq!(first.operation_key(), second.operation_key());
        assert_eq!(normalized_path("/"), "/");
    }
}
