//! Reviewed corrections of upstream documentation mistakes, one TOML file per service.
//!
//! The vendored pages are never edited; each correction names the page, the table, the row
//! and the column it changes, what the docs say today (so a fixed upstream page makes the
//! override fail loudly instead of silently applying to something else) and why.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::doc_model::{DocBlock, DocCell, DocPage, DocTable, SourceLocation};
use crate::import::ImportError;

/// The overrides file of one service.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Replaces the text of one table cell.
    #[serde(default)]
    pub cell: Vec<CellOverride>,
    /// Replaces one preformatted example block.
    #[serde(default)]
    pub example: Vec<ExampleOverride>,
    /// Removes one row of a table that lists the same parameter twice.
    #[serde(default)]
    pub remove_row: Vec<RemoveRowOverride>,
    /// Removes a table that no row of the page refers to (a leftover of another version of the
    /// page, or a table whose row the docs forgot), so the rest of the page imports.
    #[serde(default)]
    pub remove_table: Vec<RemoveTableOverride>,
    /// Adds a column the docs leave out of a table (the "Type" of a request table), with a value
    /// for every row.
    #[serde(default)]
    pub column: Vec<ColumnOverride>,
    /// Leaves a page out of the import.
    #[serde(default)]
    pub skip_page: Vec<SkipPageOverride>,
    /// Removes constraints from one property of a component schema, for a constraint the docs
    /// copy onto every table that shows the object (so it is one mistake, not one per page).
    #[serde(default)]
    pub schema_property: Vec<SchemaPropertyOverride>,
    /// Renames a component schema whose name the docs misspell consistently
    /// (`FixtedResponseConfig`), so the generated type has the right name.
    #[serde(default)]
    pub schema_rename: Vec<SchemaRenameOverride>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaRenameOverride {
    pub from: String,
    pub to: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellOverride {
    pub page: String,
    /// The table caption (or `#anchor` for a table without caption).
    pub table: String,
    /// The value of the row's first column (the parameter name).
    pub row: String,
    /// The header of the column to change.
    pub column: String,
    /// What the docs say today.
    pub expected: String,
    pub replacement: String,
    pub reason: String,
}

/// Removes a table row, for a parameter a table lists twice (a table row can only be told
/// apart from its namesake by its position, so the override names both).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveRowOverride {
    pub page: String,
    /// The table caption (or `#anchor` for a table without caption).
    pub table: String,
    /// The value of the row's first column (the parameter name).
    pub row: String,
    /// The 1-based row number among the table's body rows, as in diagnostics.
    pub row_number: usize,
    pub reason: String,
}

/// Removes a whole table. The rows it has today are named, so an upstream change to the table
/// makes the override fail instead of removing something else.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveTableOverride {
    pub page: String,
    /// The table caption (or `#anchor` for a table without caption).
    pub table: String,
    /// The first column of each of its rows, in order.
    pub rows: Vec<String>,
    pub reason: String,
}

