//! The `multigen` command line.  Only this file prints or exits.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use multigen::codegen::target::OptLevel;
use multigen::diagnostics::Diagnostic;
use multigen::driver::{self, CompileError, Options, Timings};
use multigen::syntax::SourceFile;

/// Compile type-annotated Python to native code through LLVM.
///
/// Programs print exactly what `python3 prog.py` prints. Code outside the
/// supported subset is refused with a diagnostic, never miscompiled.
#[derive(Parser)]
#[command(name = "multigen", version, about, long_about = None, after_help = ENVIRONMENT_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The environment variables, shown after `--help`.
const ENVIRONMENT_HELP: &str = "\
Environment:
  MULTIGEN_CACHE_SIZE     Size limit of the compile cache ($XDG_CACHE_HOME/multigen, else
                          ~/.cache/multigen): bytes, or with K, M, G, T (powers of 1024), e.g.
                          500M; default 1G; 0 turns the cache off. Past the limit, the least
                          recently used entries are deleted down to 90% of it, as ccache does.
  MULTIGEN_CODEGEN_UNITS  How many codegen units `build` splits a program into.
  MULTIGEN_LINKER         The C compiler driver `build` links with [default: cc].";

/// The cache's environment, shown after the `--help` of the verbs that use it.
const CACHE_HELP: &str = "\
Environment:
  MULTIGEN_CACHE_SIZE  Size limit of the compile cache: bytes, or with K, M, G, T (powers of
                       1024), e.g. 500M; default 1G; 0 turns the cache off. Least recently
                       used entries are evicted first.";

#[derive(Subcommand)]
enum Command {
    /// Compile a program in memory and run it (JIT). Its stdout, stderr and exit status are its own.
    #[command(after_help = CACHE_HELP)]
    Run(RunArgs),
    /// Compile a program to a native executable (AOT).
    #[command(after_help = CACHE_HELP)]
    Build(BuildArgs),
    /// Translate a program to LLVM IR text, written to BUILD_DIR/src/NAME.ll.
    Convert(ConvertArgs),
    /// Check a program without compiling it: print diagnostics, exit 1 if there are any.
    Check(CheckArgs),
    /// Time a program in JIT and AOT mode: compile, execute and total, medians of several runs.
    Bench(BenchArgs),
    /// Remove the compile cache of `run` and `build` ($XDG_CACHE_HOME/multigen or ~/.cache/multigen).
    #[command(after_help = CACHE_HELP)]
    Clean,
}

#[derive(Args)]
struct BenchArgs {
    /// The Python file to time.
    file: PathBuf,
    /// Arguments passed to the program.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
    /// How many runs of each mode (the table shows medians).
    #[arg(short = 'n', long, default_value = "5")]
    runs: usize,
}

#[derive(Args)]
struct CompileFlags {
    /// Optimisation level, 0 to 3 (LLVM's default<On> pipeline). Default: 2 for `build` and
    /// `convert`; for `run`, a short pipeline that compiles faster (see docs/benchmarks.md).
    #[arg(short = 'O', value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(0..=3))]
    opt: Option<u8>,
    /// Emit DWARF debug info: Python files, lines, function names and int, float, bool and
    /// str variables, for gdb and perf (see README, "Debugging and profiling").
    #[arg(short = 'g')]
    debug: bool,
    /// Print the wall time of each phase (parse, check, codegen, optimise, jit/emit, link, execute) to stderr.
    #[arg(long)]
    time_report: bool,
    #[command(flatten)]
    diagnostics: DiagnosticFlags,
}

#[derive(Args)]
struct DiagnosticFlags {
    /// How to print diagnostics; the exit status is the same in every format.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "full")]
    output_format: OutputFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// rustc-style messages with the source line, on stderr
    Full,
    /// one JSON object per diagnostic and line (code, message, file, line, column,
    /// end_line, end_column, help, label), on stdout
    Json,
    /// GitHub Actions workflow annotations (`::error file=..,line=..::message`), on stdout
    Github,
}

