# The two commands a new machine needs: `make demo` and `make test`.
# Everything else here is for developers.

BUILD    ?= build
ASAN     ?= build-asan
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE    ?= cmake
DEMO_REPO = $(BUILD)/demo-repo

.PHONY: all deps configure build test demo sanitize fuzz clean

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

# libFuzzer over the three loaders (clang-14); FUZZ_SECONDS=600 for a longer run.
FUZZ_SECONDS ?= 60
FUZZ_SOURCES = src/core/location.cc src/core/error.cc src/config/value.cc src/config/text.cc \
               src/config/loader.cc src/config/yaml_loader.cc src/config/json_loader.cc \
               src/config/dotenv_loader.cc fuzz/loader_fuzz.cc
fuzz:
	@scripts/install-deps clang-14 libclang-rt-14-dev
	mkdir -p build-fuzz/corpus
	clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(FUZZ_SOURCES) \
	  -lyaml-cpp -o build-fuzz/loader_fuzz
	build-fuzz/loader_fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -max_len=4096 -artifact_prefix=build-fuzz/ build-fuzz/corpus fuzz/corpus

clean:
	rm -rf $(BUILD) $(ASAN) build-fuzz
