//! Name tables: the module's functions and globals, and one function's locals.
//!
//! Python decides scope per function, not per statement: a name assigned
//! anywhere in a function body is local to the whole body unless declared
//! `global`.  `FnCtx::new` therefore collects assigned names before lowering.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::diagnostics as diag;
use crate::check::imports::Imports;
use crate::check::ir::{self, FuncId, GlobalId, LocalId, Place};
use crate::check::types::Ty;
use crate::diagnostics::Diagnostic;
use crate::syntax::SourceFile;

pub(crate) struct Checker<'a> {
    pub file: &'a SourceFile,
    pub diags: Vec<Diagnostic>,
    pub funcs: Vec<FuncSig<'a>>,
    pub func_by_name: FxHashMap<String, FuncId>,
    pub globals: Vec<ir::Global>,
    pub global_by_name: FxHashMap<String, GlobalId>,
    /// The names imports bind (`imports.rs`).
    pub imports: Imports,
    /// Abstract methods whose body is only `...`/`pass` (`check::abc`): only `super()` or
    /// the class could call them, and those calls are refused.
    pub abstract_stubs: FxHashSet<FuncId>,
    /// The enum classes (`check::enums`), by class index.
    pub enums: FxHashMap<usize, crate::check::enums::EnumInfo>,
    /// The `typing.NamedTuple` classes (`check::namedtuples`), by class index.
    pub namedtuples: FxHashSet<usize>,
    /// The hidden global holding `sys.argv`, once a program reads it.
    pub argv_global: Option<GlobalId>,
    /// Globals declared `Final`: assigning them again is refused.
    pub final_globals: FxHashSet<GlobalId>,
    /// Whether `__name__ == "__main__"`.
    pub is_main: bool,
    /// Current expression nesting, and whether "too deep" was reported already.
    pub depth: u32,
    pub reported_depth: bool,
    /// Set displays compiled to frozenset constants (`ir::Program::set_constants`).
    pub set_constants: Vec<ir::SetConstant>,
    /// User-defined classes, in declaration order (`classes.rs`).
    pub classes: Vec<crate::check::classes::ClassInfo<'a>>,
    pub class_by_name: FxHashMap<String, usize>,
    /// By `ClassRef::id`.
    pub class_by_id: FxHashMap<u32, usize>,
    /// Module-level functions and classes whose `def`/`class` statement the top-level
    /// statements have passed so far (`calls.rs`: calling one earlier is a NameError).
    pub defined: FxHashSet<String>,
    /// Nested functions and lambdas, lowered (`closures.rs`).
    pub nested: Vec<(FuncId, ir::Function)>,
    /// Classes the program needs besides its own: cells and function objects (`closures.rs`).
    pub extra_classes: Vec<ir::Class>,
    /// The cell class of each value type.
    pub cell_classes: FxHashMap<Ty, Ty>,
    /// The function object class of each module-level function used as a value.
    pub func_objects: FxHashMap<FuncId, Ty>,
    /// Bodies checked early, at the first call, to infer their return types (`func_ret`).
    pub inferred_bodies: FxHashMap<FuncId, ir::Function>,
    /// `lru_cache` functions: the wrapper every call reaches, and its cache (`functools.rs`).
    pub cached: FxHashMap<FuncId, crate::check::functools::Cached>,
}

pub(crate) struct FuncSig<'a> {
    pub name: String,
    pub params: Vec<(String, Ty)>,
    pub ret: Ty,
    pub def: Option<&'a ast::StmtFunctionDef>,
    /// The class whose method this is.
    pub method_of: Option<usize>,
    /// A class method's first parameter (`cls`), which names the class in its body.
    pub cls_param: Option<String>,
    /// How arguments bind to `params`: keyword-only and positional-only parameters, defaults.
    pub spec: crate::check::calls::ParamSpec<'a>,
    /// A module-level function without a return annotation that returns a value: its return
    /// type comes from its `return` statements (`ret` is the type once one of them gave it).
    pub infer: Option<RetInference>,
}

/// Where the inference of a return type stands.  A call needs the type, so the first call
/// checks the callee's body right there (`Checker::func_ret`); a recursive call inside the
/// body can use the type once a `return` before it (the base case) has given it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetInference {
    Pending,
    InProgress { known: bool },
    Done,
}

/// Per-function lowering state.
pub(crate) struct FnCtx {
    pub locals: Vec<ir::Local>,
    pub local_by_name: FxHashMap<String, LocalId>,
    /// Names assigned somewhere in the body: local for the whole body.
    pub assigned: FxHashSet<String>,
    pub global_decls: FxHashSet<String>,
    pub ret: Ty,
    /// True for `<module>`: every assigned name is a global.
    pub is_module: bool,
    pub loop_depth: u32,
    /// Names whose assignment failed to check: reads of them are not reported again.
    pub poisoned: FxHashSet<String>,
    /// Variables of the comprehensions being lowered: local even at module level.
    pub comp_scope: Vec<String>,
    /// Locals that can never be empty (`nonempty.rs`): `sum()` of their floats is a float.
    pub nonempty: FxHashSet<String>,
    /// The class whose method is being checked (`super()`).
    pub method_of: Option<usize>,
    /// While `__init__` is checked: which fields it set so far.
    pub init: Option<crate::check::classes::InitState>,
    /// Nesting of statement blocks: 1 at a function body's top level.
    pub block_depth: u32,
    /// Variables narrowed where they are read: `isinstance` to a subclass, a `T | None`
    /// proved not None to `T` (`narrowing.rs`).
    pub narrowed: FxHashMap<String, Ty>,
    /// Per block being checked, innermost last: the variables assigned in it so far.
    pub invalidated: Vec<FxHashSet<String>>,
    /// In a class method: its `cls` parameter and the class it names.
    pub cls_alias: Option<(String, usize)>,
    /// Nesting of except clauses (a bare `raise` needs one).
    pub handler_depth: u32,
    /// Locals declared `Final`: assigning them again is refused.
    pub finals: FxHashSet<LocalId>,
    /// Locals that nested functions capture (or that are this function's free variables):
    /// cells (`ir::Local::cell`, `closures.rs`).
    pub cells: FxHashSet<LocalId>,
    /// This function's free variables, in the order of its function object's fields.
    pub free: Vec<LocalId>,
    /// CPython's qualname of this function (`""` at module level), which nested functions
    /// extend (`f.<locals>.g`).
    pub qualname: String,
    /// The comprehensions being lowered (`<listcomp>`...): they extend the qualname of a
    /// lambda written inside them.
    pub comp_names: Vec<&'static str>,
    /// Variables that a closure may rebind while this function runs (`nonlocal` in a
    /// nested function, or this function's own free variables): never narrowed.
    pub no_narrow: FxHashSet<String>,
    /// The function whose return type its `return` statements give (`FuncSig::infer`).
    pub infers_ret: Option<FuncId>,
    /// A generator function's body (`generators.rs`): it has a `yield`.
    pub is_generator: bool,
    /// The type a generator yields (`None` when its annotation was refused).
    pub gen_elem: Option<Ty>,
    /// Nesting of `finally` clauses (no `yield` there).
    pub finally_depth: u32,

}