#[derive(Args)]
struct RunArgs {
    /// A Python file (.py), or LLVM IR (.ll) with a `main` function.
    file: PathBuf,
    /// Arguments passed to the program (sys.argv[1:]).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
    /// Neither read nor write the compile cache (bounded by MULTIGEN_CACHE_SIZE, see below).
    #[arg(long)]
    no_cache: bool,
    /// Write /tmp/perf-PID.map (start, size and Python name of each compiled function), so
    /// that `perf report` names the program's functions.
    #[arg(long)]
    perf_map: bool,
    #[command(flatten)]
    flags: CompileFlags,
}

#[derive(Args)]
struct BuildArgs {
    /// The Python file to compile.
    file: PathBuf,
    /// Path of the executable to write [default: the file name without `.py`].
    #[arg(short = 'o', value_name = "EXE")]
    output: Option<PathBuf>,
    /// What to write, comma-separated or repeated [default: exe]. Each file is named after
    /// the executable's path with the kind's extension (`-o out/prog`: out/prog.ll,
    /// out/prog.s...). Anything but `exe` compiles the program as one codegen unit, so each
    /// file holds the whole program (the compile cache is not used then).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    emit: Vec<Emit>,
    /// Neither read nor write the compile cache (object code of each module of a program
    /// of several files; bounded by MULTIGEN_CACHE_SIZE, see below).
    #[arg(long)]
    no_cache: bool,
    #[command(flatten)]
    flags: CompileFlags,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// LLVM IR text after optimisation, the runtime's inlinable helpers included (NAME.ll)
    LlvmIr,
    /// the same module as LLVM bitcode (NAME.bc)
    LlvmBc,
    /// assembly (NAME.s)
    Asm,
    /// an object file (NAME.o), which links with multigen's runtime into the executable
    Obj,
    /// the executable (NAME)
    Exe,
}

#[derive(Clone, Copy, ValueEnum)]
enum ConvertTarget {
    /// LLVM IR text (.ll)
    Llvm,
    /// multigen's mid-level IR, after its passes (.mir): control flow, reference counting
    /// and error edges made explicit
    Mir,
}

#[derive(Args)]
struct ConvertArgs {
    /// The Python file to translate.
    file: PathBuf,
    /// Output language.
    #[arg(short = 't', long = "target", value_enum, default_value = "llvm")]
    target: ConvertTarget,
    /// Build directory; the IR goes to BUILD_DIR/src/NAME.ll (or .mir).
    #[arg(short = 'd', long = "build-dir", value_name = "BUILD_DIR", default_value = "build")]
    build_dir: PathBuf,
    #[command(flatten)]
    flags: CompileFlags,
}

#[derive(Args)]
struct CheckArgs {
    /// The Python file to check.
    file: PathBuf,
    #[command(flatten)]
    diagnostics: DiagnosticFlags,
}

/// mimalloc, which with its `override` feature also serves C's `malloc` and C++'s `new` in
/// this process: LLVM's passes allocate and free at a high rate.  JIT-compiled programs'
/// runtime allocates through it too; executables built by `build` keep the C library's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The parser, the checker and codegen recurse over the syntax tree, and JIT-compiled
/// programs recurse as deeply as they like: give all of it a large stack (only the pages
/// used are ever touched).
const STACK_SIZE: usize = 1 << 30;

fn main() -> ExitCode {
    ExitCode::from(cli_main(std::env::args_os().collect()))
}

/// The whole command line, `args[0]` being the program's name: the exit status.  The Python
/// package's `multigen` command calls it in its own process (`python/src/lib.rs`).
pub fn cli_main(args: Vec<std::ffi::OsString>) -> u8 {
    let worker = std::thread::Builder::new().name("multigen".into()).stack_size(STACK_SIZE).spawn(move || real_main(args));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => 101,
        Err(err) => {
            eprintln!("error: cannot start: {err}");
            2
        }
    }
}

