package io.portreservation.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portreservation.Backend;
import io.portreservation.PortRange;
import io.portreservation.ReservationArgument;
import io.portreservation.WildcardSearch;
import io.portreservation.boot.PortAllocator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration of the reserved port blocks: the default block, in which the web and
 * management servers bind, and any named blocks for the application's other servers.
 *
 * <p>
 * This class owns the names of the properties:
 * {@link #propertyName(String, ReservationArgument)} turns an argument the core library
 * refused into the property that set it. A key under {@code port-reservation} that binds
 * to nothing is refused.
 */
@ConfigurationProperties(prefix = PortReservationProperties.PREFIX, ignoreUnknownFields = false)
public class PortReservationProperties extends BlockProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "port-reservation";

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
	 * Ports a block with start-port 0 is searched in, written first-last. The part inside
	 * the kernel's ephemeral range is never used; the part below it is searched first.
	 * Not used by the winsock backend, where Windows chooses the block.
	 */
	private String searchRange = WildcardSearch.DEFAULT_RANGE.toString();

	/**
	 * Ports (such as 11211) and ranges (such as 27017-27019) that a block with start-port
	 * 0 never covers. Defaults to the usual ports of development services in the default
	 * search range; an empty value skips none.
	 */
	private List<String> skipPorts = WildcardSearch.DEFAULT_SKIP_PORTS.stream().map(PortRange::toString).toList();

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

	public String getSearchRange() {
		return this.searchRange;
	}

	public void setSearchRange(String searchRange) {
		parse("search-range", searchRange);
		this.searchRange = searchRange;
	}

	public List<String> getSkipPorts() {
		return this.skipPorts;
	}

	public void setSkipPorts(List<String> skipPorts) {
		skipPorts.forEach((ports) -> parse("skip-ports", ports));
		this.skipPorts = skipPorts;
	}

	/**
	 * Where a block with start-port 0 may land, as the core library takes it.
	 * @return the search range and the ports to skip
	 */
	public WildcardSearch toWildcardSearch() {
		List<PortRange> skipped = new ArrayList<>();
		this.skipPorts.forEach((ports) -> skipped.add(PortRange.parse(ports)));
		return new WildcardSearch(PortRange.parse(this.searchRange), skipped);
	}

	private static PortRange parse(String property, String value) {
		try {
			return PortRange.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(property + " must be " + ex.getMessage() + ", was '" + value + "'", ex);
		}
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

	/**
	 * The prefix of a block's own properties.
	 * @param blockName the block's name
	 * @return {@code port-reservation} for the default block,
	 * {@code port-reservation.blocks.<name>} for a named one
	 */
	public static String blockPrefix(String blockName) {
		return PortAllocator.DEFAULT_BLOCK.equals(blockName) ? PREFIX : PREFIX + ".blocks." + blockName;
	}

	/**
	 * The property that sets an argument of a block's request: a block's own property for
	 * its protocol, start port and size, the shared one for everything else.
	 * @param blockName the block's name
	 * @param argument the argument
	 * @return the property, or {@code null} for an argument no property sets (a leased
	 * port)
	 */
	public static @Nullable String propertyName(String blockName, ReservationArgument argument) {
		return switch (argument) {
			case PROTOCOL -> blockPrefix(blockName) + ".protocol";
			case START_PORT -> blockPrefix(blockName) + ".start-port";
			case COUNT -> blockPrefix(blockName) + ".port-count";
			case TIMEOUT -> PREFIX + ".acquire-timeout";
			case SEARCH_RANGE -> PREFIX + ".search-range";
			case SKIP_PORTS -> PREFIX + ".skip-ports";
			case BACKEND -> PREFIX + ".backend";
			case PORT -> null;
		};
	}

	/**
	 * Every property there is, with {@code <name>} standing for a named block's name: the
	 * keys an unknown key is compared with.
	 * @return the property names
	 */
	public static List<String> propertyNames() {
		List<String> names = new ArrayList<>(List.of(PREFIX + ".enabled", PREFIX + ".show-token"));
		for (ReservationArgument argument : ReservationArgument.values()) {
			String common = propertyName(PortAllocator.DEFAULT_BLOCK, argument);
			if (common != null) {
				names.add(common);
			}
		}
		return names;
	}

}
