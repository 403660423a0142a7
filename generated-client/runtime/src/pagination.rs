//! Pagination: walking the pages of a list operation.
//!
//! - [`MarkerPages`]: marker pagination (`marker` in, `page_info.next_marker` out), as the ELB
//!   v3 list operations and many other OTC services page, around any operation, yielding one
//!   response per page.
//! - [`marker_items`] and [`offset_items`]: streams of the items of every page, which the
//!   generated `…_stream` methods return for the operations the spec marks `x-pagination`
//!   (marker, or offset and total count as DCS pages).

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use futures::Stream;

use crate::Error;

/// The future of one page request.
pub type PageFuture<'a, Response> =
    Pin<Box<dyn Future<Output = Result<Response, Error>> + Send + 'a>>;

/// Walks the pages of a marker-paginated operation: the first request with the initial marker,
/// then each following request with the `next_marker` of the previous response, until a
/// response has none.
///
/// For the items of every page of an operation the spec marks `x-pagination`, its generated
/// `…_stream` method (built on [`marker_items`], which uses this walker) is simpler.
///
/// Each item is the operation's whole response enum, so a page that comes back with an error
/// status is seen (and ends the walk, as it has no next marker). A service that answers with the
/// marker of the current or the previous page would loop forever; the walk ends there instead,
/// with a warning.
///
/// ```
/// use otc_client_runtime::MarkerPages;
///
/// // A stand-in for a list operation's response: each page names the next one's marker.
/// #[derive(Debug)]
/// struct Page {
///     next_marker: Option<String>,
/// }
///
/// # async fn example() -> Result<(), otc_client_runtime::Error> {
/// let mut pages = MarkerPages::new(
///     None,
///     |marker: Option<String>| {
///         Box::pin(async move {
///             let next_marker = match marker.as_deref() {
///                 None => Some("page-2"),
///                 Some("page-2") => Some("page-3"),
///                 _ => None,
///             };
///             Ok(Page { next_marker: next_marker.map(str::to_owned) })
///         })
///     },
///     |page: &Page| page.next_marker.clone(),
/// );
/// while let Some(page) = pages.next_page().await {
///     println!("{:?}", page?);
/// }
/// assert_eq!(pages.pages_fetched(), 3);
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
    /// The walk ended because the service repeated a marker, not because it had no more pages.
    stopped_by_repeated_marker: bool,
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
            stopped_by_repeated_marker: false,
        }
    }

    /// How many pages were requested so far.
    pub fn pages_fetched(&self) -> u64 {
        self.pages_fetched
    }

    /// Whether the walk ended because the service answered with the marker of the current or
    /// the previous page (which would have looped forever), rather than with no marker.
    pub fn stopped_by_repeated_marker(&self) -> bool {
        self.stopped_by_repeated_marker
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
                        self.stopped_by_repeated_marker = true;
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

/// A stream of list items across pages, as the generated `…_stream` methods return it. Boxed,
/// so it can be polled with `futures::StreamExt::next` without pinning it first.
pub type ItemStream<'a, Item> = Pin<Box<dyn Stream<Item = Result<Item, Error>> + Send + 'a>>;

/// One page of a marker-paginated list: its items and the marker of the next page (`None` on
/// the last page).
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerPage<Item> {
    pub items: Vec<Item>,
    pub next_marker: Option<String>,
}

/// One page of an offset-paginated list: its items and the total count of items the service
/// reports, if it does.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetPage<Item> {
    pub items: Vec<Item>,
    pub total_count: Option<u64>,
}

