# coroc - top-level GNU Makefile.
#
#   make                  build/coroc, build/libcoroc.a, build/libcoroc.so*
#   make examples         translate, build, run and check every examples/*.cy
#   make check (or test)  unit tests (plain, valgrind, ASan+UBSan), run tests
#                         (gcc, clang, ASan+UBSan), fault injection, error
#                         tests, CLI tests, the install test and the
#                         benchmark smoke run; ends
#                         with "N passed, M failed"
#                         (T="pat1 pat2" runs only tests whose path matches)
#   make goldens          rewrite tests/emit/*.c after a deliberate change
#   make install [PREFIX=/usr/local] [DESTDIR=] [BINDIR= LIBDIR= INCLUDEDIR=
#                DATADIR= MANDIR=]    and make uninstall (the same variables)
#   make deb              the Debian packages, in build/deb/ (slow)
#   make deb-test         make deb, then lintian and the sample project built
#                         against the unpacked packages only (slow)
#   make bench / make bench-smoke
#   make difftest [SEEDS=10000]  differential testing (tests/difftest/)
#   make realc                   coroc over Debian's C headers and sources
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
NM        ?= nm
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

B := build

# The version is the runtime header's CY_VERSION; the shared library's
# soname carries its major number, and, while that is 0 (an ABI may change
# from one minor version to the next), its minor number too: 0.2.0 has the
# soname libcoroc.so.0.2.
PUBLIC_HDRS := runtime/coroc.h $(wildcard runtime/coroc_gen.h)
VERSION := $(shell sed -n 's/^\#define CY_VERSION "\(.*\)"/\1/p' $(PUBLIC_HDRS) | head -n 1)
SOMAJOR := $(if $(filter 0,$(firstword $(subst ., ,$(VERSION)))),0.$(word 2,$(subst ., ,$(VERSION))),$(firstword $(subst ., ,$(VERSION))))

# Installation directories (DESTDIR is prepended to each when installing).
PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
DATADIR      ?= $(PREFIX)/share
MANDIR       ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
CMAKEDIR     ?= $(LIBDIR)/cmake/coroc

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
LIBSO_V := $(B)/libcoroc.so.$(VERSION)
LIBSO_M := $(B)/libcoroc.so.$(SOMAJOR)
LIBMAP  := $(B)/libcoroc.map
LIBSAN  := $(B)/san/libcoroc.a

# Stamps written by scripts/deps.sh once the tools are there.
DEPS_BUILD := $(B)/.deps-build
DEPS_TEST  := $(B)/.deps-test

.PHONY: all deps examples check test goldens install uninstall clean bench \
        bench-smoke libs help deb deb-test difftest realc fuzz soak
.DELETE_ON_ERROR:

all: $(COROC) $(LIBA) $(LIBSO) $(LIBSO_M)

libs: $(LIBA) $(LIBSO) $(LIBSO_M)

help:
	@sed -n '2,24p' Makefile | sed 's/^# \{0,1\}//'

# ------------------------------------------------------------ dependencies
$(DEPS_BUILD): scripts/deps.sh
	@scripts/deps.sh build
	@mkdir -p $(@D) && touch $@

$(DEPS_TEST): scripts/deps.sh | $(DEPS_BUILD)
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

# The runtime's type names, which coroc knows without reading its headers.
RUNTIME_PUBLIC_HDRS := $(wildcard runtime/coroc*.h)
$(B)/runtime_types.h: compiler/runtime_types.awk $(RUNTIME_PUBLIC_HDRS)
	@mkdir -p $(@D)
	awk -f compiler/runtime_types.awk $(RUNTIME_PUBLIC_HDRS) | sort -u > $@

# The names the generated-code contract declares (comments left out; cy_loop
# is only forward-declared there): a file that names only these gets no
# other header from coroc.
$(B)/runtime_gen_names.h: runtime/coroc_gen.h
	@mkdir -p $(@D)
	$(CC) -fpreprocessed -dD -E -P $< 2>/dev/null | grep -o '\b[cC][yY]_[A-Za-z0-9_]*' | \
	    grep -v '^cy_loop$$' | sort -u | sed 's/.*/"&",/' > $@

# Every compiler object may include the generated headers: generate them
# first (afterwards the .d files track the real dependencies).
$(COMPILER_OBJS): | $(GEN_HDRS) $(B)/runtime_types.h $(B)/runtime_gen_names.h

