//! The import summary: every page accounted for (imported, merged, skipped with its reason, or
//! failed with file, table and row), every decision noted, every override applied.

use std::fmt;

use crate::import::page_operation::ImportNote;
use crate::import::ImportError;

/// Accounts for every page and every decision the importer made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub pages_read: usize,
    /// `(operation id, file name)` in path order.
    pub operations: Vec<(String, String)>,
    /// Pages in an older hand-written format whose operations were imported, in file name
    /// order.
    pub hand_written_pages: Vec<String>,
    /// `(kept file, merged duplicate file)`.
    pub merged_duplicates: Vec<(String, String)>,
    /// `(first file, other file, "METHOD path")`: another variant of an operation, combined
    /// with the first page's (bodies and responses of either page).
    pub combined_pages: Vec<(String, String, String)>,
    /// `(file, reason)`: pages that are no operation pages, or left out by an override.
    pub skipped_pages: Vec<(String, String)>,
    /// Pages that could not be imported, each with every problem found on it.
    pub failed_pages: Vec<FailedPage>,
    /// General status code pages, which operations of the older format refer to.
    pub status_code_pages: Vec<String>,
    /// What the import decided or left out on imported pages (examples that are not JSON,
    /// success statuses assumed from the method).
    pub notes: Vec<ImportNote>,
    pub schema_conflicts: Vec<String>,
    pub description_differences: Vec<String>,
    pub overrides_applied: Vec<String>,
    /// Files of the source folder that are not documentation pages.
    pub other_files: Vec<String>,
    /// Where a schema was widened to accept what an example on its page shows (a field the
    /// tables lack, another type, a null, a value outside the listed ones): `page: place:
    /// decision`.
    pub example_evidence: Vec<String>,
    /// Error code pages, imported as data (`x-error-codes`), with their number of codes.
    pub error_code_pages: Vec<(String, usize)>,
    /// Operations a pagination rule fits (`x-pagination`), with how they page.
    pub paginated_operations: Vec<String>,
    /// The tables, rows and code blocks of the imported operation pages, taken into the spec
    /// or reported (conservation: nothing else is left).
    pub conservation: crate::import::ledger::ConservationCounts,
}

/// A page that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FailedPage {
    pub file_name: String,
    pub errors: Vec<ImportError>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(formatter, "pages read: {}", self.pages_read)?;
        writeln!(formatter, "operations imported: {}", self.operations.len())?;
        let counts = &self.conservation;
        writeln!(
            formatter,
            "accounted for on the imported operation pages: {} tables ({} taken, {} reported), {} rows of taken tables ({} taken, {} reported), {} code blocks ({} taken, {} reported); none unaccounted",
            counts.tables_taken + counts.tables_reported,
            counts.tables_taken,
            counts.tables_reported,
            counts.rows_taken + counts.rows_reported,
            counts.rows_taken,
            counts.rows_reported,
            counts.code_blocks_taken + counts.code_blocks_reported,
            counts.code_blocks_taken,
            counts.code_blocks_reported
        )?;
        writeln!(
            formatter,
            "  pages in an older hand-written format imported: {}",
            self.hand_written_pages.len()
        )?;
        writeln!(formatter, "failed pages: {}", self.failed_pages.len())?;
        for failed in &self.failed_pages {
            writeln!(formatter, "  failed: {}", failed.file_name)?;
            for error in &failed.errors {
                writeln!(formatter, "    {error}")?;
            }
        }
        writeln!(
            formatter,
            "merged duplicate pages: {}",
            self.merged_duplicates.len()
        )?;
        for (kept, merged) in &self.merged_duplicates {
            writeln!(
                formatter,
                "  merged: {merged} describes the same operation as {kept}"
            )?;
        }
        writeln!(
            formatter,
            "pages combined with another variant of their operation: {}",
            self.combined_pages.len()
        )?;
        for (first, other, route) in &self.combined_pages {
            writeln!(
                formatter,
                "  combined: {other} documents {route} too, in another variant: combined with {first}"
            )?;
        }
        writeln!(
            formatter,
            "general status code pages: {}",
            self.status_code_pages.len()
        )?;
        for file_name in &self.status_code_pages {
            writeln!(formatter, "  status codes: {file_name}")?;
        }
        writeln!(
            formatter,
            "error code pages (imported as x-error-codes): {}",
            self.error_code_pages.len()
        )?;
        for (file_name, code_count) in &self.error_code_pages {
            writeln!(formatter, "  error codes: {file_name}: {code_count} codes")?;
        }
        writeln!(formatter, "skipped pages: {}", self.skipped_pages.len())?;
        for (file_name, reason) in &self.skipped_pages {
            writeln!(formatter, "  skipped: {file_name}: {reason}")?;
        }
        writeln!(formatter, "notes: {}", self.notes.len())?;
        for note in &self.notes {
            writeln!(formatter, "  note: {}: {}", note.location, note.message)?;
        }
        writeln!(
            formatter,
            "schema name conflicts: {}",
            self.schema_conflicts.len()
        )?;
        for conflict in &self.schema_conflicts {
            writeln!(formatter, "  conflict: {conflict}")?;
        }
        writeln!(
            formatter,
            "description differences: {}",
            self.description_differences.len()
        )?;
        for difference in &self.description_differences {
            writeln!(formatter, "  description: {difference}")?;
        }
        writeln!(
            formatter,
            "schemas widened to accept what the page's examples show: {}",
            self.example_evidence.len()
        )?;
        for decision in &self.example_evidence {
            writeln!(formatter, "  evidence: {decision}")?;
        }
        writeln!(
            formatter,
            "paginated operations: {}",
            self.paginated_operations.len()
        )?;
        for operation in &self.paginated_operations {
            writeln!(formatter, "  paginated: {operation}")?;
        }
        if !self.other_files.is_empty() {
            writeln!(
                formatter,
                "other files (not pages): {}",
                self.other_files.join(", ")
            )?;
        }
        writeln!(
            formatter,
            "overrides applied: {}",
            self.overrides_applied.len()
        )?;
        for applied in &self.overrides_applied {
            writeln!(formatter, "  override: {applied}")?;
        }
        Ok(())
    }
}
