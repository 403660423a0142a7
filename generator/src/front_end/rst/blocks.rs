//! The block parser of the RST front end: a container's lines into blocks (section titles,
//! labels, paragraphs, lists, tables, literal blocks), with inline markup left raw.
//!
//! Reading is line and column based: each container (list item, directive body, table cell) is
//! cut out of its lines by indentation or by table borders and read again by the same reader.
//! Inline markup waits for the page builder, which flattens it once every label of the page is
//! known.

use std::borrow::Cow;

use super::inline::{is_escaped, unescape};
use super::lines::{
    indented_block_end, line_range, literal_text, remove_common_indentation, remove_indentation,
    SourceLine,
};
use super::tables::{
    is_grid_table_top_border, is_simple_table_top_border, scan_grid_table, scan_simple_table,
    ParsedTable,
};
use super::RstError;

/// Containers nested deeper than this are read as plain paragraphs, so that no input can make
/// the reader recurse without bound.
const MAX_NESTING_DEPTH: usize = 32;

/// What the reader makes of the lines: the page's structure, with inline markup still raw.
#[derive(Debug, Clone)]
pub(super) enum Block {
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
    Table(ParsedTable<Block>),
    /// A literal block or code block, verbatim.
    Literal(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Bullet(char),
    Enumerated,
}

/// Reads a page's lines, and the lines of every container in it, into blocks.
pub(super) struct BlockReader<'a> {
    /// The page's file name, for diagnostics.
    pub(super) file_name: &'a str,
}

impl BlockReader<'_> {
    /// Reads a container's lines (indentation already removed) into blocks.
    pub(super) fn read_blocks(
        &self,
        lines: &[SourceLine],
        depth: usize,
    ) -> Result<Vec<Block>, RstError> {
        if depth > MAX_NESTING_DEPTH {
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
            let first_text_columns = first_text.chars().count();
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
            // The item's body is aligned with the text after the bullet; lines indented deeper
            // than that keep the rest of their indentation, so a directive on the bullet line
            // (`-  .. code-block:: text`) keeps the body indented under it.
            let rest = line_range(lines, position + 1, end);
            let content_column = line.text.chars().count().saturating_sub(first_text_columns);
            let common_indentation = rest
                .iter()
                .filter(|rest_line| !rest_line.is_blank())
                .map(SourceLine::indentation)
                .min()
                .unwrap_or(0);
            let strip = if first_text_columns == 0 {
                common_indentation
            } else {
                common_indentation.min(content_column.max(1))
            };
            item_lines.extend(remove_indentation(rest, strip));
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

    /// A grid table; each cell is a container of its own, read one level deeper.
    fn read_grid_table(
        &self,
        lines: &[SourceLine],
        position: usize,
        depth: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<usize, RstError> {
        let read_cell = |cell: &[SourceLine]| self.read_blocks(cell, depth + 1);
        let (table, end) = scan_grid_table(self.file_name, lines, position, read_cell)?;
        blocks.push(Block::Table(table));
        Ok(end)
    }

    /// A simple table; each cell is a container of its own, read one level deeper.
    fn read_simple_table(
        &self,
        lines: &[SourceLine],
        position: usize,
        depth: usize,
        blocks: &mut Vec<Block>,
    ) -> Result<usize, RstError> {
        let read_cell = |cell: &[SourceLine]| self.read_blocks(cell, depth + 1);
        let Some((table, end)) = scan_simple_table(self.file_name, lines, position, read_cell)?
        else {
            return Ok(position + 1);
        };
        blocks.push(Block::Table(table));
        Ok(end)
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

#[cfg(test)]
mod tests {
    use crate::doc_model::DocBlock;
    use crate::front_end::rst::test_support::{paragraphs, parse};

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
}
