//! The page builder of the RST front end: blocks into the doc model, with inline markup
//! flattened.
//!
//! It runs once the whole page is read, so that every label of the page is known before any text
//! is flattened: links to tables further down the page resolve, and a label names the title,
//! table or list item that follows it.

use crate::doc_model::{DocBlock, DocCell, DocLine, DocPage, DocRow, DocSection, DocTable};
use crate::front_end::html::normalize_whitespace;

use super::blocks::Block;
use super::inline::{flatten_inline, Labels};
use super::tables::ParsedTable;

/// The doc model of a page from its blocks, with the labels of all of them collected first.
pub(super) fn build_page(
    file_name: &str,
    original_name: Option<String>,
    blocks: &[Block],
) -> DocPage {
    let mut labels = Labels::default();
    add_labels(&mut labels, blocks);
    let mut builder = PageBuilder {
        labels: &labels,
        page: DocPage {
            file_name: file_name.to_owned(),
            anchor: None,
            original_name,
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
    builder.add_blocks(blocks, false);
    let mut page = builder.page;
    // The untitled leading section is kept only when it holds something, as in HTML.
    if page
        .sections
        .first()
        .is_some_and(|section| section.title.is_empty() && section.blocks.is_empty())
    {
        page.sections.remove(0);
    }
    page
}

/// Adds every hyperlink target of the blocks to the labels, those in list items and table
/// cells too.
fn add_labels(labels: &mut Labels, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Label { name, url } => labels.add(name, url.as_deref()),
            Block::List { items } => items.iter().for_each(|item| add_labels(labels, item)),
            Block::Table(table) => table
                .header_rows
                .iter()
                .chain(&table.body_rows)
                .flatten()
                .for_each(|cell| add_labels(labels, cell)),
            Block::Heading { .. } | Block::Paragraph { .. } | Block::Literal(_) => {}
        }
    }
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

fn build_doc_table(
    table: &ParsedTable<Block>,
    anchor: Option<String>,
    labels: &Labels,
) -> DocTable {
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

#[cfg(test)]
mod tests {
    use crate::front_end::rst::test_support::{
        cell_lines, cell_links, paragraphs, parse, row_texts, tables,
    };

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
}
