# The two commands a new machine needs: `make demo` and `make test`.
# Everything else here is for developers.

BUILD    ?= build
ASAN     ?= build-asan
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE    ?= cmake
DEMO_REPO = $(BUILD)/demo-repo

# Build time (`make demo` from a fresh clone, CI): one configuration for
# build/, which demo, test, install and deb share. -O2 with line tables only
# (-g1: a backtrace or a sanitizer report still names file:line; full -g made
# every file compile about 30% slower, and `make deb` strips it anyway), and
# the test suite's heaviest headers precompiled. BUILD_CXX_FLAGS=... overrides the flags.
BUILD_CXX_FLAGS ?= -O2 -g1 -DNDEBUG
FAST_BUILD = -DDRIFTCHECK_PCH=ON

.PHONY: all deps configure build test demo sanitize tsan fuzz fuzz-policy clean bench install deb

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt: | deps
	$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRIFTCHECK_WERROR=ON \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(BUILD_CXX_FLAGS)" $(FAST_BUILD)

configure: $(BUILD)/CMakeCache.txt

build: configure
	$(CMAKE) --build $(BUILD) -j $(JOBS) -- --no-print-directory

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Builds a small git repository from examples/demo (three commits, a tag and
# a branch) and checks it. Drift in the demo is intended: exit 1 is success here.
# Only the driftcheck target is built: the test suite is for `make test`.
demo: configure
	$(CMAKE) --build $(BUILD) -j $(JOBS) --target driftcheck -- --no-print-directory
	@examples/make-demo-repo $(DEMO_REPO)
	@echo
	@echo "$$ driftcheck check -C $(DEMO_REPO)"
	@$(BUILD)/driftcheck check -C $(DEMO_REPO); rc=$$?; \
	  echo; echo "(exit status $$rc: 0 no drift, 1 drift found, 2 could not run)"; \
	  test $$rc -le 1

# Installs the binary, the man page, bash completion and the schemas under
# PREFIX (default /usr/local; DESTDIR=... stages the install elsewhere).
PREFIX ?= /usr/local
install: configure
	$(CMAKE) --build $(BUILD) -j $(JOBS) --target driftcheck driftcheck_man -- --no-print-directory
	$(CMAKE) --install $(BUILD) --prefix $(PREFIX)

# A Debian package in build/package/ (CPack; Depends computed by dpkg-shlibdeps).
deb: configure
	@scripts/install-deps dpkg-dev file
	$(CMAKE) --build $(BUILD) -j $(JOBS) --target driftcheck driftcheck_man -- --no-print-directory
	cd $(BUILD) && cpack -G DEB

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer
# (-O0, line tables only: reports name file:line).
sanitize: deps
	$(CMAKE) -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" \
	  -DDRIFTCHECK_WERROR=ON -DDRIFTCHECK_SANITIZE=ON $(FAST_BUILD)
	$(CMAKE) --build $(ASAN) -j $(JOBS)
	cd $(ASAN) && ctest --output-on-failure -j $(JOBS)

# The tests that run pair tasks on several threads (-j), under ThreadSanitizer:
# only the library, the binary and those tests are built (at -O1, to stay quick).
TSAN ?= build-tsan
tsan: deps
	$(CMAKE) -S . -B $(TSAN) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O1" \
	  -DDRIFTCHECK_WERROR=ON -DDRIFTCHECK_TSAN=ON $(FAST_BUILD)
	$(CMAKE) --build $(TSAN) -j $(JOBS) --target driftcheck driftcheck_parallel_tests
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" $(TSAN)/driftcheck_parallel_tests

# libFuzzer over the loaders (clang-14): every loader together, then each new
# one alone with its own corpus (yaml: the fast path against yaml-cpp, any
# difference aborts); FUZZ_SECONDS=600 for a longer run of each.
FUZZ_SECONDS ?= 60
FUZZ_FORMATS ?= all yaml jsonc properties ini toml tfvars
FUZZ_SOURCES = src/core/location.cc src/core/error.cc src/core/secrets.cc src/core/strings.cc src/config/value.cc src/config/text.cc \
               src/config/loader.cc src/config/yaml_loader.cc src/config/yaml_fast.cc src/config/json_loader.cc \
               src/config/jsonc_loader.cc src/config/dotenv_loader.cc \
               src/config/properties_loader.cc src/config/ini_loader.cc \
               src/config/toml_loader.cc src/config/tfvars_loader.cc fuzz/loader_fuzz.cc
fuzz:
	@scripts/install-deps clang-14 libclang-rt-14-dev
	mkdir -p build-fuzz
	clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
	  $$(pkg-config --cflags tomlplusplus) $(FUZZ_SOURCES) \
	  -lyaml-cpp $$(pkg-config --libs tomlplusplus) -o build-fuzz/loader_fuzz
	set -e; for format in $(FUZZ_FORMATS); do \
	  mkdir -p build-fuzz/corpus-$$format; \
	  echo "== fuzzing $$format for $(FUZZ_SECONDS) s"; \
	  DRIFTCHECK_FUZZ_FORMAT=$$format build-fuzz/loader_fuzz -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=2048 -max_len=4096 -artifact_prefix=build-fuzz/ \
	    build-fuzz/corpus-$$format fuzz/corpus; \
	done
	$(MAKE) --no-print-directory fuzz-policy

# libFuzzer over driftcheck's own files: the manifest (and the schema it
# names), JSON Schemas, allow-rule files and path patterns, each alone with
# its seed corpus (fuzz/corpus-policy/TARGET). Objects build in parallel.
FUZZ_POLICY_TARGETS ?= manifest schema rules path
FUZZ_CXXFLAGS = -std=c++20 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -Isrc -DDRIFTCHECK_VERSION='"fuzz"'
FUZZ_POLICY_SOURCES = $(wildcard src/core/*.cc src/config/*.cc src/path/*.cc src/diff/*.cc src/finding/*.cc \
                        src/manifest/*.cc src/schema/*.cc src/rules/*.cc) \
                      build-fuzz/manifest_schema_text.cc fuzz/policy_fuzz.cc
FUZZ_POLICY_OBJECTS = $(patsubst %.cc,build-fuzz/obj/%.o,$(FUZZ_POLICY_SOURCES))

build-fuzz/manifest_schema_text.cc: src/schema/manifest_schema.cc.in schemas/manifest.schema.json
	@mkdir -p build-fuzz
	awk -v schema=schemas/manifest.schema.json 'i = index($$0, "@DRIFTCHECK_MANIFEST_SCHEMA@") { \
	  printf "%s", substr($$0, 1, i - 1); while ((getline line < schema) > 0) print line; \
	  print substr($$0, i + 28); next } { print }' $< > $@

build-fuzz/obj/%.o: %.cc
	@mkdir -p $(dir $@)
	clang++-14 $(FUZZ_CXXFLAGS) -MMD -MP $$(pkg-config --cflags tomlplusplus re2) -c $< -o $@

build-fuzz/policy_fuzz: $(FUZZ_POLICY_OBJECTS)
	clang++-14 -fsanitize=fuzzer,address,undefined $^ -lyaml-cpp $$(pkg-config --libs tomlplusplus re2) -o $@

-include $(FUZZ_POLICY_OBJECTS:.o=.d)

fuzz-policy:
	@scripts/install-deps clang-14 libclang-rt-14-dev
	$(MAKE) --no-print-directory -j $(JOBS) build-fuzz/policy_fuzz
	set -e; for target in $(FUZZ_POLICY_TARGETS); do \
	  mkdir -p build-fuzz/corpus-$$target; \
	  echo "== fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  DRIFTCHECK_FUZZ_TARGET=$$target build-fuzz/policy_fuzz -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=2048 -max_len=4096 -artifact_prefix=build-fuzz/$$target- \
	    build-fuzz/corpus-$$target fuzz/corpus-policy/$$target; \
	done

# The benchmark (bench/): a synthetic monorepo, the floor beside check cold
# and warm, printed side by side; BENCH_ARGS="--services 500 --runs 1" for a
# quick look. Never part of `make test`.
BENCH_ARGS ?=
bench: configure
	$(CMAKE) --build $(BUILD) -j $(JOBS) --target bench_tools -- --no-print-directory
	bench/run --build $(BUILD) $(BENCH_ARGS)

clean:
	rm -rf $(BUILD) $(ASAN) $(TSAN) build-fuzz