/// The items of every page of a marker-paginated list, in order.
///
/// `fetch_page` requests one page with the given marker (the first with `initial_marker`,
/// each next one with the previous page's `next_marker`) and returns its items, or an error
/// (a page with a non-success status is [`Error::UnexpectedStatus`]). The stream ends after a
/// page without next marker or without items. An error is the stream's last item: a failed
/// page, or [`Error::Pagination`] when the service answers with the marker of the current or
/// the previous page (which would loop forever); the items of that page are yielded first.
pub fn marker_items<'a, Item: Send + 'a>(
    operation_id: &'static str,
    initial_marker: Option<String>,
    fetch_page: impl FnMut(Option<String>) -> PageFuture<'a, MarkerPage<Item>> + Send + 'a,
) -> ItemStream<'a, Item> {
    struct Walk<'a, Item> {
        pages: MarkerPages<'a, MarkerPage<Item>>,
        buffered: VecDeque<Item>,
        finished: bool,
    }
    let walk = Walk {
        pages: MarkerPages::new(initial_marker, fetch_page, |page: &MarkerPage<Item>| {
            // An empty page ends the walk even with a next marker: the markers are ids of
            // listed items, so there is nothing after it to continue from.
            if page.items.is_empty() {
                None
            } else {
                page.next_marker.clone()
            }
        }),
        buffered: VecDeque::new(),
        finished: false,
    };
    Box::pin(futures::stream::unfold(walk, move |mut walk| async move {
        loop {
            if let Some(item) = walk.buffered.pop_front() {
                return Some((Ok(item), walk));
            }
            if walk.finished {
                return None;
            }
            match walk.pages.next_page().await {
                Some(Ok(page)) => walk.buffered.extend(page.items),
                Some(Err(error)) => {
                    walk.finished = true;
                    return Some((Err(error), walk));
                }
                None if walk.pages.stopped_by_repeated_marker() => {
                    walk.finished = true;
                    let error = Error::Pagination {
                        operation_id,
                        reason: format!(
                            "after {} page(s) the service answered with the marker of the current or the previous page again, which would loop forever",
                            walk.pages.pages_fetched()
                        ),
                    };
                    return Some((Err(error), walk));
                }
                None => return None,
            }
        }
    }))
}

/// The items of every page of an offset-paginated list, in order.
///
/// `fetch_page` requests the page whose first item is at the given offset (an item offset: the
/// first page at `initial_offset`, each next one where the previous ended) and returns its
/// items and the total count. The walk ends at the first page that is empty, that reaches the
/// total count, or that has fewer items than `page_size` (the limit sent, if any). An error is
/// the stream's last item: a failed page, or [`Error::Pagination`] when a page has exactly the
/// items of the page before it (a service that ignores the offset would otherwise be asked
/// for the same page until the total count, or forever without one).
pub fn offset_items<'a, Item: Clone + PartialEq + Send + 'a>(
    operation_id: &'static str,
    initial_offset: u64,
    page_size: Option<u64>,
    fetch_page: impl FnMut(u64) -> PageFuture<'a, OffsetPage<Item>> + Send + 'a,
) -> ItemStream<'a, Item> {
    struct Walk<'a, Item> {
        fetch_page: Box<dyn FnMut(u64) -> PageFuture<'a, OffsetPage<Item>> + Send + 'a>,
        next_offset: u64,
        previous_page: Option<Vec<Item>>,
        buffered: VecDeque<Item>,
        pages_fetched: u64,
        finished: bool,
    }
    let walk = Walk {
        fetch_page: Box::new(fetch_page),
        next_offset: initial_offset,
        previous_page: None,
        buffered: VecDeque::new(),
        pages_fetched: 0,
        finished: false,
    };
    Box::pin(futures::stream::unfold(walk, move |mut walk| async move {
        loop {
            if let Some(item) = walk.buffered.pop_front() {
                return Some((Ok(item), walk));
            }
            if walk.finished {
                return None;
            }
            let offset = walk.next_offset;
            let outcome = (walk.fetch_page)(offset).await;
            walk.pages_fetched += 1;
            let page = match outcome {
                Ok(page) => page,
                Err(error) => {
                    walk.finished = true;
                    return Some((Err(error), walk));
                }
            };
            if page.items.is_empty() {
                return None;
            }
            if walk.previous_page.as_ref() == Some(&page.items) {
                walk.finished = true;
                let error = Error::Pagination {
                    operation_id,
                    reason: format!(
                        "the page at offset {offset} has exactly the items of the page before it: the service seems to ignore the offset"
                    ),
                };
                return Some((Err(error), walk));
            }
            let item_count = page.items.len() as u64;
            walk.next_offset = offset.saturating_add(item_count);
            let reached_total = page
                .total_count
                .is_some_and(|total_count| walk.next_offset >= total_count);
            let short_page = page_size.is_some_and(|page_size| item_count < page_size);
            walk.finished = reached_total || short_page;
            tracing::debug!(
                operation_id,
                offset,
                item_count,
                total_count = page.total_count,
                last_page = walk.finished,
                "list page received"
            );
            walk.buffered.extend(page.items.iter().cloned());
            walk.previous_page = Some(page.items);
        }
    }))
}

