//! The hand-written runtime the generated service modules call: HTTP, authentication and errors.

pub mod signing;
