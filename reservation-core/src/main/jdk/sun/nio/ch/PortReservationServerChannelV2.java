package sun.nio.ch;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.spi.SelectorProvider;

/**
 * The JDK's server channel around a duplicate of a port-reservation holder, which tells
 * the library when it is closed, so that the holder stops listening at once (connects are
 * refused again) whoever closes it, and no thread has to ask {@code isOpen()}. Defined
 * into {@code java.base} at run time beside {@link PortReservationSocketCallsV2}, which
 * creates it; behaves in every other way as the channel {@code ServerSocketChannel.open()}
 * returns.
 */
final class PortReservationServerChannelV2 extends ServerSocketChannelImpl {

	private final Runnable onClose;

	/**
	 * A blocking channel that owns a bound, listening socket.
	 * @param fd the socket, owned by the channel from now on
	 * @param onClose what to run once the channel is closed, in the thread that closes it
	 * (after the JDK's own close, even if that fails), or {@code null}
	 * @throws IOException if the JDK cannot read the socket's address
	 */
	PortReservationServerChannelV2(FileDescriptor fd, Runnable onClose) throws IOException {
		// the family is not used for an inet socket: the JDK takes it from its IPv6 support
		super(SelectorProvider.provider(), StandardProtocolFamily.INET6, fd, true);
		this.onClose = onClose;
	}

	@Override
	protected void implCloseSelectableChannel() throws IOException {
		try {
			super.implCloseSelectableChannel();
		}
		finally {
			if (this.onClose != null) {
				this.onClose.run();
			}
		}
	}

}
