//! Conservation of an operation page: what became of each of its tables, table rows and code
//! blocks. A recogniser records each one as taken into the spec or reported (with a note that
//! says why it is not in the spec); at the end of the page, whatever is neither is an error, so
//! a reading that skips what it does not recognise fails loudly instead of losing it.
//!
//! Items are told apart by their place on the page (section and block index), never by their
//! caption, which several tables of a page often share.

use std::collections::BTreeSet;

use crate::doc_model::{DocBlock, DocPage, DocRow, DocTable, SourceLocation};

/// A block of a page: its section and its position among the section's blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BlockId {
    pub section: usize,
    pub block: usize,
}

/// What became of the tables, rows and code blocks of one page.
#[derive(Debug, Clone, Default)]
pub struct PageLedger {
    /// The page this ledger is of: tables of other pages that a row links to are read too,
    /// and are that page's business.
    file_name: String,
    accounted_blocks: BTreeSet<BlockId>,
    accounted_rows: BTreeSet<(BlockId, usize)>,
    /// Tables whose rows are each an item of their own (parameter, object and status tables);
    /// the rows of other accounted tables go with their table.
    tables_with_rows: BTreeSet<BlockId>,
    /// The accounted items that are reported (in the summary with a reason) rather than taken.
    reported_blocks: BTreeSet<BlockId>,
    reported_rows: BTreeSet<(BlockId, usize)>,
}

/// How many tables, rows and code blocks of a page are taken into the spec and how many are
/// reported; what is neither fails the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConservationCounts {
    pub tables_taken: usize,
    pub tables_reported: usize,
    /// Rows of the taken parameter and object tables (a reported table's rows go with it).
    pub rows_taken: usize,
    pub rows_reported: usize,
    pub code_blocks_taken: usize,
    pub code_blocks_reported: usize,
}

impl std::ops::AddAssign for ConservationCounts {
    fn add_assign(&mut self, other: ConservationCounts) {
        self.tables_taken += other.tables_taken;
        self.tables_reported += other.tables_reported;
        self.rows_taken += other.rows_taken;
        self.rows_reported += other.rows_reported;
        self.code_blocks_taken += other.code_blocks_taken;
        self.code_blocks_reported += other.code_blocks_reported;
    }
}

impl PageLedger {
    /// The ledger of the page of this file name.
    pub fn new(file_name: &str) -> PageLedger {
        PageLedger {
            file_name: file_name.to_owned(),
            ..PageLedger::default()
        }
    }

    fn is_own(&self, page: &DocPage) -> bool {
        page.file_name == self.file_name
    }

    /// Records a table of `page` as accounted for; `row_by_row` when each of its rows must be
    /// accounted for too. A table of another page is that page's business.
    pub fn account_table(&mut self, page: &DocPage, table: &DocTable, row_by_row: bool) {
        if !self.is_own(page) {
            return;
        }
        if let Some(id) = table_id(page, table) {
            self.accounted_blocks.insert(id);
            if row_by_row {
                self.tables_with_rows.insert(id);
            }
        }
    }

    /// Records one row of a table of `page` as accounted for.
    pub fn account_row(&mut self, page: &DocPage, table: &DocTable, row: &DocRow) {
        if !self.is_own(page) {
            return;
        }
        if let Some(id) = table_id(page, table) {
            self.accounted_rows.insert((id, row.row_number));
        }
    }

    /// Records a code block of `page` (borrowed from the page) as accounted for.
    pub fn account_code_block(&mut self, page: &DocPage, block: &DocBlock) {
        if !self.is_own(page) {
            return;
        }
        if let Some(id) = block_id(page, block) {
            self.accounted_blocks.insert(id);
        }
    }

    /// Records an accounted table, row or code block as reported rather than taken.
    pub fn mark_table_reported(&mut self, page: &DocPage, table: &DocTable) {
        if let (true, Some(id)) = (self.is_own(page), table_id(page, table)) {
            self.reported_blocks.insert(id);
        }
    }

    pub fn mark_row_reported(&mut self, page: &DocPage, table: &DocTable, row: &DocRow) {
        if let (true, Some(id)) = (self.is_own(page), table_id(page, table)) {
            self.reported_rows.insert((id, row.row_number));
        }
    }

    pub fn mark_code_block_reported(&mut self, page: &DocPage, block: &DocBlock) {
        if let (true, Some(id)) = (self.is_own(page), block_id(page, block)) {
            self.reported_blocks.insert(id);
        }
    }

    /// The page's counts of taken and reported items.
    pub fn counts(&self, page: &DocPage) -> ConservationCounts {
        let mut counts = ConservationCounts::default();
        for (section_index, section) in page.sections.iter().enumerate() {
            for (block_index, block) in section.blocks.iter().enumerate() {
                let id = BlockId {
                    section: section_index,
                    block: block_index,
                };
                if !self.accounted_blocks.contains(&id) {
                    continue;
                }
                let reported = self.reported_blocks.contains(&id);
                match block {
                    DocBlock::Table(table) => {
                        if reported {
                            counts.tables_reported += 1;
                            continue;
                        }
                        counts.tables_taken += 1;
                        if self.tables_with_rows.contains(&id) {
                            for row in &table.rows {
                                if self.reported_rows.contains(&(id, row.row_number)) {
                                    counts.rows_reported += 1;
                                } else if self.accounted_rows.contains(&(id, row.row_number)) {
                                    counts.rows_taken += 1;
                                }
                            }
                        }
                    }
                    DocBlock::Preformatted(_) if reported => counts.code_blocks_reported += 1,
                    DocBlock::Preformatted(_) => counts.code_blocks_taken += 1,
                    DocBlock::Paragraph(_) => {}
                }
            }
        }
        counts
    }

