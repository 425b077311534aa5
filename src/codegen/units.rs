//! Codegen units: how `multigen build` splits a large program into several LLVM modules,
//! each optimised and compiled to an object file on a thread of its own, which the linker
//! then joins (`driver::compile_objects`).
//!
//! A unit is a contiguous range of the program's functions (`FuncId` order, which is source
//! order, so functions that call each other tend to share a unit and stay inlinable), of
//! about equal estimated LLVM work.  The split depends only on the program, never on the
//! machine or on timing, so a build is deterministic; threads take units from a queue.
//! A program too small to gain from it (every benchmark, every test program) is one unit,
//! compiled exactly as the JIT compiles it.

use crate::mir;

/// One codegen unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Position among the units (the order of the object files at link time).
    pub index: usize,
    /// The functions (`FuncId`s, ascending) whose bodies this unit defines; it declares
    /// the others.
    pub funcs: Vec<usize>,
    /// Whether this unit holds the module's top level: it also defines the C `main` and the
    /// Python globals, which the other units declare.
    pub host: bool,
}

impl Unit {
    pub fn defines(&self, func: usize) -> bool {
        self.funcs.binary_search(&func).is_ok()
    }
}

/// Estimated work per unit: MIR of this weight is about 450 lines of ordinary code, which
/// LLVM's -O2 pipeline and code generation take about 0.3 s of CPU to compile.  Units are
/// small so that the threads share the work evenly (a thread that takes one unit more than
/// another waits little) yet large enough for their fixed costs (each has its own copy of
/// the runtime's hot helpers and its own target machine) and the calls that no longer
/// inline across units to be noise.
pub const UNIT_WEIGHT: usize = 3_000;

/// At most this many units (rustc's default for release builds); a larger program gets
/// larger units.
pub const MAX_UNITS: usize = 16;

/// A body's estimated LLVM work: its instructions and blocks.
pub fn weight(body: &mir::Body) -> usize {
    body.blocks.iter().map(|b| b.insts.len() + 1).sum()
}

/// How many units a program is split into by default: one per `UNIT_WEIGHT`, at most
/// `MAX_UNITS`, and one for a program of less than two units' weight.
pub fn default_count(module: &mir::Module) -> usize {
    count_for(module.bodies.iter().map(weight).sum())
}

fn count_for(total: usize) -> usize {
    if total < 2 * UNIT_WEIGHT {
        1
    } else {
        (total / UNIT_WEIGHT).min(MAX_UNITS)
    }
}

/// Splits the program's functions into at most `count` contiguous units of about equal
/// weight (fewer when it has fewer functions); never empty units.
pub fn split(module: &mir::Module, count: usize) -> Vec<Unit> {
    let weights: Vec<usize> = module.bodies.iter().map(weight).collect();
    split_weights(&weights, module.module_init.0 as usize, count)
}

/// The units of a program of several modules (`syntax::program`): each module's functions
/// apart (split further by weight when large), so that a module that did not change
/// compiles to the same LLVM module, whose object the compile cache then holds
/// (`driver::compile_objects`).  `module_of` gives the module of each function.
pub fn split_by_module(module: &mir::Module, module_of: &[usize]) -> Vec<Unit> {
    let host = module.module_init.0 as usize;
    let mut modules: Vec<usize> = module_of.to_vec();
    modules.sort_unstable();
    modules.dedup();
    let mut units = Vec::new();
    for m in modules {
        let funcs: Vec<usize> = (0..module.bodies.len()).filter(|&f| module_of[f] == m).collect();
        let weights: Vec<usize> = funcs.iter().map(|&f| weight(&module.bodies[f])).collect();
        let count = count_for(weights.iter().sum());
        for part in split_weights(&weights, usize::MAX, count) {
            let funcs: Vec<usize> = part.funcs.iter().map(|&i| funcs[i]).collect();
            units.push(Unit { index: units.len(), host: funcs.contains(&host), funcs });
        }
    }
    units
}

/// `split` for functions of these weights, the module's top level being function `host`.
fn split_weights(weights: &[usize], host: usize, count: usize) -> Vec<Unit> {
    let n_funcs = weights.len();
    let count = count.clamp(1, n_funcs.max(1));
    let total: usize = weights.iter().sum();
    // Unit k ends at the first function whose prefix sum reaches total * (k + 1) / count,
    // keeping at least one function for itself and for each unit after it.
    let mut bounds = Vec::with_capacity(count + 1);
    bounds.push(0);
    let mut prefix = 0usize;
    let mut next = 0usize;
    for k in 0..count - 1 {
        let goal = total * (k + 1) / count;
        let last = n_funcs - (count - 1 - k);
        loop {
            prefix += weights[next];
            next += 1;
            if next >= last || prefix >= goal {
                break;
            }
        }
        bounds.push(next);
    }
    bounds.push(n_funcs);
    bounds
        .windows(2)
        .enumerate()
        .map(|(index, w)| Unit { index, funcs: (w[0]..w[1]).collect(), host: (w[0]..w[1]).contains(&host) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_cover_every_function_once_in_order() {
        for sizes in [vec![9], vec![1, 1, 1], vec![100, 1, 1, 1, 1], vec![5; 17], vec![1, 2, 3, 400, 5, 6, 7, 8]] {
            for count in 1..=20 {
                let units = split_weights(&sizes, sizes.len() - 1, count);
                assert!(!units.is_empty() && units.len() <= count.max(1));
                assert_eq!(units[0].funcs[0], 0);
                assert_eq!(*units.last().unwrap().funcs.last().unwrap(), sizes.len() - 1);
                for (i, u) in units.iter().enumerate() {
                    assert_eq!(u.index, i);
                    assert!(!u.funcs.is_empty(), "{sizes:?} into {count}: {units:?}");
                    if i > 0 {
                        assert_eq!(units[i - 1].funcs.last().unwrap() + 1, u.funcs[0]);
                    }
                }
                assert_eq!(units.iter().filter(|u| u.host).count(), 1);
                assert!(units.last().unwrap().host);
            }
        }
    }

    #[test]
    fn units_have_about_equal_weight() {
        let units = split_weights(&[10; 100], 0, 4);
        assert_eq!(units.iter().map(|u| u.funcs.len()).collect::<Vec<_>>(), vec![25, 25, 25, 25]);
        assert!(units[0].host);
    }

    #[test]
    fn small_programs_are_one_unit() {
        assert_eq!(count_for(1000), 1);
        assert_eq!(count_for(2 * UNIT_WEIGHT - 1), 1);
        assert_eq!(count_for(5 * UNIT_WEIGHT), 5);
        assert_eq!(count_for(50 * UNIT_WEIGHT), MAX_UNITS);
    }
}
