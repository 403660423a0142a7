//! The RST front end: doc-exports reStructuredText pages (one operation per page) into the doc
//! model, holding what the HTML front end yields for the same page.
//!
//! No well-kept Rust crate reads reStructuredText, so this is a hand-written reader for the
//! constructs doc-exports uses, following the docutils rules: section titles, labels, paragraphs
//! with inline markup, bullet and enumerated lists, grid and simple tables, literal blocks and a
//! few directives. It works in two steps. First the lines are read into blocks (`Block`), line
//! and column based: containers (list items, directive bodies, table cells) are cut out of their
//! lines by indentation or by table borders and read again by the same reader. Then the blocks
//! become the doc model, with inline markup flattened to text once every label of the page is
//! known, so links to tables further down the page resolve.
//!
//! The modules follow those steps: `lines` is the line model every container is cut from,
//! `blocks` reads lines into blocks with `tables` cutting table cells out along their borders,
//! `inline` flattens inline markup and resolves references by the page's labels, and
//! `page_builder` turns the blocks into the doc model.

mod blocks;
mod inline;
mod lines;
mod page_builder;
mod tables;

use crate::doc_model::DocPage;

use blocks::BlockReader;
use lines::read_source_lines;
use page_builder::build_page;

/// Why an RST page could not be read: the file, the 1-based line and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RstError {
    #[error(
        "{file_name}:{line}: grid table line is {width} characters wide, the top border is {border_width}"
    )]
    GridTableLineWidth {
        file_name: String,
        line: usize,
        width: usize,
        border_width: usize,
    },
    #[error("{file_name}:{line}: grid table ends without a bottom border")]
    GridTableWithoutBottomBorder { file_name: String, line: usize },
    #[error("{file_name}:{line}: grid table has a second header separator")]
    GridTableSecondHeaderSeparator { file_name: String, line: usize },
    #[error("{file_name}:{line}: grid table cell at column {column} spans the header separator")]
    GridTableCellAcrossHeaderSeparator {
        file_name: String,
        line: usize,
        column: usize,
    },
    #[error("{file_name}:{line}: grid table cell at column {column} has no complete border")]
    GridTableUnclosedCell {
        file_name: String,
        line: usize,
        column: usize,
    },
    #[error("{file_name}:{line}: simple table has no bottom border")]
    SimpleTableWithoutBottomBorder { file_name: String, line: usize },
    #[error(
        "{file_name}:{line}: simple table border is {width} characters wide, the top border is {border_width}"
    )]
    SimpleTableBorderWidth {
        file_name: String,
        line: usize,
        width: usize,
        border_width: usize,
    },
    #[error("{file_name}:{line}: simple table text runs into the gap before column {column}")]
    SimpleTableTextInColumnGap {
        file_name: String,
        line: usize,
        column: usize,
    },
}

/// Reads one doc-exports RST page into the doc model.
///
/// Fails only where the markup cannot be read at all (a table whose borders do not close);
/// everything docutils would merely warn about is read the way docutils reads it.
pub fn parse_rst_page(file_name: &str, rst_text: &str) -> Result<DocPage, RstError> {
    let lines = read_source_lines(rst_text);
    let reader = BlockReader { file_name };
    let blocks = reader.read_blocks(&lines, 0)?;
    let original_name = original_name_field(rst_text).map(str::to_owned);
    Ok(build_page(file_name, original_name, &blocks))
}

/// The `:original_name:` field at the top of a converted page: the HTML page it came from.
pub fn original_name_field(rst_text: &str) -> Option<&str> {
    rst_text
        .lines()
        .take_while(|line| line.trim().is_empty() || line.starts_with(':'))
        .find_map(|line| line.strip_prefix(":original_name:"))
        .map(str::trim)
}

/// Helpers of the tests of every part: most read a whole page, since that is where the parts
/// meet.
#[cfg(test)]
mod test_support {
    use crate::doc_model::{DocBlock, DocCell, DocLine, DocPage, DocSection, DocTable};

    use super::parse_rst_page;

    pub(super) fn parse(rst: &str) -> DocPage {
        parse_rst_page("test.rst", rst).expect("the page parses")
    }

    pub(super) fn tables(page: &DocPage) -> Vec<&DocTable> {
        page.tables().map(|(_, table)| table).collect()
    }

