# The two commands of the README: `make run` and `make test`.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGET = tests/fuzz/fuzz-sync-request
FUZZ_OPTIONS = -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false -Dgui=false -Dui_tests=false
MESON_SETUP = meson setup --wipe
XVFB = xvfb-run -a -s '-screen 0 1280x800x24'

.PHONY: all deps build run test check bench clean fuzz

all: build

deps:
	@build-aux/setup-deps.sh

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) || $(MESON_SETUP) $(BUILD)

$(ASAN_BUILD)/build.ninja: | deps
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false \
	  -Dgui=false -Dui_tests=false || \
	$(MESON_SETUP) $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false \
	  -Dgui=false -Dui_tests=false

# libFuzzer needs clang; this build holds only the fuzz targets and what they link.
$(FUZZ_BUILD)/build.ninja: | deps
	CC=clang meson setup $(FUZZ_BUILD) $(FUZZ_OPTIONS) || \
	CC=clang $(MESON_SETUP) $(FUZZ_BUILD) $(FUZZ_OPTIONS)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data ./$(BUILD)/src/gui/arrestdesk

test: build $(ASAN_BUILD)/build.ninja $(FUZZ_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	ninja -C $(FUZZ_BUILD) $(FUZZ_TARGET)
	@rm -f $(BUILD)/meson-logs/testlog.json $(ASAN_BUILD)/meson-logs/testlog.json \
	  $(FUZZ_BUILD)/meson-logs/testlog.json
	@$(XVFB) dbus-run-session -- build-aux/test-session.sh $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD); \
	status=$$?; \
	build-aux/count-tests.py $(BUILD)/meson-logs/testlog.json $(ASAN_BUILD)/meson-logs/testlog.json \
	  $(FUZZ_BUILD)/meson-logs/testlog.json; \
	exit $$status

# While working: the main build's suite only (TESTS="test-a test-b" for some).
check: build
	@$(XVFB) dbus-run-session -- build-aux/test-session.sh $(BUILD); \
	status=$$?; build-aux/count-tests.py $(BUILD)/meson-logs/testlog.json; exit $$status

bench: build
	meson test -C $(BUILD) --benchmark --verbose --num-processes 1

# A longer fuzz run than make test's 60 s; the corpus it grows is kept in
# $(FUZZ_BUILD)/fuzz-corpus, a crashing input in $(FUZZ_BUILD)/fuzz-artifacts.
fuzz: deps $(FUZZ_BUILD)/build.ninja
	ninja -C $(FUZZ_BUILD) $(FUZZ_TARGET)
	tests/fuzz/run-fuzz.sh $(FUZZ_BUILD)/$(FUZZ_TARGET) tests/fuzz/corpus $(FUZZ_SECONDS) \
	  $(CURDIR)/$(FUZZ_BUILD)/fuzz-artifacts $(FUZZ_BUILD)/fuzz-corpus

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