fn real_main(args: Vec<std::ffi::OsString>) -> u8 {
    let cli = Cli::parse_from(args);
    let result = match cli.command {
        Command::Run(args) => run(args),
        Command::Build(args) => build(args),
        Command::Convert(args) => convert(args),
        Command::Check(args) => check(args),
        Command::Bench(args) => bench(args),
        Command::Clean => clean(),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Reported) => 1,
        Err(Failure::Message(msg)) => {
            eprintln!("error: {msg}");
            2
        }
    }
}

/// How a command failed: diagnostics already printed (exit 1), or a message to print (exit 2).
enum Failure {
    Reported,
    Message(String),
}

impl From<String> for Failure {
    fn from(msg: String) -> Self {
        Failure::Message(msg)
    }
}

type CliResult = Result<u8, Failure>;

fn opt_level(flags: &CompileFlags, default: OptLevel) -> OptLevel {
    match flags.opt {
        None => default,
        Some(0) => OptLevel::O0,
        Some(1) => OptLevel::O1,
        Some(3) => OptLevel::O3,
        Some(_) => OptLevel::O2,
    }
}

fn read_source(path: &Path) -> Result<SourceFile, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(multigen::syntax::program::load_script(path, text)?)
}

fn print_diagnostics(file: &SourceFile, diags: &[Diagnostic], format: OutputFormat) {
    match format {
        OutputFormat::Full => {}
        OutputFormat::Json => {
            for diag in diags {
                println!("{}", diag.to_json(file));
            }
            return;
        }
        OutputFormat::Github => {
            for diag in diags {
                println!("{}", diag.to_github(file));
            }
            return;
        }
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for diag in diags {
        eprint!("{}", diag.render(file, color));
    }
    let n = diags.len();
    eprintln!("error: could not compile `{}` due to {n} previous error{}", file.name, if n == 1 { "" } else { "s" });
}

/// The compile cache's directory, unless caching is off (`--no-cache`, `MULTIGEN_CACHE_SIZE=0`,
/// no home directory); a malformed `MULTIGEN_CACHE_SIZE` is an error.
fn cache_dir(no_cache: bool) -> Result<Option<PathBuf>, Failure> {
    if no_cache {
        return Ok(None);
    }
    multigen::cache::size_limit()?;
    Ok(multigen::cache::dir())
}

fn compile<'ctx>(ctx: &'ctx Context, file: &SourceFile, options: &Options, format: OutputFormat, timings: &mut Timings) -> Result<inkwell::module::Module<'ctx>, Failure> {
    driver::compile(ctx, file, options, timings).map_err(|err| compile_failure(file, err, format))
}

fn compile_failure(file: &SourceFile, err: CompileError, format: OutputFormat) -> Failure {
    match err {
        CompileError::Diagnostics(diags) => {
            print_diagnostics(file, &diags, format);
            Failure::Reported
        }
        CompileError::Codegen(err) => Failure::Message(err.to_string()),
    }
}

