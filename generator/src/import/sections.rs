//! What each section and table of an operation page is for, whatever the page style calls it:
//! section titles ("Request Parameters", "Request", "Request Message", …) and table captions
//! ("Path Parameters", "Parameter description", "Request header parameters", …) read into
//! roles the recognisers share.

use crate::doc_model::{DocBlock, DocPage, DocSection, DocTable};
use crate::import::request_line::is_uri_section_title;

/// What a section of an operation page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionRole {
    Function,
    Constraints,
    Uri,
    Request,
    Response,
    /// "Abnormal Response": the error responses, usually only a reference.
    AbnormalResponse,
    Statuses,
    ExampleRequest,
    ExampleResponse,
    /// "Example" / "Examples": request and response examples together.
    Examples,
    ErrorCodes,
    /// Prose the import has no use for ("Calling Method", "Debugging").
    Other,
}

/// The role of a section by its title.
pub fn section_role(title: &str) -> SectionRole {
    let title = title
        .trim()
        .trim_matches('*')
        .trim()
        .trim_end_matches(':')
        .trim();
    // "Example Request (Creating an SSH Key)": a remark in parentheses says which example.
    let title = match title.split_once(" (") {
        Some((role, remark)) if remark.ends_with(')') => role.trim(),
        _ => title,
    };
    if is_uri_section_title(title) {
        return SectionRole::Uri;
    }
    match title.to_ascii_lowercase().as_str() {
        "function" | "functions" | "api description" | "description" => SectionRole::Function,
        "constraints"
        | "constraints and limitations"
        | "restrictions"
        | "notes and constraints" => SectionRole::Constraints,
        "request parameters" | "request" | "requests" | "request message" | "request parameter"
        | "request body" => SectionRole::Request,
        "response parameters"
        | "response"
        | "responses"
        | "response message"
        | "response messages"
        | "normal response"
        | "response parameter"
        | "response parameters description"
        | "(optional) response body" => SectionRole::Response,
        "abnormal response" => SectionRole::AbnormalResponse,
        "status codes" | "status code" | "returned values" | "returned value" | "return values"
        | "return value" => SectionRole::Statuses,
        "example requests" | "example request" | "request example" | "request examples" => {
            SectionRole::ExampleRequest
        }
        "example responses" | "example response" | "response example" | "response examples" => {
            SectionRole::ExampleResponse
        }
        "example" | "examples" | "sample" => SectionRole::Examples,
        "error codes" | "error code" => SectionRole::ErrorCodes,
        _ if title.to_ascii_lowercase().starts_with("constraints") => SectionRole::Constraints,
        _ => SectionRole::Other,
    }
}

/// The sections of a page with a role, in page order.
pub fn sections_with_role(page: &DocPage, role: SectionRole) -> impl Iterator<Item = &DocSection> {
    page.sections
        .iter()
        .filter(move |section| section_role(&section.title) == role)
}

/// What a table of an operation page holds, by its caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptionRole {
    PathParameters,
    QueryParameters,
    HeaderParameters,
    RequestBody,
    /// The fields of a `multipart/form-data` request body ("FormData parameters").
    FormData,
    ResponseBody,
    ResponseHeaders,
    /// A caption that says nothing about the table's role ("Parameter description", an
    /// object's name), or no caption.
    Unspecified,
}

/// The role a caption gives its table, from its words: "Path Parameters", "Query
/// parameters", "Request header parameters", "Parameters in the request body", "Response
/// parameters". A caption that is an object's name ("MetricQueryParam", "HeaderInfo") says
/// nothing.
pub fn caption_role(table: &DocTable) -> CaptionRole {
    match table.caption.as_deref() {
        Some(caption) => role_of_label(caption),
        None => CaptionRole::Unspecified,
    }
}

/// The role of a table of `page`: its caption's, else that of the label paragraph right before
/// it, which pages without captions write instead ("Parameters in the request body", a list
/// item the table is nested in). A label is short: a sentence of prose says nothing of the
/// table after it.
pub fn table_role(page: &DocPage, table: &DocTable) -> CaptionRole {
    let role = caption_role(table);
    if role != CaptionRole::Unspecified {
        return role;
    }
    match label_before(page, table) {
        Some(label) if label.split_whitespace().count() <= 8 => role_of_label(label),
        _ => CaptionRole::Unspecified,
    }
}

