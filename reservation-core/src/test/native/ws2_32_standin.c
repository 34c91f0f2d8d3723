/*
 * A Linux stand-in for the parts of ws2_32.dll, iphlpapi.dll and ntdll.dll that the
 * Winsock backend calls, implementing the documented contract of
 * SIO_ACQUIRE/ASSOCIATE/RELEASE_PORT_RESERVATION (see docs/windows.md).
 *
 * One library, two roles:
 *  - JNA loads it as "ws2_32", "IPHlpAPI" and "NtDll" (symlinks to this file): Winsock
 *    ABI, SOCKET is pointer-sized, the WSA code of a failure in errno (see below).
 *  - LD_PRELOAD puts it in front of libc in a test JVM, so the JDK's own bind(),
 *    listen() and setsockopt() pass through it: that is how a JDK channel's bind after
 *    SIO_ASSOCIATE lands inside the block. Linux ABI, errors through errno.
 * A call tells the two apart by its constants: Winsock's AF_INET6 is 23 and its
 * SOL_SOCKET is 0xFFFF, values no Linux caller uses (Linux's 23, AF_IRDA, is gone).
 *
 * A runtime reservation is really held: one bound dual-stack socket per port, so
 * other processes cannot bind its ports. An associated socket joins a holder's port
 * for the duration of its bind()/listen() call only (SO_REUSEADDR on both, cleared at
 * once). The real kernel has no such window; this one lasts microseconds.
 *
 * What docs/windows.md lists as not yet measured is a setting: environment variable
 * WS2_STANDIN_<KEY> or standin_set("<key>", value) at run time.
 *   unassociated_bind  eacces | eaddrinuse | allow   bind by a socket not associated into a runtime block
 *   outside_bind       einval | allow                 associated socket binds a port outside its block
 *   exhausted_bind     eaddrinuse | enobufs           port 0 on an associated socket, block full
 *   after_bind         einval | allow                 ASSOCIATE on a bound socket
 *   overlap_acquire    eaddrinuse | eacces            ACQUIRE overlapping another reservation
 *   bytes_returned     number                         *lpcbBytesReturned after ASSOCIATE/RELEASE
 *   acquire            ok | hang | unsupported        hang until closesocket; unsupported = Wine
 *   build              number                         RtlGetVersion's dwBuildNumber
 *   elevated           0 | 1                          caller is an elevated administrator
 *   excluded           "first-last"                   an excluded port range (Hyper-V style)
 *   trace              0 | 1                          print each reservation IOCTL that succeeds to stderr
 *   cross_family       einval | allow                 ASSOCIATE of a socket whose family differs from the acquiring one
 *   jdk_exclusive_bind 1 | 0                          the JDK's binds are SO_EXCLUSIVEADDRUSE (-Dsun.net.useExclusiveBind)
 *
 * Errors as JNA sees them on Windows: a Winsock-ABI entry leaves its WSA code in errno,
 * which JNA saves after every call (Native.getLastError()), and WSAGetLastError() answers
 * 0, as a second JNA call does on Windows once JNA's TlsGetValue has cleared the error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

typedef uintptr_t SOCKET;
typedef uint32_t DWORD;
#define INVALID_SOCKET (~(SOCKET) 0)
#define SOCKET_ERROR (-1)

#define WIN_AF_INET6 23
#define WIN_SOL_SOCKET 0xFFFF
#define WIN_SO_REUSEADDR 4
#define WIN_SO_EXCLUSIVEADDRUSE ((int) (~4))
#define WIN_IPV6_V6ONLY 27

#define SIO_ACQUIRE_PORT_RESERVATION 0x98000064u
#define SIO_RELEASE_PORT_RESERVATION 0x98000065u
#define SIO_ASSOCIATE_PORT_RESERVATION 0x98000066u

#define WSAEACCES 10013
#define WSAEFAULT 10014
#define WSAEINVAL 10022
#define WSAENOTSOCK 10038
#define WSAENOPROTOOPT 10042
#define WSAEOPNOTSUPP 10045
#define WSAEAFNOSUPPORT 10047
#define WSAEADDRINUSE 10048
#define WSAEADDRNOTAVAIL 10049
#define WSAENOBUFS 10055
#define WSAEMFILE 10024
#define WSA_OPERATION_ABORTED 995

#define ERROR_ACCESS_DENIED 5
#define ERROR_SHARING_VIOLATION 32
#define ERROR_INVALID_PARAMETER 87
#define ERROR_NOT_FOUND 1168

#pragma pack(push, 8)
typedef struct { uint16_t StartPort; uint16_t NumberOfPorts; } INET_PORT_RANGE;
typedef struct { uint16_t StartPort; uint16_t NumberOfPorts; uint64_t Token; } INET_PORT_RESERVATION_INSTANCE;
#pragma pack(pop)
_Static_assert(sizeof(INET_PORT_RANGE) == 4, "INET_PORT_RANGE");
_Static_assert(sizeof(INET_PORT_RESERVATION_INSTANCE) == 16, "INET_PORT_RESERVATION_INSTANCE");

#define MAX_RESERVATIONS 256
#define MAX_ASSOCIATIONS 1024
#define MAX_SETTINGS 16

struct reservation {
	int used;
	int stream;          /* SOCK_STREAM or SOCK_DGRAM */
	int persistent;
	int family;          /* of the acquiring socket: AF_INET or AF_INET6; 0 for a persistent reservation */
	int start, count;
	uint64_t token;
	int owner_fd;        /* the acquiring socket; -1 for a persistent reservation */
	int *holders;        /* one bound socket per port; NULL for a persistent reservation */
};

