//! No value of a path parameter changes the path's other segments: every value either stays
//! one segment of the URL, decoding back to itself, or is refused as `InvalidRequest` naming the
//! parameter (empty, `.`, `..`, also percent-encoded), before anything is sent.

use otc_client_runtime::{Error, OperationRequest, ServiceClient};
use proptest::prelude::*;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TEMPLATE: &str = "/v2/{project_id}/pets/{pet_id}/tags";

fn client(base_url: &str) -> ServiceClient {
    ServiceClient::builder(base_url)
        .path_parameter("project_id", "p-1")
        .build()
        .expect("a client")
}

/// Whether `value` is one the runtime must refuse: empty, or a dot segment once
/// percent-decoded any number of times.
fn is_a_dot_segment_in_disguise(value: &str) -> bool {
    let mut decoded = value.to_owned();
    loop {
        if matches!(decoded.as_str(), "" | "." | "..") {
            return true;
        }
        let next = percent_encoding::percent_decode_str(&decoded)
            .decode_utf8_lossy()
            .into_owned();
        if next == decoded {
            return false;
        }
        decoded = next;
    }
}

/// Values made of the characters that matter here (dots, `%`, hex digits, slashes), with
/// arbitrary text now and then.
fn path_values() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(
            prop_oneof![
                Just(".".to_owned()),
                Just("%2e".to_owned()),
                Just("%2E".to_owned()),
                Just("%25".to_owned()),
                Just("%".to_owned()),
                Just("2".to_owned()),
                Just("e".to_owned()),
                Just("/".to_owned()),
                Just("\\\\".to_owned()),
                Just("?".to_owned()),
                Just("#".to_owned()),
                Just("{pet_id}".to_owned()),
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_path_value_stays_its_own_segment_or_is_refused(value in path_values()) {
        let client = client("https://example.com");
        match client.expand_path(TEMPLATE, &[("pet_id", value.clone())]) {
            Ok(path) => {
                prop_assert!(!is_a_dot_segment_in_disguise(&value), "{value:?} was accepted as {path}");
                // The URL the client sends to: the base URL and the path, parsed.
                let url = reqwest::Url::parse(&format!("https://example.com{path}")).expect("a URL");
                prop_assert_eq!(url.query(), None);
                prop_assert_eq!(url.fragment(), None);
                let segments: Vec<&str> = url.path_segments().expect("segments").collect();
                prop_assert_eq!(segments.len(), 5, "{} from {:?}", url, value);
                prop_assert_eq!(segments[0], "v2");
                prop_assert_eq!(segments[1], "p-1");
                prop_assert_eq!(segments[2], "pets");
                prop_assert_eq!(segments[4], "tags");
                let decoded = percent_encoding::percent_decode_str(segments[3]).decode_utf8_lossy();
                prop_assert_eq!(decoded.as_ref(), value.as_str());
            }
            Err(Error::InvalidRequest(message)) => {
                prop_assert!(is_a_dot_segment_in_disguise(&value), "{value:?} refused: {message}");
                prop_assert!(message.starts_with("path parameter pet_id is "), "{message}");
            }
            Err(other) => prop_assert!(false, "{value:?}: {other}"),
        }
    }
}

/// Each refused form, sent through a client: the error names the parameter and the server
/// sees no request.
#[tokio::test]
async fn a_dot_segment_is_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    for value in ["", ".", "..", "%2e", "%2e%2E", ".%2E", "%2E.", "%252E%252e"] {
        let outcome = match client.expand_path(TEMPLATE, &[("pet_id", value.to_owned())]) {
            Ok(path) => client
                .send(OperationRequest {
                    operation_id: "deletePet",
                    method: reqwest::Method::DELETE,
                    path,
                    query: Vec::new(),
                    headers: Vec::new(),
                    body: None,
                })
                .await
                .map(|raw| raw.status),
            Err(error) => Err(error),
        };
        match outcome {
            Err(Error::InvalidRequest(message)) => {
                assert!(
                    message.starts_with("path parameter pet_id is "),
                    "{value:?}: {message}"
                )
            }
            other => panic!("{value:?}: expected InvalidRequest, got {other:?}"),
        }
    }
    // Dropping the server checks `expect(0)`; asked here too, for a clear message.
    assert_eq!(
        server
            .received_requests()
            .await
            .map(|requests| requests.len()),
        Some(0)
    );
}
