# coroc - top-level GNU Makefile.
#
#   make                  build/coroc, build/libcoroc.a, build/libcoroc.so
#   make examples         translate, build, run and check every examples/*.cy
#   make check (or test)  unit tests (plain, valgrind, ASan+UBSan), run tests
#                         (gcc, clang, ASan+UBSan), fault injection, error
#                         tests, CLI tests and the benchmark smoke run; ends
#                         with "N passed, M failed"
#                         (T="pat1 pat2" runs only tests whose path matches)
#   make install PREFIX=/usr/local [DESTDIR=...]
#   make bench / make bench-smoke
#   make fuzz             AFL++ on coroc (FUZZ_SECONDS=600), then a replay of
#                         its queue (scripts/fuzz.sh, docs/reliability.md)
#   make soak             long runtime tests: a million cancelled tasks,
#                         a loopback load (SOAK_SECONDS=120, scripts/soak.sh)
#   make clean
#
# Everything is built out of tree in build/ (flex and bison output included).
# Source lists are wildcards: new files in compiler/ and runtime/ are picked
# up without editing this file.

ifeq ($(origin CC),default)
CC := gcc
endif
CLANG     ?= clang
FLEX      ?= flex
BISON     ?= bison
AR        ?= ar
VALGRIND  ?= valgrind
PREFIX    ?= /usr/local
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

B := build

# Flags for the project's own code (compiler, runtime, unit tests).
WARN      := -Wall -Wextra -Werror
CSTD      := -std=c11
OPT       ?= -O2 -g
CPPFLAGS  += -D_POSIX_C_SOURCE=200809L
CFLAGS    ?= $(OPT)
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS)
DEPFLAGS   = -MMD -MP
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer

# Generated scanners/parsers are not always -Wextra clean: relax only what
# flex and bison are known to emit.  (gcc ignores the clang-only -Wno-*.)
GEN_CFLAGS := -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter \
              -Wno-unused-but-set-variable -Wno-unneeded-internal-declaration

