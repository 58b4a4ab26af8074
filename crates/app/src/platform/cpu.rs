//! CPU-bound work: schedule generation and ledger replay. Bounded by `kassa_domain::loans::limits`, but
//! still long enough (tens of milliseconds for the largest schedule) that many of them at once would
//! hold every runtime worker and leave `/actuator/health` and other cheap requests waiting.
//! `block_in_place` hands this worker's other tasks and its I/O driver to a fresh thread for the
//! duration, so the work runs beside the reactor, never on top of it; borrowed data stays borrowed.

use tokio::runtime::{Handle, RuntimeFlavor};

/// Runs `work` where it cannot starve other tasks. On a single-threaded runtime (some tests) there is
/// no other worker to hand over to, and `work` runs inline.
pub fn heavy<T>(work: impl FnOnce() -> T) -> T {
    match Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(work)
        }
        _ => work(),
    }
}
