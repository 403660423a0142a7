//! The error bodies the services answer with, decoded into one shape for operators: whatever
//! the documented response type, `RawResponse::cloud_error` finds the code and the message.

use std::fmt;

/// An error body of a cloud service, whichever of the services' shapes it came in.
///
/// The shapes seen across Open Telekom Cloud services:
///
/// - `{"error_code": "DCS.4001", "error_msg": "…"}` (most services, sometimes with a
///   `request_id`);
/// - `{"code": "APIGW.0301", "message": "…"}` (API gateway, some newer services);
/// - `{"error": {…}}` with either inner shape (IAM uses `{"error": {"code": 401, "message": …,
///   "title": …}}`, with a numeric code).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CloudError {
    /// The service's error code (`DCS.4001`, `ELB.8902`, or IAM's numeric code as text).
    pub code: Option<String>,
    /// The human-readable message.
    pub message: Option<String>,
    /// The request id some services repeat in the body.
    pub request_id: Option<String>,
}

impl CloudError {
    /// Finds an error in a JSON body; `None` when the body is not JSON or has none of the
    /// known shapes (the raw body stays available on the response).
    pub fn from_json_body(body: &[u8]) -> Option<CloudError> {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let object = value.as_object()?;
        if let Some(inner) = object.get("error").and_then(serde_json::Value::as_object) {
            if let Some(mut cloud_error) = Self::from_flat_object(inner) {
                if cloud_error.request_id.is_none() {
                    cloud_error.request_id = text_of(object.get("request_id"));
                }
                return Some(cloud_error);
            }
        }
        Self::from_flat_object(object)
    }

    /// One level of `{"error_code", "error_msg"}` or `{"code", "message"}`.
    fn from_flat_object(object: &serde_json::Map<String, serde_json::Value>) -> Option<Self> {
        let code = text_of(object.get("error_code")).or_else(|| text_of(object.get("code")));
        let message = text_of(object.get("error_msg")).or_else(|| text_of(object.get("message")));
        if code.is_none() && message.is_none() {
            return None;
        }
        Some(CloudError {
            code,
            message,
            request_id: text_of(object.get("request_id")),
        })
    }
}

impl fmt::Display for CloudError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(formatter, "{code}: {message}")?,
            (Some(code), None) => formatter.write_str(code)?,
            (None, Some(message)) => formatter.write_str(message)?,
            (None, None) => formatter.write_str("unknown error")?,
        }
        if let Some(request_id) = &self.request_id {
            write!(formatter, " (request id {request_id})")?;
        }
        Ok(())
    }
}

/// A string, or a number written as text (IAM's codes are numbers); anything else is absent.
fn text_of(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(body: &str) -> Option<CloudError> {
        CloudError::from_json_body(body.as_bytes())
    }

    fn cloud_error(
        code: Option<&str>,
        message: Option<&str>,
        request_id: Option<&str>,
    ) -> CloudError {
        CloudError {
            code: code.map(str::to_owned),
            message: message.map(str::to_owned),
            request_id: request_id.map(str::to_owned),
        }
    }

    #[test]
    fn error_code_and_error_msg() {
        assert_eq!(
            decoded(
                r#"{"error_code":"DCS.4001","error_msg":"The instance does not exist.","error_ext_msg":null}"#
            ),
            Some(cloud_error(
                Some("DCS.4001"),
                Some("The instance does not exist."),
                None
            ))
        );
        assert_eq!(
            decoded(r#"{"request_id":"r-1","error_msg":"Invalid limit.","error_code":"ELB.8902"}"#),
            Some(cloud_error(
                Some("ELB.8902"),
                Some("Invalid limit."),
                Some("r-1")
            ))
        );
    }

    #[test]
    fn code_and_message() {
        assert_eq!(
            decoded(
                r#"{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}"#
            ),
            Some(cloud_error(
                Some("APIGW.0301"),
                Some("Incorrect IAM authentication information"),
                None
            ))
        );
    }

    #[test]
    fn nested_error_of_either_shape() {
        assert_eq!(
            decoded(
                r#"{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}"#
            ),
            Some(cloud_error(
                Some("401"),
                Some("The request you have made requires authentication."),
                None
            ))
        );
        assert_eq!(
            decoded(r#"{"error":{"error_code":"RDS.0001","error_msg":"bad"},"request_id":"r-2"}"#),
            Some(cloud_error(Some("RDS.0001"), Some("bad"), Some("r-2")))
        );
    }

    #[test]
    fn anything_else_is_none() {
        assert_eq!(decoded(""), None);
        assert_eq!(decoded("<html>Bad Gateway</html>"), None);
        assert_eq!(decoded("[1, 2]"), None);
        assert_eq!(decoded(r#"{"message_id": 3, "error": "text"}"#), None);
        assert_eq!(decoded(r#"{"error":{"title":"Unauthorized"}}"#), None);
    }

    #[test]
    fn display_joins_code_message_and_request_id() {
        assert_eq!(
            cloud_error(Some("DCS.4001"), Some("gone"), Some("r-3")).to_string(),
            "DCS.4001: gone (request id r-3)"
        );
        assert_eq!(cloud_error(None, Some("gone"), None).to_string(), "gone");
    }
}
