//! Doc comment attributes of generated items: one `#[doc]` per line, the text escaped so
//! rustdoc reads it as prose (brackets, angle brackets), with URLs shown as code spans.

use proc_macro2::TokenStream;
use quote::quote;

/// `///` doc comment attributes for documentation text, one per line; nothing for no lines.
///
/// Code blocks (fenced, as the importer writes a page's literal blocks) keep their text as is,
/// and one without a language is marked `text`: rustdoc would compile it as a Rust doctest,
/// and the pages' blocks are HTTP requests, shell commands and JSON, never Rust.
pub(super) fn doc_lines(lines: &[String]) -> TokenStream {
    let mut open_fence: Option<Fence> = None;
    let mut escaped = Vec::with_capacity(lines.len());
    for line in lines {
        match &open_fence {
            Some(fence) => {
                if fence.is_closed_by(line) {
                    open_fence = None;
                }
                escaped.push(line.clone());
            }
            None => match Fence::opened_by(line) {
                Some((fence, opener)) => {
                    escaped.push(opener);
                    open_fence = Some(fence);
                }
                None => escaped.push(escape_doc(line)),
            },
        }
    }
    doc_lines_verbatim(&escaped)
}

/// An open fenced code block of CommonMark: its character and length, which its closing line
/// repeats at least.
struct Fence {
    character: char,
    length: usize,
}

impl Fence {
    /// The fence `line` opens, if it opens one (up to three spaces, then three or more
    /// backticks or tildes), with the line to emit for it: its info string as written, or
    /// `text` where rustdoc would take the block for Rust.
    fn opened_by(line: &str) -> Option<(Fence, String)> {
        let (indent, fence, info) = split_fence(line)?;
        let character = fence.chars().next()?;
        // A backtick "fence" with a backtick after it is an inline code span (```a```).
        if character == '`' && info.contains('`') {
            return None;
        }
        let info = if is_rust_info(info) { "text" } else { info };
        let opener = format!("{indent}{fence}{info}");
        let length = fence.chars().count();
        Some((Fence { character, length }, opener))
    }

    fn is_closed_by(&self, line: &str) -> bool {
        split_fence(line).is_some_and(|(_, fence, info)| {
            fence.starts_with(self.character)
                && fence.chars().count() >= self.length
                && info.trim().is_empty()
        })
    }
}

/// `(indentation, fence, info string)` of a line that starts with a code fence.
fn split_fence(line: &str) -> Option<(&str, &str, &str)> {
    let rest = line.trim_start_matches(' ');
    let indent = &line[..line.len() - rest.len()];
    if indent.len() > 3 {
        return None;
    }
    let character = rest.chars().next().filter(|&c| c == '`' || c == '~')?;
    let fence_length = rest.len() - rest.trim_start_matches(character).len();
    (fence_length >= 3).then(|| (indent, &rest[..fence_length], &rest[fence_length..]))
}

/// Whether rustdoc reads a code block with this info string as Rust: no language, or only
/// `rust` and rustdoc's own attributes (`ignore`, `no_run`, editions, …).
fn is_rust_info(info: &str) -> bool {
    info.split([',', ' ', '\t'])
        .filter(|word| !word.is_empty())
        .all(|word| {
            matches!(
                word,
                "rust"
                    | "ignore"
                    | "should_panic"
                    | "no_run"
                    | "compile_fail"
                    | "test_harness"
                    | "standalone_crate"
            ) || word.starts_with("edition")
        })
}

/// `///` doc comment attributes for text that is already rustdoc Markdown (intra-doc links).
pub(super) fn doc_lines_verbatim(lines: &[String]) -> TokenStream {
    let mut lines: Vec<&String> = lines.iter().collect();
    while lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    let attributes = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#attributes)* }
}

/// Keeps doc text from being read as Rust code, HTML or intra-doc links by rustdoc, and shows
/// URLs as code: the docs' URLs are examples and templates (`https://{VPC_Endpoint}/v1/...`), not
/// links, and bare ones trip rustdoc's `bare_urls` lint in the generated crate's documentation.
pub(super) fn escape_doc(line: &str) -> String {
    let mut escaped = String::with_capacity(line.len());
    let mut rest = line;
    while let Some((before, url, after)) = split_at_url(rest) {
        escaped.push_str(&escape_doc_text(before));
        escaped.push('`');
        escaped.push_str(url);
        escaped.push('`');
        rest = after;
    }
    escaped.push_str(&escape_doc_text(rest));
    escaped
}

