//! The HTML front end: doc-exports pages (one operation per page) into the doc model.
//!
//! The pages are parsed with `scraper` (html5ever), so markup quirks are handled the way a
//! browser handles them; nothing here matches HTML with regular expressions.

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Node};

use crate::doc_model::{
    DocBlock, DocCell, DocLine, DocLink, DocPage, DocRow, DocSection, DocTable,
};

/// Reads one doc-exports HTML page into the doc model.
///
/// Parsing HTML never fails (a browser shows every page); whether the page is an operation
/// page the importer can understand is decided later, with diagnostics.
pub fn parse_html_page(file_name: &str, html_text: &str) -> DocPage {
    let document = Html::parse_document(html_text);
    let mut reader = PageReader {
        page: DocPage {
            file_name: file_name.to_owned(),
            anchor: None,
            original_name: file_name.rsplit('/').next().map(str::to_owned),
            title: String::new(),
            sections: vec![DocSection {
                title: String::new(),
                blocks: Vec::new(),
            }],
            parent_topic: None,
        },
    };
    reader.read_container(document.root_element(), 0);
    // The untitled leading section is kept only when it holds something.
    if reader.page.sections[0].blocks.is_empty() {
        reader.page.sections.remove(0);
    }
    reader.page
}

/// Elements nested deeper than this are read as plain text, so that no page can make the reader
/// recurse without bound (real pages nest about 15 deep; found by the `html_page_import` fuzz
/// regression test of deep nesting, which overflowed the stack).
const MAX_NESTING_DEPTH: usize = 100;

struct PageReader {
    page: DocPage,
}

impl PageReader {
    fn current_section(&mut self) -> &mut DocSection {
        self.page
            .sections
            .last_mut()
            .expect("the page always has a section to append to")
    }

    fn read_container(&mut self, element: ElementRef<'_>, depth: usize) {
        if depth > MAX_NESTING_DEPTH {
            let text = normalize_whitespace(&element.text().collect::<String>());
            if !text.is_empty() {
                self.current_section()
                    .blocks
                    .push(DocBlock::Paragraph(DocLine {
                        text,
                        is_list_item: false,
                        leading_emphasis: None,
                        links: Vec::new(),
                    }));
            }
            return;
        }
        for child in element.children() {
            match child.value() {
                Node::Text(text) => {
                    let text = normalize_whitespace(text);
                    if !text.is_empty() {
                        self.current_section()
                            .blocks
                            .push(DocBlock::Paragraph(DocLine {
                                text,
                                is_list_item: false,
                                leading_emphasis: None,
                                links: Vec::new(),
                            }));
                    }
                }
                Node::Element(_) => {
                    let child_element = ElementRef::wrap(child).expect("an element node");
                    self.read_element(child_element, depth);
                }
                _ => {}
            }
        }
    }

    fn read_element(&mut self, element: ElementRef<'_>, depth: usize) {
        let name = element.value().name();
        let class = element.value().attr("class").unwrap_or_default();
        match name {
            "script" | "style" | "head" => {}
            "a" if element.value().attr("name").is_some() && self.page.anchor.is_none() => {
                self.page.anchor = element.value().attr("name").map(str::to_owned);
            }
            "h1" if self.page.title.is_empty() => {
                self.page.title = normalize_whitespace(&element.text().collect::<String>());
            }
            "h4" | "h3" | "h2" if class.split_whitespace().any(|c| c == "sectiontitle") => {
                self.page.sections.push(DocSection {
                    title: normalize_whitespace(&element.text().collect::<String>()),
                    blocks: Vec::new(),
                });
            }
            "div" if class.split_whitespace().any(|c| c == "familylinks") => {
                let parent_link = element
                    .descendent_elements()
                    .filter(|descendant| descendant.value().attr("class") == Some("parentlink"))
                    .flat_map(|parent| parent.descendent_elements())
                    .find(|descendant| descendant.value().name() == "a");
                if let Some(link) = parent_link {
                    self.page.parent_topic = Some(DocLink {
                        target: link.value().attr("href").unwrap_or_default().to_owned(),
                        text: normalize_whitespace(&link.text().collect::<String>()),
                    });
                }
            }
            "table" => {
                let table = read_table(element, depth);
                self.current_section().blocks.push(DocBlock::Table(table));
            }
            "pre" => {
                let text: String = element.text().collect();
                self.current_section()
                    .blocks
                    .push(DocBlock::Preformatted(text));
            }
            _ if is_text_block(element) => {
                let mut lines = Vec::new();
                read_cell_content(element, false, &mut lines, depth);
                for line in lines {
                    self.current_section()
                        .blocks
                        .push(DocBlock::Paragraph(line));
                }
            }
            _ => self.read_container(element, depth + 1),
        }
    }
}

/// A block that holds only inline content: read as lines of text, not recursed into as a
/// container of sections and tables.
fn is_text_block(element: ElementRef<'_>) -> bool {
    matches!(element.value().name(), "p" | "ul" | "ol" | "li" | "dl")
        && !element
            .descendent_elements()
            .any(|descendant| matches!(descendant.value().name(), "table" | "pre" | "h4"))
}

