//! The DCS error code appendix is available to callers: constants to match on, lookups, and
//! `documented_error()` on error bodies.
#![cfg(feature = "dcs")]

use otc_client::dcs::error_codes;
use otc_client::dcs::types::ErrorResponse;

#[test]
fn codes_can_be_looked_up() {
    let entry = error_codes::find("DCS.3053").expect("documented");
    assert_eq!(entry.status_code, Some(400));
    assert_eq!(entry.message, Some("Incorrect node ID."));
    assert_eq!(entry.solution, Some("Check whether the Node ID is valid."));
    assert_eq!(error_codes::find("DCS.0000"), None);
    assert_eq!(
        error_codes::ALL.len(),
        287 + 8,
        "every row of appendix/error_codes.rst and of the backup records page's own table"
    );
}

#[test]
fn codes_can_be_matched_by_name() {
    let body: ErrorResponse = serde_json::from_str(
        r#"{"error_code": "111400002", "error_msg": "Invalid project ID format."}"#,
    )
    .expect("an error body");
    let meaning = match body.error_code.as_deref() {
        Some(error_codes::CODE_111400002) => "bad project id",
        Some(error_codes::DCS_3053) => "bad node id",
        _ => "other",
    };
    assert_eq!(meaning, "bad project id");
    let documented = body.documented_error().expect("documented");
    assert_eq!(documented.description, Some("Invalid project ID format."));
}
