/* Real-world input: types from system headers used in coroutine bodies,
 * across suspensions.  coroc learns FILE, size_t, uint8_t, ssize_t,
 * pthread_mutex_t, socklen_t... by running the preprocessor over the
 * #include lines. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <pthread.h>

typedef struct { uint16_t port; const char *name; } service_t;  /* the file's own typedef */

coroutine(size_t) ssize_t scan(const uint8_t *data, size_t len)
{
    FILE *out = stdout;
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    struct sockaddr_in addr;
    socklen_t alen = sizeof addr;
    service_t svc = { 8080, "echo" };
    uint32_t sum = 0;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(svc.port);
    for (size_t i = 0; i < len; i++) {
        pthread_mutex_lock(&lock);
        sum += data[i];
        pthread_mutex_unlock(&lock);
        yield i;
    }
    fprintf(out, "%s port %u family %d alen %u sum %u\n", svc.name,
            (unsigned)ntohs(addr.sin_port), (int)addr.sin_family,
            (unsigned)alen, (unsigned)sum);
    pthread_mutex_destroy(&lock);
    return (ssize_t)sum;
}

int main(void)
{
    const uint8_t bytes[] = { 1, 2, 3, 250 };
    cy_task *t = scan(bytes, sizeof bytes);
    size_t last = 0;
    while (cy_task_step(t) > 0)
        last = CY_YIELDED(t, size_t);
    char repr[128];
    cy_task_repr(t, repr, sizeof repr);
    printf("last index %zu, %s\n", last, repr);
    cy_task_free(t);
    return 0;
}