/// The text of the paragraph right before a table of `page`, if a paragraph comes right before.
pub fn label_before<'page>(page: &'page DocPage, table: &DocTable) -> Option<&'page str> {
    page.sections.iter().find_map(|section| {
        let position = section.blocks.iter().position(
            |block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, table)),
        )?;
        match section.blocks.get(position.checked_sub(1)?)? {
            DocBlock::Paragraph(line) => Some(line.text.as_str()),
            _ => None,
        }
    })
}

/// The role a caption or label gives the table it names.
fn role_of_label(caption: &str) -> CaptionRole {
    let lower = caption.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|character: char| !character.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let has = |word: &str| words.contains(&word);
    if has("formdata") || (has("form") && has("data")) {
        return CaptionRole::FormData;
    }
    let about_parameters = has("parameter")
        || has("parameters")
        || has("field")
        || has("fields")
        || has("description")
        || has("uri");
    if !about_parameters {
        return CaptionRole::Unspecified;
    }
    let response = has("response") || has("responses");
    let request = has("request") || has("requests");
    if has("header") || has("headers") {
        if response {
            CaptionRole::ResponseHeaders
        } else {
            CaptionRole::HeaderParameters
        }
    } else if has("query") {
        CaptionRole::QueryParameters
    } else if has("path") {
        CaptionRole::PathParameters
    } else if request {
        CaptionRole::RequestBody
    } else if response {
        CaptionRole::ResponseBody
    } else {
        CaptionRole::Unspecified
    }
}

/// The tables of a section, in order.
pub fn section_tables(section: &DocSection) -> impl Iterator<Item = &DocTable> {
    section.blocks.iter().filter_map(|block| match block {
        DocBlock::Table(table) => Some(table),
        _ => None,
    })
}

/// A section's running text: paragraphs, list items (`- `) and code blocks (fenced).
pub fn section_paragraphs(section: &DocSection) -> Vec<String> {
    section
        .blocks
        .iter()
        .filter_map(|block| match block {
            DocBlock::Paragraph(line) if line.is_list_item => Some(format!("- {}", line.text)),
            DocBlock::Paragraph(line) => Some(line.text.clone()),
            DocBlock::Preformatted(text) => Some(format!("```\n{}\n```", text.trim_end())),
            DocBlock::Table(_) => None,
        })
        .collect()
}

/// The operation's description: the "Function" section, followed by the "Constraints" section
/// when there is one.
pub fn operation_description(page: &DocPage) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(function) = sections_with_role(page, SectionRole::Function).next() {
        parts.extend(section_paragraphs(function));
    }
    if let Some(constraints) = sections_with_role(page, SectionRole::Constraints).next() {
        let paragraphs = section_paragraphs(constraints);
        if !paragraphs.is_empty() {
            parts.push("Constraints:".to_owned());
            parts.extend(paragraphs);
        }
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(caption: &str) -> DocTable {
        DocTable {
            caption: Some(caption.to_owned()),
            anchor: None,
            header: Vec::new(),
            rows: Vec::new(),
        }
    }

    #[test]
    fn section_titles_of_every_style() {
        assert_eq!(section_role("Request Parameters"), SectionRole::Request);
        assert_eq!(section_role("Request Message"), SectionRole::Request);
        assert_eq!(section_role("Normal Response"), SectionRole::Response);
        assert_eq!(section_role("**Status Codes**"), SectionRole::Statuses);
        assert_eq!(section_role("Returned Values"), SectionRole::Statuses);
        assert_eq!(
            section_role("Example Requests"),
            SectionRole::ExampleRequest
        );
        assert_eq!(section_role("URI"), SectionRole::Uri);
        assert_eq!(section_role("Debugging"), SectionRole::Other);
    }

    #[test]
    fn captions_say_what_their_table_holds() {
        assert_eq!(
            caption_role(&table("Path Parameters")),
            CaptionRole::PathParameters
        );
        assert_eq!(
            caption_role(&table("Query parameters")),
            CaptionRole::QueryParameters
        );
        assert_eq!(
            caption_role(&table("Parameters in the request header")),
            CaptionRole::HeaderParameters
        );
        assert_eq!(
            caption_role(&table("Request body parameters")),
            CaptionRole::RequestBody
        );
        assert_eq!(
            caption_role(&table("Response header parameters")),
            CaptionRole::ResponseHeaders
        );
        assert_eq!(
            caption_role(&table("Parameter description")),
            CaptionRole::Unspecified
        );
        assert_eq!(caption_role(&table("PageInfo")), CaptionRole::Unspecified);
        assert_eq!(
            caption_role(&table("MetricQueryMeritcParam")),
            CaptionRole::Unspecified
        );
        assert_eq!(
            caption_role(&table("Parameters in the response body")),
            CaptionRole::ResponseBody
        );
    }
}
