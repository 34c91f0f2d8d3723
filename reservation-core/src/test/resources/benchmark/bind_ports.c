/*
 * The raw baseline for HoldingBenchmark: socket() + bind() of count ports on [::],
 * timed with a monotonic clock. Like the held-socket backend (and so that a port with
 * another process's TIME_WAIT in the block does not stop it), a bind refused with
 * EADDRINUSE is retried once with SO_REUSEADDR. Prints the nanoseconds of each repetition on its own line.
 * Usage: bind_ports <first> <count> <tcp|udp> <repetitions>
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
	if (argc != 5) {
		fprintf(stderr, "usage: %s <first> <count> <tcp|udp> <repetitions>\n", argv[0]);
		return 2;
	}
	int first = atoi(argv[1]);
	int count = atoi(argv[2]);
	int type = strcmp(argv[3], "udp") == 0 ? SOCK_DGRAM : SOCK_STREAM;
	int repetitions = atoi(argv[4]);
	int *fds = calloc((size_t) count, sizeof(int));
	for (int r = 0; r < repetitions; r++) {
		long long start = now_ns();
		for (int i = 0; i < count; i++) {
			int fd = socket(AF_INET6, type, 0);
			struct sockaddr_in6 address;
			memset(&address, 0, sizeof(address));
			address.sin6_family = AF_INET6;
			address.sin6_port = htons((unsigned short) (first + i));
			address.sin6_addr = in6addr_any;
			int one = 1;
			if (fd < 0 || (bind(fd, (struct sockaddr *) &address, sizeof(address)) != 0
					&& (errno != EADDRINUSE || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0
						|| bind(fd, (struct sockaddr *) &address, sizeof(address)) != 0))) {
				perror("socket/bind");
				return 1;
			}
			fds[i] = fd;
		}
		long long elapsed = now_ns() - start;
		for (int i = 0; i < count; i++) {
			close(fds[i]);
		}
		printf("%lld\n", elapsed);
	}
	free(fds);
	return 0;
}