fn run(args: RunArgs) -> CliResult {
    let start = Instant::now();
    let mut timings = Timings::default();
    let ctx = Context::create();
    let level = opt_level(&args.flags, OptLevel::Quick);
    let module = if args.file.extension().is_some_and(|e| e == "ll") {
        timings.time("parse-ir", || load_ir(&ctx, &args.file))?
    } else {
        let file = read_source(&args.file)?;
        // Debug info is not in the cache's key: `-g` compiles afresh.
        let entry = cache_dir(args.no_cache || args.flags.debug)?.map(|dir| multigen::cache::entry_path(&dir, &file.traceback_name, &file.text, level));
        let cached = entry.as_ref().and_then(|path| timings.time("cache-read", || multigen::cache::read(path)));
        let from_cache = cached.and_then(|bytes| {
            let buffer = MemoryBuffer::create_from_memory_range_copy(&bytes, "cached");
            inkwell::module::Module::parse_bitcode_from_buffer(&buffer, &ctx).ok()
        });
        match from_cache {
            Some(module) => module,
            None => {
                let options = Options { opt: level, debug: args.flags.debug, ..Options::default() };
                let module = compile(&ctx, &file, &options, args.flags.diagnostics.output_format, &mut timings)?;
                if let Some(path) = &entry {
                    timings.time("cache-write", || multigen::cache::write(path, module.write_bitcode_to_memory().as_slice()));
                }
                module
            }
        }
    };
    let mut argv = vec![args.file.display().to_string()];
    argv.extend(args.args);
    // `-g` registers the code with gdb (which reads the debug info), as `build -g` puts it in
    // the executable.
    let listen = multigen::jit::Listen { gdb: args.flags.debug, symbols: args.perf_map };
    let compiled = timings.time("jit", || multigen::jit::compile_with(module, level, listen)).map_err(|e| e.to_string())?;
    if args.perf_map {
        write_perf_map(&compiled.symbols)?;
    }
    let status = timings.time("execute", || multigen::jit::run_main(&compiled, &argv)).map_err(|e| e.to_string())?;
    if args.flags.time_report {
        eprint!("{}", timings.report());
        eprintln!("{:<12} {:>9.3}", "process", start.elapsed().as_secs_f64() * 1e3);
    }
    // The process ends here: tearing down the JIT and the LLVM context would only cost time.
    std::mem::forget(compiled);
    std::mem::forget(ctx);
    Ok(status as u8)
}

/// `/tmp/perf-PID.map`, perf's convention for JIT code: a line `START SIZE NAME` (hex) per
/// function of the program, named by its Python name, with MCJIT's load address and the
/// size the object's symbol table gives (`jit::Listen::symbols`).  Runtime helpers inlined
/// or compiled into the module are left out: perf names the native runtime by itself.
fn write_perf_map(symbols: &[multigen::jit::Symbol]) -> Result<(), Failure> {
    let path = PathBuf::from(format!("/tmp/perf-{}.map", std::process::id()));
    let mut text = String::new();
    for sym in symbols {
        // `main`, the C entry, runs `<module>` (inlined into it, mostly).
        let name = if sym.name == "main" { Some("main".to_string()) } else { multigen::codegen::python_name(&sym.name) };
        if let Some(name) = name {
            text.push_str(&format!("{:x} {:x} {name}\n", sym.addr, sym.size));
        }
    }
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(())
}

/// Reads a `.ll` file; links the runtime when the IR calls into it.
fn load_ir<'ctx>(ctx: &'ctx Context, path: &Path) -> Result<inkwell::module::Module<'ctx>, Failure> {
    let buffer = MemoryBuffer::create_from_file(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let module = ctx.create_module_from_ir(buffer).map_err(|e| format!("{}: invalid LLVM IR: {}", path.display(), e.to_string().trim()))?;
    multigen::codegen::verify(&module).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut f = module.get_first_function();
    let mut needs_runtime = false;
    while let Some(func) = f {
        if func.count_basic_blocks() == 0 && func.get_name().to_bytes().starts_with(b"mg_") {
            needs_runtime = true;
        }
        f = func.get_next_function();
    }
    if needs_runtime {
        multigen::codegen::link_runtime(ctx, &module).map_err(|e| e.to_string())?;
    }
    Ok(module)
}

fn build(args: BuildArgs) -> CliResult {
    let start = Instant::now();
    let file = read_source(&args.file)?;
    // `build --time-report` also counts what codegen emits (`make scale` reads it).
    let mut timings = Timings { count: args.flags.time_report, ..Timings::default() };
    let level = opt_level(&args.flags, OptLevel::O2);
    let options = Options { opt: level, debug: args.flags.debug, ..Options::default() };
    // How many codegen units to split the program into (default: by its size).
    let units = match std::env::var("MULTIGEN_CODEGEN_UNITS") {
        Ok(v) => Some(v.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| format!("MULTIGEN_CODEGEN_UNITS must be a positive number, not {v:?}"))?),
        Err(_) => None,
    };
    let output = args.output.clone().unwrap_or_else(|| args.file.with_extension(""));
    if args.emit.iter().any(|e| *e != Emit::Exe) {
        emit(&args, &file, &output, &options, &mut timings)?;
    } else {
        // Programs of several files keep each module's object code in the compile cache.
        let cache = if file.segments.len() == 1 { None } else { cache_dir(args.no_cache)? };
        let objects = driver::compile_objects_cached(&file, &options, units, cache.as_deref(), &mut timings).map_err(|err| compile_failure(&file, err, args.flags.diagnostics.output_format))?;
        let objects: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
        timings.time("link", || multigen::aot::link_objects(&objects, &output)).map_err(|e| e.to_string())?;
    }
    if args.flags.time_report {
        eprint!("{}", timings.report());
        eprintln!("{:<12} {:>9.3}", "process", start.elapsed().as_secs_f64() * 1e3);
    }
    Ok(0)
}

