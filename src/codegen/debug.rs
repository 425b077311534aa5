//! DWARF debug info for `-g` (`build -g`, `run -g`): what lets gdb and perf speak Python.
//!
//! One compile unit per LLVM module; one `DIFile` per module of the program
//! (`SourceFile::segments`: a program of several files is one text, and
//! `SourceFile::traceback_location` turns a line of it into its file and the line there);
//! one `DISubprogram` per Python function, named as CPython's `co_qualname` names it
//! (`Class.method`, `outer.<locals>.inner`, `<module>`);
//! a location on every instruction from its MIR instruction's line (the MIR keeps no
//! columns: column 0, which DWARF reads as "the whole line").
//!
//! Locals: the registers that are Python variables (`mir::RegInfo::name`, not temporaries nor
//! bound flags) of type int, float, bool or str.  Each has an entry-block slot (even an SSA
//! register, `body.rs`) declared as its location (`#dbg_declare`), as clang does for C: at
//! `-O0` the variable is in its slot everywhere, and where mem2reg promotes a slot it turns
//! the declaration into values.  A str is described as the `char *` of its UTF-8 bytes (the
//! object's address, loaded from the slot, plus the offset of `MgStr.data`), so gdb prints
//! its text; mem2reg cannot carry that computation over, so with optimisation a str is
//! mostly `<optimized out>`, as C locals often are.
//!
//! Debug info does not change what the program does; it changes the code only in where the
//! described variables live before mem2reg, and in the order of blocks (exception paths
//! last, `body.rs`).

use inkwell::basic_block::BasicBlock;
use inkwell::context::Context;
use inkwell::debug_info::{AsDIScope, DICompileUnit, DIFile, DIFlags, DIFlagsConstants, DILocalVariable, DILocation, DIScope, DISubprogram, DIType, DWARFEmissionKind, DWARFSourceLanguage, DebugInfoBuilder};
use inkwell::module::{FlagBehavior, Module};
use inkwell::values::{AsValueRef, FunctionValue, PointerValue};

use crate::check::types::TyKind;
use crate::codegen::abi;
use crate::mir;
use crate::syntax::SourceFile;

/// DWARF's base type encodings (`DW_ATE_*`).
const DW_ATE_BOOLEAN: u32 = 0x02;
const DW_ATE_FLOAT: u32 = 0x04;
const DW_ATE_SIGNED: u32 = 0x05;
const DW_ATE_SIGNED_CHAR: u32 = 0x06;
/// DWARF expression operators (`DW_OP_*`).
const DW_OP_DEREF: i64 = 0x06;
const DW_OP_PLUS_UCONST: i64 = 0x23;
const DW_OP_STACK_VALUE: i64 = 0x9f;

/// How a variable of a given Python type is described.
#[derive(Clone, Copy)]
pub(crate) struct VarType<'ctx> {
    pub ty: DIType<'ctx>,
    /// A str: its value (the `char *` of its bytes) is computed from the object's address.
    pub computed: bool,
}

/// The debug info of one module being translated.
pub(crate) struct Debug<'ctx> {
    pub builder: DebugInfoBuilder<'ctx>,
    cu: DICompileUnit<'ctx>,
    /// One per `SourceFile::segments` entry.
    files: Vec<DIFile<'ctx>>,
    int: DIType<'ctx>,
    float: DIType<'ctx>,
    bool_: DIType<'ctx>,
    str_: DIType<'ctx>,
}

impl<'ctx> Debug<'ctx> {
    /// Sets `module` up for debug info: its compile unit, files and module flags.
    pub fn new(module: &Module<'ctx>, file: &SourceFile) -> Debug<'ctx> {
        let ctx = module.get_context();
        // The new debug-info format (records, not intrinsic calls): the only one LLVM 19's C
        // API inserts.
        // SAFETY: a valid module.
        unsafe { llvm_sys::core::LLVMSetIsNewDbgInfoFormat(module.as_mut_ptr(), 1) };
        let (dir, name) = split_path(&file.segments[0].traceback_name);
        let producer = concat!("multigen ", env!("CARGO_PKG_VERSION"));
        let (builder, cu) = module.create_debug_info_builder(true, DWARFSourceLanguage::Python, name, dir, producer, false, "", 0, "", DWARFEmissionKind::Full, 0, false, false, "", "");
        let files = file
            .segments
            .iter()
            .map(|seg| {
                let (dir, name) = split_path(&seg.traceback_name);
                builder.create_file(name, dir)
            })
            .collect();
        let basic = |name: &str, bits: u64, encoding: u32| builder.create_basic_type(name, bits, encoding, DIFlags::ZERO).map(|t| t.as_type());
        // `create_basic_type` refuses only an empty name.
        let (int, float, bool_, ch) = match (basic("int", 64, DW_ATE_SIGNED), basic("float", 64, DW_ATE_FLOAT), basic("bool", 8, DW_ATE_BOOLEAN), basic("char", 8, DW_ATE_SIGNED_CHAR)) {
            (Ok(i), Ok(f), Ok(b), Ok(c)) => (i, f, b, c),
            _ => unreachable!("basic types have names"),
        };
        let str_ = builder.create_pointer_type("str", ch, 64, 64, inkwell::AddressSpace::default()).as_type();
        let i32_ty = ctx.i32_type();
        // DWARF 4, and debug metadata of this LLVM's version (the runtime's bitcode has none,
        // so linking it cannot disagree).  Not 5: its name index (`.debug_names`) is one
        // table per object, and gdb ignores the section of a linked executable holding
        // several (C start-up objects bring one too), with a warning at every start.
        module.add_basic_value_flag("Dwarf Version", FlagBehavior::Warning, i32_ty.const_int(4, false));
        module.add_basic_value_flag("Debug Info Version", FlagBehavior::Warning, i32_ty.const_int(inkwell::debug_info::debug_metadata_version() as u64, false));
        Debug { builder, cu, files, int, float, bool_, str_ }
    }

    /// The file of a line of the program's text.
    fn file_of(&self, source: &SourceFile, line: u32) -> DIFile<'ctx> {
        self.files[source.segment_index_of_line(line.max(1))]
    }

