//! The hand-written runtime the generated service modules call: HTTP, authentication and errors.
//!
//! Nothing in this module is generated; the generated modules (`crate::dcs`, …) only build an
//! [`OperationRequest`] and decode the [`RawResponse`].

mod client;
mod config;
mod error;
mod error_codes;
pub mod signing;

pub use client::{OperationRequest, RawResponse, ServiceClient};
pub use config::{Authentication, Config, ConfigBuilder};
pub use error::Error;
pub use error_codes::DocumentedErrorCode;