impl FnCtx {
    pub fn new(body: &[ast::Stmt], ret: Ty, is_module: bool) -> FnCtx {
        let mut ctx = FnCtx {
            locals: Vec::new(),
            local_by_name: FxHashMap::default(),
            assigned: FxHashSet::default(),
            global_decls: FxHashSet::default(),
            ret,
            is_module,
            loop_depth: 0,
            poisoned: FxHashSet::default(),
            comp_scope: Vec::new(),
            nonempty: if is_module { FxHashSet::default() } else { crate::check::nonempty::nonempty_locals(body) },
            method_of: None,
            init: None,
            block_depth: 0,
            narrowed: FxHashMap::default(),
            invalidated: Vec::new(),
            cls_alias: None,
            handler_depth: 0,
            finals: FxHashSet::default(),
            cells: FxHashSet::default(),
            free: Vec::new(),
            qualname: String::new(),
            comp_names: Vec::new(),
            no_narrow: FxHashSet::default(),
            infers_ret: None,
            is_generator: false,
            gen_elem: None,
            finally_depth: 0,

        };
        collect_assigned(body, &mut ctx.assigned, &mut ctx.global_decls);
        if !is_module {
            // `def g` in a function binds the local `g`; a closure may rebind what it declares
            // `nonlocal`.
            crate::check::closures::collect_def_names(body, &mut ctx.assigned);
            ctx.no_narrow = crate::check::closures::nonlocal_names(body);
            for name in &ctx.no_narrow {
                ctx.nonempty.remove(name);
            }
        }
        ctx
    }

    pub fn add_local(&mut self, name: &str, ty: Ty) -> LocalId {
        let id = LocalId(self.locals.len() as u32);
        self.locals.push(ir::Local { name: name.to_string(), ty, cell: None });
        self.local_by_name.insert(name.to_string(), id);
        id
    }

    /// Whether `name` refers to a global in this function.
    pub fn is_global(&self, name: &str) -> bool {
        if self.comp_scope.iter().any(|n| n == name) {
            return false;
        }
        self.is_module || self.global_decls.contains(name) || !self.assigned.contains(name)
    }
}

pub fn collect_assigned(body: &[ast::Stmt], assigned: &mut FxHashSet<String>, globals: &mut FxHashSet<String>) {
    for stmt in body {
        match stmt {
            ast::Stmt::Assign(s) => {
                for target in &s.targets {
                    collect_target(target, assigned);
                }
            }
            ast::Stmt::AnnAssign(s) => collect_target(&s.target, assigned),
            ast::Stmt::AugAssign(s) => collect_target(&s.target, assigned),
            ast::Stmt::For(s) => {
                collect_target(&s.target, assigned);
                collect_assigned(&s.body, assigned, globals);
                collect_assigned(&s.orelse, assigned, globals);
            }
            ast::Stmt::While(s) => {
                collect_assigned(&s.body, assigned, globals);
                collect_assigned(&s.orelse, assigned, globals);
            }
            ast::Stmt::If(s) => {
                collect_assigned(&s.body, assigned, globals);
                for clause in &s.elif_else_clauses {
                    collect_assigned(&clause.body, assigned, globals);
                }
            }
            ast::Stmt::Global(s) => {
                for name in &s.names {
                    globals.insert(name.id.to_string());
                }
            }
            ast::Stmt::Try(t) => {
                collect_assigned(&t.body, assigned, globals);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(name) = &h.name {
                        assigned.insert(name.id.to_string());
                    }
                    collect_assigned(&h.body, assigned, globals);
                }
                collect_assigned(&t.orelse, assigned, globals);
                collect_assigned(&t.finalbody, assigned, globals);
            }
            ast::Stmt::With(w) => {
                for item in &w.items {
                    if let Some(target) = &item.optional_vars {
                        collect_target(target, assigned);
                    }
                }
                collect_assigned(&w.body, assigned, globals);
            }
            _ => {}
        }
    }
}

/// The names a `for` target binds.
pub fn target_names(target: &ast::Expr) -> Vec<String> {
    match target {
        ast::Expr::Name(n) => vec![n.id.to_string()],
        ast::Expr::Tuple(t) => t.elts.iter().flat_map(target_names).collect(),
        _ => Vec::new(),
    }
}

