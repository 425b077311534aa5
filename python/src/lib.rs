//! `multigen._multigen`, the native half of the Python package: the executor
//! (`multigen::executor`) with conversions between Python objects and its `Value`s, and the
//! command line (`src/main.rs`, compiled in here too) for the `multigen` command.
//!
//! The Python half (`python/multigen/`) extracts the source to compile, binds arguments,
//! writes what compiled code printed to `sys.stdout` and raises the exceptions it returns.
//! Everything here runs with the GIL held (only the command line releases it), so Python
//! threads take turns on an executor and never wait for the runtime's lock while another
//! thread holding it waits for the GIL.

use std::collections::HashSet;

use multigen::check::types::{Ty, TyKind};
use multigen::executor::{ExecError, Executor, FnHandle, Value};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyOverflowError, PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PySet, PyString, PyTuple};

#[allow(dead_code, unused_imports, unexpected_cfgs, clippy::all)]
#[path = "../../src/main.rs"]
mod cli;

/// Runs the `multigen` command line in this process: `args[0]` is the program name.  The GIL
/// stays held: `run` uses the runtime's process-wide state, which jitted calls share.
#[pyfunction]
fn cli_main(args: Vec<String>) -> u8 {
    cli::cli_main(args.into_iter().map(Into::into).collect())
}

/// One executor: compiled modules and their functions (`multigen::executor::Executor`).
/// What compiled code prints is captured and handed back to the Python side.
#[pyclass(module = "multigen._multigen")]
struct Engine {
    ex: SendExecutor,
    /// Where the program's own exception classes are found by name (`set_namespace`).
    namespace: Option<Py<PyAny>>,
}

/// The executor holds raw pointers into LLVM and the runtime; Python reaches it only with the
/// GIL held, through the pyclass's borrow checking, one thread at a time.
struct SendExecutor(Executor);
// SAFETY: see above: never used by two threads at once, and nothing in it is thread-bound.
unsafe impl Send for SendExecutor {}
// SAFETY: as for Send: shared access never happens concurrently (GIL + borrow flag).
unsafe impl Sync for SendExecutor {}

fn errors(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("multigen.errors")
}

/// An executor error as the Python exception the package documents.
fn py_err(py: Python<'_>, err: ExecError) -> PyErr {
    py_err_in(py, err, None)
}

/// [`py_err`], with the namespace (the jitted function's module globals) where an exception
/// class of the compiled program is looked up by name.
fn py_err_in(py: Python<'_>, err: ExecError, namespace: Option<&Bound<'_, PyAny>>) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        Ok(match err {
            ExecError::Compile(text) => PyErr::from_value(errors(py)?.getattr("CompileError")?.call1((text.trim_end().to_string(),))?),
            ExecError::InvalidIr { line, column, message } => PyErr::from_value(errors(py)?.getattr("IRError")?.call1((message, line, column))?),
            ExecError::Exception(exc) => PyErr::from_value(exception_object(py, &exc, namespace)?),
            ExecError::Io { path, message } if !std::path::Path::new(&path).exists() => PyFileNotFoundError::new_err(format!("{message}: '{path}'")),
            ExecError::Io { path, message } => PyOSError::new_err(format!("{message}: '{path}'")),
            ExecError::NoSuchFunction { .. } | ExecError::Jit(_) => PyRuntimeError::new_err(err.to_string()),
            ExecError::Arity { .. } | ExecError::ArgType { .. } => PyTypeError::new_err(err.to_string()),
        })
    })();
    made.unwrap_or_else(|e| e)
}

/// The Python exception for one raised in compiled code (`multigen.errors.from_compiled`).
fn exception_object<'py>(py: Python<'py>, exc: &multigen::executor::PyException, namespace: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    errors(py)?.getattr("from_compiled")?.call1((exc.type_name.clone(), exc.message.clone(), exc.to_string(), exc.exit_code, namespace))
}

/// Why an argument does not convert.
enum Bad {
    Type,
    Overflow,
    Aliased,
    Py(PyErr),
}

