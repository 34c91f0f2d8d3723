package io.portreservation.boot.autoconfigure;

import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.WildcardSearch;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.diagnostics.OverlappingBlocksException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties this starter adds for the wildcard search, and the refusal of invalid
 * values and unknown keys, each naming the property.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reserves with the held-socket backend's search")
@ExtendWith(OutputCaptureExtension.class)
class PortReservationPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class))
		.withPropertyValues("port-reservation.port-count=2");

	@Test
	void defaultsSearchTheDefaultRangeSkippingTheListedPorts() {
		this.contextRunner.run((context) -> {
			PortReservationProperties properties = context.getBean(PortReservationProperties.class);
			assertThat(properties.toWildcardSearch()).isEqualTo(WildcardSearch.DEFAULT);
			PortReservation block = context.getBean(PortAllocator.class).block();
			assertThat(block.firstPort()).isGreaterThanOrEqualTo(10000);
			assertThat(block.lastPort()).isLessThanOrEqualTo(29999);
		});
	}

	@Test
	void searchRangeAndSkipPortsPlaceEveryWildcardBlock() {
		this.contextRunner
			.withPropertyValues("port-reservation.search-range=21000-21199", "port-reservation.skip-ports=21010-21189",
					"port-reservation.blocks.second.port-count=2")
			.run((context) -> {
				for (PortReservation block : context.getBean(PortAllocator.class).blocks().values()) {
					PortRange ports = new PortRange(block.firstPort(), block.lastPort());
					assertThat(new PortRange(21000, 21199).contains(ports.first())).as("%s", ports).isTrue();
					assertThat(new PortRange(21000, 21199).contains(ports.last())).as("%s", ports).isTrue();
					assertThat(ports.overlaps(new PortRange(21010, 21189))).as("%s", ports).isFalse();
				}
			});
	}

	@Test
	void emptySkipPortsSkipsNone() {
		this.contextRunner.withPropertyValues("port-reservation.skip-ports=")
			.run((context) -> assertThat(
					context.getBean(PortReservationProperties.class).toWildcardSearch().skipPorts())
				.isEmpty());
	}

	@Test
	void wildcardBlocksAvoidTheApplicationsOwnFixedBlocks() {
		int free = PortReservationAutoConfigurationTests.freeBlockStart();
		// the only wildcard starts in the range would cover the fixed block, so none is
		// left
		this.contextRunner
			.withPropertyValues("port-reservation.search-range=" + free + "-" + (free + 3),
					"port-reservation.skip-ports=", "port-reservation.blocks.fixed.start-port=" + (free + 1),
					"port-reservation.blocks.fixed.port-count=2")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(PortReservationAutoConfigurationTests.messages(context.getStartupFailure()))
					.contains("search range " + free + "-" + (free + 3) + " is out of range")
					.doesNotContain("in use");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					port-reservation.search-range=0-100      | search-range must be a range of ports within 1..65535, first port first, was '0-100'
					port-reservation.search-range=20000-10000 | search-range must be a range of ports within 1..65535, first port first, was '20000-10000'
					port-reservation.search-range=10000-70000 | search-range must be a range of ports within 1..65535, first port first, was '10000-70000'
					port-reservation.search-range=low-high   | search-range must be a port such as 11211 or a range such as 27017-27019, was 'low-high'
					port-reservation.skip-ports=11211,x      | skip-ports must be a port such as 11211 or a range such as 27017-27019, was 'x'
					port-reservation.skip-ports=0            | skip-ports must be a range of ports within 1..65535, first port first, was '0'
					""")
	void invalidSearchValuesAreRefusedNamingTheProperty(String property, String message) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			BindException bind = findCause(context.getStartupFailure(), BindException.class);
			ConfigurationProperty bound = bind.getProperty();
			assertThat(bound).isNotNull();
			assertThat(bound.getName()).hasToString(property.substring(0, property.indexOf('=')));
			assertThat(PortReservationAutoConfigurationTests.messages(context.getStartupFailure())).contains(message);
		});
	}

	@Test
	void searchRangeThatCannotHoldTheBlockIsRefusedAtOnceNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("port-reservation.search-range=20000-20003", "port-reservation.skip-ports=",
					"port-reservation.port-count=8")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(PortReservationAutoConfigurationTests.messages(context.getStartupFailure()))
					.contains("search range 20000-20003 is out of range: allowed a range that holds 8 consecutive")
					.doesNotContain("timeout");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "maybe", "yes please", "2", "" })
	void enabledWithAValueThatIsNotABooleanFailsNamingIt(String value) {
		this.contextRunner.withPropertyValues("port-reservation.enabled=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("port-reservation.enabled")
				.hasMessageContaining("must be true or false");
		});
	}

	@ParameterizedTest
	@CsvSource({ "false,false", "off,false", "no,false", "true,true", "on,true", "yes,true" })
	void enabledAcceptsWhatTheBinderAcceptsForBooleans(String value, boolean reserves) {
		this.contextRunner.withPropertyValues("port-reservation.enabled=" + value)
			.run((context) -> assertThat(context.getBeansOfType(PortAllocator.class)).hasSize(reserves ? 1 : 0));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			port-reservation.show-token=maybe | port-reservation.show-token
			port-reservation.protocol=http     | port-reservation.protocol
			port-reservation.blocks.media.protocol=sctp | port-reservation.blocks.media.protocol
			port-reservation.backend=windows   | port-reservation.backend
			""")
	void invalidBooleanAndEnumValuesAreRefusedNamingTheProperty(String property, String name) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(PortReservationAutoConfigurationTests.messages(context.getStartupFailure())).contains(name);
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					port-reservation.enable=false                 | port-reservation.enable                  | port-reservation.enabled
					port-reservation.strat-port=20000             | port-reservation.strat-port              | port-reservation.start-port
					port-reservation.blocks.x.y.port-count=2      | port-reservation.blocks.x.y.port-count   | port-reservation.blocks.x.port-count
					port-reservation.blocks.media.prot-count=2    | port-reservation.blocks.media.prot-count | port-reservation.blocks.media.port-count
					port-reservation.skip-port=11211              | port-reservation.skip-port               | port-reservation.skip-ports
					""")
	void unknownKeysAreRefusedWithTheNearestValidKey(String property, String unknown, String nearest) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			UnboundConfigurationPropertiesException unbound = findCause(context.getStartupFailure(),
					UnboundConfigurationPropertiesException.class);
			assertThat(unbound.getUnboundProperties()).extracting((p) -> p.getName().toString()).contains(unknown);
			assertThat(io.portreservation.boot.diagnostics.DiagnosticsTestAccess.nearest(unknown)).isEqualTo(nearest);
		});
	}

	@Test
	void overlappingFixedBlocksAreRefusedBeforeAnythingIsReserved() {
		this.contextRunner
			.withPropertyValues("port-reservation.start-port=20000", "port-reservation.port-count=8",
					"port-reservation.blocks.media.start-port=20004", "port-reservation.blocks.media.port-count=8")
			.run((context) -> {
				assertThat(context).hasFailed();
				OverlappingBlocksException overlap = findCause(context.getStartupFailure(),
						OverlappingBlocksException.class);
				assertThat(overlap.getOverlap()).isEqualTo(new PortRange(20004, 20007));
			});
	}

	@Test
	void blocksOfDifferentProtocolsMayShareNumbers() {
		int start;
		try (PortReservation probe = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 2))) {
			start = probe.firstPort();
		}
		this.contextRunner
			.withPropertyValues("port-reservation.start-port=" + start,
					"port-reservation.blocks.media.start-port=" + start, "port-reservation.blocks.media.protocol=udp",
					"port-reservation.blocks.media.port-count=2")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void privilegedPortsAreReservedWithAWarning(CapturedOutput output) {
		// root reserves them; another user is refused: either way the warning comes first
		this.contextRunner.withPropertyValues("port-reservation.start-port=1022")
			.run((context) -> assertThat(output).contains("WARN")
				.contains("The port block 'default' (port-reservation.start-port=1022) "
						+ "holds privileged TCP ports 1022-1023, below 1024"));
	}

	@Test
	void unprivilegedBlocksLogNoWarning(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(output).doesNotContain("WARN"));
	}

	private static <T extends Throwable> T findCause(@Nullable Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
	}

}
