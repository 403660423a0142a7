//! The request's values → the runtime's [`OperationRequest`], and its sending: one call,
//! every page of a paginated list (`--all`, `--max-items`, `--page-size`, on the runtime's
//! `marker_items`/`offset_items`, so the CLI walks pages as the generated clients do), and a
//! response turned into the result the output renders, or into the error and exit code its
//! status stands for.

use std::sync::Arc;

use futures::StreamExt;
use otc_cli_table::{BodyEncoding, MultipartPart, MultipartPartKind, Pagination, ParameterPlace};
use otc_client_runtime::{
    Body, Error, MarkerPage, Multipart, OffsetPage, OperationRequest, PageFuture, RawResponse,
    ServiceClient,
};
use serde_json::Value;

use crate::failure::{status_of, CliError};
use crate::flags::OperationFlags;
use crate::input::{read_body_argument, RequestValues};

/// A name the runtime's request types take as `&'static str` (generated code passes literals).
/// The command line makes a handful of requests per process, so the few names it leaks are
/// bounded by its input.
pub fn static_name(name: &str) -> &'static str {
    Box::leak(name.to_owned().into_boxed_str())
}

/// A value as it goes into a path, query or header: strings as they are, the rest as JSON.
pub fn wire_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The parts of a request that stay the same from page to page.
#[derive(Debug, Clone)]
pub struct PreparedRequest {
    pub operation_id: &'static str,
    pub method: reqwest::Method,
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Body>,
}

impl PreparedRequest {
    pub fn operation_request(&self) -> OperationRequest {
        OperationRequest {
            operation_id: self.operation_id,
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
        }
    }

    /// The request with a query parameter set (replacing any value it had).
    pub fn with_query(&self, name: &str, value: String) -> OperationRequest {
        let mut request = self.operation_request();
        request.query.retain(|(existing, _)| *existing != name);
        request.query.push((static_name(name), value));
        request
    }
}

/// Builds the request of an operation from its values.
pub fn prepare(
    client: &ServiceClient,
    flags: &OperationFlags<'_>,
    values: &RequestValues,
) -> Result<PreparedRequest, CliError> {
    let operation = flags.operation;
    let method = reqwest::Method::from_bytes(operation.method.as_bytes()).map_err(|_| {
        CliError::failure(format!(
            "the table's method {} is not HTTP",
            operation.method
        ))
    })?;
    let path_arguments: Vec<(&str, String)> = values
        .path
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    let path = client
        .expand_path(&operation.path, &path_arguments)
        .map_err(|error| CliError::from_runtime(&error))?;
    let mut query = Vec::new();
    let mut headers = Vec::new();
    for (position, given) in &values.parameters {
        let parameter = &operation.parameters[*position];
        let name = static_name(&parameter.name);
        let texts: Vec<String> =
            if parameter.comma_separated || parameter.place == ParameterPlace::Header {
                vec![given.iter().map(wire_text).collect::<Vec<_>>().join(",")]
            } else {
                given.iter().map(wire_text).collect()
            };
        for text in texts {
            match parameter.place {
                ParameterPlace::Query => query.push((name, text)),
                ParameterPlace::Header => headers.push((name, text)),
                ParameterPlace::Path => {}
            }
        }
    }
    let body = match (&operation.body, &values.body, &values.raw_body) {
        (Some(definition), _, Some(bytes)) => Some(match definition.encoding {
            BodyEncoding::Text => Body::text(
                &definition.content_type,
                String::from_utf8_lossy(bytes).into_owned(),
            ),
            _ => Body::bytes(&definition.content_type, bytes.clone()),
        }),
        (Some(definition), Some(value), None) => Some(match definition.encoding {
            BodyEncoding::Form => {
                Body::form(value).map_err(|error| CliError::from_runtime(&error))?
            }
            BodyEncoding::Json => {
                Body::json(value).map_err(|error| CliError::from_runtime(&error))?
            }
            BodyEncoding::Text => Body::text(&definition.content_type, wire_text(value)),
            BodyEncoding::Binary => {
                Body::bytes(&definition.content_type, wire_text(value).into_bytes())
            }
            BodyEncoding::Multipart => multipart_body(&definition.parts, value)?,
        }),
        _ => None,
    };
    Ok(PreparedRequest {
        operation_id: static_name(&operation.operation_id),
        method,
        path,
        query,
        headers,
        body,
    })
}

