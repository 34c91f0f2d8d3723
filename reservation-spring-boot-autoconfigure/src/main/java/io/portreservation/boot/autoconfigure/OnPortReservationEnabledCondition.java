package io.portreservation.boot.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code port-reservation.enabled} is false, and refuses a value that is
 * neither true nor false. A plain boolean property condition reads {@code maybe} as "not
 * true" and silently turns the reservation off; this one accepts what the binder accepts
 * for every other boolean property ({@code true/false}, {@code on/off}, {@code yes/no},
 * {@code 1/0}) and fails the start, naming the property, on anything else.
 */
class OnPortReservationEnabledCondition extends SpringBootCondition {

	static final String PROPERTY = PortReservationProperties.PREFIX + ".enabled";

	private static final Set<String> TRUE = Set.of("true", "on", "yes", "1");

	private static final Set<String> FALSE = Set.of("false", "off", "no", "0");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		// Conditions run before any bean exists, so not from PortReservationProperties.
		String value = context.getEnvironment().getProperty(PROPERTY);
		if (value == null) {
			return ConditionOutcome.match(PROPERTY + " is not set");
		}
		String normalized = value.trim().toLowerCase(Locale.ROOT);
		if (TRUE.contains(normalized)) {
			return ConditionOutcome.match(PROPERTY + " is " + value);
		}
		if (FALSE.contains(normalized)) {
			return ConditionOutcome.noMatch(PROPERTY + " is " + value);
		}
		throw new InvalidConfigurationPropertyValueException(PROPERTY, value,
				"It must be true or false (false leaves the application exactly as without the starter).");
	}

}
