//! Marker pagination (`marker` in, `page_info.next_marker` out), as the ELB v3 list operations
//! and many other OTC services page: a helper the generated list operations (or callers) wrap
//! around any operation, yielding one response per page.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::runtime::Error;

/// The future of one page request.
pub type PageFuture<'a, Response> =
    Pin<Box<dyn Future<Output = Result<Response, Error>> + Send + 'a>>;

/// Walks the pages of a marker-paginated operation: the first request with the initial marker,
/// then each following request with the `next_marker` of the previous response, until a
/// response has none.
///
/// Each item is the operation's whole response enum, so a page that comes back with an error
/// status is seen (and ends the walk, as it has no next marker). A service that answers with the
/// marker of the current or the previous page would loop forever; the walk ends there instead,
/// with a warning.
///
/// ```no_run
/// # #[cfg(feature = "elb")]
/// # async fn example(client: &otc_client::elb::Client) -> Result<(), otc_client::runtime::Error> {
/// use otc_client::elb::{ListCertificatesRequest, ListCertificatesResponse};
/// use otc_client::runtime::MarkerPages;
///
/// let first_request = ListCertificatesRequest { limit: Some(100), ..Default::default() };
/// let mut pages = MarkerPages::new(
///     first_request.marker.clone(),
///     move |marker| {
///         let mut request = first_request.clone();
///         request.marker = marker;
///         Box::pin(async move { client.list_certificates(&request).await })
///     },
///     |response| match response {
///         ListCertificatesResponse::Ok(body) => {
///             body.page_info.as_ref().and_then(|page_info| page_info.next_marker.clone())
///         }
///         _ => None,
///     },
/// );
/// while let Some(page) = pages.next_page().await {
///     println!("{:?}", page?);
/// }
/// # Ok(())
/// # }
/// ```
pub struct MarkerPages<'a, Response> {
    fetch_page: Box<dyn FnMut(Option<String>) -> PageFuture<'a, Response> + Send + 'a>,
    next_marker_of: fn(&Response) -> Option<String>,
    /// The marker of the next request; `None` for a first request without marker.
    next_marker: Option<String>,
    /// The marker the last request was sent with, to notice a service repeating it.
    last_marker: Option<String>,
    pages_fetched: u64,
    finished: bool,
}

impl<'a, Response> MarkerPages<'a, Response> {
    /// `fetch_page` sends the operation with the given marker; `next_marker_of` reads the next
    /// marker out of a response (`None` for the last page or an error status).
    pub fn new(
        initial_marker: Option<String>,
        fetch_page: impl FnMut(Option<String>) -> PageFuture<'a, Response> + Send + 'a,
        next_marker_of: fn(&Response) -> Option<String>,
    ) -> Self {
        MarkerPages {
            fetch_page: Box::new(fetch_page),
            next_marker_of,
            next_marker: initial_marker,
            last_marker: None,
            pages_fetched: 0,
            finished: false,
        }
    }

    /// The next page, or `None` when the previous one was the last. An error ends the walk.
    pub async fn next_page(&mut self) -> Option<Result<Response, Error>> {
        if self.finished {
            return None;
        }
        let marker = self.next_marker.take();
        let outcome = (self.fetch_page)(marker.clone()).await;
        self.pages_fetched += 1;
        match &outcome {
            Ok(response) => {
                let next_marker =
                    (self.next_marker_of)(response).filter(|next_marker| !next_marker.is_empty());
                match next_marker {
                    None => self.finished = true,
                    Some(next_marker)
                        if Some(&next_marker) == marker.as_ref()
                            || Some(&next_marker) == self.last_marker.as_ref() =>
                    {
                        tracing::warn!(
                            pages_fetched = self.pages_fetched,
                            "pagination stopped: the service returned the marker of the current or the previous page"
                        );
                        self.finished = true;
                    }
                    Some(next_marker) => self.next_marker = Some(next_marker),
                }
            }
            Err(_) => self.finished = true,
        }
        self.last_marker = marker;
        Some(outcome)
    }

    /// Every remaining page, stopping at the first error.
    pub async fn collect_all(mut self) -> Result<Vec<Response>, Error> {
        let mut pages = Vec::new();
        while let Some(page) = self.next_page().await {
            pages.push(page?);
        }
        Ok(pages)
    }
}

impl<Response> fmt::Debug for MarkerPages<'_, Response> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("MarkerPages")
            .field("next_marker", &self.next_marker)
            .field("pages_fetched", &self.pages_fetched)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A fake paged service: page `n` answers with the next marker the table gives.
    fn pages_over(
        next_markers: &'static [(Option<&'static str>, Option<&'static str>)],
        requested_markers: Arc<Mutex<Vec<Option<String>>>>,
    ) -> MarkerPages<'static, Option<String>> {
        MarkerPages::new(
            None,
            move |marker: Option<String>| {
                if let Ok(mut requested) = requested_markers.lock() {
                    requested.push(marker.clone());
                }
                let next_marker = next_markers
                    .iter()
                    .find(|(page_marker, _)| page_marker.map(str::to_owned) == marker)
                    .and_then(|(_, next_marker)| next_marker.map(str::to_owned));
                Box::pin(async move { Ok(next_marker) })
            },
            |next_marker: &Option<String>| next_marker.clone(),
        )
    }

    fn requested(requested_markers: &Arc<Mutex<Vec<Option<String>>>>) -> Vec<Option<String>> {
        requested_markers
            .lock()
            .map(|requested| requested.clone())
            .unwrap_or_default()
    }

    #[tokio::test]
    async fn pages_follow_next_markers_until_there_is_none() {
        let requested_markers = Arc::new(Mutex::new(Vec::new()));
        let pages = pages_over(
            &[(None, Some("a")), (Some("a"), Some("b")), (Some("b"), None)],
            Arc::clone(&requested_markers),
        );
        let all = pages.collect_all().await.expect("pages");
        assert_eq!(all.len(), 3);
        assert_eq!(
            requested(&requested_markers),
            [None, Some("a".to_owned()), Some("b".to_owned())]
        );
    }

    #[tokio::test]
    async fn a_repeated_marker_ends_the_walk() {
        let requested_markers = Arc::new(Mutex::new(Vec::new()));
        let pages = pages_over(
            &[(None, Some("a")), (Some("a"), Some("a"))],
            Arc::clone(&requested_markers),
        );
        assert_eq!(pages.collect_all().await.expect("pages").len(), 2);
        assert_eq!(requested(&requested_markers), [None, Some("a".to_owned())]);
        // A two-page cycle ends too.
        let requested_markers = Arc::new(Mutex::new(Vec::new()));
        let pages = pages_over(
            &[
                (None, Some("a")),
                (Some("a"), Some("b")),
                (Some("b"), Some("a")),
            ],
            Arc::clone(&requested_markers),
        );
        assert_eq!(pages.collect_all().await.expect("pages").len(), 3);
    }

    #[tokio::test]
    async fn an_error_ends_the_walk() {
        let mut pages: MarkerPages<'static, Option<String>> = MarkerPages::new(
            None,
            |_marker| Box::pin(async { Err(Error::Configuration("no such service".to_owned())) }),
            |next_marker: &Option<String>| next_marker.clone(),
        );
        assert!(matches!(pages.next_page().await, Some(Err(_))));
        assert!(pages.next_page().await.is_none());
    }
}