fn read_table(table: ElementRef<'_>, depth: usize) -> DocTable {
    let caption = table
        .descendent_elements()
        .find(|element| element.value().name() == "caption")
        .map(|caption| {
            strip_table_label(&normalize_whitespace(&caption.text().collect::<String>()))
        })
        .filter(|caption| !caption.is_empty());
    let mut header = Vec::new();
    let mut rows = Vec::new();
    // Cells of earlier rows that span down into later ones, by column: (rows still to fill,
    // cell). A map, not a list searched per column: a row of thousands of spanning cells made
    // every later row quadratic (found by a fuzz regression test).
    let mut pending_row_spans: BTreeMap<usize, (usize, DocCell)> = BTreeMap::new();
    for (row, in_header) in own_rows(table) {
        let cells: Vec<ElementRef<'_>> = row
            .child_elements()
            .filter(|cell| matches!(cell.value().name(), "td" | "th"))
            .collect();
        let all_header_cells = cells.iter().all(|cell| cell.value().name() == "th");
        if (in_header || all_header_cells) && header.is_empty() && rows.is_empty() {
            header = cells
                .iter()
                .map(|cell| normalize_whitespace(&cell.text().collect::<String>()))
                .collect();
            continue;
        }
        let cells = place_spanned_cells(&cells, &mut pending_row_spans, depth);
        rows.push(DocRow {
            row_number: rows.len() + 1,
            cells,
        });
    }
    DocTable {
        caption,
        anchor: table.value().attr("id").map(str::to_owned),
        header,
        rows,
    }
}

/// Lays a row's cells out on the table's grid: a cell spanning rows (`rowspan`) is repeated in
/// the rows below it and a cell spanning columns (`colspan`) fills its first column, the others
/// staying empty, so every row has one cell per column (the RST front end does the same).
fn place_spanned_cells(
    cells: &[ElementRef<'_>],
    pending_row_spans: &mut BTreeMap<usize, (usize, DocCell)>,
    depth: usize,
) -> Vec<DocCell> {
    let mut placed: Vec<DocCell> = Vec::new();
    let mut remaining = cells.iter();
    loop {
        let column = placed.len();
        if let Some((rows_left, cell)) = pending_row_spans.get_mut(&column) {
            placed.push(cell.clone());
            *rows_left -= 1;
            if *rows_left == 0 {
                pending_row_spans.remove(&column);
            }
            continue;
        }
        let Some(cell) = remaining.next() else {
            break;
        };
        let mut doc_cell = DocCell::default();
        read_cell_content(*cell, false, &mut doc_cell.lines, depth + 1);
        let span = |name: &str| {
            cell.value()
                .attr(name)
                .and_then(|value| value.trim().parse::<usize>().ok())
                .filter(|span| (1..=1000).contains(span))
                .unwrap_or(1)
        };
        let (row_span, column_span) = (span("rowspan"), span("colspan"));
        if row_span > 1 {
            // A column holds one pending span at most: a new cell lands in a column only when
            // no span from above fills it.
            pending_row_spans.insert(column, (row_span - 1, doc_cell.clone()));
        }
        placed.push(doc_cell);
        for _ in 1..column_span {
            placed.push(DocCell::default());
        }
    }
    placed
}

/// The table's own rows, each with whether it is in the table head: the rows of its row groups
/// (html5ever puts every row in one) or, in a tree built otherwise, its child rows. Rows of a
/// nested table belong to the nested table. Walking children, not every descendant with a
/// walk up to its nearest table, keeps deeply nested tables linear instead of quadratic in the
/// depth (seen while writing the deep nesting fuzz regression test).
fn own_rows(table: ElementRef<'_>) -> Vec<(ElementRef<'_>, bool)> {
    let is_row = |element: &ElementRef<'_>| element.value().name() == "tr";
    let mut rows = Vec::new();
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => rows.push((child, false)),
            group @ ("thead" | "tbody" | "tfoot") => rows.extend(
                child
                    .child_elements()
                    .filter(is_row)
                    .map(|row| (row, group == "thead")),
            ),
            _ => {}
        }
    }
    rows
}

/// Reads the text of a cell (or a paragraph) as lines: one per paragraph or list item, with
/// inline markup flattened and the links of each line collected.
fn read_cell_content(
    element: ElementRef<'_>,
    in_list_item: bool,
    lines: &mut Vec<DocLine>,
    depth: usize,
) {
    let mut pending = InlineText::default();
    if depth > MAX_NESTING_DEPTH {
        pending.push_inline(element);
        pending.flush_into(lines, in_list_item);
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => pending.push_text(text),
            Node::Element(child_value) => {
                let child_element = ElementRef::wrap(child).expect("an element node");
                match child_value.name() {
                    "p" | "div" | "ul" | "ol" | "dl" | "dd" | "dt" | "pre" | "table" | "tr"
                    | "td" | "th" | "tbody" | "thead" => {
                        pending.flush_into(lines, in_list_item);
                        read_cell_content(child_element, in_list_item, lines, depth + 1);
                    }
                    "li" => {
                        pending.flush_into(lines, in_list_item);
                        read_cell_content(child_element, true, lines, depth + 1);
                    }
                    "br" => pending.flush_into(lines, in_list_item),
                    _ => pending.push_inline(child_element),
                }
            }
            _ => {}
        }
    }
    pending.flush_into(lines, in_list_item);
}