    /// Attaches a subprogram named `name` to `func`, whose code starts at `line` (of the
    /// whole text).
    pub fn subprogram(&self, source: &SourceFile, func: FunctionValue<'ctx>, name: &str, line: u32) -> DISubprogram<'ctx> {
        let file = self.file_of(source, line);
        let local_line = source.traceback_location(line.max(1)).1;
        let ty = self.builder.create_subroutine_type(file, None, &[], DIFlags::ZERO);
        // No linkage name: gdb names a function of a language it does not know (Python) by
        // its linkage name when there is one, and `bt` should say `work`, not `py.work`.
        let sp = self.builder.create_function(self.cu.as_debug_info_scope(), name, Some(""), file, local_line, ty, false, true, local_line, DIFlags::ZERO, false);
        func.set_subprogram(sp);
        sp
    }

    /// The location of `line` (of the whole text; 0: no line, compiler-generated code).
    pub fn location(&self, ctx: &'ctx Context, source: &SourceFile, scope: DIScope<'ctx>, line: u32) -> DILocation<'ctx> {
        let local = if line == 0 { 0 } else { source.traceback_location(line).1 };
        self.builder.create_debug_location(ctx, local, 0, scope, None)
    }

    /// How a register of type `ty` is described, if it is one gdb can show.
    pub fn var_type(&self, ty: &mir::RegTy) -> Option<VarType<'ctx>> {
        let mir::RegTy::Py(ty) = ty else { return None };
        let (ty, computed) = match ty.kind() {
            TyKind::Int => (self.int, false),
            TyKind::Float => (self.float, false),
            TyKind::Bool => (self.bool_, false),
            TyKind::Str => (self.str_, true),
            _ => return None,
        };
        Some(VarType { ty, computed })
    }

    /// A variable of `scope`: parameter number `arg` (1-based), or a local for `None`.
    #[allow(clippy::too_many_arguments)]
    pub fn variable(&self, source: &SourceFile, scope: DIScope<'ctx>, name: &str, arg: Option<u32>, line: u32, ty: VarType<'ctx>) -> DILocalVariable<'ctx> {
        let file = self.file_of(source, line);
        let local_line = if line == 0 { 0 } else { source.traceback_location(line).1 };
        match arg {
            Some(n) => self.builder.create_parameter_variable(scope, name, n, file, local_line, ty.ty, true, DIFlags::ZERO),
            None => self.builder.create_auto_variable(scope, name, file, local_line, ty.ty, true, DIFlags::ZERO, 0),
        }
    }

    /// Declares `var` as living in `slot`, at the end of `block` (the entry block).  A str's
    /// value is computed from the slot: the address of the bytes of the object it holds.
    pub fn declare(&self, slot: PointerValue<'ctx>, var: DILocalVariable<'ctx>, ty: VarType<'ctx>, loc: DILocation<'ctx>, block: BasicBlock<'ctx>) {
        let ops = if ty.computed { vec![DW_OP_DEREF, DW_OP_PLUS_UCONST, abi::mg_str::DATA as i64, DW_OP_STACK_VALUE] } else { Vec::new() };
        let expr = self.builder.create_expression(ops);
        // SAFETY: valid builder, value, metadata and block of one context.  The record is
        // the block's; inkwell's own wrapper would take it for an instruction (LLVM 19).
        unsafe {
            llvm_sys::debuginfo::LLVMDIBuilderInsertDeclareRecordAtEnd(self.builder.as_mut_ptr(), slot.as_value_ref(), var.as_mut_ptr(), expr.as_mut_ptr(), loc.as_mut_ptr(), block.as_mut_ptr());
        }
    }

    /// Resolves what was left pending; call once the module's functions are translated.
    pub fn finish(&self) {
        self.builder.finalize();
    }
}

/// A path's directory and file name (`""` as the directory of a bare name).
fn split_path(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => (&path[..i.max(1)], &path[i + 1..]),
        None => ("", path),
    }
}

/// Whether a register named `name` is a variable of the program (not a bound flag, nor a
/// checker's temporary such as `<arg0>`).
pub(crate) fn is_variable(name: &str) -> bool {
    !name.starts_with('<') && !name.contains('.')
}
