//! User-defined classes: declarations, instance fields, methods (with overriding and
//! dynamic dispatch), construction, attribute access and the dunder methods that
//! operators and builtins call.
//!
//! The model, kept deliberately close to what codegen emits:
//! - An instance is a reference-counted object with one slot per field, inherited fields
//!   first, so a field read is one load at a fixed offset.
//! - Fields are declared at class level (`x: int`) or created by `self.x = ...` at the top
//!   level of `__init__`, before any other use of `self` there: so every field is set
//!   before anything can read it, and nothing ever sees a missing attribute.
//! - A class-level assignment (`count: int = 0`, `LIMIT = 3`) is a class variable: a
//!   global named `Class.name`, read and written through the class (`Class.count += 1`).
//! - A method call is a direct call unless a subclass of the receiver's static class
//!   overrides the method; then it goes through the instance's vtable (`CallVirtual`).

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::calls::with_stmts;
use crate::check::diagnostics as diag;
use crate::check::ir::{self, ClassIdx, ExprKind, FuncId, GlobalId, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{ClassRef, Ty, TyKind};
use crate::syntax::dataclasses::FROZEN_MARKER;

type Expr = ir::Expr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    Instance,
    Static,
    Class,
    Property,
}

#[derive(Debug, Clone, Copy)]
pub struct MethodInfo {
    pub func: FuncId,
    pub kind: MethodKind,
}

pub struct ClassInfo<'a> {
    pub name: String,
    pub ty: Ty,
    /// `None` for the built-in exception classes.
    pub def: Option<&'a ast::StmtClassDef>,
    /// For a built-in exception class: the runtime's descriptor (`mg_exc_class_NAME`).
    pub builtin: Option<String>,
    pub base: Option<usize>,
    /// Every field, inherited ones first: a field's slot is its position.
    pub fields: Vec<(String, Ty)>,
    /// How many of `fields` the base class has.
    pub inherited_fields: usize,
    /// The methods this class defines (not inherited ones).
    pub methods: FxHashMap<String, MethodInfo>,
    pub class_vars: FxHashMap<String, GlobalId>,
    /// Direct subclasses.
    pub subclasses: Vec<usize>,
    /// Method names by vtable slot, inherited slots first.
    pub slots: Vec<String>,
    /// Fields declared in the class body (`x: int`), added when the class is finalised.
    pub declared_fields: Vec<(String, Ty, TextRange)>,
    /// A `frozen=True` dataclass: assigning a field outside `__init__` raises
    /// FrozenInstanceError.
    pub frozen: bool,
    /// Derives from `abc.ABC` (`check::abc`), directly or through its base.
    pub abc: bool,
    /// The methods this class defines with `@abstractmethod`.
    pub abstract_methods: Vec<String>,
}

/// What `__init__` has set so far, while its body is checked.
pub struct InitState {
    pub class: usize,
    pub set: FxHashSet<String>,
    /// Once `self` was used otherwise than to set a field, no new field may appear.
    pub escaped: bool,
}

const DUNDERS: [&str; 5] = ["__repr__", "__str__", "__eq__", "__hash__", "__lt__"];

