//! A result (the raw response's JSON, whatever the docs say) rendered for people and scripts:
//! `-o json|yaml|table|wide|tsv|csv|value|ndjson`, `-c/--column` and `--query` (JMESPath on
//! the whole result, after every page). Only data goes to the writer given (stdout); a closed
//! pipe is the reader's choice, not an error (the caller ends quietly on `BrokenPipe`).

use std::io::{self, Write};

use serde_json::Value;

use crate::failure::CliError;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
    Table,
    Wide,
    Tsv,
    Csv,
    Value,
    Ndjson,
}

impl Format {
    pub const NAMES: [&'static str; 8] = [
        "json", "yaml", "table", "wide", "tsv", "csv", "value", "ndjson",
    ];

    pub fn parse(name: Option<&str>) -> Result<Format, CliError> {
        Ok(match name.unwrap_or("json") {
            "json" => Format::Json,
            "yaml" => Format::Yaml,
            "table" => Format::Table,
            "wide" => Format::Wide,
            "tsv" => Format::Tsv,
            "csv" => Format::Csv,
            "value" => Format::Value,
            "ndjson" => Format::Ndjson,
            other => {
                return Err(CliError::usage(format!(
                    "-o {other}: not a format ({})",
                    Format::NAMES.join(", ")
                )))
            }
        })
    }
}

/// How many columns `table` shows when no `-c` names them (`wide` shows all).
const TABLE_COLUMNS: usize = 6;

/// Columns `table` prefers, in this order, before the others.
const PREFERRED_COLUMNS: &[&str] = &["id", "name", "status", "state"];

/// A compiled JMESPath expression.
pub struct Query {
    expression: jmespath::Expression<'static>,
}

impl std::fmt::Debug for Query {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "Query({})", self.expression)
    }
}

impl Query {
    pub fn compile(text: &str, flag: &str) -> Result<Query, CliError> {
        jmespath::compile(text)
            .map(|expression| Query { expression })
            .map_err(|error| CliError::usage(format!("{flag} {text:?}: {error}")))
    }

    pub fn search(&self, value: &Value) -> Result<Value, CliError> {
        let result = self
            .expression
            .search(value)
            .map_err(|error| CliError::usage(format!("--query: {error}")))?;
        serde_json::to_value(&*result)
            .map_err(|error| CliError::failure(format!("--query: {error}")))
    }

    /// JMESPath's truth: not false, null, an empty string, array or object.
    pub fn holds(&self, value: &Value) -> Result<bool, CliError> {
        Ok(match self.search(value)? {
            Value::Null | Value::Bool(false) => false,
            Value::String(text) => !text.is_empty(),
            Value::Array(elements) => !elements.is_empty(),
            Value::Object(members) => !members.is_empty(),
            Value::Bool(true) | Value::Number(_) => true,
        })
    }
}

/// How to render a result.
#[derive(Debug)]
pub struct Rendering {
    pub format: Format,
    /// `-c` columns: each a JMESPath expression on a row (a dotted path is one).
    pub columns: Vec<(String, Query)>,
    /// Where a list's items are when the operation says (its pagination's items path).
    pub items_path: Option<String>,
}

impl Rendering {
    pub fn new(
        format: Format,
        columns: &[&str],
        items_path: Option<String>,
    ) -> Result<Rendering, CliError> {
        let columns = columns
            .iter()
            .map(|column| Ok(((*column).to_owned(), Query::compile(column, "-c")?)))
            .collect::<Result<_, CliError>>()?;
        Ok(Rendering {
            format,
            columns,
            items_path,
        })
    }