/// `build --emit` with more than the executable: the program as one module (as `compile`
/// makes it for the JIT, at the build's level), then each file from it, named after
/// `output` with the kind's extension; the executable links the object code the `.o` holds.
fn emit(args: &BuildArgs, file: &SourceFile, output: &Path, options: &Options, timings: &mut Timings) -> Result<(), Failure> {
    use multigen::aot::Artifact;
    let wants = |kind: Emit| args.emit.contains(&kind);
    let path_of = |artifact: Artifact| output.with_extension(artifact.extension());
    let artifacts: Vec<Artifact> = [(Emit::LlvmIr, Artifact::LlvmIr), (Emit::LlvmBc, Artifact::LlvmBc), (Emit::Asm, Artifact::Asm), (Emit::Obj, Artifact::Obj)]
        .into_iter()
        .filter(|(kind, _)| wants(*kind))
        .map(|(_, artifact)| artifact)
        .collect();
    if wants(Emit::Exe) {
        if let Some(clash) = artifacts.iter().find(|a| path_of(**a) == output) {
            return Err(Failure::Message(format!("the executable {} would overwrite the .{} file of --emit; name it otherwise with -o", output.display(), clash.extension())));
        }
    }
    let ctx = Context::create();
    let module = compile(&ctx, file, options, args.flags.diagnostics.output_format, timings)?;
    let machine = multigen::codegen::target::host_machine(options.opt).map_err(|e| e.to_string())?;
    let object = timings.time("emit", || {
        for artifact in artifacts.iter().filter(|a| **a != Artifact::Obj) {
            multigen::aot::write_artifact(&module, &machine, *artifact, &path_of(*artifact))?;
        }
        // The object code last: making it changes the module (`aot::write_artifact`).
        (wants(Emit::Obj) || wants(Emit::Exe)).then(|| multigen::aot::object_code(&module, &machine)).transpose()
    });
    let object = object.map_err(|e| e.to_string())?;
    if let (Some(object), true) = (&object, wants(Emit::Obj)) {
        let path = path_of(Artifact::Obj);
        std::fs::write(&path, object).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let (Some(object), true) = (&object, wants(Emit::Exe)) {
        timings.time("link", || multigen::aot::link_objects(&[object], output)).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn convert(args: ConvertArgs) -> CliResult {
    let file = read_source(&args.file)?;
    let mut timings = Timings::default();
    let dir = args.build_dir.join("src");
    let stem = args.file.file_stem().map_or_else(|| "program".into(), |s| s.to_string_lossy().into_owned());
    let out = match args.target {
        ConvertTarget::Llvm => {
            let ctx = Context::create();
            let options = Options { opt: opt_level(&args.flags, OptLevel::O2), debug: args.flags.debug, ..Options::default() };
            let module = compile(&ctx, &file, &options, args.flags.diagnostics.output_format, &mut timings)?;
            std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            let out = dir.join(format!("{stem}.ll"));
            module.print_to_file(&out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            out
        }
        ConvertTarget::Mir => {
            let mir = driver::mir(&file, &mut timings).map_err(|diags| {
                print_diagnostics(&file, &diags, args.flags.diagnostics.output_format);
                Failure::Reported
            })?;
            std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            let out = dir.join(format!("{stem}.mir"));
            std::fs::write(&out, multigen::mir::print::module(&mir)).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            out
        }
    };
    if args.flags.time_report {
        eprint!("{}", timings.report());
    }
    eprintln!("wrote {}", out.display());
    Ok(0)
}

fn clean() -> CliResult {
    let Some(dir) = multigen::cache::location() else {
        return Err(Failure::Message("no cache directory: neither XDG_CACHE_HOME nor HOME is set".into()));
    };
    let n = multigen::cache::clean(&dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    println!("removed {} ({n} cached program{})", dir.display(), if n == 1 { "" } else { "s" });
    Ok(0)
}

/// Runs this executable as a child and returns the wall time and stderr.
fn timed_child(cmd: &mut std::process::Command) -> Result<(f64, String), Failure> {
    let start = Instant::now();
    let out = cmd.stdout(std::process::Stdio::null()).output().map_err(|e| format!("cannot run a benchmark child: {e}"))?;
    Ok((start.elapsed().as_secs_f64() * 1e3, String::from_utf8_lossy(&out.stderr).into_owned()))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let n = xs.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 }
}

/// The "execute" line of a `--time-report`.
fn reported(report: &str, phase: &str) -> Option<f64> {
    report.lines().find(|l| l.starts_with(phase)).and_then(|l| l.split_whitespace().last()).and_then(|v| v.parse().ok())
}

fn bench(args: BenchArgs) -> CliResult {
    // The Python package's `multigen` command runs inside python3: it names itself in MULTIGEN_SELF.
    let me = std::env::var_os("MULTIGEN_SELF").map(PathBuf::from).map_or_else(std::env::current_exe, Ok).map_err(|e| format!("cannot find multigen itself: {e}"))?;
    // Check first, so that a refused program gives its diagnostics once.
    check(CheckArgs { file: args.file.clone(), diagnostics: DiagnosticFlags { output_format: OutputFormat::Full } })?;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let exe = dir.path().join("program");
    let (mut jit_compile, mut jit_exec, mut jit_total) = (Vec::new(), Vec::new(), Vec::new());
    let (mut aot_compile, mut aot_exec, mut aot_total) = (Vec::new(), Vec::new(), Vec::new());
    let runs = args.runs.max(1);
    for i in 0..runs {
        eprint!("\rrun {}/{runs}", i + 1);
        let (wall, report) = timed_child(std::process::Command::new(&me).args(["run", "--no-cache", "--time-report"]).arg(&args.file).args(&args.args))?;
        let exec = reported(&report, "execute").unwrap_or(0.0);
        jit_exec.push(exec);
        jit_compile.push(wall - exec);
        jit_total.push(wall);
        let (build, _) = timed_child(std::process::Command::new(&me).arg("build").arg(&args.file).arg("-o").arg(&exe))?;
        let (exec, _) = timed_child(std::process::Command::new(&exe).args(&args.args))?;
        aot_compile.push(build);
        aot_exec.push(exec);
        aot_total.push(build + exec);
    }
    eprintln!();
    println!("{} ({runs} runs, medians, ms)", args.file.display());
    println!("{:<6} {:>10} {:>10} {:>10}", "mode", "compile", "execute", "total");
    println!("{:<6} {:>10.1} {:>10.1} {:>10.1}", "JIT", median(jit_compile), median(jit_exec), median(jit_total));
    println!("{:<6} {:>10.1} {:>10.1} {:>10.1}", "AOT", median(aot_compile), median(aot_exec), median(aot_total));
    println!("JIT compile is the whole process less execution (start-up included); AOT compile is `multigen build`.");
    Ok(0)
}

fn check(args: CheckArgs) -> CliResult {
    let file = read_source(&args.file)?;
    let mut timings = Timings::default();
    match driver::check(&file, &mut timings) {
        Ok(_) => Ok(0),
        Err(diags) => {
            print_diagnostics(&file, &diags, args.diagnostics.output_format);
            Err(Failure::Reported)
        }
    }
}
