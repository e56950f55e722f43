/*
 * depfile.h - make-format dependency files, as gcc writes them.
 *
 *   -MD          write OUTPUT.d listing the .cy and every header coroc's
 *                preprocessor run read (system headers included)
 *   -MMD         the same without system headers
 *   -MF FILE     write the dependencies to FILE instead
 *   -MT TARGET   the rule's target (repeatable; default: the output file)
 *   -MQ TARGET   the same, quoted for make
 *   -MP          a phony rule for each header, so that a deleted header
 *                does not break the build
 *
 * The driver hands each argument to depfile_option, checks the result with
 * depfile_check once the options are read, and writes what depfile_render
 * returns before it writes the output.  The preprocessor run (typedefs.c) hands its
 * output to depfile_scan_cpp, which keeps the names of the files it
 * entered.
 */
#ifndef DEPFILE_H
#define DEPFILE_H

#include "cc.h"

typedef struct Depfile Depfile;

/* argv[*i] is a dependency option: record it in *dep (allocated on first
 * use), move *i past its argument, return 1; -1 if its argument is
 * missing; 0 if argv[*i] is not a dependency option. */
int depfile_option(Depfile **dep, int argc, char **argv, int *i);

/* NULL if the dependency options make sense with this output, else the
 * message for a usage error. */
const char *depfile_check(const Depfile *dep, const char *output);

/* Read the files entered in preprocessor output (its line markers),
 * skipping the skeleton file SKELETON and the <built-in> pseudo-files. */
void depfile_scan_cpp(Depfile *dep, const char *text, size_t len,
                      const char *skeleton);

/* The dependency file's text (arena memory) and in *file its name, or NULL
 * when none was asked for (dep is NULL). */
char *depfile_render(const Depfile *dep, const char *input, const char *output,
                     const char **file, size_t *len);

#endif
