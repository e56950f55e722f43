/* prototypes become the constructors' prototypes */
coroutine int read_count(int fd);
extern coroutine(int) void count(int n);
