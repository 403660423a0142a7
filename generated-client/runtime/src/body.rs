//! Request bodies: the bytes and the content type that goes with them (JSON, a URL-encoded
//! form, multipart form data, text, or bytes as given).

use bytes::Bytes;
use serde::Serialize;

use crate::error::Error;

/// A request body and its `Content-Type`.
///
/// `otc-client`'s runtime sends JSON only and takes the bytes alone; here the content type
/// travels with the bytes, because a multipart body's content type names its boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub content_type: String,
    pub bytes: Bytes,
}

impl Body {
    /// `application/json`.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Body, Error> {
        let bytes = serde_json::to_vec(value).map_err(Error::Encode)?;
        Ok(Body {
            content_type: "application/json".to_owned(),
            bytes: bytes.into(),
        })
    }

    /// `application/x-www-form-urlencoded` from a value that encodes as a JSON object: strings
    /// as they are, numbers and booleans as JSON text, arrays as one pair per element, nested
    /// objects as JSON text, and `null` members left out.
    pub fn form<T: Serialize + ?Sized>(value: &T) -> Result<Body, Error> {
        // The URL standard's `application/x-www-form-urlencoded` serializer: alphanumerics and
        // `*-._` stay, space is `+`, everything else is `%XX`.
        let encoded = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form_pairs(value)?)
            .finish();
        Ok(Body {
            content_type: "application/x-www-form-urlencoded".to_owned(),
            bytes: encoded.into(),
        })
    }

    /// Text with its content type (`text/plain`, …).
    pub fn text(content_type: &str, text: impl Into<String>) -> Body {
        Body {
            content_type: content_type.to_owned(),
            bytes: Bytes::from(text.into()),
        }
    }

    /// Bytes as given, with their content type (`application/octet-stream`, `image/png`, …).
    pub fn bytes(content_type: &str, bytes: impl Into<Bytes>) -> Body {
        Body {
            content_type: content_type.to_owned(),
            bytes: bytes.into(),
        }
    }
}

/// The name/value pairs of a value that encodes as a JSON object, in field order.
fn form_pairs<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>, Error> {
    let value = serde_json::to_value(value).map_err(Error::Encode)?;
    let serde_json::Value::Object(members) = value else {
        return Err(Error::InvalidRequest(
            "a form body must encode as an object".to_owned(),
        ));
    };
    let mut pairs = Vec::new();
    for (name, value) in members {
        match value {
            serde_json::Value::Null => {}
            serde_json::Value::Array(items) => {
                for item in items {
                    pairs.push((name.clone(), form_text(item)));
                }
            }
            other => pairs.push((name, form_text(other))),
        }
    }
    Ok(pairs)
}

fn form_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text,
        other => other.to_string(),
    }
}

/// A `multipart/form-data` body, part by part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    name: String,
    content_type: Option<String>,
    /// Binary parts carry a file name, because many servers only treat a part with one as a
    /// file.
    file_name: Option<String>,
    bytes: Bytes,
}

impl Multipart {
    pub fn new() -> Multipart {
        Multipart::default()
    }

    /// A text part (no content type, as browsers send form fields).
    pub fn text(&mut self, name: &str, text: impl Into<String>) -> &mut Multipart {
        self.parts.push(Part {
            name: name.to_owned(),
            content_type: None,
            file_name: None,
            bytes: Bytes::from(text.into()),
        });
        self
    }

    /// A part holding a value as JSON (`application/json`).
    pub fn json<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<&mut Multipart, Error> {
        let bytes = serde_json::to_vec(value).map_err(Error::Encode)?;
        self.parts.push(Part {
            name: name.to_owned(),
            content_type: Some("application/json".to_owned()),
            file_name: None,
            bytes: bytes.into(),
        });
        Ok(self)
    }

    /// A file part (`application/octet-stream`, file name = part name).
    pub fn bytes(&mut self, name: &str, bytes: impl Into<Bytes>) -> &mut Multipart {
        self.parts.push(Part {
            name: name.to_owned(),
            content_type: Some("application/octet-stream".to_owned()),
            file_name: Some(name.to_owned()),
            bytes: bytes.into(),
        });
        self
    }

    /// The body: the parts between boundaries. The boundary is chosen so that it occurs in
    /// no part, deterministically (the same parts always give the same bytes).
    pub fn into_body(self) -> Body {
        let mut counter = 0_u32;
        let boundary = loop {
            let candidate = format!("client-runtime-boundary-{counter:08x}");
            let occurs = self
                .parts
                .iter()
                .any(|part| contains(&part.bytes, candidate.as_bytes()));
            if !occurs {
                break candidate;
            }
            counter += 1;
        };
        let mut bytes = Vec::new();
        for part in &self.parts {
            bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let name = quote_header_value(&part.name);
            match &part.file_name {
                Some(file_name) => bytes.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\n",
                        quote_header_value(file_name)
                    )
                    .as_bytes(),
                ),
                None => bytes.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n").as_bytes(),
                ),
            }
            if let Some(content_type) = &part.content_type {
                bytes.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
            }
            bytes.extend_from_slice(b"\r\n");
            bytes.extend_from_slice(&part.bytes);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Body {
            content_type: format!("multipart/form-data; boundary={boundary}"),
            bytes: bytes.into(),
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A part name or file name inside a quoted header parameter: quotes and line breaks escaped
/// as browsers do.
fn quote_header_value(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Login {
        user: String,
        tags: Vec<String>,
        remember: bool,
        note: Option<String>,
    }

    #[test]
    fn forms_encode_pairs_in_field_order() {
        let body = Body::form(&Login {
            user: "a b&c*-._~".to_owned(),
            tags: vec!["x".to_owned(), "é".to_owned()],
            remember: true,
            note: None,
        })
        .expect("encodes");
        assert_eq!(body.content_type, "application/x-www-form-urlencoded");
        assert_eq!(
            body.bytes,
            Bytes::from("user=a+b%26c*-._%7E&tags=x&tags=%C3%A9&remember=true")
        );
    }

    #[test]
    fn multipart_parts_are_framed_by_a_boundary_that_occurs_in_no_part() {
        let mut form = Multipart::new();
        form.text("name", "client-runtime-boundary-00000000");
        form.bytes("file", &b"\x00\x01"[..]);
        let body = form.into_body();
        assert_eq!(
            body.content_type,
            "multipart/form-data; boundary=client-runtime-boundary-00000001"
        );
        let expected = "--client-runtime-boundary-00000001\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nclient-runtime-boundary-00000000\r\n--client-runtime-boundary-00000001\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\r\n--client-runtime-boundary-00000001--\r\n";
        assert_eq!(body.bytes, Bytes::from(expected));
    }
}