    pub fn render(&self, value: &Value, writer: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json => {
                let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
                writeln!(writer, "{text}")
            }
            Format::Yaml => {
                let text = serde_yaml::to_string(value).map_err(io::Error::other)?;
                writer.write_all(text.as_bytes())
            }
            Format::Ndjson => match self.rows(value) {
                Rows::List(rows) => {
                    for row in rows {
                        writeln!(writer, "{row}")?;
                    }
                    Ok(())
                }
                Rows::Single(value) => writeln!(writer, "{value}"),
            },
            Format::Table | Format::Wide | Format::Tsv | Format::Csv | Format::Value => {
                self.render_rows(value, writer)
            }
        }
    }

    /// The rows of a result: a list's items (the result itself, the items path, or the one
    /// array-of-objects member of an object), or the result as a single row.
    fn rows<'v>(&self, value: &'v Value) -> Rows<'v> {
        if let Value::Array(elements) = value {
            return Rows::List(elements.iter().collect());
        }
        if let Some(path) = &self.items_path {
            let mut current = Some(value);
            for step in path.split('.') {
                current = current.and_then(|current| current.get(step));
            }
            if let Some(Value::Array(elements)) = current {
                return Rows::List(elements.iter().collect());
            }
        }
        if let Value::Object(members) = value {
            let arrays: Vec<&Vec<Value>> = members
                .values()
                .filter_map(|member| member.as_array())
                .filter(|elements| elements.iter().all(Value::is_object))
                .collect();
            let lists = members.values().filter(|member| member.is_array()).count();
            if arrays.len() == 1 && lists == 1 {
                return Rows::List(arrays[0].iter().collect());
            }
        }
        Rows::Single(value)
    }

    fn render_rows(&self, value: &Value, writer: &mut dyn Write) -> io::Result<()> {
        let (header, cells) = match self.rows(value) {
            Rows::List(rows) => self.cells(&rows),
            Rows::Single(single)
                if self.columns.is_empty()
                    && single.is_object()
                    && matches!(self.format, Format::Table | Format::Wide) =>
            {
                // One object: a field per line.
                let members = single.as_object().expect("an object");
                let cells = members
                    .iter()
                    .map(|(name, member)| vec![name.clone(), cell_text(member)])
                    .collect();
                (vec!["field".to_owned(), "value".to_owned()], cells)
            }
            Rows::Single(single) => self.cells(&[single]),
        };
        match self.format {
            Format::Table | Format::Wide => {
                let mut table = comfy_table::Table::new();
                table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
                table.set_header(header);
                for row in cells {
                    table.add_row(row);
                }
                writeln!(writer, "{table}")
            }
            Format::Tsv => {
                writeln!(
                    writer,
                    "{}",
                    header
                        .iter()
                        .map(|cell| tsv_cell(cell))
                        .collect::<Vec<_>>()
                        .join("\t")
                )?;
                for row in cells {
                    writeln!(
                        writer,
                        "{}",
                        row.iter()
                            .map(|cell| tsv_cell(cell))
                            .collect::<Vec<_>>()
                            .join("\t")
                    )?;
                }
                Ok(())
            }
            Format::Csv => {
                writeln!(
                    writer,
                    "{}",
                    header
                        .iter()
                        .map(|cell| csv_cell(cell))
                        .collect::<Vec<_>>()
                        .join(",")
                )?;
                for row in cells {
                    writeln!(
                        writer,
                        "{}",
                        row.iter()
                            .map(|cell| csv_cell(cell))
                            .collect::<Vec<_>>()
                            .join(",")
                    )?;
                }
                Ok(())
            }
            _ => {
                for row in cells {
                    writeln!(
                        writer,
                        "{}",
                        row.iter()
                            .map(|cell| tsv_cell(cell))
                            .collect::<Vec<_>>()
                            .join("\t")
                    )?;
                }
                Ok(())
            }
        }
    }

    /// The header and cells of a list of rows: the `-c` columns, or the rows' members in the
    /// order first seen (`table`: the scalar ones, preferred names first, at most
    /// [`TABLE_COLUMNS`]).
    fn cells(&self, rows: &[&Value]) -> (Vec<String>, Vec<Vec<String>>) {
        if !self.columns.is_empty() {
            let header = self.columns.iter().map(|(name, _)| name.clone()).collect();
            let cells = rows
                .iter()
                .map(|row| {
                    self.columns
                        .iter()
                        .map(|(_, query)| {
                            query
                                .search(row)
                                .map(|value| cell_text(&value))
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect();
            return (header, cells);
        }
        if !rows.iter().any(|row| row.is_object()) {
            let cells = rows.iter().map(|row| vec![cell_text(row)]).collect();
            return (vec!["value".to_owned()], cells);
        }
        let mut names: Vec<String> = Vec::new();
        for row in rows {
            if let Value::Object(members) = row {
                for (name, member) in members {
                    let shown =
                        self.format != Format::Table || !(member.is_object() || member.is_array());
                    if shown && !names.contains(name) {
                        names.push(name.clone());
                    }
                }
            }
        }
        if self.format == Format::Table {
            let preferred = |name: &String| {
                PREFERRED_COLUMNS
                    .iter()
                    .position(|preferred| preferred == name)
                    .unwrap_or(PREFERRED_COLUMNS.len())
            };
            // Stable: preferred names first, the rest in the order first seen.
            names.sort_by_key(preferred);
            names.truncate(TABLE_COLUMNS);
        }
        let cells = rows
            .iter()
            .map(|row| {
                names
                    .iter()
                    .map(|name| row.get(name).map(cell_text).unwrap_or_default())
                    .collect()
            })
            .collect();
        (names, cells)
    }
}

enum Rows<'v> {
    List(Vec<&'v Value>),
    Single(&'v Value),
}

/// A value in a cell: strings as they are, `null` empty, the rest as compact JSON.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn tsv_cell(cell: &str) -> String {
    cell.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(format: Format, columns: &[&str], value: Value) -> String {
        let rendering = Rendering::new(format, columns, None).expect("valid");
        let mut output = Vec::new();
        rendering.render(&value, &mut output).expect("written");
        String::from_utf8(output).expect("UTF-8")
    }

    fn vpcs() -> Value {
        serde_json::json!({"vpcs": [
            {"name": "web", "id": "v-1", "routes": [], "cidr": "10.0.0.0/16"},
            {"name": "db, main", "id": "v-2", "routes": [{"x": 1}], "cidr": "10.1.0.0/16"},
        ]})
    }

    #[test]
    fn a_list_becomes_rows_with_the_preferred_columns_first() {
        assert_eq!(
            render(Format::Tsv, &[], vpcs()),
            "name\tid\troutes\tcidr\nweb\tv-1\t[]\t10.0.0.0/16\ndb, main\tv-2\t[{\"x\":1}]\t10.1.0.0/16\n"
        );
        assert_eq!(
            render(Format::Csv, &["id", "name"], vpcs()),
            "id,name\nv-1,web\nv-2,\"db, main\"\n"
        );
        assert_eq!(render(Format::Value, &["id"], vpcs()), "v-1\nv-2\n");
        let table = render(Format::Table, &[], vpcs());
        let header = table.lines().nth(1).expect("a header line");
        assert!(
            header.contains("id") && header.contains("cidr") && !header.contains("routes"),
            "{table}"
        );
        assert!(header.find("id") < header.find("name"), "{table}");
    }

    #[test]
    fn ndjson_is_one_item_per_line_and_json_is_the_value_itself() {
        assert_eq!(
            render(Format::Ndjson, &[], vpcs()),
            "{\"name\":\"web\",\"id\":\"v-1\",\"routes\":[],\"cidr\":\"10.0.0.0/16\"}\n{\"name\":\"db, main\",\"id\":\"v-2\",\"routes\":[{\"x\":1}],\"cidr\":\"10.1.0.0/16\"}\n"
        );
        assert_eq!(
            render(Format::Json, &[], serde_json::json!({"a": 1})),
            "{\n  \"a\": 1\n}\n"
        );
        assert_eq!(
            render(Format::Yaml, &[], serde_json::json!({"a": 1})),
            "a: 1\n"
        );
    }

    #[test]
    fn a_query_sees_the_whole_result() {
        let query = Query::compile("vpcs[?name=='web'].id | [0]", "--query").expect("valid");
        assert_eq!(
            query.search(&vpcs()).expect("a result"),
            serde_json::json!("v-1")
        );
        assert!(query.holds(&vpcs()).expect("a result"));
        let error = Query::compile("vpcs[", "--query").expect_err("broken");
        assert!(
            error.message.starts_with("--query \"vpcs[\""),
            "{}",
            error.message
        );
    }
}
