//! The runtime every generated client calls: sending an [`OperationRequest`] over HTTP
//! (reqwest + rustls) with authentication, retries and tracing, request [`Body`] encodings,
//! decoding a [`RawResponse`], item streams across pages, and one [`Error`] type.
//!
//! Nothing here is generated, and nothing here knows a particular operation: the generated
//! code only expands a path, builds an [`OperationRequest`] and decodes the [`RawResponse`]
//! into its operation's response enum. One [`ServiceClient`] serves every API:
//!
//! - **Open Telekom Cloud** (and Huawei Cloud) services start from a [`Config`] (built, or
//!   loaded from `OS_*` variables or `clouds.yaml`): project, region, endpoint templates and
//!   overrides per service, IAM tokens from a password (cached, renewed, single flight),
//!   AK/SK signing (`SDK-HMAC-SHA256`, [`signing`]);
//! - **any API** (a crate `cargo xtask generate` wrote) starts from
//!   [`ServiceClient::builder`]: base URL, default headers, an [`AuthenticationHook`], path
//!   parameters the client fills, timeouts, retries.
//!
//! ```no_run
//! # async fn example() -> Result<(), otc_client_runtime::Error> {
//! let client = otc_client_runtime::ServiceClient::builder("https://api.example.com")
//!     .header("Authorization", "Bearer secret")
//!     .timeout(std::time::Duration::from_secs(30))
//!     .build()?;
//! let path = client.expand_path("/pets/{pet_id}", &[("pet_id", "7".to_owned())])?;
//! let raw = client
//!     .send(otc_client_runtime::OperationRequest {
//!         operation_id: "getPet",
//!         method: reqwest::Method::GET,
//!         path,
//!         query: Vec::new(),
//!         headers: Vec::new(),
//!         body: None,
//!     })
//!     .await?;
//! let pet: serde_json::Value = raw.decode_json()?;
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]

mod alternatives;
mod body;
mod client;
mod cloud_error;
mod config;
mod error;
mod error_codes;
mod iam;
mod json_decode;
pub mod openstack_config;
mod pagination;
mod path;
mod preview;
mod redaction;
mod regions;
mod response;
mod retry;
pub mod signing;

pub use alternatives::keeps_every_member;
pub use body::{Body, Multipart};
pub use client::{
    AttemptRequest, AuthenticationFuture, AuthenticationHook, OperationRequest, ResponseObserver,
    ServiceClient, ServiceClientBuilder,
};
pub use cloud_error::CloudError;
pub use config::{
    Authentication, Config, ConfigBuilder, PasswordCredentials, ProjectScope,
    HUAWEI_CLOUD_ENDPOINT_TEMPLATE, IAM_SERVICE_ID, OPEN_TELEKOM_CLOUD_ENDPOINT_TEMPLATE,
};
pub use error::{DecodeError, Error};
pub use error_codes::DocumentedErrorCode;
pub use iam::TOKEN_RENEWAL_MARGIN;
pub use json_decode::JsonDecodeError;
pub use pagination::{
    marker_items, offset_items, offset_parameter, ItemStream, MarkerPage, MarkerPages, OffsetPage,
    PageFuture,
};
pub use path::{encode_path_segment, expand_path};
pub use preview::{RequestPreview, SigningPreview};
pub use redaction::REDACTED_PLACEHOLDER;
pub use regions::{Region, OPEN_TELEKOM_CLOUD_REGIONS};
pub use response::{RawResponse, REQUEST_ID_HEADER};
pub use retry::RetryPolicy;
pub use signing::Credentials;

// The generated crates name these through the runtime, so they compile against exactly the
// versions the runtime was built with.
pub use bytes;
pub use futures;
pub use reqwest;
