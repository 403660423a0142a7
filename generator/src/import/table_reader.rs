//! The shared reading of parameter and object tables, which every page-style recogniser uses:
//! columns found by header name, rows read into parameters and properties, nested object tables
//! found (by type word, link, caption or label, on the page or on another page of the folder)
//! and read into page-local schemas once each, and every problem collected with its location.

use openapiv3::{ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, Type};

use crate::doc_model::{DocBlock, DocCell, DocPage, DocRow, DocTable, SourceLocation};
use crate::import::constraints::{read_description, read_description_without_enumerations};
use crate::import::ledger::{ConservationCounts, PageLedger};
use crate::import::page_index::{LinkTarget, PageIndex};
use crate::import::page_operation::{ImportNote, LocalSchema, LOCAL_REFERENCE_PREFIX};
use crate::import::row_schema::{
    apply_constraints, array_schema, box_schema, map_schema, mark_secret, mark_untyped,
    mark_vague_shape, plain_schema, scalar_schema, take_default_outside_enumeration,
    with_description, ParameterRow,
};
use crate::import::type_words::{is_schema_name, parse_type_word, TypeWord};
use crate::import::ImportError;
use crate::naming::pascal_case;

/// Object tables whose rows hold object tables, and so on, deeper than this are an error: the
/// docs nest a few levels, and each level is a recursion here (a page chaining thousands of
/// object tables overflowed the stack; found by a fuzz regression test).
const MAX_OBJECT_NESTING: usize = 32;

/// The headers of a parameter table's name column.
const NAME_COLUMNS: [&str; 10] = [
    "Parameter",
    "Key",
    "Response Item",
    "Name",
    "Field",
    "Element",
    "Header",
    "Attribute",
    "Parameter Name",
    "Request Header",
];

/// The headers of a parameter table's type column.
pub const TYPE_COLUMNS: [&str; 3] = ["Type", "Data Type", "Value Type"];

/// The headers of a parameter table's mandatory column.
const MANDATORY_COLUMNS: [&str; 6] = [
    "Mandatory",
    "Required",
    "Mandatory or Not",
    "Mandatory (Yes/No)",
    "Is Mandatory",
    "Mandatory/Optional",
];

/// The headers of a parameter table's description column.
const DESCRIPTION_COLUMNS: [&str; 3] = ["Description", "Remarks", "Meaning"];

/// Reads the tables of one page (and the tables of other pages its rows refer to) into
/// schemas, collecting every problem.
#[derive(Debug)]
pub struct TableReader<'pages> {
    pub page: &'pages DocPage,
    pub index: &'pages PageIndex<'pages>,
    /// The operation that names the page's unnamed schemas (`<OperationId>RequestBody`).
    pub operation_id: String,
    errors: Vec<ImportError>,
    notes: Vec<ImportNote>,
    schemas: Vec<LocalSchema>,
    schema_keys_in_progress: Vec<String>,
    /// The keys of the tables read as parameter tables (not schemas).
    parameter_table_keys: Vec<String>,
    /// What became of each table, row and code block of the page (conservation).
    ledger: PageLedger,
}

/// The columns of a parameter table, found by header name so column order does not matter.
#[derive(Debug, Clone, Copy)]
pub struct ParameterColumns {
    name: usize,
    mandatory: Option<usize>,
    /// `None` in URI tables without a "Type" column, whose parameters are strings.
    type_word: Option<usize>,
    description: Option<usize>,
}

