//! The RST front end: doc-exports reStructuredText pages (one operation per page) into the doc
//! model, holding what the HTML front end yields for the same page.
//!
//! No well-kept Rust crate reads reStructuredText, so this is a hand-written reader for the
//! constructs doc-exports uses, following the docutils rules: section titles, labels, paragraphs
//! with inline markup, bullet and enumerated lists, grid and simple tables, literal blocks and a
//! few directives. It works in two steps. First the lines are read into blocks (`Block`), line
//! and column based: containers (list items, directive bodies, table cells) are cut out of their
//! lines by indentation or by table borders and read again by the same reader. Then the blocks
//! become the doc model, with inline markup flattened to text once every label of the page is
//! known, so links to tables further down the page resolve.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use crate::doc_model::{
    DocBlock, DocCell, DocLine, DocLink, DocPage, DocRow, DocSection, DocTable,
};
use crate::front_end::html::normalize_whitespace;

/// Why an RST page could not be read: the file, the 1-based line and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RstError {
    #[error(
        "{file_name}:{line}: grid table line is {width} characters wide, the top border is {border_width}"
    )]
    GridTableLineWidth {
        file_name: String,
        line: usize,
        width: usize,
        border_width: usize,
    },
    #[error("{file_name}:{line}: grid table ends without a bottom border")]
    GridTableWithoutBottomBorder { file_name: String, line: usize },
    #[error("{file_name}:{line}: grid table has a second header separator")]
    GridTableSecondHeaderSeparator { file_name: String, line: usize },
    #[error("{file_name}:{line}: grid table cell at column {column} spans the header separator")]
    GridTableCellAcrossHeaderSeparator {
        file_name: String,
        line: usize,
        column: usize,
    },
    #[error("{file_name}:{line}: grid table cell at column {column} has no complete border")]
    GridTableUnclosedCell {
        file_name: String,
        line: usize,
        column: usize,
    },
    #[error("{file_name}:{line}: simple table has no bottom border")]
    SimpleTableWithoutBottomBorder { file_name: String, line: usize },
    #[error(
        "{file_name}:{line}: simple table border is {width} characters wide, the top border is {border_width}"
    )]
    SimpleTableBorderWidth {
        file_name: String,
        line: usize,
        width: usize,
        border_width: usize,
    },
    #[error("{file_name}:{line}: simple table text runs into the gap before column {column}")]
    SimpleTableTextInColumnGap {
        file_name: String,
        line: usize,
        column: usize,
    },
}

/// Reads one doc-exports RST page into the doc model.
///
/// Fails only where the markup cannot be read at all (a table whose borders do not close);
/// everything docutils would merely warn about is read the way docutils reads it.
pub fn parse_rst_page(file_name: &str, rst_text: &str) -> Result<DocPage, RstError> {
    let lines = read_source_lines(rst_text);
    let reader = BlockReader { file_name };
    let blocks = reader.read_blocks(&lines, 0)?;
    let labels = Labels::collect(&blocks);
    let mut builder = PageBuilder {
        labels: &labels,
        page: DocPage {
            file_name: file_name.to_owned(),
            anchor: None,
            original_name: original_name_field(rst_text).map(str::to_owned),
            title: String::new(),
            sections: vec![DocSection {
                title: String::new(),
                blocks: Vec::new(),
            }],
            // RST pages have no "Parent topic" link; the toctree says where a page belongs.
            parent_topic: None,
        },
        title_found: false,
        pending_label: None,
        label_before_paragraph: None,
    };
    builder.add_blocks(&blocks, false);
    let mut page = builder.page;
    // The untitled leading section is kept only when it holds something, as in HTML.
    if page
        .sections
        .first()
        .is_some_and(|section| section.title.is_empty() && section.blocks.is_empty())
    {
        page.sections.remove(0);
    }
    Ok(page)
}

/// The `:original_name:` field at the top of a converted page: the HTML page it came from.
pub fn original_name_field(rst_text: &str) -> Option<&str> {
    rst_text
        .lines()
        .take_while(|line| line.trim().is_empty() || line.starts_with(':'))
        .find_map(|line| line.strip_prefix(":original_name:"))
        .map(str::trim)
}

/// Docutils expands tabs to every eighth column before reading anything.
const TAB_WIDTH: usize = 8;

/// Containers nested deeper than this are read as plain paragraphs, so that no input can make
/// the reader recurse without bound.
const MAXIMUM_NESTING_DEPTH: usize = 32;

/// One line of source, relative to the container being read.
///
/// The text borrows from the page wherever it can: containers (list items, directive bodies,
/// table cells) are read by cutting their lines out of the enclosing ones, at every nesting
/// level, and copying each cut was most of the RST front end's time.
#[derive(Debug, Clone)]
struct SourceLine<'page> {
    /// The 1-based line number in the file, for diagnostics.
    number: usize,
    /// The 0-based column in the file where `text` starts, for diagnostics.
    first_column: usize,
    /// The text without the container's indentation and without trailing whitespace.
    text: Cow<'page, str>,
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

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn indentation(&self) -> usize {
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
    fn columns(&self, start: usize, end: Option<usize>) -> SourceLine<'page> {
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

fn read_source_lines(rst_text: &str) -> Vec<SourceLine<'_>> {
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

/// The lines with the indentation they all share removed; blank lines become empty.
fn remove_common_indentation<'page>(lines: &[SourceLine<'page>]) -> Vec<SourceLine<'page>> {
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
fn indented_block_end(lines: &[SourceLine], start: usize) -> usize {
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

fn line_range<'lines, 'page>(
    lines: &'lines [SourceLine<'page>],
    start: usize,
    end: usize,
) -> &'lines [SourceLine<'page>] {
    lines.get(start..end).unwrap_or_default()
}

/// The text of a literal block: common indentation removed, blank lines around it dropped,
/// blank lines inside it kept.
fn literal_text(lines: &[SourceLine]) -> String {
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

/// What the reader makes of the lines: the page's structure, with inline markup still raw.
#[derive(Debug, Clone)]
enum Block {
    /// A section title (the first one is the page title).
    Heading {
        title: String,
    },
    /// A hyperlink target `.. _name:` (a label, when it has no URL).
    Label {
        name: String,
        url: Option<String>,
    },
    /// A paragraph, its lines joined with single spaces.
    Paragraph {
        text: String,
    },
    /// A bullet or enumerated list: the blocks of each item.
    List {
        items: Vec<Vec<Block>>,
    },
    Table(ParsedTable),
    /// A literal block or code block, verbatim.
    Literal(String),
}

/// A table laid out on its grid of columns: every row has one entry per column.
///
/// A cell spanning columns is kept in its first column, the others it covers are empty; a body
/// cell spanning rows is repeated in each of them, so every row reads as a whole.
#[derive(Debug, Clone, Default)]
struct ParsedTable {
    /// The raw caption from the `table` directive.
    caption: Option<String>,
    header_rows: Vec<Vec<Vec<Block>>>,
    body_rows: Vec<Vec<Vec<Block>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Bullet(char),
    Enumerated,
}

/// A run of columns `start..end` on a table border.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ColumnRange {
    start: usize,
    end: usize,
}

struct BlockReader<'a> {
    file_name: &'a str,
}