fn escape_doc_text(text: &str) -> String {
    text.replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The first URL in `text` that can be shown as a code span, with the text before and after it.
/// A URL starts a word (after whitespace, `(`, a quote as in a JSON example's string, or the
/// start) and ends before whitespace; trailing sentence punctuation and a `)` that closes the
/// text's own parenthesis are not part of it.
fn split_at_url(text: &str) -> Option<(&str, &str, &str)> {
    let mut search_from = 0;
    loop {
        let start = search_from
            + ["http://", "https://"]
                .iter()
                .filter_map(|scheme| text[search_from..].find(scheme))
                .min()?;
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|before| before.is_whitespace() || ['(', '"', '\''].contains(&before));
        let length = text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
        let mut url = &text[start..start + length];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'']);
            let unbalanced_parenthesis = trimmed.ends_with(')')
                && trimmed.matches(')').count() > trimmed.matches('(').count();
            let trimmed = if unbalanced_parenthesis {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        // A code span shows its text as is, so a URL with characters the rest of the line escapes
        // (or a backtick, which would end the span) stays plain text.
        let shown_as_code = starts_word
            && url
                .split_once("://")
                .is_some_and(|(_, address)| !address.is_empty())
            && !url.contains(['[', ']', '<', '>', '`']);
        if shown_as_code {
            return Some((&text[..start], url, &text[start + url.len()..]));
        }
        search_from = start + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_one_doc_attribute_and_trailing_blank_lines_are_left_out() {
        let lines: Vec<String> = ["Deletes a [task] <now>.", "", "Second paragraph.", "", " "]
            .iter()
            .map(|line| (*line).to_owned())
            .collect();
        assert_eq!(
            doc_lines(&lines).to_string(),
            quote! {
                #[doc = " Deletes a \\[task\\] &lt;now&gt;."]
                #[doc = ""]
                #[doc = " Second paragraph."]
            }
            .to_string()
        );
        assert_eq!(
            doc_lines_verbatim(&["See [`Client::new`].".to_owned()]).to_string(),
            quote! { #[doc = " See [`Client::new`]."] }.to_string()
        );
        assert!(doc_lines(&[]).is_empty());
    }

    #[test]
    fn code_blocks_keep_their_text_and_are_not_doctests() {
        let lines: Vec<String> = [
            "The request is as follows: [x]",
            "",
            "```",
            "GET /networks?router:external=True <name>",
            "```",
            "~~~~json",
            "{\"a\": [1]}",
            "~~~",
            "~~~~",
            "Inline ```code``` stays prose: [y]",
        ]
        .iter()
        .map(|line| (*line).to_owned())
        .collect();
        assert_eq!(
            doc_lines(&lines).to_string(),
            quote! {
                #[doc = " The request is as follows: \\[x\\]"]
                #[doc = ""]
                #[doc = " ```text"]
                #[doc = " GET /networks?router:external=True <name>"]
                #[doc = " ```"]
                #[doc = " ~~~~json"]
                #[doc = " {\"a\": [1]}"]
                #[doc = " ~~~"]
                #[doc = " ~~~~"]
                #[doc = " Inline ```code``` stays prose: \\[y\\]"]
            }
            .to_string()
        );
        assert!(is_rust_info(" rust,no_run"));
        assert!(!is_rust_info("json"));
    }

    #[test]
    fn urls_in_documentation_become_code_spans_without_their_sentence_punctuation() {
        assert_eq!(
            escape_doc("calling the API (GET https://{VPC_Endpoint}/v1/{project_id}/subnets)."),
            "calling the API (GET `https://{VPC_Endpoint}/v1/{project_id}/subnets`)."
        );
        assert_eq!(
            escape_doc("in the URL https://www.xxx.com:8080/elb?type=lb, ${query} is type=lb."),
            "in the URL `https://www.xxx.com:8080/elb?type=lb`, ${query} is type=lb."
        );
        assert_eq!(
            escape_doc("see (https://example.com/a_(b)) and http://example.org"),
            "see (`https://example.com/a_(b)`) and `http://example.org`"
        );
        assert_eq!(
            escape_doc(r#"{ "url": "https://sample.domain.com/v3", "region": "*" }"#),
            r#"{ "url": "`https://sample.domain.com/v3`", "region": "*" }"#
        );
    }

    #[test]
    fn text_around_urls_is_still_escaped_and_urls_inside_words_are_left_alone() {
        assert_eq!(
            escape_doc("[x] <y> https://example.com/[z] nothttps://example.com"),
            "\\[x\\] &lt;y&gt; https://example.com/\\[z\\] nothttps://example.com"
        );
        assert_eq!(escape_doc("https:// alone"), "https:// alone");
    }
}
