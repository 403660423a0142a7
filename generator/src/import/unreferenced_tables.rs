//! Tables of an operation page that no reading takes into the spec, recognised for what they
//! are and reported with the reason, before the page's conservation check: tables of values
//! that document one row further ("tls_ciphers_policy parameter description": Security Policy |
//! TLS Version | Cipher Suite), tables of a prose section, and tables that describe a named
//! scalar type by a single stand-in row (`-`), and tables of an example section that describe a
//! step of the example. Anything else left over stays unaccounted, and
//! the page fails.

use crate::doc_model::{DocCell, DocPage, DocTable};
use crate::import::page_index::LinkTarget;
use crate::import::sections::{label_before, section_role, SectionRole};
use crate::import::table_reader::{caption_names_row, TableReader};
use crate::import::type_words::{is_schema_name, parse_type_word};

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
            if matches!(
                role,
                SectionRole::ExampleRequest | SectionRole::ExampleResponse | SectionRole::Examples
            ) {
                // The tables and code blocks the operation's examples take are its own: a
                // table left in an example section describes a step of a longer example (the
                // request of another operation it calls first).
                reader.report_table(
                    page,
                    table,
                    format!(
                        "a table ({columns}) of the {:?} section, which the operation's tables do not describe: it documents a step of the example, not in the spec",
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
            if let Some(row_name) = documented_row(reader, page, table) {
                reader.report_table(
                    page,
                    table,
                    format!("a table ({columns}) documenting row {row_name:?} further, whose own type the page gives: prose the row's schema does not hold, not in the spec"),
                );
                continue;
            }
            if is_linked_from_prose(reader, page, table) {
                reader.report_table(
                    page,
                    table,
                    format!("a table ({columns}) the page's prose links to, not a row: reference information, not in the spec"),
                );
                continue;
            }
            if !TableReader::is_parameter_table(table) {
                reader.report_table(
                    page,
                    table,
                    format!("a table of values or reference information ({columns}): no parameter table (its first column names no parameter), and no row links to it: not in the spec"),
                );
                continue;
            }
            // A parameter table left over is a lost body or object: only a reading may account
            // for it, unless it plainly describes something else.
            if let Some(name) = unused_object_declaration(reader, page, table) {
                reader.report_table(
                    page,
                    table,
                    format!("declares the object {name}, which no row, link or type word of the page refers to (a doc error: the page does not say which field holds it): not in the spec"),
                );
                continue;
            }
            if let Some(field) = field_nothing_shows(page, table) {
                reader.report_table(
                    page,
                    table,
                    format!("documents a field {field:?} that no row of the page lists and no example shows (a leftover of another version of the page): not in the spec"),
                );
                continue;
            }
            if let Some(subject) = namesake_of_a_read_table(reader, page, table) {
                reader.report_table(
                    page,
                    table,
                    format!("another table captioned for {subject}: the page's examples show the fields of the one that is read, not this one's: not in the spec"),
                );
                continue;
            }
            if let Some((row_name, type_text)) = row_keeping_its_declared_type(reader, page, table)
            {
                reader.report_table(
                    page,
                    table,
                    format!("the table is captioned for row {row_name:?}, which the page types as {type_text:?}: the row keeps that type (the examples may widen it), and the table's rows are not in the spec"),
                );
                continue;
            }
            if let Some((row_name, case)) = case_of_a_map_row(reader, page, table) {
                reader.report_table(
                    page,
                    table,
                    format!("describes the keys of {row_name} for one case ({case}): {row_name} stays a map of any keys, and these keys are not in the spec"),
                );
                continue;
            }
            let describes_an_example = table.caption.as_deref().is_some_and(|caption| {
                caption
                    .to_ascii_lowercase()
                    .split(|character: char| !character.is_ascii_alphanumeric())
                    .any(|word| word == "example")
            });
            if describes_an_example {
                reader.report_table(
                    page,
                    table,
                    format!("describes the values of an example ({columns}), not the operation's fields: not in the spec"),
                );
            }
        }
    }
}

/// The field a table's caption (or label) names ("elastic_resource_pools parameters"), when no
/// row of the page has that name and no code block of the page shows it as a key.
fn field_nothing_shows(page: &DocPage, table: &DocTable) -> Option<String> {
    let label = table
        .caption
        .as_deref()
        .or_else(|| label_before(page, table))?;
    let field = label
        .split(|character: char| !(character.is_ascii_alphanumeric() || character == '_'))
        .find(|word| word.contains('_') || word.chars().any(|c| c.is_ascii_lowercase()))
        .filter(|word| caption_names_row(label, word))?;
    let is_a_row = page.tables().any(|(_, candidate)| {
        candidate
            .rows
            .iter()
            .any(|row| row.cells.first().is_some_and(|cell| cell.text() == field))
    });
    let quoted = format!("\"{field}\"");
    let is_shown = page
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .any(|block| matches!(block, crate::doc_model::DocBlock::Preformatted(text) if text.contains(&quoted)));
    (!is_a_row && !is_shown).then(|| field.to_owned())
}

/// What a caption or the label before a table names (`floating_ip`), lower case.
fn named_subject(page: &DocPage, table: &DocTable) -> Option<String> {
    let label = table
        .caption
        .as_deref()
        .or_else(|| label_before(page, table))?;
    Some(crate::import::table_reader::caption_subject(label).to_ascii_lowercase())
}

/// The subject of a table that another table of the page, which the reader has read, is
/// captioned for too.
fn namesake_of_a_read_table(
    reader: &TableReader<'_>,
    page: &DocPage,
    table: &DocTable,
) -> Option<String> {
    let subject = named_subject(page, table)?;
    let has_read_namesake = page.tables().any(|(_, candidate)| {
        !std::ptr::eq(candidate, table)
            && reader.is_table_accounted(page, candidate)
            && TableReader::is_parameter_table(candidate)
            && named_subject(page, candidate).as_deref() == Some(subject.as_str())
    });
    has_read_namesake.then_some(subject)
}