impl<'pages> TableReader<'pages> {
    pub fn new(
        page: &'pages DocPage,
        index: &'pages PageIndex<'pages>,
        operation_id: &str,
    ) -> TableReader<'pages> {
        TableReader {
            page,
            index,
            operation_id: operation_id.to_owned(),
            errors: Vec::new(),
            notes: Vec::new(),
            schemas: Vec::new(),
            schema_keys_in_progress: Vec::new(),
            parameter_table_keys: Vec::new(),
            ledger: PageLedger::new(&page.file_name),
        }
    }

    /// The schemas read, the notes and the page's conservation counts, or every problem found
    /// on the page.
    #[allow(clippy::type_complexity)]
    pub fn finish(
        self,
    ) -> Result<(Vec<LocalSchema>, Vec<ImportNote>, ConservationCounts), Vec<ImportError>> {
        if self.errors.is_empty() {
            let counts = self.ledger.counts(self.page);
            Ok((self.schemas, self.notes, counts))
        } else {
            Err(self.errors)
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn error(&mut self, location: SourceLocation, message: impl Into<String>) {
        self.errors.push(ImportError {
            location,
            message: message.into(),
        });
    }

    pub fn note(&mut self, location: SourceLocation, message: impl Into<String>) {
        self.notes.push(ImportNote {
            location,
            message: message.into(),
        });
    }

    pub fn page_location(&self) -> SourceLocation {
        SourceLocation::page(&self.page.file_name)
    }

    /// Whether a table of this page has been read: into a schema (as a body or nested table)
    /// or as a parameter table.
    pub fn has_read_table(&self, table: &DocTable) -> bool {
        let key = table_key(self.page, table);
        self.schemas.iter().any(|schema| schema.key == key)
            || self.parameter_table_keys.contains(&key)
    }

    /// Records a table read as a parameter table.
    pub fn mark_parameter_table(&mut self, page: &DocPage, table: &DocTable) {
        self.parameter_table_keys.push(table_key(page, table));
        self.ledger.account_table(page, table, true);
    }

    /// Records a table taken into the spec as a whole (a status table, an error code table):
    /// its rows go with it.
    pub fn take_table(&mut self, page: &DocPage, table: &DocTable) {
        self.ledger.account_table(page, table, false);
    }

    /// Records a code block taken into the spec (an example, a request line, description text).
    pub fn take_code_block(&mut self, page: &DocPage, block: &DocBlock) {
        self.ledger.account_code_block(page, block);
    }

    /// A table of the page that is not in the spec, reported with the reason.
    pub fn report_table(&mut self, page: &DocPage, table: &DocTable, message: impl Into<String>) {
        self.ledger.account_table(page, table, false);
        self.ledger.mark_table_reported(page, table);
        self.note(SourceLocation::table(&page.file_name, table), message);
    }

    /// A row of a table of the page that is not in the spec, reported with the reason.
    pub fn report_row(
        &mut self,
        page: &DocPage,
        table: &DocTable,
        row: &DocRow,
        name: &str,
        message: impl Into<String>,
    ) {
        self.ledger.account_row(page, table, row);
        self.ledger.mark_row_reported(page, table, row);
        self.note(
            SourceLocation::row(&page.file_name, table, row, name),
            message,
        );
    }

    /// A code block of the page that is not in the spec, reported at `location` with the
    /// reason.
    pub fn report_code_block(
        &mut self,
        page: &DocPage,
        block: &DocBlock,
        location: SourceLocation,
        message: impl Into<String>,
    ) {
        self.ledger.account_code_block(page, block);
        self.ledger.mark_code_block_reported(page, block);
        self.note(location, message);
    }

    /// Whether a table of the page is taken or reported.
    pub fn is_table_accounted(&self, page: &DocPage, table: &DocTable) -> bool {
        self.ledger.is_table_accounted(page, table)
    }

    /// Whether a code block of the page is taken or reported.
    pub fn is_code_block_accounted(&self, page: &DocPage, block: &DocBlock) -> bool {
        self.ledger.is_code_block_accounted(page, block)
    }

    /// Every table, row and code block of the page that is neither in the spec nor reported is
    /// an error: the page is not imported until a reading (or an override) accounts for it.
    /// Checked only on a page without other problems, whose errors leave things unread.
    pub fn check_conservation(&mut self) {
        if self.has_errors() {
            return;
        }
        self.ledger.account_repeated_tables(self.page);
        for (location, kind) in self.ledger.unaccounted(self.page) {
            self.error(
                location,
                format!("this {kind} is neither taken into the spec nor reported: no reading of the page accounts for it"),
            );
        }
    }

    /// Whether the table is a parameter table: a name column first (catalogs such as "Parameter
    /// ID | Parameter Name | Value Range" start with another) and a type or description column.
    pub fn is_parameter_table(table: &DocTable) -> bool {
        NAME_COLUMNS
            .iter()
            .any(|name| table.column(name) == Some(0))
            && (TYPE_COLUMNS.iter().any(|name| table.column(name).is_some())
                || DESCRIPTION_COLUMNS
                    .iter()
                    .any(|name| table.column(name).is_some()))
    }

    /// The columns of a parameter table. `type_optional` for URI tables, whose rows without a
    /// type are strings; a body table without a "Type" column is an error.
    pub fn parameter_columns(
        &mut self,
        page: &DocPage,
        table: &DocTable,
        type_optional: bool,
    ) -> Option<ParameterColumns> {
        let name = NAME_COLUMNS.iter().find_map(|name| table.column(name));
        let type_word = TYPE_COLUMNS.iter().find_map(|name| table.column(name));
        let mandatory = MANDATORY_COLUMNS.iter().find_map(|name| table.column(name));
        let description = DESCRIPTION_COLUMNS
            .iter()
            .find_map(|name| table.column(name));
        match (name, type_word) {
            (Some(name), type_word) if type_word.is_some() || type_optional => {
                Some(ParameterColumns {
                    name,
                    mandatory,
                    type_word,
                    description,
                })
            }
            _ => {
                self.error(
                    SourceLocation::table(&page.file_name, table),
                    format!(
                        "expected \"Parameter\" and \"Type\" columns, found {:?}",
                        table.header
                    ),
                );
                None
            }
        }
    }

    /// Reads one row of a parameter or object table of `page` (this page, or another page whose
    /// table a row refers to).
    pub fn read_parameter_row(
        &mut self,
        page: &'pages DocPage,
        table: &'pages DocTable,
        row: &'pages DocRow,
        columns: &ParameterColumns,
    ) -> Option<ParameterRow> {
        self.read_row(page, table, row, columns, false)
    }

    /// Reads one row; `of_object` for the rows of an object table, where stand-in names of map
    /// keys and array elements are read as `value`.
    fn read_row(
        &mut self,
        page: &'pages DocPage,
        table: &'pages DocTable,
        row: &'pages DocRow,
        columns: &ParameterColumns,
        of_object: bool,
    ) -> Option<ParameterRow> {
        let name = row
            .cells
            .get(columns.name)
            .map(DocCell::text)
            .unwrap_or_default();
        // A parameter written as `name (deprecated)` or with a trailing footnote mark; the
        // stand-in names of map entries and array elements are read as `value`.
        let name = match row_role(&name) {
            RowRole::Field
                if of_object && table.rows.len() == 1 && parameter_name(&name).contains(' ') =>
            {
                "value".to_owned()
            }
            RowRole::Field => parameter_name(&name),
            RowRole::ArrayElement | RowRole::MapValue if of_object => "value".to_owned(),
            RowRole::ArrayElement | RowRole::MapValue => parameter_name(&name),
        };
        let location = SourceLocation::row(&page.file_name, table, row, &name);
        if row.cells.len() != table.header.len() {
            self.error(
                location,
                format!(
                    "row has {} cells, the header has {}",
                    row.cells.len(),
                    table.header.len()
                ),
            );
            return None;
        }
        if name.is_empty() || name.contains(char::is_whitespace) {
            self.error(location, format!("{name:?} is not a parameter name"));
            return None;
        }
        let mut description_lines = columns
            .description
            .map(|column| row.cells[column].lines.clone())
            .unwrap_or_default();
        // A row whose "Mandatory" and "Type" cells are swapped ("Integer" under Mandatory, "No"
        // under Type) says plainly what it means.
        let mut columns = *columns;
        if let (Some(mandatory_column), Some(type_column)) = (columns.mandatory, columns.type_word)
        {
            let mandatory_text = row.cells[mandatory_column].text();
            let type_text = row.cells[type_column].text();
            let swapped = mandatory_value(&mandatory_text).is_none()
                && parse_type_word(&mandatory_text).is_some()
                && matches!(
                    mandatory_value(&type_text),
                    Some(Mandatory::Yes | Mandatory::No)
                );
            if swapped {
                self.note(
                    location.clone(),
                    format!("the Mandatory ({mandatory_text:?}) and Type ({type_text:?}) cells are swapped in this row: read as type {mandatory_text:?}, mandatory {type_text:?}"),
                );
                columns.mandatory = Some(type_column);
                columns.type_word = Some(mandatory_column);
            }
        }
        let columns = &columns;
        let required = match columns.mandatory {
            None => false,
            Some(column) => {
                let text = row.cells[column].text();
                match mandatory_value(&text) {
                    Some(Mandatory::Yes) => true,
                    Some(Mandatory::No) => false,
                    Some(Mandatory::Conditional) => {
                        // Required only in some cases: optional in the schema, unless the cell
                        // starts with a plain "Yes", and the cases stay in the description.
                        let first_line = text.lines().next().unwrap_or_default().trim();
                        let starts_yes =
                            first_line.trim_end_matches('.').eq_ignore_ascii_case("yes");
                        description_lines.insert(
                            0,
                            crate::doc_model::DocLine {
                                text: format!(
                                    "Mandatory: {}.",
                                    text.replace('\n', " ").trim_end_matches('.')
                                ),
                                ..Default::default()
                            },
                        );
                        starts_yes
                    }
                    None => {
                        self.error(
                            location,
                            format!("mandatory column says {text:?}, expected \"Yes\" or \"No\""),
                        );
                        return None;
                    }
                }
            }
        };
        let mut untyped_cell = false;
        let (type_word, type_cell) = match columns.type_word {
            Some(column) => {
                let type_cell = &row.cells[column];
                let type_text = type_cell.text();
                let description_cell = columns.description.map(|column| &row.cells[column]);
                match parse_type_word(&type_text) {
                    Some(type_word) => (type_word, Some(type_cell)),
                    // "-" or nothing: the page gives no type; the examples may.
                    None if matches!(
                        type_text.trim_matches('`').trim(),
                        "" | "-" | "--" | "N/A"
                    ) =>
                    {
                        self.note(
                            location.clone(),
                            format!("the Type cell says {type_text:?}: the field is typed by the page's examples, or any value where none shows it"),
                        );
                        untyped_cell = true;
                        (TypeWord::AnyValue, None)
                    }
                    // A row whose cells slid one column ("masters | No | MasterSpec object …"):
                    // the Type cell holds a Mandatory answer and the description starts with
                    // the type.
                    None if mandatory_value(&type_text)
                        .is_some_and(|value| value != Mandatory::Conditional)
                        && description_cell.is_some_and(|cell| {
                            cell.lines
                                .first()
                                .is_some_and(|line| parse_type_word(&line.text).is_some())
                        }) =>
                    {
                        let description_cell = description_cell.expect("checked above");
                        let first_line = &description_cell.lines[0];
                        self.note(
                            location.clone(),
                            format!("the Type cell says {type_text:?} and the description starts with the type {:?}: the row's cells slid one column, read with that type", first_line.text),
                        );
                        description_lines.retain(|line| line != first_line);
                        (
                            parse_type_word(&first_line.text).expect("checked above"),
                            Some(description_cell),
                        )
                    }
                    None => {
                        self.error(location, format!("unknown type {type_text:?}"));
                        return None;
                    }
                }
            }
            // An object table without a Type column ("Name | Description") types its rows by
            // the page's examples (`example_evidence`); a URI table's rows are strings.
            None if of_object => (TypeWord::AnyValue, None),
            None => (TypeWord::String, None),
        };
        let constraints = read_description(&description_lines);
        // A row the page gives no type but whose description lists its values: the values are
        // words, so the field is a string.
        let type_word = if type_word == TypeWord::AnyValue
            && (columns.type_word.is_none() || untyped_cell)
            && !constraints.enum_values.is_empty()
        {
            TypeWord::String
        } else {
            type_word
        };
        let description_cell = columns.description.map(|column| &row.cells[column]);
        let mut schema = self.row_schema(
            NestedRow {
                page,
                table,
                row,
                name: &name,
                type_cell,
                description_cell,
            },
            &type_word,
            &location,
        )?;
        // "The structure is Map<String, Object>": the row's object is the value of a map (ECS
        // `addresses`: network name → the network's addresses), whatever its Type cell says.
        if let Some(sentence) = says_map_structure(&description_lines) {
            if !matches!(type_word, TypeWord::Map(_)) && !type_word.is_scalar() {
                self.note(
                    location.clone(),
                    format!("the description says {sentence:?}: the field is a map whose values are the row's object"),
                );
                schema = ReferenceOr::Item(map_schema(mark_vague_shape(schema)));
            }
        }
        let unconstrained = schema.clone();
        let mut description = constraints.description.clone();
        if let Err(message) = apply_constraints(&mut schema, &constraints) {
            // A bold list or a "Default Value" line that does not fit the row's type was no
            // constraint: the row is read without it. Values listed for a free-form object or
            // any value cannot constrain it: they stay prose.
            let untyped = columns.type_word.is_none() || untyped_cell;
            let fallback = match &constraints.without_suggestions {
                Some(plain) => Some((**plain).clone()),
                // A row the page gives no type: its bounds and values cannot constrain a value
                // of no known type, and stay prose.
                None if untyped => Some(crate::import::constraints::DescriptionConstraints {
                    description: description_lines
                        .iter()
                        .map(|line| line.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    ..Default::default()
                }),
                None if is_unconstrainable(&unconstrained)
                    && !constraints.enum_values.is_empty() =>
                {
                    Some(read_description_without_enumerations(&description_lines))
                }
                // A list whose items are not values of the row's type ("mongos: 2 to 16" under
                // an Integer, options of an array of objects) describes cases, not values: it
                // stays prose, noted.
                None if !constraints.enum_values.is_empty() => {
                    let without = read_description_without_enumerations(&description_lines);
                    let mut trial = unconstrained.clone();
                    if apply_constraints(&mut trial, &without).is_ok() {
                        self.note(
                            location.clone(),
                            format!("the description lists values the row's type cannot take ({message}): the list stays in the description"),
                        );
                        Some(without)
                    } else {
                        None
                    }
                }
                None => None,
            };
            let Some(fallback) = fallback else {
                self.error(location, message);
                return None;
            };
            schema = unconstrained;
            description = fallback.description.clone();
            if let Err(message) = apply_constraints(&mut schema, &fallback) {
                self.error(location, message);
                return None;
            }
        }
        if let Some(default) = take_default_outside_enumeration(&mut schema) {
            let default = match default {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            };
            description = if description.is_empty() {
                format!("Default: {default}")
            } else {
                format!("{description}\n\nDefault: {default}")
            };
        }
        mark_secret(&name, &mut schema);
        self.ledger.account_row(page, table, row);
        if of_object && (columns.type_word.is_none() || untyped_cell) {
            schema = mark_untyped(schema);
        }
        let vague_shape = match &type_word {
            TypeWord::AnyObject => true,
            TypeWord::Object(_) => type_cell.is_some_and(|cell| {
                let lower = cell.text().to_ascii_lowercase();
                !lower.ends_with("object") && !lower.ends_with("objects")
            }),
            _ => false,
        };
        Some(ParameterRow {
            name,
            required,
            schema,
            description,
            vague_shape,
        })
    }

    /// The schema of a row: scalars from the type word, objects from the table the row refers
    /// to.
    fn row_schema(
        &mut self,
        row: NestedRow<'pages, '_>,
        type_word: &TypeWord,
        location: &SourceLocation,
    ) -> Option<ReferenceOr<Schema>> {
        if is_untyped_container(type_word) {
            return self.untyped_container_schema(row, type_word, location);
        }
        if let Some(schema_kind) = scalar_schema(type_word) {
            return Some(ReferenceOr::Item(plain_schema(schema_kind)));
        }
        match type_word {
            TypeWord::Map(value) => {
                // "Map<String,String>" whose row links to a table of the page: the table says
                // which keys the map has.
                if let Some(table) = self.linked_table_of_page(&row) {
                    let schema_name = nested_schema_name(table, &self.operation_id, row.name);
                    return self.nested_reference(row.page, table, &schema_name, location);
                }
                let value_schema = self.row_schema(row, value, location)?;
                Some(ReferenceOr::Item(map_schema(value_schema)))
            }
            TypeWord::Array(element) => {
                let items = self.row_schema(row, element, location)?;
                Some(ReferenceOr::Item(array_schema(items)))
            }
            TypeWord::Object(name) => {
                let target = self.find_object_table(&row, Some(name), location)?;
                match target {
                    Some((target_page, target_table)) => {
                        self.nested_reference(target_page, target_table, name, location)
                    }
                    None => {
                        // A struct the page names but never describes (Neutron's
                        // `binding:profile`, a `Properties` map): a free-form object, and the
                        // page's examples may show its shape.
                        self.note(
                            location.clone(),
                            format!("type {name:?} names an object that no table of the page describes and no cell links to: read as a free-form object"),
                        );
                        Some(ReferenceOr::Item(plain_schema(scalar_schema(
                            &TypeWord::AnyObject,
                        )?)))
                    }
                }
            }
            _ => scalar_schema(type_word).map(|kind| ReferenceOr::Item(plain_schema(kind))),
        }
    }

    /// The parameter table of the row's own page that a cell of the row links to.
    fn linked_table_of_page(&self, row: &NestedRow<'pages, '_>) -> Option<&'pages DocTable> {
        row.row
            .cells
            .iter()
            .flat_map(DocCell::links)
            .find_map(|link| match self.index.resolve(row.page, link)? {
                LinkTarget::Table(page, table)
                    if std::ptr::eq(page, row.page)
                        && !std::ptr::eq(table, row.table)
                        && Self::is_parameter_table(table) =>
                {
                    Some(table)
                }
                _ => None,
            })
    }

    /// A bare "Object", "Array" or "Array of objects": the table the row refers to (an array of
    /// it for arrays), or else a free-form object, or an array of any value (of strings when
    /// the description says so).
    fn untyped_container_schema(
        &mut self,
        row: NestedRow<'pages, '_>,
        type_word: &TypeWord,
        location: &SourceLocation,
    ) -> Option<ReferenceOr<Schema>> {
        let target = self.find_object_table(&row, None, location)?.or_else(|| {
            next_unreferenced_object_table(self.index, &row).map(|table| (row.page, table))
        });
        if let Some((target_page, target_table)) = target {
            let schema_name = nested_schema_name(target_table, &self.operation_id, row.name);
            let reference =
                self.nested_reference(target_page, target_table, &schema_name, location)?;
            return Some(match type_word {
                TypeWord::Array(_) => ReferenceOr::Item(array_schema(reference)),
                _ => reference,
            });
        }
        let says_strings = row.description_cell.is_some_and(|cell| {
            let text = cell.text().to_ascii_lowercase();
            text.contains("array of strings") || text.contains("list of strings")
        });
        let schema = match type_word {
            TypeWord::Array(element) => {
                let element = if **element == TypeWord::AnyValue && says_strings {
                    TypeWord::String
                } else {
                    (**element).clone()
                };
                let items = scalar_schema(&element)?;
                array_schema(ReferenceOr::Item(plain_schema(items)))
            }
            other => plain_schema(scalar_schema(other)?),
        };
        Some(ReferenceOr::Item(schema))
    }

    fn nested_reference(
        &mut self,
        page: &'pages DocPage,
        table: &'pages DocTable,
        name: &str,
        location: &SourceLocation,
    ) -> Option<ReferenceOr<Schema>> {
        if self.schema_keys_in_progress.len() >= MAX_OBJECT_NESTING {
            self.error(
                location.clone(),
                format!("type {name:?} nests objects more than {MAX_OBJECT_NESTING} deep"),
            );
            return None;
        }
        let (key, _) = self.read_object_table(page, table, name)?;
        Some(ReferenceOr::Reference {
            reference: format!("{LOCAL_REFERENCE_PREFIX}{key}"),
        })
    }

    /// The table a row's object refers to: for "X object", the table its type cell links to or
    /// the one captioned X; for any object row, the table a cell of the row links to (on this
    /// page or another), or else the one table of the row's section whose caption, or the
    /// paragraph before it, names the row ("servers field description", "Parameters in the
    /// links field"). `Ok(None)` (as `Some(None)`) when it refers to none; `None` after an
    /// error.
    #[allow(clippy::option_option)]
    fn find_object_table(
        &mut self,
        row: &NestedRow<'pages, '_>,
        object_name: Option<&str>,
        location: &SourceLocation,
    ) -> Option<Option<(&'pages DocPage, &'pages DocTable)>> {
        // The type cell's links first (the generated format links "X object" to its table),
        // then those of the whole row ("For details, see Table 4").
        let mut links: Vec<&crate::doc_model::DocLink> = Vec::new();
        if let Some(type_cell) = row.type_cell {
            links.extend(type_cell.links());
        }
        for cell in &row.row.cells {
            if !row
                .type_cell
                .is_some_and(|type_cell| std::ptr::eq(type_cell, cell))
            {
                links.extend(cell.links());
            }
        }
        // Tables of the row's own page come first: a row that links to a table on another
        // page while its own page documents the object too is read from its own page.
        let mut other_page_table = None;
        let mut unresolved_in_page = Vec::new();
        for link in &links {
            match self.index.resolve(row.page, link) {
                Some(LinkTarget::Table(page, table)) if !std::ptr::eq(table, row.table) => {
                    if std::ptr::eq(page, row.page) {
                        let table = repeat_in_status_group(page, row.table, table)
                            .or_else(|| namesake_in_own_section(page, row.table, table))
                            .unwrap_or(table);
                        return Some(Some((page, table)));
                    }
                    other_page_table.get_or_insert((page, table));
                }
                Some(_) => {}
                None if link.target.starts_with('#') => {
                    unresolved_in_page.push(link.target.clone())
                }
                None => {}
            }
        }
        if let Some(name) = object_name {
            let by_caption: Vec<&'pages DocTable> = row
                .page
                .tables()
                .map(|(_, table)| table)
                .filter(|table| table.caption.as_deref() == Some(name))
                .collect();
            match by_caption.as_slice() {
                [table] => return Some(Some((row.page, table))),
                [] => {}
                several => {
                    self.error(
                        location.clone(),
                        format!(
                            "type {name:?} has no link and {} tables are captioned {name:?}",
                            several.len()
                        ),
                    );
                    return None;
                }
            }
        }
        match self.table_named_for_row(row, object_name, location)? {
            Some(table) => return Some(Some((row.page, table))),
            None => {
                if let Some(table) = self.table_a_paragraph_names_for(row) {
                    return Some(Some((row.page, table)));
                }
                if let Some(target) = other_page_table {
                    return Some(Some(target));
                }
            }
        }
        // A struct name the label of a table starts with ("Params connection parameters"
        // for `List<Params>`): that table describes it.
        if let Some(name) =
            object_name.filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            let prefix = format!("{name} ");
            let starting: Vec<&'pages DocTable> = row
                .page
                .tables()
                .map(|(_, table)| table)
                .filter(|table| {
                    !std::ptr::eq(*table, row.table)
                        && table
                            .caption
                            .as_deref()
                            .or_else(|| crate::import::sections::label_before(row.page, table))
                            .is_some_and(|label| label.trim().starts_with(&prefix))
                })
                .collect();
            if let [table] = starting.as_slice() {
                return Some(Some((row.page, table)));
            }
        }
        if !unresolved_in_page.is_empty() && object_name.is_some() {
            self.error(
                location.clone(),
                format!(
                    "the row links to {}, which is no table on this page",
                    unresolved_in_page.join(", ")
                ),
            );
            return None;
        }
        Some(None)
    }

    /// The one table of the row's page that a paragraph links to while naming the row as a
    /// field ("For details about the direct_connect field, see Table 2.").
    fn table_a_paragraph_names_for(&self, row: &NestedRow<'pages, '_>) -> Option<&'pages DocTable> {
        let field = format!("{} field", row.name.to_ascii_lowercase());
        let mut found: Vec<&'pages DocTable> = Vec::new();
        for section in &row.page.sections {
            for block in &section.blocks {
                let DocBlock::Paragraph(line) = block else {
                    continue;
                };
                if !line.text.to_ascii_lowercase().contains(&field) {
                    continue;
                }
                for link in &line.links {
                    if let Some(LinkTarget::Table(page, table)) = self.index.resolve(row.page, link)
                    {
                        if std::ptr::eq(page, row.page)
                            && !std::ptr::eq(table, row.table)
                            && !found.iter().any(|known| std::ptr::eq(*known, table))
                        {
                            found.push(table);
                        }
                    }
                }
            }
        }
        match found.as_slice() {
            [table] => Some(table),
            _ => None,
        }
    }

    /// The one table of the row's section whose caption (or the paragraph before it, when it
    /// has none) names the row or its object. `Some(None)` when no table does; `None` after an
    /// error.
    #[allow(clippy::option_option)]
    fn table_named_for_row(
        &mut self,
        row: &NestedRow<'pages, '_>,
        object_name: Option<&str>,
        location: &SourceLocation,
    ) -> Option<Option<&'pages DocTable>> {
        // "role_assignments.user": the caption is the row's path from the table holding it.
        let row_path = row
            .table
            .caption
            .as_deref()
            .map(|caption| format!("{}.{}", caption.trim(), row.name));
        let names_row = |label: &str, loosely: bool| {
            let names = |label: &str, name: &str| {
                if loosely {
                    caption_names_row_loosely(label, name)
                } else {
                    caption_names_row(label, name)
                }
            };
            names(label, row.name)
                || object_name.is_some_and(|name| names(label, name))
                || row_path.as_deref() == Some(label.trim())
        };
        let own_section = row.page.sections.iter().position(|section| {
            section
                .blocks
                .iter()
                .any(|block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, row.table)))
        });
        let mut scopes: Vec<Vec<&'pages crate::doc_model::DocSection>> = Vec::new();
        if let Some(position) = own_section {
            scopes.push(vec![&row.page.sections[position]]);
        }
        // An object named by its type ("tags", "matches") may be described once for the whole
        // page, in another section than the row ("Description of the tag field" under the
        // request, used by a response row too).
        if object_name.is_some() {
            scopes.push(row.page.sections.iter().collect());
        }
        // Exact names first; the singular or plural of the row's name only when none matches.
        let scopes: Vec<(Vec<&'pages crate::doc_model::DocSection>, bool)> = scopes
            .into_iter()
            .flat_map(|scope| [(scope.clone(), false), (scope, true)])
            .collect();
        for (scope, loosely) in scopes {
            let mut named: Vec<&'pages DocTable> = Vec::new();
            for section in &scope {
                // The paragraphs since the last table or code block: the one right before an
                // uncaptioned table labels it, or an earlier one followed by a few sentences of
                // prose ("Description of metadata fields", then what they are for, then the
                // table).
                let mut paragraphs: Vec<&str> = Vec::new();
                for block in &section.blocks {
                    match block {
                        DocBlock::Paragraph(line) => paragraphs.push(&line.text),
                        DocBlock::Table(candidate) => {
                            let is_named = match candidate.caption.as_deref() {
                                Some(caption) => names_row(caption, loosely),
                                None => paragraphs.iter().any(|label| names_row(label, loosely)),
                            };
                            if is_named && !std::ptr::eq(candidate, row.table) {
                                named.push(candidate);
                            }
                            paragraphs.clear();
                        }
                        DocBlock::Preformatted(_) => paragraphs.clear(),
                    }
                }
            }
            match named.as_slice() {
                [] => continue,
                [table] => return Some(Some(table)),
                // The page's examples decide between tables captioned alike ("floating_ip
                // objects", a wrapper, and "floating_ip attributes"): the one whose fields an
                // example object shows.
                several if best_fit_to_examples(row.page, several).is_some() => {
                    return Some(best_fit_to_examples(row.page, several));
                }
                several => {
                    self.error(
                        location.clone(),
                        format!(
                            "{} tables are captioned for {:?} and the row links to none of them",
                            several.len(),
                            row.name
                        ),
                    );
                    return None;
                }
            }
        }
        Some(None)
    }

    /// A page-local schema that is any of the schemas of `keys` (alternative forms of a body,
    /// which may share every field: `anyOf`), named `name`; returns its key.
    pub fn one_of_schema(&mut self, page: &DocPage, name: &str, keys: &[String]) -> String {
        let key = format!("{}#alternatives:{name}", page.file_name);
        self.schemas.push(LocalSchema {
            key: key.clone(),
            name: component_safe_name(name),
            operation_id: self.operation_id.clone(),
            schema: Schema {
                schema_data: SchemaData::default(),
                schema_kind: SchemaKind::AnyOf {
                    any_of: keys
                        .iter()
                        .map(|key| ReferenceOr::Reference {
                            reference: format!("{LOCAL_REFERENCE_PREFIX}{key}"),
                        })
                        .collect(),
                },
            },
            location: SourceLocation::page(&page.file_name),
        });
        key
    }

    /// Tables captioned for a field that no row lists ("listeners parameter description")
    /// whose field the page's examples show inside an object the reader has read (the
    /// `loadbalancer` whose table forgot its `listeners` row): the field is added to that
    /// object as an optional property read from the table (an array of it where the example
    /// shows an array), noted. The object is the read table whose fields the example object
    /// shares most (at least two, and at least half of the table's fields).
    pub fn attach_tables_the_examples_place(&mut self) {
        let page = self.page;
        let example_objects = example_objects(page);
        if example_objects.is_empty() {
            return;
        }
        for (_, table) in page.tables() {
            if self.is_table_accounted(page, table) || !Self::is_parameter_table(table) {
                continue;
            }
            let Some(label) = table
                .caption
                .as_deref()
                .or_else(|| crate::import::sections::label_before(page, table))
            else {
                continue;
            };
            let subject = caption_subject(label);
            let field = subject.trim();
            let is_field_name = !field.is_empty()
                && field
                    .chars()
                    .all(|character| character.is_ascii_alphanumeric() || "_-".contains(character));
            if !is_field_name || !caption_names_row(label, field) {
                continue;
            }
            // The example objects that hold the field, and the read object table that fits
            // each best.
            let mut best: Option<(usize, usize, bool)> = None;
            for object in &example_objects {
                let Some(value) = object.get(field) else {
                    continue;
                };
                let others: Vec<&String> =
                    object.keys().filter(|key| key.as_str() != field).collect();
                for (position, schema) in self.schemas.iter().enumerate() {
                    let SchemaKind::Type(Type::Object(candidate)) = &schema.schema.schema_kind
                    else {
                        continue;
                    };
                    if candidate.properties.contains_key(field)
                        || schema.key.contains("#alternatives:")
                    {
                        continue;
                    }
                    let shared = others
                        .iter()
                        .filter(|key| candidate.properties.contains_key(key.as_str()))
                        .count();
                    // Most of the table's fields are members of the example object.
                    if shared >= 2
                        && shared * 2 >= candidate.properties.len()
                        && best.is_none_or(|(_, most, _)| shared > most)
                    {
                        best = Some((position, shared, value.is_array()));
                    }
                }
            }
            let Some((position, _, is_array)) = best else {
                continue;
            };
            let parent_name = self.schemas[position].name.clone();
            let name = nested_schema_name(table, &self.operation_id, field);
            let Some((key, _)) = self.read_object_table(page, table, &name) else {
                continue;
            };
            let reference = ReferenceOr::Reference {
                reference: format!("{LOCAL_REFERENCE_PREFIX}{key}"),
            };
            let property = if is_array {
                ReferenceOr::Item(array_schema(reference))
            } else {
                reference
            };
            if let SchemaKind::Type(Type::Object(object)) =
                &mut self.schemas[position].schema.schema_kind
            {
                object
                    .properties
                    .insert(field.to_owned(), box_schema(property));
            }
            self.note(
                SourceLocation::table(&page.file_name, table),
                format!("the table is captioned for {field}, which no row lists; the page's example shows it in the object of {parent_name}: added there as an optional property"),
            );
        }
    }

    /// Tables labelled with a field's dotted path ("roles.links", "token.catalog") that no row
    /// links to, whose parent table ("roles", "token") the reader has read and lacks the
    /// field: the page documents the field in a table of its own and forgot its row, so it is
    /// added to the parent as an optional property, noted. A path whose parent is a row typed
    /// as a free-form object ("roles.policy.Statement.Condition.operator": the entries of
    /// `Condition`, keyed by operator) is reported: the object stays free-form.
    pub fn attach_dotted_path_tables(&mut self) {
        let page = self.page;
        for (_, table) in page.tables() {
            if self.is_table_accounted(page, table) || !Self::is_parameter_table(table) {
                continue;
            }
            let Some(written_label) = table
                .caption
                .as_deref()
                .or_else(|| crate::import::sections::label_before(page, table))
                .map(str::trim)
            else {
                continue;
            };
            // "roles.links" as it is, or the path a caption names ("Data structure of the
            // spec/extendParam field"), its steps joined by dots.
            let label = if written_label.contains(char::is_whitespace) {
                caption_subject(written_label).replace('/', ".")
            } else {
                written_label.replace('/', ".")
            };
            let label = label.as_str();
            let is_path = label.contains('.')
                && label.split('.').all(|segment| {
                    !segment.is_empty()
                        && segment.chars().all(|character| {
                            character.is_ascii_alphanumeric() || "_-".contains(character)
                        })
                });
            if !is_path {
                continue;
            }
            let (parent_label, field) = label.rsplit_once('.').unwrap_or((label, label));
            let names_parent = |candidate_label: &str| {
                let candidate_label = candidate_label.trim();
                candidate_label == parent_label
                    || caption_subject(candidate_label).replace('/', ".") == parent_label
            };
            let parent = page
                .tables()
                .map(|(_, candidate)| candidate)
                .find(|candidate| {
                    !std::ptr::eq(*candidate, table)
                        && candidate
                            .caption
                            .as_deref()
                            .or_else(|| crate::import::sections::label_before(page, candidate))
                            .is_some_and(names_parent)
                });
            let parent_key = parent.map(|parent| table_key(page, parent));
            let parent_schema = parent_key
                .as_ref()
                .and_then(|key| self.schemas.iter().position(|schema| schema.key == *key));
            match parent_schema {
                Some(position) => {
                    let SchemaKind::Type(Type::Object(object)) =
                        &self.schemas[position].schema.schema_kind
                    else {
                        continue;
                    };
                    if object.properties.contains_key(field) {
                        continue;
                    }
                    let name = nested_schema_name(table, &self.operation_id, field);
                    let Some((key, _)) = self.read_object_table(page, table, &name) else {
                        continue;
                    };
                    let property = ReferenceOr::Reference {
                        reference: format!("{LOCAL_REFERENCE_PREFIX}{key}"),
                    };
                    if let SchemaKind::Type(Type::Object(object)) =
                        &mut self.schemas[position].schema.schema_kind
                    {
                        object
                            .properties
                            .insert(field.to_owned(), box_schema(property));
                    }
                    self.note(
                        SourceLocation::table(&page.file_name, table),
                        format!("the page documents {label} in a table of its own, but the {parent_label} table lists no {field} row: added to it as an optional property"),
                    );
                }
                None if parent.is_none() => {
                    // The parent is a row of a read table, typed without a table of its own.
                    let Some((grandparent_label, parent_field)) = parent_label.rsplit_once('.')
                    else {
                        continue;
                    };
                    let row_type =
                        page.tables()
                            .map(|(_, candidate)| candidate)
                            .find_map(|candidate| {
                                let candidate_label =
                                    candidate.caption.as_deref().or_else(|| {
                                        crate::import::sections::label_before(page, candidate)
                                    })?;
                                if candidate_label.trim() != grandparent_label
                                    || !self.is_table_accounted(page, candidate)
                                {
                                    return None;
                                }
                                let type_column = TYPE_COLUMNS
                                    .iter()
                                    .find_map(|name| candidate.column(name))?;
                                candidate.rows.iter().find_map(|row| {
                                    (row.cells.first()?.text() == parent_field)
                                        .then(|| row.cells.get(type_column).map(DocCell::text))
                                        .flatten()
                                })
                            });
                    if let Some(row_type) = row_type {
                        if parse_type_word(&row_type) == Some(TypeWord::AnyObject) {
                            self.report_table(
                                page,
                                table,
                                format!("describes the entries of {parent_label} (keyed by {field}), a row the page types as {row_type:?} without a table of its own: the object stays free-form, and this table's rows are not in the spec"),
                            );
                        }
                    }
                }
                None => {}
            }
        }
    }

    /// Reads an object (or body) table of `page` into a page-local schema, once per table.
    /// Returns the schema key and whether any row is mandatory.
    pub fn read_object_table(
        &mut self,
        page: &'pages DocPage,
        table: &'pages DocTable,
        name: &str,
    ) -> Option<(String, bool)> {
        let key = table_key(page, table);
        if let Some(existing) = self.schemas.iter().find(|schema| schema.key == key) {
            let required = matches!(&existing.schema.schema_kind, SchemaKind::Type(Type::Object(object)) if !object.required.is_empty());
            return Some((key, required));
        }
        if self.schema_keys_in_progress.contains(&key) {
            // A table that (indirectly) contains itself: the reference is enough.
            return Some((key, false));
        }
        self.schema_keys_in_progress.push(key.clone());
        self.ledger.account_table(page, table, true);
        let columns = self.parameter_columns(page, table, true);
        let mut object = ObjectType::default();
        // A table of one "Array elements" row describes an array's elements, not an object.
        let mut element_schema: Option<ReferenceOr<Schema>> = None;
        let mut whole_value_schema: Option<ReferenceOr<Schema>> = None;
        let mut row_schemas: std::collections::HashMap<String, (ReferenceOr<Schema>, bool)> =
            std::collections::HashMap::new();
        // A table that lists an object's fields right after the object's own row, one of them
        // named like the object (`version | Data structure`, `id`, `links`, …, `version |
        // String`): the rows after it are the object's fields, as the page's example nests
        // them.
        let nested_after = columns
            .as_ref()
            .and_then(|columns| object_row_listing_its_fields(table, columns));
        let mut inner = ObjectType::default();
        let mut inner_rows: std::collections::HashMap<String, (ReferenceOr<Schema>, bool)> =
            std::collections::HashMap::new();
        if let Some((position, object_name)) = &nested_after {
            self.note(
                SourceLocation::table(&page.file_name, table),
                format!(
                    "rows {}–{} list the fields of {object_name} after its row {} (one of them is named {object_name} too): they are read as its fields",
                    position + 2,
                    table.rows.len(),
                    position + 1
                ),
            );
        }
        if let Some(columns) = columns {
            for (row_index, row) in table.rows.iter().enumerate() {
                let (object, row_schemas) = match &nested_after {
                    Some((position, _)) if row_index > *position => (&mut inner, &mut inner_rows),
                    _ => (&mut object, &mut row_schemas),
                };
                let role = row
                    .cells
                    .get(columns.name)
                    .map_or(RowRole::Field, |cell| row_role(&cell.text()));
                // The one row of a table named in words ("Network address of the ECS") stands
                // for every key of a map, not for a field.
                let role = match row.cells.get(columns.name).map(DocCell::text) {
                    Some(name)
                        if role == RowRole::Field
                            && table.rows.len() == 1
                            && name.split_whitespace().count() > 1
                            && parameter_name(&name).contains(' ') =>
                    {
                        RowRole::MapValue
                    }
                    _ => role,
                };
                let Some(parameter_row) = self.read_row(page, table, row, &columns, true) else {
                    continue;
                };
                match role {
                    // A lone row typed as an array ("[items] | Array of X") is the whole
                    // value the table describes: the table is that array.
                    RowRole::ArrayElement
                        if table.rows.len() == 1
                            && matches!(
                                &parameter_row.schema,
                                ReferenceOr::Item(Schema {
                                    schema_kind: SchemaKind::Type(Type::Array(_)),
                                    ..
                                })
                            ) =>
                    {
                        whole_value_schema = Some(parameter_row.schema);
                        continue;
                    }
                    RowRole::ArrayElement if table.rows.len() == 1 => {
                        element_schema = Some(with_description(
                            parameter_row.schema,
                            parameter_row.description,
                        ));
                        continue;
                    }
                    RowRole::MapValue => {
                        let value =
                            with_description(parameter_row.schema, parameter_row.description);
                        object.additional_properties =
                            Some(openapiv3::AdditionalProperties::Schema(Box::new(value)));
                        continue;
                    }
                    _ => {}
                }
                if let Some((first_schema, first_required)) = row_schemas.get(&parameter_row.name) {
                    let location =
                        SourceLocation::row(&page.file_name, table, row, &parameter_row.name);
                    // The same field twice, with the same type, in other words: one field.
                    if *first_schema == parameter_row.schema
                        && *first_required == parameter_row.required
                    {
                        self.note(
                            location,
                            "parameter is listed twice in this table with the same type: the first row is kept",
                        );
                    } else {
                        self.error(
                            location,
                            "parameter is listed twice in this table, with different types",
                        );
                    }
                    continue;
                }
                row_schemas.insert(
                    parameter_row.name.clone(),
                    (parameter_row.schema.clone(), parameter_row.required),
                );
                if parameter_row.required {
                    object.required.push(parameter_row.name.clone());
                }
                let mut property =
                    with_description(parameter_row.schema, parameter_row.description);
                if parameter_row.vague_shape {
                    property = mark_vague_shape(property);
                }
                object
                    .properties
                    .insert(parameter_row.name, box_schema(property));
            }
        }
        if let Some((_, object_name)) = &nested_after {
            let description =
                object
                    .properties
                    .get(object_name)
                    .and_then(|property| match property {
                        ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
                        ReferenceOr::Reference { .. } => None,
                    });
            let nested = Schema {
                schema_data: SchemaData {
                    description,
                    ..SchemaData::default()
                },
                schema_kind: SchemaKind::Type(Type::Object(inner)),
            };
            object
                .properties
                .insert(object_name.clone(), ReferenceOr::Item(Box::new(nested)));
        }
        self.schema_keys_in_progress
            .retain(|in_progress| in_progress != &key);
        let required = !object.required.is_empty();
        let schema = match element_schema.or(whole_value_schema) {
            Some(ReferenceOr::Item(element)) => element,
            Some(reference @ ReferenceOr::Reference { .. }) => Schema {
                schema_data: SchemaData::default(),
                schema_kind: SchemaKind::AllOf {
                    all_of: vec![reference],
                },
            },
            None => Schema {
                schema_data: SchemaData::default(),
                schema_kind: SchemaKind::Type(Type::Object(object)),
            },
        };
        self.schemas.push(LocalSchema {
            key: key.clone(),
            name: component_safe_name(name),
            operation_id: self.operation_id.clone(),
            schema,
            location: SourceLocation::table(&page.file_name, table),
        });
        Some((key, required))
    }
}

