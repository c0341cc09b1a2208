//! "Type it again" practice: the student sets a password, later types it from memory, and learns
//! whether it matched (and, if not, a hint such as "大小写不一样"). Nothing is stored anywhere but
//! this value, which lives in memory until the page is left or `reset` is called.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Match,
    /// Same letters, different capitals: the platform is case-sensitive.
    CaseDiffers,
    LengthDiffers,
    Mismatch,
}

impl Outcome {
    pub fn is_match(self) -> bool {
        self == Outcome::Match
    }
    pub fn text(self) -> &'static str {
        match self {
            Outcome::Match => "一致：你记住了。真正登录平台时也要这样一次输对。",
            Outcome::CaseDiffers => "不一致：字母的大小写不同。平台区分大小写，请注意 Caps Lock 和首字母大写。",
            Outcome::LengthDiffers => "不一致：位数不同，可能漏输或多输了字符。",
            Outcome::Mismatch => "不一致：有字符输错了。如果总记不住，换一个你能记住的密码。",
        }
    }
}

/// No Debug derive: it would print the secret.
#[derive(Clone, PartialEq, Eq, Default)]
enum State {
    #[default]
    Empty,
    /// Waiting for the student to type it again.
    Set {
        secret: Vec<u8>,
        attempts: u32,
    },
    Compared {
        secret: Vec<u8>,
        attempts: u32,
        last: Outcome,
    },
}

/// The rehearsal state machine: `set` → `retype` (any number of times) → `reset`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Rehearsal {
    state: State,
}

impl std::fmt::Debug for Rehearsal {
    // Never print the secret, even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match &self.state {
            State::Empty => "Empty",
            State::Set { .. } => "Set",
            State::Compared { .. } => "Compared",
        };
        write!(f, "Rehearsal({s})")
    }
}

/// Compares every byte whatever the first difference, so timing does not reveal where it is.
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for k in 0..a.len().max(b.len()) {
        diff |= usize::from(a.get(k).copied().unwrap_or(0) ^ b.get(k).copied().unwrap_or(0));
    }
    diff == 0
}

impl Rehearsal {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts over with a new password; an empty one clears the rehearsal.
    pub fn set(&mut self, password: &str) {
        self.reset();
        if !password.is_empty() {
            self.state = State::Set { secret: password.as_bytes().to_vec(), attempts: 0 };
        }
    }

    /// Compares a retyped password; None if nothing was set.
    pub fn retype(&mut self, typed: &str) -> Option<Outcome> {
        let (secret, attempts) = match std::mem::take(&mut self.state) {
            State::Set { secret, attempts } | State::Compared { secret, attempts, .. } => (secret, attempts),
            State::Empty => return None,
        };
        let t = typed.as_bytes();
        let outcome = if same(&secret, t) {
            Outcome::Match
        } else if same(&secret.to_ascii_lowercase(), &t.to_ascii_lowercase()) {
            Outcome::CaseDiffers
        } else if secret.len() != t.len() {
            Outcome::LengthDiffers
        } else {
            Outcome::Mismatch
        };
        self.state = State::Compared { secret, attempts: attempts.saturating_add(1), last: outcome };
        Some(outcome)
    }

    /// Forgets the password, overwriting the bytes first (best effort: the browser may hold copies).
    pub fn reset(&mut self) {
        if let State::Set { secret, .. } | State::Compared { secret, .. } = &mut self.state {
            secret.iter_mut().for_each(|b| *b = 0);
        }
        self.state = State::Empty;
    }

    pub fn is_set(&self) -> bool {
        !matches!(self.state, State::Empty)
    }

    pub fn attempts(&self) -> u32 {
        match &self.state {
            State::Empty => 0,
            State::Set { attempts, .. } | State::Compared { attempts, .. } => *attempts,
        }
    }

    pub fn last(&self) -> Option<Outcome> {
        match &self.state {
            State::Compared { last, .. } => Some(*last),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow() {
        let mut r = Rehearsal::new();
        assert_eq!(r.retype("x"), None);
        r.set("Lan9mao#qiezi");
        assert!(r.is_set());
        assert_eq!(r.retype("lan9mao#qiezi"), Some(Outcome::CaseDiffers));
        assert_eq!(r.retype("Lan9mao#qiez"), Some(Outcome::LengthDiffers));
        assert_eq!(r.retype("Lan9mao#qiezo"), Some(Outcome::Mismatch));
        assert_eq!(r.retype("Lan9mao#qiezi"), Some(Outcome::Match));
        assert_eq!(r.attempts(), 4);
        assert_eq!(r.last(), Some(Outcome::Match));
        r.reset();
        assert!(!r.is_set());
        assert_eq!(r.retype("Lan9mao#qiezi"), None);
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let mut r = Rehearsal::new();
        r.set("Lan9mao#qiezi");
        assert!(!format!("{r:?}").contains("qiezi"));
    }

    #[test]
    fn equality_helper() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
        assert!(!same(b"", b"a"));
    }
}