    pub(super) fn paragraphs(section: &DocSection) -> Vec<(&str, bool, Option<&str>)> {
        section
            .blocks
            .iter()
            .filter_map(|block| match block {
                DocBlock::Paragraph(line) => Some(line_parts(line)),
                _ => None,
            })
            .collect()
    }

    fn line_parts(line: &DocLine) -> (&str, bool, Option<&str>) {
        (
            line.text.as_str(),
            line.is_list_item,
            line.leading_emphasis.as_deref(),
        )
    }

    pub(super) fn cell_lines(cell: &DocCell) -> Vec<(&str, bool, Option<&str>)> {
        cell.lines.iter().map(line_parts).collect()
    }

    pub(super) fn cell_links(cell: &DocCell) -> Vec<(&str, &str)> {
        cell.links()
            .map(|link| (link.text.as_str(), link.target.as_str()))
            .collect()
    }

    pub(super) fn row_texts(table: &DocTable) -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|row| row.cells.iter().map(DocCell::text).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::doc_model::DocBlock;

    use super::parse_rst_page;
    use super::test_support::{cell_links, paragraphs, row_texts, tables};

    #[test]
    fn parsing_never_panics_on_mangled_input() {
        let odd_inputs = [
            "",
            "+",
            "+-",
            "+-+\n|",
            "+-+\n| |\n+=+",
            "===",
            "=== ===",
            "=== ===\n===",
            ".. table::",
            ".. table:: **Table",
            "..",
            ".. _",
            ".. _x",
            "\\",
            "**",
            "`",
            "``",
            ":ref:`",
            ":ref:`x <",
            "-",
            "#.",
            "(",
            "(1",
            "\t- a\n\t\t- b",
            "x\n-",
            "::",
            "a::\n\n",
            "|",
            "\u{feff}Title\n=====",
            "Tïtle\n=====\n\n+--+\n|é |\n+--+",
        ];
        for input in odd_inputs {
            let _ = parse_rst_page("odd.rst", input);
        }
        let deeply_nested: String = (0..200)
            .map(|depth| format!("{}- item\n\n", "  ".repeat(depth)))
            .collect();
        assert!(parse_rst_page("deep.rst", &deeply_nested).is_ok());
        // Every prefix of the seed page, and every line of it cut short.
        let seed_lines: Vec<&str> = SEED_PAGE.lines().collect();
        for end in 0..=seed_lines.len() {
            let _ = parse_rst_page("prefix.rst", &seed_lines[..end].join("\n"));
        }
        for (index, line) in seed_lines.iter().enumerate() {
            let mut mangled = seed_lines.clone();
            let half: String = line.chars().take(line.chars().count() / 2).collect();
            mangled[index] = &half;
            let _ = parse_rst_page("mangled.rst", &mangled.join("\n"));
        }
    }

