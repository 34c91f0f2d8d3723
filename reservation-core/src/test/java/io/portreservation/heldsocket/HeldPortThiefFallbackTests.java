package io.portreservation.heldsocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HeldPortThiefTests} in a JVM without {@value DescriptorChannels#FLAG} (the
 * surefire execution {@code without-add-opens}): the fallback hand-offs, with their short
 * window, still never lose a port silently.
 */
@Tag("without-add-opens")
class HeldPortThiefFallbackTests extends HeldPortThiefTests {

	@BeforeAll
	static void runsWithoutTheFlag() {
		assertThat(DescriptorChannels.unavailableReason())
			.contains("IllegalAccessException: module java.base does not open sun.nio.ch");
	}

}