impl BlockReader<'_> {
    /// Reads a container's lines (indentation already removed) into blocks.
    fn read_blocks(&self, lines: &[SourceLine], depth: usize) -> Result<Vec<Block>, RstError> {
        if depth > MAXIMUM_NESTING_DEPTH {
            return Ok(plain_paragraphs(lines));
        }
        let mut blocks = Vec::new();
        let mut position = 0;
        while let Some(line) = lines.get(position) {
            let next = if line.is_blank() {
                position + 1
            } else if line.indentation() > 0 {
                self.read_block_quote(lines, position, depth, &mut blocks)?
            } else if is_explicit_markup_start(&line.text) {
                self.read_explicit_markup(lines, position, depth, &mut blocks)?
            } else if is_grid_table_top_border(&line.text) {
                self.read_grid_table(lines, position, depth, &mut blocks)?
            } else if is_simple_table_top_border(&line.text) {
                self.read_simple_table(lines, position, depth, &mut blocks)?
            } else if let Some(kind) = list_kind_at(lines, position) {
                self.read_list(lines, position, kind, depth, &mut blocks)?
            } else if is_field_marker(&line.text) {
                // Field lists (`:original_name: …`) are page metadata, which the model has no
                // place for.
                indented_block_end(lines, position + 1)
            } else if is_line_block_line(&line.text) {
                read_line_block(lines, position, &mut blocks)
            } else if let Some(next) = read_section_title(lines, position, depth == 0, &mut blocks)
            {
                next
            } else {
                read_paragraph(lines, position, &mut blocks)
            };
            position = next.max(position + 1);
        }
        Ok(blocks)
    }

    /// An indented block (a block quote, or a definition under its term) is read in place.
    fn read_block_quote(
        &self,
        lines: &[SourceLine],
        position: usize,
        depth: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<usize, RstError> {
        let end = indented_block_end(lines, position);
        let inner = remove_common_indentation(line_range(lines, position, end));
        blocks.extend(self.read_blocks(&inner, depth + 1)?);
        Ok(end)
    }

    /// `.. ` starts a label, a directive or a comment, whose body is the indented block after it.
    fn read_explicit_markup(
        &self,
        lines: &[SourceLine],
        position: usize,
        depth: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<usize, RstError> {
        let end = indented_block_end(lines, position + 1);
        let Some(first_line) = lines.get(position) else {
            return Ok(end);
        };
        let body = remove_common_indentation(line_range(lines, position + 1, end));
        let markup: String = first_line.text.chars().skip(2).collect();
        let markup = markup.trim_start();
        if let Some(target) = markup.strip_prefix('_') {
            if let Some(label) = read_hyperlink_target(target, &body) {
                blocks.push(label);
            }
        } else if let Some((name, arguments)) = directive_head(markup) {
            self.read_directive(&name, arguments, first_line, &body, depth, blocks)?;
        }
        // Anything else is a comment, a footnote, a citation or a substitution definition,
        // none of which the page shows as text.
        Ok(end)
    }

    fn read_directive(
        &self,
        name: &str,
        arguments: &str,
        first_line: &SourceLine,
        body: &[SourceLine],
        depth: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<(), RstError> {
        match name.to_ascii_lowercase().as_str() {
            "table" => {
                let (caption, content) = split_directive_arguments(arguments, body);
                let mut content_blocks = self.read_blocks(&content, depth + 1)?;
                let table = content_blocks.iter_mut().find_map(|block| match block {
                    Block::Table(table) => Some(table),
                    _ => None,
                });
                if let Some(table) = table {
                    table.caption = (!caption.is_empty()).then_some(caption);
                }
                blocks.extend(content_blocks);
            }
            "code-block" | "code" | "sourcecode" | "parsed-literal" => {
                // The argument is the language; options may follow it. Content that follows
                // without the blank line docutils wants is still taken as content.
                blocks.push(Block::Literal(literal_text(skip_directive_options(body))));
            }
            "note" | "important" | "caution" | "warning" | "tip" | "hint" | "attention"
            | "danger" | "error" | "seealso" => {
                // These take no arguments: text on the directive line starts the body.
                let mut content = Vec::new();
                if !arguments.trim().is_empty() {
                    content.push(SourceLine {
                        number: first_line.number,
                        first_column: first_line.first_column,
                        text: Cow::Owned(arguments.trim().to_owned()),
                    });
                }
                content.extend(skip_directive_options(body).iter().cloned());
                blocks.extend(self.read_blocks(&content, depth + 1)?);
            }
            "admonition" | "topic" | "sidebar" | "rubric" => {
                let (title, content) = split_directive_arguments(arguments, body);
                if !title.is_empty() {
                    blocks.push(Block::Paragraph { text: title });
                }
                blocks.extend(self.read_blocks(&content, depth + 1)?);
            }
            "container" | "compound" | "only" | "epigraph" | "highlights" | "pull-quote" => {
                let (_, content) = split_directive_arguments(arguments, body);
                blocks.extend(self.read_blocks(&content, depth + 1)?);
            }
            // `toctree`, `raw`, `image`, `figure`, `include`, `meta`, `index` and the like
            // either hold no text of the page or hold text that is not part of it.
            _ => {}
        }
        Ok(())
    }

    fn read_list(
        &self,
        lines: &[SourceLine],
        position: usize,
        kind: ListKind,
        depth: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<usize, RstError> {
        let mut items = Vec::new();
        let mut position = position;
        // The caller found an item of this kind at `position`; each turn checks the next one.
        while let Some(line) = lines.get(position) {
            let first_text = list_item_text(&line.text).unwrap_or_default();
            let end = indented_block_end(lines, position + 1);
            let mut item_lines = Vec::new();
            if !first_text.is_empty() {
                item_lines.push(SourceLine {
                    number: line.number,
                    first_column: line.first_column
                        + line
                            .text
                            .chars()
                            .count()
                            .saturating_sub(first_text.chars().count()),
                    text: Cow::Owned(first_text),
                });
            }
            item_lines.extend(remove_common_indentation(line_range(
                lines,
                position + 1,
                end,
            )));
            items.push(self.read_blocks(&item_lines, depth + 1)?);
            position = end.max(position + 1);
            // Blank lines may separate the items of one list.
            let mut next = position;
            while lines.get(next).is_some_and(SourceLine::is_blank) {
                next += 1;
            }
            if list_kind_at(lines, next) != Some(kind) {
                break;
            }
            position = next;
        }
        blocks.push(Block::List { items });
        Ok(position)
    }

    fn read_grid_table(
        &self,
        lines: &[SourceLine],
        position: usize,
        depth: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<usize, RstError> {
        let mut end = position;
        while lines
            .get(end)
            .is_some_and(|line| line.text.starts_with('+') || line.text.starts_with('|'))
        {
            end += 1;
        }
        let table = self.parse_grid_table(line_range(lines, position, end), depth)?;
        blocks.push(Block::Table(table));
        Ok(end)
    }

    /// Reads a grid table the way docutils does: from each top-left corner, follow the border
    /// right, down, left and up until it closes; each closed border is a cell. Row and column
    /// boundaries are wherever some cell starts or ends, so spans need no special case.
    fn parse_grid_table(
        &self,
        table_lines: &[SourceLine],
        depth: usize,
    ) -> Result<ParsedTable, RstError> {
        let border_width = table_lines
            .first()
            .map_or(0, |line| line.text.chars().count());
        for line in table_lines {
            let width = line.text.chars().count();
            if width != border_width {
                return Err(RstError::GridTableLineWidth {
                    file_name: self.file_name.to_owned(),
                    line: line.number,
                    width,
                    border_width,
                });
            }
        }
        let last_line = match table_lines.last() {
            Some(line) if table_lines.len() >= 2 && is_grid_table_border(&line.text) => line,
            Some(line) => {
                return Err(RstError::GridTableWithoutBottomBorder {
                    file_name: self.file_name.to_owned(),
                    line: line.number,
                })
            }
            None => return Ok(ParsedTable::default()),
        };
        let bottom = table_lines.len() - 1;
        let mut header_separator = None;
        for (row, line) in table_lines.iter().enumerate().take(bottom).skip(1) {
            if is_grid_table_border(&line.text) && line.text.contains('=') {
                if header_separator.is_some() {
                    return Err(RstError::GridTableSecondHeaderSeparator {
                        file_name: self.file_name.to_owned(),
                        line: line.number,
                    });
                }
                header_separator = Some(row);
            }
        }
        // With the header separator found, `=` is read as `-` like any other border.
        let layout = GridLayout {
            lines: table_lines
                .iter()
                .map(|line| {
                    if line.text.is_ascii() {
                        GridLine::Ascii(line.text.as_bytes())
                    } else {
                        GridLine::Other(line.text.chars().collect())
                    }
                })
                .collect(),
            bottom,
            right: border_width.saturating_sub(1),
        };
        let cells = layout.find_cells().map_err(|(row, column)| {
            let line = table_lines.get(row).unwrap_or(last_line);
            RstError::GridTableUnclosedCell {
                file_name: self.file_name.to_owned(),
                line: line.number,
                column: line.first_column + column + 1,
            }
        })?;

        let row_boundaries: Vec<usize> = cells
            .iter()
            .flat_map(|cell| [cell.top, cell.bottom])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let column_boundaries: Vec<usize> = cells
            .iter()
            .flat_map(|cell| [cell.left, cell.right])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let row_count = row_boundaries.len().saturating_sub(1);
        let column_count = column_boundaries.len().saturating_sub(1);
        let header_row_count = match header_separator {
            Some(separator) => {
                if let Some(cell) = cells
                    .iter()
                    .find(|cell| cell.top < separator && separator < cell.bottom)
                {
                    let line = table_lines.get(cell.top).unwrap_or(last_line);
                    return Err(RstError::GridTableCellAcrossHeaderSeparator {
                        file_name: self.file_name.to_owned(),
                        line: line.number,
                        column: line.first_column + cell.left + 1,
                    });
                }
                row_boundaries
                    .iter()
                    .position(|boundary| *boundary == separator)
                    .unwrap_or(0)
            }
            None => 0,
        };

        let mut header_rows = vec![vec![Vec::new(); column_count]; header_row_count];
        let mut body_rows =
            vec![vec![Vec::new(); column_count]; row_count.saturating_sub(header_row_count)];
        for cell in &cells {
            let content_lines: Vec<SourceLine> = line_range(table_lines, cell.top + 1, cell.bottom)
                .iter()
                .map(|line| line.columns(cell.left + 1, Some(cell.right)))
                .collect();
            let content =
                self.read_blocks(&remove_common_indentation(&content_lines), depth + 1)?;
            let (Ok(first_row), Ok(end_row), Ok(column)) = (
                row_boundaries.binary_search(&cell.top),
                row_boundaries.binary_search(&cell.bottom),
                column_boundaries.binary_search(&cell.left),
            ) else {
                continue;
            };
            for row in first_row..end_row {
                let slot = if row < header_row_count {
                    // A header cell spanning rows is named once.
                    if row != first_row {
                        continue;
                    }
                    header_rows.get_mut(row)
                } else {
                    body_rows.get_mut(row - header_row_count)
                };
                if let Some(slot) = slot.and_then(|cells| cells.get_mut(column)) {
                    slot.clone_from(&content);
                }
            }
        }
        Ok(ParsedTable {
            caption: None,
            header_rows,
            body_rows,
        })
    }

    /// Reads a simple table: columns are the runs of `=` in the top border, the header the rows
    /// between the first two borders, and a row whose first column is blank continues the row
    /// above.
    fn read_simple_table(
        &self,
        lines: &[SourceLine],
        position: usize,
        depth: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<usize, RstError> {
        let Some(top) = lines.get(position) else {
            return Ok(position + 1);
        };
        let border_width = top.text.chars().count();
        let columns = character_runs(&top.text, '=');
        // As in docutils, the table ends at its third border, or at a border followed by a
        // blank line (then there is no header).
        let mut borders = Vec::new();
        let mut bottom = None;
        let mut index = position + 1;
        while let Some(line) = lines.get(index) {
            if is_simple_table_border(&line.text) {
                let width = line.text.chars().count();
                if width != border_width {
                    return Err(RstError::SimpleTableBorderWidth {
                        file_name: self.file_name.to_owned(),
                        line: line.number,
                        width,
                        border_width,
                    });
                }
                borders.push(index);
                if borders.len() == 2 || lines.get(index + 1).is_none_or(SourceLine::is_blank) {
                    bottom = Some(index);
                    break;
                }
            }
            index += 1;
        }
        let Some(bottom) = bottom.or(borders.last().copied()) else {
            return Err(RstError::SimpleTableWithoutBottomBorder {
                file_name: self.file_name.to_owned(),
                line: top.number,
            });
        };
        let (header_lines, body_lines) = match borders.as_slice() {
            [header_separator, _] => (
                line_range(lines, position + 1, *header_separator),
                line_range(lines, header_separator + 1, bottom),
            ),
            _ => (&[][..], line_range(lines, position + 1, bottom)),
        };
        let table = ParsedTable {
            caption: None,
            header_rows: self.simple_table_rows(header_lines, &columns, depth)?,
            body_rows: self.simple_table_rows(body_lines, &columns, depth)?,
        };
        blocks.push(Block::Table(table));
        Ok(bottom + 1)
    }

    fn simple_table_rows(
        &self,
        lines: &[SourceLine],
        columns: &[ColumnRange],
        depth: usize,
    ) -> Result<Vec<Vec<Vec<Block>>>, RstError> {
        let first_column_end = columns.first().map_or(0, |column| column.end);
        // Each row: its lines and, when a column-span underline follows it, that underline.
        let mut rows: Vec<(Vec<&SourceLine>, Option<&SourceLine>)> = Vec::new();
        for line in lines {
            if is_column_span_underline(&line.text) {
                if let Some((_, span_underline)) = rows.last_mut() {
                    *span_underline = Some(line);
                }
                continue;
            }
            let starts_row = !line.columns(0, Some(first_column_end)).is_blank();
            match rows.last_mut() {
                // A row goes on until a line starts the next one or a span underline closes it.
                Some((row_lines, None)) if !starts_row => row_lines.push(line),
                _ if line.is_blank() => {}
                _ => rows.push((vec![line], None)),
            }
        }
        rows.iter()
            .map(|(row_lines, span_underline)| {
                self.simple_table_row(row_lines, *span_underline, columns, depth)
            })
            .collect()
    }

    fn simple_table_row(
        &self,
        row_lines: &[&SourceLine],
        span_underline: Option<&SourceLine>,
        columns: &[ColumnRange],
        depth: usize,
    ) -> Result<Vec<Vec<Block>>, RstError> {
        // A column-span underline cuts the row at its runs of `-` instead of at the columns;
        // each run's text goes to the first column it covers.
        let ranges = match span_underline {
            Some(underline) => character_runs(&underline.text, '-'),
            None => columns.to_vec(),
        };
        for line in row_lines {
            let mut gap_start = 0;
            for (index, range) in ranges.iter().enumerate() {
                if !line.columns(gap_start, Some(range.start)).is_blank() {
                    return Err(RstError::SimpleTableTextInColumnGap {
                        file_name: self.file_name.to_owned(),
                        line: line.number,
                        column: index + 1,
                    });
                }
                gap_start = range.end;
            }
        }
        let mut cells = vec![Vec::new(); columns.len()];
        for (index, range) in ranges.iter().enumerate() {
            // The last column is unbounded: its text may run past the border.
            let end = (index + 1 < ranges.len()).then_some(range.end);
            let cell_lines: Vec<SourceLine> = row_lines
                .iter()
                .map(|line| line.columns(range.start, end))
                .collect();
            let content = self.read_blocks(&remove_common_indentation(&cell_lines), depth + 1)?;
            let column = columns
                .iter()
                .position(|column| column.end > range.start)
                .unwrap_or(columns.len().saturating_sub(1));
            if let Some(cell) = cells.get_mut(column) {
                cell.extend(content);
            }
        }
        Ok(cells)
    }
}

/// Following the borders of a grid table, with `=` read as `-`.
struct GridLayout<'lines> {
    lines: Vec<GridLine<'lines>>,
    /// The index of the bottom border line.
    bottom: usize,
    /// The index of the right border column.
    right: usize,
}

/// One cell of a grid table: the lines and columns of its border.
#[derive(Debug, Clone, Copy)]
struct GridCell {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

/// One line of a grid table, indexed by character: an ASCII line (nearly all of them) by its
/// bytes, others by their characters.
enum GridLine<'lines> {
    Ascii(&'lines [u8]),
    Other(Vec<char>),
}

impl GridLayout<'_> {
    fn character(&self, row: usize, column: usize) -> char {
        let character = match self.lines.get(row) {
            Some(GridLine::Ascii(bytes)) => bytes.get(column).map(|byte| char::from(*byte)),
            Some(GridLine::Other(characters)) => characters.get(column).copied(),
            None => None,
        };
        match character {
            Some('=') => '-',
            Some(character) => character,
            None => ' ',
        }
    }

    /// Every cell of the table, or the top-left corner of the first cell whose border does not
    /// close.
    fn find_cells(&self) -> Result<Vec<GridCell>, (usize, usize)> {
        // For each column, the border line down to which its cells have been found.
        let mut covered_until = vec![0; self.right + 1];
        let mut corners = BTreeSet::from([(0, 0)]);
        let mut cells = Vec::new();
        while let Some((top, left)) = corners.pop_first() {
            let covered = covered_until.get(left).copied().unwrap_or(self.bottom);
            if top >= self.bottom || left >= self.right || top < covered {
                continue;
            }
            let Some((bottom, right)) = self.scan_right(top, left) else {
                continue;
            };
            for covered in covered_until.get_mut(left..right).unwrap_or_default() {
                if *covered != top {
                    return Err((top, left));
                }
                *covered = bottom;
            }
            cells.push(GridCell {
                top,
                left,
                bottom,
                right,
            });
            corners.insert((top, right));
            corners.insert((bottom, left));
        }
        match covered_until
            .iter()
            .take(self.right)
            .position(|covered| *covered != self.bottom)
        {
            Some(column) => Err((covered_until.get(column).copied().unwrap_or(0), column)),
            None => Ok(cells),
        }
    }

    fn scan_right(&self, top: usize, left: usize) -> Option<(usize, usize)> {
        for column in left + 1..=self.right {
            match self.character(top, column) {
                '+' => {
                    if let Some(bottom) = self.scan_down(top, left, column) {
                        return Some((bottom, column));
                    }
                }
                '-' => {}
                _ => return None,
            }
        }
        None
    }

    fn scan_down(&self, top: usize, left: usize, right: usize) -> Option<usize> {
        for row in top + 1..=self.bottom {
            match self.character(row, right) {
                '+' => {
                    if self.scan_left(top, left, row, right) {
                        return Some(row);
                    }
                }
                '|' => {}
                _ => return None,
            }
        }
        None
    }

    fn scan_left(&self, top: usize, left: usize, bottom: usize, right: usize) -> bool {
        (left + 1..right).all(|column| matches!(self.character(bottom, column), '+' | '-'))
            && self.character(bottom, left) == '+'
            && (top + 1..bottom).all(|row| matches!(self.character(row, left), '+' | '|'))
    }
}

/// Reads a hyperlink target, the text after `.. _`: `name:` is a label, `name: url` a link.
fn read_hyperlink_target(target: &str, body: &[SourceLine]) -> Option<Block> {
    // Anonymous targets (`.. __: url`) cannot be referred to by name.
    if target.starts_with('_') {
        return None;
    }
    let (name, rest) = match target.strip_prefix('`') {
        Some(quoted) => {
            let (name, rest) = quoted.split_once('`')?;
            (name.to_owned(), rest.strip_prefix(':')?.to_owned())
        }
        None => {
            // The name ends at the first unescaped colon followed by a space or the line end.
            let characters: Vec<char> = target.chars().collect();
            let colon = (0..characters.len()).find(|index| {
                characters.get(*index) == Some(&':')
                    && !is_escaped(&characters, *index)
                    && characters
                        .get(index + 1)
                        .is_none_or(|next| next.is_whitespace())
            })?;
            let name = unescape(characters.get(..colon).unwrap_or_default());
            let rest: String = characters
                .get(colon + 1..)
                .unwrap_or_default()
                .iter()
                .collect();
            (name, rest)
        }
    };
    // A URL may be split over lines; its parts join without spaces.
    let url: String = std::iter::once(rest.as_str())
        .chain(body.iter().map(|line| line.text.as_ref()))
        .flat_map(str::split_whitespace)
        .collect();
    Some(Block::Label {
        name: name.trim().to_owned(),
        url: (!url.is_empty()).then_some(url),
    })
}

/// `name:: arguments` at the start of explicit markup: the directive's name and arguments.
fn directive_head(markup: &str) -> Option<(String, &str)> {
    // A name is valid up to the first character a name cannot hold; found once, not for each
    // `::` again (a line of thousands of `::` took quadratic time; found by a fuzz regression
    // test).
    let name_characters_end = markup
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '+')))
        .unwrap_or(markup.len());
    markup
        .match_indices("::")
        .take_while(|(index, _)| *index <= name_characters_end)
        .find_map(|(index, _)| {
            let name = markup.get(..index)?;
            let arguments = markup.get(index + 2..)?;
            let ends_marker = arguments.is_empty() || arguments.starts_with(' ');
            (!name.is_empty() && ends_marker).then(|| (name.to_owned(), arguments))
        })
}

/// A directive's option lines (`:name: value`) at the start of its body are not content.
fn skip_directive_options<'lines, 'page>(
    body: &'lines [SourceLine<'page>],
) -> &'lines [SourceLine<'page>] {
    let options = body
        .iter()
        .take_while(|line| is_field_marker(line.text.trim_start()))
        .count();
    body.get(options..).unwrap_or_default()
}