/// The offset of the next page as the type of the operation's offset parameter (`i32` in
/// most specs), or [`Error::Pagination`] when it does not fit.
pub fn offset_parameter<Offset: TryFrom<u64>>(
    operation_id: &'static str,
    offset: u64,
) -> Result<Offset, Error> {
    Offset::try_from(offset).map_err(|_| Error::Pagination {
        operation_id,
        reason: format!("the offset {offset} does not fit the type of the offset parameter"),
    })
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
    /// The offsets requested, and a fake service whose page at each offset the table gives.
    fn offset_walk(
        pages: &'static [(u64, &'static [u32], Option<u64>)],
        page_size: Option<u64>,
        requested_offsets: Arc<Mutex<Vec<u64>>>,
    ) -> ItemStream<'static, u32> {
        offset_items("ListNumbers", 0, page_size, move |offset| {
            if let Ok(mut requested) = requested_offsets.lock() {
                requested.push(offset);
            }
            let page = pages
                .iter()
                .find(|(page_offset, ..)| *page_offset == offset)
                .map(|(_, items, total_count)| OffsetPage {
                    items: items.to_vec(),
                    total_count: *total_count,
                });
            Box::pin(async move {
                page.ok_or_else(|| Error::Configuration(format!("no page at offset {offset}")))
            })
        })
    }

    async fn walk_offsets(
        pages: &'static [(u64, &'static [u32], Option<u64>)],
        page_size: Option<u64>,
    ) -> (Vec<Result<u32, String>>, Vec<u64>) {
        use futures::StreamExt;
        let requested_offsets = Arc::new(Mutex::new(Vec::new()));
        let items = offset_walk(pages, page_size, Arc::clone(&requested_offsets))
            .map(|item| item.map_err(|error| error.to_string()))
            .collect()
            .await;
        let requested = requested_offsets
            .lock()
            .map(|requested| requested.clone())
            .unwrap_or_default();
        (items, requested)
    }

    #[tokio::test]
    async fn offset_walks_end_at_the_total_count_a_short_page_or_an_empty_page() {
        let (items, requested) =
            walk_offsets(&[(0, &[1, 2], Some(3)), (2, &[3], Some(3))], Some(2)).await;
        assert_eq!(items, [Ok(1), Ok(2), Ok(3)]);
        assert_eq!(requested, [0, 2]);
        // The total count ends the walk even when the last page is full.
        let (items, requested) =
            walk_offsets(&[(0, &[1, 2], Some(4)), (2, &[3, 4], Some(4))], Some(2)).await;
        assert_eq!(items, [Ok(1), Ok(2), Ok(3), Ok(4)]);
        assert_eq!(requested, [0, 2]);
        // Without total count: a page shorter than the limit is the last.
        let (items, requested) =
            walk_offsets(&[(0, &[1, 2], None), (2, &[3], None)], Some(2)).await;
        assert_eq!(items, [Ok(1), Ok(2), Ok(3)]);
        assert_eq!(requested, [0, 2]);
        // Without total count and limit: an empty page is the end.
        let (items, requested) =
            walk_offsets(&[(0, &[1, 2], None), (2, &[3], None), (3, &[], None)], None).await;
        assert_eq!(items, [Ok(1), Ok(2), Ok(3)]);
        assert_eq!(requested, [0, 2, 3]);
    }

    #[tokio::test]
    async fn an_offset_walk_stops_at_a_repeated_page_and_at_an_error() {
        let (items, requested) =
            walk_offsets(&[(0, &[1, 2], None), (2, &[1, 2], None)], Some(2)).await;
        assert_eq!(
            items,
            [
                Ok(1),
                Ok(2),
                Err("walking the pages of ListNumbers stopped: the page at offset 2 has exactly the items of the page before it: the service seems to ignore the offset".to_owned())
            ]
        );
        assert_eq!(requested, [0, 2]);
        let (items, requested) = walk_offsets(&[(0, &[1, 2], Some(10))], Some(2)).await;
        assert_eq!(
            items,
            [
                Ok(1),
                Ok(2),
                Err("invalid client configuration: no page at offset 2".to_owned())
            ]
        );
        assert_eq!(requested, [0, 2]);
    }

    #[test]
    fn an_offset_that_does_not_fit_the_parameter_is_an_error() {
        assert_eq!(offset_parameter::<i32>("ListNumbers", 7).ok(), Some(7));
        let error = offset_parameter::<i32>("ListNumbers", 1 << 40).expect_err("too large");
        assert_eq!(
            error.to_string(),
            "walking the pages of ListNumbers stopped: the offset 1099511627776 does not fit the type of the offset parameter"
        );
    }
}
