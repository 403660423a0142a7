//! A source folder as published upstream: pages beside images, `conf.py` and `docutils.conf`.
//! Files that are not pages are listed as other files; a page that is not text fails alone;
//! every other page imports.

use otc_codegen::service_catalog::ServiceCatalog;
use otc_codegen::source_folder::{import_source_folder, SourceFile};

const PAGE: &str = r#":original_name: ShowWidget.html

.. _ShowWidget:

Querying a Widget
=================

Function
--------

This API is used to query a widget.

URI
---

GET /v1/{project_id}/widgets/{widget_id}

.. table:: **Table 1** Path Parameters

   ========== ========= ====== ===========
   Parameter  Mandatory Type   Description
   ========== ========= ====== ===========
   project_id Yes       String Project ID.
   widget_id  Yes       String Widget ID.
   ========== ========= ====== ===========

Request Parameters
------------------

None

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 2** Response body parameters

   ========= ====== ============
   Parameter Type   Description
   ========= ====== ============
   name      String Widget name.
   ========= ====== ============

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
"#;

/// The first bytes of a PNG image: not UTF-8.
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, b'I', b'H', b'D', b'R',
    0xff, 0xfe,
];

#[test]
fn images_and_configuration_files_are_other_files() {
    let service = ServiceCatalog::from_toml(
        r#"
        [[service]]
        id = "widgets"
        title = "Widgets"
        version = "1"
        [service.server]
        url = "https://widgets.example.com"
        "#,
    )
    .expect("valid config")
    .service
    .remove(0);
    let files = vec![
        SourceFile::from_text("api/querying_a_widget.rst", PAGE),
        SourceFile {
            relative_path: "_static/images/en-us_image_0000001.png".to_owned(),
            bytes: PNG.to_vec(),
        },
        SourceFile::from_text("conf.py", "project = 'widgets'\n"),
        SourceFile::from_text("docutils.conf", "[parsers]\n"),
        // A page that is not text: it fails alone, the others import.
        SourceFile {
            relative_path: "api/broken.rst".to_owned(),
            bytes: PNG.to_vec(),
        },
    ];
    let outcome = import_source_folder(&service, &files, "");
    assert_eq!(
        outcome.summary.other_files,
        [
            "_static/images/en-us_image_0000001.png",
            "conf.py",
            "docutils.conf"
        ]
    );
    assert_eq!(
        outcome.summary.operations,
        [(
            "ShowWidget".to_owned(),
            "api/querying_a_widget.rst".to_owned()
        )]
    );
    let failed: Vec<String> = outcome
        .all_errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(failed, ["api/broken.rst: the page is not UTF-8 text"]);
    assert!(outcome.errors.is_empty());
    assert!(outcome
        .document
        .paths
        .paths
        .contains_key("/v1/{project_id}/widgets/{widget_id}"));
}
