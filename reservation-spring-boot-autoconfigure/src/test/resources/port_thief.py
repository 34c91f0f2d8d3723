# A second process that tries to take ports: for every port, address and option it binds
# (and listens if the bind worked) and prints each success as "STOLEN <port> <addr> <opt>".
# With --expect-free it instead prints each port it could NOT bind with SO_REUSEADDR as
# "BUSY <port> <addr> <error>". Bounded: one attempt per combination, then exit.
import socket
import sys

ADDRESSES = [(socket.AF_INET, "0.0.0.0"), (socket.AF_INET, "127.0.0.1"),
             (socket.AF_INET6, "::"), (socket.AF_INET6, "::1")]
OPTIONS = {"plain": [], "reuseaddr": [socket.SO_REUSEADDR], "reuseport": [socket.SO_REUSEPORT]}


def attempt(port, family, address, options):
    s = socket.socket(family, socket.SOCK_STREAM)
    try:
        for option in options:
            s.setsockopt(socket.SOL_SOCKET, option, 1)
        s.bind((address, port))
        s.listen(1)
        return None
    except OSError as error:
        return error.strerror or str(error)
    finally:
        s.close()


def main():
    expect_free = "--expect-free" in sys.argv
    ports = [int(p) for p in sys.argv[-1].split(",")]
    for port in ports:
        for family, address in ADDRESSES:
            if expect_free:
                error = attempt(port, family, address, OPTIONS["reuseaddr"])
                if error is not None:
                    print("BUSY %d %s %s" % (port, address, error))
            else:
                for name, options in OPTIONS.items():
                    if attempt(port, family, address, options) is None:
                        print("STOLEN %d %s %s" % (port, address, name))
    print("DONE %d" % len(ports))
    sys.stdout.flush()


main()
