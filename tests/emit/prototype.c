/* prototypes become the constructors' prototypes */
#include <errno.h>
#include "coroc.h"
cy_task *read_count(int fd);

extern cy_task *count(int n);