/// Adds a column to a table that lacks it: every row of the table must be given its value, so an
/// upstream change to the rows makes the override fail instead of applying to something else.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnOverride {
    pub page: String,
    /// The table caption (or `#anchor` for a table without caption).
    pub table: String,
    /// The header of the new column.
    pub column: String,
    /// The value of the new column for each row, by the row's first column.
    pub values: BTreeMap<String, String>,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleOverride {
    pub page: String,
    /// The section title ("Example Requests", "Example Responses").
    pub section: String,
    /// 1-based position of the block among the section's preformatted blocks.
    pub block: usize,
    /// The exact text to correct, as the docs have it today.
    pub find: String,
    /// What replaces it.
    pub replace: String,
    /// How often `find` occurs in the block (default 1); every occurrence is replaced, and a
    /// different count means the upstream block changed.
    #[serde(default = "one")]
    pub count: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaPropertyOverride {
    /// The component schema name, as in the spec.
    pub schema: String,
    pub property: String,
    /// The keywords to remove (`minLength`, `maximum`, …); each must be present.
    #[serde(default)]
    pub remove: Vec<String>,
    /// Keywords to set, with their values (`format = "password"` marks a secret the importer
    /// did not recognise by name).
    #[serde(default)]
    pub set: BTreeMap<String, toml::Value>,
    pub reason: String,
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkipPageOverride {
    pub page: String,
    pub reason: String,
}

/// What applying the overrides did.
#[derive(Debug, Clone, Default)]
pub struct OverridesReport {
    pub applied: Vec<String>,
    pub skipped_pages: BTreeMap<String, String>,
    pub errors: Vec<ImportError>,
}

impl Overrides {
    pub fn from_toml(text: &str) -> Result<Overrides, toml::de::Error> {
        toml::from_str(text)
    }

    /// Applies every override to the pages. An override that matches nothing is an error: the
    /// upstream page changed and the override must be reviewed again.
    pub fn apply(
        &self,
        pages: &mut [DocPage],
        unreadable_pages: &[crate::import::FailedPage],
    ) -> OverridesReport {
        let mut report = OverridesReport::default();
        for skip in &self.skip_page {
            let exists = pages.iter().any(|page| page.file_name == skip.page)
                || unreadable_pages
                    .iter()
                    .any(|unreadable| unreadable.file_name == skip.page);
            if exists {
                report
                    .skipped_pages
                    .insert(skip.page.clone(), skip.reason.clone());
            } else {
                report.errors.push(ImportError {
                    location: SourceLocation::page(&skip.page),
                    message: "skip_page override names a page that does not exist".to_owned(),
                });
            }
        }
        for cell_override in &self.cell {
            match apply_cell_override(cell_override, pages) {
                Ok(()) => report.applied.push(format!(
                    "{}, table \"{}\", row {}, column {}: {:?} → {:?} ({})",
                    cell_override.page,
                    cell_override.table,
                    cell_override.row,
                    cell_override.column,
                    cell_override.expected,
                    cell_override.replacement,
                    cell_override.reason
                )),
                Err(message) => report.errors.push(ImportError {
                    location: SourceLocation {
                        file_name: cell_override.page.clone(),
                        table: Some(cell_override.table.clone()),
                        row_number: None,
                        parameter: Some(cell_override.row.clone()),
                    },
                    message: format!("cell override does not apply: {message}"),
                }),
            }
        }
        for column_override in &self.column {
            match apply_column_override(column_override, pages) {
                Ok(()) => report.applied.push(format!(
                    "{}, table \"{}\": column {} added ({})",
                    column_override.page,
                    column_override.table,
                    column_override.column,
                    column_override.reason
                )),
                Err(message) => report.errors.push(ImportError {
                    location: SourceLocation {
                        file_name: column_override.page.clone(),
                        table: Some(column_override.table.clone()),
                        row_number: None,
                        parameter: None,
                    },
                    message: format!("column override does not apply: {message}"),
                }),
            }
        }
        for remove_row in &self.remove_row {
            match apply_remove_row_override(remove_row, pages) {
                Ok(()) => report.applied.push(format!(
                    "{}, table \"{}\", row {} ({}): removed ({})",
                    remove_row.page,
                    remove_row.table,
                    remove_row.row_number,
                    remove_row.row,
                    remove_row.reason
                )),
                Err(message) => report.errors.push(ImportError {
                    location: SourceLocation {
                        file_name: remove_row.page.clone(),
                        table: Some(remove_row.table.clone()),
                        row_number: Some(remove_row.row_number),
                        parameter: Some(remove_row.row.clone()),
                    },
                    message: format!("remove_row override does not apply: {message}"),
                }),
            }
        }
        for remove_table in &self.remove_table {
            match apply_remove_table_override(remove_table, pages) {
                Ok(()) => report.applied.push(format!(
                    "{}, table \"{}\": removed ({})",
                    remove_table.page, remove_table.table, remove_table.reason
                )),
                Err(message) => report.errors.push(ImportError {
                    location: SourceLocation {
                        file_name: remove_table.page.clone(),
                        table: Some(remove_table.table.clone()),
                        row_number: None,
                        parameter: None,
                    },
                    message: format!("remove_table override does not apply: {message}"),
                }),
            }
        }
        for example_override in &self.example {
            match apply_example_override(example_override, pages) {
                Ok(()) => report.applied.push(format!(
                    "{}, {}, block {}: example corrected ({})",
                    example_override.page,
                    example_override.section,
                    example_override.block,
                    example_override.reason
                )),
                Err(message) => report.errors.push(ImportError {
                    location: SourceLocation {
                        file_name: example_override.page.clone(),
                        table: Some(example_override.section.clone()),
                        ..SourceLocation::default()
                    },
                    message: format!("example override does not apply: {message}"),
                }),
            }
        }
        report
    }
}

/// Whether a table is the one an override names: by caption, or by `#anchor`.
fn table_is_named(table: &DocTable, name: &str) -> bool {
    table.caption.as_deref() == Some(name)
        || table.display_name() == name
        || table
            .anchor
            .as_deref()
            .is_some_and(|anchor| name.strip_prefix('#') == Some(anchor))
}

/// The page of an override, by its file name.
fn page_named<'pages>(
    pages: &'pages mut [DocPage],
    file_name: &str,
) -> Result<&'pages mut DocPage, String> {
    pages
        .iter_mut()
        .find(|page| page.file_name == file_name)
        .ok_or_else(|| "no such page".to_owned())
}

