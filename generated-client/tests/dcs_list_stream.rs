//! Offset pagination through the generated DCS `list_instances_stream` (and the string-typed
//! total count of `list_background_task_stream`) against a mock server: the items of every
//! page in order, the `offset`/`limit` sent for each page, each stop condition (total count,
//! short page, empty page), an error status mid-walk and the guard against a service that
//! ignores the offset.
#![cfg(feature = "dcs")]

use futures::StreamExt;
use otc_client::dcs::types::{InstanceListInfo, SingleBackgroundTask};
use otc_client::dcs::{self, ListBackgroundTaskRequest, ListInstancesRequest};
use otc_client::runtime::{Config, Error};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
const INSTANCES_PATH: &str = "/v2/a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71/instances";
const TASKS_PATH: &str =
    "/v2/a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71/instances/5560df16-cebf-4473-95c4-d1b573c16e79/tasks";

fn client_for(server: &MockServer) -> dcs::Client {
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .endpoint(dcs::SERVICE_ID, server.uri())
        .build()
        .expect("a complete config");
    dcs::Client::new(&config).expect("a client")
}

/// A 200 page of instances with these names, and the total count when given.
fn instances_page(names: &[&str], total: Option<u64>) -> ResponseTemplate {
    let instances: Vec<serde_json::Value> = names
        .iter()
        .map(|name| json!({ "name": name, "instance_id": format!("id-{name}") }))
        .collect();
    let mut body = json!({ "instances": instances });
    if let Some(total) = total {
        body["instance_num"] = json!(total);
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// Mounts one page, answered exactly once, for the request at this offset.
async fn mount_page(server: &MockServer, offset: &str, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(INSTANCES_PATH))
        .and(query_param("offset", offset))
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}

/// The `offset` and `limit` query parameters of every request the server received, in order.
async fn offsets_and_limits_sent(server: &MockServer) -> Vec<(Option<String>, Option<String>)> {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .iter()
        .map(|request| {
            let value_of = |name: &str| {
                request
                    .url
                    .query_pairs()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.into_owned())
            };
            (value_of("offset"), value_of("limit"))
        })
        .collect()
}

fn names(instances: &[InstanceListInfo]) -> Vec<&str> {
    instances
        .iter()
        .map(|instance| instance.name.as_deref().unwrap_or("?"))
        .collect()
}

fn sent(pairs: &[(&str, &str)]) -> Vec<(Option<String>, Option<String>)> {
    pairs
        .iter()
        .map(|(offset, limit)| (Some((*offset).to_owned()), Some((*limit).to_owned())))
        .collect()
}

#[tokio::test]
async fn three_pages_are_walked_by_item_offset_until_the_total_count() {
    let server = MockServer::start().await;
    mount_page(&server, "0", instances_page(&["a", "b"], Some(5))).await;
    mount_page(&server, "2", instances_page(&["c", "d"], Some(5))).await;
    // The last page is full as far as the service is concerned; the total count ends the walk
    // (a fourth request would find no mock and fail the expectations below).
    mount_page(&server, "4", instances_page(&["e"], Some(5))).await;
    let client = client_for(&server);
    let mut request = ListInstancesRequest::default();
    request.limit = Some(2);
    request.name = Some("cache".to_owned());
    let instances: Vec<InstanceListInfo> = client
        .list_instances_stream(&request)
        .map(|item| item.expect("every page answers 200"))
        .collect()
        .await;
    assert_eq!(names(&instances), ["a", "b", "c", "d", "e"]);
    assert_eq!(
        offsets_and_limits_sent(&server).await,
        sent(&[("0", "2"), ("2", "2"), ("4", "2")])
    );
    // The other query parameters are sent with every page.
    let requests = server.received_requests().await.expect("recording is on");
    assert!(requests.iter().all(|request| request
        .url
        .query_pairs()
        .any(|(key, value)| key == "name" && value == "cache")));
}

#[tokio::test]
async fn the_walk_starts_at_the_offset_of_the_request() {
    let server = MockServer::start().await;
    mount_page(&server, "10", instances_page(&["k", "l"], Some(13))).await;
    mount_page(&server, "12", instances_page(&["m"], Some(13))).await;
    let client = client_for(&server);
    let mut request = ListInstancesRequest::default();
    request.offset = Some(10);
    request.limit = Some(2);
    let instances: Vec<InstanceListInfo> = client
        .list_instances_stream(&request)
        .map(|item| item.expect("every page answers 200"))
        .collect()
        .await;
    assert_eq!(names(&instances), ["k", "l", "m"]);
    assert_eq!(
        offsets_and_limits_sent(&server).await,
        sent(&[("10", "2"), ("12", "2")])
    );
}

