//! Example bodies in code blocks: where the JSON starts, JSON with the comments and trailing
//! commas the pages write (read as JSON5 when plain JSON fails), several bodies in one block
//! split at `//` comment lines, and the sentence before a block as its summary.

use crate::import::request_line::{normalized_path, parse_request_line, RequestLine, HTTP_METHODS};

/// Paragraphs that only label what follows ("Example request", "Request URL:"): they say
/// nothing about one example, so they are no example summary.
const GENERIC_EXAMPLE_LABELS: [&str; 13] = [
    "example",
    "examples",
    "example request",
    "example response",
    "request example",
    "response example",
    "example requests",
    "example responses",
    "request url",
    "sample",
    "none",
    "or",
    "response body",
];

/// The JSON body of an example block: everything from the first line that opens a JSON object
/// or array. `None` when the block has no such line (a bare request line); `Some(Err)` with the
/// parser's message when the body is neither JSON nor JSON5.
pub fn json_body(text: &str) -> Option<Result<serde_json::Value, String>> {
    let mut offset = 0;
    let mut body_start = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            body_start = Some(offset);
            break;
        }
        offset += line.len();
    }
    let body = text[body_start?..].trim();
    Some(parse_lenient_json(body))
}

/// Plain JSON first (exact numbers, the order the page gives), then JSON5 for the comments,
/// trailing commas and single quotes hand-written examples have.
pub fn parse_lenient_json(body: &str) -> Result<serde_json::Value, String> {
    let json_error = match serde_json::from_str(body) {
        Ok(value) => return Ok(value),
        Err(json_error) => json_error,
    };
    if let Ok(value) = json5::from_str::<serde_json::Value>(body) {
        return Ok(value);
    }
    // Line breaks and tabs written inside a string ("SELECT …\n  FROM …" over two lines) are
    // the string's characters.
    let escaped = escape_control_characters_in_strings(body);
    if escaped != body {
        if let Ok(value) = serde_json::from_str(&escaped) {
            return Ok(value);
        }
    }
    // A body followed by prose or a command ("2. Run the following command … curl … -d
    // @file.json"): the body is the value the block starts with, unless another JSON value
    // follows it (two bodies in one block are not one example).
    let mut values = serde_json::Deserializer::from_str(body).into_iter::<serde_json::Value>();
    if let Some(Ok(value)) = values.next() {
        let rest = body[values.byte_offset()..].trim_start();
        if !rest.is_empty() && !rest.starts_with(['{', '[']) {
            return Ok(value);
        }
    }
    Err(json_error.to_string())
}

/// The text with the control characters inside JSON string literals written as escapes.
fn escape_control_characters_in_strings(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut in_string = false;
    let mut after_backslash = false;
    for character in text.chars() {
        if in_string {
            if after_backslash {
                after_backslash = false;
            } else if character == '\\' {
                after_backslash = true;
            } else if character == '"' {
                in_string = false;
            } else if character.is_control() {
                match character {
                    '\n' => escaped.push_str("\\n"),
                    '\r' => escaped.push_str("\\r"),
                    '\t' => escaped.push_str("\\t"),
                    other => escaped.push_str(&format!("\\u{:04x}", u32::from(other))),
                }
                continue;
            }
        } else if character == '"' {
            in_string = true;
        }
        escaped.push(character);
    }
    escaped
}

/// Whether a text has a line opening a JSON object or array.
pub fn has_json_line(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with('{') || line.starts_with('[')
    })
}

/// Whether a code block without JSON shows no body: every line is empty, a request line, a
/// status line (`HTTP/1.1 200 OK`), a header (`Name: value`) or "None". Anything else (a form,
/// XML, prose) is a body the spec cannot carry as a JSON example.
pub fn shows_no_body(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        let is_header = line.split_once(':').is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|character| character.is_ascii_alphanumeric() || character == '-')
        });
        let upper = line.to_ascii_uppercase();
        let is_status_line = upper
            .trim_start_matches("NONE")
            .trim()
            .trim_matches(['(', ')'])
            .starts_with("STATUS CODE");
        line.is_empty()
            || starts_with_http_method(line)
            || upper.starts_with("CURL ")
            || line.starts_with("HTTP/")
            || line.eq_ignore_ascii_case("none")
            || is_status_line
            || is_header
    })
}

/// In a section of request and response examples together ("Example"), whether each block
/// (by index) shows a request: a code block after a label that says "request" ("Example
/// request"), or, where no label has said which, one that starts with a request line.
pub fn request_blocks_of_mixed_section(section: &crate::doc_model::DocSection) -> Vec<bool> {
    let mut saying_request: Option<bool> = None;
    section
        .blocks
        .iter()
        .map(|block| match block {
            crate::doc_model::DocBlock::Paragraph(line) => {
                let lower = line.text.to_ascii_lowercase();
                if lower.contains("response") {
                    saying_request = Some(false);
                } else if lower.contains("request") {
                    saying_request = Some(true);
                }
                false
            }
            crate::doc_model::DocBlock::Preformatted(text) => {
                saying_request.unwrap_or_else(|| starts_with_http_method(text))
            }
            crate::doc_model::DocBlock::Table(_) => false,
        })
        .collect()
}

