//! Every page of a service folder by the names links use for it and for its tables, so a row can
//! point to a table on another page ("see Table 3 in Querying Servers") and an operation page
//! to the general status code page it relies on.

use std::collections::HashMap;

use crate::doc_model::{DocLink, DocPage, DocTable};

/// The pages of one folder and their link targets.
#[derive(Debug)]
pub struct PageIndex<'pages> {
    pub pages: &'pages [DocPage],
    /// Page anchor (RST label before the title, HTML `<a name>`), file name and original name →
    /// page position.
    page_by_name: HashMap<String, usize>,
    /// Table anchor → (page position, table position among the page's tables).
    table_by_anchor: HashMap<String, (usize, usize)>,
}

/// What a link leads to.
#[derive(Debug, Clone, Copy)]
pub enum LinkTarget<'pages> {
    Page(&'pages DocPage),
    Table(&'pages DocPage, &'pages DocTable),
}

impl<'pages> PageIndex<'pages> {
    pub fn new(pages: &'pages [DocPage]) -> PageIndex<'pages> {
        let mut page_by_name = HashMap::new();
        let mut table_by_anchor = HashMap::new();
        for (page_position, page) in pages.iter().enumerate() {
            let names = [
                page.anchor.as_deref(),
                Some(page.file_name.as_str()),
                page.original_name.as_deref(),
            ];
            for name in names.into_iter().flatten() {
                page_by_name
                    .entry(name.to_ascii_lowercase())
                    .or_insert(page_position);
            }
            for (table_position, (_, table)) in page.tables().enumerate() {
                if let Some(anchor) = &table.anchor {
                    table_by_anchor
                        .entry(anchor.to_ascii_lowercase())
                        .or_insert((page_position, table_position));
                }
            }
        }
        PageIndex {
            pages,
            page_by_name,
            table_by_anchor,
        }
    }

    /// An index of one page, for importing a page on its own.
    pub fn single(pages: &'pages [DocPage]) -> PageIndex<'pages> {
        PageIndex::new(pages)
    }

    /// Where a link of `from` leads, when it leads to a page or table of this folder: `#anchor`
    /// within `from`, `page.html#anchor` and `page.html` in HTML, a label in RST.
    pub fn resolve(&self, from: &'pages DocPage, link: &DocLink) -> Option<LinkTarget<'pages>> {
        let target = link.target.trim();
        if target.contains("://") || target.starts_with("mailto:") {
            return None;
        }
        let (page_name, anchor) = match target.split_once('#') {
            Some((page_name, anchor)) => (page_name, Some(anchor)),
            None => (target, None),
        };
        if page_name.is_empty() {
            let anchor = anchor?;
            return from
                .tables()
                .find(|(_, table)| {
                    table
                        .anchor
                        .as_deref()
                        .is_some_and(|candidate| candidate.eq_ignore_ascii_case(anchor))
                })
                .map(|(_, table)| LinkTarget::Table(from, table));
        }
        // An RST label: a table's or a page's.
        if anchor.is_none() {
            if let Some(target) = self.table_by_label(page_name) {
                return Some(target);
            }
        }
        let page = self.page_named(page_name)?;
        match anchor {
            None => Some(LinkTarget::Page(page)),
            Some(anchor) => self
                .table_by_label(anchor)
                .filter(|target| matches!(target, LinkTarget::Table(owner, _) if std::ptr::eq(*owner, page)))
                .or(Some(LinkTarget::Page(page))),
        }
    }

    fn table_by_label(&self, label: &str) -> Option<LinkTarget<'pages>> {
        let (page_position, table_position) =
            *self.table_by_anchor.get(&label.to_ascii_lowercase())?;
        let page = &self.pages[page_position];
        let (_, table) = page.tables().nth(table_position)?;
        Some(LinkTarget::Table(page, table))
    }

    /// The page a name stands for: its anchor, its file name (with or without the folder) or
    /// its original name.
    pub fn page_named(&self, name: &str) -> Option<&'pages DocPage> {
        let name = name.trim().to_ascii_lowercase();
        let position = self.page_by_name.get(&name).copied().or_else(|| {
            self.pages.iter().position(|page| {
                page.file_name
                    .rsplit('/')
                    .next()
                    .is_some_and(|file| file.eq_ignore_ascii_case(&name))
            })
        })?;
        Some(&self.pages[position])
    }
}
