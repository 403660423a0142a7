//! A service's command table, decoded lazily: the embedded text is split into lines once, the
//! index decoded for the service's help, and an operation or a type only when a command reaches
//! it (`otc vpc list-vpcs` decodes one operation line and the types its flags and checks need,
//! not the other operations of VPC, nor any other service).

use std::cell::OnceCell;

use otc_cli_table::{Operation, ServiceIndex, Shape, TypeEntry, TypeKind, TABLE_FORMAT_VERSION};

use crate::services::SERVICES;

/// A service's table as it is embedded in the binary (`services.rs`, generated).
#[derive(Debug)]
pub struct ServiceTable {
    pub id: &'static str,
    pub title: &'static str,
    /// One JSON document per line: the index, the operations, the types.
    pub text: &'static str,
}

/// Every service, in the catalog's order.
pub fn services() -> &'static [ServiceTable] {
    SERVICES
}

/// The service with this id.
pub fn find_service(service_id: &str) -> Option<&'static ServiceTable> {
    SERVICES.iter().find(|service| service.id == service_id)
}

/// How deep aliases and unions are followed when a type is resolved (a table with an alias
/// cycle would otherwise loop).
const MAX_ALIAS_DEPTH: usize = 32;

/// One service's table with what was decoded of it so far.
#[derive(Debug)]
pub struct LoadedService {
    pub table: &'static ServiceTable,
    pub index: ServiceIndex<'static>,
    lines: Vec<&'static str>,
    types: Vec<OnceCell<TypeEntry<'static>>>,
}

/// A table that does not read: the binary was built from a table of another format or a
/// broken one. Never the user's fault; reported as an internal error.
#[derive(Debug, thiserror::Error)]
#[error("the command table of {service_id} is broken: {message}")]
pub struct BrokenTable {
    pub service_id: String,
    pub message: String,
}

impl LoadedService {
    pub fn load(table: &'static ServiceTable) -> Result<LoadedService, BrokenTable> {
        let broken = |message: String| BrokenTable {
            service_id: table.id.to_owned(),
            message,
        };
        let lines: Vec<&'static str> = table.text.lines().collect();
        let first = lines
            .first()
            .ok_or_else(|| broken("it is empty".to_owned()))?;
        let index: ServiceIndex<'static> =
            serde_json::from_str(first).map_err(|error| broken(format!("index: {error}")))?;
        if index.format_version != TABLE_FORMAT_VERSION {
            return Err(broken(format!(
                "format {} instead of {TABLE_FORMAT_VERSION}",
                index.format_version
            )));
        }
        let expected_lines = 1 + index.operations.len() + index.type_names.len();
        if lines.len() != expected_lines {
            return Err(broken(format!(
                "{} lines instead of {expected_lines}",
                lines.len()
            )));
        }
        let types = (0..index.type_names.len())
            .map(|_| OnceCell::new())
            .collect();
        Ok(LoadedService {
            table,
            index,
            lines,
            types,
        })
    }

    /// The position of the operation with this command.
    pub fn operation_position(&self, command: &str) -> Option<usize> {
        self.index
            .operations
            .iter()
            .position(|operation| operation.command == command)
    }

    /// The operation at `position` of the index.
    pub fn operation(&self, position: usize) -> Result<Operation<'static>, BrokenTable> {
        let line = self.lines.get(1 + position).ok_or_else(|| BrokenTable {
            service_id: self.table.id.to_owned(),
            message: format!("no operation {position}"),
        })?;
        serde_json::from_str(line).map_err(|error| BrokenTable {
            service_id: self.table.id.to_owned(),
            message: format!("operation {position}: {error}"),
        })
    }

    /// The named type at `index`, decoded on first use. A type line that does not decode is
    /// a broken table; it reads as an alias of any value so the caller can go on (the
    /// command-tree test decodes every line, so such a table never ships).
    pub fn type_entry(&self, index: u32) -> &TypeEntry<'static> {
        static ANY: TypeEntry<'static> = TypeEntry {
            name: std::borrow::Cow::Borrowed("(unknown)"),
            kind: TypeKind::Alias(Shape::Any),
        };
        let Some(cell) = self.types.get(index as usize) else {
            return &ANY;
        };
        cell.get_or_init(|| {
            let line = self.lines[1 + self.index.operations.len() + index as usize];
            serde_json::from_str(line).unwrap_or_else(|_| ANY.clone())
        })
    }

    /// Every type line decoded, for the tests of the tables: the first one that does not read.
    pub fn check_every_line(&self) -> Result<(), BrokenTable> {
        for position in 0..self.index.operations.len() {
            self.operation(position)?;
        }
        for (index, line) in self.lines[1 + self.index.operations.len()..]
            .iter()
            .enumerate()
        {
            serde_json::from_str::<TypeEntry<'_>>(line).map_err(|error| BrokenTable {
                service_id: self.table.id.to_owned(),
                message: format!("type {index}: {error}"),
            })?;
        }
        Ok(())
    }

    /// The shape with aliases followed to what it stands for: a scalar, array, map, or a
    /// named struct, enum or union (returned as `Shape::Type`).
    pub fn resolve<'s>(&'s self, shape: &'s Shape) -> &'s Shape {
        let mut current = shape;
        for _ in 0..MAX_ALIAS_DEPTH {
            match current {
                Shape::Type(index) => match &self.type_entry(*index).kind {
                    TypeKind::Alias(target) => current = target,
                    _ => return current,
                },
                _ => return current,
            }
        }
        current
    }
}
