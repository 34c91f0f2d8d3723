# A second process that holds one port: binds a free port on the dual-stack wildcard,
# listens, prints "HOLDING <port>" and keeps it until its stdin closes (at most 60 s).
import select
import socket
import sys

s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.bind(("::", 0))
s.listen(1)
print("HOLDING %d" % s.getsockname()[1])
sys.stdout.flush()
select.select([sys.stdin], [], [], 60)
s.close()
