/* a project header for tests/run/own_header.cy: its typedefs are learnt by
 * running the preprocessor over the .cy file's #include lines */
#ifndef WIDGETS_H
#define WIDGETS_H
#include <stdint.h>

typedef struct widget {
    uint32_t id;
    const char *name;
} widget_t;

#ifdef WIDE_COUNTS
typedef long long count_t;
#else
typedef int count_t;
#endif

typedef void (*visit_fn)(const widget_t *);
#endif
