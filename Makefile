# Entry points; each installs what is missing first.
.PHONY: deps build demo test conform clean

deps:
	@./scripts/install-deps.sh

build: deps
	cargo build --release

# Main job on the bundled example: JIT and AOT with a timing table.
demo: build
	@./scripts/demo.sh

# Every test: corpus programs in JIT and AOT mode, diagnostics snapshots, CLI, robustness.
test: deps
	cargo test --release

# The shared conformance corpus (needs ../shared next to the checkout).
conform: build
	python3 ../shared/tools/conform.py --bin target/release/multigen ../shared/corpus/tier1 ../shared/corpus/tier1_overflow ../shared/corpus/reject

clean:
	cargo clean
	rm -rf build
