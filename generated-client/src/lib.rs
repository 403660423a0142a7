//! Client for Open Telekom Cloud APIs.
#![forbid(unsafe_code)]

pub mod runtime;
