//! The inline parser of the RST front end: inline markup flattened to plain text, the leading
//! emphasis and the links, following the docutils recognition rules.
//!
//! References resolve against the page's `Labels`, which the page builder collects from all
//! blocks before it flattens any text, so that a link to a table further down the page finds
//! its label. The backslash escapes are the block parser's too: hyperlink target names and
//! field markers follow the same rules.

use std::collections::HashMap;

use crate::doc_model::{DocLine, DocLink};
use crate::front_end::html::normalize_whitespace;

/// Inline text with its markup flattened.
#[derive(Debug, Default)]
pub(super) struct FlatText {
    /// The plain text, whitespace collapsed.
    pub(super) text: String,
    /// The text of the `**strong**` the text starts with.
    pub(super) leading_emphasis: Option<String>,
    links: Vec<DocLink>,
}

impl FlatText {
    pub(super) fn into_line(self, is_list_item: bool) -> Option<DocLine> {
        (!self.text.is_empty()).then_some(DocLine {
            text: self.text,
            is_list_item,
            leading_emphasis: self.leading_emphasis,
            links: self.links,
        })
    }
}

/// Flattens inline markup to plain text, following the docutils recognition rules: markup
/// starts only after whitespace or punctuation and must not start with whitespace, ends only
/// before whitespace or punctuation and must not end with whitespace, and a backslash escapes
/// the character after it.
pub(super) fn flatten_inline(raw: &str, labels: &Labels) -> FlatText {
    let mut reader = InlineReader {
        characters: raw.chars().collect(),
        position: 0,
        text: String::new(),
        leading_emphasis: None,
        links: Vec::new(),
        labels,
        unclosed_from: HashMap::new(),
    };
    reader.read();
    FlatText {
        text: normalize_whitespace(&reader.text),
        leading_emphasis: reader.leading_emphasis,
        links: reader.links,
    }
}

struct InlineReader<'a> {
    characters: Vec<char>,
    position: usize,
    text: String,
    leading_emphasis: Option<String>,
    links: Vec<DocLink>,
    labels: &'a Labels,
    /// For each kind of markup, the position from which on the text holds no end-string for
    /// it, once a search found none: a start-string there is text without searching again.
    /// (Which end-strings count does not depend on where the markup started, so a search that
    /// failed from one position fails from every later one.) Searching again for each
    /// start-string made a long paragraph of unclosed markup, "*a *a *a …", take quadratic
    /// time (found by a fuzz regression test).
    unclosed_from: HashMap<MarkupKind, usize>,
}

/// The kinds of inline markup whose end-string is searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum MarkupKind {
    InlineLiteral,
    Strong,
    Emphasis,
    /// Interpreted text or a reference without a role before it.
    Interpreted,
    /// Interpreted text after a `:role:` prefix, which takes no suffix.
    InterpretedAfterRole,
}

/// What follows the closing backquote of interpreted text.
enum InterpretedKind {
    /// `` `text` ``, or `` :role:`text` `` / `` `text`:role: ``.
    Role(Option<String>),
    /// `` `text`_ `` or `` `text`__ ``.
    Reference,
}

