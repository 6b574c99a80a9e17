# The two commands a new machine needs: `make demo` and `make test`.
# Everything else here is for developers.

BUILD    ?= build
ASAN     ?= build-asan
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE    ?= cmake
DEMO_REPO = $(BUILD)/demo-repo

.PHONY: all deps configure build test demo sanitize tsan fuzz clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt: | deps
	$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRIFTCHECK_WERROR=ON

configure: $(BUILD)/CMakeCache.txt

build: configure
	$(CMAKE) --build $(BUILD) -j $(JOBS) -- --no-print-directory

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Builds a small git repository from examples/demo (three commits, a tag and
# a branch) and checks it. Drift in the demo is intended: exit 1 is success here.
demo: build
	@examples/make-demo-repo $(DEMO_REPO)
	@echo
	@echo "$$ driftcheck check -C $(DEMO_REPO)"
	@$(BUILD)/driftcheck check -C $(DEMO_REPO); rc=$$?; \
	  echo; echo "(exit status $$rc: 0 no drift, 1 drift found, 2 could not run)"; \
	  test $$rc -le 1

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	$(CMAKE) -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DDRIFTCHECK_WERROR=ON -DDRIFTCHECK_SANITIZE=ON
	$(CMAKE) --build $(ASAN) -j $(JOBS)
	cd $(ASAN) && ctest --output-on-failure -j $(JOBS)

# The tests that run pair tasks on several threads (-j), under ThreadSanitizer:
# only the library, the binary and those tests are built (at -O1, to stay quick).
TSAN ?= build-tsan
tsan: deps
	$(CMAKE) -S . -B $(TSAN) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
	  -DDRIFTCHECK_WERROR=ON -DDRIFTCHECK_TSAN=ON
	$(CMAKE) --build $(TSAN) -j $(JOBS) --target driftcheck driftcheck_parallel_tests
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" $(TSAN)/driftcheck_parallel_tests

# libFuzzer over the loaders (clang-14): every loader together, then each new
# one alone with its own corpus; FUZZ_SECONDS=600 for a longer run of each.
FUZZ_SECONDS ?= 60
FUZZ_FORMATS ?= all jsonc properties ini toml tfvars
FUZZ_SOURCES = src/core/location.cc src/core/error.cc src/core/secrets.cc src/config/value.cc src/config/text.cc \
               src/config/loader.cc src/config/yaml_loader.cc src/config/json_loader.cc \
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

clean:
	rm -rf $(BUILD) $(ASAN) $(TSAN) build-fuzz