struct association {
	int used;
	int fd;
	ino_t ino;           /* tells a reused descriptor number from the associated socket */
	uint64_t token;
	int port;            /* bound port inside the block, 0 while unbound */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t closed_cond = PTHREAD_COND_INITIALIZER;
static struct reservation reservations[MAX_RESERVATIONS];
static struct association associations[MAX_ASSOCIATIONS];
static int hanging_fds[64];
static struct { char key[32]; char value[64]; } settings[MAX_SETTINGS];

static int (*real_socket)(int, int, int);
static int (*real_bind)(int, const struct sockaddr *, socklen_t);
static int (*real_listen)(int, int);
static int (*real_setsockopt)(int, int, int, const void *, socklen_t);

__attribute__((constructor)) static void resolve_libc(void) {
	void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
	real_socket = dlsym(libc, "socket");
	real_bind = dlsym(libc, "bind");
	real_listen = dlsym(libc, "listen");
	real_setsockopt = dlsym(libc, "setsockopt");
}

/* ---- settings ---- */

EXPORT void standin_set(const char *key, const char *value) {
	pthread_mutex_lock(&lock);
	for (int i = 0; i < MAX_SETTINGS; i++) {
		if (settings[i].key[0] && strcmp(settings[i].key, key) == 0) {
			settings[i].key[0] = 0;
		}
	}
	if (value) {
		for (int i = 0; i < MAX_SETTINGS; i++) {
			if (!settings[i].key[0]) {
				snprintf(settings[i].key, sizeof settings[i].key, "%s", key);
				snprintf(settings[i].value, sizeof settings[i].value, "%s", value);
				break;
			}
		}
	}
	pthread_mutex_unlock(&lock);
}

/* Called with or without the lock: settings are only read here, written under the lock. */
static const char *setting(const char *key, const char *fallback) {
	for (int i = 0; i < MAX_SETTINGS; i++) {
		if (settings[i].key[0] && strcmp(settings[i].key, key) == 0) {
			return settings[i].value;
		}
	}
	char name[64] = "WS2_STANDIN_";
	for (size_t i = 0, n = strlen(name); key[i] && n < sizeof name - 1; i++, n++) {
		name[n] = (char) toupper((unsigned char) key[i]);
		name[n + 1] = 0;
	}
	const char *env = getenv(name);
	return (env && *env) ? env : fallback;
}

static int is(const char *key, const char *value, const char *fallback) {
	return strcmp(setting(key, fallback), value) == 0;
}

/* ---- errors: Winsock callers get the WSA code in errno, Linux callers errno as libc sets it ---- */

static int errno_of(int wsa) {
	switch (wsa) {
	case WSAEACCES: return EACCES;
	case WSAEFAULT: return EFAULT;
	case WSAENOTSOCK: return ENOTSOCK;
	case WSAENOPROTOOPT: return ENOPROTOOPT;
	case WSAEOPNOTSUPP: return EOPNOTSUPP;
	case WSAEAFNOSUPPORT: return EAFNOSUPPORT;
	case WSAEADDRINUSE: return EADDRINUSE;
	case WSAEADDRNOTAVAIL: return EADDRNOTAVAIL;
	case WSAENOBUFS: return ENOBUFS;
	case WSAEMFILE: return EMFILE;
	default: return EINVAL;
	}
}

static int wsa_of(int err) {
	switch (err) {
	case EACCES: case EPERM: return WSAEACCES;
	case EFAULT: return WSAEFAULT;
	case EBADF: case ENOTSOCK: return WSAENOTSOCK;
	case ENOPROTOOPT: return WSAENOPROTOOPT;
	case EOPNOTSUPP: return WSAEOPNOTSUPP;
	case EAFNOSUPPORT: return WSAEAFNOSUPPORT;
	case EADDRINUSE: return WSAEADDRINUSE;
	case EADDRNOTAVAIL: return WSAEADDRNOTAVAIL;
	case ENOBUFS: case ENOMEM: return WSAENOBUFS;
	case EMFILE: case ENFILE: return WSAEMFILE;
	default: return WSAEINVAL;
	}
}

/* A Winsock-ABI entry failed: the WSA code goes in errno, which is what JNA saves after
 * every call on Linux (Native.getLastError()), as it saves GetLastError() on Windows. */
static int wsa_fail(int wsa) {
	errno = wsa;
	return SOCKET_ERROR;
}

static int wsa_fail_errno(void) {
	return wsa_fail(wsa_of(errno));
}

/* A Linux-ABI entry (the JDK's own calls, through LD_PRELOAD) failed: errno as libc sets it. */
static int linux_fail(int wsa) {
	errno = errno_of(wsa);
	return -1;
}

static int fail_as(int winsock, int wsa) {
	return winsock ? wsa_fail(wsa) : linux_fail(wsa);
}

static int fail_errno_as(int winsock) {
	return winsock ? wsa_fail_errno() : -1;
}

static int wsa_setting(const char *key, const char *fallback) {
	const char *value = setting(key, fallback);
	if (strcmp(value, "eacces") == 0) return WSAEACCES;
	if (strcmp(value, "eaddrinuse") == 0) return WSAEADDRINUSE;
	if (strcmp(value, "enobufs") == 0) return WSAENOBUFS;
	if (strcmp(value, "allow") == 0) return 0;
	return WSAEINVAL;
}

/* On Windows, JNA's own TlsGetValue after each call clears the thread's last error, so a
 * WSAGetLastError() made as a second JNA call answers 0. Modelled exactly: any use left in
 * Java reads 0 here too, and the tests that expect a code fail on Linux. */
EXPORT int WSAGetLastError(void) {
	return 0;
}

EXPORT int WSAStartup(uint16_t version, void *data) {
	(void) data;
	return (version >= 0x0202 || (version & 0xFF) >= 2) ? 0 : WSAEINVAL;
}

EXPORT int WSACleanup(void) {
	return 0;
}

/* ---- bookkeeping (callers hold the lock) ---- */

static ino_t inode_of(int fd) {
	struct stat st;
	return (fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode)) ? st.st_ino : 0;
}

