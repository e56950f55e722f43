#include "coroc_gen.h"
/* prototypes become the constructors' prototypes */
cy_task *read_count(int fd);

extern cy_task *count(int n);

