//! Marker pagination through the generated ELB `ListCertificates`: the pages are requested with
//! each previous page's `next_marker` until a page has none.
#![cfg(feature = "elb")]

use otc_client::elb::{self, ListCertificatesRequest, ListCertificatesResponse};
use otc_client::runtime::{Config, MarkerPages};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71";
const CERTIFICATES_PATH: &str = "/v3/a4d31cb6-3d72-4fdc-8ec9-6e3a41e47f71/elb/certificates";

fn page(certificate_id: &str, next_marker: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "request_id": "r",
        "certificates": [{ "id": certificate_id }],
        "page_info": { "next_marker": next_marker, "current_count": 1 }
    }))
}

fn next_marker_of(response: &ListCertificatesResponse) -> Option<String> {
    match response {
        ListCertificatesResponse::Ok(body) => body
            .page_info
            .as_ref()
            .and_then(|page_info| page_info.next_marker.clone()),
        _ => None,
    }
}

#[tokio::test]
async fn pages_are_followed_by_next_marker() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CERTIFICATES_PATH))
        .and(query_param_is_missing("marker"))
        .and(query_param("limit", "1"))
        .respond_with(page("cert-1", Some("cert-1")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CERTIFICATES_PATH))
        .and(query_param("marker", "cert-1"))
        .respond_with(page("cert-2", Some("cert-2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CERTIFICATES_PATH))
        .and(query_param("marker", "cert-2"))
        .respond_with(page("cert-3", None))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .token("test-token")
        .endpoint(elb::SERVICE_ID, server.uri())
        .build()
        .expect("a config");
    let client = elb::Client::new(&config).expect("a client");
    let mut first_request = ListCertificatesRequest::default();
    first_request.limit = Some(1);
    let client_reference = &client;
    let pages = MarkerPages::new(
        first_request.marker.clone(),
        move |marker| {
            let mut request = first_request.clone();
            request.marker = marker;
            Box::pin(async move { client_reference.list_certificates(&request).await })
        },
        next_marker_of,
    );
    let certificate_ids: Vec<String> = pages
        .collect_all()
        .await
        .expect("every page")
        .into_iter()
        .flat_map(|response| match response {
            ListCertificatesResponse::Ok(body) => body.certificates.unwrap_or_default(),
            other => panic!("expected a page, got {other:?}"),
        })
        .filter_map(|certificate| certificate.id)
        .collect();
    assert_eq!(certificate_ids, ["cert-1", "cert-2", "cert-3"]);
}
