# The two commands of the README: `make run` and `make test`.
BUILD ?= build
ASAN_BUILD ?= build-asan
MESON_SETUP = meson setup --wipe
XVFB = xvfb-run -a -s '-screen 0 1280x800x24'

.PHONY: all deps build run test bench clean fuzz

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

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data ./$(BUILD)/src/gui/arrestdesk

test: build $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	@rm -f $(BUILD)/meson-logs/testlog.json $(ASAN_BUILD)/meson-logs/testlog.json
	@$(XVFB) dbus-run-session -- build-aux/test-session.sh $(BUILD) $(ASAN_BUILD); \
	status=$$?; \
	build-aux/count-tests.py $(BUILD)/meson-logs/testlog.json $(ASAN_BUILD)/meson-logs/testlog.json; \
	exit $$status

bench: build
	meson test -C $(BUILD) --benchmark --verbose --num-processes 1

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
