//! Which registers are really SSA values: assigned once, at a point that dominates every
//! read. Codegen keeps those as LLVM values instead of stack slots, so the module it emits
//! has no `alloca`/`store`/`load` for temporaries (most registers), which is both less for
//! LLVM to clean up and a smaller module.

use crate::mir::dataflow::{self, Cfg};
use crate::mir::{Body, Reg};

/// The blocks in reverse postorder from the entry (unreachable blocks are left out): every
/// block comes after its dominators.
pub fn reverse_postorder(body: &Body, cfg: &Cfg) -> Vec<usize> {
    let n = body.blocks.len();
    let mut seen = vec![false; n];
    let mut post = Vec::with_capacity(n);
    // Iterative DFS: (block, index of the next successor to visit).
    let mut stack = vec![(0usize, 0usize)];
    if n == 0 {
        return post;
    }
    seen[0] = true;
    while let Some((b, i)) = stack.pop() {
        if let Some(s) = cfg.succs[b].get(i) {
            stack.push((b, i + 1));
            let s = s.0 as usize;
            if !seen[s] {
                seen[s] = true;
                stack.push((s, 0));
            }
        } else {
            post.push(b);
        }
    }
    post.reverse();
    post
}

/// Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm); `None` for
/// the entry and for unreachable blocks.
pub fn immediate_dominators(body: &Body, cfg: &Cfg, rpo: &[usize]) -> Vec<Option<usize>> {
    let n = body.blocks.len();
    let mut order = vec![usize::MAX; n];
    for (i, b) in rpo.iter().enumerate() {
        order[*b] = i;
    }
    let mut idom: Vec<Option<usize>> = vec![None; n];
    if n == 0 {
        return idom;
    }
    idom[0] = Some(0);
    let intersect = |idom: &[Option<usize>], mut a: usize, mut b: usize| -> usize {
        while a != b {
            while order[a] > order[b] {
                a = idom[a].expect("processed");
            }
            while order[b] > order[a] {
                b = idom[b].expect("processed");
            }
        }
        a
    };
    let mut changed = true;
    while changed {
        changed = false;
        for &b in rpo.iter().skip(1) {
            let mut new: Option<usize> = None;
            for p in &cfg.preds[b] {
                let p = p.0 as usize;
                if idom[p].is_none() {
                    continue;
                }
                new = Some(match new {
                    None => p,
                    Some(cur) => intersect(&idom, p, cur),
                });
            }
            if new.is_some() && idom[b] != new {
                idom[b] = new;
                changed = true;
            }
        }
    }
    idom[0] = None;
    idom
}

/// `true` for every register that is assigned exactly once (parameters: never, after
/// entry), at a point that dominates all its reads.
pub fn ssa_registers(body: &Body, cfg: &Cfg, rpo: &[usize]) -> Vec<bool> {
    let idom = immediate_dominators(body, cfg, rpo);
    let n = body.regs.len();
    // Definition site: (block, instruction index); parameters are defined before block 0.
    let mut defs = vec![0u32; n];
    let mut site: Vec<Option<(usize, usize)>> = vec![None; n];
    for p in &body.params {
        defs[p.0 as usize] += 1;
        site[p.0 as usize] = Some((usize::MAX, 0));
    }
    for (b, block) in body.blocks.iter().enumerate() {
        for (i, inst) in block.insts.iter().enumerate() {
            if let Some(d) = inst.dst {
                defs[d.0 as usize] += 1;
                site[d.0 as usize] = Some((b, i));
            }
        }
    }
    let dominates = |a: usize, mut b: usize| -> bool {
        loop {
            if a == b {
                return true;
            }
            match idom[b] {
                Some(up) => b = up,
                None => return false,
            }
        }
    };
    let mut ok: Vec<bool> = (0..n).map(|r| defs[r] == 1).collect();
    let mut check_use = |r: Reg, b: usize, i: usize| {
        let r = r.0 as usize;
        if !ok[r] {
            return;
        }
        let Some((db, di)) = site[r] else { return };
        let fine = db == usize::MAX || (db == b && di < i) || (db != b && dominates(db, b));
        if !fine {
            ok[r] = false;
        }
    };
    for &b in rpo {
        let block = &body.blocks[b];
        for (i, inst) in block.insts.iter().enumerate() {
            for r in dataflow::operand_regs(inst.op.operands()) {
                check_use(r, b, i);
            }
        }
        for r in dataflow::term_uses(&block.term) {
            check_use(r, b, usize::MAX);
        }
    }
    // A register read only in unreachable code (not visited above) may stay SSA: codegen
    // does not translate unreachable blocks.
    ok
}

/// `true` for every register some instruction, terminator or the parameter list mentions.
pub fn used_registers(body: &Body) -> Vec<bool> {
    let mut used = vec![false; body.regs.len()];
    for p in &body.params {
        used[p.0 as usize] = true;
    }
    for block in &body.blocks {
        for inst in &block.insts {
            if let Some(d) = inst.dst {
                used[d.0 as usize] = true;
            }
            for r in dataflow::operand_regs(inst.op.operands()) {
                used[r.0 as usize] = true;
            }
        }
        for r in dataflow::term_uses(&block.term) {
            used[r.0 as usize] = true;
        }
    }
    used
}