fn apply_column_override(
    column_override: &ColumnOverride,
    pages: &mut [DocPage],
) -> Result<(), String> {
    let page = page_named(pages, &column_override.page)?;
    let table = page
        .sections
        .iter_mut()
        .flat_map(|section| section.blocks.iter_mut())
        .find_map(|block| match block {
            DocBlock::Table(table) if table_is_named(table, &column_override.table) => Some(table),
            _ => None,
        })
        .ok_or("no such table")?;
    if table.column(&column_override.column).is_some() {
        return Err(format!(
            "the table has a {:?} column already",
            column_override.column
        ));
    }
    let names: Vec<String> = table
        .rows
        .iter()
        .map(|row| row.cells.first().map(DocCell::text).unwrap_or_default())
        .collect();
    let missing: Vec<&String> = names
        .iter()
        .filter(|name| !column_override.values.contains_key(*name))
        .collect();
    if !missing.is_empty() {
        return Err(format!("no value for the rows {missing:?}"));
    }
    let unknown: Vec<&String> = column_override
        .values
        .keys()
        .filter(|name| !names.contains(name))
        .collect();
    if !unknown.is_empty() {
        return Err(format!("the table has no rows {unknown:?}"));
    }
    table.header.push(column_override.column.clone());
    for (row, name) in table.rows.iter_mut().zip(&names) {
        row.cells
            .push(DocCell::from_text(&column_override.values[name]));
    }
    Ok(())
}

fn apply_remove_row_override(
    remove_row: &RemoveRowOverride,
    pages: &mut [DocPage],
) -> Result<(), String> {
    let page = page_named(pages, &remove_row.page)?;
    let mut removed = 0;
    for section in &mut page.sections {
        for block in &mut section.blocks {
            let DocBlock::Table(table) = block else {
                continue;
            };
            if !table_is_named(table, &remove_row.table) {
                continue;
            }
            let before = table.rows.len();
            table.rows.retain(|row| {
                row.row_number != remove_row.row_number
                    || row.cells.first().map(DocCell::text).as_deref()
                        != Some(remove_row.row.as_str())
            });
            removed += before - table.rows.len();
        }
    }
    match removed {
        0 => Err(format!(
            "no table of that name has a row {} named {:?}",
            remove_row.row_number, remove_row.row
        )),
        1 => Ok(()),
        _ => Err(format!(
            "{removed} tables of that name have a row {} named {:?}: name the table by its #anchor",
            remove_row.row_number, remove_row.row
        )),
    }
}