/// Of several tables, the one most of whose fields an object of the page's examples has (more
/// than half), when one stands out.
fn best_fit_to_examples<'pages>(
    page: &DocPage,
    tables: &[&'pages DocTable],
) -> Option<&'pages DocTable> {
    let objects = example_objects(page);
    let score = |table: &DocTable| -> usize {
        let names: Vec<String> = table
            .rows
            .iter()
            .filter_map(|row| {
                row.cells
                    .first()
                    .map(DocCell::text)
                    .map(|name| parameter_name(&name))
            })
            .collect();
        objects
            .iter()
            .map(|object| {
                names
                    .iter()
                    .filter(|name| object.contains_key(name.as_str()))
                    .count()
            })
            .filter(|shared| shared * 2 > names.len())
            .max()
            .unwrap_or(0)
    };
    let scores: Vec<usize> = tables.iter().map(|table| score(table)).collect();
    let best = *scores.iter().max()?;
    let winners: Vec<&&DocTable> = tables
        .iter()
        .zip(&scores)
        .filter(|(_, score)| **score == best)
        .map(|(table, _)| table)
        .collect();
    match winners.as_slice() {
        [winner] if best > 0 => Some(winner),
        _ => None,
    }
}

/// The JSON objects of the page's code blocks, at any depth.
fn example_objects(page: &DocPage) -> Vec<serde_json::Map<String, serde_json::Value>> {
    fn collect(
        value: &serde_json::Value,
        objects: &mut Vec<serde_json::Map<String, serde_json::Value>>,
        depth: usize,
    ) {
        if depth > 32 {
            return;
        }
        match value {
            serde_json::Value::Object(members) => {
                objects.push(members.clone());
                for member in members.values() {
                    collect(member, objects, depth + 1);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    collect(item, objects, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut objects = Vec::new();
    for block in page.sections.iter().flat_map(|section| &section.blocks) {
        if let DocBlock::Preformatted(text) = block {
            if let Some(Ok(value)) = crate::import::examples::json_body(text) {
                collect(&value, &mut objects, 0);
            }
        }
    }
    objects
}

/// The sentence of a description that says a field is a map ("The structure is Map<String,
/// Object>."), when it has one.
fn says_map_structure(lines: &[crate::doc_model::DocLine]) -> Option<String> {
    lines.iter().find_map(|line| {
        let lower = line.text.to_ascii_lowercase();
        let start = lower.find("structure is map<")?;
        let sentence = line.text[start..].trim_end_matches('.').trim();
        Some(format!("The {sentence}"))
    })
}

/// `(position, name)` of a row typed as a bare object ("Data structure", "Object") whose name
/// comes again further down the table: the rows after it are that object's fields.
fn object_row_listing_its_fields(
    table: &DocTable,
    columns: &ParameterColumns,
) -> Option<(usize, String)> {
    let type_column = columns.type_word?;
    let names: Vec<String> = table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .get(columns.name)
                .map(DocCell::text)
                .map(|name| parameter_name(&name))
                .unwrap_or_default()
        })
        .collect();
    names.iter().enumerate().find_map(|(position, name)| {
        let is_bare_object = table.rows[position]
            .cells
            .get(type_column)
            .and_then(|cell| parse_type_word(&cell.text()))
            == Some(TypeWord::AnyObject);
        let comes_again = names[position + 1..].contains(name);
        (is_bare_object && comes_again && !name.is_empty()).then(|| (position, name.clone()))
    })
}

/// The copy of `target` (same caption, no anchor of its own) that follows `from` before the next
/// "Status code: N" line of its section: doc-exports pages repeat an object's table under each
/// status that returns it, but keep the anchor only on the first copy, so every row links
/// there; the copy in the row's own status group is the one it means (the copies may differ).
fn repeat_in_status_group<'pages>(
    page: &'pages DocPage,
    from: &DocTable,
    target: &'pages DocTable,
) -> Option<&'pages DocTable> {
    target.caption.as_ref()?;
    let section = page.sections.iter().find(|section| {
        section.blocks.iter().any(
            |block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, from)),
        )
    })?;
    let start = section.blocks.iter().position(
        |block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, from)),
    )?;
    for block in &section.blocks[start + 1..] {
        match block {
            DocBlock::Paragraph(line)
                if crate::import::statuses::status_code_marker(&line.text).is_some() =>
            {
                return None;
            }
            DocBlock::Table(candidate) if std::ptr::eq(candidate, target) => return None,
            DocBlock::Table(candidate)
                if candidate.anchor.is_none()
                    && candidate.caption == target.caption
                    && candidate.header.len() == target.header.len() =>
            {
                return Some(candidate);
            }
            _ => {}
        }
    }
    None
}

