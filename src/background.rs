//! Threads for work the window shows when it is done (a filter's counts,
//! the map's layer and groups, the timeline's chart), started at a lower
//! priority than the UI thread. On two cores such work would otherwise
//! take a core from the frame being drawn and stretch it: at a million
//! incidents the frame that installs a new filter took 40–80 ms instead
//! of 15 while two workers ran beside it. [`Arriving`] is the one way a
//! panel or the workspace waits for such work, and [`Follower`] the one
//! way a view derived from the workspace is kept in step with it. Any
//! layer may use this module.

/// From this many incidents, work that grows with them leaves the frame:
/// a filter is applied, and the map's layer, the timeline's chart and the
/// statistics made, on a worker (at a million each takes several frames'
/// time), and facet counts run on every core. The one place this number
/// is written.
pub const ON_A_WORKER_FROM: usize = 50_000;

/// Starts `work` on a new thread that yields to the UI thread: on Linux
/// its nice value is raised by 10 (threads it starts inherit it); the
/// work itself is unchanged.
pub fn spawn<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> std::thread::JoinHandle<T> {
    std::thread::spawn(move || {
        yield_to_the_window();
        work()
    })
}

/// What a background thread is making for `key` (a workspace generation,
/// a filter epoch): whoever waits asks once a frame, drawing the last
/// one meanwhile, and drops it when the key moves on.
pub struct Arriving<K, T> {
    pub key: K,
    receiver: std::sync::mpsc::Receiver<T>,
}

/// What became of an [`Arriving`] value.
pub enum Arrival<T> {
    Waiting,
    Came(T),
    /// The thread died (it panicked): the waiter makes the value itself.
    Lost,
}

impl<K, T: Send + 'static> Arriving<K, T> {
    /// Starts `work` for `key`; `wake` is called once it is done (the
    /// window repaints to show it).
    pub fn start(
        key: K,
        work: impl FnOnce() -> T + Send + 'static,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let (send, receiver) = std::sync::mpsc::channel();
        spawn(move || {
            let _ = send.send(work());
            wake();
        });
        Arriving { key, receiver }
    }

    /// A value made already (where there was no worker to make it on):
    /// it comes at the first poll.
    pub fn ready(key: K, value: T) -> Self {
        let (send, receiver) = std::sync::mpsc::channel();
        let _ = send.send(value);
        Arriving { key, receiver }
    }

    pub fn poll(&self) -> Arrival<T> {
        match self.receiver.try_recv() {
            Ok(value) => Arrival::Came(value),
            Err(std::sync::mpsc::TryRecvError::Empty) => Arrival::Waiting,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Arrival::Lost,
        }
    }
}

/// A value derived from the workspace (the map's layer, the timeline's
/// chart, the statistics' summary) and the key it is of (the workspace's
/// generation, with the view's own settings). Each frame the view asks it
/// to follow the key of now: a small value is made there and then, a
/// large one on a worker while the last one stays shown, so that no frame
/// waits for it; an answer for an older key is never adopted.
pub struct Follower<K, T> {
    value: T,
    of: Option<K>,
    /// The value was of a large workspace (freed on a worker when replaced).
    large: bool,
    coming: Option<Arriving<K, T>>,
}

/// What [`Follower::follow`] did this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Followed {
    /// The value was of the key already.
    Same,
    /// A worker is making the key's value; the last one stays.
    Waiting,
    /// The key's value was adopted this frame.
    New,
}

impl<K: PartialEq + Clone, T: Send + 'static> Follower<K, T> {
    pub fn new(value: T) -> Self {
        Follower {
            value,
            of: None,
            large: false,
            coming: None,
        }
    }

    pub fn value(&self) -> &T {
        &self.value
    }

    pub fn value_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// The key the value is of, if any.
    pub fn key(&self) -> Option<&K> {
        self.of.as_ref()
    }

    /// Whether the value is of `key`.
    pub fn is_for(&self, key: &K) -> bool {
        self.of.as_ref() == Some(key)
    }

    /// Whether a worker is making a value.
    pub fn is_waiting(&self) -> bool {
        self.coming.is_some()
    }

    /// Shows `value` as of no key (the next follow replaces it); `large`
    /// as in [`Follower::follow`].
    pub fn show_meanwhile(&mut self, value: T, large: bool) {
        self.adopt(value, None, large);
    }

    /// Brings the value in step with `key`: `job` says how to make it
    /// (called once per key), run here unless `large`, when it runs on a
    /// worker and `wake` is called once it is done.
    pub fn follow<J>(
        &mut self,
        key: K,
        large: bool,
        job: impl FnOnce() -> J,
        wake: impl FnOnce() + Send + 'static,
    ) -> Followed
    where
        J: FnOnce() -> T + Send + 'static,
    {
        if self.is_for(&key) {
            self.coming = None;
            return Followed::Same;
        }
        if let Some(coming) = &self.coming
            && coming.key == key
        {
            let value = match coming.poll() {
                Arrival::Waiting => return Followed::Waiting,
                Arrival::Came(value) => value,
                // The worker died: made here rather than never.
                Arrival::Lost => job()(),
            };
            self.adopt(value, Some(key), large);
            return Followed::New;
        }
        if !large {
            let value = job()();
            self.adopt(value, Some(key), false);
            return Followed::New;
        }
        self.coming = Some(Arriving::start(key, job(), wake));
        Followed::Waiting
    }

    /// Shows `value` from now on; a large one it replaces is freed on a
    /// background thread (at a million, 10 ms of a frame otherwise).
    fn adopt(&mut self, value: T, key: Option<K>, large: bool) {
        let before = std::mem::replace(&mut self.value, value);
        if std::mem::replace(&mut self.large, large) {
            drop_later(before);
        }
        self.of = key;
        self.coming = None;
    }
}

/// Lets go of `value` on a background thread: freeing the hundred
/// megabytes of a million-incident layer or list took up to 10 ms of the
/// frame that replaced it.
pub fn drop_later<T: Send + 'static>(value: T) {
    spawn(move || drop(value));
}

/// Lets go of `value` on a background thread, then hands the memory it
/// held back to the system: glibc keeps freed memory for its own reuse,
/// and the load's records (most of a gigabyte at a million, freed between
/// blocks still in use) would stay resident for the rest of the session.
/// Freeing and handing back a million records takes about 2 s; the
/// handle says when it is done.
pub fn give_back_later<T: Send + 'static>(value: T) -> std::thread::JoinHandle<()> {
    spawn(move || {
        drop(value);
        give_back_freed_memory();
    })
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_back_freed_memory() {
    // SAFETY: malloc_trim takes no pointers; it only returns whole free
    // pages of glibc's heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_freed_memory() {}

#[cfg(target_os = "linux")]
fn yield_to_the_window() {
    // SAFETY: gettid and setpriority take no pointers; on Linux
    // PRIO_PROCESS with a thread id changes only that thread. A failure
    // (not allowed) leaves the thread at its priority, which is harmless.
    unsafe {
        let thread = libc::gettid();
        let now = libc::getpriority(libc::PRIO_PROCESS, thread as libc::id_t);
        libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, (now + 10).min(19));
    }
}

#[cfg(not(target_os = "linux"))]
fn yield_to_the_window() {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn a_background_thread_runs_at_a_lower_priority_than_its_starter() {
        let nice =
            || unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) };
        let here = nice();
        let there = super::spawn(nice).join().expect("the thread ran");
        assert_eq!(there, (here + 10).min(19));
        assert_eq!(nice(), here, "the starting thread keeps its priority");
    }
}