impl<'a> Checker<'a> {
    /// Pass 0: every class's name and type, so that annotations anywhere can name it.
    pub fn declare_classes(&mut self, body: &'a [ast::Stmt]) {
        self.declare_exception_classes();
        for stmt in body {
            let ast::Stmt::ClassDef(def) = stmt else { continue };
            let name = def.name.id.to_string();
            // `syntax::dataclasses` expanded `@dataclass` and left this marker on frozen ones.
            let is_marker = |d: &ast::Decorator| matches!(&d.expression, ast::Expr::Name(n) if n.id.as_str() == FROZEN_MARKER);
            let frozen = def.decorator_list.iter().any(is_marker);
            if let Some(decorator) = def.decorator_list.iter().find(|d| !is_marker(d) && !Self::is_enum_marker(d) && !Self::is_namedtuple_marker(d)) {
                self.report(diag::unsupported(decorator.range(), "this class decorator", "multigen supports `@dataclass` (with `order=` and `frozen=`)"));
            }
            if def.type_params.is_some() {
                self.report(diag::unsupported(def.name.range(), "generic classes", "write concrete types"));
            }
            let direct_abc = def.arguments.as_deref().is_some_and(|args| args.args.len() == 1 && args.keywords.is_empty() && self.names_abc(&args.args[0], "ABC"));
            let base = match def.arguments.as_deref() {
                None => None,
                Some(args) if args.args.is_empty() && args.keywords.is_empty() => None,
                Some(_) if direct_abc => None,
                Some(args) => {
                    if let Some(meta) = args.keywords.iter().find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == "metaclass")) {
                        self.report(diag::unsupported(meta.range(), "metaclasses", "for abstract classes, derive from `abc.ABC`"));
                        continue;
                    }
                    if args.args.len() != 1 || !args.keywords.is_empty() {
                        self.report(diag::unsupported(args.range(), "multiple inheritance and class keywords", "derive from one class"));
                        continue;
                    }
                    match &args.args[0] {
                        ast::Expr::Name(n) if n.id.as_str() == "object" => None,
                        ast::Expr::Name(n) => match self.class_by_name.get(n.id.as_str()) {
                            Some(&b) => Some(b),
                            None => {
                                self.report(diag::unsupported(n.range(), &format!("deriving from `{}`", n.id), "derive from a class defined earlier in this module"));
                                continue;
                            }
                        },
                        other => {
                            self.report(diag::unsupported(other.range(), "this base class", "derive from a class defined earlier in this module"));
                            continue;
                        }
                    }
                }
            };
            if self.class_by_name.contains_key(&name) || self.func_by_name.contains_key(&name) {
                self.report(diag::redefined_function(def.name.range(), &name));
                continue;
            }
            let defines = |n: &str| def.body.iter().any(|s| matches!(s, ast::Stmt::FunctionDef(f) if f.name.id.as_str() == n));
            let inherited = |this: &Self, f: &dyn Fn(&ClassRef) -> bool| base.is_some_and(|b| f(this.classes[b].ty.class().expect("a class type")));
            // CPython: defining `__eq__` without `__hash__` makes instances unhashable, and
            // subclasses inherit that; without either, instances hash by identity.
            let hashable = if defines("__hash__") { true } else if defines("__eq__") { false } else { base.is_none() || inherited(self, &|c| c.hashable) };
            let orderable = defines("__lt__") || inherited(self, &|c| c.orderable);
            let class = ClassRef::new(&name, hashable, orderable);
            let ty = Ty::intern(TyKind::Class(class));
            let idx = self.classes.len();
            let slots = Vec::new();
            let abc = direct_abc || base.is_some_and(|b| self.classes[b].abc);
            if let Some(b) = base {
                self.classes[b].subclasses.push(idx);
            }
            self.class_by_id.insert(ty.class().expect("a class type").id, idx);
            self.classes.push(ClassInfo { name: name.clone(), ty, def: Some(def), builtin: None, base, fields: Vec::new(), inherited_fields: 0, methods: FxHashMap::default(), class_vars: FxHashMap::default(), subclasses: Vec::new(), slots, declared_fields: Vec::new(), frozen, abc, abstract_methods: Vec::new() });
            self.class_by_name.insert(name, idx);
            if let Some(marker) = def.decorator_list.iter().find(|d| Self::is_enum_marker(d)) {
                self.declare_enum(idx, marker);
            }
            if let Some(marker) = def.decorator_list.iter().find(|d| Self::is_namedtuple_marker(d)) {
                self.declare_namedtuple(idx, marker);
            }
        }
    }

    /// Pass 1 for classes: methods' signatures, class-level fields and class variables.
    pub fn declare_class_members(&mut self) {
        for idx in 0..self.classes.len() {
            let Some(def) = self.classes[idx].def else { continue };
            // Bases come first: their slots are complete, and an override reuses its slot.
            self.classes[idx].slots = self.classes[idx].base.map(|b| self.classes[b].slots.clone()).unwrap_or_default();
            for stmt in &def.body {
                match stmt {
                    ast::Stmt::FunctionDef(f) => {
                        let is_abstract = f.decorator_list.first().is_some_and(|d| self.names_abc(&d.expression, "abstractmethod"));
                        let kind = match f.decorator_list.first().map(|d| &d.expression) {
                            None => MethodKind::Instance,
                            Some(_) if is_abstract => MethodKind::Instance,
                            Some(ast::Expr::Name(n)) if n.id.as_str() == "staticmethod" => MethodKind::Static,
                            Some(ast::Expr::Name(n)) if n.id.as_str() == "classmethod" => MethodKind::Class,
                            Some(ast::Expr::Name(n)) if n.id.as_str() == "property" => MethodKind::Property,
                            Some(other) => {
                                self.report(diag::unsupported(other.range(), "this decorator", "methods may be decorated with @staticmethod, @classmethod or @property"));
                                continue;
                            }
                        };
                        if f.decorator_list.len() > 1 {
                            self.report(diag::unsupported(f.decorator_list[1].range(), "several decorators", "use one of @staticmethod, @classmethod, @property, @abstractmethod"));
                        }
                        if is_abstract && self.classes[idx].abc {
                            self.classes[idx].abstract_methods.push(f.name.id.to_string());
                        }
                        let self_ty = match kind {
                            MethodKind::Static | MethodKind::Class => None,
                            MethodKind::Instance | MethodKind::Property => Some(self.classes[idx].ty),
                        };
                        let name = f.name.id.to_string();
                        let Some(func) = self.declare_method(f, self_ty, idx, kind == MethodKind::Class) else { continue };
                        if kind == MethodKind::Property && self.funcs[func.0 as usize].params.len() != 1 {
                            self.report(diag::unsupported(f.parameters.range(), "a property with parameters besides `self`", "a property is read as `obj.name`, with no arguments: give it only `self`"));
                        }
                        if self.classes[idx].methods.contains_key(&name) {
                            self.report(diag::redefined_function(f.name.range(), &name));
                            continue;
                        }
                        self.check_override(idx, &name, func, f.name.range());
                        if is_abstract && self.classes[idx].abc {
                            self.note_abstract_stub(f, func);
                        }
                        if kind == MethodKind::Instance && name != "__init__" && !self.classes[idx].slots.contains(&name) {
                            self.classes[idx].slots.push(name.clone());
                        }
                        self.classes[idx].methods.insert(name, MethodInfo { func, kind });
                    }
                    ast::Stmt::AnnAssign(a) => {
                        let ast::Expr::Name(n) = &*a.target else {
                            self.report(self.unsupported_target(&a.target));
                            continue;
                        };
                        let Some(ty) = self.resolve_annotation(&a.annotation) else { continue };
                        if a.value.is_some() {
                            self.declare_class_var(idx, n, ty);
                        } else {
                            self.classes[idx].declared_fields.push((n.id.to_string(), ty, n.range()));
                        }
                    }
                    ast::Stmt::Assign(a) => {
                        let [ast::Expr::Name(n)] = a.targets.as_slice() else {
                            self.report(diag::unsupported(a.range(), "this class-level statement", "assign one class variable per line"));
                            continue;
                        };
                        // The type is the value's, checked here once to know it (its diagnostics come
                        // when the class statement is checked in the module's order).
                        let before = self.diags.len();
                        let mut scratch = FnCtx::new(&[], Ty::NONE, true);
                        let ty = self.expr(&mut scratch, &a.value).map_or(Ty::NONE, |v| v.ty);
                        self.diags.truncate(before);
                        self.declare_class_var(idx, n, ty);
                    }
                    ast::Stmt::Pass(_) => {}
                    ast::Stmt::Expr(e) if matches!(&*e.value, ast::Expr::StringLiteral(_)) => {}
                    other => self.report(diag::unsupported(other.range(), "this statement in a class body", "define methods, fields (`x: int`) and class variables (`X = 1`)")),
                }
            }
        }
    }

    fn declare_class_var(&mut self, idx: usize, name: &ast::ExprName, ty: Ty) {
        let full = format!("{}.{}", self.classes[idx].name, name.id);
        let id = GlobalId(self.globals.len() as u32);
        self.globals.push(ir::Global { name: full.clone(), ty });
        self.global_by_name.insert(full, id);
        self.classes[idx].class_vars.insert(name.id.to_string(), id);
    }

    fn add_field(&mut self, idx: usize, name: &str, ty: Ty, range: TextRange) -> bool {
        if self.classes[idx].fields.iter().any(|(n, _)| n == name) {
            return true;
        }
        if self.find_method(idx, name).is_some() || self.classes[idx].class_vars.contains_key(name) {
            self.report(diag::unsupported(range, &format!("an attribute `{name}` that shadows a method or class variable"), "give the field its own name"));
            return false;
        }
        self.classes[idx].fields.push((name.to_string(), ty));
        true
    }

    /// An override keeps the signature of the method it overrides (dynamic dispatch calls
    /// either through one function type).
    fn check_override(&mut self, idx: usize, name: &str, func: FuncId, range: TextRange) {
        let Some(base) = self.classes[idx].base else { return };
        let Some(parent) = self.find_method(base, name) else { return };
        if name == "__init__" {
            return;
        }
        let (a, b) = (&self.funcs[func.0 as usize], &self.funcs[parent.func.0 as usize]);
        let same = a.ret == b.ret && a.params.len() == b.params.len() && a.params.iter().zip(&b.params).skip(1).all(|(x, y)| x.1 == y.1);
        if !same {
            self.report(diag::unsupported(range, &format!("an override of `{name}` with another signature"), "keep the parameter and return types of the method it overrides"));
        }
    }

    /// The method `name` of class `idx` or of its nearest ancestor that defines it.
    pub fn find_method(&self, idx: usize, name: &str) -> Option<MethodInfo> {
        let mut c = Some(idx);
        while let Some(i) = c {
            if let Some(m) = self.classes[i].methods.get(name) {
                return Some(*m);
            }
            c = self.classes[i].base;
        }
        None
    }

    fn find_class_var(&self, idx: usize, name: &str) -> Option<GlobalId> {
        let mut c = Some(idx);
        while let Some(i) = c {
            if let Some(g) = self.classes[i].class_vars.get(name) {
                return Some(*g);
            }
            c = self.classes[i].base;
        }
        None
    }

    /// The class a name denotes here: a class of the module, or `cls` in a class method.
    pub fn class_named(&self, ctx: &FnCtx, name: &str) -> Option<usize> {
        if let Some((alias, idx)) = &ctx.cls_alias {
            if alias == name {
                return Some(*idx);
            }
        }
        self.class_by_name.get(name).copied().filter(|_| !ctx.local_by_name.contains_key(name))
    }

    pub fn class_of(&self, ty: Ty) -> Option<usize> {
        ty.class().and_then(|c| self.class_by_id.get(&c.id).copied())
    }

    /// The nearest common base of two instance types (`None` when either is not an
    /// instance or they share no class).
    pub fn join(&self, a: Ty, b: Ty) -> Option<Ty> {
        // None with `T` (or `T | None`) is `T | None`.
        if a == b {
            return Some(a);
        }
        match (a.optional_inner(), b.optional_inner()) {
            _ if a == Ty::NONE => return Some(Ty::optional(b)),
            _ if b == Ty::NONE => return Some(Ty::optional(a)),
            (Some(x), None) => return self.join(x, b).map(Ty::optional),
            (None, Some(y)) => return self.join(a, y).map(Ty::optional),
            (Some(x), Some(y)) => return self.join(x, y).map(Ty::optional),
            (None, None) => {}
        }
        let (x, y) = (self.class_of(a)?, self.class_of(b)?);
        let mut c = Some(x);
        while let Some(i) = c {
            if self.class_and_subclasses(i).contains(&y) {
                return Some(self.classes[i].ty);
            }
            c = self.classes[i].base;
        }
        None
    }

    /// Whether some subclass (transitively) of `idx` defines `name`.
    fn overridden_below(&self, idx: usize, name: &str) -> bool {
        self.classes[idx].subclasses.iter().any(|&s| self.classes[s].methods.contains_key(name) || self.overridden_below(s, name))
    }

    /// `idx` and every class derived from it.
    pub fn class_and_subclasses(&self, idx: usize) -> Vec<usize> {
        let mut out = vec![idx];
        let mut i = 0;
        while i < out.len() {
            out.extend(self.classes[out[i]].subclasses.iter().copied());
            i += 1;
        }
        out
    }

    /// A call of method `m` (found from the static class `static_class`) with `args`
    /// (the receiver first): direct, or through the vtable when a subclass overrides it.
    pub fn method_call_expr(&self, static_class: usize, name: &str, m: MethodInfo, args: Vec<Expr>, line: ir::Line) -> Expr {
        let ret = self.funcs[m.func.0 as usize].ret;
        if m.kind == MethodKind::Instance && self.overridden_below(static_class, name) {
            let slot = self.classes[static_class].slots.iter().position(|s| s == name).expect("instance methods have a slot") as u32;
            let impls = self.class_and_subclasses(static_class).into_iter().filter_map(|c| self.find_method(c, name)).map(|m| m.func).collect::<FxHashSet<_>>().into_iter().collect();
            return Expr { kind: ExprKind::CallVirtual { slot, impls, args }, ty: ret, line };
        }
        Expr { kind: ExprKind::Call(m.func, args), ty: ret, line }
    }

    /// The methods a call of `m` on an instance of `static_class` may reach: more than one
    /// when a subclass overrides it (then the call goes through the vtable).
    pub fn dispatch_impls(&self, static_class: usize, name: &str, m: MethodInfo) -> Vec<FuncId> {
        if m.kind != MethodKind::Instance || !self.overridden_below(static_class, name) {
            return Vec::new();
        }
        let impls: FxHashSet<FuncId> = self.class_and_subclasses(static_class).into_iter().filter_map(|c| self.find_method(c, name)).map(|m| m.func).collect();
        impls.into_iter().collect()
    }

    /// `Cls(args)`: a new instance, then `__init__` (its own or inherited).
    pub fn construct(&mut self, ctx: &mut FnCtx, idx: usize, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if self.is_exception_class(idx) {
            return self.construct_exception_call(ctx, idx, call, line);
        }
        if self.enums.contains_key(&idx) {
            return self.enum_call(ctx, idx, call, line);
        }
        let ty = self.classes[idx].ty;
        let new = Expr { kind: ExprKind::New(ClassIdx(idx as u32)), ty, line };
        let abstract_names = self.abstract_methods(idx);
        let Some(init) = self.find_method(idx, "__init__") else {
            if !call.arguments.args.is_empty() || !call.arguments.keywords.is_empty() {
                self.report(diag::takes_no_arguments(call.arguments.range(), &self.classes[idx].name));
                return None;
            }
            if !abstract_names.is_empty() {
                return self.abstract_instantiation(ctx, idx, &abstract_names, Vec::new(), line);
            }
            return Some(new);
        };
        // The arguments are evaluated before the instance is made, as in CPython (`type.__call__`
        // runs once they are): each goes to a hidden local first, unless it is a constant or a
        // local, which evaluating the others cannot change.  So nothing runs between the
        // allocation and `__init__`, and the optimiser sees the fields still null when
        // `__init__` replaces them.  (With keywords out of order, `bind_args` already put every
        // argument, the receiver first, in hidden locals.)
        let bound = self.bind_args(ctx, init.func, vec![new], call, &[])?;
        let mut stmts = bound.stmts;
        let mut args = bound.args.into_iter();
        let Some(receiver) = args.next() else { return None };
        let mut init_args = vec![Expr { kind: ExprKind::None, ty: Ty::NONE, line }];
        for arg in args {
            init_args.push(self.hoist_arg(ctx, arg, &mut stmts));
        }
        if !abstract_names.is_empty() {
            return self.abstract_instantiation(ctx, idx, &abstract_names, stmts, line);
        }
        let (new_stmts, obj) = self.hidden(ctx, receiver);
        stmts.extend(new_stmts);
        init_args[0] = obj.load();
        stmts.push(Stmt::Expr(Expr { kind: ExprKind::Call(init.func, init_args), ty: Ty::NONE, line }));
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(obj.load())), ty, line })
    }

    /// A constructor's argument, evaluated into a hidden local by `stmts` unless it is a
    /// constant or a local.  A value made optional for its parameter is stored before it is
    /// wrapped, so the local takes over the reference a call returned (a move, where a
    /// copy of the wrapped value would count a reference up and down).
    fn hoist_arg(&mut self, ctx: &mut FnCtx, arg: Expr, stmts: &mut Vec<Stmt>) -> Expr {
        let (ty, line) = (arg.ty, arg.line);
        // `None` made optional (`to_optional`): nothing to evaluate.
        let is_none = matches!(&arg.kind, ExprKind::Block(stmts, value)
            if matches!(value.kind, ExprKind::NoneOf) && stmts.iter().all(|s| matches!(s, Stmt::Expr(Expr { kind: ExprKind::None, .. }))));
        if is_none {
            return arg;
        }
        match arg.kind {
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::None | ExprKind::NoneOf | ExprKind::Str(_) | ExprKind::Load(ir::Place::Local(_)) => arg,
            ExprKind::Some(inner) => {
                let inner = self.hoist_arg(ctx, *inner, stmts);
                Expr { kind: ExprKind::Some(Box::new(inner)), ty, line }
            }
            kind => {
                let value = Expr { kind, ty, line };
                let local = ctx.add_local(&format!("<arg{}>", ctx.locals.len()), ty);
                stmts.push(Stmt::Assign { place: ir::Place::Local(local), value });
                Expr { kind: ExprKind::Load(ir::Place::Local(local)), ty, line }
            }
        }
    }

    /// `value.name` where `value` is an instance or a class.
    /// `None` for module attributes (`math.pi`), which `expr.rs` handles.
    pub fn class_attribute_of(&mut self, ctx: &mut FnCtx, attr: &'a ast::ExprAttribute, line: ir::Line) -> Option<Option<Expr>> {
        // `type(x).__name__`: the name of the value's class (of its own class, for instances).
        if let ast::Expr::Call(call) = &*attr.value {
            let is_type = matches!(&*call.func, ast::Expr::Name(n) if n.id.as_str() == "type" && !ctx.local_by_name.contains_key("type") && !self.func_by_name.contains_key("type"));
            if is_type && attr.attr.id.as_str() == "__name__" && call.arguments.args.len() == 1 && call.arguments.keywords.is_empty() {
                let v = self.expr(ctx, &call.arguments.args[0])?;
                let kind = match (v.ty.class().or(v.ty.optional_inner().and_then(|t| t.class())), static_type_name(v.ty)) {
                    (Some(_), _) => ExprKind::Builtin(ir::Builtin::ClassName, vec![v]),
                    (None, Some(name)) => ExprKind::Block(vec![Stmt::Expr(v)], Box::new(Expr { kind: ExprKind::Str(name.to_string()), ty: Ty::STR, line })),
                    (None, None) => {
                        self.report(diag::unsupported(attr.range(), &format!("`type(x).__name__` of a {}", v.ty), "test the value with `is None` first"));
                        return Some(None);
                    }
                };
                return Some(Some(Expr { kind, ty: Ty::STR, line }));
            }
        }
        let value = self.attribute_read(ctx, attr, line)?;
        // A narrowed `T | None` path read as a value: its `T` (checked).
        let path = crate::check::narrowing::attr_path(&attr.value).map(|p| format!("{p}.{}", attr.attr.id));
        Some(value.map(|v| self.narrowed_path(ctx, path, v, None).unwrap_or_else(|v| v)))
    }

    /// The object whose attribute `then` is read or called: a narrowed path is checked
    /// with the message CPython gives for reading `then` from None.
    pub fn receiver(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr, then: &str) -> Option<Expr> {
        if let ast::Expr::Attribute(inner) = e {
            if crate::check::narrowing::attr_path(e).is_some_and(|p| ctx.narrowed.contains_key(&p)) {
                let line = self.line(e.range());
                let value = self.attribute_read(ctx, inner, line)??;
                return Some(self.narrowed_path(ctx, crate::check::narrowing::attr_path(e), value, Some(then)).unwrap_or_else(|v| v));
            }
        }
        self.expr(ctx, e)
    }

    /// `value.name` on an instance or a class, as declared (`None` when the value is neither).
    fn attribute_read(&mut self, ctx: &mut FnCtx, attr: &'a ast::ExprAttribute, line: ir::Line) -> Option<Option<Expr>> {
        let name = attr.attr.id.as_str();
        if self.module_of(ctx, &attr.value).is_some() {
            return None;
        }
        if let ast::Expr::Name(n) = &*attr.value {
            if let Some(idx) = self.class_named(ctx, n.id.as_str()) {
                return Some(match self.find_class_var(idx, name) {
                    Some(g) => self.load_class_var(g, line),
                    None => {
                        self.report(diag::no_such_member(attr.attr.range(), &self.classes[idx].name.clone(), name));
                        None
                    }
                });
            }
        }
        let Some(value) = self.receiver(ctx, &attr.value, name) else { return Some(None) };
        if value.ty.optional_inner().is_some_and(|t| t.class().is_some()) {
            self.report(diag::maybe_none(attr.value.range(), &self.source_of(&attr.value), &value.ty));
            return Some(None);
        }
        if value.ty == Ty::range() {
            let Some(which) = ["start", "stop", "step"].iter().position(|f| *f == name) else {
                self.report(diag::unknown_method(attr.attr.range(), &value.ty, name));
                return Some(None);
            };
            return Some(Some(Expr { kind: ExprKind::Method(ir::Method::RangeField(which as u8), vec![value]), ty: Ty::INT, line }));
        }
        if value.ty.deque_elem().is_some() && name == "maxlen" {
            return Some(Some(self.deque_maxlen(ctx, value, line)));
        }
        if value.ty == Ty::file() {
            // `f.closed`, `f.name`, `f.mode`: the state and what `open()` was given.
            let (method, ty) = match name {
                "closed" => (ir::Method::FileClosed, Ty::BOOL),
                "name" => (ir::Method::FileName, Ty::STR),
                "mode" => (ir::Method::FileMode, Ty::STR),
                _ => {
                    self.report(diag::unknown_method(attr.attr.range(), &value.ty, name));
                    return Some(None);
                }
            };
            return Some(Some(Expr { kind: ExprKind::Method(method, vec![value]), ty, line }));
        }
        let Some(idx) = self.class_of(value.ty) else {
            return Some({
                self.report(diag::unknown_method(attr.attr.range(), &value.ty, name));
                None
            });
        };
        // Attributes of the built-in exceptions other than their message and args.
        if self.classes[idx].builtin.is_some() && matches!(name, "errno" | "strerror" | "filename" | "filename2" | "encoding" | "object" | "start" | "end" | "reason") {
            self.report(diag::exception_attribute(attr.attr.range(), &self.classes[idx].name.clone(), name));
            return Some(None);
        }
        Some(self.instance_attribute(ctx, idx, value, name, attr.attr.range(), line))
    }

    fn load_class_var(&mut self, g: GlobalId, line: ir::Line) -> Option<Expr> {
        let ty = self.globals[g.0 as usize].ty;
        if ty == Ty::NONE && !self.globals[g.0 as usize].name.is_empty() {
            // Declared by a plain assignment whose value has not been checked yet.
        }
        Some(Expr { kind: ExprKind::Load(ir::Place::Global(g)), ty, line })
    }

    fn instance_attribute(&mut self, ctx: &mut FnCtx, idx: usize, value: Expr, name: &str, range: TextRange, line: ir::Line) -> Option<Expr> {
        if matches!(name, "__cause__" | "__context__") && self.is_exception_class(idx) {
            let base = self.class_by_name.get("BaseException").map(|&b| self.classes[b].ty)?;
            let which = Expr { kind: ExprKind::Bool(name == "__context__"), ty: Ty::BOOL, line };
            return Some(Expr { kind: ExprKind::Builtin(ir::Builtin::ExcLink, vec![value, which]), ty: Ty::optional(base), line });
        }
        if name == "args" && self.is_exception_class(idx) && !self.classes[idx].fields.iter().any(|(n, _)| n == name) {
            return Some(Expr { kind: ExprKind::Builtin(ir::Builtin::ExcArgs, vec![value]), ty: Ty::var_tuple(Ty::STR), line });
        }
        if let Some(field) = self.classes[idx].fields.iter().position(|(n, _)| n == name) {
            self.check_field_read(ctx, &value, name, range);
            let ty = self.classes[idx].fields[field].1;
            return Some(Expr { kind: ExprKind::GetField(Box::new(value), field as u32), ty, line });
        }
        if let Some(m) = self.find_method(idx, name) {
            if m.kind == MethodKind::Property {
                self.note_self_use(ctx, &value);
                return Some(self.method_call_expr(idx, name, m, vec![value], line));
            }
            self.report(diag::unsupported(range, "methods as values", "call the method: `obj.method(...)`"));
            return None;
        }
        if let Some(g) = self.find_class_var(idx, name) {
            return self.load_class_var(g, line);
        }
        let class = self.classes[idx].name.clone();
        self.report(diag::no_such_member(range, &class, name));
        None
    }

    /// `receiver.name(args)` on an instance or a class; `None` when the receiver is neither.
    pub fn class_method_call(&mut self, ctx: &mut FnCtx, attr: &'a ast::ExprAttribute, call: &'a ast::ExprCall, line: ir::Line) -> Option<Option<Expr>> {
        let name = attr.attr.id.as_str();
        // `super().name(...)`: the base class's method, called directly on `self`.
        if let ast::Expr::Call(inner) = &*attr.value {
            if matches!(&*inner.func, ast::Expr::Name(n) if n.id.as_str() == "super") {
                return Some(self.super_call(ctx, inner, name, attr.attr.range(), call, line));
            }
        }
        if let ast::Expr::Name(n) = &*attr.value {
            if let Some(idx) = self.class_named(ctx, n.id.as_str()) {
                if self.classes[idx].def.is_some() && !self.defined_yet(ctx, &self.classes[idx].name.clone(), n.range()) {
                    return Some(None);
                }
                let Some(m) = self.find_method(idx, name) else {
                    let class = self.classes[idx].name.clone();
                    self.report(diag::no_such_member(attr.attr.range(), &class, name));
                    return Some(None);
                };
                if m.kind == MethodKind::Class && !self.classes[idx].methods.contains_key(name) {
                    self.report(diag::unsupported(attr.range(), "a class method called through a subclass", "call it on the class that defines it (there `cls` is that class)"));
                    return Some(None);
                }
                // `Cls.static(...)`, `Cls.factory(...)`, or `Cls.method(obj, ...)` (an explicit receiver).
                if self.abstract_stub_call(m.func, attr.range()) {
                    return Some(None);
                }
                let bound = self.bind_args(ctx, m.func, Vec::new(), call, &[]);
                return Some(bound.map(|b| with_stmts(b.stmts, Expr { kind: ExprKind::Call(m.func, b.args), ty: self.funcs[m.func.0 as usize].ret, line })));
            }
        }
        let receiver = self.receiver(ctx, &attr.value, name);
        let receiver = match receiver {
            Some(r) => r,
            None => return Some(None),
        };
        if receiver.ty.optional_inner().is_some() {
            self.report(diag::maybe_none(attr.value.range(), &self.source_of(&attr.value), &receiver.ty));
            return Some(None);
        }
        let Some(idx) = self.class_of(receiver.ty) else {
            // Not an instance: str, list, dict and set methods (containers.rs).
            return Some(self.container_method_call(ctx, receiver, attr, call, line));
        };
        if name == "_replace" && self.namedtuples.contains(&idx) {
            return Some(self.namedtuple_replace(ctx, receiver, call, line));
        }
        let Some(m) = self.find_method(idx, name) else {
            let class = self.classes[idx].name.clone();
            self.report(diag::no_such_member(attr.attr.range(), &class, name));
            return Some(None);
        };
        self.note_self_use(ctx, &receiver);
        if m.kind == MethodKind::Class && !self.classes[idx].subclasses.is_empty() {
            self.report(diag::unsupported(attr.range(), "a class method called on an instance whose class has subclasses", "call it on the class: `Class.method(...)`"));
            return Some(None);
        }
        // A static or class method called on an instance: the instance is evaluated (first,
        // as Python evaluates `obj.method`), but not passed.
        let (given, mut stmts) = match m.kind {
            MethodKind::Static | MethodKind::Class => (Vec::new(), vec![Stmt::Expr(receiver)]),
            _ => (vec![receiver], Vec::new()),
        };
        let dispatch = self.dispatch_impls(idx, name, m);
        let Some(bound) = self.bind_args(ctx, m.func, given, call, &dispatch) else { return Some(None) };
        stmts.extend(bound.stmts);
        Some(Some(with_stmts(stmts, self.method_call_expr(idx, name, m, bound.args, line))))
    }

    fn super_call(&mut self, ctx: &mut FnCtx, inner: &'a ast::ExprCall, name: &str, range: TextRange, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let this = ctx.method_of.and_then(|c| self.classes[c].base.map(|b| (c, b)));
        let Some((_, base)) = this.filter(|_| inner.arguments.args.is_empty()) else {
            self.report(diag::unsupported(inner.range(), "`super()` here", "call `super().method(...)` inside a method of a class that has a base"));
            return None;
        };
        let Some(m) = self.find_method(base, name) else {
            if name == "__init__" && self.is_exception_class(base) {
                // The built-in `__init__` of exceptions: the message fields, from the arguments.
                let self_load = self.self_value(ctx, line)?;
                if !call.arguments.keywords.is_empty() {
                    self.report(diag::unsupported(call.arguments.range(), "keyword arguments to an exception", "pass the message by position"));
                    return None;
                }
                let mut args = Vec::new();
                for a in call.arguments.args.iter() {
                    args.push(self.expr(ctx, a)?);
                }
                let stmts = self.exception_args(ctx, base, &self_load, args, line);
                return Some(Expr { kind: ExprKind::Block(stmts, Box::new(Expr { kind: ExprKind::None, ty: Ty::NONE, line })), ty: Ty::NONE, line });
            }
            if name == "__init__" {
                // `object.__init__()`: nothing to do.
                if !call.arguments.args.is_empty() || !call.arguments.keywords.is_empty() {
                    self.report(diag::object_init_arguments(call.arguments.range()));
                    return None;
                }
                return Some(Expr { kind: ExprKind::None, ty: Ty::NONE, line });
            }
            let class = self.classes[base].name.clone();
            self.report(diag::no_such_member(range, &class, name));
            return None;
        };
        if self.abstract_stub_call(m.func, range) {
            return None;
        }
        let self_load = self.self_value(ctx, line)?;
        let bound = self.bind_args(ctx, m.func, vec![self_load], call, &[])?;
        if name == "__init__" {
            if let Some(init) = ctx.init.as_mut() {
                let base_fields: Vec<String> = self.classes[base].fields.iter().map(|(n, _)| n.clone()).collect();
                init.set.extend(base_fields);
            }
        }
        Some(with_stmts(bound.stmts, Expr { kind: ExprKind::Call(m.func, bound.args), ty: self.funcs[m.func.0 as usize].ret, line }))
    }

    fn self_value(&mut self, ctx: &mut FnCtx, line: ir::Line) -> Option<Expr> {
        let id = *ctx.local_by_name.get("self")?;
        let ty = ctx.locals[id.0 as usize].ty;
        Some(Expr { kind: ExprKind::Load(ir::Place::Local(id)), ty, line })
    }

    /// `target.name = value` (or `op=`): a field of an instance, or a class variable.
    pub fn assign_attribute(&mut self, ctx: &mut FnCtx, target: &'a ast::ExprAttribute, annotation: Option<Ty>, value: &'a ast::Expr, op: Option<ast::Operator>, out: &mut Vec<Stmt>) {
        self.assign_attribute_unnarrowed(ctx, target, annotation, value, op, out);
        // After the value was computed (it may read the narrowed path itself).
        self.invalidate_attribute(ctx, target.attr.id.as_str());
    }

    fn assign_attribute_unnarrowed(&mut self, ctx: &mut FnCtx, target: &'a ast::ExprAttribute, annotation: Option<Ty>, value: &'a ast::Expr, op: Option<ast::Operator>, out: &mut Vec<Stmt>) {
        let name = target.attr.id.as_str();
        let line = self.line(target.range());
        if let ast::Expr::Name(n) = &*target.value {
            if let Some(idx) = self.class_named(ctx, n.id.as_str()) {
                if self.refuse_enum_assignment(idx, target.range()) {
                    return;
                }
                let Some(g) = self.find_class_var(idx, name) else {
                    self.report(diag::unsupported(target.range(), "adding an attribute to a class after its definition", "define methods and class variables in the class body"));
                    return;
                };
                let ty = self.globals[g.0 as usize].ty;
                let Some(rhs) = self.expr_expect(ctx, value, Some(&ty)) else { return };
                let rhs = match op {
                    Some(op) => {
                        let current = Expr { kind: ExprKind::Load(ir::Place::Global(g)), ty, line };
                        let Some(v) = self.binary(op, current, rhs, target.range(), line) else { return };
                        v
                    }
                    None => rhs,
                };
                if rhs.ty != ty {
                    self.report(diag::annotation_mismatch(value.range(), &ty, &rhs.ty));
                    return;
                }
                out.push(Stmt::Assign { place: ir::Place::Global(g), value: rhs });
                return;
            }
        }
        let Some(obj) = self.expr(ctx, &target.value) else { return };
        let Some(idx) = self.class_of(obj.ty) else {
            self.report(diag::unsupported(target.range(), &format!("assigning an attribute of a {}", obj.ty), "attributes belong to instances of your classes"));
            return;
        };
        if self.refuse_enum_assignment(idx, target.range()) {
            return;
        }
        let is_self = matches!(&*target.value, ast::Expr::Name(n) if n.id.as_str() == "self");
        if self.refuse_namedtuple_assignment(ctx, idx, is_self, target.range()) {
            return;
        }
        let existing = self.classes[idx].fields.iter().position(|(n, _)| n == name);
        let declared = existing.map(|f| self.classes[idx].fields[f].1).or(annotation);
        let Some(rhs) = self.expr_expect(ctx, value, declared.as_ref()) else { return };
        let field = match existing {
            Some(f) => f,
            None => {
                // A new field: only `self.x = ...` at the top level of `__init__`, before
                // `self` is used otherwise (then every field is set before any read).
                let in_init = ctx.init.as_ref().is_some_and(|i| i.class == idx && !i.escaped) && is_self && ctx.block_depth == 1;
                if !in_init {
                    self.report(diag::unsupported(target.range(), &format!("creating the attribute `{name}` here"), "create every attribute in `__init__` (`self.x = ...` before other uses of `self`), or declare it in the class body (`x: int`)"));
                    return;
                }
                let ty = annotation.unwrap_or(rhs.ty);
                if !self.add_field(idx, name, ty, target.attr.range()) {
                    return;
                }
                self.classes[idx].fields.len() - 1
            }
        };
        let ty = self.classes[idx].fields[field].1;
        let rhs = match op {
            Some(op) => {
                let (stmts, h) = self.hidden(ctx, obj);
                out.extend(stmts);
                let current = Expr { kind: ExprKind::GetField(Box::new(h.load()), field as u32), ty, line };
                let Some(v) = self.binary(op, current, rhs, target.range(), line) else { return };
                if v.ty != ty {
                    self.report(diag::annotation_mismatch(value.range(), &ty, &v.ty));
                    return;
                }
                self.set_field(ctx, idx, h.load(), field, v, is_self, line, out);
                return;
            }
            None => rhs,
        };
        if rhs.ty != ty {
            self.report(diag::annotation_mismatch(value.range(), &ty, &rhs.ty));
            return;
        }
        if let Some(init) = ctx.init.as_mut().filter(|_| is_self) {
            init.set.insert(name.to_string());
        }
        self.set_field(ctx, idx, obj, field, rhs, is_self, line, out);
    }

    /// `obj.field = value`; on a frozen dataclass outside its `__init__`, the value is
    /// computed and FrozenInstanceError raised instead, as its `__setattr__` does.
    #[allow(clippy::too_many_arguments)]
    fn set_field(&mut self, ctx: &mut FnCtx, idx: usize, obj: Expr, field: usize, value: Expr, is_self: bool, line: ir::Line, out: &mut Vec<Stmt>) {
        let in_own_init = is_self && ctx.init.as_ref().is_some_and(|i| i.class == idx);
        if !self.classes[idx].frozen || in_own_init {
            out.push(Stmt::SetField { obj, field: field as u32, value, line });
            return;
        }
        let name = self.classes[idx].fields[field].0.clone();
        out.push(Stmt::Expr(obj));
        out.push(Stmt::Expr(value));
        let Some(&error) = self.class_by_name.get("FrozenInstanceError") else { return };
        let msg = Expr { kind: ExprKind::Str(format!("cannot assign to field '{name}'")), ty: Ty::STR, line };
        if let Some(exc) = self.construct_exception(ctx, error, vec![msg], line) {
            out.push(Stmt::Raise { value: Some(exc), cause: None, line });
        }
    }

    /// At the end of `__init__`: every field of the class was set (by it, or by the base's
    /// `__init__` through `super().__init__(...)`), so no read ever finds one missing.
    pub fn check_init_complete(&mut self, init: &InitState, def: &ast::StmtFunctionDef) {
        let missing: Vec<String> = self.classes[init.class].fields.iter().map(|(n, _)| n.clone()).filter(|n| !init.set.contains(n)).collect();
        if let Some(name) = missing.first() {
            let hint = if self.classes[init.class].base.is_some() { "set it in `__init__`, or call `super().__init__(...)` first" } else { "set it in `__init__`" };
            self.report(diag::unsupported(def.name.range(), &format!("an `__init__` that leaves `self.{name}` unset"), hint));
        }
    }

    /// A `class` statement at module level: its class variables get their values, in
    /// order, when it runs (as in Python). Elsewhere classes are refused.
    pub fn lower_class_statement(&mut self, ctx: &mut FnCtx, def: &'a ast::StmtClassDef, out: &mut Vec<Stmt>) {
        if !ctx.is_module || ctx.block_depth != 1 {
            self.report(diag::unsupported(def.name.range(), "classes inside functions or blocks", "define the class at the top level of the module"));
            return;
        }
        let Some(&idx) = self.class_by_name.get(def.name.id.as_str()) else { return };
        for stmt in &def.body {
            let (name, annotation, value) = match stmt {
                ast::Stmt::FunctionDef(f) => {
                    let method = self.classes[idx].methods.get(f.name.id.as_str()).map(|m| m.func);
                    if let Some(func) = method.filter(|m| self.funcs[m.0 as usize].def.is_some_and(|d| std::ptr::eq(d, f))) {
                        self.lower_def_defaults(ctx, func, out);
                    }
                    continue;
                }
                ast::Stmt::AnnAssign(a) => match (&*a.target, &a.value) {
                    (ast::Expr::Name(n), Some(v)) => (n, self.resolve_annotation(&a.annotation), v),
                    _ => continue,
                },
                ast::Stmt::Assign(a) => match a.targets.as_slice() {
                    [ast::Expr::Name(n)] => (n, None, &a.value),
                    _ => continue,
                },
                _ => continue,
            };
            let Some(&g) = self.classes[idx].class_vars.get(name.id.as_str()) else { continue };
            let declared = annotation.or_else(|| Some(self.globals[g.0 as usize].ty).filter(|t| *t != Ty::NONE));
            let Some(v) = self.expr_expect(ctx, value, declared.as_ref()) else { continue };
            if let Some(d) = declared {
                if v.ty != d {
                    self.report(diag::annotation_mismatch(value.range(), &d, &v.ty));
                    continue;
                }
            }
            out.push(Stmt::Assign { place: ir::Place::Global(g), value: v });
        }
        self.defined.insert(self.classes[idx].name.clone());
        self.lower_enum_members(idx, out);
    }

    /// Reading `self.x` in `__init__` before `x` was set there is refused: Python raises
    /// AttributeError.
    fn check_field_read(&mut self, ctx: &mut FnCtx, value: &Expr, name: &str, range: TextRange) {
        let Some(init) = ctx.init.as_ref() else { return };
        if !is_self_load(ctx, value) || init.set.contains(name) {
            return;
        }
        self.report(diag::unsupported(range, &format!("reading `self.{name}` before `__init__` sets it"), "set the attribute first"));
    }

    /// `self` used otherwise than to set a field: in `__init__`, no new field after this.
    pub fn note_self_use(&mut self, ctx: &mut FnCtx, value: &Expr) {
        if is_self_load(ctx, value) {
            if let Some(init) = ctx.init.as_mut() {
                init.escaped = true;
            }
        }
    }

    /// Pass 2 for classes, in declaration order (a base before its subclasses): the fields
    /// (the base's, those declared in the body, those `__init__` creates), by checking
    /// `__init__`. Returns the checked `__init__` functions.
    pub fn finalize_classes(&mut self) -> Vec<(FuncId, ir::Function)> {
        let mut inits = Vec::new();
        for idx in 0..self.classes.len() {
            if self.classes[idx].builtin.is_some() {
                continue; // the built-in exceptions' two fields are fixed
            }
            let base_fields = self.classes[idx].base.map(|b| self.classes[b].fields.clone()).unwrap_or_default();
            self.classes[idx].inherited_fields = base_fields.len();
            self.classes[idx].fields = base_fields;
            for (name, ty, range) in std::mem::take(&mut self.classes[idx].declared_fields) {
                self.add_field(idx, &name, ty, range);
            }
            if let Some(m) = self.classes[idx].methods.get("__init__").copied() {
                if let Some(def) = self.funcs[m.func.0 as usize].def {
                    let f = self.lower_function_in(m.func, def, Some(idx), true);
                    inits.push((m.func, f));
                }
            }
        }
        inits
    }

    /// The IR of every class, once all bodies are checked.
    pub fn lower_classes(&mut self) -> Vec<ir::Class> {
        (0..self.classes.len())
            .map(|idx| {
                let c = &self.classes[idx];
                let vtable = c.slots.iter().map(|s| self.find_method(idx, s).expect("every slot has a method").func).collect();
                let mut dunders = [None; 5];
                for (d, name) in DUNDERS.iter().enumerate() {
                    dunders[d] = self.find_method(idx, name).filter(|m| m.kind == MethodKind::Instance).map(|m| m.func);
                }
                ir::Class { name: c.name.clone(), ty: c.ty, fields: c.fields.iter().map(|(_, t)| *t).collect(), vtable, dunders, base: c.base.map(|b| ClassIdx(b as u32)), builtin: c.builtin.clone(), func_repr: false, module: c.def.map(|d| self.file.segment_at(d.range.start()).module.clone()).filter(|m| m != "__main__") }
            })
            .collect()
    }

    /// Checks the signatures of the dunder methods the runtime calls back.
    pub fn check_dunder_signatures(&mut self) {
        let expected: [(&str, usize, Ty); 5] = [("__repr__", 1, Ty::STR), ("__str__", 1, Ty::STR), ("__eq__", 2, Ty::BOOL), ("__hash__", 1, Ty::INT), ("__lt__", 2, Ty::BOOL)];
        for idx in 0..self.classes.len() {
            for (name, n_params, ret) in expected {
                let Some(m) = self.classes[idx].methods.get(name).copied() else { continue };
                let sig = &self.funcs[m.func.0 as usize];
                let ok = sig.params.len() == n_params && sig.ret == ret && sig.params.iter().skip(1).all(|(_, t)| *t == self.classes[idx].ty || self.class_of(*t).is_some());
                if !ok {
                    let range = self.funcs[m.func.0 as usize].def.map_or(TextRange::default(), |d| d.name.range());
                    self.report(diag::unsupported(range, &format!("`{name}` with this signature"), &format!("write `def {name}(self{}) -> {ret}`", if n_params == 2 { ", other: \"ClassName\"" } else { "" })));
                }
            }
        }
    }
}