/// For the one bare "Object" (or "Array of objects") row of its table: the next table of its
/// section, before any "Status code: N" line, when that table is an object's ("ErrorDetail")
/// that no link and no type word of the page names. Generated pages write `error | Object`
/// and put the object's table right after, without a link between them.
fn next_unreferenced_object_table<'pages>(
    index: &PageIndex<'pages>,
    row: &NestedRow<'pages, '_>,
) -> Option<&'pages DocTable> {
    let type_column = TYPE_COLUMNS
        .iter()
        .find_map(|name| row.table.column(name))?;
    let untyped_rows = row
        .table
        .rows
        .iter()
        .filter(|candidate| {
            candidate
                .cells
                .get(type_column)
                .and_then(|cell| parse_type_word(&cell.text()))
                .is_some_and(|word| is_untyped_container(&word))
        })
        .count();
    if untyped_rows != 1 {
        return None;
    }
    let section = row.page.sections.iter().find(|section| {
        section.blocks.iter().any(
            |block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, row.table)),
        )
    })?;
    let start = section.blocks.iter().position(
        |block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, row.table)),
    )?;
    let next = section.blocks[start + 1..]
        .iter()
        .find_map(|block| match block {
            DocBlock::Paragraph(line)
                if crate::import::statuses::status_code_marker(&line.text).is_some() =>
            {
                Some(None)
            }
            DocBlock::Table(table) => Some(Some(table)),
            _ => None,
        })??;
    // The next table is the object's when it names an object ("ErrorDetail") or nothing at
    // all (an untitled table right under the row's table).
    let caption = next.caption.as_deref().map(str::trim).unwrap_or_default();
    let is_object_caption = is_schema_name(caption)
        && caption.starts_with(|character: char| character.is_ascii_uppercase())
        && !GENERIC_CAPTIONS.contains(&caption);
    if !(is_object_caption || next.caption.is_none()) || !TableReader::is_parameter_table(next) {
        return None;
    }
    let is_referenced = row.page.tables().any(|(_, table)| {
        table.rows.iter().any(|candidate| {
            candidate.cells.iter().any(|cell| {
                (!caption.is_empty() && cell.text().contains(caption))
                    || cell.links().any(|link| {
                        matches!(index.resolve(row.page, link), Some(LinkTarget::Table(_, target)) if std::ptr::eq(target, next))
                    })
            })
        })
    });
    (!is_referenced).then_some(next)
}