static int socket_type(int fd) {
	int type = 0;
	socklen_t len = sizeof type;
	return (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0) ? type : -1;
}

static int socket_family(int fd) {
	int domain = 0;
	socklen_t len = sizeof domain;
	return (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0) ? domain : -1;
}

static struct reservation *by_token(uint64_t token) {
	for (int i = 0; i < MAX_RESERVATIONS; i++) {
		if (reservations[i].used && reservations[i].token == token) {
			return &reservations[i];
		}
	}
	return NULL;
}

static struct reservation *covering(int stream, int port) {
	for (int i = 0; i < MAX_RESERVATIONS; i++) {
		struct reservation *r = &reservations[i];
		if (r->used && r->stream == stream && port >= r->start && port < r->start + r->count) {
			return r;
		}
	}
	return NULL;
}

static int overlaps(int stream, int start, int count) {
	for (int port = start; port < start + count; port++) {
		if (covering(stream, port)) {
			return 1;
		}
	}
	return 0;
}

static int excluded(int start, int count) {
	int first, last;
	if (sscanf(setting("excluded", ""), "%d-%d", &first, &last) != 2) {
		return 0;
	}
	return start <= last && start + count - 1 >= first;
}

static struct association *association_of(int fd) {
	ino_t ino = inode_of(fd);
	for (int i = 0; i < MAX_ASSOCIATIONS; i++) {
		struct association *a = &associations[i];
		if (a->used && a->fd == fd) {
			if (a->ino == ino) {
				return a;
			}
			a->used = 0; /* the associated socket was closed and its number reused */
		}
	}
	return NULL;
}

static int port_taken_by_association(struct reservation *r, int port) {
	for (int i = 0; i < MAX_ASSOCIATIONS; i++) {
		struct association *a = &associations[i];
		if (a->used && a->token == r->token && a->port == port) {
			if (inode_of(a->fd) == a->ino) {
				return 1;
			}
			a->used = 0;
		}
	}
	return 0;
}

static uint64_t new_token(void) {
	uint64_t token = 0;
	while (token == 0 && getrandom(&token, sizeof token, 0) != sizeof token) {
	}
	return token ? token : 1;
}

static void set_reuse(int fd, int on) {
	real_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
}

static int get_reuse(int fd) {
	int on = 0;
	socklen_t len = sizeof on;
	getsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, &len);
	return on;
}