fn is_self_load(ctx: &FnCtx, e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Load(ir::Place::Local(l)) if ctx.locals[l.0 as usize].name == "self")
}

impl<'a> Checker<'a> {
    /// `item in obj`: `obj.__contains__(item)`.
    pub fn dunder_contains(&mut self, item: Expr, container: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let idx = self.class_of(container.ty)?;
        let Some(m) = self.find_method(idx, "__contains__") else {
            self.report(diag::bad_operands(range, "in", &item.ty, &container.ty));
            return None;
        };
        let sig = &self.funcs[m.func.0 as usize];
        if sig.params.len() != 2 || sig.ret != Ty::BOOL {
            self.report(diag::unsupported(range, "`__contains__` with this signature", "write `def __contains__(self, item: T) -> bool`"));
            return None;
        }
        let want = sig.params[1].1;
        let item = self.upcast(item, want);
        if item.ty != want {
            self.report(diag::bad_operands(range, "in", &item.ty, &container.ty));
            return None;
        }
        Some(self.method_call_expr(idx, "__contains__", m, vec![container, item], line))
    }
}

/// `isinstance(name, C)` or `isinstance(name, (A, B))`: the name and the class expressions.
pub fn isinstance_test(e: &ast::Expr) -> Option<(&ast::ExprName, Vec<&ast::Expr>)> {
    let ast::Expr::Call(call) = e else { return None };
    let ast::Expr::Name(f) = &*call.func else { return None };
    if f.id.as_str() != "isinstance" || call.arguments.args.len() != 2 || !call.arguments.keywords.is_empty() {
        return None;
    }
    let ast::Expr::Name(n) = &call.arguments.args[0] else { return None };
    let classes = match &call.arguments.args[1] {
        ast::Expr::Tuple(t) => t.elts.iter().collect(),
        other => vec![other],
    };
    Some((n, classes))
}

