//! The MIR passes in the order they must run, for the driver.

use crate::mir::{cleanup, may_raise, refcount, Module};

/// What the passes did, summed over the module.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PassStats {
    /// `CheckError` tests dropped after operations proven not to raise.
    pub error_tests_removed: usize,
    /// Blocks left unreachable by that (their handlers), removed.
    pub blocks_removed: usize,
    pub refcount: refcount::Stats,
}

/// `may_raise` (error edges become final), then per body: unreachable blocks removed,
/// then reference counting.
pub fn run_passes(m: &mut Module) -> PassStats {
    let mut stats = PassStats { error_tests_removed: may_raise::run(m), ..PassStats::default() };
    for body in m.bodies.iter_mut().flatten() {
        stats.blocks_removed += cleanup::remove_unreachable(body);
        stats.refcount.add(refcount::insert(body));
    }
    stats
}
