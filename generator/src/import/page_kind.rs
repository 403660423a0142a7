//! What a page is: an operation page (and in which style), a general status code page, an
//! error code page, or no operation page at all (with the reason), decided on the doc model.

use crate::doc_model::DocPage;
use crate::import::error_codes::error_code_tables;
use crate::import::examples::segments_fit_template;
use crate::import::request_line::{page_request_lines, uri_section, RequestLine};
use crate::import::styles::generated::is_generated_format;
use crate::import::styles::status_code_page::is_status_code_page;

/// The style an operation page is written in, which decides its recogniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// The doc-exports generated format (`styles::generated`).
    Generated,
    /// An older hand-written format (`styles::hand_written`).
    HandWritten,
}

/// What a page is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// An operation page: the request lines of its URI section, one operation each.
    Operation {
        style: PageStyle,
        request_lines: Vec<RequestLine>,
        /// The request lines that are examples of another line's template (reported, no
        /// operation of their own).
        example_lines: Vec<RequestLine>,
    },
    /// A general status code page (`styles::status_code_page`).
    StatusCodes,
    /// An error code page, imported as data (`error_codes`).
    ErrorCodes,
    NotAnOperation {
        reason: String,
    },
}

/// Decides what a page is.
pub fn classify_page(page: &DocPage) -> PageKind {
    let Some(_) = uri_section(page) else {
        if !error_code_tables(page).is_empty() {
            return PageKind::ErrorCodes;
        }
        if is_status_code_page(page) {
            return PageKind::StatusCodes;
        }
        return PageKind::NotAnOperation {
            reason: "no URI section: not an operation page".to_owned(),
        };
    };
    let all_lines = page_request_lines(page);
    let request_lines = operation_request_lines(all_lines.clone());
    let example_lines: Vec<RequestLine> = all_lines
        .into_iter()
        .filter(|line| !request_lines.contains(line))
        .collect();
    if request_lines.is_empty() {
        return PageKind::NotAnOperation {
            reason: "URI section has no \"METHOD /path\" line: not an operation page".to_owned(),
        };
    }
    let style = if is_generated_format(page) {
        PageStyle::Generated
    } else {
        PageStyle::HandWritten
    };
    PageKind::Operation {
        style,
        request_lines,
        example_lines,
    }
}

/// The request lines that are operations: a line whose path is an instance of another line's
/// template (`GET /v3/0483b6…/jobs` beside `GET /v3/{project_id}/jobs`) is an example of it.
fn operation_request_lines(lines: Vec<RequestLine>) -> Vec<RequestLine> {
    let is_example = |line: &RequestLine| {
        lines.iter().any(|template| {
            template != line
                && template.method == line.method
                && template.path.contains('{')
                && path_is_instance(&line.path, &template.path)
        })
    };
    let kept: Vec<RequestLine> = lines
        .iter()
        .filter(|line| !is_example(line))
        .cloned()
        .collect();
    kept
}

/// Whether `path` fills in the `{variables}` of `template`, segment by segment.
fn path_is_instance(path: &str, template: &str) -> bool {
    if path == template {
        return false;
    }
    if segments_fit_template(path, template, fills_variable_segment) {
        return true;
    }
    // An example URL whose host swallowed the template's first segment
    // ("https://gaussdb-mysql.eu-de.otc.t-systems.commysql/v3/97b0…/instances/…"): the rest of
    // the template, each segment filled, with at least one variable segment filled.
    let template_rest = template
        .trim_start_matches('/')
        .split_once('/')
        .map(|(_, rest)| format!("/{rest}"));
    !path.contains('{')
        && template_rest.is_some_and(|rest| {
            rest.contains('{') && segments_fit_template(path, &rest, fills_variable_segment)
        })
}

/// Whether a segment of a request line fills a segment of another line's template: the same
/// literal segment, exactly, or where the template's segment is a whole `{variable}`, text that
/// is no variable itself (two lines that only name a variable differently are two templates,
/// neither an instance of the other).
fn fills_variable_segment(segment: &str, template_segment: &str) -> bool {
    segment == template_segment
        || (template_segment.starts_with('{')
            && template_segment.ends_with('}')
            && !segment.contains('{'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::request_line::parse_request_line;

    #[test]
    fn example_instances_of_a_template_are_no_operations() {
        let lines = vec![
            parse_request_line("GET /mysql/v3/{project_id}/jobs").unwrap(),
            parse_request_line("GET /mysql/v3/0483b6b16e954cb88930a360d2c4e663/jobs").unwrap(),
            parse_request_line("POST /mysql/v3/{project_id}/jobs").unwrap(),
        ];
        let kept: Vec<String> = operation_request_lines(lines)
            .into_iter()
            .map(|line| format!("{} {}", line.method, line.path))
            .collect();
        assert_eq!(
            kept,
            [
                "get /mysql/v3/{project_id}/jobs",
                "post /mysql/v3/{project_id}/jobs"
            ]
        );
    }

    #[test]
    fn instances_fill_whole_variable_segments_with_exactly_the_same_literals() {
        for (path, template, is_instance) in [
            ("/v3/0483b6/jobs/", "/v3/{project_id}/jobs", true),
            ("/V3/0483b6/jobs", "/v3/{project_id}/jobs", false),
            ("/v3/{projectId}/jobs", "/v3/{project_id}/jobs", false),
            ("/v3/{project_id}/jobs", "/v3/{project_id}/jobs", false),
            ("/v3/abc.json", "/v3/{id}.json", false),
        ] {
            assert_eq!(
                path_is_instance(path, template),
                is_instance,
                "{path} {template}"
            );
        }
    }
}