fn collect_target(target: &ast::Expr, assigned: &mut FxHashSet<String>) {
    match target {
        ast::Expr::Name(name) => {
            assigned.insert(name.id.to_string());
        }
        ast::Expr::Tuple(t) => t.elts.iter().for_each(|e| collect_target(e, assigned)),
        ast::Expr::List(t) => t.elts.iter().for_each(|e| collect_target(e, assigned)),
        _ => {}
    }
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a SourceFile) -> Checker<'a> {
        Checker {
            file,
            abstract_stubs: FxHashSet::default(),
            enums: FxHashMap::default(),
            namedtuples: FxHashSet::default(),
            diags: Vec::new(),
            funcs: Vec::new(),
            func_by_name: FxHashMap::default(),
            globals: Vec::new(),
            global_by_name: FxHashMap::default(),
            imports: Imports::default(),
            argv_global: None,
            final_globals: FxHashSet::default(),
            is_main: true,
            depth: 0,
            reported_depth: false,
            set_constants: Vec::new(),
            classes: Vec::new(),
            class_by_name: FxHashMap::default(),
            class_by_id: FxHashMap::default(),
            defined: FxHashSet::default(),
            nested: Vec::new(),
            extra_classes: Vec::new(),
            cell_classes: FxHashMap::default(),
            func_objects: FxHashMap::default(),
            inferred_bodies: FxHashMap::default(),
            cached: FxHashMap::default(),
        }
    }

    pub fn report(&mut self, diag: Diagnostic) {
        // Some arguments are checked twice (a builtin's fast path, then its general one):
        // one diagnostic per problem.
        let seen = self.diags.iter().any(|d| d.range == diag.range && d.code == diag.code && d.message == diag.message);
        if !seen {
            self.diags.push(diag);
        }
    }

    pub fn line(&self, range: TextRange) -> ir::Line {
        self.file.line_of(range.start())
    }

    /// The source text of `e`, for messages (`this value` when it spans lines).
    pub fn source_of(&self, e: &ast::Expr) -> String {
        match self.file.text.get(std::ops::Range::<usize>::from(e.range())) {
            Some(text) if !text.contains('\n') => text.to_string(),
            _ => "this value".to_string(),
        }
    }

    /// Checks a program of several modules (`modules.rs` linked them): `order` lists the
    /// modules whose top level runs, each after those it imports, the main script (0) last.
    /// Every module's top level is a function `<module>`, which its first import calls.
    pub fn check_modules(&mut self, modules: &'a [ast::ModModule], order: &[usize]) -> ir::Program {
        let mut inits: Vec<(usize, FuncId)> = Vec::new();
        for &m in order.iter().filter(|&&m| m != 0) {
            let name = crate::check::modules::init_name(m);
            let id = FuncId(self.funcs.len() as u32);
            self.funcs.push(FuncSig { name: name.clone(), params: Vec::new(), ret: Ty::NONE, def: None, method_of: None, cls_param: None, spec: Default::default(), infer: None });
            self.func_by_name.insert(name.clone(), id);
            self.defined.insert(name);
            inits.push((m, id));
        }
        let bodies = || order.iter().map(|&m| &modules[m].body[..]);
        // Pass 0: imports, then class names, so that annotations anywhere may name a class.
        for body in bodies() {
            self.declare_imports(body);
        }
        for body in bodies() {
            self.declare_classes(body);
        }
        // Pass 1: signatures, so that any statement may call any function or method.
        for body in bodies() {
            for stmt in body {
                if let ast::Stmt::FunctionDef(def) = stmt {
                    self.declare_function(def);
                }
            }
        }
        self.declare_class_members();
        self.check_dunder_signatures();
        for body in bodies() {
            self.check_import_order(body);
        }
        let module_init = FuncId(self.funcs.len() as u32);
        self.funcs.push(FuncSig { name: "<module>".to_string(), params: Vec::new(), ret: Ty::NONE, def: None, method_of: None, cls_param: None, spec: Default::default(), infer: None });
        let mut functions: Vec<Option<ir::Function>> = (0..self.funcs.len()).map(|_| None).collect();

        // Annotated module-level variables are known before any body is checked (an
        // `__init__` may read one through `global`).
        for stmt in bodies().flatten() {
            if let ast::Stmt::AnnAssign(a) = stmt {
                if let ast::Expr::Name(n) = &*a.target {
                    if self.global_by_name.contains_key(n.id.as_str()) || self.final_annotation(&a.annotation).is_some() {
                        continue;
                    }
                    let before = self.diags.len();
                    let ty = self.resolve_annotation(&a.annotation);
                    self.diags.truncate(before);
                    if let Some(ty) = ty {
                        let id = GlobalId(self.globals.len() as u32);
                        self.globals.push(ir::Global { name: n.id.to_string(), ty });
                        self.global_by_name.insert(n.id.to_string(), id);
                    }
                }
            }
        }
        // Pass 2: each class's fields, from its body and its `__init__` (checked here, as a
        // function body: every import is visible).
        self.imports.in_bodies = true;
        for (id, f) in self.finalize_classes() {
            functions[id.0 as usize] = Some(f);
        }
        self.imports.in_bodies = false;

        // Pass 3: top-level statements, so globals get their types before function bodies
        // read them; an imported module's before the code that imports it.
        for &m in order {
            let id = inits.iter().find(|(i, _)| *i == m).map_or(module_init, |(_, id)| *id);
            let mut ctx = FnCtx::new(&modules[m].body, Ty::NONE, true);
            let body = self.lower_block(&mut ctx, &modules[m].body);
            self.finish_cells(&mut ctx);
            functions[id.0 as usize] =
                Some(ir::Function { name: "<module>".to_string(), class: None, params: Vec::new(), locals: ctx.locals, ret: Ty::NONE, body, closure: None, role: ir::FnRole::Plain });
        }

        // Pass 4: function and method bodies.
        self.imports.in_bodies = true;
        for idx in 0..self.funcs.len() {
            let Some(def) = self.funcs[idx].def else { continue };
            if functions[idx].is_some() {
                continue;
            }
            let method_of = self.funcs[idx].method_of;
            functions[idx] = Some(match self.inferred_bodies.remove(&FuncId(idx as u32)) {
                Some(body) => body,
                None => self.lower_function_in(FuncId(idx as u32), def, method_of, false),
            });
        }
        self.cached_wrappers(&mut functions, module_init);
        // Nested functions and lambdas, lowered where their `def` or `lambda` is.
        functions.resize_with(self.funcs.len(), || None);
        for (id, f) in std::mem::take(&mut self.nested) {
            functions[id.0 as usize] = Some(f);
        }
        // `sys.argv` is bound before anything runs.
        if let (Some(gid), Some(Some(init))) = (self.argv_global, functions.get_mut(module_init.0 as usize)) {
            let value = ir::Expr { kind: ir::ExprKind::Builtin(ir::Builtin::SysArgv, Vec::new()), ty: Ty::list(Ty::STR), line: 1 };
            init.body.insert(0, ir::Stmt::Assign { place: Place::Global(gid), value });
        }
        let mut functions: Vec<ir::Function> = functions.into_iter().map(|f| f.unwrap_or_else(empty_function)).collect();
        crate::check::generators::split(&mut functions);
        ir::Program {
            functions,
            globals: std::mem::take(&mut self.globals),
            module_init,
            set_constants: std::mem::take(&mut self.set_constants),
            classes: {
                let mut classes = self.lower_classes();
                classes.append(&mut self.extra_classes);
                classes
            },
        }
    }

    fn declare_function(&mut self, def: &'a ast::StmtFunctionDef) {
        if self.declare_cached(def) {
            return;
        }
        if let Some(decorator) = def.decorator_list.first() {
            self.report(diag::unsupported(decorator.range(), "function decorators", "call the function directly instead of decorating it"));
        }
        let name = def.name.id.to_string();
        if self.func_by_name.contains_key(&name) || self.class_by_name.contains_key(&name) {
            self.report(diag::redefined_function(def.name.range(), &name));
            return;
        }
        if let Some(id) = self.declare_signature(def, None, None, false) {
            self.func_by_name.insert(name, id);
        }
    }

    /// A module-level function's signature, not bound to its name.
    pub fn declare_signature_of(&mut self, def: &'a ast::StmtFunctionDef) -> Option<FuncId> {
        self.declare_signature(def, None, None, false)
    }

    /// A method's signature: `self` (unannotated) is an instance of the class.
    /// A class method's `cls` is not a parameter: in its body the name is the class itself.
    pub fn declare_method(&mut self, def: &'a ast::StmtFunctionDef, self_ty: Option<Ty>, class: usize, is_classmethod: bool) -> Option<FuncId> {
        let id = self.declare_signature(def, self_ty, Some(class), is_classmethod)?;
        if is_classmethod {
            self.funcs[id.0 as usize].cls_param = def.parameters.args.first().map(|p| p.name().id.to_string());
        }
        Some(id)
    }

    fn declare_signature(&mut self, def: &'a ast::StmtFunctionDef, self_ty: Option<Ty>, method_of: Option<usize>, skip_first: bool) -> Option<FuncId> {
        let name = def.name.id.to_string();
        if def.is_async {
            self.report(diag::unsupported(def.range(), "`async def`", "write an ordinary `def`"));
        }
        if let Some(type_params) = &def.type_params {
            self.report(diag::unsupported(type_params.range(), "generic type parameters", "write concrete types"));
        }
        let parameters = &def.parameters;
        if let Some(vararg) = &parameters.vararg {
            self.report(diag::unsupported(vararg.range(), "`*args` parameters", "pass a list instead"));
        }
        if let Some(kwarg) = &parameters.kwarg {
            self.report(diag::unsupported(kwarg.range(), "`**kwargs` parameters", "pass a dict or explicit parameters instead"));
        }
        let mut params = Vec::new();
        let mut defaults = Vec::new();
        for (pos, param) in parameters.posonlyargs.iter().chain(&parameters.args).chain(&parameters.kwonlyargs).enumerate().skip(skip_first as usize) {
            let ty = match &param.parameter.annotation {
                // `other: object` in a method (`__eq__`): every caller passes an instance of
                // the class (comparisons with other types are refused), and `isinstance`
                // narrows it as Python code expects.
                Some(a) if matches!(&**a, ast::Expr::Name(n) if n.id.as_str() == "object") && method_of.is_some() => method_of.map(|c| self.classes[c].ty),
                Some(annotation) => self.resolve_annotation(annotation),
                None if pos == 0 && self_ty.is_some() => self_ty,
                None => {
                    self.report(diag::unannotated_param(param.range(), param.name().as_str()));
                    None
                }
            };
            let qualname = method_of.map_or(name.clone(), |c| format!("{}.{name}", self.classes[c].name));
            defaults.push(param.default.as_deref().map(|value| self.declare_default(&qualname, param.name().as_str(), value, ty)));
            params.push((param.name().id.to_string(), ty.unwrap_or(Ty::NONE)));
        }
        let skipped = skip_first as usize;
        let spec = crate::check::calls::ParamSpec {
            posonly: parameters.posonlyargs.len().saturating_sub(skipped),
            positional: (parameters.posonlyargs.len() + parameters.args.len()).saturating_sub(skipped),
            defaults,
            implicit_first: skip_first,
            refused: parameters.vararg.is_some() || parameters.kwarg.is_some(),
        };
        if method_of.is_some() && name.starts_with("__") && name.ends_with("__") && name != "__init__" {
            let extra = parameters.kwonlyargs.first().map(|p| p.range()).or_else(|| spec.defaults.iter().flatten().next().map(|d| d.value.range()));
            if let Some(range) = extra {
                self.report(diag::unsupported(range, &format!("default values and keyword-only parameters in `{name}`"), "operators and builtins call it with a fixed number of arguments: drop the default"));
            }
        }
        let mut infer = None;
        let ret = match &def.returns {
            Some(annotation) => self.resolve_annotation(annotation).unwrap_or(Ty::NONE),
            // A method's return type is part of its class's interface (overrides must agree
            // before any body is checked): it is annotated.
            None if returns_value(&def.body) && method_of.is_some() => {
                self.report(diag::missing_return_annotation(def.name.range(), &name));
                Ty::NONE
            }
            None if returns_value(&def.body) => {
                infer = Some(RetInference::Pending);
                Ty::NONE
            }
            None => Ty::NONE,
        };
        if self_ty.is_some() && params.is_empty() {
            self.report(diag::unsupported(def.name.range(), "a method without `self`", "add `self` as the first parameter, or decorate it with @staticmethod"));
            return None;
        }
        if method_of.is_none() && self.is_import_name(&name) {
            self.report(diag::import_redefined(def.name.range(), &name));
            return None;
        }
        let id = FuncId(self.funcs.len() as u32);
        self.funcs.push(FuncSig { name, params, ret, def: Some(def), method_of, cls_param: None, spec, infer });
        Some(id)
    }

    /// Checks a function's body; `method_of` for methods, `is_init` for `__init__`.
    pub fn lower_function_in(&mut self, id: FuncId, def: &'a ast::StmtFunctionDef, method_of: Option<usize>, is_init: bool) -> ir::Function {
        let sig = &self.funcs[id.0 as usize];
        let (name, params, ret) = (sig.name.clone(), sig.params.clone(), sig.ret);
        let is_generator = crate::check::generators::is_generator(&def.body);
        let gen_elem = if is_generator { self.generator_item(def, ret) } else { None };
        // A generator's body returns nothing: `return` ends it.
        let mut ctx = FnCtx::new(&def.body, if is_generator { Ty::NONE } else { ret }, false);
        ctx.is_generator = is_generator;
        ctx.gen_elem = gen_elem;
        if self.funcs[id.0 as usize].infer.is_some() {
            self.funcs[id.0 as usize].infer = Some(RetInference::InProgress { known: false });
            ctx.infers_ret = Some(id);
        }
        ctx.qualname = match method_of {
            Some(c) => format!("{}.{name}", self.classes[c].name),
            None => name.clone(),
        };
        ctx.method_of = method_of;
        ctx.cls_alias = self.funcs[id.0 as usize].cls_param.clone().zip(method_of);
        if let (true, Some(class)) = (is_init, method_of) {
            let mut set: FxHashSet<String> = Default::default();
            if self.is_exception_class(class) {
                // The constructor sets the message fields before `__init__` runs.
                set.insert(crate::check::exceptions::STR_FIELD.to_string());
                set.insert(crate::check::exceptions::ARGS_FIELD.to_string());
                set.insert(crate::check::exceptions::ARGV_FIELD.to_string());
            }
            ctx.init = Some(crate::check::classes::InitState { class, set, escaped: false });
        }
        let param_ids = params
            .iter()
            .map(|(name, ty)| {
                ctx.assigned.insert(name.clone());
                ctx.add_local(name, *ty)
            })
            .collect();
        for name in &ctx.global_decls {
            if params.iter().any(|(p, _)| p == name) {
                self.report(diag::global_param(def.range(), name));
            }
        }
        let body = self.lower_block(&mut ctx, &def.body);
        self.finish_cells(&mut ctx);
        if let Some(init) = ctx.init.take() {
            self.check_init_complete(&init, def);
        }
        // Python returns None from a function that ends without `return`: for any other
        // return type that would be a value of the wrong type, so it is refused.
        // An inferred return type is the one its `return` statements gave.
        let ret = if is_generator { ret } else { ctx.ret };
        let mut body = body;
        if self.abstract_stubs.contains(&id) {
            // Never called (see `check::abc`); it ends in a raise rather than a missing value.
            body.extend(self.abstract_stub_end(&mut ctx, self.line(def.name.range())));
        } else if ret != Ty::NONE && !is_generator && !always_returns(&def.body, &|func| self.is_exit_func(&ctx, func)) {
            let diag = match ctx.infers_ret {
                Some(_) => diag::inferred_return_may_end(def.name.range(), &name, &ret),
                None => diag::missing_return(def.name.range(), &name, &ret),
            };
            self.report(diag);
        }
        if ctx.infers_ret.is_some() {
            self.funcs[id.0 as usize].infer = Some(RetInference::Done);
        }
        let class = method_of.map(|c| self.classes[c].name.clone());
        let role = if is_generator { ir::FnRole::Generator { repr: ctx.qualname.clone(), frameless: false } } else { ir::FnRole::Plain };
        ir::Function { name, class, params: param_ids, locals: ctx.locals, ret, body, closure: None, role }
    }

    /// Resolves a written type (`int`, `float`, `bool`, `str`, `None`, `list[int]`, ...).
    /// The `typing` names mean the builtin ones: they are rewritten (`List[int]` to `list[int]`,
    /// `Optional[T]` to `T | None`) and resolved as such, so both spellings take one path.
    pub fn resolve_annotation(&mut self, annotation: &ast::Expr) -> Option<Ty> {
        if let Some(name) = self.typing_name(annotation) {
            return self.resolve_typing_name(annotation, name);
        }
        if let Some(name) = self.collections_name(annotation) {
            self.report(diag::unsupported(annotation.range(), &format!("a bare `{name}` annotation"), &format!("give the element type: `{name}[int]`")));
            return None;
        }
        match annotation {
            ast::Expr::Name(name) if self.class_by_name.contains_key(name.id.as_str()) => Some(self.classes[self.class_by_name[name.id.as_str()]].ty),
            ast::Expr::Name(name) => match name.id.as_str() {
                "int" => Some(Ty::INT),
                "float" => Some(Ty::FLOAT),
                "bool" => Some(Ty::BOOL),
                "str" => Some(Ty::STR),
                "None" => Some(Ty::NONE),
                "range" => Some(Ty::range()),
                "list" | "dict" | "set" => {
                    self.report(diag::bare_container_annotation(annotation.range(), name.id.as_str()));
                    None
                }
                "tuple" => {
                    self.report(diag::unsupported(annotation.range(), "a bare `tuple` annotation", "give the field types: `tuple[int, str]`"));
                    None
                }
                other @ ("List" | "Dict" | "Set" | "Tuple" | "Optional" | "Final") => {
                    self.report(diag::typing_not_imported(annotation.range(), other));
                    None
                }
                other => {
                    self.report(diag::unknown_type(annotation.range(), other));
                    None
                }
            },
            ast::Expr::NoneLiteral(_) => Some(Ty::NONE),
            ast::Expr::Subscript(sub) => {
                if let Some(name) = self.typing_name(&sub.value) {
                    return self.resolve_typing_generic(sub, name);
                }
                if let Some(name) = self.collections_name(&sub.value) {
                    return self.resolve_collections_generic(sub, name);
                }
                if let ast::Expr::Name(base) = &*sub.value {
                    if matches!(base.id.as_str(), "List" | "Dict" | "Set" | "Tuple" | "Optional" | "Final") {
                        self.report(diag::typing_not_imported(base.range(), base.id.as_str()));
                        return None;
                    }
                }
                if self.report_unimported_module(&sub.value) {
                    return None;
                }
                let ast::Expr::Name(base) = &*sub.value else {
                    self.report(diag::unsupported(annotation.range(), "this kind of type annotation", "annotate with list[T], dict[K, V] or set[T]"));
                    return None;
                };
                let params: Vec<&ast::Expr> = match &*sub.slice {
                    ast::Expr::Tuple(t) => t.elts.iter().collect(),
                    other => vec![other],
                };
                let is_tuple = matches!(base.id.as_str(), "tuple" | "Tuple");
                if is_tuple && params.len() == 2 && matches!(params[1], ast::Expr::EllipsisLiteral(_)) {
                    return Some(Ty::var_tuple(self.resolve_annotation(params[0])?));
                }
                // `tuple[()]` is the empty tuple.
                let params = if is_tuple && matches!(&*sub.slice, ast::Expr::Tuple(t) if t.elts.is_empty()) { Vec::new() } else { params };
                let mut tys = Vec::new();
                for param in &params {
                    tys.push(self.resolve_annotation(param)?);
                }
                match (base.id.as_str(), tys.as_slice()) {
                    ("list" | "List", [elem]) => Some(Ty::list(*elem)),
                    ("set" | "Set", [elem]) if elem.is_hashable() => Some(Ty::set(*elem)),
                    ("dict" | "Dict", [key, value]) if key.is_hashable() => Some(Ty::dict(*key, *value)),
                    ("set" | "Set", [elem]) | ("dict" | "Dict", [elem, _]) => {
                        self.report(diag::unhashable(annotation.range(), elem));
                        None
                    }
                    ("tuple" | "Tuple", _) => Some(Ty::tuple(tys)),
                    (other, _) => {
                        self.report(diag::unknown_type(annotation.range(), &format!("{other}[...]")));
                        None
                    }
                }
            }
            // A forward reference (`"Node"`, `"Node | None"`): the type written in the string.
            ast::Expr::StringLiteral(lit) => {
                let Ok(parsed) = ruff_python_parser::parse_expression(lit.value.to_str()) else {
                    self.report(diag::unsupported(annotation.range(), "this string annotation", "write a type inside the quotes, like \"Node\""));
                    return None;
                };
                let before = self.diags.len();
                let ty = self.resolve_annotation(parsed.expr());
                // Positions inside the string mean nothing in the file: point at the string.
                for d in &mut self.diags[before..] {
                    d.range = annotation.range();
                }
                ty
            }
            ast::Expr::Attribute(_) if self.report_unimported_module(annotation) => None,
            // `T | None` (and `Optional[T]`, which imports rewrite to it).
            ast::Expr::BinOp(b) if b.op == ast::Operator::BitOr => {
                let is_none = |e: &ast::Expr| matches!(e, ast::Expr::NoneLiteral(_)) || matches!(e, ast::Expr::Name(n) if n.id.as_str() == "None");
                let inner = match (is_none(&b.left), is_none(&b.right)) {
                    (false, true) => &b.left,
                    (true, false) => &b.right,
                    _ => {
                        self.report(diag::unsupported(annotation.range(), "union types other than `T | None`", "use one type, or `T | None`"));
                        return None;
                    }
                };
                let inner = self.resolve_annotation(inner)?;
                Some(Ty::optional(inner))
            }
            _ => {
                self.report(diag::unsupported(annotation.range(), "this kind of type annotation", "annotate with int, float, bool, str or None"));
                None
            }
        }
    }

    /// Reports `typing.List` in an annotation where `typing` is not imported (yet); returns
    /// whether it did (or had reported the refused import).
    fn report_unimported_module(&mut self, e: &ast::Expr) -> bool {
        let ast::Expr::Attribute(a) = e else { return false };
        let ast::Expr::Name(m) = &*a.value else { return false };
        let id = m.id.as_str();
        if self.annotation_import(id, m.range().start()).is_some() {
            return false;
        }
        if !self.imports.failed.contains(id) {
            self.report(self.undefined(m.range(), id));
        }
        true
    }

    /// A `typing` name written alone (`List`, `typing.Optional`).
    fn resolve_typing_name(&mut self, annotation: &ast::Expr, name: &str) -> Option<Ty> {
        match name {
            "List" | "Dict" | "Set" | "Tuple" => {
                let builtin = builtin_name(name, annotation.range());
                self.resolve_annotation(&builtin)
            }
            "Final" => {
                self.report(diag::final_position(annotation.range()));
                None
            }
            // A text file opened for reading, what `open()` returns.
            "TextIO" => Some(Ty::file()),
            "Optional" => {
                self.report(diag::unsupported(annotation.range(), "`Optional` without a type", "write `Optional[T]`, e.g. `Optional[int]`"));
                None
            }
            "Callable" => {
                self.report(diag::unsupported(annotation.range(), "`Callable` without types", "write `Callable[[int], int]` with the parameter and return types"));
                None
            }
            "Iterator" | "Iterable" | "Generator" => {
                self.report(diag::unsupported(annotation.range(), &format!("`{name}` without an item type"), "write `Iterator[T]` with the type of the items"));
                None
            }
            other => {
                self.report(diag::unknown_type(annotation.range(), &format!("typing.{other}")));
                None
            }
        }
    }

    /// A `typing` generic (`List[int]`, `typing.Dict[str, int]`, `Optional[str]`).
    fn resolve_typing_generic(&mut self, sub: &ast::ExprSubscript, name: &str) -> Option<Ty> {
        let rewritten = match name {
            "List" | "Dict" | "Set" | "Tuple" => ast::Expr::Subscript(ast::ExprSubscript {
                node_index: Default::default(),
                range: sub.range(),
                value: Box::new(builtin_name(name, sub.value.range())),
                slice: sub.slice.clone(),
                ctx: ast::ExprContext::Load,
            }),
            "Optional" if !sub.slice.is_tuple_expr() => ast::Expr::BinOp(ast::ExprBinOp {
                node_index: Default::default(),
                range: sub.range(),
                left: sub.slice.clone(),
                op: ast::Operator::BitOr,
                right: Box::new(ast::Expr::NoneLiteral(ast::ExprNoneLiteral { node_index: Default::default(), range: sub.value.range() })),
            }),
            "Optional" => {
                self.report(diag::unsupported(sub.slice.range(), "`Optional` of several types", "`Optional[T]` takes one type"));
                return None;
            }
            "Final" => {
                self.report(diag::final_position(sub.range()));
                return None;
            }
            // `Callable[[A, B], R]`: a function value.
            "Callable" => {
                let parts = match &*sub.slice {
                    ast::Expr::Tuple(t) if t.elts.len() == 2 => Some((&t.elts[0], &t.elts[1])),
                    _ => None,
                };
                let Some((ast::Expr::List(params), ret)) = parts else {
                    self.report(diag::unsupported(sub.slice.range(), "this form of `Callable`", "write `Callable[[A, B], R]` with the parameter types in a list"));
                    return None;
                };
                let mut tys = Vec::new();
                for p in &params.elts {
                    tys.push(self.resolve_annotation(p)?);
                }
                let ret = self.resolve_annotation(ret)?;
                return Some(Ty::intern(crate::check::types::TyKind::Function { params: tys, ret }));
            }
            // A generator or iterator: one-shot, whatever the spelling (an `Iterable[T]`
            // parameter takes iterators, not lists).
            "Iterator" | "Iterable" if !sub.slice.is_tuple_expr() => return Some(Ty::iterator(self.resolve_annotation(&sub.slice)?)),
            "Generator" => {
                let parts: Vec<&ast::Expr> = match &*sub.slice {
                    ast::Expr::Tuple(t) => t.elts.iter().collect(),
                    other => vec![other],
                };
                if parts.len() != 3 || !parts[1].is_none_literal_expr() || !parts[2].is_none_literal_expr() {
                    self.report(diag::unsupported(sub.slice.range(), "a `Generator` that is sent values or returns one", "write `Generator[T, None, None]` (or `Iterator[T]`)"));
                    return None;
                }
                return Some(Ty::iterator(self.resolve_annotation(parts[0])?));
            }
            other => {
                self.report(diag::unknown_type(sub.range(), &format!("typing.{other}[...]")));
                return None;
            }
        };
        self.resolve_annotation(&rewritten)
    }

    /// Resolves an assignment target name to a place, creating the variable on first assignment.
    /// `declared` is the annotation when there is one; `value_ty` the assigned value's type.
    pub fn bind_name(&mut self, ctx: &mut FnCtx, name: &ast::ExprName, declared: Option<Ty>, value_ty: Option<&Ty>, value_range: TextRange) -> Option<Place> {
        let id = name.id.as_str();
        self.invalidate_narrowing(ctx, id);
        // Until this returns a place, a failed binding should not cascade into "unbound" errors.
        ctx.poisoned.insert(id.to_string());
        // A local may shadow a module-level function or class, as in Python; the module's own
        // name stays bound to the definition.
        if (self.func_by_name.contains_key(id) || self.class_by_name.contains_key(id)) && ctx.is_global(id) {
            self.report(diag::rebind_definition(name.range(), id));
            return None;
        }
        // A local may shadow an imported name; the module's own binding stays as imported.
        if ctx.is_global(id) && self.is_import_name(id) {
            self.report(diag::rebind_import(name.range(), id));
            return None;
        }
        let existing: Option<(Place, Ty)> = if ctx.is_global(id) {
            self.global_by_name.get(id).map(|g| (Place::Global(*g), self.globals[g.0 as usize].ty))
        } else {
            ctx.local_by_name.get(id).map(|l| (Place::Local(*l), ctx.locals[l.0 as usize].ty))
        };
        if let Some((place, _)) = existing {
            if self.is_final(ctx, place) {
                self.report(diag::final_reassigned(name.range(), id));
                return None;
            }
        }
        if let (Some((_, old)), Some(new)) = (&existing, &declared) {
            if old != new {
                self.report(diag::redeclared(name.range(), id, old, new));
                return None;
            }
        }
        let target_ty = match (&existing, declared, value_ty) {
            (Some((_, ty)), _, _) => *ty,
            (None, Some(ty), _) => ty,
            (None, None, Some(ty)) => *ty,
            (None, None, None) => return None,
        };
        if let Some(value_ty) = value_ty {
            if *value_ty != target_ty {
                self.report(diag::assign_mismatch(value_range, id, &target_ty, value_ty, existing.is_some()));
                return None;
            }
        }
        ctx.poisoned.remove(id);
        if let Some((place, _)) = existing {
            return Some(place);
        }
        if ctx.is_global(id) {
            let gid = GlobalId(self.globals.len() as u32);
            self.globals.push(ir::Global { name: id.to_string(), ty: target_ty });
            self.global_by_name.insert(id.to_string(), gid);
            Some(Place::Global(gid))
        } else {
            Some(Place::Local(ctx.add_local(id, target_ty)))
        }
    }

    /// Whether `place` was declared `Final`.
    pub fn is_final(&self, ctx: &FnCtx, place: Place) -> bool {
        match place {
            Place::Global(g) => self.final_globals.contains(&g),
            Place::Local(l) => ctx.finals.contains(&l),
        }
    }
}

