//! AK/SK signing end to end: a mock gateway recomputes the `SDK-HMAC-SHA256` signature of every
//! request from what it received (method, path as sent, query, the signed headers, body) and
//! rejects a wrong one, as the real API gateway does.
#![cfg(feature = "dcs")]

#[allow(dead_code)]
mod runtime_support;

use otc_client::dcs::{self, DeleteBackgroundTaskRequest, DeleteBackgroundTaskResponse};
use otc_client::runtime::signing::{
    self, Credentials, PathEncoding, PayloadHashMode, SigningRequest, AUTHORIZATION_HEADER,
    CONTENT_SHA256_HEADER, SDK_DATE_HEADER, SECURITY_TOKEN_HEADER, UNSIGNED_PAYLOAD,
};
use otc_client::runtime::{Config, OperationRequest, ServiceClient};
use runtime_support::{delete_task_request, json_response, ERROR_BODY, INSTANCE_ID, PROJECT_ID};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

const ACCESS_KEY: &str = "HPUAEXAMPLEACCESSKEY";
const SECRET_KEY: &str = "the-real-secret-key";
const SECURITY_TOKEN: &str = "temporary-security-token";

/// Matches a request whose signature is the one `credentials` give for what was received.
struct ValidSignature {
    credentials: Credentials,
    /// The security token the request must carry, for temporary credentials.
    expected_security_token: Option<&'static str>,
}

impl ValidSignature {
    fn verify(&self, request: &Request) -> Result<(), String> {
        let header_text = |name: &str| -> Option<&str> {
            request
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
        };
        let authorization = header_text(AUTHORIZATION_HEADER).ok_or("no Authorization header")?;
        let parameters = authorization
            .strip_prefix("SDK-HMAC-SHA256 ")
            .ok_or("not an SDK-HMAC-SHA256 authorization")?;
        let parameter = |name: &str| {
            parameters
                .split(", ")
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        };
        if parameter("Access") != Some(self.credentials.access_key()) {
            return Err("unknown access key".to_owned());
        }
        let signed_header_names = parameter("SignedHeaders").ok_or("no SignedHeaders")?;
        let sdk_date = header_text(SDK_DATE_HEADER).ok_or("no X-Sdk-Date header")?;
        if header_text(SECURITY_TOKEN_HEADER) != self.expected_security_token {
            return Err("wrong security token".to_owned());
        }
        // The gateway signs the headers the client says it signed, with the values received.
        let mut signed_headers = Vec::new();
        for name in signed_header_names.split(';') {
            for value in request.headers.get_all(name) {
                let value = value.to_str().map_err(|_| "non-text header")?;
                signed_headers.push((name.to_owned(), value.to_owned()));
            }
        }
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let payload_hash_mode = if header_text(CONTENT_SHA256_HEADER) == Some(UNSIGNED_PAYLOAD) {
            PayloadHashMode::UnsignedPayload
        } else {
            PayloadHashMode::Sha256OfBody
        };
        let recomputed = signing::sign(
            &self.credentials,
            &SigningRequest {
                method: request.method.as_str(),
                path: request.url.path(),
                path_encoding: PathEncoding::PercentEncoded,
                query: &query,
                headers: &signed_headers,
                body: &request.body,
                payload_hash_mode,
            },
            sdk_date,
        )
        .map_err(|error| error.to_string())?;
        if recomputed.authorization() == authorization {
            Ok(())
        } else {
            Err(format!(
                "signature mismatch; canonical request:\n{}",
                recomputed.canonical_request()
            ))
        }
    }
}

impl Match for ValidSignature {
    fn matches(&self, request: &Request) -> bool {
        match self.verify(request) {
            Ok(()) => true,
            Err(reason) => {
                eprintln!("rejected {} {}: {reason}", request.method, request.url);
                false
            }
        }
    }
}

/// A gateway that answers 204 to correctly signed requests and 401 to everything else.
async fn verifying_gateway(
    credentials: Credentials,
    expected_security_token: Option<&'static str>,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(ValidSignature {
        credentials,
        expected_security_token,
    })
    .respond_with(ResponseTemplate::new(204))
    .with_priority(1)
    .mount(&server)
    .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(json_response(401, ERROR_BODY))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