/// Splits a directive into its arguments (the directive line and the lines after it up to the
/// first blank line, options left out) and its content (the rest).
fn split_directive_arguments<'page>(
    arguments: &str,
    body: &[SourceLine<'page>],
) -> (String, Vec<SourceLine<'page>>) {
    // A table right under the directive line cannot be part of the arguments, so it starts the
    // content even without the blank line docutils wants.
    let argument_end = body
        .iter()
        .position(|line| {
            line.is_blank()
                || is_grid_table_top_border(&line.text)
                || is_simple_table_top_border(&line.text)
        })
        .unwrap_or(body.len());
    let argument_text: Vec<&str> = std::iter::once(arguments.trim())
        .chain(
            line_range(body, 0, argument_end)
                .iter()
                .map(|line| line.text.trim())
                .filter(|text| !is_field_marker(text)),
        )
        .filter(|text| !text.is_empty())
        .collect();
    let content = remove_common_indentation(line_range(body, argument_end, body.len()));
    (argument_text.join(" "), content)
}

fn is_explicit_markup_start(text: &str) -> bool {
    text == ".." || text.starts_with(".. ")
}

/// `+---+---+`: the top border of a grid table.
fn is_grid_table_top_border(text: &str) -> bool {
    text.starts_with("+-") && text.ends_with('+') && text.chars().all(|c| matches!(c, '+' | '-'))
}