/// Joins runs of adjacent code blocks that hold one example between them: some pages write a
/// JSON body one line per code block (`{`, `"totalNum": 1,`, …). A run of two or more blocks
/// with nothing between them is joined when together they hold a JSON body and a block alone
/// is only a fragment of one (neither a whole body nor free of JSON punctuation). Returns a
/// note per joined run.
pub fn join_split_code_blocks(
    page: &mut crate::doc_model::DocPage,
) -> Vec<crate::import::page_operation::ImportNote> {
    use crate::doc_model::DocBlock;
    let mut notes = Vec::new();
    for section in &mut page.sections {
        let mut joined_blocks: Vec<DocBlock> = Vec::with_capacity(section.blocks.len());
        let mut index = 0;
        let blocks = std::mem::take(&mut section.blocks);
        while index < blocks.len() {
            let run_end = blocks[index..]
                .iter()
                .position(|block| !matches!(block, DocBlock::Preformatted(_)))
                .map_or(blocks.len(), |offset| index + offset);
            if run_end - index >= 2 {
                let texts: Vec<&str> = blocks[index..run_end]
                    .iter()
                    .filter_map(|block| match block {
                        DocBlock::Preformatted(text) => Some(text.as_str()),
                        _ => None,
                    })
                    .collect();
                if let Some(split_at) = split_json_run(&texts) {
                    let first_number = joined_blocks
                        .iter()
                        .filter(|block| matches!(block, DocBlock::Preformatted(_)))
                        .count()
                        + 1;
                    // The blocks before the body (a status line, headers) stay blocks of their
                    // own; the body's fragments become one block.
                    for text in &texts[..split_at] {
                        joined_blocks.push(DocBlock::Preformatted((*text).to_owned()));
                    }
                    joined_blocks.push(DocBlock::Preformatted(texts[split_at..].join("\n")));
                    notes.push(crate::import::page_operation::ImportNote {
                        location: crate::doc_model::SourceLocation {
                            table: Some(format!(
                                "{} section, code blocks {}–{}",
                                section.title,
                                first_number + split_at,
                                first_number + texts.len() - 1
                            )),
                            ..crate::doc_model::SourceLocation::page(&page.file_name)
                        },
                        message: format!(
                            "{} adjacent code blocks read as one example: a JSON body split one fragment per block",
                            texts.len() - split_at
                        ),
                    });
                    index = run_end;
                    continue;
                }
            }
            joined_blocks.extend(blocks[index..run_end.max(index + 1)].iter().cloned());
            index = run_end.max(index + 1);
        }
        section.blocks = joined_blocks;
    }
    notes
}

/// Where the JSON body of a run of code blocks starts, when the blocks from there on only
/// together form a JSON value and at least two of them are fragments.
fn split_json_run(texts: &[&str]) -> Option<usize> {
    let start = texts.iter().position(|text| {
        let trimmed = text.trim_start();
        trimmed.starts_with('{') || trimmed.starts_with('[')
    })?;
    let body = &texts[start..];
    let fragments = body
        .iter()
        .filter(|text| parse_lenient_json(text.trim()).is_err())
        .count();
    if body.len() < 2 || fragments < 2 {
        return None;
    }
    parse_lenient_json(body.join("\n").trim()).ok()?;
    Some(start)
}

/// Whether a text starts with an HTTP method and a space, as the request lines of example
/// blocks do (`GET https://{endpoint}/v1.0/…`).
pub fn starts_with_http_method(text: &str) -> bool {
    text.trim_start()
        .split_once(char::is_whitespace)
        .is_some_and(|(method, _)| {
            HTTP_METHODS
                .iter()
                .any(|known| known.eq_ignore_ascii_case(method))
        })
}

/// Whether a code block shows a request to another path than the operation's: a block that
/// starts with a request line (`POST https://{VPCEndpoint}/v1/…/publicips`, a step of a longer
/// example) whose path is neither one of `request_lines` nor an instance of one. A block with
/// no request line belongs to the operation.
pub fn is_request_to_another_path(block: &str, request_lines: &[RequestLine]) -> bool {
    let Some(first_line) = block.lines().map(str::trim).find(|line| !line.is_empty()) else {
        return false;
    };
    let Some(shown) = parse_request_line(first_line) else {
        return false;
    };
    !request_lines.iter().any(|line| {
        let template = normalized_path(&line.path);
        let path = normalized_path(&shown.path);
        path == template || segments_fit_template(&shown.path, &line.path, fills_template_segment)
    })
}

