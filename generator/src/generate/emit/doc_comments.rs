//! Doc comment attributes of generated items: one `#[doc]` per line, the text escaped so
//! rustdoc reads it as prose (brackets, angle brackets), with URLs shown as code spans.

use proc_macro2::TokenStream;
use quote::quote;

/// `///` doc comment attributes for documentation text, one per line; nothing for no lines.
pub(super) fn doc_lines(lines: &[String]) -> TokenStream {
    let escaped: Vec<String> = lines.iter().map(|line| escape_doc(line)).collect();
    doc_lines_verbatim(&escaped)
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
/// A URL starts a word (after whitespace, `(` or the start) and ends before whitespace; trailing
/// sentence punctuation and a `)` that closes the text's own parenthesis are not part of it.
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
            .is_none_or(|before| before.is_whitespace() || before == '(');
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