/// Any border line of a grid table, including the `+===+` header separator.
fn is_grid_table_border(text: &str) -> bool {
    text.len() >= 2
        && text.starts_with('+')
        && text.ends_with('+')
        && text.chars().all(|c| matches!(c, '+' | '-' | '='))
}

/// `===  =====`: the top border of a simple table, which has at least two columns.
fn is_simple_table_top_border(text: &str) -> bool {
    is_simple_table_border(text) && character_runs(text, '=').len() >= 2
}

fn is_simple_table_border(text: &str) -> bool {
    text.starts_with('=') && text.chars().all(|c| matches!(c, '=' | ' '))
}

/// `---  ------` under a simple table row: which columns the row's cells span.
fn is_column_span_underline(text: &str) -> bool {
    text.starts_with('-') && text.chars().all(|c| matches!(c, '-' | ' '))
}

/// The runs of `run_character` in a border line.
fn character_runs(text: &str, run_character: char) -> Vec<ColumnRange> {
    let mut runs = Vec::new();
    let mut run_start = None;
    let mut width = 0;
    for (index, character) in text.chars().enumerate() {
        width = index + 1;
        match (character == run_character, run_start) {
            (true, None) => run_start = Some(index),
            (false, Some(start)) => {
                runs.push(ColumnRange { start, end: index });
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run_start {
        runs.push(ColumnRange { start, end: width });
    }
    runs
}

/// `:name: value`, a field list item (and the form of directive options).
fn is_field_marker(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(':') else {
        return false;
    };
    let characters: Vec<char> = rest.chars().collect();
    let Some(colon) = (0..characters.len())
        .find(|index| characters.get(*index) == Some(&':') && !is_escaped(&characters, *index))
    else {
        return false;
    };
    let name = characters.get(..colon).unwrap_or_default();
    !name.is_empty()
        && name.first().is_some_and(|first| !first.is_whitespace())
        && !name.contains(&'`')
        && characters
            .get(colon + 1)
            .is_none_or(|next| next.is_whitespace())
}

fn is_line_block_line(text: &str) -> bool {
    text == "|" || text.starts_with("| ")
}

/// Each line of a line block (`| text`) is a line of its own.
fn read_line_block(lines: &[SourceLine], position: usize, blocks: &mut Vec<Block>) -> usize {
    let mut end = position;
    while let Some(line) = lines.get(end).filter(|line| is_line_block_line(&line.text)) {
        let text: String = line.text.chars().skip(1).collect();
        blocks.push(Block::Paragraph {
            text: text.trim().to_owned(),
        });
        end += 1;
    }
    end
}

const BULLET_CHARACTERS: [char; 6] = ['-', '*', '+', '\u{2022}', '\u{2023}', '\u{2043}'];

/// Whether a list item starts at `position`, and of which kind.
fn list_kind_at(lines: &[SourceLine], position: usize) -> Option<ListKind> {
    let text = &lines.get(position)?.text;
    let mut characters = text.chars();
    let first = characters.next()?;
    if BULLET_CHARACTERS.contains(&first) && characters.next().is_none_or(|c| c == ' ') {
        return Some(ListKind::Bullet(first));
    }
    enumerator_length(text)?;
    // As in docutils, "1. Text" followed by an unindented line is a paragraph, not a list.
    let next_allows_list = lines.get(position + 1).is_none_or(|next| {
        next.is_blank() || next.indentation() > 0 || enumerator_length(&next.text).is_some()
    });
    next_allows_list.then_some(ListKind::Enumerated)
}

/// The length of the enumerator starting `text` (`#.`, `1.`, `1)`, `(1)`, `a.`), if it has one
/// followed by a space or the end of the line.
fn enumerator_length(text: &str) -> Option<usize> {
    let characters: Vec<char> = text.chars().collect();
    let opening_parenthesis = usize::from(characters.first() == Some(&'('));
    let label_start = opening_parenthesis;
    let digits = characters
        .iter()
        .skip(label_start)
        .take_while(|c| c.is_ascii_digit())
        .count();
    let label_length = match characters.get(label_start) {
        _ if digits > 0 => digits,
        Some('#') => 1,
        Some(c) if c.is_ascii_alphabetic() => 1,
        _ => return None,
    };
    let closing = characters.get(label_start + label_length)?;
    let closes = if opening_parenthesis == 1 {
        *closing == ')'
    } else {
        matches!(closing, '.' | ')')
    };
    let length = label_start + label_length + 1;
    let followed_by_space = characters.get(length).is_none_or(|c| *c == ' ');
    (closes && followed_by_space).then_some(length)
}

/// The text of a list item's first line after its bullet or enumerator.
fn list_item_text(text: &str) -> Option<String> {
    let first = text.chars().next()?;
    let marker_length = if BULLET_CHARACTERS.contains(&first) {
        1
    } else {
        enumerator_length(text)?
    };
    let rest: String = text.chars().skip(marker_length).collect();
    Some(rest.trim_start().to_owned())
}

/// The character a line of punctuation repeats (a section title's underline or overline).
fn adornment_character(text: &str) -> Option<char> {
    let first = text.chars().next()?;
    (first.is_ascii_punctuation() && text.chars().all(|c| c == first)).then_some(first)
}

/// Reads a section title (underlined, or overlined and underlined) or a transition. Where
/// titles are not allowed (inside a list or a table cell) the title is kept as a paragraph.
fn read_section_title(
    lines: &[SourceLine],
    position: usize,
    titles_allowed: bool,
    blocks: &mut Vec<Block>,
) -> Option<usize> {
    let line = lines.get(position)?;
    let mut push_title = |title: &str| {
        let title = title.trim().to_owned();
        blocks.push(if titles_allowed {
            Block::Heading { title }
        } else {
            Block::Paragraph { text: title }
        });
    };
    if let Some(adornment) = adornment_character(&line.text) {
        if let (Some(title), Some(underline)) = (lines.get(position + 1), lines.get(position + 2)) {
            if !title.is_blank() && adornment_character(&underline.text) == Some(adornment) {
                push_title(&title.text);
                return Some(position + 3);
            }
        }
        // A lone line of punctuation is a transition, a horizontal rule: nothing to keep.
        return (line.text.chars().count() >= 4).then_some(position + 1);
    }
    let underline = lines.get(position + 1)?;
    adornment_character(&underline.text)?;
    // Docutils takes a short underline as a title only from four characters on.
    let title_width = line.text.trim().chars().count();
    let underline_width = underline.text.chars().count();
    if underline_width < title_width && underline_width < 4 {
        return None;
    }
    push_title(&line.text);
    Some(position + 2)
}

/// Reads a paragraph: the lines up to a blank or an indented line, joined with single spaces.
/// A paragraph ending in `::` introduces the literal block indented after it.
fn read_paragraph(lines: &[SourceLine], position: usize, blocks: &mut Vec<Block>) -> usize {
    let mut end = position + 1;
    while lines
        .get(end)
        .is_some_and(|line| !line.is_blank() && line.indentation() == 0)
    {
        end += 1;
    }
    let text = line_range(lines, position, end)
        .iter()
        .map(|line| line.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let Some(before_marker) = text.strip_suffix("::") else {
        blocks.push(Block::Paragraph { text });
        return end;
    };
    // "Example::" reads "Example:", "Example ::" and a lone "::" show no colon.
    if before_marker.ends_with(char::is_whitespace) {
        blocks.push(Block::Paragraph {
            text: before_marker.trim_end().to_owned(),
        });
    } else if !before_marker.is_empty() {
        blocks.push(Block::Paragraph {
            text: format!("{before_marker}:"),
        });
    }
    let mut literal_start = end;
    while lines.get(literal_start).is_some_and(SourceLine::is_blank) {
        literal_start += 1;
    }
    if lines
        .get(literal_start)
        .is_some_and(|line| line.indentation() > 0)
    {
        let literal_end = indented_block_end(lines, literal_start);
        blocks.push(Block::Literal(literal_text(line_range(
            lines,
            literal_start,
            literal_end,
        ))));
        return literal_end;
    }
    end
}

/// Past the nesting limit, text is kept as paragraphs without looking at its markup.
fn plain_paragraphs(lines: &[SourceLine]) -> Vec<Block> {
    lines
        .split(SourceLine::is_blank)
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| Block::Paragraph {
            text: paragraph
                .iter()
                .map(|line| line.text.trim())
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect()
}

/// The page's hyperlink targets by reference name: labels into the page, or external URLs.
#[derive(Debug, Default)]
struct Labels {
    targets: HashMap<String, LabelTarget>,
}

#[derive(Debug)]
enum LabelTarget {
    /// A label in this page, spelled as defined.
    InPage(String),
    External(String),
}

impl Labels {
    fn collect(blocks: &[Block]) -> Labels {
        let mut labels = Labels::default();
        labels.add_from(blocks);
        labels
    }

    fn add_from(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Label { name, url } => {
                    let target = match url {
                        Some(url) => LabelTarget::External(url.clone()),
                        None => LabelTarget::InPage(name.clone()),
                    };
                    self.targets
                        .entry(reference_name_key(name))
                        .or_insert(target);
                }
                Block::List { items } => items.iter().for_each(|item| self.add_from(item)),
                Block::Table(table) => table
                    .header_rows
                    .iter()
                    .chain(&table.body_rows)
                    .flatten()
                    .for_each(|cell| self.add_from(cell)),
                Block::Heading { .. } | Block::Paragraph { .. } | Block::Literal(_) => {}
            }
        }
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

/// Turns blocks into the doc model's sections.
struct PageBuilder<'a> {
    labels: &'a Labels,
    page: DocPage,
    title_found: bool,
    /// A label waiting for what follows it: the page title (the page's anchor) or a table.
    pending_label: Option<String>,
    /// A label followed by one paragraph, for the table right after that paragraph: the older
    /// pages label a list item ("Parameters in the **volumes** field") and link to that label
    /// for the table under it.
    label_before_paragraph: Option<String>,
}

impl PageBuilder<'_> {
    fn push_block(&mut self, block: DocBlock) {
        match self.page.sections.last_mut() {
            Some(section) => section.blocks.push(block),
            None => self.page.sections.push(DocSection {
                title: String::new(),
                blocks: vec![block],
            }),
        }
    }

    fn add_blocks(&mut self, blocks: &[Block], is_list_item: bool) {
        for block in blocks {
            match block {
                Block::Label { name, url: None } => self.pending_label = Some(name.clone()),
                Block::Label { .. } => {}
                Block::Heading { title } => {
                    let title = flatten_inline(title, self.labels).text;
                    let label = self.pending_label.take();
                    if self.title_found {
                        self.page.sections.push(DocSection {
                            title,
                            blocks: Vec::new(),
                        });
                    } else {
                        self.title_found = true;
                        self.page.title = title;
                        self.page.anchor = label;
                    }
                }
                Block::Paragraph { text } => {
                    self.label_before_paragraph = self.pending_label.take();
                    let line = flatten_inline(text, self.labels).into_line(is_list_item);
                    if let Some(line) = line {
                        self.push_block(DocBlock::Paragraph(line));
                    }
                }
                Block::List { items } => {
                    // A label before a list names its first item.
                    let mut carried = self.pending_label.take();
                    self.label_before_paragraph = None;
                    for item in items {
                        self.pending_label = carried.take();
                        self.add_blocks(item, true);
                    }
                    self.pending_label = None;
                    self.label_before_paragraph = None;
                }
                Block::Table(table) => {
                    let anchor = self
                        .pending_label
                        .take()
                        .or_else(|| self.label_before_paragraph.take());
                    self.label_before_paragraph = None;
                    let table = build_doc_table(table, anchor, self.labels);
                    self.push_block(DocBlock::Table(table));
                }
                Block::Literal(text) => {
                    self.pending_label = None;
                    self.label_before_paragraph = None;
                    self.push_block(DocBlock::Preformatted(text.clone()));
                }
            }
        }
    }
}

fn build_doc_table(table: &ParsedTable, anchor: Option<String>, labels: &Labels) -> DocTable {
    let caption = table
        .caption
        .as_deref()
        .map(|caption| caption_without_table_label(caption, labels))
        .filter(|caption| !caption.is_empty());
    let column_count = table
        .header_rows
        .iter()
        .chain(&table.body_rows)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    // Stacked header rows name a column together, top to bottom.
    let header = if table.header_rows.is_empty() {
        Vec::new()
    } else {
        (0..column_count)
            .map(|column| {
                let texts: Vec<String> = table
                    .header_rows
                    .iter()
                    .filter_map(|row| row.get(column))
                    .map(|cell| cell_from_blocks(cell, labels).text())
                    .collect();
                normalize_whitespace(&texts.join(" "))
            })
            .collect()
    };
    let rows = table
        .body_rows
        .iter()
        .enumerate()
        .map(|(index, row)| DocRow {
            row_number: index + 1,
            cells: row
                .iter()
                .map(|cell| cell_from_blocks(cell, labels))
                .collect(),
        })
        .collect();
    DocTable {
        caption,
        anchor,
        header,
        rows,
    }
}

/// Drops the `**Table N**` label doc-exports puts in front of every caption.
fn caption_without_table_label(caption: &str, labels: &Labels) -> String {
    let flat = flatten_inline(caption, labels);
    let Some(emphasis) = flat.leading_emphasis.as_deref() else {
        return flat.text;
    };
    let is_table_number = emphasis.strip_prefix("Table").is_some_and(|number| {
        let number = number.trim_start();
        !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
    });
    match flat.text.strip_prefix(emphasis) {
        Some(rest) if is_table_number => rest.trim().to_owned(),
        _ => flat.text,
    }
}

/// A table cell's lines (one per paragraph or list item) and every link in it.
fn cell_from_blocks(blocks: &[Block], labels: &Labels) -> DocCell {
    let mut cell = DocCell::default();
    add_cell_lines(blocks, false, labels, &mut cell);
    cell
}

fn add_cell_lines(blocks: &[Block], is_list_item: bool, labels: &Labels, cell: &mut DocCell) {
    for block in blocks {
        match block {
            Block::Heading { title: text } | Block::Paragraph { text } => {
                let flat = flatten_inline(text, labels);
                cell.lines.extend(flat.into_line(is_list_item));
            }
            Block::List { items } => {
                for item in items {
                    add_cell_lines(item, true, labels, cell);
                }
            }
            // A table inside a cell reads as its cells' lines, as HTML text would.
            Block::Table(table) => {
                for nested_cell in table.header_rows.iter().chain(&table.body_rows).flatten() {
                    add_cell_lines(nested_cell, is_list_item, labels, cell);
                }
            }
            // A literal block in a cell is one line of text, as the HTML front end reads `pre`
            // inside cells.
            Block::Literal(text) => {
                let text = normalize_whitespace(text);
                if !text.is_empty() {
                    cell.lines.push(DocLine {
                        text,
                        is_list_item,
                        leading_emphasis: None,
                        links: Vec::new(),
                    });
                }
            }
            Block::Label { .. } => {}
        }
    }
}

/// Inline text with its markup flattened.
#[derive(Debug, Default)]
struct FlatText {
    /// The plain text, whitespace collapsed.
    text: String,
    /// The text of the `**strong**` the text starts with.
    leading_emphasis: Option<String>,
    links: Vec<DocLink>,
}

impl FlatText {
    fn into_line(self, is_list_item: bool) -> Option<DocLine> {
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
fn flatten_inline(raw: &str, labels: &Labels) -> FlatText {
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
fn is_escaped(characters: &[char], index: usize) -> bool {
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
fn unescape(characters: &[char]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(rst: &str) -> DocPage {
        parse_rst_page("test.rst", rst).expect("the page parses")
    }

    fn tables(page: &DocPage) -> Vec<&DocTable> {
        page.tables().map(|(_, table)| table).collect()
    }

    fn paragraphs(section: &DocSection) -> Vec<(&str, bool, Option<&str>)> {
        section
            .blocks
            .iter()
            .filter_map(|block| match block {
                DocBlock::Paragraph(line) => Some(line_parts(line)),
                _ => None,
            })
            .collect()
    }

    fn line_parts(line: &DocLine) -> (&str, bool, Option<&str>) {
        (
            line.text.as_str(),
            line.is_list_item,
            line.leading_emphasis.as_deref(),
        )
    }

    fn cell_lines(cell: &DocCell) -> Vec<(&str, bool, Option<&str>)> {
        cell.lines.iter().map(line_parts).collect()
    }

    fn cell_links(cell: &DocCell) -> Vec<(&str, &str)> {
        cell.links()
            .map(|link| (link.text.as_str(), link.target.as_str()))
            .collect()
    }

    fn row_texts(table: &DocTable) -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|row| row.cells.iter().map(DocCell::text).collect())
            .collect()
    }

    fn check_error(rst: &str, expected: &str) {
        let error = parse_rst_page("broken.rst", rst).expect_err("the page is broken");
        assert_eq!(error.to_string(), expected);
    }

    fn check_inline(raw: &str, expected_text: &str, expected_emphasis: Option<&str>) {
        let flat = flatten_inline(raw, &Labels::default());
        assert_eq!(
            (flat.text.as_str(), flat.leading_emphasis.as_deref()),
            (expected_text, expected_emphasis),
            "flattening {raw:?}"
        );
    }

    #[test]
    fn page_has_title_anchor_and_sections() {
        let page = parse(
            r"
:original_name: ShowThing.html

.. _ShowThing:

Showing a Thing
===============

Text before
any section.

Function
--------

This API shows a thing.

Details
~~~~~~~

-  **aof**
-  **INIT**: initializing
   and more
-  Plain *item*

#. First step.
#. Second step.
",
        );
        assert_eq!(page.file_name, "test.rst");
        assert_eq!(page.anchor.as_deref(), Some("ShowThing"));
        assert_eq!(page.title, "Showing a Thing");
        assert_eq!(page.parent_topic, None);
        let titles: Vec<&str> = page.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["", "Function", "Details"]);
        assert_eq!(
            paragraphs(&page.sections[0]),
            [("Text before any section.", false, None)]
        );
        assert_eq!(
            paragraphs(&page.sections[1]),
            [("This API shows a thing.", false, None)]
        );
        assert_eq!(
            paragraphs(&page.sections[2]),
            [
                ("aof", true, Some("aof")),
                ("INIT: initializing and more", true, Some("INIT")),
                ("Plain item", true, None),
                ("First step.", true, None),
                ("Second step.", true, None),
            ]
        );
    }

    #[test]
    fn page_without_leading_text_has_no_untitled_section_and_overlined_title_counts() {
        let page = parse(
            r"
=========
Reference
=========

URI
---

GET /v2/things
",
        );
        assert_eq!(page.anchor, None);
        assert_eq!(page.title, "Reference");
        let titles: Vec<&str> = page.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["URI"]);
    }

    #[test]
    fn grid_table_cells_keep_paragraphs_lists_markup_and_links() {
        let page = parse(
            r"
Listing Things
==============

Response Parameters
-------------------

.. table:: **Table 2** Response body parameters

   +------------+-----------------------------+------------------------------------------+
   | Parameter  | Type                        | Description                              |
   +============+=============================+==========================================+
   | items      | Array of :ref:`Item         | Items on the **current                   |
   |            | <show__response_item>`      | page**.                                  |
   |            | objects                     |                                          |
   |            |                             | Value options:                           |
   |            |                             |                                          |
   |            |                             | -  **asc**: ascending                    |
   |            |                             | -  **desc**: descending, see             |
   |            |                             |    `RFC <https://example.com/rfc>`__     |
   +------------+-----------------------------+------------------------------------------+
   | total      | Integer                     | Total count. See :ref:`Error Codes       |
   |            |                             | <errorcode>`.                            |
   +------------+-----------------------------+------------------------------------------+

.. _Show__Response_Item:

.. table:: **Table 3** Item

   +-----------+--------+-------------+
   | Parameter | Type   | Description |
   +===========+========+=============+
   | id        | String | Item ID.    |
   +-----------+--------+-------------+
",
        );
        let tables = tables(&page);
        assert_eq!(tables.len(), 2);
        let response = tables[0];
        assert_eq!(
            response.caption.as_deref(),
            Some("Response body parameters")
        );
        assert_eq!(response.anchor, None);
        assert_eq!(response.header, ["Parameter", "Type", "Description"]);
        assert_eq!(response.rows.len(), 2);
        assert_eq!(response.rows[0].row_number, 1);
        assert_eq!(response.rows[1].row_number, 2);

        let items = &response.rows[0].cells;
        assert_eq!(cell_lines(&items[0]), [("items", false, None)]);
        assert_eq!(
            cell_lines(&items[1]),
            [("Array of Item objects", false, None)]
        );
        // Labels compare case-insensitively; the link names the label as the page defines it.
        assert_eq!(cell_links(&items[1]), [("Item", "#Show__Response_Item")]);
        assert_eq!(
            cell_lines(&items[2]),
            [
                ("Items on the current page.", false, None),
                ("Value options:", false, None),
                ("asc: ascending", true, Some("asc")),
                ("desc: descending, see RFC", true, Some("desc")),
            ]
        );
        assert_eq!(cell_links(&items[2]), [("RFC", "https://example.com/rfc")]);

        let total = &response.rows[1].cells;
        assert_eq!(total[2].text(), "Total count. See Error Codes.");
        // A label on another page stays as written.
        assert_eq!(cell_links(&total[2]), [("Error Codes", "errorcode")]);

        let item = tables[1];
        assert_eq!(item.caption.as_deref(), Some("Item"));
        assert_eq!(item.anchor.as_deref(), Some("Show__Response_Item"));
        assert_eq!(row_texts(item), [["id", "String", "Item ID."]]);
    }

    #[test]
    fn bare_grid_table_without_header_separator_has_no_header_and_no_caption() {
        let page = parse(
            r"
+-----+-----+
| a   | b   |
+-----+-----+
| c   | d   |
+-----+-----+
",
        );
        let table = tables(&page)[0];
        assert_eq!(table.caption, None);
        assert!(table.header.is_empty());
        assert_eq!(row_texts(table), [["a", "b"], ["c", "d"]]);
    }

    #[test]
    fn grid_table_spans_keep_text_and_row_shape() {
        let page = parse(
            r"
+-------+-------+-------+
| Name  | Kind  | Notes |
+=======+=======+=======+
| a     | both columns  |
+-------+-------+-------+
| b     | x     | spans |
+-------+-------+ two   |
| c     | y     | rows  |
+-------+-------+-------+
",
        );
        let table = tables(&page)[0];
        assert_eq!(table.header, ["Name", "Kind", "Notes"]);
        // A cell spanning columns sits in its first column; one spanning rows is in each row.
        assert_eq!(
            row_texts(table),
            [
                ["a", "both columns", ""],
                ["b", "x", "spans two rows"],
                ["c", "y", "spans two rows"],
            ]
        );
    }

    #[test]
    fn simple_table_reads_header_continuation_lines_and_unbounded_last_column() {
        let page = parse(
            r"
Status Codes
------------

.. table:: **Table 9** Status codes

   =========== ======== =====
   Status Code Kind     Description
   =========== ======== =====
   200         success  Accepted and
                        queued.
   400         error    Invalid request, with text running well past the border.
   =========== ======== =====

=====  =====
a      **b**
c      d
=====  =====
",
        );
        let tables = tables(&page);
        let status_codes = tables[0];
        assert_eq!(status_codes.caption.as_deref(), Some("Status codes"));
        assert_eq!(status_codes.header, ["Status Code", "Kind", "Description"]);
        assert_eq!(
            row_texts(status_codes),
            [
                ["200", "success", "Accepted and queued."],
                [
                    "400",
                    "error",
                    "Invalid request, with text running well past the border."
                ],
            ]
        );
        let headerless = tables[1];
        assert_eq!(headerless.caption, None);
        assert!(headerless.header.is_empty());
        assert_eq!(row_texts(headerless), [["a", "b"], ["c", "d"]]);
        assert_eq!(
            cell_lines(&headerless.rows[0].cells[1]),
            [("b", false, Some("b"))]
        );
    }

    #[test]
    fn simple_table_span_underline_and_stacked_header_rows() {
        let page = parse(
            r"
=====  =====  =====
Group         Other
------------  -----
Name   Kind   Notes
=====  =====  =====
a      b      c
=====  =====  =====
",
        );
        let table = tables(&page)[0];
        // A header cell spanning columns names its first column; stacked header rows join.
        assert_eq!(table.header, ["Group Name", "Kind", "Other Notes"]);
        assert_eq!(row_texts(table), [["a", "b", "c"]]);
    }

    #[test]
    fn code_blocks_and_literal_blocks_are_preformatted() {
        let page = parse(
            r#"
Example
-------

.. code-block:: text

   GET https://example.com

.. code-block::
   :linenos:

   {
     "message" : ""

   }


Then a literal::

     indented
       more

Done.
"#,
        );
        let section = &page.sections[0];
        let blocks: Vec<String> = section
            .blocks
            .iter()
            .map(|block| match block {
                DocBlock::Paragraph(line) => format!("paragraph {}", line.text),
                DocBlock::Preformatted(text) => format!("preformatted {text}"),
                DocBlock::Table(_) => "table".to_owned(),
            })
            .collect();
        assert_eq!(
            blocks,
            [
                "preformatted GET https://example.com",
                "preformatted {\n  \"message\" : \"\"\n\n}",
                "paragraph Then a literal:",
                "preformatted indented\n  more",
                "paragraph Done.",
            ]
        );
    }

    #[test]
    fn admonition_bodies_are_read_in_place_and_other_directives_are_dropped() {
        let page = parse(
            r"
Title
=====

.. note::

   Only **master/standby** instances.

   -  one
   -  two

.. toctree::
   :maxdepth: 1

   some_page

.. A comment, not shown.

.. important:: Inline body
   continues.

.. figure:: /_static/images/picture.jpg
   :alt: **Figure 1** A picture

   **Figure 1** A picture

After.
",
        );
        assert_eq!(
            paragraphs(&page.sections[0]),
            [
                ("Only master/standby instances.", false, None),
                ("one", true, None),
                ("two", true, None),
                ("Inline body continues.", false, None),
                ("After.", false, None),
            ]
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

    #[test]
    fn broken_grid_tables_are_reported_with_file_and_line() {
        check_error(
            "Title\n=====\n\n.. table:: **Table 1** Broken\n\n   +-----+-----+\n   | a   | b   |\n   +=====+=====+\n   | c   | d |\n   +-----+-----+\n",
            "broken.rst:9: grid table line is 11 characters wide, the top border is 13",
        );
        check_error(
            "+-----+-----+\n| a   | b   :\n+-----+-----+\n",
            "broken.rst:1: grid table cell at column 7 has no complete border",
        );
        check_error(
            "+-----+\n| a   |\n\nText.\n",
            "broken.rst:2: grid table ends without a bottom border",
        );
        check_error(
            "+---+\n| a |\n+===+\n| b |\n+===+\n| c |\n+---+\n",
            "broken.rst:5: grid table has a second header separator",
        );
    }

    #[test]
    fn broken_simple_tables_are_reported_with_file_and_line() {
        check_error(
            "Text.\n\n=====  =====\na      b\n",
            "broken.rst:3: simple table has no bottom border",
        );
        check_error(
            "=====  =====\na      b\n=====  ====\n",
            "broken.rst:3: simple table border is 11 characters wide, the top border is 12",
        );
        check_error(
            "=====  =====\nalphabet b\n=====  =====\n",
            "broken.rst:2: simple table text runs into the gap before column 2",
        );
    }

    #[test]
    fn parsing_never_panics_on_mangled_input() {
        let odd_inputs = [
            "",
            "+",
            "+-",
            "+-+\n|",
            "+-+\n| |\n+=+",
            "===",
            "=== ===",
            "=== ===\n===",
            ".. table::",
            ".. table:: **Table",
            "..",
            ".. _",
            ".. _x",
            "\\",
            "**",
            "`",
            "``",
            ":ref:`",
            ":ref:`x <",
            "-",
            "#.",
            "(",
            "(1",
            "\t- a\n\t\t- b",
            "x\n-",
            "::",
            "a::\n\n",
            "|",
            "\u{feff}Title\n=====",
            "Tïtle\n=====\n\n+--+\n|é |\n+--+",
        ];
        for input in odd_inputs {
            let _ = parse_rst_page("odd.rst", input);
        }
        let deeply_nested: String = (0..200)
            .map(|depth| format!("{}- item\n\n", "  ".repeat(depth)))
            .collect();
        assert!(parse_rst_page("deep.rst", &deeply_nested).is_ok());
        // Every prefix of the seed page, and every line of it cut short.
        let seed_lines: Vec<&str> = SEED_PAGE.lines().collect();
        for end in 0..=seed_lines.len() {
            let _ = parse_rst_page("prefix.rst", &seed_lines[..end].join("\n"));
        }
        for (index, line) in seed_lines.iter().enumerate() {
            let mut mangled = seed_lines.clone();
            let half: String = line.chars().take(line.chars().count() / 2).collect();
            mangled[index] = &half;
            let _ = parse_rst_page("mangled.rst", &mangled.join("\n"));
        }
    }

    #[test]
    fn seed_page_reads_like_its_html_twin() {
        let page = parse_rst_page(
            "apis_v2_recommended/background_task_management/deleting_a_background_task.rst",
            SEED_PAGE,
        )
        .expect("the seed page parses");
        assert_eq!(page.anchor.as_deref(), Some("DeleteBackgroundTask"));
        assert_eq!(page.title, "Deleting a Background Task");
        let titles: Vec<&str> = page.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Function",
                "URI",
                "Request Parameters",
                "Response Parameters",
                "Example Requests",
                "Example Responses",
                "Status Codes",
                "Error Codes",
            ]
        );

        // Table 1 (path), Tables 2 to 7 (response bodies, one per status code) and the
        // uncaptioned status code table.
        let tables = tables(&page);
        let captions: Vec<Option<&str>> = tables.iter().map(|t| t.caption.as_deref()).collect();
        let response_body = Some("Response body parameters");
        assert_eq!(
            captions,
            [
                Some("Path Parameters"),
                response_body,
                response_body,
                response_body,
                response_body,
                response_body,
                response_body,
                None,
            ]
        );
        let path = tables[0];
        assert_eq!(
            path.header,
            ["Parameter", "Mandatory", "Type", "Description"]
        );
        assert_eq!(path.rows.len(), 3);
        assert_eq!(
            cell_links(&path.rows[0].cells[3]),
            [("Obtaining a Project ID", "dcs-api-0312045")]
        );

        let first_response = tables[1];
        assert_eq!(first_response.header, ["Parameter", "Type", "Description"]);
        assert_eq!(
            row_texts(first_response),
            [["message", "String", "Returned message."]]
        );
        let error_response = tables[2];
        assert_eq!(
            row_texts(error_response),
            [
                ["error_msg", "String", "Error message."],
                ["error_code", "String", "Error code."],
                [
                    "error_ext_msg",
                    "String",
                    "Extended error information. This parameter is not used currently and is set to null."
                ],
            ]
        );

        let status_codes = tables[7];
        assert_eq!(status_codes.header, ["Status Code", "Description"]);
        assert_eq!(status_codes.rows.len(), 7);
        assert_eq!(
            row_texts(status_codes)[1],
            ["204", "Background task deleted successfully."]
        );

        let response_section = page
            .section("Response Parameters")
            .expect("response section");
        assert_eq!(
            paragraphs(response_section).first(),
            Some(&("Status code: 200", false, Some("Status code: 200")))
        );

        let preformatted: Vec<&str> = page
            .sections
            .iter()
            .flat_map(|section| &section.blocks)
            .filter_map(|block| match block {
                DocBlock::Preformatted(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(preformatted.len(), 2);
        assert!(preformatted[0].starts_with("DELETE https://{dcs_endpoint}/v2/"));
        assert_eq!(preformatted[1], "{\n  \"message\" : \"\"\n}");
    }

    /// `apis_v2_recommended/background_task_management/deleting_a_background_task.rst` from
    /// doc-exports, verbatim.
    const SEED_PAGE: &str = r##":original_name: DeleteBackgroundTask.html

.. _DeleteBackgroundTask:

Deleting a Background Task
==========================

Function
--------

Deleting a background task.

URI
---

DELETE /v2/{project_id}/instances/{instance_id}/tasks/{task_id}

.. table:: **Table 1** Path Parameters

   +-------------+-----------+--------+-------------------------------------------------------------------------------+
   | Parameter   | Mandatory | Type   | Description                                                                   |
   +=============+===========+========+===============================================================================+
   | project_id  | Yes       | String | Project ID. For details, see :ref:`Obtaining a Project ID <dcs-api-0312045>`. |
   +-------------+-----------+--------+-------------------------------------------------------------------------------+
   | instance_id | Yes       | String | Instance ID.                                                                  |
   +-------------+-----------+--------+-------------------------------------------------------------------------------+
   | task_id     | Yes       | String | Background task ID.                                                           |
   +-------------+-----------+--------+-------------------------------------------------------------------------------+

Request Parameters
------------------

None

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 2** Response body parameters

   ========= ====== =================
   Parameter Type   Description
   ========= ====== =================
   message   String Returned message.
   ========= ====== =================

**Status code: 400**

.. table:: **Table 3** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

**Status code: 401**

.. table:: **Table 4** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

**Status code: 403**

.. table:: **Table 5** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

**Status code: 404**

.. table:: **Table 6** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

**Status code: 500**

.. table:: **Table 7** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

Example Requests
----------------

Deleting a background task.

.. code-block:: text

   DELETE https://{dcs_endpoint}/v2/a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71/instances/5560df16-cebf-4473-95c4-d1b573c16e79/tasks/8abf6e1e72c12e7c0172c15b508500aa

Example Responses
-----------------

**Status code: 200**

Background task deleted successfully.

.. code-block::

   {
     "message" : ""
   }

Status Codes
------------

=========== =====================================
Status Code Description
=========== =====================================
200         Background task deleted successfully.
204         Background task deleted successfully.
400         Invalid request.
401         Invalid authentication information.
403         The request is rejected.
404         The requested resource is not found.
500         Internal service error.
=========== =====================================

Error Codes
-----------

See :ref:`Error Codes <errorcode>`.
"##;
}
