/*
 * echo.cy - the article's last part: an echo server and its clients on
 * non-blocking sockets, all on one loop in one process.
 *
 *   async def handle(reader, writer):
 *       while line := await reader.readline():
 *           writer.write(line)
 *           await writer.drain()
 *       writer.close()
 *
 *   async def client(n, lines):
 *       reader, writer = await asyncio.open_connection('127.0.0.1', port)
 *       for line in lines:
 *           writer.write(line.encode() + b'\n')
 *           print(f"client {n} got: {(await reader.readline()).decode()}")
 *       writer.close()
 *
 * The server accepts connections on 127.0.0.1 (port 0: the kernel picks
 * one, read back with getsockname) and launches one handler per client;
 * it stops after NCLIENTS clients.  Each wait for a socket is
 * `await cy_readable(loop, fd)` or `await cy_writable(loop, fd)`: the
 * task parks and the loop, with nothing else to do, blocks in epoll_wait
 * until a socket is ready.  The clients run one after another and each
 * prints only its own replies, so the output does not depend on the
 * order in which the loop wakes the tasks.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define NCLIENTS 3

struct stats {
    int accepted;
    long echoed; /* bytes the handlers sent back */
};

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Write all of buf, waiting while the socket is full. */
static coroutine void send_all(cy_loop *loop, int fd, const char *buf, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, buf + off, len - off);
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                throw errno, "write";
            await cy_writable(loop, fd);
            continue;
        }
        off += (size_t)n;
    }
}

/* One per client: send back whatever comes, until the client closes. */
static coroutine void handle(cy_loop *loop, int fd, struct stats *st)
{
    defer close(fd);
    char buf[256];
    for (;;) {
        await cy_readable(loop, fd);
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            break; /* the client closed */
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            throw errno, "read";
        }
        await send_all(loop, fd, buf, (size_t)n);
        st->echoed += n;
    }
}

/* Accept nclients connections, one handler each, then stop listening. */
static coroutine void server(cy_loop *loop, int lfd, int nclients, struct stats *st)
{
    defer close(lfd);
    while (st->accepted < nclients) {
        await cy_readable(loop, lfd);
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            throw errno, "accept";
        }
        st->accepted++;
        cy_task *h = NULL;
        if (set_nonblock(fd) == 0)
            h = handle(loop, fd, st);
        if (!h || cy_loop_schedule(loop, h)) {
            close(fd);
            cy_task_free(h);
            throw ENOMEM, "handler";
        }
    }
}

/* Connect, send each line, print each echoed line, close. */
static coroutine void client(cy_loop *loop, int port, int id, const char *const *lines,
                      int nlines)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        throw errno, "socket";
    defer close(fd);
    if (set_nonblock(fd))
        throw errno, "fcntl";
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        if (errno != EINPROGRESS)
            throw errno, "connect";
        await cy_writable(loop, fd); /* connected, or failed */
        int err = 0;
        socklen_t elen = sizeof err;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) || err)
            throw err ? err : errno, "connect";
    }
    char reply[256];
    for (int i = 0; i < nlines; i++) {
        char line[256];
        int len = snprintf(line, sizeof line, "%s\n", lines[i]);
        await send_all(loop, fd, line, (size_t)len);
        /* read until the whole line is back */
        size_t got = 0;
        while (got == 0 || reply[got - 1] != '\n') {
            await cy_readable(loop, fd);
            ssize_t n = read(fd, reply + got, sizeof reply - 1 - got);
            if (n == 0)
                throw ECONNRESET, "server closed";
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    continue;
                throw errno, "read";
            }
            got += (size_t)n;
        }
        reply[got - 1] = '\0';
        printf("client %d got: %s\n", id, reply);
    }
}

static const char *const lines1[] = { "Bonjour", "ça va ?" };
static const char *const lines2[] = { "asyncio", "epoll", "select" };
static const char *const lines3[] = { "au revoir" };

/* The clients, one after another. */
static coroutine void clients(cy_loop *loop, int port)
{
    await client(loop, port, 1, lines1, 2);
    await client(loop, port, 2, lines2, 3);
    await client(loop, port, 3, lines3, 1);
}

/* A listening socket on 127.0.0.1, port chosen by the kernel. */
static int listen_loopback(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) ||
        listen(fd, 16) || set_nonblock(fd) ||
        getsockname(fd, (struct sockaddr *)&addr, &len)) {
        close(fd);
        return -1;
    }
    *port = ntohs(addr.sin_port);
    return fd;
}

int main(void)
{
    int port;
    int lfd = listen_loopback(&port);
    if (lfd < 0) {
        perror("listen");
        return 1;
    }
    cy_loop loop;
    if (cy_loop_init(&loop)) {
        close(lfd);
        return 1;
    }
    struct stats st = { 0, 0 };
    cy_task *srv = server(&loop, lfd, NCLIENTS, &st); /* closes lfd */
    cy_task *cl = clients(&loop, port);
    int rc = 1;
    if (srv && cl && cy_loop_launch(&loop, srv) == 0 &&
        cy_loop_launch(&loop, cl) == 0 && cy_loop_run(&loop) == 0 &&
        cy_task_status(srv) == CY_FINISHED &&
        cy_task_status(cl) == CY_FINISHED) {
        printf("server: %d clients, %ld bytes echoed\n", st.accepted,
               st.echoed);
        rc = 0;
    }
    if (rc && cl && cy_task_error(cl))
        fprintf(stderr, "error: %s\n", strerror(-cy_task_error(cl)));
    if (!srv)
        close(lfd);
    cy_task_free(srv);
    cy_task_free(cl);
    cy_loop_close(&loop);
    return rc;
}
