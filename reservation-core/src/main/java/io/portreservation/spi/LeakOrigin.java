package io.portreservation.spi;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

import io.portreservation.PortReservation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a lease was taken, for the report when it is never closed. By default only the
 * caller's frame is kept (found with {@link StackWalker}, cheap enough for 100,000
 * leases); with {@code -Dio.portreservation.leak-detection=stack} the whole stack is.
 */
final class LeakOrigin {

	/** The system property that turns on full stacks. */
	static final String PROPERTY = "io.portreservation.leak-detection";

	/**
	 * Looked up when something is logged: a reservation that logs nothing never
	 * initializes the logging.
	 */
	private static Logger logger() {
		return LoggerFactory.getLogger(PortReservation.class);
	}

	private static final StackWalker WALKER = StackWalker.getInstance();

	private final @Nullable StackFrame frame;

	private final @Nullable Throwable stack;

	private LeakOrigin(@Nullable StackFrame frame, @Nullable Throwable stack) {
		this.frame = frame;
		this.stack = stack;
	}

	static LeakOrigin capture() {
		if ("stack".equals(System.getProperty(PROPERTY))) {
			return new LeakOrigin(null, new Throwable("Lease taken here"));
		}
		return new LeakOrigin(WALKER.walk(FirstCaller.INSTANCE), null);
	}

	private static boolean isLibrary(String className) {
		// The API package and the backends; an application's or an integration's frame is
		// the answer.
		if (!className.startsWith("io.portreservation.")) {
			return false;
		}
		String rest = className.substring("io.portreservation.".length());
		return rest.indexOf('.') < 0 || rest.startsWith("spi.") || rest.startsWith("heldsocket.")
				|| rest.startsWith("windows.");
	}

	void report(int port, String owner, PortReservation reservation) {
		String where = (this.frame != null) ? " It was taken at " + this.frame.toStackTraceElement() + "." : "";
		String hint = (this.stack == null) ? " Run with -D" + PROPERTY + "=stack for the full stack." : "";
		logger().warn(
				"The lease of port {} ('{}') from the {} was never closed; the port is returned to the block.{}{}",
				port, owner, reservation, where, hint, this.stack);
	}

	/**
	 * The first frame outside the library. A class rather than lambdas, so that a fresh
	 * JVM's first lease spins no classes for it.
	 */
	private static final class FirstCaller implements Function<Stream<StackFrame>, @Nullable StackFrame> {

		static final FirstCaller INSTANCE = new FirstCaller();

		@Override
		public @Nullable StackFrame apply(Stream<StackFrame> frames) {
			Iterator<StackFrame> iterator = frames.iterator();
			while (iterator.hasNext()) {
				StackFrame frame = iterator.next();
				if (!isLibrary(frame.getClassName())) {
					return frame;
				}
			}
			return null;
		}

	}

}
