//! Slows down password guessing: after a few failed logins for one account name, further
//! attempts are refused for a while, without checking the password. Unknown names are counted
//! the same way, so the lockout does not reveal which accounts exist.
//!
//! In memory on purpose: it resets on restart and is per process, which is enough to turn an
//! online guessing attack from thousands of tries per minute into a handful per window.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed per account name within [`WINDOW`].
pub const MAX_FAILURES: u32 = 5;
/// How long failures are remembered (and the lockout lasts).
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Most account names tracked; beyond it, expired entries are dropped, then the oldest, so a
/// flood of random names cannot exhaust memory.
const MAX_TRACKED: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    since: Instant,
}

/// Failed-login counts by normalized account name.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl LoginThrottle {
    /// Whether `email` is locked out at `now`.
    pub fn is_locked(&self, email: &str, now: Instant) -> bool {
        let Ok(failures) = self.failures.lock() else {
            return false;
        };
        failures.get(&key(email)).is_some_and(|entry| {
            entry.count >= MAX_FAILURES && now.duration_since(entry.since) < WINDOW
        })
    }

    /// Counts a failed attempt for `email`.
    pub fn record_failure(&self, email: &str, now: Instant) {
        let Ok(mut failures) = self.failures.lock() else {
            return;
        };
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, entry| now.duration_since(entry.since) < WINDOW);
            if failures.len() >= MAX_TRACKED
                && let Some(oldest) = failures
                    .iter()
                    .min_by_key(|(_, entry)| entry.since)
                    .map(|(name, _)| name.clone())
            {
                failures.remove(&oldest);
            }
        }
        let entry = failures.entry(key(email)).or_insert(Failures {
            count: 0,
            since: now,
        });
        if now.duration_since(entry.since) >= WINDOW {
            *entry = Failures {
                count: 0,
                since: now,
            };
        }
        entry.count = entry.count.saturating_add(1);
    }

    /// Forgets the failures of `email` (after a successful login).
    pub fn clear(&self, email: &str) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(&key(email));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_the_limit_and_unlocks_after_the_window() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            throttle.record_failure("A@example.jp", start);
        }
        assert!(!throttle.is_locked("a@example.jp", start));
        throttle.record_failure(" a@example.jp ", start);
        assert!(throttle.is_locked("a@example.jp", start));
        assert!(!throttle.is_locked("b@example.jp", start));
        assert!(!throttle.is_locked("a@example.jp", start + WINDOW));
        // A new failure after the window starts a new count.
        throttle.record_failure("a@example.jp", start + WINDOW);
        assert!(!throttle.is_locked("a@example.jp", start + WINDOW));
        throttle.clear("a@example.jp");
        assert!(!throttle.is_locked("a@example.jp", start));
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_names() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..MAX_TRACKED + 50 {
            throttle.record_failure(&format!("user{i}@example.jp"), now);
        }
        let tracked = throttle
            .failures
            .lock()
            .map(|f| f.len())
            .unwrap_or(usize::MAX);
        assert!(tracked <= MAX_TRACKED, "{tracked}");
    }
}
