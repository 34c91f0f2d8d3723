package io.portreservation.boot.testsupport;

import java.util.List;
import java.util.function.Supplier;

import io.portreservation.PortReservation;
import io.portreservation.testfixtures.PortThief;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the port thief against a context's whole block once, at the context's first start,
 * in a lifecycle phase before the servers start: every server port is leased by then but
 * not yet served.
 */
public final class ThiefBeforeServersStart implements SmartLifecycle {

	private final Supplier<PortReservation> block;

	private final int phase;

	private volatile List<String> stolen = List.of("never ran");

	private volatile boolean ran;

	private volatile boolean running;

	/**
	 * Create the thief's lifecycle.
	 * @param block the block, asked for when the context starts
	 * @param phase a phase before the servers' own
	 */
	public ThiefBeforeServersStart(Supplier<PortReservation> block, int phase) {
		this.block = block;
		this.phase = phase;
	}

	/**
	 * What the thief took.
	 * @return one line per theft; {@code never ran} until the context started
	 */
	public List<String> stolen() {
		return this.stolen;
	}

	@Override
	public void start() {
		if (!this.ran) {
			this.ran = true;
			PortReservation reservation = this.block.get();
			this.stolen = PortThief.steal(reservation.firstPort(), reservation.lastPort());
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
