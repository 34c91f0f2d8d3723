package io.portreservation.test;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Enables a {@link Fixture} only in an engine started by {@link #engine()}.
 */
public class FixtureCondition implements ExecutionCondition {

	private static final String PARAMETER = "io.portreservation.test.fixtures";

	/**
	 * An engine that runs fixtures.
	 * @return the Jupiter engine with fixtures enabled
	 */
	public static EngineTestKit.Builder engine() {
		return EngineTestKit.engine("junit-jupiter").configurationParameter(PARAMETER, "true");
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return context.getConfigurationParameter(PARAMETER).map(Boolean::parseBoolean).orElse(false)
				? ConditionEvaluationResult.enabled("run by the test that launches it")
				: ConditionEvaluationResult.disabled("a fixture, run only by the test that launches it");
	}

}