#[tokio::test]
async fn without_a_total_count_a_short_page_is_the_last() {
    let server = MockServer::start().await;
    mount_page(&server, "0", instances_page(&["a", "b"], None)).await;
    mount_page(&server, "2", instances_page(&["c", "d"], None)).await;
    mount_page(&server, "4", instances_page(&["e"], None)).await;
    let client = client_for(&server);
    let mut request = ListInstancesRequest::default();
    request.limit = Some(2);
    let instances: Vec<InstanceListInfo> = client
        .list_instances_stream(&request)
        .map(|item| item.expect("every page answers 200"))
        .collect()
        .await;
    assert_eq!(names(&instances), ["a", "b", "c", "d", "e"]);
    assert_eq!(
        server
            .received_requests()
            .await
            .map(|requests| requests.len()),
        Some(3)
    );
}

#[tokio::test]
async fn without_total_count_and_limit_an_empty_page_is_the_end() {
    let server = MockServer::start().await;
    mount_page(&server, "0", instances_page(&["a", "b"], None)).await;
    mount_page(&server, "2", instances_page(&["c", "d"], None)).await;
    mount_page(&server, "4", instances_page(&[], None)).await;
    let client = client_for(&server);
    let instances: Vec<InstanceListInfo> = client
        .list_instances_stream(&ListInstancesRequest::default())
        .map(|item| item.expect("every page answers 200"))
        .collect()
        .await;
    assert_eq!(names(&instances), ["a", "b", "c", "d"]);
    // No limit is sent when the request has none: the service's default page size applies.
    let sent = offsets_and_limits_sent(&server).await;
    assert_eq!(
        sent,
        [
            (Some("0".to_owned()), None),
            (Some("2".to_owned()), None),
            (Some("4".to_owned()), None)
        ]
    );
}

#[tokio::test]
async fn an_error_status_mid_walk_is_the_last_item_with_the_raw_response() {
    let server = MockServer::start().await;
    mount_page(&server, "0", instances_page(&["a", "b"], Some(6))).await;
    mount_page(
        &server,
        "2",
        ResponseTemplate::new(500)
            .insert_header("X-Request-Id", "req-page-2")
            .set_body_json(json!({ "error_code": "DCS.5000", "error_msg": "Internal error." })),
    )
    .await;
    let client = client_for(&server);
    let mut request = ListInstancesRequest::default();
    request.limit = Some(2);
    let items: Vec<Result<InstanceListInfo, Error>> =
        client.list_instances_stream(&request).collect().await;
    assert_eq!(items.len(), 3, "two instances, then the error: {items:?}");
    assert!(items[..2].iter().all(Result::is_ok));
    let error = items[2].as_ref().expect_err("the failed page");
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.request_id(), Some("req-page-2"));
    assert_eq!(
        error.to_string(),
        "ListInstances answered with status 500 (request id req-page-2): DCS.5000: Internal error."
    );
    match error {
        Error::UnexpectedStatus {
            operation_id,
            response,
        } => {
            assert_eq!(*operation_id, "ListInstances");
            let cloud_error = response.cloud_error().expect("the error body");
            assert_eq!(cloud_error.code.as_deref(), Some("DCS.5000"));
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn a_service_that_ignores_the_offset_stops_the_walk_with_an_error() {
    let server = MockServer::start().await;
    // Every request gets the first page, and the total count promises many more.
    Mock::given(method("GET"))
        .and(path(INSTANCES_PATH))
        .respond_with(instances_page(&["a", "b"], Some(1000)))
        .expect(2)
        .mount(&server)
        .await;
    let client = client_for(&server);
    let mut request = ListInstancesRequest::default();
    request.limit = Some(2);
    let items: Vec<Result<InstanceListInfo, Error>> =
        client.list_instances_stream(&request).collect().await;
    assert_eq!(items.len(), 3, "the first page, then the error: {items:?}");
    let error = items[2].as_ref().expect_err("the loop guard");
    assert!(
        matches!(
            error,
            Error::Pagination {
                operation_id: "ListInstances",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "walking the pages of ListInstances stopped: the page at offset 2 has exactly the items of the page before it: the service seems to ignore the offset"
    );
}

#[tokio::test]
async fn a_total_count_documented_as_a_string_is_parsed() {
    let server = MockServer::start().await;
    let tasks_page = |ids: &[&str]| {
        let tasks: Vec<serde_json::Value> = ids.iter().map(|id| json!({ "id": id })).collect();
        ResponseTemplate::new(200).set_body_json(json!({ "task_count": "3", "tasks": tasks }))
    };
    Mock::given(method("GET"))
        .and(path(TASKS_PATH))
        .and(query_param("offset", "0"))
        .and(query_param("limit", "2"))
        .respond_with(tasks_page(&["t1", "t2"]))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(TASKS_PATH))
        .and(query_param("offset", "2"))
        .and(query_param("limit", "2"))
        .respond_with(tasks_page(&["t3"]))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);
    let mut request = ListBackgroundTaskRequest::default();
    request.instance_id = "5560df16-cebf-4473-95c4-d1b573c16e79".to_owned();
    request.limit = Some(2);
    let tasks: Vec<SingleBackgroundTask> = client
        .list_background_task_stream(&request)
        .map(|item| item.expect("every page answers 200"))
        .collect()
        .await;
    let ids: Vec<&str> = tasks.iter().filter_map(|task| task.id.as_deref()).collect();
    assert_eq!(ids, ["t1", "t2", "t3"]);
}