/// The one table of `from`'s section captioned like `target`, when `target` lies in another
/// section (a request row linking to the response's table of the same name, whose anchor the
/// request's copy lacks): the row means its own section's table.
fn namesake_in_own_section<'pages>(
    page: &'pages DocPage,
    from: &DocTable,
    target: &'pages DocTable,
) -> Option<&'pages DocTable> {
    let caption = target.caption.as_ref()?;
    let holds = |section: &crate::doc_model::DocSection, table: &DocTable| {
        section.blocks.iter().any(
            |block| matches!(block, DocBlock::Table(candidate) if std::ptr::eq(candidate, table)),
        )
    };
    let section = page.sections.iter().find(|section| holds(section, from))?;
    if holds(section, target) {
        return None;
    }
    let namesakes: Vec<&'pages DocTable> = section
        .blocks
        .iter()
        .filter_map(|block| match block {
            DocBlock::Table(candidate)
                if candidate.caption.as_ref() == Some(caption) && candidate.anchor.is_none() =>
            {
                Some(candidate)
            }
            _ => None,
        })
        .collect();
    match namesakes.as_slice() {
        [table] => Some(table),
        _ => None,
    }
}

/// A row whose schema may be a nested table, with what finding that table needs.
#[derive(Debug, Clone, Copy)]
struct NestedRow<'pages, 'row> {
    page: &'pages DocPage,
    table: &'pages DocTable,
    row: &'pages DocRow,
    name: &'row str,
    type_cell: Option<&'pages DocCell>,
    description_cell: Option<&'pages DocCell>,
}