/// Inline text being gathered for one line.
#[derive(Default)]
struct InlineText {
    text: String,
    leading_emphasis: Option<String>,
    links: Vec<DocLink>,
}

impl InlineText {
    fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn push_inline(&mut self, element: ElementRef<'_>) {
        let text: String = element.text().collect();
        let is_emphasis = matches!(element.value().name(), "strong" | "b");
        if is_emphasis && self.text.trim().is_empty() && self.leading_emphasis.is_none() {
            self.leading_emphasis = Some(normalize_whitespace(&text));
        }
        if element.value().name() == "a" {
            if let Some(target) = element.value().attr("href") {
                self.links.push(DocLink {
                    target: target.to_owned(),
                    text: normalize_whitespace(&text),
                });
            }
        }
        // `descendent_elements` starts with the element itself, already handled above.
        for nested in element.descendent_elements().skip(1) {
            if nested.value().name() == "a" {
                if let Some(target) = nested.value().attr("href") {
                    self.links.push(DocLink {
                        target: target.to_owned(),
                        text: normalize_whitespace(&nested.text().collect::<String>()),
                    });
                }
            }
        }
        self.text.push_str(&text);
    }

    fn flush_into(&mut self, lines: &mut Vec<DocLine>, is_list_item: bool) {
        let text = normalize_whitespace(&self.text);
        let leading_emphasis = self.leading_emphasis.take();
        let links = std::mem::take(&mut self.links);
        self.text.clear();
        if !text.is_empty() {
            lines.push(DocLine {
                text,
                is_list_item,
                leading_emphasis,
                links,
            });
        }
    }
}

/// Drops the "Table N" label doc-exports puts in front of every caption.
fn strip_table_label(caption: &str) -> String {
    let Some(rest) = caption.strip_prefix("Table") else {
        return caption.to_owned();
    };
    let rest = rest.trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return caption.to_owned();
    }
    rest[digits..].trim().to_owned()
}

/// Collapses runs of whitespace (including non-breaking spaces) into one space and trims.
pub fn normalize_whitespace(text: &str) -> String {
    // Written into one buffer: this runs on every text node of every page.
    let mut normalized = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|word| !word.is_empty())
    {
        if !normalized.is_empty() {
            normalized.push(' ');
        }
        normalized.push_str(word);
    }
    normalized
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_lose_their_table_label() {
        assert_eq!(strip_table_label("Table 12 PageInfo"), "PageInfo");
        assert_eq!(strip_table_label("Path Parameters"), "Path Parameters");
        assert_eq!(
            strip_table_label("Tables of contents"),
            "Tables of contents"
        );
    }

    #[test]
    fn cell_lines_keep_paragraphs_list_items_and_leading_emphasis() {
        let page = parse_html_page(
            "inline.html",
            r##"<div class="section"><h4 class="sectiontitle">URI</h4>
            <table id="t"><caption><b>Table 1 </b>Query Parameters</caption>
            <thead><tr><th><p>Parameter</p></th><th><p>Type</p></th></tr></thead>
            <tbody><tr><td><p>mode</p></td><td><p>Mode. Value options:</p>
            <ul><li><p><strong>HTTP</strong>: plain</p></li><li><p><strong>HTTPS</strong></p></li></ul>
            <p>See <a href="#x">X object</a>.</p></td></tr></tbody></table></div>"##,
        );
        let (_, table) = page.tables().next().expect("one table");
        assert_eq!(table.caption.as_deref(), Some("Query Parameters"));
        assert_eq!(table.header, ["Parameter", "Type"]);
        let cell = &table.rows[0].cells[1];
        let lines: Vec<(&str, bool, Option<&str>)> = cell
            .lines
            .iter()
            .map(|line| {
                (
                    line.text.as_str(),
                    line.is_list_item,
                    line.leading_emphasis.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                ("Mode. Value options:", false, None),
                ("HTTP: plain", true, Some("HTTP")),
                ("HTTPS", true, Some("HTTPS")),
                ("See X object.", false, None),
            ]
        );
        assert_eq!(
            cell.links().next().map(|link| link.target.as_str()),
            Some("#x")
        );
    }

    #[test]
    fn spanned_cells_fill_the_grid() {
        let page = parse_html_page(
            "spans.html",
            r#"<table><thead><tr><th>Module</th><th>Status Code</th><th>Error Code</th></tr></thead>
            <tbody><tr><td rowspan="2">Public</td><td>400</td><td>A</td></tr>
            <tr><td>401</td><td>B</td></tr>
            <tr><td colspan="2">wide</td><td>C</td></tr></tbody></table>"#,
        );
        let (_, table) = page.tables().next().expect("one table");
        let texts: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| row.cells.iter().map(DocCell::text).collect())
            .collect();
        assert_eq!(
            texts,
            [
                ["Public", "400", "A"],
                ["Public", "401", "B"],
                ["wide", "", "C"]
            ]
        );
    }
}