/// A `multipart/form-data` body from the body object: a part per member the table lists (one
/// per element of a repeated member), in the table's order; a file part's value is the file
/// named after `@` (as `--body @file`), or the string's own bytes. A member the table does not
/// list has no part to go in: an error rather than a value left out in silence.
fn multipart_body(parts: &[MultipartPart<'_>], value: &Value) -> Result<Body, CliError> {
    let Value::Object(members) = value else {
        return Err(CliError::usage(
            "a multipart body is an object of its parts".to_owned(),
        ));
    };
    if let Some(unknown) = members
        .keys()
        .find(|name| !parts.iter().any(|part| part.name == name.as_str()))
    {
        let names: Vec<&str> = parts.iter().map(|part| part.name.as_ref()).collect();
        return Err(CliError::usage(format!(
            "the body has no part {unknown:?} (its parts: {})",
            names.join(", ")
        )));
    }
    let mut form = Multipart::new();
    for part in parts {
        let values: Vec<&Value> = match members.get(part.name.as_ref()) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(elements)) if part.repeated => elements.iter().collect(),
            Some(single) => vec![single],
        };
        for value in values {
            match part.kind {
                MultipartPartKind::Text => {
                    form.text(&part.name, wire_text(value));
                }
                MultipartPartKind::Json => {
                    form.json(&part.name, value)
                        .map_err(|error| CliError::from_runtime(&error))?;
                }
                MultipartPartKind::Bytes => {
                    let bytes = match value {
                        Value::String(text) if text.starts_with('@') => read_body_argument(text)?,
                        other => wire_text(other).into_bytes(),
                    };
                    form.bytes(&part.name, bytes);
                }
            }
        }
    }
    Ok(form.into_body())
}

/// A response's body as the result: JSON when it reads as JSON, else its text as a string,
/// `None` when empty.
pub fn response_value(response: &RawResponse) -> Option<Value> {
    if response.body.is_empty() {
        return None;
    }
    match serde_json::from_slice(&response.body) {
        Ok(value) => Some(value),
        Err(_) => Some(Value::String(
            String::from_utf8_lossy(&response.body).into_owned(),
        )),
    }
}

/// A response with an error status as the command's error: status, request id, the cloud's
/// error code and message, and the body.
pub fn status_error(response: &RawResponse) -> CliError {
    let mut message = format!("the service answered {}", response.status);
    if let Some(reason) = reqwest::StatusCode::from_u16(response.status)
        .ok()
        .and_then(|status| status.canonical_reason())
    {
        message.push_str(&format!(" {reason}"));
    }
    if let Some(request_id) = response.request_id() {
        message.push_str(&format!(" (request id {request_id})"));
    }
    if let Some(cloud_error) = response.cloud_error() {
        message.push_str(&format!(": {cloud_error}"));
    }
    if !response.body.is_empty() {
        message.push('\n');
        message.push_str(&String::from_utf8_lossy(&response.body));
    }
    CliError::new(status_of(response.status), message)
}

/// Sends one request; a status of 400 or more is an error.
pub async fn send_once(
    client: &ServiceClient,
    request: OperationRequest,
) -> Result<RawResponse, CliError> {
    let response = client
        .send(request)
        .await
        .map_err(|error| CliError::from_runtime(&error))?;
    if response.status >= 400 {
        return Err(status_error(&response));
    }
    Ok(response)
}

/// What `--all`, `--max-items` and `--page-size` ask of a paginated list.
#[derive(Debug, Clone, Copy)]
pub struct PageWalk {
    pub max_items: Option<usize>,
    pub page_size: Option<u64>,
}

/// The value at a dotted path of a page.
fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(value, |current, step| current.get(step))
}

