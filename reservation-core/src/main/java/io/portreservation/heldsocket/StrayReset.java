package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a holder that cannot stop listening from queueing connections nobody serves. BSD
 * (macOS) refuses {@code connect(AF_UNSPEC)} on a listening socket, so once a server that
 * served on the holder closes, the holder goes on listening; closing and binding it again
 * would leave the port free for a moment. Instead a daemon thread accepts on a duplicate
 * of the holder and resets each connection at once ({@code SO_LINGER} 0), so clients fail
 * fast (reset rather than refused) and the port never leaves the block. Closed before the
 * next server takes the port, and before the block is released.
 */
final class StrayReset implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StrayReset.class);

	private static final long JOIN_MILLIS = 1000;

	private final ServerSocketChannel channel;

	private final int port;

	private final Thread thread;

	/**
	 * Start resetting the connections a listening holder receives.
	 * @param channel a blocking channel on a duplicate of the listening holder, owned
	 * from now on
	 * @param port the holder's port
	 */
	StrayReset(ServerSocketChannel channel, int port) {
		this.channel = channel;
		this.port = port;
		this.thread = new Thread(this::run, "port-reservation-reset-" + port);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		while (true) {
			try (SocketChannel stray = this.channel.accept()) {
				stray.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
			catch (ClosedChannelException ex) {
				// closed by close(): the next server, or the release of the block, takes
				// over
				return;
			}
			catch (IOException ex) {
				if (!this.channel.isOpen()) {
					return;
				}
				// a connection reset by its client before it was accepted: nothing to do
				// for it
				logger.debug("Could not reset a connection to port {} while no server serves it", this.port, ex);
			}
		}
	}

	/**
	 * Stop resetting: close the duplicate (the holder stays open and listening) and wait
	 * for the thread, so that no connection meant for the next server is reset.
	 */
	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			logger.debug("Could not close the duplicate of the holder of port {}", this.port, ex);
		}
		try {
			this.thread.join(JOIN_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
