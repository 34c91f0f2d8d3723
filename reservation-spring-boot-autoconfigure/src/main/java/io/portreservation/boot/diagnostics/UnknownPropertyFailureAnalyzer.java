package io.portreservation.boot.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.portreservation.ReservationArgument;
import io.portreservation.boot.autoconfigure.PortReservationProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains keys under {@code port-reservation} that bind to nothing (such as
 * {@code port-reservation.enable} or {@code port-reservation.strat-port}), naming the
 * nearest valid key for each. Ordered before Boot's own analyzer, which names the key but
 * not what was meant; keys under other prefixes are left to it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

	private static final String PREFIX = PortReservationProperties.PREFIX + ".";

	private static final String BLOCKS = PREFIX + "blocks.";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<ConfigurationProperty> unknown = cause.getUnboundProperties()
			.stream()
			.filter((property) -> property.getName().toString().startsWith(PREFIX))
			.sorted(Comparator.comparing((property) -> property.getName().toString()))
			.toList();
		if (unknown.isEmpty()) {
			return null;
		}
		String lines = unknown.stream().map(UnknownPropertyFailureAnalyzer::describe).collect(Collectors.joining("\n"));
		return new FailureAnalysis("These port-reservation properties bind to nothing:\n" + lines,
				"Rename each to the property suggested, or remove it. Every property is listed in the configuration "
						+ "reference and in the IDE's configuration metadata.",
				cause);
	}

	private static String describe(ConfigurationProperty property) {
		String name = property.getName().toString();
		String origin = (property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
		return "    " + name + "=" + property.getValue() + origin + ": did you mean " + nearest(name) + "?";
	}

	static String nearest(String name) {
		List<String> candidates = new ArrayList<>(PortReservationProperties.propertyNames());
		if (name.startsWith(BLOCKS)) {
			String[] segments = name.substring(BLOCKS.length()).split("\\.");
			for (int i = 0; i < segments.length - 1; i++) {
				for (ReservationArgument argument : new ReservationArgument[] { ReservationArgument.PROTOCOL,
						ReservationArgument.START_PORT, ReservationArgument.COUNT }) {
					candidates.add(PortReservationProperties.propertyName(segments[i], argument));
				}
			}
		}
		return candidates.stream().min(Comparator.comparingInt((candidate) -> distance(name, candidate))).orElseThrow();
	}

	/**
	 * The Levenshtein distance: the fewest single-character edits from one to the other.
	 */
	private static int distance(String from, String to) {
		int[] previous = new int[to.length() + 1];
		int[] current = new int[to.length() + 1];
		for (int j = 0; j <= to.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= from.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= to.length(); j++) {
				int substitution = previous[j - 1] + ((from.charAt(i - 1) == to.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[to.length()];
	}

}
