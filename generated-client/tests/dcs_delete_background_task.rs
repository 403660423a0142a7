//! DeleteBackgroundTask against a mock server: every documented status decodes into its
//! variant, undocumented statuses and undecodable bodies keep the raw body, and the request
//! carries the right method, path and token; `into_ok`, `into_result` and `is_success` split
//! success from error.
#![cfg(feature = "dcs")]

use otc_client::dcs::{self, DeleteBackgroundTaskRequest, DeleteBackgroundTaskResponse};
use otc_client::runtime::{Config, Error};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";
const TASK_ID: &str = "8abf6e1e72c12e7c0172c15b508500aa";
const TASK_PATH: &str = "/v2/a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71/instances/5560df16-cebf-4473-95c4-d1b573c16e79/tasks/8abf6e1e72c12e7c0172c15b508500aa";

const ERROR_BODY: &str =
    r#"{"error_msg":"The instance does not exist.","error_code":"DCS.4001","error_ext_msg":null}"#;

fn request() -> DeleteBackgroundTaskRequest {
    let mut request = DeleteBackgroundTaskRequest::default();
    request.instance_id = INSTANCE_ID.to_owned();
    request.task_id = TASK_ID.to_owned();
    request
}

/// Serves one response for the task path, checking method, path and token, and calls the
/// operation once.
async fn call_with(response: ResponseTemplate) -> Result<DeleteBackgroundTaskResponse, Error> {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .and(header("X-Auth-Token", "test-token"))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .endpoint(dcs::SERVICE_ID, server.uri())
        .build()
        .expect("a complete config");
    let client = dcs::Client::new(&config).expect("a client");
    client.delete_background_task(&request()).await
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

#[tokio::test]
async fn status_200_decodes_the_documented_body() {
    let response = call_with(json(200, r#"{"message": ""}"#))
        .await
        .expect("a response");
    match response {
        DeleteBackgroundTaskResponse::Ok(body) => assert_eq!(body.message.as_deref(), Some("")),
        other => panic!("expected Ok, got {other:?}"),
    }
}

#[tokio::test]
async fn the_page_example_response_decodes() {
    // The "Example Responses" block of DeleteBackgroundTask.html, verbatim.
    let page_example = "{\n\"message\" : \"\"\n}";
    let response = call_with(json(200, page_example))
        .await
        .expect("a response");
    assert!(
        matches!(response, DeleteBackgroundTaskResponse::Ok(ref body) if body.message.as_deref() == Some(""))
    );
}

#[tokio::test]
async fn status_204_has_no_content() {
    let response = call_with(ResponseTemplate::new(204))
        .await
        .expect("a response");
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn every_documented_error_status_decodes_the_shared_error_body() {
    for status in [400, 401, 403, 404, 500] {
        let response = call_with(json(status, ERROR_BODY))
            .await
            .expect("a response");
        assert_eq!(response.status(), status);
        let error = match &response {
            DeleteBackgroundTaskResponse::BadRequest(error)
            | DeleteBackgroundTaskResponse::Unauthorized(error)
            | DeleteBackgroundTaskResponse::Forbidden(error)
            | DeleteBackgroundTaskResponse::NotFound(error)
            | DeleteBackgroundTaskResponse::InternalServerError(error) => error,
            other => panic!("status {status}: expected an error variant, got {other:?}"),
        };
        assert_eq!(error.error_code.as_deref(), Some("DCS.4001"));
        assert_eq!(
            error.error_msg.as_deref(),
            Some("The instance does not exist.")
        );
        assert_eq!(error.error_ext_msg, None);
    }
}

#[tokio::test]
async fn an_undocumented_status_keeps_the_raw_body() {
    let response = call_with(ResponseTemplate::new(418).set_body_string("short and stout"))
        .await
        .expect("a response");
    match response {
        DeleteBackgroundTaskResponse::Unexpected(raw) => {
            assert_eq!(raw.status, 418);
            assert_eq!(&raw.body[..], b"short and stout");
        }
        other => panic!("expected Unexpected, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_on_a_documented_status_is_a_decode_error_with_the_body() {
    let error = call_with(json(200, "{\"message\": "))
        .await
        .expect_err("a decode error");
    match error {
        Error::Decode { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(&body[..], b"{\"message\": ");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_request_carries_the_project_header() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TASK_PATH))
        .and(header("X-Project-Id", PROJECT_ID))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .endpoint("dcs", server.uri())
        .build()
        .expect("a complete config");
    let response = dcs::Client::new(&config)
        .expect("a client")
        .delete_background_task(&request())
        .await
        .expect("a response");
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
}

/// What a caller writes when only the success matters: the 200 body through `into_ok`, an
/// error status as the response turned error (with `?` into a boxed error).
#[tokio::test]
async fn into_ok_takes_the_success_body_and_an_error_status_is_the_error() {
    async fn message_of_deleted_task(
        response: ResponseTemplate,
    ) -> Result<Option<String>, Box<dyn std::error::Error>> {
        let body = call_with(response).await?.into_ok()?;
        Ok(body.message)
    }
    let message = message_of_deleted_task(json(200, r#"{"message": "done"}"#))
        .await
        .expect("the 200 body");
    assert_eq!(message.as_deref(), Some("done"));
    let error = message_of_deleted_task(json(404, ERROR_BODY))
        .await
        .expect_err("404 is an error");
    assert_eq!(
        error.to_string(),
        "DeleteBackgroundTask answered with status 404"
    );
    let response = error
        .downcast::<DeleteBackgroundTaskResponse>()
        .expect("the typed response is the error");
    assert!(matches!(
        *response,
        DeleteBackgroundTaskResponse::NotFound(_)
    ));
}

/// 204 is a success too: `into_result` keeps it `Ok`, while `into_ok` (the 200 body) gives it
/// back as the error; an undocumented status is no success.
#[tokio::test]
async fn into_result_splits_by_success_status() {
    let no_content = call_with(ResponseTemplate::new(204))
        .await
        .expect("a response");
    assert!(no_content.is_success());
    assert_eq!(
        no_content.clone().into_result(),
        Ok(DeleteBackgroundTaskResponse::NoContent)
    );
    assert_eq!(no_content.clone().into_no_content(), Ok(()));
    assert_eq!(
        no_content.into_ok(),
        Err(DeleteBackgroundTaskResponse::NoContent)
    );
    let teapot = call_with(ResponseTemplate::new(418))
        .await
        .expect("a response");
    assert!(!teapot.is_success());
    assert!(matches!(
        teapot.into_result(),
        Err(DeleteBackgroundTaskResponse::Unexpected(raw)) if raw.status == 418
    ));
}
