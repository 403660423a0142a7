//! The hand-written runtime the generated service modules call: HTTP, authentication (IAM
//! token, password, AK/SK), configuration (builder, `OS_*` variables, `clouds.yaml`),
//! retries, tracing, pagination (page walkers and item streams) and errors.
//!
//! Nothing in this module is generated; the generated modules (`crate::dcs`, …) only build an
//! [`OperationRequest`] and decode the [`RawResponse`].

mod client;
mod cloud_error;
mod config;
mod error;
mod error_codes;
mod iam;
pub mod openstack_config;
mod pagination;
mod retry;
pub mod signing;

pub use client::{
    OperationRequest, RawResponse, ResponseObserver, ServiceClient, REQUEST_ID_HEADER,
};
pub use cloud_error::CloudError;
pub use config::{
    Authentication, Config, ConfigBuilder, PasswordCredentials, ProjectScope,
    HUAWEI_CLOUD_ENDPOINT_TEMPLATE, IAM_SERVICE_ID, OPEN_TELEKOM_CLOUD_ENDPOINT_TEMPLATE,
};
pub use error::Error;
pub use error_codes::DocumentedErrorCode;
pub use iam::TOKEN_RENEWAL_MARGIN;
pub use pagination::{
    marker_items, offset_items, offset_parameter, ItemStream, MarkerPage, MarkerPages, OffsetPage,
    PageFuture,
};
pub use retry::RetryPolicy;
pub use signing::Credentials;
