//! The table scanners of the RST front end: grid and simple tables cut into cells along their
//! borders, the way docutils reads them.
//!
//! Cells hold paragraphs and lists, and those hold tables again, so reading a cell is the block
//! parser's work. The scanners know nothing of blocks: each cell holds what the caller's
//! `read_cell` makes of its lines (the block parser reads them with itself), so that tables
//! need only the line model and the block parser and the scanners do not depend on each other.

use std::collections::BTreeSet;

use super::lines::{line_range, remove_common_indentation, SourceLine};
use super::RstError;

/// A table laid out on its grid of columns: every row has one entry per column, each cell what
/// its lines were read into (the block parser's blocks).
///
/// A cell spanning columns is kept in its first column, the others it covers are empty; a body
/// cell spanning rows is repeated in each of them, so every row reads as a whole.
#[derive(Debug, Clone)]
pub(super) struct ParsedTable<Content> {
    /// The raw caption from the `table` directive.
    pub(super) caption: Option<String>,
    pub(super) header_rows: Vec<Vec<Vec<Content>>>,
    pub(super) body_rows: Vec<Vec<Vec<Content>>>,
}

// Not derived: a derived `Default` would want one of `Content` too, and an empty table has no
// cells.
impl<Content> Default for ParsedTable<Content> {
    fn default() -> Self {
        ParsedTable {
            caption: None,
            header_rows: Vec::new(),
            body_rows: Vec::new(),
        }
    }
}

/// A run of columns `start..end` on a table border.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ColumnRange {
    start: usize,
    end: usize,
}

/// Reads the grid table whose top border is at `position`: the table, and where its lines end.
/// `read_cell` reads each cell's lines, cut out of the table with their common indentation
/// removed.
pub(super) fn scan_grid_table<Content: Clone>(
    file_name: &str,
    lines: &[SourceLine],
    position: usize,
    mut read_cell: impl FnMut(&[SourceLine]) -> Result<Vec<Content>, RstError>,
) -> Result<(ParsedTable<Content>, usize), RstError> {
    let mut end = position;
    while lines
        .get(end)
        .is_some_and(|line| line.text.starts_with('+') || line.text.starts_with('|'))
    {
        end += 1;
    }
    let table = parse_grid_table(file_name, line_range(lines, position, end), &mut read_cell)?;
    Ok((table, end))
}

/// Reads a grid table the way docutils does: from each top-left corner, follow the border
/// right, down, left and up until it closes; each closed border is a cell. Row and column
/// boundaries are wherever some cell starts or ends, so spans need no special case.
fn parse_grid_table<Content: Clone>(
    file_name: &str,
    table_lines: &[SourceLine],
    read_cell: &mut impl FnMut(&[SourceLine]) -> Result<Vec<Content>, RstError>,
) -> Result<ParsedTable<Content>, RstError> {
    let border_width = table_lines
        .first()
        .map_or(0, |line| line.text.chars().count());
    for line in table_lines {
        let width = line.text.chars().count();
        if width != border_width {
            return Err(RstError::GridTableLineWidth {
                file_name: file_name.to_owned(),
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
                file_name: file_name.to_owned(),
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
                    file_name: file_name.to_owned(),
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
            file_name: file_name.to_owned(),
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
                    file_name: file_name.to_owned(),
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
        let content = read_cell(&remove_common_indentation(&content_lines))?;
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
///
/// Gives the table whose top border is at `position` and the index after its bottom border, or
/// `None` when there is no line at `position`. `read_cell` reads each cell's lines, cut out of
/// the table with their common indentation removed.
pub(super) fn scan_simple_table<Content: Clone>(
    file_name: &str,
    lines: &[SourceLine],
    position: usize,
    mut read_cell: impl FnMut(&[SourceLine]) -> Result<Vec<Content>, RstError>,
) -> Result<Option<(ParsedTable<Content>, usize)>, RstError> {
    let Some(top) = lines.get(position) else {
        return Ok(None);
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
                    file_name: file_name.to_owned(),
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
            file_name: file_name.to_owned(),
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
        header_rows: simple_table_rows(file_name, header_lines, &columns, &mut read_cell)?,
        body_rows: simple_table_rows(file_name, body_lines, &columns, &mut read_cell)?,
    };
    Ok(Some((table, bottom + 1)))
}

fn simple_table_rows<Content: Clone>(
    file_name: &str,
    lines: &[SourceLine],
    columns: &[ColumnRange],
    read_cell: &mut impl FnMut(&[SourceLine]) -> Result<Vec<Content>, RstError>,
) -> Result<Vec<Vec<Vec<Content>>>, RstError> {
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
            simple_table_row(file_name, row_lines, *span_underline, columns, read_cell)
        })
        .collect()
}

fn simple_table_row<Content: Clone>(
    file_name: &str,
    row_lines: &[&SourceLine],
    span_underline: Option<&SourceLine>,
    columns: &[ColumnRange],
    read_cell: &mut impl FnMut(&[SourceLine]) -> Result<Vec<Content>, RstError>,
) -> Result<Vec<Vec<Content>>, RstError> {
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
                    file_name: file_name.to_owned(),
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
        let content = read_cell(&remove_common_indentation(&cell_lines))?;
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

/// `+---+---+`: the top border of a grid table.
pub(super) fn is_grid_table_top_border(text: &str) -> bool {
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
pub(super) fn is_simple_table_top_border(text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use crate::front_end::rst::parse_rst_page;
    use crate::front_end::rst::test_support::{cell_lines, parse, row_texts, tables};

    fn check_error(rst: &str, expected: &str) {
        let error = parse_rst_page("broken.rst", rst).expect_err("the page is broken");
        assert_eq!(error.to_string(), expected);
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
}