static int hold(int stream, int port) {
	int fd = real_socket(AF_INET6, stream | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return -1;
	}
	int off = 0;
	real_setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
	struct sockaddr_in6 any = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t) port), .sin6_addr = IN6ADDR_ANY_INIT };
	if (real_bind(fd, (struct sockaddr *) &any, sizeof any) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

static void drop(struct reservation *r) {
	if (r->holders) {
		for (int i = 0; i < r->count; i++) {
			if (r->holders[i] >= 0) {
				close(r->holders[i]);
			}
		}
		free(r->holders);
	}
	memset(r, 0, sizeof *r);
}

static struct reservation *new_reservation(void) {
	for (int i = 0; i < MAX_RESERVATIONS; i++) {
		if (!reservations[i].used) {
			return &reservations[i];
		}
	}
	return NULL;
}

/* Hold every port of [start, start+count); 0 on success, else the WSA code. */
static int hold_block(struct reservation *r, int stream, int start, int count) {
	int *holders = malloc(sizeof(int) * (size_t) count);
	if (!holders) {
		return WSAENOBUFS;
	}
	for (int i = 0; i < count; i++) {
		holders[i] = hold(stream, start + i);
		if (holders[i] < 0) {
			int wsa = (errno == EADDRINUSE || errno == EACCES) ? WSAEADDRINUSE : wsa_of(errno);
			while (--i >= 0) {
				close(holders[i]);
			}
			free(holders);
			return wsa;
		}
	}
	r->holders = holders;
	r->stream = stream;
	r->start = start;
	r->count = count;
	return 0;
}

static int ephemeral_low(void) {
	int low = 32768, high;
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
	if (f) {
		if (fscanf(f, "%d %d", &low, &high) != 2) {
			low = 32768;
		}
		fclose(f);
	}
	return low;
}

static int acquire(int fd, int stream, int start, int count, INET_PORT_RESERVATION_INSTANCE *out) {
	struct reservation *r = new_reservation();
	if (!r) {
		return WSAENOBUFS;
	}
	if (start != 0) {
		if (overlaps(stream, start, count)) {
			return wsa_setting("overlap_acquire", "eaddrinuse");
		}
		if (excluded(start, count)) {
			return WSAEADDRINUSE;
		}
		int wsa = hold_block(r, stream, start, count);
		if (wsa) {
			return wsa;
		}
	}
	else {
		/* Wildcard: below Linux's ephemeral range, from a random start. */
		int low = 10000, high = ephemeral_low() - count;
		if (high <= low) {
			return WSAENOBUFS;
		}
		uint32_t seed;
		getrandom(&seed, sizeof seed, 0);
		int found = 0;
		for (int attempt = 0; attempt < 512 && !found; attempt++) {
			int candidate = low + (int) ((seed + (uint32_t) attempt * 7919u) % (uint32_t) (high - low));
			if (!overlaps(stream, candidate, count) && !excluded(candidate, count)
					&& hold_block(r, stream, candidate, count) == 0) {
				found = 1;
			}
		}
		if (!found) {
			return WSAEADDRINUSE;
		}
	}
	r->used = 1;
	r->family = socket_family(fd);
	r->owner_fd = fd;
	r->token = new_token();
	out->StartPort = htons((uint16_t) r->start);
	out->NumberOfPorts = (uint16_t) r->count;
	out->Token = r->token;
	return 0;
}

/* Blocks like an IOCTL that never completes, until closesocket() aborts it. */
static int hang_until_closed(int fd) {
	int slot = -1;
	for (int i = 0; i < 64; i++) {
		if (hanging_fds[i] == 0) {
			hanging_fds[i] = fd + 1;
			slot = i;
			break;
		}
	}
	if (slot < 0) {
		return WSAENOBUFS;
	}
	while (hanging_fds[slot] == fd + 1) {
		pthread_cond_wait(&closed_cond, &lock);
	}
	hanging_fds[slot] = 0;
	return WSA_OPERATION_ABORTED;
}

/* How many SIO_ACQUIRE_PORT_RESERVATION calls reached the stand-in, whatever their answer. */
static int acquire_calls;

EXPORT int standin_acquire_calls(void) {
	return __atomic_load_n(&acquire_calls, __ATOMIC_SEQ_CST);
}

EXPORT int WSAIoctl(SOCKET s, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
		DWORD *bytes_returned, void *overlapped, void *completion) {
	(void) overlapped;
	(void) completion;
	if (code != SIO_ACQUIRE_PORT_RESERVATION && code != SIO_ASSOCIATE_PORT_RESERVATION
			&& code != SIO_RELEASE_PORT_RESERVATION) {
		return wsa_fail(WSAEINVAL); /* "dwIoControlCode is not a valid command" */
	}
	if (code == SIO_ACQUIRE_PORT_RESERVATION) {
		__atomic_add_fetch(&acquire_calls, 1, __ATOMIC_SEQ_CST);
	}
	if (!bytes_returned) {
		return wsa_fail(WSAEFAULT);
	}
	*bytes_returned = 0;
	int fd = (int) s;
	if ((SOCKET) fd != s || inode_of(fd) == 0) {
		return wsa_fail(WSAENOTSOCK);
	}
	if (is("acquire", "unsupported", "ok")) {
		return wsa_fail(WSAEOPNOTSUPP);
	}
	int type = socket_type(fd);
	if (type != SOCK_STREAM && type != SOCK_DGRAM) {
		return wsa_fail(WSAEOPNOTSUPP);
	}
	int stream = (type == SOCK_STREAM) ? SOCK_STREAM : SOCK_DGRAM;
	int wsa = 0;
	pthread_mutex_lock(&lock);
	if (code == SIO_ACQUIRE_PORT_RESERVATION) {
		if (!in || !out) {
			wsa = WSAEFAULT;
		}
		else if (in_size < sizeof(INET_PORT_RANGE) || out_size < sizeof(INET_PORT_RESERVATION_INSTANCE)) {
			wsa = WSAEINVAL; /* "If the output buffer is too small, the call fails ... WSAEINVAL" */
		}
		else {
			INET_PORT_RANGE range;
			memcpy(&range, in, sizeof range);
			int start = ntohs(range.StartPort); /* network byte order */
			int count = range.NumberOfPorts;    /* host byte order */
			if (count == 0 || start + count - 1 > 65535) {
				wsa = WSAEINVAL; /* a byte-swapped start port usually runs past 65535 */
			}
			else if (is("acquire", "hang", "ok")) {
				wsa = hang_until_closed(fd);
			}
			else {
				INET_PORT_RESERVATION_INSTANCE instance = { 0 };
				wsa = acquire(fd, stream, start, count, &instance);
				if (!wsa) {
					memcpy(out, &instance, sizeof instance);
					*bytes_returned = sizeof instance;
				}
			}
		}
	}
	else {
		uint64_t token = 0;
		if (!in) {
			wsa = WSAEFAULT;
		}
		else if (in_size < sizeof(uint64_t) || out_size != 0) {
			wsa = WSAEINVAL; /* "cbOutBuffer ... must be set to zero" */
		}
		else {
			memcpy(&token, in, sizeof token);
			struct reservation *r = by_token(token);
			if (!r || token == 0) {
				wsa = WSAEINVAL;
			}
			else if (code == SIO_RELEASE_PORT_RESERVATION) {
				if (r->persistent) {
					wsa = WSAEINVAL; /* only runtime reservations are released this way */
				}
				else {
					drop(r);
				}
			}
			else {
				struct sockaddr_in6 local;
				socklen_t len = sizeof local;
				int bound = getsockname(fd, (struct sockaddr *) &local, &len) == 0 && local.sin6_port != 0;
				if (r->stream != stream) {
					wsa = WSAEINVAL;
				}
				else if (r->family && r->family != socket_family(fd)
						&& (wsa = wsa_setting("cross_family", "einval")) != 0) {
					/* an AF_INET socket with a token acquired on AF_INET6, or the reverse:
					 * unmeasured on Windows, so refused here, the strictest answer */
				}
				else if (bound && (wsa = wsa_setting("after_bind", "einval")) != 0) {
					/* refused as configured */
				}
				else if (r->persistent && !is("elevated", "1", "0")) {
					wsa = WSAEACCES; /* persistent reservations need Administrators membership */
				}
				else {
					struct association *a = association_of(fd);
					for (int i = 0; !a && i < MAX_ASSOCIATIONS; i++) {
						if (!associations[i].used) {
							a = &associations[i];
						}
					}
					if (!a) {
						wsa = WSAENOBUFS;
					}
					else {
						*a = (struct association) { .used = 1, .fd = fd, .ino = inode_of(fd), .token = token };
					}
				}
			}
			if (!wsa) {
				*bytes_returned = (DWORD) atoi(setting("bytes_returned", "0"));
			}
		}
	}
	pthread_mutex_unlock(&lock);
	if (!wsa && is("trace", "1", "0")) {
		fprintf(stderr, "ws2_32 stand-in: %s succeeded\n", (code == SIO_ACQUIRE_PORT_RESERVATION)
				? "SIO_ACQUIRE_PORT_RESERVATION" : (code == SIO_RELEASE_PORT_RESERVATION)
				? "SIO_RELEASE_PORT_RESERVATION" : "SIO_ASSOCIATE_PORT_RESERVATION");
	}
	return wsa ? wsa_fail(wsa) : 0;
}

/* ---- sockets: both ABIs ---- */

/* Sockets made through the Winsock entries, by descriptor (the inode tells a reused number). */
#define MAX_FDS 65536
static struct { ino_t ino; int inheritable; int exclusive; } winsock_fds[MAX_FDS];

static void remember_winsock(int fd, int inheritable) {
	if (fd >= 0 && fd < MAX_FDS) {
		winsock_fds[fd].ino = inode_of(fd);
		winsock_fds[fd].inheritable = inheritable;
		winsock_fds[fd].exclusive = 0;
	}
}

static int is_winsock(int fd) {
	return fd >= 0 && fd < MAX_FDS && winsock_fds[fd].ino != 0 && winsock_fds[fd].ino == inode_of(fd);
}

/* How many Winsock sockets were ever made inheritable (socket(), or WSASocketW without
 * WSA_FLAG_NO_HANDLE_INHERIT): a child process started with handle inheritance, as the JDK
 * starts every child on Windows, would keep them, and a reservation on one, alive. Counted
 * at creation, so a probe that lives for microseconds is caught too. */
static int inheritable_created;

EXPORT int standin_inheritable_created(void) {
	pthread_mutex_lock(&lock);
	int count = inheritable_created;
	pthread_mutex_unlock(&lock);
	return count;
}

static SOCKET open_winsock(int af, int type, int protocol, int inheritable) {
	if (af != WIN_AF_INET6 && af != AF_INET) {
		wsa_fail(WSAEAFNOSUPPORT);
		return INVALID_SOCKET;
	}
	/* SOCK_CLOEXEC is Linux's nearest: an exec'd child does not get the descriptor */
	int fd = real_socket((af == WIN_AF_INET6) ? AF_INET6 : AF_INET, type | (inheritable ? 0 : SOCK_CLOEXEC), protocol);
	if (fd < 0) {
		wsa_fail_errno();
		return INVALID_SOCKET;
	}
	if (af == WIN_AF_INET6) {
		int on = 1; /* Winsock's default for AF_INET6 sockets: IPv6 only */
		real_setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
	}
	pthread_mutex_lock(&lock);
	remember_winsock(fd, inheritable);
	inheritable_created += inheritable ? 1 : 0;
	pthread_mutex_unlock(&lock);
	return (SOCKET) fd;
}

/* Winsock returns a pointer-sized SOCKET where libc returns an int: same symbol, own C name.
 * Winsock's socket() makes an inheritable handle; Linux callers (the JDK) pass through. */
EXPORT SOCKET winsock_socket(int af, int type, int protocol) __asm__("socket");

SOCKET winsock_socket(int af, int type, int protocol) {
	if (af == WIN_AF_INET6) {
		return open_winsock(af, type, protocol, 1);
	}
	return (SOCKET) (intptr_t) real_socket(af, type, protocol);
}

#define WSA_FLAG_OVERLAPPED 0x01
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80

/* Winsock only: AF_INET (2) is the same number on both sides, so a Winsock AF_INET socket
 * is known by having been made here. */
EXPORT SOCKET WSASocketW(int af, int type, int protocol, void *info, unsigned group, DWORD flags) {
	if (info || group || (flags & ~(DWORD) (WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT))) {
		wsa_fail(WSAEINVAL);
		return INVALID_SOCKET;
	}
	return open_winsock(af, type, protocol, !(flags & WSA_FLAG_NO_HANDLE_INHERIT));
}

EXPORT int closesocket(SOCKET s) {
	int fd = (int) s;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < 64; i++) {
		if (hanging_fds[i] == fd + 1) {
			hanging_fds[i] = -1; /* aborted */
		}
	}
	pthread_cond_broadcast(&closed_cond);
	/* "Runtime port reservations last only as long as the lifetime of the socket" */
	for (int i = 0; i < MAX_RESERVATIONS; i++) {
		if (reservations[i].used && !reservations[i].persistent && reservations[i].owner_fd == fd) {
			drop(&reservations[i]);
		}
	}
	struct association *a = association_of(fd);
	if (a) {
		a->used = 0;
	}
	if (fd >= 0 && fd < MAX_FDS) {
		winsock_fds[fd].ino = 0;
	}
	int result = close(fd);
	pthread_mutex_unlock(&lock);
	return (result == 0) ? 0 : wsa_fail_errno();
}