$(B)/obj/compiler/%.o: compiler/%.c | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(COMPILER_INC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/obj/gen/%.o: $(B)/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(COMPILER_INC) $(ALL_CFLAGS) $(GEN_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/obj/compiler/main.o: CPPFLAGS += -DCOROC_VERSION='"$(VERSION)"'

$(COROC): $(COMPILER_OBJS)
	@test -n "$(COMPILER_OBJS)" || { echo "no compiler sources in compiler/" >&2; exit 1; }
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -pthread -o $@

$(B)/obj/runtime/%.o: runtime/%.c | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RUNTIME_INC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/obj/pic/runtime/%.o: runtime/%.c | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RUNTIME_INC) $(ALL_CFLAGS) -fPIC $(DEPFLAGS) -c $< -o $@

$(B)/obj/san/runtime/%.o: runtime/%.c | $(DEPS_BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RUNTIME_INC) $(CSTD) $(WARN) -O1 -g $(SANFLAGS) $(DEPFLAGS) -c $< -o $@

# cy_task_step (inlined in task.c and loop.c): one line-table statement
# per line, so that gdb stepping out of a coroutine goes on to the
# driver's next line instead of stopping inside the header's line
# (docs/debugging.md).  Only where the compiler has the flags.
STEP_DEBUG := $(shell $(CC) -gno-column-info -gno-statement-frontiers -E -x c /dev/null \
                >/dev/null 2>&1 && echo -gno-column-info -gno-statement-frontiers)
$(B)/obj/runtime/task.o $(B)/obj/pic/runtime/task.o $(B)/obj/runtime/loop.o \
    $(B)/obj/pic/runtime/loop.o: CFLAGS += $(STEP_DEBUG)

$(LIBA): $(RUNTIME_OBJS)
	@test -n "$(RUNTIME_OBJS)" || { echo "no runtime sources in runtime/" >&2; exit 1; }
	@rm -f $@
	$(AR) rcs $@ $^

# The shared library exports what the public headers declare, nothing
# else (scripts/exports.sh writes the version script).
$(LIBMAP): scripts/exports.sh $(PUBLIC_HDRS) $(RUNTIME_PIC)
	NM="$(NM)" CC="$(CC)" scripts/exports.sh $(PUBLIC_HDRS) -- $(RUNTIME_PIC) >$@

$(LIBSO_V): $(RUNTIME_PIC) $(LIBMAP)
	@test -n "$(RUNTIME_PIC)" || { echo "no runtime sources in runtime/" >&2; exit 1; }
	$(CC) -shared -Wl,-soname,libcoroc.so.$(SOMAJOR) -Wl,--version-script=$(LIBMAP) \
	    -Wl,-z,defs $(LDFLAGS) $(RUNTIME_PIC) -lm -o $@

$(LIBSO) $(LIBSO_M): $(LIBSO_V)
	ln -sf $(notdir $<) $@

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

check: $(COROC) $(LIBA) $(LIBSO) $(LIBSO_M) $(LIBSAN) | $(DEPS_TEST)
	@$(HARNESS_ENV) tests/run-tests.sh --all $(T)

test: check

# Rewrite the golden files of tests/emit/ after a deliberate change of the
# emitted C; read `git diff tests/emit` before committing them.
goldens: $(COROC) $(LIBA) | $(DEPS_TEST)
	@$(HARNESS_ENV) UPDATE_GOLDENS=1 tests/run-tests.sh --all tests/emit/

bench: all
	@scripts/deps.sh bench || echo "bench: anchors missing: their rows are n/a" >&2
	@if [ -x bench/run.sh ] || [ -f bench/run.sh ]; then bash bench/run.sh; \
	elif [ -f bench/Makefile ]; then $(MAKE) -C bench; \
	else echo "no benchmarks yet (bench/run.sh or bench/Makefile)" >&2; exit 1; fi

bench-smoke: all
	@if [ -f bench/run.sh ]; then bash bench/run.sh --smoke; \
	else echo "bench-smoke: no bench/run.sh, nothing to do"; fi

# Differential testing: random coroutine programs against plain-C references
# (tests/difftest/run.py --help).  DIFFTEST_SKIP: families left out,
# none by default (DIFFTEST_SKIP=cond,macros leaves those two out).
SEEDS         ?= 10000
DIFFTEST_SKIP ?=
difftest: $(COROC) $(LIBA) $(LIBSAN) | $(DEPS_TEST)
	@python3 tests/difftest/run.py --seeds $(SEEDS) --jobs $(JOBS) \
	    $(if $(DIFFTEST_SKIP),--skip $(DIFFTEST_SKIP)) $(DIFFTEST_FLAGS)

# coroc over real C files of this machine (tests/realc/run.sh --help)
realc: $(COROC) $(LIBA) | $(DEPS_TEST)
	@COROC=$(COROC) CC="$(CC)" JOBS=$(JOBS) bash tests/realc/run.sh $(REALC_FLAGS)

# -------------------------------------------------------------- reliability
# Not part of check: long runs, each ending with one summary line.
fuzz: $(COROC) | $(DEPS_TEST)
	@scripts/deps.sh fuzz
	@B=$(B) CLANG="$(CLANG)" scripts/fuzz.sh

soak: $(COROC) $(LIBA) $(LIBSAN) | $(DEPS_TEST)
	@$(HARNESS_ENV) scripts/soak.sh

# ------------------------------------------------------------------ install
# The installed make include, CMake package and pkg-config file are made
# from dist/*.in at install time, for the directories of that install; the
# first two find the rest of the install relative to themselves, so an
# unpacked copy (DESTDIR, a .deb extracted anywhere) works too.
rel = $(shell realpath -m --relative-to='$(1)' '$(2)')
prefixed = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
SIZEOF_VOID_P = $(shell $(CC) -dM -E -x c /dev/null | sed -n 's/^\#define __SIZEOF_POINTER__ //p')
# fill DIR: sed over a dist/*.in file installed into DIR
fill = sed -e 's|@ABS_DATADIR@|$(DATADIR)|g' -e 's|@VERSION@|$(VERSION)|g' -e 's|@SOMAJOR@|$(SOMAJOR)|g' \
            -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@BINDIR@|$(call prefixed,$(BINDIR))|g' \
            -e 's|@LIBDIR@|$(call prefixed,$(LIBDIR))|g' \
            -e 's|@INCLUDEDIR@|$(call prefixed,$(INCLUDEDIR))|g' \
            -e 's|@DATADIR@|$(call prefixed,$(DATADIR))|g' \
            -e 's|@REL_BINDIR@|$(call rel,$(1),$(BINDIR))|g' \
            -e 's|@REL_LIBDIR@|$(call rel,$(1),$(LIBDIR))|g' \
            -e 's|@REL_INCLUDEDIR@|$(call rel,$(1),$(INCLUDEDIR))|g' \
            -e 's|@SIZEOF_VOID_P@|$(SIZEOF_VOID_P)|g'
# The man pages name the real directories, never ${prefix}.
fill_man = sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@SOMAJOR@|$(SOMAJOR)|g' \
                -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g'
D := $(DESTDIR)
GEN := $(B)/dist
# Every file install writes, for uninstall.
INSTALLED = $(BINDIR)/coroc $(PUBLIC_HDRS:runtime/%=$(INCLUDEDIR)/%) \
            $(LIBDIR)/libcoroc.a $(LIBDIR)/libcoroc.so.$(VERSION) \
            $(LIBDIR)/libcoroc.so.$(SOMAJOR) $(LIBDIR)/libcoroc.so \
            $(PKGCONFIGDIR)/coroc.pc $(CMAKEDIR)/corocConfig.cmake \
            $(CMAKEDIR)/corocConfigVersion.cmake $(DATADIR)/coroc/coroc.mk \
            $(DATADIR)/coroc/vim/syntax/coroc.vim \
            $(DATADIR)/coroc/vim/ftdetect/coroc.vim \
            $(DATADIR)/coroc/emacs/coroc-mode.el \
            $(DATADIR)/gdb/auto-load/coroc/coroc_gdb.py \
            $(MANDIR)/man1/coroc.1 $(MANDIR)/man3/coroc.3
# The directories only coroc uses, removed by uninstall once empty.
OWN_DIRS = $(DATADIR)/coroc/vim/syntax $(DATADIR)/coroc/vim/ftdetect \
           $(DATADIR)/coroc/vim $(DATADIR)/coroc/emacs $(DATADIR)/coroc \
           $(CMAKEDIR) $(DATADIR)/gdb/auto-load/coroc

install: $(COROC) $(LIBA) $(LIBSO_V)
	@test -n "$(VERSION)" || { echo "no CY_VERSION in $(PUBLIC_HDRS)" >&2; exit 1; }
	rm -rf $(GEN) && mkdir -p $(GEN)
	$(call fill,$(DATADIR)/coroc) dist/coroc.mk.in >$(GEN)/coroc.mk
	$(call fill,$(PKGCONFIGDIR)) dist/coroc.pc.in >$(GEN)/coroc.pc
	$(call fill,$(CMAKEDIR)) dist/corocConfig.cmake.in >$(GEN)/corocConfig.cmake
	$(call fill,$(CMAKEDIR)) dist/corocConfigVersion.cmake.in >$(GEN)/corocConfigVersion.cmake
	$(fill_man) dist/man/coroc.1 >$(GEN)/coroc.1
	$(fill_man) dist/man/coroc.3 >$(GEN)/coroc.3
	install -d '$(D)$(BINDIR)' '$(D)$(INCLUDEDIR)' '$(D)$(LIBDIR)' \
	    '$(D)$(PKGCONFIGDIR)' '$(D)$(CMAKEDIR)' '$(D)$(DATADIR)/coroc/vim/syntax' \
	    '$(D)$(DATADIR)/coroc/vim/ftdetect' '$(D)$(DATADIR)/coroc/emacs' \
	    '$(D)$(MANDIR)/man1' '$(D)$(MANDIR)/man3' '$(D)$(DATADIR)/gdb/auto-load/coroc'
	install -m 755 $(COROC) '$(D)$(BINDIR)/coroc'
	install -m 644 $(PUBLIC_HDRS) '$(D)$(INCLUDEDIR)/'
	install -m 644 $(LIBA) '$(D)$(LIBDIR)/libcoroc.a'
	install -m 644 $(LIBSO_V) '$(D)$(LIBDIR)/libcoroc.so.$(VERSION)'
	ln -sf libcoroc.so.$(VERSION) '$(D)$(LIBDIR)/libcoroc.so.$(SOMAJOR)'
	ln -sf libcoroc.so.$(VERSION) '$(D)$(LIBDIR)/libcoroc.so'
	install -m 644 $(GEN)/coroc.pc '$(D)$(PKGCONFIGDIR)/coroc.pc'
	install -m 644 $(GEN)/corocConfig.cmake $(GEN)/corocConfigVersion.cmake '$(D)$(CMAKEDIR)/'
	install -m 644 $(GEN)/coroc.mk '$(D)$(DATADIR)/coroc/coroc.mk'
	install -m 644 dist/vim/syntax/coroc.vim '$(D)$(DATADIR)/coroc/vim/syntax/coroc.vim'
	install -m 644 dist/vim/ftdetect/coroc.vim '$(D)$(DATADIR)/coroc/vim/ftdetect/coroc.vim'
	install -m 644 dist/emacs/coroc-mode.el '$(D)$(DATADIR)/coroc/emacs/coroc-mode.el'
	install -m 644 gdb/coroc_gdb.py '$(D)$(DATADIR)/gdb/auto-load/coroc/coroc_gdb.py'
	install -m 644 $(GEN)/coroc.1 '$(D)$(MANDIR)/man1/coroc.1'
	install -m 644 $(GEN)/coroc.3 '$(D)$(MANDIR)/man3/coroc.3'

uninstall:
	rm -f $(foreach f,$(INSTALLED),'$(D)$(f)')
	-rmdir $(foreach d,$(OWN_DIRS),'$(D)$(d)') 2>/dev/null

# ------------------------------------------------------------ Debian packages
# dpkg-buildpackage writes next to the source tree: build a copy in
# build/deb/ (the tracked and untracked files, not build/), so that the
# packages land in build/deb/ too.
DEB_SRC := $(B)/deb/coroc-$(VERSION)

deb:
	@scripts/deps.sh deb
	rm -rf $(B)/deb && mkdir -p $(DEB_SRC)
	git ls-files -z --cached --others --exclude-standard | \
	    xargs -0 tar -cf - | tar -xf - -C $(DEB_SRC)
	cd $(DEB_SRC) && dpkg-buildpackage -us -uc -b
	@ls $(B)/deb/*.deb

deb-test: deb
	@scripts/deps.sh test
	tests/install/deb-test.sh $(B)/deb

clean:
	rm -rf $(B)
