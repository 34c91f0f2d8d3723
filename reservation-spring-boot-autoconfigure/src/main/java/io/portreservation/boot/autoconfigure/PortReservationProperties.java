package io.portreservation.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.portreservation.Backend;
import io.portreservation.boot.PortAllocator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration of the reserved port blocks: the default block, in which the web and
 * management servers bind, and any named blocks for the application's other servers.
 */
@ConfigurationProperties("port-reservation")
public class PortReservationProperties extends BlockProperties {

	/**
	 * Whether to reserve the blocks at startup and bind the web servers inside the
	 * default block.
	 */
	private boolean enabled = true;

	/**
	 * Mechanism that holds the blocks: auto (winsock on Windows, held-socket elsewhere),
	 * winsock or held-socket.
	 */
	private Backend backend = Backend.AUTO;

	/**
	 * Maximum time to acquire each block, including the search for a free block when
	 * start-port is 0.
	 */
	private Duration acquireTimeout = Duration.ofSeconds(10);

	/**
	 * Whether the reservation token is shown in the startup log line and by the actuator
	 * endpoint.
	 */
	private boolean showToken;

	/**
	 * Further blocks by name, such as a UDP block for media beside the TCP block of the
	 * web server. The name "default" is taken by the block configured above.
	 */
	private Map<String, BlockProperties> blocks = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Backend getBackend() {
		return this.backend;
	}

	public void setBackend(Backend backend) {
		this.backend = backend;
	}

	public Duration getAcquireTimeout() {
		return this.acquireTimeout;
	}

	public void setAcquireTimeout(Duration acquireTimeout) {
		Assert.isTrue(!acquireTimeout.isNegative() && !acquireTimeout.isZero(),
				() -> "acquire-timeout must be a positive duration, was " + acquireTimeout);
		this.acquireTimeout = acquireTimeout;
	}

	public boolean isShowToken() {
		return this.showToken;
	}

	public void setShowToken(boolean showToken) {
		this.showToken = showToken;
	}

	public Map<String, BlockProperties> getBlocks() {
		return this.blocks;
	}

	public void setBlocks(Map<String, BlockProperties> blocks) {
		Assert.isTrue(!blocks.containsKey(PortAllocator.DEFAULT_BLOCK),
				"blocks must not contain a block named 'default': configure the default block directly under port-reservation");
		this.blocks = blocks;
	}

}