EXPORT int setsockopt(int fd, int level, int name, const void *value, socklen_t len) {
	if (level == WIN_SOL_SOCKET) {
		if (name == WIN_SO_REUSEADDR) {
			return (real_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, value, len) == 0) ? 0 : wsa_fail_errno();
		}
		if (name == WIN_SO_EXCLUSIVEADDRUSE) {
			pthread_mutex_lock(&lock);
			if (is_winsock(fd) && value && len >= sizeof(int)) {
				winsock_fds[fd].exclusive = *(const int *) value != 0;
			}
			pthread_mutex_unlock(&lock);
			return 0; /* a Linux bind without SO_REUSEADDR is exclusive already */
		}
		return wsa_fail(WSAENOPROTOOPT);
	}
	if (level == IPPROTO_IPV6 && name == WIN_IPV6_V6ONLY) {
		return (real_setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, value, len) == 0) ? 0 : wsa_fail_errno();
	}
	return real_setsockopt(fd, level, name, value, len);
}

/* A connected TCP socket of this process whose local port is this one: what an accepted
 * connection leaves on a port after its server closed. */
static int connection_on(int port) {
	for (int fd = 0; fd < MAX_FDS && fd < 4096; fd++) {
		struct sockaddr_storage local, peer;
		socklen_t len = sizeof local, peer_len = sizeof peer;
		if (socket_type(fd) != SOCK_STREAM || getsockname(fd, (struct sockaddr *) &local, &len) != 0
				|| getpeername(fd, (struct sockaddr *) &peer, &peer_len) != 0) {
			continue;
		}
		int local_port = ntohs((local.ss_family == AF_INET) ? ((struct sockaddr_in *) &local)->sin_port
				: ((struct sockaddr_in6 *) &local)->sin6_port);
		if (local_port == port) {
			return 1;
		}
	}
	return 0;
}

