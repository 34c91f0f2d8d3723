package io.portreservation.heldsocket;

import java.util.function.IntPredicate;

import io.portreservation.BlockUnavailableException;
import io.portreservation.InvalidReservationArgumentException;
import io.portreservation.NativeReservationException;
import io.portreservation.PortReservationException;
import io.portreservation.Protocol;
import io.portreservation.ReservationArgument;
import io.portreservation.ReservationRequest;
import org.jspecify.annotations.Nullable;

/**
 * Takes the holders for a request: the requested block, or for a wildcard request the
 * first free block found below the ephemeral range. The kernel's bind is the lock: a
 * block is ours once every holder is bound, and no two processes can both bind one. Every
 * failure closes what was taken before it is reported.
 *
 * <p>
 * As an {@link IntPredicate}, it tells its blocks whether a refused TCP port may be
 * retried past {@code TIME_WAIT} ({@link TimeWaitCensus}, read once, on the first
 * refusal: an acquisition that meets none never loads it).
 */
final class BlockAcquisition implements IntPredicate {

	private final ReservationRequest request;

	private final SocketCalls calls;

	private @Nullable TimeWaitCensus census;

	BlockAcquisition(ReservationRequest request, SocketCalls calls) {
		this.request = request;
		this.calls = calls;
	}

	HeldBlock acquire() {
		return this.request.isWildcard() ? search() : holdRequested();
	}

	/**
	 * Whether only {@code TIME_WAIT} entries can have refused a plain TCP bind of a port.
	 * @param port the port
	 * @return {@code true} if the retry with {@code SO_REUSEADDR} may be tried
	 */
	@Override
	public boolean test(int port) {
		TimeWaitCensus census = this.census;
		if (census == null) {
			census = new TimeWaitCensus();
			this.census = census;
		}
		return census.onlyTimeWait(port);
	}

	private HeldBlock holdRequested() {
		int firstPort = this.request.startPort();
		HeldBlock block = new HeldBlock(this.calls, this.request.protocol(), firstPort, this.request.count());
		int errno = block.holdAll(this);
		if (errno == 0) {
			return block;
		}
		block.close();
		if (errno == Errno.EADDRINUSE) {
			int taken = block.failedPort();
			int lastPort = firstPort + this.request.count() - 1;
			throw new BlockUnavailableException("Port " + taken + " (" + block.failedProtocol() + ") of the requested "
					+ describe(this.request.protocol()) + " block " + firstPort + "-" + lastPort
					+ " is in use by another socket; choose a block without it, or start port 0 for any free block",
					this.request.protocol(), firstPort, this.request.count(), taken, null,
					BlockUnavailableException.Reason.PORT_TAKEN);
		}
		throw failure(errno, block.failedPort());
	}

	private HeldBlock search() {
		Protocol protocol = this.request.protocol();
		int count = this.request.count();
		SearchRange range = SearchRange.forRequest(this.request);
		long deadline = System.nanoTime() + this.request.timeout().toNanos();
		int start = range.first();
		int lastTaken = -1;
		while (start >= 0 && System.nanoTime() - deadline < 0) {
			HeldBlock block = new HeldBlock(this.calls, protocol, start, count);
			int errno = block.holdAll(this);
			if (errno == 0) {
				return block;
			}
			block.close();
			if (errno != Errno.EADDRINUSE) {
				throw failure(errno, block.failedPort());
			}
			lastTaken = block.failedPort();
			start = range.next(lastTaken);
		}
		boolean timedOut = start >= 0;
		String why = timedOut ? "within the timeout of " + this.request.timeout().toMillis() + " ms"
				: "in the ports " + range + " (every block there has a port in use)";
		throw new BlockUnavailableException(
				"No free block of " + count + " " + protocol + " port(s) found " + why
						+ "; the last port found in use was " + lastTaken + "; reserve fewer ports"
						+ (timedOut ? " or allow a longer timeout" : " or search a wider range"),
				protocol, 0, count, lastTaken, null,
				timedOut ? BlockUnavailableException.Reason.TIMED_OUT : BlockUnavailableException.Reason.NO_FREE_BLOCK);
	}

	private PortReservationException failure(int errno, int port) {
		if (errno == Errno.EACCES || errno == Errno.EPERM) {
			int unprivileged = unprivilegedPortStart();
			ReservationArgument argument = this.request.isWildcard() ? ReservationArgument.SEARCH_RANGE
					: ReservationArgument.START_PORT;
			Object value = this.request.isWildcard() ? this.request.search().range() : this.request.startPort();
			return new InvalidReservationArgumentException(argument, value,
					unprivileged + ".." + ReservationRequest.MAX_PORT + " for this process: binding port " + port
							+ " was refused (" + Errno.name(errno) + "); ports below " + unprivileged
							+ " need root or the CAP_NET_BIND_SERVICE capability");
		}
		if (errno == Errno.EMFILE || errno == Errno.ENFILE) {
			int perPort = (this.request.protocol() == Protocol.TCP_UDP) ? 2 : 1;
			String scope = (errno == Errno.EMFILE) ? "the process's limit (ulimit -n) is " + this.calls.openFileLimit()
					: "the system-wide limit (fs.file-max) is reached";
			return new NativeReservationException("socket()", errno, Errno.name(errno),
					"Too many open files: holding " + this.request.count() + " " + describe(this.request.protocol())
							+ " port(s) takes " + ((long) perPort * this.request.count())
							+ " descriptors beside those already open, and " + scope
							+ "; raise the limit or reserve fewer ports");
		}
		return Errno.failure("bind() of a holder on port " + port, errno);
	}

	private static String describe(Protocol protocol) {
		return protocol.toString();
	}

	private static int unprivilegedPortStart() {
		return Sysctl.read("net/ipv4/ip_unprivileged_port_start", SearchRange.FIRST_REGISTERED_PORT);
	}

}
