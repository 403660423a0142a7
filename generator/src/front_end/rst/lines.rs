//! The line model of the RST front end: a page's lines as the container being read sees them.
//!
//! Containers (list items, directive bodies, table cells) are read by cutting their lines out of
//! the enclosing ones and reading the cut again, so every reader works on lines relative to its
//! container: indentation removed, tabs expanded, with the line and column in the file kept for
//! diagnostics.

use std::borrow::Cow;

/// Docutils expands tabs to every eighth column before reading anything.
const TAB_WIDTH: usize = 8;

/// One line of source, relative to the container being read.
///
/// The text borrows from the page wherever it can: containers (list items, directive bodies,
/// table cells) are read by cutting their lines out of the enclosing ones, at every nesting
/// level, and copying each cut was most of the RST front end's time.
#[derive(Debug, Clone)]
pub(super) struct SourceLine<'page> {
    /// The 1-based line number in the file, for diagnostics.
    pub(super) number: usize,
    /// The 0-based column in the file where `text` starts, for diagnostics.
    pub(super) first_column: usize,
    /// The text without the container's indentation and without trailing whitespace.
    pub(super) text: Cow<'page, str>,
}

impl<'page> SourceLine<'page> {
    /// A byte range of the text, borrowed from the page when the text is.
    fn text_range(&self, range: std::ops::Range<usize>) -> Cow<'page, str> {
        match &self.text {
            Cow::Borrowed(text) => {
                let text: &'page str = text;
                Cow::Borrowed(&text[range])
            }
            Cow::Owned(text) => Cow::Owned(text[range].to_owned()),
        }
    }

    pub(super) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub(super) fn indentation(&self) -> usize {
        // Spaces are ASCII, and no byte of a multi-byte character is a space: bytes count the
        // same as characters here.
        self.text.bytes().take_while(|byte| *byte == b' ').count()
    }

    fn without_indentation(&self, columns: usize) -> SourceLine<'page> {
        let removed = self
            .text
            .chars()
            .take(columns)
            .take_while(|character| *character == ' ')
            .count();
        SourceLine {
            number: self.number,
            first_column: self.first_column + removed,
            // The removed characters are ASCII spaces: as many bytes as characters.
            text: self.text_range(removed..self.text.len()),
        }
    }

    /// The part of the line from column `start` up to column `end` (to the end of the line when
    /// `end` is `None`), as a line of its own.
    pub(super) fn columns(&self, start: usize, end: Option<usize>) -> SourceLine<'page> {
        let text = if self.text.is_ascii() {
            // One byte per character: slice instead of collecting characters (grid table cells
            // are cut this way line by line, and nearly every line is ASCII).
            let start_byte = start.min(self.text.len());
            let end_byte = end
                .map_or(self.text.len(), |end| end.min(self.text.len()))
                .max(start_byte);
            let kept = self.text[start_byte..end_byte].trim_end().len();
            self.text_range(start_byte..start_byte + kept)
        } else {
            let characters = self.text.chars().skip(start);
            let text: String = match end {
                Some(end) => characters.take(end.saturating_sub(start)).collect(),
                None => characters.collect(),
            };
            Cow::Owned(text.trim_end().to_owned())
        };
        SourceLine {
            number: self.number,
            first_column: self.first_column + start,
            text,
        }
    }
}

pub(super) fn read_source_lines(rst_text: &str) -> Vec<SourceLine<'_>> {
    let rst_text = rst_text.strip_prefix('\u{feff}').unwrap_or(rst_text);
    rst_text
        .lines()
        .enumerate()
        .map(|(index, line)| SourceLine {
            number: index + 1,
            first_column: 0,
            text: match expand_tabs(line) {
                Cow::Borrowed(line) => Cow::Borrowed(line.trim_end()),
                Cow::Owned(line) => Cow::Owned(line.trim_end().to_owned()),
            },
        })
        .collect()
}

fn expand_tabs(line: &str) -> Cow<'_, str> {
    if !line.contains('\t') {
        return Cow::Borrowed(line);
    }
    let mut expanded = String::with_capacity(line.len());
    let mut column = 0;
    for character in line.chars() {
        if character == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            expanded.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            expanded.push(character);
            column += 1;
        }
    }
    Cow::Owned(expanded)
}

/// The lines with `columns` of indentation removed (at most what each has); blank lines become
/// empty.
pub(super) fn remove_indentation<'page>(
    lines: &[SourceLine<'page>],
    columns: usize,
) -> Vec<SourceLine<'page>> {
    lines
        .iter()
        .map(|line| line.without_indentation(columns.min(line.indentation())))
        .collect()
}

/// The lines with the indentation they all share removed; blank lines become empty.
pub(super) fn remove_common_indentation<'page>(
    lines: &[SourceLine<'page>],
) -> Vec<SourceLine<'page>> {
    let common_indentation = lines
        .iter()
        .filter(|line| !line.is_blank())
        .map(SourceLine::indentation)
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|line| line.without_indentation(common_indentation))
        .collect()
}

/// Where the indented block starting at `start` ends (exclusive): it holds the blank and the
/// indented lines up to the first line that is not indented, without the blank lines trailing it.
pub(super) fn indented_block_end(lines: &[SourceLine], start: usize) -> usize {
    let mut index = start;
    let mut end = start;
    while let Some(line) = lines.get(index) {
        if !line.is_blank() {
            if line.indentation() == 0 {
                break;
            }
            end = index + 1;
        }
        index += 1;
    }
    end
}

pub(super) fn line_range<'lines, 'page>(
    lines: &'lines [SourceLine<'page>],
    start: usize,
    end: usize,
) -> &'lines [SourceLine<'page>] {
    lines.get(start..end).unwrap_or_default()
}

/// The text of a literal block: common indentation removed, blank lines around it dropped,
/// blank lines inside it kept.
pub(super) fn literal_text(lines: &[SourceLine]) -> String {
    let lines = remove_common_indentation(lines);
    let first = lines.iter().position(|line| !line.is_blank());
    let last = lines.iter().rposition(|line| !line.is_blank());
    match (first, last) {
        (Some(first), Some(last)) => line_range(&lines, first, last + 1)
            .iter()
            .map(|line| line.text.as_ref())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}