/* Bind next to the port's holder: both allow address reuse for this one call. */
static int bind_beside_holder(int fd, int holder, const struct sockaddr *addr, socklen_t len) {
	int had_reuse = get_reuse(fd);
	set_reuse(holder, 1);
	set_reuse(fd, 1);
	int result = real_bind(fd, addr, len);
	int saved = errno;
	set_reuse(fd, had_reuse);
	set_reuse(holder, 0);
	errno = saved;
	return result;
}

static int with_port(struct sockaddr_storage *copy, int port) {
	if (copy->ss_family == AF_INET) {
		((struct sockaddr_in *) copy)->sin_port = htons((uint16_t) port);
	}
	else {
		((struct sockaddr_in6 *) copy)->sin6_port = htons((uint16_t) port);
	}
	return port;
}

EXPORT int bind(int fd, const struct sockaddr *addr, socklen_t len) {
	if (!addr || len < sizeof(struct sockaddr_in)
			|| (addr->sa_family != AF_INET && addr->sa_family != AF_INET6 && addr->sa_family != WIN_AF_INET6)) {
		return real_bind(fd, addr, len); /* Unix sockets and anything else */
	}
	struct sockaddr_storage copy = { 0 };
	memcpy(&copy, addr, len < sizeof copy ? len : sizeof copy);
	if (copy.ss_family == WIN_AF_INET6) {
		copy.ss_family = AF_INET6; /* SOCKADDR_IN6 has Linux's layout: only the family differs */
	}
	int port = ntohs((copy.ss_family == AF_INET) ? ((struct sockaddr_in *) &copy)->sin_port
			: ((struct sockaddr_in6 *) &copy)->sin6_port);
	int stream = socket_type(fd);
	pthread_mutex_lock(&lock);
	int winsock = addr->sa_family == WIN_AF_INET6 || is_winsock(fd);
	int wsa = 0, result;
	struct reservation *r = NULL;
	struct association *a = association_of(fd);
	struct reservation *block = a ? by_token(a->token) : NULL;
	if (block && port == 0) {
		for (int p = block->start; p < block->start + block->count && !r; p++) {
			if (!port_taken_by_association(block, p)) {
				r = block;
				port = with_port(&copy, p);
			}
		}
		wsa = r ? 0 : wsa_setting("exhausted_bind", "eaddrinuse");
	}
	else if (block && port >= block->start && port < block->start + block->count) {
		r = block;
		wsa = port_taken_by_association(block, port) ? WSAEADDRINUSE : 0;
	}
	else if (block) {
		wsa = wsa_setting("outside_bind", "einval");
	}
	if (!wsa && !r && port != 0) {
		if (excluded(port, 1)) {
			wsa = WSAEACCES;
		}
		else {
			struct reservation *other = covering(stream, port);
			if (other && !other->persistent) {
				wsa = wsa_setting("unassociated_bind", "eacces");
				r = other;
			}
		}
	}
	/* SO_EXCLUSIVEADDRUSE, which the JDK on Windows sets before every bind unless
	 * -Dsun.net.useExclusiveBind=false: refused while a connection accepted on the port
	 * (by a server since closed) is still open. Setting jdk_exclusive_bind=0 models the switch. */
	int exclusive = winsock ? winsock_fds[fd].exclusive : !is("jdk_exclusive_bind", "0", "1");
	if (!wsa && r && r->holders && stream == SOCK_STREAM && exclusive && connection_on(port)) {
		wsa = WSAEADDRINUSE;
	}
	if (wsa) {
		pthread_mutex_unlock(&lock);
		return fail_as(winsock, wsa);
	}
	if (r && r->holders) {
		result = bind_beside_holder(fd, r->holders[port - r->start], (struct sockaddr *) &copy, len);
	}
	else {
		result = real_bind(fd, (struct sockaddr *) &copy, len);
	}
	if (result == 0 && a && r == block) {
		a->port = port;
	}
	int saved = errno;
	pthread_mutex_unlock(&lock);
	errno = saved;
	return (result == 0) ? 0 : fail_errno_as(winsock);
}