fn apply_remove_table_override(
    remove_table: &RemoveTableOverride,
    pages: &mut [DocPage],
) -> Result<(), String> {
    let page = page_named(pages, &remove_table.page)?;
    // Several tables may share a name (untitled tables are named by their header): the rows,
    // which the override lists, tell them apart; exactly one table must have them.
    let mut matching_tables = 0;
    let mut removed = 0;
    let mut mismatch = None;
    for section in &mut page.sections {
        section.blocks.retain(|block| {
            let DocBlock::Table(table) = block else {
                return true;
            };
            if !table_is_named(table, &remove_table.table) {
                return true;
            }
            matching_tables += 1;
            let rows: Vec<String> = table
                .rows
                .iter()
                .map(|row| row.cells.first().map(DocCell::text).unwrap_or_default())
                .collect();
            if rows == remove_table.rows && removed == 0 {
                removed += 1;
                false
            } else {
                mismatch = Some(rows);
                true
            }
        });
    }
    match (matching_tables, removed, mismatch) {
        (0, _, _) => Err("no such table".to_owned()),
        (_, 1, _) => Ok(()),
        (1, _, Some(rows)) => Err(format!("the table's rows are {rows:?} now")),
        (count, _, _) => Err(format!(
            "none of the {count} tables of that name has the rows {:?}",
            remove_table.rows
        )),
    }
}

fn apply_cell_override(cell_override: &CellOverride, pages: &mut [DocPage]) -> Result<(), String> {
    let page = page_named(pages, &cell_override.page)?;
    let mut matches = 0;
    for section in &mut page.sections {
        for block in &mut section.blocks {
            let DocBlock::Table(table) = block else {
                continue;
            };
            if !table_is_named(table, &cell_override.table) {
                continue;
            }
            // A page can have two tables with one caption (request and response shapes);
            // only those with the column can match.
            let Some(column) = table.column(&cell_override.column) else {
                continue;
            };
            for row in &mut table.rows {
                if row.cells.first().map(DocCell::text).as_deref()
                    != Some(cell_override.row.as_str())
                {
                    continue;
                }
                let Some(cell) = row.cells.get_mut(column) else {
                    continue;
                };
                let current = cell.text();
                if current != cell_override.expected {
                    return Err(format!(
                        "the cell says {current:?}, the override expects {:?}",
                        cell_override.expected
                    ));
                }
                let links: Vec<crate::doc_model::DocLink> = cell.links().cloned().collect();
                *cell = DocCell::from_text(&cell_override.replacement);
                // The replacement is plain text; the links of the cell stay, on its first line.
                match cell.lines.first_mut() {
                    Some(first_line) => first_line.links = links,
                    None if !links.is_empty() => cell.lines.push(crate::doc_model::DocLine {
                        links,
                        ..Default::default()
                    }),
                    None => {}
                }
                matches += 1;
            }
        }
    }
    match matches {
        0 => Err(format!(
            "no table with a {:?} column has this row",
            cell_override.column
        )),
        _ => Ok(()),
    }
}

fn apply_example_override(
    example_override: &ExampleOverride,
    pages: &mut [DocPage],
) -> Result<(), String> {
    let page = page_named(pages, &example_override.page)?;
    let section = page
        .sections
        .iter_mut()
        .find(|section| {
            section
                .title
                .eq_ignore_ascii_case(&example_override.section)
        })
        .ok_or("no such section")?;
    let block = section
        .blocks
        .iter_mut()
        .filter(|block| matches!(block, DocBlock::Preformatted(_)))
        .nth(example_override.block.saturating_sub(1))
        .ok_or("no such preformatted block")?;
    let DocBlock::Preformatted(text) = block else {
        return Err("not a preformatted block".to_owned());
    };
    let found = text.matches(example_override.find.as_str()).count();
    if found != example_override.count {
        return Err(format!(
            "the block contains {:?} {found} times, the override expects {}",
            example_override.find, example_override.count
        ));
    }
    *text = text.replace(&example_override.find, &example_override.replace);
    Ok(())
}