impl InlineReader<'_> {
    fn character(&self, index: usize) -> Option<char> {
        self.characters.get(index).copied()
    }

    fn slice(&self, start: usize, end: usize) -> &[char] {
        self.characters.get(start..end).unwrap_or_default()
    }

    fn read(&mut self) {
        while let Some(character) = self.character(self.position) {
            if character == '\\' {
                // An escaped space only separates markup from the text around it.
                if let Some(escaped) = self.character(self.position + 1) {
                    if !escaped.is_whitespace() {
                        self.text.push(escaped);
                    }
                }
                self.position += 2;
                continue;
            }
            let previous = self
                .position
                .checked_sub(1)
                .and_then(|index| self.character(index));
            if may_precede_markup(previous) && self.read_markup() {
                continue;
            }
            self.text.push(character);
            self.position += 1;
        }
    }

    /// Reads the markup starting at the current position, if any; false leaves the position.
    fn read_markup(&mut self) -> bool {
        let start = self.position;
        match (self.character(start), self.character(start + 1)) {
            (Some('`'), Some('`')) => {
                self.read_delimited(start, MarkupKind::InlineLiteral, |reader, content| {
                    // Inline literals keep their backslashes.
                    reader.text.extend(content);
                })
            }
            (Some('*'), Some('*')) => {
                self.read_delimited(start, MarkupKind::Strong, |reader, content| {
                    let content = unescape(content);
                    let emphasis = normalize_whitespace(&content);
                    if reader.text.trim().is_empty()
                        && reader.leading_emphasis.is_none()
                        && !emphasis.is_empty()
                    {
                        reader.leading_emphasis = Some(emphasis);
                    }
                    reader.text.push_str(&content);
                })
            }
            (Some('*'), _) => {
                self.read_delimited(start, MarkupKind::Emphasis, |reader, content| {
                    reader.text.push_str(&unescape(content));
                })
            }
            (Some('`'), _) => self.read_interpreted_text(start, None),
            (Some(':'), _) => match self.role_name_at(start) {
                Some((role, backquote)) if self.character(backquote) == Some('`') => {
                    self.read_interpreted_text(backquote, Some(role))
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether a start-string of `length` characters at `start` may open markup: it must be
    /// followed by text, and not be quoted (`"*"`, `(*)`).
    fn start_string_is_valid(&self, start: usize, length: usize) -> bool {
        let previous = start.checked_sub(1).and_then(|index| self.character(index));
        match self.character(start + length) {
            None => false,
            Some(next) if next.is_whitespace() => false,
            Some(next) => previous.and_then(closing_partner) != Some(next),
        }
    }

    /// Reads markup with the same start- and end-string (`**`, `*`, ``` `` ```), handing its
    /// content to `emit`. A start-string without an end-string is kept as text.
    fn read_delimited(
        &mut self,
        start: usize,
        kind: MarkupKind,
        emit: impl FnOnce(&mut Self, &[char]),
    ) -> bool {
        let (length, escapes_apply) = match kind {
            MarkupKind::InlineLiteral => (2, false),
            MarkupKind::Strong => (2, true),
            _ => (1, true),
        };
        if !self.start_string_is_valid(start, length) {
            return false;
        }
        let delimiter: Vec<char> = self.slice(start, start + length).to_vec();
        let content_start = start + length;
        let end = if self.is_unclosed(kind, content_start) {
            None
        } else {
            let end = (content_start + 1..self.characters.len()).find(|end| {
                self.slice(*end, end + length) == delimiter.as_slice()
                    && self
                        .character(end - 1)
                        .is_some_and(|before| !before.is_whitespace())
                    && !(escapes_apply && is_escaped(&self.characters, *end))
                    && may_follow_markup(self.character(end + length))
            });
            if end.is_none() {
                self.unclosed_from.insert(kind, content_start);
            }
            end
        };
        match end {
            Some(end) => {
                let content = self.slice(content_start, end).to_vec();
                emit(self, &content);
                self.position = end + length;
            }
            None => {
                self.text.extend(&delimiter);
                self.position = content_start;
            }
        }
        true
    }

    /// `:name:` at `colon`: the role's name and the index after its closing colon.
    fn role_name_at(&self, colon: usize) -> Option<(String, usize)> {
        let mut index = colon + 1;
        loop {
            match self.character(index)? {
                c if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '+') => index += 1,
                ':' if index > colon + 1
                    && self.character(index + 1).is_some_and(char::is_alphanumeric) =>
                {
                    index += 1;
                }
                ':' if index > colon + 1 => {
                    let name: String = self.slice(colon + 1, index).iter().collect();
                    return Some((name, index + 1));
                }
                _ => return None,
            }
        }
    }

    /// Reads interpreted text or a hyperlink reference whose opening backquote is at `start`.
    fn read_interpreted_text(&mut self, start: usize, prefix_role: Option<String>) -> bool {
        if !self.start_string_is_valid(start, 1) {
            return false;
        }
        let kind = match prefix_role {
            Some(_) => MarkupKind::InterpretedAfterRole,
            None => MarkupKind::Interpreted,
        };
        if self.is_unclosed(kind, start) {
            return false;
        }
        let mut candidate = start + 2;
        while let Some(offset) = self
            .characters
            .get(candidate..)
            .and_then(|rest| rest.iter().position(|c| *c == '`'))
        {
            let end = candidate + offset;
            candidate = end + 1;
            let closes = self
                .character(end - 1)
                .is_some_and(|before| !before.is_whitespace())
                && !is_escaped(&self.characters, end);
            if !closes {
                continue;
            }
            let Some((kind, after)) = self.interpreted_suffix(end, prefix_role.is_some()) else {
                continue;
            };
            let content = self.slice(start + 1, end).to_vec();
            match kind {
                InterpretedKind::Reference => self.emit_reference(&content),
                InterpretedKind::Role(suffix_role) => {
                    let role = prefix_role.clone().or(suffix_role);
                    self.emit_role(role.as_deref(), &content);
                }
            }
            self.position = after;
            return true;
        }
        self.unclosed_from.insert(kind, start);
        false
    }

    /// Whether a search for the end-string of `kind` from `position` on is known to fail.
    fn is_unclosed(&self, kind: MarkupKind, position: usize) -> bool {
        self.unclosed_from
            .get(&kind)
            .is_some_and(|unclosed_from| position >= *unclosed_from)
    }

    /// What ends interpreted text whose closing backquote is at `end`, and where it ends; `None`
    /// when the backquote is not followed by a valid end.
    fn interpreted_suffix(
        &self,
        end: usize,
        has_prefix_role: bool,
    ) -> Option<(InterpretedKind, usize)> {
        if !has_prefix_role {
            if self.character(end + 1) == Some('_') {
                let after = if self.character(end + 2) == Some('_') {
                    end + 3
                } else {
                    end + 2
                };
                if may_follow_markup(self.character(after)) {
                    return Some((InterpretedKind::Reference, after));
                }
            }
            if self.character(end + 1) == Some(':') {
                if let Some((role, after)) = self.role_name_at(end + 1) {
                    if may_follow_markup(self.character(after)) {
                        return Some((InterpretedKind::Role(Some(role)), after));
                    }
                }
            }
        }
        may_follow_markup(self.character(end + 1)).then_some((InterpretedKind::Role(None), end + 1))
    }

    /// `` `Text <url>`__ `` or `` `name`_ ``: the text, linked to the URL or the named target.
    fn emit_reference(&mut self, content: &[char]) {
        let (display, target) = match split_embedded_target(content) {
            Some((display, target)) => {
                // `<name_>` refers to a named target instead of giving a URL.
                let target = match target.strip_suffix('_') {
                    Some(name) if !target.contains("://") => self.labels.link_target(name),
                    _ => target,
                };
                (display, target)
            }
            None => {
                let name = unescape(content);
                let target = self.labels.link_target(&name);
                (name, target)
            }
        };
        self.links.push(DocLink {
            target,
            text: normalize_whitespace(&display),
        });
        self.text.push_str(&display);
    }

    fn emit_role(&mut self, role: Option<&str>, content: &[char]) {
        match role {
            Some(role @ ("ref" | "numref" | "any" | "doc" | "download")) => {
                let (display, target) = split_embedded_target(content).unwrap_or_else(|| {
                    let target = unescape(content).trim().to_owned();
                    (target.clone(), target)
                });
                let target = if role == "doc" || role == "download" {
                    target
                } else {
                    self.labels.link_target(&target)
                };
                self.links.push(DocLink {
                    target,
                    text: normalize_whitespace(&display),
                });
                self.text.push_str(&display);
            }
            // Every other role (`literal`, `code`, `term`, …) shows its text.
            _ => self.text.push_str(&unescape(content)),
        }
    }
}

/// `Text <target>`: the text before the angle brackets and the target in them, or `None` when
/// the content has no embedded target. A target with no text shows the target.
fn split_embedded_target(content: &[char]) -> Option<(String, String)> {
    let trimmed_length = content.len()
        - content
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
    let closing = trimmed_length.checked_sub(1)?;
    if content.get(closing) != Some(&'>') || is_escaped(content, closing) {
        return None;
    }
    let opening = (0..closing).rev().find(|index| {
        content.get(*index) == Some(&'<')
            && !is_escaped(content, *index)
            && index
                .checked_sub(1)
                .is_none_or(|before| content.get(before).is_some_and(|c| c.is_whitespace()))
    })?;
    // Whitespace inside a target (a URL split over lines) is not part of it.
    let target: String = unescape(content.get(opening + 1..closing).unwrap_or_default())
        .split_whitespace()
        .collect();
    let display = normalize_whitespace(&unescape(content.get(..opening).unwrap_or_default()));
    let display = if display.is_empty() {
        target.clone()
    } else {
        display
    };
    Some((display, target))
}

/// Whether the character at `index` is escaped: an odd number of backslashes before it.
pub(super) fn is_escaped(characters: &[char], index: usize) -> bool {
    let backslashes = characters
        .get(..index)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|c| **c == '\\')
        .count();
    backslashes % 2 == 1
}

/// Removes backslash escapes: `\x` is `x`, and an escaped space is nothing.
pub(super) fn unescape(characters: &[char]) -> String {
    let mut text = String::with_capacity(characters.len());
    let mut characters = characters.iter();
    while let Some(character) = characters.next() {
        if *character == '\\' {
            if let Some(escaped) = characters.next() {
                if !escaped.is_whitespace() {
                    text.push(*escaped);
                }
            }
        } else {
            text.push(*character);
        }
    }
    text
}

/// Inline markup may start at the beginning of the text, or after whitespace, an opening
/// bracket or quote, or most punctuation.
fn may_precede_markup(previous: Option<char>) -> bool {
    previous.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | ':'
                    | '/'
                    | '\''
                    | '"'
                    | '<'
                    | '('
                    | '['
                    | '{'
                    | '!'
                    | '#'
                    | '%'
                    | '&'
                    | ','
                    | '.'
                    | ';'
                    | '?'
                    | '@'
                    | '\\'
            )
            || (!c.is_ascii() && !c.is_alphanumeric())
    })
}