/* listen() checks the port again, so a holder allows reuse for this call too. Only a
 * socket bind() let into a reserved port can be listening-bound there. */
EXPORT int listen(int fd, int backlog) {
	struct sockaddr_storage local;
	socklen_t len = sizeof local;
	int port = 0;
	if (getsockname(fd, (struct sockaddr *) &local, &len) == 0
			&& (local.ss_family == AF_INET || local.ss_family == AF_INET6)) {
		port = ntohs((local.ss_family == AF_INET) ? ((struct sockaddr_in *) &local)->sin_port
				: ((struct sockaddr_in6 *) &local)->sin6_port);
	}
	pthread_mutex_lock(&lock);
	struct reservation *r = port ? covering(SOCK_STREAM, port) : NULL;
	int result;
	if (r && r->holders) {
		int had_reuse = get_reuse(fd);
		int holder = r->holders[port - r->start];
		set_reuse(holder, 1);
		set_reuse(fd, 1);
		result = real_listen(fd, backlog);
		int saved = errno;
		set_reuse(fd, had_reuse);
		set_reuse(holder, 0);
		errno = saved;
	}
	else {
		result = real_listen(fd, backlog);
	}
	int saved = errno;
	pthread_mutex_unlock(&lock);
	errno = saved;
	return (result == 0) ? 0 : -1;
}