impl Overrides {
    /// Applies the schema renames to the component naming (before references are written).
    /// Returns what was applied and an error for each rename that no longer matches.
    pub fn apply_schema_renames(
        &self,
        name_for_key: &mut std::collections::HashMap<String, String>,
    ) -> (Vec<String>, Vec<ImportError>) {
        let mut applied = Vec::new();
        let mut errors = Vec::new();
        for rename in &self.schema_rename {
            let location = SourceLocation {
                file_name: format!("components/schemas/{}", rename.from),
                ..SourceLocation::default()
            };
            if name_for_key.values().any(|name| *name == rename.to) {
                errors.push(ImportError {
                    location,
                    message: format!("schema rename does not apply: {} already exists", rename.to),
                });
                continue;
            }
            let mut renamed = 0;
            for name in name_for_key.values_mut() {
                if *name == rename.from {
                    name.clone_from(&rename.to);
                    renamed += 1;
                }
            }
            if renamed == 0 {
                errors.push(ImportError {
                    location,
                    message: "schema rename does not apply: no such component schema".to_owned(),
                });
            } else {
                applied.push(format!(
                    "schema {} renamed to {} ({})",
                    rename.from, rename.to, rename.reason
                ));
            }
        }
        (applied, errors)
    }

    /// Applies the schema property overrides to the named components. Returns what was applied
    /// and an error for each override that no longer matches.
    pub fn apply_to_components(
        &self,
        components: &mut BTreeMap<String, openapiv3::Schema>,
    ) -> (Vec<String>, Vec<ImportError>) {
        let mut applied = Vec::new();
        let mut errors = Vec::new();
        for property_override in &self.schema_property {
            match apply_schema_property_override(property_override, components) {
                Ok(()) => applied.push(format!(
                    "schema {}, property {}: removed [{}], set [{}] ({})",
                    property_override.schema,
                    property_override.property,
                    property_override.remove.join(", "),
                    property_override
                        .set
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", "),
                    property_override.reason
                )),
                Err(message) => errors.push(ImportError {
                    location: SourceLocation {
                        file_name: format!("components/schemas/{}", property_override.schema),
                        parameter: Some(property_override.property.clone()),
                        ..SourceLocation::default()
                    },
                    message: format!("schema property override does not apply: {message}"),
                }),
            }
        }
        (applied, errors)
    }
}

fn apply_schema_property_override(
    property_override: &SchemaPropertyOverride,
    components: &mut BTreeMap<String, openapiv3::Schema>,
) -> Result<(), String> {
    let schema = components
        .get_mut(&property_override.schema)
        .ok_or("no such component schema")?;
    let mut value = serde_json::to_value(&*schema).map_err(|error| error.to_string())?;
    let property = value
        .get_mut("properties")
        .and_then(|properties| properties.get_mut(&property_override.property))
        .and_then(serde_json::Value::as_object_mut)
        .ok_or("no such property")?;
    for keyword in &property_override.remove {
        if property.remove(keyword).is_none() {
            return Err(format!("the property has no {keyword:?}"));
        }
    }
    for (keyword, value) in &property_override.set {
        let value = serde_json::to_value(value).map_err(|error| error.to_string())?;
        if property.get(keyword) == Some(&value) {
            return Err(format!("the property already has {keyword} = {value}"));
        }
        property.insert(keyword.clone(), value);
    }
    *schema = serde_json::from_value(value).map_err(|error| error.to_string())?;
    Ok(())
}
