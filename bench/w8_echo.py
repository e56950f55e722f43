"""W8's echo server in Python asyncio (streams), or with uvloop's loop
when the first argument is `uvloop`: one task per connection, reading up
to 4096 bytes and writing them back.  Listens on 127.0.0.1, port 0
(printed as "port N"), until killed.  Exit status 3: uvloop is missing."""
import asyncio
import resource
import socket
import sys


async def handle(reader, writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while True:
            data = await reader.read(4096)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=100)
    print("port %d" % server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if len(sys.argv) > 1 and sys.argv[1] == "uvloop":
        try:
            import uvloop
        except ImportError:
            print("uvloop is not installed (python3-uvloop)", file=sys.stderr)
            sys.exit(3)
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    asyncio.run(main())
