// What LLVM's C API lacks for MCJIT (`src/jit.rs`): attaching JIT event listeners to an
// execution engine.  Built by build.rs with clang++-19 against LLVM 19's headers, the LLVM
// that inkwell links statically.
//
// - GDB's JIT interface: LLVM's own GDB registration listener hands each object MCJIT loads,
//   with its DWARF, to `__jit_debug_register_code`, so gdb sees `run -g`'s code.
// - The loaded functions: for each object, every function symbol with its load address and
//   size, read from the object's symbol table as LLVM's perf and Intel listeners read them
//   (`computeSymbolSizes` over the object relocated for debuggers), passed to a callback
//   (`run --perf-map` writes them to /tmp/perf-PID.map).

#include <llvm-c/ExecutionEngine.h>
#include <llvm/ExecutionEngine/ExecutionEngine.h>
#include <llvm/ExecutionEngine/JITEventListener.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Object/SymbolSize.h>

using namespace llvm;

extern "C" {
typedef void (*mg_jit_symbol_fn)(void *ctx, const char *name, size_t name_len, uint64_t addr, uint64_t size);
}

namespace {

class SymbolListener : public JITEventListener {
    mg_jit_symbol_fn fn;
    void *ctx;

public:
    SymbolListener(mg_jit_symbol_fn fn, void *ctx) : fn(fn), ctx(ctx) {}

    void notifyObjectLoaded(ObjectKey, const object::ObjectFile &obj, const RuntimeDyld::LoadedObjectInfo &info) override {
        // The object with its sections at their load addresses.
        object::OwningBinary<object::ObjectFile> loaded = info.getObjectForDebug(obj);
        const object::ObjectFile *debug = loaded.getBinary();
        if (!debug) return;
        for (const auto &[sym, size] : object::computeSymbolSizes(*debug)) {
            Expected<object::SymbolRef::Type> type = sym.getType();
            if (!type) {
                consumeError(type.takeError());
                continue;
            }
            if (*type != object::SymbolRef::ST_Function) continue;
            Expected<StringRef> name = sym.getName();
            Expected<uint64_t> addr = sym.getAddress();
            if (!name || !addr) {
                if (!name) consumeError(name.takeError());
                if (!addr) consumeError(addr.takeError());
                continue;
            }
            fn(ctx, name->data(), name->size(), *addr, size);
        }
    }
};

}  // namespace

// Attaches the listeners to `engine` before it emits code: GDB's with `gdb`, the symbol
// callback with a non-null `fn`.  They live as long as the process (the engine does not
// own its listeners, and `run` never tears the engine down).
extern "C" void mg_jit_add_listeners(LLVMExecutionEngineRef engine, int gdb, mg_jit_symbol_fn fn, void *ctx) {
    ExecutionEngine *ee = unwrap(engine);
    if (gdb) ee->RegisterJITEventListener(JITEventListener::createGDBRegistrationListener());
    if (fn) ee->RegisterJITEventListener(new SymbolListener(fn, ctx));
}
