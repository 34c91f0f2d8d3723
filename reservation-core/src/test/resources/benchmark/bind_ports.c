/*
 * The raw baseline for HoldingBenchmark: socket() + bind() of count ports on [::],
 * timed with a monotonic clock. Like the held-socket backend (and so that a port with
 * another process's TIME_WAIT in the block does not stop it), a bind refused with
 * EADDRINUSE is retried once with SO_REUSEADDR. Prints the nanoseconds of each repetition on its own line.
 * With "jdk <feature version>", each socket also gets the option calls the JDK's own sun.nio.ch.Net.socket0
 * makes on Linux (seen with strace on JDK 17 and 25): IPV6_V6ONLY off, and for UDP option 49 at the IPv6 level
 * (IP_MULTICAST_ALL's number, which there is IPV6_RECVPKTINFO) off, IPV6_MULTICAST_HOPS 1 and, from JDK 22
 * (JDK-8241800), IPV6_MULTICAST_ALL off: the floor of any holder the JDK's natives make.
 * Usage: bind_ports <first> <count> <tcp|udp> <repetitions> [jdk <feature version>]
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
	if (argc != 5 && (argc != 7 || strcmp(argv[5], "jdk") != 0)) {
		fprintf(stderr, "usage: %s <first> <count> <tcp|udp> <repetitions> [jdk <feature version>]\n", argv[0]);
		return 2;
	}
	int jdk = argc == 7 ? atoi(argv[6]) : 0;
	int first = atoi(argv[1]);
	int count = atoi(argv[2]);
	int type = strcmp(argv[3], "udp") == 0 ? SOCK_DGRAM : SOCK_STREAM;
	int repetitions = atoi(argv[4]);
	int *fds = calloc((size_t) count, sizeof(int));
	for (int r = 0; r < repetitions; r++) {
		long long start = now_ns();
		for (int i = 0; i < count; i++) {
			int fd = socket(AF_INET6, type, 0);
			if (fd >= 0 && jdk) {
				int off = 0;
				int hops = 1;
				setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
				if (type == SOCK_DGRAM) {
					setsockopt(fd, IPPROTO_IPV6, 49, &off, sizeof(off));
					setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof(hops));
					if (jdk >= 22) {
						setsockopt(fd, IPPROTO_IPV6, 29 /* IPV6_MULTICAST_ALL */, &off, sizeof(off));
					}
				}
			}
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