/* ---- iphlpapi: persistent reservations, a Win32 error code as the result ---- */

static uint32_t create_persistent(int stream, uint16_t start_ns, uint16_t count, uint64_t *token) {
	int start = ntohs(start_ns);
	if (!is("elevated", "1", "0")) {
		return ERROR_ACCESS_DENIED;
	}
	if (start == 0 || count == 0 || start + count - 1 > 65535 || !token) {
		return ERROR_INVALID_PARAMETER;
	}
	pthread_mutex_lock(&lock);
	uint32_t result = 0;
	struct reservation *r = new_reservation();
	if (overlaps(stream, start, count)) {
		result = ERROR_SHARING_VIOLATION;
	}
	else if (!r) {
		result = ERROR_INVALID_PARAMETER;
	}
	else {
		*r = (struct reservation) { .used = 1, .stream = stream, .persistent = 1, .start = start, .count = count,
				.token = new_token(), .owner_fd = -1 };
		*token = r->token;
	}
	pthread_mutex_unlock(&lock);
	return result;
}

static uint32_t find_persistent(int stream, uint16_t start_ns, uint16_t count, uint64_t *token, int remove) {
	int start = ntohs(start_ns);
	if (start == 0 || count == 0 || start + count - 1 > 65535 || (!remove && !token)) {
		return ERROR_INVALID_PARAMETER;
	}
	if (remove && !is("elevated", "1", "0")) {
		return ERROR_ACCESS_DENIED;
	}
	pthread_mutex_lock(&lock);
	uint32_t result = ERROR_NOT_FOUND;
	for (int i = 0; i < MAX_RESERVATIONS; i++) {
		struct reservation *r = &reservations[i];
		if (r->used && r->persistent && r->stream == stream && r->start == start && r->count == count) {
			if (remove) {
				drop(r);
			}
			else {
				*token = r->token;
			}
			result = 0;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return result;
}

EXPORT uint32_t CreatePersistentTcpPortReservation(uint16_t start, uint16_t count, uint64_t *token) {
	return create_persistent(SOCK_STREAM, start, count, token);
}

EXPORT uint32_t CreatePersistentUdpPortReservation(uint16_t start, uint16_t count, uint64_t *token) {
	return create_persistent(SOCK_DGRAM, start, count, token);
}

EXPORT uint32_t LookupPersistentTcpPortReservation(uint16_t start, uint16_t count, uint64_t *token) {
	return find_persistent(SOCK_STREAM, start, count, token, 0);
}

EXPORT uint32_t LookupPersistentUdpPortReservation(uint16_t start, uint16_t count, uint64_t *token) {
	return find_persistent(SOCK_DGRAM, start, count, token, 0);
}

EXPORT uint32_t DeletePersistentTcpPortReservation(uint16_t start, uint16_t count) {
	return find_persistent(SOCK_STREAM, start, count, NULL, 1);
}

EXPORT uint32_t DeletePersistentUdpPortReservation(uint16_t start, uint16_t count) {
	return find_persistent(SOCK_DGRAM, start, count, NULL, 1);
}

/* ---- ntdll ---- */

typedef struct {
	uint32_t dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
	uint16_t szCSDVersion[128];
} RTL_OSVERSIONINFOW;
_Static_assert(sizeof(RTL_OSVERSIONINFOW) == 276, "RTL_OSVERSIONINFOW");

EXPORT int32_t RtlGetVersion(RTL_OSVERSIONINFOW *info) {
	if (!info || info->dwOSVersionInfoSize < sizeof *info) {
		return (int32_t) 0xC000000D; /* STATUS_INVALID_PARAMETER */
	}
	info->dwMajorVersion = 10;
	info->dwMinorVersion = 0;
	info->dwBuildNumber = (uint32_t) atoi(setting("build", "20348"));
	info->dwPlatformId = 2;
	memset(info->szCSDVersion, 0, sizeof info->szCSDVersion);
	return 0;
}