/// The builtin generic a `typing` name stands for (`List` is `list`), written at `range`.
fn builtin_name(typing_name: &str, range: TextRange) -> ast::Expr {
    let id = ast::name::Name::new(typing_name.to_ascii_lowercase());
    ast::Expr::Name(ast::ExprName { node_index: Default::default(), range, id, ctx: ast::ExprContext::Load })
}

fn empty_function() -> ir::Function {
    ir::Function { name: String::new(), class: None, params: Vec::new(), locals: Vec::new(), ret: Ty::NONE, body: Vec::new(), closure: None, role: ir::FnRole::Plain }
}

/// Whether every path through `body` ends in `return`, `raise`, `sys.exit(...)` (a call of a
/// callee `is_exit` accepts) or an endless `while True:` (conservatively: `for` loops and other
/// `while` loops may not run).
pub(crate) fn always_returns(body: &[ast::Stmt], is_exit: &dyn Fn(&ast::Expr) -> bool) -> bool {
    let Some(last) = body.last() else { return false };
    match last {
        ast::Stmt::Return(_) | ast::Stmt::Raise(_) => true,
        ast::Stmt::Expr(e) => matches!(&*e.value, ast::Expr::Call(c) if is_exit(&c.func)),
        ast::Stmt::If(s) => {
            let has_else = s.elif_else_clauses.last().is_some_and(|c| c.test.is_none());
            has_else && always_returns(&s.body, is_exit) && s.elif_else_clauses.iter().all(|c| always_returns(&c.body, is_exit))
        }
        ast::Stmt::While(s) => is_constant_true(&s.test) && !contains_break(&s.body),
        // `with` over files: closing suppresses nothing, so the body decides.
        ast::Stmt::With(s) => always_returns(&s.body, is_exit),
        // The body (or its `else`) returns, and so does every except clause; or `finally` does.
        ast::Stmt::Try(t) => {
            always_returns(&t.finalbody, is_exit)
                || ((always_returns(&t.body, is_exit) || always_returns(&t.orelse, is_exit))
                    && t.handlers.iter().all(|h| {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        always_returns(&h.body, is_exit)
                    }))
        }
        _ => false,
    }
}

