//! Front ends: each reads one markup format of the API reference into the shared doc model.

pub mod html;
pub mod rst;