    /// Whether a table of `page` is accounted for.
    pub fn is_table_accounted(&self, page: &DocPage, table: &DocTable) -> bool {
        self.is_own(page)
            && table_id(page, table).is_some_and(|id| self.accounted_blocks.contains(&id))
    }

    /// Whether a code block of `page` is accounted for.
    pub fn is_code_block_accounted(&self, page: &DocPage, block: &DocBlock) -> bool {
        self.is_own(page)
            && block_id(page, block).is_some_and(|id| self.accounted_blocks.contains(&id))
    }

    /// A table that repeats an accounted table of the page (the same header and rows; doc-exports
    /// pages repeat an object's table under each status that returns it, or as a table of its
    /// own beside the body it is, and the links of every copy lead to the first) is accounted for
    /// with it: its content is in the spec once.
    pub fn account_repeated_tables(&mut self, page: &DocPage) {
        let tables: Vec<(BlockId, &DocTable)> = page
            .sections
            .iter()
            .enumerate()
            .flat_map(|(section_index, section)| {
                section.blocks.iter().enumerate().filter_map(
                    move |(block_index, block)| match block {
                        DocBlock::Table(table) => Some((
                            BlockId {
                                section: section_index,
                                block: block_index,
                            },
                            table,
                        )),
                        _ => None,
                    },
                )
            })
            .collect();
        for (id, table) in &tables {
            if self.accounted_blocks.contains(id) {
                continue;
            }
            let repeats = tables.iter().any(|(other_id, other)| {
                other_id != id
                    && self.accounted_blocks.contains(other_id)
                    && other.header == table.header
                    && other.rows == table.rows
            });
            if repeats {
                self.accounted_blocks.insert(*id);
            }
        }
    }

    /// Every table, row of a row-by-row table and code block of the page that is neither taken
    /// nor reported, with its location and what it is.
    pub fn unaccounted(&self, page: &DocPage) -> Vec<(SourceLocation, String)> {
        let mut missing = Vec::new();
        let mut table_number = 0;
        for (section_index, section) in page.sections.iter().enumerate() {
            for (block_index, block) in section.blocks.iter().enumerate() {
                let id = BlockId {
                    section: section_index,
                    block: block_index,
                };
                match block {
                    DocBlock::Table(table) => {
                        table_number += 1;
                        if !self.accounted_blocks.contains(&id) {
                            missing.push((
                                SourceLocation::table(&page.file_name, table),
                                format!("table (table {table_number} of the page)"),
                            ));
                            continue;
                        }
                        if !self.tables_with_rows.contains(&id) {
                            continue;
                        }
                        for row in &table.rows {
                            if !self.accounted_rows.contains(&(id, row.row_number)) {
                                let name = row
                                    .cells
                                    .first()
                                    .map(crate::doc_model::DocCell::text)
                                    .unwrap_or_default();
                                missing.push((
                                    SourceLocation::row(&page.file_name, table, row, &name),
                                    format!("row (of table {table_number} of the page)"),
                                ));
                            }
                        }
                    }
                    DocBlock::Preformatted(_) => {
                        if !self.accounted_blocks.contains(&id) {
                            missing.push((
                                SourceLocation {
                                    table: Some(format!(
                                        "{} section, code block {}",
                                        section.title,
                                        code_block_number(section, block_index)
                                    )),
                                    ..SourceLocation::page(&page.file_name)
                                },
                                "code block".to_owned(),
                            ));
                        }
                    }
                    DocBlock::Paragraph(_) => {}
                }
            }
        }
        missing
    }
}

/// The 1-based number of a code block among its section's code blocks.
pub fn code_block_number(section: &crate::doc_model::DocSection, block_index: usize) -> usize {
    section.blocks[..=block_index.min(section.blocks.len().saturating_sub(1))]
        .iter()
        .filter(|block| matches!(block, DocBlock::Preformatted(_)))
        .count()
}

/// The place of a table on its page, found by identity (the table borrowed from the page).
pub fn table_id(page: &DocPage, table: &DocTable) -> Option<BlockId> {
    find_block(
        page,
        |block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, table)),
    )
}

/// The place of a block on its page, found by identity (the block borrowed from the page; two
/// empty code blocks share their text's address, never their own).
pub fn block_id(page: &DocPage, block: &DocBlock) -> Option<BlockId> {
    find_block(page, |candidate| std::ptr::eq(candidate, block))
}

fn find_block(page: &DocPage, is_it: impl Fn(&DocBlock) -> bool) -> Option<BlockId> {
    page.sections
        .iter()
        .enumerate()
        .find_map(|(section_index, section)| {
            section
                .blocks
                .iter()
                .position(&is_it)
                .map(|block_index| BlockId {
                    section: section_index,
                    block: block_index,
                })
        })
}