/// Whether a statement list always leaves the block (return, raise, break, continue).
pub fn always_leaves(body: &[ast::Stmt]) -> bool {
    matches!(body.last(), Some(ast::Stmt::Return(_) | ast::Stmt::Raise(_) | ast::Stmt::Break(_) | ast::Stmt::Continue(_)))
}

/// Whether `body` assigns `name` anywhere (then narrowing it would be unsound).
pub fn assigns(body: &[ast::Stmt], name: &str) -> bool {
    let mut assigned = FxHashSet::default();
    let mut globals = FxHashSet::default();
    crate::check::scope::collect_assigned(body, &mut assigned, &mut globals);
    assigned.contains(name)
}

impl<'a> Checker<'a> {
    /// `isinstance(x, C)` (or a tuple of classes): whether the instance's class is one of
    /// them or derives from one.
    pub fn isinstance_call(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if call.arguments.args.len() != 2 || !call.arguments.keywords.is_empty() {
            self.report(diag::bad_arity(call.arguments.range(), "isinstance", "2", call.arguments.args.len()));
            return None;
        }
        let value = self.expr(ctx, &call.arguments.args[0])?;
        if let Some(names) = self.builtin_types_named(&call.arguments.args[1]) {
            return Some(builtin_isinstance(value, &names, line));
        }
        let classes = self.classes_named(&call.arguments.args[1])?;
        if self.class_of(value.ty).is_none() {
            self.report(diag::unsupported(call.arguments.args[0].range(), &format!("`isinstance` of a {}", value.ty), "the type of such a value is known statically; test instances of your classes"));
            return None;
        }
        let mut all = Vec::new();
        for c in classes {
            for s in self.class_and_subclasses(c) {
                if !all.contains(&ClassIdx(s as u32)) {
                    all.push(ClassIdx(s as u32));
                }
            }
        }
        Some(Expr { kind: ExprKind::IsInstance(Box::new(value), all), ty: Ty::BOOL, line })
    }