/// Inline markup may end at the end of the text, or before whitespace, a closing bracket or
/// quote, or most punctuation.
fn may_follow_markup(next: Option<char>) -> bool {
    next.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | '.'
                    | ','
                    | ':'
                    | ';'
                    | '!'
                    | '?'
                    | '\\'
                    | '/'
                    | '\''
                    | '"'
                    | ')'
                    | ']'
                    | '}'
                    | '>'
                    | '#'
                    | '%'
                    | '&'
                    | '*'
                    | '@'
            )
            || (!c.is_ascii() && !c.is_alphanumeric())
    })
}

/// The closing character that, right after a start-string, makes the start-string quoted.
fn closing_partner(opening: char) -> Option<char> {
    match opening {
        '(' => Some(')'),
        '[' => Some(']'),
        '{' => Some('}'),
        '<' => Some('>'),
        '\'' => Some('\''),
        '"' => Some('"'),
        _ => None,
    }
}

/// The page's hyperlink targets by reference name: labels into the page, or external URLs.
#[derive(Debug, Default)]
pub(super) struct Labels {
    targets: HashMap<String, LabelTarget>,
}

#[derive(Debug)]
enum LabelTarget {
    /// A label in this page, spelled as defined.
    InPage(String),
    External(String),
}

impl Labels {
    /// Adds the hyperlink target `name`: a label in the page, or a link to `url`. Of several
    /// targets with the same reference name the first is kept.
    pub(super) fn add(&mut self, name: &str, url: Option<&str>) {
        let target = match url {
            Some(url) => LabelTarget::External(url.to_owned()),
            None => LabelTarget::InPage(name.to_owned()),
        };
        self.targets
            .entry(reference_name_key(name))
            .or_insert(target);
    }

