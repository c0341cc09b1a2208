//! Checking many files on every core: each file is independent, so `precheck photo *.jpg` on a
//! 2-core machine takes about half the time; the answers still come out in the files' order.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// More threads than this would hold as many decoded pictures at once for little gain.
const MAX_THREADS: usize = 4;

/// The number of threads for `jobs` (the `--jobs` option), or the machine's cores when not given.
pub fn threads(jobs: Option<NonZeroUsize>) -> usize {
    jobs.or_else(|| std::thread::available_parallelism().ok()).map_or(1, NonZeroUsize::get).min(MAX_THREADS)
}

/// Runs `work` on every item on up to `threads` threads and hands each result to `done` in the
/// items' order, with its item, as soon as it and every earlier one are ready.
pub fn for_each_ordered<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(&T, R),
) {
    let threads = threads.min(items.len());
    if threads <= 1 {
        items.iter().for_each(|item| done(item, work(item)));
        return;
    }
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (tx, next, work) = (tx.clone(), &next, &work);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Results arrive in any order; each waits here until every earlier one has been handed on.
        let mut ready = BTreeMap::new();
        let mut wanted = 0;
        for (i, result) in rx {
            ready.insert(i, result);
            while let Some(result) = ready.remove(&wanted) {
                done(&items[wanted], result);
                wanted += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_items_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..40).collect();
        for threads in [1, 2, 4] {
            let mut seen = Vec::new();
            // Early items take longest, so later ones finish first on other threads.
            for_each_ordered(
                &items,
                threads,
                |&i| {
                    std::thread::sleep(std::time::Duration::from_micros((40 - i) * 200));
                    i * 10
                },
                |&i, r| seen.push((i, r)),
            );
            assert_eq!(seen, items.iter().map(|&i| (i, i * 10)).collect::<Vec<_>>(), "threads={threads}");
        }
    }

    #[test]
    fn thread_count_follows_jobs_within_the_cap() {
        assert_eq!(threads(NonZeroUsize::new(1)), 1);
        assert_eq!(threads(NonZeroUsize::new(64)), MAX_THREADS);
        assert!((1..=MAX_THREADS).contains(&threads(None)));
    }
}
