/* a user header that includes the runtime header itself */
#ifndef HDR_USER_INCLUDES_COROC_H
#define HDR_USER_INCLUDES_COROC_H
#include "coroc.h"
typedef struct { int a, b; } pair_t;
typedef int count_t;
#endif