    /// The builtin types a class expression names (`int`, `(int, float)`), when it names
    /// only those and no class of the module shadows them.
    fn builtin_types_named(&self, e: &ast::Expr) -> Option<Vec<&'static str>> {
        let elts: Vec<&ast::Expr> = match e {
            ast::Expr::Tuple(t) => t.elts.iter().collect(),
            other => vec![other],
        };
        elts.iter()
            .map(|elt| match elt {
                ast::Expr::Name(n) if !self.class_by_name.contains_key(n.id.as_str()) => BUILTIN_TYPES.iter().copied().find(|b| *b == n.id.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The classes a class expression (a name or a tuple of names) names.
    fn classes_named(&mut self, e: &ast::Expr) -> Option<Vec<usize>> {
        let elts: Vec<&ast::Expr> = match e {
            ast::Expr::Tuple(t) => t.elts.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::new();
        for elt in elts {
            match elt {
                ast::Expr::Name(n) if self.class_by_name.contains_key(n.id.as_str()) => out.push(self.class_by_name[n.id.as_str()]),
                other => {
                    self.report(diag::unsupported(other.range(), "`isinstance` with this class", "test against classes defined in this module"));
                    return None;
                }
            }
        }
        Some(out)
    }

    /// The type `isinstance(name, classes)` narrows `name` to when true: the one class, if
    /// it derives from the variable's type. `None` when nothing narrows.
    pub fn narrowing(&self, ctx: &FnCtx, name: &ast::ExprName, classes: &[&ast::Expr]) -> Option<(String, Ty)> {
        let [ast::Expr::Name(c)] = classes else { return None };
        let &idx = self.class_by_name.get(c.id.as_str())?;
        let id = name.id.as_str();
        let current = ctx.local_by_name.get(id).map(|l| ctx.locals[l.0 as usize].ty)?;
        let target = self.classes[idx].ty;
        let from = self.class_of(current)?;
        // Only downwards: the narrowed class must derive from the variable's class.
        self.class_and_subclasses(from).contains(&idx).then(|| (id.to_string(), target))
    }
}

/// The method behind a binary operator, and its reflected form.
pub fn operator_dunder(op: ast::Operator) -> (&'static str, &'static str) {
    match op {
        ast::Operator::Add => ("__add__", "__radd__"),
        ast::Operator::Sub => ("__sub__", "__rsub__"),
        ast::Operator::Mult => ("__mul__", "__rmul__"),
        ast::Operator::Div => ("__truediv__", "__rtruediv__"),
        ast::Operator::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        ast::Operator::Mod => ("__mod__", "__rmod__"),
        ast::Operator::Pow => ("__pow__", "__rpow__"),
        ast::Operator::MatMult => ("__matmul__", "__rmatmul__"),
        ast::Operator::BitAnd => ("__and__", "__rand__"),
        ast::Operator::BitOr => ("__or__", "__ror__"),
        ast::Operator::BitXor => ("__xor__", "__rxor__"),
        ast::Operator::LShift => ("__lshift__", "__rlshift__"),
        ast::Operator::RShift => ("__rshift__", "__rrshift__"),
    }
}

impl<'a> Checker<'a> {
    /// A call of dunder `name` on `args[0]` (an instance) with the other arguments, when its
    /// class defines it and the arguments fit its parameters; `None` (nothing reported) when not.
    pub fn try_dunder(&self, name: &str, args: Vec<Expr>, line: ir::Line) -> Result<Expr, Vec<Expr>> {
        let Some(idx) = args.first().and_then(|a| self.class_of(a.ty)) else { return Err(args) };
        let Some(m) = self.find_method(idx, name).filter(|m| m.kind == MethodKind::Instance) else { return Err(args) };
        let params = self.funcs[m.func.0 as usize].params.clone();
        if params.len() != args.len() {
            return Err(args);
        }
        let args: Vec<Expr> = args.into_iter().zip(&params).map(|(a, (_, t))| self.upcast(a, *t)).collect();
        if args.iter().zip(&params).skip(1).any(|(a, (_, t))| a.ty != *t) {
            return Err(args);
        }
        Ok(self.method_call_expr(idx, name, m, args, line))
    }

    /// `a OP b` where an operand is an instance: `a.__op__(b)`, else `b.__rop__(a)` (both
    /// operands evaluated first, left to right).
    pub fn instance_binary(&mut self, ctx: &mut FnCtx, op: ast::Operator, left: Expr, right: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let (name, reflected) = operator_dunder(op);
        let (lt, rt) = (left.ty, right.ty);
        let (mut stmts, a) = self.hidden(ctx, left);
        let (more, b) = self.hidden(ctx, right);
        stmts.extend(more);
        let call = match self.try_dunder(name, vec![a.load(), b.load()], line) {
            Ok(call) => call,
            Err(_) => match self.try_dunder(reflected, vec![b.load(), a.load()], line) {
                Ok(call) => call,
                Err(_) => {
                    self.report(diag::bad_operands(range, op.as_str(), &lt, &rt));
                    return None;
                }
            },
        };
        let ty = call.ty;
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(call)), ty, line })
    }

    /// `a OP b` for a comparison where an operand is an instance: the dunder, its reflection
    /// (`a > b` is `b.__lt__(a)` when only `__lt__` exists), `!=` from `__eq__`, and identity
    /// for `==`/`!=` between instances of a class without `__eq__`.
    pub fn instance_compare(&mut self, ctx: &mut FnCtx, op: ir::CmpOp, left: Expr, right: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        use ir::CmpOp as C;
        let (lt, rt) = (left.ty, right.ty);
        let (name, reflected) = match op {
            C::Eq => ("__eq__", "__eq__"),
            C::Ne => ("__ne__", "__ne__"),
            C::Lt => ("__lt__", "__gt__"),
            C::Le => ("__le__", "__ge__"),
            C::Gt => ("__gt__", "__lt__"),
            C::Ge => ("__ge__", "__le__"),
        };
        let (mut stmts, a) = self.hidden(ctx, left);
        let (more, b) = self.hidden(ctx, right);
        stmts.extend(more);
        let not = |e: Expr| Expr { kind: ExprKind::Unary(ir::UnOp::Not, Box::new(e)), ty: Ty::BOOL, line };
        let call = self
            .try_dunder(name, vec![a.load(), b.load()], line)
            .or_else(|_| self.try_dunder(reflected, vec![b.load(), a.load()], line))
            .or_else(|e| if op == C::Ne { self.try_dunder("__eq__", vec![a.load(), b.load()], line).map(not) } else { Err(e) });
        let call = match call {
            Ok(call) if call.ty == Ty::BOOL => call,
            Ok(_) => {
                self.report(diag::unsupported(range, "a comparison method that does not return bool", "return a bool"));
                return None;
            }
            Err(_) if matches!(op, C::Eq | C::Ne) && self.class_of(lt).is_some() && self.class_of(rt).is_some() => {
                let same = Expr { kind: ExprKind::Same(Box::new(a.load()), Box::new(b.load())), ty: Ty::BOOL, line };
                if op == C::Eq { same } else { not(same) }
            }
            Err(_) => {
                self.report(diag::bad_operands(range, op_symbol(op), &lt, &rt));
                return None;
            }
        };
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(call)), ty: Ty::BOOL, line })
    }

    /// `-x`, `+x`, `~x`, `abs(x)` on an instance.
    pub fn instance_unary(&mut self, name: &str, value: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let ty = value.ty;
        match self.try_dunder(name, vec![value], line) {
            Ok(call) => Some(call),
            Err(_) => {
                self.report(diag::bad_unary(range, name, &ty));
                None
            }
        }
    }

    /// The truth of an instance: `__bool__`, else `__len__() != 0`, else true.
    pub fn instance_truth(&mut self, value: Expr, line: ir::Line) -> Expr {
        let value = match self.try_dunder("__bool__", vec![value], line) {
            Ok(call) if call.ty == Ty::BOOL => return call,
            Ok(call) => return call,
            Err(mut args) => args.remove(0),
        };
        match self.try_dunder("__len__", vec![value], line) {
            Ok(call) => {
                let zero = Expr { kind: ExprKind::Int(0), ty: Ty::INT, line };
                Expr { kind: ExprKind::CompareChain { operands: vec![call, zero], links: vec![(ir::CmpOp::Ne, Ty::INT)] }, ty: Ty::BOOL, line }
            }
            Err(mut args) => {
                let value = args.remove(0);
                let truth = Expr { kind: ExprKind::Bool(true), ty: Ty::BOOL, line };
                Expr { kind: ExprKind::Block(vec![Stmt::Expr(value)], Box::new(truth)), ty: Ty::BOOL, line }
            }
        }
    }
}