/// A row of a read table that the table's caption names (in the singular or plural) and that
/// the page types as something a table of fields cannot be: a scalar, an array of scalars, a
/// map (`export_locations | Array of strings` beside "Description of field export_location").
fn row_keeping_its_declared_type(
    reader: &TableReader<'_>,
    page: &DocPage,
    table: &DocTable,
) -> Option<(String, String)> {
    use crate::import::type_words::TypeWord;
    let label = table
        .caption
        .as_deref()
        .or_else(|| label_before(page, table))?;
    for (_, candidate) in page.tables() {
        if std::ptr::eq(candidate, table) || !reader.is_table_accounted(page, candidate) {
            continue;
        }
        let Some(type_column) = crate::import::table_reader::TYPE_COLUMNS
            .iter()
            .find_map(|name| candidate.column(name))
        else {
            continue;
        };
        for row in &candidate.rows {
            let (Some(name), Some(type_cell)) = (row.cells.first(), row.cells.get(type_column))
            else {
                continue;
            };
            let name = name.text();
            let type_text = type_cell.text();
            let keeps_its_type = match parse_type_word(&type_text) {
                Some(TypeWord::Map(_)) => true,
                Some(TypeWord::Array(element)) => element.is_scalar(),
                Some(word) => word.is_scalar(),
                None => false,
            };
            if keeps_its_type
                && crate::import::table_reader::caption_names_row_loosely(label, &name)
            {
                return Some((name, type_text));
            }
        }
    }
    None
}

/// A table captioned like a read table with a case in front ("DWS connection parameters" beside
/// "Connection parameters") whose read table has a map row (`config | Map<String,String>`, the
/// keys of which vary by case): `(row, case)`.
fn case_of_a_map_row(
    reader: &TableReader<'_>,
    page: &DocPage,
    table: &DocTable,
) -> Option<(String, String)> {
    use crate::import::type_words::TypeWord;
    let caption = table.caption.as_deref()?.trim().to_owned();
    for (_, candidate) in page.tables() {
        if std::ptr::eq(candidate, table) || !reader.is_table_accounted(page, candidate) {
            continue;
        }
        let Some(candidate_caption) = candidate.caption.as_deref().map(str::trim) else {
            continue;
        };
        let lower = caption.to_ascii_lowercase();
        let suffix = candidate_caption.to_ascii_lowercase();
        let Some(case) = lower.strip_suffix(&suffix).map(str::trim) else {
            continue;
        };
        if case.is_empty() {
            continue;
        }
        let type_column = crate::import::table_reader::TYPE_COLUMNS
            .iter()
            .find_map(|name| candidate.column(name))?;
        let map_row = candidate.rows.iter().find_map(|row| {
            let word = parse_type_word(&row.cells.get(type_column)?.text())?;
            matches!(word, TypeWord::Map(_) | TypeWord::AnyObject)
                .then(|| row.cells.first().map(DocCell::text))
                .flatten()
        });
        if let Some(row_name) = map_row {
            return Some((row_name, caption[..case.len()].to_owned()));
        }
    }
    None
}

/// Whether a paragraph of the page (not a table row) links to the table.
fn is_linked_from_prose(reader: &TableReader<'_>, page: &DocPage, table: &DocTable) -> bool {
    page.sections
        .iter()
        .flat_map(|section| &section.blocks)
        .any(|block| {
            let crate::doc_model::DocBlock::Paragraph(line) = block else {
                return false;
            };
            line.links.iter().any(|link| {
                matches!(
                    reader.index.resolve(page, link),
                    Some(LinkTarget::Table(_, target)) if std::ptr::eq(target, table)
                )
            })
        })
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

/// The caption of a parameter table that declares an object (`MetricConfig`) which no cell of
/// the page names or links to.
fn unused_object_declaration(
    reader: &TableReader<'_>,
    page: &DocPage,
    table: &DocTable,
) -> Option<String> {
    let caption = table.caption.as_deref()?.trim();
    let is_object_name = is_schema_name(caption)
        && caption.starts_with(|character: char| character.is_ascii_uppercase());
    if !is_object_name {
        return None;
    }
    let is_referenced = page.tables().any(|(_, candidate)| {
        !std::ptr::eq(candidate, table)
            && candidate.rows.iter().any(|row| {
                row.cells.iter().any(|cell| {
                    cell.text().contains(caption)
                        || cell.links().any(|link| {
                            matches!(
                                reader.index.resolve(page, link),
                                Some(LinkTarget::Table(_, target)) if std::ptr::eq(target, table)
                            )
                        })
                })
            })
    });
    (!is_referenced).then(|| caption.to_owned())
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
            // The row's type may name the object the caption names ("resources |
            // List<resource_resp>" beside "Parameter description of field resource_resp").
            let type_cell = crate::import::table_reader::TYPE_COLUMNS
                .iter()
                .find_map(|name| candidate.column(name))
                .and_then(|column| row.cells.get(column));
            let object_name = type_cell.and_then(|cell| match parse_type_word(&cell.text())? {
                crate::import::type_words::TypeWord::Object(name) => Some(name),
                crate::import::type_words::TypeWord::Array(element) => match *element {
                    crate::import::type_words::TypeWord::Object(name) => Some(name),
                    _ => None,
                },
                _ => None,
            });
            let named = label.is_some_and(|label| {
                caption_names_row(label, &name)
                    || object_name
                        .as_deref()
                        .is_some_and(|object| caption_names_row(label, object))
            });
            if links_here || named {
                return Some(name);
            }
        }
    }
    None
}