/// Converts `obj` to a value of type `ty`, exactly: a bool is not an int, an int is not a
/// float (CPython would keep it an int), and subclasses are refused.  `seen` holds the
/// containers met so far, so that one object passed twice (which the copies could not keep
/// identical) is refused.
fn to_value(obj: &Bound<'_, PyAny>, ty: Ty, seen: &mut HashSet<usize>) -> Result<Value, Bad> {
    let mut container = |obj: &Bound<'_, PyAny>| if seen.insert(obj.as_ptr() as usize) { Ok(()) } else { Err(Bad::Aliased) };
    match ty.kind() {
        TyKind::Int if obj.is_exact_instance_of::<PyInt>() => obj.extract::<i64>().map(Value::Int).map_err(|_| Bad::Overflow),
        TyKind::Float if obj.is_exact_instance_of::<PyFloat>() => obj.extract::<f64>().map(Value::Float).map_err(Bad::Py),
        TyKind::Bool if obj.is_exact_instance_of::<PyBool>() => Ok(Value::Bool(obj.is_truthy().map_err(Bad::Py)?)),
        TyKind::Str if obj.is_exact_instance_of::<PyString>() => obj.extract::<String>().map(Value::Str).map_err(Bad::Py),
        TyKind::None if obj.is_none() => Ok(Value::None),
        TyKind::List(elem) if obj.is_exact_instance_of::<PyList>() => {
            container(obj)?;
            let list = obj.cast::<PyList>().map_err(|e| Bad::Py(e.into()))?;
            let mut items = Vec::with_capacity(list.len());
            for item in list.iter() {
                items.push(to_value(&item, *elem, seen)?);
            }
            Ok(Value::List(items))
        }
        TyKind::Set(elem) if obj.is_exact_instance_of::<PySet>() => {
            container(obj)?;
            let set = obj.cast::<PySet>().map_err(|e| Bad::Py(e.into()))?;
            let mut items = Vec::with_capacity(set.len());
            for item in set.iter() {
                items.push(to_value(&item, *elem, seen)?);
            }
            Ok(Value::Set(items))
        }
        TyKind::Dict(k, v) if obj.is_exact_instance_of::<PyDict>() => {
            container(obj)?;
            let dict = obj.cast::<PyDict>().map_err(|e| Bad::Py(e.into()))?;
            let mut pairs = Vec::with_capacity(dict.len());
            for (key, val) in dict.iter() {
                pairs.push((to_value(&key, *k, seen)?, to_value(&val, *v, seen)?));
            }
            Ok(Value::Dict(pairs))
        }
        _ => Err(Bad::Type),
    }
}

/// The type of a Python object as the annotations would spell it: `list[int | str]`.
fn describe(obj: &Bound<'_, PyAny>) -> String {
    fn union<'py>(items: impl Iterator<Item = Bound<'py, PyAny>>) -> String {
        let mut names: Vec<String> = Vec::new();
        for item in items {
            let name = describe(&item);
            if !names.contains(&name) {
                names.push(name);
            }
            if names.len() == 3 {
                break;
            }
        }
        names.join(" | ")
    }
    if let Ok(list) = obj.cast_exact::<PyList>() {
        return if list.is_empty() { "list".into() } else { format!("list[{}]", union(list.iter())) };
    }
    if let Ok(set) = obj.cast_exact::<PySet>() {
        return if set.is_empty() { "set".into() } else { format!("set[{}]", union(set.iter())) };
    }
    if let Ok(dict) = obj.cast_exact::<PyDict>() {
        return if dict.is_empty() { "dict".into() } else { format!("dict[{}, {}]", union(dict.keys().iter()), union(dict.values().iter())) };
    }
    if obj.is_none() {
        return "None".into();
    }
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}

fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::None => py.None().into_bound(py),
        Value::Int(v) => v.into_pyobject(py)?.into_any(),
        Value::Float(v) => v.into_pyobject(py)?.into_any(),
        Value::Bool(v) => PyBool::new(py, *v).to_owned().into_any(),
        Value::Str(s) => PyString::new(py, s).into_any(),
        Value::List(items) => PyList::new(py, items.iter().map(|i| to_py(py, i)).collect::<PyResult<Vec<_>>>()?)?.into_any(),
        Value::Tuple(items) => PyTuple::new(py, items.iter().map(|i| to_py(py, i)).collect::<PyResult<Vec<_>>>()?)?.into_any(),
        Value::Set(items) => {
            let set = PySet::empty(py)?;
            for item in items {
                set.add(to_py(py, item)?)?;
            }
            set.into_any()
        }
        Value::Dict(pairs) => {
            let dict = PyDict::new(py);
            for (k, v) in pairs {
                dict.set_item(to_py(py, k)?, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// A container type whose items are all immutable (ints, floats, bools, strs, None): writing
/// its new contents back into the caller's object is exact.
fn flat(ty: Ty) -> bool {
    let scalar = |t: &Ty| matches!(t.kind(), TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::Str | TyKind::None);
    match ty.kind() {
        TyKind::List(e) | TyKind::Set(e) => scalar(e),
        TyKind::Dict(k, v) => scalar(k) && scalar(v),
        _ => false,
    }
}

/// Replaces the contents of the caller's container `obj` by `value` (same type).
fn write_back(py: Python<'_>, obj: &Bound<'_, PyAny>, value: &Value) -> PyResult<()> {
    match value {
        Value::List(_) => {
            let list = obj.cast::<PyList>()?;
            let new = to_py(py, value)?;
            list.set_slice(0, list.len(), &new)?;
        }
        Value::Dict(pairs) => {
            let dict = obj.cast::<PyDict>()?;
            dict.clear();
            for (k, v) in pairs {
                dict.set_item(to_py(py, k)?, to_py(py, v)?)?;
            }
        }
        Value::Set(items) => {
            let set = obj.cast::<PySet>()?;
            set.clear();
            for item in items {
                set.add(to_py(py, item)?)?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[pymethods]
impl Engine {
    /// `opt`: None for the quick pipeline of `multigen run`, or 0 to 3 for LLVM's `-O0`..`-O3`.
    #[new]
    #[pyo3(signature = (opt=None))]
    fn new(opt: Option<u8>) -> PyResult<Self> {
        use multigen::codegen::target::OptLevel;
        let mut ex = Executor::new();
        ex.capture_output(true);
        match opt {
            None => {}
            Some(0) => ex.set_opt_level(OptLevel::O0),
            Some(1) => ex.set_opt_level(OptLevel::O1),
            Some(2) => ex.set_opt_level(OptLevel::O2),
            Some(3) => ex.set_opt_level(OptLevel::O3),
            Some(n) => return Err(pyo3::exceptions::PyValueError::new_err(format!("opt must be None or 0 to 3, not {n}"))),
        }
        Ok(Engine { ex: SendExecutor(ex), namespace: None })
    }

    /// Compiles Python source (named `name` in diagnostics and tracebacks) and runs its top
    /// level; returns what it printed.
    fn add_source(&mut self, py: Python<'_>, name: &str, text: &str) -> PyResult<String> {
        let result = self.ex.0.add_source(name, text);
        let out = self.ex.0.take_output();
        result.map_err(|e| py_err(py, e))?;
        Ok(out)
    }

    /// A mapping (a module's globals) where an exception class of the compiled program is
    /// looked up by name, so that Python code catches it with its own class.
    fn set_namespace(&mut self, namespace: Py<PyAny>) {
        self.namespace = Some(namespace);
    }

    /// [`Engine::add_source`] through the compile cache (`Executor::add_source_cached`):
    /// returns what the top level printed and whether the module came from the cache.
    fn add_source_cached(&mut self, py: Python<'_>, name: &str, text: &str, salt: &str) -> PyResult<(String, bool)> {
        let result = self.ex.0.add_source_cached(name, text, salt);
        let out = self.ex.0.take_output();
        let hit = result.map_err(|e| py_err(py, e))?;
        Ok((out, hit))
    }

    /// Adds LLVM IR text.
    fn add_ir(&mut self, py: Python<'_>, text: &str) -> PyResult<()> {
        self.ex.0.add_ir(text).map_err(|e| py_err(py, e))
    }

    /// Names of the callable functions, their parameter types and result type, as text.
    fn functions(&self) -> Vec<(String, Vec<String>, String)> {
        self.ex.0.functions().into_iter().map(|(name, sig)| (name, sig.params.iter().map(|t| t.to_string()).collect(), sig.ret.to_string())).collect()
    }

    /// The address of function `name`'s machine code, or None.
    fn function_address(&self, name: &str) -> Option<usize> {
        self.ex.0.function_address(name)
    }

    /// Calls `name` with the positional `args` (already bound; `names` are the parameters'
    /// names for messages).  Returns `(ok, result or exception, printed text)`; a bad argument
    /// raises TypeError or OverflowError before anything runs.  Container arguments the call
    /// mutated are written back into the caller's objects (see `flat`), or the call raises
    /// TypeError where that could not be exact.
    #[pyo3(signature = (name, args, names=None))]
    fn call<'py>(&mut self, py: Python<'py>, name: &str, args: &Bound<'py, PyTuple>, names: Option<Bound<'py, PyList>>) -> PyResult<(bool, Bound<'py, PyAny>, String)> {
        let Some(handle) = self.ex.0.handle(name) else {
            return Err(PyRuntimeError::new_err(format!("no function `{name}` that Python can call (defined: {})", self.ex.0.functions().into_iter().map(|(n, _)| n).collect::<Vec<_>>().join(", "))));
        };
        self.invoke(py, &handle, args, names.as_ref())
    }
}

/// A container type, whose arguments and results need the write-back checks.
fn container(ty: Ty) -> bool {
    matches!(ty.kind(), TyKind::List(_) | TyKind::Dict(..) | TyKind::Set(_))
}

impl Engine {
    /// The call of [`Engine::call`] through a handle.
    fn invoke<'py>(&mut self, py: Python<'py>, handle: &FnHandle, args: &Bound<'py, PyTuple>, names: Option<&Bound<'py, PyList>>) -> PyResult<(bool, Bound<'py, PyAny>, String)> {
        let sig = &handle.signature;
        let name = handle.name.as_str();
        if args.len() != sig.params.len() {
            return Err(PyTypeError::new_err(format!("{name}() takes {} positional argument(s) but {} were given", sig.params.len(), args.len())));
        }
        let param = |i: usize| names.as_ref().and_then(|n| n.get_item(i).ok()).map_or_else(|| format!("{}", i + 1), |n| format!("'{n}'"));
        let mut values = Vec::with_capacity(args.len());
        let mut seen = HashSet::new();
        let reflect = sig.params.iter().any(|t| container(*t)) || container(sig.ret);
        for (i, (arg, ty)) in args.iter().zip(&sig.params).enumerate() {
            match to_value(&arg, *ty, &mut seen) {
                Ok(v) => values.push(v),
                Err(Bad::Type) => return Err(PyTypeError::new_err(format!("{name}() argument {} must be {ty}, not {}", param(i), describe(&arg)))),
                Err(Bad::Overflow) => return Err(PyOverflowError::new_err(format!("{name}() argument {}: {} does not fit in a 64-bit int", param(i), arg.repr().map(|r| r.to_string()).unwrap_or_default()))),
                Err(Bad::Aliased) => {
                    return Err(PyTypeError::new_err(format!(
                        "{name}() argument {}: the same {} object is passed more than once (or contains itself); compiled code works on copies, which could not stay one object: pass a copy",
                        param(i),
                        describe(&arg)
                    )))
                }
                Err(Bad::Py(e)) => return Err(e),
            }
        }
        let (result, reflection) = self.ex.0.call_handle(handle, &values, reflect);
        let out = self.ex.0.take_output();
        // Mutations first, whether the call returned or raised, as Python would leave them.
        for (i, after) in reflection.args.iter().enumerate() {
            let Some(after) = after else { continue };
            if !flat(sig.params[i]) {
                let exc = PyTypeError::new_err(format!(
                    "{name}() mutated argument {}, a {} whose items are containers: multigen cannot write that back into the caller's objects exactly, so nothing was; pass a copy, or return the new value",
                    param(i),
                    sig.params[i]
                ));
                return Ok((false, exc.into_value(py).into_bound(py).into_any(), out));
            }
            write_back(py, &args.get_item(i)?, after)?;
        }
        if let Some(i) = reflection.kept.iter().position(|&k| k) {
            let exc = PyTypeError::new_err(format!(
                "{name}() kept a reference to argument {} (or to a container inside it), in a module global: compiled code holds a copy, which would part from the caller's object; pass a copy",
                param(i)
            ));
            return Ok((false, exc.into_value(py).into_bound(py).into_any(), out));
        }
        if reflection.result_shared && result.is_ok() {
            let exc = PyTypeError::new_err(format!(
                "{name}() returned a {} that compiled code also holds (a module global, a container inside an argument, or the same container twice): the copy Python gets would part from it; return a copy",
                sig.ret
            ));
            return Ok((false, exc.into_value(py).into_bound(py).into_any(), out));
        }
        match result {
            Ok(value) => match reflection.result_is_arg {
                Some(i) => Ok((true, args.get_item(i)?, out)),
                None => Ok((true, to_py(py, &value)?, out)),
            },
            Err(err) => {
                let namespace = self.namespace.as_ref().map(|n| n.bind(py).clone());
                Ok((false, py_err_in(py, err, namespace.as_ref()).into_value(py).into_bound(py).into_any(), out))
            }
        }
    }
}

/// The native half of `multigen.JitFunction` (which subclasses it in Python): a call with
/// exactly the positional arguments of a compiled function goes from here straight to the
/// executor; any other (the first, keywords, defaults) goes through the Python method
/// `_prepare`, which compiles and binds.
#[pyclass(module = "multigen._multigen", subclass)]
struct Dispatcher {
    engine: Option<Py<Engine>>,
    handle: Option<FnHandle>,
    nargs: isize,
    names: Option<Py<PyList>>,
}

#[pymethods]
impl Dispatcher {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> Self {
        Dispatcher { engine: None, handle: None, nargs: -1, names: None }
    }

    /// From now on, calls with `nargs` positional arguments (-1: none) go to function `name`
    /// of `engine`; `names` are the parameters' names, for messages.
    fn _bind_engine(&mut self, py: Python<'_>, engine: Py<Engine>, name: &str, nargs: isize, names: Py<PyList>) -> PyResult<()> {
        let handle = engine.borrow(py).ex.0.handle(name).ok_or_else(|| PyRuntimeError::new_err(format!("no function `{name}` that Python can call")))?;
        self.engine = Some(engine);
        self.handle = Some(handle);
        self.nargs = nargs;
        self.names = Some(names);
        Ok(())
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn __call__<'py>(slf: &Bound<'py, Self>, args: &Bound<'py, PyTuple>, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let fast = {
            let me = slf.borrow();
            me.handle.is_some() && kwargs.is_none_or(|k| k.is_empty()) && args.len() as isize == me.nargs
        };
        let prepared;
        let args = if fast {
            args
        } else {
            prepared = slf.call_method1("_prepare", (args, kwargs))?.cast_into::<PyTuple>().map_err(PyErr::from)?;
            &prepared
        };
        let (ok, value, printed) = {
            let me = slf.borrow();
            let (Some(engine), Some(handle)) = (me.engine.as_ref(), me.handle.as_ref()) else {
                return Err(PyRuntimeError::new_err("the function was not compiled"));
            };
            let mut engine = engine.bind(py).borrow_mut();
            engine.invoke(py, handle, args, me.names.as_ref().map(|n| n.bind(py)))?
        };
        if !printed.is_empty() {
            py.import("sys")?.getattr("stdout")?.call_method1("write", (printed,))?;
        }
        if ok {
            Ok(value)
        } else {
            Err(PyErr::from_value(value))
        }
    }
}

#[pymodule]
fn _multigen(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<Dispatcher>()?;
    m.add_function(wrap_pyfunction!(cli_main, m)?)?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
