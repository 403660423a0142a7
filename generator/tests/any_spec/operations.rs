//! Behaviour of the generated response enums: exact codes before ranges before `default`,
//! bodies of every kind decoded, and the status of every variant.

use otc_client_runtime::RawResponse;
use operations_client::GetProjectsProjectItemsIdsResponse as Response;

fn raw(status: u16, body: &'static str) -> RawResponse {
    RawResponse {
        status,
        headers: Default::default(),
        body: body.into(),
    }
}

#[test]
fn statuses_take_their_most_specific_variant() {
    let ok = Response::from_raw(raw(200, r#"["a"]"#)).expect("decodes");
    assert_eq!(ok, Response::Ok(vec!["a".to_owned()]));
    assert_eq!(
        Response::from_raw(raw(404, "")).expect("no body"),
        Response::NotFound
    );
    let problem = Response::from_raw(raw(409, r#"{"title": "conflict"}"#)).expect("decodes");
    match &problem {
        Response::ClientError { status, body } => {
            assert_eq!(*status, 409);
            assert_eq!(body.title.as_deref(), Some("conflict"));
        }
        other => panic!("expected ClientError, got {other:?}"),
    }
    assert_eq!(problem.status(), 409);
    assert_eq!(
        Response::from_raw(raw(503, "down")).expect("no body").status(),
        503
    );
    let other = Response::from_raw(raw(302, r#"{"to": "x"}"#)).expect("decodes");
    assert!(matches!(other, Response::Default { status: 302, .. }));
}

#[test]
fn a_documented_body_that_does_not_decode_keeps_status_and_body() {
    let error = Response::from_raw(raw(200, "not json")).expect_err("not JSON");
    match error {
        otc_client_runtime::Error::Decode { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(body, "not json");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