/// `True`, a nonzero number or a non-empty string literal: a `while` test CPython folds
/// into an endless loop (`while 1:`).
fn is_constant_true(test: &ast::Expr) -> bool {
    match test {
        ast::Expr::BooleanLiteral(b) => b.value,
        ast::Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => i.as_u64() != Some(0),
            ast::Number::Float(f) => *f != 0.0,
            ast::Number::Complex { .. } => false,
        },
        ast::Expr::StringLiteral(s) => !s.value.to_str().is_empty(),
        _ => false,
    }
}

fn contains_break(body: &[ast::Stmt]) -> bool {
    body.iter().any(|s| match s {
        ast::Stmt::Break(_) => true,
        ast::Stmt::If(i) => contains_break(&i.body) || i.elif_else_clauses.iter().any(|c| contains_break(&c.body)),
        ast::Stmt::With(w) => contains_break(&w.body),
        ast::Stmt::Try(t) => {
            contains_break(&t.body)
                || contains_break(&t.orelse)
                || contains_break(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    contains_break(&h.body)
                })
        }
        _ => false,
    })
}

pub(crate) fn returns_value(body: &[ast::Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        ast::Stmt::Return(r) => r.value.as_ref().is_some_and(|v| !v.is_none_literal_expr()),
        ast::Stmt::If(s) => returns_value(&s.body) || s.elif_else_clauses.iter().any(|c| returns_value(&c.body)),
        ast::Stmt::While(s) => returns_value(&s.body) || returns_value(&s.orelse),
        ast::Stmt::For(s) => returns_value(&s.body) || returns_value(&s.orelse),
        ast::Stmt::Try(s) => returns_value(&s.body),
        ast::Stmt::With(s) => returns_value(&s.body),
        _ => false,
    })
}