/// The page-local key of a table's schema: `<file>#<anchor>`. Tables without an anchor (most
/// body tables of the RST pages) are told apart by their position on the page, since several
/// share one caption.
pub fn table_key(page: &DocPage, table: &DocTable) -> String {
    let table_key = match &table.anchor {
        Some(anchor) => anchor.clone(),
        None => {
            let position = page
                .tables()
                .position(|(_, candidate)| std::ptr::eq(candidate, table))
                .unwrap_or(usize::MAX);
            format!("table{}:{}", position.wrapping_add(1), table.display_name())
        }
    };
    format!("{}#{table_key}", page.file_name)
}

/// A component name OpenAPI accepts (`^[a-zA-Z0-9._-]+$`): a name with other characters
/// ("Security Group Rule", "binding:profile") in PascalCase.
fn component_safe_name(name: &str) -> String {
    let is_safe = !name.is_empty()
        && name
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || "._-".contains(character));
    if is_safe {
        name.to_owned()
    } else {
        pascal_case(name)
    }
}

/// A free-form object or any value: a schema no enumeration of words can constrain.
fn is_unconstrainable(schema: &ReferenceOr<Schema>) -> bool {
    matches!(
        schema,
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Any(_) | SchemaKind::Type(Type::Object(_)),
            ..
        })
    )
}

