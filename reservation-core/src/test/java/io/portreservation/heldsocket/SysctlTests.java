package io.portreservation.heldsocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Sysctl}: the kernel's settings as the search reads them.
 */
class SysctlTests {

	@Test
	void numbersAreSplitOnAnyWhitespace() {
		assertThat(Sysctl.numbers("32768\t60999")).containsExactly(32768, 60999);
		assertThat(Sysctl.numbers("  1024  ")).containsExactly(1024);
		assertThat(Sysctl.numbers("1 2\t 3")).containsExactly(1, 2, 3);
	}

	@Test
	void aLineWithoutNumbersIsRefused() {
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> Sysctl.numbers(" \t"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> Sysctl.numbers("12 x"));
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void theEphemeralRangeIsReadAsTwoPorts() {
		int[] range = Sysctl.read("net/ipv4/ip_local_port_range");
		assertThat(range).hasSize(2);
		assertThat(range[0]).isBetween(1, range[1]);
		assertThat(Sysctl.read("net/ipv4/no_such_setting")).isNull();
	}

}
