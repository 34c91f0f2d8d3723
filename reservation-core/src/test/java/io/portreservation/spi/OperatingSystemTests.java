package io.portreservation.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OperatingSystem}: the names the JDK reports map to the system the
 * backends were written for.
 */
class OperatingSystemTests {

	@Test
	void namesTheJdkReportsMapToTheirSystem() {
		assertThat(OperatingSystem.of("Windows Server 2022")).isEqualTo(OperatingSystem.WINDOWS);
		assertThat(OperatingSystem.of("Windows 11")).isEqualTo(OperatingSystem.WINDOWS);
		assertThat(OperatingSystem.of("Mac OS X")).isEqualTo(OperatingSystem.MAC);
		assertThat(OperatingSystem.of("Linux")).isEqualTo(OperatingSystem.LINUX);
		assertThat(OperatingSystem.of("FreeBSD")).isEqualTo(OperatingSystem.OTHER);
		assertThat(OperatingSystem.of("")).isEqualTo(OperatingSystem.OTHER);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void thisJvmRunsOnLinux() {
		assertThat(OperatingSystem.current()).isEqualTo(OperatingSystem.LINUX);
		assertThat(OperatingSystem.LINUX.isCurrent()).isTrue();
		assertThat(OperatingSystem.WINDOWS.isCurrent()).isFalse();
	}

}