    #[test]
    fn seed_page_reads_like_its_html_twin() {
        let page = parse_rst_page(
            "apis_v2_recommended/background_task_management/deleting_a_background_task.rst",
            SEED_PAGE,
        )
        .expect("the seed page parses");
        assert_eq!(page.anchor.as_deref(), Some("DeleteBackgroundTask"));
        assert_eq!(page.title, "Deleting a Background Task");
        let titles: Vec<&str> = page.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Function",
                "URI",
                "Request Parameters",
                "Response Parameters",
                "Example Requests",
                "Example Responses",
                "Status Codes",
                "Error Codes",
            ]
        );

        // Table 1 (path), Tables 2 to 7 (response bodies, one per status code) and the
        // uncaptioned status code table.
        let tables = tables(&page);
        let captions: Vec<Option<&str>> = tables.iter().map(|t| t.caption.as_deref()).collect();
        let response_body = Some("Response body parameters");
        assert_eq!(
            captions,
            [
                Some("Path Parameters"),
                response_body,
                response_body,
                response_body,
                response_body,
                response_body,
                response_body,
                None,
            ]
        );
        let path = tables[0];
        assert_eq!(
            path.header,
            ["Parameter", "Mandatory", "Type", "Description"]
        );
        assert_eq!(path.rows.len(), 3);
        assert_eq!(
            cell_links(&path.rows[0].cells[3]),
            [("Obtaining a Project ID", "dcs-api-0312045")]
        );

        let first_response = tables[1];
        assert_eq!(first_response.header, ["Parameter", "Type", "Description"]);
        assert_eq!(
            row_texts(first_response),
            [["message", "String", "Returned message."]]
        );
        let error_response = tables[2];
        assert_eq!(
            row_texts(error_response),
            [
                ["error_msg", "String", "Error message."],
                ["error_code", "String", "Error code."],
                [
                    "error_ext_msg",
                    "String",
                    "Extended error information. This parameter is not used currently and is set to null."
                ],
            ]
        );

        let status_codes = tables[7];
        assert_eq!(status_codes.header, ["Status Code", "Description"]);
        assert_eq!(status_codes.rows.len(), 7);
        assert_eq!(
            row_texts(status_codes)[1],
            ["204", "Background task deleted successfully."]
        );

        let response_section = page
            .section("Response Parameters")
            .expect("response section");
        assert_eq!(
            paragraphs(response_section).first(),
            Some(&("Status code: 200", false, Some("Status code: 200")))
        );

        let preformatted: Vec<&str> = page
            .sections
            .iter()
            .flat_map(|section| &section.blocks)
            .filter_map(|block| match block {
                DocBlock::Preformatted(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(preformatted.len(), 2);
        assert!(preformatted[0].starts_with("DELETE https://{dcs_endpoint}/v2/"));
        assert_eq!(preformatted[1], "{\n  \"message\" : \"\"\n}");
    }

    /// `apis_v2_recommended/background_task_management/deleting_a_background_task.rst` from
    /// doc-exports, verbatim.
    const SEED_PAGE: &str = r##":original_name: DeleteBackgroundTask.html

.. _DeleteBackgroundTask:

Deleting a Background Task
==========================

Function
--------

Deleting a background task.

URI
---

DELETE /v2/{project_id}/instances/{instance_id}/tasks/{task_id}

.. table:: **Table 1** Path Parameters

   +-------------+-----------+--------+-------------------------------------------------------------------------------+
   | Parameter   | Mandatory | Type   | Description                                                                   |
   +=============+===========+========+===============================================================================+
   | project_id  | Yes       | String | Project ID. For details, see :ref:`Obtaining a Project ID <dcs-api-0312045>`. |
   +-------------+-----------+--------+-------------------------------------------------------------------------------+
   | instance_id | Yes       | String | Instance ID.                                                                  |
   +-------------+-----------+--------+-------------------------------------------------------------------------------+
   | task_id     | Yes       | String | Background task ID.                                                           |
   +-------------+-----------+--------+-------------------------------------------------------------------------------+

Request Parameters
------------------

None

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 2** Response body parameters

   ========= ====== =================
   Parameter Type   Description
   ========= ====== =================
   message   String Returned message.
   ========= ====== =================

**Status code: 400**

.. table:: **Table 3** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

**Status code: 401**

.. table:: **Table 4** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

**Status code: 403**

.. table:: **Table 5** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

**Status code: 404**

.. table:: **Table 6** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

**Status code: 500**

.. table:: **Table 7** Response body parameters

   +---------------+--------+------------------------------------------------------------------------------------------+
   | Parameter     | Type   | Description                                                                              |
   +===============+========+==========================================================================================+
   | error_msg     | String | Error message.                                                                           |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_code    | String | Error code.                                                                              |
   +---------------+--------+------------------------------------------------------------------------------------------+
   | error_ext_msg | String | Extended error information. This parameter is not used currently and is set to **null**. |
   +---------------+--------+------------------------------------------------------------------------------------------+

Example Requests
----------------

Deleting a background task.

.. code-block:: text

   DELETE https://{dcs_endpoint}/v2/a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71/instances/5560df16-cebf-4473-95c4-d1b573c16e79/tasks/8abf6e1e72c12e7c0172c15b508500aa

Example Responses
-----------------

**Status code: 200**

Background task deleted successfully.

.. code-block::

   {
     "message" : ""
   }

Status Codes
------------

=========== =====================================
Status Code Description
=========== =====================================
200         Background task deleted successfully.
204         Background task deleted successfully.
400         Invalid request.
401         Invalid authentication information.
403         The request is rejected.
404         The requested resource is not found.
500         Internal service error.
=========== =====================================

Error Codes
-----------

See :ref:`Error Codes <errorcode>`.
"##;
}