impl<'a> Checker<'a> {
    /// The return type of a call to `func`; for a function whose return type is inferred,
    /// its body is checked now if it has not been (None, reported, when a recursive call
    /// comes before any `return` gave the type).
    pub(crate) fn func_ret(&mut self, func: FuncId, range: TextRange) -> Option<Ty> {
        let sig = &self.funcs[func.0 as usize];
        match sig.infer {
            Some(RetInference::Pending) => {
                let def = sig.def?;
                // A body sees every import of the module, wherever it is checked from.
                let in_bodies = std::mem::replace(&mut self.imports.in_bodies, true);
                let body = self.lower_function_in(func, def, None, false);
                self.imports.in_bodies = in_bodies;
                self.inferred_bodies.insert(func, body);
                Some(self.funcs[func.0 as usize].ret)
            }
            Some(RetInference::InProgress { known: false }) => {
                let name = sig.name.clone();
                self.report(diag::return_type_needed_early(range, &name));
                None
            }
            _ => Some(sig.ret),
        }
    }

    /// A `return` of an unannotated function gives its type (the first one) or must agree.
    pub(crate) fn infer_return(&mut self, ctx: &mut FnCtx, ty: Ty) {
        let Some(func) = ctx.infers_ret else { return };
        if self.funcs[func.0 as usize].infer == Some(RetInference::InProgress { known: false }) {
            ctx.ret = ty;
            self.funcs[func.0 as usize].ret = ty;
            self.funcs[func.0 as usize].infer = Some(RetInference::InProgress { known: true });
        }
    }

    /// A `return` whose value is not of the function's return type.
    pub(crate) fn return_mismatch(&self, ctx: &FnCtx, range: TextRange, got: &Ty) -> Diagnostic {
        match ctx.infers_ret {
            Some(f) => diag::inferred_return_mismatch(range, &self.funcs[f.0 as usize].name, &ctx.ret, got),
            None => diag::return_mismatch(range, &ctx.ret, got),
        }
    }

    /// Whether `ctx`'s return type is still to be given by its first `return`.
    pub(crate) fn return_type_open(&self, ctx: &FnCtx) -> bool {
        ctx.infers_ret.is_some_and(|f| self.funcs[f.0 as usize].infer == Some(RetInference::InProgress { known: false }))
    }
}
