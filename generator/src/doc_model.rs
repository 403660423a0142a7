//! The doc model: what an API reference page says, independent of the markup it was written in.
//!
//! Every front end (HTML today, RST next) produces a [`DocPage`]; everything after this model
//! (type words, constraints, status codes, examples) is shared and written once.

use std::fmt;

/// One documentation page, as read by a front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPage {
    /// The page's file name relative to its source folder, used in every diagnostic.
    pub file_name: String,
    /// The page's anchor (`<a name="…">` in HTML, the label before the title in RST), which
    /// links from other pages name it by.
    pub anchor: Option<String>,
    /// The name of the HTML file the page was exported as: the file name of an HTML page, the
    /// `:original_name:` field of an RST page converted from one.
    pub original_name: Option<String>,
    /// The `h1` title.
    pub title: String,
    /// Sections in page order; text before the first section title lives in a section with an
    /// empty title.
    pub sections: Vec<DocSection>,
    /// The "Parent topic" link at the end of the page, when the page has one.
    pub parent_topic: Option<DocLink>,
}

/// A titled section ("Function", "URI", "Request Parameters", …) and its blocks in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSection {
    pub title: String,
    pub blocks: Vec<DocBlock>,
}

/// The content of a section, in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocBlock {
    /// A paragraph (or list item) of running text.
    Paragraph(DocLine),
    /// A table, with or without caption.
    Table(DocTable),
    /// A preformatted block (`<pre>` / `code-block`), kept verbatim.
    Preformatted(String),
}

/// A table as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTable {
    /// The caption without its "Table N" label: "Path Parameters", "CreateLoadBalancerOption".
    pub caption: Option<String>,
    /// The anchor other cells link to (`id` in HTML, the label before the table in RST).
    pub anchor: Option<String>,
    /// Header cells' text.
    pub header: Vec<String>,
    pub rows: Vec<DocRow>,
}

/// One body row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    /// 1-based row number among the table's body rows, used in diagnostics.
    pub row_number: usize,
    pub cells: Vec<DocCell>,
}

/// One table cell: its lines of text (one per paragraph or list item).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocCell {
    pub lines: Vec<DocLine>,
}

/// One line of text: a paragraph or a list item, with the links in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocLine {
    pub text: String,
    pub is_list_item: bool,
    /// The emphasized text the line starts with (`<strong>` / `**…**`), which enumeration lists
    /// use for the value itself.
    pub leading_emphasis: Option<String>,
    /// The links in the line, in order: to a table of the page (`#anchor`), to another page
    /// (its file name in HTML, its label in RST) or to a URL.
    pub links: Vec<DocLink>,
}

/// A link: its target (a page file name, or `#anchor` within the page) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    pub target: String,
    pub text: String,
}

impl DocCell {
    /// The cell's lines joined by newlines, as one trimmed string.
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(|line| line.text.as_str()).collect();
        lines.join("\n").trim().to_owned()
    }

    /// Every link in the cell, line by line.
    pub fn links(&self) -> impl Iterator<Item = &DocLink> {
        self.lines.iter().flat_map(|line| &line.links)
    }

    /// A cell holding plain text, for tests and overrides.
    pub fn from_text(text: &str) -> DocCell {
        DocCell {
            lines: text
                .lines()
                .map(|line| DocLine {
                    text: line.to_owned(),
                    ..DocLine::default()
                })
                .collect(),
        }
    }
}

impl DocTable {
    /// The index of the header column with this name, compared case-insensitively.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|header| header.trim().eq_ignore_ascii_case(name))
    }

    /// How the table is named in diagnostics: its caption, or its anchor, or its header.
    pub fn display_name(&self) -> String {
        match (&self.caption, &self.anchor) {
            (Some(caption), _) => caption.clone(),
            (None, Some(anchor)) => format!("#{anchor}"),
            (None, None) => format!("untitled table ({})", self.header.join(" | ")),
        }
    }
}

impl DocPage {
    /// The first section with this title, compared case-insensitively.
    pub fn section(&self, title: &str) -> Option<&DocSection> {
        self.sections
            .iter()
            .find(|section| section.title.trim().eq_ignore_ascii_case(title))
    }

    /// Every table on the page, with the section it belongs to.
    pub fn tables(&self) -> impl Iterator<Item = (&DocSection, &DocTable)> {
        self.sections.iter().flat_map(|section| {
            section.blocks.iter().filter_map(move |block| match block {
                DocBlock::Table(table) => Some((section, table)),
                _ => None,
            })
        })
    }
}

/// Where in the documentation something was found: file, table and row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct SourceLocation {
    pub file_name: String,
    pub table: Option<String>,
    pub row_number: Option<usize>,
    pub parameter: Option<String>,
}

impl SourceLocation {
    pub fn page(file_name: &str) -> SourceLocation {
        SourceLocation {
            file_name: file_name.to_owned(),
            ..SourceLocation::default()
        }
    }

    pub fn table(file_name: &str, table: &DocTable) -> SourceLocation {
        SourceLocation {
            file_name: file_name.to_owned(),
            table: Some(table.display_name()),
            ..SourceLocation::default()
        }
    }

    pub fn row(file_name: &str, table: &DocTable, row: &DocRow, parameter: &str) -> SourceLocation {
        SourceLocation {
            file_name: file_name.to_owned(),
            table: Some(table.display_name()),
            row_number: Some(row.row_number),
            parameter: (!parameter.is_empty()).then(|| parameter.to_owned()),
        }
    }
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.file_name)?;
        if let Some(table) = &self.table {
            write!(formatter, ", table \"{table}\"")?;
        }
        if let Some(row_number) = self.row_number {
            write!(formatter, ", row {row_number}")?;
        }
        if let Some(parameter) = &self.parameter {
            write!(formatter, " ({parameter})")?;
        }
        Ok(())
    }
}