/// What a row of an object table stands for, by its name cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowRole {
    Field,
    /// "Array elements", "[Array element]": the elements of the array the table describes.
    ArrayElement,
    /// "{User defined key}", "User-defined field key and value pair": every entry of a map.
    MapValue,
}

fn row_role(name: &str) -> RowRole {
    let lower = name.trim().to_ascii_lowercase();
    let bare = lower.trim_matches(|character| matches!(character, '[' | ']' | '{' | '}'));
    // "[items]": the array the table is (a body that is a top-level array).
    let is_bracketed = lower.starts_with('[') && lower.ends_with(']');
    if matches!(
        bare,
        "array elements" | "array element" | "element" | "elements"
    ) || (is_bracketed && matches!(bare, "items" | "array"))
    {
        return RowRole::ArrayElement;
    }
    let is_placeholder = lower.starts_with('{') && lower.ends_with('}') && lower.contains(' ');
    let is_user_defined = lower.starts_with("user-defined") || lower.starts_with("user defined");
    if is_placeholder || (is_user_defined && lower.contains("key")) {
        return RowRole::MapValue;
    }
    RowRole::Field
}

/// What a mandatory cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mandatory {
    Yes,
    No,
    /// "Conditionally mandatory", "Conditional", "Mandatory when …".
    Conditional,
}

fn mandatory_value(text: &str) -> Option<Mandatory> {
    let lower = text.trim().trim_end_matches('.').to_ascii_lowercase();
    match lower.as_str() {
        "yes" | "true" | "mandatory" | "required" | "y" | "m" => return Some(Mandatory::Yes),
        "no" | "false" | "optional" | "n" | "o" | "" => return Some(Mandatory::No),
        _ => {}
    }
    // "No\nEither this parameter or the id parameter must be selected.": the answer, then when.
    if lower.contains('\n') {
        let first_line = lower
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .trim_end_matches('.');
        if matches!(
            mandatory_value(first_line),
            Some(Mandatory::Yes | Mandatory::No)
        ) {
            return Some(Mandatory::Conditional);
        }
    }
    if lower.starts_with("conditional")
        || lower.contains("conditionally")
        || (lower.starts_with("if ") && lower.contains("mandatory"))
        || lower.starts_with("yes ")
        || lower.starts_with("yes,")
        || lower.starts_with("yes (")
        || lower.starts_with("mandatory when")
        || lower.starts_with("mandatory if")
        || lower.starts_with("mandatory for")
        || lower.starts_with("no (")
        || lower.starts_with("no,")
        || lower.starts_with("no. ")
        || lower.starts_with("depends")
        // A sentence that states the condition ("This parameter is mandatory when action is
        // set to create and optional when action is set to delete.").
        || ["mandatory when", "mandatory if", "optional when", "optional if", "required when", "required if"]
            .iter()
            .any(|phrase| lower.contains(phrase))
    {
        return Some(Mandatory::Conditional);
    }
    None
}