# ---------------------------------------------------------------- compiler
COMPILER_SRCS := $(sort $(wildcard compiler/*.c))
LEXER_L       := $(wildcard compiler/lexer.l)
PARSER_Y      := $(wildcard compiler/parser.y)
GEN_SRCS      := $(if $(LEXER_L),$(B)/lexer.c) $(if $(PARSER_Y),$(B)/parser.c)
GEN_HDRS      := $(if $(LEXER_L),$(B)/lexer.h) $(if $(PARSER_Y),$(B)/parser.h)
COMPILER_OBJS := $(COMPILER_SRCS:%.c=$(B)/obj/%.o) \
                 $(GEN_SRCS:$(B)/%.c=$(B)/obj/gen/%.o)
COMPILER_INC  := -Icompiler -I$(B) -Iruntime

# ----------------------------------------------------------------- runtime
RUNTIME_SRCS  := $(sort $(wildcard runtime/*.c))
RUNTIME_OBJS  := $(RUNTIME_SRCS:%.c=$(B)/obj/%.o)
RUNTIME_PIC   := $(RUNTIME_SRCS:%.c=$(B)/obj/pic/%.o)
RUNTIME_SAN   := $(RUNTIME_SRCS:%.c=$(B)/obj/san/%.o)
RUNTIME_INC   := -Iruntime

COROC   := $(B)/coroc
LIBA    := $(B)/libcoroc.a
LIBSO   := $(B)/libcoroc.so
LIBSAN  := $(B)/san/libcoroc.a

# Stamps written by scripts/deps.sh once the tools are there.
DEPS_BUILD := $(B)/.deps-build
DEPS_TEST  := $(B)/.deps-test

.PHONY: all deps examples check test install uninstall clean bench \
        bench-smoke libs help fuzz soak
.DELETE_ON_ERROR:

all: $(COROC) $(LIBA) $(LIBSO)

libs: $(LIBA) $(LIBSO)

help:
	@sed -n '2,17p' Makefile | sed 's/^# \{0,1\}//'

# ------------------------------------------------------------ dependencies
$(DEPS_BUILD):
	@scripts/deps.sh build
	@mkdir -p $(@D) && touch $@

$(DEPS_TEST): | $(DEPS_BUILD)
	@scripts/deps.sh test
	@mkdir -p $(@D) && touch $@

deps:
	@scripts/deps.sh test

# ---------------------------------------------------------------- the build
$(B)/lexer.c $(B)/lexer.h &: compiler/lexer.l | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(FLEX) --header-file=$(B)/lexer.h -o $(B)/lexer.c $<

$(B)/parser.c $(B)/parser.h &: compiler/parser.y | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(BISON) $(BISONFLAGS) --defines=$(B)/parser.h -o $(B)/parser.c $<

# Every compiler object may include the generated headers: generate them
# first (afterwards the .d files track the real dependencies).
$(COMPILER_OBJS): | $(GEN_HDRS)

$(B)/obj/compiler/%.o: compiler/%.c | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(COMPILER_INC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/obj/gen/%.o: $(B)/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(COMPILER_INC) $(ALL_CFLAGS) $(GEN_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(COROC): $(COMPILER_OBJS)
	@test -n "$(COMPILER_OBJS)" || { echo "no compiler sources in compiler/" >&2; exit 1; }
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(B)/obj/runtime/%.o: runtime/%.c | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RUNTIME_INC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/obj/pic/runtime/%.o: runtime/%.c | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RUNTIME_INC) $(ALL_CFLAGS) -fPIC $(DEPFLAGS) -c $< -o $@

$(B)/obj/san/runtime/%.o: runtime/%.c | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RUNTIME_INC) $(CSTD) $(WARN) -O1 -g $(SANFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIBA): $(RUNTIME_OBJS)
	@test -n "$(RUNTIME_OBJS)" || { echo "no runtime sources in runtime/" >&2; exit 1; }
	@rm -f $@
	$(AR) rcs $@ $^

$(LIBSO): $(RUNTIME_PIC)
	@test -n "$(RUNTIME_PIC)" || { echo "no runtime sources in runtime/" >&2; exit 1; }
	$(CC) -shared -Wl,-soname,libcoroc.so $(LDFLAGS) $^ -lm -o $@

$(LIBSAN): $(RUNTIME_SAN)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

-include $(COMPILER_OBJS:.o=.d) $(RUNTIME_OBJS:.o=.d) $(RUNTIME_PIC:.o=.d) \
         $(RUNTIME_SAN:.o=.d)

# ------------------------------------------------------------------ testing
# The harness gets every tool and flag through the environment.
HARNESS_ENV = COROC=$(COROC) LIBA=$(LIBA) LIBSO=$(LIBSO) LIBSAN=$(LIBSAN) \
              CC="$(CC)" CLANG="$(CLANG)" VALGRIND="$(VALGRIND)" \
              JOBS=$(JOBS) UNIT_CPPFLAGS="$(CPPFLAGS)"

examples: $(COROC) $(LIBA) | $(DEPS_TEST)
	@$(HARNESS_ENV) tests/run-tests.sh --examples $(T)

check: $(COROC) $(LIBA) $(LIBSO) $(LIBSAN) | $(DEPS_TEST)
	@$(HARNESS_ENV) tests/run-tests.sh --all $(T)

test: check

bench: all
	@if [ -x bench/run.sh ] || [ -f bench/run.sh ]; then bash bench/run.sh; \
	elif [ -f bench/Makefile ]; then $(MAKE) -C bench; \
	else echo "no benchmarks yet (bench/run.sh or bench/Makefile)" >&2; exit 1; fi

bench-smoke: all
	@if [ -f bench/run.sh ]; then bash bench/run.sh --smoke; \
	else echo "bench-smoke: no bench/run.sh, nothing to do"; fi

# -------------------------------------------------------------- reliability
# Not part of check: long runs, each ending with one summary line.
fuzz: $(COROC) | $(DEPS_TEST)
	@scripts/deps.sh fuzz
	@B=$(B) CLANG="$(CLANG)" scripts/fuzz.sh

soak: $(COROC) $(LIBA) $(LIBSAN) | $(DEPS_TEST)
	@$(HARNESS_ENV) scripts/soak.sh

# ------------------------------------------------------------------ install
install: $(COROC) $(LIBA) $(LIBSO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include \
	           $(DESTDIR)$(PREFIX)/lib
	install -m 755 $(COROC) $(DESTDIR)$(PREFIX)/bin/coroc
	install -m 644 runtime/coroc.h $(DESTDIR)$(PREFIX)/include/coroc.h
	install -m 644 $(LIBA) $(DESTDIR)$(PREFIX)/lib/libcoroc.a
	install -m 755 $(LIBSO) $(DESTDIR)$(PREFIX)/lib/libcoroc.so

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/coroc $(DESTDIR)$(PREFIX)/include/coroc.h \
	      $(DESTDIR)$(PREFIX)/lib/libcoroc.a $(DESTDIR)$(PREFIX)/lib/libcoroc.so

clean:
	rm -rf $(B)
