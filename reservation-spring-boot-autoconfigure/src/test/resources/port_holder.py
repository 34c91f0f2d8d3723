# A second process that holds one port: binds a free port on the dual-stack wildcard,
# listens (unless started with "bound", as this library's holders do), prints
# "HOLDING <port>" and keeps it until its stdin closes (at most 60 s).
import select
import socket
import sys

s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.bind(("::", 0))
if "bound" not in sys.argv[1:]:
    s.listen(1)
print("HOLDING %d" % s.getsockname()[1])
sys.stdout.flush()
select.select([sys.stdin], [], [], 60)
s.close()