/// Every page of a list: the last page's body with the items of every page at the items
/// path. A page that fails ends the command, saying after how many items and pages.
pub async fn walk_pages(
    client: &ServiceClient,
    request: &PreparedRequest,
    pagination: &Pagination<'static>,
    walk: PageWalk,
) -> Result<Value, CliError> {
    let base = match walk.page_size {
        Some(page_size) => {
            let mut prepared = request.clone();
            prepared.query = request
                .with_query(pagination.limit(), page_size.to_string())
                .query;
            prepared
        }
        None => request.clone(),
    };
    let last_page: Arc<std::sync::Mutex<Option<Value>>> = Arc::default();
    let pages_fetched: Arc<std::sync::Mutex<u64>> = Arc::default();
    let items_path = pagination.items().to_owned();
    let mut stream = match pagination {
        Pagination::Marker {
            marker,
            next_marker,
            ..
        } => {
            let marker = marker.to_string();
            let next_marker = next_marker.to_string();
            let initial = base
                .query
                .iter()
                .find(|(name, _)| *name == marker)
                .map(|(_, value)| value.clone());
            let (client, base, last_page, pages_fetched, items_path) = (
                client.clone(),
                base.clone(),
                last_page.clone(),
                pages_fetched.clone(),
                items_path.clone(),
            );
            otc_client_runtime::marker_items(request.operation_id, initial, move |page_marker| {
                let request = match &page_marker {
                    Some(page_marker) => base.with_query(&marker, page_marker.clone()),
                    None => base.operation_request(),
                };
                let (client, last_page, pages_fetched, items_path, next_marker) = (
                    client.clone(),
                    last_page.clone(),
                    pages_fetched.clone(),
                    items_path.clone(),
                    next_marker.clone(),
                );
                let page: PageFuture<'static, MarkerPage<Value>> = Box::pin(async move {
                    let body = fetch_page(&client, request, &pages_fetched).await?;
                    let items = items_at(&body, &items_path);
                    let next = at_path(&body, &next_marker).and_then(|value| match value {
                        Value::Null => None,
                        other => Some(wire_text(other)),
                    });
                    if let Ok(mut last) = last_page.lock() {
                        *last = Some(body);
                    }
                    Ok(MarkerPage {
                        items,
                        next_marker: next,
                    })
                });
                page
            })
        }
        Pagination::Offset {
            offset,
            limit,
            total,
            ..
        } => {
            let offset = offset.to_string();
            let total = total.to_string();
            let initial = base
                .query
                .iter()
                .find(|(name, _)| *name == offset)
                .and_then(|(_, value)| value.parse().ok())
                .unwrap_or(0);
            let page_size = base
                .query
                .iter()
                .find(|(name, _)| *name == limit.as_ref())
                .and_then(|(_, value)| value.parse().ok());
            let (client, base, last_page, pages_fetched, items_path) = (
                client.clone(),
                base.clone(),
                last_page.clone(),
                pages_fetched.clone(),
                items_path.clone(),
            );
            otc_client_runtime::offset_items(
                request.operation_id,
                initial,
                page_size,
                move |page_offset| {
                    let request = base.with_query(&offset, page_offset.to_string());
                    let (client, last_page, pages_fetched, items_path, total) = (
                        client.clone(),
                        last_page.clone(),
                        pages_fetched.clone(),
                        items_path.clone(),
                        total.clone(),
                    );
                    let page: PageFuture<'static, OffsetPage<Value>> = Box::pin(async move {
                        let body = fetch_page(&client, request, &pages_fetched).await?;
                        let items = items_at(&body, &items_path);
                        let total_count = at_path(&body, &total).and_then(|value| match value {
                            Value::Number(number) => number.as_u64(),
                            Value::String(text) => text.parse().ok(),
                            _ => None,
                        });
                        if let Ok(mut last) = last_page.lock() {
                            *last = Some(body);
                        }
                        Ok(OffsetPage { items, total_count })
                    });
                    page
                },
            )
        }
    };
    let mut items = Vec::new();
    while let Some(item) = stream.next().await {
        match item {
            Ok(item) => {
                items.push(item);
                if walk
                    .max_items
                    .is_some_and(|max_items| items.len() >= max_items)
                {
                    break;
                }
            }
            Err(error) => {
                let pages = pages_fetched.lock().map(|pages| *pages).unwrap_or_default();
                let mut failure = match &error {
                    Error::UnexpectedStatus { response, .. } => status_error(response),
                    other => CliError::from_runtime(other),
                };
                failure.message = format!(
                    "page {pages} failed after {} item(s) of {} earlier page(s); nothing was printed: {}",
                    items.len(),
                    pages.saturating_sub(1),
                    failure.message
                );
                return Err(failure);
            }
        }
    }
    let mut result = last_page
        .lock()
        .ok()
        .and_then(|mut last| last.take())
        .unwrap_or_else(|| Value::Object(Default::default()));
    set_items(&mut result, &items_path, Value::Array(items));
    Ok(result)
}

/// One page, or the error its status stands for (the runtime's walk ends on it).
async fn fetch_page(
    client: &ServiceClient,
    request: OperationRequest,
    pages_fetched: &std::sync::Mutex<u64>,
) -> Result<Value, Error> {
    if let Ok(mut pages) = pages_fetched.lock() {
        *pages += 1;
    }
    let operation_id = request.operation_id;
    let response = client.send(request).await?;
    if !(200..300).contains(&response.status) {
        return Err(Error::UnexpectedStatus {
            operation_id,
            response: Box::new(response),
        });
    }
    Ok(response_value(&response).unwrap_or(Value::Null))
}

fn items_at(body: &Value, items_path: &str) -> Vec<Value> {
    match at_path(body, items_path) {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    }
}

fn set_items(result: &mut Value, items_path: &str, items: Value) {
    let steps: Vec<&str> = items_path.split('.').collect();
    let mut current = result;
    for step in &steps[..steps.len() - 1] {
        if !current.is_object() {
            *current = Value::Object(Default::default());
        }
        current = current
            .as_object_mut()
            .expect("an object")
            .entry(step.to_string())
            .or_insert_with(|| Value::Object(Default::default()));
    }
    if !current.is_object() {
        *current = Value::Object(Default::default());
    }
    if let Some(last) = steps.last() {
        current
            .as_object_mut()
            .expect("an object")
            .insert(last.to_string(), items);
    }
}

/// The documented response shapes of an operation by status, for the response check.
pub fn documented_shape<'o>(
    operation: &'o otc_cli_table::Operation<'static>,
    status: u16,
) -> Option<&'o otc_cli_table::Shape> {
    let exact = operation
        .responses
        .iter()
        .find(|response| response.status == status.to_string());
    let covering = exact.or_else(|| {
        operation
            .responses
            .iter()
            .find(|response| response.covers(status))
    });
    covering.and_then(|response| response.shape.as_ref())
}
