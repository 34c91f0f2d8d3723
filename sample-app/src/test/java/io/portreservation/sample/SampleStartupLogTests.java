package io.portreservation.sample;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.portreservation.testfixtures.ChildJvm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A normal start of the sample, as {@code java -jar} or {@code spring-boot:run} does it
 * in a JVM of its own, logs no WARN or ERROR line: a warning in a normal start is a bug.
 */
class SampleStartupLogTests {

	private static final Pattern WARN_OR_ERROR = Pattern.compile("\\b(WARN|ERROR)\\b");

	@Test
	void normalStartLogsNoWarningOrError() throws Exception {
		try (ChildJvm child = ChildJvm.launch(SampleApplication.class)
			.standardJvm()
			.mergeStderr()
			.jvmArgs("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED")
			.start()) {
			List<String> output = SampleAotTests.readUntilListening(child, Duration.ofSeconds(60));
			String log = String.join("\n", output);
			assertThat(log).contains("Reserved port");
			assertThat(output).as("the startup log:%n%s", log).noneMatch((line) -> WARN_OR_ERROR.matcher(line).find());
		}
	}

}
