package io.portreservation.boot.autoconfigure.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * External configuration properties for the port reservation health indicator.
 */
@ConfigurationProperties("management.health.port-reservation")
public class PortReservationHealthIndicatorProperties {

	/**
	 * Free-port count below which a block reports the status LOW_PORTS (answered with
	 * HTTP 200). Off when not set.
	 */
	private @Nullable Integer lowWaterMark;

	public @Nullable Integer getLowWaterMark() {
		return this.lowWaterMark;
	}

	public void setLowWaterMark(@Nullable Integer lowWaterMark) {
		Assert.isTrue(lowWaterMark == null || lowWaterMark > 0,
				() -> "'management.health.port-reservation.low-water-mark' must be greater than 0, was " + lowWaterMark
						+ "; leave it unset to turn the low-water mark off");
		this.lowWaterMark = lowWaterMark;
	}

}
