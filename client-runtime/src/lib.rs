//! The generic runtime of clients generated from any OpenAPI 3.0 spec by `cargo xtask generate`:
//! sending an [`OperationRequest`] over HTTP (reqwest + rustls), request [`Body`] encodings,
//! decoding a [`RawResponse`], and one [`Error`] type.
//!
//! Nothing here knows a particular API. The generated code only expands a path, builds an
//! [`OperationRequest`] and decodes the [`RawResponse`] into its operation's response enum, so
//! a client with special needs (authentication, signing) can wrap [`ServiceClient`] or send the
//! request itself.
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

mod body;
mod client;
mod error;
mod error_codes;
mod path;
mod response;

pub use body::{Body, Multipart};
pub use client::{OperationRequest, ServiceClient, ServiceClientBuilder};
pub use error::{DecodeError, Error};
pub use error_codes::DocumentedErrorCode;
pub use path::{encode_path_segment, expand_path};
pub use response::RawResponse;

// The generated crates name these through the runtime, so they compile against exactly the
// versions the runtime was built with.
pub use bytes;
pub use reqwest;