/// `name (deprecated)` → `name`; `name*` → `name`; `scaling_ configuration _id` (a name the
/// source wrapped at its underscores) → `scaling_configuration_id`.
fn parameter_name(text: &str) -> String {
    let text = text.trim();
    let unwrapped: String = text.split_whitespace().collect();
    let wrapped_at_underscores = text.contains(char::is_whitespace)
        && text.split_whitespace().count() > 1
        && text
            .split_whitespace()
            .zip(text.split_whitespace().skip(1))
            .all(|(before, after)| before.ends_with('_') || after.starts_with('_'));
    if wrapped_at_underscores {
        return unwrapped;
    }
    let text = match text.split_once(" (") {
        Some((name, remark)) if remark.ends_with(')') && !name.contains(' ') => name,
        _ => text,
    };
    text.trim_end_matches(['*', ':']).trim().to_owned()
}

/// "Object", "Array", "Array of objects": a container that names no element type.
fn is_untyped_container(type_word: &TypeWord) -> bool {
    match type_word {
        TypeWord::AnyObject => true,
        TypeWord::Array(element) => matches!(**element, TypeWord::AnyValue | TypeWord::AnyObject),
        _ => false,
    }
}

/// Whether a caption (or the paragraph before an uncaptioned table) names a row: "results
/// parameter description", "instances parameters", "Parameter description of the
/// available_zones array", "instance_backup_policy", "servers field description", "Parameters
/// in the links field", "instance field data structure description".
pub fn caption_names_row(caption: &str, row_name: &str) -> bool {
    let subject = caption_subject(caption).to_ascii_lowercase();
    let row_name = row_name.to_ascii_lowercase();
    // "spec/extendParam": the field's path from the body, whose last step is the row.
    subject == row_name
        || (subject.contains('/')
            && !row_name.contains('/')
            && subject.rsplit('/').next() == Some(row_name.as_str()))
}

/// What a caption (or the paragraph before an uncaptioned table) names, in its own case:
/// "Data structure of the **spec/extendParam** field" → `spec/extendParam`, "servers field
/// description" → `servers`.
pub fn caption_subject(caption: &str) -> String {
    let original = caption.trim().trim_end_matches([':', '.']).trim();
    let caption = original.to_ascii_lowercase();
    let mut subject = caption.as_str();
    for prefix in [
        "parameter description of field ",
        "parameter description of the ",
        "parameter description of ",
        "parameters description of ",
        "description of field ",
        "description of the field ",
        "description of fields ",
        "parameters of the ",
        "parameters of ",
        "field ",
        "description of ",
        "parameters in the ",
        "parameter in the ",
        "parameters of the ",
        "parameters in ",
        "parameter in ",
        "data structure description of the ",
        "data structure description of ",
        "description of the ",
        "fields in the ",
        "fields of the ",
        "data structure of the ",
        "data structure of field ",
        "data structure of ",
        "description for the ",
        "description for ",
    ] {
        if let Some(rest) = subject.strip_prefix(prefix) {
            subject = rest;
            break;
        }
    }
    subject = subject.strip_prefix("the ").unwrap_or(subject);
    // Remarks in parentheses: "instance field data structure description (creating a read
    // replica)"; and what the object belongs to: "configurations parameter description of
    // services, roles, and instances".
    let subject = subject.split(" (").next().unwrap_or(subject).trim();
    let subject = [
        " parameter description of ",
        " parameters description of ",
        " field description of ",
    ]
    .iter()
    .find_map(|marker| subject.split_once(marker).map(|(object, _)| object))
    .unwrap_or(subject);
    let mut subject = subject;
    for suffix in [
        " field data structure description",
        " field data structure",
        " data structure description",
        " data structure",
        " field description",
        " fields description",
        " parameter description",
        " parameters description",
        " parameter information",
        " object has the following attributes",
        " objects have the following attributes",
        " has the following attributes",
        " contains the following attributes",
        " attributes",
        " attribute values",
        " structure description",
        " format",
        " object description",
        " field",
        " fields",
        " parameters",
        " parameter",
        " array",
        " object",
        " objects",
        " structure",
        " description",
    ] {
        if let Some(rest) = subject.strip_suffix(suffix) {
            subject = rest;
            break;
        }
    }
    let subject = subject.trim();
    let subject = subject.strip_suffix(" field").map_or(subject, str::trim);
    // ASCII lower-casing keeps every byte where it was: the subject's place in the original.
    let start = subject.as_ptr() as usize - caption.as_ptr() as usize;
    original
        .get(start..start + subject.len())
        .unwrap_or(subject)
        .to_owned()
}

/// Whether a caption names a row in the singular or plural ("instance parameter description"
/// for the row `instances`, "tag field" for the object `tags`): the fallback when no caption
/// names the row exactly.
pub fn caption_names_row_loosely(caption: &str, row_name: &str) -> bool {
    caption_names_row(caption, row_name)
        || caption_names_row(caption, &singular(row_name))
        || caption_names_row(caption, &format!("{row_name}s"))
}

/// A name without its plural ending: `instances` → `instance`, `tags` → `tag`, `matches` →
/// `match`, `policies` → `policy`.
fn singular(name: &str) -> std::borrow::Cow<'_, str> {
    if let Some(stem) = name.strip_suffix("ies") {
        return std::borrow::Cow::Owned(format!("{stem}y"));
    }
    for ending in ["ches", "shes", "sses", "xes"] {
        if name.ends_with(ending) {
            return std::borrow::Cow::Borrowed(&name[..name.len() - 2]);
        }
    }
    std::borrow::Cow::Borrowed(name.strip_suffix('s').unwrap_or(name))
}

/// Captions that are a single generic word, never an object's name.
const GENERIC_CAPTIONS: [&str; 4] = ["Parameters", "Parameter", "Description", "Response"];

/// The schema name of a nested table: its caption when that is an object name
/// ("StatusStatistic"), else the operation id and the row name in PascalCase (`results` →
/// `<OperationId>Results`), because captions such as "results parameter description" only
/// repeat the row name, which several operations share with different shapes.
pub fn nested_schema_name(table: &DocTable, operation_id: &str, row_name: &str) -> String {
    if let Some(caption) = table.caption.as_deref().map(str::trim) {
        let is_object_name = is_schema_name(caption)
            && caption.starts_with(|character: char| character.is_ascii_uppercase())
            && !GENERIC_CAPTIONS.contains(&caption);
        if is_object_name {
            return caption.to_owned();
        }
    }
    let row_part: String = pascal_case(row_name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{operation_id}{row_part}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_name_rows() {
        assert!(caption_names_row(
            "results parameter description",
            "results"
        ));
        assert!(caption_names_row("instances parameters", "instances"));
        assert!(caption_names_row(
            "Parameter description of the available_zones array",
            "available_zones"
        ));
        assert!(caption_names_row(
            "instance_backup_policy",
            "instance_backup_policy"
        ));
        assert!(caption_names_row("servers field description", "servers"));
        assert!(caption_names_row("Parameters in the links field", "links"));
        assert!(caption_names_row(
            "instance field data structure description (creating a read replica)",
            "instance"
        ));
        assert!(!caption_names_row("Parameter description", "results"));
        assert!(!caption_names_row("versions parameters", "version"));
    }

    #[test]
    fn mandatory_cells() {
        assert_eq!(mandatory_value("Yes"), Some(Mandatory::Yes));
        assert_eq!(mandatory_value("No"), Some(Mandatory::No));
        assert_eq!(
            mandatory_value("Conditionally mandatory"),
            Some(Mandatory::Conditional)
        );
        assert_eq!(mandatory_value("Sometimes"), None);
    }

    #[test]
    fn parameter_names_lose_their_remarks() {
        assert_eq!(parameter_name("name (deprecated)"), "name");
        assert_eq!(parameter_name("count*"), "count");
        assert_eq!(parameter_name("X-Auth-Token"), "X-Auth-Token");
        assert_eq!(
            parameter_name("scaling_ configuration _id"),
            "scaling_configuration_id"
        );
        assert_eq!(parameter_name("Array elements"), "Array elements");
    }
}
