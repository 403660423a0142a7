//! Tables of an operation page that no reading takes into the spec, recognised for what they
//! are and reported with the reason, before the page's conservation check: tables of values
//! that document one row further ("tls_ciphers_policy parameter description": Security Policy |
//! TLS Version | Cipher Suite), tables of a prose section, and tables that describe a named
//! scalar type by a single stand-in row (`-`). Anything else left over stays unaccounted, and
//! the page fails.

use crate::doc_model::{DocCell, DocPage, DocTable};
use crate::import::page_index::LinkTarget;
use crate::import::sections::{label_before, section_role, SectionRole};
use crate::import::table_reader::{caption_names_row, TableReader};
use crate::import::type_words::parse_type_word;

/// Reports every table of the page that the readers left and that is one of the kinds above.
pub fn report_unreferenced_tables(reader: &mut TableReader<'_>, page: &DocPage) {
    for section in &page.sections {
        let role = section_role(&section.title);
        for table in crate::import::sections::section_tables(section) {
            if reader.is_table_accounted(page, table) {
                continue;
            }
            let columns = table.header.join(" | ");
            if matches!(
                role,
                SectionRole::Function | SectionRole::Constraints | SectionRole::Other
            ) {
                reader.report_table(
                    page,
                    table,
                    format!(
                        "a table ({columns}) of the {:?} section, which holds prose: not in the spec",
                        section.title
                    ),
                );
                continue;
            }
            if let Some((type_name, type_text)) = stand_in_scalar_type(table) {
                reader.report_table(
                    page,
                    table,
                    format!("describes {type_name} as a {type_text} (one stand-in row), and no row links to it: the rows of that type are typed by their own cells"),
                );
                continue;
            }
            if TableReader::is_parameter_table(table) {
                // A parameter table left over is a lost body or object: only a reading may
                // account for it.
                continue;
            }
            if let Some(row_name) = documented_row(reader, page, table) {
                reader.report_table(
                    page,
                    table,
                    format!("a table of values ({columns}) documenting row {row_name:?} further: prose the row's schema does not hold, not in the spec"),
                );
            }
        }
    }
}

/// `(caption, type)` of a table whose only row is a stand-in (`-`) of a scalar type: the
/// description of a named scalar such as Kubernetes' `Quantity` (a String).
fn stand_in_scalar_type(table: &DocTable) -> Option<(String, String)> {
    let [row] = table.rows.as_slice() else {
        return None;
    };
    let name = row.cells.first().map(DocCell::text)?;
    if !matches!(name.trim_matches('`'), "-" | "--" | "N/A") {
        return None;
    }
    let type_text = row.cells.get(table.column("Type")?).map(DocCell::text)?;
    parse_type_word(&type_text)?
        .is_scalar()
        .then(|| (table.display_name(), type_text))
}

/// The name of a row of a table the reader has taken that this table documents: a cell of the
/// row links to it, or its caption (or the label before it) names the row.
fn documented_row(reader: &TableReader<'_>, page: &DocPage, table: &DocTable) -> Option<String> {
    let label = table
        .caption
        .as_deref()
        .or_else(|| label_before(page, table));
    for (_, candidate) in page.tables() {
        if std::ptr::eq(candidate, table) || !reader.is_table_accounted(page, candidate) {
            continue;
        }
        for row in &candidate.rows {
            let Some(name) = row.cells.first().map(DocCell::text) else {
                continue;
            };
            let links_here = row.cells.iter().flat_map(DocCell::links).any(|link| {
                matches!(
                    reader.index.resolve(page, link),
                    Some(LinkTarget::Table(_, target)) if std::ptr::eq(target, table)
                )
            });
            let named = label.is_some_and(|label| caption_names_row(label, &name));
            if links_here || named {
                return Some(name);
            }
        }
    }
    None
}