    /// Where a reference to `name` leads: `#label` in the page, an external URL, or, for a
    /// name the page does not define (a label on another page), the name itself.
    fn link_target(&self, name: &str) -> String {
        match self.targets.get(&reference_name_key(name)) {
            Some(LabelTarget::InPage(label)) => format!("#{label}"),
            Some(LabelTarget::External(url)) => url.clone(),
            None => name.to_owned(),
        }
    }
}

/// Reference names compare case-insensitively with whitespace collapsed, as in docutils.
fn reference_name_key(name: &str) -> String {
    normalize_whitespace(name).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_inline(raw: &str, expected_text: &str, expected_emphasis: Option<&str>) {
        let flat = flatten_inline(raw, &Labels::default());
        assert_eq!(
            (flat.text.as_str(), flat.leading_emphasis.as_deref()),
            (expected_text, expected_emphasis),
            "flattening {raw:?}"
        );
    }

    #[test]
    fn inline_markup_is_flattened() {
        check_inline(
            "**Status code: 200**",
            "Status code: 200",
            Some("Status code: 200"),
        );
        check_inline("``x`` and *y*", "x and y", None);
        check_inline("see **null**.", "see null.", None);
        check_inline(":ref:`Text <anchor>`", "Text", None);
        check_inline(":ref:`anchor`", "anchor", None);
        check_inline(
            r"**https://Endpoint/**\ **uri**",
            "https://Endpoint/uri",
            Some("https://Endpoint/"),
        );
        check_inline(r"Special :literal:`\`~!\\|`", r"Special `~!\|", None);
        check_inline(r#"enter **\\\\** or **\\"**"#, r#"enter \\ or \""#, None);
        check_inline("`Redis <https://redis.io/>`__ site", "Redis site", None);
        check_inline(r"\*not emphasis\*", "*not emphasis*", None);
        check_inline("2 * 3 * 4", "2 * 3 * 4", None);
        check_inline("a**b** (*) **unclosed", "a**b** (*) **unclosed", None);
        check_inline("``a\\b`` keeps backslashes", "a\\b keeps backslashes", None);
    }
}
