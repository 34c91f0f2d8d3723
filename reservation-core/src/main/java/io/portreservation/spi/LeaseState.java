package io.portreservation.spi;

import java.io.IOException;
import java.nio.channels.NetworkChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.portreservation.LeaseInfo;
import org.jspecify.annotations.Nullable;

/**
 * What a lease holds, kept apart from the handle so the Cleaner can see the handle die.
 */
final class LeaseState implements Runnable {

	private final AbstractPortReservation reservation;

	final int port;

	final String owner;

	private final Instant since = Instant.now();

	private final LeakOrigin origin;

	private final List<NetworkChannel> channels = new ArrayList<>(1);

	private java.lang.ref.Cleaner.@Nullable Cleanable cleanable;

	private boolean released;

	LeaseState(AbstractPortReservation reservation, int port, String owner, LeakOrigin origin) {
		this.reservation = reservation;
		this.port = port;
		this.owner = owner;
		this.origin = origin;
	}

	void watch(Object handle) {
		this.cleanable = ShutdownRelease.cleaner().register(handle, this);
	}

	synchronized void track(NetworkChannel channel) {
		this.channels.add(channel);
	}

	synchronized boolean isReleased() {
		return this.released;
	}

	synchronized boolean isBound() {
		for (NetworkChannel channel : this.channels) {
			try {
				if (channel.isOpen() && channel.getLocalAddress() != null) {
					return true;
				}
			}
			catch (IOException ex) {
				// closed between the two calls: not bound
			}
		}
		return false;
	}

	LeaseInfo info() {
		return new LeaseInfo(this.port, this.owner, this.since, isBound());
	}

	void closeExplicitly() {
		release();
		java.lang.ref.Cleaner.Cleanable cleanable = this.cleanable;
		if (cleanable != null) {
			cleanable.clean();
		}
	}

	/** Runs on the Cleaner's thread when the handle was dropped without close(). */
	@Override
	public void run() {
		if (!isReleased()) {
			this.origin.report(this.port, this.owner, this.reservation);
			release();
		}
	}

	void closeChannels() {
		List<NetworkChannel> toClose;
		synchronized (this) {
			toClose = new ArrayList<>(this.channels);
			this.channels.clear();
		}
		close(toClose);
		this.reservation.channelsClosed(this.port);
	}

	void release() {
		List<NetworkChannel> toClose;
		synchronized (this) {
			if (this.released) {
				return;
			}
			this.released = true;
			toClose = new ArrayList<>(this.channels);
			this.channels.clear();
		}
		close(toClose);
		this.reservation.returnPort(this);
	}

	private static void close(List<NetworkChannel> channels) {
		for (NetworkChannel channel : channels) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// closing is best effort; the block still holds the port
			}
		}
	}

}
