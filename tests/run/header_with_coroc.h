/* a user header that includes the runtime header itself */
#include <coroc.h>
typedef struct { int v; } box_t;
