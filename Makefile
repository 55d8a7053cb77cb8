# Berth: a Docker-compatible container engine.
#   make             build bin/berth and bin/berthd (Release)
#   make quickstart  install system packages, build, install, start berthd, run a first container
#   make test        the whole test suite (unit + integration + compat); ends with "N passed, M failed"
#   make chaos       kill -9 of berthd in 50 random operations, then 1,000 create/start/rm cycles
#                    counted for leaks (make test runs a short form); figures in out/chaos-report.txt

DOTNET  ?= dotnet
CONFIG  ?= Release
PREFIX  ?= /usr/local
OUT     := out
SOCKET  ?= /run/berth/berth.sock
NATIVE_CC ?= clang
SOURCES := $(shell find src -name '*.cs' -o -name '*.csproj' -o -path '*/Data/*') Directory.Build.props

.PHONY: all build install quickstart start-daemon test unit integration chaos bench clean

all: build

build: bin/berthd bin/berth $(OUT)/berthd/berth-exec

# berthd is one Native AOT executable (net9.0: see src/Berth.Daemon/Berth.Daemon.csproj);
# AOT=0 publishes the net10.0 daemon on the shared runtime (ReadyToRun) instead. Either way
# the directory is emptied first but for berth-exec, so nothing of the other build stays.
AOT ?= 1
DAEMON_TFM := $(if $(filter 1,$(AOT)),net9.0,net10.0)

bin/berthd: $(SOURCES) $(OUT)/berthd.$(DAEMON_TFM)
	@mkdir -p $(OUT)/berthd && find $(OUT)/berthd -mindepth 1 -maxdepth 1 ! -name berth-exec -exec rm -rf {} +
	$(DOTNET) publish src/Berth.Daemon -c $(CONFIG) -f $(DAEMON_TFM) -o $(OUT)/berthd --nologo -v quiet
	@mkdir -p bin && ln -sf ../$(OUT)/berthd/berthd bin/berthd

# Which build bin/berthd is: switching AOT makes a new stamp, so the daemon is published again.
$(OUT)/berthd.%:
	@mkdir -p $(OUT) && rm -f $(OUT)/berthd.net* && touch $@

# The exec helper berthd runs instead of `runc exec` (see native/exec/berth-exec.c), next to
# berthd. Static: nothing from the environment (LD_*) or the host's libraries takes part.
$(OUT)/berthd/berth-exec: native/exec/berth-exec.c
	@mkdir -p $(OUT)/berthd
	$(NATIVE_CC) -O2 -Wall -Wextra -static -o $@ $<

# The CLI is one Native AOT executable (net9.0: see src/Berth.Cli/Berth.Cli.csproj).
bin/berth: $(SOURCES)
	rm -rf $(OUT)/berth
	$(DOTNET) publish src/Berth.Cli -c $(CONFIG) -f net9.0 -o $(OUT)/berth --nologo -v quiet
	@mkdir -p bin && ln -sf ../$(OUT)/berth/berth bin/berth

install: build
	mkdir -p $(PREFIX)/lib/berth
	rm -rf $(PREFIX)/lib/berth/berthd $(PREFIX)/lib/berth/berth
	cp -r $(OUT)/berthd $(OUT)/berth $(PREFIX)/lib/berth/
	ln -sf $(PREFIX)/lib/berth/berthd/berthd $(PREFIX)/bin/berthd
	ln -sf $(PREFIX)/lib/berth/berth/berth $(PREFIX)/bin/berth

quickstart:
	scripts/install-deps.sh
	$(MAKE) install
	scripts/start-daemon.sh $(SOCKET)
	CLIENT="$(PREFIX)/bin/berth -H unix://$(SOCKET)" scripts/busybox-image.sh busybox:latest >/dev/null
	$(PREFIX)/bin/berth -H unix://$(SOCKET) run --rm busybox echo hello

test: build
	scripts/run-tests.sh

unit:
	$(DOTNET) test test/Berth.Tests -c $(CONFIG) --nologo

integration: build
	$(DOTNET) test test/Berth.IntegrationTests -c $(CONFIG) --nologo

chaos: build
	@mkdir -p $(OUT) && rm -f $(OUT)/chaos-report.txt
	BERTH_CHAOS_ROUNDS=$${ROUNDS:-50} BERTH_CHAOS_CYCLES=$${CYCLES:-1000} BERTH_CHAOS_REPORT=$(CURDIR)/$(OUT)/chaos-report.txt \
		$(DOTNET) test test/Berth.IntegrationTests -c $(CONFIG) --nologo --filter "FullyQualifiedName~Chaos.ChaosTests"
	@cat $(OUT)/chaos-report.txt

bench: build
	bench/run-latency.sh
	bench/exec-latency.sh
	bench/start-many.sh
	bench/port-traffic.sh
	bench/load-latency.sh
	bench/cp-export.sh

clean:
	rm -rf bin $(OUT)
	$(DOTNET) clean --nologo -v quiet