/// Whether `path` has as many segments as `template` (a trailing slash aside) and each one fits
/// the template's segment at its place by `segment_fits(path_segment, template_segment)`. The
/// importer asks this of request lines in two places with different rules for one segment:
/// `fills_template_segment` for the requests of example blocks, and `page_kind`'s for request
/// lines that are examples of another line.
pub fn segments_fit_template(
    path: &str,
    template: &str,
    segment_fits: fn(&str, &str) -> bool,
) -> bool {
    let path_segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let template_segments: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    path_segments.len() == template_segments.len()
        && path_segments
            .iter()
            .zip(&template_segments)
            .all(|(segment, template_segment)| segment_fits(segment, template_segment))
}

/// Whether a segment of an example request fills a segment of the operation's path: the same
/// literal segment compared case-insensitively, or any non-empty text where the template's
/// segment has a `{variable}` in it (an example may keep a placeholder of its own there).
fn fills_template_segment(segment: &str, template_segment: &str) -> bool {
    segment.eq_ignore_ascii_case(template_segment)
        || (template_segment.contains('{') && !segment.is_empty())
}

/// The summary a paragraph gives the example after it, unless it only labels it.
pub fn example_summary(text: &str) -> Option<String> {
    let text = text.trim();
    let label = text.trim_end_matches(':').trim().to_ascii_lowercase();
    (!text.is_empty() && !GENERIC_EXAMPLE_LABELS.contains(&label.as_str())).then(|| text.to_owned())
}

/// A code block split at its `//` comment lines: `(comment, text after it)`, the text before
/// the first comment with no comment. Blank parts are left out.
pub fn commented_parts(text: &str) -> Vec<(Option<String>, &str)> {
    let mut parts = Vec::new();
    let mut comment: Option<String> = None;
    let mut part_start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(next_comment) = line.trim_start().strip_prefix("//") {
            let part = &text[part_start..offset];
            if !part.trim().is_empty() {
                parts.push((comment.take(), part));
            }
            comment = Some(next_comment.trim().to_owned()).filter(|comment| !comment.is_empty());
            part_start = offset + line.len();
        }
        offset += line.len();
    }
    let part = &text[part_start..];
    if !part.trim().is_empty() {
        parts.push((comment, part));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_start_at_the_first_json_line() {
        assert_eq!(
            json_body("POST https://{endpoint}/v1/x\n\n{\"a\": 1}\n"),
            Some(Ok(serde_json::json!({"a": 1})))
        );
        assert_eq!(json_body("GET https://{endpoint}/v1/x"), None);
    }

    #[test]
    fn comments_and_trailing_commas_are_read() {
        assert_eq!(
            json_body("{\n  \"a\": 1, // the count\n  \"b\": [1, 2,],\n}"),
            Some(Ok(serde_json::json!({"a": 1, "b": [1, 2]})))
        );
        assert!(matches!(json_body("{\"a\": 1 \"b\": 2}"), Some(Err(_))));
    }

    #[test]
    fn comment_lines_split_a_block_into_examples() {
        let parts = commented_parts("//First.\n{\"a\": 1}\n//Second.\n{\"a\": 2}\n");
        assert_eq!(
            parts,
            [
                (Some("First.".to_owned()), "{\"a\": 1}\n"),
                (Some("Second.".to_owned()), "{\"a\": 2}\n")
            ]
        );
        assert_eq!(commented_parts("{}"), [(None, "{}")]);
    }

    #[test]
    fn steps_of_other_requests_are_no_examples() {
        let lines = vec![parse_request_line("POST /v2.0/lbaas/loadbalancers").unwrap()];
        assert!(is_request_to_another_path(
            "POST https://{VPCEndpoint}/v1/8b7e35ad/publicips\n{}",
            &lines
        ));
        assert!(!is_request_to_another_path(
            "POST https://{Endpoint}/v2.0/lbaas/loadbalancers\n{}",
            &lines
        ));
        assert!(!is_request_to_another_path("{\"a\": 1}", &lines));
        let templated = vec![parse_request_line("GET /v3/{project_id}/jobs/{id}").unwrap()];
        assert!(!is_request_to_another_path(
            "GET https://host/v3/0483b6b16e/jobs/12",
            &templated
        ));
    }

    #[test]
    fn example_paths_fill_templates_case_insensitively_and_may_keep_placeholders() {
        let template = "/v1/{project_id}/publicips";
        for (path, fits) in [
            ("/V1/8b7e35ad/PublicIps/", true),
            ("/v1/{projectId}/publicips", true),
            ("/v1//publicips", false),
            ("/v1/8b7e35ad", false),
            ("/v2/8b7e35ad/publicips", false),
        ] {
            assert_eq!(
                segments_fit_template(path, template, fills_template_segment),
                fits,
                "{path}"
            );
        }
        assert!(segments_fit_template(
            "/v1/abc.json",
            "/v1/{id}.json",
            fills_template_segment
        ));
    }

    #[test]
    fn generic_labels_are_no_summaries() {
        assert_eq!(example_summary("Example:"), None);
        assert_eq!(example_summary("Request URL:"), None);
        assert_eq!(
            example_summary("Example request with allFailure set to false:"),
            Some("Example request with allFailure set to false:".to_owned())
        );
    }
}