fn op_symbol(op: ir::CmpOp) -> &'static str {
    match op {
        ir::CmpOp::Eq => "==",
        ir::CmpOp::Ne => "!=",
        ir::CmpOp::Lt => "<",
        ir::CmpOp::Le => "<=",
        ir::CmpOp::Gt => ">",
        ir::CmpOp::Ge => ">=",
    }
}

/// `type(x).__name__` for a value whose type has no subclasses (not an instance): known
/// statically; `None` for optionals of such (None or not is a run-time matter).
fn static_type_name(ty: Ty) -> Option<&'static str> {
    Some(match ty.kind() {
        TyKind::Int => "int",
        TyKind::Float => "float",
        TyKind::Bool => "bool",
        TyKind::None => "NoneType",
        TyKind::Str => "str",
        TyKind::List(_) => "list",
        TyKind::Dict(..) => "dict",
        TyKind::Set(_) => "set",
        TyKind::Deque(_) => "deque",
        TyKind::Counter(_) => "Counter",
        TyKind::Tuple(_) | TyKind::VarTuple(_) => "tuple",
        TyKind::Function { .. } => "function",
        TyKind::File => "TextIOWrapper",
        TyKind::Range => "range",
        TyKind::DictView(0, _) => "dict_keys",
        TyKind::DictView(1, _) => "dict_values",
        TyKind::DictView(..) => "dict_items",
        TyKind::Iterator(_) => "generator",

        TyKind::Optional(_) | TyKind::Class(_) => return None,
    })
}

