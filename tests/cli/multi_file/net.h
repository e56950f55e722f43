/* One header, written once, for .cy and .c files: coroc reads
 * CY_COROUTINE(int) add_slowly(...) as the coroutine's prototype (its
 * preprocessor run defines __COROC__), a C compiler as the constructor's,
 * cy_task *add_slowly(int a, int b). */
#ifndef NET_H
#define NET_H
#include <coroc.h>

CY_COROUTINE(int) add_slowly(int a, int b);
CY_COROUTINE(const char *) greeting(void);
CY_GENERATOR(void, int) count_to(int n);
CY_GENERATOR(double, double, double) averager(void);
CY_GENERATOR(int, int) doubled(int n);      /* other.cy */

int plain_total(void);

#endif
