# Entry points; each installs what is missing first.
.PHONY: deps build demo test unicode conform bench scale clean wheel pytest

deps:
	@./scripts/install-deps.sh

build: deps
	cargo build --release

# Main job on the bundled example: JIT and AOT with a timing table.
demo: build
	@./scripts/demo.sh

# Every test: corpus programs in JIT and AOT mode, diagnostics snapshots, CLI, robustness;
# then the Python package's suite (the wheel in a fresh virtualenv).
test: deps
	cargo test --release
	@$(MAKE) --no-print-directory pytest

# str against CPython on all 0x110000 code points, and the Unicode tables up to date (a minute).
unicode: build
	python3 tools/gen_unicode.py --check
	python3 tools/unicode_conformance.py --full

# The shared conformance corpus (needs ../shared next to the checkout).
conform: build
	python3 ../shared/tools/conform.py --bin target/release/multigen ../shared/corpus/tier1 ../shared/corpus/tier1_overflow ../shared/corpus/reject

# Benchmarks against C, CPython, PyPy (and Numba with NUMBA_PYTHON=path/to/python); not tests.
bench: build
	python3 benches/compare.py $(if $(NUMBA_PYTHON),--numba-python $(NUMBA_PYTHON))

# Compile time of generated 1k/10k/50k-line programs.
scale: build
	python3 benches/scale.py

clean:
	cargo clean
	rm -rf build

# The Python package (python/): a wheel built with maturin into build/wheels.
wheel: deps
	@./scripts/python-tools.sh
	build/pytools/bin/maturin build --release --manifest-path python/Cargo.toml --compatibility linux --interpreter python3 --out build/wheels

# The Python package's tests: the wheel installed into a fresh virtualenv, then pytest.
pytest: wheel
	@./scripts/pytest.sh