/// The builtin types `isinstance` can test against.
const BUILTIN_TYPES: &[&str] = &["int", "float", "bool", "str", "list", "dict", "set", "tuple", "range", "object"];

/// Whether a value of static type `ty` (not None) is an instance of builtin type `name`:
/// known when compiling, since every value has one static type (`bool` is an `int`).
fn is_builtin_instance(ty: Ty, name: &str) -> bool {
    match (name, ty.kind()) {
        ("object", _) => true,
        ("int", TyKind::Int | TyKind::Bool) | ("bool", TyKind::Bool) | ("float", TyKind::Float) | ("str", TyKind::Str) => true,
        ("list", TyKind::List(_)) | ("dict", TyKind::Dict(..) | TyKind::Counter(_)) | ("set", TyKind::Set(_)) | ("tuple", TyKind::Tuple(_) | TyKind::VarTuple(_)) | ("range", TyKind::Range) => true,
        _ => false,
    }
}

/// `isinstance(value, int)` (or a tuple of builtin types): a constant, after evaluating the
/// value; for `T | None`, whether it is not None when `T` is such an instance.
fn builtin_isinstance(value: Expr, names: &[&str], line: ir::Line) -> Expr {
    let constant = |b: bool| Expr { kind: ExprKind::Bool(b), ty: Ty::BOOL, line };
    let evaluated = |value: Expr, b: bool| Expr { kind: ExprKind::Block(vec![ir::Stmt::Expr(value)], Box::new(constant(b))), ty: Ty::BOOL, line };
    if let Some(inner) = value.ty.optional_inner() {
        if names.contains(&"object") {
            return evaluated(value, true);
        }
        if !names.iter().any(|n| is_builtin_instance(inner, n)) {
            return evaluated(value, false);
        }
        let is_none = Expr { kind: ExprKind::IsNone(Box::new(value)), ty: Ty::BOOL, line };
        return Expr { kind: ExprKind::Unary(ir::UnOp::Not, Box::new(is_none)), ty: Ty::BOOL, line };
    }
    let yes = value.ty != Ty::NONE && names.iter().any(|n| is_builtin_instance(value.ty, n)) || names.contains(&"object");
    evaluated(value, yes)
}