fn signing_client(server: &MockServer, credentials: Credentials) -> dcs::Client {
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .access_key(credentials)
        .endpoint(dcs::SERVICE_ID, server.uri())
        .build()
        .expect("a config");
    dcs::Client::new(&config).expect("a client")
}

#[tokio::test]
async fn a_correctly_signed_request_passes_and_a_wrong_secret_key_is_rejected() {
    let server = verifying_gateway(Credentials::new(ACCESS_KEY, SECRET_KEY), None).await;
    let correct = signing_client(&server, Credentials::new(ACCESS_KEY, SECRET_KEY));
    assert_eq!(
        correct
            .delete_background_task(&delete_task_request())
            .await
            .expect("a response"),
        DeleteBackgroundTaskResponse::NoContent
    );
    let wrong = signing_client(&server, Credentials::new(ACCESS_KEY, "a-wrong-secret-key"));
    let response = wrong
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert!(
        matches!(response, DeleteBackgroundTaskResponse::Unauthorized(_)),
        "{response:?}"
    );
}

#[tokio::test]
async fn a_path_segment_with_special_characters_is_signed_as_sent() {
    let server = verifying_gateway(Credentials::new(ACCESS_KEY, SECRET_KEY), None).await;
    let client = signing_client(&server, Credentials::new(ACCESS_KEY, SECRET_KEY));
    let mut request = DeleteBackgroundTaskRequest::default();
    request.instance_id = INSTANCE_ID.to_owned();
    request.task_id = "task id:1/2+ä".to_owned();
    assert_eq!(
        client
            .delete_background_task(&request)
            .await
            .expect("a response"),
        DeleteBackgroundTaskResponse::NoContent
    );
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        requests
            .first()
            .map(|request| request.url.path().to_owned()),
        Some(format!(
            "/v2/{PROJECT_ID}/instances/{INSTANCE_ID}/tasks/task%20id%3A1%2F2%2B%C3%A4"
        ))
    );
}

#[tokio::test]
async fn temporary_credentials_send_and_sign_the_security_token() {
    let temporary = Credentials::new(ACCESS_KEY, SECRET_KEY).with_security_token(SECURITY_TOKEN);
    let server = verifying_gateway(temporary.clone(), Some(SECURITY_TOKEN)).await;
    let response = signing_client(&server, temporary)
        .delete_background_task(&delete_task_request())
        .await
        .expect("a response");
    assert_eq!(response, DeleteBackgroundTaskResponse::NoContent);
    let requests = server.received_requests().await.unwrap_or_default();
    let authorization = requests
        .first()
        .and_then(|request| request.headers.get(AUTHORIZATION_HEADER))
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        authorization.contains("SignedHeaders=x-project-id;x-sdk-date;x-security-token,"),
        "{authorization}"
    );
    // Permanent credentials (no token) against a gateway expecting one are rejected.
    let permanent = signing_client(&server, Credentials::new(ACCESS_KEY, SECRET_KEY));
    assert!(matches!(
        permanent
            .delete_background_task(&delete_task_request())
            .await
            .expect("a response"),
        DeleteBackgroundTaskResponse::Unauthorized(_)
    ));
}

#[tokio::test]
async fn query_parameters_and_a_json_body_are_signed() {
    let server = verifying_gateway(Credentials::new(ACCESS_KEY, SECRET_KEY), None).await;
    let config = Config::builder()
        .project_id(PROJECT_ID)
        .access_key(Credentials::new(ACCESS_KEY, SECRET_KEY))
        .endpoint("elb", server.uri())
        .build()
        .expect("a config");
    let client =
        ServiceClient::from_config(&config, "elb", "https://elb.{region}.otc.t-systems.com")
            .expect("a client");
    let path = client
        .expand_path("/v3/{project_id}/elb/certificates", &[])
        .expect("a path");
    let response = client
        .send(OperationRequest {
            operation_id: "CreateCertificate",
            method: reqwest::Method::POST,
            path,
            query: vec![
                ("name", "a b".to_owned()),
                ("marker", "x/y&z=1".to_owned()),
                ("name", "c+d".to_owned()),
            ],
            headers: vec![("X-Language", "en-us".to_owned())],
            body: Some(otc_client::runtime::Body::bytes(
                "application/json",
                r#"{"certificate":{"name":"cert ä"}}"#.as_bytes().to_vec(),
            )),
        })
        .await
        .expect("a response");
    assert_eq!(response.status, 204);
}
